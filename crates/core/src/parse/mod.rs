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

pub use input::MAX_INPUT_BYTES;

use crate::framework::{Area, Framework};
use similarity::{coverage, title_score};
use std::fmt;
use structure::{cited_notice, is_date_line, is_opening, numbering, part_heading, sentences, title_line, Part};

/// A lead sentence naming an item at least this well is taken as that item's heading.
const LEAD_MATCH: f32 = 0.6;
/// A heading naming an area at least this well is that area.
const AREA_MATCH: f32 = 0.45;
/// A paragraph covering an item's 范文 at least this much is about that item.
const CONTENT_MATCH: f32 = 0.35;
/// A clause holding at least this much of an item's title starts that item's text, even inside a
/// sentence about another item (report (2) style runs several items into one sentence).
const CLAUSE_TITLE_MATCH: f32 = 0.7;

#[derive(Clone, Debug, PartialEq)]
pub enum ParseError {
    Empty,
    TooLarge { bytes: usize },
    NotText,
    NotDocx,
    BrokenDocx,
    NotAReport,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "没有可导入的文字。"),
            ParseError::TooLarge { bytes } => write!(
                f,
                "内容太长（{:.1} MB）。一份自评报告通常只有几万字，请只粘贴报告正文。",
                *bytes as f64 / 1_048_576.0
            ),
            ParseError::NotText => write!(f, "内容含有无法识别的二进制数据，请粘贴文字或选择 .docx / .txt 文件。"),
            ParseError::NotDocx => write!(f, "这不是 Word（.docx）文件。旧版 .doc 请先在 Word 或 WPS 中另存为 .docx。"),
            ParseError::BrokenDocx => write!(f, "Word 文件已损坏或结构异常，无法读取。"),
            ParseError::NotAReport => write!(
                f,
                "没有找到自评报告的结构（“一、工作开展情况及成效”“二、存在的问题”“三、下一步措施”），请确认粘贴的是自评报告。"
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
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub title: String,
    pub text: String,
}

/// Text no item took, with the area it stood in and the best guess, for the user to assign.
#[derive(Clone, Debug, PartialEq)]
pub struct Unassigned {
    pub text: String,
    pub area: Option<String>,
    pub suggestion: Option<String>,
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
    pub unassigned: Vec<Unassigned>,
    /// Headings and numbering the structure consumed (the report regenerates them).
    pub recognized: Vec<String>,
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
enum Place {
    Preamble,
    Work(Option<usize>),
    Problems,
    Measures,
    Closing,
}

/// Collects mapped text per item, in framework order.
struct ItemTexts<'a> {
    framework: &'a Framework,
    items: Vec<MappedItem>,
}

