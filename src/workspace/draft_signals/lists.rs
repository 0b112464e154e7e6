//! 存在的问题 and 下一步措施 as rows of signals: added, removed with their place (and, for a
//! problem, the measures that answered it) kept for an undo, put back, moved.

use super::DraftSignals;
use crate::workspace::rows::{move_row, remove_row, restore_row};
use leptos::prelude::*;
use lvzhi_core::draft::{next_entry_id, Location};
use lvzhi_core::{Measure, Problem};

#[derive(Clone)]
pub struct ProblemRow {
    pub id: String,
    pub title: RwSignal<String>,
    pub text: RwSignal<String>,
}

#[derive(Clone)]
pub struct MeasureRow {
    pub id: String,
    pub title: RwSignal<String>,
    pub text: RwSignal<String>,
    pub answers: RwSignal<Vec<String>>,
}

impl DraftSignals {
    /// Appends a problem; its signals live as long as the draft.
    pub fn push_problem(&self, problem: Problem) {
        let row = self.owner.with_value(|owner| owner.with(|| ProblemRow::new(problem)));
        self.problems.update(|rows| rows.push(row));
    }

    /// Appends a measure; its signals live as long as the draft.
    pub fn push_measure(&self, measure: Measure) {
        let row = self.owner.with_value(|owner| owner.with(|| MeasureRow::new(measure)));
        self.measures.update(|rows| rows.push(row));
    }

    /// Removes problem `id`, and its id from every measure's answers; the returned record undoes it.
    pub fn remove_problem(&self, id: &str) -> Option<RemovedEntry<ProblemRow>> {
        let (index, row) = remove_row(self.problems, id, |row| &row.id)?;
        let removed = RemovedEntry { row, index, answered_by: Vec::new() };
        let mut answered_by = Vec::new();
        self.measures.with_untracked(|measures| {
            for measure in measures {
                if measure.answers.with_untracked(|ids| ids.iter().any(|answer| answer == id)) {
                    measure.answers.update(|ids| ids.retain(|answer| answer != id));
                    answered_by.push(measure.id.clone());
                }
            }
        });
        Some(RemovedEntry { answered_by, ..removed })
    }

    /// Puts a removed problem back where it was, with the answers that named it. Refused (false)
    /// when its id has been given to another entry since.
    pub fn restore_problem(&self, removed: RemovedEntry<ProblemRow>) -> bool {
        let id = removed.row.id.clone();
        if !restore_row(self.problems, removed.index, removed.row, |row| &row.id) {
            return false;
        }
        self.measures.with_untracked(|measures| {
            for measure in measures.iter().filter(|measure| removed.answered_by.contains(&measure.id)) {
                measure.answers.update(|ids| {
                    if !ids.contains(&id) {
                        ids.push(id.clone());
                    }
                });
            }
        });
        true
    }

    /// Removes measure `id`; the returned record undoes it.
    pub fn remove_measure(&self, id: &str) -> Option<RemovedEntry<MeasureRow>> {
        remove_row(self.measures, id, |row| &row.id).map(|(index, row)| RemovedEntry {
            row,
            index,
            answered_by: Vec::new(),
        })
    }

    /// Puts a removed measure back where it was; false when its id is taken since.
    pub fn restore_measure(&self, removed: RemovedEntry<MeasureRow>) -> bool {
        restore_row(self.measures, removed.index, removed.row, |row| &row.id)
    }

    /// The entries of a list, in order (tracks the list, not the entries' texts).
    pub fn entries(&self, kind: ListKind) -> Vec<EntryHandle> {
        match kind {
            ListKind::Problems => self.problems.with(|rows| {
                rows.iter().map(|row| EntryHandle { id: row.id.clone(), title: row.title, text: row.text }).collect()
            }),
            ListKind::Measures => self.measures.with(|rows| {
                rows.iter().map(|row| EntryHandle { id: row.id.clone(), title: row.title, text: row.text }).collect()
            }),
        }
    }

    /// Appends an entry (a measure answering `answers`); returns its id.
    pub fn add_entry(&self, kind: ListKind, title: String, text: String, answers: Vec<String>) -> String {
        let ids = self.entries_untracked_ids(kind);
        let id = next_entry_id(kind.id_prefix(), ids.iter().map(String::as_str));
        match kind {
            ListKind::Problems => self.push_problem(Problem { id: id.clone(), title, text }),
            ListKind::Measures => self.push_measure(Measure { id: id.clone(), title, text, answers }),
        }
        id
    }

