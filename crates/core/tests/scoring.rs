//! Scored frameworks: loading and refusing them, exact sums, proposals from figures, bonus, 扣分项,
//! grades after conditions, every scoring rule firing and staying silent, and merging scores.

use lvzhi_core::draft::{ConditionAnswer, DeductionEntry, Draft, Location, ScoreEntry};
use lvzhi_core::framework::{Framework, FrameworkError, BUILTIN_FRAMEWORK_JSON};
use lvzhi_core::points::Points;
use lvzhi_core::scoring::ScoreSheet;
use lvzhi_core::validate::validate;
use serde_json::{json, Value};

/// Two areas: one item scored by three 观测点 (one with two sub-points, one driven by a figure),
/// one item scored directly; bonus capped at 1, one 扣分项, three conditions, four grades.
fn scored_value() -> Value {
    json!({
        "format": "lvzhi-framework", "schema_version": 2, "id": "test-scored", "version": "1",
        "title": "测试用县级评价指标（示例）", "province": "示例省", "year": 2025, "level": "county",
        "notice": { "title": "通知", "number": "示教督〔2025〕1号" },
        "areas": [
            { "code": "A1", "title": "教育领导", "points": 6, "responsible_units": ["县政府办"], "items": [
                { "code": "A1.1", "title": "研究教育工作", "guidance": "写会议。", "points": 6,
                  "responsible_units": ["县政府办"],
                  "figures": [{ "id": "meetings", "name": "研究教育次数", "label": "常务会议研究教育工作次数",
                                "kind": "count", "unit": "次", "required": false }],
                  "observation_points": [
                    { "code": "A1.1.1", "title": "常务会议研究教育", "points": 2,
                      "scoring_rule": "每年不少于2次，每少1次扣0.2分，扣完为止。",
                      "deduction": { "figure": "meetings", "at_least": 2, "deduct": 0.2 } },
                    { "code": "A1.1.2", "title": "领导联系学校", "points": 2, "sub_points": [
                        { "code": "A1.1.2.a", "title": "建立制度", "points": 1.3 },
                        { "code": "A1.1.2.b", "title": "落实到校", "points": 0.7 }
                    ] },
                    { "code": "A1.1.3", "title": "向人大报告", "points": 2 }
                  ] }
            ] },
            { "code": "A2", "title": "教育保障", "items": [
                { "code": "A2.1", "title": "经费投入", "guidance": "写经费。", "points": 4 }
            ] }
        ],
        "problems": { "title": "存在的问题", "guidance": "g" },
        "measures": { "title": "下一步措施", "guidance": "g" },
        "scoring": {
            "total": 10, "step": 0.1, "report_area_scores": true,
            "bonus": { "cap": 1, "items": [
                { "code": "B1", "title": "创建示范县", "points": 1 },
                { "code": "B2", "title": "经验推广", "points": 0.5 }
            ] },
            "deductions": [{ "code": "K1", "title": "安全责任事故", "per_occurrence": 0.5, "cap": 1 }],
            "conditions": [
                { "code": "V1", "question": "是否弄虚作假", "effect": "veto" },
                { "code": "V2", "question": "是否发生重大安全事故", "effect": "drop_grade" },
                { "code": "V3", "question": "是否有D级危房在用", "effect": "not_excellent" }
            ],
            "grades": [
                { "name": "优秀", "at_least": 9 }, { "name": "良好", "at_least": 8 },
                { "name": "合格", "at_least": 6.5 }, { "name": "不合格", "at_least": 0 }
            ]
        }
    })
}

fn scored() -> Framework {
    Framework::from_json(&scored_value().to_string()).expect("the test framework is valid")
}

fn draft(framework: &Framework) -> Draft {
    Draft::new(framework, "d1".into(), "2025-03-01T00:00:00Z".into())
}

fn score(draft: &mut Draft, code: &str, typed: &str) {
    draft.scores.entry(code.to_owned()).or_default().score = typed.to_owned();
}

fn explain(draft: &mut Draft, code: &str, text: &str) {
    draft.scores.entry(code.to_owned()).or_default().explanation = text.to_owned();
}

fn points(text: &str) -> Points {
    Points::parse(text).unwrap().unwrap()
}

