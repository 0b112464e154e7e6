//! The open draft as signals: one `RwSignal` per field the user edits, so typing in one field
//! re-runs only what reads that field.
//!
//! Invariant: `DraftSignals::from_draft(d).snapshot()` equals `d` up to untouched entries — entries
//! the framework does not know (another framework version) are carried through, never dropped.

mod lists;

pub use lists::{EntryHandle, ListKind, MeasureRow, ProblemRow, Removed};

use crate::workspace::part_signals::PartSignals;
use crate::workspace::score_signals::ScoredSignals;
use leptos::prelude::*;
use lvzhi_core::draft::field::resolve_reference;
use lvzhi_core::draft::{FrameworkRef, PartOf, SentPart, DRAFT_FORMAT, DRAFT_SCHEMA_VERSION};
use lvzhi_core::draft::{Location, MetaField};
use lvzhi_core::framework::{Framework, Level};
use lvzhi_core::{Draft, ItemEntry, Meta, Problem, Rating};
use std::collections::{BTreeMap, HashMap};

/// The meta fields: the level, and one text signal per `MetaField` (in `MetaField::ALL` order), so
/// that every loop over the fields is one loop and a new field is one more variant.
#[derive(Clone, Copy)]
pub struct MetaSignals {
    pub level: RwSignal<Level>,
    texts: [RwSignal<String>; MetaField::ALL.len()],
}

impl MetaSignals {
    fn from_meta(draft: &Draft) -> MetaSignals {
        MetaSignals {
            level: RwSignal::new(draft.meta.level),
            texts: MetaField::ALL.map(|field| RwSignal::new(field.value(draft).to_owned())),
        }
    }

    /// The signal of one meta field's text.
    pub fn text(&self, field: MetaField) -> RwSignal<String> {
        let index = MetaField::ALL.iter().position(|other| *other == field).unwrap_or_default();
        self.texts[index]
    }

    /// Subscribes to every field without reading it.
    fn track_all(&self) {
        self.level.track();
        for text in &self.texts {
            text.track();
        }
    }

    /// Writes every field into `draft`, reading (and so tracking) each signal.
    fn write_into(&self, draft: &mut Draft) {
        draft.meta.level = self.level.get();
        for field in MetaField::ALL {
            *field.value_mut(draft) = self.text(field).get();
        }
    }
}

#[derive(Clone, Copy)]
pub struct ItemSignals {
    pub narrative: RwSignal<String>,
    pub not_applicable: RwSignal<bool>,
    pub not_applicable_reason: RwSignal<String>,
    pub rating: RwSignal<Option<Rating>>,
}

/// Parts of the draft the user does not edit here, carried through unchanged.
#[derive(Clone)]
struct Carried {
    id: String,
    framework: FrameworkRef,
    created_at: String,
    updated_at: String,
    unknown_items: BTreeMap<String, ItemEntry>,
    unknown_figures: BTreeMap<String, String>,
    /// A department's part: whose draft it belongs to (never edited here).
    part_of: Option<PartOf>,
}

#[derive(Clone, Copy)]
pub struct DraftSignals {
    pub name: RwSignal<String>,
    /// The owner the draft's signals live under. Rows added later are created under it too: a
    /// row created under an editor's owner would be disposed when the user leaves that editor.
    owner: StoredValue<Owner>,
    carried: StoredValue<Carried>,
    pub meta: MetaSignals,
    items: StoredValue<HashMap<String, ItemSignals>>,
    figures: StoredValue<HashMap<String, RwSignal<String>>>,
    pub problems: RwSignal<Vec<ProblemRow>>,
    pub measures: RwSignal<Vec<MeasureRow>>,
    /// Scores, 扣分项 and condition answers (empty for a framework without points).
    pub scored: ScoredSignals,
    /// The report's own parts (基本情况, 整改情况) and the 上年值.
    pub parts: PartSignals,
    /// The parts sent to departments (分发给部门), and which came back.
    pub sent_parts: RwSignal<Vec<SentPart>>,
}

