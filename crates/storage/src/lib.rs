//! Drafts in the browser's localStorage, through gloo-storage.
//!
//! Invariant: nothing here deletes or overwrites an entry it could not read; every failure comes
//! back as a [`StorageError`] with a message for the user, never swallowed.

use gloo_storage::{LocalStorage, Storage};
use lvzhi_core::draft::DraftReadError;
use lvzhi_core::Draft;
use std::fmt;

/// Key naming the draft that was open last.
pub const LAST_OPENED_KEY: &str = "lvzhi/last-draft";

/// Key under which a draft is stored.
pub fn draft_key(draft_id: &str) -> String {
    format!("lvzhi/draft/{draft_id}")
}

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// localStorage is disabled or absent (private mode, policy); drafts live in memory only.
    Unavailable,
    /// The origin's storage is full.
    QuotaExceeded,
    /// Any other failure the browser reported.
    Browser { name: String, message: String },
    /// A stored draft does not parse. It is left where it is, untouched.
    Corrupt { key: String, reason: DraftReadError },
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => write!(
                f,
                "浏览器的本地存储不可用（可能处于无痕模式或被禁用），草稿只保存在本页面中，关闭或刷新后会丢失。请及时导出。"
            ),
            StorageError::QuotaExceeded => write!(
                f,
                "浏览器本地存储已满，最近的修改未能保存。请勿关闭页面，先导出草稿，再清理存储空间。"
            ),
            StorageError::Browser { name, message } => write!(f, "保存失败（{name}）：{message}"),
            StorageError::Corrupt { key, reason } => write!(
                f,
                "上次打开的草稿（存储键 {key}）无法读取：{reason}。原内容已原样保留，未被覆盖；已为您新建一份草稿。"
            ),
        }
    }
}

impl std::error::Error for StorageError {}

fn from_gloo(error: gloo_storage::errors::StorageError) -> StorageError {
    match error {
        gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => StorageError::QuotaExceeded,
        gloo_storage::errors::StorageError::JsError(js) => StorageError::Browser { name: js.name, message: js.message },
        other => StorageError::Browser { name: "Error".into(), message: other.to_string() },
    }
}

/// Access to drafts in localStorage. Holding one means localStorage was usable at start-up.
#[derive(Clone, Copy, Debug)]
pub struct DraftStorage {
    _checked: (),
}

impl DraftStorage {
    /// Checks once that localStorage exists: gloo-storage panics when it does not.
    pub fn open() -> Result<DraftStorage, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(DraftStorage { _checked: () }),
            _ => Err(StorageError::Unavailable),
        }
    }

    /// Writes the draft, then marks it as the one to open next time.
    pub fn save(&self, draft: &Draft) -> Result<(), StorageError> {
        LocalStorage::set(draft_key(&draft.id), draft).map_err(from_gloo)?;
        self.raw_set(LAST_OPENED_KEY, &draft.id)
    }

    /// Keeps a copy of the draft under a backup key (`lvzhi/backup/<id>/<time>`), before it is replaced.
    /// Returns the key.
    pub fn save_backup(&self, draft: &Draft) -> Result<String, StorageError> {
        let key = format!("lvzhi/backup/{}/{}", draft.id, js_sys::Date::now() as u64);
        self.raw_set(&key, &draft.to_json())?;
        Ok(key)
    }

    /// The draft that was open last, if any.
    pub fn load_last(&self) -> Result<Option<Draft>, StorageError> {
        let Some(draft_id) = self.raw_get(LAST_OPENED_KEY)? else { return Ok(None) };
        self.load(&draft_id)
    }

    /// One draft by id; `Ok(None)` when no such entry exists.
    pub fn load(&self, draft_id: &str) -> Result<Option<Draft>, StorageError> {
        let key = draft_key(draft_id);
        let Some(raw) = self.raw_get(&key)? else { return Ok(None) };
        Draft::from_json(&raw).map(Some).map_err(|reason| StorageError::Corrupt { key, reason })
    }

    /// The text stored under `key`, exactly.
    pub fn raw_get(&self, key: &str) -> Result<Option<String>, StorageError> {
        LocalStorage::raw().get_item(key).map_err(|error| js_failure(&error))
    }

    fn raw_set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        LocalStorage::raw().set_item(key, value).map_err(|error| js_failure(&error))
    }
}

fn js_failure(error: &wasm_bindgen::JsValue) -> StorageError {
    let name = js_sys::Reflect::get(error, &"name".into()).ok().and_then(|name| name.as_string()).unwrap_or_default();
    let message =
        js_sys::Reflect::get(error, &"message".into()).ok().and_then(|message| message.as_string()).unwrap_or_default();
    if name == "QuotaExceededError" {
        StorageError::QuotaExceeded
    } else {
        StorageError::Browser { name, message }
    }
}

/// A stored draft as listed for the user to switch to.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredDraftSummary {
    pub id: String,
    pub region: String,
    pub year: String,
    pub updated_at: String,
}

impl DraftStorage {
    /// Every draft stored on this origin that can be read, newest first. Entries that do not parse
    /// are left out here (and left alone).
    pub fn list_drafts(&self) -> Vec<StoredDraftSummary> {
        let storage = LocalStorage::raw();
        let count = storage.length().unwrap_or(0);
        let mut drafts: Vec<StoredDraftSummary> = (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter_map(|key| key.strip_prefix("lvzhi/draft/").map(str::to_owned))
            .filter_map(|id| self.load(&id).ok().flatten())
            .map(|draft| StoredDraftSummary {
                id: draft.id,
                region: draft.meta.region,
                year: draft.meta.year,
                updated_at: draft.updated_at,
            })
            .collect();
        drafts.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        drafts
    }
}
