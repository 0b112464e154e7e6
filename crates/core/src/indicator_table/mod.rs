//! 从指标表新建: the indicator table a notice ships (pasted from Word, WPS or Excel, or a CSV)
//! made into a framework. Columns are known by their header (一级指标, 二级指标, 观测点, 评价要点,
//! 分值, 评分细则, 责任单位, 佐证材料…) and the user may change each column's role; merged cells
//! are filled down; numbering is stripped (the app numbers areas itself) and points are read from
//! a points column or from "（25分）" in a title.
//!
//! Invariant: every row of the table lands in the framework (as a node, or as more text of the node
//! above) or in `left_out` with its reason; points that do not add up are not refused — the stated
//! parent points give way to the sum of the rows below, and `notes` says so. What comes out has
//! passed `Framework::from_json`.

mod docx;
pub mod grid;
mod roles;
mod title;
mod tree;

pub use docx::grid_from_docx;
pub use grid::{grid_from_html, grid_from_text, Cell, Grid};
pub use roles::{guess_header, ColumnRole};
pub use title::split_title;

use crate::framework::{Framework, Level};
use crate::points::Points;
use tree::Tree;

/// What the user says of the framework besides the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableMeta {
    pub id: String,
    pub title: String,
    pub province: String,
    pub year: i32,
    pub level: Level,
    pub notice_title: String,
    pub notice_number: String,
}

/// A row not made into the framework, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// 1-based, as the user counts the table's rows.
    pub row: usize,
    pub text: String,
    pub reason: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    pub framework: Framework,
    pub left_out: Vec<LeftOut>,
    /// What was read differently from the table as written (points that did not add up).
    pub notes: Vec<String>,
    /// Rows that continued the row above (more 评分细则 or 评价要点 text), by 1-based number.
    pub merged_rows: Vec<usize>,
    /// Rows that made a node, by 1-based number.
    pub node_rows: Vec<usize>,
}

/// Why no framework could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    NoLevels,
    NoRows,
    Invalid(Vec<String>),
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableError::NoLevels => write!(f, "没有指明哪一列是指标名称：请把一列设为“一级指标”。"),
            TableError::NoRows => write!(f, "表格中没有可用的指标行。"),
            TableError::Invalid(problems) => {
                write!(f, "生成的指标体系有{}处问题：{}", problems.len(), problems.join("；"))
            }
        }
    }
}

fn merged_points_note(number: usize, points: Points) -> String {
    format!(
        "第{number}行与上一行属于同一指标，并入上一行，其分值{points}分未计入；如每行是一个观测点，请把该行描述所在的列设为“观测点（三级）”。"
    )
}

fn row_text(row: &[Cell]) -> String {
    row.iter().map(|cell| cell.text.as_str()).filter(|text| !text.is_empty()).collect::<Vec<_>>().join(" | ")
}

