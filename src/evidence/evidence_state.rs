//! 佐证材料's files for the open draft, and every action on them: attach (read in chunks, digested
//! — SHA-256, CRC-32 — stored once by content, then named under its 佐证材料 entry), rename, move to
//! another row, remove into the 回收站 and restore; the room the browser gives and its
//! persistence. The files live in `lvzhi_storage::FileStore`; the draft holds only their
//! `EvidenceFile`s, through the row's evidence signal, so autosave, files and merge carry them.
//! The package (`package_state.rs`) reads them from here.

use crate::clock::now_iso;
use crate::notices::AppError;
use crate::session::Session;
use crate::workspace::Workspace;
use leptos::prelude::*;
use leptos::task::spawn_local;
use lvzhi_core::draft::{Evidence, EvidenceFile};
use lvzhi_core::evidence_package::attach;
use lvzhi_storage::{FileStore, RemovedFile, Room, StorageError, Stored};

#[derive(Clone, Copy)]
pub struct EvidenceFiles {
    session: Session,
    workspace: Workspace,
    store: StoredValue<Option<FileStore>, LocalStorage>,
    /// What is under way (`正在保存 3/5：会议纪要.pdf`), shown where the user acted.
    pub busy: RwSignal<Option<String>>,
    /// Set by 取消: the loop under way stops before its next file.
    cancelled: StoredValue<bool>,
    pub room: RwSignal<Option<Room>>,
    pub persisted: RwSignal<Option<bool>>,
    /// The 回收站 of this draft, read when its page asks.
    pub removed: RwSignal<Vec<RemovedFile>>,
    /// What the last 导入佐证材料包 placed and could not place.
    pub last_import: RwSignal<Option<ImportOutcome>>,
    /// The package last imported, to place what matched nothing from it.
    last_package: StoredValue<Option<web_sys::File>, LocalStorage>,
    /// The files this browser keeps, by SHA-256 (`None` until read): a draft from a colleague
    /// names files that are not here until their package is imported.
    pub present: RwSignal<Option<std::collections::BTreeSet<String>>>,
}

/// What the last 导入佐证材料包 placed, and what it could not (for the page to list).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOutcome {
    pub placed: usize,
    /// Paths in the package (below `prefix`) that match no row: the user may place each.
    pub unmatched: Vec<String>,
    /// The folder the package's own files were in (`""` at its top).
    pub prefix: String,
}

impl EvidenceFiles {
    pub fn new(session: Session, workspace: Workspace) -> EvidenceFiles {
        EvidenceFiles {
            session,
            workspace,
            store: StoredValue::new_local(None),
            busy: RwSignal::new(None),
            cancelled: StoredValue::new(false),
            room: RwSignal::new(None),
            persisted: RwSignal::new(None),
            removed: RwSignal::new(Vec::new()),
            last_import: RwSignal::new(None),
            present: RwSignal::new(None),
            last_package: StoredValue::new_local(None),
        }
    }

    pub fn remember_package(&self, file: web_sys::File) {
        self.last_package.set_value(Some(file));
    }

    pub fn last_package(&self) -> Option<web_sys::File> {
        self.last_package.get_value()
    }

    /// Whether this browser keeps the file (`true` until known otherwise).
    pub fn is_present(&self, sha256: &str) -> bool {
        self.present.with(|present| present.as_ref().is_none_or(|present| present.contains(sha256)))
    }

    /// Reads which files this browser keeps.
    pub fn refresh_present(&self) {
        let state = *self;
        spawn_local(async move {
            if let Ok(store) = state.store().await {
                if let Ok(keys) = store.keys().await {
                    state.present.set(Some(keys.into_iter().collect()));
                }
            }
        });
    }

    /// Opens a kept file: in a tab where the browser shows it (PDF, pictures, text), else as a
    /// download under its own name (a .docx opened in a tab would be saved under a random one).
    pub fn open(&self, sha256: &str, name: &str) {
        let state = *self;
        let (sha256, name) = (sha256.to_owned(), name.to_owned());
        spawn_local(async move {
            let blob = match state.store().await {
                Ok(store) => store.get(&sha256).await.ok().flatten(),
                Err(_) => None,
            };
            let Some(blob) = blob else {
                return state.session.notices.failed(&AppError::Refused(format!(
                    "本浏览器中没有“{name}”这个文件（草稿文件只记文件名，不含文件本身）。请向发来草稿的同事要佐证材料包，在“佐证材料”页导入。"
                )));
            };
            let kind = blob.type_();
            let shown_in_tab = kind == "application/pdf" || kind.starts_with("image/") || kind.starts_with("text/");
            let opened = shown_in_tab
                && web_sys::Url::create_object_url_with_blob(&blob)
                    .ok()
                    .and_then(|url| window().open_with_url_and_target(&url, "_blank").ok().flatten())
                    .is_some();
            if !opened {
                if let Err(error) = crate::files::download_blob(&blob, &name) {
                    state.session.notices.failed(&error.into());
                }
            }
        });
    }

