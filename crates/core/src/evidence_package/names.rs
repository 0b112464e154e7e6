//! Names inside a 佐证材料包: each folder and file name Windows-safe (`file_names::safe_file_name`'s
//! rules) and short enough that the deepest path stays inside Windows' 260-character limit once
//! unpacked into a folder of the package's own name on the desktop; two files never share a path.

use crate::file_names::safe_file_name;
use std::collections::BTreeSet;

/// The most characters a folder's name keeps (the notice's numbering and the start of its title).
pub const FOLDER_CHARS: usize = 32;
/// The most characters a file's name keeps, its extension included.
pub const FILE_CHARS: usize = 60;
/// The most characters of a path inside the package: 3 folders and a file with their separators
/// (3 × 33 + 60 = 159), leaving about 100 for where it is unpacked (`C:\Users\…\Desktop\<zip name>\`).
pub const PATH_CHARS: usize = 160;

/// A name cut to `chars` characters (the extension kept whole), made safe; `fallback` when nothing
/// of it is left.
fn cut(stem: &str, extension: &str, chars: usize, fallback: &str) -> String {
    let room = chars.saturating_sub(extension.chars().count() + usize::from(!extension.is_empty())).max(1);
    let stem: String = stem.chars().take(room).collect();
    // `safe_file_name` names what has nothing left 自评报告: here that is the fallback.
    let safe = safe_file_name(&stem, "x");
    let safe_stem = safe.strip_suffix(".x").unwrap_or(&safe);
    let safe_stem = if safe_stem == "自评报告" && !stem.contains("自评报告") { fallback } else { safe_stem };
    if extension.is_empty() {
        safe_stem.to_owned()
    } else {
        format!("{safe_stem}.{extension}")
    }
}

/// A folder's name: `一、教育领导`, `（一）组织领导`, `A1.1 会议制度`.
pub fn folder_name(label: &str) -> String {
    cut(label.trim(), "", FOLDER_CHARS, "未命名")
}

/// The extension of a file name, lowercased and safe (`PDF` → `pdf`); empty when it has none.
pub fn extension_of(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension))
            if !stem.is_empty()
                && (1..=8).contains(&extension.chars().count())
                && extension.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            extension.to_ascii_lowercase()
        }
        _ => String::new(),
    }
}

/// A file's name without its extension: `会议纪要.pdf` → `会议纪要`.
pub fn stem_of(name: &str) -> &str {
    let extension = extension_of(name);
    if extension.is_empty() {
        name
    } else {
        &name[..name.len() - extension.len() - 1]
    }
}

/// `name` keeping the extension of `original` when it has none of its own (a file renamed to
/// `会议纪要（第5次）` stays a `.pdf`).
pub fn keeping_extension(name: &str, original: &str) -> String {
    let extension = extension_of(original);
    if extension_of(name).is_empty() && !extension.is_empty() {
        format!("{}.{extension}", name.trim())
    } else {
        name.trim().to_owned()
    }
}

/// A file's name in the package: `（12）-会议纪要.pdf` — the row's numbering, the document's title
/// (else the file's own name without its extension), the file's extension.
pub fn file_name(row_number: &str, title: &str, original: &str) -> String {
    let extension = extension_of(original);
    let original_stem = stem_of(original);
    let title = if title.trim().is_empty() { original_stem.trim() } else { title.trim() };
    let stem = if row_number.trim().is_empty() { title.to_owned() } else { format!("{}-{title}", row_number.trim()) };
    cut(&stem, &extension, FILE_CHARS, "材料")
}

/// Paths taken so far in a package, compared as Windows compares them (case-insensitively).
#[derive(Default)]
pub struct Paths {
    taken: BTreeSet<String>,
}

impl Paths {
    /// `path` itself when free, else with `（2）`, `（3）`… before its extension.
    pub fn claim(&mut self, folder: &str, name: &str) -> String {
        let extension = extension_of(name);
        let stem = if extension.is_empty() { name } else { &name[..name.len() - extension.len() - 1] };
        let mut candidate = format!("{folder}{name}");
        let mut number = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            let numbered = if extension.is_empty() {
                format!("{stem}（{number}）")
            } else {
                format!("{stem}（{number}）.{extension}")
            };
            candidate = format!("{folder}{numbered}");
            number += 1;
        }
        candidate
    }
}
