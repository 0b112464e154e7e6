//! 从指标表新建 reading a notice's scoring rules, over twelve tables written for this in every
//! placement `FRAMEWORKS.md` describes (08–19 in `tests/tables/`): rule rows at the end, a block
//! between areas, a separate table after the main one, a cap only in the title, conditions inside
//! 评分细则, the notice's text about results, Word HTML, an Excel paste and a .docx with merges.
//! Each is asserted rule by rule; `deduction_proposals_over_the_corpus` reports how many were read
//! of how many written (BENCHMARKS.md); a property test appends rule rows anywhere and the table is
//! never refused and no row is lost.

mod common;

use common::tables::{accounted, as_word_file, built_with, notice, table};
use lvzhi_core::draft::{ConditionAnswer, Draft};
use lvzhi_core::framework::{ConditionEffect, Framework, RowLevel};
use lvzhi_core::indicator_table::{grid_from_docx, guess_header, Built, Cell, ColumnRole, RuleSource, TableChoices};
use lvzhi_core::points::Points;
use lvzhi_core::scoring::ScoreSheet;
use proptest::prelude::*;

/// The table as read with its notice's text, every proposal accepted or none.
fn read(name: &str, accept_all: bool) -> Built {
    let mut choices = TableChoices { notice_text: notice(name), ..TableChoices::default() };
    let (first, _) = built_with(name, &choices);
    if !accept_all {
        return first;
    }
    choices.accepted = first.deductions.iter().map(|proposal| proposal.key.clone()).collect();
    built_with(name, &choices).0
}

fn became(built: &Built) -> Vec<&str> {
    built.rules.iter().filter(|rule| rule.kept).map(|rule| rule.became.as_str()).collect()
}

fn p(points: &str) -> Points {
    Points::parse(points).unwrap().unwrap()
}

fn conditions(framework: &Framework) -> Vec<(&str, ConditionEffect, &str)> {
    framework
        .scoring
        .iter()
        .flat_map(|scoring| &scoring.conditions)
        .map(|condition| (condition.question.as_str(), condition.effect, condition.row.as_str()))
        .collect()
}

fn grades(framework: &Framework) -> Vec<(String, String)> {
    framework
        .scoring
        .iter()
        .flat_map(|scoring| &scoring.grades)
        .map(|band| (band.name.clone(), band.at_least.to_string()))
        .collect()
}

#[test]
fn a_bonus_block_at_the_end_with_its_cap_in_the_heading_a_deduction_and_a_veto_row() {
    let built = read("08-bonus-block-at-end.tsv", false);
    assert_eq!(built.rule_rows, [6, 7, 8, 9], "the rule rows are rules, not indicators");
    assert_eq!(built.framework.areas.len(), 2, "no area made of 加分项");
    assert_eq!(
        became(&built),
        [
            "加分项目“获得国家级教育表彰”，最多加2分",
            "加分项目“获得省级教育表彰”，最多加1分",
            "扣分项“发生校园安全责任事故”，每次扣2分，最多扣6分",
            "一票否决：是否发生重大校园安全责任事故",
            "一票否决：是否截留、挤占、挪用教育经费",
        ]
    );
    let scoring = built.framework.scoring.as_ref().unwrap();
    let bonus = scoring.bonus.as_ref().unwrap();
    assert_eq!((bonus.title.as_str(), bonus.cap), ("加分项", p("3")));
    assert_eq!(
        bonus.items.iter().map(|item| (item.code.as_str(), item.points)).collect::<Vec<_>>(),
        [("B1", p("2")), ("B2", p("1"))]
    );
    assert_eq!(scoring.deductions[0].code, "K1");
    assert_eq!((scoring.deductions[0].per_occurrence, scoring.deductions[0].cap), (p("2"), Some(p("6"))));
    assert!(scoring.deductions[0].basis.contains("第8行"), "the rule cites its row");
    assert!(built.rules.iter().all(|rule| matches!(rule.source, RuleSource::Row(_))));
    // Points still add up from the indicators alone.
    assert_eq!(built.framework.scored_leaves().filter_map(|row| row.points).sum::<Points>(), p("20"));
    assert!(built.notes.iter().any(|note| note.contains("还没有设置等次")), "{:?}", built.notes);
}

