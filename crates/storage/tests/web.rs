//! DraftStorage against the real localStorage of headless Chromium.

use lvzhi_core::{Draft, Framework, ItemEntry};
use lvzhi_storage::{draft_key, DraftStorage, StorageError, LAST_OPENED_KEY, VERSIONS_KEPT};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
}

fn sample(id: &str) -> Draft {
    let mut draft = Draft::new(&Framework::builtin(), id.into(), "2024-01-05T08:00:00.000Z".into());
    draft.meta.region = "资阳市".into();
    draft.items.insert(
        "A1.2".into(),
        ItemEntry {
            narrative: "建立校级党组织{school_party_organisations}个。\n“引号”😀".into(),
            ..Default::default()
        },
    );
    draft.figures.insert("school_party_organisations".into(), "12".into());
    draft
}

#[wasm_bindgen_test]
fn nothing_stored_opens_nothing() {
    clear();
    let storage = DraftStorage::open().expect("localStorage is available in Chromium");
    assert_eq!(storage.load_last(), Ok(None));
}

#[wasm_bindgen_test]
fn a_saved_draft_is_the_one_opened_next_time() {
    clear();
    let storage = DraftStorage::open().unwrap();
    storage.create(&sample("first")).unwrap();
    let second = sample("second");
    storage.create(&second).unwrap();
    assert_eq!(storage.raw_get(LAST_OPENED_KEY).unwrap().as_deref(), Some("second"));
    assert_eq!(storage.load_last().unwrap(), Some(second));
    assert_eq!(storage.load("first").unwrap(), Some(sample("first")));
}

#[wasm_bindgen_test]
fn a_backup_keeps_the_draft_as_it_was_under_its_own_key() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let draft = sample("kept");
    storage.create(&draft).unwrap();
    let key = storage.save_backup(&draft).expect("backup written");
    assert!(key.starts_with("lvzhi/backup/kept/"));
    let raw = storage.raw_get(&key).unwrap().unwrap();
    assert_eq!(Draft::from_json(&raw).unwrap(), draft);
    assert_eq!(storage.load_last().unwrap(), Some(draft), "the draft itself is untouched");
}

#[wasm_bindgen_test]
fn drafts_are_listed_newest_first_with_unreadable_ones_last() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let mut older = sample("older");
    older.updated_at = "2024-01-01T00:00:00.000Z".into();
    let mut newer = sample("newer");
    newer.updated_at = "2024-02-01T00:00:00.000Z".into();
    storage.create(&older).unwrap();
    storage.create(&newer).unwrap();
    web_sys::window().unwrap().local_storage().unwrap().unwrap().set_item(&draft_key("bad"), "{").unwrap();
    let entries = storage.entries();
    let ids: Vec<&str> = entries.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, ["newer", "older", "bad"], "readable newest first, unreadable last");
    assert_eq!(entries[2].content.as_ref().unwrap_err().0, "{", "the raw text, to export");
}

#[wasm_bindgen_test]
fn a_checked_save_never_overwrites_another_windows_write() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let mut draft = sample("shared");
    let written = storage.save_checked(&draft, None).unwrap();
    // Another window writes its own version.
    let mut theirs = draft.clone();
    theirs.meta.region = "另一个窗口".into();
    storage.save_checked(&theirs, Some(&written)).unwrap();
    draft.meta.region = "本窗口".into();
    assert_eq!(storage.save_checked(&draft, Some(&written)), Err(StorageError::ChangedElsewhere));
    assert_eq!(storage.load("shared").unwrap().unwrap().meta.region, "另一个窗口", "theirs is untouched");
    assert!(StorageError::ChangedElsewhere.to_string().contains("另一个窗口"));
}

#[wasm_bindgen_test]
fn versions_are_kept_at_intervals_and_bounded() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let mut draft = sample("versioned");
    assert!(storage.keep_version(&draft, 60_000).unwrap());
    assert!(!storage.keep_version(&draft, 60_000).unwrap(), "too soon after the last one");
    for round in 0..12 {
        draft.meta.region = format!("第{round}版");
        assert!(storage.keep_version(&draft, 0).unwrap() || round == 0);
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < 2.0 {}
    }
    let versions = storage.versions("versioned");
    assert_eq!(versions.len(), VERSIONS_KEPT);
    assert_eq!(storage.load_key(&versions[0].key).unwrap().meta.region, "第11版", "newest first");
}

