//! A draft moved to a new version of its framework, and 以去年的草稿开始今年: the mapping proposed,
//! corrected, applied — with every character the user wrote kept.

mod common;

use lvzhi_core::draft::ScoreEntry;
use lvzhi_core::framework_edit::{new_version, Action, FrameworkEdit, NodeField, NodePath};
use lvzhi_core::remap::{apply, propose, start_from_last_year, MatchReason};
use lvzhi_core::{Draft, Framework};
use std::collections::BTreeMap;

/// Every character the user typed into a draft, counted: every text field (through the one list
/// of them, so a new field cannot be missed), the figures and the scores.
fn typed_characters(draft: &Draft) -> BTreeMap<char, usize> {
    use lvzhi_core::draft::field::{text, text_locations};
    let mut texts: Vec<String> =
        text_locations(draft).iter().map(|location| text(draft, location).unwrap_or_default().to_owned()).collect();
    texts.extend(draft.figures.values().cloned());
    texts.extend(draft.scores.values().map(|entry| entry.score.clone()));
    common::characters(texts)
}

/// The built-in framework's next version: A1.2 renamed a little, A1.3 removed, A1.4 reworded.
fn next_version() -> Framework {
    let old = Framework::builtin();
    let mut edit = FrameworkEdit::of(new_version(&old, &[]));
    let renamed = format!("{}机制", old.areas[0].items[1].title);
    edit.apply(Action::SetField(NodePath::Item(0, 1), NodeField::Title, renamed)).unwrap();
    edit.apply(Action::Delete(NodePath::Item(0, 2))).unwrap();
    edit.finish().expect("a sound framework")
}

#[test]
fn a_draft_moves_to_a_new_version_with_a_renamed_and_a_removed_item_and_loses_nothing() {
    let old = Framework::builtin();
    let new = next_version();
    let draft = common::seed_like_draft(&old);
    let (renamed, removed) = (old.areas[0].items[1].code.clone(), old.areas[0].items[2].code.clone());

    let mapping = propose(&old, &new, &draft);
    let of = |code: &str| mapping.items.iter().find(|entry| entry.from == code).unwrap();
    assert_eq!(of(&renamed).to.as_deref(), Some(renamed.as_str()), "same code, a close title");
    assert_eq!(of(&renamed).reason, MatchReason::Code);
    assert_eq!(of(&removed).to, None, "nothing like it in the new version");
    assert_eq!(of("A2.1").reason, MatchReason::Code);

    let moved = apply(&mapping, &old, &new, &draft);
    assert_eq!(moved.framework.id, new.id);
    assert_eq!(typed_characters(&moved), typed_characters(&draft), "every character kept");
    let kept = format!("{removed}（原：{}）", old.areas[0].items[2].title);
    assert_eq!(moved.items[&kept], draft.items[&removed], "kept under its old code and title, visibly");

    // The user maps the removed item onto another: its text joins that item's.
    let mut corrected = mapping.clone();
    let target = old.areas[0].items[0].code.clone();
    corrected.set(&removed, Some(target.clone()));
    assert_eq!(corrected.joined_targets(), [target.as_str()]);
    let moved = apply(&corrected, &old, &new, &draft);
    assert!(!moved.items.contains_key(&removed) && !moved.items.contains_key(&kept));
    let joined = &moved.items[&target].narrative;
    assert!(joined.starts_with(&draft.items[&target].narrative) && joined.ends_with(&draft.items[&removed].narrative));
    assert_eq!(typed_characters(&moved), typed_characters(&draft));
}

#[test]
fn a_renumbered_item_is_found_by_its_title() {
    let old = Framework::builtin();
    let mut new = new_version(&old, &[]);
    // The item gets another code in the new version (numbering changed), same words.
    new.areas[1].items[0].code = "B9.9".into();
    let new = Framework::from_json(&serde_json::to_string(&new).unwrap()).unwrap();
    let draft = common::seed_like_draft(&old);
    let mapping = propose(&old, &new, &draft);
    let entry = mapping.items.iter().find(|entry| entry.from == old.areas[1].items[0].code).unwrap();
    assert_eq!(entry.to.as_deref(), Some("B9.9"));
    assert!(matches!(entry.reason, MatchReason::Title(score) if score > 0.9));
    let moved = apply(&mapping, &old, &new, &draft);
    assert_eq!(moved.items["B9.9"], draft.items[&old.areas[1].items[0].code]);
}

#[test]
fn last_years_draft_starts_this_years_with_its_figures_as_last_years_values() {
    let old = Framework::builtin();
    let mut new = next_version();
    new.year = 2024;
    let last_year = common::seed_like_draft(&old);
    let mapping = propose(&old, &new, &last_year);
    let draft = start_from_last_year(&mapping, &old, &new, &last_year, "new".into(), "2025-01-01T00:00:00Z".into());
    assert_eq!(draft.meta.year, "2024");
    assert_eq!(draft.meta.region, "资阳市");
    assert!(draft.meta.date.is_empty(), "this year's date is still to write");
    assert!(draft.figures.is_empty(), "this year's figures are still to fill");
    assert_eq!(draft.previous_figures, last_year.figures, "上年值");
    assert_eq!(draft.items["A2.1"].narrative, last_year.items["A2.1"].narrative, "the text to start from");
    // Its references now read this year's (empty) figures: blanks the validator points at.
    let text = lvzhi_core::report::build_report(&new, &draft).to_plain_text();
    assert!(text.contains("x"), "unfilled figures show as blanks");
}

