//! Drafts in the browser's localStorage, through gloo-storage; a durable copy of each autosave in
//! IndexedDB (`durable`: the journal and start-up's recovery); what takes the room (`space`); the
//! 汇总's collections in IndexedDB (`shelf`: hundreds of drafts do not fit in localStorage).
//!
//! Invariant: nothing here deletes or overwrites an entry it could not read, or one another
//! window wrote since this one last saw it; every failure comes back as a [`StorageError`] with a
//! message for the user, never swallowed. Each write is one `setItem`, which lands whole or not
//! at all, so the previous state stays readable whatever fails.
//!
//! Keys: `lvzhi/draft/<id>` (a draft), `lvzhi/last-draft` (the id to open), `lvzhi/version/<id>/<n>`
//! (earlier versions; `lvzhi/version-clock/<id>` the clock's time when the last was kept),
//! `lvzhi/trash/<id>/<n>` (deleted drafts), `lvzhi/backup/<id>/<n>` (a draft as it was before
//! something replaced it), `lvzhi/sent/<id>/<n>` (draft files sent), `lvzhi/corrupt/<id>/<ms>`
//! (unreadable entries set aside), `lvzhi/framework/<id>` (a kept framework file),
//! `lvzhi/framework-edit/<id>` (the framework editor's working copy),
//! `lvzhi/framework-trash/<id>/<ms>` (deleted frameworks), `lvzhi/last-collection` (the 汇总 open last). `<n>` is the time in ms, or one more
//! than the newest entry's when the PC's clock says earlier (`next_in_sequence`): entries sort in
//! the order they were made whatever the clock does, and bounding them never drops the newest.

mod catalogue;
mod durable;
mod files;
mod idb;
mod shelf;
mod space;

pub use catalogue::{StorageUsage, StoredEntry, TrashEntry, VersionInfo, QUOTA_BYTES, VERSIONS_KEPT};
pub use durable::{text_hash, Journal, JournalEntry, Recovery};
pub use files::{ask_persist, estimate, persisted, FileStore, RemovedFile, Room, Stored};
pub use shelf::Shelf;
pub use space::{SpaceKind, SpacePart};

use gloo_storage::{LocalStorage, Storage};
use lvzhi_core::draft::DraftReadError;
use lvzhi_core::Draft;
use std::fmt;

/// Key naming the draft that was open last.
pub const LAST_OPENED_KEY: &str = "lvzhi/last-draft";

/// Key naming the 汇总 collection that was open last (the collections are in IndexedDB: `shelf`).
pub const LAST_COLLECTION_KEY: &str = "lvzhi/last-collection";

/// The prefix of every draft's key.
pub const DRAFT_PREFIX: &str = "lvzhi/draft/";

/// Key under which a draft is stored.
pub fn draft_key(draft_id: &str) -> String {
    format!("{DRAFT_PREFIX}{draft_id}")
}