impl DraftSignals {
    pub fn from_draft(framework: &Framework, mut draft: Draft) -> DraftSignals {
        // Two entries with one id would be one field on screen: each gets its own (saved as such).
        draft.repair_entry_ids();
        let meta = MetaSignals::from_meta(&draft);
        let scored = ScoredSignals::from_draft(framework, &mut draft);
        let parts = PartSignals::from_draft(framework, &mut draft);
        let Draft {
            id,
            name,
            framework: framework_ref,
            mut items,
            mut figures,
            problems,
            measures,
            created_at,
            updated_at,
            part_of,
            sent_parts,
            ..
        } = draft;
        let item_signals: HashMap<String, ItemSignals> = framework
            .items()
            .map(|(_, item)| {
                let entry = items.remove(&item.code).unwrap_or_default();
                let signals = ItemSignals {
                    narrative: RwSignal::new(entry.narrative),
                    not_applicable: RwSignal::new(entry.not_applicable),
                    not_applicable_reason: RwSignal::new(entry.not_applicable_reason),
                    rating: RwSignal::new(entry.rating),
                };
                (item.code.clone(), signals)
            })
            .collect();
        let figure_signals: HashMap<String, RwSignal<String>> = framework
            .all_figures()
            .map(|figure| (figure.id.clone(), RwSignal::new(figures.remove(&figure.id).unwrap_or_default())))
            .collect();
        DraftSignals {
            name: RwSignal::new(name),
            owner: StoredValue::new(Owner::current().expect("the draft state is created inside the app")),
            carried: StoredValue::new(Carried {
                id,
                framework: framework_ref,
                created_at,
                updated_at,
                unknown_items: items,
                unknown_figures: figures,
                part_of,
            }),
            meta,
            items: StoredValue::new(item_signals),
            figures: StoredValue::new(figure_signals),
            problems: RwSignal::new(problems.into_iter().map(ProblemRow::new).collect()),
            measures: RwSignal::new(measures.into_iter().map(MeasureRow::new).collect()),
            scored,
            parts,
            sent_parts: RwSignal::new(sent_parts),
        }
    }

    /// Takes the content of `draft` (the same draft, as another window saved it) into the signals
    /// in place: only what differs is written, so the form is not rebuilt and the focus stays
    /// where the user is. Rows keep their signals by id; new rows are made, gone rows dropped.
    pub fn replace_with(&self, framework: &Framework, mut draft: Draft) {
        draft.repair_entry_ids();
        let set = |signal: RwSignal<String>, value: String| {
            if signal.with_untracked(|current| *current != value) {
                signal.set(value);
            }
        };
        set(self.name, std::mem::take(&mut draft.name));
        if self.meta.level.get_untracked() != draft.meta.level {
            self.meta.level.set(draft.meta.level);
        }
        for field in MetaField::ALL {
            set(self.meta.text(field), field.value(&draft).to_owned());
        }
        for (_, item) in framework.items() {
            let entry = draft.items.remove(&item.code).unwrap_or_default();
            let signals = self.item(&item.code);
            set(signals.narrative, entry.narrative);
            set(signals.not_applicable_reason, entry.not_applicable_reason);
            if signals.not_applicable.get_untracked() != entry.not_applicable {
                signals.not_applicable.set(entry.not_applicable);
            }
            if signals.rating.get_untracked() != entry.rating {
                signals.rating.set(entry.rating);
            }
        }
        for figure in framework.all_figures() {
            set(self.figure(&figure.id), draft.figures.remove(&figure.id).unwrap_or_default());
        }
        self.scored.replace_with(&mut draft);
        self.parts.replace_with(&mut draft);
        self.carried.update_value(|carried| {
            carried.unknown_items = std::mem::take(&mut draft.items);
            carried.unknown_figures = std::mem::take(&mut draft.figures);
            carried.updated_at = draft.updated_at.clone();
            carried.part_of = draft.part_of.take();
        });
        if self.sent_parts.with_untracked(|sent| *sent != draft.sent_parts) {
            self.sent_parts.set(std::mem::take(&mut draft.sent_parts));
        }
        let rows = |owner: &Owner, problems: Vec<Problem>| {
            let existing = self.problems.get_untracked();
            problems
                .into_iter()
                .map(|problem| match existing.iter().find(|row| row.id == problem.id) {
                    Some(row) => {
                        set(row.title, problem.title);
                        set(row.text, problem.text);
                        row.clone()
                    }
                    None => owner.with(|| ProblemRow::new(problem)),
                })
                .collect::<Vec<_>>()
        };
        let problems = self.owner.with_value(|owner| rows(owner, std::mem::take(&mut draft.problems)));
        let existing = self.measures.get_untracked();
        let measures: Vec<MeasureRow> = self.owner.with_value(|owner| {
            std::mem::take(&mut draft.measures)
                .into_iter()
                .map(|measure| match existing.iter().find(|row| row.id == measure.id) {
                    Some(row) => {
                        set(row.title, measure.title);
                        set(row.text, measure.text);
                        if row.answers.with_untracked(|answers| *answers != measure.answers) {
                            row.answers.set(measure.answers);
                        }
                        row.clone()
                    }
                    None => owner.with(|| MeasureRow::new(measure)),
                })
                .collect()
        });
        let ids = |rows: &[ProblemRow]| rows.iter().map(|row| row.id.clone()).collect::<Vec<_>>();
        if self.problems.with_untracked(|current| ids(current)) != ids(&problems) {
            self.problems.set(problems);
        }
        let measure_ids = |rows: &[MeasureRow]| rows.iter().map(|row| row.id.clone()).collect::<Vec<_>>();
        if self.measures.with_untracked(|current| measure_ids(current)) != measure_ids(&measures) {
            self.measures.set(measures);
        }
    }

