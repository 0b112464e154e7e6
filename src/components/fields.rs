//! Labelled inputs bound to one signal each: the label is tied to the input by id.

use leptos::prelude::*;

/// A one-line text input.
#[component]
pub fn TextField(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                placeholder=placeholder
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
        </div>
    }
}

/// Characters of a text, counted as a reviewer counts 字: everything but whitespace.
pub fn character_count(text: &str) -> usize {
    text.chars().filter(|character| !character.is_whitespace()).count()
}