#[wasm_bindgen_test]
fn deleted_drafts_go_to_the_trash_and_come_back() {
    clear();
    let storage = DraftStorage::open().unwrap();
    storage.create(&sample("doomed")).unwrap();
    let trash_key = storage.move_to_trash("doomed").unwrap();
    assert_eq!(storage.load("doomed").unwrap(), None);
    let trash = storage.trash();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].draft.as_ref().unwrap().meta.region, "资阳市");
    storage.create(&sample("working")).unwrap();
    let restored = storage.restore_from_trash(&trash_key, || "fresh".into()).unwrap();
    assert_eq!(restored.id, "doomed");
    assert_eq!(storage.load("doomed").unwrap(), Some(sample("doomed")));
    assert!(storage.trash().is_empty());
    assert_eq!(storage.raw_get(LAST_OPENED_KEY).unwrap().as_deref(), Some("working"), "the open draft stays next");
}

#[wasm_bindgen_test]
fn storing_a_draft_leaves_the_one_to_open_next_alone_and_saving_sets_it() {
    clear();
    let storage = DraftStorage::open().unwrap();
    storage.create(&sample("open")).unwrap();
    let copy = storage.add(&sample("copy")).unwrap();
    assert_eq!(storage.load("copy").unwrap(), Some(sample("copy")));
    assert_eq!(storage.raw_get(LAST_OPENED_KEY).unwrap().as_deref(), Some("open"));
    storage.save_checked(&sample("copy"), Some(&copy)).unwrap();
    assert_eq!(storage.raw_get(LAST_OPENED_KEY).unwrap().as_deref(), Some("copy"));
}

#[wasm_bindgen_test]
fn a_new_draft_never_overwrites_a_stored_one_of_the_same_id() {
    clear();
    let storage = DraftStorage::open().unwrap();
    storage.create(&sample("taken")).unwrap();
    let mut other = sample("taken");
    other.meta.region = "另一份".into();
    assert_eq!(storage.create(&other), Err(StorageError::AlreadyExists { draft_id: "taken".into() }));
    assert_eq!(storage.add(&other), Err(StorageError::AlreadyExists { draft_id: "taken".into() }));
    assert_eq!(storage.load("taken").unwrap().unwrap().meta.region, "资阳市");
    assert!(StorageError::AlreadyExists { draft_id: "taken".into() }.to_string().contains("未写入"));
}

#[wasm_bindgen_test]
fn unreadable_entries_are_set_aside_not_deleted_and_usage_is_measured() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    raw.set_item(&draft_key("broken"), "{\"format\":").unwrap();
    let aside = storage.set_aside("broken").unwrap();
    assert!(aside.starts_with("lvzhi/corrupt/broken/"));
    assert_eq!(storage.set_aside_entries(), [(aside, "{\"format\":".to_owned())]);
    assert!(storage.entries().is_empty());
    let usage = storage.usage();
    assert!(usage.used_bytes > 20 && usage.used_bytes < usage.quota_bytes);
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_reported_and_left_untouched() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    raw.set_item(&draft_key("broken"), "{\"format\":\"lvzhi-draft\", trunc").unwrap();
    raw.set_item(LAST_OPENED_KEY, "broken").unwrap();
    let error = storage.load_last().unwrap_err();
    assert!(matches!(&error, StorageError::Corrupt { key, .. } if key == "lvzhi/draft/broken"));
    assert!(error.to_string().contains("原内容已原样保留"));
    assert_eq!(raw.get_item(&draft_key("broken")).unwrap().as_deref(), Some("{\"format\":\"lvzhi-draft\", trunc"));
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_as_quota_exceeded() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    // Fill the origin's quota (a few MB in Chromium) under other keys, as another app might:
    // big blocks first, then ever smaller ones, until not even 1 KB more fits.
    let mut index = 0;
    for block_size in [512 * 1024, 64 * 1024, 8 * 1024, 1024] {
        let block = "0".repeat(block_size);
        while raw.set_item(&format!("filler/{index}"), &block).is_ok() {
            index += 1;
            assert!(index < 2000, "the quota never filled");
        }
    }
    let mut big = sample("big");
    big.items.get_mut("A1.2").unwrap().narrative = "文".repeat(10 * 1024);
    assert_eq!(storage.create(&big), Err(StorageError::QuotaExceeded));
    clear();
}

