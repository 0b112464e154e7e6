//! What every component of the form shares, provided once as context.

use crate::autosave::Autosave;
use crate::checks::Checks;
use crate::draft_state::DraftState;
use crate::route::View;
use leptos::prelude::*;
use lvzhi_core::framework::Framework;
use lvzhi_core::Draft;

impl Session {
    /// The framework a draft was made with: the built-in one, or one kept from a framework file.
    pub fn framework_for(&self, framework_id: &str) -> Option<&'static Framework> {
        if framework_id == self.framework.id {
            return Some(self.framework);
        }
        if let Some(found) =
            self.loaded_frameworks.with_value(|loaded| loaded.iter().copied().find(|f| f.id == framework_id))
        {
            return Some(found);
        }
        let text = self.storage?.framework_text(framework_id)?;
        let framework: &'static Framework = Box::leak(Box::new(Framework::from_json(&text).ok()?));
        self.loaded_frameworks.update_value(|loaded| loaded.push(framework));
        Some(framework)
    }

    /// Keeps a framework brought as a file (`text`, as read, already checked into `framework`): in
    /// storage, so drafts made from it open again, and in this session.
    pub fn keep_framework(
        &self,
        framework: Framework,
        text: &str,
    ) -> Result<&'static Framework, lvzhi_storage::StorageError> {
        if let Some(storage) = self.storage {
            storage.save_framework(&framework.id, text)?;
        }
        Ok(self.add_framework(framework))
    }

    /// Registers a framework for this session only.
    fn add_framework(&self, framework: Framework) -> &'static Framework {
        let framework: &'static Framework = Box::leak(Box::new(framework));
        self.loaded_frameworks.update_value(|loaded| {
            loaded.retain(|known| known.id != framework.id);
            loaded.push(framework);
        });
        framework
    }
}

/// What outlives any one draft: the frameworks, storage, and which draft is open.
#[derive(Clone, Copy)]
pub struct Session {
    /// The built-in framework.
    pub framework: &'static Framework,
    /// Frameworks brought as files (kept in storage), parsed once.
    pub loaded_frameworks: StoredValue<Vec<&'static Framework>>,
    /// `None` when localStorage cannot be used.
    pub storage: Option<lvzhi_storage::DraftStorage>,
    /// The draft to show, with a notice about how it was opened. Setting it rebuilds the form.
    pub opened: RwSignal<(Draft, Option<String>)>,
    /// The draft as it was before the last merge, for one undo.
    pub undo: RwSignal<Option<Draft>>,
    /// A new version of the app is installed and waits for the user's 更新.
    pub update_ready: RwSignal<bool>,
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
    /// Page changes and the focus that follows them.
    pub router: crate::route::Router,
    pub autosave: Autosave,
    /// A problem found while opening (corrupt or unavailable storage), shown until dismissed.
    pub startup_notice: RwSignal<Option<String>>,
}

impl Workspace {
    /// Marks a field as touched, so the validator's findings on it show.
    pub fn touch(&self, location: lvzhi_core::draft::Location) {
        self.checks.touch(self.framework, location);
    }

    /// The binding of the text input at `location`: typing writes its signal and marks it touched.
    /// Panics for a location that is not a text field (a programming error, caught by any test
    /// that renders the field).
    pub fn bind(&self, location: lvzhi_core::draft::Location) -> crate::field::TextBinding {
        let value = self.draft.text_signal(&location).expect("a text field's location");
        let workspace = *self;
        crate::field::TextBinding::new(value, Callback::new(move |()| workspace.touch(location.clone())))
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}
