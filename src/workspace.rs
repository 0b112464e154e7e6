//! What every component of the form shares, provided once as context.

use crate::autosave::SaveStatus;
use crate::draft_state::DraftState;
use crate::route::View;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;

#[derive(Clone, Copy)]
pub struct Workspace {
    /// The framework of the open draft; fixed while the page is open.
    pub framework: &'static Framework,
    pub draft: DraftState,
    pub view: RwSignal<View>,
    pub save_status: RwSignal<SaveStatus>,
    /// A problem found while opening (corrupt or unavailable storage), shown until dismissed.
    pub startup_notice: RwSignal<Option<String>>,
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}