/// The draft id a draft's key holds.
pub fn draft_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(DRAFT_PREFIX)
}

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// localStorage is disabled or absent (private mode, policy); drafts live in memory only.
    Unavailable,
    /// The origin's storage is full.
    QuotaExceeded,
    /// One entry too large to store, refused by a storage far from full (a huge paste): not 已满.
    TooLarge { bytes: u64, used_bytes: u64 },
    /// Any other failure the browser reported.
    Browser { name: String, message: String },
    /// A stored draft does not parse. It is left where it is, untouched.
    Corrupt { key: String, reason: DraftReadError },
    /// Another window saved this draft since this one last read or wrote it; nothing was written.
    ChangedElsewhere,
    /// Written to localStorage, but its durable copy (IndexedDB, `durable`) could not be written:
    /// a full disk, or the browser's storage failing — the save may not survive a crash.
    NotDurable,
    /// A new draft's id is taken by a stored draft; nothing was written.
    AlreadyExists { draft_id: String },
    /// A file (佐证材料) larger than the room the browser has left; nothing was written.
    NoRoom { bytes: u64, free: u64 },
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
            StorageError::TooLarge { bytes, used_bytes } => write!(
                f,
                "要保存的内容约{}，超过了浏览器本地存储能容纳的大小（共约{}，已用{}）：存储并未满，是这份内容过大，常见原因是误粘贴了大段文字或整张表格。最近的修改未能保存，之前保存的内容仍在；请删去过大的内容，或先导出草稿文件。",
                megabytes(*bytes),
                megabytes(QUOTA_BYTES),
                megabytes(*used_bytes)
            ),
            // The browser's own message is English: say what it means instead.
            StorageError::Browser { name, .. } => f.write_str(match name.as_str() {
                "SecurityError" => "浏览器的安全或隐私设置禁止网页使用本地存储，操作未完成。",
                "NotFound" => "要读取的内容已不在本地存储中（可能已在另一个窗口中删除）。",
                "InvalidStateError" => "浏览器的本地存储暂时不可用，操作未完成，请稍后再试。",
                _ => "浏览器未能完成本地存储操作，操作未完成。",
            }),
            StorageError::Corrupt { key, reason } => write!(
                f,
                "草稿（存储键 {key}）无法读取：{reason}。原内容已原样保留，未被覆盖，可在“草稿管理”中导出原始内容。"
            ),
            StorageError::NoRoom { bytes, free } => write!(
                f,
                "文件约{}，浏览器为本网页留下的空间只剩约{}，放不下：文件未保存，草稿和其他文件不受影响。可先导出佐证材料包并删去不再需要的文件，或在存储空间中申请持久保存。",
                megabytes(*bytes),
                megabytes(*free)
            ),
            StorageError::NotDurable => write!(
                f,
                "最近的修改已交给浏览器，但未能写入磁盘（磁盘可能已满，或浏览器的存储出错），浏览器关闭或崩溃后可能丢失。请先导出草稿文件，再腾出磁盘空间。"
            ),
            StorageError::ChangedElsewhere => write!(
                f,
                "这份草稿在另一个窗口中也被修改并保存了。为免互相覆盖，本窗口暂停了自动保存，请选择如何处理。"
            ),
            StorageError::AlreadyExists { draft_id } => write!(
                f,
                "本浏览器中已有编号相同的草稿（{draft_id}），为免覆盖，未写入。"
            ),
        }
    }
}

impl std::error::Error for StorageError {}

