//! The session: what outlives any one open draft (frameworks, storage, notices), and the one way to
//! change which draft is open.
//!
//! Invariant: every switch of the open draft goes through a method here, and each of them first
//! writes the open draft's pending edits through the checked path (never over what another window
//! saved since) and refuses to switch when they cannot be written; a draft replaced in place is
//! backed up first; every failure is returned as an `AppError` for the notice area. No UI code
//! writes a draft to storage any other way.

mod frameworks;
mod start;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

use crate::clock::now_iso;
use crate::notices::{AppError, Notices};
use crate::route::DraftPage;
use crate::workspace::autosave::Autosave;
use leptos::prelude::*;
use lvzhi_core::draft_file::{read_draft_file, ImportError, ImportPreview};
use lvzhi_core::framework::Framework;
use lvzhi_core::Draft;
use lvzhi_storage::{DraftStorage, StorageError};

/// The draft the form shows. Setting it (only from here) rebuilds the form.
#[derive(Clone)]
pub struct Opened {
    pub draft: Draft,
    /// Just written by the session (a new, replaced or restored draft): the header says 已保存.
    pub saved: bool,
    /// Made from an old report: its findings are shown at once (检查全文), blanks and all.
    pub check_all: bool,
}

/// What one merge changed: the draft before it, and the merged draft as written (to tell whether
/// the user has typed since).
#[derive(Clone)]
pub struct MergeUndo {
    before: Draft,
    merged: Draft,
}

impl MergeUndo {
    /// The merge was into this draft.
    pub fn is_of(&self, draft_id: &str) -> bool {
        self.before.id == draft_id
    }

    /// `now` holds edits made after the merge (an undo would take them back too).
    pub fn edited_since(&self, now: &Draft) -> bool {
        content_of(now) != content_of(&self.merged)
    }
}

/// What a draft says, whenever it was saved.
fn content_of(draft: &Draft) -> Draft {
    Draft { updated_at: String::new(), ..draft.clone() }
}

/// What outlives any one draft: the frameworks, storage, the notice area, and which draft is open.
#[derive(Clone, Copy)]
pub struct Session {
    pub builtin_framework: &'static Framework,
    /// Frameworks brought as files (kept in storage), parsed once.
    kept_frameworks: StoredValue<Vec<&'static Framework>>,
    /// `None` when localStorage cannot be used.
    pub storage: Option<DraftStorage>,
    opened: RwSignal<Opened>,
    /// The last merge, for one undo while its draft stays open.
    pub last_merge: RwSignal<Option<MergeUndo>>,
    /// A new version of the app is installed and waits for the user's 更新.
    pub update_ready: RwSignal<bool>,
    pub notices: Notices,
    /// The autosave of the open form, registered by it for as long as it is open.
    active: StoredValue<Option<Autosave>>,
    /// No draft in this browser when the page opened: the first form starts on the start page
    /// (taken once, by `take_first_visit`).
    first_visit: StoredValue<bool>,
}

/// A new draft id: time plus randomness, so two tabs or a corrupt entry never share one.
pub fn new_draft_id() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("d{}-{random:09}", js_sys::Date::now() as u64)
}

impl Session {
    /// The session, with the draft that was open last (or a new one) open, and a notice when it
    /// could not be opened as it was.
    pub fn start(builtin_framework: &'static Framework, storage: Option<DraftStorage>) -> Session {
        let placeholder = Draft::new(builtin_framework, String::new(), String::new());
        let session = Session {
            builtin_framework,
            kept_frameworks: StoredValue::new(Vec::new()),
            storage,
            opened: RwSignal::new(Opened { draft: placeholder, saved: false, check_all: false }),
            last_merge: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            notices: Notices::new(),
            active: StoredValue::new(None),
            first_visit: StoredValue::new(storage.is_none_or(|storage| !storage.has_any_draft())),
        };
        let (draft, notice) = start::last_draft(&session);
        let (draft, notice) = start::with_unrestored_text(&session, draft, notice);
        session.opened.set(Opened { draft, saved: false, check_all: false });
        if let Some(notice) = notice {
            session.notices.done(notice);
        }
        if let Some(notice) = start::restored_notice(&session) {
            session.notices.done(notice);
        }
        session
    }

