//! 存在的问题 and 下一步措施: ordered entries with a summary and text; measures name the problems
//! they answer.

use crate::components::figure_input::FigureInput;
use crate::components::findings_panel::FieldFindings;
use crate::draft_signals::{MeasureRow, ProblemRow, RemovedEntry};
use crate::field::dom_id;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::next_entry_id;
use lvzhi_core::draft::Location;
use lvzhi_core::framework::ListStarter;
use lvzhi_core::report::chinese_numeral;
use lvzhi_core::{Measure, Problem};

/// Asks before removing an entry that holds text; an empty one goes at once.
fn confirm_removal(has_text: bool) -> bool {
    !has_text || window().confirm_with_message("删除这一条？其中的文字将一并删除。").unwrap_or(false)
}

/// Move up, move down and delete for the entry at `index` of a list of `count`; deleting an entry
/// with text asks first.
#[component]
fn EntryControls(
    index: Signal<usize>,
    count: Signal<usize>,
    title: RwSignal<String>,
    text: RwSignal<String>,
    on_move: Callback<isize>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let remove = move |_| {
        let has_text = !title.get_untracked().is_empty() || !text.get_untracked().is_empty();
        if confirm_removal(has_text) {
            on_remove.run(());
        }
    };
    view! {
        <div class="entry-controls">
            <button type="button" on:click=move |_| on_move.run(-1) disabled=move || index.get() == 0>"上移"</button>
            <button type="button" on:click=move |_| on_move.run(1) disabled=move || { index.get() + 1 >= count.get() }>"下移"</button>
            <button type="button" class="danger" on:click=remove>"删除"</button>
        </div>
    }
}

/// The outcome of the last deletion on a list page, with its undo while it can be undone.
#[component]
fn RemovalStatus(message: RwSignal<Option<String>>, undo: Signal<bool>, on_undo: Callback<()>) -> impl IntoView {
    view! {
        <p class="removal-status" role="status" aria-live="polite" data-testid="removal-status">
            {move || message.get()}
            <Show when=move || undo.get()>
                " "<button type="button" class="link-button" on:click=move |_| on_undo.run(())>"撤销删除"</button>
            </Show>
        </p>
    }
}

/// The summary and text of an entry; `locations` are where their findings are reported.
#[component]
fn EntryFields(index: Signal<usize>, locations: (Location, Location)) -> impl IntoView {
    let workspace = use_workspace();
    let (title_location, text_location) = locations;
    let title_id = dom_id(&title_location, &workspace.signals);
    let text_id = dom_id(&text_location, &workspace.signals);
    let (title, text) = (workspace.bind(title_location.clone()), workspace.bind(text_location.clone()));
    view! {
        <div class="field">
            <label for=title_id.clone()>{move || format!("（{}）概括", chinese_numeral(index.get() + 1))}</label>
            <input id=title_id type="text" prop:value=move || title.value.get()
                on:input=title.on_input() on:compositionend=title.on_composition_end()/>
            <FieldFindings location=title_location.clone()/>
        </div>
        <div class="field">
            <label for=text_id.clone()>"具体内容"</label>
            <textarea id=text_id rows="4" prop:value=move || text.value.get()
                on:input=text.on_input() on:compositionend=text.on_composition_end()></textarea>
            <FieldFindings location=text_location.clone()/>
        </div>
    }
}

