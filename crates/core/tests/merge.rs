//! Merging a colleague's draft into mine: disjoint edits, the same edit on both sides, conflicting
//! edits (with and without a common base), list merges, drafts from another framework version.

mod common;

use lvzhi_core::draft::MetaField;
use lvzhi_core::merge::{merge, Choice, MergeKey};
use lvzhi_core::{Draft, Framework, ItemEntry, Measure, Problem};

fn base() -> (Framework, Draft) {
    let framework = Framework::builtin();
    let mut draft = Draft::new(&framework, "mine".into(), "t0".into());
    draft.meta.region = "资阳市".into();
    draft.items.insert("A1.1".into(), ItemEntry { narrative: "建立领导小组。".into(), ..Default::default() });
    draft.figures.insert("education_budget_total".into(), "3.5".into());
    draft
        .problems
        .push(Problem { id: "p1".into(), title: "学前资源不足".into(), text: "公办园少。".into() });
    (framework, draft)
}

fn narrative(entry: &ItemEntry) -> &str {
    &entry.narrative
}

#[test]
fn disjoint_edits_are_all_kept_without_conflict() {
    let (framework, base) = base();
    let mut mine = base.clone();
    mine.items.insert("A1.2".into(), ItemEntry { narrative: "我写的党建。".into(), ..Default::default() });
    mine.meta.unit = "资阳市人民政府".into();
    let mut theirs = base.clone();
    theirs.figures.insert("education_budget_growth".into(), "6.2".into());
    theirs.figures.insert("education_budget_total".into(), "3.73".into());
    theirs.items.insert("A2.1".into(), ItemEntry { narrative: "财政写的经费。".into(), ..Default::default() });

    let result = merge(&framework, Some(&base), &mine, &theirs);
    assert!(result.conflicts.is_empty(), "{:?}", result.conflicts);
    let merged = &result.merged;
    assert_eq!(narrative(&merged.items["A1.2"]), "我写的党建。");
    assert_eq!(narrative(&merged.items["A2.1"]), "财政写的经费。");
    assert_eq!(merged.figures["education_budget_total"], "3.73", "only theirs changed it");
    assert_eq!(merged.figures["education_budget_growth"], "6.2");
    assert_eq!(merged.meta.unit, "资阳市人民政府");
    assert_eq!(
        result.taken,
        [
            MergeKey::Item("A2.1".into()),
            MergeKey::Figure("education_budget_growth".into()),
            MergeKey::Figure("education_budget_total".into())
        ]
    );
}

#[test]
fn the_same_edit_on_both_sides_is_no_conflict() {
    let (framework, base) = base();
    let mut mine = base.clone();
    mine.items.get_mut("A1.1").unwrap().narrative = "同样的修改。".into();
    let theirs = mine.clone();
    let result = merge(&framework, Some(&base), &mine, &theirs);
    assert!(result.conflicts.is_empty() && result.taken.is_empty());
    assert_eq!(result.merged, mine);
}

#[test]
fn conflicting_edits_are_shown_side_by_side_and_settled_by_the_user() {
    let (framework, base) = base();
    let mut mine = base.clone();
    mine.items.get_mut("A1.1").unwrap().narrative = "我的版本。".into();
    mine.figures.insert("education_budget_total".into(), "3.6".into());
    mine.meta.region = "资阳市（本级）".into();
    let mut theirs = base.clone();
    theirs.items.get_mut("A1.1").unwrap().narrative = "同事的版本。".into();
    theirs.figures.insert("education_budget_total".into(), "3.73".into());
    theirs.meta.region = "资阳".into();

    let result = merge(&framework, Some(&base), &mine, &theirs);
    let keys: Vec<&MergeKey> = result.conflicts.iter().map(|conflict| &conflict.key).collect();
    assert_eq!(
        keys,
        [
            &MergeKey::Meta(MetaField::Region),
            &MergeKey::Item("A1.1".into()),
            &MergeKey::Figure("education_budget_total".into())
        ]
    );
    assert_eq!(
        (result.conflicts[1].mine.as_str(), result.conflicts[1].theirs.as_str()),
        ("我的版本。", "同事的版本。")
    );
    // Until settled, mine stands.
    assert_eq!(narrative(&result.merged.items["A1.1"]), "我的版本。");

    let settled = result.resolve(&[Choice::Theirs, Choice::Both, Choice::Theirs]);
    assert_eq!(settled.meta.region, "资阳");
    assert_eq!(narrative(&settled.items["A1.1"]), "我的版本。\n同事的版本。");
    assert_eq!(settled.figures["education_budget_total"], "3.73");
    let kept = result.resolve(&[]);
    assert_eq!(kept, result.merged, "no choice keeps mine");
}

