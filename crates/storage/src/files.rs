//! 佐证材料's files in IndexedDB (`lvzhi-files`), through the `idb` crate: each file once, by its
//! SHA-256 (the same file attached to two rows, or to two drafts, is stored once), as the
//! browser's own `Blob` — IndexedDB keeps it on disk and hands it back without its bytes ever
//! passing through the wasm memory. Drafts refer to files by that hash (`EvidenceFile`), so a draft
//! stays small in localStorage.
//!
//! A file taken off a row goes to the 回收站 (`removed`): a record of where it was, the file kept,
//! so restoring puts it back under the same row. Files no draft and no 回收站 entry refers to are
//! only deleted when the user empties the space (`delete`), never as a side effect.
//!
//! Room: `estimate` says how much the origin uses and may use; `put` refuses a file that would not
//! fit before anything is written (`StorageError::NoRoom`), and a write the browser refuses all the
//! same leaves everything stored before as it was (one file, one transaction).

use crate::StorageError;
use idb::builder::{DatabaseBuilder, ObjectStoreBuilder};
use idb::{Database, TransactionMode, TransactionResult};
use lvzhi_core::draft::{Evidence, EvidenceFile};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const DATABASE: &str = "lvzhi-files";
const FILES: &str = "files";
const REMOVED: &str = "removed";

/// The files' database, open.
#[derive(Clone, Debug)]
pub struct FileStore {
    database: Rc<Database>,
}

/// What `put` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    New,
    /// The same content was stored already (another row, another draft): nothing written.
    AlreadyKept,
}

/// A file taken off a row, in the 回收站.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemovedFile {
    /// Unique: `draft id / row code / sha256 / time`.
    pub id: String,
    pub draft_id: String,
    pub row_code: String,
    /// The 佐证材料 entry it was under (title, 文号, 提供单位; no files).
    pub evidence: Evidence,
    pub file: EvidenceFile,
    /// ISO 8601.
    pub removed_at: String,
}

/// How much the origin stores and may store, as the browser estimates it (bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Room {
    pub usage: u64,
    pub quota: u64,
}

impl Room {
    pub fn free(&self) -> u64 {
        self.quota.saturating_sub(self.usage)
    }
}

fn failed(error: idb::Error) -> StorageError {
    match error {
        idb::Error::DomException(exception) if exception.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        idb::Error::DomException(exception) => {
            StorageError::Browser { name: exception.name(), message: exception.message() }
        }
        other => StorageError::Browser { name: "IndexedDB".into(), message: other.to_string() },
    }
}

impl FileStore {
    /// Opens (or makes) the database; `Unavailable` where IndexedDB cannot be used.
    pub async fn open() -> Result<FileStore, StorageError> {
        let database = DatabaseBuilder::new(DATABASE)
            .version(1)
            .add_object_store(ObjectStoreBuilder::new(FILES))
            .add_object_store(ObjectStoreBuilder::new(REMOVED))
            .build()
            .await
            .map_err(|_| StorageError::Unavailable)?;
        Ok(FileStore { database: Rc::new(database) })
    }

    /// Whether a file of this content is stored.
    pub async fn has(&self, sha256: &str) -> Result<bool, StorageError> {
        let transaction = self.database.transaction(&[FILES], TransactionMode::ReadOnly).map_err(failed)?;
        let store = transaction.object_store(FILES).map_err(failed)?;
        let count = store.count(Some(JsValue::from_str(sha256).into())).map_err(failed)?.await.map_err(failed)?;
        Ok(count > 0)
    }

    /// Stores `blob` under its hash unless a file of that content is there. A file the browser
    /// says would not fit is refused first (`NoRoom`); a write refused all the same changes
    /// nothing else.
    pub async fn put(&self, sha256: &str, blob: &web_sys::Blob) -> Result<Stored, StorageError> {
        if self.has(sha256).await? {
            return Ok(Stored::AlreadyKept);
        }
        self.put_within(sha256, blob, estimate().await).await
    }

    /// `put` against a known `room` (`None`: the browser does not say; the write decides).
    pub async fn put_within(
        &self,
        sha256: &str,
        blob: &web_sys::Blob,
        room: Option<Room>,
    ) -> Result<Stored, StorageError> {
        let size = blob.size() as u64;
        if let Some(room) = room {
            // What the browser will also spend around it: a few kilobytes of index and record.
            if size + 64 * 1024 > room.free() {
                return Err(StorageError::NoRoom { bytes: size, free: room.free() });
            }
        }
        let transaction = self.database.transaction(&[FILES], TransactionMode::ReadWrite).map_err(failed)?;
        let store = transaction.object_store(FILES).map_err(failed)?;
        store.put(blob, Some(&JsValue::from_str(sha256))).map_err(failed)?.await.map_err(failed)?;
        match transaction.commit().map_err(failed)?.await.map_err(failed)? {
            TransactionResult::Committed => Ok(Stored::New),
            TransactionResult::Aborted => Err(StorageError::QuotaExceeded),
        }
    }

