//! Backups: every draft of a browser, and the framework files they were made from, in one .zip —
//! before a computer is replaced or the browser's data is cleared — and back.
//!
//! Invariant: a backup holds each draft exactly as its draft file (so it can also be unpacked and
//! imported one file at a time); reading a backup changes nothing, and restoring never replaces a
//! stored draft: one already here is left alone, one that differs comes back as a copy.

use crate::draft::Draft;
use crate::draft_file::export_draft_json;
use crate::file_names::{draft_named, safe_file_name};
use std::collections::HashSet;
use std::fmt;

/// Larger files are refused: a backup of fifty drafts is well under a megabyte.
pub const MAX_BACKUP_BYTES: usize = crate::limits::BACKUP.bytes;
/// The folder of the archive that holds framework files.
const FRAMEWORK_FOLDER: &str = "指标体系/";
/// The folder of the archive that holds 佐证材料's files, each named by its SHA-256.
pub const EVIDENCE_FOLDER: &str = "佐证材料文件/";

/// A 佐证材料 file's name in a backup.
pub fn evidence_entry_name(sha256: &str) -> String {
    format!("{EVIDENCE_FOLDER}{sha256}")
}

/// The SHA-256 a backup's entry is a 佐证材料 file of, if it is one (64 hex digits).
pub fn evidence_hash_of(name: &str) -> Option<&str> {
    let hash = name.strip_prefix(EVIDENCE_FOLDER)?;
    (hash.len() == 64 && hash.bytes().all(|byte| byte.is_ascii_hexdigit())).then_some(hash)
}

/// `履职自评草稿备份-2024-01-05.zip`.
pub fn backup_file_name(local_date: &str) -> String {
    format!("履职自评草稿备份-{local_date}.zip")
}

/// The backup archive: one draft file per draft (names made unique), and each framework file
/// (`(id, text as brought)`) under `指标体系/`.
pub fn write_backup(drafts: &[Draft], frameworks: &[(String, String)]) -> Vec<u8> {
    let files = backup_files(drafts, frameworks);
    crate::zip_files::write_zip(files.iter().map(|(name, text)| (name.as_str(), text.as_str())))
}

/// The text files of a backup, `(name in the archive, text)`: a draft file per draft, then the
/// framework files (the app adds 佐证材料's files under `EVIDENCE_FOLDER` when it packs them).
pub fn backup_files(drafts: &[Draft], frameworks: &[(String, String)]) -> Vec<(String, String)> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut files: Vec<(String, String)> = Vec::new();
    for draft in drafts {
        // Named as the draft is named now, so renamed drafts are told apart in the archive.
        let name = draft_named(draft, "自评报告草稿", "json");
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name.as_str(), "json"));
        let unique = (1..)
            .map(|n| if n == 1 { name.clone() } else { format!("{stem}（{n}）.{extension}") })
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_default();
        taken.insert(unique.clone());
        files.push((unique, export_draft_json(draft)));
    }
    for (id, text) in frameworks {
        files.push((format!("{FRAMEWORK_FOLDER}{}", safe_file_name(id, "json")), text.clone()));
    }
    files
}

/// What a backup holds, unread: the app registers the frameworks first, then reads each draft
/// file as it reads one picked by hand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Backup {
    /// `(file name, bytes)` of each draft file.
    pub draft_files: Vec<(String, Vec<u8>)>,
    /// `(file name, text)` of each framework file.
    pub framework_files: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BackupError {
    TooLarge {
        bytes: usize,
    },
    /// Its files unpack to more than `limits::BACKUP_UNPACKED`, or one file to more than its kind
    /// may weigh.
    Unpacked(crate::limits::TooLarge),
    /// More files than `limits::BACKUP_FILES`.
    TooManyFiles {
        count: usize,
    },
    NotAnArchive,
    NoDrafts,
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::TooLarge { bytes } => {
                write!(f, "文件太大（{} MB），不是履职自评的草稿备份。", bytes / 1_048_576)
            }
            BackupError::Unpacked(refused) => write!(f, "{refused}"),
            BackupError::TooManyFiles { count } => write!(
                f,
                "备份中有{count}个文件，超过了上限{}个，未读取：履职自评的备份每份草稿一个文件。请确认选择的是履职自评导出的草稿备份（.zip）。",
                crate::limits::BACKUP_FILES
            ),
            BackupError::NotAnArchive => {
                write!(f, "这不是草稿备份（.zip）文件，或文件已损坏。单个草稿请用“导入草稿文件”。")
            }
            BackupError::NoDrafts => write!(f, "备份中没有草稿文件。"),
        }
    }
}

