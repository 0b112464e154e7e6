//! What 汇总 writes as Word files: the 复核意见 of one unit (its reviewed rows: self-score, 复核得分,
//! note; the totals and 自评可信度 above them) to send back, and the 汇总表 (the comparison, A4
//! landscape).

use super::review::{checked_score, credibility, Review};
use super::summary::UnitSummary;
use crate::docx_table::write_table_docx;
use crate::draft::Draft;
use crate::framework::Framework;
use crate::points::Points;
use crate::scoring::ScoreSheet;

/// The 复核意见 of `unit` as .docx: every row the reviewer scored or wrote a note on, in the
/// framework's order (A4 portrait: 编号 | 指标 | 分值 | 自评得分 | 复核得分 | 复核意见).
pub fn review_docx(framework: &Framework, draft: &Draft, review: &Review, unit: &str, date: &str) -> Vec<u8> {
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
    lines.push(format!("复核日期：{date}"));
    let widths = [900, 3000, 700, 900, 900, 3238];
    let header = ["编号", "指标", "分值", "自评得分", "复核得分", "复核意见"];
    write_table_docx(&title, &lines, &header, &widths, &rows, false)
}

/// The 汇总表 as .docx (A4 landscape): the comparison's rows in the order given. The framework
/// is named once above the table when every unit uses the same one, else in a column.
pub fn summary_docx(title: &str, rows: &[UnitSummary], date: &str) -> Vec<u8> {
    let scored = rows.iter().any(|row| row.score.is_some());
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
    header.push("最后修改");
    // 257 mm of landscape A4 (14 570 twips): the unit and the conditions take what is left.
    let mut widths: Vec<u32> = vec![2400];
    if !one_framework {
        widths.push(2600);
    }
    widths.extend([1100, 800, 800, 1100]);
    if scored {
        widths.extend([1100, 900]);
    }
    widths.push(1500);
    let used: u32 = widths.iter().sum();
    if scored {
        widths.insert(widths.len() - 1, 14_570 - used);
    } else {
        widths[0] += 14_570 - used;
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
                cells.push(score.and_then(|score| score.grade.clone()).unwrap_or_default());
                cells.push(row.conditions_met.join("；"));
            }
            cells.push(row.last_edit.get(..10).unwrap_or(&row.last_edit).to_owned());
            cells
        })
        .collect();
    let mut lines = Vec::new();
    if one_framework && !first.is_empty() {
        lines.push(format!("指标体系：{first}"));
    }
    lines.push(format!("共{}个单位。制表日期：{date}", rows.len()));
    write_table_docx(title, &lines, &header, &widths, &table, true)
}
