//! The open draft as signals: one `RwSignal` per field the user edits, so typing in one field
//! re-runs only what reads that field.
//!
//! Invariant: `DraftSignals::from_draft(d).snapshot()` equals `d` up to untouched entries — entries
//! the framework does not know (another framework version) are carried through, never dropped.

use crate::part_signals::PartSignals;
use crate::rows::{move_row, remove_row, restore_row};
use crate::score_signals::ScoredSignals;
use leptos::prelude::*;
use lvzhi_core::draft::field::resolve_reference;
use lvzhi_core::draft::{next_entry_id, FrameworkRef, DRAFT_FORMAT, DRAFT_SCHEMA_VERSION};
use lvzhi_core::draft::{Location, MetaField};
use lvzhi_core::framework::{Framework, Level};
use lvzhi_core::{Draft, ItemEntry, Measure, Meta, Problem, Rating};
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

/// Parts of the draft the user does not edit here, carried through unchanged.
#[derive(Clone)]
struct Carried {
    id: String,
    framework: FrameworkRef,
    created_at: String,
    updated_at: String,
    unknown_items: BTreeMap<String, ItemEntry>,
    unknown_figures: BTreeMap<String, String>,
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
            }),
            meta,
            items: StoredValue::new(item_signals),
            figures: StoredValue::new(figure_signals),
            problems: RwSignal::new(problems.into_iter().map(ProblemRow::new).collect()),
            measures: RwSignal::new(measures.into_iter().map(MeasureRow::new).collect()),
            scored,
            parts,
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
        });
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
    fn new(problem: Problem) -> ProblemRow {
        ProblemRow { id: problem.id, title: RwSignal::new(problem.title), text: RwSignal::new(problem.text) }
    }

    fn snapshot(&self) -> Problem {
        Problem { id: self.id.clone(), title: self.title.get(), text: self.text.get() }
    }
}

impl MeasureRow {
    fn new(measure: Measure) -> MeasureRow {
        MeasureRow {
            id: measure.id,
            title: RwSignal::new(measure.title),
            text: RwSignal::new(measure.text),
            answers: RwSignal::new(measure.answers),
        }
    }