    /// Item entries of codes the framework does not know (from another framework version).
    pub fn unknown_items(&self) -> Vec<(String, ItemEntry)> {
        self.carried.with_value(|carried| {
            carried.unknown_items.iter().map(|(code, entry)| (code.clone(), entry.clone())).collect()
        })
    }

    /// The signal holding the text at `location` (for inputs and fixes); `None` for locations that
    /// are not one text.
    pub fn text_signal(&self, location: &Location) -> Option<RwSignal<String>> {
        match location {
            Location::Meta(field) => Some(self.meta.text(*field)),
            Location::ItemNarrative(code) => self.items.with_value(|items| items.get(code).map(|item| item.narrative)),
            Location::ItemReason(code) => {
                self.items.with_value(|items| items.get(code).map(|item| item.not_applicable_reason))
            }
            Location::ProblemTitle(id) => {
                self.problems.with_untracked(|rows| rows.iter().find(|row| &row.id == id).map(|row| row.title))
            }
            Location::ProblemText(id) => {
                self.problems.with_untracked(|rows| rows.iter().find(|row| &row.id == id).map(|row| row.text))
            }
            Location::MeasureTitle(id) => {
                self.measures.with_untracked(|rows| rows.iter().find(|row| &row.id == id).map(|row| row.title))
            }
            Location::MeasureText(id) => {
                self.measures.with_untracked(|rows| rows.iter().find(|row| &row.id == id).map(|row| row.text))
            }
            Location::Figure(id) => self.figures.with_value(|figures| figures.get(id).copied()),
            Location::Score(code) => self.scored.row(code).map(|row| row.score),
            Location::ScoreExplanation(code) => self.scored.row(code).map(|row| row.explanation),
            Location::Deduction(code) => self.scored.deduction(code).map(|entry| entry.occurrences),
            Location::Condition(code) => self.scored.condition(code).map(|entry| entry.explanation),
            Location::Section(code) => self.parts.section(code),
            Location::Rectification(id, field) => self.parts.rectification_text(id, *field),
            Location::Item(_)
            | Location::Problems
            | Location::Measures
            | Location::Report
            | Location::Rectifications => None,
        }
    }

    /// The signals of a framework item. Every item of the framework has them.
    pub fn item(&self, code: &str) -> ItemSignals {
        self.items.with_value(|items| items[code])
    }

