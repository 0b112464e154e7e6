//! A modal dialog: the browser's `<dialog>` opened with `showModal()`, so focus moves into it, the
//! page behind is inert (Tab stays inside), and Escape cancels like the dialog's 取消 button.

use leptos::html::Dialog;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn ModalDialog(
    /// The id of the dialog's heading.
    labelled_by: &'static str,
    test_id: &'static str,
    /// Wide and scrolling, for long content (the merge's conflicts).
    #[prop(optional)]
    wide: bool,
    /// Escape: what 取消 does. The dialog stays open until its owner removes it.
    on_cancel: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    // Focus goes back where it was (the button that opened the dialog) when the dialog goes.
    let opener = StoredValue::new_local(document().active_element());
    on_cleanup(move || {
        let opener = opener.try_update_value(Option::take).flatten();
        if let Some(opener) = opener.and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok()) {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" class:wide=wide aria-labelledby=labelled_by data-testid=test_id
            on:cancel=move |event: web_sys::Event| {
                // The owner decides: it removes the dialog, with whatever 取消 means there.
                event.prevent_default();
                on_cancel.run(());
            }>
            {children()}
        </dialog>
    }
}
