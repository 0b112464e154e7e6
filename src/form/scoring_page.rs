//! 评分汇总: the total and the grade, each area's score against its points, the bonus items
//! against their cap, the 扣分项 and the 一票否决 / 降等 / 不得评优 questions, and the sentence
//! the report closes its scores with.

use crate::form::findings_panel::FieldFindings;
use crate::form::scores::ScoreRowEditor;
use crate::route::DraftPage;
use crate::workspace::field::TextBinding;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::docx_table::{write_evidence_docx, write_score_table_docx};
use lvzhi_core::draft::Location;
use lvzhi_core::framework::{Condition, Deduction};
use lvzhi_core::report::area_label;
use lvzhi_core::score_table::{evidence_index, score_table, score_table_csv, score_table_file_name};
use lvzhi_core::scoring::score_of;

#[component]
pub fn ScoringPage() -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    let conditions_name =
        framework.scoring.as_ref().map_or("否决与降等事项", |scoring| scoring.conditions_name());
    let Some(scoring) = framework.scoring.as_ref() else {
        return view! {
            <section class="scoring-page" aria-labelledby="scoring-title">
                <h1 id="scoring-title">"评分汇总"</h1>
                <p>"本指标体系没有分值，不需要自评打分。"</p>
            </section>
        }
        .into_any();
    };
    let sheet = workspace.scores;
    let headline = move || {
        sheet.with(|sheet| {
            let Some(sheet) = sheet else { return String::new() };
            // Nothing scored yet: no total is claimed ("0分" would read as a result).
            if !sheet.anything_scored() {
                return format!("尚未评分：基本分满分{}分，共{}项待评分。", sheet.full_marks, sheet.unscored);
            }
            let mut text = format!("自评总分：{}分（基本分满分{}分", sheet.total, sheet.full_marks);
            if sheet.bonus_counted > lvzhi_core::points::Points::ZERO {
                text.push_str(&format!("，含加分{}分", sheet.bonus_counted));
            }
            if sheet.deducted > lvzhi_core::points::Points::ZERO {
                text.push_str(&format!("，扣分项扣{}分", sheet.deducted));
            }
            text.push('）');
            if let Some(grade) = &sheet.grade {
                text.push_str(&format!("　自评等次：{}", grade.name));
                // The grade can still fall while a veto or 降等 question is open.
                if sheet.conditions_open > 0 {
                    text.push_str(&format!("（暂定：还有{}个{conditions_name}未回答）", sheet.conditions_open));
                }
            }
            text
        })
    };
    let open_rows = move || {
        sheet.with(|sheet| {
            sheet.as_ref().map(|sheet| {
                let mut parts = Vec::new();
                if sheet.unscored > 0 {
                    parts.push(format!("{}项未评分或填写有误", sheet.unscored));
                }
                if sheet.conditions_open > 0 {
                    parts.push(format!("{}个{conditions_name}未回答", sheet.conditions_open));
                }
                if let Some(grade) = sheet.grade.as_ref().filter(|grade| !grade.reasons.is_empty()) {
                    parts.push(format!("按总分为{}，因{}", grade.by_total, grade.reasons.join("；")));
                }
                parts.join("；")
            })
        })
    };
    let sentence = move || {
        sheet.with(|sheet| {
            sheet.as_ref().map(|sheet| match sheet.anything_scored() {
                true => sheet.summary_sentence(framework),
                false => "（尚未评分：评分后，报告在此处写明总分、加分、等次和否决情况。）".to_owned(),
            })
        })
    };
    view! {
        <section class="scoring-page" aria-labelledby="scoring-title">
            <h1 id="scoring-title">"评分汇总"</h1>
            <p class="score-headline" data-testid="score-total">{headline}</p>
            <p class="hint" data-testid="score-open">{open_rows}</p>
            <ScoreExports/>
            <p><a href=DraftPage::ScoreSheet.href()>"逐项打分（按打分表的样式逐项填写得分）"</a></p>
            {scoring.grades.is_empty().then(|| view! { <NoGrades/> })}
            <p class="hint">"得失分说明、扣分项和否决事项的情况说明写入自评打分表，佐证材料写入佐证材料目录；报告正文只写各领域得分和总分。"</p>
            <table class="area-scores">
                <thead><tr><th scope="col">"一级指标"</th><th scope="col">"自评得分 / 分值"</th></tr></thead>
                <tbody>
                    {framework.areas.iter().enumerate().map(|(index, area)| {
                        let code = area.code.as_str();
                        let score = Memo::new(move |_| sheet.with(|sheet| {
                            sheet.as_ref().and_then(|sheet| sheet.row(code)).map(|row| score_of(row.score, row.row.points))
                        }));
                        view! {
                            <tr>
                                <th scope="row"><a href=DraftPage::Item(area.items[0].code.clone()).href()>{area_label(index, area)}</a></th>
                                <td class="count" data-testid=format!("area-score-{code}")>{move || score.get()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {scoring.bonus.as_ref().map(|bonus| {
                let used = move || sheet.with(|sheet| sheet.as_ref().map(|sheet| {
                    format!("（上限{}分，已申请{}分，计入{}分）", bonus.cap, sheet.bonus_claimed, sheet.bonus_counted)
                }));
                view! {
                    <section class="bonus" aria-labelledby="bonus-title">
                        <h2 id="bonus-title">{bonus.title.clone()}{used}</h2>
                        {framework.bonus_rows().into_iter().map(|row| view! { <ScoreRowEditor row=row/> }).collect_view()}
                    </section>
                }
            })}
            {(!scoring.deductions.is_empty()).then(|| view! {
                <section class="deductions" aria-labelledby="deductions-title">
                    <h2 id="deductions-title">"扣分项"</h2>
                    {scoring.deductions.iter().map(|deduction| view! { <DeductionEditor deduction=deduction/> }).collect_view()}
                </section>
            })}
            {(!scoring.conditions.is_empty()).then(|| view! {
                <section class="conditions" aria-labelledby="conditions-title">
                    <h2 id="conditions-title">{conditions_name}</h2>
                    <p class="hint">
                        "逐项回答；回答“是”的，写明发生的情况和处理结果。"
                        {(conditions_name != "一票否决事项").then_some("降等事项有一项为“是”即降一个等次（多项也只降一次）。")}
                    </p>
                    {scoring.conditions.iter().map(|condition| view! { <ConditionEditor condition=condition/> }).collect_view()}
                </section>
            })}
            <section class="closing-sentence" aria-labelledby="closing-title">
                <h2 id="closing-title">"报告中的总分表述"</h2>
                <p class="report-paragraph" data-testid="score-sentence">{sentence}</p>
                <p class="hint">{move || sheet.with(|sheet| sheet.as_ref().filter(|sheet| sheet.anything_scored() && sheet.conditions_open > 0).map(|sheet| {
                    format!("还有{}个{conditions_name}未回答：回答后等次才确定，报告才写明有无“一票否决”。", sheet.conditions_open)
                }))}</p>
            </section>
        </section>
    }
    .into_any()
}

#[component]
fn DeductionEditor(deduction: &'static Deduction) -> impl IntoView {
    let workspace = use_workspace();
    let code = deduction.code.as_str();
    let Some(signals) = workspace.signals.scored.deduction(code) else { return ().into_any() };
    let location = Location::Deduction(code.to_owned());
    let binding = workspace.bind(location.clone());
    // The explanation has no finding of its own: typing it marks the 扣分项 touched.
    let explanation = TextBinding::new(
        signals.explanation,
        Callback::new(move |()| workspace.touch(Location::Deduction(code.to_owned()))),
    );
    let cap = deduction.cap.map(|cap| format!("，最多扣{cap}分")).unwrap_or_default();
    view! {
        <div class="score-row">
            <p class="score-row-head"><span class="code">{code}</span>" "<strong>{deduction.title.clone()}</strong>
                {format!("（每次扣{}分{cap}）", deduction.per_occurrence)}</p>
            {(!deduction.basis.is_empty()).then(|| view! { <p class="criteria"><span class="term">"依据："</span>{deduction.basis.clone()}</p> })}
            <div class="score-fields">
                <div class="field score">
                    <label for=format!("deduction-{code}")>"发生次数"</label>
                    <input id=format!("deduction-{code}") type="text" inputmode="numeric" autocomplete="off"
                        prop:value=move || signals.occurrences.get()
                        on:input=binding.on_input() on:compositionend=binding.on_composition_end()/>
                    <FieldFindings location=location/>
                </div>
                <div class="field explanation">
                    <label for=format!("deduction-why-{code}")>"情况说明"</label>
                    <textarea id=format!("deduction-why-{code}") rows="2"
                        prop:value=move || signals.explanation.get()
                        on:input=explanation.on_input() on:compositionend=explanation.on_composition_end()></textarea>
                </div>
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn ConditionEditor(condition: &'static Condition) -> impl IntoView {
    let workspace = use_workspace();
    let code = condition.code.as_str();
    let Some(signals) = workspace.signals.scored.condition(code) else { return ().into_any() };
    let location = Location::Condition(code.to_owned());
    let explanation = workspace.bind(location.clone());
    let answer = move |occurred: bool| {
        signals.occurred.set(Some(occurred));
        workspace.touch(Location::Condition(code.to_owned()));
    };
    view! {
        <fieldset class="condition">
            <legend>{condition.question.clone()}<span class="effect">{format!("（{}）", condition.effect.label_zh())}</span></legend>
            {(!condition.basis.is_empty()).then(|| view! { <p class="criteria"><span class="term">"依据："</span>{condition.basis.clone()}</p> })}
            <label class="radio" for=format!("condition-{code}-no")>
                <input id=format!("condition-{code}-no") type="radio" name=format!("condition-{code}")
                    prop:checked=move || signals.occurred.get() == Some(false) on:change=move |_| answer(false)/>
                "否"
            </label>
            <label class="radio" for=format!("condition-{code}-yes")>
                <input id=format!("condition-{code}-yes") type="radio" name=format!("condition-{code}")
                    prop:checked=move || signals.occurred.get() == Some(true) on:change=move |_| answer(true)/>
                "是"
            </label>
            <div class="field">
                <label for=format!("condition-why-{code}")>"情况说明"</label>
                <textarea id=format!("condition-why-{code}") rows="2"
                    prop:value=move || signals.explanation.get()
                    on:input=explanation.on_input() on:compositionend=explanation.on_composition_end()></textarea>
            </div>
            <FieldFindings location=location/>
        </fieldset>
    }
    .into_any()
}

/// 自评打分表 as Word (landscape) or CSV, and the 佐证材料目录 as Word.
#[component]
fn ScoreExports() -> impl IntoView {
    let session = expect_context::<crate::session::Session>();
    let notices = session.notices;
    let workspace = use_workspace();
    let framework = workspace.framework;
    let conditions_name =
        framework.scoring.as_ref().map_or("否决与降等事项", |scoring| scoring.conditions_name());
    const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let save = move |bytes: Vec<u8>, name: String, mime: &str| {
        notices.report(
            crate::files::download(&bytes, &name, mime)
                .map(|()| format!("已导出 {name}。"))
                .map_err(crate::notices::AppError::from),
        );
    };
    // What is still open, asked about before a table goes out with empty cells.
    let incomplete_ok = move || {
        let open = workspace.scores.with_untracked(|sheet| {
            sheet.as_ref().map(|sheet| (sheet.unscored, sheet.conditions_open)).unwrap_or_default()
        });
        let mut parts = Vec::new();
        if open.0 > 0 {
            parts.push(format!("{}项未评分", open.0));
        }
        if open.1 > 0 {
            parts.push(format!("{}个{conditions_name}未回答", open.1));
        }
        parts.is_empty()
            || window()
                .confirm_with_message(&format!("还有{}，打分表中这些栏将是空的。仍要导出吗？", parts.join("、")))
                .unwrap_or(false)
    };
    let table_word = move |_| {
        if !incomplete_ok() {
            return;
        }
        let draft = workspace.snapshot.get_untracked();
        if let Some(table) = score_table(framework, &draft) {
            save(write_score_table_docx(&table), score_table_file_name(&draft, "docx"), WORD);
        }
    };
    let table_csv = move |_| {
        if !incomplete_ok() {
            return;
        }
        let draft = workspace.snapshot.get_untracked();
        if let Some(table) = score_table(framework, &draft) {
            save(score_table_csv(&table).into_bytes(), score_table_file_name(&draft, "csv"), "text/csv;charset=utf-8");
        }
    };
    let evidence_word = move |_| {
        let draft = workspace.snapshot.get_untracked();
        let title = format!("{}佐证材料目录", draft.display_name().trim_end_matches("自评报告"));
        let name = lvzhi_core::file_names::draft_named(&draft, "佐证材料目录", "docx");
        save(write_evidence_docx(&title, &evidence_index(framework, &draft)), name, WORD);
    };
    view! {
        <div class="dialog-actions start score-exports">
            <button type="button" on:click=table_word>"导出自评打分表（Word）"</button>
            <button type="button" on:click=table_csv>"导出打分表（CSV，Excel/WPS）"</button>
            <button type="button" on:click=evidence_word>"导出佐证材料目录（Word）"</button>
        </div>
    }
}

/// A framework with points but no grade bands: said, and the usual four offered as a start (as
/// parts of full marks), applied only on the button — as a new version of the framework that this
/// draft moves to.
#[component]
fn NoGrades() -> impl IntoView {
    let session = expect_context::<crate::session::Session>();
    let workspace = use_workspace();
    let framework = workspace.framework;
    let conditions_name =
        framework.scoring.as_ref().map_or("否决与降等事项", |scoring| scoring.conditions_name());
    let full_marks =
        framework.scoring.as_ref().and_then(|scoring| scoring.total).unwrap_or_else(|| framework.leaf_points());
    let pass = RwSignal::new(60_i64);
    let bands = move || lvzhi_core::framework_edit::usual_grades(full_marks, pass.get());
    let described = move || lvzhi_core::framework::GradeBand::describe(&bands());
    let adopt = move |_| {
        let draft = workspace.stamped_snapshot();
        session.notices.report_error(session.adopt_grades(framework, draft, bands()));
    };
    view! {
        <section class="no-grades" aria-labelledby="no-grades-title" data-testid="no-grades">
            <h2 id="no-grades-title">"等次"</h2>
            <p>{format!("本指标体系没有设置等次：只计总分，不评定等次，{conditions_name}也不影响结果。")}</p>
            <p>"常用的等次："<span data-testid="usual-grades">{described}</span></p>
            <div class="field">
                <label for="no-grades-pass">"合格的最低分"</label>
                <select id="no-grades-pass" on:change=move |event| pass.set(if event_target_value(&event) == "65" { 65 } else { 60 })>
                    <option value="60" selected=true>{format!("总分的60%（{}分）", lvzhi_core::points::Points::from_thousandths(full_marks.thousandths() * 60 / 100))}</option>
                    <option value="65">{format!("总分的65%（{}分）", lvzhi_core::points::Points::from_thousandths(full_marks.thousandths() * 65 / 100))}</option>
                </select>
            </div>
            <button type="button" id="adopt-grades" on:click=adopt>"为本指标体系设置这些等次"</button>
            <p class="hint">"将另存为指标体系的新版本（原版本不变），本草稿先备份，再改用新版本；其他草稿不受影响。也可在“编辑指标体系”的“评分规则”中自行设置。"</p>
        </section>
    }
}
