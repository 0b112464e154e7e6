//! Recognising the genre in paragraphs: the title line (自评报告 or 报告/函 form), 主送, the
//! opening, parts in any order and count, numbering at every level, sentences, stated scores,
//! 附件, signature and date.

/// What a top-level heading opens, known by its words, whatever its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// 基本情况 / 县情 / 概况: the region described, no item of the framework.
    Basic,
    /// 上一轮评价反馈问题整改情况: what was done about last time's findings.
    Rectification,
    /// 工作开展情况及成效 / 履行教育职责情况 / 主要做法及成效: the areas and items.
    Work,
    /// 特色亮点 / 经验做法: work too, outside the framework's order.
    Highlights,
    /// 存在的问题 / 存在的主要问题 / 困难和问题.
    Problems,
    /// 下一步措施 / 下一步工作打算 / 今后工作打算 / 整改措施.
    Measures,
    /// 自评结果 / 自评得分: the total stated.
    Score,
}

impl Part {
    /// The part a heading's words name, if any.
    pub fn named(heading: &str) -> Option<Part> {
        let has = |words: &[&str]| words.iter().any(|word| heading.contains(word));
        if heading.chars().count() > 30 {
            return None;
        }
        if has(&["整改"]) && has(&["情况", "落实", "反馈", "上一轮", "上轮"]) && !has(&["措施", "打算"])
        {
            return Some(Part::Rectification);
        }
        if has(&["问题", "不足", "困难", "短板", "差距"]) {
            return Some(Part::Problems);
        }
        if has(&["措施", "打算", "下一步", "今后", "工作思路", "努力方向", "工作建议"]) {
            return Some(Part::Measures);
        }
        if has(&["基本情况", "县情", "市情", "区情", "概况"]) {
            return Some(Part::Basic);
        }
        if has(&["特色", "亮点", "经验"]) {
            return Some(Part::Highlights);
        }
        if has(&["自评结果", "自评得分", "自评结论", "自评分"]) {
            return Some(Part::Score);
        }
        if has(&["履行教育职责", "履职", "工作开展", "做法", "成效", "工作情况", "主要工作", "评价重点"])
        {
            return Some(Part::Work);
        }
        None
    }

    /// How the review names the part its unplaced texts stood in.
    pub fn label_zh(self) -> &'static str {
        match self {
            Part::Basic => "基本情况",
            Part::Rectification => "整改情况",
            Part::Work => "工作情况",
            Part::Highlights => "特色亮点",
            Part::Problems => "存在的问题",
            Part::Measures => "下一步措施",
            Part::Score => "自评结果",
        }
    }
}

/// The depth a numbering style marks in the genre: `一、`/`第一部分` (1), `（一）` (2), `1.` (3),
/// `（1）` (4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    Part,
    Section,
    Point,
    SubPoint,
}

/// A numbered heading at the start of a paragraph: its depth, number, and the byte length of the
/// numbering (the heading's words follow).
pub fn heading_numbering(paragraph: &str) -> Option<(Depth, usize, usize)> {
    let trimmed_start = paragraph.len() - paragraph.trim_start().len();
    let text = &paragraph[trimmed_start..];
    // 第一部分 / 第二章
    if let Some(rest) = text.strip_prefix('第') {
        let numeral: String = rest.chars().take_while(|c| HAN_NUMERALS.contains(c)).collect();
        let after = &rest[numeral.len()..];
        if let (Some(number), Some(unit)) =
            (han_number(&numeral), ["部分", "章", "篇"].iter().find(|unit| after.starts_with(**unit)))
        {
            let mut length = '第'.len_utf8() + numeral.len() + unit.len();
            if let Some(mark) =
                text[length..].chars().next().filter(|c| matches!(c, '、' | '：' | ':' | ' ' | '\u{3000}'))
            {
                length += mark.len_utf8();
            }
            return Some((Depth::Part, number, trimmed_start + length));
        }
    }
    // 一、 一．
    let numeral: String = text.chars().take_while(|c| HAN_NUMERALS.contains(c)).collect();
    if let Some(number) = (!numeral.is_empty()).then(|| han_number(&numeral)).flatten() {
        if let Some(mark) = text[numeral.len()..].chars().next().filter(|c| matches!(c, '、' | '．' | '.')) {
            return Some((Depth::Part, number, trimmed_start + numeral.len() + mark.len_utf8()));
        }
    }
    let (number, length) = numbering(text)?;
    let depth = match text.chars().next()? {
        '（' | '(' if text[text.chars().next()?.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) => {
            Depth::SubPoint
        }
        '（' | '(' => Depth::Section,
        _ => Depth::Point,
    };
    Some((depth, number, trimmed_start + length))
}

