//! Draft files: what colleagues send each other. Export writes the draft as pretty JSON; import
//! reads a file into a preview, refusing with a clear message anything it cannot take, before
//! anything in the app changes.
//!
//! Invariant: `read_draft_file` never changes anything; the app decides (open as a new draft, or
//! replace the current one after backing it up) only after showing the preview.

use crate::draft::{Draft, DraftReadError};
use crate::framework::Framework;
use crate::status::checked_progress;
use std::fmt;

/// Larger files are refused: a real draft is tens of kilobytes.
pub const MAX_DRAFT_FILE_BYTES: usize = 5 * 1024 * 1024;

/// The draft as a file: pretty-printed JSON, ending with a newline.
pub fn export_draft_json(draft: &Draft) -> String {
    let mut text = serde_json::to_string_pretty(draft).expect("a draft always serializes");
    text.push('\n');
    text
}

/// What a file holds, shown before the user decides.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    /// Already migrated to the current schema.
    pub draft: Draft,
    pub migrated_from: Option<u32>,
    pub region: String,
    pub year: String,
    pub done_items: usize,
    pub total_items: usize,
    pub problems: usize,
    pub measures: usize,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    Empty,
    TooLarge { bytes: usize },
    NotText,
    Syntax { line: usize, column: usize, detail: String },
    WrongFormat { found: String },
    NewerSchema { found: u32 },
    UnknownFramework { id: String, version: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "文件是空的。"),
            ImportError::TooLarge { bytes } => write!(
                f,
                "文件太大（{:.1} MB），草稿文件不会超过{} MB，请确认选择的是履职自评导出的草稿。",
                *bytes as f64 / 1_048_576.0,
                MAX_DRAFT_FILE_BYTES / 1_048_576
            ),
            ImportError::NotText => write!(f, "这不是文本文件（可能是 Word 或压缩文件），请选择履职自评导出的 .json 草稿文件。"),
            ImportError::Syntax { line, column, detail } => {
                write!(f, "文件内容不完整或已损坏，第{line}行第{column}列无法解析（{detail}）。")
            }
            ImportError::WrongFormat { found } if found.is_empty() => {
                write!(f, "这不是履职自评的草稿文件（缺少 format 字段）。")
            }
            ImportError::WrongFormat { found } => write!(f, "这不是履职自评的草稿文件（文件类型为“{found}”）。"),
            ImportError::NewerSchema { found } => write!(
                f,
                "该草稿由更新版本的履职自评保存（格式版本{found}），本程序无法打开，请更新本程序后再导入。"
            ),
            ImportError::UnknownFramework { id, version } => write!(
                f,
                "该草稿使用的指标体系“{id}”（版本{version}）与本程序的不同，暂无法打开。请确认双方使用同一年度、同一层级的指标体系。"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a draft file into a preview, or says why it cannot be taken.
pub fn read_draft_file(bytes: &[u8], framework: &Framework) -> Result<ImportPreview, ImportError> {
    if bytes.len() > MAX_DRAFT_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Cut off inside a character: a truncated file, whose parse error says where it ends.
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return Err(ImportError::NotText),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(ImportError::NotText);
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut draft = Draft::from_json(text).map_err(|error| match error {
        DraftReadError::Syntax { line, column, detail } => ImportError::Syntax { line, column, detail },
        DraftReadError::WrongFormat { found } => ImportError::WrongFormat { found },
        DraftReadError::NewerSchema { found } => ImportError::NewerSchema { found },
    })?;
    if draft.framework.id != framework.id {
        return Err(ImportError::UnknownFramework { id: draft.framework.id, version: draft.framework.version });
    }
    let migrated_from = draft.migrate(framework);
    let progress = checked_progress(framework, &draft);
    Ok(ImportPreview {
        region: draft.meta.region.clone(),
        year: draft.meta.year.clone(),
        done_items: progress.done,
        total_items: progress.total,
        problems: draft.problems.len(),
        measures: draft.measures.len(),
        updated_at: draft.updated_at.clone(),
        migrated_from,
        draft,
    })
}
