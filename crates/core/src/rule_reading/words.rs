//! Reading numbers and amounts out of the Chinese of scoring rules: "扣0.5分", "每少一次",
//! "最高3分", "不少于4次", "低于90%", full-width digits and small Chinese numerals (一, 两, 十二).

/// The text with full-width digits, ％ and ． made ASCII; everything else as it is (sentence
/// marks included, unlike the figure reader's mapping).
pub fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|character| match character {
            '０'..='９' => char::from_u32(character as u32 - '０' as u32 + '0' as u32).unwrap_or(character),
            '．' => '.',
            '％' => '%',
            '～' | '〜' => '~',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

fn han_digit(character: char) -> Option<u32> {
    Some(match character {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A number at the start of `text` (after blanks): ASCII digits with at most one decimal point, or
/// a Chinese numeral up to 99 ("十二", "二十", "两", "半" as 0.5). Returns the value and the bytes
/// read (blanks included).
pub fn number_at(text: &str) -> Option<(f64, usize)> {
    let start = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[start..];
    let ascii: usize = rest
        .char_indices()
        .take_while(|(at, character)| {
            character.is_ascii_digit()
                || (*character == '.' && *at > 0 && rest[at + 1..].starts_with(|next: char| next.is_ascii_digit()))
        })
        .map(|(_, character)| character.len_utf8())
        .sum();
    if ascii > 0 {
        return crate::figure::parse_decimal(&rest[..ascii]).map(|value| (value, start + ascii));
    }
    if let Some(after) = rest.strip_prefix('半') {
        // "半分" is 0.5 point; "半年" is not a number we read.
        if after.starts_with('分') {
            return Some((0.5, start + '半'.len_utf8()));
        }
        return None;
    }
    let mut chars = rest.chars().peekable();
    let mut value: Option<u32> = None;
    let mut length = 0;
    while let Some(&character) = chars.peek() {
        if character == '十' {
            // 十 = 10, 二十 = 20, 十二 = 12.
            value = Some(value.unwrap_or(1) * 10);
        } else if let Some(digit) = han_digit(character) {
            value = Some(match value {
                Some(tens) if tens % 10 == 0 && tens > 0 => tens + digit,
                Some(_) => return None,
                None => digit,
            });
        } else {
            break;
        }
        length += character.len_utf8();
        chars.next();
    }
    value.map(|value| (f64::from(value), start + length))
}

/// Every `word` + number + `unit` in `text`: the numbers, in order. Blanks between are allowed;
/// `optional` words may stand between `word` and the number ("扣除", "为", "共").
pub fn numbers_after(text: &str, word: &str, unit: &str) -> Vec<f64> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(word).map(|at| at + from) {
        let mut after = at + word.len();
        for filler in ["除", "为", "共", "计", "至", "到"] {
            if text[after..].trim_start().starts_with(filler) {
                after += text[after..].len() - text[after..].trim_start().len() + filler.len();
                break;
            }
        }
        if let Some((value, length)) = number_at(&text[after..]) {
            if text[after + length..].trim_start().starts_with(unit) {
                found.push(value);
            }
        }
        from = at + word.len();
    }
    found
}

/// The first number after any of `words`, followed by `unit`.
pub fn first_after(text: &str, words: &[&str], unit: &str) -> Option<f64> {
    words
        .iter()
        .filter_map(|word| {
            let at = text.find(word)?;
            numbers_after(&text[at..], word, unit).first().map(|value| (at, *value))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, value)| value)
}

/// A cap written anywhere in `text`: "最高3分", "累计不超过3分", "加分上限3分", "最多加3分",
/// "封顶3分", "限3分", "（3分）" at the end of a title.
pub fn cap_in(text: &str) -> Option<f64> {
    let text = ascii_digits(text);
    let words = [
        "最高加",
        "最多加",
        "最高",
        "最多",
        "不超过",
        "不得超过",
        "不高于",
        "上限为",
        "上限",
        "封顶",
        "限加",
        "限",
        "最多扣",
        "累计扣",
    ];
    first_after(&text, &words, "分")
}

/// Every amount of points deducted in `text` ("扣0.5分", "倒扣1分", "减2分").
pub fn deducted_amounts(text: &str) -> Vec<f64> {
    let text = ascii_digits(text);
    let mut found = numbers_after(&text, "扣", "分");
    found.extend(numbers_after(&text, "减", "分"));
    found
}

/// Every amount of points added in `text` ("加0.5分", "加2分").
pub fn added_amounts(text: &str) -> Vec<f64> {
    numbers_after(&ascii_digits(text), "加", "分")
}

/// Splits text into sentences and list entries: at 。；;！? and line breaks, keeping each piece
/// trimmed and non-empty.
pub fn sentences(text: &str) -> Vec<String> {
    text.split(['。', '；', ';', '\n', '！', '？'])
        .map(|piece| piece.trim().to_owned())
        .filter(|piece| !piece.is_empty())
        .collect()
}

/// Numbering at the start of a list entry taken off: "（一）", "1.", "1、", "①", "(1)".
pub fn without_numbering(text: &str) -> &str {
    let text = text.trim();
    if let Some(first) = text.chars().next() {
        if ('①'..='⑳').contains(&first) {
            return text[first.len_utf8()..].trim_start();
        }
    }
    match crate::parse::structure::heading_numbering(text) {
        Some((_, _, length)) => text[length..].trim_start(),
        None => text,
    }
}

/// Points as the framework keeps them, when `value` fits (non-negative, at most three decimals).
pub fn points_of(value: f64) -> Option<crate::points::Points> {
    let thousandths = (value * 1000.0).round();
    (value >= 0.0 && (value * 1000.0 - thousandths).abs() < 1e-6 && thousandths < 1e12)
        .then(|| crate::points::Points::from_thousandths(thousandths as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_digits_full_width_and_chinese() {
        assert_eq!(number_at("0.5分"), Some((0.5, 3)));
        assert_eq!(number_at(" 12次"), Some((12.0, 3)));
        assert_eq!(number_at("两次"), Some((2.0, 3)));
        assert_eq!(number_at("十二个"), Some((12.0, 6)));
        assert_eq!(number_at("二十分"), Some((20.0, 6)));
        assert_eq!(number_at("半分"), Some((0.5, 3)));
        assert_eq!(number_at("次"), None);
        assert_eq!(number_at("3.分"), Some((3.0, 1)));
    }

    #[test]
    fn amounts_and_caps() {
        assert_eq!(deducted_amounts("每少１次扣０．２分，扣完为止"), [0.2]);
        assert_eq!(deducted_amounts("未制定扣1.5分；未分解扣 0.5 分"), [1.5, 0.5]);
        assert_eq!(added_amounts("国家级加2分，省级加1分"), [2.0, 1.0]);
        assert_eq!(cap_in("附加分（最高3分）"), Some(3.0));
        assert_eq!(cap_in("每获1项加0.5分，累计不超过3分"), Some(3.0));
        assert_eq!(cap_in("加分上限3分"), Some(3.0));
        assert_eq!(cap_in("加分项目（加分不超过4分）"), Some(4.0));
        assert_eq!(cap_in("创新加分"), None);
        assert_eq!(without_numbering("（二）发生重大事故的"), "发生重大事故的");
        assert_eq!(without_numbering("②弄虚作假"), "弄虚作假");
    }
}