    /// The stored file of this content.
    pub async fn get(&self, sha256: &str) -> Result<Option<web_sys::Blob>, StorageError> {
        let transaction = self.database.transaction(&[FILES], TransactionMode::ReadOnly).map_err(failed)?;
        let store = transaction.object_store(FILES).map_err(failed)?;
        let value = store.get(JsValue::from_str(sha256)).map_err(failed)?.await.map_err(failed)?;
        Ok(value.and_then(|value| value.dyn_into::<web_sys::Blob>().ok()))
    }

    /// The hashes of every stored file.
    pub async fn keys(&self) -> Result<Vec<String>, StorageError> {
        let transaction = self.database.transaction(&[FILES], TransactionMode::ReadOnly).map_err(failed)?;
        let store = transaction.object_store(FILES).map_err(failed)?;
        let keys = store.get_all_keys(None, None).map_err(failed)?.await.map_err(failed)?;
        Ok(keys.into_iter().filter_map(|key| key.as_string()).collect())
    }

    /// Deletes a stored file (the caller has made sure nothing refers to it).
    pub async fn delete(&self, sha256: &str) -> Result<(), StorageError> {
        let transaction = self.database.transaction(&[FILES], TransactionMode::ReadWrite).map_err(failed)?;
        let store = transaction.object_store(FILES).map_err(failed)?;
        store.delete(JsValue::from_str(sha256)).map_err(failed)?.await.map_err(failed)?;
        transaction.commit().map_err(failed)?.await.map_err(failed)?;
        Ok(())
    }

    /// Puts a file taken off a row into the 回收站 (the file itself stays stored).
    pub async fn remember_removed(&self, removed: &RemovedFile) -> Result<(), StorageError> {
        let text = serde_json::to_string(removed).expect("a record serializes");
        let transaction = self.database.transaction(&[REMOVED], TransactionMode::ReadWrite).map_err(failed)?;
        let store = transaction.object_store(REMOVED).map_err(failed)?;
        store
            .put(&JsValue::from_str(&text), Some(&JsValue::from_str(&removed.id)))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        match transaction.commit().map_err(failed)?.await.map_err(failed)? {
            TransactionResult::Committed => Ok(()),
            TransactionResult::Aborted => Err(StorageError::QuotaExceeded),
        }
    }

    /// The 回收站's files of a draft, the last removed first.
    pub async fn removed(&self, draft_id: &str) -> Result<Vec<RemovedFile>, StorageError> {
        let transaction = self.database.transaction(&[REMOVED], TransactionMode::ReadOnly).map_err(failed)?;
        let store = transaction.object_store(REMOVED).map_err(failed)?;
        let values = store.get_all(None, None).map_err(failed)?.await.map_err(failed)?;
        let mut removed: Vec<RemovedFile> = values
            .into_iter()
            .filter_map(|value| serde_json::from_str::<RemovedFile>(&value.as_string()?).ok())
            .filter(|removed| removed.draft_id == draft_id)
            .collect();
        lvzhi_core::small_sort::sort_small_by(&mut removed, |a, b| b.removed_at.cmp(&a.removed_at));
        Ok(removed)
    }

    /// Takes a record out of the 回收站 (restored, or emptied).
    pub async fn forget_removed(&self, id: &str) -> Result<(), StorageError> {
        let transaction = self.database.transaction(&[REMOVED], TransactionMode::ReadWrite).map_err(failed)?;
        let store = transaction.object_store(REMOVED).map_err(failed)?;
        store.delete(JsValue::from_str(id)).map_err(failed)?.await.map_err(failed)?;
        transaction.commit().map_err(failed)?.await.map_err(failed)?;
        Ok(())
    }
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Missing in old browsers and some private windows: read as a property, not assumed.
    js_sys::Reflect::get(&navigator, &"storage".into()).ok().filter(|value| !value.is_undefined())?;
    Some(navigator.storage())
}

/// How much the origin stores and may store (`navigator.storage.estimate`); `None` where the
/// browser does not say.
pub async fn estimate() -> Option<Room> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some(Room { usage: estimate.get_usage()? as u64, quota: estimate.get_quota()? as u64 })
}

/// Whether the origin's storage is persistent (not cleared under pressure); `None` where unknown.
pub async fn persisted() -> Option<bool> {
    let promise = storage_manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to keep the origin's storage (`navigator.storage.persist`); its answer.
pub async fn ask_persist() -> Option<bool> {
    let promise = storage_manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