#[test]
fn last_years_scores_come_along_as_last_years_scores_by_the_rows_the_new_version_scores() {
    let old = Framework::scored_example();
    let new = new_version(&old, &[]);
    let codes = old.user_scored_codes();
    assert!(codes.len() >= 3, "the example scores several rows");
    let mut last_year = Draft::new(&old, "last".into(), "2024-01-01T00:00:00Z".into());
    last_year.scores.insert(codes[0].into(), ScoreEntry { score: "4.5".into(), ..Default::default() });
    last_year.scores.insert(codes[1].into(), ScoreEntry { explanation: "只写了说明".into(), ..Default::default() });
    last_year.scores.insert("gone".into(), ScoreEntry { score: "3".into(), ..Default::default() });
    let bonus = old.bonus_items().first().map(|item| item.code.clone());
    if let Some(bonus) = &bonus {
        last_year.scores.insert(bonus.clone(), ScoreEntry { score: "1".into(), ..Default::default() });
    }
    last_year.meta.year = "2025".into();
    let mapping = propose(&old, &new, &last_year);
    let draft = start_from_last_year(&mapping, &old, &new, &last_year, "new".into(), "2025-01-01T00:00:00Z".into());
    assert!(draft.scores.is_empty(), "this year's scores are still to give");
    // The same framework as last year's: the year moves on, last year's notice is not kept.
    assert!(new.year <= 2025, "{}", new.year);
    assert_eq!(draft.meta.year, "2026");
    assert_eq!((draft.meta.notice_title.as_str(), draft.meta.notice_number.as_str()), ("", ""));
    let mut expected = BTreeMap::from([(codes[0].to_owned(), "4.5".to_owned())]);
    if let Some(bonus) = bonus {
        expected.insert(bonus, "1".into());
    }
    assert_eq!(draft.previous_scores, expected, "scores only, of rows this version scores");
    // Carried through a file and back, unchanged.
    let json = serde_json::to_string(&draft).unwrap();
    assert_eq!(Draft::from_json(&json).unwrap().previous_scores, draft.previous_scores);
}

#[test]
fn a_figure_that_must_not_fall_is_compared_with_last_years_value() {
    use lvzhi_core::validate::validate;
    let framework = Framework::builtin();
    let mut draft = common::seed_like_draft(&framework);
    draft.previous_figures.insert("education_budget_total".into(), "30".into());
    draft.figures.insert("education_budget_total".into(), "29.5".into());
    let findings = validate(&framework, &draft);
    let below: Vec<_> = findings
        .iter()
        .filter(|finding| finding.rule == "figure-threshold" && finding.message.contains("低于上年"))
        .collect();
    assert_eq!(below.len(), 1, "{findings:?}");
    assert!(below[0].message.contains("低于上年的30亿元"), "{}", below[0].message);
    draft.figures.insert("education_budget_total".into(), "31".into());
    assert!(validate(&framework, &draft).iter().all(|finding| !finding.message.contains("低于上年")));
}

#[test]
fn content_without_a_match_never_lands_in_another_item_of_the_same_code_and_figures_gone_keep_their_values() {
    let old = Framework::builtin();
    let new = Framework::scored_example();
    let mut draft = Draft::new(&old, "d".into(), "t".into());
    draft.items.insert(
        "A2.1".into(),
        lvzhi_core::ItemEntry { narrative: "全市教育经费{教育经费}亿元。".into(), ..Default::default() },
    );
    draft.figures.insert("education_budget_total".into(), "123.4".into());
    let mut mapping = propose(&old, &new, &draft);
    mapping.set("A2.1", None);
    let moved = apply(&mapping, &old, &new, &draft);
    let same_code = new.item("A2.1").is_some();
    assert!(same_code, "the example has an A2.1 of its own");
    assert!(moved.items.get("A2.1").is_none_or(|entry| !entry.narrative.contains("教育经费")), "not in another item");
    let kept = moved.items.iter().find(|(code, _)| code.starts_with("A2.1（原：")).expect("kept under its own key");
    assert_eq!(kept.1.narrative, "全市教育经费123.4亿元。", "the value written in: the text reads as before");
    assert_eq!(moved.figures["education_budget_total"], "123.4", "and the value itself kept");
}

#[test]
fn every_text_of_a_draft_gets_the_value_of_a_figure_its_new_framework_lacks() {
    use lvzhi_core::draft::Rectification;
    let old = Framework::builtin();
    let new = Framework::scored_example();
    let mut draft = common::seed_like_draft(&old);
    draft.figures.insert("education_budget_total".into(), "3.73".into());
    let reference = "投入{教育经费}亿元";
    draft.rectifications.push(Rectification {
        id: "r1".into(),
        problem: format!("经费{reference}不足"),
        measure: reference.into(),
        progress: String::new(),
        done: None,
    });
    draft.sections.insert("overview".into(), reference.into());
    draft.problems[0].text = reference.into();
    let moved = apply(&propose(&old, &new, &draft), &old, &new, &draft);
    assert!(new.figure_by_name("教育经费").is_none(), "the scored example lacks the figure");
    // Every text field the draft holds, through the one list of them.
    for location in lvzhi_core::draft::field::text_locations(&moved) {
        let text = lvzhi_core::draft::field::text(&moved, &location).unwrap_or_default();
        assert!(!text.contains("{教育经费}"), "{location:?} still refers to the figure: {text}");
    }
    assert_eq!(moved.rectifications[0].measure, "投入3.73亿元");
    assert_eq!(moved.rectifications[0].problem, "经费投入3.73亿元不足");
    assert_eq!(moved.sections["overview"], "投入3.73亿元");
}