fn refusal(value: &Value) -> String {
    match Framework::from_json(&value.to_string()) {
        Err(FrameworkError::Invalid { problems }) => lvzhi_core::framework::joined_problems(&problems),
        other => panic!("expected the framework to be refused, got {other:?}"),
    }
}

fn rules_at(findings: &[lvzhi_core::validate::Finding], location: &Location) -> Vec<&'static str> {
    findings.iter().filter(|finding| &finding.location == location).map(|finding| finding.rule).collect()
}

#[test]
fn the_rows_come_in_document_order_with_their_points_and_leaves() {
    let framework = scored();
    let rows = framework.score_rows();
    let listed: Vec<(&str, String, bool)> =
        rows.iter().map(|row| (row.code, row.points.map_or("-".into(), |p| p.to_string()), row.is_leaf)).collect();
    assert_eq!(
        listed,
        [
            ("A1", "6".into(), false),
            ("A1.1", "6".into(), false),
            ("A1.1.1", "2".into(), true),
            ("A1.1.2", "2".into(), false),
            ("A1.1.2.a", "1.3".into(), true),
            ("A1.1.2.b", "0.7".into(), true),
            ("A1.1.3", "2".into(), true),
            ("A2", "4".into(), false),
            ("A2.1", "4".into(), true),
        ]
        .map(|(code, points, leaf)| (code, points, leaf))
    );
    assert!(Framework::builtin().scoring.is_none(), "the Sichuan list has no points and shows no score");
}

#[test]
fn sums_are_exact_and_unscored_rows_are_counted() {
    let framework = scored();
    let mut draft = draft(&framework);
    score(&mut draft, "A1.1.1", "1.8");
    score(&mut draft, "A1.1.2.a", "1.1");
    score(&mut draft, "A1.1.2.b", "0.1");
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    assert_eq!(sheet.row("A1.1.2").unwrap().score, Some(points("1.2")));
    assert_eq!(sheet.row("A1.1").unwrap().score, Some(points("3")));
    assert_eq!(sheet.row("A1.1").unwrap().unscored, 1);
    assert_eq!(sheet.row("A2").unwrap().score, None);
    assert_eq!((sheet.unscored, sheet.full_marks, sheet.total), (2, points("10"), points("3")));
    // A score above the row's points or below 0 is reported, not counted.
    score(&mut draft, "A1.1.3", "5");
    score(&mut draft, "A2.1", "-1");
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    assert_eq!((sheet.total, sheet.unscored), (points("3"), 2));
    assert_eq!(sheet.row("A2").unwrap().score, None);
    score(&mut draft, "A1.1.3", "");
    score(&mut draft, "A2.1", "");
    // 0.1 three times is 0.3, not 0.30000000000000004.
    for code in ["A1.1.1", "A1.1.2.a", "A1.1.2.b"] {
        score(&mut draft, code, "0.1");
    }
    assert_eq!(ScoreSheet::compute(&framework, &draft).unwrap().total.to_string(), "0.3");
}

#[test]
fn a_figure_proposes_the_score_with_its_arithmetic_and_stops_at_zero() {
    let framework = scored();
    let mut draft = draft(&framework);
    let proposal =
        |draft: &Draft| ScoreSheet::compute(&framework, draft).unwrap().row("A1.1.1").unwrap().proposal.clone();
    assert_eq!(proposal(&draft), None, "no figure, no proposal");
    draft.figures.insert("meetings".into(), "1".into());
    let one = proposal(&draft).unwrap();
    assert_eq!((one.score, one.arithmetic.as_str()), (points("1.8"), "应不少于2次，实际1次，少1次，扣0.2分"));
    draft.figures.insert("meetings".into(), "3".into());
    assert_eq!(proposal(&draft).unwrap().score, points("2"));
    assert_eq!(proposal(&draft).unwrap().arithmetic, "应不少于2次，实际3次，不扣分");
    draft.figures.insert("meetings".into(), "abc".into());
    assert_eq!(proposal(&draft), None, "a figure typed wrongly proposes nothing");
}

#[test]
fn a_deduction_beyond_the_points_stops_at_zero() {
    let mut value = scored_value();
    value["areas"][0]["items"][0]["observation_points"][0]["deduction"]["at_least"] = json!(40);
    let framework = Framework::from_json(&value.to_string()).unwrap();
    let mut draft = draft(&framework);
    draft.figures.insert("meetings".into(), "0".into());
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    let proposal = sheet.row("A1.1.1").unwrap().proposal.clone().unwrap();
    assert_eq!(proposal.score, Points::ZERO);
    assert!(proposal.arithmetic.ends_with("少40次，扣2分，扣完为止"), "{}", proposal.arithmetic);
}

