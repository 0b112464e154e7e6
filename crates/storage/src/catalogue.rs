//! What is stored, for the drafts page: drafts (readable or not), earlier versions, the 回收站,
//! entries set aside, and how much room is used.

use crate::{draft_key, now_ms, DraftStorage, StorageError};
use lvzhi_core::draft::DraftReadError;
use lvzhi_core::small_sort::{sort_small_by, sort_small_by_key};
use lvzhi_core::Draft;

/// Versions kept per draft; older ones are dropped as new ones are kept.
pub const VERSIONS_KEPT: usize = 10;
/// Room localStorage gives an origin in Chromium, Firefox and Safari: 5 million UTF-16 units.
pub const QUOTA_BYTES: u64 = 10 * 1024 * 1024;

/// A stored draft entry: readable, or not (with its raw text, to export).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEntry {
    pub id: String,
    pub content: Result<Draft, (String, DraftReadError)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    pub key: String,
    pub saved_at_ms: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrashEntry {
    pub key: String,
    pub id: String,
    pub deleted_at_ms: u64,
    pub draft: Option<Draft>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUsage {
    pub used_bytes: u64,
    pub quota_bytes: u64,
}

/// `<prefix><id>/<ms>` → (id, ms).
pub(crate) fn split_timed_key<'a>(key: &'a str, prefix: &str) -> Option<(&'a str, u64)> {
    let rest = key.strip_prefix(prefix)?;
    let (id, time) = rest.rsplit_once('/')?;
    Some((id, time.parse().ok()?))
}

