//! What the app tells the user about what they just did, in one place: the notice area under the
//! toolbar (a live region). Every action reports its outcome here — done, or failed with a typed
//! error — and no error is dropped: `let _ =` on a `Result` is only used with a comment saying why.

use leptos::prelude::*;
use lvzhi_core::backup::BackupError;
use lvzhi_core::draft_file::ImportError;
use lvzhi_core::figures_sheet::SheetError;
use lvzhi_core::parse::ParseError;
use lvzhi_core::FrameworkError;
use lvzhi_storage::StorageError;
use std::fmt;

/// Everything that can go wrong at the app's edge, each with its Chinese explanation.
#[derive(Clone, Debug, PartialEq)]
pub enum AppError {
    Storage(StorageError),
    /// The open draft holds edits that could not be written; leaving it now would lose them.
    UnsavedEdits(Option<StorageError>),
    /// localStorage cannot be used, and the action needs it.
    NoStorage,
    Import(ImportError),
    Parse(ParseError),
    Framework(FrameworkError),
    Backup(BackupError),
    Sheet(SheetError),
    /// A file could not be offered, read, or put on the clipboard.
    File(FileError),
    /// What an undo would restore was changed since; nothing was done.
    Outdated(&'static str),
    /// A file picked as an indicator table holds no table.
    NoTable,
    /// A file picked as an indicator table is in a format the app cannot read (.doc, .xls, .wps).
    OldFormat,
    /// A framework that drafts use cannot be deleted (they name how many).
    FrameworkInUse(usize),
    /// An edit the core refused, with its reason in Chinese.
    Refused(String),
}

/// What the browser refused about a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    Download,
    Read,
    NotUtf8,
    Clipboard,
    /// Over its limit, refused before it was read.
    TooLarge(lvzhi_core::limits::TooLarge),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            FileError::TooLarge(refused) => return write!(f, "{refused}"),
            FileError::Download => "浏览器未能生成下载文件，请重试；如仍不行，请检查浏览器是否禁止了下载。",
            FileError::Read => "无法读取该文件，请确认文件未被其他程序占用或移动。",
            FileError::NotUtf8 => "文件不是 UTF-8 编码的文字，请在 WPS 或记事本中“另存为 UTF-8”后再选择。",
            FileError::Clipboard => "浏览器不允许本页写入剪贴板（经 http 访问的内网页面即是如此），请改用下载的文件。",
        };
        f.write_str(text)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Storage(error) => write!(f, "{error}"),
            // The banner above says what went wrong with saving; this says what it means here.
            AppError::UnsavedEdits(_) => {
                write!(f, "当前草稿有修改还没能保存，为免丢失，没有切换。请先按页面上方的提示处理保存问题。")
            }
            AppError::NoStorage => write!(f, "浏览器的本地存储不可用，无法保存草稿；请先导出草稿文件。"),
            AppError::Import(error) => write!(f, "{error}当前草稿未改变。"),
            AppError::Parse(error) => write!(f, "{error}"),
            AppError::Framework(error) => write!(f, "{error}"),
            AppError::Backup(error) => write!(f, "{error}"),
            AppError::Sheet(error) => write!(f, "{error}"),
            AppError::File(error) => write!(f, "{error}"),
            AppError::Outdated(what) => write!(f, "{what}"),
            AppError::Refused(why) => write!(f, "{why}"),
            AppError::FrameworkInUse(count) => write!(
                f,
                "有{count}份草稿使用这个指标体系，不能删除：请先删除这些草稿，或把它们更换到其他指标体系。"
            ),
            AppError::NoTable => write!(
                f,
                "这个文件中没有表格：指标表通常在通知的附件里。请选择含指标表的那个附件，或在 Word、WPS、Excel 中选中指标表复制后粘贴到上面的框里。"
            ),
            AppError::OldFormat => write!(
                f,
                "不能直接读取旧版 .doc、.wps 或 Excel 的 .xls、.xlsx 文件：请在 Word 或 WPS 中另存为 .docx（Excel 另存为 CSV）后选择，或选中指标表复制后粘贴到上面的框里。"
            ),
        }
    }
}

impl From<StorageError> for AppError {
    fn from(error: StorageError) -> AppError {
        AppError::Storage(error)
    }
}

impl From<FileError> for AppError {
    fn from(error: FileError) -> AppError {
        AppError::File(error)
    }
}

/// One message of the notice area.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

/// The notice area's state; lives with the session, so a notice about opening a draft survives
/// the form being rebuilt for it.
#[derive(Clone, Copy)]
pub struct Notices {
    pub current: RwSignal<Option<Notice>>,
}

impl Notices {
    pub fn new() -> Notices {
        Notices { current: RwSignal::new(None) }
    }

    pub fn done(&self, text: impl Into<String>) {
        self.current.set(Some(Notice::Done(text.into())));
    }

    pub fn failed(&self, error: &AppError) {
        self.current.set(Some(Notice::Failed(error.to_string())));
    }

    /// Shows an action's outcome: its success text, or its error.
    pub fn report(&self, outcome: Result<String, AppError>) {
        match outcome {
            Ok(text) => self.done(text),
            Err(error) => self.failed(&error),
        }
    }

    /// Shows the error, if any (a switch of drafts announces its own success).
    pub fn report_error(&self, outcome: Result<(), AppError>) {
        if let Err(error) = outcome {
            self.failed(&error);
        }
    }

    pub fn dismiss(&self) {
        self.current.set(None);
    }
}