#[test]
fn a_veto_row_and_a_drop_grade_row_between_and_after_the_areas_of_a_word_table() {
    let built = read("09-abc-veto-between-areas.html", false);
    assert_eq!(built.framework.areas.len(), 2, "the areas go on after the veto row");
    assert_eq!(built.framework.areas[1].title, "条件与保障");
    assert_eq!(
        conditions(&built.framework),
        [
            ("是否发生重大校园安全责任事故", ConditionEffect::Veto, ""),
            ("是否截留挪用教育经费", ConditionEffect::Veto, ""),
            ("是否学生体质健康水平连续三年下降", ConditionEffect::DropGrade, ""),
        ]
    );
    // The A/B/C numbering is each node's display number; codes stay the app's own.
    assert_eq!(built.framework.areas[0].number, "A1");
    assert_eq!(built.framework.areas[0].items[0].observation_points[0].number, "C1");
}

#[test]
fn separate_rule_tables_after_the_main_one() {
    let built = read("10-separate-rule-tables.html", false);
    assert_eq!(built.framework.item_count(), 4);
    assert_eq!(
        became(&built),
        [
            "加分项目“获得国家级教育表彰”，最多加2分",
            "加分项目“承担国家级教育改革试点”，最多加1分",
            "一票否决：是否发生重大校园安全责任事故",
            "一票否决：是否在评价工作中弄虚作假",
        ]
    );
    let bonus = built.framework.scoring.as_ref().unwrap().bonus.as_ref().unwrap();
    assert_eq!(bonus.cap, p("3"), "no cap written: the items' sum");
    // The headings of the two small tables are rule rows too; nothing is left out but the title.
    assert_eq!(built.rule_rows, [6, 7, 8, 9, 10, 11]);
    assert!(built.left_out.is_empty(), "{:?}", built.left_out);
}

#[test]
fn a_cap_only_in_the_title_and_a_rule_written_in_a_text_column() {
    let built = read("11-cap-in-title-only.tsv", false);
    assert_eq!(
        became(&built),
        [
            "扣分项“违规办学行为被上级通报批评”，每次扣1分，最多扣3分",
            "加分项目“在教育改革创新方面取得突出成效”，最多加3分",
        ]
    );
    let scoring = built.framework.scoring.as_ref().unwrap();
    assert_eq!(scoring.bonus.as_ref().unwrap().cap, p("3"));
    assert_eq!(scoring.bonus.as_ref().unwrap().title, "附加分");
    // The 扣分项 row under 2.生均经费 is not more text of that indicator.
    assert!(!built.framework.areas[0].items[1].criteria.contains("扣分项"));
}

