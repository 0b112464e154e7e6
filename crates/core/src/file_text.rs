//! One rule for text that goes into any file the app writes (.docx parts, tables, CSV sheets,
//! plain text, file names): characters a format forbids are dropped — and counted, so the
//! validator can say which field held them (`text-forbidden-char`, with a fix) before a file goes
//! out. The JSON of draft files carries every character (JSON escapes them), so a draft file
//! loses nothing.
//!
//! And one rule for CSV cells a spreadsheet would run as a formula (CSV injection, OWASP): they
//! are written with a leading `'`, which Excel and WPS show as text, and read back without it.

use std::borrow::Cow;

/// A character no file of ours may hold: what XML 1.0 forbids (C0 controls but tab, line feed and
/// carriage return; U+FFFE and U+FFFF), and the C1 controls and DEL, which mean nothing in a
/// report and break some readers.
pub fn is_forbidden(character: char) -> bool {
    match character {
        '\t' | '\n' | '\r' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}' => true,
        _ => false,
    }
}

/// The text without forbidden characters (borrowed when there are none, the usual case).
pub fn file_safe(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_forbidden) {
        Cow::Owned(text.chars().filter(|character| !is_forbidden(*character)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Where forbidden characters are in a text: byte ranges, one per character.
pub fn forbidden_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    text.char_indices()
        .filter(|(_, character)| is_forbidden(*character))
        .map(|(at, character)| at..at + character.len_utf8())
        .collect()
}

/// A cell a spreadsheet would take for a formula: starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return — unless it is a plain number (`-1.2` stays a number).
fn formula_like(cell: &str) -> bool {
    let Some(first) = cell.chars().next() else { return false };
    matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') && !is_plain_number(cell)
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    !digits.is_empty()
        && digits.chars().all(|character| character.is_ascii_digit() || character == '.')
        && digits.chars().filter(|character| *character == '.').count() <= 1
        && digits.chars().any(|character| character.is_ascii_digit())
}

/// Whether a cell gets a guarding `'`: formula-like, or already starting with `'` before something
/// that would be (so that reading strips exactly the quote writing added).
fn needs_guard(cell: &str) -> bool {
    formula_like(cell) || cell.strip_prefix('\'').is_some_and(needs_guard)
}

/// One CSV cell: forbidden characters dropped, a formula-like value guarded with `'`, quoted when
/// it holds a comma, a quote or a line break.
pub fn csv_cell(text: &str) -> String {
    let text = file_safe(text);
    let guarded = if needs_guard(&text) { format!("'{text}") } else { text.into_owned() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A cell as read back (unquoted): the guarding `'` that `csv_cell` added is taken off again.
pub fn csv_value(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_xml_forbids_is_dropped_and_nothing_else() {
        assert_eq!(file_safe("教育\u{FFFE}经费\u{1}\u{85}\u{7F}"), "教育经费");
        assert_eq!(file_safe("行一\n\t行二\r"), "行一\n\t行二\r");
        assert!(matches!(file_safe("普通文字😀\u{202E}"), Cow::Borrowed(_)), "bidi marks and emoji are text");
        assert_eq!(forbidden_ranges("a\u{FFFF}b\u{0}"), [1..4, 5..6]);
    }

    #[test]
    fn formulas_stay_text_and_numbers_stay_numbers() {
        for formula in ["=SUM(A1:A9)", "+1+2", "-2+3", "@cmd", "-abc", "\tx", "=1"] {
            let cell = csv_cell(formula);
            assert!(cell.starts_with('\'') || cell.starts_with("\"'"), "{formula:?} → {cell}");
        }
        for number in ["-1.2", "+7", "-0", "3.73", "12", "1:13", "", "教育经费"] {
            assert_eq!(csv_cell(number), number, "{number:?}");
        }
    }

    #[test]
    fn every_value_reads_back_as_written() {
        for value in ["=x", "'=x", "''=x", "'abc", "'", "-1", "-a", "@", "+", "普通", "a,b", "\"=q\""] {
            let cell = csv_cell(value);
            let unquoted = if let Some(inner) = cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
                inner.replace("\"\"", "\"")
            } else {
                cell.clone()
            };
            assert_eq!(csv_value(&unquoted), value, "{value:?} → {cell}");
        }
    }
}
