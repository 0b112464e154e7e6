//! Saves the open draft to localStorage after every edit, debounced, and at once when the page is
//! hidden or closed, so a reload right after typing loses nothing; Ctrl+S saves at once.
//!
//! Every write is checked: if another window saved this draft since this one last read or wrote
//! it, nothing is written and the user chooses (never a silent overwrite). A `storage` event from
//! another window is adopted at once when this window has no unsaved edit.

use crate::clock::{local_clock_time, now_iso};
use crate::keys::is_command_key;
use leptos::prelude::*;
use lvzhi_core::Draft;
use lvzhi_storage::{draft_key, DraftStorage, StorageError};
use std::time::Duration;

/// How long typing may pause before the draft is written.
const SAVE_DELAY: Duration = Duration::from_millis(400);
/// A version is kept at most this often (and once when a draft is opened).
const VERSION_INTERVAL_MS: u64 = 5 * 60 * 1000;

/// What the header shows about saving.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing edited since the draft was opened.
    Opened,
    /// Edits waiting for the debounce.
    Pending,
    /// Written at this local time (`HH:MM:SS`).
    Saved(String),
    /// The last write failed; the draft is still in memory.
    Failed(StorageError),
    /// Another window saved this draft; autosave waits for the user's choice.
    Conflict,
    /// Another window deleted this draft (to the 回收站); autosave waits for the user's choice.
    DeletedElsewhere,
    /// localStorage cannot be used at all.
    MemoryOnly,
}

/// The autosave of one open draft.
///
/// Invariant: a flush makes storage hold the draft as it stands *now* (the snapshot, read at the
/// moment of the flush), not as some earlier edit left it — so a switch of drafts right after
/// typing, before any effect has run, still writes that typing.
#[derive(Clone, Copy)]
pub struct Autosave {
    pub status: RwSignal<SaveStatus>,
    storage: Option<DraftStorage>,
    snapshot: Memo<Draft>,
    /// The draft's content as last written (or as read when opened), its time left out: what
    /// "unsaved" is measured against.
    saved_content: StoredValue<Option<Draft>>,
    /// The stored text this window last read or wrote: the baseline of checked saves.
    last_written: StoredValue<Option<String>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// What this window had saved when it took in another window's save: if that save raced with
    /// this window's (`adopt_other_window`), the other window backs this up.
    replaced_by_theirs: StoredValue<Option<Draft>>,
    /// Saves written to localStorage, and of them the newest whose durable copy settled (`journal`):
    /// 已保存 waits until the two meet.
    durable: StoredValue<(u64, u64)>,
}

/// A draft without its time: two drafts differing only in when they were saved say the same.
fn content_of(draft: &Draft) -> Draft {
    Draft { updated_at: String::new(), ..draft.clone() }
}

impl Autosave {
    /// Writes the pending draft, if any (unless a conflict waits for the user). Does nothing once
    /// the form is gone (a late timer or event), or once the app has stopped after a crash.
    pub fn flush(&self) {
        self.write(true);
    }

    /// Writes the draft as it stands if it differs from what was last written; `stamp`: with the
    /// time now (an edit), or keeping its time (a draft only stored in another shape).
    fn write(&self, stamp: bool) {
        let Some(storage) = self.storage else { return };
        if crate::crash::has_stopped() {
            return;
        }
        match self.status.try_get_untracked() {
            None | Some(SaveStatus::Conflict | SaveStatus::DeletedElsewhere) => return,
            Some(_) => {}
        }
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let Some(mut draft) = self.snapshot.try_get_untracked() else { return };
        let content = content_of(&draft);
        if self.saved_content.try_with_value(|saved| saved.as_ref() == Some(&content)).unwrap_or(true) {
            // Typed and taken back: storage already holds what is on screen.
            crate::crash::mark_unsaved_edits(false);
            let settled = self.durable.try_with_value(|(written, settled)| written == settled).unwrap_or(true);
            if settled && self.status.try_get_untracked() == Some(SaveStatus::Pending) {
                self.status.set(SaveStatus::Saved(local_clock_time()));
            }
            return;
        }
        if stamp {
            draft.updated_at = now_iso();
        }
        let Some(expected) = self.last_written.try_get_value() else { return };
        match storage.save_checked(&draft, expected.as_deref()) {
            Ok(written) => {
                let durable_copy = crate::workspace::journal::record(&draft.id, expected.as_deref(), &written);
                self.last_written.set_value(Some(written));
                self.saved_content.set_value(Some(content));
                crate::crash::mark_unsaved_edits(false);
                // Versions are a convenience: a full storage must not stop the save itself.
                let _ = storage.keep_version(&draft, VERSION_INTERVAL_MS);
                match durable_copy {
                    Some(durable_copy) => self.say_saved_when_durable(durable_copy),
                    None => self.status.set(SaveStatus::Saved(local_clock_time())),
                }
            }
            // Still unsaved: the next edit, page-hide or the user's choice tries again.
            Err(StorageError::ChangedElsewhere) => self.status.set(SaveStatus::Conflict),
            Err(error) => {
                // localStorage full (or refusing): the journal, with room of its own, keeps the
                // text so a crash now loses nothing; start-up puts it back once there is room.
                if let Some(durable_copy) =
                    crate::workspace::journal::record(&draft.id, expected.as_deref(), &draft.to_json())
                {
                    leptos::task::spawn_local(async move {
                        durable_copy.await;
                    });
                }
                self.status.set(SaveStatus::Failed(error));
            }
        }
    }

