//! 汇总: reading many units' files (good, corrupt, another framework, a newer schema, the same unit
//! twice), and the comparison's numbers — progress, totals, threshold flags, 自评可信度 — against
//! values computed by hand from the fixtures below.

use lvzhi_core::collection::{
    credibility, figure_across, read_file, sort_summaries, summary_csv, Added, Collection, FigureState, FileRead,
    Review, ReviewEntry, SortKey, Unit, UnitSummary,
};
use lvzhi_core::draft::{ConditionAnswer, DeductionEntry, ItemEntry, ScoreEntry, DRAFT_SCHEMA_VERSION};
use lvzhi_core::draft_file::{export_draft_file, export_draft_json};
use lvzhi_core::points::Points;
use lvzhi_core::{Draft, Framework};

fn points(text: &str) -> Points {
    Points::parse(text).unwrap().unwrap()
}

fn written(text: &str) -> ItemEntry {
    ItemEntry { narrative: text.into(), ..ItemEntry::default() }
}

fn score(text: &str) -> ScoreEntry {
    ScoreEntry { score: text.into(), ..ScoreEntry::default() }
}

/// 安岳县: A1.3 written and scored in full (1 + 1), A1.1 written with a 范文 blank (x) left and
/// A1.1.1 scored 1.5; bonus B1 claimed 2; 扣分项 K1 once (2 points); V4 answered 是; three figures.
fn anyue(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "d-anyue".into(), "2026-03-01T10:00:00".into());
    draft.meta.region = "安岳县".into();
    draft.meta.unit = "安岳县人民政府".into();
    draft.items.insert("A1.3".into(), written("全面落实意识形态工作责任制，全年开展专题研究4次。"));
    draft.items.insert("A1.1".into(), written("全年召开教育工作会议x次。"));
    for (code, typed) in [("A1.3.1", "1"), ("A1.3.2", "1"), ("A1.1.1", "1.5"), ("B1", "2")] {
        draft.scores.insert(code.into(), score(typed));
    }
    draft.deductions.insert("K1".into(), DeductionEntry { occurrences: "1".into(), explanation: "一起".into() });
    draft.conditions.insert("V4".into(), ConditionAnswer { occurred: Some(true), explanation: "已查实".into() });
    draft.figures.insert("inclusive_kindergarten_coverage".into(), "80".into());
    draft.figures.insert("public_kindergarten_share".into(), "55".into());
    draft.figures.insert("preschool_enrolment_rate".into(), "九十".into());
    draft.figures.insert("large_classes".into(), "3".into());
    draft.updated_at = "2026-03-01T10:00:00".into();
    draft
}

/// 乐至县: A4.1 scored 1.5 + 1.5 + 1.5, nothing else; no figures.
fn lezhi(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "d-lezhi".into(), "2026-03-02T09:00:00".into());
    draft.meta.region = "乐至县".into();
    draft.meta.unit = "乐至县人民政府".into();
    for code in ["A4.1.1", "A4.1.2", "A4.1.3"] {
        draft.scores.insert(code.into(), score("1.5"));
    }
    draft.updated_at = "2026-03-02T09:00:00".into();
    draft
}

fn other_framework() -> Framework {
    let mut other = Framework::builtin();
    other.id = "other-2025".into();
    other.title = "另一个指标体系".into();
    Framework::from_json(&serde_json::to_string(&other).unwrap()).unwrap()
}

