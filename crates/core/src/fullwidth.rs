//! Numbers as people type them with a Chinese input method: full-width digits and marks made
//! ASCII. Shared by figures and scores; depends on nothing.

/// Full-width digits and punctuation typed with a Chinese input method, made ASCII, and trimmed.
pub fn to_ascii_number_text(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|character| match character {
            '０'..='９' => char::from_u32(character as u32 - '０' as u32 + '0' as u32).unwrap_or(character),
            '．' | '。' => '.',
            '－' | '—' => '-',
            '：' => ':',
            '＋' => '+',
            '％' => '%',
            other => other,
        })
        .collect()
}
