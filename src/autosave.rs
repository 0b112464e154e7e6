//! Saves the open draft to localStorage after every edit, debounced, and at once when the page is
//! hidden or closed, so a reload right after typing loses nothing; Ctrl+S saves at once.
//!
//! Every write is checked: if another window saved this draft since this one last read or wrote
//! it, nothing is written and the user chooses (never a silent overwrite). A `storage` event from
//! another window is adopted at once when this window has no unsaved edit.

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
    /// localStorage cannot be used at all.
    MemoryOnly,
}

/// Current time as ISO 8601 (for `updated_at`).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// `2024-01-05T08:00:00.000Z` → `2024-01-05 16:00` in local time (unchanged if not a time).
pub fn local_time(iso: &str) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    local_time_of(&date)
}

/// Milliseconds since 1970 (as storage keys hold them) in local time: `2024-01-05 16:00`.
pub fn local_time_ms(ms: u64) -> String {
    local_time_of(&js_sys::Date::new(&(ms as f64).into()))
}

fn local_time_of(date: &js_sys::Date) -> String {
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

fn local_clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", now.get_hours(), now.get_minutes(), now.get_seconds())
}

/// The autosave of one open draft.
#[derive(Clone, Copy)]
pub struct Autosave {
    pub status: RwSignal<SaveStatus>,
    storage: Option<DraftStorage>,
    current: Memo<Draft>,
    pending: StoredValue<Option<Draft>>,
    /// The stored text this window last read or wrote: the baseline of checked saves.
    last_written: StoredValue<Option<String>>,
}

impl Autosave {
    /// Writes the pending draft, if any (unless a conflict waits for the user). Does nothing once
    /// the form is gone (a late timer or event).
    pub fn flush(&self) {
        let Some(storage) = self.storage else { return };
        if crate::crash::has_stopped() {
            return;
        }
        match self.status.try_get_untracked() {
            None | Some(SaveStatus::Conflict) => return,
            Some(_) => {}
        }
        let Some(draft) = self.pending.try_update_value(Option::take).flatten() else { return };
        let Some(expected) = self.last_written.try_get_value() else { return };
        match storage.save_checked(&draft, expected.as_deref()) {
            Ok(written) => {
                self.last_written.set_value(Some(written));
                crate::crash::mark_unsaved_edits(false);
                // Versions are a convenience: a full storage must not stop the save itself.
                let _ = storage.keep_version(&draft, VERSION_INTERVAL_MS);
                self.status.set(SaveStatus::Saved(local_clock_time()));
            }
            Err(error) => {
                // Keep it pending: the next edit, page-hide or the user's choice tries again.
                self.pending.set_value(Some(draft));
                self.status.set(if error == StorageError::ChangedElsewhere {
                    SaveStatus::Conflict
                } else {
                    SaveStatus::Failed(error)
                });
            }
        }
    }

    /// Ctrl+S: writes what is pending now, or confirms that everything is written.
    pub fn save_now(&self) {
        if self.has_unsaved_edits() {
            self.flush();
        } else if matches!(self.status.get_untracked(), SaveStatus::Opened | SaveStatus::Saved(_)) {
            self.status.set(SaveStatus::Saved(local_clock_time()));
        }
    }

    /// Whether this window holds edits not yet written.
    pub fn has_unsaved_edits(&self) -> bool {
        self.pending.with_value(Option::is_some)
    }

    /// The user keeps this window's version: the other window's is backed up, then overwritten.
    pub fn keep_mine(&self) -> Result<(), StorageError> {
        let Some(storage) = self.storage else { return Ok(()) };
        if crate::crash::has_stopped() {
            return Ok(());
        }
        let mut draft = self.current.get_untracked();
        if let Ok(Some(theirs)) = storage.load(&draft.id) {
            storage.save_backup(&theirs)?;
        }
        draft.updated_at = now_iso();
        storage.save(&draft)?;
        self.last_written.set_value(Some(draft.to_json()));
        self.pending.set_value(None);
        crate::crash::mark_unsaved_edits(false);
        self.status.set(SaveStatus::Saved(local_clock_time()));
        Ok(())
    }
}

