//! A scored row's figure-driven deduction in the framework editor ("应不少于4次，每少1次扣0.3分"):
//! the figure (one of its item's), the target, how many units make one deduction, and the points;
//! where the row has none yet and its 评分细则 reads as arithmetic on a figure, the deduction the
//! core proposes from those words, applied only by 采用推荐 (then each field can be changed).

use crate::frameworks::commit_field::CommitField;
use crate::frameworks::editor_state::{node_dom_id, use_editor};
use leptos::prelude::*;
use lvzhi_core::framework_edit::{Action, DeductionField, NodePath};

#[component]
pub fn DeductionFields(path: NodePath) -> impl IntoView {
    let editor = use_editor();
    let (item, deduction, proposal) = editor.edit.with_untracked(|edit| {
        let framework = edit.parts();
        let (item, deduction) = match path {
            NodePath::Item(a, i) => {
                let item = &framework.areas[a].items[i];
                (item.clone(), item.deduction.clone())
            }
            NodePath::Point(a, i, p) => {
                let item = &framework.areas[a].items[i];
                (item.clone(), item.observation_points[p].deduction.clone())
            }
            NodePath::SubPoint(a, i, p, s) => {
                let item = &framework.areas[a].items[i];
                (item.clone(), item.observation_points[p].sub_points[s].deduction.clone())
            }
            NodePath::Area(a) => (framework.areas[a].items[0].clone(), None),
        };
        let code = lvzhi_core::framework_edit::code_at(framework, path).unwrap_or_default();
        let proposal = deduction.is_none().then(|| proposal_for(framework, code)).flatten();
        (item, deduction, proposal)
    });
    let key = format!("{}-deduction", node_dom_id(path));
    let chosen = deduction.as_ref().map(|deduction| deduction.figure.clone()).unwrap_or_default();
    let set = move |field: DeductionField| {
        Callback::new(move |value: String| editor.dispatch(Action::SetDeduction(path, field, value)))
    };
    let number = |value: Option<f64>| value.map(|number| number.to_string()).unwrap_or_default();
    let figure_select = format!("{key}-figure");
    let adopt = proposal.clone().map(|proposal| {
        move |_| {
            editor.act(Action::AdoptDeduction(path, Box::new(proposal.figure.clone()), proposal.deduction.clone()));
        }
    });
    view! {
        <fieldset class="deduction-editor">
            <legend>"按数据测算扣分（可选）"</legend>
            {proposal.map(|proposal| view! {
                <p class="proposal" data-testid="fw-deduction-proposal">
                    {format!("按评分细则推荐：{}（新增数据项“{}”，单位{}）。", proposal.summary, proposal.figure.name, proposal.figure.unit)}
                    " "
                    <button type="button" id=format!("{key}-adopt") on:click=adopt.expect("with the proposal")>"采用推荐"</button>
                </p>
            })}
            {item.figures.is_empty().then(|| view! {
                <p class="hint">{match path {
                    NodePath::Point(..) | NodePath::SubPoint(..) => "所属二级指标还没有数据项：请先选中该指标，在其“数据项”中添加。",
                    _ => "本指标还没有数据项：请先在下方“数据项”中添加。",
                }}</p>
            })}
            <div class="field">
                <label for=figure_select.clone()>"依据的数据项"</label>
                <select id=figure_select on:change=move |event| {
                    let value = event_target_value(&event);
                    if value.is_empty() {
                        editor.act(Action::ClearDeduction(path));
                    } else {
                        editor.act(Action::SetDeduction(path, DeductionField::Figure, value));
                    }
                }>
                    <option value="" selected=chosen.is_empty()>"（不按数据扣分）"</option>
                    {item.figures.iter().map(|figure| view! {
                        <option value=figure.id.clone() selected=figure.id == chosen>{format!("{}（{}）", figure.label, figure.unit)}</option>
                    }).collect_view()}
                </select>
            </div>
            {deduction.map(|deduction| view! {
                <CommitField id=format!("{key}-at-least") label="应不少于".to_owned() value=number(deduction.at_least) on_commit=set(DeductionField::AtLeast)/>
                <CommitField id=format!("{key}-at-most") label="应不多于".to_owned() value=number(deduction.at_most) on_commit=set(DeductionField::AtMost)/>
                <CommitField id=format!("{key}-per") label="每差多少（单位数）扣一次".to_owned() value=deduction.per.to_string() on_commit=set(DeductionField::Per)/>
                <CommitField id=format!("{key}-deduct") label="每次扣分".to_owned() value=deduction.deduct.to_string() on_commit=set(DeductionField::Deduct)/>
            })}
        </fieldset>
    }
}

/// The deduction the core reads from a row's 评分细则, when it reads one.
fn proposal_for(framework: &lvzhi_core::Framework, code: &str) -> Option<lvzhi_core::rule_reading::DeductionProposal> {
    let row = framework.score_rows().into_iter().find(|row| row.code == code && row.is_leaf)?;
    let label = row.label();
    lvzhi_core::rule_reading::propose_deduction(&lvzhi_core::rule_reading::RowWords {
        code: row.code,
        label: &label,
        title: row.title,
        criteria: row.criteria,
        rule: row.scoring_rule,
        points: row.points.unwrap_or(lvzhi_core::points::Points::ZERO),
    })
}