#[test]
fn files_are_read_waiting_or_refused_with_why_and_never_panic() {
    let scored = Framework::scored_example();
    let draft = anyue(&scored);
    let file = export_draft_file(&draft, &scored);
    match read_file("安岳.json", file.as_bytes(), &[&scored]) {
        FileRead::Draft(read) => assert_eq!(*read, draft),
        other => panic!("{other:?}"),
    }
    // Corrupt: cut off in the middle.
    match read_file("安岳.json", &file.as_bytes()[..file.len() / 2], &[&scored]) {
        FileRead::Refused(why) => assert!(why.contains("不完整或已损坏"), "{why}"),
        other => panic!("{other:?}"),
    }
    // Another framework, not here and not carried: it waits, its text kept.
    let other = other_framework();
    let theirs = Draft::new(&other, "d-other".into(), "2026-03-03T08:00:00".into());
    let bare = export_draft_json(&theirs);
    match read_file("其他.json", bare.as_bytes(), &[&scored]) {
        FileRead::Waiting(waiting) => {
            assert_eq!((waiting.framework_id.as_str(), waiting.text.as_str()), ("other-2025", bare.as_str()));
        }
        other => panic!("{other:?}"),
    }
    // The same draft carrying its framework: the framework is offered, then the draft reads.
    let carrying = export_draft_file(&theirs, &other);
    match read_file("其他.json", carrying.as_bytes(), &[&scored]) {
        FileRead::CarriesFramework(carried) => assert!(carried.same_content_as(&other)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(read_file("其他.json", carrying.as_bytes(), &[&scored, &other]), FileRead::Draft(_)));
    // A department's part (分发给部门) is not the unit's draft: refused, saying whose it is.
    let main = anyue(&scored);
    let part = lvzhi_core::departments::split(&scored, &main, "县财政局", "p".into(), "2026-03-05T00:00:00Z").unwrap();
    match read_file("县财政局.json", part.file().as_bytes(), &[&scored]) {
        FileRead::CarriesFramework(_) => {}
        other => panic!("{other:?}"),
    }
    match read_file("县财政局.json", part.file().as_bytes(), &[&scored, &part.framework]) {
        FileRead::Refused(why) => assert!(why.contains("分发给县财政局的部分"), "{why}"),
        other => panic!("{other:?}"),
    }
    // A newer schema, a framework file, not text at all.
    let newer = file.replacen(&format!("\"schema_version\": {DRAFT_SCHEMA_VERSION}"), "\"schema_version\": 99", 1);
    assert_ne!(newer, file, "the fixture names its schema version");
    match read_file("新.json", newer.as_bytes(), &[&scored]) {
        FileRead::Refused(why) => assert!(why.contains("更新版本"), "{why}"),
        other => panic!("{other:?}"),
    }
    // A framework file among the drafts: taken as the framework, checked.
    let framework_file = serde_json::to_string(&other).unwrap();
    match read_file("指标体系.json", framework_file.as_bytes(), &[&scored]) {
        FileRead::Framework(framework) => assert_eq!(*framework, other),
        other => panic!("{other:?}"),
    }
    let broken = framework_file.replacen("\"areas\":[", "\"areas\":[]\"ignored\":[", 1);
    assert!(matches!(read_file("坏.json", broken.as_bytes(), &[&scored]), FileRead::Refused(_)));
    assert!(matches!(
        read_file("图片.png", &[0x89, b'P', b'N', b'G', 0, 1, 2, 0xff], &[&scored]),
        FileRead::Refused(_)
    ));
    // Every cut of a real file reads or is refused: none panics, none is taken half.
    for end in (0..file.len()).step_by(97) {
        match read_file("cut.json", &file.as_bytes()[..end], &[&scored]) {
            FileRead::Refused(why) => assert!(!why.is_empty()),
            other => panic!("a file cut at {end} was taken: {other:?}"),
        }
    }
}

#[test]
fn the_same_unit_twice_keeps_the_newer_draft_and_says_so() {
    let scored = Framework::scored_example();
    let older = anyue(&scored);
    let mut newer = older.clone();
    newer.updated_at = "2026-03-05T16:30:00".into();
    newer.meta.unit = " 安岳县 人民政府".into();
    let mut collection = Collection::new("2025年县级自评汇总");
    assert_eq!(collection.add(Unit { file_name: "a.json".into(), draft: older.clone() }), Added::New);
    assert_eq!(
        collection.add(Unit { file_name: "a2.json".into(), draft: newer.clone() }),
        Added::ReplacedOlder { was_edited: "2026-03-01T10:00:00".into() },
        "spaces in the unit's name do not make another unit"
    );
    assert_eq!(
        collection.add(Unit { file_name: "a.json".into(), draft: older }),
        Added::KeptNewer { kept_edited: "2026-03-05T16:30:00".into() }
    );
    assert_eq!(collection.add(Unit { file_name: "a3.json".into(), draft: newer.clone() }), Added::Same);
    assert_eq!(collection.units.len(), 1);
    assert_eq!(collection.units[0].draft, newer);
    assert_eq!(collection.add(Unit { file_name: "b.json".into(), draft: lezhi(&scored) }), Added::New);
    // The collection's file opens again as it was; a draft file is not one.
    collection.add_framework(scored.clone());
    collection.add_framework(scored.clone());
    assert_eq!(collection.frameworks.len(), 1, "a framework is kept once");
    let back = Collection::from_json(&collection.to_file()).unwrap();
    assert_eq!(back, collection);
    let refused = Collection::from_json(&export_draft_file(&newer, &scored)).unwrap_err();
    assert!(refused.to_string().contains("草稿文件"), "{refused}");
}

#[test]
fn each_units_row_is_exact() {
    let scored = Framework::scored_example();
    let row = UnitSummary::of("安岳县人民政府", &scored, &anyue(&scored));
    assert_eq!(row.unit, "安岳县人民政府");
    assert_eq!(row.total, 33, "3+3+4+2+4+2+4+3+4+2+2 items");
    // A1.3 is done; A1.1 is written but keeps a blank (an error), so it is not.
    assert_eq!((row.done, row.area("A1").map(|area| (area.done, area.total))), (1, Some((1, 3))));
    assert_eq!(row.area("A2").map(|area| (area.done, area.total)), Some((0, 3)));
    assert_eq!(row.blanks, 1);
    let sheet = row.score.as_ref().expect("scored");
    // 1 + 1 + 1.5 from the rows, + 2 bonus (cap 5), − 2 for K1 once.
    assert_eq!(
        (sheet.total, sheet.bonus, sheet.deducted, sheet.full_marks),
        (points("3.5"), points("2"), points("2"), points("100"))
    );
    assert_eq!(sheet.grade, None, "rows left unscored: no 等次 yet");
    assert_eq!(row.conditions_met.len(), 1);
    assert!(
        row.conditions_met[0].starts_with("不得评为优秀：近两年是否发生重大及以上校园安"),
        "{:?}",
        row.conditions_met
    );

    let plain = Framework::builtin();
    assert!(sheet.anything_scored);
    let nothing = UnitSummary::of("y", &scored, &Draft::new(&scored, "d-y".into(), "2026-01-01T00:00:00".into()));
    assert!(!nothing.score.unwrap().anything_scored, "a unit that scored nothing has no total to compare");
    let unscored = UnitSummary::of("x", &plain, &Draft::new(&plain, "d-x".into(), "2026-01-01T00:00:00".into()));
    assert!(unscored.score.is_none());
    assert_eq!((unscored.done, unscored.total, unscored.blanks), (0, plain.item_count(), 0));
}

#[test]
fn rows_sort_by_any_column_with_the_missing_last() {
    let scored = Framework::scored_example();
    let plain = Framework::builtin();
    let mut rows = vec![
        UnitSummary::of("安岳", &scored, &anyue(&scored)),
        UnitSummary::of("无分", &plain, &Draft::new(&plain, "d-p".into(), "2026-01-01T00:00:00".into())),
        UnitSummary::of("乐至", &scored, &lezhi(&scored)),
    ];
    let order = |rows: &[UnitSummary]| rows.iter().map(|row| row.key.clone()).collect::<Vec<_>>();
    sort_summaries(&mut rows, &SortKey::Total, false);
    assert_eq!(order(&rows), ["乐至", "安岳", "无分"], "4.5 before 3.5; no score last");
    sort_summaries(&mut rows, &SortKey::Total, true);
    assert_eq!(order(&rows), ["安岳", "乐至", "无分"], "no score last either way");
    sort_summaries(&mut rows, &SortKey::Area("A1".into()), false);
    assert_eq!(order(&rows)[0], "安岳", "1 of 3 done in A1");
    sort_summaries(&mut rows, &SortKey::Area("A11".into()), true);
    assert_eq!(order(&rows)[2], "无分", "an area the framework lacks (the built-in has nine) sorts last");
    sort_summaries(&mut rows, &SortKey::Blanks, false);
    assert_eq!(order(&rows)[0], "安岳");
    // 等次 by the framework's bands, not by name: 优秀 before 不合格; a unit not done scoring has
    // no 等次 yet (its partial total would read as 不合格), and sorts last.
    let scored_all = |score_of: fn(Points) -> Points, id: &str| {
        let mut draft = Draft::new(&scored, id.into(), "2026-03-01T00:00:00".into());
        draft.meta.unit = id.into();
        for row in scored.scored_leaves() {
            let full = row.points.unwrap();
            draft.scores.insert(row.code.into(), score(&score_of(full).to_string()));
        }
        draft
    };
    let (full, none) = (scored_all(|full| full, "满分"), scored_all(|_| Points::ZERO, "零分"));
    let mut graded = vec![
        UnitSummary::of("零分", &scored, &none),
        UnitSummary::of("安岳", &scored, &anyue(&scored)),
        UnitSummary::of("满分", &scored, &full),
    ];
    let grade_of = |row: &UnitSummary| row.score.as_ref().and_then(|score| score.grade.clone());
    assert_eq!(grade_of(&graded[2]).as_deref(), Some("优秀"));
    assert_eq!(grade_of(&graded[0]).as_deref(), Some("不合格"));
    assert_eq!(grade_of(&graded[1]), None, "not done scoring: no 等次 yet");
    sort_summaries(&mut graded, &SortKey::Grade, false);
    assert_eq!(order(&graded), ["满分", "零分", "安岳"], "the best grade first; none last");
    sort_summaries(&mut graded, &SortKey::Grade, true);
    assert_eq!(order(&graded), ["零分", "满分", "安岳"]);
}

#[test]
fn a_figure_across_units_tells_short_missing_and_unreadable_apart() {
    let scored = Framework::scored_example();
    let plain = Framework::builtin();
    let (a, b) = (anyue(&scored), lezhi(&scored));
    let p = Draft::new(&plain, "d-p".into(), "2026-01-01T00:00:00".into());
    let units = [("a", "安岳", &scored, &a), ("b", "乐至", &scored, &b), ("p", "无分", &plain, &p)];
    let cells = figure_across("inclusive_kindergarten_coverage", units);
    match &cells[0].state {
        FigureState::Value { value, shown, shortfalls, .. } => {
            assert_eq!((*value, shown.as_str()), (80.0, "80%"));
            assert_eq!(shortfalls, &["低于要求的85%".to_owned()]);
        }
        other => panic!("{other:?}"),
    }
    assert!(cells[0].state.is_short());
    assert_eq!(cells[1].state, FigureState::Missing);
    assert_eq!(cells[2].state, FigureState::NotInFramework);
    let share = figure_across("public_kindergarten_share", units);
    assert!(matches!(&share[0].state, FigureState::Value { shortfalls, .. } if shortfalls.is_empty()));
    // 只增不减 against last year's figure left empty: not met, not failed — it cannot be judged.
    let mut growing = anyue(&scored);
    growing.figures.insert("education_budget".into(), "12.5".into());
    let budget = figure_across("education_budget", [("g", "安岳", &scored, &growing)]);
    assert!(budget[0].state.is_unjudged(), "{:?}", budget[0].state);
    assert_eq!(budget[0].shown().1, "无法判断：“上年度一般公共预算教育支出”未填，无法比较");
    assert!(lvzhi_core::collection::across_summary(scored.figure("education_budget").unwrap(), &budget)
        .contains("1个无法判断"));
    growing.figures.insert("education_budget_last".into(), "12".into());
    let budget = figure_across("education_budget", [("g", "安岳", &scored, &growing)]);
    assert_eq!(budget[0].shown().1, "达到要求");
    let classes = figure_across("large_classes", units);
    assert!(
        matches!(&classes[0].state, FigureState::Value { shortfalls, .. } if shortfalls == &["要求为0个（不应有）".to_owned()])
    );
    let rate = figure_across("preschool_enrolment_rate", units);
    assert!(matches!(&rate[0].state, FigureState::Unreadable { typed, .. } if typed == "九十"));
}

#[test]
fn credibility_compares_the_reviewed_rows_by_the_stated_formula() {
    let scored = Framework::scored_example();
    let draft = anyue(&scored);
    let entry = |score: &str, note: &str| ReviewEntry { score: score.into(), note: note.into() };
    let mut review = Review::default();
    review.rows.insert("A1.3.1".into(), entry("0.5", "会议记录不全"));
    review.rows.insert("A1.1.1".into(), entry("1.5", ""));
    review.rows.insert("A1.1.2".into(), entry("1", "未自评"));
    review.rows.insert("B1".into(), entry("1", "仅省级表彰"));
    review.rows.insert("A1.3.2".into(), entry("abc", ""));
    let result = credibility(&scored, &draft, &review);
    // Compared: A1.3.1 (1 vs 0.5, of 1), A1.1.1 (1.5 vs 1.5, of 1.5), B1 (2 vs 1, of 2).
    assert_eq!((result.compared, result.reviewed), (3, 4));
    assert_eq!(
        (result.own_sum, result.reviewed_sum, result.full_marks, result.absolute_difference),
        (points("4.5"), points("3"), points("4.5"), points("1.5"))
    );
    // 1 − 1.5 ÷ 4.5 = 66.67%.
    assert_eq!(result.percent, Some(66.7));
    let codes: Vec<&str> = result.differences.iter().map(|row| row.code.as_str()).collect();
    assert_eq!(codes, ["B1", "A1.3.1"], "the largest difference first");
    assert_eq!(result.differences[0].difference(), points("-1"));
    assert_eq!(result.differences[0].note, "仅省级表彰");
    assert_eq!(result.unreadable.len(), 1);
    assert_eq!(result.unreadable[0].0, "A1.3.2", "not a number: refused, not counted");
    // Checked as a self-score is: negative, above the row's points, off the 0.1 step — refused.
    for (typed, why) in [("-1", "负数"), ("1.5", "高于该项分值1分"), ("0.55", "计分步长0.1分"), ("满分", "请填写分数")]
    {
        review.rows.insert("A1.3.2".into(), entry(typed, ""));
        let refused = credibility(&scored, &draft, &review).unreadable;
        assert!(refused.len() == 1 && refused[0].1.contains(why), "{typed}: {refused:?}");
    }
    review.rows.insert("A1.3.2".into(), entry("０.５", ""));
    assert!(credibility(&scored, &draft, &review).unreadable.is_empty(), "full-width digits read as 0.5");
    assert_eq!(credibility(&scored, &draft, &Review::default()).percent, None, "nothing reviewed: no figure");
}

#[test]
fn the_comparison_as_csv_keeps_formulas_as_text() {
    let scored = Framework::scored_example();
    let mut draft = anyue(&scored);
    draft.meta.unit = "=HYPERLINK(\"x\")".into();
    let rows = [UnitSummary::of("k", &scored, &draft)];
    let areas: Vec<(String, String)> =
        scored.areas.iter().take(2).map(|area| (area.code.clone(), area.title.clone())).collect();
    let csv = summary_csv(&rows, &areas, &Default::default());
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("坚持党对教育工作的全面领导") && lines[0].contains("自评总分"), "{}", lines[0]);
    assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"x\"\")\""), "{}", lines[1]);
    assert!(lines[1].contains(",1/3,0/3,"), "{}", lines[1]);
    assert!(lines[1].contains(",3.5,100,2,2,"), "{}", lines[1]);
    assert!(lines[1].contains(",未评完,"), "a unit still scoring has no 等次: {}", lines[1]);
    // With a 复核: its columns, 1 − 0.5 ÷ 1 for A1.3.1 (self 1, 复核 0.5, worth 1).
    let mut review = Review::default();
    review.rows.insert("A1.3.1".into(), ReviewEntry { score: "0.5".into(), note: String::new() });
    let reviews = std::collections::BTreeMap::from([("k".to_owned(), credibility(&scored, &draft, &review))]);
    let csv = summary_csv(&rows, &areas, &reviews);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(lines[0].contains("自评可信度") && lines[0].ends_with("最后修改"), "{}", lines[0]);
    assert!(lines[1].contains(",1,1,0.5,50%,"), "{}", lines[1]);
}

