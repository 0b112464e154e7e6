//! The scored part of the draft's signals (`score_signals.rs`) through `DraftSignals` and the edit
//! counter: a round trip, every field watched, another window's version taken in place. Kept apart
//! from `score_signals.rs` so that module imports neither `draft_signals` nor `edits`.

use crate::workspace::draft_signals::DraftSignals;
use crate::workspace::edits::edit_counter;
use leptos::prelude::*;
use lvzhi_core::draft::{ConditionAnswer, DeductionEntry, Evidence, ScoreEntry};
use lvzhi_core::{Draft, Framework};

fn scored_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "d1".into(), "2025-01-01T00:00:00Z".into());
    let leaf = framework.scored_leaves().next().unwrap().code.to_owned();
    let evidence = vec![Evidence {
        title: "会议纪要".into(),
        reference: "2024年3月".into(),
        provider: "县政府办".into(),
        ..Evidence::default()
    }];
    draft.previous_scores.insert(leaf.clone(), "1.5".into());
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
    assert_eq!(signals.snapshot(), draft, "an unknown row's score and the 上年得分 are carried, not dropped");
    let leaf = framework.scored_leaves().next().unwrap().code;
    assert_eq!(signals.scored.previous_score(leaf).as_deref(), Some("1.5"));
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
