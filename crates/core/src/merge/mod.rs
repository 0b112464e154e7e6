//! 合并同事的草稿: a colleague's draft merged into mine, per meta field, per item and per figure.
//!
//! With a common base (the version I sent them): only theirs changed → take it; only mine → keep;
//! both changed differently → a conflict for the user. Without a base: equal → keep; one side
//! empty → take the other; otherwise a conflict. Problems and measures are matched by id where the
//! id means the same entry (it is in the base, or both drafts descend from one), else by text: a
//! matched entry merges like a value (an edit is a change, not an addition); the rest are added.
//! Items the framework does not know (another version) are kept and listed.
//!
//! Invariant: `merge` never loses a value of either side: each one is in the merged draft or in a
//! conflict, and `resolve` only ever picks between (or joins) the two.

mod parts;
mod scores;

use crate::draft::MetaField;
use crate::draft::{next_entry_id, Draft, ItemEntry};
use crate::framework::Framework;
use std::collections::{BTreeMap, BTreeSet};

/// What a merged value is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MergeKey {
    Meta(MetaField),
    Item(String),
    Figure(String),
    /// A problem, by its id in my draft.
    Problem(String),
    /// A measure, by its id in my draft.
    Measure(String),
    /// A scored row's score, 得失分说明 and 佐证材料, by code.
    Score(String),
    /// A 扣分项's occurrences, by code.
    Deduction(String),
    /// A condition's answer, by code.
    Condition(String),
    /// A narrative part of the report (基本情况), by the skeleton part's code.
    Section(String),
    /// The 整改情况 list.
    Rectifications,
    /// A 上年值, by figure id.
    Previous(String),
    /// A 上年得分, by scored row code.
    PreviousScore(String),
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
    /// Their words of each conflicting problem or measure, by the key of my entry.
    theirs_entries: BTreeMap<MergeKey, EntryWords>,
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
    if let Some(text) = crate::draft::field::text_mut(draft, &crate::draft::Location::Meta(field)) {
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

/// A problem's or measure's words, as merged and shown side by side.
#[derive(Clone, Debug, PartialEq)]
struct EntryWords {
    title: String,
    text: String,
}

impl EntryWords {
    fn of(title: &str, text: &str) -> EntryWords {
        EntryWords { title: title.to_owned(), text: text.to_owned() }
    }

    /// The same words, whatever the spacing.
    fn same_as(&self, other: &EntryWords) -> bool {
        entry_identity(&self.title, &self.text) == entry_identity(&other.title, &other.text)
    }

    fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.text.trim().is_empty()
    }

    fn describe(&self) -> String {
        match (self.title.trim().is_empty(), self.text.trim().is_empty()) {
            (_, true) => self.title.clone(),
            (true, false) => self.text.clone(),
            (false, false) => format!("{}\n{}", self.title, self.text),
        }
    }
}

/// Where their entry of a list goes in mine: the same entry (by id, where ids are shared: the id
/// is in the base, or both drafts descend from one), else one with the same words; none: it is
/// added.
fn matching_entry<'a>(
    shared_ids: bool,
    base: &[(&str, EntryWords)],
    mine: impl Iterator<Item = (&'a str, EntryWords)> + Clone,
    id: &str,
    words: &EntryWords,
) -> Option<&'a str> {
    let ids_shared = shared_ids || base.iter().any(|(base_id, _)| *base_id == id);
    let by_id = ids_shared.then(|| mine.clone().find(|(own, _)| *own == id)).flatten();
    by_id.or_else(|| mine.clone().find(|(_, own)| own.same_as(words))).map(|(own, _)| own)
}

/// Where the merge of matched list entries records what it took and what conflicts.
struct ListOutcome<'a> {
    taken: &'a mut Vec<MergeKey>,
    conflicts: &'a mut Vec<Conflict>,
    /// Their words of each conflicting entry, to resolve from.
    theirs: &'a mut BTreeMap<MergeKey, EntryWords>,
}

impl ListOutcome<'_> {
    /// Merges one matched entry as a value; returns their words when they are taken.
    fn merge(
        &mut self,
        key: MergeKey,
        base: Option<&EntryWords>,
        mine: EntryWords,
        theirs: EntryWords,
    ) -> Option<EntryWords> {
        if mine.same_as(&theirs) {
            return None;
        }
        match decide(base, &mine, &theirs, EntryWords::is_empty) {
            Outcome::Same | Outcome::KeepMine => None,
            Outcome::TakeTheirs => {
                self.taken.push(key);
                Some(theirs)
            }
            Outcome::Conflict => {
                self.conflicts.push(Conflict { key: key.clone(), mine: mine.describe(), theirs: theirs.describe() });
                self.theirs.insert(key, theirs);
                None
            }
        }
    }
}