#[test]
fn one_item_across_units_shows_each_units_status_score_and_text() {
    use lvzhi_core::collection::item_across;
    use lvzhi_core::progress::ItemStatus;
    let framework = Framework::scored_example();
    let other = other_framework();
    let (anyue, lezhi) = (anyue(&framework), lezhi(&framework));
    let mut elsewhere = Draft::new(&other, "d-other".into(), "2026-03-03T09:00:00".into());
    elsewhere.meta.unit = "他市".into();
    let units = [
        ("k1", "安岳县人民政府", &framework, &anyue),
        ("k2", "乐至县人民政府", &framework, &lezhi),
        ("k3", "他市", &other, &elsewhere),
    ];
    let cells = item_across("A1.3", units);
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[0].status, Some(ItemStatus::Filled));
    assert_eq!(cells[0].score, "2 / 2分");
    assert_eq!(cells[0].text, "全面落实意识形态工作责任制，全年开展专题研究4次。");
    assert_eq!(
        (cells[1].status, cells[1].score.as_str(), cells[1].text.as_str()),
        (Some(ItemStatus::Empty), "未打分 / 2分", "")
    );
    assert_eq!(cells[2].status, Some(ItemStatus::Empty), "another framework with an item of that code");
    assert_eq!(item_across("A11.1", units)[2].status, None, "another framework without the item");
    // A1.1: one of three 观测点 scored.
    let cells = item_across("A1.1", units);
    assert_eq!(cells[0].score, "1.5 / 4分（2项未打分或分数有误）");
}