#[test]
fn without_a_base_an_empty_side_takes_the_other_and_differences_conflict() {
    let (framework, base) = base();
    let mut theirs = Draft::new(&framework, "theirs".into(), "t1".into());
    theirs.items.insert("A1.1".into(), ItemEntry { narrative: "不同的文字。".into(), ..Default::default() });
    theirs.items.insert("A9.5".into(), ItemEntry { narrative: "收费。".into(), ..Default::default() });
    let result = merge(&framework, None, &base, &theirs);
    assert_eq!(narrative(&result.merged.items["A9.5"]), "收费。");
    assert_eq!(result.merged.meta.region, "资阳市", "their empty region does not erase mine");
    assert_eq!(result.conflicts.len(), 1);
    assert_eq!(result.conflicts[0].key, MergeKey::Item("A1.1".into()));
}

#[test]
fn lists_merge_without_duplicates_and_answers_follow_renumbering() {
    let (framework, base) = base();
    let mut mine = base.clone();
    mine.problems.push(Problem { id: "p2".into(), title: "我加的问题".into(), text: "".into() });
    let mut theirs = base.clone();
    theirs.problems.push(Problem { id: "p2".into(), title: "同事加的问题".into(), text: "大班额。".into() });
    theirs.measures.push(Measure {
        id: "m1".into(),
        title: "化解大班额".into(),
        text: "新建学校。".into(),
        answers: vec!["p2".into(), "p1".into()],
    });
    let result = merge(&framework, Some(&base), &mine, &theirs);
    let titles: Vec<&str> = result.merged.problems.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["学前资源不足", "我加的问题", "同事加的问题"]);
    assert_eq!(result.merged.problems[2].id, "p3", "renumbered after mine");
    assert_eq!(result.merged.measures[0].answers, ["p3", "p1"], "answers follow the renumbering");
    assert_eq!((result.added_problems, result.added_measures), (1, 1));
    // Merging the same file twice adds nothing more.
    let again = merge(&framework, Some(&base), &result.merged, &theirs);
    assert_eq!((again.added_problems, again.added_measures), (0, 0));
}

#[test]
fn a_draft_of_another_framework_version_merges_by_item_code_keeping_the_rest_visible() {
    let (framework, base) = base();
    let mut theirs = base.clone();
    theirs.framework.version = "2024.1".into();
    theirs.items.insert("A2.1".into(), ItemEntry { narrative: "按编码对应。".into(), ..Default::default() });
    theirs.items.insert("A10.1".into(), ItemEntry { narrative: "新版指标的内容。".into(), ..Default::default() });
    let result = merge(&framework, Some(&base), &base, &theirs);
    assert_eq!(narrative(&result.merged.items["A2.1"]), "按编码对应。");
    assert_eq!(narrative(&result.merged.items["A10.1"]), "新版指标的内容。");
    assert_eq!(result.unmatched_items, ["A10.1"]);
    assert_eq!(result.merged.framework.version, base.framework.version, "mine stays on my framework");
}

#[test]
fn no_value_of_either_side_is_lost() {
    let framework = Framework::builtin();
    let mine = common::seed_like_draft(&framework);
    let mut theirs = mine.clone();
    for (index, entry) in theirs.items.values_mut().enumerate() {
        if index % 3 == 0 {
            entry.narrative.push_str("（同事补充）");
        }
    }
    let mut edited_mine = mine.clone();
    for (index, entry) in edited_mine.items.values_mut().enumerate() {
        if index % 2 == 0 {
            entry.narrative.push_str("（我的补充）");
        }
    }
    let result = merge(&framework, Some(&mine), &edited_mine, &theirs);
    let both = result.resolve(&vec![Choice::Both; result.conflicts.len()]);
    for (code, entry) in &theirs.items {
        assert!(
            both.items[code].narrative.contains(&entry.narrative) || entry.narrative == mine.items[code].narrative,
            "{code}"
        );
    }
    for (code, entry) in &edited_mine.items {
        assert!(both.items[code].narrative.contains(&entry.narrative), "{code}");
    }
    // Both sides changed the items whose index is a multiple of 6.
    assert_eq!(result.conflicts.len(), (0..42).filter(|index| index % 6 == 0).count());
}

#[test]
fn a_colleague_who_only_renamed_a_problem_changes_it_instead_of_adding_one() {
    let (framework, base) = base();
    let mine = base.clone();
    let mut theirs = base.clone();
    theirs.problems[0].title = "城区学前教育资源不足".into();
    theirs.measures.push(Measure {
        id: "m1".into(),
        title: "新建公办园".into(),
        text: String::new(),
        answers: vec!["p1".into()],
    });
    let result = merge(&framework, Some(&base), &mine, &theirs);
    assert_eq!(result.added_problems, 0);
    assert_eq!(result.merged.problems.len(), 1);
    assert_eq!(result.merged.problems[0].title, "城区学前教育资源不足");
    assert!(result.taken.contains(&MergeKey::Problem("p1".into())));
    assert_eq!(result.merged.measures[0].answers, ["p1"]);
}

