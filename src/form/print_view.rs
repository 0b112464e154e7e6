//! The report laid out as the printed 公文 page, and for a scored framework the 自评打分表 after it
//! on landscape pages; the browser's print (to paper or PDF) uses them.

use crate::widgets::report_blocks::ReportBlocks;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::report::build_report;
use lvzhi_core::score_table::{score_table, TableLine};

#[component]
pub fn PrintView() -> impl IntoView {
    let workspace = use_workspace();
    // The exact draft, not the settled one: this page has no input to slow down, and what is
    // printed right after typing must hold that typing.
    let report = Memo::new(move |_| workspace.snapshot.with(|draft| build_report(workspace.framework, draft)));
    view! {
        <section class="print-view" aria-labelledby="print-title">
            <div class="print-actions">
                <h1 id="print-title">"打印预览"</h1>
                <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>"打印"</button>
                <span class="hint">"可在打印对话框中选择“另存为 PDF”。"</span>
            </div>
            <article class="official-page" data-testid="print-page">
                {move || view! { <ReportBlocks report=report.get()/> }}
            </article>
            {workspace.framework.is_scored().then(|| view! { <ScoreTablePage/> })}
        </section>
    }
}

/// The 自评打分表 after the report, on landscape pages (`@page score-table` in the style sheet):
/// the same model as its Word file, 一级 and 二级 cells spanning their rows.
#[component]
fn ScoreTablePage() -> impl IntoView {
    let workspace = use_workspace();
    let table = Memo::new(move |_| workspace.snapshot.with(|draft| score_table(workspace.framework, draft)));
    move || {
        table.get().map(|table| {
            // How many rows a merged cell spans: its own and the rows that continue it.
            let span = |from: usize, level: fn(&TableLine) -> Option<bool>| {
                1 + table.lines[from + 1..].iter().take_while(|line| level(line) == Some(false)).count()
            };
            let area_of = |line: &TableLine| match line {
                TableLine::Row { area, .. } => Some(area.is_some()),
                TableLine::Summary { .. } => None,
            };
            let item_of = |line: &TableLine| match line {
                TableLine::Row { area, item, .. } => Some(area.is_some() || item.is_some()),
                TableLine::Summary { .. } => None,
            };
            let columns = table.header().len();
            let rows = table.lines.iter().enumerate().map(|(index, line)| match line {
                TableLine::Row { area, item, point, rule, score, explanation, units } => view! {
                    <tr>
                        {area.clone().map(|text| view! { <td rowspan=span(index, area_of)>{text}</td> })}
                        {item.clone().map(|text| view! { <td rowspan=span(index, item_of)>{text}</td> })}
                        <td class="pre">{point.clone()}</td>
                        <td>{rule.clone()}</td>
                        <td class="score">{score.clone()}</td>
                        <td>{explanation.clone()}</td>
                        {table.with_units.then(|| view! { <td>{units.clone()}</td> })}
                    </tr>
                }.into_any(),
                TableLine::Summary { label, score, note } => view! {
                    <tr class="summary">
                        <th scope="row" colspan="4">{label.clone()}</th>
                        <td class="score">{score.clone()}</td>
                        <td colspan=columns - 5>{note.clone()}</td>
                    </tr>
                }.into_any(),
            }).collect_view();
            let unit = if table.unit.is_empty() { table.region.clone() } else { table.unit.clone() };
            view! {
                <article class="score-table-page" data-testid="print-score-table">
                    <h2 class="doc-title">{table.title.clone()}</h2>
                    <p>{format!("填报单位（盖章）：{unit}　　填报时间：{}　　填表人：{}　　审核人：{}", table.date, table.filler, table.reviewer)}</p>
                    <table class="score-table">
                        <thead><tr>{table.header().iter().map(|heading| view! { <th scope="col">{*heading}</th> }).collect_view()}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </article>
            }
        })
    }
}
