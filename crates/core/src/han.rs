//! Han characters and how reviewers count 字: small facts the validator, the parser and the app
//! share.

/// A CJK ideograph.
pub fn is_han(character: char) -> bool {
    matches!(character as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Characters as reviewers count 字: everything but whitespace.
pub fn character_count(text: &str) -> usize {
    text.chars().filter(|character| !character.is_whitespace()).count()
}
