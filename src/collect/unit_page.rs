//! One unit of 汇总 (`#/collect/unit/<unit>[/<place>]`, opened at a place a comparison cell
//! names), read-only: its numbers, the findings the validator has for its draft (one line per
//! problem), 复核 (for a scored framework: the reviewer's score and note per row, kept
//! in the collection, with 自评可信度 and the rows that differ most), and its report as printed.

use crate::collect::collect_state::use_collect;
use crate::route::AppPage;
use crate::session::Session;
use crate::widgets::report_blocks::ReportBlocks;
use leptos::prelude::*;
use lvzhi_core::collection::{
    checked_score, credibility, grouped_findings, review_docx, Review, UnitSummary, CREDIBILITY_FORMULA,
};
use lvzhi_core::framework::RowLevel;
use lvzhi_core::points::Points;
use lvzhi_core::report::build_report;
use lvzhi_core::scoring::ScoreSheet;
use lvzhi_core::{Draft, Framework};

/// `at`: where to open — `findings`, `review`, `report` or `area-<n>` (the n-th area of its
/// report, from 0); the page's top when none.
#[component]
pub fn UnitPage(key: String, at: Option<String>) -> impl IntoView {
    let state = use_collect();
    state.ensure_open();
    // The unit and its framework; equal after a 复核 change, so the page is not drawn anew (the
    // field being typed in keeps its focus).
    let found = {
        let key = key.clone();
        Memo::new(move |_| {
            state.collection.with(|collection| {
                let unit = collection.unit(&key)?;
                Some((unit.draft.clone(), collection.framework_of(unit)?.clone()))
            })
        })
    };
    view! {
        <section class="unit-page" aria-labelledby="unit-title">
            <p><a href=AppPage::Collect.href() id="back-to-collect">"← 返回汇总"</a></p>
            {move || match found.get() {
                Some((draft, framework)) => {
                    if let Some(at) = at.clone() {
                        open_at(at);
                    }
                    view! { <UnitView key=key.clone() draft=draft framework=framework/> }.into_any()
                }
                None => view! {
                    <h1 id="unit-title">"汇总中的单位"</h1>
                    <p>{move || if state.summaries.with(Vec::is_empty) { "正在打开汇总…" } else { "汇总中没有这个单位（可能已移除）。" }}</p>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn UnitView(key: String, draft: Draft, framework: Framework) -> impl IntoView {
    let state = use_collect();
    let session = expect_context::<Session>();
    let (summary, findings) = UnitSummary::with_findings(&key, &framework, &draft);
    let numbers = {
        let mut parts = vec![
            format!("完成{}/{}项指标", summary.done, summary.total),
            format!("错误{}处", summary.errors),
            format!("警告{}处", summary.warnings),
            format!("未替换的空白{}处", summary.blanks),
        ];
        if let Some(score) = &summary.score {
            parts.push(format!("自评总分{}分", score.total));
            if let Some(grade) = &score.grade {
                parts.push(format!("等次{grade}"));
            }
        }
        parts.join("，")
    };
    let finding_rows = grouped_findings(&framework, &draft, &findings)
        .into_iter()
        .map(|group| {
            let severity = group.severity.label_zh();
            let class = format!("finding severity-{}", group.severity.key());
            // One line per kind of problem: its places listed (the first ten, then how many more).
            let count = group.places.len();
            let mut places = group.places.iter().take(10).cloned().collect::<Vec<_>>().join("、");
            if count > 10 {
                places.push_str(&format!("等{count}处"));
            } else if count > 1 {
                places.push_str(&format!("（{count}处）"));
            }
            // "请填写“成文日期”。" + "：" would read "。：".
            let message = group.message.trim_end_matches(['。', '；']).to_owned();
            view! { <li class=class><span class="severity">{severity}</span>" "{message}"："<span class="place">{places}</span></li> }
        })
        .collect_view();
    let report = build_report(&framework, &draft);
    let remove = {
        let key = key.clone();
        let unit = summary.unit.clone();
        move |_| {
            let question = format!("从汇总中移除“{unit}”？其复核得分一并移除；该单位的草稿文件不受影响。");
            if window().confirm_with_message(&question).unwrap_or(false) {
                state.remove_unit(&key);
                session.notices.done(format!("已从汇总中移除“{unit}”。"));
                crate::route::set_address(AppPage::Collect);
            }
        }
    };
    let scored = framework.is_scored();
    view! {
        <h1 id="unit-title">{summary.unit.clone()}</h1>
        <p class="guidance">{format!("{}；{}；最后修改于{}。", framework.versioned_label(), numbers, crate::clock::local_time(&summary.last_edit))}</p>
        <p class="hint">"本页只读：汇总不会改动各单位的草稿。复核得分和意见保存在汇总中。"</p>
        <nav class="editor-sections" aria-label="本单位的各部分">
            <a href="#unit-findings-title" on:click=jump("unit-findings-title")>"发现的问题"</a>
            {scored.then(|| view! { <a href="#unit-review-title" on:click=jump("unit-review-title")>"复核"</a> })}
            <a href="#unit-report-title" on:click=jump("unit-report-title")>"报告全文"</a>
        </nav>
        <section aria-labelledby="unit-findings-title">
            <h2 id="unit-findings-title" tabindex="-1">{format!("发现的问题（{}处）", findings.len())}</h2>
            <p class="hint">"同一问题只列一行，后面是它出现的各处。"</p>
            <ul class="unit-findings" data-testid="unit-findings">{finding_rows}</ul>
        </section>
        {scored.then(|| view! { <ReviewTable key=key.clone() draft=draft.clone() framework=framework.clone() unit=summary.unit.clone()/> })}
        <section aria-labelledby="unit-report-title">
            <h2 id="unit-report-title" tabindex="-1">"报告全文"</h2>
            <article class="official-page" data-testid="unit-report"><ReportBlocks report=report/></article>
        </section>
        <p><button type="button" class="danger" id="unit-remove" on:click=remove>"从汇总中移除此单位"</button></p>
    }
}

/// Moves the focus to the place a comparison cell named, once the page is drawn: a section's
/// heading, or an area of the report (its report's top where the report has no area headings).
fn open_at(at: String) {
    request_animation_frame(move || {
        let id = match at.as_str() {
            "findings" => "unit-findings-title".to_owned(),
            "review" => "unit-review-title".to_owned(),
            area if area.starts_with("area-") => format!("report-{area}"),
            _ => "unit-report-title".to_owned(),
        };
        let exists = |id: &str| document().get_element_by_id(id).is_some();
        let id = if exists(&id) { id } else { "unit-report-title".to_owned() };
        crate::route::focus_soon(id);
    });
}

/// An in-page link that moves the focus to a section's heading without changing the route.
fn jump(id: &'static str) -> impl Fn(leptos::ev::MouseEvent) + Copy {
    move |event| {
        event.prevent_default();
        crate::route::focus_soon(id.to_owned());
    }
}

/// 复核: a row per scored row (and bonus item) with the unit's self-score, the reviewer's score and
/// note (each kept when the field is left), 自评可信度 with its formula, the rows that differ most,
/// and the 复核意见 as a Word file.
#[component]
fn ReviewTable(key: String, draft: Draft, framework: Framework, unit: String) -> impl IntoView {
    let state = use_collect();
    let session = expect_context::<Session>();
    let review = {
        let key = key.clone();
        Memo::new(move |_| {
            state.collection.with(|collection| collection.reviews.get(&key).cloned().unwrap_or_default())
        })
    };
    let result = {
        let (draft, framework) = (draft.clone(), framework.clone());
        Memo::new(move |_| review.with(|review| credibility(&framework, &draft, review)))
    };
    /// A row of the table: code, shown code, title, points, step, the unit's score and 得失分说明.
    struct Row {
        code: String,
        shown: String,
        title: String,
        points: Option<Points>,
        step: Points,
        own: String,
        explanation: String,
    }
    let rows: Vec<Row> = ScoreSheet::compute(&framework, &draft)
        .map(|sheet| {
            let leaves = sheet.rows.iter().filter(|row| row.row.is_leaf).map(|row| row.row.clone());
            let bonus = sheet.bonus_rows.iter().map(|(point, _)| point.row(RowLevel::Point, None));
            leaves
                .chain(bonus)
                .map(|row| {
                    let entry = draft.scores.get(row.code);
                    let title = if row.item_code.is_none() {
                        format!("加分项：{}", row.title)
                    } else {
                        row.title.to_owned()
                    };
                    Row {
                        code: row.code.to_owned(),
                        shown: row.shown_code().to_owned(),
                        title,
                        points: row.points,
                        step: framework.step_of(row.step),
                        own: entry.map(|entry| entry.score.trim().to_owned()).unwrap_or_default(),
                        explanation: entry.map(|entry| entry.explanation.trim().to_owned()).unwrap_or_default(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let table_rows = rows
        .into_iter()
        .map(|row| {
            let Row { code, shown, title, points, step, own, explanation } = row;
            let entry = review.with_untracked(|review: &Review| review.rows.get(&code).cloned().unwrap_or_default());
            let (score_id, note_id) = (format!("review-{code}-score"), format!("review-{code}-note"));
            let problem_id = format!("review-{code}-problem");
            let (key_score, code_score) = (key.clone(), code.clone());
            let (key_note, code_note) = (key.clone(), code.clone());
            // Checked as the unit's own score is: refused values are marked here, not counted.
            let problem = {
                let code = code.clone();
                Memo::new(move |_| {
                    review.with(|review| review.rows.get(&code).and_then(|entry| checked_score(&entry.score, points, step).err()))
                })
            };
            let invalid = move || problem.with(Option::is_some).then_some("true");
            view! {
                <tr data-row=code.clone()>
                    <th scope="row">{shown}</th>
                    <td>{title.clone()}</td>
                    <td class="number">{points.map(|points| points.to_string()).unwrap_or_default()}</td>
                    <td class="number">{if own.is_empty() { "—".to_owned() } else { own }}</td>
                    <td class="explanation">{explanation}</td>
                    <td><input id=score_id type="text" inputmode="decimal" class="score-input" aria-label=format!("{title}：复核得分")
                        aria-invalid=invalid aria-describedby=problem_id.clone()
                        prop:value=entry.score on:change=move |event| {
                            let value = event_target_value(&event);
                            state.set_review(&key_score, &code_score, |entry| entry.score = value);
                        }/>
                        <p class="field-problem" id=problem_id>{move || problem.get().map(|why| format!("{why}，未计入。"))}</p>
                    </td>
                    <td><textarea id=note_id rows="2" aria-label=format!("{title}：复核意见")
                        prop:value=entry.note on:change=move |event| {
                            let value = event_target_value(&event);
                            state.set_review(&key_note, &code_note, |entry| entry.note = value);
                        }></textarea></td>
                </tr>
            }
        })
        .collect_view();
    let export = move |_| {
        let bytes = state.collection.with_untracked(|collection| {
            let review = collection.reviews.get(&key).cloned().unwrap_or_default();
            review_docx(&framework, &draft, &review, &unit, &collection.reviewer, &crate::clock::chinese_date())
        });
        let name = lvzhi_core::file_names::safe_file_name(&format!("{unit}复核意见"), "docx");
        session.notices.report(crate::files::offer_docx(&bytes, &name).map_err(crate::notices::AppError::from));
    };
    view! {
        <section class="unit-review" aria-labelledby="unit-review-title">
            <h2 id="unit-review-title" tabindex="-1">"复核"</h2>
            // Above what a 复核得分 changes: a field left by clicking here must not move it away.
            <p><button type="button" id="review-export" on:click=export>"导出复核意见（Word）"</button></p>
            <div class="credibility" role="status" data-testid="credibility">
                {move || result.with(|result| match result.percent {
                    Some(percent) => format!(
                        "已复核{}项，其中{}项与自评得分比较：自评得分合计{}分，复核得分合计{}分，相差{}分；自评可信度{percent}%。",
                        result.reviewed, result.compared, result.own_sum, result.reviewed_sum, result.absolute_difference
                    ),
                    None => "尚未录入复核得分（或复核的项目本单位尚未自评）。".to_owned(),
                })}
            </div>
            <p class="hint">{CREDIBILITY_FORMULA}</p>
            {move || result.with(|result| {
                let refused = result.unreadable.iter().map(|(code, why)| format!("{code}（{why}）")).collect::<Vec<_>>();
                (!refused.is_empty()).then(|| view! {
                    <p class="field-problem">{format!("{}项复核得分有误，未计入：{}。", refused.len(), refused.join("；"))}</p>
                })
            })}
            {move || result.with(|result| {
                (!result.differences.is_empty()).then(|| {
                    let items = result.differences.iter().take(5).map(|row| {
                        let difference = row.difference();
                        let sign = if difference.is_negative() { "" } else { "+" };
                        view! { <li>{format!("{} {}：自评{}分，复核{}分（{sign}{difference}）", row.shown_code, row.title, row.own, row.reviewed)}</li> }
                    }).collect_view();
                    view! { <h3>"相差最多的项目"</h3><ol class="differences" data-testid="differences">{items}</ol> }
                })
            })}
            <div class="table-scroll">
                <table class="review-table">
                    <thead><tr>
                        <th scope="col">"编号"</th><th scope="col">"指标"</th><th scope="col">"分值"</th>
                        <th scope="col">"自评得分"</th><th scope="col">"得失分说明"</th><th scope="col">"复核得分"</th><th scope="col">"复核意见"</th>
                    </tr></thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </section>
    }
}
