//! Scanners over one text: each finds every occurrence of one kind of mistake, as byte ranges.
//! Pure functions of the text, so each is tested on its own.

pub use crate::han::{character_count, is_han};
use std::ops::Range;

/// Full-width or Chinese punctuation (，。、；：“”《》（）…—·).
pub fn is_chinese_punctuation(character: char) -> bool {
    matches!(character as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201D | 0x2014 | 0x2026 | 0x00B7)
}

/// Han or Chinese punctuation: text around which half-width punctuation is out of place.
pub fn is_chinese(character: char) -> bool {
    is_han(character) || is_chinese_punctuation(character)
}

/// What a leftover blank stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlankKind {
    /// `x`: a number.
    Number,
    /// `xx`: a name (市, 省, 学院…).
    Name,
    /// `20xx`: a year.
    Year,
}

/// Leftover 范文 blanks: runs of `x` (or full-width `ｘ`) standing alone. `1+X`, Latin words and
/// an `x` inside Latin text are not blanks.
pub fn blanks(text: &str) -> Vec<(Range<usize>, BlankKind)> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let is_x = |character: char| character == 'x' || character == 'ｘ';
    let mut found = Vec::new();
    let mut index = 0;
    while index < characters.len() {
        if !is_x(characters[index].1) {
            index += 1;
            continue;
        }
        let start = index;
        while index < characters.len() && is_x(characters[index].1) {
            index += 1;
        }
        let before = start.checked_sub(1).map(|at| characters[at].1);
        let after = characters.get(index).map(|&(_, character)| character);
        let latin = |character: Option<char>| character.is_some_and(|c| c.is_ascii_alphabetic());
        if latin(before) || latin(after) {
            continue;
        }
        let run = index - start;
        let end_byte = characters.get(index).map(|&(at, _)| at).unwrap_or(text.len());
        let year_prefix = start >= 2 && characters[start - 2].1 == '2' && characters[start - 1].1 == '0';
        let starts_number = start >= 3 && characters[start - 3].1.is_ascii_digit();
        if run == 2 && year_prefix && !starts_number {
            found.push((characters[start - 2].0..end_byte, BlankKind::Year));
        } else if run == 1 && !before.is_some_and(|c| c.is_ascii_digit() || c == '+') {
            found.push((characters[start].0..end_byte, BlankKind::Number));
        } else if run == 1 {
            // `3x`: a multiplier or a typo inside a number, not a 范文 blank; `1+x` is a term.
        } else {
            found.push((characters[start].0..end_byte, BlankKind::Name));
        }
    }
    found
}