    fn entries_untracked_ids(&self, kind: ListKind) -> Vec<String> {
        match kind {
            ListKind::Problems => self.problems.with_untracked(|rows| rows.iter().map(|row| row.id.clone()).collect()),
            ListKind::Measures => self.measures.with_untracked(|rows| rows.iter().map(|row| row.id.clone()).collect()),
        }
    }

    /// Removes an entry (a problem also from the measures' answers); the record undoes it.
    pub fn remove_entry(&self, kind: ListKind, id: &str) -> Option<Removed> {
        match kind {
            ListKind::Problems => self.remove_problem(id).map(Removed::Problem),
            ListKind::Measures => self.remove_measure(id).map(Removed::Measure),
        }
    }

    /// Puts a removed entry back; false when its id is taken since.
    pub fn restore_entry(&self, removed: Removed) -> bool {
        match removed {
            Removed::Problem(entry) => self.restore_problem(entry),
            Removed::Measure(entry) => self.restore_measure(entry),
        }
    }

    /// Moves an entry up (`-1`) or down (`1`), if it stays in the list.
    pub fn move_entry(&self, kind: ListKind, id: &str, offset: isize) {
        match kind {
            ListKind::Problems => move_row(self.problems, id, offset, |row| &row.id),
            ListKind::Measures => move_row(self.measures, id, offset, |row| &row.id),
        }
    }

    /// The problems a measure answers.
    pub fn answers_of(&self, measure_id: &str) -> Option<RwSignal<Vec<String>>> {
        self.measures.with_untracked(|rows| rows.iter().find(|row| row.id == measure_id).map(|row| row.answers))
    }
}

/// Which of the two lists: 存在的问题 or 下一步措施.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Problems,
    Measures,
}

impl ListKind {
    /// The prefix of its entries' ids (`p1`, `m1`) and DOM ids (`problem-p1-title`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            ListKind::Problems => "p",
            ListKind::Measures => "m",
        }
    }

    /// Where an entry's summary and text are.
    pub fn locations(self, id: &str) -> (Location, Location) {
        match self {
            ListKind::Problems => (Location::ProblemTitle(id.to_owned()), Location::ProblemText(id.to_owned())),
            ListKind::Measures => (Location::MeasureTitle(id.to_owned()), Location::MeasureText(id.to_owned())),
        }
    }

    /// The whole list, where its own findings are.
    pub fn location(self) -> Location {
        match self {
            ListKind::Problems => Location::Problems,
            ListKind::Measures => Location::Measures,
        }
    }
}

/// An entry of either list: what its editor needs.
#[derive(Clone)]
pub struct EntryHandle {
    pub id: String,
    pub title: RwSignal<String>,
    pub text: RwSignal<String>,
}

/// An entry taken out of either list, to put back.
#[derive(Clone)]
pub enum Removed {
    Problem(RemovedEntry<ProblemRow>),
    Measure(RemovedEntry<MeasureRow>),
}

impl Removed {
    /// Whether measures answered the removed problem (they no longer do).
    pub fn was_answered(&self) -> bool {
        matches!(self, Removed::Problem(entry) if !entry.answered_by.is_empty())
    }

    pub fn id(&self) -> &str {
        match self {
            Removed::Problem(entry) => &entry.row.id,
            Removed::Measure(entry) => &entry.row.id,
        }
    }
}

/// A problem or measure taken out of its list, with what is needed to put it back.
#[derive(Clone)]
pub struct RemovedEntry<Row> {
    pub row: Row,
    index: usize,
    /// Measures that answered a removed problem.
    answered_by: Vec<String>,
}

// The list is read and written in separate steps: reading a signal inside its own `update` finds
// it locked, which reactive_graph reports as a disposed value (the crash of issue 11).
impl ProblemRow {
    pub(super) fn new(problem: Problem) -> ProblemRow {
        ProblemRow { id: problem.id, title: RwSignal::new(problem.title), text: RwSignal::new(problem.text) }
    }

    pub(super) fn snapshot(&self) -> Problem {
        Problem { id: self.id.clone(), title: self.title.get(), text: self.text.get() }
    }
}

impl MeasureRow {
    pub(super) fn new(measure: Measure) -> MeasureRow {
        MeasureRow {
            id: measure.id,
            title: RwSignal::new(measure.title),
            text: RwSignal::new(measure.text),
            answers: RwSignal::new(measure.answers),
        }
    }

    pub(super) fn snapshot(&self) -> Measure {
        Measure { id: self.id.clone(), title: self.title.get(), text: self.text.get(), answers: self.answers.get() }
    }
}