/// The heading's words after numbering: up to the first sentence end or colon (with it), or the
/// whole rest when it is short and has none. Returns the byte length of the heading.
pub fn heading_words(after_numbering: &str) -> usize {
    let end = after_numbering
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '：' | ':' | '！'))
        .map(|(at, c)| at + c.len_utf8());
    end.unwrap_or(after_numbering.len())
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

/// A part heading: `一、工作开展情况及成效`, `第三部分 存在的主要问题`, `四、下一步工作打算`… — a
/// top-level numbering and words that name a part, whatever its number. Returns the part and the
/// byte length of the heading (the rest of the paragraph, if any, is text).
pub fn part_heading(paragraph: &str) -> Option<(Part, usize)> {
    let (depth, _, numbering_length) = heading_numbering(paragraph)?;
    if depth != Depth::Part {
        return None;
    }
    let after = &paragraph[numbering_length..];
    let heading_end = heading_words(after);
    let part = Part::named(after[..heading_end].trim())?;
    Some((part, numbering_length + heading_end))
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

/// The title line, in either form — `2023年xx市人民政府履行教育职责自评报告` or `xx县人民政府关于
/// 2023年度履行教育职责情况的（自评）报告` / `…的函` — with the year and region it names (either may
/// be empty).
pub fn title_line(paragraph: &str) -> Option<(String, String)> {
    let names_the_genre = paragraph.contains("履行教育职责") || paragraph.contains("履职");
    let is_a_title = paragraph.ends_with("报告") || paragraph.ends_with('函') || paragraph.contains("自评报告");
    if !names_the_genre || !is_a_title || paragraph.chars().count() > 80 || paragraph.contains('。') {
        return None;
    }
    let year = year_in(paragraph).unwrap_or_default();
    let region = paragraph
        .find("人民政府")
        .map(|at| {
            let before = paragraph[..at].trim().trim_start_matches("关于");
            // `2023年xx市` or `2023年度xx市`: the region follows the year.
            match before.find('年') {
                Some(year_end) if before[..year_end].chars().all(|c| c.is_ascii_digit() || c == 'x') => {
                    before[year_end + '年'.len_utf8()..].trim_start_matches('度').trim().to_owned()
                }
                _ => before.to_owned(),
            }
        })
        .unwrap_or_default();
    Some((year, region))
}

/// The first four-digit year followed by 年 (`2023年`, `2023年度`).
pub fn year_in(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    text.match_indices('年').find_map(|(at, _)| {
        let digits = bytes[..at].iter().rev().take_while(|b| b.is_ascii_digit()).count();
        (digits == 4).then(|| text[at - 4..at].to_owned())
    })
}

/// The region a reporting unit names: `xx县人民政府` → `xx县`.
pub fn region_of_unit(unit: &str) -> Option<String> {
    let at = unit.find("人民政府")?;
    let region = unit[..at].trim();
    (!region.is_empty()).then(|| region.to_owned())
}

/// A 主送 line: a short line naming an office and ending with a colon
/// (`资阳市人民政府教育督导委员会：`). Returns the addressee without the colon.
pub fn addressee_line(paragraph: &str) -> Option<String> {
    let name = paragraph.strip_suffix('：').or_else(|| paragraph.strip_suffix(':'))?.trim();
    let is_office =
        ["委员会", "人民政府", "督导", "教育厅", "教育局", "办公室", "政府"].iter().any(|word| name.contains(word));
    (is_office && name.chars().count() <= 40 && !name.contains(['，', '。', ','])).then(|| name.to_owned())
}

/// A signature line: a short line naming a government or office, without a sentence end.
pub fn is_signature_line(paragraph: &str) -> bool {
    paragraph.chars().count() <= 30
        && !paragraph.contains(['。', '，', '：', ':'])
        && ["人民政府", "政府", "教育局", "委员会", "办公室", "教育体育局", "教体局"]
            .iter()
            .any(|word| paragraph.ends_with(word))
}

/// An 附件 line: `附件：…`, `附件1：…`, `附件：` alone. Returns the name it gives, if any.
pub fn attachment_line(paragraph: &str) -> Option<String> {
    let rest = paragraph.strip_prefix("附件")?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '\u{3000}'));
    let rest = rest.strip_prefix(['：', ':']).or_else(|| rest.is_empty().then_some(rest))?;
    Some(rest.trim().to_owned())
}

