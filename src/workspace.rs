//! What every component of the form shares, provided once as context.

use crate::autosave::Autosave;
use crate::checks::Checks;
use crate::draft_state::DraftState;
use crate::route::View;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;
use lvzhi_core::Draft;

/// What outlives any one draft: the framework, storage, and which draft is open.
#[derive(Clone, Copy)]
pub struct Session {
    pub framework: &'static Framework,
    /// `None` when localStorage cannot be used.
    pub storage: Option<lvzhi_storage::DraftStorage>,
    /// The draft to show, with a notice about how it was opened. Setting it rebuilds the form.
    pub opened: RwSignal<(Draft, Option<String>)>,
    /// The draft as it was before the last merge, for one undo.
    pub undo: RwSignal<Option<Draft>>,
}

#[derive(Clone, Copy)]
pub struct Workspace {
    /// The framework of the open draft; fixed while the page is open.
    pub framework: &'static Framework,
    pub draft: DraftState,
    /// The draft as a value, recomputed when any field changes (autosave and validation read it).
    pub current: Memo<Draft>,
    pub checks: Checks,
    pub view: RwSignal<View>,
    pub autosave: Autosave,
    /// A problem found while opening (corrupt or unavailable storage), shown until dismissed.
    pub startup_notice: RwSignal<Option<String>>,
}

impl Workspace {
    /// Marks a field as touched, so the validator's findings on it show.
    pub fn touch(&self, location: lvzhi_core::validate::Location) {
        self.checks.touch(self.framework, location);
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}
