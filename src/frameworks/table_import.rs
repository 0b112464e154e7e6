//! 从指标表新建 (`#/from-table`): paste the indicator table a notice ships (copied from Word, WPS
//! or Excel — the clipboard's HTML table when there is one, else its text) or pick a .csv/.txt;
//! check each column's role, the framework's name, year and level; paste the notice's words about
//! results (等次, 总分, 加分, 一票否决) if wanted; see what every row became, what was left out
//! and why, where points did not add up, and every scoring rule found (`table_rules_preview.rs`,
//! each untickable, deductions proposed from 评分细则 kept when ticked); then keep the framework
//! and start a draft. What does not look like an indicator table (a timetable, a letter, a list of
//! names) is still previewed, with why it is doubted, and made only when the user says it is one.

use crate::frameworks::table_rules_preview::FoundRules;
use crate::frameworks::table_source::TableInput;
use crate::session::Session;
use leptos::prelude::*;
use lvzhi_core::framework::{Level, RowLevel};
use lvzhi_core::fullwidth::to_ascii_number_text;
use lvzhi_core::indicator_table::{
    build_framework, doubts, guess_header, ColumnRole, Grid, TableChoices, TableMeta, EXPECTED,
};
use lvzhi_core::points::Points;
use std::collections::BTreeSet;

/// A year (19xx or 20xx) written in a title.
fn year_in(text: &str) -> Option<String> {
    let digits: Vec<char> = to_ascii_number_text(text).chars().collect();
    digits.windows(4).enumerate().find_map(|(at, window)| {
        let before = at.checked_sub(1).map(|before| digits[before]);
        let after = digits.get(at + 4);
        let is_year = window.iter().all(char::is_ascii_digit)
            && (window[0..2] == ['2', '0'] || window[0..2] == ['1', '9'])
            && !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(char::is_ascii_digit);
        is_year.then(|| window.iter().collect())
    })
}

/// Rows shown in the preview; the rest are counted.
const PREVIEW_ROWS: usize = 300;
/// Notes shown open; the rest fold (a long table merged row by row has one per row).
const NOTES_SHOWN: usize = 10;