fn full_marks(framework: &Framework) -> Draft {
    let mut draft = draft(framework);
    for (code, typed) in [("A1.1.1", "2"), ("A1.1.2.a", "1.3"), ("A1.1.2.b", "0.7"), ("A1.1.3", "2"), ("A2.1", "4")] {
        score(&mut draft, code, typed);
    }
    draft
}

#[test]
fn bonus_is_capped_deductions_are_taken_and_the_grade_follows_the_conditions() {
    let framework = scored();
    let mut draft = full_marks(&framework);
    score(&mut draft, "B1", "1");
    score(&mut draft, "B2", "0.5");
    draft.deductions.insert("K1".into(), DeductionEntry { occurrences: "3".into(), explanation: "三起".into() });
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    assert_eq!((sheet.bonus_claimed, sheet.bonus_counted), (points("1.5"), points("1")));
    assert_eq!(sheet.deducted, points("1"), "three occurrences of 0.5, capped at 1");
    assert_eq!(sheet.total, points("10"));
    assert_eq!(sheet.grade.as_ref().unwrap().name, "优秀");
    assert_eq!(sheet.conditions_open, 3);

    let answer = |draft: &mut Draft, code: &str, occurred: bool| {
        draft.conditions.insert(code.into(), ConditionAnswer { occurred: Some(occurred), explanation: String::new() });
    };
    answer(&mut draft, "V3", true);
    let grade = ScoreSheet::compute(&framework, &draft).unwrap().grade.unwrap();
    assert_eq!((grade.name.as_str(), grade.by_total.as_str()), ("良好", "优秀"));
    answer(&mut draft, "V2", true);
    assert_eq!(
        ScoreSheet::compute(&framework, &draft).unwrap().grade.unwrap().name,
        "良好",
        "dropped once, then not above 良好"
    );
    answer(&mut draft, "V3", false);
    answer(&mut draft, "V2", true);
    score(&mut draft, "A2.1", "2");
    let grade = ScoreSheet::compute(&framework, &draft).unwrap().grade.unwrap();
    assert_eq!((grade.by_total.as_str(), grade.name.as_str()), ("良好", "合格"));
    answer(&mut draft, "V1", true);
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    assert_eq!(sheet.grade.as_ref().unwrap().name, "不合格");
    assert!(sheet.summary_sentence(&framework).contains("存在“一票否决”情况"));
}

#[test]
fn the_summary_sentence_states_total_bonus_grade_and_veto() {
    let framework = scored();
    let mut draft = full_marks(&framework);
    score(&mut draft, "A2.1", "3");
    score(&mut draft, "B2", "0.5");
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    // "无一票否决" only once the veto question is answered 否.
    assert_eq!(sheet.summary_sentence(&framework), "经自评，总得分9.5分（其中加分0.5分），自评等次为优秀。");
    for code in ["V1", "V2", "V3"] {
        draft
            .conditions
            .insert(code.into(), ConditionAnswer { occurred: Some(code == "V2"), explanation: String::new() });
    }
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    assert_eq!(
        sheet.summary_sentence(&framework),
        "经自评，总得分9.5分（其中加分0.5分），自评等次为良好（按总分为优秀，因发生重大安全事故降一个等次），无“一票否决”情况。"
    );
}

