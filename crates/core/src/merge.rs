//! 合并同事的草稿: a colleague's draft merged into mine, per meta field, per item and per figure.
//!
//! With a common base (the version I sent them): only theirs changed → take it; only mine → keep;
//! both changed differently → a conflict for the user. Without a base: equal → keep; one side
//! empty → take the other; otherwise a conflict. Problems and measures merge as lists without
//! duplicates. Items the framework does not know (another version) are kept and listed.
//!
//! Invariant: `merge` never loses a value of either side: each one is in the merged draft or in a
//! conflict, and `resolve` only ever picks between (or joins) the two.

use crate::draft::{next_entry_id, Draft, ItemEntry};
use crate::framework::Framework;
use crate::validate::MetaField;
use std::collections::{BTreeMap, BTreeSet};

/// What a merged value is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MergeKey {
    Meta(MetaField),
    Item(String),
    Figure(String),
}

/// Both sides changed one value differently.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub key: MergeKey,
    /// Human-readable forms of the two sides, for the side-by-side view.
    pub mine: String,
    pub theirs: String,
}

/// How the user settles a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Mine,
    Theirs,
    /// Both texts, mine first (for texts; for a figure it keeps mine).
    Both,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MergeResult {
    /// Mine with every non-conflicting change of theirs applied; conflicts still hold my value.
    pub merged: Draft,
    /// Values taken from theirs.
    pub taken: Vec<MergeKey>,
    pub conflicts: Vec<Conflict>,
    /// Problems and measures of theirs added to the lists.
    pub added_problems: usize,
    pub added_measures: usize,
    /// Item codes the framework does not know, kept in the draft.
    pub unmatched_items: Vec<String>,
    /// Their draft, to resolve conflicts from.
    theirs: Draft,
}

enum Outcome {
    Same,
    KeepMine,
    TakeTheirs,
    Conflict,
}

fn decide<T: PartialEq>(base: Option<&T>, mine: &T, theirs: &T, is_empty: impl Fn(&T) -> bool) -> Outcome {
    if mine == theirs {
        return Outcome::Same;
    }
    match base {
        Some(base) if mine == base => Outcome::TakeTheirs,
        Some(base) if theirs == base => Outcome::KeepMine,
        Some(_) => Outcome::Conflict,
        None if is_empty(theirs) => Outcome::KeepMine,
        None if is_empty(mine) => Outcome::TakeTheirs,
        None => Outcome::Conflict,
    }
}

fn meta_text(draft: &Draft, field: MetaField) -> String {
    field.value(draft).to_owned()
}

fn set_meta(draft: &mut Draft, field: MetaField, value: String) {
    if let Some(text) = crate::validate::text_mut(draft, &crate::validate::Location::Meta(field)) {
        *text = value;
    }
}

/// How an item entry reads in the side-by-side view.
pub fn describe_entry(entry: &ItemEntry) -> String {
    let mut text = if entry.not_applicable {
        format!("【无此项工作任务】{}", entry.not_applicable_reason)
    } else {
        entry.narrative.clone()
    };
    if let Some(rating) = entry.rating {
        text.push_str(&format!("\n【自评：{}】", rating.label_zh()));
    }
    if !entry.score.is_empty() {
        text.push_str(&format!("\n【得分：{}】", entry.score));
    }
    text
}

/// A list entry's identity for de-duplication: its summary and text without spaces.
fn entry_identity(title: &str, text: &str) -> String {
    format!("{title}\u{1}{text}").chars().filter(|c| !c.is_whitespace()).collect()
}

