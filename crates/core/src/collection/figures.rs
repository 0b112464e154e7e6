//! One figure across units, against its policy thresholds: missing, unreadable and short values
//! told apart, as the chart and the table of 汇总 show them. Units on another version of the
//! framework are compared where their framework has the figure (by its id).

use crate::draft::Draft;
use crate::figure::{figure_report_text, parse_figure};
use crate::framework::{Figure, Framework};
use crate::threshold::shortfalls;

/// A unit's value of the figure.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureCell {
    pub key: String,
    pub unit: String,
    pub state: FigureState,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FigureState {
    /// The unit's framework has no such figure.
    NotInFramework,
    /// Left empty.
    Missing,
    /// Typed but not readable as the figure's kind (as typed, and why).
    Unreadable { typed: String, why: String },
    /// A value; `shortfalls` says which requirements it fails (none: it meets them all).
    Value { value: f64, shown: String, shortfalls: Vec<String> },
}

impl FigureState {
    /// Whether the value fails a threshold.
    pub fn is_short(&self) -> bool {
        matches!(self, FigureState::Value { shortfalls, .. } if !shortfalls.is_empty())
    }
}

/// The figure `id` of every unit (`key`, unit name, its framework, its draft), in their order.
pub fn figure_across<'a>(
    id: &str,
    units: impl IntoIterator<Item = (&'a str, &'a str, &'a Framework, &'a Draft)>,
) -> Vec<FigureCell> {
    units
        .into_iter()
        .map(|(key, unit, framework, draft)| FigureCell {
            key: key.to_owned(),
            unit: unit.to_owned(),
            state: match framework.figure(id) {
                None => FigureState::NotInFramework,
                Some(figure) => state_of(framework, figure, draft),
            },
        })
        .collect()
}

fn state_of(framework: &Framework, figure: &Figure, draft: &Draft) -> FigureState {
    let raw = draft.figure_raw(&figure.id);
    match parse_figure(figure, raw) {
        Ok(None) => FigureState::Missing,
        Err(error) => FigureState::Unreadable { typed: raw.to_owned(), why: error.to_string() },
        Ok(Some(value)) => FigureState::Value {
            value: value.as_number(),
            shown: format!("{}{}", figure_report_text(figure, raw), figure.unit),
            shortfalls: shortfalls(framework, draft, figure)
                .into_iter()
                .map(|shortfall| shortfall.requirement)
                .collect(),
        },
    }
}
