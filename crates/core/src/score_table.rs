//! 自评打分表: the score sheet laid out as the table staff hand in — 一级指标(分) | 二级指标(分) |
//! 观测点 / 评价要点(分) | 评分细则 | 自评得分 | 得失分说明 (| 责任单位), one line per scored row, the
//! upper levels spanning their rows, a subtotal per 一级, then bonus, 扣分项, total and grade. The
//! Word file, the CSV and the print view all read this one model; and the 佐证材料目录.
//!
//! Invariant: every scored row of the framework is one line, in document order; the totals are the
//! `ScoreSheet`'s, never recomputed here.

use crate::draft::Draft;
use crate::framework::{label_of, Framework, RowLevel};
use crate::scoring::ScoreSheet;

/// One line of the table's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableLine {
    /// A scored row. `area` and `item` are `Some` on the first line of their span (with the text
    /// of the merged cell), `None` on the lines it continues over.
    Row {
        area: Option<String>,
        item: Option<String>,
        point: String,
        rule: String,
        score: String,
        explanation: String,
        units: String,
    },
    /// "小计", "加分", "扣分项", "总分", "自评等次": a label over the first columns and a value.
    Summary { label: String, score: String, note: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreTable {
    /// "县级人民政府履行教育职责评价指标体系（示例，百分制）自评打分表".
    pub title: String,
    pub region: String,
    pub unit: String,
    pub date: String,
    pub filler: String,
    pub reviewer: String,
    /// Whether the framework names 责任单位 (the column is left out otherwise).
    pub with_units: bool,
    pub lines: Vec<TableLine>,
}

impl ScoreTable {
    pub const HEADER: [&'static str; 7] = [
        "一级指标（分值）",
        "二级指标（分值）",
        "观测点 / 评价要点（分值）",
        "评分细则",
        "自评得分",
        "得失分说明",
        "责任单位",
    ];

    /// The column headings in use.
    pub fn header(&self) -> &'static [&'static str] {
        if self.with_units {
            &Self::HEADER
        } else {
            &Self::HEADER[..6]
        }
    }
}

fn with_points(title: &str, points: Option<crate::points::Points>) -> String {
    match points {
        Some(points) => format!("{title}（{points}分）"),
        None => title.to_owned(),
    }
}

/// The 自评打分表 of a draft; `None` when the framework has no points.
pub fn score_table(framework: &Framework, draft: &Draft) -> Option<ScoreTable> {
    let sheet = ScoreSheet::compute(framework, draft)?;
    let scoring = framework.scoring.as_ref()?;
    let explanation =
        |code: &str| draft.scores.get(code).map_or(String::new(), |entry| entry.explanation.trim().to_owned());
    let typed = |code: &str| draft.score_raw(code).trim().to_owned();
    let mut lines = Vec::new();
    let mut with_units = false;
    let mut area_text: Option<String> = None;
    let mut item_text: Option<String> = None;
    let mut point_title = String::new();
    let rows = &sheet.rows;
    for (index, row) in rows.iter().enumerate() {
        let own = &row.row;
        with_units |= !own.responsible_units.is_empty();
        // Each row as the notice numbers it ("（12）会议"), or by its code where it has no number.
        let label = label_of(&crate::report::row_number(framework, own), &with_points(own.title, own.points));
        match own.level {
            RowLevel::Area => area_text = Some(label.clone()),
            RowLevel::Item => item_text = Some(label.clone()),
            RowLevel::Point if !own.is_leaf => point_title = label.clone(),
            _ => {}
        }
        if own.is_leaf {
            let mut point = match own.level {
                RowLevel::SubPoint => format!("{point_title}：{label}"),
                _ => label,
            };
            if !own.criteria.is_empty() {
                point.push('\n');
                point.push_str(own.criteria);
            }
            lines.push(TableLine::Row {
                area: area_text.take(),
                item: item_text.take(),
                point,
                rule: own.scoring_rule.to_owned(),
                score: typed(own.code),
                explanation: explanation(own.code),
                units: own.responsible_units.join("、"),
            });
        }
        let area_ends = rows.get(index + 1).is_none_or(|next| next.row.level == RowLevel::Area);
        if area_ends {
            let area = rows[..=index].iter().rev().find(|row| row.row.level == RowLevel::Area);
            if let Some(area) = area {
                lines.push(TableLine::Summary {
                    label: format!("{}小计（{}分）", area.row.title, area.row.points.unwrap_or_default()),
                    score: area.score.map(|score| score.to_string()).unwrap_or_default(),
                    note: if area.unscored > 0 { format!("{}项未评分", area.unscored) } else { String::new() },
                });
            }
        }
    }
    // Nothing scored yet: no total is claimed ("0" would read as a result).
    let scored = sheet.anything_scored();
    let claimed = |points: crate::points::Points| if scored { points.to_string() } else { String::new() };
    lines.push(TableLine::Summary {
        label: format!("基本分合计（{}分）", sheet.full_marks),
        score: claimed(sheet.base),
        note: if sheet.unscored > 0 { format!("{}项未评分", sheet.unscored) } else { String::new() },
    });
    if let Some(bonus) = &scoring.bonus {
        for (index, (item, _)) in sheet.bonus_rows.iter().enumerate() {
            // The bonus items under a 一级 cell of their own, never continuing the last area.
            lines.push(TableLine::Row {
                area: (index == 0).then(|| format!("{}（上限{}分）", bonus.title, bonus.cap)),
                item: Some(String::new()),
                point: format!("{} {}", item.code, with_points(&item.title, Some(item.points))),
                rule: item.scoring_rule.clone(),
                score: typed(&item.code),
                explanation: explanation(&item.code),
                units: item.responsible_units.join("、"),
            });
        }
        lines.push(TableLine::Summary {
            label: format!("{}合计（上限{}分）", bonus.title, bonus.cap),
            score: claimed(sheet.bonus_counted),
            note: if sheet.bonus_claimed > bonus.cap {
                format!("申请{}分，超出上限部分不计", sheet.bonus_claimed)
            } else {
                String::new()
            },
        });
    }
    for deduction in &scoring.deductions {
        let entry = draft.deductions.get(&deduction.code);
        let occurrences = entry.map_or("", |entry| entry.occurrences.trim());
        lines.push(TableLine::Summary {
            label: format!("扣分项：{}（每次扣{}分）", deduction.title, deduction.per_occurrence),
            score: if occurrences.is_empty() { String::new() } else { format!("{occurrences}次") },
            note: entry.map_or(String::new(), |entry| entry.explanation.trim().to_owned()),
        });
    }
    lines.push(TableLine::Summary {
        label: "自评总分".to_owned(),
        score: claimed(sheet.total),
        note: if sheet.deducted > crate::points::Points::ZERO {
            format!("含扣分项扣{}分", sheet.deducted)
        } else {
            String::new()
        },
    });
    for condition in &scoring.conditions {
        let answer = draft.conditions.get(&condition.code);
        let said = match answer.and_then(|answer| answer.occurred) {
            Some(true) => "是",
            Some(false) => "否",
            None => "",
        };
        lines.push(TableLine::Summary {
            label: format!("{}：{}", condition.effect.label_zh(), condition.question),
            score: said.to_owned(),
            note: answer.map_or(String::new(), |answer| answer.explanation.trim().to_owned()),
        });
    }
    if let Some(grade) = &sheet.grade {
        lines.push(TableLine::Summary {
            label: "自评等次".to_owned(),
            score: grade.name.clone(),
            note: grade.reasons.join("；"),
        });
    }
    let region = draft.meta.region.trim();
    Some(ScoreTable {
        title: format!("{}自评打分表", framework.title),
        region: region.to_owned(),
        unit: draft.meta.unit.trim().to_owned(),
        date: draft.meta.date.trim().to_owned(),
        filler: draft.meta.filler.trim().to_owned(),
        reviewer: draft.meta.reviewer.trim().to_owned(),
        with_units,
        lines,
    })
}

