//! An indicator's name as a table writes it: numbering before it ("一、", "（一）", "1.", "A1",
//! "B1.2"), points after it ("（25分）", "(25分)", "25分").

use crate::points::Points;

/// The title without its numbering and stated points, and the points.
pub fn split_title(text: &str) -> (String, Option<Points>) {
    let (_, title, points) = split_numbered_title(text);
    (title, points)
}

/// The numbering as written ("一、", "（12）", "A1"), the title without it and its stated points,
/// and the points.
pub fn split_numbered_title(text: &str) -> (String, String, Option<Points>) {
    // A name broken over lines in its cell is one name.
    let joined: String = text.lines().map(str::trim).collect();
    let text = joined.trim();
    let rest = strip_numbering(text);
    let number = text[..text.len() - rest.len()].trim().to_owned();
    let (rest, points) = strip_points(rest);
    (number, rest.trim().trim_end_matches(['。', '：', ':']).trim().to_owned(), points)
}

fn strip_numbering(text: &str) -> &str {
    if let Some((_, _, length)) = crate::parse::structure::heading_numbering(text) {
        return text[length..].trim_start();
    }
    // A1, B2, C1.2, A1、 — a Latin letter, digits and dots, then a mark or a space.
    let mut chars = text.char_indices();
    if let Some((_, first)) = chars.next() {
        if first.is_ascii_uppercase() {
            let rest = &text[1..];
            let code_length = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').count();
            if code_length > 0 && rest[..code_length].starts_with(|c: char| c.is_ascii_digit()) {
                let after = &rest[code_length..];
                let after = after.trim_start_matches(['、', '．', '.', ' ', '\u{3000}', '：', ':']);
                if after.len() < rest[code_length..].len() || after.starts_with(|c: char| !c.is_ascii()) {
                    return after;
                }
            }
        }
    }
    text
}

fn strip_points(text: &str) -> (&str, Option<Points>) {
    let trimmed = text.trim_end();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = trimmed.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let inside = inner[at + open.len_utf8()..].trim();
                if let Some(number) = inside.strip_suffix('分') {
                    if let Ok(Some(points)) = Points::parse(number.trim()) {
                        return (&inner[..at], Some(points));
                    }
                }
            }
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (String, Option<String>) {
        let (title, points) = split_title(text);
        (title, points.map(|points| points.to_string()))
    }

    #[test]
    fn numbering_and_points_are_taken_off() {
        assert_eq!(split("一、教育领导（25分）"), ("教育领导".into(), Some("25".into())));
        assert_eq!(split("（一）组织领导(10分)"), ("组织领导".into(), Some("10".into())));
        assert_eq!(split("1.领导小组会议（2分）"), ("领导小组会议".into(), Some("2".into())));
        assert_eq!(split("A1 党的领导（20分）"), ("党的领导".into(), Some("20".into())));
        assert_eq!(split("B1.2、经费保障（1.5分）"), ("经费保障".into(), Some("1.5".into())));
        assert_eq!(split("落实“两个只增不减”"), ("落实“两个只增不减”".into(), None));
        assert_eq!(split("ABC教学"), ("ABC教学".into(), None));
    }

    #[test]
    fn the_numbering_is_kept_as_written() {
        let number = |text: &str| split_numbered_title(text).0;
        assert_eq!(number("一、教育领导（25分）"), "一、");
        assert_eq!(number("（12）会议制度"), "（12）");
        assert_eq!(number("1.领导小组会议"), "1.");
        assert_eq!(number("A1 党的领导"), "A1");
        assert_eq!(number("B1.2、经费保障"), "B1.2、");
        assert_eq!(number("落实经费"), "");
    }
}