    /// Keeps 正在保存… until the save's durable copy is on disk (Chromium writes localStorage to
    /// disk up to a minute late); then 已保存, unless newer edits wait. A copy that could not be
    /// written (a full disk) is said: the save may not survive a crash.
    fn say_saved_when_durable(&self, durable_copy: impl std::future::Future<Output = bool> + 'static) {
        let Some(number) = self.durable.try_update_value(|(written, _)| {
            *written += 1;
            *written
        }) else {
            return;
        };
        if self.status.try_get_untracked() != Some(SaveStatus::Pending) {
            self.status.set(SaveStatus::Pending);
        }
        let autosave = *self;
        leptos::task::spawn_local(async move {
            let on_disk = durable_copy.await;
            let newest = autosave.durable.try_update_value(|(written, settled)| {
                *settled = (*settled).max(number);
                *written == number
            });
            if newest == Some(true)
                && autosave.status.try_get_untracked() == Some(SaveStatus::Pending)
                && !autosave.has_unsaved_edits()
            {
                autosave.status.set(if on_disk {
                    SaveStatus::Saved(local_clock_time())
                } else {
                    SaveStatus::Failed(StorageError::NotDurable)
                });
            }
        });
    }

    /// Ctrl+S: writes what is pending now, or confirms that everything is written.
    pub fn save_now(&self) {
        if self.has_unsaved_edits() {
            self.flush();
        } else if matches!(self.status.get_untracked(), SaveStatus::Opened | SaveStatus::Saved(_)) {
            self.status.set(SaveStatus::Saved(local_clock_time()));
        }
    }

    /// Whether this window holds edits not yet written (the draft as it stands differs from
    /// what was last written).
    pub fn has_unsaved_edits(&self) -> bool {
        let Some(content) = self.snapshot.try_with_untracked(content_of) else { return false };
        self.saved_content.try_with_value(|saved| saved.as_ref() != Some(&content)).unwrap_or(false)
    }

    /// Why the last write failed, when it did.
    pub fn problem(&self) -> Option<StorageError> {
        match self.status.try_get_untracked()? {
            SaveStatus::Failed(error) => Some(error),
            SaveStatus::Conflict => Some(StorageError::ChangedElsewhere),
            _ => None,
        }
    }

    /// The stored text this window last read or wrote (what a replacement is checked against).
    pub fn stored_text(&self) -> Option<String> {
        self.last_written.try_get_value().flatten()
    }

    /// The draft as it stands, stamped now, for files and storage.
    pub fn stamped_snapshot(&self) -> Draft {
        let mut draft = self.snapshot.get_untracked();
        draft.updated_at = now_iso();
        draft
    }

    /// The user keeps this window's version: the other window's is backed up, then replaced — a
    /// write checked against the version just backed up.
    pub fn keep_mine(&self) -> Result<(), StorageError> {
        let Some(storage) = self.storage else { return Ok(()) };
        if crate::crash::has_stopped() {
            return Ok(());
        }
        let draft = self.stamped_snapshot();
        let theirs_text = storage.raw_get(&draft_key(&draft.id))?;
        if let Ok(Some(theirs)) = storage.load(&draft.id) {
            storage.save_backup(&theirs)?;
        }
        let written = storage.save_checked(&draft, theirs_text.as_deref())?;
        self.last_written.set_value(Some(written));
        self.saved_content.set_value(Some(content_of(&draft)));
        crate::crash::mark_unsaved_edits(false);
        self.status.set(SaveStatus::Saved(local_clock_time()));
        Ok(())
    }
}

/// What autosave does with another window's saves: `adopt` takes one into the form (in place);
/// `tell` says what happened when two saves raced.
#[derive(Clone, Copy)]
pub struct OtherWindows {
    pub adopt: Callback<Draft>,
    pub tell: Callback<String>,
}

