//! 从指标表新建 over six tables written for this in the shapes FRAMEWORKS.md describes: every row of
//! each lands in the framework or in the left-out list with its reason, the levels and points come
//! out as the table means them, and what comes out loads as a framework file does.

mod common;

use common::tables::{as_word_file, built, meta, table};
use lvzhi_core::framework::{Framework, RowLevel};
use lvzhi_core::indicator_table::{build_framework, guess_header, ColumnRole, TableChoices};
use lvzhi_core::points::Points;

fn counts(framework: &Framework) -> (usize, usize, usize) {
    let rows = framework.score_rows();
    let points = rows.iter().filter(|row| matches!(row.level, RowLevel::Point | RowLevel::SubPoint)).count();
    (framework.areas.len(), framework.item_count(), points)
}

fn total(framework: &Framework) -> Points {
    framework.scored_leaves().filter_map(|row| row.points).sum()
}

#[test]
fn a_shaanxi_like_table_with_blank_merged_cells_and_points_in_titles() {
    let (built, roles) = built("01-shaanxi-like.tsv");
    use ColumnRole as R;
    assert_eq!(roles, [R::Level1, R::Level2, R::Level3, R::Points, R::ScoringRule, R::Evidence]);
    let framework = &built.framework;
    assert_eq!(counts(framework), (2, 4, 9));
    assert_eq!(total(framework), Points::whole(20));
    assert_eq!(framework.areas[0].title, "教育领导");
    assert_eq!(framework.areas[0].items[0].title, "组织领导");
    let point = &framework.areas[0].items[0].observation_points[0];
    assert_eq!(point.title, "教育工作领导小组每年召开会议不少于2次");
    assert_eq!(point.scoring_rule, "每少1次扣0.2分，扣完为止。");
    assert_eq!(point.evidence, ["领导小组会议纪要"]);
    assert_eq!(framework.areas[0].items[1].observation_points[1].evidence, ["工作要点", "任务分解表"]);
    assert_eq!(built.left_out.len(), 1);
    assert_eq!(built.left_out[0].reason, "合计行（总分由各项分值计算）");
    assert!(built.notes.is_empty(), "{:?}", built.notes);
}

#[test]
fn an_abc_table_from_word_html_with_units_and_scoring_method() {
    let (built, roles) = built("02-abc-levels.html");
    use ColumnRole as R;
    assert_eq!(roles, [R::Level1, R::Level2, R::Level3, R::Criteria, R::ScoringRule, R::Units, R::Points]);
    let framework = &built.framework;
    assert_eq!(counts(framework), (2, 3, 7));
    assert_eq!(total(framework), Points::whole(10));
    assert_eq!(framework.areas[0].title, "党的领导");
    let point = &framework.areas[1].items[0].observation_points[0];
    assert_eq!(
        (point.title.as_str(), point.responsible_units.clone()),
        ("教师工资", vec!["县财政局".to_owned(), "县人社局".to_owned()])
    );
    assert_eq!(point.criteria, "中小学教师平均工资收入不低于当地公务员");
    assert!(built.left_out.is_empty());
}

#[test]
fn a_narrative_list_of_key_points_without_points() {
    let (built, _) = built("03-narrative-list.tsv");
    let framework = &built.framework;
    assert!(!framework.is_scored(), "no points: no score anywhere");
    assert_eq!(counts(framework), (3, 9, 0));
    assert_eq!(framework.areas[1].items[0].title, "落实“两个只增不减”");
}

#[test]
fn a_word_table_with_a_title_row_a_repeated_header_and_a_total() {
    let (built, roles) = built("04-word-merged.html");
    use ColumnRole as R;
    assert_eq!(roles, [R::Level1, R::Level2, R::Criteria, R::Points, R::ScoringRule]);
    let framework = &built.framework;
    assert_eq!(counts(framework), (2, 5, 0));
    assert_eq!(total(framework), Points::whole(10));
    assert_eq!(framework.areas[0].title, "学前教育");
    assert_eq!(framework.areas[0].items[0].criteria, "普惠性幼儿园覆盖率达到85%以上");
    let reasons: Vec<&str> = built.left_out.iter().map(|left| left.reason).collect();
    assert_eq!(reasons, ["表头之前的内容（表格标题等）", "重复的表头（表格跨页）", "合计行（总分由各项分值计算）"]);
}