/// A numbered attachment name on a line of its own (`2．佐证材料目录`), after `附件：`.
pub fn numbered_name(paragraph: &str) -> Option<String> {
    let (number, length) = numbering(paragraph)?;
    let name = paragraph[length..].trim();
    (number > 0 && !name.is_empty() && name.chars().count() <= 50 && !name.contains('。')).then(|| name.to_owned())
}

pub use crate::validate::scan::stated_score;

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

/// An opening paragraph: cites the notice or says what follows.
pub fn is_opening(paragraph: &str) -> bool {
    let cites = paragraph.contains('《') && (paragraph.contains("要求") || paragraph.contains("通知"));
    let announces = paragraph.contains("报告如下") || paragraph.contains("汇报如下");
    let starts =
        ["按照", "根据", "依据", "为贯彻", "为深入", "为全面", "对照"].iter().any(|word| paragraph.starts_with(word));
    announces || (starts && cites)
}

/// A date line: `2023年3月20日`, `二〇二三年三月二十日`.
pub fn is_date_line(paragraph: &str) -> bool {
    let short = paragraph.chars().count() <= 14 && paragraph.contains('年') && paragraph.ends_with('日');
    short && paragraph.chars().all(|c| c.is_ascii_digit() || "年月日〇零一二三四五六七八九十x ".contains(c))
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
        assert_eq!(part_heading("三、存在的主要问题").map(|(part, _)| part), Some(Part::Problems));
        assert_eq!(part_heading("四、下一步工作打算").map(|(part, _)| part), Some(Part::Measures));
        assert_eq!(part_heading("一、上一轮评价反馈问题整改情况").map(|(part, _)| part), Some(Part::Rectification));
        assert_eq!(part_heading("第二部分 履行教育职责情况").map(|(part, _)| part), Some(Part::Work));
        assert_eq!(part_heading("五、整改措施").map(|(part, _)| part), Some(Part::Measures));
        assert_eq!(part_heading("一、基本情况").map(|(part, _)| part), Some(Part::Basic));
        assert_eq!(part_heading("（一）存在的问题"), None, "not a top-level numbering");
    }

    #[test]
    fn numbering_depths() {
        assert_eq!(heading_numbering("一、基本情况"), Some((Depth::Part, 1, 6)));
        assert_eq!(
            heading_numbering("第三部分　存在问题").map(|(depth, number, _)| (depth, number)),
            Some((Depth::Part, 3))
        );
        assert_eq!(heading_numbering("（二）落实"), Some((Depth::Section, 2, 9)));
        assert_eq!(heading_numbering("(2)落实").map(|(depth, ..)| depth), Some(Depth::SubPoint));
        assert_eq!(heading_numbering("3.落实").map(|(depth, ..)| depth), Some(Depth::Point));
        assert_eq!(heading_numbering("一是加强").map(|(depth, ..)| depth), None);
    }

    #[test]
    fn title_forms_addressee_signature_attachments_and_scores() {
        assert_eq!(
            title_line("xx县人民政府关于2023年度履行教育职责情况的自评报告"),
            Some(("2023".into(), "xx县".into()))
        );
        assert_eq!(title_line("关于报送2022年度履行教育职责自评报告的函"), Some(("2022".into(), String::new())));
        assert_eq!(title_line("2023年度xx区人民政府履行教育职责自评报告"), Some(("2023".into(), "xx区".into())));
        assert_eq!(addressee_line("xx市人民政府教育督导委员会："), Some("xx市人民政府教育督导委员会".into()));
        assert_eq!(addressee_line("现将有关情况报告如下："), None);
        assert!(is_signature_line("xx县人民政府"));
        assert_eq!(attachment_line("附件：1．经费统计表"), Some("1．经费统计表".into()));
        assert_eq!(attachment_line("附件"), Some(String::new()));
        assert_eq!(attachment_line("附件2：佐证材料目录"), Some("佐证材料目录".into()));
        assert_eq!(numbered_name("2．佐证材料目录"), Some("佐证材料目录".into()));
        let text = "全面加强党的领导。自评得9分。";
        let (range, score) = stated_score(text).unwrap();
        assert_eq!((&text[range], score.as_str()), ("自评得9分。", "9"));
        let heading = "落实教育优先发展战略（10分，自评得分9.5分）";
        let (range, score) = stated_score(heading).unwrap();
        assert_eq!((&heading[range], score.as_str()), ("（10分，自评得分9.5分）", "9.5"));
        assert_eq!(stated_score("自评得分：8分").map(|(_, score)| score), Some("8".into()));
        assert_eq!(stated_score("开展自评得到认可"), None);
        assert!(is_date_line("二〇二三年三月二十日"));
        assert!(!is_date_line("2023年起全面实施到年底"));
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
