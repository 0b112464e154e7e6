//! The signals against the draft they mirror: every field given back, every text location
//! reachable, list removal and undo, and another window's save taken in place.

use super::*;
use lvzhi_core::{Framework, Measure};

/// A draft holding something in every field, and entries of another framework version.
pub(crate) fn full_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "d1".into(), "2024-01-05T08:00:00.000Z".into());
    for field in MetaField::ALL {
        *field.value_mut(&mut draft) = format!("{}的值", field.label_zh());
    }
    draft.meta.level = Level::County;
    draft.name = "第二稿".into();
    draft.items.insert(
        "A1.1".into(),
        ItemEntry { narrative: "建立领导小组。".into(), rating: Some(Rating::Met), ..Default::default() },
    );
    // A score of a framework without points (from another version): carried through.
    draft.scores.insert("A1.1".into(), lvzhi_core::draft::ScoreEntry { score: "9.5".into(), ..Default::default() });
    draft.items.insert(
        "A3.4".into(),
        ItemEntry { not_applicable: true, not_applicable_reason: "无高校".into(), ..Default::default() },
    );
    draft.items.insert("Z9.9".into(), ItemEntry { narrative: "新版指标".into(), ..Default::default() });
    draft.figures.insert("education_budget_total".into(), "3.73".into());
    draft.figures.insert("a_figure_of_another_version".into(), "12".into());
    draft.problems.push(Problem { id: "p1".into(), title: "问题一".into(), text: "说明".into() });
    draft.problems.push(Problem { id: "p2".into(), title: "问题二".into(), text: String::new() });
    draft.measures.push(Measure {
        id: "m1".into(),
        title: "措施".into(),
        text: "内容".into(),
        answers: vec!["p1".into(), "p2".into()],
    });
    draft
}

fn with_owner<T>(run: impl FnOnce() -> T) -> T {
    let owner = Owner::new();
    owner.set();
    run()
}

#[test]
fn the_signals_give_back_the_draft_they_were_made_from() {
    with_owner(|| {
        let framework = Framework::builtin();
        let draft = full_draft(&framework);
        let signals = DraftSignals::from_draft(&framework, draft.clone());
        assert_eq!(signals.snapshot(), draft, "carried entries included");
    });
}

#[test]
fn every_text_location_has_its_signal() {
    with_owner(|| {
        let framework = Framework::builtin();
        let signals = DraftSignals::from_draft(&framework, full_draft(&framework));
        for field in MetaField::ALL {
            let signal = signals.text_signal(&Location::Meta(field)).unwrap();
            assert_eq!(signal.get_untracked(), format!("{}的值", field.label_zh()));
        }
        assert_eq!(signals.text_signal(&Location::ProblemText("p1".into())).unwrap().get_untracked(), "说明");
        assert!(signals.text_signal(&Location::Report).is_none());
    });
}

#[test]
fn removing_a_problem_unticks_it_and_undoing_puts_both_back() {
    with_owner(|| {
        let framework = Framework::builtin();
        let draft = full_draft(&framework);
        let signals = DraftSignals::from_draft(&framework, draft.clone());
        let removed = signals.remove_problem("p1").unwrap();
        let snapshot = signals.snapshot();
        assert_eq!(snapshot.problems.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p2"]);
        assert_eq!(snapshot.measures[0].answers, ["p2"], "no dangling id");
        assert!(signals.restore_problem(removed));
        let restored = signals.snapshot();
        assert_eq!(restored.problems, draft.problems);
        let mut answers = restored.measures[0].answers.clone();
        answers.sort();
        assert_eq!(answers, ["p1", "p2"]);
    });
}

#[test]
fn an_undo_is_refused_when_the_id_was_given_to_another_entry() {
    with_owner(|| {
        let framework = Framework::builtin();
        let signals = DraftSignals::from_draft(&framework, full_draft(&framework));
        let removed = signals.remove_problem("p2").unwrap();
        signals.push_problem(Problem { id: "p2".into(), title: "新的第二条".into(), text: String::new() });
        assert!(!signals.restore_problem(removed));
        assert_eq!(signals.snapshot().problems[1].title, "新的第二条");
    });
}

#[test]
fn entries_move_within_bounds() {
    with_owner(|| {
        let framework = Framework::builtin();
        let signals = DraftSignals::from_draft(&framework, full_draft(&framework));
        signals.move_entry(ListKind::Problems, "p1", 1);
        assert_eq!(signals.snapshot().problems[0].id, "p2");
        signals.move_entry(ListKind::Problems, "p1", 1);
        assert_eq!(signals.snapshot().problems[1].id, "p1", "the last one stays last");
    });
}

mod replace_tests {
    use super::*;
    use lvzhi_core::Framework;

    #[test]
    fn another_windows_save_is_taken_in_place_and_the_snapshot_is_theirs() {
        let owner = Owner::new();
        owner.set();
        let framework = Framework::builtin();
        let mut mine = Draft::new(&framework, "d".into(), "t0".into());
        mine.problems.push(Problem { id: "p1".into(), title: "问题一".into(), text: String::new() });
        mine.problems.push(Problem { id: "p2".into(), title: "问题二".into(), text: String::new() });
        let signals = DraftSignals::from_draft(&framework, mine.clone());
        let kept_title = signals.problems.get_untracked()[0].title;
        let mut theirs = mine.clone();
        theirs.updated_at = "t1".into();
        theirs.meta.region = "资阳市".into();
        theirs.items.insert("A1.1".into(), ItemEntry { narrative: "他们写的。".into(), ..Default::default() });
        theirs.figures.insert("education_budget_total".into(), "3.73".into());
        theirs.problems[0].title = "问题一（改）".into();
        theirs.problems.remove(1);
        theirs.problems.push(Problem { id: "p3".into(), title: "新问题".into(), text: String::new() });
        signals.replace_with(&framework, theirs.clone());
        assert_eq!(signals.snapshot(), theirs);
        assert_eq!(signals.problems.get_untracked()[0].title, kept_title, "the same row, so its input keeps focus");
    }
}
