//! What 汇总 compares across units: a figure — the one the user picked, else the first with a
//! threshold that some unit filled in (a chart of nothing helps no one) — and an item, each with
//! every unit's cell; and the 汇总表 written with the figure and with each unit's 复核.

use crate::collect::collect_state::CollectState;
use leptos::prelude::*;
use lvzhi_core::collection::{
    credibility, figure_across, item_across, requirement, summary_docx, unit_name, Credibility, FigureCell,
    FigureSection, ItemCell, UnitSummary,
};
use lvzhi_core::framework::{Figure, Framework};
use lvzhi_core::Draft;
use std::collections::BTreeMap;

impl CollectState {
    /// The id of the figure compared across units in `framework` (the reference framework).
    pub fn shown_figure(&self, framework: &Framework) -> Option<String> {
        self.chosen_figure.get().or_else(|| {
            let figures: Vec<&Figure> = framework.items().flat_map(|(_, item)| item.figures.iter()).collect();
            let with_threshold: Vec<&Figure> =
                figures.iter().copied().filter(|figure| !figure.thresholds.is_empty()).collect();
            let filled = |figure: &&&Figure| self.has_values(&figure.id);
            let chosen = with_threshold.iter().find(filled).or(with_threshold.first());
            chosen.or(figures.first()).map(|figure| figure.id.clone())
        })
    }

    /// Whether any unit has typed something for the figure (the picker marks the others).
    pub fn has_values(&self, id: &str) -> bool {
        self.collection.with_untracked(|collection| {
            collection.units.iter().any(|unit| !unit.draft.figure_raw(id).trim().is_empty())
        })
    }

    /// Every unit's value of the figure, in the order units were added.
    pub fn figure_cells(&self, id: &str) -> Vec<FigureCell> {
        self.with_units(|units| figure_across(id, units))
    }

    /// Every unit's status, score and text of the item `code`, in the order units were added.
    pub fn item_cells(&self, code: &str) -> Vec<ItemCell> {
        self.with_units(|units| item_across(code, units))
    }

    /// The units with their frameworks, as `(key, name, framework, draft)` in the order added.
    fn with_units<T>(&self, read: impl FnOnce(Vec<(&str, &str, &Framework, &Draft)>) -> T) -> T {
        self.collection.with(|collection| {
            let keyed: Vec<_> = collection
                .units
                .iter()
                .filter_map(|unit| Some((unit.key(), collection.framework_of(unit)?, &unit.draft)))
                .collect();
            read(
                keyed
                    .iter()
                    .map(|(key, framework, draft)| (key.as_str(), unit_name(draft), *framework, *draft))
                    .collect(),
            )
        })
    }

    /// Each reviewed unit's 自评可信度, by unit key (for the 汇总表 and its CSV).
    pub fn credibilities(&self) -> BTreeMap<String, Credibility> {
        self.collection.with_untracked(|collection| {
            collection
                .units
                .iter()
                .filter_map(|unit| {
                    let key = unit.key();
                    let review = collection.reviews.get(&key)?;
                    let framework = collection.framework_of(unit)?;
                    Some((key, credibility(framework, &unit.draft, review)))
                })
                .collect()
        })
    }

    /// The 汇总表 as .docx: `rows` as shown, each unit's 复核, and the figure compared across units.
    pub fn summary_docx(&self, title: &str, rows: &[UnitSummary], date: &str) -> Vec<u8> {
        let reference = self.reference_framework();
        let (figure, cells) = match reference.as_ref().and_then(|framework| {
            let id = self.shown_figure(framework)?;
            Some((framework.figure(&id)?.clone(), self.figure_cells(&id)))
        }) {
            Some((figure, cells)) => (Some(figure), cells),
            None => (None, Vec::new()),
        };
        let reviews = self.credibilities();
        self.collection.with_untracked(|collection| {
            let section = figure.as_ref().zip(reference.as_ref()).map(|(figure, framework)| FigureSection {
                figure,
                requirement: requirement(framework, figure),
                cells: &cells,
            });
            summary_docx(title, &collection.reviewer, rows, &reviews, section, date)
        })
    }
}
