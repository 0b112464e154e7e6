//! A field of the draft, addressed by its `Location`: the one place that says which DOM id its
//! input has (components and "jump to the finding" both use it) and how typing reaches its signal.

use crate::draft_signals::DraftSignals;
use leptos::prelude::*;
use lvzhi_core::draft::Location;
use wasm_bindgen::JsCast;

/// The id of the element that shows a location: its input, or what stands for the whole.
pub fn dom_id(location: &Location, draft: &DraftSignals) -> String {
    match location {
        Location::Meta(field) => format!("meta-{}", field.key()),
        Location::Item(code) if draft.item(code).not_applicable.get_untracked() => format!("na-{code}"),
        Location::Item(code) | Location::ItemNarrative(code) => format!("narrative-{code}"),
        Location::ItemReason(code) => format!("na-reason-{code}"),
        Location::Figure(id) => format!("figure-{id}"),
        Location::ProblemTitle(id) => format!("problem-{id}-title"),
        Location::ProblemText(id) => format!("problem-{id}-text"),
        Location::MeasureTitle(id) => format!("measure-{id}-title"),
        Location::MeasureText(id) => format!("measure-{id}-text"),
        Location::Problems => "problems-add".to_owned(),
        Location::Measures => "measures-add".to_owned(),
        Location::Report => "overview-title".to_owned(),
    }
}

/// The text of an input event, unless an input method is still composing it: pinyin that is not
/// yet committed is not what the user wrote, and must never be saved.
pub fn typed_text(event: &web_sys::Event) -> Option<String> {
    let composing = event.dyn_ref::<web_sys::InputEvent>().is_some_and(web_sys::InputEvent::is_composing);
    (!composing).then(|| event_target_value(event))
}

/// How typing into one text input reaches the draft: the signal it writes and what else an edit
/// does (marking the field touched, so its findings show).
#[derive(Clone, Copy)]
pub struct TextBinding {
    pub value: RwSignal<String>,
    on_edit: Callback<()>,
}

impl TextBinding {
    pub fn new(value: RwSignal<String>, on_edit: Callback<()>) -> TextBinding {
        TextBinding { value, on_edit }
    }

    fn write(self, text: String) {
        if self.value.with_untracked(|value| *value != text) {
            self.value.set(text);
        }
        self.on_edit.run(());
    }

    /// For `on:input`: writes what was typed, skipping an input method's composition.
    pub fn on_input(self) -> impl Fn(web_sys::Event) + Clone + 'static {
        move |event| {
            if let Some(text) = typed_text(&event) {
                self.write(text);
            }
        }
    }

    /// For `on:compositionend`: writes the text the input method committed.
    pub fn on_composition_end(self) -> impl Fn(web_sys::CompositionEvent) + Clone + 'static {
        move |event| self.write(event_target_value(&event))
    }
}
