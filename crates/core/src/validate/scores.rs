//! Scores of a scored framework: every scored row scored, within its points, on its step, points
//! lost explained, a score above the figure's proposal explained, the bonus within its cap,
//! 扣分项 counted in whole occurrences, every condition answered (and a 是 explained), and a total
//! the report states agreeing with the computed one. Silent for a framework without points.

use super::{Context, Rule, Severity};
use crate::draft::Location;
use crate::framework::ScoredPoint;
use crate::points::Points;
use crate::scoring::{typed_occurrences, whole_count, ScoreSheet};

/// A scored row the user types a score into.
struct TypedRow<'a> {
    code: &'a str,
    points: Points,
    /// The row's own step, if any.
    step: Option<Points>,
    /// Whether points below full marks are "lost" (not for a bonus item).
    can_lose: bool,
    floor_at_zero: bool,
}

/// Every scored row the user types a score into: leaves of the tree, then bonus items.
fn typed_rows<'a>(context: &Context<'a>, sheet: &ScoreSheet<'a>) -> Vec<TypedRow<'a>> {
    let floors = |own: Option<bool>| context.framework.floors_at_zero(own);
    let mut rows: Vec<TypedRow<'a>> = sheet
        .rows
        .iter()
        .filter(|row| row.row.is_leaf)
        .filter_map(|row| {
            Some(TypedRow {
                code: row.row.code,
                points: row.row.points?,
                step: row.row.step,
                can_lose: true,
                floor_at_zero: floors(row.row.floor_at_zero),
            })
        })
        .collect();
    let bonus: &'a [ScoredPoint] = context.framework.bonus_items();
    rows.extend(bonus.iter().map(|item| TypedRow {
        code: item.code.as_str(),
        points: item.points,
        step: item.step,
        can_lose: false,
        floor_at_zero: floors(item.floor_at_zero),
    }));
    rows
}

fn explanation<'a>(context: &Context<'a>, code: &str) -> &'a str {
    context.draft.scores.get(code).map_or("", |entry| entry.explanation.trim())
}

pub const SCORE_MISSING: Rule = Rule {
    code: "score-missing",
    severity: Severity::Error,
    name: "未填自评得分",
    description: "按分值评价的指标体系，每个观测点都要填写自评得分，打分表和总分才完整。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        for row in sheet.rows.iter().filter(|row| row.row.is_leaf) {
            if matches!(row.typed, Ok(None)) {
                let hint = row.proposal.as_ref().map_or(String::new(), |proposal| {
                    format!("按数据测算为{}分（{}）。", proposal.score, proposal.arithmetic)
                });
                findings.push(rule.finding(
                    Location::Score(row.row.code.to_owned()),
                    None,
                    format!("请填写自评得分。{hint}"),
                ));
            }
        }
    },
};

pub const SCORE_INVALID: Rule = Rule {
    code: "score-invalid",
    severity: Severity::Error,
    name: "自评得分有误",
    description: "自评得分应为数字，不高于该项分值，不低于0（扣完为止），并按指标体系的计分步长（如0.1分）填写。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        for TypedRow { code, points, step: own_step, can_lose: is_row, floor_at_zero } in typed_rows(context, sheet) {
            let location = || Location::Score(code.to_owned());
            let score = match Points::parse(context.draft.score_raw(code)) {
                Ok(Some(score)) => score,
                Ok(None) => continue,
                Err(error) => {
                    findings.push(rule.finding(location(), None, format!("{error}。")));
                    continue;
                }
            };
            let step = context.framework.step_of(own_step);
            let message = if score > points {
                format!("自评得分{score}分高于该项分值{points}分。")
            } else if !is_row && score.is_negative() {
                format!("加分{score}分为负数；不申请加分请填0或留空。")
            } else if floor_at_zero && score.is_negative() {
                format!("自评得分{score}分低于0分；评分细则扣完为止，最低为0分。")
            } else if !score.is_multiple_of(step) {
                format!("自评得分{score}分不是计分步长{step}分的整数倍。")
            } else {
                continue;
            };
            findings.push(rule.finding(location(), None, message));
        }
    },
};

pub const SCORE_LOST_UNEXPLAINED: Rule = Rule {
    code: "score-lost-unexplained",
    severity: Severity::Warning,
    name: "失分未说明",
    description: "自评得分低于分值时，应在“得失分说明”中写明失分原因，评估组据此核查。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        for TypedRow { code, points, can_lose, .. } in typed_rows(context, sheet) {
            let Ok(Some(score)) = Points::parse(context.draft.score_raw(code)) else { continue };
            if can_lose && !score.is_negative() && score < points && explanation(context, code).is_empty() {
                findings.push(rule.finding(
                    Location::ScoreExplanation(code.to_owned()),
                    None,
                    format!("失{}分，请在得失分说明中写明原因。", points - score),
                ));
            }
        }
    },
};

