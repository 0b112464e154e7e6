//! A durable copy of each draft's last autosave, in IndexedDB, so that 已保存 survives a crash.
//!
//! Why: Chromium writes localStorage to disk late — 5 s after a change at first, then at most once a
//! minute (its commit rate limit) — so a browser killed, or a PC losing power, up to a minute after
//! 已保存 lost those edits (BENCHMARKS.md, "The crash window"). An IndexedDB transaction opened with
//! `durability: "strict"` is on disk when it completes; the header says 已保存 only then.
//!
//! Each draft has one journal entry: the text last autosaved, and the hashes of the stored texts
//! it replaced since the draft was last written by anything else (its *chain*). At start-up,
//! before any draft is read, [`DraftStorage::recover`] puts an entry's text back into localStorage
//! when localStorage holds one of those replaced texts — a save that did not reach the disk — or
//! holds nothing under its key: a draft made shortly before the crash, whose creation was lost with
//! its saves (a deleted draft's entry is removed with it, so only a crash between the two can bring
//! one back, and then nothing is lost). Anything else (an import, a merge, another window's save
//! since) is newer than the journal, which then gives way: nothing here overwrites a text it did
//! not replace.
//!
//! IndexedDB may be missing or refuse (some private windows, policy): then autosave works as before
//! and nothing claims more than localStorage gives.

use crate::idb::{call, committed, open_database, result_of};
use crate::{draft_key, DraftStorage, StorageError};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "lvzhi-journal";
const STORE: &str = "drafts";
/// Hashes kept per chain: far more saves than fit in Chromium's minute between disk writes.
const CHAIN_KEPT: usize = 64;
/// How long start-up waits for IndexedDB before going on without it.
const OPEN_TIMEOUT_MS: i32 = 2_000;
/// Stands for "no entry" in a chain: a new draft saved, then lost in a crash.
const ABSENT: &str = "absent";

/// A short, stable fingerprint of a stored text (64-bit FNV-1a): enough to recognise the texts a
/// save replaced, without keeping them.
pub fn text_hash(text: Option<&str>) -> String {
    let Some(text) = text else { return ABSENT.to_owned() };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// One draft's journal entry.
#[derive(Clone, Debug, PartialEq)]
pub struct JournalEntry {
    pub draft_id: String,
    /// The text last autosaved.
    pub text: String,
    /// Hashes of the stored texts the chain of saves ending in `text` replaced, oldest first.
    pub replaced: Vec<String>,
}

impl JournalEntry {
    /// The entry after a save of `written` over `expected`: the chain goes on when `expected` is
    /// this entry's own text, and starts again from `expected` otherwise.
    pub fn after_save(previous: Option<&JournalEntry>, draft_id: &str, expected: Option<&str>, written: &str) -> Self {
        let mut replaced = match previous {
            Some(entry) if Some(entry.text.as_str()) == expected => {
                let mut chain = entry.replaced.clone();
                chain.push(text_hash(Some(&entry.text)));
                chain
            }
            _ => vec![text_hash(expected)],
        };
        let excess = replaced.len().saturating_sub(CHAIN_KEPT);
        replaced.drain(..excess);
        JournalEntry { draft_id: draft_id.to_owned(), text: written.to_owned(), replaced }
    }

    /// As stored: `{ text, replaced: [...] }`.
    fn to_value(&self) -> JsValue {
        let value = Object::new();
        let replaced: Array = self.replaced.iter().map(|hash| JsValue::from_str(hash)).collect();
        let _ = Reflect::set(&value, &"text".into(), &JsValue::from_str(&self.text));
        let _ = Reflect::set(&value, &"replaced".into(), &replaced);
        value.into()
    }

    fn from_value(draft_id: String, value: &JsValue) -> Option<Self> {
        let text = Reflect::get(value, &"text".into()).ok()?.as_string()?;
        let replaced = Reflect::get(value, &"replaced".into()).ok()?.dyn_into::<Array>().ok()?;
        let replaced = replaced.iter().filter_map(|hash| hash.as_string()).collect();
        Some(JournalEntry { draft_id, text, replaced })
    }
}

/// What start-up did with a journal entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Recovery {
    /// localStorage had lost the last save(s): the journal's text is back.
    Restored,
    /// localStorage holds the journal's text.
    UpToDate,
    /// localStorage holds something the journal did not replace (newer): left alone.
    Superseded,
}

impl DraftStorage {
    /// Puts `entry`'s text back when localStorage holds a text it replaced (see the module doc).
    pub fn recover(&self, entry: &JournalEntry) -> Result<Recovery, StorageError> {
        let key = draft_key(&entry.draft_id);
        let stored = self.raw_get(&key)?;
        if stored.as_deref() == Some(entry.text.as_str()) {
            return Ok(Recovery::UpToDate);
        }
        if stored.is_some() && !entry.replaced.contains(&text_hash(stored.as_deref())) {
            return Ok(Recovery::Superseded);
        }
        self.raw_set(&key, &entry.text)?;
        Ok(Recovery::Restored)
    }
}

/// The journal database, open (driven as `idb` says).
#[derive(Clone, Debug)]
pub struct Journal {
    database: JsValue,
}

impl Journal {
    /// Opens (creating on first use) the journal; `None` where IndexedDB is missing, refuses, or
    /// does not answer within two seconds.
    pub async fn open() -> Option<Journal> {
        Some(Journal { database: open_database(DATABASE, STORE, OPEN_TIMEOUT_MS).await? })
    }

    fn transaction(&self, mode: &str) -> Option<(JsValue, JsValue)> {
        crate::idb::transaction(&self.database, STORE, mode)
    }

    /// Every entry (unreadable ones skipped).
    pub async fn entries(&self) -> Vec<JournalEntry> {
        let Some((_, store)) = self.transaction("readonly") else { return Vec::new() };
        let (Some(keys), Some(values)) = (call(&store, "getAllKeys", &[]), call(&store, "getAll", &[])) else {
            return Vec::new();
        };
        let (Some(keys), Some(values)) = (result_of(keys).await, result_of(values).await) else { return Vec::new() };
        Array::from(&keys)
            .iter()
            .zip(Array::from(&values).iter())
            .filter_map(|(key, value)| JournalEntry::from_value(key.as_string()?, &value))
            .collect()
    }

    /// Writes `entry`; true once it is on disk, false when it could not be written.
    pub async fn put(&self, entry: &JournalEntry) -> bool {
        let Some((transaction, store)) = self.transaction("readwrite") else { return false };
        if call(&store, "put", &[entry.to_value(), entry.draft_id.as_str().into()]).is_none() {
            return false;
        }
        committed(&transaction).await
    }

    /// Removes a draft's entry (the draft deleted); true once done.
    pub async fn forget(&self, draft_id: &str) -> bool {
        let Some((transaction, store)) = self.transaction("readwrite") else { return false };
        if call(&store, "delete", &[draft_id.into()]).is_none() {
            return false;
        }
        committed(&transaction).await
    }
}