    pub fn workspace(&self) -> Workspace {
        self.workspace
    }

    pub fn session(&self) -> Session {
        self.session
    }

    /// A new loop starts uncancelled.
    pub fn reset_cancel(&self) {
        self.cancelled.set_value(false);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get_value()
    }

    /// The file store, opened once.
    pub async fn store(&self) -> Result<FileStore, AppError> {
        if let Some(store) = self.store.get_value() {
            return Ok(store);
        }
        let store = FileStore::open().await.map_err(|error| match error {
            StorageError::Unavailable => AppError::Refused(
                "浏览器不允许本网页使用 IndexedDB（可能处于无痕模式），佐证材料的文件无法保存。".to_owned(),
            ),
            other => AppError::Storage(other),
        })?;
        self.store.set_value(Some(store.clone()));
        Ok(store)
    }

    /// Stops the loop under way before its next file.
    pub fn cancel(&self) {
        self.cancelled.set_value(true);
    }

    /// Keeps `blob` (named `name`) and returns its `EvidenceFile`; the same content is kept once.
    pub async fn keep(&self, blob: &web_sys::Blob, name: &str) -> Result<(EvidenceFile, Stored), AppError> {
        let store = self.store().await?;
        let digested = crate::files::digest_blob(blob).await?;
        let stored = store.put(&digested.sha256, blob).await?;
        self.present.update(|present| {
            if let Some(present) = present {
                present.insert(digested.sha256.clone());
            }
        });
        let media_type = blob.type_();
        let file = EvidenceFile {
            sha256: digested.sha256,
            name: name.to_owned(),
            size: digested.size,
            crc32: digested.crc32,
            media_type,
        };
        Ok((file, stored))
    }

    /// Attaches picked or dropped files to entry `index` of row `code` (a new entry titled after
    /// the first file when `index` is past the list). Files are kept one after another; what was
    /// kept before a failure stays attached.
    pub fn attach_files(&self, code: String, index: usize, files: Vec<web_sys::File>) {
        let Some(row) = self.workspace.signals.scored.row(&code) else { return };
        let state = *self;
        self.reset_cancel();
        spawn_local(async move {
            let total = files.len();
            let mut attached = 0;
            for (number, picked) in files.into_iter().enumerate() {
                if state.cancelled.get_value() {
                    break;
                }
                let name = picked.name();
                if picked.size() == 0.0 {
                    state
                        .session
                        .notices
                        .failed(&AppError::Refused(format!("“{name}”是空文件（0字节），未添加：请确认选对了文件。")));
                    continue;
                }
                state.busy.set(Some(format!("正在保存文件 {}/{total}：{name}", number + 1)));
                match state.keep(&picked, &name).await {
                    Ok((file, _)) => {
                        row.evidence.update(|list| {
                            let evidence = list
                                .get(index)
                                .cloned()
                                .unwrap_or_else(|| Evidence { title: title_from(&name), ..Evidence::default() });
                            if attach(list, &evidence, file) {
                                attached += 1;
                            }
                        });
                    }
                    Err(error) => {
                        state.busy.set(None);
                        state.session.notices.failed(&error);
                        state.refresh_room();
                        return;
                    }
                }
            }
            state.busy.set(None);
            state.workspace.touch(lvzhi_core::draft::Location::Score(code));
            state.session.notices.done(match (attached, total) {
                (0, _) => "所选文件已在这份材料下，未重复添加。".to_owned(),
                (attached, total) if attached == total => format!("已添加{attached}个文件，保存在本浏览器中。"),
                (attached, total) => format!("已添加{attached}个文件（共选{total}个，其余已在这份材料下或已取消）。"),
            });
            state.refresh_room();
        });
    }

    /// Renames an attached file (the name the package gives it after the document's title; the
    /// content is unchanged). A name without an extension keeps the file's own.
    pub fn rename(&self, code: &str, index: usize, sha256: &str, name: &str) {
        let Some(row) = self.workspace.signals.scored.row(code) else { return };
        if name.trim().is_empty() {
            return;
        }
        row.evidence.update(|list| {
            if let Some(file) =
                list.get_mut(index).and_then(|entry| entry.files.iter_mut().find(|f| f.sha256 == sha256))
            {
                file.name = lvzhi_core::evidence_package::keeping_extension(name, &file.name);
            }
        });
    }

    /// Takes a file off entry `index` of row `code`, into the 回收站 (the content stays stored).
    pub fn remove(&self, code: &str, index: usize, sha256: &str) {
        self.remove_saying(code, index, sha256, true);
    }