/// Starts autosaving the draft `current` holds.
pub fn start_autosave(
    current: Memo<Draft>,
    storage: Option<DraftStorage>,
    on_changed_elsewhere: Callback<Draft>,
) -> Autosave {
    let status = RwSignal::new(if storage.is_some() { SaveStatus::Opened } else { SaveStatus::MemoryOnly });
    let draft_id = current.with_untracked(|draft| draft.id.clone());
    let stored = storage.and_then(|storage| storage.raw_get(&draft_key(&draft_id)).ok().flatten());
    let autosave = Autosave {
        status,
        storage,
        current,
        pending: StoredValue::new(None),
        last_written: StoredValue::new(stored.clone()),
    };
    let Some(storage) = storage else {
        // Nothing can be written: once anything is typed, leaving the page must be confirmed.
        let edited = StoredValue::new(false);
        Effect::new(move |previous: Option<()>| {
            current.track();
            if previous.is_some() {
                edited.set_value(true);
                crate::crash::mark_unsaved_edits(true);
            }
        });
        confirm_leaving_when(move || edited.get_value());
        return autosave;
    };
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

    // The first run stores a draft that is not stored as it is (a new or migrated one) and keeps
    // a version of the opened one; later runs follow edits.
    Effect::new(move |previous: Option<()>| {
        let draft = current.get();
        if previous.is_none() {
            let _ = storage.keep_version(&draft, VERSION_INTERVAL_MS);
            if stored.as_deref() == Some(draft.to_json().as_str()) {
                return;
            }
        }
        let mut draft = draft;
        draft.updated_at = now_iso();
        autosave.pending.set_value(Some(draft));
        crate::crash::mark_unsaved_edits(true);
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if previous.is_none() {
            autosave.flush();
            return;
        }
        if matches!(status.get_untracked(), SaveStatus::Opened | SaveStatus::Saved(_)) {
            status.set(SaveStatus::Pending);
        }
        let handle = set_timeout_with_handle(move || autosave.flush(), SAVE_DELAY).ok();
        timer.set_value(handle);
    });

    let page_hidden = window_event_listener_untyped("pagehide", move |_| autosave.flush());
    on_cleanup(move || page_hidden.remove());
    // Closing or reloading: write now; if it cannot be written (full storage, a conflict waiting),
    // the browser asks before the edits go.
    confirm_leaving_when(move || {
        autosave.flush();
        autosave.has_unsaved_edits()
    });
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            autosave.flush();
        }
    });
    // Ctrl+S / ⌘S out of habit: save now, instead of the browser saving the page as HTML.
    let save_key = window_event_listener(leptos::ev::keydown, move |event| {
        if is_command_key(&event, "s") {
            event.prevent_default();
            autosave.save_now();
        }
    });
    // Another window wrote this draft: adopt it when nothing here is unsaved, else ask.
    let key = draft_key(&draft_id);
    let other_window = window_event_listener_untyped("storage", move |event| {
        use wasm_bindgen::JsCast;
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        if event.key().as_deref() != Some(key.as_str()) {
            return;
        }
        let new_value = event.new_value();
        if new_value == autosave.last_written.get_value() {
            return;
        }
        match new_value.as_deref().map(Draft::from_json) {
            Some(Ok(theirs)) if !autosave.has_unsaved_edits() && status.get_untracked() != SaveStatus::Conflict => {
                on_changed_elsewhere.run(theirs)
            }
            _ => status.set(SaveStatus::Conflict),
        }
    });
    on_cleanup(move || {
        visibility.remove();
        save_key.remove();
        other_window.remove();
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    });
    autosave
}

/// Ctrl+`letter`, or ⌘+`letter` on a Mac: the app's keyboard commands (Ctrl+S, Ctrl+P).
pub fn is_command_key(event: &web_sys::KeyboardEvent, letter: &str) -> bool {
    (event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case(letter)
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