#[test]
fn frameworks_whose_points_disagree_are_refused_naming_the_row() {
    let mut value = scored_value();
    value["areas"][0]["points"] = json!(7);
    assert!(refusal(&value).contains("一级指标“教育领导”的分值7分与其二级指标分值之和6分不一致"));

    let mut value = scored_value();
    value["areas"][0]["items"][0]["observation_points"][1]["sub_points"][0]["points"] = json!(1.2);
    let refused = refusal(&value);
    assert!(refused.contains("观测点“领导联系学校”的分值2分与其子项分值之和1.9分不一致"), "{refused}");

    let mut value = scored_value();
    value["scoring"]["total"] = json!(100);
    assert!(refusal(&value).contains("各观测点分值之和为10分，与总分100分不一致"));

    let mut value = scored_value();
    value["areas"][0]["items"][0]["observation_points"][0]["deduction"]["figure"] = json!("nothing");
    assert!(refusal(&value).contains("“A1.1.1”的扣分规则引用了不存在的数据项“nothing”"));

    let mut value = scored_value();
    value["areas"][0]["items"][0]["observation_points"][2]["code"] = json!("A1.1.2.a");
    assert!(refusal(&value).contains("编码“A1.1.2.a”重复"));

    let mut value = scored_value();
    value["areas"][0]["items"][0]["observation_points"][1]["sub_points"][0]["sub_points"] =
        json!([{ "code": "deep", "title": "过深", "points": 1.3 }]);
    assert!(refusal(&value).contains("层级过深"));

    let mut value = scored_value();
    value["areas"][1]["items"][0]["points"] = json!(4.05);
    assert!(refusal(&value).contains("不是计分步长0.1分的整数倍"));

    let mut value = scored_value();
    value["scoring"]["grades"] = json!([{ "name": "合格", "at_least": 6 }, { "name": "优秀", "at_least": 9 }]);
    assert!(refusal(&value).contains("等次“合格”的最低分应高于“优秀”"));
}

#[test]
fn a_version_one_file_with_max_score_loads_as_scored_with_the_defaults() {
    let mut value: Value = serde_json::from_str(BUILTIN_FRAMEWORK_JSON).unwrap();
    value["areas"][0]["items"][0]["max_score"] = json!(3);
    value["areas"][0]["items"][1]["max_score"] = json!(2.5);
    let framework = Framework::from_json(&value.to_string()).unwrap();
    assert!(framework.is_scored());
    let mut draft = draft(&framework);
    score(&mut draft, &framework.areas[0].items[0].code.clone(), "2.75");
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    assert_eq!((sheet.full_marks.to_string(), sheet.total.to_string()), ("5.5".into(), "2.75".into()));
    assert!(sheet.grade.is_none());
}

#[test]
fn a_version_two_draft_moves_its_item_scores_to_the_score_map() {
    let framework = scored();
    let text = json!({
        "format": "lvzhi-draft", "schema_version": 2, "id": "old", "framework": { "id": "test-scored", "version": "1" },
        "meta": {}, "items": { "A2.1": { "narrative": "经费。", "score": "3.5" }, "A1.1": { "score": "4" } },
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"
    });
    let mut old = Draft::from_json(&text.to_string()).unwrap();
    assert_eq!(old.migrate(&framework), Some(2));
    assert_eq!(old.score_raw("A2.1"), "3.5");
    assert_eq!(old.score_raw("A1.1"), "4", "kept even where the item is scored by its 观测点 now: nothing is lost");
    assert_eq!(old.items["A2.1"].narrative, "经费。");
    assert!(!old.items.contains_key("A1.1"), "an entry left empty by the move is not kept");
    let saved = old.to_json();
    assert!(!saved.contains("\"score\":\"3.5\",") || saved.contains("\"scores\""));
    let again = Draft::from_json(&saved).unwrap();
    assert_eq!(again, old, "version 3 reads back as written");
}

