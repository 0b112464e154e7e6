//! A labelled input whose value is committed when the user leaves it (change, not every key): the
//! framework editor's fields, where each commit is one step of undo. A value refused (not a
//! number, not a year) stays as typed, marked, with why under it, until it is corrected — also when
//! the field is drawn again after another node was open; the editor's state keeps it
//! (`EditorState::refused`), so its checks and its save say so.

use crate::frameworks::editor_state::{EditorState, RefusedValue};
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
    let editor = use_context::<EditorState>();
    // A value refused before this field was drawn again (another node was open meanwhile): shown
    // as typed, still marked.
    let earlier = editor.and_then(|editor| editor.refused.with_untracked(|fields| fields.get(&id).cloned()));
    let value = earlier.as_ref().map_or(value, |earlier| earlier.typed.clone());
    let refused: RwSignal<Option<String>> = RwSignal::new(earlier.map(|earlier| earlier.why));
    let field_id = id.clone();
    let commit = move |event: leptos::ev::Event| {
        let typed = event_target_value(&event);
        // A field removed with its page while focused reports its change after the page is gone
        // (the router leaves fields first, `route::leave_field`, but a browser may still): nothing
        // is left to commit to, and reading what was disposed would stop the app.
        let Some(outcome) = on_commit.try_run(typed.clone()) else {
            return;
        };
        if let Some(editor) = editor {
            editor.refused.try_update(|fields| match &outcome {
                Some(why) => {
                    fields.insert(field_id.clone(), RefusedValue { typed, why: why.clone() });
                }
                None => {
                    fields.remove(&field_id);
                }
            });
        }
        refused.set(outcome);
    };
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
