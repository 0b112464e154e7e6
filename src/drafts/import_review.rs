//! The state of 导入旧报告 while the form is open: what was pasted, and the parsed report with the
//! user's corrections. It outlives the page, so leaving it (a link, Back) and coming back loses
//! none of the review.

use leptos::prelude::*;
use lvzhi_core::parse::{Assignments, ParsedReport};

/// What the page is doing.
#[derive(Clone, PartialEq)]
pub enum Stage {
    Input,
    Parsing,
    /// The parser's proposal, under review (boxed: it is large, the other stages hold nothing).
    Review(Box<ParsedReport>),
}

#[derive(Clone, Copy)]
pub struct ImportReview {
    pub pasted: RwSignal<String>,
    pub stage: RwSignal<Stage>,
    /// The user's corrections of the proposal under review.
    pub assignments: RwSignal<Assignments>,
    /// The framework the old report is read against (id); the open draft's by default.
    pub framework_id: RwSignal<String>,
}

impl ImportReview {
    /// The review of the open form; closing the page while one is under way asks first (the
    /// review is not stored, only the draft made from it).
    pub fn new(framework_id: String) -> ImportReview {
        let stage = RwSignal::new(Stage::Input);
        let prompt = window_event_listener(leptos::ev::beforeunload, move |event| {
            if matches!(stage.try_get_untracked(), Some(Stage::Review(_))) {
                event.prevent_default();
                event.set_return_value("导入旧报告的核对还没有完成，离开会丢失核对结果。");
            }
        });
        on_cleanup(move || prompt.remove());
        ImportReview {
            pasted: RwSignal::new(String::new()),
            stage,
            assignments: RwSignal::new(Assignments::proposed(&ParsedReport::default())),
            framework_id: RwSignal::new(framework_id),
        }
    }

    /// A new proposal to review, replacing any earlier one.
    pub fn review(&self, parsed: ParsedReport) {
        self.assignments.set(Assignments::proposed(&parsed));
        self.stage.set(Stage::Review(Box::new(parsed)));
    }
}
