//! From a parsed report to a new draft: the parser's proposal, the user's corrections, the draft.

use super::{similarity, ParsedReport};
use crate::draft::{next_entry_id, Draft, ItemEntry, Measure, Problem};
use crate::framework::Framework;

/// Where each piece of parsed text goes in the new draft: the user's corrections of the proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignments {
    /// Target item code per mapped item (same order as `ParsedReport::items`).
    pub items: Vec<String>,
    /// Per 未归类 text: the item it goes to, or `None` while unassigned. A draft is made only
    /// when every one has a target or the user chose to leave it out (`Some("")`).
    pub unassigned: Vec<Option<String>>,
}

/// `Some("")` in `Assignments::unassigned`: the user chose not to import that text.
pub const LEAVE_OUT: &str = "";

impl Assignments {
    /// The parser's proposal: items where they landed, 未归类 texts to their suggestion if any.
    pub fn proposed(parsed: &ParsedReport) -> Assignments {
        Assignments {
            items: parsed.items.iter().map(|item| item.code.clone()).collect(),
            unassigned: parsed.unassigned.iter().map(|unassigned| unassigned.suggestion.clone()).collect(),
        }
    }

    /// How many 未归类 texts still wait for a decision.
    pub fn undecided(&self) -> usize {
        self.unassigned.iter().filter(|target| target.is_none()).count()
    }
}

fn append(entry: &mut ItemEntry, text: &str) {
    if text.is_empty() {
        return;
    }
    if !entry.narrative.is_empty() {
        entry.narrative.push('\n');
    }
    entry.narrative.push_str(text);
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
    }
    if !parsed.notice_title.is_empty() {
        draft.meta.notice_title = parsed.notice_title.clone();
    }
    if !parsed.notice_number.is_empty() {
        draft.meta.notice_number = parsed.notice_number.clone();
    }
    draft.meta.unit = parsed.unit.clone();
    draft.meta.date = parsed.date.clone();
    // Framework order, whatever order the targets come in.
    let mut placed: Vec<(usize, &str, &str, bool)> = Vec::new();
    for (item, target) in parsed.items.iter().zip(&assignments.items) {
        placed.push((item_position(framework, target), target, &item.text, item.not_applicable));
    }
    for (unassigned, target) in parsed.unassigned.iter().zip(&assignments.unassigned) {
        if let Some(target) = target.as_deref().filter(|target| !target.is_empty()) {
            placed.push((item_position(framework, target), target, &unassigned.text, false));
        }
    }
    crate::small_sort::sort_small_by_key(&mut placed, |(position, ..)| *position);
    for (_, target, text, not_applicable) in placed {
        if framework.item(target).is_none() {
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
    for entry in &parsed.measures {
        let id = next_entry_id("m", draft.measures.iter().map(|measure| measure.id.as_str()));
        // A measure answers the problem whose summary its own most resembles, when clearly so.
        let answers = draft
            .problems
            .iter()
            .map(|problem| (problem.id.clone(), similarity::dice(&entry.title, &problem.title)))
            .filter(|(_, score)| *score >= 0.25)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(id, _)| vec![id])
            .unwrap_or_default();
        draft.measures.push(Measure { id, title: entry.title.clone(), text: entry.text.clone(), answers });
    }
    draft
}

fn item_position(framework: &Framework, code: &str) -> usize {
    framework.items().position(|(_, item)| item.code == code).unwrap_or(usize::MAX)
}
