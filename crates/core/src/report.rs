//! The report as an ordered document, rendered from a draft. Every exporter (Word, plain text,
//! print) reads this one model, so they cannot disagree.
//!
//! Invariant: headings come in the genre's order — title, opening, `一、` with `（一）`…`（九）`
//! areas and their items, `二、` problems, `三、` measures, signature, date — and every `{reference}`
//! is replaced by its value (an unfilled one by `x`, the 范文's blank, which the validator reports).

use crate::draft::Draft;
use crate::framework::{Area, Framework};
use crate::progress::{item_status, ItemStatus};
use crate::template::render_text;

/// What stands in the report where a referenced value is still missing.
pub const MISSING_VALUE: &str = "x";

/// A block of the report, in the 公文 styles it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `2023年资阳市人民政府履行教育职责自评报告`: 方正小标宋, centred.
    Title(String),
    /// 主送机关 (the 报告 form), flush left, ending with `：`.
    Addressee(String),
    /// A body paragraph (仿宋, first line indented).
    Paragraph(String),
    /// `一、工作开展情况及成效`: 黑体.
    PartHeading(String),
    /// `（一）全面加强党对教育工作的领导`: 楷体.
    AreaHeading(String),
    /// An item: its lead sentence (with `。`), then the first paragraph of its text.
    LeadParagraph { lead: String, text: String },
    /// A problem or measure: `（一）` + summary sentence in 楷体, then its text, in one paragraph.
    Entry { number: String, title: String, text: String },
    /// The government that reports, right-aligned.
    Signature(String),
    /// The date, right-aligned.
    Date(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportDocument {
    pub blocks: Vec<Block>,
}

const CHINESE_NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// `一`, `二`…`十`, `十一`…`九十九`.
pub fn chinese_numeral(number: usize) -> String {
    match number {
        1..=10 => CHINESE_NUMERALS[number - 1].to_owned(),
        11..=19 => format!("十{}", CHINESE_NUMERALS[number - 11]),
        20..=99 => {
            let tens = CHINESE_NUMERALS[number / 10 - 1];
            match number % 10 {
                0 => format!("{tens}十"),
                ones => format!("{tens}十{}", CHINESE_NUMERALS[ones - 1]),
            }
        }
        _ => number.to_string(),
    }
}

/// An area's heading as the report numbers it: `（二）落实教育优先发展战略` for `index` 1.
pub fn area_heading(index: usize, area: &Area) -> String {
    format!("（{}）{}", chinese_numeral(index + 1), area.title)
}

/// A sentence ended with `。` unless it already ends with a closing mark.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() || text.ends_with(['。', '！', '？', '：', '；']) {
        text.to_owned()
    } else {
        format!("{text}。")
    }
}

/// The report's title for the draft's year and region.
pub fn report_title(draft: &Draft) -> String {
    report_title_for(&draft.meta.year, &draft.meta.region)
}

/// The report's title for a year and region as typed; a region not yet typed is shown as
/// `（未填地区）` so the title never reads as if the region were part of the wording.
pub fn report_title_for(year: &str, region: &str) -> String {
    let region = region.trim();
    let region = if region.is_empty() { "（未填地区）" } else { region };
    format!("{}年{region}人民政府履行教育职责自评报告", year.trim())
}

