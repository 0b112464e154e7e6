//! The 汇总 shelf against real IndexedDB in headless Chromium: collections kept by name, read
//! back whole, replaced, deleted; a collection far larger than localStorage could hold.

use lvzhi_core::collection::{Collection, Unit};
use lvzhi_core::{Draft, Framework};
use lvzhi_storage::Shelf;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A collection of `count` units of the scored example, each with a narrative of `repeats`
/// sentences.
fn collection(name: &str, count: usize, repeats: usize) -> Collection {
    let framework = Framework::scored_example();
    let mut collection = Collection::new(name);
    for index in 0..count {
        let mut draft = Draft::new(&framework, format!("d{index}"), "2026-03-01T10:00:00".into());
        draft.meta.unit = format!("第{index}县人民政府");
        let text = "全面落实立德树人根本任务，“双减”成效明显。😀".repeat(repeats);
        draft.items.insert("A1.1".into(), lvzhi_core::ItemEntry { narrative: text, ..Default::default() });
        collection.add(Unit { file_name: format!("{index}.json"), draft });
    }
    collection.add_framework(framework);
    collection
}

#[wasm_bindgen_test]
async fn collections_are_kept_by_name_read_back_whole_and_deleted() {
    let shelf = Shelf::open().await.expect("IndexedDB is available in Chromium");
    let first = collection("2025年县级自评汇总", 3, 10);
    shelf.save(&first.name, &first.to_json()).await.unwrap();
    let second = collection("另一份汇总", 1, 10);
    shelf.save(&second.name, &second.to_json()).await.unwrap();
    let reopened = Shelf::open().await.unwrap();
    let names = reopened.names().await.unwrap();
    assert!(names.contains(&first.name) && names.contains(&second.name), "{names:?}");
    let text = reopened.load(&first.name).await.unwrap().expect("kept");
    assert_eq!(Collection::from_json(&text).unwrap(), first);
    // Saved again under its name: replaced, not added.
    let bigger = collection("2025年县级自评汇总", 4, 10);
    reopened.save(&bigger.name, &bigger.to_json()).await.unwrap();
    let text = reopened.load(&bigger.name).await.unwrap().unwrap();
    assert_eq!(Collection::from_json(&text).unwrap().units.len(), 4);
    reopened.delete(&second.name).await.unwrap();
    assert_eq!(reopened.load(&second.name).await.unwrap(), None);
    assert!(!reopened.names().await.unwrap().contains(&second.name));
    reopened.delete(&first.name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_collection_larger_than_local_storage_is_kept() {
    // 200 units of about 30 000 characters each: beyond the 5 million characters localStorage
    // holds for a site in all.
    let large = collection("全省汇总", 200, 1200);
    let text = large.to_json();
    assert!(text.chars().count() > 5_500_000, "{}", text.chars().count());
    let shelf = Shelf::open().await.unwrap();
    shelf.save(&large.name, &text).await.unwrap();
    assert_eq!(shelf.load(&large.name).await.unwrap().map(|kept| kept.len()), Some(text.len()));
    shelf.delete(&large.name).await.unwrap();
}
