//! The open draft's state, provided once as context to every component of the form: its framework,
//! its signals, the draft as a value, findings, routing and autosave. Components render it and call
//! its methods; they hold no state logic of their own.

pub mod autosave;
pub mod draft_signals;
pub mod edits;
pub mod field;
pub mod findings;
pub mod journal;
pub mod part_signals;
#[cfg(test)]
mod part_signals_tests;
pub mod rows;
pub mod score_signals;
#[cfg(test)]
mod score_signals_tests;

use crate::route::Router;
use crate::workspace::autosave::Autosave;
use crate::workspace::draft_signals::DraftSignals;
use crate::workspace::edits::Edits;
use crate::workspace::field::TextBinding;
use crate::workspace::findings::Findings;
use leptos::prelude::*;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::{Area, Framework};
use lvzhi_core::scoring::ScoreSheet;
use lvzhi_core::status::ItemMark;
use lvzhi_core::Draft;
use std::ops::Range;

#[derive(Clone, Copy)]
pub struct Workspace {
    /// The framework of the open draft; fixed while the form is open.
    pub framework: &'static Framework,
    /// One signal per field the user edits.
    pub signals: DraftSignals,
    /// The draft exactly as it stands, read afresh from the signals when asked (saves, files,
    /// switches); read it untracked — what follows edits follows `edits`.
    pub snapshot: Memo<Draft>,
    /// Every edit, at once (cheap), and the draft as of the last pause (for validation).
    pub edits: Edits,
    pub findings: Findings,
    /// The page shown, and the focus that follows page changes.
    pub router: Router,
    pub autosave: Autosave,
    /// The score sheet of the settled draft; `None` for a framework without points.
    pub scores: Memo<Option<ScoreSheet<'static>>>,
}

impl Workspace {
    /// Marks a field as touched, so the validator's findings on it show.
    pub fn touch(&self, location: Location) {
        self.findings.touch(self.framework, location);
    }

    /// The binding of the text input at `location`: typing writes its signal and marks it touched.
    /// Panics for a location that is not a text field (a programming error, caught by any test
    /// that renders the field).
    pub fn bind(&self, location: Location) -> TextBinding {
        let value = self.signals.text_signal(&location).expect("a text field's location");
        let workspace = *self;
        TextBinding::new(value, Callback::new(move |()| workspace.touch(location.clone())))
    }

    /// The draft as it stands, stamped now, for files and storage.
    pub fn stamped_snapshot(&self) -> Draft {
        self.autosave.stamped_snapshot()
    }

    /// Opens the page of a location, focuses its field and selects `range` in it.
    pub fn go_to(&self, location: &Location, range: Option<Range<usize>>) {
        self.router.go_to(self.framework, self.signals, location, range);
    }

    /// Applies fixes; their findings go at once, not after a pause.
    pub fn apply_fixes(&self, fixes: &[lvzhi_core::validate::Fix]) {
        self.findings.apply(self.signals, fixes);
        self.edits.settle_now();
    }

    /// Undoes the last fix.
    pub fn undo_fix(&self) {
        self.findings.undo(self.signals);
        self.edits.settle_now();
    }

    /// An item's mark (未填, 待完善, 已完成, 无此项工作任务), as a memo.
    pub fn item_mark(&self, code: &str) -> Memo<ItemMark> {
        self.findings.item_mark(self.signals, code)
    }

    /// Items done in an area (finished without errors, or rightly 无此项工作任务), as a memo.
    pub fn area_done(&self, area: &'static Area) -> Memo<usize> {
        let marks: Vec<Memo<ItemMark>> = area.items.iter().map(|item| self.item_mark(&item.code)).collect();
        Memo::new(move |_| marks.iter().filter(|mark| mark.get().is_done()).count())
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}
