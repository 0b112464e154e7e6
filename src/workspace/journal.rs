//! The app's side of the durable journal (`lvzhi_storage::Journal`): opened once at start-up, where
//! saves that a crash kept from the disk are put back before any draft is read; autosave records
//! each save in it and says 已保存 once that copy is on disk (`autosave`).
//!
//! Invariant: this window's idea of each draft's journal entry (`ENTRIES`) is the entry it last
//! read or wrote, so a chain of saves goes on across a reload and starts again when anything else
//! wrote the draft in between (see lvzhi_storage's `durable` module).

use leptos::task::spawn_local;
use lvzhi_storage::{DraftStorage, Journal, JournalEntry, Recovery};
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;

thread_local! {
    static JOURNAL: RefCell<Option<Journal>> = const { RefCell::new(None) };
    static ENTRIES: RefCell<HashMap<String, JournalEntry>> = RefCell::new(HashMap::new());
    static RESTORED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Entries that could not be put back (localStorage full): their texts, by draft id.
    static UNRESTORED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// Opens the journal and puts back what a crash lost; entries that something newer replaced are
/// dropped. Without IndexedDB (or localStorage) nothing happens: saving works as before.
pub async fn start(storage: Option<DraftStorage>) {
    let Some(storage) = storage else { return };
    let Some(journal) = Journal::open().await else { return };
    for entry in journal.entries().await {
        match storage.recover(&entry) {
            Ok(Recovery::Restored) => {
                RESTORED.with_borrow_mut(|restored| restored.push(entry.draft_id.clone()));
                ENTRIES.with_borrow_mut(|entries| entries.insert(entry.draft_id.clone(), entry));
            }
            Ok(Recovery::UpToDate) => {
                ENTRIES.with_borrow_mut(|entries| entries.insert(entry.draft_id.clone(), entry));
            }
            // Newer text in localStorage: the journal's copy is history, and goes.
            Ok(Recovery::Superseded) => {
                journal.forget(&entry.draft_id).await;
            }
            // Storage full or failing: the entry stays (for the next start), and the draft opens
            // with its text in the page (`unrestored`), to be saved once there is room.
            Err(_) => {
                UNRESTORED.with_borrow_mut(|unrestored| unrestored.insert(entry.draft_id.clone(), entry.text.clone()));
                ENTRIES.with_borrow_mut(|entries| entries.insert(entry.draft_id.clone(), entry));
            }
        }
    }
    JOURNAL.with_borrow_mut(|slot| *slot = Some(journal));
    open_newest_restored(storage);
}

/// The draft to open next is the newest one put back when the mark of the draft open last was lost
/// with it, or names an older draft than the one being written when the browser died.
fn open_newest_restored(storage: DraftStorage) {
    let restored = RESTORED.with_borrow(Clone::clone);
    let Some(newest) = restored
        .iter()
        .filter_map(|draft_id| storage.load(draft_id).ok().flatten())
        .max_by(|a, b| a.updated_at.cmp(&b.updated_at))
    else {
        return;
    };
    // An unreadable marked draft is start-up's to report (set aside, said): not passed over here.
    let Ok(marked) = storage.load_last() else { return };
    if marked.is_none_or(|marked| marked.updated_at < newest.updated_at) {
        // A mark not kept only means the list's choice opens instead.
        let _ = storage.set_last(&newest.id);
    }
}

/// The drafts whose last saves start-up put back (for the notice).
pub fn restored() -> Vec<String> {
    RESTORED.with_borrow(Clone::clone)
}

/// The text of a draft's last save that start-up could not put back into localStorage (full).
pub fn unrestored(draft_id: &str) -> Option<String> {
    UNRESTORED.with_borrow(|unrestored| unrestored.get(draft_id).cloned())
}

/// Records a save of `written` over `expected` (the stored text it replaced); resolves to true
/// once the copy is on disk. `None` without a journal: localStorage is all there is.
pub fn record(draft_id: &str, expected: Option<&str>, written: &str) -> Option<impl Future<Output = bool>> {
    let journal = JOURNAL.with_borrow(Clone::clone)?;
    let entry = ENTRIES.with_borrow_mut(|entries| {
        let entry = JournalEntry::after_save(entries.get(draft_id), draft_id, expected, written);
        entries.insert(draft_id.to_owned(), entry.clone());
        entry
    });
    Some(async move { journal.put(&entry).await })
}

/// A draft deleted: its journal entry goes too, so a restart does not bring it back.
pub fn forget(draft_id: &str) {
    ENTRIES.with_borrow_mut(|entries| entries.remove(draft_id));
    let Some(journal) = JOURNAL.with_borrow(Clone::clone) else { return };
    let draft_id = draft_id.to_owned();
    spawn_local(async move {
        journal.forget(&draft_id).await;
    });
}