#[test]
fn conditions_inside_scoring_rules_and_the_notices_text() {
    let built = read("12-conditions-in-rules.tsv", false);
    let framework = &built.framework;
    let scoring = framework.scoring.as_ref().unwrap();
    assert_eq!(scoring.total, Some(p("20")));
    assert_eq!(
        grades(framework),
        [("优秀", "18"), ("良好", "16"), ("合格", "12"), ("不合格", "0")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        conditions(framework),
        [
            ("是否发生重大校园安全责任事故", ConditionEffect::Veto, ""),
            ("是否在评价中弄虚作假", ConditionEffect::Veto, ""),
            ("是否出现重大安全责任事故", ConditionEffect::Veto, "A1.1.1"),
            ("是否学生体质健康合格率连续三年下降", ConditionEffect::DropGrade, "A1.1.2"),
            ("是否存在D级危房", ConditionEffect::NotExcellent, "A1.2.1"),
        ]
    );
    // The row that states "该项不得分" is known, so a 是 beside its points is a conflict.
    assert!(scoring.conditions[2].row_scores_nothing && !scoring.conditions[3].row_scores_nothing);
    // The indicator stays scored as written.
    assert_eq!(framework.areas[0].items[0].observation_points[0].points, p("4"));
    let from_rule = built.rules.iter().find(|rule| rule.key == "rule-A1.1.1-1").unwrap();
    assert_eq!(from_rule.source, RuleSource::ScoringRule(2));
    // The bonus the notice announces has no items in the table: said, not made up.
    assert!(built.notes.iter().any(|note| note.contains("没有加分项目")), "{:?}", built.notes);
}

#[test]
fn the_same_rules_from_a_word_file_with_merged_cells() {
    let grid = grid_from_docx(&as_word_file(&table("13-docx-source.tsv"))).unwrap().unwrap();
    let (header, roles) = guess_header(&grid);
    let built = accounted(&grid, header, &roles, &TableChoices::default()).unwrap();
    assert_eq!(built.framework.areas.len(), 2);
    let bonus = built.framework.scoring.as_ref().unwrap().bonus.as_ref().unwrap();
    assert_eq!((bonus.title.as_str(), bonus.cap), ("创新加分", p("2")));
    assert_eq!(bonus.items.len(), 2, "the second item under the merged heading");
    assert_eq!(conditions(&built.framework), [("是否发生重大教育安全责任事故", ConditionEffect::Veto, "")]);
    assert_eq!(built.framework.areas[0].items[0].observation_points[1].number, "（2）");
}

#[test]
fn an_excel_block_under_a_merged_heading_and_a_list_of_conditions_in_one_cell() {
    let built = read("14-excel-innovation-bonus.html", false);
    let bonus = built.framework.scoring.as_ref().unwrap().bonus.as_ref().unwrap();
    assert_eq!((bonus.title.as_str(), bonus.cap, bonus.items.len()), ("创新加分", p("3"), 2));
    assert_eq!(bonus.items[0].criteria, "获省级以上推广");
    assert_eq!(
        conditions(&built.framework),
        [
            ("是否发生重大安全责任事故", ConditionEffect::NotExcellent, ""),
            ("是否新增拖欠教师工资", ConditionEffect::NotExcellent, ""),
        ]
    );
}

#[test]
fn a_sequence_column_a_drop_grade_block_between_areas_and_a_cap_in_the_rule_cell() {
    let built = read("15-seq-column-drop-grade-block.tsv", false);
    let framework = &built.framework;
    assert_eq!(framework.areas.len(), 2);
    assert_eq!(framework.areas[1].items[0].number, "（12）", "the table's own numbering is kept");
    assert_eq!(framework.areas[0].items[0].number, "（1）");
    let drops: Vec<_> = conditions(framework).into_iter().filter(|c| c.1 == ConditionEffect::DropGrade).collect();
    assert_eq!(drops.len(), 3);
    let bonus = framework.scoring.as_ref().unwrap().bonus.as_ref().unwrap();
    assert_eq!(bonus.cap, p("3"), "加分上限3分 in the rule cell caps the bonus");
    assert_eq!(bonus.items.iter().map(|item| item.points).collect::<Vec<_>>(), [p("2"), p("3")]);
    assert_eq!(
        grades(framework),
        [("优秀", "90"), ("良好", "75"), ("合格", "60"), ("不合格", "0")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}

#[test]
fn rules_after_the_total_row_in_full_width_digits() {
    let built = read("16-after-total-fullwidth.tsv", false);
    let scoring = built.framework.scoring.as_ref().unwrap();
    assert_eq!(scoring.bonus.as_ref().unwrap().cap, p("5"));
    assert_eq!(scoring.bonus.as_ref().unwrap().items[0].points, p("5"));
    assert_eq!(scoring.conditions.len(), 2);
    assert!(scoring.conditions.iter().all(|condition| condition.effect == ConditionEffect::NotExcellent));
    assert_eq!(built.left_out.iter().map(|left| left.reason).collect::<Vec<_>>(), ["合计行（总分由各项分值计算）"]);
}

#[test]
fn rule_rows_that_say_too_little_are_listed_with_their_reason_and_the_table_is_made() {
    let built = read("17-rules-not-understood.tsv", false);
    assert_eq!(built.framework.item_count(), 2);
    let reasons: Vec<(usize, &str)> = built.left_out.iter().map(|left| (left.row, left.reason)).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].1.starts_with("扣分项没有写明每次扣多少分"));
    assert!(reasons[1].1.starts_with("没有写明什么情形下适用"));
    assert!(reasons[2].1.starts_with("加分项没有写明分值"));
    assert!(built.rules.iter().all(|rule| !rule.kept) || built.rules.is_empty());
}

#[test]
fn a_table_without_points_lists_its_rule_row_and_is_not_refused() {
    let built = read("18-narrative-with-veto.tsv", false);
    assert!(!built.framework.is_scored());
    assert_eq!(built.left_out.len(), 1);
    assert!(built.left_out[0].reason.contains("本表没有分值"));
}

#[test]
fn a_reverse_deduction_between_areas_and_a_notice_with_a_drop_grade_list() {
    let built = read("19-deduction-wordings.tsv", false);
    let framework = &built.framework;
    assert_eq!(framework.areas.len(), 2);
    let scoring = framework.scoring.as_ref().unwrap();
    assert_eq!(scoring.deductions[0].title, "违规招生或有偿补课被查实");
    assert_eq!(scoring.deductions[0].per_occurrence, p("1"));
    assert_eq!(scoring.total, Some(p("15")));
    assert_eq!(grades(framework)[0], ("优秀".to_owned(), "13.5".to_owned()));
    let drops: Vec<&str> = scoring.conditions.iter().map(|condition| condition.question.as_str()).collect();
    assert_eq!(drops, ["是否学生体质健康水平连续三年下降", "是否县域内发生严重违规办学行为"]);
}

#[test]
fn an_unticked_rule_is_left_out_of_the_framework_and_stays_listed() {
    let name = "08-bonus-block-at-end.tsv";
    let mut choices = TableChoices { notice_text: notice(name), ..TableChoices::default() };
    choices.refused.insert("row9.2".to_owned());
    choices.refused.insert("row6".to_owned());
    let (built, _) = built_with(name, &choices);
    assert_eq!(conditions(&built.framework).len(), 1);
    let bonus = built.framework.scoring.as_ref().unwrap().bonus.as_ref().unwrap();
    assert_eq!(bonus.items.len(), 1);
    assert_eq!(bonus.items[0].title, "获得省级教育表彰");
    let unticked: Vec<&str> = built.rules.iter().filter(|rule| !rule.kept).map(|rule| rule.key.as_str()).collect();
    assert_eq!(unticked, ["row6", "row9.2"], "still listed, to be ticked again");
    assert_eq!(built.rule_rows, [6, 7, 8, 9], "an unticked rule row is still accounted for as a rule row");
}

#[test]
fn accepted_deductions_make_a_figure_with_its_threshold_and_propose_the_score() {
    let built = read("08-bonus-block-at-end.tsv", true);
    let framework = &built.framework;
    let item = &framework.areas[0].items[0];
    let point = &item.observation_points[1];
    let deduction = point.deduction.as_ref().expect("adopted");
    let figure = framework.figure(&deduction.figure).unwrap();
    assert_eq!((figure.unit.as_str(), figure.thresholds[0].at_least), ("次", Some(4.0)));
    assert!(figure.thresholds[0].basis.contains("每少1次扣1.5分"), "the basis quotes the rule");
    assert!(item.figures.iter().any(|own| own.id == figure.id), "the figure belongs to the row's item");
    // A draft on it: the figure typed, the score proposed with its arithmetic.
    let mut draft = Draft::new(framework, "d".into(), "2025-03-01T00:00:00Z".into());
    draft.figures.insert(figure.id.clone(), "2".into());
    let sheet = ScoreSheet::compute(framework, &draft).unwrap();
    let proposal = sheet.row(&point.code).unwrap().proposal.clone().unwrap();
    assert_eq!(proposal.score, p("3"));
    assert_eq!(proposal.arithmetic, "应不少于4次，实际2次，少2次，扣3分");
    // Not accepted: no figure is added.
    let untouched = read("08-bonus-block-at-end.tsv", false);
    assert!(untouched.framework.all_figures().next().is_none());
}

#[test]
fn a_condition_from_a_rule_changes_the_grade_when_answered_yes() {
    let built = read("12-conditions-in-rules.tsv", false);
    let framework = &built.framework;
    let mut draft = Draft::new(framework, "d".into(), "2025-03-01T00:00:00Z".into());
    for row in framework.scored_leaves() {
        draft.scores.entry(row.code.to_owned()).or_default().score = row.points.unwrap().to_string();
    }
    let sheet = ScoreSheet::compute(framework, &draft).unwrap();
    assert_eq!(sheet.grade.as_ref().unwrap().name, "优秀");
    let veto = &framework.scoring.as_ref().unwrap().conditions[2];
    draft.conditions.insert(veto.code.clone(), ConditionAnswer { occurred: Some(true), explanation: String::new() });
    let sheet = ScoreSheet::compute(framework, &draft).unwrap();
    assert_eq!(sheet.grade.as_ref().unwrap().name, "不合格");
}

/// Per table: the rows whose 评分细则 is arithmetic on a figure as a reviewer reads it (written),
/// and those the app proposes a deduction for (read). Rows whose rule compares with last year
/// (只增不减), with another figure (教师工资 vs 公务员) or with a target the table does not state
/// ("达到省定标准") count as written and not read.
const DEDUCTIONS: [(&str, usize, &[&str]); 19] = [
    ("01-shaanxi-like.tsv", 5, &["A1.1.1", "A1.1.2", "A2.2.1"]),
    ("02-abc-levels.html", 3, &[]),
    ("03-narrative-list.tsv", 0, &[]),
    ("04-word-merged.html", 4, &["A1.1", "A1.2", "A2.1", "A2.2"]),
    ("05-excel-paste.tsv", 0, &[]),
    ("06-points-disagree.tsv", 2, &["A2.1"]),
    ("07-county-with-content-rows.tsv", 3, &[]),
    ("08-bonus-block-at-end.tsv", 3, &["A1.1.1", "A1.1.2", "A2.2.1"]),
    ("09-abc-veto-between-areas.html", 3, &["A1.1.1", "A1.2.1"]),
    ("10-separate-rule-tables.html", 4, &["A1.1", "A1.2", "A2.1", "A2.2"]),
    ("11-cap-in-title-only.tsv", 4, &["A2.2"]),
    ("12-conditions-in-rules.tsv", 4, &["A1.1.2", "A2.1.1", "A2.2.1"]),
    ("13-docx-source.tsv", 2, &["A1.1.1", "A2.1.1"]),
    ("14-excel-innovation-bonus.html", 3, &["A1.2", "A2.1"]),
    ("15-seq-column-drop-grade-block.tsv", 2, &["A2.1", "A2.2"]),
    ("16-after-total-fullwidth.tsv", 3, &["A1.2", "A2.1", "A2.2"]),
    ("17-rules-not-understood.tsv", 0, &[]),
    ("18-narrative-with-veto.tsv", 0, &[]),
    ("19-deduction-wordings.tsv", 6, &["A1.1.1", "A1.1.2", "A2.1.2"]),
];

/// Per table: the rules a reviewer reads in it (rule rows' entries, conditions in 评分细则, the
/// notice's total, bonus cap, grade bands and conditions), and how many the app read.
const RULES: [(&str, usize, usize); 12] = [
    ("08-bonus-block-at-end.tsv", 5, 5),
    ("09-abc-veto-between-areas.html", 3, 3),
    ("10-separate-rule-tables.html", 4, 4),
    ("11-cap-in-title-only.tsv", 2, 2),
    ("12-conditions-in-rules.tsv", 8, 8),
    ("13-docx-source.tsv", 3, 3),
    ("14-excel-innovation-bonus.html", 4, 4),
    ("15-seq-column-drop-grade-block.tsv", 6, 6),
    ("16-after-total-fullwidth.tsv", 3, 3),
    ("17-rules-not-understood.tsv", 3, 0),
    ("18-narrative-with-veto.tsv", 1, 0),
    ("19-deduction-wordings.tsv", 5, 5),
];

#[test]
fn deduction_proposals_over_the_corpus() {
    let (mut written, mut read_total, mut rules_total) = (0, 0, 0);
    println!("| table | 评分细则 | arithmetic on a figure | proposed |");
    println!("|---|---|---|---|");
    for (name, arithmetic, expected) in DEDUCTIONS {
        let built = read(name, false);
        let proposed: Vec<&str> = built.deductions.iter().map(|d| d.key.trim_start_matches("deduct-")).collect();
        assert_eq!(proposed, expected, "{name}");
        println!("| {name} | {} | {arithmetic} | {} |", built.rules_written, proposed.len());
        written += arithmetic;
        read_total += proposed.len();
        rules_total += built.rules_written;
    }
    println!("| all | {rules_total} | {written} | {read_total} |");
    println!();
    println!("| table | rules written | rules read |");
    println!("|---|---|---|");
    let (mut rules_written, mut rules_read) = (0, 0);
    for (name, written, expected) in RULES {
        let built = read(name, false);
        assert_eq!(built.rules.len(), expected, "{name}: {:?}", built.rules);
        println!("| {name} | {written} | {expected} |");
        rules_written += written;
        rules_read += expected;
    }
    println!("| all | {rules_written} | {rules_read} |");
}

/// A rule row of one of the shapes notices use, laid out in the table's own columns.
fn rule_row(kind: usize, variant: usize, roles: &[ColumnRole]) -> Vec<Cell> {
    let mut row = vec![Cell::default(); roles.len()];
    let mut put = |role: ColumnRole, text: &str| {
        if let Some(at) = roles.iter().position(|r| *r == role) {
            row[at].text = text.to_owned();
        }
    };
    let heading = [
        "加分项（最高3分）",
        "附加分",
        "扣分项",
        "倒扣",
        "一票否决",
        "降一个等次",
        "不得评为优秀",
        "创新加分（加分上限2分）",
    ];
    let entry = ["获得国家级表彰", "发生校园安全责任事故的", "截留挪用教育经费", "弄虚作假", ""];
    let rule = ["每起扣2分，最多扣6分", "加1分", "每获1项加0.5分，累计不超过3分", "", "视情况扣分"];
    match variant % 4 {
        // The heading in the first column, an entry beside it.
        0 => {
            put(ColumnRole::Level1, heading[kind % heading.len()]);
            put(ColumnRole::Level2, entry[variant % entry.len()]);
            put(ColumnRole::ScoringRule, rule[variant % rule.len()]);
            put(ColumnRole::Points, ["", "1", "２", "abc"][variant % 4]);
        }
        // An entry under a heading above (merged, blank here).
        1 => {
            put(ColumnRole::Level2, entry[kind % entry.len()]);
            put(ColumnRole::ScoringRule, rule[kind % rule.len()]);
        }
        // A rule in a text column of a row without an indicator name.
        2 => {
            let text = format!("{}：{}", heading[kind % heading.len()], entry[variant % entry.len()]);
            put(ColumnRole::Criteria, &text);
            put(ColumnRole::ScoringRule, &text);
        }
        // The heading alone.
        _ => put(ColumnRole::Level1, heading[kind % heading.len()]),
    }
    row
}

const CORPUS: [&str; 18] = [
    "01-shaanxi-like.tsv",
    "02-abc-levels.html",
    "03-narrative-list.tsv",
    "04-word-merged.html",
    "05-excel-paste.tsv",
    "06-points-disagree.tsv",
    "07-county-with-content-rows.tsv",
    "08-bonus-block-at-end.tsv",
    "09-abc-veto-between-areas.html",
    "10-separate-rule-tables.html",
    "11-cap-in-title-only.tsv",
    "12-conditions-in-rules.tsv",
    "14-excel-innovation-bonus.html",
    "15-seq-column-drop-grade-block.tsv",
    "16-after-total-fullwidth.tsv",
    "17-rules-not-understood.tsv",
    "18-narrative-with-veto.tsv",
    "19-deduction-wordings.tsv",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rule_rows_anywhere_never_refuse_a_table_nor_lose_a_row(
        table_index in 0..CORPUS.len(),
        rows in prop::collection::vec((0usize..8, 0usize..8, 0usize..100), 1..6),
        unticked in prop::collection::vec(0usize..12, 0..3),
    ) {
        let name = CORPUS[table_index];
        let mut grid = table(name);
        let (header, roles) = guess_header(&grid);
        let body_start = header.map_or(0, |header| header + 1);
        for (kind, variant, place) in rows {
            let row = rule_row(kind, variant, &roles);
            // At the end, or before a row that starts an area (between the areas).
            let starts: Vec<usize> = (body_start..grid.len())
                .filter(|&index| roles.iter().position(|r| *r == ColumnRole::Level1)
                    .is_some_and(|at| !grid[index][at].text.is_empty() && !grid[index][at].continued))
                .chain([grid.len()])
                .collect();
            let at = starts[place % starts.len()];
            grid.insert(at, row);
        }
        let mut choices = TableChoices { notice_text: notice(name), ..TableChoices::default() };
        let first = accounted(&grid, header, &roles, &choices).map_err(|error| TestCaseError::fail(error.to_string()))?;
        for index in unticked {
            if let Some(rule) = first.rules.get(index) {
                choices.refused.insert(rule.key.clone());
            }
        }
        choices.accepted = first.deductions.iter().map(|proposal| proposal.key.clone()).collect();
        // `accounted` checks every row and the file round trip.
        let again = accounted(&grid, header, &roles, &choices).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(again.framework.areas.len(), first.framework.areas.len());
        let leaves = |built: &Built| built.framework.score_rows().iter().filter(|row| row.level != RowLevel::Area).count();
        prop_assert_eq!(leaves(&again), leaves(&first));
    }
}

#[test]
fn the_tables_own_numbering_is_where_a_reviewer_looks() {
    use lvzhi_core::draft::field::describe_location;
    use lvzhi_core::draft::{Evidence, Location};
    use lvzhi_core::score_table::{evidence_index, score_table, score_table_csv};
    let built = read("15-seq-column-drop-grade-block.tsv", false);
    let framework = &built.framework;
    let code = framework.areas[1].items[0].code.clone();
    assert_eq!(framework.shown_code(&code), "（12）");
    let mut draft = Draft::new(framework, "d".into(), "2025-03-01T00:00:00Z".into());
    let entry = draft.scores.entry(code.clone()).or_default();
    entry.score = "9".into();
    entry.evidence.push(Evidence {
        title: "控辍保学台账".into(),
        reference: "2024年".into(),
        provider: "县教育局".into(),
        ..Evidence::default()
    });
    // The checker names the row by it.
    assert_eq!(describe_location(framework, &draft, &Location::Score(code.clone())), "“（12）控辍保学”的自评得分");
    let findings = lvzhi_core::validate::validate(framework, &draft);
    assert!(findings
        .iter()
        .any(|finding| finding.location == Location::Score(code.clone()) && finding.rule == "score-invalid"));
    // The 打分表 (Word and CSV) and the 佐证材料目录 too.
    let table = score_table(framework, &draft).unwrap();
    let csv = score_table_csv(&table);
    assert!(csv.contains("（12）控辍保学（5分）"), "{csv}");
    assert!(csv.contains("二、促进教育公平（10分）"));
    assert_eq!(evidence_index(framework, &draft)[0].code, "（12）");
    let bytes = lvzhi_core::docx_table::write_score_table_docx(&table);
    let mut archive = lvzhi_core::zip_files::open_zip(&bytes).unwrap();
    let xml =
        String::from_utf8(lvzhi_core::zip_files::read_entry(&mut archive, "word/document.xml", 10 << 20).unwrap())
            .unwrap();
    assert!(xml.contains("（12）控辍保学（5分）"));
}

#[test]
fn rule_rows_merged_from_the_left_edge_over_the_number_column() {
    // A Word table whose 加分项 and 一票否决 rows are one cell merged over 序号, 一级 and 二级, the
    // rule's words left in the 分值 column (as a clerk's paste has them).
    let (built, _) = built_with("20-rules-from-the-left-edge.tsv", &Default::default());
    let scoring = built.framework.scoring.as_ref().expect("scored");
    let bonus = scoring.bonus.as_ref().expect("the bonus row is read");
    assert_eq!(bonus.cap, Points::whole(3));
    assert!(
        scoring.conditions.iter().any(|condition| condition.question.contains("重大安全责任事故")),
        "{:?}",
        scoring.conditions
    );
    assert_eq!(built.rule_rows, vec![7, 8]);
    assert!(built.notes.iter().all(|note| !note.contains("不是数字")), "{:?}", built.notes);
    assert_eq!(built.framework.scored_leaves().filter_map(|row| row.points).sum::<Points>(), Points::whole(40));
}

#[test]
fn grade_lines_above_the_tables_full_marks_are_pointed_out() {
    // A 百分制 notice over a table of fewer points: every draft would be graded 不合格 silently.
    let choices = TableChoices {
        notice_text: "评价结果分为优秀、良好、合格、不合格四个等次：得分90分以上为优秀，80分至89分为良好，60分至79分为合格，60分以下为不合格。".into(),
        ..TableChoices::default()
    };
    let (built, _) = common::tables::built_with("08-bonus-block-at-end.tsv", &choices);
    let full: Points = built.framework.scored_leaves().filter_map(|row| row.points).sum();
    assert!(full < p("90"), "{full}");
    assert!(
        built
            .notes
            .iter()
            .any(|note| note.starts_with(&format!("等次“优秀”要求90分以上，但本表基本分满分只有{full}分"))),
        "{:?}",
        built.notes
    );
    // Tables whose notices' grade lines they can reach raise nothing (15, a fragment of 15 points
    // under a 百分制 notice, is pointed out as above).
    for name in ["12-conditions-in-rules.tsv", "19-deduction-wordings.tsv"] {
        let built = read(name, false);
        assert!(!built.notes.iter().any(|note| note.contains("基本分满分只有")), "{name}: {:?}", built.notes);
    }
}
