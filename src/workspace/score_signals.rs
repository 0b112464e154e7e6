//! The scored part of the open draft as signals: per scored row its 自评得分, 得失分说明 and
//! 佐证材料; per 扣分项 its occurrences; per condition its answer. One signal per field, so typing
//! a score re-runs only what reads that score (its row, its item's and area's sums, the total).
//!
//! Invariant: as `DraftSignals`, `from_draft(..).write_into` gives back what it was made from up to
//! empty entries; entries of codes the framework does not know are carried, never dropped.

use leptos::prelude::*;
use lvzhi_core::draft::{ConditionAnswer, DeductionEntry, Draft, Evidence, ScoreEntry};
use lvzhi_core::framework::Framework;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy)]
pub struct ScoreRowSignals {
    pub score: RwSignal<String>,
    pub explanation: RwSignal<String>,
    pub evidence: RwSignal<Vec<Evidence>>,
}

impl ScoreRowSignals {
    /// Whether the score typed is `proposal` already (its 采用 has nothing left to do); tracked.
    pub fn holds(&self, proposal: lvzhi_core::points::Points) -> bool {
        self.score.with(|typed| typed.trim() == proposal.to_string())
    }
}

#[derive(Clone, Copy)]
pub struct DeductionSignals {
    pub occurrences: RwSignal<String>,
    pub explanation: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub struct ConditionSignals {
    pub occurred: RwSignal<Option<bool>>,
    pub explanation: RwSignal<String>,
}

/// Entries of codes the framework does not know (another version of it), carried through.
#[derive(Clone, Default)]
struct Unknown {
    scores: BTreeMap<String, ScoreEntry>,
    deductions: BTreeMap<String, DeductionEntry>,
    conditions: BTreeMap<String, ConditionAnswer>,
}

#[derive(Clone, Copy)]
pub struct ScoredSignals {
    rows: StoredValue<HashMap<String, ScoreRowSignals>>,
    /// The scored rows (leaves) of each item, for tracking an item's edits together.
    rows_by_item: StoredValue<HashMap<String, Vec<String>>>,
    deductions: StoredValue<HashMap<String, DeductionSignals>>,
    conditions: StoredValue<HashMap<String, ConditionSignals>>,
    unknown: StoredValue<Unknown>,
    /// 上年得分 by row code, carried for display.
    previous_scores: StoredValue<BTreeMap<String, String>>,
}

impl ScoredSignals {
    pub fn from_draft(framework: &Framework, draft: &mut Draft) -> ScoredSignals {
        let mut scores = std::mem::take(&mut draft.scores);
        let mut deductions = std::mem::take(&mut draft.deductions);
        let mut conditions = std::mem::take(&mut draft.conditions);
        let rows: HashMap<String, ScoreRowSignals> = framework
            .user_scored_codes()
            .into_iter()
            .map(|code| {
                let entry = scores.remove(code).unwrap_or_default();
                let signals = ScoreRowSignals {
                    score: RwSignal::new(entry.score),
                    explanation: RwSignal::new(entry.explanation),
                    evidence: RwSignal::new(entry.evidence),
                };
                (code.to_owned(), signals)
            })
            .collect();
        let mut rows_by_item: HashMap<String, Vec<String>> = HashMap::new();
        for row in framework.scored_leaves() {
            if let Some(item) = row.item_code {
                rows_by_item.entry(item.to_owned()).or_default().push(row.code.to_owned());
            }
        }
        let scoring = framework.scoring.as_ref();
        let deduction_signals = scoring
            .map(|scoring| {
                scoring
                    .deductions
                    .iter()
                    .map(|deduction| {
                        let entry = deductions.remove(&deduction.code).unwrap_or_default();
                        let signals = DeductionSignals {
                            occurrences: RwSignal::new(entry.occurrences),
                            explanation: RwSignal::new(entry.explanation),
                        };
                        (deduction.code.clone(), signals)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let condition_signals = scoring
            .map(|scoring| {
                scoring
                    .conditions
                    .iter()
                    .map(|condition| {
                        let answer = conditions.remove(&condition.code).unwrap_or_default();
                        let signals = ConditionSignals {
                            occurred: RwSignal::new(answer.occurred),
                            explanation: RwSignal::new(answer.explanation),
                        };
                        (condition.code.clone(), signals)
                    })
                    .collect()
            })
            .unwrap_or_default();
        ScoredSignals {
            rows: StoredValue::new(rows),
            rows_by_item: StoredValue::new(rows_by_item),
            deductions: StoredValue::new(deduction_signals),
            conditions: StoredValue::new(condition_signals),
            unknown: StoredValue::new(Unknown { scores, deductions, conditions }),
            previous_scores: StoredValue::new(std::mem::take(&mut draft.previous_scores)),
        }
    }

    /// Takes another window's version of the same draft in place, writing only what differs.
    pub fn replace_with(&self, draft: &mut Draft) {
        fn set<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
            if signal.with_untracked(|current| *current != value) {
                signal.set(value);
            }
        }
        let mut scores = std::mem::take(&mut draft.scores);
        let mut deductions = std::mem::take(&mut draft.deductions);
        let mut conditions = std::mem::take(&mut draft.conditions);
        self.rows.with_value(|rows| {
            for (code, row) in rows {
                let entry = scores.remove(code).unwrap_or_default();
                set(row.score, entry.score);
                set(row.explanation, entry.explanation);
                set(row.evidence, entry.evidence);
            }
        });
        self.deductions.with_value(|signals| {
            for (code, signal) in signals {
                let entry = deductions.remove(code).unwrap_or_default();
                set(signal.occurrences, entry.occurrences);
                set(signal.explanation, entry.explanation);
            }
        });
        self.conditions.with_value(|signals| {
            for (code, signal) in signals {
                let answer = conditions.remove(code).unwrap_or_default();
                set(signal.occurred, answer.occurred);
                set(signal.explanation, answer.explanation);
            }
        });
        self.unknown.set_value(Unknown { scores, deductions, conditions });
        self.previous_scores.set_value(std::mem::take(&mut draft.previous_scores));
    }

    /// Writes every entry into `draft`, reading (and so tracking) each signal.
    pub fn write_into(&self, draft: &mut Draft) {
        let unknown = self.unknown.get_value();
        draft.scores = unknown.scores;
        draft.deductions = unknown.deductions;
        draft.conditions = unknown.conditions;
        draft.previous_scores = self.previous_scores.get_value();
        self.rows.with_value(|rows| {
            for (code, row) in rows {
                let entry = ScoreEntry {
                    score: row.score.get(),
                    explanation: row.explanation.get(),
                    evidence: row.evidence.get(),
                };
                if !entry.is_empty() {
                    draft.scores.insert(code.clone(), entry);
                }
            }
        });
        self.deductions.with_value(|signals| {
            for (code, signal) in signals {
                let entry =
                    DeductionEntry { occurrences: signal.occurrences.get(), explanation: signal.explanation.get() };
                if entry != DeductionEntry::default() {
                    draft.deductions.insert(code.clone(), entry);
                }
            }
        });
        self.conditions.with_value(|signals| {
            for (code, signal) in signals {
                let answer = ConditionAnswer { occurred: signal.occurred.get(), explanation: signal.explanation.get() };
                if answer != ConditionAnswer::default() {
                    draft.conditions.insert(code.clone(), answer);
                }
            }
        });
    }

    /// Last year's 自评得分 of a row, as typed then.
    pub fn previous_score(&self, code: &str) -> Option<String> {
        self.previous_scores.with_value(|scores| scores.get(code).cloned()).filter(|score| !score.trim().is_empty())
    }

    /// The signals of a scored row (a leaf of the tree or a bonus item).
    pub fn row(&self, code: &str) -> Option<ScoreRowSignals> {
        self.rows.with_value(|rows| rows.get(code).copied())
    }

    pub fn deduction(&self, code: &str) -> Option<DeductionSignals> {
        self.deductions.with_value(|signals| signals.get(code).copied())
    }

    pub fn condition(&self, code: &str) -> Option<ConditionSignals> {
        self.conditions.with_value(|signals| signals.get(code).copied())
    }

    fn track_row(row: &ScoreRowSignals) {
        row.score.track();
        row.explanation.track();
        row.evidence.track();
    }

    /// Subscribes to the scored rows of one item.
    pub fn track_item(&self, item_code: &str) {
        let codes = self.rows_by_item.with_value(|by_item| by_item.get(item_code).cloned()).unwrap_or_default();
        self.rows.with_value(|rows| {
            for code in &codes {
                if let Some(row) = rows.get(code) {
                    Self::track_row(row);
                }
            }
        });
    }

    /// Subscribes to the bonus rows, 扣分项 and conditions (what belongs to no item).
    pub fn track_framework_wide(&self) {
        let in_items: std::collections::HashSet<String> =
            self.rows_by_item.with_value(|by_item| by_item.values().flatten().cloned().collect());
        self.rows.with_value(|rows| {
            for (code, row) in rows {
                if !in_items.contains(code) {
                    Self::track_row(row);
                }
            }
        });
        self.deductions.with_value(|signals| {
            for signal in signals.values() {
                signal.occurrences.track();
                signal.explanation.track();
            }
        });
        self.conditions.with_value(|signals| {
            for signal in signals.values() {
                signal.occurred.track();
                signal.explanation.track();
            }
        });
    }
}
