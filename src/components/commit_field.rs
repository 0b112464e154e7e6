//! A labelled input whose value is committed when the user leaves it (change, not every key): the
//! framework editor's fields, where each commit is one step of undo.

use leptos::prelude::*;

#[component]
pub fn CommitField(
    id: String,
    label: String,
    value: String,
    on_commit: Callback<String>,
    /// More than one line: a textarea of that many rows.
    #[prop(optional)]
    rows: u32,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let commit = move |event: leptos::ev::Event| on_commit.run(event_target_value(&event));
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    let input = if rows > 1 {
        view! { <textarea id=id.clone() rows=rows aria-describedby=described prop:value=value on:change=commit></textarea> }
            .into_any()
    } else {
        view! { <input id=id.clone() type="text" aria-describedby=described prop:value=value on:change=commit/> }
            .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
        </div>
    }
}
