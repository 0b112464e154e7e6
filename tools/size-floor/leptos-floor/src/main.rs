//! The smallest Leptos app that uses what every screen of ours uses: signals, an input bound both
//! ways, `<Show>` and a keyed `<For>`. Its size is the floor of the UI runtime.
use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    let (text, set_text) = signal(String::new());
    view! {
        <button on:click=move |_| {
            set_count.update(|count| *count += 1);
            use_the_core(&text.get_untracked());
        }>"点击 " {count}</button>
        <textarea prop:value=text on:input=move |event| set_text.set(event_target_value(&event))></textarea>
        <Show when=move || count.get() % 2 == 0>
            <p>{move || text.get()}</p>
        </Show>
        <ul>
            <For each={move || (0..count.get()).collect::<Vec<i32>>()} key=|number| *number let:number>
                <li>{number}</li>
            </For>
        </ul>
    }
}

#[cfg(feature = "with-core")]
#[path = "../../core-floor/src/lib.rs"]
#[allow(dead_code)]
mod core_floor;

/// With `with-core`, a click runs every capability of the core, so none of it is left out.
#[cfg(feature = "with-core")]
fn use_the_core(text: &str) {
    let checked = core_floor::check_and_fix(text).unwrap_or_default();
    let word = core_floor::word_and_text(text).unwrap_or_default();
    let merged = core_floor::merge_two(text, &checked).unwrap_or_default();
    let imported = core_floor::import_any(&word);
    leptos::logging::log!("{} {} {}", checked.len(), merged.len(), imported);
}

#[cfg(not(feature = "with-core"))]
fn use_the_core(_text: &str) {}

fn main() {
    leptos::mount::mount_to_body(Counter)
}
