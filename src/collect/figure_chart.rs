//! One figure across units: a bar per unit drawn as inline SVG with the policy threshold as a line,
//! units short of it marked; the units with nothing typed or a value that cannot be read listed
//! beside the chart; and the same as a table (the chart's text alternative). Any figure of the
//! framework most units use can be picked, by item.

use crate::collect::collect_state::use_collect;
use leptos::prelude::*;
use lvzhi_core::collection::{figure_across, unit_name, FigureCell, FigureState};
use lvzhi_core::figure::display_number;
use lvzhi_core::framework::{Figure, FigureKind};

const ROW_HEIGHT: f64 = 26.0;
const LABEL_WIDTH: f64 = 170.0;
const BAR_WIDTH: f64 = 420.0;
const VALUE_WIDTH: f64 = 150.0;

#[component]
pub fn FigureChart() -> impl IntoView {
    let state = use_collect();
    let framework = Memo::new(move |_| state.reference_framework());
    let chosen: RwSignal<Option<String>> = RwSignal::new(None);
    // Until one is chosen: the first figure with a threshold that a unit has filled in (a chart
    // of nothing helps no one), else the first with a threshold.
    let figure_id = move || {
        chosen.get().or_else(|| {
            framework.with(|framework| {
                let framework = framework.as_ref()?;
                let figures: Vec<&Figure> = framework.items().flat_map(|(_, item)| item.figures.iter()).collect();
                let filled = |figure: &&&Figure| {
                    state.collection.with_untracked(|collection| {
                        collection.units.iter().any(|unit| !unit.draft.figure_raw(&figure.id).trim().is_empty())
                    })
                };
                let with_threshold: Vec<&&Figure> =
                    figures.iter().filter(|figure| !figure.thresholds.is_empty()).collect();
                let chosen = with_threshold.iter().copied().find(filled).or(with_threshold.first().copied());
                chosen.or(figures.first()).map(|figure| figure.id.clone())
            })
        })
    };
    let cells = Memo::new(move |_| {
        let Some(id) = figure_id() else { return Vec::new() };
        state.collection.with(|collection| {
            let units: Vec<_> = collection
                .units
                .iter()
                .filter_map(|unit| Some((unit.key(), collection.framework_of(unit)?, &unit.draft)))
                .collect();
            figure_across(
                &id,
                units.iter().map(|(key, framework, draft)| (key.as_str(), unit_name(draft), *framework, *draft)),
            )
        })
    });
    let figure = Memo::new(move |_| {
        let id = figure_id()?;
        framework.with(|framework| framework.as_ref()?.figure(&id).cloned())
    });
    move || {
        let reference = framework.get()?;
        let options = reference
            .items()
            .filter(|(_, item)| !item.figures.is_empty())
            .map(|(_, item)| {
                let label = lvzhi_core::framework::label_of(&item.number, &item.title);
                view! {
                    <optgroup label=label>
                        {item.figures.iter().map(|option| {
                            let selected = figure_id().as_deref() == Some(option.id.as_str());
                            view! { <option value=option.id.clone() selected=selected>{option.label.clone()}</option> }
                        }).collect_view()}
                    </optgroup>
                }
            })
            .collect_view();
        Some(view! {
            <section class="figure-chart" aria-labelledby="figure-chart-title">
                <h2 id="figure-chart-title">"关键数据对照"</h2>
                <div class="field">
                    <label for="figure-chart-pick">"数据项"</label>
                    <select id="figure-chart-pick" on:change=move |event| chosen.set(Some(event_target_value(&event)))>{options}</select>
                </div>
                {move || figure.get().map(|figure| {
                    let other_label = figure.thresholds.first().and_then(|threshold| threshold.at_least_figure.as_deref())
                        .and_then(|id| framework.with(|framework| framework.as_ref()?.figure(id).map(|other| other.label.clone())));
                    view! { <Chart figure=figure cells=cells.get() other_label=other_label/> }
                })}
            </section>
        })
    }
}