    /// The signal of a framework figure's raw input.
    pub fn figure(&self, id: &str) -> RwSignal<String> {
        self.figures.with_value(|figures| figures[id])
    }

    /// Subscribes to an item's fields (without copying any text): edits.rs watches every field
    /// this way, in groups.
    pub fn track_item(&self, code: &str) {
        let Some(item) = self.items.with_value(|items| items.get(code).copied()) else { return };
        item.narrative.track();
        item.not_applicable.track();
        item.not_applicable_reason.track();
        item.rating.track();
        self.scored.track_item(code);
    }

    /// Subscribes to a figure's input.
    pub fn track_figure(&self, id: &str) {
        if let Some(raw) = self.figures.with_value(|figures| figures.get(id).copied()) {
            raw.track();
        }
    }

    /// The ids of every figure with a signal.
    pub fn figure_ids(&self) -> Vec<String> {
        self.figures.with_value(|figures| figures.keys().cloned().collect())
    }

    /// Subscribes to the name, the meta fields and the lists (their rows and every row's fields).
    pub fn track_meta_and_lists(&self) {
        self.name.track();
        self.meta.track_all();
        self.scored.track_framework_wide();
        self.parts.track_all();
        self.sent_parts.track();
        self.problems.with(|rows| {
            for row in rows {
                row.title.track();
                row.text.track();
            }
        });
        self.measures.with(|rows| {
            for row in rows {
                row.title.track();
                row.text.track();
                row.answers.track();
            }
        });
    }

    /// The draft as it stands, reading (and so tracking) every field. `updated_at` is the time it
    /// was opened with; whoever saves sets it.
    pub fn snapshot(&self) -> Draft {
        let carried = self.carried.get_value();
        let mut items = carried.unknown_items;
        self.items.with_value(|signals| {
            for (code, item) in signals {
                let entry = ItemEntry {
                    narrative: item.narrative.get(),
                    not_applicable: item.not_applicable.get(),
                    not_applicable_reason: item.not_applicable_reason.get(),
                    rating: item.rating.get(),
                    score: String::new(),
                };
                if !entry.is_untouched() {
                    items.insert(code.clone(), entry);
                }
            }
        });
        let mut figures = carried.unknown_figures;
        self.figures.with_value(|signals| {
            for (id, raw) in signals {
                let raw = raw.get();
                if !raw.is_empty() {
                    figures.insert(id.clone(), raw);
                }
            }
        });
        let mut draft = Draft {
            format: DRAFT_FORMAT.to_owned(),
            schema_version: DRAFT_SCHEMA_VERSION,
            id: carried.id,
            name: self.name.get(),
            framework: carried.framework,
            meta: Meta::default(),
            items,
            figures,
            problems: self.problems.with(|rows| rows.iter().map(ProblemRow::snapshot).collect()),
            measures: self.measures.with(|rows| rows.iter().map(MeasureRow::snapshot).collect()),
            scores: BTreeMap::new(),
            deductions: BTreeMap::new(),
            conditions: BTreeMap::new(),
            sections: BTreeMap::new(),
            rectifications: Vec::new(),
            previous_figures: BTreeMap::new(),
            previous_scores: BTreeMap::new(),
            part_of: carried.part_of,
            sent_parts: self.sent_parts.get(),
            created_at: carried.created_at,
            updated_at: carried.updated_at,
        };
        self.meta.write_into(&mut draft);
        self.scored.write_into(&mut draft);
        self.parts.write_into(&mut draft);
        draft
    }

    /// Resolves a `{name}` reference for rendering, tracking only the signal it reads (the same
    /// resolver as `Draft::reference_value`).
    pub fn reference_value(&self, framework: &Framework, name: &str) -> Option<String> {
        resolve_reference(
            name,
            |name| framework.figure_by_name(name),
            |field| self.meta.text(field).get(),
            |figure| self.figure(&figure.id).get(),
        )
    }
}

#[cfg(test)]
pub(crate) mod tests;