#[test]
fn every_scoring_rule_fires_where_it_should() {
    // A condition the 评分细则 of A1.1.3 states: the row scores nothing when it happens.
    let mut value = scored_value();
    value["scoring"]["conditions"].as_array_mut().unwrap().push(json!({
        "code": "V4", "question": "是否瞒报教育统计数据", "effect": "veto", "row": "A1.1.3", "row_scores_nothing": true
    }));
    let framework = Framework::from_json(&value.to_string()).unwrap();
    let mut draft = full_marks(&framework);
    score(&mut draft, "A1.1.1", "");
    score(&mut draft, "A1.1.2.a", "1.4");
    score(&mut draft, "A1.1.2.b", "0.65");
    score(&mut draft, "A1.1.3", "-0.5");
    score(&mut draft, "A2.1", "三分");
    score(&mut draft, "B1", "1");
    score(&mut draft, "B2", "0.5");
    draft.deductions.insert("K1".into(), DeductionEntry { occurrences: "1.5".into(), explanation: String::new() });
    draft.conditions.insert("V1".into(), ConditionAnswer { occurred: Some(true), explanation: " ".into() });
    draft.conditions.insert("V4".into(), ConditionAnswer { occurred: Some(true), explanation: "已通报。".into() });
    draft
        .scores
        .entry("A2.1".into())
        .or_default()
        .evidence
        .push(lvzhi_core::draft::Evidence { title: "教育经费统计报表".into(), ..Default::default() });
    // An entry with a file but no title is not an empty line to delete (its file would go).
    let photo = lvzhi_core::draft::EvidenceFile {
        sha256: "a".repeat(64),
        name: "照片.jpg".into(),
        size: 9,
        ..Default::default()
    };
    draft
        .scores
        .get_mut("A2.1")
        .unwrap()
        .evidence
        .push(lvzhi_core::draft::Evidence { files: vec![photo], ..Default::default() });
    draft.figures.insert("meetings".into(), "1".into());
    let findings = validate(&framework, &draft);
    let mut fired: std::collections::BTreeSet<&str> = findings.iter().map(|finding| finding.rule).collect();
    let at = |location: Location| rules_at(&findings, &location);
    assert!(at(Location::Score("A1.1.1".into())).contains(&"score-missing"));
    let missing = findings.iter().find(|f| f.rule == "score-missing").unwrap();
    assert!(missing.message.contains("按数据测算为1.8分"), "{}", missing.message);
    assert!(at(Location::Score("A1.1.2.a".into())).contains(&"score-invalid"), "above its points");
    assert!(at(Location::Score("A1.1.2.b".into())).contains(&"score-invalid"), "off the step");
    assert!(at(Location::Score("A1.1.3".into())).contains(&"score-invalid"), "below zero");
    assert!(at(Location::Score("A2.1".into())).contains(&"score-invalid"), "not a number");
    assert!(at(Location::ScoreExplanation("A1.1.2.a".into())).is_empty(), "above its points: wrong, not lost");
    assert!(at(Location::Score("B1".into())).contains(&"bonus-above-cap"));
    assert!(at(Location::Deduction("K1".into())).contains(&"deduction-invalid"));
    assert!(at(Location::Deduction("K1".into())).contains(&"deduction-unexplained"));
    assert!(at(Location::Score("A2.1".into())).contains(&"evidence-incomplete"));
    let untitled: Vec<&str> = findings
        .iter()
        .filter(|finding| finding.rule == "evidence-incomplete")
        .map(|finding| finding.message.as_str())
        .collect();
    assert!(untitled.contains(&"第2份佐证材料附了1个文件，但没有材料名称。"), "{untitled:?}");
    assert!(
        !at(Location::ScoreExplanation("A1.1.3".into())).contains(&"score-lost-unexplained"),
        "a negative score is wrong, not a loss to explain"
    );
    assert!(at(Location::Condition("V1".into())).contains(&"condition-unexplained"));
    assert!(at(Location::Condition("V2".into())).contains(&"condition-unanswered"));
    assert!(
        !at(Location::Condition("V4".into())).contains(&"condition-row-conflict"),
        "A1.1.3 is scored below 0: wrong, not kept"
    );

    // Above the proposal without a reason; then with one.
    score(&mut draft, "A1.1.1", "2");
    let findings = validate(&framework, &draft);
    assert!(rules_at(&findings, &Location::ScoreExplanation("A1.1.1".into())).contains(&"score-above-proposal"));
    fired.extend(findings.iter().map(|finding| finding.rule));
    // With every row scored, a total the text states is compared.
    for code in ["A1.1.2.a", "A1.1.2.b", "A1.1.3", "A2.1"] {
        score(&mut draft, code, "0");
    }
    draft.items.entry("A2.1".into()).or_default().narrative = "自评总分99分。".into();
    // A 是 beside points the row keeps, though its 细则 says it scores nothing: a conflict, with the row.
    score(&mut draft, "A1.1.3", "2");
    let findings = validate(&framework, &draft);
    let conflict = findings.iter().find(|finding| finding.rule == "condition-row-conflict").expect("a conflict");
    assert_eq!(conflict.location, Location::Score("A1.1.3".into()), "at the row's score");
    assert!(conflict.message.contains("“是否瞒报教育统计数据”已回答为“是”"), "{}", conflict.message);
    assert_eq!(conflict.fix.as_ref().map(|fix| fix.replacement.as_str()), Some("0"));
    fired.extend(findings.iter().map(|finding| finding.rule));
    score(&mut draft, "A1.1.3", "0");
    for code in lvzhi_core::validate::SCORING_RULES {
        assert!(fired.contains(code), "the scoring rule {code} never fired");
    }
    explain(&mut draft, "A1.1.1", "另有一次专题会议未计入统计。");
    let findings = validate(&framework, &draft);
    assert!(!rules_at(&findings, &Location::ScoreExplanation("A1.1.1".into())).contains(&"score-above-proposal"));
}