#[wasm_bindgen_test]
fn when_the_apps_own_drafts_fill_storage_deleting_one_for_good_is_the_way_out() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    // Many drafts of the app's own, each with a version and a backup, until storage is full.
    let mut big = sample("old");
    big.items.get_mut("A1.2").unwrap().narrative = "文".repeat(100 * 1024);
    storage.create(&big).unwrap();
    storage.keep_version(&big, 0).unwrap();
    storage.save_backup(&big).unwrap();
    let mut index = 0;
    loop {
        let mut other = big.clone();
        other.id = format!("d{index}");
        if storage.create(&other).is_err() {
            break;
        }
        index += 1;
        assert!(index < 500, "the quota never filled");
    }
    // Small entries fill what is left.
    let block = "0".repeat(1024);
    let mut small = 0;
    while raw.set_item(&format!("filler/{small}"), &block).is_ok() {
        small += 1;
    }
    // The 回收站 takes a copy first, and there is no room for it: nothing is lost.
    assert_eq!(storage.move_to_trash("old"), Err(StorageError::QuotaExceeded));
    assert!(storage.load("old").unwrap().is_some(), "the draft is still there");
    // For good, with its version and backup: space is freed and saving works again.
    let freed = storage.delete_for_good("old").unwrap();
    assert!(freed > 3 * 100 * 1024, "{freed}");
    assert!(storage.load("old").unwrap().is_none());
    assert!(storage.versions("old").is_empty() && storage.backups("old").is_empty());
    let mut another = sample("another");
    another.items.get_mut("A1.2").unwrap().narrative = "文".repeat(50 * 1024);
    storage.create(&another).expect("room again");
    clear();
}

#[wasm_bindgen_test]
fn one_entry_too_large_for_an_empty_storage_is_not_reported_as_full() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let raw = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let before = sample("huge");
    storage.create(&before).unwrap();
    let saved = raw.get_item(&draft_key("huge")).unwrap();
    // A pasted 6 million characters (12 MB as the browser counts them): more than it lets the
    // whole origin hold.
    let mut huge = before.clone();
    huge.items.get_mut("A1.2").unwrap().narrative = "文".repeat(6_000_000);
    let Err(error) = storage.save_checked(&huge, saved.as_deref()) else { panic!("12 MB were stored") };
    assert!(matches!(error, StorageError::TooLarge { bytes, .. } if bytes > 12_000_000), "{error:?}");
    let message = error.to_string();
    assert!(!message.contains("已满") && message.contains("存储并未满") && message.contains("MB"), "{message}");
    // What was saved before is still there, whole.
    assert_eq!(raw.get_item(&draft_key("huge")).unwrap(), saved);
    clear();
}

#[wasm_bindgen_test]
fn kept_framework_files_are_listed_by_id_exactly_as_brought() {
    clear();
    let storage = DraftStorage::open().unwrap();
    assert_eq!(storage.framework_files(), Vec::<(String, String)>::new());
    storage.save_framework("sichuan-2024-county", "{\"format\": \"lvzhi-framework\"}\n").unwrap();
    storage.save_framework("henan-2024-city", "{ }").unwrap();
    storage.create(&sample("a-draft")).unwrap();
    assert_eq!(
        storage.framework_files(),
        vec![
            ("henan-2024-city".to_owned(), "{ }".to_owned()),
            ("sichuan-2024-county".to_owned(), "{\"format\": \"lvzhi-framework\"}\n".to_owned()),
        ]
    );
}

#[wasm_bindgen_test]
fn the_framework_editors_working_copy_is_kept_apart_from_the_kept_frameworks() {
    clear();
    let storage = DraftStorage::open().unwrap();
    storage.save_framework("county-2025", "{\"kept\": true}").unwrap();
    storage.save_framework_work("county-2025", "{\"editing\": true}").unwrap();
    assert_eq!(storage.framework_work("county-2025").as_deref(), Some("{\"editing\": true}"));
    assert_eq!(storage.framework_text("county-2025").as_deref(), Some("{\"kept\": true}"), "the kept file unchanged");
    assert_eq!(storage.framework_files().len(), 1, "a working copy is not a kept framework");
    storage.drop_framework_work("county-2025").unwrap();
    assert_eq!(storage.framework_work("county-2025"), None);
    assert_eq!(storage.framework_text("county-2025").as_deref(), Some("{\"kept\": true}"));
}

