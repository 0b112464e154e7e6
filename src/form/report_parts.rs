//! The report's own parts, as the framework's skeleton lays them out: a narrative part (基本情况)
//! as one text with its 范文, and the 上一轮评价反馈问题整改情况 list (反馈问题, 整改措施, 进展,
//! 是否完成), entries added and deleted with undo.

use crate::form::findings_panel::FieldFindings;
use crate::route::focus_soon;
use crate::widgets::removal::{Removal, RemovalStatus};
use crate::workspace::field::dom_id;
use crate::workspace::part_signals::RectificationRow;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::{Location, RectificationField};
use lvzhi_core::framework::PartKind;
use lvzhi_core::report::{chinese_numeral, part_heading_of, section_heading};

#[component]
pub fn SectionEditor(code: String) -> impl IntoView {
    let workspace = use_workspace();
    let Some(part) = workspace.framework.report.part(&code) else {
        return view! { <section><h1 id="section-title">"本指标体系没有这一部分"</h1></section> }.into_any();
    };
    let location = Location::Section(code.clone());
    let text_id = dom_id(&location, &workspace.signals);
    let text = workspace.bind(location.clone());
    let starter = part.starter.clone();
    let insert_starter = move |_| {
        let Some(starter) = starter.clone() else { return };
        text.value.update(|current| {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(&starter);
        });
        workspace.touch(Location::Section(code.clone()));
    };
    view! {
        <section class="section-editor" aria-labelledby="section-title">
            <h1 id="section-title">{section_heading(workspace.framework, &part.code)}</h1>
            {(!part.guidance.is_empty()).then(|| view! { <p class="guidance">{part.guidance.clone()}</p> })}
            <div class="field">
                <label for=text_id.clone()>"正文（每段一行）"</label>
                <textarea id=text_id rows="12" prop:value=move || text.value.get()
                    on:input=text.on_input() on:compositionend=text.on_composition_end()></textarea>
                <FieldFindings location=location.clone()/>
            </div>
            {part.starter.is_some().then(|| view! {
                <button type="button" on:click=insert_starter>"插入范文"</button>
            })}
        </section>
    }
    .into_any()
}

#[component]
pub fn RectificationsEditor() -> impl IntoView {
    let workspace = use_workspace();
    let parts = workspace.signals.parts;
    let part = workspace.framework.report.parts.iter().find(|part| part.kind == PartKind::Rectification);
    let guidance = part.map(|part| part.guidance.clone()).unwrap_or_default();
    let removal: Removal<(usize, RectificationRow)> = Removal::new();
    let signals = workspace.signals;
    let first_input =
        move |id: &str| dom_id(&Location::Rectification(id.to_owned(), RectificationField::Problem), &signals);
    let add = move |_| {
        removal.forget();
        let id = parts.add_rectification();
        focus_soon(first_input(&id));
    };
    let remove = Callback::new(move |id: String| {
        if let Some((index, row)) = parts.remove_rectification(&id) {
            removal.deleted((index, row), format!("已删除第（{}）条。", chinese_numeral(index + 1)));
            workspace.touch(Location::Rectifications);
            focus_soon("rectifications-add".to_owned());
        }
    });
    let undo = Callback::new(move |()| {
        removal.undo(|(index, row)| {
            let id = row.id.clone();
            parts.restore_rectification(index, row).then(|| first_input(&id))
        });
    });
    view! {
        <section class="list-editor" aria-labelledby="rectifications-title">
            <h1 id="rectifications-title">{part_heading_of(workspace.framework, PartKind::Rectification)}</h1>
            {(!guidance.is_empty()).then(|| view! { <p class="guidance">{guidance.clone()}</p> })}
            <FieldFindings location=Location::Rectifications/>
            <ol class="entries">
                <For each=move || parts.rectifications.get() key=|row| row.id.clone() let:row>
                    <RectificationEntry row=row on_remove=remove/>
                </For>
            </ol>
            <RemovalStatus removal=removal on_undo=undo/>
            <button type="button" id="rectifications-add" on:click=add>"新增一条反馈问题"</button>
        </section>
    }
}

#[component]
fn RectificationEntry(row: RectificationRow, on_remove: Callback<String>) -> impl IntoView {
    let workspace = use_workspace();
    let id = row.id.clone();
    let done = row.done;
    let fields = RectificationField::ALL.map(|field| {
        let location = Location::Rectification(id.clone(), field);
        let input_id = dom_id(&location, &workspace.signals);
        let binding = workspace.bind(location.clone());
        let rows = if field == RectificationField::Problem { "2" } else { "3" };
        view! {
            <div class="field">
                <label for=input_id.clone()>{field.label_zh()}</label>
                <textarea id=input_id rows=rows prop:value=move || binding.value.get()
                    on:input=binding.on_input() on:compositionend=binding.on_composition_end()></textarea>
                <FieldFindings location=location/>
            </div>
        }
    });
    let answer = {
        let id = id.clone();
        move |value: Option<bool>| {
            done.set(value);
            workspace.touch(Location::Rectification(id.clone(), RectificationField::Progress));
        }
    };
    let answer_no = answer.clone();
    let group = format!("rectification-{id}-done");
    let remove = {
        let id = id.clone();
        move |_| {
            let empty = RectificationField::ALL.iter().all(|field| row.text(*field).get_untracked().is_empty());
            if empty || window().confirm_with_message("删除这一条？其中的文字将一并删除。").unwrap_or(false)
            {
                on_remove.run(id.clone());
            }
        }
    };
    view! {
        <li class="entry" data-entry=id.clone()>
            {fields.into_iter().collect_view()}
            <fieldset class="inline-choice">
                <legend>"是否完成整改"</legend>
                <label><input type="radio" name=group.clone() id=format!("{group}-yes")
                    prop:checked=move || done.get() == Some(true) on:change=move |_| answer(Some(true))/>"已完成"</label>
                <label><input type="radio" name=group.clone() id=format!("{group}-no")
                    prop:checked=move || done.get() == Some(false) on:change=move |_| answer_no(Some(false))/>"未完成（正在推进）"</label>
            </fieldset>
            <div class="entry-controls">
                <button type="button" class="danger" on:click=remove>"删除"</button>
            </div>
        </li>
    }
}
