//! Starting from last year's report: pasted text or a .docx mapped onto the indicator tree.
//!
//! Invariant: nothing is dropped. Every character of the input ends up in exactly one place: a
//! recognised heading (title line, part and area headings, numbering, item lead sentences, the
//! 无此项工作任务 sentence), the opening, an item's text, a problem or measure, the signature or
//! date, or the visible 未归类 list the user assigns by hand.

mod assign;
mod input;
pub mod similarity;
pub mod structure;

pub use assign::{sentence_starts, to_draft, Assignments, Block, LEAVE_OUT};

pub(crate) use input::document_xml;
pub use input::MAX_INPUT_BYTES;

use crate::framework::{Area, Framework, PartKind};
use similarity::{coverage, title_score};
use std::fmt;
use structure::{
    cited_notice, heading_numbering, heading_words, is_date_line, is_opening, part_heading, sentences, title_line,
    Depth, Part,
};

/// A lead sentence naming an item at least this well is taken as that item's heading.
const LEAD_MATCH: f32 = 0.6;
/// A heading naming an area at least this well is that area.
const AREA_MATCH: f32 = 0.45;
/// A paragraph covering an item's 范文 at least this much is about that item.
const CONTENT_MATCH: f32 = 0.35;
/// A clause holding at least this much of an item's title starts that item's text, even inside a
/// sentence about another item (report (2) style runs several items into one sentence).
const CLAUSE_TITLE_MATCH: f32 = 0.7;
/// A 未归类 text is offered an item only when it is at least this close to it.
pub const SUGGEST_MATCH: f32 = 0.3;

#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    Empty,
    /// Over its limit (`crate::limits`), refused before it is read.
    TooLarge(crate::limits::TooLarge),
    NotText,
    NotDocx,
    BrokenDocx,
    NotAReport,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "没有可导入的文字。"),
            ParseError::TooLarge(refused) => write!(f, "{refused}"),
            ParseError::NotText => write!(f, "内容含有无法识别的二进制数据，请粘贴文字或选择 .docx / .txt 文件。"),
            ParseError::NotDocx => write!(f, "这不是 Word（.docx）文件。旧版 .doc 请先在 Word 或 WPS 中另存为 .docx。"),
            ParseError::BrokenDocx => write!(f, "Word 文件已损坏或结构异常，无法读取。"),
            ParseError::NotAReport => write!(
                f,
                "没有找到自评报告的结构（如“一、工作开展情况及成效”“二、存在的问题”“三、下一步措施”，或各评价领域的标题），请确认粘贴的是自评报告。"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// Text that landed on an item.
#[derive(Clone, Debug, PartialEq)]
pub struct MappedItem {
    pub code: String,
    pub text: String,
    /// Words at the start of the text that restate the item's title (`促进学前教育普及普惠发展，`):
    /// the report prints the title as the item's lead sentence, so they are not repeated.
    pub restated: String,
    pub not_applicable: bool,
    /// 0.0–1.0: how sure the match is.
    pub confidence: f32,
    /// Why the text went to this item, as the review says it (`段首句与指标名称一致`).
    pub why: Why,
}

/// Why a text went where it went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Its lead sentence names the item.
    Lead,
    /// A heading of its own (`1.加强学校党建工作`) names the item.
    Heading,
    /// It followed the item's heading or lead paragraph.
    Follows,
    /// Its words are close to the item's 范文.
    Content,
    /// A sentence of an area written as one paragraph, taken by what it is about.
    AreaSentence,
}

impl Why {
    pub fn label_zh(self) -> &'static str {
        match self {
            Why::Lead => "段首句与指标名称一致",
            Why::Heading => "小标题与指标名称一致",
            Why::Follows => "接在该指标的小标题或段落之后",
            Why::Content => "内容与该指标的范文相近",
            Why::AreaSentence => "该领域写成一段，按句子内容归入",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub title: String,
    pub text: String,
}

/// Text no item took, with the area it stood in and the best guess, for the user to assign.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unassigned {
    pub text: String,
    pub area: Option<String>,
    /// An item, offered only when the text is close enough to it (`SUGGEST_MATCH`).
    pub suggestion: Option<String>,
    /// The part it stood in, when that part has no place in the draft (`基本情况`, `整改情况`).
    pub part: Option<&'static str>,
    /// Proposed as 不导入 (still shown, and the user may take it): text of a part the draft has
    /// no place for, or a line after the signature.
    pub leave_out: bool,
}