#[test]
fn an_excel_paste_without_headings_and_with_a_cell_over_two_lines() {
    let (built, roles) = built("05-excel-paste.tsv");
    use ColumnRole as R;
    assert_eq!(roles, [R::Level1, R::Level2, R::Level3, R::Points]);
    let framework = &built.framework;
    assert_eq!(counts(framework), (2, 3, 4));
    assert_eq!(framework.areas[0].items[0].observation_points[1].title, "常务会议研究教育（全年不少于4次）");
    assert_eq!(total(framework), Points::whole(10));
}

#[test]
fn points_that_do_not_add_up_are_read_by_the_rows_below_and_said() {
    let (built, _) = built("06-points-disagree.tsv");
    assert_eq!(built.notes, ["一级指标“教育保障”标明25分，其下各项合计24分：按各项合计计分。"]);
    assert_eq!(total(&built.framework), Points::whole(34));
}

#[test]
fn the_user_can_change_a_columns_role_and_a_table_without_levels_is_refused() {
    let grid = table("01-shaanxi-like.tsv");
    let (header, mut roles) = guess_header(&grid);
    roles[2] = ColumnRole::Criteria;
    let built = build_framework(&grid, header, &roles, &meta(), &TableChoices::default()).unwrap();
    assert_eq!(counts(&built.framework), (2, 4, 0), "观测点 read as 评价要点: items scored directly");
    assert!(built.framework.areas[0].items[0].criteria.contains("教育工作领导小组每年召开会议不少于2次"));
    let none = vec![ColumnRole::Ignore; roles.len()];
    assert!(build_framework(&grid, header, &none, &meta(), &TableChoices::default()).is_err());
}

#[test]
fn the_same_table_from_a_word_file_makes_the_same_framework() {
    let from_text = built("01-shaanxi-like.tsv").0.framework;
    let grid =
        lvzhi_core::indicator_table::grid_from_docx(&as_word_file(&table("01-shaanxi-like.tsv"))).unwrap().unwrap();
    let (header, roles) = guess_header(&grid);
    let from_word = build_framework(&grid, header, &roles, &meta(), &TableChoices::default()).unwrap();
    assert_eq!(from_word.framework, from_text);
    assert_eq!(from_word.left_out.len(), 1, "the 合计 row");
}

#[test]
fn several_content_rows_with_points_under_one_item_are_its_observation_points() {
    let (built, roles) = built("07-county-with-content-rows.tsv");
    assert_eq!(roles[3], ColumnRole::Level3, "评价内容 rows with points of their own become 观测点");
    let framework = &built.framework;
    assert_eq!(counts(framework), (2, 3, 5));
    assert_eq!(framework.areas[0].items[0].observation_points[1].title, "党政主要负责同志每学期到学校调研");
    // "五" is not read as points, and says so; the 合计 row then disagrees, and says so too.
    assert_eq!(total(framework), Points::whole(15));
    assert!(
        built.notes.iter().any(|note| note == "第6行的分值“五”不是数字，未计入；请在表格中改为数字后重新粘贴。"),
        "{:?}",
        built.notes
    );
    assert!(
        built.notes.iter().any(|note| note.starts_with("第8行合计为25分，各项分值之和为15分")),
        "{:?}",
        built.notes
    );
    assert!(built.notes.iter().any(|note| note.contains("“教育投入”标明15分，其下各项合计5分")), "{:?}", built.notes);
    assert_eq!(built.left_out[0].reason, "表头之前的内容（表格标题等）");
}
