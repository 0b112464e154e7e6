//! 评分规则 in the framework editor: total and step, "扣完为止", whether the report prints area
//! scores, grade bands (with the usual four as a one-click start), the bonus (title, cap, items),
//! 扣分项 and 一票否决 / 降等 / 不得评优 conditions. Every change is one undo step through the
//! core's actions; the live checks name the field to jump to (`rule_dom_id`).

use crate::frameworks::commit_field::CommitField;
use crate::frameworks::editor_state::use_editor;
use leptos::prelude::*;
use lvzhi_core::framework::{ConditionEffect, Scoring};
use lvzhi_core::framework_edit::{usual_grades, Action, RuleList, RuleRef, RuleText, ScoringSetting};
use lvzhi_core::points::Points;

#[component]
pub fn FrameworkRules() -> impl IntoView {
    let editor = use_editor();
    let body = move || {
        editor.revision.track();
        let framework = editor.edit.with_untracked(|edit| edit.parts().clone());
        match framework.scoring.clone() {
            None => view! {
                <p class="hint">"本指标体系还没有分值（按评价重点撰写，不打分）。为指标填写分值后，可在这里设置总分、等次、加分项、扣分项和一票否决等规则。"</p>
            }
            .into_any(),
            Some(scoring) => {
                let row_label = |code: &str| {
                    framework.score_rows().into_iter().find(|row| row.code == code).map(|row| row.label())
                };
                let conditions: Vec<(usize, lvzhi_core::framework::Condition, Option<String>)> = scoring
                    .conditions
                    .iter()
                    .cloned()
                    .enumerate()
                    .map(|(index, condition)| {
                        let row = (!condition.row.is_empty()).then(|| row_label(&condition.row)).flatten();
                        (index, condition, row)
                    })
                    .collect();
                let full_marks = scoring
                    .total
                    .unwrap_or_else(|| framework.leaf_points());
                view! {
                    <TotalFields scoring=scoring.clone()/>
                    <GradeFields scoring=scoring.clone() full_marks=full_marks/>
                    <BonusFields scoring=scoring.clone()/>
                    <DeductionRules scoring=scoring.clone()/>
                    <ConditionRules conditions=conditions/>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="framework-rules" aria-labelledby="fw-rules-title">
            <h2 id="fw-rules-title" tabindex="-1">"评分规则"</h2>
            {body}
        </section>
    }
}

/// A field of a scoring list entry, committed as one undo step.
fn rule_field(
    list: RuleList,
    index: usize,
    text: RuleText,
    id: String,
    label: &str,
    value: String,
    rows: u32,
) -> impl IntoView {
    let editor = use_editor();
    let on_commit = Callback::new(move |value| editor.dispatch(Action::SetRuleText(RuleRef(list, index), text, value)));
    view! { <CommitField id=id label=label.to_owned() value=value rows=rows on_commit=on_commit/> }
}

fn delete_button(list: RuleList, index: usize, label: String) -> impl IntoView {
    let editor = use_editor();
    view! {
        <button type="button" class="danger" aria-label=label on:click=move |_| editor.act(Action::DeleteRule(RuleRef(list, index)))>"删除"</button>
    }
}

fn add_button(
    list: RuleList,
    id: &'static str,
    label: &'static str,
    first_field: fn(usize) -> String,
    count: usize,
) -> impl IntoView {
    let editor = use_editor();
    view! {
        <button type="button" id=id on:click=move |_| {
            editor.act(Action::AddRule(list));
            crate::route::focus_soon(first_field(count));
        }>{label}</button>
    }
}

fn points_text(points: Option<Points>) -> String {
    points.map(|points| points.to_string()).unwrap_or_default()
}

#[component]
fn TotalFields(scoring: Scoring) -> impl IntoView {
    let editor = use_editor();
    let setting = move |make: fn(String) -> ScoringSetting| {
        Callback::new(move |value: String| editor.dispatch(Action::SetScoring(make(value))))
    };
    view! {
        <fieldset class="rules-total">
            <legend>"总分与计分"</legend>
            <CommitField id="fw-total".to_owned() label="总分（不含加分）".to_owned() value=points_text(scoring.total)
                hint="填写后，各观测点分值之和须等于总分；不填则按各项分值合计。" on_commit=setting(ScoringSetting::Total)/>
            <CommitField id="fw-step".to_owned() label="计分步长".to_owned() value=scoring.step.to_string()
                hint="如“以0.1分递减计分”填0.1；填0则不限。" on_commit=setting(ScoringSetting::Step)/>
            <label class="checkbox"><input type="checkbox" id="fw-floor" prop:checked=scoring.floor_at_zero
                on:change=move |event| editor.act(Action::SetScoring(ScoringSetting::FloorAtZero(event_target_checked(&event))))/>
                "扣完为止（各项最低0分）"</label>
            <label class="checkbox"><input type="checkbox" id="fw-area-scores" prop:checked=scoring.report_area_scores
                on:change=move |event| editor.act(Action::SetScoring(ScoringSetting::ReportAreaScores(event_target_checked(&event))))/>
                "报告中在各领域标题后写出分值和自评得分"</label>
        </fieldset>
    }
}

#[component]
fn GradeFields(scoring: Scoring, full_marks: Points) -> impl IntoView {
    let editor = use_editor();
    let count = scoring.grades.len();
    let rows = scoring
        .grades
        .into_iter()
        .enumerate()
        .map(|(index, band)| {
            view! {
                <li class="rule-row">
                    {rule_field(RuleList::Grade, index, RuleText::Title, format!("fw-grade-{index}-title"), "等次名称", band.name.clone(), 1)}
                    {rule_field(RuleList::Grade, index, RuleText::Points, format!("fw-grade-{index}-points"), "最低分（含）", band.at_least.to_string(), 1)}
                    {delete_button(RuleList::Grade, index, format!("删除等次“{}”", band.name))}
                </li>
            }
        })
        .collect_view();
    let usual = move |pass: i64| {
        move |_| {
            editor.act(Action::SetGrades(usual_grades(full_marks, pass)));
            crate::route::focus_soon("fw-grade-0-title".to_owned());
        }
    };
    let describe = |pass: i64| lvzhi_core::framework::GradeBand::describe(&usual_grades(full_marks, pass));
    view! {
        <fieldset class="rules-grades">
            <legend>"等次"</legend>
            <p class="hint">"从高到低排列，每个等次填写最低分：总分不低于某等次的最低分即为该等次；最低的等次最低分为0。"</p>
            {(count == 0).then(|| view! { <p class="hint">"尚未设置等次：不设等次则只给出总分，一票否决和降等事项不影响结果。"</p> })}
            <ol>{rows}</ol>
            <div class="entry-controls">
                {add_button(RuleList::Grade, "fw-add-grade", "添加等次", |index| format!("fw-grade-{index}-title"), count)}
                <button type="button" id="fw-usual-grades-60" on:click=usual(60)>{format!("使用常用等次（{}）", describe(60))}</button>
                <button type="button" id="fw-usual-grades-65" on:click=usual(65)>{format!("使用常用等次（{}）", describe(65))}</button>
            </div>
        </fieldset>
    }
}

#[component]
fn BonusFields(scoring: Scoring) -> impl IntoView {
    let editor = use_editor();
    let setting = move |make: fn(String) -> ScoringSetting| {
        Callback::new(move |value: String| editor.dispatch(Action::SetScoring(make(value))))
    };
    let enabled = scoring.bonus.is_some();
    let details = scoring.bonus.map(|bonus| {
        let count = bonus.items.len();
        let items = bonus
            .items
            .into_iter()
            .enumerate()
            .map(|(index, item)| {
                let list = RuleList::BonusItem;
                view! {
                    <li class="rule-row">
                        {rule_field(list, index, RuleText::Title, format!("fw-bonus-{index}-title"), "加分项目", item.title.clone(), 1)}
                        {rule_field(list, index, RuleText::Points, format!("fw-bonus-{index}-points"), "最多加分", item.points.to_string(), 1)}
                        {rule_field(list, index, RuleText::Criteria, format!("fw-bonus-{index}-criteria"), "评价要点", item.criteria.clone(), 2)}
                        {rule_field(list, index, RuleText::ScoringRule, format!("fw-bonus-{index}-rule"), "加分细则", item.scoring_rule.clone(), 2)}
                        {delete_button(list, index, format!("删除加分项目“{}”", item.title))}
                    </li>
                }
            })
            .collect_view();
        view! {
            <CommitField id="fw-bonus-title".to_owned() label="名称".to_owned() value=bonus.title.clone() on_commit=setting(ScoringSetting::BonusTitle)/>
            <CommitField id="fw-bonus-cap".to_owned() label="加分上限".to_owned() value=bonus.cap.to_string() on_commit=setting(ScoringSetting::BonusCap)/>
            <ol>{items}</ol>
            {add_button(RuleList::BonusItem, "fw-add-bonus", "添加加分项目", |index| format!("fw-bonus-{index}-title"), count)}
        }
    });
    view! {
        <fieldset class="rules-bonus">
            <legend>"加分项"</legend>
            <label class="checkbox"><input type="checkbox" id="fw-bonus" prop:checked=enabled
                on:change=move |event| editor.act(Action::SetScoring(ScoringSetting::Bonus(event_target_checked(&event))))/>
                "设加分项（在基本分之外另行加分，合计不超过上限）"</label>
            {details}
        </fieldset>
    }
}

#[component]
fn DeductionRules(scoring: Scoring) -> impl IntoView {
    let count = scoring.deductions.len();
    let rows = scoring
        .deductions
        .into_iter()
        .enumerate()
        .map(|(index, deduction)| {
            let list = RuleList::Deduction;
            view! {
                <li class="rule-row">
                    {rule_field(list, index, RuleText::Title, format!("fw-deduction-{index}-title"), "扣分情形", deduction.title.clone(), 1)}
                    {rule_field(list, index, RuleText::Points, format!("fw-deduction-{index}-points"), "每次扣分", deduction.per_occurrence.to_string(), 1)}
                    {rule_field(list, index, RuleText::Cap, format!("fw-deduction-{index}-cap"), "最多扣分（不限不填）", points_text(deduction.cap), 1)}
                    {rule_field(list, index, RuleText::Basis, format!("fw-deduction-{index}-basis"), "依据", deduction.basis.clone(), 2)}
                    {delete_button(list, index, format!("删除扣分项“{}”", deduction.title))}
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="rules-deductions">
            <legend>"扣分项（从总分中扣除）"</legend>
            <ol>{rows}</ol>
            {add_button(RuleList::Deduction, "fw-add-deduction", "添加扣分项", |index| format!("fw-deduction-{index}-title"), count)}
        </fieldset>
    }
}

#[component]
fn ConditionRules(conditions: Vec<(usize, lvzhi_core::framework::Condition, Option<String>)>) -> impl IntoView {
    let editor = use_editor();
    let count = conditions.len();
    let rows = conditions
        .into_iter()
        .map(|(index, condition, row)| {
            let list = RuleList::Condition;
            let effect = condition.effect;
            let select_id = format!("fw-condition-{index}-effect");
            view! {
                <li class="rule-row">
                    {rule_field(list, index, RuleText::Title, format!("fw-condition-{index}-title"), "情形（写成“是否……”）", condition.question.clone(), 1)}
                    <div class="field">
                        <label for=select_id.clone()>"后果"</label>
                        <select id=select_id on:change=move |event| {
                            if let Some(effect) = ConditionEffect::from_key(&event_target_value(&event)) {
                                editor.act(Action::SetConditionEffect(index, effect));
                            }
                        }>
                            {ConditionEffect::ALL.into_iter().map(|option| view! {
                                <option value=option.key() selected=option == effect>{option.label_zh()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {rule_field(list, index, RuleText::Basis, format!("fw-condition-{index}-basis"), "依据", condition.basis.clone(), 2)}
                    {row.map(|row| view! {
                        <p class="hint">{format!("出自评分行“{row}”的评分细则{}", if condition.row_scores_nothing { "：发生时该项不得分" } else { "" })}</p>
                    })}
                    {delete_button(list, index, format!("删除事项“{}”", condition.question))}
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="rules-conditions">
            <legend>"一票否决、降一个等次、不得评为优秀"</legend>
            <ol>{rows}</ol>
            {add_button(RuleList::Condition, "fw-add-condition", "添加事项", |index| format!("fw-condition-{index}-title"), count)}
        </fieldset>
    }
}