    fn snapshot(&self) -> Measure {
        Measure { id: self.id.clone(), title: self.title.get(), text: self.text.get(), answers: self.answers.get() }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use lvzhi_core::Framework;

    /// A draft holding something in every field, and entries of another framework version.
    pub(crate) fn full_draft(framework: &Framework) -> Draft {
        let mut draft = Draft::new(framework, "d1".into(), "2024-01-05T08:00:00.000Z".into());
        for field in MetaField::ALL {
            *field.value_mut(&mut draft) = format!("{}的值", field.label_zh());
        }
        draft.meta.level = Level::County;
        draft.name = "第二稿".into();
        draft.items.insert(
            "A1.1".into(),
            ItemEntry { narrative: "建立领导小组。".into(), rating: Some(Rating::Met), ..Default::default() },
        );
        // A score of a framework without points (from another version): carried through.
        draft.scores.insert("A1.1".into(), lvzhi_core::draft::ScoreEntry { score: "9.5".into(), ..Default::default() });
        draft.items.insert(
            "A3.4".into(),
            ItemEntry { not_applicable: true, not_applicable_reason: "无高校".into(), ..Default::default() },
        );
        draft.items.insert("Z9.9".into(), ItemEntry { narrative: "新版指标".into(), ..Default::default() });
        draft.figures.insert("education_budget_total".into(), "3.73".into());
        draft.figures.insert("a_figure_of_another_version".into(), "12".into());
        draft.problems.push(Problem { id: "p1".into(), title: "问题一".into(), text: "说明".into() });
        draft.problems.push(Problem { id: "p2".into(), title: "问题二".into(), text: String::new() });
        draft.measures.push(Measure {
            id: "m1".into(),
            title: "措施".into(),
            text: "内容".into(),
            answers: vec!["p1".into(), "p2".into()],
        });
        draft
    }

    fn with_owner<T>(run: impl FnOnce() -> T) -> T {
        let owner = Owner::new();
        owner.set();
        run()
    }

    #[test]
    fn the_signals_give_back_the_draft_they_were_made_from() {
        with_owner(|| {
            let framework = Framework::builtin();
            let draft = full_draft(&framework);
            let signals = DraftSignals::from_draft(&framework, draft.clone());
            assert_eq!(signals.snapshot(), draft, "carried entries included");
        });
    }

    #[test]
    fn every_text_location_has_its_signal() {
        with_owner(|| {
            let framework = Framework::builtin();
            let signals = DraftSignals::from_draft(&framework, full_draft(&framework));
            for field in MetaField::ALL {
                let signal = signals.text_signal(&Location::Meta(field)).unwrap();
                assert_eq!(signal.get_untracked(), format!("{}的值", field.label_zh()));
            }
            assert_eq!(signals.text_signal(&Location::ProblemText("p1".into())).unwrap().get_untracked(), "说明");
            assert!(signals.text_signal(&Location::Report).is_none());
        });
    }

    #[test]
    fn removing_a_problem_unticks_it_and_undoing_puts_both_back() {
        with_owner(|| {
            let framework = Framework::builtin();
            let draft = full_draft(&framework);
            let signals = DraftSignals::from_draft(&framework, draft.clone());
            let removed = signals.remove_problem("p1").unwrap();
            let snapshot = signals.snapshot();
            assert_eq!(snapshot.problems.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p2"]);
            assert_eq!(snapshot.measures[0].answers, ["p2"], "no dangling id");
            assert!(signals.restore_problem(removed));
            let restored = signals.snapshot();
            assert_eq!(restored.problems, draft.problems);
            let mut answers = restored.measures[0].answers.clone();
            answers.sort();
            assert_eq!(answers, ["p1", "p2"]);
        });
    }

    #[test]
    fn an_undo_is_refused_when_the_id_was_given_to_another_entry() {
        with_owner(|| {
            let framework = Framework::builtin();
            let signals = DraftSignals::from_draft(&framework, full_draft(&framework));
            let removed = signals.remove_problem("p2").unwrap();
            signals.push_problem(Problem { id: "p2".into(), title: "新的第二条".into(), text: String::new() });
            assert!(!signals.restore_problem(removed));
            assert_eq!(signals.snapshot().problems[1].title, "新的第二条");
        });
    }

    #[test]
    fn entries_move_within_bounds() {
        with_owner(|| {
            let framework = Framework::builtin();
            let signals = DraftSignals::from_draft(&framework, full_draft(&framework));
            signals.move_entry(ListKind::Problems, "p1", 1);
            assert_eq!(signals.snapshot().problems[0].id, "p2");
            signals.move_entry(ListKind::Problems, "p1", 1);
            assert_eq!(signals.snapshot().problems[1].id, "p1", "the last one stays last");
        });
    }
}

#[cfg(test)]
mod replace_tests {
    use super::*;
    use lvzhi_core::Framework;

    #[test]
    fn another_windows_save_is_taken_in_place_and_the_snapshot_is_theirs() {
        let owner = Owner::new();
        owner.set();
        let framework = Framework::builtin();
        let mut mine = Draft::new(&framework, "d".into(), "t0".into());
        mine.problems.push(Problem { id: "p1".into(), title: "问题一".into(), text: String::new() });
        mine.problems.push(Problem { id: "p2".into(), title: "问题二".into(), text: String::new() });
        let signals = DraftSignals::from_draft(&framework, mine.clone());
        let kept_title = signals.problems.get_untracked()[0].title;
        let mut theirs = mine.clone();
        theirs.updated_at = "t1".into();
        theirs.meta.region = "资阳市".into();
        theirs.items.insert("A1.1".into(), ItemEntry { narrative: "他们写的。".into(), ..Default::default() });
        theirs.figures.insert("education_budget_total".into(), "3.73".into());
        theirs.problems[0].title = "问题一（改）".into();
        theirs.problems.remove(1);
        theirs.problems.push(Problem { id: "p3".into(), title: "新问题".into(), text: String::new() });
        signals.replace_with(&framework, theirs.clone());
        assert_eq!(signals.snapshot(), theirs);
        assert_eq!(signals.problems.get_untracked()[0].title, kept_title, "the same row, so its input keeps focus");
    }
}
