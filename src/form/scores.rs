//! 自评打分 in the form: an item's scored rows (分值, 评价要点, 评分细则, 责任单位, the score a
//! figure proposes, 自评得分 with 上年得分 beside it, 得失分说明, 佐证材料) and the item's subtotal. Nothing shows for a
//! framework without points. Totals follow `Workspace::scores`, the sheet of the settled draft.

use crate::evidence::attachments::Attachments;
use crate::evidence::evidence_state::use_evidence_files;
use crate::form::findings_panel::FieldFindings;
use crate::workspace::field::typed_text;
use crate::workspace::score_signals::ScoreRowSignals;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::{Evidence, Location};
use lvzhi_core::framework::{Item, ScoreRow};
use lvzhi_core::scoring::score_of;

#[component]
pub fn ItemScores(item: &'static Item) -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    let rows: Vec<ScoreRow<'static>> =
        framework.score_rows().into_iter().filter(|row| row.item_code == Some(item.code.as_str())).collect();
    if !framework.is_scored() || rows.iter().all(|row| row.points.is_none()) {
        return ().into_any();
    }
    let code = item.code.as_str();
    let subtotal = Memo::new(move |_| {
        workspace.scores.with(|sheet| {
            sheet.as_ref().and_then(|sheet| sheet.row(code)).map(|row| (row.score, row.row.points, row.unscored))
        })
    });
    let heading_id = format!("scores-{code}");
    view! {
        <section class="item-scores" aria-labelledby=heading_id.clone()>
            <div class="item-scores-head">
                <h2 id=heading_id.clone()>"自评打分"</h2>
                <p class="score-subtotal" data-testid=format!("subtotal-{code}")>
                    {move || subtotal.get().map(|(score, points, unscored)| {
                        let open = if unscored > 0 { format!("（{unscored}项未评分）") } else { String::new() };
                        format!("本项得分：{}{open}", score_of(score, points))
                    })}
                </p>
            </div>
            {rows.into_iter().filter(|row| row.level != lvzhi_core::framework::RowLevel::Item || row.is_leaf).map(|row| {
                if row.is_leaf {
                    view! { <ScoreRowEditor row=row/> }.into_any()
                } else {
                    let points = row.points.map(|points| format!("（{points}分）")).unwrap_or_default();
                    view! { <h3 class="score-group">{format!("{}{points}", row.label())}</h3> }.into_any()
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}

/// One scored row: what the framework says of it, the proposal, the score, why, and the evidence.
#[component]
pub fn ScoreRowEditor(row: ScoreRow<'static>) -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    let code = row.code;
    let Some(signals) = workspace.signals.scored.row(code) else { return ().into_any() };
    let score_location = Location::Score(code.to_owned());
    let why_location = Location::ScoreExplanation(code.to_owned());
    let score_binding = workspace.bind(score_location.clone());
    let why_binding = workspace.bind(why_location.clone());
    let points = row.points.map(|points| format!("（{points}分）")).unwrap_or_default();
    let proposal = Memo::new(move |_| {
        workspace
            .scores
            .with(|sheet| sheet.as_ref().and_then(|sheet| sheet.row(code)).and_then(|row| row.proposal.clone()))
    });
    let deduction_figure = row.deduction.and_then(|deduction| framework.figure(&deduction.figure));
    // Taking the proposal also writes its arithmetic as the 得失分说明 when points are lost and
    // none is written yet: the reason is already known.
    let full_marks = row.points;
    let take_proposal = move |_| {
        if let Some(proposal) = proposal.get_untracked() {
            signals.score.set(proposal.score.to_string());
            let loses = full_marks.is_some_and(|points| proposal.score < points);
            if loses && signals.explanation.with_untracked(|text| text.trim().is_empty()) {
                signals.explanation.set(format!("{}。", proposal.arithmetic));
            }
            workspace.touch(Location::Score(code.to_owned()));
        }
    };
    let units = row.responsible_units.join("、");
    // 上年得分 (a draft started from last year's).
    let previous = workspace.signals.scored.previous_score(code);
    view! {
        <div class="score-row" id=format!("score-row-{code}")>
            <p class="score-row-head">
                <span class="code">{row.shown_code().to_owned()}</span>" "<strong>{row.title}</strong>{points}
            </p>
            {(!row.criteria.is_empty()).then(|| view! {
                <p class="criteria"><span class="term">"评价要点："</span>{row.criteria}</p>
            })}
            {(!row.scoring_rule.is_empty()).then(|| view! {
                <p class="scoring-rule"><span class="term">"评分细则："</span>{row.scoring_rule}</p>
            })}
            {(!units.is_empty()).then(|| view! {
                <p class="units"><span class="term">"责任单位："</span>{units}</p>
            })}
            {deduction_figure.map(|figure| view! {
                <p class="proposal" data-testid=format!("proposal-{code}")>
                    {move || match proposal.get() {
                        Some(proposal) => view! {
                            <span>{format!("按所填数据测算：{}分（{}）", proposal.score, proposal.arithmetic)}</span>
                            " "
                            // Offered until taken: the score then says the same.
                            {(!signals.holds(proposal.score)).then(|| view! {
                                <button type="button" class="link-button" on:click=take_proposal>"采用测算得分"</button>
                            })}
                        }.into_any(),
                        None => {
                            let typed = workspace.signals.figure(&figure.id).with(|raw| !raw.trim().is_empty());
                            let text = if typed {
                                format!("数据“{}”填写有误，改正后将按评分细则测算得分。", figure.label)
                            } else {
                                format!("填写数据“{}”后，将按评分细则测算得分。", figure.label)
                            };
                            view! { <span>{text}</span> }.into_any()
                        }
                    }}
                </p>
            })}
            <div class="score-fields">
                <div class="field score">
                    <label for=format!("score-{code}")>"自评得分"</label>
                    <input id=format!("score-{code}") type="text" inputmode="decimal" autocomplete="off"
                        prop:value=move || signals.score.get()
                        on:input=score_binding.on_input() on:compositionend=score_binding.on_composition_end()/>
                    {previous.map(|score| view! {
                        <span class="previous-year" data-testid=format!("previous-score-{code}")>{format!("上年得分：{score}分")}</span>
                    })}
                    <FieldFindings location=score_location/>
                </div>
                <div class="field explanation">
                    <label for=format!("score-why-{code}")>"得失分说明"</label>
                    <textarea id=format!("score-why-{code}") rows="2"
                        prop:value=move || signals.explanation.get()
                        on:input=why_binding.on_input() on:compositionend=why_binding.on_composition_end()></textarea>
                    <FieldFindings location=why_location/>
                </div>
            </div>
            <EvidenceList code=code signals=signals suggestions=row.evidence/>
        </div>
    }
    .into_any()
}

/// 佐证材料 of a row: title, 文号 or date, 提供单位 per document; the framework's usual evidence is
/// offered as suggestions for the title.
#[component]
fn EvidenceList(code: &'static str, signals: ScoreRowSignals, suggestions: &'static [String]) -> impl IntoView {
    let workspace = use_workspace();
    let evidence = signals.evidence;
    // Rebuilt when a row is added or removed, not at each keystroke in one (that would take the
    // focus away from the input being typed in).
    let count = Memo::new(move |_| evidence.with(Vec::len));
    let touch = move || workspace.touch(Location::Score(code.to_owned()));
    let list_id = format!("evidence-suggestions-{code}");
    let files = use_evidence_files();
    // An entry's files go to the 回收站 with it (restorable), not silently away.
    let remove_entry = move |index: usize| {
        let held: Vec<String> = evidence.with_untracked(|list| {
            list.get(index)
                .map(|entry| entry.files.iter().map(|file| file.sha256.clone()).collect())
                .unwrap_or_default()
        });
        if !held.is_empty()
            && !window()
                .confirm_with_message(&format!("删除这份材料？它的{}个文件将移到回收站。", held.len()))
                .unwrap_or(false)
        {
            return;
        }
        let count = held.len();
        for sha256 in held {
            files.remove_saying(code, index, &sha256, false);
        }
        if count > 0 {
            files
                .session()
                .notices
                .done(format!("已删除这份材料，它的{count}个文件已移到“佐证材料”页的回收站，可以恢复。"));
        }
        evidence.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
        });
        touch();
    };
    let edit = move |index: usize, part: fn(&mut Evidence) -> &mut String, text: String| {
        evidence.update(|list| {
            if let Some(entry) = list.get_mut(index) {
                *part(entry) = text;
            }
        });
        touch();
    };
    let input =
        move |index: usize, part: fn(&mut Evidence) -> &mut String, label: &'static str, list: Option<String>| {
            let value = evidence.with_untracked(|entries| {
                entries.get(index).map(|entry| {
                    let mut entry = entry.clone();
                    part(&mut entry).clone()
                })
            });
            view! {
                <input type="text" aria-label=format!("第{}份{label}", index + 1) placeholder=label
                    prop:value=value.unwrap_or_default() list=list
                    on:input=move |event| if let Some(text) = typed_text(&event) { edit(index, part, text) }
                    on:compositionend=move |event| edit(index, part, event_target_value(&event))/>
            }
        };
    view! {
        <div class="evidence">
            <p class="term">"佐证材料"{(!suggestions.is_empty()).then(|| format!("（常用：{}）", suggestions.join("、")))}</p>
            <datalist id=list_id.clone()>
                {suggestions.iter().map(|name| view! { <option value=name.clone()></option> }).collect_view()}
            </datalist>
            {move || (count.get() > 0).then(|| view! {
                <div class="evidence-row evidence-head" aria-hidden="true">
                    <span>"材料名称"</span><span>"文号或日期"</span><span>"提供单位"</span><span></span>
                </div>
            })}
            {move || (0..count.get()).map(|index| view! {
                <div class="evidence-row" data-testid=format!("evidence-{code}-{index}")>
                    {input(index, |entry| &mut entry.title, "材料名称", Some(list_id.clone()))}
                    {input(index, |entry| &mut entry.reference, "文号或日期", None)}
                    {input(index, |entry| &mut entry.provider, "提供单位", None)}
                    <button type="button" class="link-button" aria-label=format!("删除第{}份佐证材料", index + 1)
                        on:click=move |_| remove_entry(index)>
                        "删除"
                    </button>
                    <Attachments code=code index=index evidence=evidence/>
                </div>
            }).collect_view()}
            <button type="button" class="secondary small" id=format!("evidence-add-{code}")
                on:click=move |_| { evidence.update(|list| list.push(Evidence::default())); touch(); }>
                "添加佐证材料"
            </button>
        </div>
    }
}
