//! One typed figure: its input with label and unit, what is wrong with the value, its policy line.

use crate::form::findings_panel::FieldFindings;
use crate::workspace::field::dom_id;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::Location;
use lvzhi_core::figure::{display_number, parse_figure, previous_year_note};
use lvzhi_core::framework::{Figure, FigureKind};

fn policy_text(figure: &Figure) -> Option<String> {
    let parts: Vec<String> = figure
        .thresholds
        .iter()
        .map(|threshold| {
            let rule = match (threshold.at_least, threshold.at_most, &threshold.at_least_figure) {
                (Some(min), _, _) => format!("不低于{}{}", display_number(min), figure.unit),
                (_, Some(max), _) => format!("不高于{}{}", display_number(max), figure.unit),
                (_, _, Some(_)) => "不低于对比数据".to_owned(),
                _ if threshold.at_least_previous => "不低于上年".to_owned(),
                _ => String::new(),
            };
            format!("{rule}（{}）", threshold.basis)
        })
        .collect();
    (!parts.is_empty()).then(|| format!("政策要求：{}", parts.join("；")))
}

/// `on_insert` (when given) offers a button that inserts `{id}` into the narrative.
#[component]
pub fn FigureInput(figure: &'static Figure, #[prop(optional)] on_insert: Option<Callback<String>>) -> impl IntoView {
    let workspace = use_workspace();
    let location = Location::Figure(figure.id.clone());
    let input_id = dom_id(&location, &workspace.signals);
    let binding = workspace.bind(location.clone());
    let value = binding.value;
    let message_id = format!("{input_id}-message");
    let problem = Memo::new(move |_| value.with(|raw| parse_figure(figure, raw).err().map(|error| error.to_string())));
    // 上年值 (a draft started from last year's), with the change where it is compared.
    let previous = workspace.signals.parts.previous_figure(&figure.id);
    let previous_note = move || {
        let previous = previous.as_deref()?;
        value.with(|raw| previous_year_note(figure, previous, raw))
    };
    let input_mode = match figure.kind {
        FigureKind::Count | FigureKind::Year => "numeric",
        _ => "decimal",
    };
    let optional = (!figure.required).then_some("（选填）");
    let reference = format!("{{{}}}", figure.name);
    view! {
        <div class="figure" class:invalid=move || problem.with(Option::is_some)>
            <label for=input_id.clone()>{figure.label.clone()}{optional}</label>
            <code class="reference-name" title="在正文中这样引用本数据">{reference.clone()}</code>
            <div class="figure-input">
                <input
                    id=input_id
                    type="text"
                    inputmode=input_mode
                    data-figure=figure.id.clone()
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby=message_id.clone()
                    prop:value=move || value.get()
                    on:input=binding.on_input()
                    on:compositionend=binding.on_composition_end()
                />
                <span class="unit">{figure.unit.clone()}</span>
                {on_insert.map(|insert| {
                    let reference = reference.clone();
                    view! {
                        <button type="button" class="insert-reference" title=format!("在正文光标处插入 {reference}")
                            on:click=move |_| insert.run(reference.clone())>"插入正文"</button>
                    }
                })}
            </div>
            <p class="figure-message" id=message_id>
                <span class="problem" role="status">{move || problem.get()}</span>
                {policy_text(figure).map(|text| view! { <span class="policy">{text}</span> })}
                <span class="previous-year" data-testid=format!("previous-{}", figure.id)>{previous_note}</span>
            </p>
            <FieldFindings location=location.clone() except="figure-invalid"/>
        </div>
    }
}
