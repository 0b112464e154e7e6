//! Reading the files a 督导室 adds: each draft file with the same checks as 导入草稿文件, against
//! the framework it names (one known here, one the collection holds, or the one it carries).

use super::Waiting;
use crate::draft::FrameworkRef;
use crate::draft_file::{carried_framework, read_draft_file, ImportError};
use crate::framework::Framework;
use crate::Draft;

/// What one file gave.
#[derive(Clone, Debug, PartialEq)]
pub enum FileRead {
    /// A draft, read against its framework (migrated to the current schema).
    Draft(Box<Draft>),
    /// A draft whose framework is not here and which does not carry it: kept to join later.
    Waiting(Waiting),
    /// A draft that carries a framework not here (checked as a framework file is): the caller
    /// keeps the framework, then reads the file again.
    CarriesFramework(Box<Framework>),
    /// A framework file (added so that waiting drafts join), checked.
    Framework(Box<Framework>),
    /// Not a draft that can be read, with why (in Chinese).
    Refused(String),
}

#[derive(serde::Deserialize)]
struct Named {
    framework: FrameworkRef,
}

/// Reads one draft file against the frameworks `known` (the browser's and the collection's).
pub fn read_file(file_name: &str, bytes: &[u8], known: &[&Framework]) -> FileRead {
    if bytes.len() > crate::draft_file::MAX_DRAFT_FILE_BYTES {
        return FileRead::Refused(ImportError::TooLarge { bytes: bytes.len() }.to_string());
    }
    let text = std::str::from_utf8(bytes).ok().map(|text| text.strip_prefix('\u{feff}').unwrap_or(text));
    let header = text.and_then(|text| serde_json::from_str::<crate::FileHeader>(text).ok());
    if let (Some(text), Some(header)) = (text, header) {
        if header.format == crate::framework::FRAMEWORK_FORMAT {
            return match Framework::from_json(text) {
                Ok(framework) => FileRead::Framework(Box::new(framework)),
                Err(error) => FileRead::Refused(error.to_string()),
            };
        }
    }
    let named = text.and_then(|text| serde_json::from_str::<Named>(text).ok());
    let by_id = named.as_ref().and_then(|named| known.iter().find(|framework| framework.id == named.framework.id));
    let framework = match by_id {
        Some(framework) => *framework,
        None => match carried_framework(bytes) {
            Err(error) => return FileRead::Refused(error.to_string()),
            Ok(Some(carried)) => match known.iter().find(|framework| framework.same_content_as(&carried)) {
                Some(framework) => *framework,
                None => return FileRead::CarriesFramework(Box::new(carried)),
            },
            // No framework named here or carried: reading says why (a draft of an unknown
            // framework, or no draft at all).
            Ok(None) => known.first().copied().unwrap_or_else(|| builtin()),
        },
    };
    match read_draft_file(bytes, framework) {
        // A department's part would stand for the whole unit: refused, with whose it is.
        Ok(preview) => match &preview.draft.part_of {
            Some(part) => FileRead::Refused(format!(
                "这是“{}”分发给{}的部分，不是完整的自评草稿：请由填报单位收回合并后，报送完整的草稿文件。",
                part.draft_name, part.department
            )),
            None => FileRead::Draft(Box::new(preview.draft)),
        },
        Err(ImportError::UnknownFramework { id, version }) => FileRead::Waiting(Waiting {
            file_name: file_name.to_owned(),
            text: String::from_utf8_lossy(bytes).into_owned(),
            framework_id: id,
            framework_version: version,
        }),
        Err(error) => FileRead::Refused(error.to_string()),
    }
}

fn builtin() -> &'static Framework {
    static BUILTIN: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(Framework::builtin)
}
