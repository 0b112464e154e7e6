//! One figure across units, against its policy thresholds: missing, unreadable and short values
//! told apart, as the chart and the table of 汇总 show them. Units on another version of the
//! framework are compared where their framework has the figure (by its id).

use crate::draft::Draft;
use crate::figure::{display_number, figure_report_text, parse_figure};
use crate::framework::{Figure, Framework};
use crate::threshold::{shortfalls, unjudged};

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
    /// A value; `shortfalls` says which requirements it fails, `unjudged` which it cannot be
    /// checked against (no 上年数 for 只增不减): met only when both are empty.
    Value { value: f64, shown: String, shortfalls: Vec<String>, unjudged: Vec<String> },
}

impl FigureState {
    /// Whether the value fails a threshold.
    pub fn is_short(&self) -> bool {
        matches!(self, FigureState::Value { shortfalls, .. } if !shortfalls.is_empty())
    }

    /// Whether a requirement cannot be checked (and none is failed).
    pub fn is_unjudged(&self) -> bool {
        matches!(self, FigureState::Value { shortfalls, unjudged, .. } if shortfalls.is_empty() && !unjudged.is_empty())
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
            unjudged: unjudged(framework, draft, figure),
        },
    }
}

/// What the figure's first threshold asks, as the chart and the 汇总表 state it:
/// `政策要求：不低于85%（《…》）`; another figure named by its label. `None` without a threshold.
pub fn requirement(framework: &Framework, figure: &Figure) -> Option<String> {
    let threshold = figure.thresholds.first()?;
    let mut parts = Vec::new();
    if let Some(minimum) = threshold.at_least {
        parts.push(format!("不低于{}{}", display_number(minimum), figure.unit));
    }
    if let Some(maximum) = threshold.at_most {
        parts.push(format!("不高于{}{}", display_number(maximum), figure.unit));
    }
    if threshold.at_least_previous {
        parts.push("不低于上年".to_owned());
    }
    if let Some(other) = threshold.at_least_figure.as_deref() {
        let label = framework.figure(other).map_or(other, |other| other.label.as_str());
        parts.push(format!("不低于“{label}”"));
    }
    let basis = if threshold.basis.is_empty() { String::new() } else { format!("（{}）", threshold.basis) };
    Some(format!("政策要求：{}{basis}", parts.join("，")))
}

/// The value a chart draws its threshold line at: the first threshold's minimum, else its maximum.
pub fn threshold_line(figure: &Figure) -> Option<f64> {
    figure.thresholds.first().and_then(|threshold| threshold.at_least.or(threshold.at_most))
}

/// `学前教育普惠率：共12个单位，4个未达要求，1个未填。`
pub fn across_summary(figure: &Figure, cells: &[FigureCell]) -> String {
    let count = |wanted: fn(&FigureState) -> bool| cells.iter().filter(|cell| wanted(&cell.state)).count();
    let short = count(FigureState::is_short);
    let missing = count(|state| matches!(state, FigureState::Missing));
    let unreadable = count(|state| matches!(state, FigureState::Unreadable { .. }));
    let absent = count(|state| matches!(state, FigureState::NotInFramework));
    let open = count(FigureState::is_unjudged);
    let mut summary = format!("{}：共{}个单位，{short}个未达要求，{missing}个未填", figure.label, cells.len());
    if open > 0 {
        summary.push_str(&format!("，{open}个无法判断"));
    }
    if unreadable > 0 {
        summary.push_str(&format!("，{unreadable}个无法读取"));
    }
    if absent > 0 {
        summary.push_str(&format!("，{absent}个单位的指标体系没有这项数据"));
    }
    summary.push('。');
    summary
}

/// The units a chart leaves out, and why: `第5县（未填）`, `第6县（“八十”，无法读取）`.
pub fn not_drawn(cells: &[FigureCell]) -> Vec<String> {
    cells
        .iter()
        .filter_map(|cell| match &cell.state {
            FigureState::Unreadable { typed, .. } => Some(format!("{}（“{typed}”，无法读取）", cell.unit)),
            FigureState::Missing => Some(format!("{}（未填）", cell.unit)),
            _ => None,
        })
        .collect()
}

/// The cells with a value, largest first (then by name): the bars of a chart.
pub fn bars(cells: &[FigureCell]) -> Vec<(&FigureCell, f64)> {
    let mut valued: Vec<(&FigureCell, f64)> = cells
        .iter()
        .filter_map(|cell| match cell.state {
            FigureState::Value { value, .. } => Some((cell, value)),
            _ => None,
        })
        .collect();
    crate::small_sort::sort_small_by(&mut valued, |a, b| b.1.total_cmp(&a.1).then_with(|| a.0.unit.cmp(&b.0.unit)));
    valued
}

impl FigureCell {
    /// The cell as a table row shows it: the value, whether it meets the requirement (or why
    /// not), and whether that is a problem.
    pub fn shown(&self) -> (String, String, bool) {
        match &self.state {
            FigureState::Value { shown, shortfalls, unjudged, .. } if shortfalls.is_empty() && !unjudged.is_empty() => {
                (shown.clone(), format!("无法判断：{}", unjudged.join("；")), true)
            }
            FigureState::Value { shown, shortfalls, .. } if shortfalls.is_empty() => {
                (shown.clone(), "达到要求".to_owned(), false)
            }
            FigureState::Value { shown, shortfalls, .. } => (shown.clone(), shortfalls.join("；"), true),
            FigureState::Missing => (String::new(), "未填".to_owned(), true),
            FigureState::Unreadable { typed, why } => (typed.clone(), format!("无法读取：{why}"), true),
            FigureState::NotInFramework => (String::new(), "该单位的指标体系没有这项数据".to_owned(), false),
        }
    }
}
