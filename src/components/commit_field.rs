//! A labelled input whose value is committed when the user leaves it (change, not every key): the
//! framework editor's fields, where each commit is one step of undo. A value refused (not a
//! number, not a year) stays as typed, marked, with why under it, until it is corrected.

use leptos::prelude::*;

#[component]
pub fn CommitField(
    id: String,
    label: String,
    value: String,
    /// Commits the value; returns why it was refused, if it was.
    on_commit: Callback<String, Option<String>>,
    /// More than one line: a textarea of that many rows.
    #[prop(optional)]
    rows: u32,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let refused: RwSignal<Option<String>> = RwSignal::new(None);
    let commit = move |event: leptos::ev::Event| refused.set(on_commit.run(event_target_value(&event)));
    let hint_id = format!("{id}-hint");
    let problem_id = format!("{id}-problem");
    let described = match hint.is_empty() {
        true => problem_id.clone(),
        false => format!("{hint_id} {problem_id}"),
    };
    let invalid = move || refused.with(Option::is_some).then_some("true");
    let input = if rows > 1 {
        view! { <textarea id=id.clone() rows=rows aria-describedby=described aria-invalid=invalid prop:value=value on:change=commit></textarea> }
            .into_any()
    } else {
        view! { <input id=id.clone() type="text" aria-describedby=described aria-invalid=invalid prop:value=value on:change=commit/> }
            .into_any()
    };
    view! {
        <div class="field" class:invalid=move || refused.with(Option::is_some)>
            <label for=id>{label}</label>
            {input}
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <p class="field-problem" id=problem_id role="status">{move || refused.get()}</p>
        </div>
    }
}
