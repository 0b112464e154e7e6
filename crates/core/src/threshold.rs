//! Policy thresholds checked against a draft's figures: one reading for the validator's warning
//! (`figure-threshold`) and for 汇总's figures side by side, so both say the same of a value.

use crate::draft::Draft;
use crate::figure::{display_number, parse_figure, FigureValue};
use crate::framework::{Figure, Framework, Threshold};

/// A requirement a figure's value does not meet.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortfall<'a> {
    /// What it fails, in Chinese, e.g. `低于要求的85%` or `低于上年的3.2亿元`.
    pub requirement: String,
    /// The threshold it fails (its basis and note).
    pub threshold: &'a Threshold,
}

/// A figure's value when it is filled and well formed.
pub fn value_of(figure: &Figure, draft: &Draft) -> Option<f64> {
    parse_figure(figure, draft.figure_raw(&figure.id)).ok().flatten().map(FigureValue::as_number)
}

/// Every requirement of `figure`'s thresholds that its value in `draft` fails: a minimum, a
/// maximum (0: none allowed), last year's value (只增不减, where the draft holds 上年值), another
/// figure's value. Nothing for a value that is missing or unreadable.
pub fn shortfalls<'a>(framework: &Framework, draft: &Draft, figure: &'a Figure) -> Vec<Shortfall<'a>> {
    let Some(value) = value_of(figure, draft) else { return Vec::new() };
    let mut found = Vec::new();
    for threshold in &figure.thresholds {
        let mut fail = |requirement: String| found.push(Shortfall { requirement, threshold });
        if let Some(minimum) = threshold.at_least {
            if value < minimum {
                fail(format!("低于要求的{}{}", display_number(minimum), figure.unit));
            }
        }
        if let Some(maximum) = threshold.at_most {
            if value > maximum && maximum == 0.0 {
                fail(format!("要求为0{}（不应有）", figure.unit));
            } else if value > maximum {
                fail(format!("超过要求的上限{}{}", display_number(maximum), figure.unit));
            }
        }
        let previous = draft.previous_figures.get(&figure.id);
        let previous = previous.and_then(|raw| parse_figure(figure, raw).ok().flatten()).map(FigureValue::as_number);
        if let Some(previous) = previous.filter(|_| threshold.at_least_previous) {
            if value < previous {
                fail(format!("低于上年的{}{}", display_number(previous), figure.unit));
            }
        }
        if let Some(other) = threshold.at_least_figure.as_deref().and_then(|id| framework.figure(id)) {
            if let Some(other_value) = value_of(other, draft) {
                if value < other_value {
                    fail(format!("低于“{}”（{}{}）", other.label, display_number(other_value), other.unit));
                }
            }
        }
    }
    found
}

/// The requirements of `figure`'s thresholds that its value in `draft` cannot be checked against:
/// 只增不减 without last year's value, a comparison with a figure left empty. Nothing for a value
/// that is missing or unreadable (that is said otherwise).
pub fn unjudged(framework: &Framework, draft: &Draft, figure: &Figure) -> Vec<String> {
    if value_of(figure, draft).is_none() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for threshold in &figure.thresholds {
        if threshold.at_least_previous {
            let previous = draft.previous_figures.get(&figure.id);
            if previous.and_then(|raw| parse_figure(figure, raw).ok().flatten()).is_none() {
                found.push("未填上年数，无法判断是否不低于上年".to_owned());
            }
        }
        if let Some(other) = threshold.at_least_figure.as_deref().and_then(|id| framework.figure(id)) {
            if value_of(other, draft).is_none() {
                found.push(format!("“{}”未填，无法比较", other.label));
            }
        }
    }
    found
}
