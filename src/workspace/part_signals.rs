//! The report's own parts of the open draft as signals (the framework's skeleton): one text signal
//! per narrative part (基本情况), the 整改情况 rows, and the 上年值 carried for display.
//!
//! Invariant: as `DraftSignals`, `from_draft(..).write_into` gives back what it was made from up to
//! empty entries; sections of codes the skeleton does not know are carried, never dropped.

use leptos::prelude::*;
use lvzhi_core::draft::{next_entry_id, Draft, Rectification, RectificationField};
use lvzhi_core::framework::Framework;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone)]
pub struct RectificationRow {
    pub id: String,
    pub texts: [RwSignal<String>; 3],
    pub done: RwSignal<Option<bool>>,
}

impl RectificationRow {
    fn new(entry: Rectification) -> RectificationRow {
        RectificationRow {
            texts: RectificationField::ALL.map(|field| RwSignal::new(entry.text(field).to_owned())),
            done: RwSignal::new(entry.done),
            id: entry.id,
        }
    }

    pub fn text(&self, field: RectificationField) -> RwSignal<String> {
        self.texts[RectificationField::ALL.iter().position(|other| *other == field).unwrap_or_default()]
    }

    fn snapshot(&self) -> Rectification {
        let mut entry = Rectification { id: self.id.clone(), done: self.done.get(), ..Rectification::default() };
        for field in RectificationField::ALL {
            *entry.text_mut(field) = self.text(field).get();
        }
        entry
    }

    fn track(&self) {
        self.done.track();
        for text in &self.texts {
            text.track();
        }
    }
}

#[derive(Clone, Copy)]
pub struct PartSignals {
    owner: StoredValue<Owner>,
    sections: StoredValue<HashMap<String, RwSignal<String>>>,
    pub rectifications: RwSignal<Vec<RectificationRow>>,
    /// Sections of codes the skeleton does not know, and the 上年值: carried through unchanged.
    unknown_sections: StoredValue<BTreeMap<String, String>>,
    previous_figures: StoredValue<BTreeMap<String, String>>,
}

impl PartSignals {
    pub fn from_draft(framework: &Framework, draft: &mut Draft) -> PartSignals {
        let mut sections = std::mem::take(&mut draft.sections);
        let signals = framework
            .report
            .content_parts()
            .filter(|part| part.kind == lvzhi_core::framework::PartKind::Narrative)
            .map(|part| (part.code.clone(), RwSignal::new(sections.remove(&part.code).unwrap_or_default())))
            .collect();
        let rows = std::mem::take(&mut draft.rectifications).into_iter().map(RectificationRow::new).collect();
        PartSignals {
            owner: StoredValue::new(Owner::current().expect("the draft state is created inside the app")),
            sections: StoredValue::new(signals),
            rectifications: RwSignal::new(rows),
            unknown_sections: StoredValue::new(sections),
            previous_figures: StoredValue::new(std::mem::take(&mut draft.previous_figures)),
        }
    }

    /// Takes another window's save into the signals, writing only what differs.
    pub fn replace_with(&self, draft: &mut Draft) {
        let mut sections = std::mem::take(&mut draft.sections);
        self.sections.with_value(|signals| {
            for (code, signal) in signals {
                let text = sections.remove(code).unwrap_or_default();
                if signal.with_untracked(|current| *current != text) {
                    signal.set(text);
                }
            }
        });
        self.unknown_sections.set_value(sections);
        self.previous_figures.set_value(std::mem::take(&mut draft.previous_figures));
        let entries = std::mem::take(&mut draft.rectifications);
        let current: Vec<Rectification> =
            self.rectifications.with_untracked(|rows| rows.iter().map(|row| row.snapshot()).collect());
        if current != entries {
            let rows =
                self.owner.with_value(|owner| owner.with(|| entries.into_iter().map(RectificationRow::new).collect()));
            self.rectifications.set(rows);
        }
    }

    /// Writes the parts into `draft`, reading (and so tracking) every signal.
    pub fn write_into(&self, draft: &mut Draft) {
        let mut sections = self.unknown_sections.get_value();
        self.sections.with_value(|signals| {
            for (code, signal) in signals {
                let text = signal.get();
                if !text.is_empty() {
                    sections.insert(code.clone(), text);
                }
            }
        });
        draft.sections = sections;
        draft.rectifications = self.rectifications.with(|rows| rows.iter().map(RectificationRow::snapshot).collect());
        draft.previous_figures = self.previous_figures.get_value();
    }

    /// Subscribes to every part's fields.
    pub fn track_all(&self) {
        self.sections.with_value(|signals| signals.values().for_each(|signal| signal.track()));
        self.rectifications.with(|rows| rows.iter().for_each(RectificationRow::track));
    }

    pub fn section(&self, code: &str) -> Option<RwSignal<String>> {
        self.sections.with_value(|signals| signals.get(code).copied())
    }

    pub fn rectification_text(&self, id: &str, field: RectificationField) -> Option<RwSignal<String>> {
        self.rectifications.with_untracked(|rows| rows.iter().find(|row| row.id == id).map(|row| row.text(field)))
    }

    /// Last year's value of a figure, as typed then.
    pub fn previous_figure(&self, id: &str) -> Option<String> {
        self.previous_figures.with_value(|values| values.get(id).cloned()).filter(|value| !value.trim().is_empty())
    }

    /// Appends an empty 整改情况 entry; returns its id.
    pub fn add_rectification(&self) -> String {
        let id = self.rectifications.with_untracked(|rows| next_entry_id("r", rows.iter().map(|row| row.id.as_str())));
        let entry = Rectification { id: id.clone(), ..Rectification::default() };
        let row = self.owner.with_value(|owner| owner.with(|| RectificationRow::new(entry)));
        self.rectifications.update(|rows| rows.push(row));
        id
    }

    /// Removes an entry; returns it with its position, to put back.
    pub fn remove_rectification(&self, id: &str) -> Option<(usize, RectificationRow)> {
        crate::workspace::rows::remove_row(self.rectifications, id, |row| &row.id)
    }

    /// Puts a removed entry back where it was (false when its id is taken since).
    pub fn restore_rectification(&self, index: usize, row: RectificationRow) -> bool {
        crate::workspace::rows::restore_row(self.rectifications, index, row, |row| &row.id)
    }
}
