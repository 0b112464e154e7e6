//! 佐证材料's files against real IndexedDB in headless Chromium: stored once by content, read back
//! byte for byte, the 回收站's records, deletion, and a file refused for room before anything is
//! written — the files stored before it untouched.

use lvzhi_core::draft::{Evidence, EvidenceFile};
use lvzhi_storage::{estimate, FileStore, RemovedFile, Room, StorageError, Stored};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn blob(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap()
}

async fn bytes_of(blob: &web_sys::Blob) -> Vec<u8> {
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer.unchecked_into()).to_vec()
}

#[wasm_bindgen_test]
async fn a_file_is_stored_once_by_content_and_read_back_byte_for_byte() {
    let store = FileStore::open().await.expect("IndexedDB is available in Chromium");
    let content: Vec<u8> = (0..200_000u32).map(|index| (index * 7 % 251) as u8).collect();
    let hash = "1".repeat(64);
    assert!(!store.has(&hash).await.unwrap());
    assert_eq!(store.put(&hash, &blob(&content)).await.unwrap(), Stored::New);
    // Attached again (another row, another draft): not stored twice.
    assert_eq!(store.put(&hash, &blob(&content)).await.unwrap(), Stored::AlreadyKept);
    assert_eq!(store.keys().await.unwrap().iter().filter(|key| **key == hash).count(), 1);
    let reopened = FileStore::open().await.unwrap();
    let kept = reopened.get(&hash).await.unwrap().expect("kept");
    assert_eq!(bytes_of(&kept).await, content);
    reopened.delete(&hash).await.unwrap();
    assert!(reopened.get(&hash).await.unwrap().is_none());
    assert!(estimate().await.is_some_and(|room| room.quota > 0), "Chromium says how much room there is");
}

#[wasm_bindgen_test]
async fn a_file_that_would_not_fit_is_refused_before_anything_is_written() {
    let store = FileStore::open().await.unwrap();
    let kept_hash = "2".repeat(64);
    store.put(&kept_hash, &blob(b"an earlier file")).await.unwrap();
    let refused_hash = "3".repeat(64);
    let large = vec![7u8; 300_000];
    let room = Room { usage: 1_000_000, quota: 1_200_000 };
    let error = store.put_within(&refused_hash, &blob(&large), Some(room)).await.unwrap_err();
    assert_eq!(error, StorageError::NoRoom { bytes: 300_000, free: 200_000 });
    assert!(error.to_string().contains("文件未保存") && !error.to_string().contains("Error"));
    assert!(!store.has(&refused_hash).await.unwrap(), "nothing written");
    assert_eq!(bytes_of(&store.get(&kept_hash).await.unwrap().unwrap()).await, b"an earlier file");
    store.delete(&kept_hash).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_file_taken_off_a_row_waits_in_the_bin_until_restored() {
    let store = FileStore::open().await.unwrap();
    let file = EvidenceFile {
        sha256: "4".repeat(64),
        name: "会议纪要.pdf".into(),
        size: 3,
        crc32: 1,
        media_type: String::new(),
    };
    let removed = |id: &str, at: &str| RemovedFile {
        id: id.into(),
        draft_id: "draft-bin".into(),
        row_code: "A1.1.1".into(),
        evidence: Evidence { title: "会议纪要".into(), ..Evidence::default() },
        file: file.clone(),
        removed_at: at.into(),
    };
    store.remember_removed(&removed("a", "2026-03-01T00:00:00Z")).await.unwrap();
    store.remember_removed(&removed("b", "2026-03-02T00:00:00Z")).await.unwrap();
    let listed = store.removed("draft-bin").await.unwrap();
    assert_eq!(
        listed.iter().map(|record| record.id.as_str()).collect::<Vec<_>>(),
        ["b", "a"],
        "the last removed first"
    );
    assert_eq!(listed[0].file, file);
    assert!(store.removed("another-draft").await.unwrap().is_empty());
    store.forget_removed("a").await.unwrap();
    store.forget_removed("b").await.unwrap();
    assert!(store.removed("draft-bin").await.unwrap().is_empty());
}