/// The chart and its table for one figure.
#[component]
fn Chart(figure: Figure, cells: Vec<FigureCell>, #[prop(into)] other_label: Option<String>) -> impl IntoView {
    let mut threshold = figure.thresholds.first().cloned();
    // The figure compared with, by its label (not its id).
    if let (Some(threshold), Some(label)) = (threshold.as_mut(), other_label) {
        threshold.at_least_figure = Some(label);
    }
    let requirement = threshold.as_ref().map(|threshold| {
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
        if let Some(other) = &threshold.at_least_figure {
            parts.push(format!("不低于“{other}”"));
        }
        let basis = if threshold.basis.is_empty() { String::new() } else { format!("（{}）", threshold.basis) };
        format!("政策要求：{}{basis}", parts.join("，"))
    });
    let count = |wanted: fn(&FigureState) -> bool| cells.iter().filter(|cell| wanted(&cell.state)).count();
    let short = count(FigureState::is_short);
    let missing = count(|state| matches!(state, FigureState::Missing));
    let unreadable = count(|state| matches!(state, FigureState::Unreadable { .. }));
    let absent = count(|state| matches!(state, FigureState::NotInFramework));
    let mut summary = format!("{}：共{}个单位，{short}个未达要求，{missing}个未填", figure.label, cells.len());
    if unreadable > 0 {
        summary.push_str(&format!("，{unreadable}个无法读取"));
    }
    if absent > 0 {
        summary.push_str(&format!("，{absent}个单位的指标体系没有这项数据"));
    }
    summary.push('。');
    // Bars: the units with a value, largest first; the scale reaches the threshold too.
    let mut valued: Vec<(&FigureCell, f64)> = cells
        .iter()
        .filter_map(|cell| match cell.state {
            FigureState::Value { value, .. } => Some((cell, value)),
            _ => None,
        })
        .collect();
    lvzhi_core::small_sort::sort_small_by(&mut valued, |a, b| {
        b.1.total_cmp(&a.1).then_with(|| a.0.unit.cmp(&b.0.unit))
    });
    let line = threshold.as_ref().and_then(|threshold| threshold.at_least.or(threshold.at_most));
    let top = match figure.kind {
        FigureKind::Percent => 100.0,
        _ => valued.iter().map(|(_, value)| *value).chain(line).fold(0.0_f64, f64::max),
    };
    let scale = |value: f64| if top > 0.0 { (value.max(0.0) / top * BAR_WIDTH).min(BAR_WIDTH) } else { 0.0 };
    let height = ROW_HEIGHT * valued.len().max(1) as f64 + 24.0;
    let line_x = line.map(|at| LABEL_WIDTH + scale(at));
    let width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
    let bars = valued
        .iter()
        .enumerate()
        .map(|(index, (cell, value))| {
            let y = index as f64 * ROW_HEIGHT + 4.0;
            let short = cell.state.is_short();
            let shown = match &cell.state {
                FigureState::Value { shown, .. } => shown.clone(),
                _ => String::new(),
            };
            let mark = if short { format!("{shown} 未达要求") } else { shown };
            // The value's text starts after the bar, and after the threshold line when the line
            // is just beyond the bar (it would cut through the digits).
            let after_bar = LABEL_WIDTH + scale(*value) + 6.0;
            let text_x = match line_x {
                Some(x) if x >= after_bar - 8.0 && x < after_bar + 60.0 => x + 6.0,
                _ => after_bar,
            };
            view! {
                <g class:short=short>
                    <text x=LABEL_WIDTH - 8.0 y=y + 15.0 text-anchor="end">{cell.unit.clone()}</text>
                    <rect x=LABEL_WIDTH y=y width=scale(*value).max(1.0) height=ROW_HEIGHT - 8.0></rect>
                    <text x=text_x y=y + 15.0 class="value">{mark}</text>
                </g>
            }
        })
        .collect_view();
    let not_drawn: Vec<String> = cells
        .iter()
        .filter_map(|cell| match &cell.state {
            FigureState::Unreadable { typed, .. } => Some(format!("{}（“{typed}”，无法读取）", cell.unit)),
            FigureState::Missing => Some(format!("{}（未填）", cell.unit)),
            _ => None,
        })
        .collect();
    let threshold_line = line.map(|at| {
        let x = LABEL_WIDTH + scale(at);
        view! {
            <line class="threshold" x1=x x2=x y1=0 y2=height - 20.0></line>
            <text class="threshold-label" x=x y=height - 6.0 text-anchor="middle">{format!("要求 {}{}", display_number(at), figure.unit)}</text>
        }
    });
    let rows = cells
        .iter()
        .map(|cell| {
            let (value, status, problem) = match &cell.state {
                FigureState::Value { shown, shortfalls, .. } if shortfalls.is_empty() => {
                    (shown.clone(), "达到要求".to_owned(), false)
                }
                FigureState::Value { shown, shortfalls, .. } => (shown.clone(), shortfalls.join("；"), true),
                FigureState::Missing => (String::new(), "未填".to_owned(), true),
                FigureState::Unreadable { typed, why } => (typed.clone(), format!("无法读取：{why}"), true),
                FigureState::NotInFramework => (String::new(), "该单位的指标体系没有这项数据".to_owned(), false),
            };
            view! {
                <tr class:problem=problem data-unit=cell.key.clone()>
                    <th scope="row">{cell.unit.clone()}</th>
                    <td class="number">{value}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {requirement.map(|text| view! { <p class="hint">{text}</p> })}
        <p id="figure-chart-summary" data-testid="figure-summary">{summary}</p>
        <svg class="bar-chart" role="img" aria-labelledby="figure-chart-summary" viewBox=format!("0 0 {width} {height}")
            width=width height=height data-testid="figure-chart">
            {bars}
            {threshold_line}
        </svg>
        {(!not_drawn.is_empty()).then(|| view! { <p class="chart-note">{format!("图中未画出：{}。", not_drawn.join("、"))}</p> })}
        <table class="figure-table" data-testid="figure-table">
            <caption>{format!("{}（{}）", figure.label, if figure.unit.is_empty() { "数值" } else { figure.unit.as_str() })}</caption>
            <thead><tr><th scope="col">"单位"</th><th scope="col">"数值"</th><th scope="col">"是否达到要求"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
