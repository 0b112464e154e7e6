//! Merging what a scored framework adds to a draft: scores (with 得失分说明 and 佐证材料),
//! 扣分项 occurrences and condition answers, each keyed by its code and merged like an item.

use super::{decide, join_texts, Choice, Conflict, MergeKey, Outcome};
use crate::draft::{ConditionAnswer, DeductionEntry, Draft, ScoreEntry};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn describe_score(entry: &ScoreEntry) -> String {
    let mut text = format!("得分：{}", entry.score);
    if !entry.explanation.trim().is_empty() {
        text.push_str(&format!("\n说明：{}", entry.explanation));
    }
    for evidence in &entry.evidence {
        text.push_str(&format!("\n佐证：{} {} {}", evidence.title, evidence.reference, evidence.provider));
    }
    text
}

fn describe_deduction(entry: &DeductionEntry) -> String {
    format!("次数：{}\n说明：{}", entry.occurrences, entry.explanation)
}

fn describe_condition(answer: &ConditionAnswer) -> String {
    let said = match answer.occurred {
        Some(true) => "是",
        Some(false) => "否",
        None => "未答",
    };
    format!("{said}\n说明：{}", answer.explanation)
}

/// Merges one map of the draft keyed by code, as items are: taken, kept or a conflict.
#[allow(clippy::too_many_arguments)]
pub(super) fn merge_map<V: Clone + Default + PartialEq>(
    base: Option<&BTreeMap<String, V>>,
    mine: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
    merged: &mut BTreeMap<String, V>,
    key: fn(String) -> MergeKey,
    describe: fn(&V) -> String,
    taken: &mut Vec<MergeKey>,
    conflicts: &mut Vec<Conflict>,
) {
    let empty = V::default();
    let codes: BTreeSet<&String> = mine.keys().chain(theirs.keys()).collect();
    for code in codes {
        let mine_value = mine.get(code).unwrap_or(&empty);
        let theirs_value = theirs.get(code).unwrap_or(&empty);
        let base_value = base.map(|base| base.get(code).unwrap_or(&empty));
        match decide(base_value, mine_value, theirs_value, |value| value == &empty) {
            Outcome::Same | Outcome::KeepMine => {}
            Outcome::TakeTheirs => {
                merged.insert(code.clone(), theirs_value.clone());
                taken.push(key(code.clone()));
            }
            Outcome::Conflict => conflicts.push(Conflict {
                key: key(code.clone()),
                mine: describe(mine_value),
                theirs: describe(theirs_value),
            }),
        }
    }
    merged.retain(|_, value| value != &empty);
}

pub(super) fn merge_scored(
    base: Option<&Draft>,
    mine: &Draft,
    theirs: &Draft,
    merged: &mut Draft,
    taken: &mut Vec<MergeKey>,
    conflicts: &mut Vec<Conflict>,
) {
    merge_map(
        base.map(|base| &base.scores),
        &mine.scores,
        &theirs.scores,
        &mut merged.scores,
        MergeKey::Score,
        describe_score,
        taken,
        conflicts,
    );
    merge_map(
        base.map(|base| &base.deductions),
        &mine.deductions,
        &theirs.deductions,
        &mut merged.deductions,
        MergeKey::Deduction,
        describe_deduction,
        taken,
        conflicts,
    );
    merge_map(
        base.map(|base| &base.conditions),
        &mine.conditions,
        &theirs.conditions,
        &mut merged.conditions,
        MergeKey::Condition,
        describe_condition,
        taken,
        conflicts,
    );
}

/// Settles a conflict of a scored value: theirs replaces mine; both keeps my number or answer
/// (theirs where mine is empty), joins the explanations and adds their evidence.
pub(super) fn resolve_scored(draft: &mut Draft, theirs: &Draft, key: &MergeKey, choice: Choice) {
    match key {
        MergeKey::Score(code) => {
            let theirs = theirs.scores.get(code).cloned().unwrap_or_default();
            let entry = draft.scores.entry(code.clone()).or_default();
            if choice == Choice::Theirs {
                *entry = theirs;
            } else {
                if entry.score.trim().is_empty() {
                    entry.score = theirs.score;
                }
                entry.explanation = join_texts(&entry.explanation, &theirs.explanation);
                for evidence in theirs.evidence {
                    if !entry.evidence.contains(&evidence) {
                        entry.evidence.push(evidence);
                    }
                }
            }
        }
        MergeKey::Deduction(code) => {
            let theirs = theirs.deductions.get(code).cloned().unwrap_or_default();
            let entry = draft.deductions.entry(code.clone()).or_default();
            if choice == Choice::Theirs {
                *entry = theirs;
            } else {
                if entry.occurrences.trim().is_empty() {
                    entry.occurrences = theirs.occurrences;
                }
                entry.explanation = join_texts(&entry.explanation, &theirs.explanation);
            }
        }
        MergeKey::Condition(code) => {
            let theirs = theirs.conditions.get(code).cloned().unwrap_or_default();
            let entry = draft.conditions.entry(code.clone()).or_default();
            if choice == Choice::Theirs {
                *entry = theirs;
            } else {
                entry.occurred = entry.occurred.or(theirs.occurred);
                entry.explanation = join_texts(&entry.explanation, &theirs.explanation);
            }
        }
        _ => {}
    }
    draft.scores.retain(|_, entry| !entry.is_empty());
    draft.deductions.retain(|_, entry| entry != &DeductionEntry::default());
    draft.conditions.retain(|_, entry| entry != &ConditionAnswer::default());
}