#[test]
fn a_problem_both_sides_edited_is_a_conflict_settled_like_any_other() {
    let (framework, base) = base();
    let mut mine = base.clone();
    mine.problems[0].text = "公办园少，学位缺口大。".into();
    let mut theirs = base.clone();
    theirs.problems[0].text = "公办园占比未达50%。".into();
    let result = merge(&framework, Some(&base), &mine, &theirs);
    assert_eq!(result.added_problems, 0);
    assert_eq!(result.conflicts.len(), 1);
    assert_eq!(result.conflicts[0].key, MergeKey::Problem("p1".into()));
    assert!(result.conflicts[0].theirs.contains("公办园占比未达50%"));
    let theirs_taken = result.resolve(&[Choice::Theirs]);
    assert_eq!(theirs_taken.problems[0].text, "公办园占比未达50%。");
    let both = result.resolve(&[Choice::Both]);
    assert_eq!(both.problems[0].text, "公办园少，学位缺口大。\n公办园占比未达50%。");
    assert_eq!(result.resolve(&[Choice::Mine]).problems[0].text, "公办园少，学位缺口大。");
}

#[test]
fn without_a_base_ids_match_only_between_drafts_of_one_lineage() {
    let (framework, mine) = base();
    // Their file came from mine (same creation time): p1 is the same problem, renamed.
    let mut related = mine.clone();
    related.problems[0].title = "学前教育普惠资源不足".into();
    let result = merge(&framework, None, &mine, &related);
    assert_eq!((result.added_problems, result.conflicts.len()), (0, 1));
    // An unrelated draft's p1 is another problem: added, not merged into mine.
    let mut unrelated = Draft::new(&framework, "other".into(), "t9".into());
    unrelated.problems.push(Problem { id: "p1".into(), title: "教师缺编".into(), text: String::new() });
    let result = merge(&framework, None, &mine, &unrelated);
    assert_eq!(result.added_problems, 1);
    assert_eq!(result.merged.problems[1].id, "p2");
}

#[test]
fn the_base_is_the_newest_sent_version_of_the_same_lineage_not_newer_than_theirs() {
    let (framework, base) = base();
    let mut older = base.clone();
    older.updated_at = "2024-01-01T00:00:00Z".into();
    let mut newer = base.clone();
    newer.updated_at = "2024-01-03T00:00:00Z".into();
    let mut other_lineage = Draft::new(&framework, "mine".into(), "another-start".into());
    other_lineage.updated_at = "2024-01-02T12:00:00Z".into();
    let sent = [newer.clone(), other_lineage, older.clone()];
    let mut theirs = base.clone();
    theirs.updated_at = "2024-01-02T00:00:00Z".into();
    assert_eq!(lvzhi_core::merge::find_base(&sent, &theirs), Some(&older));
    theirs.updated_at = "2024-01-04T00:00:00Z".into();
    assert_eq!(lvzhi_core::merge::find_base(&sent, &theirs), Some(&newer));
    theirs.created_at = "unrelated".into();
    assert_eq!(lvzhi_core::merge::find_base(&sent, &theirs), None);
}

#[test]
fn the_report_parts_merge_and_both_sides_of_a_conflict_are_kept() {
    use lvzhi_core::draft::Rectification;
    let (framework, base) = base();
    let mut mine = base.clone();
    mine.sections.insert("overview".into(), "我写的基本情况。".into());
    mine.rectifications.push(Rectification { id: "r1".into(), problem: "普惠率低".into(), ..Default::default() });
    let mut theirs = base.clone();
    theirs.previous_figures.insert("education_budget_total".into(), "3.2".into());
    theirs.previous_scores.insert("A1.1".into(), "4".into());
    theirs.rectifications.push(Rectification { id: "r1".into(), problem: "大班额".into(), ..Default::default() });
    let result = merge(&framework, Some(&base), &mine, &theirs);
    assert_eq!(result.merged.sections["overview"], "我写的基本情况。");
    assert_eq!(result.merged.previous_figures["education_budget_total"], "3.2");
    assert_eq!(result.merged.previous_scores["A1.1"], "4", "上年得分 merge as 上年值 do");
    assert_eq!(result.conflicts.len(), 1);
    assert_eq!(result.conflicts[0].key, MergeKey::Rectifications);
    let both = result.resolve(&[Choice::Both]);
    let problems: Vec<&str> = both.rectifications.iter().map(|entry| entry.problem.as_str()).collect();
    assert_eq!(problems, ["普惠率低", "大班额"]);
    assert_eq!(both.rectifications[1].id, "r2", "their entry gets an id of its own");
    // Their section against mine, both changed: a conflict, joined on "both".
    let mut theirs = base.clone();
    theirs.sections.insert("overview".into(), "他写的基本情况。".into());
    let result = merge(&framework, Some(&base), &mine, &theirs);
    let section = result.conflicts.iter().position(|c| c.key == MergeKey::Section("overview".into())).unwrap();
    let mut choices = vec![Choice::Mine; result.conflicts.len()];
    choices[section] = Choice::Both;
    let joined = &result.resolve(&choices).sections["overview"];
    assert!(joined.contains("我写的") && joined.contains("他写的"), "{joined}");
}