/// The version both sides started from, among the drafts I sent (newest first): one of the same
/// lineage (created at the same time) and no newer than their file.
pub fn find_base<'a>(sent: &'a [Draft], theirs: &Draft) -> Option<&'a Draft> {
    sent.iter().find(|sent| sent.created_at == theirs.created_at && sent.updated_at <= theirs.updated_at)
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
    scores::merge_scored(base, mine, theirs, &mut merged, &mut taken, &mut conflicts);
    parts::merge_parts(base, mine, theirs, &mut merged, &mut taken, &mut conflicts);

    // Lists: their entries matched to mine merge like values; the others are appended, renumbered,
    // and the problems their measures answer follow them.
    let shared_ids = base.is_none() && mine.created_at == theirs.created_at;
    let mut theirs_entries = BTreeMap::new();
    let mut problem_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut added_problems = 0;
    let base_problems: Vec<(&str, EntryWords)> = base
        .map(|base| base.problems.iter().map(|p| (p.id.as_str(), EntryWords::of(&p.title, &p.text))).collect())
        .unwrap_or_default();
    for problem in &theirs.problems {
        let words = EntryWords::of(&problem.title, &problem.text);
        let own = matching_entry(
            shared_ids,
            &base_problems,
            mine.problems.iter().map(|own| (own.id.as_str(), EntryWords::of(&own.title, &own.text))),
            &problem.id,
            &words,
        );
        match own.and_then(|own| merged.problems.iter_mut().find(|entry| entry.id == own)) {
            Some(entry) => {
                problem_ids.insert(problem.id.clone(), entry.id.clone());
                let base_words = base_problems.iter().find(|(id, _)| *id == problem.id).map(|(_, words)| words);
                let key = MergeKey::Problem(entry.id.clone());
                let mine_words = EntryWords::of(&entry.title, &entry.text);
                let mut outcome =
                    ListOutcome { taken: &mut taken, conflicts: &mut conflicts, theirs: &mut theirs_entries };
                if let Some(taken_words) = outcome.merge(key, base_words, mine_words, words) {
                    (entry.title, entry.text) = (taken_words.title, taken_words.text);
                }
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
    let base_measures: Vec<(&str, EntryWords)> = base
        .map(|base| base.measures.iter().map(|m| (m.id.as_str(), EntryWords::of(&m.title, &m.text))).collect())
        .unwrap_or_default();
    for measure in &theirs.measures {
        let words = EntryWords::of(&measure.title, &measure.text);
        let answers: Vec<String> = measure.answers.iter().filter_map(|id| problem_ids.get(id).cloned()).collect();
        let own = matching_entry(
            shared_ids,
            &base_measures,
            mine.measures.iter().map(|own| (own.id.as_str(), EntryWords::of(&own.title, &own.text))),
            &measure.id,
            &words,
        );
        match own.and_then(|own| merged.measures.iter_mut().find(|entry| entry.id == own)) {
            Some(entry) => {
                for answer in answers {
                    if !entry.answers.contains(&answer) {
                        entry.answers.push(answer);
                    }
                }
                let base_words = base_measures.iter().find(|(id, _)| *id == measure.id).map(|(_, words)| words);
                let key = MergeKey::Measure(entry.id.clone());
                let mine_words = EntryWords::of(&entry.title, &entry.text);
                let mut outcome =
                    ListOutcome { taken: &mut taken, conflicts: &mut conflicts, theirs: &mut theirs_entries };
                if let Some(taken_words) = outcome.merge(key, base_words, mine_words, words) {
                    (entry.title, entry.text) = (taken_words.title, taken_words.text);
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
    MergeResult {
        merged,
        taken,
        conflicts,
        added_problems,
        added_measures,
        unmatched_items,
        theirs: theirs.clone(),
        theirs_entries,
    }
}

fn join_titles(mine: &str, theirs: &str) -> String {
    match (mine.trim().is_empty(), theirs.trim().is_empty()) {
        (true, _) => theirs.to_owned(),
        (_, true) => mine.to_owned(),
        _ => format!("{mine}；{theirs}"),
    }
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
                MergeKey::Problem(id) | MergeKey::Measure(id) => {
                    let Some(EntryWords { title, text }) = self.theirs_entries.get(&conflict.key).cloned() else {
                        continue;
                    };
                    let entry = match &conflict.key {
                        MergeKey::Problem(_) => {
                            draft.problems.iter_mut().find(|p| &p.id == id).map(|p| (&mut p.title, &mut p.text))
                        }
                        _ => draft.measures.iter_mut().find(|m| &m.id == id).map(|m| (&mut m.title, &mut m.text)),
                    };
                    let Some((own_title, own_text)) = entry else { continue };
                    if choice == Choice::Theirs {
                        (*own_title, *own_text) = (title, text);
                    } else if *own_title != title {
                        *own_title = join_titles(own_title, &title);
                        *own_text = join_texts(own_text, &text);
                    } else {
                        *own_text = join_texts(own_text, &text);
                    }
                }
                MergeKey::Score(_) | MergeKey::Deduction(_) | MergeKey::Condition(_) => {
                    scores::resolve_scored(&mut draft, &self.theirs, &conflict.key, choice);
                }
                MergeKey::Section(_)
                | MergeKey::Rectifications
                | MergeKey::Previous(_)
                | MergeKey::PreviousScore(_) => {
                    parts::resolve_parts(&mut draft, &self.theirs, &conflict.key, choice);
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
