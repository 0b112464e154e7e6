//! 存在的问题 and 下一步措施: ordered entries with a summary and text, added blank or from the 范文,
//! moved, deleted with undo; measures name the problems they answer. One editor serves both lists.
//! The keyboard focus always lands somewhere sensible: a new entry's summary, the moved entry's
//! button, the next entry after a deletion.

use crate::form::figure_input::FigureInput;
use crate::form::findings_panel::FieldFindings;
use crate::route::focus_soon;
use crate::widgets::removal::{Removal, RemovalStatus};
use crate::workspace::draft_signals::{EntryHandle, ListKind, Removed};
use crate::workspace::field::dom_id;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::framework::{ListSection, ListStarter, PartKind};
use lvzhi_core::report::{chinese_numeral, part_heading_of};

#[component]
pub fn ProblemsEditor() -> impl IntoView {
    view! { <ListEditor kind=ListKind::Problems/> }
}

#[component]
pub fn MeasuresEditor() -> impl IntoView {
    view! { <ListEditor kind=ListKind::Measures/> }
}

/// The id of an entry's summary input, where focus goes to write in it.
fn title_input(kind: ListKind, id: &str) -> String {
    let (title, _) = kind.locations(id);
    dom_id(&title, &use_workspace().signals)
}

/// `（一）`, `（二）`… for list position `index`.
fn numbered(index: usize) -> String {
    format!("（{}）", chinese_numeral(index + 1))
}

#[component]
fn ListEditor(kind: ListKind) -> impl IntoView {
    let workspace = use_workspace();
    let framework = workspace.framework;
    let signals = workspace.signals;
    let (section, part, noun): (&'static ListSection, PartKind, &str) = match kind {
        ListKind::Problems => (&framework.problems, PartKind::Problems, "问题"),
        ListKind::Measures => (&framework.measures, PartKind::Measures, "措施"),
    };
    let entries = Memo::new(move |_| signals.entries(kind).into_iter().map(|entry| entry.id).collect::<Vec<_>>());
    let removal: Removal<Removed> = Removal::new();
    let heading_id = match kind {
        ListKind::Problems => "problems-title",
        ListKind::Measures => "measures-title",
    };
    let add_id = match kind {
        ListKind::Problems => "problems-add",
        ListKind::Measures => "measures-add",
    };
    let undo = Callback::new(move |()| {
        removal.undo(|entry| {
            let id = entry.id().to_owned();
            signals.restore_entry(entry).then(|| title_input(kind, &id))
        });
    });
    let add = Callback::new(move |starter: Option<usize>| {
        removal.forget();
        let starter = starter.and_then(|index| section.starters.get(index));
        let (title, text) = starter.map(|s| (s.title.clone(), s.text.clone())).unwrap_or_default();
        let answers = starter.map(starter_answers).unwrap_or_default();
        let id = signals.add_entry(kind, title, text, answers);
        focus_soon(title_input(kind, &id));
    });
    let remove = Callback::new(move |id: String| {
        let ids = entries.get_untracked();
        let position = ids.iter().position(|other| *other == id).unwrap_or(0);
        let Some(entry) = signals.remove_entry(kind, &id) else { return };
        let answered = if entry.was_answered() { "，回应它的措施已取消勾选" } else { "" };
        removal.deleted(entry, format!("已删除第{}条{noun}{answered}。", numbered(position)));
        // Focus goes on to the entry that took its place, the one before, or 新增一条.
        let next = ids.iter().filter(|other| **other != id).nth(position).or(ids.get(position.wrapping_sub(1)));
        focus_soon(next.map(|next| title_input(kind, next)).unwrap_or_else(|| add_id.to_owned()));
    });
    view! {
        <section class="list-editor" aria-labelledby=heading_id>
            <h1 id=heading_id>{part_heading_of(framework, part)}</h1>
            <p class="guidance">{section.guidance.clone()}</p>
            <FieldFindings location=kind.location()/>
            <ol class="entries">
                <For each=move || signals.entries(kind) key=|entry| entry.id.clone() let:entry>
                    <Entry kind=kind entry=entry entries=entries on_remove=remove/>
                </For>
            </ol>
            <RemovalStatus removal=removal on_undo=undo/>
            <AddEntry kind=kind add_id=add_id starters=&section.starters on_add=add/>
            {(!section.figures.is_empty()).then(|| view! {
                <fieldset class="figures">
                    <legend>{format!("{noun}中引用的数据")}</legend>
                    {section.figures.iter().map(|figure| view! { <FigureInput figure=figure/> }).collect_view()}
                </fieldset>
            })}
        </section>
    }
}

/// The problems a 范文 measure answers: those added from the 范文 problems it was written for.
fn starter_answers(starter: &ListStarter) -> Vec<String> {
    let workspace = use_workspace();
    let problem_starters = &workspace.framework.problems.starters;
    let problems = workspace.signals.entries(ListKind::Problems);
    starter
        .answers
        .iter()
        .filter_map(|&index| problem_starters.get(index))
        .filter_map(|answered| problems.iter().find(|row| row.title.get_untracked() == answered.title))
        .map(|row| row.id.clone())
        .collect()
}