/// Builds the report of a draft.
pub fn build_report(framework: &Framework, draft: &Draft) -> ReportDocument {
    let render =
        |text: &str| render_text(text, |name| draft.reference_value(framework, name), |_| MISSING_VALUE.to_owned());
    let region = draft.meta.region.trim();
    let mut blocks = vec![Block::Title(report_title(draft))];
    let addressee = draft.meta.addressee.trim().trim_end_matches(['：', ':']);
    if !addressee.is_empty() {
        blocks.push(Block::Addressee(format!("{addressee}：")));
    }
    blocks.push(Block::Paragraph(format!(
        "按照《{}》（{}）要求，{region}对照评价重点开展了自查自评，现将情况报告如下。",
        draft.meta.notice_title.trim(),
        draft.meta.notice_number.trim()
    )));

    blocks.push(Block::PartHeading("一、工作开展情况及成效".to_owned()));
    let sheet = crate::scoring::ScoreSheet::compute(framework, draft);
    let area_scores = framework.scoring.as_ref().is_some_and(|scoring| scoring.report_area_scores);
    for (index, area) in framework.areas.iter().enumerate() {
        let mut heading = area_heading(index, area);
        // "（9分，自评得分8.5分）" where the framework's report style asks for it.
        if let Some(row) = sheet.as_ref().filter(|_| area_scores).and_then(|sheet| sheet.row(&area.code)) {
            if let Some(points) = row.row.points {
                match row.score {
                    Some(score) => heading.push_str(&format!("（{points}分，自评得分{score}分）")),
                    None => heading.push_str(&format!("（{points}分）")),
                }
            }
        }
        blocks.push(Block::AreaHeading(heading));
        for item in &area.items {
            let entry = draft.item(&item.code);
            let text = match item_status(entry) {
                ItemStatus::Empty => continue,
                ItemStatus::NotApplicable => format!("{region}无此项工作任务。"),
                ItemStatus::Filled => render(entry.map(|entry| entry.narrative.as_str()).unwrap_or_default()),
            };
            let mut paragraphs = text.lines().map(str::trim).filter(|line| !line.is_empty());
            let first = paragraphs.next().unwrap_or_default().to_owned();
            blocks.push(if item.lead {
                Block::LeadParagraph { lead: format!("{}。", item.title), text: first }
            } else {
                Block::Paragraph(first)
            });
            blocks.extend(paragraphs.map(|paragraph| Block::Paragraph(paragraph.to_owned())));
        }
    }

    // A scored report states its total where its work part ends.
    if let Some(sheet) = sheet.as_ref().filter(|sheet| sheet.anything_scored()) {
        blocks.push(Block::Paragraph(sheet.summary_sentence(framework)));
    }

    let lists = [
        (
            "二",
            &framework.problems.title,
            draft.problems.iter().map(|p| (p.title.as_str(), p.text.as_str())).collect::<Vec<_>>(),
        ),
        ("三", &framework.measures.title, draft.measures.iter().map(|m| (m.title.as_str(), m.text.as_str())).collect()),
    ];
    for (part, title, entries) in lists {
        blocks.push(Block::PartHeading(format!("{part}、{title}")));
        for (index, (entry_title, entry_text)) in entries.into_iter().enumerate() {
            let text = render(entry_text);
            let mut paragraphs = text.lines().map(str::trim).filter(|line| !line.is_empty());
            blocks.push(Block::Entry {
                number: format!("（{}）", chinese_numeral(index + 1)),
                title: sentence(entry_title),
                text: paragraphs.next().unwrap_or_default().to_owned(),
            });
            blocks.extend(paragraphs.map(|paragraph| Block::Paragraph(paragraph.to_owned())));
        }
    }
    blocks.extend(attachment_lines(&draft.meta.attachments).into_iter().map(Block::Paragraph));
    blocks.push(Block::Signature(draft.meta.unit.trim().to_owned()));
    blocks.push(Block::Date(draft.meta.date.trim().to_owned()));
    // One rule for every file made from the report: characters no file may hold are dropped here
    // (the validator has told the user which field held them).
    for block in &mut blocks {
        block.clean();
    }
    ReportDocument { blocks }
}

/// 附件说明 as GB/T 9704 sets it: `附件：1．名称`, further names aligned under the first; a single
/// attachment without a number. Names already numbered (`1.`, `1．`, `1、`) are renumbered.
pub fn attachment_lines(attachments: &str) -> Vec<String> {
    let names: Vec<&str> = attachments
        .lines()
        .map(|line| {
            // "附件：", "附件3：", "附件 3:" — the app numbers the list itself.
            let mut line = line.trim();
            if let Some(rest) = line.strip_prefix("附件") {
                let rest = rest.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
                if let Some(rest) = rest.strip_prefix(['：', ':']) {
                    line = rest.trim();
                }
            }
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line[digits..].chars().next() {
                Some(mark @ ('.' | '．' | '、')) if digits > 0 => line[digits + mark.len_utf8()..].trim(),
                _ => line,
            }
        })
        .filter(|name| !name.is_empty())
        .collect();
    match names.as_slice() {
        [] => Vec::new(),
        [only] => vec![format!("附件：{only}")],
        many => many
            .iter()
            .enumerate()
            .map(|(index, name)| {
                let lead = if index == 0 { "附件：" } else { "\u{3000}\u{3000}\u{3000}" };
                format!("{lead}{}．{name}", index + 1)
            })
            .collect(),
    }
}