/// The table as CSV: UTF-8 with a byte-order mark and CRLF (Excel, WPS), merged cells repeated on
/// every line so that the sheet can be sorted and filtered, every cell made safe for a formula bar.
pub fn score_table_csv(table: &ScoreTable) -> String {
    let columns = table.header().len();
    let mut csv = String::from('\u{feff}');
    let mut push = |cells: Vec<String>| {
        csv.push_str(&cells.iter().map(|cell| crate::file_text::csv_cell(cell)).collect::<Vec<_>>().join(","));
        csv.push_str("\r\n");
    };
    push(table.header().iter().map(|heading| (*heading).to_owned()).collect());
    let (mut area, mut item) = (String::new(), String::new());
    for line in &table.lines {
        match line {
            TableLine::Row { area: own_area, item: own_item, point, rule, score, explanation, units } => {
                if let Some(text) = own_area {
                    area = text.clone();
                }
                if let Some(text) = own_item {
                    item = text.clone();
                }
                let mut cells =
                    vec![area.clone(), item.clone(), point.clone(), rule.clone(), score.clone(), explanation.clone()];
                if table.with_units {
                    cells.push(units.clone());
                }
                push(cells);
            }
            TableLine::Summary { label, score, note } => {
                let mut cells =
                    vec![label.clone(), String::new(), String::new(), String::new(), score.clone(), note.clone()];
                cells.truncate(columns);
                cells.resize(columns, String::new());
                push(cells);
            }
        }
    }
    csv
}

/// `资阳市2025年自评打分表.docx` / `.csv`.
pub fn score_table_file_name(draft: &Draft, extension: &str) -> String {
    crate::file_names::draft_named(draft, "自评打分表", extension)
}

/// One line of the 佐证材料目录: the row it proves, and the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceLine {
    /// The row as a reviewer knows it: the notice's numbering, else the code.
    pub code: String,
    pub row: String,
    pub title: String,
    pub reference: String,
    pub provider: String,
}

/// The evidence index: every document listed under a scored row, by row in document order (bonus
/// items last); empty titles are left out.
pub fn evidence_index(framework: &Framework, draft: &Draft) -> Vec<EvidenceLine> {
    let rows = framework.scored_leaves().chain(framework.bonus_rows());
    let mut lines = Vec::new();
    for row in rows {
        let Some(entry) = draft.scores.get(row.code) else { continue };
        for evidence in entry.evidence.iter().filter(|evidence| !evidence.title.trim().is_empty()) {
            lines.push(EvidenceLine {
                code: row.shown_code().to_owned(),
                row: row.title.to_owned(),
                title: evidence.title.trim().to_owned(),
                reference: evidence.reference.trim().to_owned(),
                provider: evidence.provider.trim().to_owned(),
            });
        }
    }
    lines
}
