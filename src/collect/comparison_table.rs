//! The comparison: a row per unit — progress in all and per area, findings, blanks, score, grade,
//! conditions answered 是, last edit — sorted by any column (a button in its header; names in the
//! browser's Chinese collation), filtered by name or to units with errors; the unit's name opens
//! it, an area's cell its report at that area, the findings' cells its findings, the total its
//! 复核. Exported as Word (A4 landscape, with each unit's 复核 and the chosen figure) and CSV in
//! the order shown.

use crate::collect::collect_state::use_collect;
use crate::route::AppPage;
use crate::session::Session;
use leptos::prelude::*;
use lvzhi_core::collection::{sort_summaries_by_name, SortKey, UnitSummary};

#[component]
pub fn ComparisonTable() -> impl IntoView {
    let state = use_collect();
    let session = expect_context::<Session>();
    let sort = RwSignal::new((SortKey::Unit, true));
    let filter = RwSignal::new(String::new());
    let only_errors = RwSignal::new(false);
    let rows = Memo::new(move |_| {
        let mut rows: Vec<UnitSummary> = state.summaries.get();
        let wanted = filter.get();
        let wanted = wanted.trim();
        rows.retain(|row| {
            (wanted.is_empty() || row.unit.contains(wanted) || row.region.contains(wanted))
                && (!only_errors.get() || row.errors > 0)
        });
        sort.with(|(key, ascending)| sort_summaries_by_name(&mut rows, key, *ascending, pinyin_order));
        rows
    });
    let areas = Memo::new(move |_| state.reference_areas());
    let scored = move || state.summaries.with(|rows| rows.iter().any(|row| row.score.is_some()));
    let export_csv = move |_| {
        // Times as the user reads them, not UTC.
        let local: Vec<UnitSummary> = rows.with_untracked(|rows| {
            rows.iter()
                .map(|row| UnitSummary { last_edit: crate::clock::local_time(&row.last_edit), ..row.clone() })
                .collect()
        });
        let csv = state.csv(&local);
        let name = state.collection.with_untracked(|collection| collection.name.clone());
        let title = if name.ends_with("汇总") { format!("{name}表") } else { format!("{name}汇总表") };
        let file = lvzhi_core::file_names::safe_file_name(&title, "csv");
        session.notices.report(
            crate::files::download(csv.as_bytes(), &file, "text/csv;charset=utf-8")
                .map(|()| format!("已导出 {file}（可用 Excel 或 WPS 打开）。"))
                .map_err(crate::notices::AppError::from),
        );
    };
    let export_docx = move |_| {
        let name = state.collection.with_untracked(|collection| collection.name.clone());
        // "2025年县级自评汇总" + 表; a name not ending in 汇总 gets "汇总表".
        let title = if name.ends_with("汇总") { format!("{name}表") } else { format!("{name}汇总表") };
        let bytes = rows.with_untracked(|rows| state.summary_docx(&title, rows, &crate::clock::chinese_date()));
        let file = lvzhi_core::file_names::safe_file_name(&title, "docx");
        session.notices.report(crate::files::offer_docx(&bytes, &file).map_err(crate::notices::AppError::from));
    };
    // A header that sorts: a button, with the column's order said (aria-sort).
    let header = move |label: String, key: SortKey, title: Option<String>| {
        let current = {
            let key = key.clone();
            move || sort.with(|(shown, ascending)| (*shown == key).then_some(*ascending))
        };
        let current_for_mark = current.clone();
        let aria = move || match current() {
            Some(true) => "ascending",
            Some(false) => "descending",
            None => "none",
        };
        let mark = move || match current_for_mark() {
            Some(true) => " ▲",
            Some(false) => " ▼",
            None => "",
        };
        let key = key.clone();
        // The visible text (the area's number) begins its accessible name, the area's title follows.
        let button_label = title.clone().map(|title| format!("{label} {title}"));
        view! {
            <th scope="col" aria-sort=aria title=title.clone()>
                <button type="button" class="sort-button" aria-label=button_label on:click=move |_| {
                    sort.update(|(shown, ascending)| {
                        if *shown == key {
                            *ascending = !*ascending;
                        } else {
                            // Counts and scores read best largest first; names A to Z.
                            *ascending = matches!(key, SortKey::Unit);
                            *shown = key.clone();
                        }
                    });
                }>{label}{mark}</button>
            </th>
        }
    };
    move || {
        let count = state.summaries.with(Vec::len);
        if count == 0 {
            return view! {
                <section class="comparison" aria-labelledby="comparison-title">
                    <h2 id="comparison-title">"各单位对照"</h2>
                    <p>"还没有加入任何单位的草稿。"</p>
                </section>
            }
            .into_any();
        }
        let area_headers = areas
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, (code, title))| header(format!("{}", index + 1), SortKey::Area(code), Some(title)))
            .collect_view();
        view! {
            <section class="comparison" aria-labelledby="comparison-title">
                <h2 id="comparison-title">{format!("各单位对照（{count}个单位）")}</h2>
                <div class="inline-controls comparison-tools">
                    <label for="comparison-filter">"筛选"</label>
                    <input id="comparison-filter" type="search" placeholder="单位或地区名称" prop:value=move || filter.get()
                        on:input=move |event| filter.set(event_target_value(&event))/>
                    <label class="checkbox"><input type="checkbox" id="comparison-errors" prop:checked=move || only_errors.get()
                        on:change=move |event| only_errors.set(event_target_checked(&event))/>"只看有错误的单位"</label>
                    <button type="button" id="comparison-docx" on:click=export_docx>"导出汇总表（Word）"</button>
                    <button type="button" id="comparison-csv" on:click=export_csv>"导出汇总表（CSV）"</button>
                </div>
                <p class="hint">"点击列名排序；点击单位名称查看该单位，点击领域、错误、警告、空白或总分单元格，直接打开该单位报告的相应位置、发现的问题或复核。导出的汇总表按当前的筛选和排序。"</p>
                <p class="hint area-legend" id="area-legend">{move || {
                    let legend: Vec<String> = areas.get().into_iter().enumerate().map(|(index, (_, title))| format!("{}. {title}", index + 1)).collect();
                    format!("领域各列（已完成/指标数）：{}", legend.join("；"))
                }}</p>
                <div class="table-scroll">
                    <table class="comparison-table" data-testid="comparison-table">
                        <thead>
                            <tr>
                                {header("单位".to_owned(), SortKey::Unit, None)}
                                {header("完成".to_owned(), SortKey::Progress, None)}
                                {area_headers}
                                {header("错误".to_owned(), SortKey::Errors, None)}
                                {header("警告".to_owned(), SortKey::Warnings, None)}
                                {header("空白".to_owned(), SortKey::Blanks, None)}
                                {scored().then(|| header("自评总分".to_owned(), SortKey::Total, None))}
                                {scored().then(|| header("等次".to_owned(), SortKey::Grade, None))}
                                {scored().then(|| header("否决/降等".to_owned(), SortKey::Conditions, None))}
                                {header("最后修改".to_owned(), SortKey::LastEdit, None)}
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || rows.get() key=|row| (row.key.clone(), row.last_edit.clone()) let:row>
                                <ComparisonRow row=row areas=areas.get_untracked() scored=scored()/>
                            </For>
                            {move || rows.with(Vec::is_empty).then(|| view! {
                                <tr><td colspan="99" class="no-match">"没有符合筛选条件的单位。"</td></tr>
                            })}
                        </tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    }
}