impl Block {
    /// Drops the characters no file may hold from every text of the block.
    fn clean(&mut self) {
        let clean = |text: &mut String| {
            if let std::borrow::Cow::Owned(safe) = crate::file_text::file_safe(text) {
                *text = safe;
            }
        };
        match self {
            Block::Title(text)
            | Block::Addressee(text)
            | Block::Paragraph(text)
            | Block::PartHeading(text)
            | Block::AreaHeading(text)
            | Block::Signature(text)
            | Block::Date(text) => clean(text),
            Block::LeadParagraph { lead, text } => {
                clean(lead);
                clean(text);
            }
            Block::Entry { number, title, text } => {
                clean(number);
                clean(title);
                clean(text);
            }
        }
    }
}

impl ReportDocument {
    /// Plain text in the seed's layout: one paragraph a line, signature and date at the end. For OA
    /// systems and WPS, which take pasted text.
    pub fn to_plain_text(&self) -> String {
        let mut lines: Vec<String> = Vec::with_capacity(self.blocks.len());
        for block in &self.blocks {
            lines.push(match block {
                Block::Title(text)
                | Block::Paragraph(text)
                | Block::PartHeading(text)
                | Block::AreaHeading(text)
                | Block::Signature(text)
                | Block::Date(text)
                | Block::Addressee(text) => text.clone(),
                Block::LeadParagraph { lead, text } => format!("{lead}{text}"),
                Block::Entry { number, title, text } => format!("{number}{title}{text}"),
            });
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    /// Headings in order, for checks: the title, `一、`…, `（一）`….
    pub fn headings(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|block| match block {
                Block::Title(text) | Block::PartHeading(text) | Block::AreaHeading(text) => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_read_as_chinese() {
        let numerals: Vec<String> = [1, 9, 10, 11, 20, 21, 42].into_iter().map(chinese_numeral).collect();
        assert_eq!(numerals, ["一", "九", "十", "十一", "二十", "二十一", "四十二"]);
    }

    #[test]
    fn sentences_get_one_full_stop() {
        assert_eq!(sentence("加快建园"), "加快建园。");
        assert_eq!(sentence("加快建园。"), "加快建园。");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn attachments_are_numbered_and_aligned_as_gb_t_9704_sets_them() {
        assert_eq!(attachment_lines(""), Vec::<String>::new());
        assert_eq!(attachment_lines("经费统计表\n"), ["附件：经费统计表"]);
        assert_eq!(
            attachment_lines("附件：1.经费统计表\n\n2、佐证材料目录"),
            ["附件：1．经费统计表", "\u{3000}\u{3000}\u{3000}2．佐证材料目录"]
        );
    }

    #[test]
    fn the_addressee_follows_the_title_and_attachments_precede_the_signature() {
        let framework = Framework::builtin();
        let mut draft = Draft::new(&framework, "d".into(), "t".into());
        draft.meta.unit = "资阳市人民政府".into();
        let plain = build_report(&framework, &draft);
        assert!(!plain.blocks.iter().any(|block| matches!(block, Block::Addressee(_))), "none when empty");
        draft.meta.addressee = "四川省人民政府教育督导委员会:".into();
        draft.meta.attachments = "经费统计表\n佐证材料目录".into();
        let blocks = build_report(&framework, &draft).blocks;
        assert_eq!(blocks[1], Block::Addressee("四川省人民政府教育督导委员会：".into()));
        let signature = blocks.iter().position(|block| matches!(block, Block::Signature(_))).unwrap();
        assert_eq!(blocks[signature - 2], Block::Paragraph("附件：1．经费统计表".into()));
        assert_eq!(blocks[signature - 1], Block::Paragraph("\u{3000}\u{3000}\u{3000}2．佐证材料目录".into()));
    }
}