/// A self-score stated in the report.
#[derive(Clone, Debug, PartialEq)]
pub struct StatedScore {
    /// The area code it was stated for.
    pub code: String,
    pub score: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedReport {
    pub year: String,
    pub region: String,
    pub notice_title: String,
    pub notice_number: String,
    pub opening: String,
    /// Areas found, by code, in the order they appeared.
    pub areas: Vec<String>,
    /// In framework order.
    pub items: Vec<MappedItem>,
    pub problems: Vec<ListEntry>,
    pub measures: Vec<ListEntry>,
    pub unit: String,
    pub date: String,
    /// 主送机关 of the 报告 form.
    pub addressee: String,
    /// 附件 names, in order.
    pub attachments: Vec<String>,
    /// Self-scores stated in area headings (`（10分，自评得分9分）`), for the review; one stated in
    /// an item's text stays there (the validator flags it where the framework gives no points).
    pub stated_scores: Vec<StatedScore>,
    pub unassigned: Vec<Unassigned>,
    /// Headings and numbering the structure consumed (the report regenerates them).
    pub recognized: Vec<String>,
    /// The texts of the skeleton's narrative parts (基本情况), by part code, paragraphs joined by a
    /// line break: a part the framework's report has a place for.
    pub sections: Vec<(String, String)>,
    /// 整改情况 entries (反馈问题 as the title, the rest as the text), where the skeleton has the part.
    pub rectifications: Vec<ListEntry>,
}

/// Parses pasted text.
pub fn parse_text(text: &str, framework: &Framework) -> Result<ParsedReport, ParseError> {
    parse_paragraphs(&input::text_paragraphs(text)?, framework)
}

/// Parses a .docx.
pub fn parse_docx(bytes: &[u8], framework: &Framework) -> Result<ParsedReport, ParseError> {
    parse_paragraphs(&input::docx_paragraphs(bytes)?, framework)
}

/// Where the parser is while walking the paragraphs.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Preamble,
    /// In the areas: the current area and item, when known.
    Work {
        area: Option<usize>,
        item: Option<usize>,
    },
    Problems,
    Measures,
    /// A narrative part of the framework's skeleton (基本情况), by its position in the skeleton.
    Section(usize),
    /// 上一轮评价反馈问题整改情况, where the skeleton has the part: its entries.
    Rectifications,
    /// A part the draft has no place for (基本情况 without a place in the skeleton, 整改情况,
    /// 特色亮点, 自评结果).
    Aside(Part),
    /// After `附件：`.
    Attachments,
    /// After the signature or date.
    Closing,
}

/// Collects mapped text per item, in framework order.
struct ItemTexts<'a> {
    framework: &'a Framework,
    items: Vec<MappedItem>,
}

impl ItemTexts<'_> {
    fn add(&mut self, code: &str, text: &str, confidence: f32, why: Why) {
        match self.items.iter_mut().find(|item| item.code == code) {
            Some(item) => {
                if !text.is_empty() {
                    if !item.text.is_empty() {
                        item.text.push('\n');
                    }
                    item.text.push_str(text);
                }
                item.confidence = item.confidence.min(confidence);
            }
            None => self.items.push(MappedItem {
                code: code.to_owned(),
                text: text.to_owned(),
                restated: String::new(),
                not_applicable: false,
                confidence,
                why,
            }),
        }
    }

    /// Moves words restating each lead item's title from the start of its text to `restated`,
    /// when text remains after them.
    fn drop_restated_titles(&mut self) {
        for mapped in &mut self.items {
            let Some(item) = self.framework.item(&mapped.code).filter(|item| item.lead) else { continue };
            let end =
                restated_title_end(&mapped.text, &item.title).or_else(|| only_restates(&mapped.text, &item.title));
            let Some(end) = end else { continue };
            mapped.restated = mapped.text[..end].to_owned();
            mapped.text = mapped.text[end..].trim_start().to_owned();
        }
    }

    fn into_framework_order(mut self) -> Vec<MappedItem> {
        let order: Vec<&str> = self.framework.items().map(|(_, item)| item.code.as_str()).collect();
        crate::small_sort::sort_small_by_key(&mut self.items, |item| order.iter().position(|code| *code == item.code));
        self.items
    }
}