#[component]
pub fn TableImport() -> impl IntoView {
    let session = expect_context::<Session>();
    let notices = session.notices;
    let grid: RwSignal<Option<Grid>> = RwSignal::new(None);
    let header_row: RwSignal<Option<usize>> = RwSignal::new(None);
    let roles: RwSignal<Vec<ColumnRole>> = RwSignal::new(Vec::new());
    let title = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let level = RwSignal::new(Level::County);
    let issuer = RwSignal::new(String::new());
    let notice_title = RwSignal::new(String::new());
    let notice_number = RwSignal::new(String::new());
    // The notice's words about results, and the user's choices over the rules found.
    let results_text = RwSignal::new(String::new());
    let read_size: RwSignal<Option<(usize, usize)>> = RwSignal::new(None);
    let refused: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    // The user's word that a table the app doubts is an indicator table all the same.
    let trusted = RwSignal::new(false);
    let accepted: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let choices =
        move || TableChoices { notice_text: results_text.get(), refused: refused.get(), accepted: accepted.get() };
    let take = move |table: Grid| {
        let (header, guessed) = guess_header(&table);
        // A title above the header ("2025年度县级…评价指标") names the framework and its year.
        if let Some(header) = header {
            let above = table[..header].iter().flatten().map(|cell| cell.text.trim()).find(|text| !text.is_empty());
            if let Some(above) = above {
                if title.with_untracked(|title| title.trim().is_empty()) {
                    title.set(above.replace('\n', ""));
                }
                if let Some(found) = year_in(above) {
                    if year.with_untracked(|year| year.trim().is_empty()) {
                        year.set(found);
                    }
                }
            }
        }
        header_row.set(header);
        roles.set(guessed);
        // The box stays empty (the table is read, not pasted as text): say what was read.
        read_size.set(Some((table.len(), table.first().map_or(0, Vec::len))));
        refused.set(BTreeSet::new());
        accepted.set(BTreeSet::new());
        trusted.set(false);
        grid.set(Some(table));
        notices.dismiss();
    };
    // What the user typed about the framework, read when it is made: typing a name does not
    // rebuild the preview's framework (the table alone decides what the outcome shows).
    let meta = move || TableMeta {
        // A fresh id at the moment of keeping: two tables made the same minute never share one.
        id: format!("table-{}", js_sys::Date::now() as u64),
        title: title.get_untracked().trim().to_owned(),
        province: issuer.get_untracked().trim().to_owned(),
        year: to_ascii_number_text(&year.get_untracked()).parse().unwrap_or(0),
        level: level.get_untracked(),
        notice_title: notice_title.get_untracked().trim().to_owned(),
        notice_number: notice_number.get_untracked().trim().to_owned(),
    };
    let result = Memo::new(move |_| {
        let grid = grid.get()?;
        let outline = TableMeta {
            id: "table".to_owned(),
            title: String::new(),
            province: String::new(),
            year: 0,
            level: Level::County,
            notice_title: String::new(),
            notice_number: String::new(),
        };
        Some(
            build_framework(&grid, header_row.get(), &roles.get(), &outline, &choices())
                .map_err(|error| error.to_string()),
        )
    });
    let built = Signal::derive(move || result.get().and_then(Result::ok));
    let doubts = Memo::new(move |_| {
        built.with(|built| built.as_ref().map(|built| doubts(header_row.get(), built))).unwrap_or_default()
    });
    let held_back = move || doubts.with(|doubts| !doubts.is_empty()) && !trusted.get();
    let meta_problem = move || {
        if title.with(|title| title.trim().is_empty()) {
            Some("请填写指标体系名称。")
        } else if !year.with(|year| lvzhi_core::draft::four_digit_year(&to_ascii_number_text(year)).is_some()) {
            Some("请填写四位数字的评价年度，如2025。")
        } else {
            None
        }
    };
    let create = move |_| {
        let Some(table) = grid.get_untracked() else { return };
        if meta_problem().is_some() || untrack(held_back) {
            return;
        }
        let built =
            build_framework(&table, header_row.get_untracked(), &roles.get_untracked(), &meta(), &untrack(choices));
        let Ok(built) = built else { return };
        let framework = built.framework;
        let text = serde_json::to_string_pretty(&framework).expect("a framework serializes");
        let outcome = session.keep_framework(framework, &text).and_then(|own| {
            let notice = format!(
                "已按指标表建立指标体系“{}”并新建草稿。请先填写基本信息：地区名称、行政层级和评价年度。",
                own.title
            );
            // It opens on 基本信息, as one made from 开始 does.
            session.open_new_on_meta(session.new_draft(own), notice)
        });
        notices.report_error(outcome);
    };
    view! {
        <section class="table-import" aria-labelledby="table-import-title">
            <h1 id="table-import-title">"从指标表新建"</h1>
            <p class="guidance">"在 Word、WPS 或 Excel 中选中通知附件里的指标表（含表头），复制后粘贴到下面；也可直接选择通知附件的 Word 文件（取其中最大的表格）或 CSV、文本文件。程序按表头识别一级指标、二级指标、观测点、分值、评分细则、责任单位等列，合并单元格自动向下填充。核对后建立指标体系并新建草稿；指标体系保存在本浏览器中，可在草稿管理的全部备份中带走。"</p>
            <TableInput on_table=Callback::new(take) read_size=read_size.into()/>
            {move || grid.with(|grid| grid.is_some()).then(|| view! {
                <fieldset class="table-meta">
                    <legend>"指标体系"</legend>
                    <div class="field"><label for="table-title">"名称"</label>
                        <input id="table-title" type="text" placeholder="如：2025年度县级人民政府履行教育职责评价指标" prop:value=move || title.get() on:input=move |event| title.set(event_target_value(&event))/></div>
                    <div class="field"><label for="table-year">"评价年度"</label>
                        <input id="table-year" type="text" inputmode="numeric" placeholder="如：2025" prop:value=move || year.get() on:input=move |event| year.set(event_target_value(&event))/></div>
                    <div class="field"><label for="table-level">"评价对象"</label>
                        <select id="table-level" on:change=move |event| if let Some(chosen) = Level::from_key(&event_target_value(&event)) { level.set(chosen) }>
                            {Level::ALL.into_iter().map(|option| view! { <option value=option.key() selected=move || level.get() == option>{option.label_zh()}</option> }).collect_view()}
                        </select></div>
                    <div class="field"><label for="table-issuer">"所在省份"</label>
                        <input id="table-issuer" type="text" prop:value=move || issuer.get() on:input=move |event| issuer.set(event_target_value(&event))/></div>
                    <div class="field"><label for="table-notice">"通知名称"</label>
                        <input id="table-notice" type="text" prop:value=move || notice_title.get() on:input=move |event| notice_title.set(event_target_value(&event))/></div>
                    <div class="field"><label for="table-number">"通知文号"</label>
                        <input id="table-number" type="text" prop:value=move || notice_number.get() on:input=move |event| notice_number.set(event_target_value(&event))/></div>
                </fieldset>
            })}
            {move || grid.with(|grid| grid.is_some()).then(|| view! {
                <div class="field">
                    <label for="table-results">"通知中关于评价结果的文字（可选）"</label>
                    <textarea id="table-results" rows="3" aria-describedby="table-results-hint"
                        placeholder="如：评价结果分为优秀、良好、合格、不合格四个等次，90分及以上为优秀，80—89分为良好……有下列情形之一的，实行一票否决：……"
                        prop:value=move || results_text.get() on:input=move |event| results_text.set(event_target_value(&event))></textarea>
                    <p class="hint" id="table-results-hint">"粘贴通知正文中关于总分、加分、等次划分和一票否决、降等的段落，程序读取后列在下面的“评分规则”中。"</p>
                </div>
            })}
            // The doubts first: a count of "一级指标" read from a timetable must not read as success.
            <Doubts doubts=doubts trusted=trusted/>
            <Outcome result=result/>
            <FoundRules built=built refused=refused accepted=accepted/>
            {move || grid.get().map(|table| view! { <Preview table=table header_row=header_row roles=roles/> })}
            {move || grid.with(|grid| grid.is_some()).then(|| view! {
                <div class="dialog-actions start">
                    <button type="button" class="primary" id="table-create" on:click=create
                        disabled=move || meta_problem().is_some() || held_back() || !matches!(result.get(), Some(Ok(_)))>"建立指标体系并新建草稿"</button>
                    <span class="hint" data-testid="table-meta-problem">{move || {
                        if held_back() { Some("请先核对上面的提示。") } else { meta_problem() }
                    }}</span>
                </div>
            })}
        </section>
    }
}

