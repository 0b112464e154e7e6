//! One figure across units: a bar per unit drawn as inline SVG with the policy threshold as a line,
//! units short of it marked; the units with nothing typed or a value that cannot be read listed
//! beside the chart; and the same as a table (the chart's text alternative). Any figure of the
//! framework most units use can be picked, by item.

use crate::collect::collect_state::use_collect;
use leptos::prelude::*;
use lvzhi_core::collection::{across_summary, bars, not_drawn, requirement, threshold_line, FigureCell, FigureState};
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
    let figure_id = move || framework.with(|framework| state.shown_figure(framework.as_ref()?));
    let cells = Memo::new(move |_| figure_id().map(|id| state.figure_cells(&id)).unwrap_or_default());
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
                            // Which figures the units filled in, in the list itself.
                            let text = if state.has_values(&option.id) {
                                option.label.clone()
                            } else {
                                format!("{}（无单位填写）", option.label)
                            };
                            view! { <option value=option.id.clone() selected=selected>{text}</option> }
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
                    <select id="figure-chart-pick" on:change=move |event| state.chosen_figure.set(Some(event_target_value(&event)))>{options}</select>
                </div>
                <p class="hint">"导出的汇总表（Word）附有这里所选数据项的图和表。"</p>
                {move || figure.get().map(|figure| {
                    let requirement = framework.with(|framework| requirement(framework.as_ref()?, &figure));
                    view! { <Chart figure=figure cells=cells.get() requirement=requirement/> }
                })}
            </section>
        })
    }
}

/// The chart and its table for one figure.
#[component]
fn Chart(figure: Figure, cells: Vec<FigureCell>, #[prop(into)] requirement: Option<String>) -> impl IntoView {
    let summary = across_summary(&figure, &cells);
    // Bars: the units with a value, largest first; the scale reaches the threshold too.
    let valued = bars(&cells);
    let line = threshold_line(&figure);
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
    let not_drawn = not_drawn(&cells);
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
            let (value, status, problem) = cell.shown();
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