/// Starts autosaving the draft `snapshot` holds; another window's newer save goes to `others`.
/// `just_saved`: the draft was written a moment ago (the header says so, not 已打开).
pub fn start_autosave(
    snapshot: Memo<Draft>,
    edited: Trigger,
    storage: Option<DraftStorage>,
    others: OtherWindows,
    just_saved: bool,
    // Whether a draft not stored as it is gets stored at once (else at its first edit: the
    // example's draft behind the start page).
    store_at_once: bool,
) -> Autosave {
    let status = RwSignal::new(match (storage.is_some(), just_saved) {
        (false, _) => SaveStatus::MemoryOnly,
        (true, true) => SaveStatus::Saved(local_clock_time()),
        (true, false) => SaveStatus::Opened,
    });
    let draft_id = snapshot.with_untracked(|draft| draft.id.clone());
    let stored = storage.and_then(|storage| storage.raw_get(&draft_key(&draft_id)).ok().flatten());
    // A draft stored only once edited (the example behind 开始) counts as saved as it is: leaving
    // it untouched writes nothing.
    let saved_content = stored
        .as_deref()
        .and_then(|text| Draft::from_json(text).ok())
        .map(|draft| content_of(&draft))
        .or_else(|| (!store_at_once).then(|| snapshot.with_untracked(content_of)));
    let autosave = Autosave {
        status,
        storage,
        snapshot,
        saved_content: StoredValue::new(saved_content),
        last_written: StoredValue::new(stored.clone()),
        timer: StoredValue::new(None),
        durable: StoredValue::new((0, 0)),
        replaced_by_theirs: StoredValue::new(None),
    };
    match storage {
        None => confirm_leaving_after_any_edit(edited),
        Some(storage) => {
            watch_edits(autosave, edited, storage, store_at_once);
            flush_when_leaving(autosave);
            adopt_other_window(autosave, &draft_id, storage, others);
        }
    }
    autosave
}

/// Without storage nothing can be written: once anything is typed, leaving must be confirmed.
fn confirm_leaving_after_any_edit(edit: Trigger) {
    let edited = StoredValue::new(false);
    Effect::new(move |previous: Option<()>| {
        edit.track();
        if previous.is_some() {
            edited.set_value(true);
            crate::crash::mark_unsaved_edits(true);
        }
    });
    confirm_leaving_when(move || edited.get_value());
}

/// Every change of the draft is written after a pause in typing. The first run stores a draft that
/// is not stored as it is (a new one, or one migrated or tidied on opening, keeping its time) and
/// keeps a version. An edit costs a timer here; whether it changed anything is seen at the write
/// (typed and taken back: nothing written, 已保存).
fn watch_edits(autosave: Autosave, edited: Trigger, storage: DraftStorage, store_at_once: bool) {
    let status = autosave.status;
    Effect::new(move |previous: Option<()>| {
        edited.track();
        if previous.is_none() {
            if !store_at_once {
                return;
            }
            // Versions are a convenience: one that cannot be kept does not stop the editing.
            let _ = autosave.snapshot.with_untracked(|draft| storage.keep_version(draft, VERSION_INTERVAL_MS));
            autosave.write(false);
            return;
        }
        crate::crash::mark_unsaved_edits(true);
        if let Some(handle) = autosave.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if matches!(status.get_untracked(), SaveStatus::Opened | SaveStatus::Saved(_)) {
            status.set(SaveStatus::Pending);
        }
        let handle = set_timeout_with_handle(move || autosave.flush(), SAVE_DELAY).ok();
        autosave.timer.set_value(handle);
    });
}

/// Hiding, closing or reloading the page writes at once; when that cannot be done (full storage, a
/// conflict waiting) the browser asks before the edits go. Ctrl+S / ⌘S saves at once instead of
/// the browser saving the page as HTML.
fn flush_when_leaving(autosave: Autosave) {
    let page_hidden = window_event_listener_untyped("pagehide", move |_| autosave.flush());
    confirm_leaving_when(move || {
        autosave.flush();
        autosave.has_unsaved_edits()
    });
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            autosave.flush();
        }
    });
    let save_key = window_event_listener(leptos::ev::keydown, move |event| {
        if is_command_key(&event, "s") {
            event.prevent_default();
            autosave.save_now();
        }
    });
    on_cleanup(move || {
        page_hidden.remove();
        visibility.remove();
        save_key.remove();
    });
}

