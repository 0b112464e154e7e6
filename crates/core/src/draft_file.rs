//! Draft files: what colleagues send each other. Export writes the draft as pretty JSON with the
//! framework it was written against beside it (`framework_file`), so a colleague who has only the
//! draft opens it whole; import reads a file into a preview, refusing with a clear message
//! anything it cannot take, before anything in the app changes. A file from before (without its
//! framework) still reads where its framework is known.
//!
//! Invariant: `read_draft_file` never changes anything; the app decides (open as a new draft, or
//! replace the current one after backing it up) only after showing the preview.

use crate::draft::{Draft, DraftReadError};
use crate::framework::Framework;
use crate::status::checked_progress;
use std::fmt;

/// Larger files are refused: a real draft is tens of kilobytes.
pub const MAX_DRAFT_FILE_BYTES: usize = crate::limits::DRAFT_FILE.bytes;

/// The draft as a file: pretty-printed JSON, ending with a newline.
pub fn export_draft_json(draft: &Draft) -> String {
    let mut text = serde_json::to_string_pretty(draft).expect("a draft always serializes");
    text.push('\n');
    text
}

/// A draft file as sent: the draft with the framework it was written against (`framework_file`).
#[derive(serde::Serialize)]
struct DraftWithFramework<'a> {
    #[serde(flatten)]
    draft: &'a Draft,
    framework_file: &'a Framework,
}

/// The draft as a file to send, carrying its framework: pretty-printed JSON, ending with a newline.
pub fn export_draft_file(draft: &Draft, framework: &Framework) -> String {
    let mut text = serde_json::to_string_pretty(&DraftWithFramework { draft, framework_file: framework })
        .expect("a draft always serializes");
    text.push('\n');
    text
}

#[derive(serde::Deserialize)]
struct Carried {
    #[serde(default)]
    framework_file: Option<Framework>,
}

/// The framework a draft file carries, checked as a framework file is; `Ok(None)` for a file
/// without one (exported before files carried it) or one that is no draft file at all (reading
/// the draft says why).
pub fn carried_framework(bytes: &[u8]) -> Result<Option<Framework>, ImportError> {
    let Some(text) = std::str::from_utf8(bytes).ok().map(|text| text.strip_prefix('\u{feff}').unwrap_or(text)) else {
        return Ok(None);
    };
    let Ok(carried) = serde_json::from_str::<Carried>(text) else { return Ok(None) };
    let Some(framework) = carried.framework_file else { return Ok(None) };
    // Through the same checks as a file, so what a file carries is as sound as one brought alone.
    let text = serde_json::to_string(&framework).expect("a framework serializes");
    Framework::from_json(&text).map(Some).map_err(|error| ImportError::CarriedFramework { problem: error.to_string() })
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
    TooLarge {
        bytes: usize,
    },
    NotText,
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    WrongFormat {
        found: String,
    },
    NewerSchema {
        found: u32,
    },
    /// Written against a framework this browser does not have, and the file does not carry it.
    UnknownFramework {
        id: String,
        version: String,
    },
    /// The framework the file carries is refused (why, in Chinese).
    CarriedFramework {
        problem: String,
    },
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
            ImportError::UnknownFramework { version, .. } => write!(
                f,
                "这份草稿所用的指标体系（版本{version}）不在本浏览器中，草稿文件也没有附带它（由较早版本的程序导出）。请向发送草稿的同事要一份指标体系文件（草稿管理 → 指标体系 → 导出指标体系文件），在“从指标体系文件新建”中打开后，再导入这份草稿；也可请同事用新版程序重新导出草稿文件，它会附带指标体系。请保留这份草稿文件。"
            ),
            ImportError::CarriedFramework { problem } => {
                write!(f, "草稿文件附带的指标体系无法使用：{problem}")
            }
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
        // The framework the file carries, kept here under another id (the same content was already
        // here, or another framework of its id is): the draft is read against it, under that id.
        let carried = carried_framework(bytes)?;
        if !carried.is_some_and(|carried| carried.same_content_as(framework)) {
            return Err(ImportError::UnknownFramework { id: draft.framework.id, version: draft.framework.version });
        }
        draft.framework = crate::draft::FrameworkRef { id: framework.id.clone(), version: framework.version.clone() };
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