/// The full-width form of a half-width punctuation mark that Chinese text should not contain.
pub fn full_width_of(character: char) -> Option<char> {
    Some(match character {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Half-width `, ; : ? ! ( )` used in Chinese text, with the full-width replacement. Kept:
/// marks between digits (`1,000`, `10:30`), English-style marks (after a Latin letter or digit and
/// before a space or the end: `Hello, world`), parentheses around Latin-only content with no
/// Chinese beside them, and everything in a text with no Chinese at all.
pub fn half_width_punctuation(text: &str) -> Vec<(Range<usize>, char)> {
    if !text.chars().any(is_han) {
        return Vec::new();
    }
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |index: isize| -> Option<char> {
        (index >= 0).then(|| characters.get(index as usize).map(|&(_, c)| c)).flatten()
    };
    let neighbour = |index: usize, step: isize| -> Option<char> {
        let mut at = index as isize + step;
        while let Some(character) = char_at(at) {
            if character != ' ' {
                return Some(character);
            }
            at += step;
        }
        None
    };
    let chinese_near =
        |index: usize| neighbour(index, -1).is_some_and(is_chinese) || neighbour(index, 1).is_some_and(is_chinese);
    let english_style = |index: usize| {
        char_at(index as isize - 1).is_some_and(|c| c.is_ascii_alphanumeric())
            && char_at(index as isize + 1).is_none_or(|c| c == ' ')
    };
    let range_of = |index: usize| characters[index].0..characters[index].0 + characters[index].1.len_utf8();
    // Parentheses: decided per matched pair, so both marks of a pair change together.
    let mut flagged_parens = vec![false; characters.len()];
    let mut open_stack: Vec<usize> = Vec::new();
    for index in 0..characters.len() {
        match characters[index].1 {
            '(' => open_stack.push(index),
            ')' => match open_stack.pop() {
                Some(open) => {
                    let inner_chinese = characters[open + 1..index].iter().any(|&(_, c)| is_chinese(c));
                    if inner_chinese || chinese_near(open) || chinese_near(index) {
                        flagged_parens[open] = true;
                        flagged_parens[index] = true;
                    }
                }
                None => flagged_parens[index] = chinese_near(index),
            },
            _ => {}
        }
    }
    for open in open_stack {
        flagged_parens[open] = chinese_near(open);
    }
    let mut found = Vec::new();
    for (index, &(_, character)) in characters.iter().enumerate() {
        let flag = match character {
            '(' | ')' => flagged_parens[index],
            ',' | ':' => {
                let between_digits = char_at(index as isize - 1).is_some_and(|c| c.is_ascii_digit())
                    && char_at(index as isize + 1).is_some_and(|c| c.is_ascii_digit());
                !between_digits && !english_style(index)
            }
            ';' | '?' | '!' => !english_style(index),
            _ => false,
        };
        if flag {
            found.push((range_of(index), full_width_of(character).expect("only marks with a full-width form")));
        }
    }
    found
}

/// A half-width `.` between two Chinese characters (`生.年`), to become `·`.
pub fn dots_between_han(text: &str) -> Vec<Range<usize>> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    (1..characters.len().saturating_sub(1))
        .filter(|&index| {
            characters[index].1 == '.' && is_han(characters[index - 1].1) && is_han(characters[index + 1].1)
        })
        .map(|index| characters[index].0..characters[index].0 + 1)
        .collect()
}

/// A 发文字号 found in text, with what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumber {
    /// Where the 代字 may start: the Han run before the bracket, which can include words before it
    /// (`按照川教督委`), so fixes never touch it.
    pub agency_start: usize,
    /// From the opening bracket to `号`.
    pub range: Range<usize>,
    /// The correct form of that part, `〔2023〕2号`.
    pub canonical: String,
    pub wrong_brackets: bool,
    pub has_di: bool,
    pub leading_zero: bool,
}

impl DocNumber {
    pub fn is_wrong(&self) -> bool {
        self.wrong_brackets || self.has_di || self.leading_zero
    }
}

const YEAR_BRACKETS: [(char, char); 7] =
    [('〔', '〕'), ('[', ']'), ('(', ')'), ('（', '）'), ('【', '】'), ('［', '］'), ('〖', '〗')];

/// Every `代字<bracket>YYYY<bracket>[第]N号` in the text, right or wrong: a Han character must
/// stand right before the bracket (the 代字).
pub fn doc_numbers(text: &str) -> Vec<DocNumber> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |index: usize| characters.get(index).map(|&(at, _)| at).unwrap_or(text.len());
    let mut found = Vec::new();
    for open in 0..characters.len() {
        let Some(&(_, close_bracket)) =
            YEAR_BRACKETS.iter().find(|(open_bracket, _)| *open_bracket == characters[open].1)
        else {
            continue;
        };
        let year: String = characters[open + 1..].iter().take(4).map(|&(_, c)| c).collect();
        if year.chars().count() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let mut index = open + 5;
        if characters.get(index).map(|&(_, c)| c) != Some(close_bracket) {
            continue;
        }
        index += 1;
        let has_di = characters.get(index).map(|&(_, c)| c) == Some('第');
        if has_di {
            index += 1;
        }
        let digits_start = index;
        while characters.get(index).is_some_and(|&(_, c)| c.is_ascii_digit()) {
            index += 1;
        }
        if index == digits_start || characters.get(index).map(|&(_, c)| c) != Some('号') {
            continue;
        }
        let mut agency_start = open;
        while agency_start > 0 && is_han(characters[agency_start - 1].1) {
            agency_start -= 1;
        }
        if agency_start == open {
            continue;
        }
        let serial: String = characters[digits_start..index].iter().map(|&(_, c)| c).collect();
        let trimmed = serial.trim_start_matches('0');
        let serial_canonical = if trimmed.is_empty() { "0" } else { trimmed };
        found.push(DocNumber {
            agency_start: byte_at(agency_start),
            range: byte_at(open)..byte_at(index + 1),
            canonical: format!("〔{year}〕{serial_canonical}号"),
            wrong_brackets: characters[open].1 != '〔',
            has_di,
            leading_zero: serial.len() > 1 && serial.starts_with('0'),
        });
    }
    found
}

/// Whether a whole field is a well-formed 文号: a 代字 of two or more Han characters, then `〔YYYY〕N号`.
pub fn is_canonical_doc_number(text: &str) -> bool {
    let text = text.trim();
    let numbers = doc_numbers(text);
    numbers.len() == 1
        && numbers[0].agency_start == 0
        && numbers[0].range.end == text.len()
        && text[..numbers[0].range.start].chars().count() >= 2
        && !numbers[0].is_wrong()
}

