//! What 汇总 writes as Word files: the 复核意见 of one unit (its reviewed rows: self-score, 复核得分,
//! note; the totals and 自评可信度 above them) to send back, and the 汇总表 (the comparison, A4
//! landscape).

use super::figures::{across_summary, bars, not_drawn, threshold_line, FigureCell};
use super::review::{checked_score, credibility, Credibility, Review, CREDIBILITY_FORMULA};
use super::summary::UnitSummary;
use crate::docx_chart::{chart_paragraph, chart_part, BarChart};
use crate::docx_table::{write_table_docx, write_table_docx_with_section, TableSection};
use crate::draft::Draft;
use crate::figure::display_number;
use crate::framework::{Figure, Framework};
use crate::points::Points;
use crate::scoring::ScoreSheet;
use std::collections::BTreeMap;

/// The 复核意见 of `unit` as .docx: every row the reviewer scored or wrote a note on, in the
/// framework's order (A4 portrait: 编号 | 指标 | 分值 | 自评得分 | 复核得分 | 复核意见).
/// `reviewer` (复核单位) is named above the date when given.
pub fn review_docx(
    framework: &Framework,
    draft: &Draft,
    review: &Review,
    unit: &str,
    reviewer: &str,
    date: &str,
) -> Vec<u8> {
    let title = format!("{unit}履行教育职责自评复核意见");
    let result = credibility(framework, draft, review);
    let mut lines = vec![format!("指标体系：{}", framework.versioned_label())];
    let percent = result.percent.map(|percent| format!("{percent}%")).unwrap_or_else(|| "—".to_owned());
    lines.push(format!(
        "已复核{}项，其中{}项与自评得分比较：自评得分合计{}分，复核得分合计{}分；自评可信度{percent}。",
        result.reviewed, result.compared, result.own_sum, result.reviewed_sum
    ));
    let mut rows = Vec::new();
    if let Some(sheet) = ScoreSheet::compute(framework, draft) {
        let leaves = sheet.rows.iter().filter(|row| row.row.is_leaf).map(|row| {
            (
                row.row.code,
                row.row.shown_code().to_owned(),
                row.row.title,
                row.row.points,
                draft.score_raw(row.row.code),
            )
        });
        let bonus = sheet.bonus_rows.iter().map(|(point, _)| {
            let shown = if point.number.is_empty() { point.code.clone() } else { point.number.clone() };
            (point.code.as_str(), shown, point.title.as_str(), Some(point.points), draft.score_raw(&point.code))
        });
        for (code, shown, title, points, own) in leaves.chain(bonus) {
            let Some(entry) = review.rows.get(code) else { continue };
            // As read (０.５ is 0.5); a score the checks refuse is left out, as 可信度 leaves it.
            let step = framework.step_of(sheet.row(code).and_then(|row| row.row.step));
            let reviewed = checked_score(&entry.score, points, step).ok().flatten();
            let own = Points::parse(own).ok().flatten().map(|own| own.to_string()).unwrap_or_default();
            rows.push(vec![
                shown,
                title.to_owned(),
                points.map(|points| points.to_string()).unwrap_or_default(),
                own,
                reviewed.map(|score| score.to_string()).unwrap_or_default(),
                entry.note.trim().to_owned(),
            ]);
        }
    }
    if rows.is_empty() {
        lines.push("（尚未录入复核得分。）".to_owned());
    }
    if !reviewer.trim().is_empty() {
        lines.push(format!("复核单位：{}", reviewer.trim()));
    }
    lines.push(format!("复核日期：{date}"));
    let widths = [900, 3000, 700, 900, 900, 3238];
    let header = ["编号", "指标", "分值", "自评得分", "复核得分", "复核意见"];
    write_table_docx(&title, &lines, &header, &widths, &rows, false)
}

/// A figure across units, as the 汇总表 shows it after the comparison: the requirement, a chart
/// (DrawingML, `docx_chart`) and the table of values.
pub struct FigureSection<'a> {
    pub figure: &'a Figure,
    /// `figures::requirement` of the figure in the units' framework.
    pub requirement: Option<String>,
    pub cells: &'a [FigureCell],
}

