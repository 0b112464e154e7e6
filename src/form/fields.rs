//! Labelled inputs bound to one signal each: the label is tied to the input by id.

use crate::form::findings_panel::FieldFindings;
use crate::workspace::field::dom_id;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lvzhi_core::draft::{Location, MetaField};

/// An input for a meta field (one line, or `rows` lines), with its findings.
#[component]
pub fn MetaTextField(
    field: MetaField,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: &'static str,
    /// More than one line (a list, one entry a line): a textarea of that many rows.
    #[prop(optional)]
    rows: u32,
) -> impl IntoView {
    let workspace = use_workspace();
    let location = Location::Meta(field);
    let id = dom_id(&location, &workspace.signals);
    let binding = workspace.bind(location);
    let value = binding.value;
    let label = field.label_zh();
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {if rows > 1 {
                view! {
                    <textarea
                        id=id
                        rows=rows
                        placeholder=placeholder
                        aria-describedby=described
                        prop:value=move || value.get()
                        on:input=binding.on_input()
                        on:compositionend=binding.on_composition_end()
                        on:blur=move |_| workspace.touch(Location::Meta(field))
                    ></textarea>
                }.into_any()
            } else {
                view! {
                    <input
                        id=id
                        type="text"
                        placeholder=placeholder
                        aria-describedby=described
                        prop:value=move || value.get()
                        on:input=binding.on_input()
                        on:compositionend=binding.on_composition_end()
                        on:blur=move |_| workspace.touch(Location::Meta(field))
                    />
                }.into_any()
            }}
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <FieldFindings location=Location::Meta(field)/>
        </div>
    }
}
