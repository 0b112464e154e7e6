//! What an item's mark says: its status (未填, 已填, 无此项工作任务) corrected by its findings, so an
//! item with blanks left in or required figures missing is never shown as done.
//!
//! Sits above `progress` and `validate` (it reads both), so neither needs the other.

use crate::draft::field::item_of;
use crate::draft::Draft;
use crate::framework::Framework;
use crate::progress::{item_status, ItemStatus, Progress};
use crate::validate::{validate, Finding, Severity};
use std::collections::HashMap;

/// An item's mark in the navigation, the overview and the drafts list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemMark {
    /// Nothing written yet.
    Empty,
    /// Written (or marked 无此项工作任务), but with errors left: blanks, missing figures, no reason.
    NeedsWork,
    /// Written, with no error.
    Done,
    /// 无此项工作任务, with its reason.
    NotApplicable,
}

impl ItemMark {
    /// The mark of an item of `status` with `errors` error findings.
    pub fn of(status: ItemStatus, errors: usize) -> ItemMark {
        match status {
            ItemStatus::Empty => ItemMark::Empty,
            _ if errors > 0 => ItemMark::NeedsWork,
            ItemStatus::Filled => ItemMark::Done,
            ItemStatus::NotApplicable => ItemMark::NotApplicable,
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ItemMark::Empty => "未填",
            ItemMark::NeedsWork => "待完善",
            ItemMark::Done => "已完成",
            ItemMark::NotApplicable => "无此项工作任务",
        }
    }

    /// A stable name for markup and styles (`data-status`).
    pub fn key(self) -> &'static str {
        match self {
            ItemMark::Empty => "empty",
            ItemMark::NeedsWork => "needswork",
            ItemMark::Done => "filled",
            ItemMark::NotApplicable => "notapplicable",
        }
    }

    /// Counted as done in progress: finished, or rightly without this task.
    pub fn is_done(self) -> bool {
        matches!(self, ItemMark::Done | ItemMark::NotApplicable)
    }
}

/// Error findings per item code (findings of an item's text, reason, or figures).
pub fn errors_by_item(framework: &Framework, findings: &[Finding]) -> HashMap<String, usize> {
    let mut errors = HashMap::new();
    for finding in findings.iter().filter(|finding| finding.severity == Severity::Error) {
        if let Some(code) = item_of(framework, &finding.location) {
            *errors.entry(code).or_insert(0) += 1;
        }
    }
    errors
}

/// Items done (by their marks) out of all items, for a draft as it is stored.
pub fn checked_progress(framework: &Framework, draft: &Draft) -> Progress {
    let errors = errors_by_item(framework, &validate(framework, draft));
    let done = framework
        .items()
        .filter(|(_, item)| {
            let status = item_status(draft.item(&item.code));
            ItemMark::of(status, errors.get(&item.code).copied().unwrap_or(0)).is_done()
        })
        .count();
    Progress { done, total: framework.item_count() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::ItemEntry;

    #[test]
    fn an_item_with_errors_left_is_not_done() {
        assert_eq!(ItemMark::of(ItemStatus::Filled, 0), ItemMark::Done);
        assert_eq!(ItemMark::of(ItemStatus::Filled, 2), ItemMark::NeedsWork);
        assert_eq!(ItemMark::of(ItemStatus::NotApplicable, 1), ItemMark::NeedsWork);
        assert_eq!(ItemMark::of(ItemStatus::Empty, 3), ItemMark::Empty);
        assert!(!ItemMark::NeedsWork.is_done());
    }

    #[test]
    fn a_blank_or_a_missing_figure_keeps_an_item_from_counting_as_done() {
        let framework = Framework::builtin();
        let mut draft = Draft::new(&framework, "d".into(), "t".into());
        let entry = |text: &str| ItemEntry { narrative: text.into(), ..ItemEntry::default() };
        draft.items.insert("A1.3".into(), entry("印发议事决策工作指南。"));
        draft.items.insert("A1.2".into(), entry("建立校级党组织x个。"));
        draft.items.insert("A2.1".into(), entry("教育经费{教育经费}亿元。"));
        let errors = errors_by_item(&framework, &validate(&framework, &draft));
        assert!(!errors.contains_key("A1.3"), "{errors:?}");
        assert!(errors["A1.2"] > 0 && errors["A2.1"] > 0);
        assert_eq!(checked_progress(&framework, &draft).done, 1);
    }
}
