//! 分发给部门 / 收回合并: every department of the shapes real notices ship gets a part that loads
//! as a framework file; a part holds exactly the department's rows; its file comes back through
//! the checks; and splitting, filling and merging back loses no character (property test).

mod common;

use common::tables::built;
use lvzhi_core::departments::{
    departments, merge_returned, part_file_name, part_framework, part_state, read_returned, record_merged, record_sent,
    split, PartState, ReturnError, Scope,
};
use lvzhi_core::draft::{ConditionAnswer, ScoreEntry};
use lvzhi_core::framework::Framework;
use lvzhi_core::merge::Choice;
use lvzhi_core::{Draft, ItemEntry};
use proptest::prelude::*;
use std::collections::BTreeSet;

const NOW: &str = "2026-03-01T09:00:00Z";

fn main_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "main".into(), "2026-02-01T08:00:00Z".into());
    draft.meta.region = "示例县".into();
    draft
}

fn narrative(text: &str) -> ItemEntry {
    ItemEntry { narrative: text.into(), ..ItemEntry::default() }
}

#[test]
fn every_department_of_every_shape_gets_a_part_that_loads_as_a_framework_file() {
    let mut frameworks = vec![("scored example".to_owned(), Framework::scored_example())];
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tables")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".tsv") || name.ends_with(".html") {
            frameworks.push((name.clone(), built(&name).0.framework));
        }
    }
    let mut with_departments = 0;
    for (name, framework) in &frameworks {
        let found = departments(framework);
        with_departments += usize::from(!found.is_empty());
        let draft = main_draft(framework);
        for department in &found {
            let part = split(framework, &draft, &department.name, "p".into(), NOW)
                .unwrap_or_else(|error| panic!("{name} / {}: {error}", department.name));
            assert!(part.draft.items.is_empty() && department.items > 0, "{name} / {}", department.name);
            Framework::from_json(&serde_json::to_string(&part.framework).unwrap())
                .unwrap_or_else(|error| panic!("{name} / {}: {error}", department.name));
        }
    }
    assert!(with_departments >= 3, "the corpus names 责任单位 in several shapes: {with_departments}");
    assert!(departments(&Framework::builtin()).is_empty(), "the Sichuan framework names no 责任单位");
}

#[test]
fn a_part_holds_the_rows_that_name_the_department_and_the_figures_they_use() {
    let framework = Framework::scored_example();
    let names: Vec<String> = departments(&framework).into_iter().map(|department| department.name).collect();
    assert_eq!(&names[..3], ["县委办", "县政府办", "县委组织部"], "in the order the framework names them");
    let finance = part_framework(&framework, "县财政局").unwrap();
    let scope = Scope::of(&finance);
    // A2.3 is the education bureau's and the finance bureau's; of its 观测点 only A2.3.1 names finance.
    assert!(scope.items.contains("A2.3") && scope.rows.contains("A2.3.1") && !scope.rows.contains("A2.3.2"));
    assert!(scope.items.contains("A3.1") && scope.figures.contains("education_budget"));
    assert!(!scope.items.contains("A1.1"), "no row of A1.1 names the finance bureau");
    assert_eq!(
        finance.item("A2.3").unwrap().points.unwrap().to_string(),
        finance.item("A2.3").unwrap().observation_points[0].points.to_string()
    );
    assert!(scope.rows.contains("B4") && !scope.rows.contains("B1"), "加分项 by their own units");
    assert!(finance.scoring.as_ref().unwrap().grades.is_empty(), "grades are the whole report's");
    assert!(finance.title.contains("县财政局") && finance.id != framework.id);
    // Areas keep the whole framework's numbers: A3 is （三） in both, though A1 is not finance's.
    let a3 = finance.areas.iter().find(|area| area.code == "A3").unwrap();
    assert_eq!(lvzhi_core::report::area_label(0, a3), format!("（三）{}", a3.title));
}

