//! A deletion from a list, undoable once: what the list says about it (已删除第（二）条…), the
//! 撤销删除 button, and the undo's outcome — one implementation for 存在的问题, 下一步措施 and the
//! 整改情况 entries. The list supplies how to put an entry back and where focus goes then.

use crate::route::focus_soon;
use leptos::prelude::*;

/// The last deletion of a list, while it can be undone, and the list's status line.
pub struct Removal<T: Send + Sync + 'static> {
    removed: RwSignal<Option<T>>,
    message: RwSignal<Option<String>>,
}

impl<T: Send + Sync + 'static> Clone for Removal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Removal<T> {}

impl<T: Clone + Send + Sync + 'static> Removal<T> {
    pub fn new() -> Self {
        Removal { removed: RwSignal::new(None), message: RwSignal::new(None) }
    }

    /// Something new happened to the list (an entry added): the undo and the status line go.
    pub fn forget(&self) {
        self.removed.set(None);
        self.message.set(None);
    }

    /// An entry was deleted: `message` says which; it can be put back until the next change.
    pub fn deleted(&self, entry: T, message: String) {
        self.message.set(Some(message));
        self.removed.set(Some(entry));
    }

    /// Puts the last deleted entry back through `restore`, which returns where focus goes then,
    /// or `None` when the entry's number was taken since (a new entry): said, nothing changed.
    pub fn undo(&self, restore: impl FnOnce(T) -> Option<String>) {
        let Some(entry) = self.removed.get_untracked() else { return };
        self.removed.set(None);
        match restore(entry) {
            Some(focus) => {
                self.message.set(Some("已撤销删除。".to_owned()));
                focus_soon(focus);
            }
            None => self.message.set(Some("无法撤销：该编号已被新的一条使用。".to_owned())),
        }
    }
}

/// The list's status line: the last deletion, with 撤销删除 while it can be undone.
#[component]
pub fn RemovalStatus<T: Clone + Send + Sync + 'static>(removal: Removal<T>, on_undo: Callback<()>) -> impl IntoView {
    view! {
        <p class="removal-status" role="status" aria-live="polite" data-testid="removal-status">
            {move || removal.message.get()}
            <Show when=move || removal.removed.with(Option::is_some)>
                " "<button type="button" class="link-button" on:click=move |_| on_undo.run(())>"撤销删除"</button>
            </Show>
        </p>
    }
}