#[test]
fn a_full_honest_self_score_raises_no_scoring_finding_and_a_stated_total_is_checked() {
    let framework = scored();
    let mut draft = full_marks(&framework);
    score(&mut draft, "A1.1.1", "1.8");
    draft.figures.insert("meetings".into(), "1".into());
    explain(&mut draft, "A1.1.1", "常务会议研究教育工作1次，少1次。");
    score(&mut draft, "B2", "0.5");
    draft.deductions.insert("K1".into(), DeductionEntry { occurrences: "0".into(), explanation: String::new() });
    for code in ["V1", "V2", "V3"] {
        draft.conditions.insert(code.into(), ConditionAnswer { occurred: Some(false), explanation: String::new() });
    }
    draft.items.entry("A2.1".into()).or_default().narrative = "经自评，总得分10.3分。".into();
    let scoring_rules = |findings: &[lvzhi_core::validate::Finding]| -> Vec<&'static str> {
        findings
            .iter()
            .map(|finding| finding.rule)
            .filter(|rule| {
                rule.starts_with("score")
                    || rule.starts_with("bonus")
                    || rule.starts_with("condition")
                    || rule.starts_with("deduction")
                    || *rule == "report-total-differs"
            })
            .collect()
    };
    assert_eq!(scoring_rules(&validate(&framework, &draft)), Vec::<&str>::new());
    draft.items.entry("A2.1".into()).or_default().narrative = "经自评，总得分10.5分。".into();
    let findings = validate(&framework, &draft);
    let differs = findings.iter().find(|f| f.rule == "report-total-differs").expect("the stated total is checked");
    assert_eq!(differs.message, "正文写自评总分10.5分，打分表合计为10.3分。");
    assert_eq!(differs.location, Location::ItemNarrative("A2.1".into()));
}

#[test]
fn a_framework_without_points_raises_no_scoring_finding() {
    let framework = Framework::builtin();
    let mut draft = draft(&framework);
    draft.scores.insert("A1.1".into(), ScoreEntry { score: "abc".into(), ..ScoreEntry::default() });
    let findings = validate(&framework, &draft);
    assert!(findings
        .iter()
        .all(|finding| !finding.rule.starts_with("score") && !finding.rule.starts_with("condition")));
}

#[test]
fn merging_takes_their_scores_and_keeps_both_sides_of_a_conflict() {
    use lvzhi_core::merge::{merge, Choice, MergeKey};
    let framework = scored();
    let base = full_marks(&framework);
    let mut mine = base.clone();
    let mut theirs = base.clone();
    score(&mut theirs, "A2.1", "3.5");
    explain(&mut theirs, "A2.1", "生均经费未达标。");
    score(&mut mine, "A1.1.3", "0.5");
    score(&mut theirs, "A1.1.3", "0.8");
    theirs.conditions.insert("V1".into(), ConditionAnswer { occurred: Some(false), explanation: String::new() });
    let result = merge(&framework, Some(&base), &mine, &theirs);
    assert!(result.taken.contains(&MergeKey::Score("A2.1".into())));
    assert!(result.taken.contains(&MergeKey::Condition("V1".into())));
    assert_eq!(result.merged.score_raw("A2.1"), "3.5");
    assert_eq!(result.conflicts.len(), 1);
    assert_eq!(result.conflicts[0].key, MergeKey::Score("A1.1.3".into()));
    assert_eq!(result.resolve(&[Choice::Theirs]).score_raw("A1.1.3"), "0.8");
    assert_eq!(result.resolve(&[Choice::Mine]).score_raw("A1.1.3"), "0.5");
}

