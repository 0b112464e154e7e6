//! 合并同事的草稿: a summary of what their file changes, conflicts side by side for the user to
//! settle, then the merged draft — with one undo (in the notice area).
//!
//! A file to merge is read with the open draft's own framework (an import tries every framework
//! this browser knows): merging is item by item within one framework.

use crate::clock::now_iso;
use crate::files::{read_bytes, take_picked_file};
use crate::notices::AppError;
use crate::session::Session;
use crate::widgets::file_picker::FilePicker;
use crate::widgets::modal::ModalDialog;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft_file::read_draft_file;
use lvzhi_core::framework::Framework;
use lvzhi_core::merge::{find_base, merge, Choice, MergeKey, MergeResult};
use lvzhi_core::report::chinese_numeral;
use lvzhi_core::Draft;

/// A colleague's draft, or a department's returned part, waiting to be merged.
#[derive(Clone, PartialEq)]
pub struct MergeProposal {
    theirs: Draft,
    /// A department's part comes with its base (the part as sent) and its department, recorded as
    /// merged when the merge is applied.
    returned: Option<(Draft, String)>,
}

impl MergeProposal {
    fn new(theirs: Draft) -> MergeProposal {
        MergeProposal { theirs, returned: None }
    }

    /// A department's part come back (收回合并).
    pub fn returned(returned: lvzhi_core::departments::Returned) -> MergeProposal {
        MergeProposal { theirs: returned.theirs, returned: Some((returned.base, returned.department)) }
    }

    /// Who the other side is, as the dialog names it: the department, or 同事.
    fn whose(&self) -> String {
        self.returned.as_ref().map_or_else(|| "同事".to_owned(), |(_, department)| department.clone())
    }
}

fn key_label(framework: &Framework, mine: &Draft, key: &MergeKey) -> String {
    fn position<'a>(mut ids: impl Iterator<Item = &'a String>, id: &String) -> String {
        ids.position(|other| other == id).map(|index| chinese_numeral(index + 1)).unwrap_or_default()
    }
    match key {
        MergeKey::Meta(field) => format!("基本信息 · {}", field.label_zh()),
        MergeKey::Item(code) => match framework.item(code) {
            Some(item) => format!("{code} {}", item.title),
            None => format!("{code}（本指标体系中没有此项）"),
        },
        MergeKey::Figure(id) => match framework.figure(id) {
            Some(figure) => format!("数据 · {}（{}）", figure.label, figure.unit),
            None => format!("数据 · {id}"),
        },
        MergeKey::Problem(id) => {
            format!("{} · 第（{}）条", framework.problems.title, position(mine.problems.iter().map(|p| &p.id), id))
        }
        MergeKey::Measure(id) => {
            format!("{} · 第（{}）条", framework.measures.title, position(mine.measures.iter().map(|m| &m.id), id))
        }
        MergeKey::Score(code) => {
            format!("自评得分 · {code} {}", framework.scored_title(code).unwrap_or("（本指标体系中没有此项）"))
        }
        MergeKey::Deduction(code) => format!("扣分项 · {}", framework.scored_title(code).unwrap_or(code)),
        MergeKey::Condition(code) => format!("否决事项 · {}", framework.scored_title(code).unwrap_or(code)),
        MergeKey::Section(code) => match framework.report.part(code) {
            Some(part) => format!("报告部分 · {}", part.heading),
            None => format!("报告部分 · {code}（本指标体系中没有此部分）"),
        },
        MergeKey::Rectifications => "上一轮评价反馈问题整改情况".to_owned(),
        MergeKey::Previous(id) => match framework.figure(id) {
            Some(figure) => format!("上年值 · {}（{}）", figure.label, figure.unit),
            None => format!("上年值 · {id}"),
        },
        MergeKey::PreviousScore(code) => {
            format!("上年得分 · {}", framework.scored_title(code).unwrap_or("（本指标体系中没有此项）"))
        }
    }
}

/// 合并同事的草稿…: the picker, then the dialog.
#[component]
pub fn MergeAction() -> impl IntoView {
    let session = expect_context::<Session>();
    let framework = use_workspace().framework;
    let proposal: RwSignal<Option<MergeProposal>> = RwSignal::new(None);
    let on_pick = move |event: leptos::ev::Event| {
        let Some(file) = take_picked_file(&event) else { return };
        leptos::task::spawn_local(async move {
            match read_bytes(&file, lvzhi_core::limits::DRAFT_FILE).await {
                Err(error) => session.notices.failed(&AppError::from(error)),
                Ok(bytes) => match read_draft_file(&bytes, framework) {
                    Ok(found) => proposal.set(Some(MergeProposal::new(found.draft))),
                    Err(error) => session.notices.failed(&AppError::Import(error)),
                },
            }
        });
    };
    view! {
        <FilePicker id="merge-file" label="合并同事的草稿" accept=".json,application/json" on_pick=Callback::new(on_pick)/>
        <MergeDialog proposal=proposal/>
    }
}

