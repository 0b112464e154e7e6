//! The report as an ordered document, rendered from a draft. Every exporter (Word, plain text,
//! print) reads this one model, so they cannot disagree.
//!
//! Invariant: the parts come in the order of the framework's skeleton (`framework.report`),
//! numbered `一、`, `二、`… — by default the Sichuan layout: title, opening, `一、` with
//! `（一）`…`（九）` areas and their items, `二、` problems, `三、` measures, signature, date — and
//! every `{reference}` is replaced by its value (an unfilled one by `x`, the 范文's blank, which the
//! validator reports).

use crate::draft::{Draft, Meta, Rectification};
use crate::framework::{Area, Framework, ItemStyle, PartKind, ReportPart, SKELETON_TOKENS};
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

/// How the form names an area: by the notice's own numbering where the framework keeps it ("一、
/// 教育优先发展"), else as the report heads it. (The report itself always numbers areas as its
/// skeleton does.)
pub fn area_label(index: usize, area: &Area) -> String {
    if area.number.is_empty() {
        area_heading(index, area)
    } else {
        crate::framework::label_of(&area.number, &area.title)
    }
}

/// The numbering a scored row is shown with, in the form and the 自评打分表 alike: the notice's
/// own; for an area without one, as the outline and the report head it (`（二）`); else its code.
pub fn row_number(framework: &Framework, row: &crate::framework::ScoreRow<'_>) -> String {
    let position = (row.level == crate::framework::RowLevel::Area && row.number.is_empty())
        .then(|| framework.areas.iter().position(|area| area.code == row.code))
        .flatten();
    match position {
        Some(index) => format!("（{}）", chinese_numeral(index + 1)),
        None => row.shown_code().to_owned(),
    }
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

/// The report's title for the draft's year and region, in the skeleton of its framework.
pub fn report_title(framework: &Framework, draft: &Draft) -> String {
    render_pattern(&framework.report.title, framework, &draft.meta, true)
}

/// The report's title for meta as typed (the header shows it while the user types).
pub fn report_title_of(framework: &Framework, meta: &Meta) -> String {
    render_pattern(&framework.report.title, framework, meta, true)
}

/// The year the report's data are of: as the user gave it in 基本信息, else the framework's, moved
/// with the evaluation year typed (a 2025 draft on a 2024 framework reports 2024's data).
pub fn data_year_of(framework: &Framework, meta: &Meta) -> i32 {
    if let Some(year) = crate::draft::four_digit_year(&meta.data_year) {
        return year;
    }
    match crate::draft::four_digit_year(&meta.year) {
        Some(year) => year + framework.data_year() - framework.year,
        None => framework.data_year(),
    }
}

/// A title or opening pattern with its tokens (`SKELETON_TOKENS`) filled from the draft's meta
/// and the framework. In a title an untyped region reads `（未填地区）`; elsewhere an untyped value
/// is left out (the validator asks for it), as the opening always did.
fn render_pattern(pattern: &str, framework: &Framework, meta: &Meta, title: bool) -> String {
    let documents = || {
        framework
            .documents
            .iter()
            .map(|document| match document.number.trim() {
                "" => format!("《{}》", document.title.trim()),
                number => format!("《{}》（{number}）", document.title.trim()),
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let data_year = || data_year_of(framework, meta).to_string();
    render_text(
        pattern,
        |name| {
            Some(match name {
                "年度" => meta.year.trim().to_owned(),
                "地区" if title && meta.region.trim().is_empty() => "（未填地区）".to_owned(),
                "地区" => meta.region.trim().to_owned(),
                "省份" => meta.province.trim().to_owned(),
                "数据年度" => data_year(),
                "通知" => meta.notice_title.trim().to_owned(),
                "文号" => meta.notice_number.trim().to_owned(),
                "依据文件" => documents(),
                _ => return None,
            })
        },
        |name| {
            if SKELETON_TOKENS.iter().any(|(token, _)| *token == name) {
                String::new()
            } else {
                MISSING_VALUE.to_owned()
            }
        },
    )
}

/// Builds the report of a draft, part by part as its framework's skeleton orders them.
pub fn build_report(framework: &Framework, draft: &Draft) -> ReportDocument {
    let render =
        |text: &str| render_text(text, |name| draft.reference_value(framework, name), |_| MISSING_VALUE.to_owned());
    let skeleton = &framework.report;
    let mut blocks = vec![Block::Title(report_title(framework, draft))];
    let addressee = draft.meta.addressee.trim().trim_end_matches(['：', ':']);
    if !addressee.is_empty() {
        blocks.push(Block::Addressee(format!("{addressee}：")));
    }
    blocks.push(Block::Paragraph(render_pattern(&skeleton.opening, framework, &draft.meta, false)));

    let sheet = crate::scoring::ScoreSheet::compute(framework, draft);
    for (part, heading) in part_headings(framework) {
        blocks.push(Block::PartHeading(heading));
        match part.kind {
            PartKind::Narrative => {
                let text = render(draft.sections.get(&part.code).map(String::as_str).unwrap_or_default());
                blocks.extend(paragraphs_of(&text).map(Block::Paragraph));
            }
            PartKind::Rectification => {
                let entries = draft.rectifications.iter().filter(|entry| !entry.is_empty());
                blocks
                    .extend(entries.enumerate().flat_map(|(index, entry)| rectification_blocks(index, entry, &render)));
            }
            PartKind::Work => {
                work_blocks(framework, draft, sheet.as_ref(), &render, &mut blocks);
                // A scored report states its total where its work part ends.
                if let Some(sheet) = sheet.as_ref().filter(|sheet| sheet.anything_scored()) {
                    blocks.push(Block::Paragraph(sheet.summary_sentence(framework)));
                }
            }
            PartKind::Problems => {
                let entries = draft.problems.iter().map(|p| (p.title.as_str(), p.text.as_str()));
                list_blocks(entries, &render, &mut blocks);
            }
            PartKind::Measures => {
                let entries = draft.measures.iter().map(|m| (m.title.as_str(), m.text.as_str()));
                list_blocks(entries, &render, &mut blocks);
            }
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

/// The parts of the report in order with their numbered headings (`一、基本情况`); problems and
/// measures parts without a heading of their own take their list section's title. The form's
/// navigation and pages number the parts with this too.
pub fn part_headings(framework: &Framework) -> Vec<(&ReportPart, String)> {
    let parts = framework.report.parts.iter().enumerate();
    parts
        .map(|(index, part)| {
            let heading = match part.kind {
                PartKind::Problems if part.heading.is_empty() => &framework.problems.title,
                PartKind::Measures if part.heading.is_empty() => &framework.measures.title,
                _ => &part.heading,
            };
            (part, format!("{}、{heading}", chinese_numeral(index + 1)))
        })
        .collect()
}

/// The numbered heading of the report's own part with `code` (`一、基本情况`).
pub fn section_heading(framework: &Framework, code: &str) -> String {
    let headings = part_headings(framework);
    let found = headings.into_iter().find(|(part, _)| part.has_content() && part.code == code);
    found.map(|(_, heading)| heading).unwrap_or_default()
}

/// The numbered heading of the first part of `kind` (`二、存在的问题`).
pub fn part_heading_of(framework: &Framework, kind: PartKind) -> String {
    let headings = part_headings(framework);
    headings.into_iter().find(|(part, _)| part.kind == kind).map(|(_, heading)| heading).unwrap_or_default()
}

/// The non-empty lines of a text, trimmed: the report's paragraphs.
fn paragraphs_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned)
}

/// The areas with their items, in the skeleton's item style.
fn work_blocks(
    framework: &Framework,
    draft: &Draft,
    sheet: Option<&crate::scoring::ScoreSheet>,
    render: &dyn Fn(&str) -> String,
    blocks: &mut Vec<Block>,
) {
    let region = draft.meta.region.trim();
    let area_scores = framework.scoring.as_ref().is_some_and(|scoring| scoring.report_area_scores);
    for (index, area) in framework.areas.iter().enumerate() {
        // "（9分，自评得分8.5分）" where the framework's report style asks for it.
        let mut score = String::new();
        if let Some(row) = sheet.filter(|_| area_scores).and_then(|sheet| sheet.row(&area.code)) {
            if let Some(points) = row.row.points {
                score = match row.score {
                    Some(got) => format!("（{points}分，自评得分{got}分）"),
                    None => format!("（{points}分）"),
                };
            }
        }
        let mut texts = Vec::new();
        for item in &area.items {
            let entry = draft.item(&item.code);
            let text = match item_status(entry) {
                ItemStatus::Empty => continue,
                ItemStatus::NotApplicable => format!("{region}无此项工作任务。"),
                ItemStatus::Filled => render(entry.map(|entry| entry.narrative.as_str()).unwrap_or_default()),
            };
            texts.push((item, text));
        }
        match framework.report.item_style {
            ItemStyle::LeadSentences => {
                blocks.push(Block::AreaHeading(format!("{}{score}", area_heading(index, area))));
                for (item, text) in texts {
                    let mut paragraphs = paragraphs_of(&text);
                    let first = paragraphs.next().unwrap_or_default();
                    blocks.push(if item.lead {
                        Block::LeadParagraph { lead: format!("{}。", item.title), text: first }
                    } else {
                        Block::Paragraph(first)
                    });
                    blocks.extend(paragraphs.map(Block::Paragraph));
                }
            }
            ItemStyle::AreaParagraph => {
                // `（一）标题（9分）。` then every item's text, the first paragraph joined to it.
                let body: Vec<String> = texts.iter().flat_map(|(_, text)| paragraphs_of(text)).collect();
                let mut paragraphs = body.into_iter();
                blocks.push(Block::Entry {
                    number: format!("（{}）", chinese_numeral(index + 1)),
                    title: format!("{}{score}。", area.title),
                    text: paragraphs.next().unwrap_or_default(),
                });
                blocks.extend(paragraphs.map(Block::Paragraph));
            }
        }
    }
}

/// `（一）` + summary sentence + text, for problems and measures.
fn list_blocks<'a>(
    entries: impl Iterator<Item = (&'a str, &'a str)>,
    render: &dyn Fn(&str) -> String,
    blocks: &mut Vec<Block>,
) {
    for (index, (entry_title, entry_text)) in entries.enumerate() {
        let text = render(entry_text);
        let mut paragraphs = paragraphs_of(&text);
        blocks.push(Block::Entry {
            number: format!("（{}）", chinese_numeral(index + 1)),
            title: sentence(entry_title),
            text: paragraphs.next().unwrap_or_default(),
        });
        blocks.extend(paragraphs.map(Block::Paragraph));
    }
}

/// `（一）反馈问题。整改措施。进展。已完成整改。`: the problem in 楷体, the rest as its text.
fn rectification_blocks(index: usize, entry: &Rectification, render: &dyn Fn(&str) -> String) -> Vec<Block> {
    let mut body: Vec<String> = [&entry.measure, &entry.progress]
        .into_iter()
        .flat_map(|text| paragraphs_of(&render(text)).collect::<Vec<_>>())
        .collect();
    match entry.done {
        Some(true) => body.push(crate::draft::DONE_SENTENCE.to_owned()),
        Some(false) => body.push(crate::draft::ONGOING_SENTENCE.to_owned()),
        None => {}
    }
    // The measure and progress read as one paragraph after the problem; a line the user broke stays
    // a paragraph of its own.
    let mut paragraphs = body.into_iter();
    let mut blocks = vec![Block::Entry {
        number: format!("（{}）", chinese_numeral(index + 1)),
        title: sentence(&render(&entry.problem)),
        text: paragraphs.next().unwrap_or_default(),
    }];
    blocks.extend(paragraphs.map(Block::Paragraph));
    blocks
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
