//! Recognising the genre in paragraphs: the title line, the opening, the three parts, numbering
//! of areas and entries, sentences, signature and date.

/// Which of the three parts a `一、`/`二、`/`三、` heading opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// 工作开展情况及成效 / 主要做法及成效 / 主要成效
    Work,
    /// 存在的问题 / 存在问题
    Problems,
    /// 下一步措施 / 改进措施 / 下一步工作打算
    Measures,
}

const HAN_NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// `一`…`十`, `十一`…: the number a Han numeral run stands for.
fn han_number(text: &str) -> Option<usize> {
    let digits: Vec<usize> = text
        .chars()
        .map(|c| HAN_NUMERALS.iter().position(|&numeral| numeral == c).map(|at| at + 1))
        .collect::<Option<_>>()?;
    match digits[..] {
        [one] => Some(one),
        [10, ones] => Some(10 + ones),
        [tens, 10] => Some(tens * 10),
        [tens, 10, ones] => Some(tens * 10 + ones),
        _ => None,
    }
}

/// A part heading: `一、工作开展情况及成效` and its variants. Returns the part and the byte length
/// of the heading (the rest of the paragraph, if any, is text).
pub fn part_heading(paragraph: &str) -> Option<(Part, usize)> {
    let (numeral, rest) = paragraph.split_once(['、', '．', '.'])?;
    let number = han_number(numeral.trim())?;
    let heading_end = rest
        .find(['。', '：', ':'])
        .map(|at| at + rest[at..].chars().next().map_or(0, char::len_utf8))
        .unwrap_or(rest.len());
    let heading = &rest[..heading_end];
    let part = match number {
        1 if ["工作", "做法", "成效", "情况"].iter().any(|word| heading.contains(word)) => Part::Work,
        2 if ["问题", "不足", "困难"].iter().any(|word| heading.contains(word)) => Part::Problems,
        3 if ["措施", "打算", "改进", "整改", "下一步", "工作思路"].iter().any(|word| heading.contains(word)) => {
            Part::Measures
        }
        _ => return None,
    };
    if heading.chars().count() > 20 {
        return None;
    }
    Some((part, paragraph.len() - rest.len() + heading_end))
}