#[test]
fn a_part_carries_what_the_draft_has_of_it_and_nothing_else() {
    let framework = Framework::scored_example();
    let mut draft = main_draft(&framework);
    draft.items.insert("A3.1".into(), narrative("财政保障到位。"));
    draft.items.insert("A1.1".into(), narrative("县委常委会研究教育工作。"));
    draft.figures.insert("education_budget".into(), "12.5".into());
    draft.figures.insert("education_meetings".into(), "4".into());
    draft.scores.insert("A3.1.1".into(), ScoreEntry { score: "3".into(), ..ScoreEntry::default() });
    draft
        .problems
        .push(lvzhi_core::Problem { id: "p1".into(), title: "问题".into(), text: "经费不足。".into() });
    let part = split(&framework, &draft, "县财政局", "part-1".into(), NOW).unwrap();
    assert_eq!(part.draft.items.keys().collect::<Vec<_>>(), ["A3.1"]);
    assert_eq!(part.draft.figures.keys().collect::<Vec<_>>(), ["education_budget"]);
    assert_eq!(part.draft.scores.keys().collect::<Vec<_>>(), ["A3.1.1"]);
    assert!(part.draft.problems.is_empty());
    assert_eq!(part.draft.meta.region, "示例县");
    assert_eq!(part.draft.framework.id, part.framework.id);
    let part_of = part.draft.part_of.as_ref().unwrap();
    assert_eq!((part_of.department.as_str(), part_of.draft_id.as_str()), ("县财政局", "main"));
    assert_eq!(part_of.sent.items, part.draft.items, "what was sent is the base");
    assert_eq!(part_file_name(&draft, "县财政局"), "示例县2025年自评报告-县财政局.json");
}

#[test]
fn a_returned_file_merges_only_what_the_department_changed_and_the_states_say_who_is_in() {
    let framework = Framework::scored_example();
    let mut draft = main_draft(&framework);
    draft.items.insert("A3.1".into(), narrative("财政保障到位。"));
    let finance = split(&framework, &draft, "县财政局", "part-finance".into(), NOW).unwrap();
    let police = split(&framework, &draft, "县公安局", "part-police".into(), NOW).unwrap();
    record_sent(&mut draft.sent_parts, &finance);
    record_sent(&mut draft.sent_parts, &police);
    // The main draft goes on meanwhile, in the department's item too.
    draft.items.insert("A1.1".into(), narrative("县委常委会研究教育工作。"));
    draft.items.get_mut("A3.1").unwrap().narrative.push_str("（督导室补充）");

    let mut filled = finance.draft.clone();
    filled.scores.insert(
        "A3.1.1".into(),
        ScoreEntry { score: "3".into(), explanation: "足额拨付。".into(), ..ScoreEntry::default() },
    );
    filled.figures.insert("education_budget".into(), "12.5".into());
    let file = lvzhi_core::draft_file::export_draft_file(&filled, &finance.framework);
    let returned = read_returned(file.as_bytes(), &framework, &draft).unwrap();
    assert_eq!(returned.department, "县财政局");
    let result = merge_returned(&framework, &draft, &returned);
    assert!(result.conflicts.is_empty(), "{:?}", result.conflicts);
    let mut merged = result.resolve(&[]);
    assert_eq!(merged.scores["A3.1.1"].explanation, "足额拨付。");
    assert_eq!(merged.figures["education_budget"], "12.5");
    assert_eq!(merged.items["A3.1"].narrative, "财政保障到位。（督导室补充）", "the main draft's later edit kept");
    assert_eq!(merged.items["A1.1"].narrative, "县委常委会研究教育工作。");
    assert!(merged.part_of.is_none() && merged.framework == draft.framework);
    record_merged(&mut merged.sent_parts, "县财政局", "2026-03-05T10:00:00Z");
    let state_of = |name: &str| part_state(&merged.sent_parts, name);
    assert!(matches!(state_of("县财政局"), PartState::Merged { .. }));
    assert!(matches!(state_of("县公安局"), PartState::Sent { .. }));
    assert_eq!(state_of("县审计局"), PartState::NotSent);

    // What cannot come back, and why.
    let whole = lvzhi_core::draft_file::export_draft_file(&draft, &framework);
    assert_eq!(read_returned(whole.as_bytes(), &framework, &draft), Err(ReturnError::NotAPart));
    let mut other = draft.clone();
    other.id = "other".into();
    assert!(matches!(read_returned(file.as_bytes(), &framework, &other), Err(ReturnError::OtherDraft { .. })));
    let again = split(&framework, &draft, "县财政局", "part-finance-2".into(), "2026-03-02T09:00:00Z").unwrap();
    record_sent(&mut draft.sent_parts, &again);
    assert!(matches!(read_returned(file.as_bytes(), &framework, &draft), Err(ReturnError::Superseded { .. })));
    let broken = &file.as_bytes()[..file.len() / 2];
    let error = read_returned(broken, &framework, &draft).unwrap_err();
    assert!(error.to_string().contains("第") && !error.to_string().contains("EOF"), "{error}");
}

