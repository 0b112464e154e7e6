//! 逐项打分 (`#/score-sheet`): every scored row in one table shaped like the 自评打分表 — 一级 and
//! 二级 grouped, the row with its points and 评分细则, the score its figure proposes (with the
//! arithmetic and 采用), 自评得分 (上年得分 beside it) and 得失分说明 — then the bonus items. Keyboard first: Enter in a
//! score goes to the next row's. Full marks go only to the rows the user ticks.

use crate::form::findings_panel::FieldFindings;
use crate::route::DraftPage;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::{label_of, RowLevel, ScoreRow};
use lvzhi_core::report::row_number;
use lvzhi_core::scoring::score_of;
use std::collections::BTreeSet;

/// The DOM id of a row's score input on this page.
fn score_id(code: &str) -> String {
    format!("sheet-score-{code}")
}

#[component]
pub fn ScoreSheetPage() -> impl IntoView {
    let workspace = use_workspace();
    let notices = expect_context::<crate::session::Session>().notices;
    let framework = workspace.framework;
    if !framework.is_scored() {
        return view! {
            <section aria-labelledby="sheet-title"><h1 id="sheet-title">"逐项打分"</h1>
                <p>"本指标体系没有分值，不需要自评打分。"</p></section>
        }
        .into_any();
    }
    // The rows typed into, in order (the tree's leaves, then the bonus items): Enter moves along it.
    let rows: Vec<ScoreRow<'static>> = framework.score_rows();
    let typed: Vec<ScoreRow<'static>> =
        rows.iter().filter(|row| row.is_leaf).cloned().chain(framework.bonus_rows()).collect();
    let order: Vec<&'static str> = typed.iter().map(|row| row.code).collect();
    let checked: RwSignal<BTreeSet<&'static str>> = RwSignal::new(BTreeSet::new());
    let full_marks = move |_| {
        let chosen = checked.get_untracked();
        let mut given = 0;
        for row in typed.iter().filter(|row| chosen.contains(row.code)) {
            let (Some(points), Some(signals)) = (row.points, workspace.signals.scored.row(row.code)) else { continue };
            signals.score.set(points.to_string());
            workspace.touch(Location::Score(row.code.to_owned()));
            given += 1;
        }
        checked.set(BTreeSet::new());
        notices.done(format!("已为勾选的{given}项填写满分。"));
    };
    // The rows of the tree with no score typed yet, read from the inputs themselves (the sheet
    // follows the draft a pause after typing); rows scored from a figure are left to their
    // proposal, which full marks would contradict once the figure is filled.
    let leaves: Vec<&'static str> =
        rows.iter().filter(|row| row.is_leaf && row.deduction.is_none()).map(|row| row.code).collect();
    let check_unscored = move |_| {
        let empty = leaves.iter().copied().filter(|code| {
            workspace
                .signals
                .scored
                .row(code)
                .is_some_and(|signals| signals.score.with_untracked(|typed| typed.trim().is_empty()))
        });
        checked.set(empty.collect());
    };
    let count = move || checked.with(BTreeSet::len);
    // 一级 and 二级 cells span their rows, as in the printed table.
    let mut area: Option<(&'static str, String, usize)> = None;
    let mut item: Option<(&'static str, String, usize)> = None;
    let mut body = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let label = |row: &ScoreRow| {
            let points = row.points.map(|points| format!("（{points}分）")).unwrap_or_default();
            format!("{}{points}", label_of(&row_number(framework, row), row.title))
        };
        let span = |level: RowLevel| {
            rows[index + 1..].iter().take_while(|below| below.level > level).filter(|below| below.is_leaf).count()
                + usize::from(row.is_leaf)
        };
        match row.level {
            RowLevel::Area => area = Some((row.code, label(row), span(RowLevel::Area))),
            RowLevel::Item => item = Some((row.code, label(row), span(RowLevel::Item))),
            _ => {}
        }
        if !row.is_leaf {
            continue;
        }
        let group = area.take();
        let sub = item.take();
        body.push(
            view! { <SheetRow row=row.clone() area=group item=sub order=order.clone() checked=checked/> }.into_any(),
        );
        let area_ends = rows.get(index + 1).is_none_or(|next| next.level == RowLevel::Area);
        if area_ends {
            if let Some(owner) = rows[..=index].iter().rev().find(|row| row.level == RowLevel::Area) {
                let code = owner.code;
                let title = owner.title;
                let subtotal = Memo::new(move |_| {
                    workspace.scores.with(|sheet| {
                        sheet.as_ref().and_then(|sheet| sheet.row(code)).map(|row| score_of(row.score, row.row.points))
                    })
                });
                body.push(view! {
                    <tr class="subtotal"><th scope="row" colspan="5">{format!("{title}小计")}</th>
                        <td colspan="3" data-testid=format!("sheet-subtotal-{code}")>{move || subtotal.get()}</td></tr>
                }.into_any());
            }
        }
    }
    let bonus_rows = framework.bonus_rows();
    let bonus = (!bonus_rows.is_empty()).then(|| {
        let title = framework
            .scoring
            .as_ref()
            .and_then(|scoring| scoring.bonus.as_ref())
            .map(|bonus| format!("{}（上限{}分）", bonus.title, bonus.cap));
        let count = bonus_rows.len();
        bonus_rows
            .into_iter()
            .enumerate()
            .map(|(index, row)| {
                // One cell over both group columns and every bonus row, as the 打分表 has it.
                let group = (index == 0).then(|| ("bonus", title.clone().unwrap_or_default(), count));
                view! { <SheetRow row=row area=group item=None order=order.clone() checked=checked/> }
            })
            .collect_view()
    });
    let total = move || {
        workspace.scores.with(|sheet| {
            sheet.as_ref().map(|sheet| {
                if sheet.anything_scored() {
                    let open =
                        if sheet.unscored > 0 { format!("，{}项未评分", sheet.unscored) } else { String::new() };
                    format!("基本分{}分 / 满分{}分{open}", sheet.base, sheet.full_marks)
                } else {
                    format!("尚未评分（满分{}分，共{}项）", sheet.full_marks, sheet.unscored)
                }
            })
        })
    };
    view! {
        <section class="score-sheet-page" aria-labelledby="sheet-title">
            <h1 id="sheet-title">"逐项打分"</h1>
            <p class="guidance">"按自评打分表的样式逐项填写自评得分（含加分项目）：在得分栏按 Enter 跳到下一项。按数据测算得分的项，填写数据后点“采用”。勾选若干项后可一次填写满分；扣分项和一票否决、降等事项在“评分汇总”中填写。"</p>
            <p class="score-headline" data-testid="sheet-total">{total}</p>
            <div class="entry-controls">
                <button type="button" id="sheet-check-unscored" on:click=check_unscored
                    title="按数据测算得分的项不勾选：请填写数据后采用测算得分">"勾选全部未评分项"</button>
                <button type="button" id="sheet-full-marks" on:click=full_marks disabled=move || count() == 0>
                    {move || format!("为勾选的{}项填写满分", count())}
                </button>
                <a href=DraftPage::Scoring.href()>"评分汇总"</a>
            </div>
            <div class="table-scroll">
            <table class="score-sheet">
                <caption class="visually-hidden">"自评打分表"</caption>
                <thead><tr>
                    <th scope="col">"一级指标"</th><th scope="col">"二级指标"</th>
                    <th scope="col">"观测点 / 评价要点（分值）"</th><th scope="col">"评分细则"</th>
                    <th scope="col">"测算得分"</th><th scope="col">"自评得分"</th><th scope="col">"得失分说明"</th>
                    <th scope="col">"勾选"</th>
                </tr></thead>
                <tbody>{body}{bonus}</tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn SheetRow(
    row: ScoreRow<'static>,
    /// The 一级 cell when this row starts its span: (code, text, rows it spans).
    area: Option<(&'static str, String, usize)>,
    item: Option<(&'static str, String, usize)>,
    order: Vec<&'static str>,
    checked: RwSignal<BTreeSet<&'static str>>,
) -> impl IntoView {
    let workspace = use_workspace();
    let code = row.code;
    let Some(signals) = workspace.signals.scored.row(code) else { return ().into_any() };
    let score_location = Location::Score(code.to_owned());
    let score_binding = workspace.bind(score_location.clone());
    let why_binding = workspace.bind(Location::ScoreExplanation(code.to_owned()));
    let proposal = Memo::new(move |_| {
        workspace
            .scores
            .with(|sheet| sheet.as_ref().and_then(|sheet| sheet.row(code)).and_then(|row| row.proposal.clone()))
    });
    let full = row.points;
    let take = move |_| {
        if let Some(proposal) = proposal.get_untracked() {
            signals.score.set(proposal.score.to_string());
            if full.is_some_and(|points| proposal.score < points)
                && signals.explanation.with_untracked(|text| text.trim().is_empty())
            {
                signals.explanation.set(format!("{}。", proposal.arithmetic));
            }
            workspace.touch(Location::Score(code.to_owned()));
        }
    };
    let next = order.iter().position(|own| *own == code).and_then(|at| order.get(at + 1)).copied();
    let keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" && !event.is_composing() {
            event.prevent_default();
            if let Some(next) = next {
                crate::route::focus_soon(score_id(next));
            }
        }
    };
    let points = row.points.map(|points| format!("（{points}分）")).unwrap_or_default();
    let point_text = match row.level {
        RowLevel::Item => String::new(),
        _ => format!("{}{points}", label_of(row.shown_code(), row.title)),
    };
    let criteria = row.criteria;
    let check_id = format!("sheet-check-{code}");
    let previous = workspace.signals.scored.previous_score(code);
    let is_bonus = row.item_code.is_none();
    view! {
        <tr data-code=code>
            {area.map(|(_, text, span)| view! {
                <th scope="rowgroup" rowspan=span colspan=if is_bonus { 2 } else { 1 } class="group">{text}</th>
            })}
            {item.map(|(_, text, span)| view! { <th scope="rowgroup" rowspan=span.max(1) class="group">{text}</th> })}
            <td class="point">{point_text}{(!criteria.is_empty()).then(|| view! { <span class="criteria">{criteria}</span> })}</td>
            <td class="rule">{row.scoring_rule}</td>
            <td class="proposal" data-testid=format!("sheet-proposal-{code}")>
                {move || proposal.get().map(|proposal| view! {
                    <span title=proposal.arithmetic.clone()>{format!("{}分", proposal.score)}</span>" "
                    // Offered until taken: the score then says the same.
                    {(!signals.holds(proposal.score)).then(|| view! {
                        <button type="button" class="link-button" aria-label=format!("采用测算得分{}分", proposal.score) on:click=take>"采用"</button>
                    })}
                })}
            </td>
            <td class="score">
                <input id=score_id(code) type="text" inputmode="decimal" autocomplete="off" size="5"
                    aria-label=format!("{}的自评得分", label_of(row.shown_code(), row.title))
                    prop:value=move || signals.score.get()
                    on:input=score_binding.on_input() on:compositionend=score_binding.on_composition_end() on:keydown=keydown/>
                {previous.map(|score| view! {
                    <span class="previous-year" data-testid=format!("sheet-previous-{code}")>{format!("上年{score}分")}</span>
                })}
                <FieldFindings location=score_location/>
            </td>
            <td class="explanation">
                <textarea rows="1" aria-label=format!("{}的得失分说明", label_of(row.shown_code(), row.title))
                    prop:value=move || signals.explanation.get()
                    on:input=why_binding.on_input() on:compositionend=why_binding.on_composition_end()></textarea>
            </td>
            <td class="check">
                <input type="checkbox" id=check_id.clone() aria-label=format!("勾选{}", label_of(row.shown_code(), row.title))
                    prop:checked=move || checked.with(|set| set.contains(code))
                    on:change=move |event| checked.update(|set| { if event_target_checked(&event) { set.insert(code); } else { set.remove(code); } })/>
            </td>
        </tr>
    }
    .into_any()
}