/// Another window wrote this draft: taken in when nothing here is unsaved, else a conflict; deleted
/// it: said, and nothing is written until the user chooses.
///
/// Two windows in different processes can save in the same instant: each checked its write against
/// its own copy of localStorage, which did not have the other's yet, so the later write silently
/// replaces the earlier. The window whose save landed later sees it — the event's old value is not
/// what it last wrote — and keeps the earlier save as a backup, saying so; the window whose save
/// was replaced recognises that backup as its own and says so too. Nothing is lost unsaid.
fn adopt_other_window(autosave: Autosave, draft_id: &str, storage: DraftStorage, others: OtherWindows) {
    let key = draft_key(draft_id);
    let backup_prefix = format!("lvzhi/backup/{draft_id}/");
    let status = autosave.status;
    let other_window = window_event_listener_untyped("storage", move |event| {
        use wasm_bindgen::JsCast;
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        let Some(event_key) = event.key() else { return };
        if event_key.starts_with(&backup_prefix) {
            recognise_own_save_backed_up(autosave, &event_key, event.new_value(), others.tell);
            return;
        }
        if event_key != key {
            return;
        }
        let new_value = event.new_value();
        let last_written = autosave.last_written.get_value();
        if new_value == last_written {
            return;
        }
        let Some(text) = new_value else {
            status.set(SaveStatus::DeletedElsewhere);
            return;
        };
        let waiting = matches!(status.get_untracked(), SaveStatus::Conflict | SaveStatus::DeletedElsewhere);
        if !waiting && event.old_value() != last_written {
            keep_raced_save(storage, &text, others.tell);
            return;
        }
        match Draft::from_json(&text) {
            Ok(theirs) if !autosave.has_unsaved_edits() && !waiting => {
                autosave.replaced_by_theirs.set_value(autosave.saved_content.get_value());
                // Stored as theirs: what the form will show is what is written.
                autosave.last_written.set_value(Some(text));
                autosave.saved_content.set_value(Some(content_of(&theirs)));
                others.adopt.run(theirs);
                status.set(SaveStatus::Saved(local_clock_time()));
            }
            _ => status.set(SaveStatus::Conflict),
        }
    });
    on_cleanup(move || other_window.remove());
}

/// Another window's save landed before this window's, which replaced it unseen: kept as a backup.
fn keep_raced_save(storage: DraftStorage, text: &str, tell: Callback<String>) {
    let kept = Draft::from_json(text).map_err(|_| ()).and_then(|theirs| storage.save_backup(&theirs).map_err(|_| ()));
    tell.run(match kept {
        Ok(backup_key) => format!(
            "另一个窗口几乎同时保存了这份草稿，本窗口的保存在后。另一个窗口的那次修改已备份（{}），可在“草稿管理”的“备份”中查看或恢复。",
            backup_time(&backup_key)
        ),
        Err(()) => "另一个窗口几乎同时保存了这份草稿，本窗口的保存在后；另一个窗口的那次修改未能备份（存储已满或内容无法读取），请在那个窗口中导出草稿文件。".to_owned(),
    });
}

/// A backup of this draft written by another window holds what this window had saved before it
/// took in that window's save: the two saves raced, and this window's was the one replaced.
fn recognise_own_save_backed_up(autosave: Autosave, backup_key: &str, text: Option<String>, tell: Callback<String>) {
    let Some(backup) = text.and_then(|text| Draft::from_json(&text).ok()) else { return };
    let Some(mine) = autosave.replaced_by_theirs.try_get_value().flatten() else { return };
    if content_of(&backup) == mine {
        autosave.replaced_by_theirs.set_value(None);
        tell.run(format!(
            "本窗口刚才保存的修改被另一个窗口几乎同时的保存替换，已备份（{}），可在“草稿管理”的“备份”中恢复。",
            backup_time(backup_key)
        ));
    }
}

/// A backup's time, from its key (`lvzhi/backup/<id>/<ms>`).
fn backup_time(backup_key: &str) -> String {
    backup_key
        .rsplit('/')
        .next()
        .and_then(|ms| ms.parse().ok())
        .map_or_else(now_iso, crate::clock::local_time_seconds_ms)
}

/// On closing or reloading the page, asks the browser to confirm leaving when `unsaved()` says
/// edits would be lost. Removed with the form.
fn confirm_leaving_when(unsaved: impl Fn() -> bool + 'static) {
    let handle = window_event_listener_untyped("beforeunload", move |event| {
        if unsaved() {
            event.prevent_default();
            // Older Chromium (many 国产 browsers) asks only when a return value is set.
            if let Some(event) = wasm_bindgen::JsCast::dyn_ref::<web_sys::BeforeUnloadEvent>(&event) {
                event.set_return_value("修改尚未保存，离开后将丢失。");
            }
        }
    });
    on_cleanup(move || handle.remove());
}