#[component]
fn ComparisonRow(row: UnitSummary, areas: Vec<(String, String)>, scored: bool) -> impl IntoView {
    let at = |place: &str| AppPage::CollectUnit(row.key.clone(), Some(place.to_owned())).href();
    let href = AppPage::CollectUnit(row.key.clone(), None).href();
    let (findings_href, review_href) = (at("findings"), at("review"));
    let area_cells = areas
        .into_iter()
        .enumerate()
        .map(|(index, (code, _))| {
            let cell = row.area(&code).map(|area| (area.done, area.total));
            let complete = cell.is_some_and(|(done, total)| done == total);
            let href = at(&format!("area-{index}"));
            view! {
                <td class="number" class:complete=complete>
                    {match cell {
                        Some((done, total)) => view! { <a href=href>{format!("{done}/{total}")}</a> }.into_any(),
                        None => view! { <span title="该单位的指标体系没有这一领域">"—"</span> }.into_any(),
                    }}
                </td>
            }
        })
        .collect_view();
    let score = row.score.clone().filter(|score| score.anything_scored);
    // Not "不合格" for a unit still scoring: its total is partial.
    let grade_text = score.as_ref().map(|score| match &score.grade {
        Some(grade) => grade.clone(),
        None if score.unscored > 0 => "未评完".to_owned(),
        None => String::new(),
    });
    let total = score.as_ref().map(|score| score.total.to_string()).unwrap_or_else(|| "—".to_owned());
    let unscored_note = row.score.as_ref().filter(|score| !score.anything_scored).map(|_| "尚未自评打分");
    let framework_note = row.framework_label.clone();
    let (has_errors, has_blanks) = (row.errors > 0, row.blanks > 0);
    view! {
        <tr data-unit=row.key.clone()>
            <th scope="row"><a href=href.clone() title=framework_note>{row.unit.clone()}</a></th>
            <td class="number">{format!("{}/{}", row.done, row.total)}</td>
            {area_cells}
            <td class="number" class:has-errors=has_errors><a href=findings_href.clone()>{row.errors}</a></td>
            <td class="number"><a href=findings_href.clone()>{row.warnings}</a></td>
            <td class="number" class:has-errors=has_blanks><a href=findings_href>{row.blanks}</a></td>
            {scored.then(|| view! {
                <td class="number" data-testid="unit-total" title=unscored_note><a href=review_href.clone()>{total}</a></td>
                <td>{grade_text}</td>
                <td>{row.conditions_met.join("；")}</td>
            })}
            <td class="date">{crate::clock::local_time(&row.last_edit)}</td>
        </tr>
    }
}

/// Two names in the order of the browser's Chinese collation (pinyin: 安岳县 before 乐至县 before
/// 雁江区; numbers by value: 第2中学 before 第10中学), as a reader looks a unit up.
fn pinyin_order(a: &str, b: &str) -> std::cmp::Ordering {
    thread_local! {
        static COLLATOR: js_sys::Intl::Collator = {
            let options = js_sys::Object::new();
            // Setting a plain object's property cannot fail.
            let _ = js_sys::Reflect::set(&options, &"numeric".into(), &true.into());
            js_sys::Intl::Collator::new(&js_sys::Array::of1(&"zh-CN".into()), &options)
        };
    }
    COLLATOR.with(|collator| {
        let compared = collator.compare().call2(&wasm_bindgen::JsValue::NULL, &a.into(), &b.into());
        compared.ok().and_then(|value| value.as_f64()).map_or(a.cmp(b), |value| value.total_cmp(&0.0))
    })
}
