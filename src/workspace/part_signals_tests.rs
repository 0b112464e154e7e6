//! The report's own parts of the draft's signals (`part_signals.rs`) through `DraftSignals` and
//! the edit counter. Kept apart from `part_signals.rs` so that module imports neither
//! `draft_signals` nor `edits`.

use crate::workspace::draft_signals::DraftSignals;
use crate::workspace::edits::edit_counter;
use leptos::prelude::*;
use lvzhi_core::{Draft, Framework};

/// A round trip with a section the skeleton does not
/// know and the 上年值 carried, every part field watched, another window's parts taken in place.
#[test]
fn the_report_parts_come_back_as_they_went_in_and_every_edit_is_counted() {
    use lvzhi_core::draft::{Rectification, RectificationField};
    use lvzhi_core::framework::ReportSkeleton;
    let owner = Owner::new();
    owner.set();
    let mut framework = Framework::builtin();
    framework.report = ReportSkeleton::county_report_form();
    framework.report.parts.insert(
        1,
        lvzhi_core::framework::ReportPart::of(
            lvzhi_core::framework::PartKind::Rectification,
            "整改情况",
            "rectification",
        ),
    );
    let framework: &'static Framework = Box::leak(Box::new(framework));
    let mut draft = Draft::new(framework, "d1".into(), "2025-01-01T00:00:00Z".into());
    draft.sections.insert("overview".into(), "全县基本情况。".into());
    draft.sections.insert("gone-part".into(), "别的版本的部分。".into());
    draft.rectifications.push(Rectification {
        id: "r1".into(),
        problem: "师资不足".into(),
        done: Some(false),
        ..Default::default()
    });
    draft.previous_figures.insert("education_budget_total".into(), "3.5".into());
    let signals = DraftSignals::from_draft(framework, draft.clone());
    assert_eq!(signals.snapshot(), draft, "an unknown section and the 上年值 are carried");

    let counter = edit_counter(framework, signals);
    let changes: Vec<Box<dyn Fn()>> = vec![
        Box::new(move || signals.parts.section("overview").unwrap().set("改了".into())),
        Box::new(move || {
            signals.parts.rectification_text("r1", RectificationField::Measure).unwrap().set("补充".into())
        }),
        Box::new(move || signals.parts.rectifications.with_untracked(|rows| rows[0].done.set(Some(true)))),
        Box::new(move || {
            signals.parts.add_rectification();
        }),
    ];
    for (index, change) in changes.into_iter().enumerate() {
        let before = counter.get_untracked();
        change();
        assert_ne!(counter.get_untracked(), before, "change {index}");
    }

    let mut theirs = draft.clone();
    theirs.sections.insert("overview".into(), "另一窗口写的。".into());
    theirs.rectifications.clear();
    signals.replace_with(framework, theirs.clone());
    assert_eq!(signals.snapshot(), theirs);
}