#[test]
fn two_departments_changing_a_shared_row_differently_is_a_conflict_for_the_user() {
    let framework = Framework::scored_example();
    let mut draft = main_draft(&framework);
    let finance = split(&framework, &draft, "县财政局", "f".into(), NOW).unwrap();
    let education = split(&framework, &draft, "县教育局", "e".into(), NOW).unwrap();
    record_sent(&mut draft.sent_parts, &finance);
    record_sent(&mut draft.sent_parts, &education);
    let returned = |part: &lvzhi_core::departments::Part, text: &str, main: &Draft| {
        let mut filled = part.draft.clone();
        filled.items.insert("A3.1".into(), narrative(text));
        let file = lvzhi_core::draft_file::export_draft_file(&filled, &part.framework);
        read_returned(file.as_bytes(), &framework, main).unwrap()
    };
    let first = merge_returned(&framework, &draft, &returned(&finance, "财政局的说明。", &draft)).resolve(&[]);
    let second = merge_returned(&framework, &first, &returned(&education, "教育局的说明。", &first));
    assert_eq!(second.conflicts.len(), 1);
    let both = second.resolve(&[Choice::Both]);
    assert!(
        both.items["A3.1"].narrative.contains("财政局的说明。")
            && both.items["A3.1"].narrative.contains("教育局的说明。")
    );
}

/// Texts of a few characters, Chinese and not, empty included.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[教育经费，。a-z0-9]{0,6}").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Split for every department, each fills some of its part, all merge back (conflicts kept
    /// both ways): every character either side wrote is in the merged draft.
    #[test]
    fn splitting_filling_and_merging_back_loses_no_character(
        main_texts in proptest::collection::vec(text(), 40),
        edits in proptest::collection::vec((0usize..64, 0usize..64, text()), 0..40),
    ) {
        let framework = Framework::scored_example();
        let codes: Vec<String> = framework.items().map(|(_, item)| item.code.clone()).collect();
        let rows: Vec<String> = framework.scored_leaves().map(|row| row.code.to_owned()).collect();
        let mut draft = main_draft(&framework);
        for (index, text) in main_texts.iter().enumerate() {
            if !text.is_empty() {
                draft.items.insert(codes[index % codes.len()].clone(), narrative(text));
                draft.scores.insert(rows[index % rows.len()].clone(), ScoreEntry { explanation: text.clone(), ..ScoreEntry::default() });
            }
        }
        draft.conditions.insert("V1".into(), ConditionAnswer { occurred: Some(false), explanation: "无".into() });
        let names: Vec<String> = departments(&framework).into_iter().map(|department| department.name).collect();
        let mut parts = Vec::new();
        for (index, name) in names.iter().enumerate() {
            let part = split(&framework, &draft, name, format!("part-{index}"), NOW).unwrap();
            record_sent(&mut draft.sent_parts, &part);
            parts.push(part);
        }
        let mut written: Vec<String> = draft.items.values().map(|entry| entry.narrative.clone())
            .chain(draft.scores.values().map(|entry| entry.explanation.clone())).collect();
        let mut merged = draft.clone();
        for (department, item, text) in &edits {
            let part = &parts[department % parts.len()];
            let mut filled = part.draft.clone();
            // The department's browser opens the file as a draft of its own id.
            filled.id = format!("elsewhere-{department}");
            let own: Vec<String> = part.framework.items().map(|(_, item)| item.code.clone()).collect();
            let own_rows: Vec<String> = part.framework.scored_leaves().map(|row| row.code.to_owned()).collect();
            let code = &own[item % own.len()];
            filled.items.entry(code.clone()).or_default().narrative.push_str(text);
            if !own_rows.is_empty() {
                filled.scores.entry(own_rows[item % own_rows.len()].clone()).or_default().explanation.push_str(text);
            }
            written.push(text.clone());
            let file = lvzhi_core::draft_file::export_draft_file(&filled, &part.framework);
            let returned = read_returned(file.as_bytes(), &framework, &merged).unwrap();
            let result = merge_returned(&framework, &merged, &returned);
            let mut next = result.resolve(&vec![Choice::Both; result.conflicts.len()]);
            record_merged(&mut next.sent_parts, &returned.department, NOW);
            merged = next;
        }
        let all: String = merged.items.values().map(|entry| entry.narrative.as_str())
            .chain(merged.scores.values().map(|entry| entry.explanation.as_str())).collect();
        for text in written {
            prop_assert!(all.contains(&text), "lost “{}”", text);
        }
        prop_assert_eq!(&merged.conditions, &draft.conditions);
        let kept: BTreeSet<&str> = merged.sent_parts.iter().map(|sent| sent.department.as_str()).collect();
        prop_assert_eq!(kept.len(), names.len());
    }
}