#[wasm_bindgen_test]
fn a_deleted_framework_goes_to_its_trash_and_comes_back_unless_its_id_is_taken_again() {
    clear();
    let storage = DraftStorage::open().unwrap();
    storage.save_framework("county-2025", "{\"v\": 1}").unwrap();
    let key = storage.trash_framework("county-2025").unwrap();
    assert_eq!(storage.framework_text("county-2025"), None);
    assert!(storage.framework_files().is_empty());
    assert_eq!(storage.framework_trash(), vec![(key.clone(), "county-2025".to_owned(), "{\"v\": 1}".to_owned())]);
    // Kept again meanwhile: the restore would overwrite it, so it is refused.
    storage.save_framework("county-2025", "{\"v\": 2}").unwrap();
    assert_eq!(storage.restore_framework(&key), Err(StorageError::ChangedElsewhere));
    assert_eq!(storage.framework_text("county-2025").as_deref(), Some("{\"v\": 2}"));
    storage.trash_framework("county-2025").unwrap();
    let second = storage.framework_trash();
    assert_eq!(second.len(), 2);
    // The first one back; the second stays in the trash.
    assert_eq!(storage.restore_framework(&key).unwrap(), "county-2025");
    assert_eq!(storage.framework_text("county-2025").as_deref(), Some("{\"v\": 1}"));
    assert_eq!(storage.framework_trash().len(), 1);
}

#[wasm_bindgen_test]
fn backups_are_listed_newest_first_and_bounded() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let mut draft = sample("backed-up");
    for round in 0..(VERSIONS_KEPT + 2) {
        draft.meta.region = format!("第{round}份");
        storage.save_backup(&draft).unwrap();
        let start = js_sys::Date::now();
        while js_sys::Date::now() - start < 2.0 {}
    }
    let backups = storage.backups("backed-up");
    assert_eq!(backups.len(), VERSIONS_KEPT);
    assert_eq!(storage.load_key(&backups[0].key).unwrap().meta.region, format!("第{}份", VERSIONS_KEPT + 1));
    assert!(storage.versions("backed-up").is_empty(), "backups are not versions");
}

/// Sets the page's clock `offset_ms` away from the real one (a PC whose clock is wrong, or is
/// corrected); 0 puts it right.
fn shift_clock(offset_ms: f64) {
    js_sys::eval(&format!(
        "(() => {{ const real = Date.lvzhiRealNow || Date.now; Date.lvzhiRealNow = real; Date.now = () => real() + ({offset_ms}); }})()"
    ))
    .unwrap();
}

const YEARS: f64 = 5.0 * 365.0 * 24.0 * 3600.0 * 1000.0;

#[wasm_bindgen_test]
fn a_backup_is_kept_newest_whatever_the_clock_says() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let mut draft = sample("clocked");
    for round in 0..VERSIONS_KEPT {
        draft.meta.region = format!("第{round}份");
        storage.save_backup(&draft).unwrap();
    }
    // Years behind: the backup just made is the newest, and kept; the oldest one goes.
    for (offset, name) in [(-YEARS, "慢了五年"), (YEARS, "快了五年"), (0.0, "改回正确")] {
        shift_clock(offset);
        draft.meta.region = name.to_owned();
        let key = storage.save_backup(&draft).unwrap();
        let backups = storage.backups("clocked");
        assert_eq!(backups.len(), VERSIONS_KEPT);
        assert_eq!(backups[0].key, key, "{name}: the backup just made is listed first");
        assert_eq!(storage.load_key(&key).unwrap().meta.region, name, "{name}: and kept");
    }
    shift_clock(0.0);
}

#[wasm_bindgen_test]
fn versions_go_on_being_kept_when_the_clock_is_set_back_or_corrected() {
    clear();
    let storage = DraftStorage::open().unwrap();
    let mut draft = sample("history");
    assert!(storage.keep_version(&draft, 60_000).unwrap());
    // The clock years ahead, then put right: a version is kept, then not again within the interval.
    for (offset, name) in [(YEARS, "快了"), (0.0, "改回"), (-YEARS, "慢了")] {
        shift_clock(offset);
        draft.meta.region = name.to_owned();
        assert!(storage.keep_version(&draft, 60_000).unwrap(), "{name}: a version after the clock moved");
        assert!(!storage.keep_version(&draft, 60_000).unwrap(), "{name}: not again at once");
        let newest = storage.versions("history")[0].key.clone();
        assert_eq!(storage.load_key(&newest).unwrap().meta.region, name, "{name}: listed first");
    }
    // An interval later (by the wrong clock), the next one.
    shift_clock(-YEARS + 61_000.0);
    draft.meta.region = "一分钟后".into();
    assert!(storage.keep_version(&draft, 60_000).unwrap());
    assert_eq!(storage.load_key(&storage.versions("history")[0].key).unwrap().meta.region, "一分钟后");
    shift_clock(0.0);
}