/// One entry: its summary and text, what it answers (measures), and its controls.
#[component]
fn Entry(kind: ListKind, entry: EntryHandle, entries: Memo<Vec<String>>, on_remove: Callback<String>) -> impl IntoView {
    let workspace = use_workspace();
    let signals = workspace.signals;
    let id = entry.id.clone();
    let index = {
        let id = id.clone();
        Memo::new(move |_| entries.with(|ids| ids.iter().position(|other| *other == id).unwrap_or(0)))
    };
    let count = Memo::new(move |_| entries.with(Vec::len));
    let (title_location, text_location) = kind.locations(&id);
    let (title_id, text_id) = (dom_id(&title_location, &signals), dom_id(&text_location, &signals));
    let (title, text) = (workspace.bind(title_location.clone()), workspace.bind(text_location.clone()));
    let button_id = |what: &str| format!("{title_id}-{what}");
    let (up_id, down_id) = (button_id("up"), button_id("down"));
    let move_by = {
        let (id, up_id, down_id) = (id.clone(), up_id.clone(), down_id.clone());
        move |offset: isize| {
            signals.move_entry(kind, &id, offset);
            // The moved entry keeps the focus, on the button that can still move it.
            let at_edge = if offset < 0 {
                index.get_untracked() == 0
            } else {
                index.get_untracked() + 1 >= count.get_untracked()
            };
            let button = match (offset < 0, at_edge) {
                (true, false) | (false, true) => up_id.clone(),
                (false, false) | (true, true) => down_id.clone(),
            };
            focus_soon(button);
        }
    };
    let (move_up, move_down) = (move_by.clone(), move_by);
    let remove = {
        let id = id.clone();
        move |_| {
            let has_text = !entry.title.get_untracked().is_empty() || !entry.text.get_untracked().is_empty();
            if !has_text || window().confirm_with_message("删除这一条？其中的文字将一并删除。").unwrap_or(false)
            {
                on_remove.run(id.clone());
            }
        }
    };
    view! {
        <li class="entry" data-entry=id.clone()>
            <div class="field">
                <label for=title_id.clone()>{move || format!("{}概括", numbered(index.get()))}</label>
                <input id=title_id.clone() type="text" prop:value=move || title.value.get()
                    on:input=title.on_input() on:compositionend=title.on_composition_end()/>
                <FieldFindings location=title_location.clone()/>
            </div>
            <div class="field">
                <label for=text_id.clone()>"具体内容"</label>
                <textarea id=text_id rows="4" prop:value=move || text.value.get()
                    on:input=text.on_input() on:compositionend=text.on_composition_end()></textarea>
                <FieldFindings location=text_location.clone()/>
            </div>
            {(kind == ListKind::Measures).then(|| view! { <AnswersField measure_id=id.clone()/> })}
            <div class="entry-controls">
                <button type="button" id=up_id on:click=move |_| move_up(-1) disabled=move || index.get() == 0>"上移"</button>
                // Braces: a bare `>` here would end the tag inside `view!`.
                <button type="button" id=down_id on:click=move |_| move_down(1) disabled=move || { index.get() + 1 >= count.get() }>"下移"</button>
                <button type="button" class="danger" on:click=remove>"删除"</button>
            </div>
        </li>
    }
}

/// The problems a measure answers, as ticks.
#[component]
fn AnswersField(measure_id: String) -> impl IntoView {
    let signals = use_workspace().signals;
    let Some(answers) = signals.answers_of(&measure_id) else { return ().into_any() };
    view! {
        <fieldset class="answers">
            <legend>"回应的问题"</legend>
            <For each=move || signals.entries(ListKind::Problems) key=|problem| problem.id.clone() let:problem>
                {
                    let checkbox_id = format!("{measure_id}-answers-{}", problem.id);
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
            <Show when=move || signals.entries(ListKind::Problems).is_empty()>
                <p class="hint">"先在“存在的问题”中添加问题，再在这里勾选。"</p>
            </Show>
        </fieldset>
    }
    .into_any()
}

/// A select of the 范文 entries not yet in the list, plus buttons to add a blank entry or the
/// chosen 范文 entry.
#[component]
fn AddEntry(
    kind: ListKind,
    add_id: &'static str,
    starters: &'static [ListStarter],
    on_add: Callback<Option<usize>>,
) -> impl IntoView {
    let signals = use_workspace().signals;
    let select_id = match kind {
        ListKind::Problems => "problem-starter",
        ListKind::Measures => "measure-starter",
    };
    let offered = Memo::new(move |_| {
        let present: Vec<String> =
            signals.entries(kind).iter().map(|entry| entry.title.get().trim().to_owned()).collect();
        starters
            .iter()
            .enumerate()
            .filter(|(_, starter)| !present.contains(&starter.title.trim().to_owned()))
            .map(|(index, _)| index)
            .collect::<Vec<usize>>()
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
                <label for=select_id>"或从范文添加："</label>
                <select id=select_id on:change=move |event| chosen.set(event_target_value(&event).parse().ok())>
                    {move || offered.get().into_iter().map(|index| view! {
                        <option value=index selected=move || selected() == Some(index)>{starters[index].title.clone()}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=move |_| on_add.run(selected())>"添加范文"</button>
            </Show>
        </div>
    }
}
