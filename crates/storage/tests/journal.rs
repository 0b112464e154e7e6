//! The durable journal against the real IndexedDB and localStorage of headless Chromium: what a
//! crash before localStorage reached the disk leaves (localStorage rolled back to an earlier text)
//! is put back, and nothing newer is ever overwritten.

use lvzhi_core::{Draft, Framework};
use lvzhi_storage::{draft_key, text_hash, DraftStorage, Journal, JournalEntry, Recovery};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn draft_text(id: &str, narrative: &str) -> String {
    let mut draft = Draft::new(&Framework::builtin(), id.into(), "2024-01-05T08:00:00.000Z".into());
    draft.items.entry("A1.1".into()).or_default().narrative = narrative.into();
    draft.to_json()
}

/// Saves `texts` one after another through the journal's bookkeeping, as autosave does, starting
/// from what localStorage holds; returns the last entry.
fn save_chain(draft_id: &str, texts: &[String]) -> JournalEntry {
    let storage = local_storage();
    let mut entry: Option<JournalEntry> = None;
    for text in texts {
        let expected = storage.get_item(&draft_key(draft_id)).unwrap();
        entry = Some(JournalEntry::after_save(entry.as_ref(), draft_id, expected.as_deref(), text));
        storage.set_item(&draft_key(draft_id), text).unwrap();
    }
    entry.unwrap()
}

#[wasm_bindgen_test]
fn saves_lost_by_a_crash_are_put_back_from_any_point_of_the_chain() {
    local_storage().clear().unwrap();
    let storage = DraftStorage::open().unwrap();
    let key = draft_key("chain");
    let v0 = draft_text("chain", "打开时的文字");
    local_storage().set_item(&key, &v0).unwrap();
    let texts: Vec<String> = (1..=5).map(|n| draft_text("chain", &format!("第{n}次保存"))).collect();
    let entry = save_chain("chain", &texts);
    // The crash kept every one of the five saves from the disk, or the last three, or none.
    for rolled_back_to in [&v0, &texts[1]] {
        local_storage().set_item(&key, rolled_back_to).unwrap();
        assert_eq!(storage.recover(&entry), Ok(Recovery::Restored));
        assert_eq!(local_storage().get_item(&key).unwrap().as_deref(), Some(texts[4].as_str()));
    }
    assert_eq!(storage.recover(&entry), Ok(Recovery::UpToDate));
}

#[wasm_bindgen_test]
fn a_newer_text_written_by_anything_else_is_never_overwritten() {
    local_storage().clear().unwrap();
    let storage = DraftStorage::open().unwrap();
    let key = draft_key("newer");
    local_storage().set_item(&key, &draft_text("newer", "开始")).unwrap();
    let entry = save_chain("newer", &[draft_text("newer", "自动保存")]);
    // An import, a merge or another window wrote after the journal's save.
    let imported = draft_text("newer", "导入的文字");
    local_storage().set_item(&key, &imported).unwrap();
    assert_eq!(storage.recover(&entry), Ok(Recovery::Superseded));
    assert_eq!(local_storage().get_item(&key).unwrap(), Some(imported));
}

#[wasm_bindgen_test]
fn a_chain_starts_again_when_something_else_wrote_in_between() {
    let first = JournalEntry::after_save(None, "d", Some("a"), "b");
    assert_eq!(first.replaced, vec![text_hash(Some("a"))]);
    let next = JournalEntry::after_save(Some(&first), "d", Some("b"), "c");
    assert_eq!(next.replaced, vec![text_hash(Some("a")), text_hash(Some("b"))]);
    // Another window wrote "x": this window's save over it starts a new chain.
    let after_other = JournalEntry::after_save(Some(&next), "d", Some("x"), "y");
    assert_eq!(after_other.replaced, vec![text_hash(Some("x"))]);
    // A new draft: its first save replaced nothing.
    assert_eq!(JournalEntry::after_save(None, "d", None, "z").replaced, vec![text_hash(None)]);
    assert_ne!(text_hash(None), text_hash(Some("")));
}

#[wasm_bindgen_test]
fn a_new_draft_lost_entirely_comes_back() {
    local_storage().clear().unwrap();
    let storage = DraftStorage::open().unwrap();
    let entry = save_chain("fresh", &[draft_text("fresh", "新草稿的第一段")]);
    local_storage().remove_item(&draft_key("fresh")).unwrap();
    assert_eq!(storage.recover(&entry), Ok(Recovery::Restored));
    assert!(storage.load("fresh").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn the_journal_keeps_entries_in_indexeddb_until_forgotten() {
    let journal = Journal::open().await.expect("IndexedDB is available in Chromium");
    let entry = JournalEntry::after_save(None, "idb", Some("旧"), &draft_text("idb", "“引号”😀\n第二行"));
    assert!(journal.put(&entry).await, "the write is reported done only once committed");
    let reopened = Journal::open().await.unwrap();
    let entries = reopened.entries().await;
    assert!(entries.contains(&entry), "{entries:?}");
    assert!(reopened.forget("idb").await);
    assert!(!Journal::open().await.unwrap().entries().await.iter().any(|kept| kept.draft_id == "idb"));
}

#[wasm_bindgen_test]
fn a_draft_whose_creation_was_lost_with_its_saves_comes_back() {
    // Made (stored), then saved over: the chain names the made text, not "absent". The crash lost
    // both the making and the save.
    local_storage().clear().unwrap();
    let storage = DraftStorage::open().unwrap();
    local_storage().set_item(&draft_key("made"), &draft_text("made", "")).unwrap();
    let entry = save_chain("made", &[draft_text("made", "新建后写的第一段")]);
    local_storage().clear().unwrap();
    assert_eq!(storage.recover(&entry), Ok(Recovery::Restored));
    assert_eq!(storage.load("made").unwrap().unwrap().items["A1.1"].narrative, "新建后写的第一段");
}