impl ItemTexts<'_> {
    fn add(&mut self, code: &str, text: &str, confidence: f32) {
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

/// The area a heading names, by title and aliases, falling back on its position `（n）`.
fn area_for_heading(framework: &Framework, heading: &str, position: usize) -> Option<usize> {
    let scored = framework.areas.iter().enumerate().map(|(index, area)| {
        let best = std::iter::once(&area.title)
            .chain(area.aliases.iter())
            .map(|title| title_score(heading, title))
            .fold(0.0, f32::max);
        (index, best)
    });
    match scored.max_by(|a, b| a.1.total_cmp(&b.1)) {
        Some((index, score)) if score >= AREA_MATCH => Some(index),
        _ => (1..=framework.areas.len()).contains(&position).then(|| position - 1),
    }
}

fn parse_paragraphs(paragraphs: &[String], framework: &Framework) -> Result<ParsedReport, ParseError> {
    let mut report = ParsedReport::default();
    let mut items = ItemTexts { framework, items: Vec::new() };
    let mut place = Place::Preamble;
    let mut saw_part = false;

    for paragraph in paragraphs {
        let paragraph = paragraph.as_str();
        if let Some((part, heading_length)) = part_heading(paragraph) {
            saw_part = true;
            report.recognized.push(paragraph[..heading_length].to_owned());
            let rest = paragraph[heading_length..].trim();
            place = match part {
                Part::Work => Place::Work(None),
                Part::Problems => Place::Problems,
                Part::Measures => Place::Measures,
            };
            if !rest.is_empty() {
                report.unassigned.push(Unassigned { text: rest.to_owned(), area: None, suggestion: None });
            }
            continue;
        }
        match place {
            Place::Preamble => {
                if report.region.is_empty() && report.year.is_empty() {
                    if let Some((year, region)) = title_line(paragraph) {
                        report.year = year;
                        report.region = region;
                        report.recognized.push(paragraph.to_owned());
                        continue;
                    }
                }
                if report.opening.is_empty() && is_opening(paragraph) {
                    if let Some((title, number)) = cited_notice(paragraph) {
                        report.notice_title = title;
                        report.notice_number = number;
                    }
                    report.opening = paragraph.to_owned();
                    continue;
                }
                report.unassigned.push(Unassigned { text: paragraph.to_owned(), area: None, suggestion: None });
            }
            Place::Work(current_area) => {
                let mut body = paragraph;
                let mut area_index = current_area;
                if let Some((number, numbering_length)) = numbering(paragraph) {
                    let after = &paragraph[numbering_length..];
                    let heading_end = sentences(after).first().map(|range| range.end).unwrap_or(after.len());
                    let heading = after[..heading_end].trim_end_matches('。');
                    if let Some(index) = area_for_heading(framework, heading, number) {
                        area_index = Some(index);
                        report.areas.push(framework.areas[index].code.clone());
                        report.recognized.push(paragraph[..numbering_length + heading_end].to_owned());
                        body = after[heading_end..].trim();
                        place = Place::Work(area_index);
                        if body.is_empty() {
                            continue;
                        }
                        // Report (2) style: the area written as one paragraph after its heading.
                        map_area_paragraph(&framework.areas[index], body, &mut items);
                        continue;
                    }
                }
                match area_index {
                    Some(index) => map_item_paragraph(&framework.areas[index], body, &mut items, &mut report),
                    None => report.unassigned.push(Unassigned { text: body.to_owned(), area: None, suggestion: None }),
                }
            }
            Place::Problems | Place::Measures => {
                let entries =
                    if matches!(place, Place::Problems) { &mut report.problems } else { &mut report.measures };
                if let Some((_, numbering_length)) = numbering(paragraph) {
                    let after = &paragraph[numbering_length..];
                    let title_end = sentences(after).first().map(|range| range.end).unwrap_or(after.len());
                    let title = after[..title_end].trim_end_matches('。');
                    report.recognized.push(paragraph[..numbering_length].to_owned());
                    report.recognized.push(after[title.len()..title_end].to_owned());
                    entries.push(ListEntry { title: title.to_owned(), text: after[title_end..].trim().to_owned() });
                } else if is_date_line(paragraph) {
                    report.date = paragraph.to_owned();
                    place = Place::Closing;
                } else if paragraph.chars().count() <= 30 && paragraph.ends_with("人民政府") {
                    report.unit = paragraph.to_owned();
                    place = Place::Closing;
                } else if let Some(last) = entries.last_mut() {
                    last.text.push('\n');
                    last.text.push_str(paragraph);
                } else {
                    report.unassigned.push(Unassigned { text: paragraph.to_owned(), area: None, suggestion: None });
                }
            }
            Place::Closing => {
                if is_date_line(paragraph) && report.date.is_empty() {
                    report.date = paragraph.to_owned();
                } else if report.unit.is_empty() && paragraph.chars().count() <= 30 && paragraph.ends_with("人民政府")
                {
                    report.unit = paragraph.to_owned();
                } else {
                    report.unassigned.push(Unassigned { text: paragraph.to_owned(), area: None, suggestion: None });
                }
            }
        }
    }
    if !saw_part {
        return Err(ParseError::NotAReport);
    }
    items.drop_restated_titles();
    report.items = items.into_framework_order();
    Ok(report)
}

/// Report (1) style: a paragraph of an area, opening with the item's lead sentence (or, for an
/// item written without one, recognisable by its content).
fn map_item_paragraph(area: &Area, paragraph: &str, items: &mut ItemTexts, report: &mut ParsedReport) {
    let ranges = sentences(paragraph);
    let lead_range = ranges.first().cloned().unwrap_or(0..paragraph.len());
    let lead = paragraph[lead_range.clone()].trim_end_matches('。');
    if let Some((code, score)) = best_item_by_lead(area, lead).filter(|(_, score)| *score >= LEAD_MATCH) {
        report.recognized.push(paragraph[lead_range.clone()].to_owned());
        let rest = paragraph[lead_range.end..].trim();
        if is_not_applicable_sentence(rest) && sentences(rest).len() == 1 {
            report.recognized.push(rest.to_owned());
            items.add(code, "", score);
            if let Some(item) = items.items.iter_mut().find(|item| item.code == code) {
                item.not_applicable = true;
            }
        } else {
            items.add(code, rest, score);
        }
        return;
    }
    match best_item_by_content(area, paragraph) {
        Some((code, score)) if score >= CONTENT_MATCH => items.add(code, paragraph, score),
        best => report.unassigned.push(Unassigned {
            text: paragraph.to_owned(),
            area: Some(area.code.clone()),
            suggestion: best.map(|(code, _)| code.to_owned()),
        }),
    }
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
        items.add(code, text.trim_end(), score);
    }
}
