//! The 汇总's collections, kept by name in IndexedDB (`lvzhi-collections`): a province compares
//! hundreds of drafts, far more than localStorage's few megabytes hold. Each collection is one
//! value (its JSON text), written in a strict transaction: the whole collection or nothing.
//!
//! A write refused for room is `StorageError::QuotaExceeded`; nothing of the previous copy is lost
//! (the transaction is all or nothing). Where IndexedDB is missing (some private windows), opening
//! says `Unavailable` and the page keeps its collection in memory, saying so.

use crate::idb::{call, committed, open_database, result_of, transaction};
use crate::StorageError;
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

const DATABASE: &str = "lvzhi-collections";
const STORE: &str = "collections";
const OPEN_TIMEOUT_MS: i32 = 5_000;

/// The collections' database, open.
#[derive(Clone, Debug)]
pub struct Shelf {
    database: JsValue,
}

impl Shelf {
    pub async fn open() -> Result<Shelf, StorageError> {
        let database = open_database(DATABASE, STORE, OPEN_TIMEOUT_MS).await.ok_or(StorageError::Unavailable)?;
        Ok(Shelf { database })
    }

    /// The names of the kept collections, sorted.
    pub async fn names(&self) -> Result<Vec<String>, StorageError> {
        let (_, store) = transaction(&self.database, STORE, "readonly").ok_or_else(failed)?;
        let request = call(&store, "getAllKeys", &[]).ok_or_else(failed)?;
        let keys = result_of(request).await.ok_or_else(failed)?;
        let mut names: Vec<String> = Array::from(&keys).iter().filter_map(|key| key.as_string()).collect();
        lvzhi_core::small_sort::sort_small_by(&mut names, |a, b| a.cmp(b));
        Ok(names)
    }

    /// A kept collection's text.
    pub async fn load(&self, name: &str) -> Result<Option<String>, StorageError> {
        let (_, store) = transaction(&self.database, STORE, "readonly").ok_or_else(failed)?;
        let request = call(&store, "get", &[name.into()]).ok_or_else(failed)?;
        let value = result_of(request).await.ok_or_else(failed)?;
        Ok(value.as_string())
    }

    /// Keeps `text` under `name`, replacing what was there; done once it is on disk.
    pub async fn save(&self, name: &str, text: &str) -> Result<(), StorageError> {
        let (transaction, store) = transaction(&self.database, STORE, "readwrite").ok_or_else(failed)?;
        call(&store, "put", &[text.into(), name.into()]).ok_or_else(failed)?;
        if committed(&transaction).await {
            Ok(())
        } else {
            Err(error_of(&transaction))
        }
    }

    pub async fn delete(&self, name: &str) -> Result<(), StorageError> {
        let (transaction, store) = transaction(&self.database, STORE, "readwrite").ok_or_else(failed)?;
        call(&store, "delete", &[name.into()]).ok_or_else(failed)?;
        if committed(&transaction).await {
            Ok(())
        } else {
            Err(error_of(&transaction))
        }
    }
}

fn failed() -> StorageError {
    StorageError::Browser { name: "IndexedDB".to_owned(), message: "请求未能完成".to_owned() }
}

/// Why a transaction failed: its `error`'s name (a full disk is `QuotaExceededError`).
fn error_of(transaction: &JsValue) -> StorageError {
    let error = Reflect::get(transaction, &"error".into()).unwrap_or(JsValue::NULL);
    let field = |name: &str| Reflect::get(&error, &name.into()).ok().and_then(|value| value.as_string());
    match field("name").as_deref() {
        Some("QuotaExceededError") => StorageError::QuotaExceeded,
        Some(name) => StorageError::Browser { name: name.to_owned(), message: field("message").unwrap_or_default() },
        None => failed(),
    }
}
