//! From a parsed report to a new draft: the parser's proposal, the user's corrections, the draft.

use super::{similarity, ListEntry, ParsedReport};
use crate::draft::{next_entry_id, Draft, ItemEntry, Measure, Problem};
use crate::framework::{Framework, Level};
use crate::validate::scan::half_width_punctuation;

/// Where each piece of parsed text goes in the new draft: the user's corrections of the proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct Assignments {
    /// The texts that landed on items, as the user arranges them: the parser's, in its order, with
    /// the pieces the user split off following the text they came from.
    pub blocks: Vec<Block>,
    /// Per 未归类 text: the item it goes to, or `None` while unassigned. A draft is made only
    /// when every one has a target or the user chose to leave it out (`Some("")`).
    pub unassigned: Vec<Option<String>>,
    /// Half-width punctuation made full-width in the new draft: offered when there is any, never
    /// done without the user's choice.
    pub full_width_punctuation: bool,
}

/// One text bound for an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub text: String,
    /// Words the parser set aside because they only restate the item's title (shown, not imported).
    pub restated: String,
    /// The item the parser proposed.
    pub proposed: String,
    /// The item it goes to; `None`: the user chose not to import it.
    pub target: Option<String>,
    pub not_applicable: bool,
    /// 0.0–1.0: how sure the parser was.
    pub confidence: f32,
    /// Why the parser proposed the item.
    pub why: super::Why,
}

/// `Some("")` in `Assignments::unassigned`: the user chose not to import that text.
pub const LEAVE_OUT: &str = "";

impl Assignments {
    /// The parser's proposal: items where they landed, 未归类 texts to their suggestion if any.
    pub fn proposed(parsed: &ParsedReport) -> Assignments {
        Assignments {
            blocks: parsed
                .items
                .iter()
                .map(|item| Block {
                    text: item.text.clone(),
                    restated: item.restated.clone(),
                    proposed: item.code.clone(),
                    target: Some(item.code.clone()),
                    not_applicable: item.not_applicable,
                    confidence: item.confidence,
                    why: item.why,
                })
                .collect(),
            unassigned: parsed
                .unassigned
                .iter()
                .map(
                    |unassigned| {
                        if unassigned.leave_out {
                            Some(LEAVE_OUT.to_owned())
                        } else {
                            unassigned.suggestion.clone()
                        }
                    },
                )
                .collect(),
            full_width_punctuation: false,
        }
    }

    /// How many 未归类 texts still wait for a decision.
    pub fn undecided(&self) -> usize {
        self.unassigned.iter().filter(|target| target.is_none()).count()
    }

    /// Splits block `index` before its sentence `sentence` (counted from 0; the first cannot be
    /// split off): the rest becomes a block of its own right after it, bound for the same item
    /// until the user says otherwise. Nothing changes when there is no such sentence.
    pub fn split(&mut self, index: usize, sentence: usize) -> bool {
        let Some(block) = self.blocks.get(index) else { return false };
        let Some(at) = sentence_starts(&block.text).get(sentence).copied().filter(|at| *at > 0) else {
            return false;
        };
        let mut rest = block.clone();
        rest.text = block.text[at..].trim_start().to_owned();
        rest.restated.clear();
        self.blocks[index].text = block.text[..at].trim_end().to_owned();
        self.blocks.insert(index + 1, rest);
        true
    }

    /// Takes the words set aside as restating the title of block `index` as its text after all
    /// (the user judged them worth keeping). Nothing changes when there are none.
    pub fn keep_restated(&mut self, index: usize) -> bool {
        let Some(block) = self.blocks.get_mut(index) else { return false };
        if block.restated.trim().is_empty() {
            return false;
        }
        let restated = std::mem::take(&mut block.restated);
        block.text = if block.text.trim().is_empty() { restated } else { format!("{restated}{}", block.text) };
        true
    }

    /// Half-width marks (`,` `;` `:` `(` `)` …) in Chinese text bound for the draft: what
    /// `full_width_punctuation` would change.
    pub fn half_width_marks(&self, parsed: &ParsedReport) -> usize {
        let count = |text: &str| half_width_punctuation(text).len();
        self.blocks.iter().filter(|block| block.target.is_some()).map(|block| count(&block.text)).sum::<usize>()
            + count(&parsed.notice_title)
            + count(&parsed.unit)
            + parsed
                .problems
                .iter()
                .chain(&parsed.measures)
                .map(|entry| count(&entry.title) + count(&entry.text))
                .sum::<usize>()
            + parsed
                .unassigned
                .iter()
                .zip(&self.unassigned)
                .filter(|(_, target)| target.as_deref().is_some_and(|target| !target.is_empty()))
                .map(|(unassigned, _)| count(&unassigned.text))
                .sum::<usize>()
    }
}

/// Where each sentence of a text starts (the first at 0), for splitting.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    super::structure::sentences(text).into_iter().map(|range| range.start).collect()
}

/// The text with its half-width punctuation made full-width (the validator's own fixes).
fn full_width(text: &str) -> String {
    let mut fixed = text.to_owned();
    for (range, replacement) in half_width_punctuation(text).into_iter().rev() {
        fixed.replace_range(range, &replacement.to_string());
    }
    fixed
}

fn append(entry: &mut ItemEntry, text: &str) {
    let text = as_sentence(text);
    if text.is_empty() {
        return;
    }
    if !entry.narrative.is_empty() {
        entry.narrative.push('\n');
    }
    entry.narrative.push_str(&text);
}