/// What the table became: counts and points, notes, rows left out — or why nothing could be made.
#[component]
fn Outcome(result: Memo<Option<Result<lvzhi_core::indicator_table::Built, String>>>) -> impl IntoView {
    move || {
        result.get().map(|outcome| match outcome {
            Err(problem) => view! { <p class="notice error" role="alert" data-testid="table-outcome">{problem}</p> }.into_any(),
            Ok(built) => {
                let framework = &built.framework;
                let rows = framework.score_rows();
                let points = rows.iter().filter(|row| matches!(row.level, RowLevel::Point | RowLevel::SubPoint)).count();
                let total: Points = framework.leaf_points();
                let scored = if framework.is_scored() { format!("，合计{total}分") } else { "，没有分值（按评价重点撰写，不打分）".to_owned() };
                let rules = match built.rule_rows.len() {
                    0 => String::new(),
                    count => format!("，{count}行是评分规则"),
                };
                let summary = format!(
                    "识别到{}个一级指标、{}个二级指标、{}个观测点{scored}；{}行并入上一行{rules}，{}行未采用。",
                    framework.areas.len(), framework.item_count(), points, built.merged_rows.len(), built.left_out.len()
                );
                view! {
                    <div class="table-outcome" data-testid="table-outcome">
                        <p>{summary}</p>
                        {(!built.notes.is_empty()).then(|| view! {
                            <ul class="notes">{built.notes.iter().take(NOTES_SHOWN).map(|note| view! { <li>{note.clone()}</li> }).collect_view()}</ul>
                        })}
                        {(built.notes.len() > NOTES_SHOWN).then(|| view! {
                            <details><summary>{format!("另有{}条说明", built.notes.len() - NOTES_SHOWN)}</summary>
                                <ul>{built.notes.iter().skip(NOTES_SHOWN).take(PREVIEW_ROWS).map(|note| view! { <li>{note.clone()}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        {(!built.left_out.is_empty()).then(|| view! {
                            <details><summary>{format!("未采用的{}行", built.left_out.len())}</summary>
                                <ul>{built.left_out.iter().take(PREVIEW_ROWS).map(|left| view! {
                                    <li>{format!("第{}行：{}{}", left.row, left.reason, if left.text.is_empty() { String::new() } else { format!("（{}）", left.text) })}</li>
                                }).collect_view()}</ul>
                            </details>
                        })}
                    </div>
                }
                .into_any()
            }
        })
    }
}

/// Why the table read does not look like an indicator table, what was expected, and the user's
/// way to say it is one all the same (the columns and header row can be set in the preview first).
#[component]
fn Doubts(doubts: Memo<Vec<String>>, trusted: RwSignal<bool>) -> impl IntoView {
    move || {
        let doubts = doubts.get();
        (!doubts.is_empty()).then(|| view! {
            <div class="table-doubts" role="alert" data-testid="table-doubts">
                <p><strong>"这看起来不是指标表："</strong></p>
                <ul>{doubts.into_iter().map(|doubt| view! { <li>{doubt}</li> }).collect_view()}</ul>
                <p>{EXPECTED}" 如粘贴错了，请重新粘贴或选择文件；如表头行或某列的内容认错了，可在下方预览中改正。"</p>
                <label class="checkbox"><input type="checkbox" id="table-trusted" prop:checked=move || trusted.get()
                    on:change=move |event| trusted.set(event_target_checked(&event))/>
                    "这确实是指标表，按预览中的列建立"</label>
            </div>
        })
    }
}

/// The table as read, a role chooser over each column, and the header row marked.
#[component]
fn Preview(table: Grid, header_row: RwSignal<Option<usize>>, roles: RwSignal<Vec<ColumnRole>>) -> impl IntoView {
    let width = table.first().map_or(0, Vec::len);
    let shown = table.len().min(PREVIEW_ROWS);
    let more = table.len() - shown;
    view! {
        <div class="table-preview-wrap">
            <table class="table-preview" data-testid="table-preview">
                <thead><tr>
                    <th scope="col" title="粘贴内容的第几行（不是表中的序号）；选中的一行是表头">"行号"</th>
                    {(0..width).map(|column| view! {
                        <th scope="col">
                            <select aria-label=format!("第{}列的内容", column + 1) data-column=column
                                on:change=move |event| if let Some(role) = ColumnRole::from_key(&event_target_value(&event)) {
                                    roles.update(|roles| if let Some(slot) = roles.get_mut(column) { *slot = role });
                                }>
                                {ColumnRole::ALL.into_iter().map(|role| view! {
                                    <option value=role.key() selected=move || roles.with(|roles| roles.get(column) == Some(&role))>{role.label_zh()}</option>
                                }).collect_view()}
                            </select>
                        </th>
                    }).collect_view()}
                </tr></thead>
                <tbody>
                    {table.into_iter().take(shown).enumerate().map(|(index, row)| view! {
                        <tr class:header-row=move || header_row.get() == Some(index)>
                            <th scope="row">
                                <label class="radio" title="设为表头行">
                                    <input type="radio" name="table-header-row" prop:checked=move || header_row.get() == Some(index)
                                        on:change=move |_| header_row.set(Some(index)) aria-label=format!("第{}行是表头", index + 1)/>
                                    {index + 1}
                                </label>
                            </th>
                            {row.into_iter().map(|cell| view! { <td class:continued=cell.continued>{cell.text}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(more > 0).then(|| view! { <p class="hint">{format!("另有{more}行未显示，同样读取。")}</p> })}
        <p class="hint" data-testid="header-row-state">
            {move || match header_row.get() {
                Some(row) => format!("第{}行是表头（可在行号处改选）。", row + 1),
                None => "本表没有表头行：各列的内容按上方所选。".to_owned(),
            }}
            " "
            {move || header_row.with(Option::is_some).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| header_row.set(None)>"本表没有表头行"</button>
            })}
        </p>
    }
}