/// Merges `theirs` into `mine`. `base` is the version both started from, when known.
pub fn merge(framework: &Framework, base: Option<&Draft>, mine: &Draft, theirs: &Draft) -> MergeResult {
    let mut merged = mine.clone();
    let mut taken = Vec::new();
    let mut conflicts = Vec::new();

    for field in MetaField::ALL {
        let (mine_value, theirs_value) = (meta_text(mine, field), meta_text(theirs, field));
        let base_value = base.map(|base| meta_text(base, field));
        match decide(base_value.as_ref(), &mine_value, &theirs_value, |value| value.trim().is_empty()) {
            Outcome::Same | Outcome::KeepMine => {}
            Outcome::TakeTheirs => {
                set_meta(&mut merged, field, theirs_value);
                taken.push(MergeKey::Meta(field));
            }
            Outcome::Conflict => {
                conflicts.push(Conflict { key: MergeKey::Meta(field), mine: mine_value, theirs: theirs_value })
            }
        }
    }

    let codes: BTreeSet<&String> = mine.items.keys().chain(theirs.items.keys()).collect();
    let empty = ItemEntry::default();
    for code in codes {
        let mine_entry = mine.items.get(code).unwrap_or(&empty);
        let theirs_entry = theirs.items.get(code).unwrap_or(&empty);
        let base_entry = base.map(|base| base.items.get(code).unwrap_or(&empty));
        match decide(base_entry, mine_entry, theirs_entry, ItemEntry::is_untouched) {
            Outcome::Same | Outcome::KeepMine => {}
            Outcome::TakeTheirs => {
                merged.items.insert(code.clone(), theirs_entry.clone());
                taken.push(MergeKey::Item(code.clone()));
            }
            Outcome::Conflict => conflicts.push(Conflict {
                key: MergeKey::Item(code.clone()),
                mine: describe_entry(mine_entry),
                theirs: describe_entry(theirs_entry),
            }),
        }
    }
    merged.items.retain(|_, entry| !entry.is_untouched());

    let figure_ids: BTreeSet<&String> = mine.figures.keys().chain(theirs.figures.keys()).collect();
    let no_value = String::new();
    for id in figure_ids {
        let mine_value = mine.figures.get(id).unwrap_or(&no_value);
        let theirs_value = theirs.figures.get(id).unwrap_or(&no_value);
        let base_value = base.map(|base| base.figures.get(id).unwrap_or(&no_value));
        match decide(base_value, mine_value, theirs_value, |value| value.trim().is_empty()) {
            Outcome::Same | Outcome::KeepMine => {}
            Outcome::TakeTheirs => {
                merged.figures.insert(id.clone(), theirs_value.clone());
                taken.push(MergeKey::Figure(id.clone()));
            }
            Outcome::Conflict => conflicts.push(Conflict {
                key: MergeKey::Figure(id.clone()),
                mine: mine_value.clone(),
                theirs: theirs_value.clone(),
            }),
        }
    }
    merged.figures.retain(|_, value| !value.is_empty());

    // Lists: theirs entries not already present are appended; their ids are renumbered and the
    // problems their measures answer follow them.
    let mut problem_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut added_problems = 0;
    for problem in &theirs.problems {
        let identity = entry_identity(&problem.title, &problem.text);
        match merged.problems.iter().find(|own| entry_identity(&own.title, &own.text) == identity) {
            Some(own) => {
                problem_ids.insert(problem.id.clone(), own.id.clone());
            }
            None => {
                let id = next_entry_id("p", merged.problems.iter().map(|p| p.id.as_str()));
                problem_ids.insert(problem.id.clone(), id.clone());
                merged.problems.push(crate::draft::Problem { id, ..problem.clone() });
                added_problems += 1;
            }
        }
    }
    let mut added_measures = 0;
    for measure in &theirs.measures {
        let identity = entry_identity(&measure.title, &measure.text);
        let answers: Vec<String> = measure.answers.iter().filter_map(|id| problem_ids.get(id).cloned()).collect();
        match merged.measures.iter_mut().find(|own| entry_identity(&own.title, &own.text) == identity) {
            Some(own) => {
                for answer in answers {
                    if !own.answers.contains(&answer) {
                        own.answers.push(answer);
                    }
                }
            }
            None => {
                let id = next_entry_id("m", merged.measures.iter().map(|m| m.id.as_str()));
                merged.measures.push(crate::draft::Measure { id, answers, ..measure.clone() });
                added_measures += 1;
            }
        }
    }

    let unmatched_items = merged.items.keys().filter(|code| framework.item(code).is_none()).cloned().collect();
    MergeResult { merged, taken, conflicts, added_problems, added_measures, unmatched_items, theirs: theirs.clone() }
}

fn join_texts(mine: &str, theirs: &str) -> String {
    match (mine.trim().is_empty(), theirs.trim().is_empty()) {
        (true, _) => theirs.to_owned(),
        (_, true) => mine.to_owned(),
        _ => format!("{mine}\n{theirs}"),
    }
}

impl MergeResult {
    /// The merged draft with each conflict settled by `choices` (same order as `conflicts`; a
    /// missing choice keeps mine).
    pub fn resolve(&self, choices: &[Choice]) -> Draft {
        let mut draft = self.merged.clone();
        for (conflict, choice) in
            self.conflicts.iter().zip(choices.iter().copied().chain(std::iter::repeat(Choice::Mine)))
        {
            if choice == Choice::Mine {
                continue;
            }
            match &conflict.key {
                MergeKey::Meta(field) => {
                    let value = match choice {
                        Choice::Theirs => meta_text(&self.theirs, *field),
                        _ => join_texts(&meta_text(&draft, *field), &meta_text(&self.theirs, *field)),
                    };
                    set_meta(&mut draft, *field, value);
                }
                MergeKey::Item(code) => {
                    let theirs = self.theirs.items.get(code).cloned().unwrap_or_default();
                    let entry = draft.items.entry(code.clone()).or_default();
                    if choice == Choice::Theirs {
                        *entry = theirs;
                    } else {
                        entry.narrative = join_texts(&entry.narrative, &theirs.narrative);
                        entry.not_applicable_reason =
                            join_texts(&entry.not_applicable_reason, &theirs.not_applicable_reason);
                        entry.rating = entry.rating.or(theirs.rating);
                        if entry.score.is_empty() {
                            entry.score = theirs.score;
                        }
                    }
                }
                MergeKey::Figure(id) => {
                    if choice == Choice::Theirs {
                        match self.theirs.figures.get(id) {
                            Some(value) => draft.figures.insert(id.clone(), value.clone()),
                            None => draft.figures.remove(id),
                        };
                    }
                }
            }
        }
        draft.items.retain(|_, entry| !entry.is_untouched());
        draft
    }
}
