//! 从指标表新建: the indicator table a notice ships (pasted from Word, WPS or Excel, or a CSV)
//! made into a framework. Columns are known by their header (一级指标, 二级指标, 观测点, 评价要点,
//! 分值, 评分细则, 责任单位, 佐证材料…) and the user may change each column's role; merged cells
//! are filled down; numbering is stripped (the app numbers areas itself) and points are read from
//! a points column or from "（25分）" in a title.
//!
//! Rows that state rules (加分项, 扣分项, 一票否决…; `rules.rs`), the notice's text about results
//! and conditions inside 评分细则 become the framework's scoring rules (`assemble.rs`), each listed
//! with the row or sentence it came from and what it became, and each one the user may untick;
//! deductions that 评分细则 state as arithmetic on a figure are proposed, and kept only when the
//! user accepts them.
//!
//! What does not look like an indicator table at all (a timetable, a letter, a list of names) is
//! still read and shown, with why it is doubted (`doubt.rs`): the user decides.
//!
//! Invariant: every row of the table lands in the framework (as a node, as more text of the node
//! above, or as a rule) or in `left_out` with its reason; points that do not add up are not refused
//! — the stated parent points give way to the sum of the rows below, and `notes` says so; no rule
//! row or rule text ever makes the table refused. What comes out has passed `Framework::from_json`.

mod assemble;
mod docx;
mod doubt;
pub mod grid;
mod roles;
mod rules;
mod title;
mod tree;

pub use docx::grid_from_docx;
pub use doubt::{doubts, EXPECTED};
pub use grid::{grid_from_html, grid_from_text, Cell, Grid};
pub use roles::{guess_header, ColumnRole};
pub use title::{split_numbered_title, split_title};

use crate::framework::{Framework, Level};
use crate::points::Points;
use std::collections::BTreeSet;
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

/// What the user decided beside the table: the notice's text about results, the rules found that
/// they unticked, and the proposed deductions they accepted (by key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableChoices {
    pub notice_text: String,
    pub refused: BTreeSet<String>,
    pub accepted: BTreeSet<String>,
}

/// Where a rule was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleSource {
    /// A rule row of the table (1-based).
    Row(usize),
    /// The 评分细则 of the node that table row made.
    ScoringRule(usize),
    /// The notice's text.
    Notice,
}

/// A rule found, what it became, and whether it is kept (the user may untick it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRule {
    /// Stable across rebuilds of the same table and text: the user's choice follows it.
    pub key: String,
    pub source: RuleSource,
    /// The row's cells or the sentence, as written.
    pub quoted: String,
    /// "加分项目“获得省级表彰”，最多加1分".
    pub became: String,
    pub kept: bool,
}

/// A deduction read from a row's 评分细则, kept only when the user accepts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedDeduction {
    pub key: String,
    /// The table row of the node (1-based).
    pub row: usize,
    /// "（12）会议制度".
    pub label: String,
    /// The 评分细则 it was read from.
    pub rule: String,
    /// "应不少于4次，每少1次扣0.5分".
    pub summary: String,
    /// The figure it asks for: "政府常务会议研究教育工作次数（次）".
    pub figure: String,
    pub kept: bool,
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
    /// Rows that state rules (加分项, 扣分项, 一票否决…), read into `rules`, by 1-based number.
    pub rule_rows: Vec<usize>,
    /// Every rule found (rows, 评分细则, the notice's text), kept or unticked.
    pub rules: Vec<FoundRule>,
    /// Deductions proposed from 评分细则.
    pub deductions: Vec<ProposedDeduction>,
    /// Scored rows with a 评分细则: what the proposals were read from.
    pub rules_written: usize,
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

/// The row's texts as the preview quotes them; a cell merged across columns once.
fn row_text(row: &[Cell]) -> String {
    let mut texts: Vec<&str> = Vec::new();
    for text in row.iter().map(|cell| cell.text.trim()).filter(|text| !text.is_empty()) {
        if texts.last() != Some(&text) {
            texts.push(text);
        }
    }
    texts.join(" | ")
}

/// The framework of a table. `header_row` is the row (0-based) of the column headings, `None` for
/// a table pasted without them; `roles` has one role per column.
pub fn build_framework(
    grid: &Grid,
    header_row: Option<usize>,
    roles: &[ColumnRole],
    meta: &TableMeta,
    choices: &TableChoices,
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
    let mut rule_rows = rules::RuleRows::default();
    let mut appendix_rows = Vec::new();
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
        if grid::is_appendix(row) {
            match rule_rows.read_appendix(number, row) {
                Ok(()) => appendix_rows.push(number),
                Err(reason) => left_out.push(LeftOut { row: number, text: row_text(row), reason }),
            }
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
        let mut level_cells: Vec<&Cell> = levels.iter().filter_map(|&at| row.get(at)).collect();
        // A rule row's heading merged from the table's left edge sits in the 序号 column
        // ("加分项（最高3分）" over 序号, 一级 and 二级): it is read as the row's 一级.
        let number_cell = column(ColumnRole::Number).and_then(|at| row.get(at));
        if let Some(heading) = number_cell.filter(|cell| rules::kind_of_title(&cell.text).is_some()) {
            if level_cells.iter().all(|cell| cell.text.trim().is_empty()) {
                if let Some(first) = level_cells.first_mut() {
                    *first = heading;
                }
            }
        }
        let points = Points::parse(points_text.trim_end_matches('分')).ok().flatten();
        // Such a row's words may stand in the points column ("获得国家级表彰的加1分").
        let rule = match cell(ColumnRole::ScoringRule) {
            "" if points.is_none() => points_text,
            rule => rule,
        };
        let rule_cells = rules::RowCells {
            number,
            levels: level_cells,
            criteria: cell(ColumnRole::Criteria),
            rule,
            points,
            quoted: row_text(row),
        };
        if rule_rows.read(&rule_cells) {
            appendix_rows.push(number);
            continue;
        }
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
            let (own_number, title, points) = split_numbered_title(text);
            if !title.is_empty() {
                tree.add(level, number, own_number, title, points);
            }
        }
        if column(ColumnRole::Number).is_some() {
            tree.number_if_none(cell(ColumnRole::Number));
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
    let (framework, node_codes) = tree.into_framework(meta);
    let sum: Points = framework.leaf_points();
    for (number, stated) in stated_totals {
        if framework.is_scored() && stated != sum {
            notes.push(format!("第{number}行合计为{stated}分，各项分值之和为{sum}分，请核对是否有行未读取分值。"));
        }
    }
    let table = assemble::TableRead { rule_rows, rule_row_numbers: appendix_rows, node_codes };
    let assembled = assemble::assemble(framework, table, choices, &mut left_out, &mut notes)?;
    Ok(Built {
        framework: assembled.framework,
        left_out,
        notes,
        merged_rows,
        node_rows,
        rule_rows: assembled.rule_rows,
        rules: assembled.rules,
        deductions: assembled.deductions,
        rules_written: assembled.rules_written,
    })
}
