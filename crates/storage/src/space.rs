//! What takes the room in localStorage, part by part, for 草稿管理's 存储空间: each draft, its
//! versions, backups and sent copies, the 回收站, frameworks, entries set aside — with sizes, and
//! the parts that can go removable in one step. Storage full of the app's own data needs a way
//! out that does not itself need room: removing keys never writes.

use crate::catalogue::split_timed_key;
use crate::{DraftStorage, StorageError, DRAFT_PREFIX};
use lvzhi_core::small_sort::sort_small_by_key;

/// A kind of stored thing, by its key's prefix (see the crate doc for the keys).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SpaceKind {
    /// A draft itself (removed by 删除, not here).
    Draft { draft_id: String },
    /// A draft's earlier versions, kept every few minutes.
    Versions { draft_id: String },
    /// A draft's backups, made before something replaced it.
    Backups { draft_id: String },
    /// Copies of a draft as it was sent (导出草稿文件), for merging answers back.
    Sent { draft_id: String },
    /// The drafts' 回收站.
    Trash,
    /// Kept framework files and the editor's working copies (removed from the frameworks' list).
    Frameworks,
    /// The frameworks' 回收站.
    FrameworkTrash,
    /// Unreadable entries set aside.
    SetAside,
    /// Anything else: the app's small bookkeeping, and other pages of this site.
    Other,
}

impl SpaceKind {
    fn of_key(key: &str) -> SpaceKind {
        let owner = |prefix: &str| split_timed_key(key, prefix).map(|(id, _)| id.to_owned());
        if let Some(draft_id) = key.strip_prefix(DRAFT_PREFIX) {
            return SpaceKind::Draft { draft_id: draft_id.to_owned() };
        }
        if let Some(draft_id) = owner("lvzhi/version/") {
            return SpaceKind::Versions { draft_id };
        }
        if let Some(draft_id) = owner("lvzhi/backup/") {
            return SpaceKind::Backups { draft_id };
        }
        if let Some(draft_id) = owner("lvzhi/sent/") {
            return SpaceKind::Sent { draft_id };
        }
        match key {
            _ if key.starts_with("lvzhi/trash/") => SpaceKind::Trash,
            _ if key.starts_with("lvzhi/framework-trash/") => SpaceKind::FrameworkTrash,
            _ if key.starts_with("lvzhi/framework/") || key.starts_with("lvzhi/framework-edit/") => {
                SpaceKind::Frameworks
            }
            _ if key.starts_with("lvzhi/corrupt/") => SpaceKind::SetAside,
            _ => SpaceKind::Other,
        }
    }

    /// Whether 存储空间 removes this part itself (the rest have their own place: 删除 for a draft,
    /// the frameworks' list, and nothing for the app's bookkeeping).
    pub fn removable(&self) -> bool {
        matches!(
            self,
            SpaceKind::Versions { .. }
                | SpaceKind::Backups { .. }
                | SpaceKind::Sent { .. }
                | SpaceKind::Trash
                | SpaceKind::FrameworkTrash
                | SpaceKind::SetAside
        )
    }
}

/// One part of what is stored: its kind, its size (UTF-16, as the quota counts) and its keys.
#[derive(Clone, Debug, PartialEq)]
pub struct SpacePart {
    pub kind: SpaceKind,
    pub bytes: u64,
    pub keys: Vec<String>,
}

impl DraftStorage {
    /// Every part of what this origin stores, largest first.
    pub fn space(&self) -> Vec<SpacePart> {
        let mut parts: Vec<SpacePart> = Vec::new();
        for key in self.keys_with_prefix("") {
            let value = self.raw_get(&key).ok().flatten().unwrap_or_default();
            let bytes = crate::entry_bytes(&key, &value);
            let kind = SpaceKind::of_key(&key);
            match parts.iter_mut().find(|part| part.kind == kind) {
                Some(part) => {
                    part.bytes += bytes;
                    part.keys.push(key);
                }
                None => parts.push(SpacePart { kind, bytes, keys: vec![key] }),
            }
        }
        sort_small_by_key(&mut parts, |part| std::cmp::Reverse(part.bytes));
        parts
    }

    /// Removes a removable part for good; returns the bytes freed. Only keys still of that kind
    /// go: a part listed a while ago cannot take a draft with it.
    pub fn free(&self, part: &SpacePart) -> Result<u64, StorageError> {
        if !part.kind.removable() {
            return Ok(0);
        }
        let before = self.usage().used_bytes;
        for key in part.keys.iter().filter(|key| SpaceKind::of_key(key) == part.kind) {
            if self.raw_get(key)?.is_some() {
                // Through `purge`: the 回收站's last copy of a draft takes its history with it.
                self.purge(key)?;
            }
        }
        Ok(before.saturating_sub(self.usage().used_bytes))
    }
}