    /// Whether the page opened with no draft here, once: the first form asks, the next do not.
    pub fn take_first_visit(&self) -> bool {
        let first = self.first_visit.get_value();
        self.first_visit.set_value(false);
        first
    }

    /// The open draft, as it was opened (the form holds its edits).
    pub fn opened(&self) -> Opened {
        self.opened.get()
    }

    /// An empty draft of `framework`, not yet stored.
    pub fn new_draft(&self, framework: &Framework) -> Draft {
        Draft::new(framework, new_draft_id(), now_iso())
    }

    /// The framework a draft was made with: the built-in one, or one kept from a framework file.
    pub fn framework_for(&self, framework_id: &str) -> Option<&'static Framework> {
        if framework_id == self.builtin_framework.id {
            return Some(self.builtin_framework);
        }
        if framework_id == lvzhi_core::framework::SCORED_EXAMPLE_ID {
            return Some(self.scored_example());
        }
        if let Some(found) =
            self.kept_frameworks.with_value(|kept| kept.iter().copied().find(|framework| framework.id == framework_id))
        {
            return Some(found);
        }
        let text = self.storage?.framework_text(framework_id)?;
        Some(self.add_framework(Framework::from_json(&text).ok()?))
    }

    /// Every framework a draft can be made with here: the built-in one, the scored example, and
    /// the framework files kept in this browser, as `(id, label)` — the title, with the version
    /// for a framework made as a new version of another (three of one title are told apart).
    pub fn known_frameworks(&self) -> Vec<(String, String)> {
        let label = Framework::label;
        let mut known = vec![
            (self.builtin_framework.id.clone(), self.builtin_framework.title.clone()),
            (self.scored_example().id.clone(), self.scored_example().title.clone()),
        ];
        let kept_ids: Vec<String> = self
            .storage
            .map(|storage| storage.framework_files().into_iter().map(|(id, _)| id).collect())
            .unwrap_or_default();
        for id in kept_ids {
            if known.iter().all(|(known_id, _)| *known_id != id) {
                if let Some(framework) = self.framework_for(&id) {
                    known.push((id, label(framework)));
                }
            }
        }
        known
    }

    /// The built-in scored example (县级, 百分制), parsed the first time it is needed.
    pub fn scored_example(&self) -> &'static Framework {
        let id = lvzhi_core::framework::SCORED_EXAMPLE_ID;
        let known = self.kept_frameworks.with_value(|kept| kept.iter().copied().find(|framework| framework.id == id));
        known.unwrap_or_else(|| self.add_framework(Framework::scored_example()))
    }

    /// Keeps a framework brought as a file (`text`, as read, already checked into `framework`): in
    /// storage, so drafts made from it open again, and in this session.
    pub fn keep_framework(&self, framework: Framework, text: &str) -> Result<&'static Framework, AppError> {
        if let Some(storage) = self.storage {
            storage.save_framework(&framework.id, text)?;
        }
        Ok(self.add_framework(framework))
    }

    /// Forgets a framework for this session (deleted: it is no longer offered).
    fn forget_framework(&self, id: &str) {
        self.kept_frameworks.update_value(|kept| kept.retain(|known| known.id != id));
    }

    /// Registers a framework for this session. Frameworks live as long as the page (they are
    /// leaked on purpose); keeping the same file again leaks one more copy, which is tolerable for
    /// data a user brings a handful of times.
    fn add_framework(&self, framework: Framework) -> &'static Framework {
        let framework: &'static Framework = Box::leak(Box::new(framework));
        self.kept_frameworks.update_value(|kept| {
            kept.retain(|known| known.id != framework.id);
            kept.push(framework);
        });
        framework
    }

    /// Reads a draft file with the framework it names, when this browser knows it. A file that
    /// carries its framework brings it first (recognised when here under any id, kept beside one
    /// of its id with other content), so a colleague's draft opens whole. Importing tries every
    /// known framework; merging reads with the open draft's own (see the merge dialog).
    pub fn read_draft_file(&self, bytes: &[u8]) -> Result<ImportPreview, ImportError> {
        if let Some(carried) = lvzhi_core::draft_file::carried_framework(bytes)? {
            // The draft must read against what it carries before anything is kept: a refused file
            // leaves storage as it was.
            read_draft_file(bytes, &carried)?;
            let text = serde_json::to_string_pretty(&carried).expect("a framework serializes");
            let brought = self
                .bring_framework(carried, &text)
                .map_err(|error| ImportError::CarriedFramework { problem: error.to_string() })?;
            return read_draft_file(bytes, brought.framework());
        }
        match read_draft_file(bytes, self.builtin_framework) {
            Err(ImportError::UnknownFramework { id, version }) => match self.framework_for(&id) {
                Some(framework) => read_draft_file(bytes, framework),
                None => Err(ImportError::UnknownFramework { id, version }),
            },
            other => other,
        }
    }

    /// The open form registers its autosave; when the form goes, its pending typing is written.
    pub fn attach(&self, autosave: Autosave) {
        self.active.set_value(Some(autosave));
        let active = self.active;
        on_cleanup(move || {
            // Whatever way the form is left, pending typing is written (checked) first.
            autosave.flush();
            active.try_set_value(None);
        });
    }

    fn storage(&self) -> Result<DraftStorage, AppError> {
        self.storage.ok_or(AppError::NoStorage)
    }

    /// Writes the open draft's pending edits; refuses (with why) when they cannot be written.
    fn leave_current(&self) -> Result<(), AppError> {
        let Some(autosave) = self.active.get_value() else { return Ok(()) };
        autosave.flush();
        if autosave.has_unsaved_edits() && self.storage.is_some() {
            return Err(AppError::UnsavedEdits(autosave.problem()));
        }
        Ok(())
    }

    /// The open draft as it stands now (edits included), stamped, with the stored text it was
    /// last written as: what a replacement is checked against.
    fn current(&self) -> Option<(Draft, Option<String>)> {
        let autosave = self.active.get_value()?;
        Some((autosave.stamped_snapshot(), autosave.stored_text()))
    }

    fn show(&self, draft: Draft, notice: String, saved: bool) {
        self.show_checked(draft, notice, saved, false, DraftPage::Overview);
    }

    fn show_checked(&self, draft: Draft, notice: String, saved: bool, check_all: bool, landing: DraftPage) {
        // A merge is undone only in the draft it was made in, while that stays open.
        self.last_merge.set(None);
        // Another draft starts on its overview (or `landing`), at the top, not on a page of the one
        // before.
        crate::route::set_address(landing); // the address only; the form follows it
        window().scroll_to_with_x_and_y(0.0, 0.0);
        self.opened.set(Opened { draft, saved, check_all });
        self.notices.done(notice);
    }

    /// Opens a stored draft, read afresh (another window may have changed it since it was listed).
    pub fn open(&self, draft_id: &str, notice: impl FnOnce(&Draft) -> String) -> Result<(), AppError> {
        self.leave_current()?;
        let storage = self.storage()?;
        let mut draft = storage
            .load(draft_id)?
            .ok_or(AppError::Storage(StorageError::Browser { name: "NotFound".into(), message: draft_id.into() }))?;
        if let Some(framework) = self.framework_for(&draft.framework.id) {
            draft.migrate(framework);
        }
        storage.set_last(&draft.id)?;
        let text = notice(&draft);
        self.show(draft, text, false);
        Ok(())
    }

    /// Opens a draft not stored yet (new, imported as new): written beside the open one, never
    /// over a stored draft.
    pub fn open_new(&self, draft: Draft, notice: impl Into<String>) -> Result<(), AppError> {
        self.create_and_show(draft, notice.into(), false, DraftPage::Overview)
    }

    /// As `open_new`, for a draft on a framework just chosen: it opens on 基本信息, the unit's name,
    /// level and year being its first task.
    pub fn open_new_on_meta(&self, draft: Draft, notice: impl Into<String>) -> Result<(), AppError> {
        self.create_and_show(draft, notice.into(), false, DraftPage::Meta)
    }

    /// As `open_new`, for a draft made from an old report: its findings show at once, so the
    /// blanks the old report left are seen.
    pub fn open_imported(&self, draft: Draft, notice: impl Into<String>) -> Result<(), AppError> {
        self.create_and_show(draft, notice.into(), true, DraftPage::Overview)
    }

    fn create_and_show(
        &self,
        draft: Draft,
        notice: String,
        check_all: bool,
        landing: DraftPage,
    ) -> Result<(), AppError> {
        self.leave_current()?;
        if let Some(storage) = self.storage {
            storage.create(&draft)?;
        }
        self.show_checked(draft, notice, self.storage.is_some(), check_all, landing);
        Ok(())
    }

    /// Puts `draft` in the place of the open draft (same id): the open draft, with its latest
    /// edits, is backed up first; the write is checked against what this window last stored.
    /// `notice` is told the backup's key.
    pub fn replace_current(&self, mut draft: Draft, notice: impl FnOnce(&str) -> String) -> Result<(), AppError> {
        self.leave_current()?;
        let Some((current, stored)) = self.current() else { return Err(AppError::NoStorage) };
        draft.id = current.id.clone();
        let backup_key = match self.storage {
            Some(storage) => {
                let key = storage.save_backup(&current)?;
                storage.save_checked(&draft, stored.as_deref())?;
                key
            }
            None => String::new(),
        };
        // The same draft: the user stays on the page they were on.
        self.opened.set(Opened { draft, saved: self.storage.is_some(), check_all: false });
        self.notices.done(notice(&backup_key));
        Ok(())
    }

    /// The merged draft in place of the open one (backed up as for `replace_current`), with one
    /// undo.
    pub fn merge_into_current(&self, merged: Draft, notice: String) -> Result<(), AppError> {
        let before = self.current().map(|(draft, _)| draft);
        self.replace_current(merged, move |_| notice)?;
        let merged = self.opened.with_untracked(|opened| opened.draft.clone());
        self.last_merge.set(before.map(|before| MergeUndo { before, merged }));
        Ok(())
    }

    /// Undoes the last merge: the draft as it was before it comes back, the merged one (with any
    /// edits since) is backed up. Says why when it cannot.
    pub fn undo_merge(&self) -> Result<(), AppError> {
        let Some(undo) = self.last_merge.get_untracked() else {
            return Err(AppError::Outdated("没有可以撤销的合并。"));
        };
        self.replace_current(undo.before, |_| {
            "已撤销合并，草稿恢复为合并前的内容；合并后的内容已备份，可在“草稿管理”的“备份”中找回。".to_owned()
        })?;
        self.last_merge.set(None);
        Ok(())
    }

    /// Keeps what this window shows as a new draft (another window deleted this one, or the user
    /// wants a copy to go on with), and goes on editing it.
    pub fn keep_as_new_draft(&self) -> Result<(), AppError> {
        let storage = self.storage()?;
        let Some((mut mine, _)) = self.current() else { return Ok(()) };
        mine.id = new_draft_id();
        mine.name = format!("{}（本窗口的内容）", mine.display_name());
        storage.create(&mine)?;
        self.opened.set(Opened { draft: mine, saved: true, check_all: false });
        self.notices.done("已把本窗口的内容另存为一份新草稿，可以继续编辑。");
        Ok(())
    }

    /// Settles a conflict with another window by taking their version; this window's edits are
    /// kept as a new draft.
    pub fn take_theirs(&self) -> Result<(), AppError> {
        let storage = self.storage()?;
        let Some((mut mine, _)) = self.current() else { return Ok(()) };
        let id = mine.id.clone();
        let theirs = storage.load(&id)?;
        self.last_merge.set(None);
        mine.id = new_draft_id();
        mine.name = format!("{}（本窗口的修改）", mine.display_name());
        storage.add(&mine)?;
        match theirs {
            Some(theirs) => {
                storage.set_last(&theirs.id)?;
                self.opened.set(Opened { draft: theirs, saved: true, check_all: false });
                self.notices.done("已载入另一个窗口的版本；本窗口的修改已另存为一份新草稿，可在“草稿管理”中打开。");
            }
            None => {
                storage.set_last(&mine.id)?;
                self.opened.set(Opened { draft: mine, saved: true, check_all: false });
                self.notices.done("另一个窗口的版本已不存在；已打开本窗口的修改（另存为新草稿）。");
            }
        }
        Ok(())
    }

    /// Restores an earlier version of the open draft; what is there now is kept as a version first.
    pub fn restore_version(&self, version_key: &str) -> Result<(), AppError> {
        self.leave_current()?;
        let storage = self.storage()?;
        if let Some((current, _)) = self.current() {
            storage.keep_version(&current, 0)?;
        }
        let mut draft = storage.load_key(version_key)?;
        draft.updated_at = now_iso();
        self.replace_current(draft, |_| "已恢复到所选版本；恢复前的内容已保留为一个版本。".to_owned())
    }

    /// Moves a draft to the 回收站. The open draft is left first, for the most recent other draft
    /// (or a new one).
    pub fn delete_draft(&self, draft_id: &str) -> Result<String, AppError> {
        let storage = self.storage()?;
        let is_open = self.opened.with_untracked(|opened| opened.draft.id == draft_id);
        if !is_open {
            storage.move_to_trash(draft_id)?;
            crate::workspace::journal::forget(draft_id);
            return Ok("已移到回收站，可恢复。".to_owned());
        }
        // Into the 回收站 first: when storage is too full for that, nothing has changed and the
        // user is asked about deleting for good (`delete_draft_for_good`).
        self.leave_current()?;
        storage.move_to_trash(draft_id)?;
        crate::workspace::journal::forget(draft_id);
        let notice = "原草稿已移到回收站，可在“草稿管理”中恢复。";
        self.open_another_than(draft_id, notice)?;
        Ok(notice.to_owned())
    }

    /// After the open draft was deleted: the most recently edited other draft opens, or a new one.
    fn open_another_than(&self, draft_id: &str, notice: &str) -> Result<(), AppError> {
        let storage = self.storage()?;
        let next =
            storage.entries().into_iter().filter_map(|entry| entry.content.ok()).find(|draft| draft.id != draft_id);
        match next {
            Some(next) => self.open(&next.id, |_| notice.to_owned()),
            None => self.open_new(self.new_draft(self.builtin_framework), notice),
        }
    }

    /// Deletes a draft for good, versions and backups included: what 删除 does when storage is too
    /// full for the 回收站 to take a copy (the user has said so). The open draft is left first.
    pub fn delete_draft_for_good(&self, draft_id: &str) -> Result<String, AppError> {
        let storage = self.storage()?;
        let is_open = self.opened.with_untracked(|opened| opened.draft.id == draft_id);
        if is_open {
            self.leave_current()?;
        }
        let freed = storage.delete_for_good(draft_id)?;
        if is_open {
            self.open_another_than(draft_id, "原草稿已永久删除。")?;
        }
        crate::workspace::journal::forget(draft_id);
        let size = lvzhi_core::limits::size_text(freed * 2);
        Ok(format!("已永久删除（本地存储已满，无法放入回收站），连同它的历史版本和备份，腾出约{size}。"))
    }

    /// A copy of a stored draft, beside it.
    pub fn copy_draft(&self, draft: &Draft) -> Result<String, AppError> {
        let mut copy = draft.clone();
        copy.id = new_draft_id();
        copy.name = format!("{}（副本）", draft.display_name());
        copy.updated_at = now_iso();
        self.storage()?.add(&copy)?;
        Ok(format!("已复制为“{}”。", copy.name))
    }

    /// Renames a stored draft that is not open (the open one is renamed through its form), checked
    /// against the text just read.
    pub fn rename_stored(&self, draft_id: &str, name: &str) -> Result<String, AppError> {
        let storage = self.storage()?;
        let key = lvzhi_storage::draft_key(draft_id);
        let raw = storage.raw_get(&key)?;
        let Some(mut draft) = storage.load(draft_id)? else { return Ok(String::new()) };
        draft.name = name.trim().to_owned();
        storage.store_checked(&draft, raw.as_deref())?;
        Ok("已重命名。".to_owned())
    }

    /// Brings a draft back from the 回收站, beside the open one.
    pub fn restore_from_trash(&self, trash_key: &str) -> Result<String, AppError> {
        let draft = self.storage()?.restore_from_trash(trash_key, new_draft_id)?;
        Ok(format!("已恢复“{}”。", draft.display_name()))
    }
}
