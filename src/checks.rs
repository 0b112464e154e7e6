//! The validator in the app: findings of the current draft, which of them to show (touched fields,
//! or all after 检查全文), jumping to a finding's field, and applying fixes with one undo.

use crate::draft_state::DraftState;
use leptos::prelude::*;
use lvzhi_core::draft::field::item_of;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::Framework;
use lvzhi_core::progress::ItemStatus;
use lvzhi_core::status::{errors_by_item, ItemMark};
use lvzhi_core::validate::{apply_fixes_to_text, validate, Finding, Fix, Severity};
use lvzhi_core::Draft;
use std::collections::{HashMap, HashSet};

/// Texts as they were before the last fix, to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct FixRecord {
    /// (location, text before, text after), per changed field.
    changes: Vec<(Location, String, String)>,
    pub count: usize,
}

#[derive(Clone, Copy)]
pub struct Checks {
    /// Every finding of the draft, recomputed as it changes.
    pub findings: Memo<Vec<Finding>>,
    /// The findings to show now.
    pub visible: Memo<Vec<Finding>>,
    /// Visible (errors, warnings) per item code, counted once for all the navigation's marks.
    pub item_marks: Memo<HashMap<String, (usize, usize)>>,
    /// Errors per item code among all findings, shown or not: an item with errors is not done.
    errors_by_item: Memo<HashMap<String, usize>>,
    touched: RwSignal<HashSet<Location>>,
    /// Set by 检查全文: show findings everywhere, touched or not.
    pub check_all: RwSignal<bool>,
    pub last_fix: RwSignal<Option<FixRecord>>,
    /// The outcome of the last fix or undo, for the panel's live region.
    pub fix_message: RwSignal<Option<String>>,
}

impl Checks {
    pub fn new(framework: &'static Framework, current: Memo<Draft>) -> Checks {
        let findings = Memo::new(move |_| current.with(|draft| validate(framework, draft)));
        let touched: RwSignal<HashSet<Location>> = RwSignal::new(HashSet::new());
        let check_all = RwSignal::new(false);
        let visible = Memo::new(move |_| {
            let all = check_all.get();
            touched.with(|touched| {
                findings.with(|findings| {
                    findings
                        .iter()
                        .filter(|finding| all || is_touched(framework, touched, &finding.location))
                        .cloned()
                        .collect()
                })
            })
        });
        let item_marks = Memo::new(move |_| {
            let mut marks: HashMap<String, (usize, usize)> = HashMap::new();
            visible.with(|visible: &Vec<Finding>| {
                for finding in visible {
                    let Some(code) = item_of(framework, &finding.location) else { continue };
                    let counts = marks.entry(code).or_default();
                    match finding.severity {
                        Severity::Error => counts.0 += 1,
                        Severity::Warning => counts.1 += 1,
                        Severity::Hint => {}
                    }
                }
            });
            marks
        });
        let errors_by_item = Memo::new(move |_| findings.with(|findings| errors_by_item(framework, findings)));
        Checks {
            findings,
            visible,
            item_marks,
            errors_by_item,
            touched,
            check_all,
            last_fix: RwSignal::new(None),
            fix_message: RwSignal::new(None),
        }
    }

    /// An item's mark (未填, 待完善, 已完成, 无此项工作任务), as a memo: what shows it re-renders only
    /// when the mark changes, not on every keystroke.
    pub fn item_mark(&self, draft: DraftState, code: &str) -> Memo<ItemMark> {
        let item = draft.item(code);
        let errors_by_item = self.errors_by_item;
        let code = code.to_owned();
        Memo::new(move |_| {
            let status = item.narrative.with(|text| ItemStatus::of(item.not_applicable.get(), text));
            let errors = errors_by_item.with(|errors| errors.get(&code).copied().unwrap_or(0));
            ItemMark::of(status, errors)
        })
    }

    /// Marks a field (and the item it belongs to) as touched, so its findings show.
    pub fn touch(&self, framework: &Framework, location: Location) {
        let item = item_of(framework, &location).map(Location::Item);
        let missing = self.touched.with_untracked(|touched| {
            !touched.contains(&location) || item.as_ref().is_some_and(|item| !touched.contains(item))
        });
        if missing {
            self.touched.update(|touched| {
                touched.insert(location);
                touched.extend(item);
            });
        }
    }

    /// Applies fixes to the draft's fields. All or nothing per call; the previous texts are kept
    /// for one undo.
    pub fn apply(&self, draft: DraftState, fixes: &[Fix]) {
        let mut locations: Vec<&Location> = fixes.iter().map(|fix| &fix.location).collect();
        lvzhi_core::small_sort::sort_small_by(&mut locations, |a, b| a.cmp(b));
        locations.dedup();
        let mut planned = Vec::new();
        for location in locations {
            let own: Vec<&Fix> = fixes.iter().filter(|fix| &fix.location == location).collect();
            let Some(signal) = draft.text_signal(location) else { continue };
            let before = signal.get_untracked();
            match apply_fixes_to_text(&before, &own) {
                Ok(after) => planned.push((location.clone(), signal, before, after)),
                Err(error) => {
                    self.fix_message.set(Some(format!("修复未执行：{error}")));
                    return;
                }
            }
        }
        let changes: Vec<(Location, String, String)> = planned
            .into_iter()
            .map(|(location, signal, before, after)| {
                signal.set(after.clone());
                (location, before, after)
            })
            .collect();
        self.fix_message.set(Some(format!("已修复{}处。", fixes.len())));
        self.last_fix.set(Some(FixRecord { changes, count: fixes.len() }));
    }

    /// Restores the texts the last fix changed, unless they were edited since.
    pub fn undo(&self, draft: DraftState) {
        let Some(record) = self.last_fix.get_untracked() else { return };
        let unchanged = record.changes.iter().all(|(location, _, after)| {
            draft.text_signal(location).is_some_and(|signal| signal.with_untracked(|text| text == after))
        });
        if !unchanged {
            self.fix_message.set(Some("修复后内容又有改动，无法撤销；请手动修改。".to_owned()));
            return;
        }
        for (location, before, _) in &record.changes {
            if let Some(signal) = draft.text_signal(location) {
                signal.set(before.clone());
            }
        }
        self.last_fix.set(None);
        self.fix_message.set(Some(format!("已撤销{}处修复。", record.count)));
    }
}

fn is_touched(framework: &Framework, touched: &HashSet<Location>, location: &Location) -> bool {
    touched.contains(location)
        || item_of(framework, location).is_some_and(|code| touched.contains(&Location::Item(code)))
        || match location {
            Location::Problems => {
                touched.iter().any(|l| matches!(l, Location::ProblemTitle(_) | Location::ProblemText(_)))
            }
            Location::Measures => {
                touched.iter().any(|l| matches!(l, Location::MeasureTitle(_) | Location::MeasureText(_)))
            }
            Location::ProblemTitle(id) => touched.contains(&Location::ProblemText(id.clone())),
            _ => false,
        }
}
