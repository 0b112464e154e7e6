//! The framework the editor works on. It may be unsound between two changes (a node without a
//! title, a code used twice — that is what the editor's problem list is for), so it is not a
//! [`Framework`]: every `Framework` value has passed `Framework::from_json`, and code elsewhere
//! relies on that. Only [`WorkingCopy::finish`] makes one, through those same checks.

use crate::framework::{Framework, FrameworkError, FRAMEWORK_SCHEMA_VERSION};
use serde::{Deserialize, Serialize};

/// A framework being edited: read through [`WorkingCopy::parts`], turned into a `Framework` only
/// by [`WorkingCopy::finish`]. Kept as the framework's own JSON (the browser keeps unsaved
/// edits under the framework's id), read back without the checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkingCopy(Framework);

impl WorkingCopy {
    /// A copy of a checked framework to edit.
    pub fn of(framework: Framework) -> WorkingCopy {
        WorkingCopy(framework)
    }

    /// Its parts, to show them in the editor's forms. Not a checked framework: nothing that needs
    /// one (drafts, the report, scoring) is given this.
    pub fn parts(&self) -> &Framework {
        &self.0
    }

    pub(super) fn parts_mut(&mut self) -> &mut Framework {
        &mut self.0
    }

    /// Within the core, for a builder that checks what it made at once (the indicator table's
    /// assembly): the unchecked value.
    pub(crate) fn into_unchecked(self) -> Framework {
        self.0
    }

    /// The framework, through the same checks as a file (written in the newest schema).
    pub fn finish(&self) -> Result<Framework, FrameworkError> {
        let current = Framework { schema_version: FRAMEWORK_SCHEMA_VERSION, ..self.0.clone() };
        let text = serde_json::to_string(&current).expect("a framework serialises");
        Framework::from_json(&text)
    }

    /// The working copy as kept in storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).expect("a framework serialises")
    }

    /// A kept working copy, read back: its shape only (a text that is not a framework's shape is
    /// `None`); its soundness is the editor's to show.
    pub fn from_json(text: &str) -> Option<WorkingCopy> {
        serde_json::from_str(text).ok()
    }
}