impl DraftStorage {
    /// Every stored draft, newest edit first; unreadable ones last, with their raw text.
    pub fn entries(&self) -> Vec<StoredEntry> {
        let mut entries: Vec<StoredEntry> = self
            .keys_with_prefix(crate::DRAFT_PREFIX)
            .into_iter()
            .filter_map(|key| {
                let id = crate::draft_id_of_key(&key)?.to_owned();
                let raw = self.raw_get(&key).ok().flatten()?;
                let content = Draft::from_json(&raw).map_err(|reason| (raw, reason));
                Some(StoredEntry { id, content })
            })
            .collect();
        sort_small_by(&mut entries, |a, b| match (&a.content, &b.content) {
            (Ok(a), Ok(b)) => b.updated_at.cmp(&a.updated_at),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(_), Err(_)) => a.id.cmp(&b.id),
        });
        entries
    }

    /// Keeps the draft as a version if the last one was kept `interval_ms` ago or more by the clock
    /// (or there is none), dropping the oldest beyond [`VERSIONS_KEPT`]. Returns whether one was
    /// kept. Versions are numbered in the order they were made (`next_in_sequence`); when the clock
    /// is set back (or corrected after running ahead) the time since the last one is taken as it
    /// was measured then (`lvzhi/version-clock/<id>`), so versions go on being kept every interval.
    pub fn keep_version(&self, draft: &Draft, interval_ms: u64) -> Result<bool, StorageError> {
        let prefix = format!("lvzhi/version/{}/", draft.id);
        let clock_key = format!("lvzhi/version-clock/{}", draft.id);
        let versions = self.versions(&draft.id);
        let now = now_ms();
        let last_kept = self
            .raw_get(&clock_key)?
            .and_then(|text| text.parse::<u64>().ok())
            .or_else(|| versions.first().map(|newest| newest.saved_at_ms));
        if last_kept.is_some_and(|last| now.abs_diff(last) < interval_ms) {
            return Ok(false);
        }
        self.raw_set(&format!("{prefix}{}", self.next_in_sequence(&prefix)), &draft.to_json())?;
        self.raw_set(&clock_key, &now.to_string())?;
        for old in versions.iter().skip(VERSIONS_KEPT - 1) {
            self.raw_remove(&old.key)?;
        }
        Ok(true)
    }

    /// Keeps a framework file the user brought, so drafts made from it open again.
    pub fn save_framework(&self, framework_id: &str, raw: &str) -> Result<(), StorageError> {
        self.raw_set(&format!("lvzhi/framework/{framework_id}"), raw)
    }

    /// A framework file kept by [`DraftStorage::save_framework`].
    pub fn framework_text(&self, framework_id: &str) -> Option<String> {
        self.raw_get(&format!("lvzhi/framework/{framework_id}")).ok().flatten()
    }

    /// Every framework file kept by [`DraftStorage::save_framework`], as `(id, text)`, by id.
    pub fn framework_files(&self) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = self
            .keys_with_prefix("lvzhi/framework/")
            .into_iter()
            .filter_map(|key| {
                Some((key.strip_prefix("lvzhi/framework/")?.to_owned(), self.raw_get(&key).ok().flatten()?))
            })
            .collect();
        sort_small_by(&mut files, |a, b| a.0.cmp(&b.0));
        files
    }

    /// Moves a kept framework to its 回收站 (`lvzhi/framework-trash/<id>/<ms>`), with its editor's
    /// working copy beside it, if any. The caller checks no draft uses it.
    pub fn trash_framework(&self, framework_id: &str) -> Result<String, StorageError> {
        let key = format!("lvzhi/framework/{framework_id}");
        let Some(text) = self.raw_get(&key)? else {
            return Err(StorageError::Browser { name: "NotFound".into(), message: framework_id.into() });
        };
        // Two deletions within one millisecond never share a key.
        let mut ms = now_ms();
        while self.raw_get(&format!("lvzhi/framework-trash/{framework_id}/{ms}"))?.is_some() {
            ms += 1;
        }
        let trash_key = format!("lvzhi/framework-trash/{framework_id}/{ms}");
        self.raw_set(&trash_key, &text)?;
        self.raw_remove(&key)?;
        Ok(trash_key)
    }

    /// Deleted frameworks, most recent first: `(key, id, text)`.
    pub fn framework_trash(&self) -> Vec<(String, String, String)> {
        let mut entries: Vec<(u64, String, String, String)> = self
            .keys_with_prefix("lvzhi/framework-trash/")
            .into_iter()
            .filter_map(|key| {
                let (id, ms) = split_timed_key(&key, "lvzhi/framework-trash/")?;
                let id = id.to_owned();
                let text = self.raw_get(&key).ok().flatten()?;
                Some((ms, key, id, text))
            })
            .collect();
        sort_small_by(&mut entries, |a, b| b.0.cmp(&a.0));
        entries.into_iter().map(|(_, key, id, text)| (key, id, text)).collect()
    }

    /// Brings a deleted framework back under its id; refused when a framework of that id is kept
    /// again meanwhile (nothing is overwritten).
    pub fn restore_framework(&self, trash_key: &str) -> Result<String, StorageError> {
        let (id, _) = split_timed_key(trash_key, "lvzhi/framework-trash/")
            .ok_or_else(|| StorageError::Browser { name: "NotFound".into(), message: trash_key.into() })?;
        let id = id.to_owned();
        let text = self
            .raw_get(trash_key)?
            .ok_or_else(|| StorageError::Browser { name: "NotFound".into(), message: trash_key.into() })?;
        if self.framework_text(&id).is_some() {
            return Err(StorageError::ChangedElsewhere);
        }
        self.save_framework(&id, &text)?;
        self.raw_remove(trash_key)?;
        Ok(id)
    }

    /// The framework editor's working copy of `framework_id`, written at every change so a reload
    /// or a closed tab loses nothing; dropped once the framework is saved (or the edit given up).
    pub fn save_framework_work(&self, framework_id: &str, raw: &str) -> Result<(), StorageError> {
        self.raw_set(&format!("lvzhi/framework-edit/{framework_id}"), raw)
    }

    pub fn framework_work(&self, framework_id: &str) -> Option<String> {
        self.raw_get(&format!("lvzhi/framework-edit/{framework_id}")).ok().flatten()
    }

    pub fn drop_framework_work(&self, framework_id: &str) -> Result<(), StorageError> {
        self.raw_remove(&format!("lvzhi/framework-edit/{framework_id}"))
    }

    /// Keeps what was sent to colleagues as a draft file (the last three), to merge their file
    /// against later.
    pub fn keep_sent(&self, draft: &Draft) -> Result<(), StorageError> {
        let prefix = format!("lvzhi/sent/{}/", draft.id);
        self.raw_set(&format!("{prefix}{}", self.next_in_sequence(&prefix)), &draft.to_json())?;
        let mut sent = self.keys_with_prefix(&format!("lvzhi/sent/{}/", draft.id));
        sort_small_by_key(&mut sent, |key| std::cmp::Reverse(split_timed_key(key, "lvzhi/sent/").map(|(_, ms)| ms)));
        for old in sent.iter().skip(3) {
            self.raw_remove(old)?;
        }
        Ok(())
    }

    /// Drafts sent from `draft_id`, newest first.
    pub fn sent(&self, draft_id: &str) -> Vec<Draft> {
        let mut sent: Vec<(u64, Draft)> = self
            .keys_with_prefix(&format!("lvzhi/sent/{draft_id}/"))
            .into_iter()
            .filter_map(|key| Some((split_timed_key(&key, "lvzhi/sent/")?.1, self.load_key(&key).ok()?)))
            .collect();
        sort_small_by(&mut sent, |a, b| b.0.cmp(&a.0));
        sent.into_iter().map(|(_, draft)| draft).collect()
    }

    /// The kept versions of a draft, newest first.
    pub fn versions(&self, draft_id: &str) -> Vec<VersionInfo> {
        self.timed_entries(&format!("lvzhi/version/{draft_id}/"))
    }

    /// The backups of a draft (as it was before an import, merge, restore or another window's
    /// version replaced it), newest first.
    pub fn backups(&self, draft_id: &str) -> Vec<VersionInfo> {
        self.timed_entries(&format!("lvzhi/backup/{draft_id}/"))
    }

    /// Entries under `prefix` + time in ms, newest first.
    fn timed_entries(&self, prefix: &str) -> Vec<VersionInfo> {
        let prefix = prefix.to_owned();
        let mut versions: Vec<VersionInfo> = self
            .keys_with_prefix(&prefix)
            .into_iter()
            .filter_map(|key| {
                let saved_at_ms = key.strip_prefix(&prefix)?.parse().ok()?;
                Some(VersionInfo { key, saved_at_ms })
            })
            .collect();
        sort_small_by(&mut versions, |a, b| b.saved_at_ms.cmp(&a.saved_at_ms));
        versions
    }

    /// A kept version (or backup, or trashed draft) by its key.
    pub fn load_key(&self, key: &str) -> Result<Draft, StorageError> {
        let raw = self
            .raw_get(key)?
            .ok_or_else(|| StorageError::Browser { name: "NotFound".into(), message: key.to_owned() })?;
        Draft::from_json(&raw).map_err(|reason| StorageError::Corrupt { key: key.to_owned(), reason })
    }

    /// Moves a draft's entry, exactly as stored, to `lvzhi/<area>/<id>/<ms>`: copied there first,
    /// removed from the drafts only then. Returns the new key.
    fn move_draft_entry(&self, draft_id: &str, area: &str) -> Result<String, StorageError> {
        let key = draft_key(draft_id);
        let Some(raw) = self.raw_get(&key)? else {
            return Err(StorageError::Browser { name: "NotFound".into(), message: key });
        };
        let prefix = format!("lvzhi/{area}/{draft_id}/");
        let moved = format!("{prefix}{}", self.next_in_sequence(&prefix));
        self.raw_set(&moved, &raw)?;
        self.raw_remove(&key)?;
        Ok(moved)
    }

    /// Moves a draft to the 回收站.
    pub fn move_to_trash(&self, draft_id: &str) -> Result<String, StorageError> {
        self.move_draft_entry(draft_id, "trash")
    }

    /// Removes a draft for good with everything kept of it — its versions, backups and sent copies:
    /// the way out when storage is full and the 回收站 cannot take a copy. Returns the characters
    /// freed.
    pub fn delete_for_good(&self, draft_id: &str) -> Result<usize, StorageError> {
        let mut keys = vec![draft_key(draft_id), format!("lvzhi/version-clock/{draft_id}")];
        for area in ["version", "backup", "sent"] {
            keys.extend(self.keys_with_prefix(&format!("lvzhi/{area}/{draft_id}/")));
        }
        let mut freed = 0;
        for key in keys {
            if let Some(raw) = self.raw_get(&key)? {
                self.raw_remove(&key)?;
                freed += key.chars().count() + raw.chars().count();
            }
        }
        Ok(freed)
    }

    /// The 回收站, most recently deleted first.
    pub fn trash(&self) -> Vec<TrashEntry> {
        let mut entries: Vec<TrashEntry> = self
            .keys_with_prefix("lvzhi/trash/")
            .into_iter()
            .filter_map(|key| {
                let (id, deleted_at_ms) = split_timed_key(&key, "lvzhi/trash/")?;
                let id = id.to_owned();
                let draft = self.load_key(&key).ok();
                Some(TrashEntry { key, id, deleted_at_ms, draft })
            })
            .collect();
        sort_small_by(&mut entries, |a, b| b.deleted_at_ms.cmp(&a.deleted_at_ms));
        entries
    }

    /// Brings a deleted draft back (under its id, or a new one if that id is taken again).
    pub fn restore_from_trash(
        &self,
        trash_key: &str,
        fresh_id: impl FnOnce() -> String,
    ) -> Result<Draft, StorageError> {
        let mut draft = self.load_key(trash_key)?;
        if self.raw_get(&draft_key(&draft.id))?.is_some() {
            draft.id = fresh_id();
        }
        self.add(&draft)?;
        self.raw_remove(trash_key)?;
        Ok(draft)
    }

    /// Removes an entry of the 回收站 or one set aside for good. The last trash entry of a draft
    /// that is nowhere else takes the draft's versions, backups and sent copies with it: nothing
    /// could bring them back, and 永久删除 means its text is gone.
    pub fn purge(&self, key: &str) -> Result<(), StorageError> {
        self.raw_remove(key)?;
        if let Some((draft_id, _)) = split_timed_key(key, "lvzhi/trash/") {
            let still_there = self.raw_get(&draft_key(draft_id))?.is_some()
                || !self.keys_with_prefix(&format!("lvzhi/trash/{draft_id}/")).is_empty();
            if !still_there {
                self.delete_for_good(draft_id)?;
            }
        }
        Ok(())
    }

    /// Sets an unreadable draft aside (`lvzhi/corrupt/<id>/<ms>`), out of the drafts, not deleted.
    pub fn set_aside(&self, draft_id: &str) -> Result<String, StorageError> {
        self.move_draft_entry(draft_id, "corrupt")
    }

    /// Entries set aside as unreadable: (key, raw text).
    pub fn set_aside_entries(&self) -> Vec<(String, String)> {
        let mut entries: Vec<(String, String)> = self
            .keys_with_prefix("lvzhi/corrupt/")
            .into_iter()
            .filter_map(|key| self.raw_get(&key).ok().flatten().map(|raw| (key, raw)))
            .collect();
        sort_small_by(&mut entries, |a, b| a.cmp(b));
        entries
    }

    /// Room used by this origin's localStorage (every key, ours or not) and the usual quota.
    pub fn usage(&self) -> StorageUsage {
        use gloo_storage::Storage;
        let storage = gloo_storage::LocalStorage::raw();
        let count = storage.length().unwrap_or(0);
        let used_bytes = (0..count)
            .filter_map(|index| storage.key(index).ok().flatten())
            .map(|key| crate::entry_bytes(&key, &storage.get_item(&key).ok().flatten().unwrap_or_default()))
            .sum();
        StorageUsage { used_bytes, quota_bytes: QUOTA_BYTES }
    }
}
