//! Figures: type and range, years near the report year, policy thresholds (warnings citing basis).

use super::{Context, Rule, Severity};
use crate::draft::Location;
use crate::figure::{figure_report_text, parse_figure, FigureValue};
use crate::framework::{Figure, FigureKind};
use crate::progress::{item_status, ItemStatus};

/// Figures whose values go into the report: those of items not marked 无此项工作任务, and the
/// list sections' own.
fn reported_figures<'a>(context: &'a Context) -> impl Iterator<Item = &'a Figure> {
    let item_figures = context
        .framework
        .items()
        .filter(|(_, item)| item_status(context.draft.item(&item.code)) != ItemStatus::NotApplicable)
        .flat_map(|(_, item)| item.figures.iter());
    item_figures.chain(context.framework.problems.figures.iter()).chain(context.framework.measures.figures.iter())
}

/// A figure's value when it is filled and well formed.
fn value_of(context: &Context, figure: &Figure) -> Option<FigureValue> {
    parse_figure(figure, context.draft.figure_raw(&figure.id)).ok().flatten()
}

pub const FIGURE_INVALID: Rule = Rule {
    code: "figure-invalid",
    severity: Severity::Error,
    name: "数据格式或范围有误",
    description: "数据须与其类型相符：百分比在0–100之间，数量为非负整数，年份为四位数字，金额不为负。",
    check: |context, rule, findings| {
        for figure in reported_figures(context) {
            if let Err(error) = parse_figure(figure, context.draft.figure_raw(&figure.id)) {
                findings.push(rule.finding(
                    Location::Figure(figure.id.clone()),
                    None,
                    format!("“{}”：{error}。", context.draft.figure_raw(&figure.id)),
                ));
            }
        }
    },
};

/// How far a stated year may lie from the report year before it looks like a typo.
const YEAR_TOLERANCE: i32 = 3;

pub const FIGURE_YEAR_FAR: Rule = Rule {
    code: "figure-year-far",
    severity: Severity::Warning,
    name: "年份偏离报告年度",
    description: "报告中的年份一般在评价年度前后三年之内，相差更远多为笔误。",
    check: |context, rule, findings| {
        let report_year = crate::draft::four_digit_year(&context.draft.meta.year).unwrap_or(context.framework.year);
        for figure in reported_figures(context).filter(|figure| figure.kind == FigureKind::Year) {
            if let Some(value) = value_of(context, figure) {
                let year = value.as_number() as i32;
                if (year - report_year).abs() > YEAR_TOLERANCE {
                    findings.push(rule.finding(
                        Location::Figure(figure.id.clone()),
                        None,
                        format!("{year}年与评价年度{report_year}年相差较远，请核对。"),
                    ));
                }
            }
        }
    },
};

pub const FIGURE_THRESHOLD: Rule = Rule {
    code: "figure-threshold",
    severity: Severity::Warning,
    name: "未达政策要求",
    description: "数据低于（或高于）指标体系所列政策要求；如属实，应在“存在的问题”中说明。",
    check: |context, rule, findings| {
        // A figure whose shortfall a scored row already deducts (its score typed) is not flagged
        // again: the points lost say it, with their arithmetic.
        let priced: Vec<&str> = context.score_sheet().map_or_else(Vec::new, |sheet| {
            sheet
                .rows
                .iter()
                .filter(|row| row.score.is_some())
                .filter_map(|row| row.row.deduction.map(|deduction| deduction.figure.as_str()))
                .collect()
        });
        for figure in reported_figures(context).filter(|figure| !priced.contains(&figure.id.as_str())) {
            let shortfalls = crate::threshold::shortfalls(context.framework, context.draft, figure);
            if shortfalls.is_empty() {
                continue;
            }
            // As typed (made ASCII): "1:13" stays a ratio and "3.50" keeps its precision.
            let shown = format!("{}{}", figure_report_text(figure, context.draft.figure_raw(&figure.id)), figure.unit);
            for shortfall in shortfalls {
                let threshold = shortfall.threshold;
                let note = threshold.note.as_deref().map(|note| format!("（{note}）")).unwrap_or_default();
                // A basis that names its source ("评分细则：…") reads on without a second colon.
                let basis = &threshold.basis;
                let source_named = basis.chars().take(8).any(|c| c == '：');
                let according = if source_named { format!("依据{basis}") } else { format!("依据：{basis}") };
                findings.push(rule.finding(
                    Location::Figure(figure.id.clone()),
                    None,
                    format!("现为{shown}，{}。{according}{note}。", shortfall.requirement),
                ));
            }
        }
    },
};
