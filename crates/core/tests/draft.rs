//! The draft as stored: round trip, and refusal of what it cannot read.

use lvzhi_core::draft::{next_entry_id, DraftReadError, DRAFT_SCHEMA_VERSION};
use lvzhi_core::{Draft, Framework, ItemEntry, Measure, Problem, Rating};

fn filled_draft() -> Draft {
    let framework = Framework::builtin();
    let mut draft = Draft::new(&framework, "draft-1".into(), "2024-01-05T08:00:00.000Z".into());
    draft.meta.region = "资阳市".into();
    draft.items.insert(
        "A2.1".into(),
        ItemEntry {
            narrative: "{经费年度}年全市一般公共预算教育经费{教育经费}亿元。\n第二段“引号”、《书名》\t😀".into(),
            rating: Some(Rating::PartlyMet),
            ..ItemEntry::default()
        },
    );
    draft.scores.insert(
        "A2.1".into(),
        lvzhi_core::draft::ScoreEntry {
            score: "8.5".into(),
            explanation: "生均经费未达标".into(),
            evidence: vec![lvzhi_core::draft::Evidence {
                title: "2022年教育经费统计报表".into(),
                reference: "2023年3月".into(),
                provider: "市教育局".into(),
                files: vec![lvzhi_core::draft::EvidenceFile {
                    sha256: "ab".repeat(32),
                    name: "教育经费统计报表.pdf".into(),
                    size: 123_456,
                    crc32: 0x1234_abcd,
                    media_type: "application/pdf".into(),
                }],
            }],
        },
    );
    draft.items.insert(
        "A3.4".into(),
        ItemEntry { not_applicable: true, not_applicable_reason: "辖区内无高校".into(), ..ItemEntry::default() },
    );
    draft.figures.insert("education_budget_total".into(), "3.73".into());
    draft.figures.insert("education_budget_year".into(), "２０２２".into());
    draft
        .problems
        .push(Problem { id: "p1".into(), title: "学前资源不足".into(), text: "城区公办园不足。".into() });
    draft.measures.push(Measure {
        id: "m1".into(),
        title: "加快建园".into(),
        text: "新建公办园。".into(),
        answers: vec!["p1".into()],
    });
    draft
}

#[test]
fn a_new_draft_carries_format_schema_and_the_frameworks_meta() {
    let framework = Framework::builtin();
    let draft = Draft::new(&framework, "d".into(), "now".into());
    assert_eq!(draft.format, "lvzhi-draft");
    assert_eq!(draft.schema_version, DRAFT_SCHEMA_VERSION);
    assert_eq!(draft.framework.id, framework.id);
    assert_eq!(draft.meta.year, "2023");
    assert_eq!(draft.meta.notice_number, "川教督委〔2023〕2号");
    assert_eq!(draft.meta.province, "四川省");
}

#[test]
fn json_round_trip_keeps_every_character() {
    let draft = filled_draft();
    let json = draft.to_json();
    assert!(json.contains("\"format\":\"lvzhi-draft\""));
    assert_eq!(Draft::from_json(&json).unwrap(), draft);
}

#[test]
fn references_resolve_to_figures_and_meta() {
    let framework = Framework::builtin();
    let draft = filled_draft();
    assert_eq!(draft.reference_value(&framework, "地区").as_deref(), Some("资阳市"));
    assert_eq!(draft.reference_value(&framework, "经费年度").as_deref(), Some("2022"));
    assert_eq!(draft.reference_value(&framework, "培训经费").as_deref(), Some(""));
    assert_eq!(draft.reference_value(&framework, "unknown"), None);
}

#[test]
fn unreadable_drafts_are_refused_with_reasons() {
    assert!(matches!(Draft::from_json("{\"format\": "), Err(DraftReadError::Syntax { line: 1, .. })));
    assert_eq!(
        Draft::from_json(r#"{"format":"something-else"}"#),
        Err(DraftReadError::WrongFormat { found: "something-else".into() })
    );
    let mut newer: serde_json::Value = serde_json::from_str(&filled_draft().to_json()).unwrap();
    let next = lvzhi_core::draft::DRAFT_SCHEMA_VERSION + 1;
    newer["schema_version"] = next.into();
    let error = Draft::from_json(&newer.to_string()).unwrap_err();
    assert_eq!(error, DraftReadError::NewerSchema { found: next });
    assert!(error.to_string().contains("请更新本程序"));
}

#[test]
fn fields_missing_from_an_older_file_take_their_defaults() {
    let minimal = r#"{"format":"lvzhi-draft","schema_version":1,"id":"x1","framework":{"id":"f","version":"1"},
        "meta":{"region":"某县"},"created_at":"a","updated_at":"b"}"#;
    let draft = Draft::from_json(minimal).unwrap();
    assert_eq!(draft.meta.region, "某县");
    assert!(draft.items.is_empty() && draft.problems.is_empty());
}

#[test]
fn entry_ids_continue_after_the_highest() {
    assert_eq!(next_entry_id("p", ["p1", "p7", "m9", "pX"]), "p8");
    assert_eq!(next_entry_id("m", []), "m1");
}

#[test]
fn entries_sharing_an_id_get_ids_of_their_own_and_nothing_is_lost() {
    let framework = lvzhi_core::Framework::builtin();
    let mut draft = lvzhi_core::Draft::new(&framework, "d".into(), "t".into());
    for title in ["一", "二", "三"] {
        draft.problems.push(lvzhi_core::Problem { id: "p1".into(), title: title.into(), text: String::new() });
    }
    draft.measures.push(lvzhi_core::Measure {
        id: "m1".into(),
        title: "甲".into(),
        text: String::new(),
        answers: vec!["p1".into()],
    });
    draft.measures.push(lvzhi_core::Measure {
        id: "m1".into(),
        title: "乙".into(),
        text: String::new(),
        answers: vec![],
    });
    assert!(draft.repair_entry_ids());
    let ids: Vec<&str> = draft.problems.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    assert_eq!(draft.problems.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["一", "二", "三"]);
    assert_eq!(draft.measures.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["m1", "m2"]);
    assert_eq!(draft.measures[0].answers, ["p1"]);
    assert!(!draft.repair_entry_ids(), "once is enough");
}

#[test]
fn a_year_is_read_one_way_everywhere() {
    use lvzhi_core::draft::four_digit_year;
    assert_eq!(four_digit_year(" 2024 "), Some(2024));
    for not_a_year in ["", "+2024", "-202", "24", "20245", "２０２４", "2024年", "二〇二四"] {
        assert_eq!(four_digit_year(not_a_year), None, "{not_a_year}");
    }
    // The report's data year follows only a year read so: "+2024" is not moved by.
    let framework = lvzhi_core::Framework::builtin();
    let mut meta = lvzhi_core::Draft::new(&framework, "d".into(), String::new()).meta;
    meta.year = "+2030".into();
    assert_eq!(lvzhi_core::report::data_year_of(&framework, &meta), framework.data_year());
    meta.year = format!("{}", framework.year + 1);
    assert_eq!(lvzhi_core::report::data_year_of(&framework, &meta), framework.data_year() + 1);
}
