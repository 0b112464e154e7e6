//! Names of the files the app writes: safe on every system the files travel to (Windows above
//! all: no `\ / : * ? " < > |`, no control characters, no reserved device names such as `CON`,
//! no trailing dot or space, at most 255 bytes), and telling one file from another.

use crate::draft::Draft;

/// The most bytes a file name may have on the common file systems (NTFS counts UTF-16 units, ext4
/// and APFS bytes; 255 UTF-8 bytes is within both).
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// Windows refuses these as names, with any extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A character a file name cannot hold, or should not: path separators and Windows' reserved
/// marks, controls, non-characters, and the invisible marks that reorder text (a name could
/// otherwise show an extension it does not have).
fn forbidden(character: char) -> bool {
    matches!(character, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        || character.is_control()
        || matches!(character, '\u{FFFE}' | '\u{FFFF}' | '\u{FEFF}')
        || matches!(character, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `title.extension` with everything unsafe removed; `自评报告.extension` when nothing is left.
pub fn safe_file_name(title: &str, extension: &str) -> String {
    let cleaned: String = title.chars().filter(|character| !forbidden(*character)).collect();
    let mut stem = cleaned.trim().trim_end_matches(['.', ' ']).trim().to_owned();
    if stem.is_empty() {
        stem = "自评报告".to_owned();
    }
    let base = stem.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|reserved| reserved.eq_ignore_ascii_case(base)) {
        stem.insert(0, '_');
    }
    let room = MAX_FILE_NAME_BYTES - extension.len() - 1;
    if stem.len() > room {
        let mut end = room;
        while !stem.is_char_boundary(end) {
            end -= 1;
        }
        stem.truncate(end);
        let trimmed = stem.trim_end_matches(['.', ' ']).len();
        stem.truncate(trimmed);
    }
    format!("{stem}.{extension}")
}

/// What a draft's files are named after: the name the user gave it, or its region and year.
fn draft_stem(draft: &Draft, what: &str) -> String {
    if !draft.name.trim().is_empty() {
        return draft.name.trim().to_owned();
    }
    let region = draft.meta.region.trim();
    let region = if region.is_empty() { "未命名地区" } else { region };
    format!("{region}{}年{what}", draft.meta.year.trim())
}

/// A file named after the draft: `资阳市2023年{what}.{extension}`, or after the draft's own name.
pub fn draft_named(draft: &Draft, what: &str, extension: &str) -> String {
    safe_file_name(&draft_stem(draft, what), extension)
}

/// A draft file as sent to colleagues: named after the draft and stamped with the local time of
/// the export (`20240105-1630`), so that a file coming back is never confused with the one sent.
pub fn draft_file_name(draft: &Draft, stamp: &str) -> String {
    let stem = draft_stem(draft, "自评报告草稿");
    let stamp = stamp.trim();
    safe_file_name(&if stamp.is_empty() { stem } else { format!("{stem}-{stamp}") }, "json")
}

/// A framework file: its title, version and the date it was exported (`2024-01-05`), so two
/// versions of one framework — or one exported twice — are never confused.
pub fn framework_file_name(framework: &crate::framework::Framework, date: &str) -> String {
    safe_file_name(&format!("{}（指标体系 版本{}）{}", framework.title, framework.version, date.trim()), "json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::Framework;

    #[test]
    fn two_versions_of_a_framework_get_distinct_file_names() {
        let first = Framework::builtin();
        let second = crate::framework_edit::new_version(&first, &[]);
        let (one, two) = (framework_file_name(&first, "2025-03-01"), framework_file_name(&second, "2025-03-01"));
        assert_ne!(one, two);
        assert!(two.contains("版本2") && two.ends_with("2025-03-01.json"), "{two}");
    }

    #[test]
    fn unsafe_characters_and_edges_are_removed() {
        assert_eq!(safe_file_name("2023年x/y:z人民政府", "docx"), "2023年xyz人民政府.docx");
        assert_eq!(safe_file_name("  报告. . ", "txt"), "报告.txt");
        assert_eq!(safe_file_name("a\u{202E}fdp.exe\u{FFFE}\u{0}", "json"), "afdp.exe.json");
        assert_eq!(safe_file_name("???", "csv"), "自评报告.csv");
    }

    #[test]
    fn windows_device_names_are_never_produced() {
        for name in ["CON", "nul", "Com1", "LPT9", "aux.tar"] {
            let safe = safe_file_name(name, "json");
            assert!(safe.starts_with('_'), "{safe}");
        }
        assert_eq!(safe_file_name("CONSOLE", "json"), "CONSOLE.json");
    }

    #[test]
    fn a_long_name_fits_in_255_bytes_at_a_character_boundary() {
        let name = safe_file_name(&"资阳市".repeat(100), "docx");
        assert!(name.len() <= MAX_FILE_NAME_BYTES, "{}", name.len());
        assert!(name.ends_with(".docx"));
        assert!(name.starts_with("资阳市"));
    }

    #[test]
    fn a_draft_file_carries_the_draft_name_and_the_export_time() {
        let framework = Framework::builtin();
        let mut draft = Draft::new(&framework, "d".into(), "t".into());
        draft.meta.region = "资阳市".into();
        draft.meta.year = "2023".into();
        assert_eq!(draft_file_name(&draft, "20240105-1630"), "资阳市2023年自评报告草稿-20240105-1630.json");
        assert_eq!(draft_named(&draft, "自评数据填报表", "csv"), "资阳市2023年自评数据填报表.csv");
        draft.name = "第二稿（教育局）".into();
        assert_eq!(draft_file_name(&draft, "20240105-1630"), "第二稿（教育局）-20240105-1630.json");
    }
}