/// Bytes as the user reads them: "5.2 MB", "860 KB".
fn megabytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Milliseconds since the epoch, as the PC's clock says (which may be wrong, and may be set back).
pub(crate) fn now_ms() -> u64 {
    js_sys::Date::now() as u64
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

    // Every write of a draft compares first: a new draft is written only where none is, a stored
    // one only over the text the caller last saw. There is no unchecked write of a draft.

    /// Writes a new draft (refused when a draft with its id exists) and marks it as the one to
    /// open next time. Returns the text written.
    pub fn create(&self, draft: &Draft) -> Result<String, StorageError> {
        let text = self.write_checked(draft, None)?;
        self.set_last(&draft.id)?;
        Ok(text)
    }

    /// Writes a new draft beside the open one (a copy, a draft restored from a backup), without
    /// changing which one opens next; refused when a draft with its id exists.
    pub fn add(&self, draft: &Draft) -> Result<String, StorageError> {
        self.write_checked(draft, None)
    }

    /// Writes the draft only if its stored entry is still `expected` (the text this window last
    /// wrote or read; `None`: there was none), and marks it as the one to open next. Returns the
    /// text written, for the next call.
    pub fn save_checked(&self, draft: &Draft, expected: Option<&str>) -> Result<String, StorageError> {
        let text = self.write_checked(draft, expected)?;
        self.set_last(&draft.id)?;
        Ok(text)
    }

    /// As `save_checked`, without changing which draft opens next (a draft renamed in the list).
    pub fn store_checked(&self, draft: &Draft, expected: Option<&str>) -> Result<String, StorageError> {
        self.write_checked(draft, expected)
    }

    fn write_checked(&self, draft: &Draft, expected: Option<&str>) -> Result<String, StorageError> {
        let key = draft_key(&draft.id);
        let stored = self.raw_get(&key)?;
        if stored.as_deref() != expected {
            return Err(match (expected, stored) {
                (None, Some(_)) => StorageError::AlreadyExists { draft_id: draft.id.clone() },
                _ => StorageError::ChangedElsewhere,
            });
        }
        let text = draft.to_json();
        self.raw_set(&key, &text)?;
        Ok(text)
    }

    pub fn set_last(&self, draft_id: &str) -> Result<(), StorageError> {
        self.raw_set(LAST_OPENED_KEY, draft_id)
    }

    /// The number of the next entry under `prefix` (`lvzhi/backup/<id>/`…): the time in ms, or one
    /// more than the newest entry's when the clock says earlier (set back, or ahead before and
    /// corrected since). Entries sort by it, newest last, whatever the clock does; with a sane clock
    /// it is the time.
    pub(crate) fn next_in_sequence(&self, prefix: &str) -> u64 {
        let newest =
            self.keys_with_prefix(prefix).iter().filter_map(|key| key.strip_prefix(prefix)?.parse::<u64>().ok()).max();
        newest.map_or(now_ms(), |newest| now_ms().max(newest + 1))
    }

    /// Keeps a copy of the draft under a backup key (`lvzhi/backup/<id>/<n>`), before it is
    /// replaced. Returns the key. The newest `VERSIONS_KEPT` backups of a draft are kept, by the
    /// order they were made in (never by the clock): the one just made is never the one dropped.
    pub fn save_backup(&self, draft: &Draft) -> Result<String, StorageError> {
        let prefix = format!("lvzhi/backup/{}/", draft.id);
        let key = format!("{prefix}{}", self.next_in_sequence(&prefix));
        self.raw_set(&key, &draft.to_json())?;
        for old in self.backups(&draft.id).iter().skip(VERSIONS_KEPT) {
            self.raw_remove(&old.key)?;
        }
        Ok(key)
    }

    /// The draft that was open last, if any.
    pub fn load_last(&self) -> Result<Option<Draft>, StorageError> {
        let Some(draft_id) = self.raw_get(LAST_OPENED_KEY)? else { return Ok(None) };
        self.load(&draft_id)
    }

    /// The name of the 汇总 collection open last.
    pub fn last_collection(&self) -> Option<String> {
        self.raw_get(LAST_COLLECTION_KEY).ok().flatten()
    }

    /// Remembers the 汇总 collection open now (a failure only means 汇总 opens another next time).
    pub fn remember_collection(&self, name: &str) {
        let _ = self.raw_set(LAST_COLLECTION_KEY, name);
    }

    /// One draft by id; `Ok(None)` when no such entry exists.
    pub fn load(&self, draft_id: &str) -> Result<Option<Draft>, StorageError> {
        let key = draft_key(draft_id);
        let Some(raw) = self.raw_get(&key)? else { return Ok(None) };
        Draft::from_json(&raw).map(Some).map_err(|reason| StorageError::Corrupt { key, reason })
    }

    /// Whether any draft is stored here (read or not): none means the app is opened for the first
    /// time in this browser (or every draft was deleted), and starts on its start page.
    pub fn has_any_draft(&self) -> bool {
        !self.keys_with_prefix(DRAFT_PREFIX).is_empty()
    }

    /// The text stored under `key`, exactly.
    pub fn raw_get(&self, key: &str) -> Result<Option<String>, StorageError> {
        LocalStorage::raw().get_item(key).map_err(|error| js_failure(&error))
    }

    pub(crate) fn raw_set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        LocalStorage::raw().set_item(key, value).map_err(|error| match js_failure(&error) {
            // A refusal for room is "full" only when the storage is: one huge entry into a storage
            // mostly empty is that entry's size, and clearing space would not help.
            StorageError::QuotaExceeded => {
                let bytes = entry_bytes(key, value);
                let used_bytes = self.usage().used_bytes;
                if used_bytes < QUOTA_BYTES / 2 {
                    StorageError::TooLarge { bytes, used_bytes }
                } else {
                    StorageError::QuotaExceeded
                }
            }
            other => other,
        })
    }

    pub(crate) fn raw_remove(&self, key: &str) -> Result<(), StorageError> {
        LocalStorage::raw().remove_item(key).map_err(|error| js_failure(&error))
    }

    /// Every key of this origin that starts with `prefix`.
    pub(crate) fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let storage = LocalStorage::raw();
        let count = storage.length().unwrap_or(0);
        (0..count).filter_map(|index| storage.key(index).ok().flatten()).filter(|key| key.starts_with(prefix)).collect()
    }
}

/// The room one entry takes, as browsers count their quota: key and value in UTF-16.
pub(crate) fn entry_bytes(key: &str, value: &str) -> u64 {
    2 * (key.encode_utf16().count() + value.encode_utf16().count()) as u64
}

fn js_failure(error: &wasm_bindgen::JsValue) -> StorageError {
    let name = js_sys::Reflect::get(error, &"name".into()).ok().and_then(|name| name.as_string()).unwrap_or_default();
    let message =
        js_sys::Reflect::get(error, &"message".into()).ok().and_then(|message| message.as_string()).unwrap_or_default();
    // Firefox before 140 names it NS_ERROR_DOM_QUOTA_REACHED.
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::QuotaExceeded
    } else {
        StorageError::Browser { name, message }
    }
}