/// The 汇总表 as .docx (A4 landscape): the comparison's rows in the order given, with each unit's
/// 复核 (`reviews`, by unit key; the columns appear when any unit is reviewed), then the chosen
/// figure across units when there is one. The framework is named once above the table when every
/// unit uses the same one, else in a column.
pub fn summary_docx(
    title: &str,
    reviewer: &str,
    rows: &[UnitSummary],
    reviews: &BTreeMap<String, Credibility>,
    figure: Option<FigureSection<'_>>,
    date: &str,
) -> Vec<u8> {
    let scored = rows.iter().any(|row| row.score.is_some());
    let reviewed = rows.iter().any(|row| reviews.get(&row.key).is_some_and(|review| review.reviewed > 0));
    let first = rows.first().map(|row| row.framework_label.as_str()).unwrap_or_default();
    let one_framework = rows.iter().all(|row| row.framework_label == first);
    let mut header = vec!["单位"];
    if !one_framework {
        header.push("指标体系");
    }
    header.extend(["完成指标", "错误", "警告", "未替换的空白"]);
    if scored {
        header.extend(["自评总分", "等次", "否决/降等"]);
    }
    if reviewed {
        header.extend(["复核（已复核项）", "自评可信度"]);
    }
    header.push("最后修改");
    // 257 mm of landscape A4 (14 570 twips): the unit and the conditions take what is left.
    let mut widths: Vec<u32> = vec![2200];
    if !one_framework {
        widths.push(2400);
    }
    widths.extend([1000, 700, 700, 1000]);
    if scored {
        widths.extend([1000, 800]);
    }
    let conditions_at = widths.len();
    if reviewed {
        widths.extend([2000, 1000]);
    }
    widths.push(1300);
    let used: u32 = widths.iter().sum();
    if scored {
        widths.insert(conditions_at, 14_570_u32.saturating_sub(used).max(1200));
    } else {
        widths[0] += 14_570_u32.saturating_sub(used);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.unit.clone()];
            if !one_framework {
                cells.push(row.framework_label.clone());
            }
            cells.extend([
                format!("{}/{}", row.done, row.total),
                row.errors.to_string(),
                row.warnings.to_string(),
                row.blanks.to_string(),
            ]);
            if scored {
                let score = row.score.as_ref().filter(|score| score.anything_scored);
                cells.push(score.map(|score| score.total.to_string()).unwrap_or_else(|| "未评分".to_owned()));
                cells.push(match score {
                    Some(score) if score.grade.is_none() && score.unscored > 0 => "未评完".to_owned(),
                    Some(score) => score.grade.clone().unwrap_or_default(),
                    None => String::new(),
                });
                cells.push(row.conditions_met.join("；"));
            }
            if reviewed {
                match reviews.get(&row.key).filter(|review| review.reviewed > 0) {
                    Some(review) => {
                        cells.push(format!(
                            "自评{}分，复核{}分（{}项）",
                            review.own_sum, review.reviewed_sum, review.reviewed
                        ));
                        cells.push(
                            review.percent.map(|percent| format!("{percent}%")).unwrap_or_else(|| "—".to_owned()),
                        );
                    }
                    None => cells.extend(["未复核".to_owned(), String::new()]),
                }
            }
            cells.push(row.last_edit.get(..10).unwrap_or(&row.last_edit).to_owned());
            cells
        })
        .collect();
    let mut lines = Vec::new();
    if one_framework && !first.is_empty() {
        lines.push(format!("指标体系：{first}"));
    }
    let made_by =
        if reviewer.trim().is_empty() { String::new() } else { format!("制表单位：{}　", reviewer.trim()) };
    lines.push(format!("共{}个单位。{made_by}制表日期：{date}", rows.len()));
    if reviewed {
        lines.push(CREDIBILITY_FORMULA.to_owned());
    }
    let Some(section) = figure else {
        return write_table_docx(title, &lines, &header, &widths, &table, true);
    };
    let figure = section.figure;
    let unit = if figure.unit.is_empty() { String::new() } else { format!("（{}）", figure.unit) };
    let heading = format!("关键数据对照：{}{unit}", figure.label);
    let mut section_lines: Vec<String> = section.requirement.clone().into_iter().collect();
    section_lines.push(across_summary(figure, section.cells));
    let left_out = not_drawn(section.cells);
    if !left_out.is_empty() {
        section_lines.push(format!("图中未画出：{}。", left_out.join("、")));
    }
    let chart_bars: Vec<(String, Option<f64>, bool)> = bars(section.cells)
        .into_iter()
        .map(|(cell, value)| (cell.unit.clone(), Some(value), cell.state.is_short()))
        .collect();
    let chart = (!chart_bars.is_empty()).then(|| {
        let threshold = threshold_line(figure).map(|at| (at, format!("要求：{}{}", display_number(at), figure.unit)));
        let chart = BarChart {
            title: format!("{}{unit}", figure.label),
            series: format!("{}{unit}", figure.label),
            bars: chart_bars,
            threshold,
            axis_max: (figure.kind == crate::framework::FigureKind::Percent).then_some(100.0),
        };
        (chart_paragraph(240.0, 95.0, &heading), chart_part(&chart))
    });
    let values: Vec<Vec<String>> = section
        .cells
        .iter()
        .map(|cell| {
            let (value, status, _) = cell.shown();
            vec![cell.unit.clone(), value, status]
        })
        .collect();
    write_table_docx_with_section(
        title,
        &lines,
        &header,
        &widths,
        &table,
        TableSection {
            heading: &heading,
            lines: &section_lines,
            chart,
            header: &["单位", "数值", "是否达到要求"],
            widths: &[4000, 3000, 7570],
            rows: &values,
        },
    )
}
