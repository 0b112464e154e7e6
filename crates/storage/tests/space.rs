//! 存储空间 against the real localStorage of headless Chromium: every key counted once in its part,
//! the parts' sizes adding up to the usage, and freeing a part removing exactly its keys.

use lvzhi_core::{Draft, Framework, ItemEntry};
use lvzhi_storage::{DraftStorage, SpaceKind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample(id: &str, narrative: &str) -> Draft {
    let mut draft = Draft::new(&Framework::builtin(), id.into(), "2024-01-05T08:00:00.000Z".into());
    draft.items.insert("A1.1".into(), ItemEntry { narrative: narrative.into(), ..Default::default() });
    draft
}

#[wasm_bindgen_test]
fn every_stored_thing_is_in_one_part_and_a_part_frees_only_its_own_keys() {
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local.clear().unwrap();
    let storage = DraftStorage::open().unwrap();
    let first = sample("first", &"长文。".repeat(2000));
    storage.create(&first).unwrap();
    storage.create(&sample("second", "短文。")).unwrap();
    storage.keep_version(&first, 0).unwrap();
    storage.keep_version(&first, 0).unwrap();
    storage.save_backup(&first).unwrap();
    storage.keep_sent(&first).unwrap();
    storage.create(&sample("gone", "删除的。")).unwrap();
    storage.move_to_trash("gone").unwrap();
    local.set_item("other-page-of-this-site", "x").unwrap();

    let parts = storage.space();
    let total: u64 = parts.iter().map(|part| part.bytes).sum();
    assert_eq!(total, storage.usage().used_bytes, "every key counted once");
    assert!(parts.windows(2).all(|pair| pair[0].bytes >= pair[1].bytes), "largest first");
    let part = |kind: SpaceKind| parts.iter().find(|part| part.kind == kind).cloned().unwrap();
    let versions = part(SpaceKind::Versions { draft_id: "first".into() });
    assert_eq!(versions.keys.len(), 2);
    assert!(part(SpaceKind::Draft { draft_id: "first".into() }).bytes > 10_000);
    assert_eq!(part(SpaceKind::Trash).keys.len(), 1);
    assert_eq!(part(SpaceKind::Backups { draft_id: "first".into() }).keys.len(), 1);
    assert_eq!(part(SpaceKind::Sent { draft_id: "first".into() }).keys.len(), 1);

    // Freeing the versions removes them and nothing else.
    let freed = storage.free(&versions).unwrap();
    assert_eq!(freed, versions.bytes);
    assert!(storage.versions("first").is_empty());
    assert_eq!(storage.backups("first").len(), 1);
    assert_eq!(storage.usage().used_bytes, total - freed);
    // A draft is not freed here (删除 does that, with its 回收站), whatever the caller passes.
    let draft = part(SpaceKind::Draft { draft_id: "first".into() });
    assert_eq!(storage.free(&draft).unwrap(), 0);
    assert!(storage.load("first").unwrap().is_some());
    // A part listed before a key of another kind took one of its names frees only its own kind.
    let mut stale = part(SpaceKind::Trash);
    stale.keys.push("lvzhi/draft/second".into());
    storage.free(&stale).unwrap();
    assert!(storage.trash().is_empty());
    assert!(storage.load("second").unwrap().is_some());
}

#[wasm_bindgen_test]
fn removing_a_draft_for_good_from_the_trash_takes_its_versions_and_backups() {
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    local.clear().unwrap();
    let storage = DraftStorage::open().unwrap();
    let draft = sample("gone", "删除的草稿。");
    storage.create(&draft).unwrap();
    storage.keep_version(&draft, 0).unwrap();
    storage.save_backup(&draft).unwrap();
    storage.keep_sent(&draft).unwrap();
    // A draft of another id keeps its history.
    let kept = sample("kept", "留下的。");
    storage.create(&kept).unwrap();
    storage.save_backup(&kept).unwrap();
    let trash_key = storage.move_to_trash("gone").unwrap();
    assert_eq!(storage.backups("gone").len(), 1, "in the 回收站 the history waits with it");
    storage.purge(&trash_key).unwrap();
    assert!(storage.versions("gone").is_empty());
    assert!(storage.backups("gone").is_empty());
    assert!(storage.sent("gone").is_empty());
    assert_eq!(local.get_item("lvzhi/version-clock/gone").unwrap(), None);
    assert_eq!(storage.backups("kept").len(), 1);
    assert!(storage.space().iter().all(|part| !matches!(&part.kind,
        SpaceKind::Versions { draft_id } | SpaceKind::Backups { draft_id } | SpaceKind::Sent { draft_id } if draft_id == "gone")));
}