#[test]
fn a_units_findings_are_one_line_per_problem_with_every_place() {
    use lvzhi_core::collection::grouped_findings;
    use lvzhi_core::validate::{validate, Severity};
    let framework = Framework::scored_example();
    let mut draft = anyue(&framework);
    for code in ["A2.1", "A2.2", "A3.1"] {
        draft.items.insert(code.into(), written("全年召开教育工作会议x次。"));
    }
    let findings = validate(&framework, &draft);
    let groups = grouped_findings(&framework, &draft, &findings);
    let blanks = findings.iter().filter(|finding| finding.rule == "text-blank").count();
    assert_eq!(blanks, 4, "A1.1, A2.1, A2.2, A3.1");
    let blank_groups: Vec<_> = groups.iter().filter(|group| group.places.len() == 4).collect();
    assert_eq!(blank_groups.len(), 1, "{groups:#?}");
    assert_eq!(blank_groups[0].severity, Severity::Error);
    let total: usize = groups.iter().map(|group| group.places.len()).sum();
    assert!(total <= findings.len() && groups.len() < findings.len());
    let first_warning = groups.iter().position(|group| group.severity != Severity::Error).unwrap_or(groups.len());
    assert!(groups[first_warning..].iter().all(|group| group.severity != Severity::Error), "errors first");
}