pub const SCORE_ABOVE_PROPOSAL: Rule = Rule {
    code: "score-above-proposal",
    severity: Severity::Warning,
    name: "得分高于测算",
    description:
        "评分细则按数据扣分的观测点，自评得分高于按所填数据测算的得分时，应在得失分说明中写明理由（低于测算不需要）。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        for row in sheet.rows.iter().filter(|row| row.row.is_leaf) {
            let (Some(proposal), Ok(Some(score))) = (&row.proposal, &row.typed) else { continue };
            if *score > proposal.score && explanation(context, row.row.code).is_empty() {
                findings.push(rule.finding(
                    Location::ScoreExplanation(row.row.code.to_owned()),
                    None,
                    format!(
                        "自评得分{score}分高于按数据测算的{}分（{}），请在得失分说明中写明理由。",
                        proposal.score, proposal.arithmetic
                    ),
                ));
            }
        }
    },
};

pub const BONUS_ABOVE_CAP: Rule = Rule {
    code: "bonus-above-cap",
    severity: Severity::Warning,
    name: "加分超过上限",
    description: "各加分项合计不得超过指标体系规定的加分上限，超出部分不计入总分。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        let Some(cap) = sheet.bonus_cap else { return };
        if sheet.bonus_claimed > cap {
            let first = sheet.bonus_rows.iter().find(|(_, typed)| matches!(typed, Ok(Some(_))));
            let code = first.map_or_else(String::new, |(item, _)| item.code.clone());
            findings.push(rule.finding(
                Location::Score(code),
                None,
                format!("加分合计{}分，超过上限{cap}分，总分只计{cap}分。", sheet.bonus_claimed),
            ));
        }
    },
};

pub const DEDUCTION_INVALID: Rule = Rule {
    code: "deduction-invalid",
    severity: Severity::Error,
    name: "扣分项次数有误",
    description: "扣分项按发生次数扣分，次数应为0或正整数。",
    check: |context, rule, findings| {
        let Some(scoring) = &context.framework.scoring else { return };
        for deduction in &scoring.deductions {
            let typed = context.draft.deductions.get(&deduction.code).map_or("", |entry| entry.occurrences.trim());
            if typed.is_empty() {
                continue;
            }
            if whole_count(typed).is_none() {
                findings.push(rule.finding(
                    Location::Deduction(deduction.code.clone()),
                    None,
                    "请填写发生次数（0或正整数）。".to_owned(),
                ));
            }
        }
    },
};

pub const CONDITION_UNANSWERED: Rule = Rule {
    code: "condition-unanswered",
    severity: Severity::Error,
    name: "否决事项未答",
    description: "一票否决、降等、不得评优的每一项都要回答“是”或“否”，自评报告要写明有无此类情况。",
    check: |context, rule, findings| {
        let Some(scoring) = &context.framework.scoring else { return };
        for condition in &scoring.conditions {
            let answered =
                context.draft.conditions.get(&condition.code).is_some_and(|answer| answer.occurred.is_some());
            if !answered {
                findings.push(rule.finding(
                    Location::Condition(condition.code.clone()),
                    None,
                    format!("请回答（{}）。", condition.effect.label_zh()),
                ));
            }
        }
    },
};

pub const CONDITION_UNEXPLAINED: Rule = Rule {
    code: "condition-unexplained",
    severity: Severity::Warning,
    name: "否决事项未说明",
    description: "回答“是”的否决或降等事项，应写明发生的情况及处理结果。",
    check: |context, rule, findings| {
        let Some(scoring) = &context.framework.scoring else { return };
        for condition in &scoring.conditions {
            let Some(answer) = context.draft.conditions.get(&condition.code) else { continue };
            if answer.occurred == Some(true) && answer.explanation.trim().is_empty() {
                findings.push(rule.finding(
                    Location::Condition(condition.code.clone()),
                    None,
                    format!("回答为“是”（{}），请写明情况。", condition.effect.label_zh()),
                ));
            }
        }
    },
};