/// The framework of a table. `header_row` is the row (0-based) of the column headings, `None` for
/// a table pasted without them; `roles` has one role per column.
pub fn build_framework(
    grid: &Grid,
    header_row: Option<usize>,
    roles: &[ColumnRole],
    meta: &TableMeta,
) -> Result<Built, TableError> {
    let column = |role: ColumnRole| roles.iter().position(|r| *r == role);
    let levels: Vec<usize> = ColumnRole::LEVELS.into_iter().filter_map(column).collect();
    if column(ColumnRole::Level1).is_none() {
        return Err(TableError::NoLevels);
    }
    let header_texts: Vec<&str> = header_row
        .and_then(|row| grid.get(row))
        .map(|row| row.iter().map(|cell| cell.text.as_str()).collect())
        .unwrap_or_default();
    let mut tree = Tree::default();
    let mut left_out = Vec::new();
    let mut notes = Vec::new();
    // 合计 rows' stated totals, to compare with the sum of the rows.
    let mut stated_totals: Vec<(usize, Points)> = Vec::new();
    let (mut merged_rows, mut node_rows) = (Vec::new(), Vec::new());
    // The level texts of the row above (filled down), to tell a new node from the same one.
    let mut previous: Vec<String> = vec![String::new(); levels.len()];
    for (index, row) in grid.iter().enumerate() {
        let number = index + 1;
        if let Some(header) = header_row {
            if index == header {
                continue;
            }
            if index < header {
                if row.iter().any(|cell| !cell.text.is_empty()) {
                    left_out.push(LeftOut {
                        row: number, text: row_text(row), reason: "表头之前的内容（表格标题等）"
                    });
                }
                continue;
            }
        }
        let cell = |role: ColumnRole| column(role).and_then(|at| row.get(at)).map_or("", |cell| cell.text.trim());
        if row.iter().all(|cell| cell.text.trim().is_empty()) {
            left_out.push(LeftOut { row: number, text: String::new(), reason: "空行" });
            continue;
        }
        let repeats_header = row
            .iter()
            .zip(&header_texts)
            .filter(|(cell, header)| !header.is_empty() && cell.text.trim() == header.trim())
            .count()
            >= 2;
        if repeats_header {
            left_out.push(LeftOut { row: number, text: row_text(row), reason: "重复的表头（表格跨页）" });
            continue;
        }
        // A total row: its first filled cell says so (in the 一级 column, or in 序号's).
        let first_filled = row.iter().map(|cell| cell.text.trim()).find(|text| !text.is_empty()).unwrap_or("");
        if ["合计", "总计", "总分", "小计"].iter().any(|word| first_filled.starts_with(word)) {
            left_out.push(LeftOut {
                row: number, text: row_text(row), reason: "合计行（总分由各项分值计算）"
            });
            if let Ok(Some(stated)) = Points::parse(cell(ColumnRole::Points)) {
                stated_totals.push((number, stated));
            }
            continue;
        }
        let points_text = cell(ColumnRole::Points);
        let points = match Points::parse(points_text) {
            Ok(points) => points,
            Err(_) => {
                notes
                    .push(format!("第{number}行的分值“{points_text}”不是数字，未计入；请在表格中改为数字后重新粘贴。"));
                None
            }
        };
        let mut texts: Vec<String> =
            levels.iter().map(|&at| row.get(at).map_or(String::new(), |cell| cell.text.trim().to_owned())).collect();
        let continues_above = |texts: &[String]| texts.iter().all(String::is_empty);
        if continues_above(&texts) {
            // No indicator name: the rest of the row is more text of the node above.
            if tree.add_text(cell(ColumnRole::Criteria), cell(ColumnRole::ScoringRule)) {
                merged_rows.push(number);
                if let Some(points) = points {
                    notes.push(merged_points_note(number, points));
                }
            } else {
                left_out.push(LeftOut { row: number, text: row_text(row), reason: "没有指标名称" });
            }
            continue;
        }
        let deepest_given = texts.iter().rposition(|text| !text.is_empty()).expect("not all empty");
        for level in 0..deepest_given {
            if texts[level].is_empty() {
                texts[level] = previous[level].clone();
            }
        }
        // The first level that differs from the row above starts new nodes down to the deepest.
        let changed_from = (0..=deepest_given).find(|&level| texts[level] != previous[level]);
        let Some(changed_from) = changed_from else {
            // The same names as the row above (a cell split over two rows): more of its text.
            tree.add_text(cell(ColumnRole::Criteria), cell(ColumnRole::ScoringRule));
            merged_rows.push(number);
            if let Some(points) = points {
                notes.push(merged_points_note(number, points));
            }
            continue;
        };
        for (level, text) in texts.iter().enumerate().take(deepest_given + 1).skip(changed_from) {
            let (title, points) = split_title(text);
            if !title.is_empty() {
                tree.add(level, title, points);
            }
        }
        tree.add_text(cell(ColumnRole::Criteria), cell(ColumnRole::ScoringRule));
        tree.add_lists(cell(ColumnRole::Units), cell(ColumnRole::Evidence));
        if let Some(points) = points {
            tree.set_points(points);
        }
        node_rows.push(number);
        previous = texts;
    }
    if tree.is_empty() {
        return Err(TableError::NoRows);
    }
    notes.extend(tree.settle_points());
    let framework = tree.into_framework(meta);
    let sum: Points = framework.scored_leaves().filter_map(|row| row.points).sum();
    for (number, stated) in stated_totals {
        if framework.is_scored() && stated != sum {
            notes.push(format!("第{number}行合计为{stated}分，各项分值之和为{sum}分，请核对是否有行未读取分值。"));
        }
    }
    // What leaves here loads as a file would: checked the same way.
    let text = serde_json::to_string(&framework).expect("a framework serializes");
    let framework = Framework::from_json(&text).map_err(|error| match error {
        crate::framework::FrameworkError::Invalid { problems } => TableError::Invalid(problems),
        other => TableError::Invalid(vec![other.to_string()]),
    })?;
    Ok(Built { framework, left_out, notes, merged_rows, node_rows })
}