/// The merge, summary first and conflicts side by side; `proposal` set opens it.
#[component]
pub fn MergeDialog(proposal: RwSignal<Option<MergeProposal>>) -> impl IntoView {
    let session = expect_context::<Session>();
    let workspace = use_workspace();
    let framework = workspace.framework;
    // (result, whether a base was found), computed once per proposal.
    let computed = Memo::new(move |_| {
        proposal.get().map(|proposal| {
            let mine = workspace.snapshot.get_untracked();
            if let Some((base, _)) = &proposal.returned {
                return (merge(framework, Some(base), &mine, &proposal.theirs), true);
            }
            let sent = session.storage.map(|storage| storage.sent(&mine.id)).unwrap_or_default();
            let base = find_base(&sent, &proposal.theirs);
            (merge(framework, base, &mine, &proposal.theirs), base.is_some())
        })
    });
    // No side is chosen for the user: each conflict waits for an answer, and 合并 with it.
    let choices: RwSignal<Vec<Option<Choice>>> = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        let count = computed.with(|computed| computed.as_ref().map(|(result, _)| result.conflicts.len()).unwrap_or(0));
        choices.set(vec![None; count]);
    });
    let whose = move || proposal.with(|proposal| proposal.as_ref().map(MergeProposal::whose).unwrap_or_default());
    let department = move || proposal.with(|p| p.as_ref().and_then(|p| p.returned.as_ref().map(|(_, d)| d.clone())));
    // A department's file that changes nothing is still "in": recorded, not merged.
    let apply_label = move || {
        let nothing = computed.with(|computed| computed.as_ref().is_some_and(|(result, _)| changes_nothing(result)));
        if department().is_some() && nothing {
            "记为已收回"
        } else {
            "合并"
        }
    };
    let unanswered = move || choices.with(|choices| choices.iter().filter(|choice| choice.is_none()).count());
    // Named: a `>` inside an attribute's closure would end the tag in `view!`.
    let has_unanswered = move || unanswered() > 0;
    let apply = move |_| {
        let Some((result, _)) = computed.get_untracked() else { return };
        let Some(chosen) = choices.with_untracked(|choices| choices.iter().copied().collect::<Option<Vec<Choice>>>())
        else {
            return;
        };
        let mut merged = result.resolve(&chosen);
        merged.updated_at = now_iso();
        let department = department();
        if let Some(department) = &department {
            lvzhi_core::departments::record_merged(&mut merged.sent_parts, department, &merged.updated_at);
        }
        let notice = match &department {
            Some(department) => format!("已收回{department}的部分。{}", summary_text(&result, true, department)),
            None => summary_text(&result, true, "同事"),
        };
        match session.merge_into_current(merged, notice) {
            Ok(()) => proposal.set(None),
            Err(error) => session.notices.failed(&error),
        }
    };
    view! {
        <Show when=move || computed.with(Option::is_some)>
            <ModalDialog labelled_by="merge-title" test_id="merge-dialog" wide=true on_cancel=Callback::new(move |()| proposal.set(None))>
                    <h2 id="merge-title">{move || match department() {
                        Some(department) => format!("收回合并：{department}的部分"),
                        None => "合并同事的草稿".to_owned(),
                    }}</h2>
                    {move || computed.get().map(|(result, has_base)| {
                        let mine = workspace.snapshot.get_untracked();
                        let whose = whose();
                        let department_label = department().is_some();
                        let other_place = proposal
                            .with_untracked(|p| p.as_ref().and_then(|p| other_report_warning(&mine, &p.theirs)));
                        let taken: Vec<String> = result.taken.iter().map(|key| key_label(framework, &result.merged, key)).collect();
                        view! {
                        {other_place.map(|warning| view! { <p class="merge-warning" role="alert" data-testid="merge-other-report">{warning}</p> })}
                        <p data-testid="merge-summary">{if changes_nothing(&result) {
                            if department_label {
                                format!("{whose}的文件与本草稿一致，没有要合并的新内容；可将它记为已收回。")
                            } else {
                                "同事的草稿中没有本草稿还没有的内容，无需合并。".to_owned()
                            }
                        } else {
                            summary_text(&result, false, &whose)
                        }}</p>
                        {(!taken.is_empty()).then(|| view! {
                            <details class="merge-taken" data-testid="merge-taken">
                                <summary>{format!("将采用{whose}修改的{}处内容", taken.len())}</summary>
                                <ul>{taken.into_iter().map(|label| view! { <li>{label}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        <p class="hint">{if has_base {
                            format!("以您发给{whose}的版本为基准：只有一方改过的内容直接采用，双方都改过的列为冲突。")
                        } else {
                            "没有找到您发出的共同版本：一方为空的内容直接采用另一方，双方都有且不同的列为冲突。".to_owned()
                        }}</p>
                        {(!result.unmatched_items.is_empty()).then(|| view! {
                            <p class="hint">{format!("以下指标在本指标体系中没有对应项，内容已保留在草稿中（见概览）：{}", result.unmatched_items.join("、"))}</p>
                        })}
                        <ol class="conflicts">
                            {result.conflicts.iter().enumerate().map(|(index, conflict)| {
                                let textual = !matches!(conflict.key, MergeKey::Figure(_));
                                // A score is one number: "both" keeps mine and joins the texts.
                                let scored = matches!(conflict.key, MergeKey::Score(_));
                                let name = format!("conflict-{index}");
                                let option = move |choice: Choice, label: &'static str| {
                                    let id = format!("conflict-{index}-{label}");
                                    let label_for = id.clone();
                                    view! {
                                        <label for=label_for class="radio">
                                            <input type="radio" id=id name=name.clone()
                                                prop:checked=move || choices.with(|c| c.get(index) == Some(&Some(choice)))
                                                on:change=move |_| choices.update(|c| if let Some(slot) = c.get_mut(index) { *slot = Some(choice) })/>
                                            {label}
                                        </label>
                                    }
                                };
                                view! {
                                    <li class="conflict" data-testid="merge-conflict">
                                        <h3>{key_label(framework, &result.merged, &conflict.key)}</h3>
                                        <div class="side-by-side">
                                            <div><h4>"我的"</h4><p class="conflict-text">{conflict.mine.clone()}</p></div>
                                            <div><h4>{format!("{whose}的")}</h4><p class="conflict-text">{conflict.theirs.clone()}</p></div>
                                        </div>
                                        <div class="choices">
                                            {option(Choice::Mine, "用我的")}
                                            {option(Choice::Theirs, if department_label { "用部门的" } else { "用同事的" })}
                                            {textual.then(|| option(Choice::Both, if scored { "两者都保留（分数用我的，两边说明都保留）" } else { "两者都保留" }))}
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }})}
                    <div class="dialog-actions">
                        <Show when=move || department().is_some() || !computed.with(|computed| computed.as_ref().is_some_and(|(result, _)| changes_nothing(result)))
                            fallback=move || view! { <button type="button" class="primary" on:click=move |_| proposal.set(None)>"关闭"</button> }>
                            <button type="button" class="primary" on:click=apply disabled=has_unanswered>{apply_label}</button>
                            <button type="button" on:click=move |_| proposal.set(None)>"取消"</button>
                            {move || has_unanswered().then(|| view! {
                                <span class="hint" data-testid="merge-unanswered">{format!("还有{}处冲突未选择", unanswered())}</span>
                            })}
                        </Show>
                    </div>
            </ModalDialog>
        </Show>
    }
}

/// Nothing of theirs would change mine: no backup, no undo, nothing to do.
fn changes_nothing(result: &MergeResult) -> bool {
    result.taken.is_empty() && result.conflicts.is_empty() && result.added_problems == 0 && result.added_measures == 0
}

/// Their file is a report of another place or year: most likely the wrong file.
fn other_report_warning(mine: &Draft, theirs: &Draft) -> Option<String> {
    let differs = |a: &str, b: &str| !a.trim().is_empty() && !b.trim().is_empty() && a.trim() != b.trim();
    let (my_meta, their_meta) = (&mine.meta, &theirs.meta);
    if differs(&my_meta.region, &their_meta.region) {
        return Some(format!(
            "注意：同事的草稿是“{}”的，本草稿是“{}”的。请确认选对了文件。",
            their_meta.region.trim(),
            my_meta.region.trim()
        ));
    }
    differs(&my_meta.year, &their_meta.year).then(|| {
        format!(
            "注意：同事的草稿是{}年度的，本草稿是{}年度的。请确认选对了文件。",
            their_meta.year.trim(),
            my_meta.year.trim()
        )
    })
}

fn summary_text(result: &MergeResult, done: bool, whose: &str) -> String {
    let verb = if done { "已合并" } else { "将合并" };
    format!(
        "{verb}：采用{whose}的修改{}处，新增问题{}条、措施{}条；双方都改过的冲突{}处{}。",
        result.taken.len(),
        result.added_problems,
        result.added_measures,
        result.conflicts.len(),
        if done && !result.conflicts.is_empty() { "（已按您的选择处理）" } else { "" }
    )
}