#[test]
fn the_scored_example_is_a_full_county_framework() {
    use lvzhi_core::framework::RowLevel;
    let framework = Framework::scored_example();
    assert_eq!(framework.id, lvzhi_core::framework::SCORED_EXAMPLE_ID);
    assert!(framework.title.contains("示例"));
    assert_eq!(framework.level, lvzhi_core::framework::Level::County);
    let rows = framework.score_rows();
    let count = |level: RowLevel| rows.iter().filter(|row| row.level == level).count();
    assert!(count(RowLevel::Area) >= 9, "{} 一级", count(RowLevel::Area));
    assert!(count(RowLevel::Item) >= 25, "{} 二级", count(RowLevel::Item));
    assert!(count(RowLevel::Point) >= 60, "{} 观测点", count(RowLevel::Point));
    let leaves: Points = framework.scored_leaves().filter_map(|row| row.points).sum();
    assert_eq!(leaves, Points::whole(100));
    assert!(rows.iter().all(|row| !row.responsible_units.is_empty()), "责任单位 on every row");
    assert!(rows.iter().filter(|row| row.deduction.is_some()).count() >= 5, "figure-driven deductions");
    let scoring = framework.scoring.as_ref().unwrap();
    assert_eq!(scoring.bonus.as_ref().unwrap().cap, Points::whole(5));
    assert!(scoring.conditions.len() >= 3);
    assert!(scoring.grades.len() >= 3);
    // Every deduction proposes full marks when its figure meets the target, and less when not.
    for row in framework.scored_leaves().filter(|row| row.deduction.is_some()) {
        let deduction = row.deduction.unwrap();
        let mut draft = draft(&framework);
        let met = deduction.at_least.or(deduction.at_most).unwrap();
        draft.figures.insert(deduction.figure.clone(), lvzhi_core::figure::display_number(met));
        let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
        assert_eq!(sheet.row(row.code).unwrap().proposal.as_ref().unwrap().score, row.points.unwrap(), "{}", row.code);
    }
}

#[test]
fn the_report_of_a_scored_draft_states_area_scores_and_closes_with_the_total() {
    use lvzhi_core::report::{build_report, Block};
    let framework = scored();
    let mut draft = full_marks(&framework);
    score(&mut draft, "A2.1", "3");
    draft.items.entry("A2.1".into()).or_default().narrative = "经费投入持续增长。".into();
    let report = build_report(&framework, &draft);
    assert!(report.headings().contains(&"（一）教育领导（6分，自评得分6分）"), "{:?}", report.headings());
    assert!(report.headings().contains(&"（二）教育保障（4分，自评得分3分）"));
    let closing = report.blocks.iter().rev().find_map(|block| match block {
        Block::Paragraph(text) => Some(text.as_str()),
        _ => None,
    });
    assert_eq!(closing, Some("经自评，总得分9分，自评等次为优秀。"));
    // The Sichuan list, without points, gets neither.
    let plain = Framework::builtin();
    let report = build_report(&plain, &self::draft(&plain));
    assert!(!report.to_plain_text().contains("自评等次"));
}

#[test]
fn attachment_lines_drop_a_typed_attachment_prefix() {
    use lvzhi_core::report::attachment_lines;
    assert_eq!(attachment_lines("附件3：教师编制核定表"), ["附件：教师编制核定表"]);
    assert_eq!(attachment_lines("附件1:经费表\n2. 名单"), ["附件：1．经费表", "\u{3000}\u{3000}\u{3000}2．名单"]);
    assert_eq!(attachment_lines("附件清单"), ["附件：附件清单"], "a name that starts with 附件 is kept");
}

#[test]
fn a_row_may_go_below_zero_where_the_framework_says_so() {
    let mut value = scored_value();
    value["areas"][0]["items"][0]["observation_points"][0]["floor_at_zero"] = json!(false);
    value["areas"][0]["items"][0]["observation_points"][0]["deduction"]["at_least"] = json!(40);
    let framework = Framework::from_json(&value.to_string()).unwrap();
    let mut draft = full_marks(&framework);
    draft.figures.insert("meetings".into(), "0".into());
    score(&mut draft, "A1.1.1", "-1");
    let sheet = ScoreSheet::compute(&framework, &draft).unwrap();
    let row = sheet.row("A1.1.1").unwrap();
    assert_eq!(row.score, Some(points("-1")), "倒扣 counts");
    assert_eq!(row.proposal.as_ref().unwrap().score, points("-6"), "2 − 40 × 0.2, not stopped at 0");
    let findings = validate(&framework, &draft);
    assert!(!rules_at(&findings, &Location::Score("A1.1.1".into())).contains(&"score-invalid"));
}