pub const CONDITION_ROW_CONFLICT: Rule = Rule {
    code: "condition-row-conflict",
    severity: Severity::Error,
    name: "否决事项与得分矛盾",
    description: "评分细则写明发生某情形时该项不得分的，该情形回答“是”后，该项自评得分应为0；否则打分表前后矛盾。",
    check: |context, rule, findings| {
        let Some(scoring) = &context.framework.scoring else { return };
        let Some(sheet) = context.score_sheet() else { return };
        for condition in scoring.conditions.iter().filter(|condition| condition.row_scores_nothing) {
            let answered_yes = context.draft.conditions.get(&condition.code).and_then(|answer| answer.occurred);
            let Some(row) = sheet.row(&condition.row).filter(|_| answered_yes == Some(true)) else { continue };
            let Some(score) = row.score.filter(|score| *score > Points::ZERO) else { continue };
            // At the score, which is what has to change, with the fix that makes it 0.
            let location = Location::Score(condition.row.clone());
            let typed = context.draft.score_raw(&condition.row).to_owned();
            let mut finding = rule.finding(
                location.clone(),
                None,
                format!(
                    "“{}”已回答为“是”，按评分细则该项不得分，自评得分应为0分（现为{score}分）。",
                    condition.question
                ),
            );
            finding.fix =
                Some(super::Fix { location, range: 0..typed.len(), expected: typed, replacement: "0".to_owned() });
            findings.push(finding);
        }
    },
};

pub const REPORT_TOTAL_DIFFERS: Rule = Rule {
    code: "report-total-differs",
    severity: Severity::Error,
    name: "报告总分与打分表不符",
    description: "报告正文写的自评总分应与打分表计算的总分一致，评估组会逐一核对。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        if sheet.unscored > 0 {
            return;
        }
        for field in &context.fields {
            let mut rest = 0;
            while let Some((range, stated)) = super::scan::stated_total(&field.text[rest..]) {
                let range = range.start + rest..range.end + rest;
                rest = range.end;
                let Ok(Some(stated)) = Points::parse(&stated) else { continue };
                if stated != sheet.total {
                    findings.push(rule.finding(
                        field.location.clone(),
                        Some(range.clone()),
                        format!("正文写自评总分{stated}分，打分表合计为{}分。", sheet.total),
                    ));
                }
            }
        }
    },
};

pub const DEDUCTION_UNEXPLAINED: Rule = Rule {
    code: "deduction-unexplained",
    severity: Severity::Warning,
    name: "扣分项未说明",
    description: "扣分项发生1次以上的，应写明发生的情况及处理结果，评估组据此核查。",
    check: |context, rule, findings| {
        let Some(scoring) = &context.framework.scoring else { return };
        for deduction in &scoring.deductions {
            let Some(entry) = context.draft.deductions.get(&deduction.code) else { continue };
            let occurred = typed_occurrences(&entry.occurrences).is_some_and(|count| count > Points::ZERO);
            if occurred && entry.explanation.trim().is_empty() {
                findings.push(rule.finding(
                    Location::Deduction(deduction.code.clone()),
                    None,
                    format!("发生{}次，请写明情况说明。", entry.occurrences.trim()),
                ));
            }
        }
    },
};

pub const EVIDENCE_INCOMPLETE: Rule = Rule {
    code: "evidence-incomplete",
    severity: Severity::Hint,
    name: "佐证材料未填全",
    description: "佐证材料目录的每一份材料应有名称，并写明文号或日期、提供单位，评估组按目录调阅。",
    check: |context, rule, findings| {
        let Some(sheet) = context.score_sheet() else { return };
        for TypedRow { code, .. } in typed_rows(context, sheet) {
            let Some(entry) = context.draft.scores.get(code) else { continue };
            for (index, evidence) in entry.evidence.iter().enumerate() {
                let parts = [&evidence.title, &evidence.reference, &evidence.provider];
                let filled = parts.iter().filter(|part| !part.trim().is_empty()).count();
                let message = if filled == 0 && evidence.files.is_empty() {
                    format!("第{}份佐证材料是空行，可删除。", index + 1)
                } else if filled == 0 {
                    format!("第{}份佐证材料附了{}个文件，但没有材料名称。", index + 1, evidence.files.len())
                } else if evidence.title.trim().is_empty() {
                    format!("第{}份佐证材料没有材料名称。", index + 1)
                } else if filled < 3 {
                    format!("第{}份佐证材料（{}）缺少文号或日期、提供单位。", index + 1, evidence.title.trim())
                } else {
                    continue;
                };
                findings.push(rule.finding(Location::Score(code.to_owned()), None, message));
            }
        }
    },
};
