//! The validator in the app: the findings of the open draft, which of them to show (touched fields,
//! or all after 检查全文), the marks they give items, and fixes applied with one undo.

use crate::workspace::draft_signals::DraftSignals;
use leptos::prelude::*;
use lvzhi_core::draft::field::item_of;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::Framework;
use lvzhi_core::progress::ItemStatus;
use lvzhi_core::status::{errors_by_item, ItemMark};
use lvzhi_core::validate::{plan_fixes, validate, Finding, Fix, Severity, TextChange};
use lvzhi_core::Draft;
use std::collections::{HashMap, HashSet};

/// Texts as they were before the last fix, to undo it.
#[derive(Clone, Debug, PartialEq)]
pub struct FixRecord {
    changes: Vec<TextChange>,
    pub count: usize,
}

#[derive(Clone, Copy)]
pub struct Findings {
    /// Every finding of the draft, recomputed as it changes.
    pub all: Memo<Vec<Finding>>,
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

impl Findings {
    /// The findings of `draft` (in the app, the draft as of the last pause in editing).
    pub fn new(framework: &'static Framework, draft: Signal<Draft>) -> Findings {
        let findings = Memo::new(move |_| draft.with(|draft| validate(framework, draft)));
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
        Findings {
            all: findings,
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
    pub fn item_mark(&self, draft: DraftSignals, code: &str) -> Memo<ItemMark> {
        let item = draft.item(code);
        let errors_by_item = self.errors_by_item;
        let code = code.to_owned();
        Memo::new(move |_| {
            let status = item.narrative.with(|text| ItemStatus::of(item.not_applicable.get(), text));
            let errors = errors_by_item.with(|errors| errors.get(&code).copied().unwrap_or(0));
            ItemMark::of(status, errors)
        })
    }

    /// Counts of visible errors and warnings of an item, for its badge in the navigation; the memo
    /// changes only when they do.
    pub fn marks_of(&self, code: &'static str) -> Memo<(usize, usize)> {
        let marks = self.item_marks;
        Memo::new(move |_| marks.with(|marks| marks.get(code).copied().unwrap_or_default()))
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

    /// Applies fixes to the draft's fields: the core's plan of the changes, all or nothing; the
    /// previous texts are kept for one undo.
    pub fn apply(&self, draft: DraftSignals, fixes: &[Fix]) {
        let fixes: Vec<&Fix> = fixes.iter().collect();
        let text_of = |location: &Location| draft.text_signal(location).map(|signal| signal.get_untracked());
        match plan_fixes(text_of, &fixes) {
            Ok(changes) => {
                for change in &changes {
                    if let Some(signal) = draft.text_signal(&change.location) {
                        signal.set(change.after.clone());
                    }
                }
                self.fix_message.set(Some(format!("已修复{}处。", fixes.len())));
                self.last_fix.set(Some(FixRecord { changes, count: fixes.len() }));
            }
            Err(error) => self.fix_message.set(Some(format!("修复未执行：{error}"))),
        }
    }

    /// Forgets the last fix and its message (the user has moved on to another page).
    pub fn forget_fix(&self) {
        self.last_fix.set(None);
        self.fix_message.set(None);
    }

    /// Restores the texts the last fix changed, unless they were edited since.
    pub fn undo(&self, draft: DraftSignals) {
        let Some(record) = self.last_fix.get_untracked() else { return };
        let unchanged = record.changes.iter().all(|change| {
            draft
                .text_signal(&change.location)
                .is_some_and(|signal| signal.with_untracked(|text| *text == change.after))
        });
        if !unchanged {
            self.fix_message.set(Some("修复后内容又有改动，无法撤销；请手动修改。".to_owned()));
            return;
        }
        for change in &record.changes {
            if let Some(signal) = draft.text_signal(&change.location) {
                signal.set(change.before.clone());
            }
        }
        self.last_fix.set(None);
        self.fix_message.set(Some(format!("已撤销{}处修复。", record.count)));
    }
}

/// Whether a finding at `location` shows before 检查全文: its field, or its item, was touched.
/// Exhaustive on purpose: a new kind of location must say here when its findings show.
fn is_touched(framework: &Framework, touched: &HashSet<Location>, location: &Location) -> bool {
    if touched.contains(location) {
        return true;
    }
    match location {
        Location::Item(_) | Location::ItemNarrative(_) | Location::ItemReason(_) | Location::Figure(_) => {
            item_of(framework, location).is_some_and(|code| touched.contains(&Location::Item(code)))
        }
        Location::Problems => touched.iter().any(|l| matches!(l, Location::ProblemTitle(_) | Location::ProblemText(_))),
        Location::Measures => touched.iter().any(|l| matches!(l, Location::MeasureTitle(_) | Location::MeasureText(_))),
        Location::ProblemTitle(id) => touched.contains(&Location::ProblemText(id.clone())),
        Location::ProblemText(id) => touched.contains(&Location::ProblemTitle(id.clone())),
        Location::MeasureTitle(id) => touched.contains(&Location::MeasureText(id.clone())),
        Location::MeasureText(id) => touched.contains(&Location::MeasureTitle(id.clone())),
        // A score and its explanation show their findings together.
        Location::Score(code) => touched.contains(&Location::ScoreExplanation(code.clone())),
        Location::ScoreExplanation(code) => touched.contains(&Location::Score(code.clone())),
        Location::Rectifications => touched.iter().any(|l| matches!(l, Location::Rectification(..))),
        Location::Meta(_)
        | Location::Report
        | Location::Deduction(_)
        | Location::Condition(_)
        | Location::Section(_)
        | Location::Rectification(..) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::draft::ItemEntry;

    fn setup(narrative: &str) -> (&'static Framework, DraftSignals, Findings) {
        let owner = Owner::new();
        owner.set();
        let framework: &'static Framework = Box::leak(Box::new(Framework::builtin()));
        let mut draft = Draft::new(framework, "d".into(), "t".into());
        draft.items.insert("A1.3".into(), ItemEntry { narrative: narrative.into(), ..Default::default() });
        let signals = DraftSignals::from_draft(framework, draft);
        let snapshot = Memo::new(move |_| signals.snapshot());
        (framework, signals, Findings::new(framework, snapshot.into()))
    }

    #[test]
    fn findings_show_for_touched_fields_only_until_check_all() {
        let (framework, _, findings) = setup("印发指南,实行一肩挑。");
        assert!(findings.visible.get_untracked().is_empty(), "nothing touched, nothing shown");
        findings.touch(framework, Location::ItemNarrative("A1.3".into()));
        let shown = findings.visible.get_untracked();
        assert!(!shown.is_empty());
        assert!(shown.iter().all(|finding| item_of(framework, &finding.location).as_deref() == Some("A1.3")));
        findings.check_all.set(true);
        assert!(findings.visible.get_untracked().len() > shown.len());
        assert_eq!(findings.visible.get_untracked().len(), findings.all.get_untracked().len());
    }

    #[test]
    fn a_fix_is_applied_to_the_signal_and_undone_unless_edited_since() {
        let (_, signals, findings) = setup("印发指南,实行一肩挑。");
        let narrative = signals.item("A1.3").narrative;
        let fixes: Vec<Fix> = findings.all.get_untracked().iter().filter_map(|finding| finding.fix.clone()).collect();
        assert_eq!(fixes.len(), 1, "one half-width comma");
        findings.apply(signals, &fixes);
        assert_eq!(narrative.get_untracked(), "印发指南，实行一肩挑。");
        findings.undo(signals);
        assert_eq!(narrative.get_untracked(), "印发指南,实行一肩挑。");
        findings.apply(signals, &fixes);
        narrative.set("又改了。".into());
        findings.undo(signals);
        assert_eq!(narrative.get_untracked(), "又改了。", "an undo never overwrites newer typing");
        assert!(findings.fix_message.get_untracked().unwrap().contains("无法撤销"));
    }

    #[test]
    fn a_stale_fix_changes_nothing() {
        let (_, signals, findings) = setup("印发指南,实行一肩挑。");
        let fixes: Vec<Fix> = findings.all.get_untracked().iter().filter_map(|finding| finding.fix.clone()).collect();
        signals.item("A1.3").narrative.set("整段改写了，没有半角逗号。".into());
        findings.apply(signals, &fixes);
        assert_eq!(signals.item("A1.3").narrative.get_untracked(), "整段改写了，没有半角逗号。");
        assert!(findings.fix_message.get_untracked().unwrap().starts_with("修复未执行"));
    }

    #[test]
    fn an_item_with_a_blank_left_is_marked_needs_work_until_filled() {
        let (_, signals, findings) = setup("实行中小学校书记校长“一肩挑”，共x所。");
        let mark = findings.item_mark(signals, "A1.3");
        assert_eq!(mark.get_untracked(), ItemMark::NeedsWork);
        signals.item("A1.3").narrative.set("实行中小学校书记校长“一肩挑”，共5所。".into());
        assert_eq!(mark.get_untracked(), ItemMark::Done);
        signals.item("A1.3").narrative.set(String::new());
        assert_eq!(mark.get_untracked(), ItemMark::Empty);
    }
}
