//! A file picker that is a real file input (keyboard and screen readers reach it) drawn as a button.

use leptos::prelude::*;

/// Opens the file picker: a real file input (reached with Tab, visually hidden) and, right after
/// it, its label drawn as a button, which shows the input's keyboard focus
/// (`input:focus-visible + .button` in the stylesheet).
#[component]
pub fn FilePicker(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    on_pick: Callback<leptos::ev::Event>,
) -> impl IntoView {
    view! {
        <input id=id class="visually-hidden" type="file" accept=accept on:change=move |event| on_pick.run(event)/>
        <label class="button" for=id>{label}</label>
    }
}
