//! Saves the open draft to localStorage after every edit, debounced, and at once when the page is
//! hidden or closed, so a reload right after typing loses nothing.

use leptos::prelude::*;
use lvzhi_core::Draft;
use lvzhi_storage::{DraftStorage, StorageError};
use std::time::Duration;

/// How long typing may pause before the draft is written.
const SAVE_DELAY: Duration = Duration::from_millis(400);

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
    /// localStorage cannot be used at all.
    MemoryOnly,
}

/// Current time as ISO 8601 (for `updated_at`).
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

fn local_clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!("{:02}:{:02}:{:02}", now.get_hours(), now.get_minutes(), now.get_seconds())
}

/// Starts autosaving the draft `current` holds. Returns the status signal for display.
pub fn start_autosave(current: Memo<Draft>, storage: Option<DraftStorage>) -> RwSignal<SaveStatus> {
    let status = RwSignal::new(if storage.is_some() { SaveStatus::Opened } else { SaveStatus::MemoryOnly });
    let Some(storage) = storage else { return status };
    let pending: StoredValue<Option<Draft>> = StoredValue::new(None);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);

    let write = move || {
        let Some(draft) = pending.try_update_value(Option::take).flatten() else { return };
        match storage.save(&draft) {
            Ok(()) => status.set(SaveStatus::Saved(local_clock_time())),
            Err(error) => {
                // Keep it pending so the next edit or page-hide tries again.
                pending.set_value(Some(draft));
                status.set(SaveStatus::Failed(error));
            }
        }
    };

    // The first run saves the draft as opened (a new draft is stored at once); later runs follow edits.
    Effect::new(move |previous: Option<()>| {
        let mut draft = current.get();
        draft.updated_at = now_iso();
        pending.set_value(Some(draft));
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if previous.is_none() {
            write();
            return;
        }
        if !matches!(status.get_untracked(), SaveStatus::Failed(_)) {
            status.set(SaveStatus::Pending);
        }
        let handle = set_timeout_with_handle(write, SAVE_DELAY).ok();
        timer.set_value(handle);
    });

    for event in ["pagehide", "beforeunload"] {
        let handle = window_event_listener_untyped(event, move |_| write());
        on_cleanup(move || handle.remove());
    }
    let visibility = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            write();
        }
    });
    on_cleanup(move || visibility.remove());
    status
}
