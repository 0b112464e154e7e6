//! Whether each item is filled, and how far each area has come. Derived from the draft, never stored.

use crate::draft::{Draft, ItemEntry};
use crate::framework::{Area, Framework};

/// 未填 / 已填 / 无此项工作任务.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemStatus {
    Empty,
    Filled,
    NotApplicable,
}

impl ItemStatus {
    pub fn label_zh(self) -> &'static str {
        match self {
            ItemStatus::Empty => "未填",
            ItemStatus::Filled => "已填",
            ItemStatus::NotApplicable => "无此项工作任务",
        }
    }

    /// A stable name for markup and styles (`data-status`).
    pub fn key(self) -> &'static str {
        match self {
            ItemStatus::Empty => "empty",
            ItemStatus::Filled => "filled",
            ItemStatus::NotApplicable => "notapplicable",
        }
    }

    /// Filled and not-applicable items both count as done.
    pub fn is_done(self) -> bool {
        self != ItemStatus::Empty
    }
}

impl ItemStatus {
    /// The status of an item marked (or not) 无此项工作任务, with this narrative.
    pub fn of(not_applicable: bool, narrative: &str) -> ItemStatus {
        if not_applicable {
            ItemStatus::NotApplicable
        } else if narrative.trim().is_empty() {
            ItemStatus::Empty
        } else {
            ItemStatus::Filled
        }
    }
}

/// The status of one item from its entry (absent = untouched).
pub fn item_status(entry: Option<&ItemEntry>) -> ItemStatus {
    entry.map(|entry| ItemStatus::of(entry.not_applicable, &entry.narrative)).unwrap_or(ItemStatus::Empty)
}

/// Items done out of items in total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

pub fn area_progress(area: &Area, draft: &Draft) -> Progress {
    Progress {
        done: area.items.iter().filter(|item| item_status(draft.item(&item.code)).is_done()).count(),
        total: area.items.len(),
    }
}

pub fn report_progress(framework: &Framework, draft: &Draft) -> Progress {
    framework
        .areas
        .iter()
        .map(|area| area_progress(area, draft))
        .fold(Progress::default(), |sum, area| Progress { done: sum.done + area.done, total: sum.total + area.total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_entry() {
        assert_eq!(item_status(None), ItemStatus::Empty);
        let mut entry = ItemEntry { narrative: "  \n".into(), ..ItemEntry::default() };
        assert_eq!(item_status(Some(&entry)), ItemStatus::Empty);
        entry.narrative = "建立领导小组。".into();
        assert_eq!(item_status(Some(&entry)), ItemStatus::Filled);
        entry.not_applicable = true;
        assert_eq!(item_status(Some(&entry)), ItemStatus::NotApplicable);
    }

    #[test]
    fn progress_counts_done_items_per_area_and_in_total() {
        let framework = Framework::builtin();
        let mut draft = Draft::new(&framework, "d".into(), "t".into());
        let first_area = &framework.areas[0];
        draft
            .items
            .insert(first_area.items[0].code.clone(), ItemEntry { narrative: "文".into(), ..Default::default() });
        draft.items.insert(first_area.items[1].code.clone(), ItemEntry { not_applicable: true, ..Default::default() });
        assert_eq!(area_progress(first_area, &draft), Progress { done: 2, total: first_area.items.len() });
        assert_eq!(report_progress(&framework, &draft), Progress { done: 2, total: framework.item_count() });
    }
}