/// The item of `area` a whole paragraph is about, judged by its 范文 and title.
fn best_item_by_content<'a>(area: &'a Area, text: &str) -> Option<(&'a str, f32)> {
    area.items
        .iter()
        .map(|item| {
            let reference = format!("{}{}", item.title, item.starter.as_deref().unwrap_or(&item.guidance));
            (item.code.as_str(), coverage(text, &reference).max(title_score(text, &item.title) * 0.9))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// The item of `area` whose title a lead sentence names.
fn best_item_by_lead<'a>(area: &'a Area, lead: &str) -> Option<(&'a str, f32)> {
    area.items
        .iter()
        .map(|item| (item.code.as_str(), title_score(lead, &item.title)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Where the opening clause of `text` ends (with its mark), when it restates `title` and more text
/// follows it.
fn restated_title_end(text: &str, title: &str) -> Option<usize> {
    let first = clauses(text).into_iter().next()?;
    let clause = &text[first.clone()];
    let rest = text[first.end..].trim();
    (!rest.is_empty() && coverage(title, clause) >= LEAD_MATCH && title_score(clause, title) >= LEAD_MATCH)
        .then_some(first.end)
}

/// When a text is one clause saying what the title says (a report (2) area naming the item in
/// passing: `大力宣传学习新修订《中华人民共和国教育法》，`), all of it: the report prints the title
/// itself, and the item is left for the user to write.
fn only_restates(text: &str, title: &str) -> Option<usize> {
    let pieces = clauses(text);
    let [only] = pieces.as_slice() else { return None };
    (coverage(title, &text[only.clone()]) >= CLAUSE_TITLE_MATCH).then_some(text.len())
}

/// Clauses of a sentence: up to and including each `，` `,` `；` `;` `：` or sentence end that is
/// not inside quotes or brackets.
fn clauses(sentence: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    for (at, character) in sentence.char_indices() {
        match character {
            '“' | '‘' | '《' | '（' | '(' | '「' | '【' => depth += 1,
            '”' | '’' | '》' | '）' | ')' | '」' | '】' => depth = (depth - 1).max(0),
            '，' | ',' | '；' | ';' | '：' | '。' if depth == 0 => {
                let end = at + character.len_utf8();
                ranges.push(start..end);
                start = end;
            }
            _ => {}
        }
    }
    if start < sentence.len() && !sentence[start..].trim().is_empty() {
        ranges.push(start..sentence.len());
    }
    ranges
}

/// A clause naming an item outright takes the clauses before it in its sentence that merely
/// followed an earlier item and are more about this one (`落实教师工资待遇政策，将义务教育教师工资
/// 待遇纳入…`: both halves are about 教师工资待遇).
fn claim_leading_clauses<'a>(area: &'a Area, earlier: &mut [(Option<&'a str>, &str, f32)], code: &'a str, score: f32) {
    let title_of = |code: &str| area.items.iter().find(|item| item.code == code).map(|item| item.title.as_str());
    let Some(title) = title_of(code) else { return };
    for piece in earlier.iter_mut().rev() {
        let current = piece.0.and_then(title_of).map(|own| coverage(own, piece.1)).unwrap_or(0.0);
        if piece.0 == Some(code) || item_named_in_clause(area, piece.1).is_some() || coverage(title, piece.1) <= current
        {
            break;
        }
        *piece = (Some(code), piece.1, score);
    }
}

/// The item of `area` whose title a clause names outright, if any.
fn item_named_in_clause<'a>(area: &'a Area, clause: &str) -> Option<(&'a str, f32)> {
    area.items
        .iter()
        .map(|item| (item.code.as_str(), coverage(&item.title, clause)))
        .filter(|(_, score)| *score >= CLAUSE_TITLE_MATCH)
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

fn is_not_applicable_sentence(sentence: &str) -> bool {
    sentence.contains("无此项工作任务") || sentence.contains("无此项任务")
}

fn parse_paragraphs(paragraphs: &[String], framework: &Framework) -> Result<ParsedReport, ParseError> {
    let mut walk = Walk {
        framework,
        report: ParsedReport::default(),
        items: ItemTexts { framework, items: Vec::new() },
        place: Place::Preamble,
        saw_structure: false,
        unnumbered_lists: Vec::new(),
    };
    for paragraph in paragraphs {
        walk.paragraph(paragraph.as_str());
    }
    let Walk { mut report, mut items, saw_structure, .. } = walk;
    if !saw_structure {
        return Err(ParseError::NotAReport);
    }
    if report.region.is_empty() {
        report.region = structure::region_of_unit(&report.unit).unwrap_or_default();
    }
    if report.year.is_empty() {
        report.year = structure::year_in(&report.notice_title).unwrap_or_default();
    }
    items.drop_restated_titles();
    report.items = items.into_framework_order();
    Ok(report)
}

/// The walk over the paragraphs: where it is, and what it has found.
struct Walk<'a> {
    framework: &'a Framework,
    report: ParsedReport,
    items: ItemTexts<'a>,
    place: Place,
    /// A part heading or an area heading was seen: the text is a report.
    saw_structure: bool,
    /// Lists (by their place) whose first entry had no number: each paragraph is an entry.
    unnumbered_lists: Vec<Place>,
}

impl Walk<'_> {
    fn unplaced(&mut self, text: &str, area: Option<usize>, suggestion: Option<String>, leave_out: bool) {
        let part = match self.place {
            Place::Aside(part) => Some(part.label_zh()),
            Place::Preamble => Some("开头"),
            Place::Closing | Place::Attachments => Some("落款之后"),
            _ => None,
        };
        self.report.unassigned.push(Unassigned {
            text: text.to_owned(),
            area: area.map(|index| self.framework.areas[index].code.clone()),
            suggestion,
            part,
            leave_out,
        });
    }

    fn paragraph(&mut self, paragraph: &str) {
        if self.place == Place::Preamble && self.preamble(paragraph) {
            return;
        }
        if let Some((place, heading_length)) = self.skeleton_part(paragraph) {
            self.saw_structure = true;
            self.report.recognized.push(paragraph[..heading_length].to_owned());
            self.place = place;
            let rest = paragraph[heading_length..].trim();
            if !rest.is_empty() {
                self.paragraph(rest);
            }
            return;
        }
        if self.place != Place::Preamble && self.closing(paragraph) {
            return;
        }
        match self.place {
            Place::Preamble | Place::Work { .. } => self.work(paragraph),
            Place::Problems | Place::Measures | Place::Rectifications => self.list_entry(paragraph),
            Place::Section(index) => {
                let code = &self.framework.report.parts[index].code;
                let sections = &mut self.report.sections;
                match sections.iter_mut().find(|(own, _)| own == code) {
                    Some((_, text)) => {
                        text.push('\n');
                        text.push_str(paragraph);
                    }
                    None => sections.push((code.clone(), paragraph.to_owned())),
                }
            }
            Place::Aside(Part::Highlights) => {
                let suggestion = self.best_item_anywhere(paragraph).filter(|(_, score)| *score >= SUGGEST_MATCH);
                let area =
                    suggestion.as_ref().and_then(|(code, _)| self.framework.locate(code)).map(|(index, ..)| index);
                self.unplaced(paragraph, area, suggestion.map(|(code, _)| code), false);
            }
            Place::Aside(_) | Place::Attachments | Place::Closing => self.unplaced(paragraph, None, None, true),
        }
    }

    fn has_part(&self, kind: PartKind) -> bool {
        self.framework.report.parts.iter().any(|part| part.kind == kind)
    }

    /// A part heading, read against the framework's skeleton first: a heading that names one of
    /// its narrative parts (`一、基本情况`, or the part's own heading word for word) opens that part;
    /// the other parts are known by the genre's words. Returns the place and the heading's length.
    fn skeleton_part(&self, paragraph: &str) -> Option<(Place, usize)> {
        let parts = &self.framework.report.parts;
        let narrative = |heading: &str| {
            let named = |part: &&crate::framework::ReportPart| part.kind == PartKind::Narrative;
            let exact = parts.iter().position(|part| named(&part) && part.heading == heading.trim());
            exact.or_else(|| {
                (Part::named(heading) == Some(Part::Basic))
                    .then(|| parts.iter().position(|part| named(&part)))
                    .flatten()
            })
        };
        if let Some((Depth::Part, _, numbering_length)) = heading_numbering(paragraph) {
            let after = &paragraph[numbering_length..];
            let heading_end = heading_words(after);
            if let Some(index) = narrative(&after[..heading_end]) {
                return Some((Place::Section(index), numbering_length + heading_end));
            }
        }
        let (part, heading_length) = part_heading(paragraph)?;
        let place = match part {
            Part::Work => Place::Work { area: None, item: None },
            Part::Problems => Place::Problems,
            Part::Measures => Place::Measures,
            Part::Rectification if self.has_part(PartKind::Rectification) => Place::Rectifications,
            other => Place::Aside(other),
        };
        Some((place, heading_length))
    }

    /// The title, 主送 and the opening, before the first part. True when the paragraph was one.
    fn preamble(&mut self, paragraph: &str) -> bool {
        let report = &mut self.report;
        if report.recognized.is_empty() && report.opening.is_empty() && report.addressee.is_empty() {
            if let Some((year, region)) = title_line(paragraph) {
                report.year = year;
                report.region = region;
                report.recognized.push(paragraph.to_owned());
                return true;
            }
        }
        if report.addressee.is_empty() && report.opening.is_empty() {
            if let Some(addressee) = structure::addressee_line(paragraph) {
                report.recognized.push(paragraph[addressee.len()..].to_owned());
                report.addressee = addressee;
                return true;
            }
        }
        if report.opening.is_empty() && is_opening(paragraph) {
            if let Some((title, number)) = cited_notice(paragraph) {
                report.notice_title = title;
                report.notice_number = number;
            }
            if report.year.is_empty() {
                report.year = structure::year_in(paragraph).unwrap_or_default();
            }
            report.opening = paragraph.to_owned();
            return true;
        }
        false
    }

    /// 附件, signature and date, in either order, wherever the body ends. True when the paragraph
    /// was one of them.
    fn closing(&mut self, paragraph: &str) -> bool {
        let report = &mut self.report;
        if let Some(name) = structure::attachment_line(paragraph) {
            report.recognized.push(paragraph[..paragraph.len() - name.len()].to_owned());
            if let Some(numbered) = structure::numbered_name(&name) {
                report.recognized.push(name[..name.len() - numbered.len()].to_owned());
                report.attachments.push(numbered);
            } else if !name.is_empty() {
                report.attachments.push(name);
            }
            self.place = Place::Attachments;
            return true;
        }
        if self.place == Place::Attachments {
            if let Some(name) = structure::numbered_name(paragraph) {
                report.recognized.push(paragraph[..paragraph.len() - name.len()].to_owned());
                report.attachments.push(name);
                return true;
            }
        }
        if report.date.is_empty() && is_date_line(paragraph) {
            report.date = paragraph.to_owned();
            self.place = Place::Closing;
            return true;
        }
        if report.unit.is_empty() && heading_numbering(paragraph).is_none() && structure::is_signature_line(paragraph) {
            report.unit = paragraph.to_owned();
            self.place = Place::Closing;
            return true;
        }
        false
    }

    /// A paragraph among the areas: an area heading, an item heading, or an item's text.
    fn work(&mut self, paragraph: &str) {
        let Place::Work { area, item } = self.place else {
            // Before any part: only an area heading starts the work (a report without parts).
            if !self.area_heading(paragraph) {
                self.unplaced(paragraph, None, None, false);
            }
            return;
        };
        if self.area_heading(paragraph) {
            return;
        }
        if let Some((depth, _, numbering_length)) = heading_numbering(paragraph) {
            // `（1）` may number items too, but inside an item's text it numbers its points: only
            // a heading that names an item of the current area is one.
            {
                let after = &paragraph[numbering_length..];
                let heading_end = structure::heading_words(after);
                let heading = after[..heading_end].trim_end_matches(['。', '：', ':']);
                let named = self.item_named(heading, area);
                let named = named.filter(|found| depth != Depth::SubPoint || Some(found.0) == area);
                if let Some((area_index, item_index, score)) = named {
                    let code = self.framework.areas[area_index].items[item_index].code.clone();
                    self.report.recognized.push(paragraph[..numbering_length + heading_end].to_owned());
                    self.place = Place::Work { area: Some(area_index), item: Some(item_index) };
                    let rest = after[heading_end..].trim();
                    if is_not_applicable_sentence(rest) && sentences(rest).len() == 1 {
                        self.mark_not_applicable(&code, rest, score, Why::Heading);
                    } else {
                        self.items.add(&code, rest, score, Why::Heading);
                    }
                    return;
                }
                // A heading no item or area answers to: shown, never taken as an item's text.
                if depth != Depth::SubPoint && after[heading_end..].trim().is_empty() && !after.contains('。') {
                    self.unplaced(paragraph, area, None, false);
                    return;
                }
            }
        }
        match area {
            Some(index) => self.item_paragraph(index, item, paragraph),
            None => {
                let suggestion = self.best_item_anywhere(paragraph).filter(|(_, score)| *score >= SUGGEST_MATCH);
                self.unplaced(paragraph, None, suggestion.map(|(code, _)| code), false);
            }
        }
    }

    /// An area's heading (`（一）全面加强党对教育工作的领导`, `一、…` in a report without parts,
    /// `1.…（10分，自评得分9分）`), known by its name, never by its number alone. True when the
    /// paragraph was one.
    fn area_heading(&mut self, paragraph: &str) -> bool {
        let Some((depth, _, numbering_length)) = heading_numbering(paragraph) else { return false };
        if depth == Depth::SubPoint {
            return false;
        }
        let after = &paragraph[numbering_length..];
        let heading_end = structure::heading_words(after);
        let mut heading = after[..heading_end].trim_end_matches(['。', '：', ':']).to_owned();
        let score = structure::stated_score(&heading);
        if let Some((range, _)) = &score {
            heading.replace_range(range.clone(), "");
        }
        let Some(index) = area_named(self.framework, &heading) else { return false };
        // An item heading that happens to resemble its area's title is the item's.
        if let Some((_, _, item_score)) = self.item_named(&heading, Some(index)) {
            if item_score > title_score(&heading, &self.framework.areas[index].title) {
                return false;
            }
        }
        self.saw_structure = true;
        let code = self.framework.areas[index].code.clone();
        if let Some((_, score)) = score {
            self.report.stated_scores.push(StatedScore { code: code.clone(), score });
        }
        self.report.areas.push(code);
        self.report.recognized.push(paragraph[..numbering_length + heading_end].to_owned());
        self.place = Place::Work { area: Some(index), item: None };
        let body = after[heading_end..].trim();
        if !body.is_empty() {
            // Report (2) style: the area written as one paragraph after its heading.
            map_area_paragraph(&self.framework.areas[index], body, &mut self.items);
        }
        true
    }

    /// The item a heading names: in the current area first, then anywhere (a report that skips
    /// area headings). Returns (area, item, score).
    fn item_named(&self, heading: &str, area: Option<usize>) -> Option<(usize, usize, f32)> {
        let in_area = |index: usize| {
            self.framework.areas[index]
                .items
                .iter()
                .enumerate()
                .map(|(item, candidate)| (index, item, title_score(heading, &candidate.title)))
                .max_by(|a, b| a.2.total_cmp(&b.2))
        };
        let current = area.and_then(in_area).filter(|found| found.2 >= LEAD_MATCH);
        current.or_else(|| {
            (0..self.framework.areas.len())
                .filter_map(in_area)
                .filter(|found| found.2 >= LEAD_MATCH + 0.1)
                .max_by(|a, b| a.2.total_cmp(&b.2))
        })
    }

    fn mark_not_applicable(&mut self, code: &str, sentence: &str, score: f32, why: Why) {
        self.report.recognized.push(sentence.to_owned());
        self.items.add(code, "", score, why);
        if let Some(item) = self.items.items.iter_mut().find(|item| item.code == code) {
            item.not_applicable = true;
        }
    }

    /// The item of any area a text is closest to by content.
    fn best_item_anywhere(&self, text: &str) -> Option<(String, f32)> {
        self.framework
            .areas
            .iter()
            .filter_map(|area| best_item_by_content(area, text))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(code, score)| (code.to_owned(), score))
    }

    /// A problem or measure: a numbered entry at any depth is one; an unnumbered paragraph
    /// continues the last entry (or, when there is none yet, starts one).
    fn list_entry(&mut self, paragraph: &str) {
        let entries = match self.place {
            Place::Problems => &mut self.report.problems,
            Place::Rectifications => &mut self.report.rectifications,
            _ => &mut self.report.measures,
        };
        let numbered = heading_numbering(paragraph).map(|(_, _, length)| length);
        // Under numbered entries an unnumbered paragraph continues the last one; in a list written
        // without numbers, each paragraph is an entry.
        let written_without_numbers = self.unnumbered_lists.contains(&self.place);
        if numbered.is_none() && !written_without_numbers {
            if let Some(last) = entries.last_mut() {
                last.text.push('\n');
                last.text.push_str(paragraph);
                return;
            }
        }
        if numbered.is_none() {
            self.unnumbered_lists.push(self.place);
        }
        let numbering_length = numbered.unwrap_or(0);
        let after = &paragraph[numbering_length..];
        let title_end = sentences(after).first().map(|range| range.end).unwrap_or(after.len());
        let title = after[..title_end].trim_end_matches('。');
        self.report.recognized.push(paragraph[..numbering_length].to_owned());
        self.report.recognized.push(after[title.len()..title_end].to_owned());
        entries.push(ListEntry { title: title.to_owned(), text: after[title_end..].trim().to_owned() });
    }

    /// Report (1) style: a paragraph of an area, opening with the item's lead sentence; else the
    /// item whose heading or paragraph it follows; else the item it is about by content.
    fn item_paragraph(&mut self, area_index: usize, current: Option<usize>, paragraph: &str) {
        let area = &self.framework.areas[area_index];
        let ranges = sentences(paragraph);
        let lead_range = ranges.first().cloned().unwrap_or(0..paragraph.len());
        let lead = paragraph[lead_range.clone()].trim_end_matches('。');
        if let Some((code, score)) = best_item_by_lead(area, lead).filter(|(_, score)| *score >= LEAD_MATCH) {
            self.report.recognized.push(paragraph[lead_range.clone()].to_owned());
            let index = area.items.iter().position(|item| item.code == code);
            self.place = Place::Work { area: Some(area_index), item: index };
            let rest = paragraph[lead_range.end..].trim();
            if is_not_applicable_sentence(rest) && sentences(rest).len() == 1 {
                self.mark_not_applicable(code, rest, score, Why::Lead);
            } else {
                self.items.add(code, rest, score, Why::Lead);
            }
            return;
        }
        let by_content = best_item_by_content(area, paragraph);
        if let Some(index) = current {
            let current_code = area.items[index].code.clone();
            // `xx县无此项工作任务。` on the line after the item's heading.
            if is_not_applicable_sentence(paragraph) && ranges.len() == 1 {
                let already = self.items.items.iter().any(|item| item.code == current_code && !item.text.is_empty());
                if !already {
                    self.mark_not_applicable(&current_code, paragraph, 0.9, Why::Follows);
                    return;
                }
            }
            // A paragraph clearly about another item of the area starts that item.
            let current_code = current_code.as_str();
            match by_content {
                Some((code, score)) if code != current_code && score >= CONTENT_MATCH + 0.2 => {
                    let next = area.items.iter().position(|item| item.code == code);
                    self.place = Place::Work { area: Some(area_index), item: next };
                    self.items.add(code, paragraph, score, Why::Content);
                }
                _ => self.items.add(current_code, paragraph, 0.7, Why::Follows),
            }
            return;
        }
        match by_content {
            Some((code, score)) if score >= CONTENT_MATCH => {
                let index = area.items.iter().position(|item| item.code == code);
                self.place = Place::Work { area: Some(area_index), item: index };
                self.items.add(code, paragraph, score, Why::Content);
            }
            best => {
                let suggestion = best.filter(|(_, score)| *score >= SUGGEST_MATCH).map(|(code, _)| code.to_owned());
                self.unplaced(paragraph, Some(area_index), suggestion, false);
            }
        }
    }
}

/// The area a heading names, by title and aliases.
fn area_named(framework: &Framework, heading: &str) -> Option<usize> {
    framework
        .areas
        .iter()
        .enumerate()
        .map(|(index, area)| {
            let best = std::iter::once(&area.title)
                .chain(area.aliases.iter())
                .map(|title| title_score(heading, title))
                .fold(0.0, f32::max);
            (index, best)
        })
        .filter(|(_, score)| *score >= AREA_MATCH)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}

/// Report (2) style: an area as one paragraph. Each sentence goes to the item it is most about; a
/// clause naming another item's title outright starts that item's text there; sentences that name
/// no item follow the one before them; a paragraph naming none at all goes to the area's first
/// item, with low confidence, for the user to check.
fn map_area_paragraph(area: &Area, paragraph: &str, items: &mut ItemTexts) {
    let mut pieces: Vec<(Option<&str>, &str, f32)> = Vec::new();
    for range in sentences(paragraph) {
        let sentence = &paragraph[range];
        let about = best_item_by_content(area, sentence.trim()).filter(|(_, score)| *score >= CONTENT_MATCH + 0.15);
        let sentence_start = pieces.len();
        for (index, clause_range) in clauses(sentence).into_iter().enumerate() {
            let clause = &sentence[clause_range];
            let previous = pieces.last().map(|&(code, _, score)| (code, score));
            let named = item_named_in_clause(area, clause);
            if let Some((code, score)) = named {
                claim_leading_clauses(area, &mut pieces[sentence_start..], code, score);
            }
            pieces.push(match (named, index, about, previous) {
                (Some((code, score)), ..) => (Some(code), clause, score),
                (None, 0, Some((code, score)), _) => (Some(code), clause, score),
                (None, _, _, Some((Some(code), score))) => (Some(code), clause, score),
                _ => (None, clause, 0.0),
            });
        }
    }
    let first_code = pieces.iter().find_map(|(code, _, _)| *code).unwrap_or(area.items[0].code.as_str());
    let mut merged: Vec<(&str, String, f32)> = Vec::new();
    for (code, clause, score) in pieces {
        let (code, score) = match code {
            Some(code) => (code, score),
            None => (first_code, 0.2),
        };
        match merged.last_mut() {
            Some(last) if last.0 == code => {
                last.1.push_str(clause);
                last.2 = last.2.min(score);
            }
            _ => merged.push((code, clause.trim_start().to_owned(), score)),
        }
    }
    for (code, text, score) in merged {
        items.add(code, text.trim_end(), score, Why::AreaSentence);
    }
}