/// A select of the 范文 entries not yet in the list (`present`: the summaries it holds), plus
/// buttons to add a blank entry or the chosen 范文 entry.
#[component]
fn AddEntry(
    id: &'static str,
    add_id: &'static str,
    starters: &'static [ListStarter],
    present: Signal<Vec<String>>,
    on_add: Callback<Option<usize>>,
) -> impl IntoView {
    let offered = Memo::new(move |_| {
        present.with(|present| {
            let present: Vec<String> = present.iter().map(|title| title.trim().to_owned()).collect();
            starters
                .iter()
                .enumerate()
                .filter(|(_, starter)| !present.contains(&starter.title.trim().to_owned()))
                .map(|(index, _)| index)
                .collect::<Vec<usize>>()
        })
    });
    let chosen: RwSignal<Option<usize>> = RwSignal::new(None);
    // What is added is what the select shows: the chosen entry while still offered, else the first.
    let selected = move || {
        offered.with(|offered| chosen.get().filter(|index| offered.contains(index)).or(offered.first().copied()))
    };
    view! {
        <div class="add-entry">
            <button type="button" id=add_id on:click=move |_| on_add.run(None)>"新增一条"</button>
            <Show when=move || offered.with(|offered| !offered.is_empty())
                fallback=move || (!starters.is_empty()).then(|| view! { <span class="hint">"范文中的各条都已添加。"</span> })>
                <label for=id>"或从范文添加："</label>
                <select id=id on:change=move |event| chosen.set(event_target_value(&event).parse().ok())>
                    {move || offered.get().into_iter().map(|index| view! {
                        <option value=index selected=move || selected() == Some(index)>{starters[index].title.clone()}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=move |_| on_add.run(selected())>"添加范文"</button>
            </Show>
        </div>
    }
}

fn position_of<T>(rows: RwSignal<Vec<T>>, id: String, id_of: fn(&T) -> &str) -> Signal<usize>
where
    T: Send + Sync + 'static,
{
    Signal::derive(move || rows.with(|rows| rows.iter().position(|row| id_of(row) == id).unwrap_or(0)))
}

#[component]
pub fn ProblemsEditor() -> impl IntoView {
    let workspace = use_workspace();
    let section = &workspace.framework.problems;
    let draft = workspace.signals;
    let rows = draft.problems;
    let count = Signal::derive(move || rows.with(Vec::len));
    let removed: RwSignal<Option<RemovedEntry<ProblemRow>>> = RwSignal::new(None);
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let undo = Callback::new(move |()| {
        let Some(entry) = removed.get_untracked() else { return };
        removed.set(None);
        message.set(Some(
            if draft.restore_problem(entry) {
                "已撤销删除。"
            } else {
                "无法撤销：该编号已被新的一条使用。"
            }
            .to_owned(),
        ));
    });
    let add = Callback::new(move |starter: Option<usize>| {
        removed.set(None);
        message.set(None);
        let starter = starter.and_then(|index| section.starters.get(index));
        let id = rows.with_untracked(|rows| next_entry_id("p", rows.iter().map(|row| row.id.as_str())));
        let (title, text) = starter.map(|s| (s.title.clone(), s.text.clone())).unwrap_or_default();
        workspace.signals.push_problem(Problem { id, title, text });
    });
    view! {
        <section class="list-editor" aria-labelledby="problems-title">
            <h1 id="problems-title">{format!("二、{}", section.title)}</h1>
            <p class="guidance">{section.guidance.clone()}</p>
            <FieldFindings location=Location::Problems/>
            <ol class="entries">
                <For each=move || rows.get() key=|row| row.id.clone() let:row>
                    {
                        let index = position_of(rows, row.id.clone(), |row: &ProblemRow| row.id.as_str());
                        let (title, text) = (row.title, row.text);
                        let (move_id, remove_id) = (row.id.clone(), row.id.clone());
                        let on_move = Callback::new(move |offset| draft.move_problem(&move_id, offset));
                        let on_remove = Callback::new(move |()| {
                            let number = chinese_numeral(index.get_untracked() + 1);
                            let entry = draft.remove_problem(&remove_id);
                            message.set(entry.is_some().then(|| format!("已删除第（{number}）条问题，回应它的措施已取消勾选。")));
                            removed.set(entry);
                        });
                        view! {
                            <li class="entry" data-entry=row.id.clone()>
                                <EntryFields index=index
                                    locations=(Location::ProblemTitle(row.id.clone()), Location::ProblemText(row.id.clone()))/>
                                <EntryControls index=index count=count title=title text=text on_move=on_move on_remove=on_remove/>
                            </li>
                        }
                    }
                </For>
            </ol>
            <RemovalStatus message=message undo=Signal::derive(move || removed.with(Option::is_some)) on_undo=undo/>
            <AddEntry id="problem-starter" add_id="problems-add" starters=&section.starters on_add=add
                present=Signal::derive(move || rows.with(|rows| rows.iter().map(|row| row.title.get()).collect()))/>
        </section>
    }
}

#[component]
fn AnswersField(row: MeasureRow) -> impl IntoView {
    let problems = use_workspace().signals.problems;
    let answers = row.answers;
    view! {
        <fieldset class="answers">
            <legend>"回应的问题"</legend>
            <For each=move || problems.get() key=|problem| problem.id.clone() let:problem>
                {
                    let checkbox_id = format!("{}-answers-{}", row.id, problem.id);
                    let problem_id = problem.id.clone();
                    let checked = { let problem_id = problem_id.clone(); move || answers.with(|ids| ids.contains(&problem_id)) };
                    let title = problem.title;
                    let label_for = checkbox_id.clone();
                    view! {
                        <label for=label_for class="checkbox">
                            <input id=checkbox_id type="checkbox" prop:checked=checked
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    answers.update(|ids| {
                                        ids.retain(|id| id != &problem_id);
                                        if on { ids.push(problem_id.clone()); }
                                    });
                                }/>
                            {move || { let title = title.get(); if title.trim().is_empty() { "（未填概括的问题）".to_owned() } else { title } }}
                        </label>
                    }
                }
            </For>
            <Show when=move || problems.with(Vec::is_empty)>
                <p class="hint">"先在“存在的问题”中添加问题，再在这里勾选。"</p>
            </Show>
        </fieldset>
    }
}

#[component]
pub fn MeasuresEditor() -> impl IntoView {
    let workspace = use_workspace();
    let section = &workspace.framework.measures;
    let problem_section = &workspace.framework.problems;
    let draft = workspace.signals;
    let rows = draft.measures;
    let problems = draft.problems;
    let count = Signal::derive(move || rows.with(Vec::len));
    let removed: RwSignal<Option<RemovedEntry<MeasureRow>>> = RwSignal::new(None);
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    let undo = Callback::new(move |()| {
        let Some(entry) = removed.get_untracked() else { return };
        removed.set(None);
        message.set(Some(
            if draft.restore_measure(entry) {
                "已撤销删除。"
            } else {
                "无法撤销：该编号已被新的一条使用。"
            }
            .to_owned(),
        ));
    });
    let add = Callback::new(move |starter: Option<usize>| {
        removed.set(None);
        message.set(None);
        let starter = starter.and_then(|index| section.starters.get(index));
        // A 范文 measure answers the problems added from the 范文 problems it was written for.
        let answers: Vec<String> = starter
            .map(|starter| {
                problems.with_untracked(|problems| {
                    starter
                        .answers
                        .iter()
                        .filter_map(|&index| problem_section.starters.get(index))
                        .filter_map(|answered| problems.iter().find(|row| row.title.get_untracked() == answered.title))
                        .map(|row| row.id.clone())
                        .collect()
                })
            })
            .unwrap_or_default();
        let id = rows.with_untracked(|rows| next_entry_id("m", rows.iter().map(|row| row.id.as_str())));
        let (title, text) = starter.map(|s| (s.title.clone(), s.text.clone())).unwrap_or_default();
        workspace.signals.push_measure(Measure { id, title, text, answers });
    });
    view! {
        <section class="list-editor" aria-labelledby="measures-title">
            <h1 id="measures-title">{format!("三、{}", section.title)}</h1>
            <p class="guidance">{section.guidance.clone()}</p>
            <FieldFindings location=Location::Measures/>
            <ol class="entries">
                <For each=move || rows.get() key=|row| row.id.clone() let:row>
                    {
                        let index = position_of(rows, row.id.clone(), |row: &MeasureRow| row.id.as_str());
                        let (title, text) = (row.title, row.text);
                        let (move_id, remove_id) = (row.id.clone(), row.id.clone());
                        let on_move = Callback::new(move |offset| draft.move_measure(&move_id, offset));
                        let on_remove = Callback::new(move |()| {
                            let number = chinese_numeral(index.get_untracked() + 1);
                            let entry = draft.remove_measure(&remove_id);
                            message.set(entry.is_some().then(|| format!("已删除第（{number}）条措施。")));
                            removed.set(entry);
                        });
                        view! {
                            <li class="entry" data-entry=row.id.clone()>
                                <EntryFields index=index
                                    locations=(Location::MeasureTitle(row.id.clone()), Location::MeasureText(row.id.clone()))/>
                                <AnswersField row=row.clone()/>
                                <EntryControls index=index count=count title=title text=text on_move=on_move on_remove=on_remove/>
                            </li>
                        }
                    }
                </For>
            </ol>
            <RemovalStatus message=message undo=Signal::derive(move || removed.with(Option::is_some)) on_undo=undo/>
            <AddEntry id="measure-starter" add_id="measures-add" starters=&section.starters on_add=add
                present=Signal::derive(move || rows.with(|rows| rows.iter().map(|row| row.title.get()).collect()))/>
            {(!section.figures.is_empty()).then(|| view! {
                <fieldset class="figures">
                    <legend>"措施中引用的数据"</legend>
                    {section.figures.iter().map(|figure| view! { <FigureInput figure=figure/> }).collect_view()}
                </fieldset>
            })}
        </section>
    }
}
