//! The blank page the app's start-up and typing are measured against: what any Leptos page with one
//! text field that survives a reload costs.
use leptos::prelude::*;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[component]
fn Blank() -> impl IntoView {
    let initial = storage().and_then(|storage| storage.get_item("blank-page").ok().flatten()).unwrap_or_default();
    let (text, set_text) = signal(initial);
    view! {
        <h1>"空白页"</h1>
        <textarea prop:value=text on:input=move |event| {
            let value = event_target_value(&event);
            if let Some(storage) = storage() {
                let _ = storage.set_item("blank-page", &value);
            }
            set_text.set(value);
        }></textarea>
        <p>{move || text.with(|text| text.chars().count())}" 字"</p>
    }
}

fn main() {
    leptos::mount::mount_to_body(Blank)
}
