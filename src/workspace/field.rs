//! A field of the draft, addressed by its `Location`: the one place that says which DOM id its
//! input has (components and "jump to the finding" both use it) and how typing reaches its signal.

use crate::workspace::draft_signals::DraftSignals;
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
        Location::Score(code) => format!("score-{code}"),
        Location::ScoreExplanation(code) => format!("score-why-{code}"),
        Location::Deduction(code) => format!("deduction-{code}"),
        // Answered 是, what is missing is the explanation; otherwise the answer.
        Location::Condition(code)
            if draft.scored.condition(code).is_some_and(|answer| answer.occurred.get_untracked() == Some(true)) =>
        {
            format!("condition-why-{code}")
        }
        Location::Condition(code) => format!("condition-{code}-no"),
        Location::Section(code) => format!("section-{code}"),
        Location::Rectification(id, field) => format!("rectification-{id}-{}", field.key()),
        Location::Rectifications => "rectifications-add".to_owned(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::draft::{Draft, MetaField};
    use lvzhi_core::Framework;

    #[test]
    fn every_location_has_the_id_its_input_is_rendered_with() {
        let owner = Owner::new();
        owner.set();
        let framework = Framework::builtin();
        let draft = DraftSignals::from_draft(&framework, Draft::new(&framework, "d".into(), "t".into()));
        let cases = [
            (Location::Meta(MetaField::NoticeNumber), "meta-notice-number"),
            (Location::Item("A1.1".into()), "narrative-A1.1"),
            (Location::ItemNarrative("A1.1".into()), "narrative-A1.1"),
            (Location::ItemReason("A3.4".into()), "na-reason-A3.4"),
            (Location::Figure("education_budget_total".into()), "figure-education_budget_total"),
            (Location::ProblemTitle("p1".into()), "problem-p1-title"),
            (Location::ProblemText("p1".into()), "problem-p1-text"),
            (Location::MeasureTitle("m2".into()), "measure-m2-title"),
            (Location::MeasureText("m2".into()), "measure-m2-text"),
            (Location::Problems, "problems-add"),
            (Location::Measures, "measures-add"),
            (Location::Report, "overview-title"),
        ];
        for (location, id) in cases {
            assert_eq!(dom_id(&location, &draft), id);
        }
        draft.item("A3.4").not_applicable.set(true);
        assert_eq!(dom_id(&Location::Item("A3.4".into()), &draft), "na-A3.4", "an item without task opens its tick");
    }
}