    /// `remove`, saying so or not (an entry deleted with its files says it once).
    pub fn remove_saying(&self, code: &str, index: usize, sha256: &str, say: bool) {
        let Some(row) = self.workspace.signals.scored.row(code) else { return };
        let mut taken = None;
        row.evidence.update(|list| {
            if let Some(entry) = list.get_mut(index) {
                if let Some(position) = entry.files.iter().position(|file| file.sha256 == sha256) {
                    let file = entry.files.remove(position);
                    taken = Some((Evidence { files: Vec::new(), ..entry.clone() }, file));
                }
            }
        });
        let Some((evidence, file)) = taken else { return };
        let draft_id = self.workspace.snapshot.with_untracked(|draft| draft.id.clone());
        let removed_at = now_iso();
        let record = RemovedFile {
            id: format!("{draft_id}/{code}/{}/{removed_at}", file.sha256),
            draft_id,
            row_code: code.to_owned(),
            evidence,
            file,
            removed_at,
        };
        let state = *self;
        spawn_local(async move {
            let outcome = match state.store().await {
                Ok(store) => store.remember_removed(&record).await.map_err(AppError::from),
                Err(error) => Err(error),
            };
            match outcome {
                Ok(()) => {
                    state.removed.update(|removed| removed.insert(0, record.clone()));
                    if say {
                        state
                            .session
                            .notices
                            .done(format!("已移除“{}”，可在“佐证材料”页的回收站中恢复。", record.file.name));
                    }
                }
                Err(error) => state.session.notices.failed(&error),
            }
        });
    }

    /// Moves a file from entry `index` of row `from` to row `to` (under an entry of the same
    /// title, made there when needed).
    pub fn move_to(&self, from: &str, index: usize, sha256: &str, to: &str) {
        let (Some(source), Some(target)) =
            (self.workspace.signals.scored.row(from), self.workspace.signals.scored.row(to))
        else {
            return;
        };
        let mut taken = None;
        source.evidence.update(|list| {
            if let Some(entry) = list.get_mut(index) {
                if let Some(position) = entry.files.iter().position(|file| file.sha256 == sha256) {
                    taken = Some((Evidence { files: Vec::new(), ..entry.clone() }, entry.files.remove(position)));
                }
            }
        });
        if let Some((evidence, file)) = taken {
            let name = file.name.clone();
            target.evidence.update(|list| {
                attach(list, &evidence, file);
            });
            self.session.notices.done(format!("已把“{name}”移到{}。", self.workspace.framework.scored_label(to)));
        }
    }

    /// Puts a file of the 回收站 back under its row.
    pub fn restore(&self, record: RemovedFile) {
        let Some(row) = self.workspace.signals.scored.row(&record.row_code) else {
            self.session
                .notices
                .failed(&AppError::Refused("这份文件原来所在的指标已不在当前指标体系中，无法恢复到原处。".to_owned()));
            return;
        };
        row.evidence.update(|list| {
            attach(list, &record.evidence, record.file.clone());
        });
        let state = *self;
        spawn_local(async move {
            if let Ok(store) = state.store().await {
                let _ = store.forget_removed(&record.id).await;
            }
            state.removed.update(|removed| removed.retain(|held| held.id != record.id));
            state.session.notices.done(format!("已恢复“{}”。", record.file.name));
        });
    }

    /// Reads the 回收站, the files kept and the room again.
    pub fn refresh(&self) {
        self.refresh_present();
        let state = *self;
        spawn_local(async move {
            if let Ok(store) = state.store().await {
                let draft_id = state.workspace.snapshot.with_untracked(|draft| draft.id.clone());
                if let Ok(removed) = store.removed(&draft_id).await {
                    state.removed.set(removed);
                }
            }
            state.persisted.set(lvzhi_storage::persisted().await);
        });
        self.refresh_room();
    }

    pub fn refresh_room(&self) {
        let room = self.room;
        spawn_local(async move { room.set(lvzhi_storage::estimate().await) });
    }

    /// Asks the browser to keep the site's storage, and shows the answer.
    pub fn ask_persist(&self) {
        let state = *self;
        spawn_local(async move {
            let answer = lvzhi_storage::ask_persist().await;
            state.persisted.set(answer);
            state.session.notices.done(match answer {
                Some(true) => "浏览器同意持久保存本网页的数据：空间紧张时也不会自动清除。",
                Some(false) => "浏览器没有同意持久保存（常见于不常访问的网站）。请定期导出佐证材料包备份。",
                None => "这个浏览器不支持申请持久保存。请定期导出佐证材料包备份。",
            });
        });
    }
}

/// A document's title from its file's name: `会议纪要.pdf` → `会议纪要`.
fn title_from(name: &str) -> String {
    let extension = lvzhi_core::evidence_package::extension_of(name);
    let stem = if extension.is_empty() { name } else { &name[..name.len() - extension.len() - 1] };
    stem.trim().to_owned()
}

/// The files of a drop or a picker, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|index| list.get(index)).collect()
}

pub fn use_evidence_files() -> EvidenceFiles {
    expect_context::<EvidenceFiles>()
}