impl std::error::Error for BackupError {}

/// Unpacks a backup, in archive order. Files other than `.json` ones are left out (佐证材料's
/// files are the app's to restore, by slicing the archive); nothing is interpreted yet.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { bytes: bytes.len() });
    }
    let mut archive = crate::zip_files::open_zip(bytes).ok_or(BackupError::NotAnArchive)?;
    // Our backups name their files in UTF-8 (zip's UTF-8 flag), as the raw names are.
    let names: Vec<String> = archive
        .file_names_raw()
        .map(|raw| String::from_utf8_lossy(raw).into_owned())
        .filter(|name| is_text_entry(name))
        .collect();
    if names.len() > crate::limits::BACKUP_FILES {
        return Err(BackupError::TooManyFiles { count: names.len() });
    }
    // Sizes as the headers declare them first (refused before anything is inflated), then while
    // inflating, whatever they declared: at most the room left, and at most a file of its kind.
    let declared: Vec<(String, usize)> = names
        .into_iter()
        .map(|name| {
            let size = crate::zip_files::declared_size(&mut archive, &name).unwrap_or(0);
            (name, size)
        })
        .collect();
    check_declared(&declared)?;
    let mut files = Vec::new();
    let mut room = crate::limits::BACKUP_UNPACKED.bytes;
    for (name, _) in &declared {
        let content = crate::zip_files::read_entry(&mut archive, name, entry_limit(name).bytes.min(room))
            .map_err(|_| BackupError::NotAnArchive)?;
        room = room.saturating_sub(content.len());
        files.push((name.clone(), content));
    }
    backup_from_files(files)
}

/// Whether a backup's entry is one of its text files (a draft or a framework file).
pub fn is_text_entry(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

fn entry_limit(name: &str) -> crate::limits::Limit {
    if name.starts_with(FRAMEWORK_FOLDER) {
        crate::limits::FRAMEWORK_FILE
    } else {
        crate::limits::DRAFT_FILE
    }
}

/// The text entries' declared sizes, `(name, size)`, checked before any is read: their count,
/// their sum and each against its kind.
pub fn check_declared(declared: &[(String, usize)]) -> Result<(), BackupError> {
    if declared.len() > crate::limits::BACKUP_FILES {
        return Err(BackupError::TooManyFiles { count: declared.len() });
    }
    let unpacked = crate::limits::BACKUP_UNPACKED;
    unpacked
        .check(declared.iter().fold(0, |sum, (_, size)| sum.saturating_add(*size)))
        .map_err(BackupError::Unpacked)?;
    for (name, size) in declared {
        entry_limit(name).check(*size).map_err(BackupError::Unpacked)?;
    }
    Ok(())
}

/// A backup from its text entries as read, `(name, bytes)`: each within its kind's limit, all
/// together within `BACKUP_UNPACKED`; at least one draft.
pub fn backup_from_files(files: Vec<(String, Vec<u8>)>) -> Result<Backup, BackupError> {
    let unpacked = crate::limits::BACKUP_UNPACKED;
    let mut room = unpacked.bytes;
    let mut backup = Backup::default();
    for (name, content) in files {
        if content.len() > room {
            return Err(BackupError::Unpacked(crate::limits::TooLarge { limit: unpacked, bytes: unpacked.bytes + 1 }));
        }
        entry_limit(&name).check(content.len()).map_err(BackupError::Unpacked)?;
        room -= content.len();
        match name.strip_prefix(FRAMEWORK_FOLDER) {
            Some(_) => backup.framework_files.push((name, String::from_utf8_lossy(&content).into_owned())),
            None => backup.draft_files.push((name, content)),
        }
    }
    if backup.draft_files.is_empty() {
        return Err(BackupError::NoDrafts);
    }
    Ok(backup)
}

/// What restoring one draft of a backup does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restore {
    /// The same draft, with the same content, is already stored: nothing to do.
    AlreadyHere,
    /// No draft with its id is stored: it comes back as it was.
    AsItWas,
    /// A draft with its id is stored with other content: it comes back as a copy beside it.
    AsCopy,
}

/// How to restore `incoming`, given the stored draft with its id (if any).
pub fn restore_kind(stored: Option<&Draft>, incoming: &Draft) -> Restore {
    match stored {
        None => Restore::AsItWas,
        Some(stored) if stored == incoming => Restore::AlreadyHere,
        Some(_) => Restore::AsCopy,
    }
}
