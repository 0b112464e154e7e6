//! The scored part of the draft's signals (`score_signals.rs`) through `DraftSignals` and the edit
//! counter: a round trip, every field watched, another window's version taken in place. Kept apart
//! from `score_signals.rs` so that module imports neither `draft_signals` nor `edits`.

use crate::draft_signals::DraftSignals;
use crate::edits::edit_counter;
use leptos::prelude::*;
use lvzhi_core::draft::{ConditionAnswer, DeductionEntry, Evidence, ScoreEntry};
use lvzhi_core::{Draft, Framework};

fn scored_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "d1".into(), "2025-01-01T00:00:00Z".into());
    let leaf = framework.scored_leaves().next().unwrap().code.to_owned();
    let evidence =
        vec![Evidence {
            title: "会议纪要".into(), reference: "2024年3月".into(), provider: "县政府办".into()
        }];
    draft.scores.insert(leaf, ScoreEntry { score: "1.2".into(), explanation: "少开一次".into(), evidence });
    draft.scores.insert("unknown-row".into(), ScoreEntry { score: "3".into(), ..ScoreEntry::default() });
    let scoring = framework.scoring.as_ref().unwrap();
    draft.deductions.insert(
        scoring.deductions[0].code.clone(),
        DeductionEntry { occurrences: "1".into(), explanation: "一起".into() },
    );
    draft.conditions.insert(
        scoring.conditions[0].code.clone(),
        ConditionAnswer { occurred: Some(false), explanation: String::new() },
    );
    draft
}

#[test]
fn scores_deductions_and_answers_come_back_as_they_went_in() {
    let owner = Owner::new();
    owner.set();
    let framework: &'static Framework = Box::leak(Box::new(Framework::scored_example()));
    let draft = scored_draft(framework);
    let signals = DraftSignals::from_draft(framework, draft.clone());
    assert_eq!(signals.snapshot(), draft, "an unknown row's score is carried, not dropped");
}

#[test]
fn every_scored_field_moves_the_edit_counter() {
    let owner = Owner::new();
    owner.set();
    let framework: &'static Framework = Box::leak(Box::new(Framework::scored_example()));
    let signals = DraftSignals::from_draft(framework, scored_draft(framework));
    let counter = edit_counter(framework, signals);
    let scoring = framework.scoring.as_ref().unwrap();
    let mut codes: Vec<String> = framework.scored_leaves().map(|row| row.code.to_owned()).collect();
    codes.extend(framework.bonus_items().iter().map(|item| item.code.clone()));
    for code in codes {
        let row = signals.scored.row(&code).expect("every scored row has signals");
        for change in [
            Box::new(move || row.score.set("0.5".into())) as Box<dyn Fn()>,
            Box::new(move || row.explanation.set("说明".into())),
            Box::new(move || row.evidence.update(|list| list.push(Evidence::default()))),
        ] {
            let before = counter.get_untracked();
            change();
            assert_ne!(counter.get_untracked(), before, "row {code}");
        }
    }
    for deduction in &scoring.deductions {
        let before = counter.get_untracked();
        signals.scored.deduction(&deduction.code).unwrap().occurrences.set("2".into());
        assert_ne!(counter.get_untracked(), before, "扣分项 {}", deduction.code);
    }
    for condition in &scoring.conditions {
        let before = counter.get_untracked();
        signals.scored.condition(&condition.code).unwrap().occurred.set(Some(true));
        assert_ne!(counter.get_untracked(), before, "condition {}", condition.code);
    }
}

#[test]
fn another_windows_scores_are_taken_in_place() {
    let owner = Owner::new();
    owner.set();
    let framework: &'static Framework = Box::leak(Box::new(Framework::scored_example()));
    let signals = DraftSignals::from_draft(framework, scored_draft(framework));
    let leaf = framework.scored_leaves().next().unwrap().code.to_owned();
    let row = signals.scored.row(&leaf).unwrap();
    let mut theirs = scored_draft(framework);
    theirs.scores.get_mut(&leaf).unwrap().score = "1.5".into();
    theirs.conditions.clear();
    signals.replace_with(framework, theirs.clone());
    assert_eq!(row.score.get_untracked(), "1.5", "the same signal, its value replaced");
    assert_eq!(signals.snapshot(), theirs);
}

/// The report's own parts (`part_signals.rs`): a round trip with a section the skeleton does not
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