/// Numbering that opens an area or an entry: `（一）`, `(一)`, `（1）`, `(1)`, `1.`, `1、`, `1．`.
/// Returns the number and the byte length of the numbering.
pub fn numbering(paragraph: &str) -> Option<(usize, usize)> {
    let trimmed_start = paragraph.len() - paragraph.trim_start().len();
    let text = &paragraph[trimmed_start..];
    let bracketed = text.strip_prefix(['（', '(']).and_then(|inner| {
        let close = inner.find(['）', ')'])?;
        let number = han_number(&inner[..close]).or_else(|| inner[..close].parse().ok())?;
        let close_len = inner[close..].chars().next()?.len_utf8();
        Some((number, text.len() - inner.len() + close + close_len))
    });
    let dotted = || {
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        let separator = text[digits..].chars().next()?;
        if digits == 0 || digits > 2 || !matches!(separator, '.' | '、' | '．') {
            return None;
        }
        // `1.5亿元` is a number, not numbering.
        if separator == '.' && text[digits + 1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Some((text[..digits].parse().ok()?, digits + separator.len_utf8()))
    };
    bracketed.or_else(dotted).map(|(number, length)| (number, trimmed_start + length))
}

/// Byte ranges of the sentences of a paragraph, each with its closing mark (and a closing quote or
/// bracket right after it).
pub fn sentences(paragraph: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut characters = paragraph.char_indices().peekable();
    while let Some((at, character)) = characters.next() {
        if matches!(character, '。' | '！' | '？' | '；') {
            let mut end = at + character.len_utf8();
            while let Some(&(next_at, next)) = characters.peek() {
                if matches!(next, '”' | '’' | '）' | ')' | '》') {
                    end = next_at + next.len_utf8();
                    characters.next();
                } else {
                    break;
                }
            }
            ranges.push(start..end);
            start = end;
        }
    }
    if start < paragraph.len() && !paragraph[start..].trim().is_empty() {
        ranges.push(start..paragraph.len());
    }
    ranges
}

/// The title line: year and region from `2023年xx市人民政府履行教育职责自评报告`.
pub fn title_line(paragraph: &str) -> Option<(String, String)> {
    if !paragraph.contains("履行教育职责") || paragraph.chars().count() > 60 {
        return None;
    }
    let year_end = paragraph.find('年')?;
    let year: String = paragraph[..year_end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after_year = &paragraph[year_end + '年'.len_utf8()..];
    let region = after_year.find("人民政府").map(|at| after_year[..at].trim().to_owned()).unwrap_or_default();
    Some((year, region))
}

/// The notice's title and 文号 cited in the opening: `按照《…通知》（川教督委〔2023〕2号）要求`.
pub fn cited_notice(paragraph: &str) -> Option<(String, String)> {
    let open = paragraph.find('《')?;
    let close = open + paragraph[open..].find('》')?;
    let title = paragraph[open + '《'.len_utf8()..close].to_owned();
    let after = &paragraph[close + '》'.len_utf8()..];
    let number = after
        .strip_prefix(['（', '('])
        .and_then(|inner| inner.find(['）', ')']).map(|end| inner[..end].to_owned()))
        .filter(|number| number.ends_with('号'))
        .unwrap_or_default();
    Some((title, number))
}

/// An opening paragraph: cites the notice and says what follows.
pub fn is_opening(paragraph: &str) -> bool {
    (paragraph.starts_with("按照") || paragraph.starts_with("根据") || paragraph.starts_with("依据"))
        && (paragraph.contains("报告如下") || paragraph.contains('《'))
}

/// A date line: `2023年3月20日`.
pub fn is_date_line(paragraph: &str) -> bool {
    paragraph.chars().count() <= 14 && paragraph.contains('年') && paragraph.ends_with('日')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_headings_and_their_variants() {
        assert_eq!(part_heading("一、工作开展情况及成效").map(|(part, _)| part), Some(Part::Work));
        assert_eq!(part_heading("一、主要做法及成效").map(|(part, _)| part), Some(Part::Work));
        assert_eq!(part_heading("二、存在问题").map(|(part, _)| part), Some(Part::Problems));
        assert_eq!(part_heading("三、改进措施").map(|(part, _)| part), Some(Part::Measures));
        assert_eq!(part_heading("三、下一步工作打算").map(|(part, _)| part), Some(Part::Measures));
        assert_eq!(part_heading("二、加强教师队伍建设"), None);
    }

    #[test]
    fn numbering_in_every_bracket_style() {
        assert_eq!(numbering("(一)全面加强"), Some((1, 5)));
        assert_eq!(numbering("（九）依法治教"), Some((9, 9)));
        assert_eq!(numbering("（十一）其他"), Some((11, 12)));
        assert_eq!(numbering("2. 保障"), Some((2, 2)));
        assert_eq!(numbering("3、落实"), Some((3, 4)));
        assert_eq!(numbering("1.5亿元投入"), None);
        assert_eq!(numbering("全面加强"), None);
    }

    #[test]
    fn sentences_keep_their_closing_quotes() {
        let paragraph = "落实“两个只增不减”。经费增长5%。实行“一肩挑。”余下";
        let parts: Vec<&str> = sentences(paragraph).into_iter().map(|range| &paragraph[range]).collect();
        assert_eq!(parts, ["落实“两个只增不减”。", "经费增长5%。", "实行“一肩挑。”", "余下"]);
    }

    #[test]
    fn title_opening_and_date() {
        assert_eq!(title_line("2023年xx市人民政府履行教育职责自评报告范文(1)"), Some(("2023".into(), "xx市".into())));
        let opening =
            "按照《关于开展2023年对市(州)人民政府履行教育职责情况评价工作的通知》(川教督委〔2023〕2号)要求,xx市对照";
        assert_eq!(
            cited_notice(opening),
            Some(("关于开展2023年对市(州)人民政府履行教育职责情况评价工作的通知".into(), "川教督委〔2023〕2号".into()))
        );
        assert!(is_opening(opening));
        assert!(is_date_line("2023年3月20日"));
    }
}