/// A text cut from a longer sentence at a comma ends as a sentence of its own.
fn as_sentence(text: &str) -> String {
    let text = text.trim();
    match text.strip_suffix(['，', ',', '；', ';', '：', ':', '、']) {
        Some(cut) => format!("{}。", cut.trim_end()),
        None => text.to_owned(),
    }
}

/// How alike a measure and a problem read: their summaries above all, their texts a little.
fn answer_score(measure: &ListEntry, problem: &Problem) -> f32 {
    similarity::dice(&measure.title, &problem.title) + 0.5 * similarity::dice(&measure.text, &problem.text)
}

/// The problem each measure answers. Reports usually pair them in order (measure (n) answers
/// problem (n)) when there are as many of each; a clearly better match elsewhere wins over the
/// order. Otherwise a measure answers the problem it most resembles, when clearly so.
fn answered_problems(measures: &[ListEntry], problems: &[Problem]) -> Vec<Option<String>> {
    let paired = measures.len() == problems.len();
    measures
        .iter()
        .enumerate()
        .map(|(index, measure)| {
            let scores: Vec<f32> = problems.iter().map(|problem| answer_score(measure, problem)).collect();
            let best = scores.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).map(|(at, score)| (at, *score));
            let chosen = match best {
                Some((_, score)) if paired && score - scores[index] <= 0.2 => Some(index),
                Some((at, score)) if paired || score >= 0.25 => Some(at),
                _ => None,
            };
            chosen.map(|at| problems[at].id.clone())
        })
        .collect()
}

/// A new draft from a parsed report and the user's assignments.
pub fn to_draft(
    parsed: &ParsedReport,
    assignments: &Assignments,
    framework: &Framework,
    id: String,
    now: String,
) -> Draft {
    let mut draft = Draft::new(framework, id, now);
    if !parsed.region.is_empty() {
        draft.meta.region = parsed.region.clone();
        // The region's last character says the level the report is written at.
        draft.meta.level = match parsed.region.chars().last() {
            Some('县' | '区' | '旗') => Level::County,
            Some('州' | '盟') => Level::Prefecture,
            _ => draft.meta.level,
        };
    }
    if !parsed.year.is_empty() {
        draft.meta.year = parsed.year.clone();
    }
    draft.meta.addressee = parsed.addressee.clone();
    draft.meta.attachments = parsed.attachments.join("\n");
    if !parsed.notice_title.is_empty() {
        draft.meta.notice_title = parsed.notice_title.clone();
    }
    if !parsed.notice_number.is_empty() {
        draft.meta.notice_number = parsed.notice_number.clone();
    }
    draft.meta.unit = parsed.unit.clone();
    draft.meta.date = parsed.date.clone();
    for (code, text) in &parsed.sections {
        draft.sections.insert(code.clone(), text.clone());
    }
    for (index, entry) in parsed.rectifications.iter().enumerate() {
        let id = format!("r{}", index + 1);
        draft.rectifications.push(crate::draft::Rectification::from_report(id, &entry.title, &entry.text));
    }
    // Framework order, whatever order the targets come in.
    let mut placed: Vec<(usize, &str, &str, bool)> = Vec::new();
    for block in &assignments.blocks {
        if let Some(target) = block.target.as_deref() {
            placed.push((item_position(framework, target), target, &block.text, block.not_applicable));
        }
    }
    for (unassigned, target) in parsed.unassigned.iter().zip(&assignments.unassigned) {
        if let Some(target) = target.as_deref().filter(|target| !target.is_empty()) {
            placed.push((item_position(framework, target), target, &unassigned.text, false));
        }
    }
    crate::small_sort::sort_small_by_key(&mut placed, |(position, ..)| *position);
    for (_, target, text, not_applicable) in placed {
        // An empty text (its words only restated the title) leaves the item to write.
        if framework.item(target).is_none() || (text.trim().is_empty() && !not_applicable) {
            continue;
        }
        let entry = draft.items.entry(target.to_owned()).or_default();
        append(entry, text);
        entry.not_applicable |= not_applicable;
    }
    for entry in &parsed.problems {
        let id = next_entry_id("p", draft.problems.iter().map(|problem| problem.id.as_str()));
        draft.problems.push(Problem { id, title: entry.title.clone(), text: entry.text.clone() });
    }
    let answered = answered_problems(&parsed.measures, &draft.problems);
    for (entry, answer) in parsed.measures.iter().zip(answered) {
        let id = next_entry_id("m", draft.measures.iter().map(|measure| measure.id.as_str()));
        let answers = answer.into_iter().collect();
        draft.measures.push(Measure { id, title: entry.title.clone(), text: entry.text.clone(), answers });
    }
    if assignments.full_width_punctuation {
        draft.meta.notice_title = full_width(&draft.meta.notice_title);
        draft.meta.unit = full_width(&draft.meta.unit);
        for entry in draft.items.values_mut() {
            entry.narrative = full_width(&entry.narrative);
        }
        for problem in &mut draft.problems {
            (problem.title, problem.text) = (full_width(&problem.title), full_width(&problem.text));
        }
        for measure in &mut draft.measures {
            (measure.title, measure.text) = (full_width(&measure.title), full_width(&measure.text));
        }
    }
    draft
}

fn item_position(framework: &Framework, code: &str) -> usize {
    framework.items().position(|(_, item)| item.code == code).unwrap_or(usize::MAX)
}