/// Year ranges `2023-2023年` whose start is not before the end: (range, start, end).
pub fn backwards_year_ranges(text: &str) -> Vec<(Range<usize>, u32, u32)> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let year_at = |index: usize| -> Option<u32> {
        let digits: String = characters.get(index..index + 4)?.iter().map(|&(_, c)| c).collect();
        let before_is_digit = index > 0 && characters[index - 1].1.is_ascii_digit();
        let after_is_digit = characters.get(index + 4).is_some_and(|&(_, c)| c.is_ascii_digit());
        (digits.chars().all(|c| c.is_ascii_digit()) && !before_is_digit && !after_is_digit)
            .then(|| digits.parse().ok())?
    };
    let mut found = Vec::new();
    for index in 0..characters.len() {
        let Some(start) = year_at(index) else { continue };
        let separator = index + 4;
        if !characters
            .get(separator)
            .is_some_and(|&(_, c)| matches!(c, '-' | '—' | '–' | '~' | '～' | '至' | '到' | '－'))
        {
            continue;
        }
        let mut end_index = separator + 1;
        if characters.get(end_index).is_some_and(|&(_, c)| c == '—') {
            end_index += 1; // `——`
        }
        let Some(end) = year_at(end_index) else { continue };
        if characters.get(end_index + 4).map(|&(_, c)| c) != Some('年') {
            continue;
        }
        if start >= end {
            let end_byte = characters[end_index + 4].0 + '年'.len_utf8();
            found.push((characters[index].0..end_byte, start, end));
        }
    }
    found
}

/// Marks of the pairs “ ” 《 》 （ ） left without their partner: (range, the mark).
pub fn unpaired_marks(text: &str) -> Vec<(Range<usize>, char)> {
    const PAIRS: [(char, char); 3] = [('“', '”'), ('《', '》'), ('（', '）')];
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut found = Vec::new();
    for (at, character) in text.char_indices() {
        if PAIRS.iter().any(|&(left, _)| left == character) {
            open.push((at, character));
        } else if let Some(&(left, _)) = PAIRS.iter().find(|&&(_, right)| right == character) {
            match open.iter().rposition(|&(_, mark)| mark == left) {
                // Close the innermost open mark of the same kind; marks of other kinds opened after
                // it are left for their own partners (quotes may cross brackets in real text).
                Some(position) => {
                    open.remove(position);
                }
                None => found.push((at..at + character.len_utf8(), character)),
            }
        }
    }
    found.extend(open.into_iter().map(|(at, mark)| (at..at + mark.len_utf8(), mark)));
    crate::small_sort::sort_small_by_key(&mut found, |(range, _)| range.start);
    found
}

/// Paragraphs of a text (split at line breaks), trimmed, with their byte ranges.
pub fn paragraphs(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let offset = start + (line.len() - line.trim_start().len());
            found.push((offset..offset + trimmed.len(), trimmed));
        }
        start += line.len() + 1;
    }
    found
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;

/// Where a text states a total score: `总得分86.5分`, `自评总分为102分`, `总分：95分`. Returns the
/// byte range of the number with its `分` and the number as written.
pub fn stated_total(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let mut from = 0;
    while let Some(found) = text[from..].find("总") {
        let at = from + found + "总".len();
        from = at;
        let after = &text[at..];
        let Some(after) = after.strip_prefix("得分").or_else(|| after.strip_prefix('分')) else { continue };
        let words = after.trim_start_matches(['为', '：', ':', ' ']);
        let digits: String = words.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        if digits.is_empty() || !words[digits.len()..].starts_with('分') {
            continue;
        }
        let start = text.len() - words.len();
        return Some((start..start + digits.len() + '分'.len_utf8(), digits));
    }
    None
}

/// Where a text states a self-score: `自评得9分`, `自评得分9.5分`, `（10分，自评得分9分）`,
/// `自评得分：9分`. Returns the byte range of the statement (with its brackets or closing mark)
/// and the score as written.
pub fn stated_score(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let at = text.find("自评得")?;
    let after = &text[at + "自评得".len()..];
    let after_words = after.trim_start_matches('分').trim_start_matches(['：', ':', '为']);
    let digits: String = after_words.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if digits.is_empty() || !after_words[digits.len()..].starts_with('分') {
        return None;
    }
    let mut end = at + "自评得".len() + (after.len() - after_words.len()) + digits.len() + '分'.len_utf8();
    let mut start = at;
    // Inside brackets: the whole bracket `（10分，自评得分9分）`.
    if let Some(open) = text[..at].rfind(['（', '(']) {
        let between = &text[open..at];
        if !between.contains(['）', ')', '。']) {
            if let Some(close) = text[end..].find(['）', ')']) {
                if !text[end..end + close].contains('。') {
                    start = open;
                    end += close + text[end + close..].chars().next().map_or(0, char::len_utf8);
                }
            }
        }
    }
    // A sentence of its own: with its mark.
    if let Some(mark) = text[end..].chars().next().filter(|c| matches!(c, '。' | '；' | '，')) {
        end += mark.len_utf8();
    }
    Some((start..end, digits))
}
