//! The score sheet of a draft: every scored row's typed score and proposal, sums per item and
//! area, bonus against its cap, 扣分项, the total, and the grade after the conditions.
//!
//! Invariant: everything here is derived from the framework and the draft, exactly (decimal
//! [`Points`]), and recomputed rather than stored; a score typed wrongly counts as not scored, so
//! a total never includes text that is not a number.

use crate::draft::Draft;
use crate::figure::{display_number, parse_figure};
use crate::framework::{ConditionEffect, FigureDeduction, Framework, ScoreRow};
use crate::points::{Points, PointsInputError};

/// A score the app proposes from a figure, with the arithmetic the user reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub score: Points,
    /// "应不少于2次，实际1次，少1次，扣0.2分".
    pub arithmetic: String,
}

/// One row of the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct RowScore<'a> {
    pub row: ScoreRow<'a>,
    /// The row's typed score (leaves) as read: `Ok(None)` when empty.
    pub typed: Result<Option<Points>, PointsInputError>,
    /// For a parent, the sum of its leaves' scores; for a leaf, its typed score when readable.
    pub score: Option<Points>,
    /// Leaves below (or the row itself) not yet scored or scored wrongly.
    pub unscored: usize,
    pub proposal: Option<Proposal>,
}

/// The grade after the conditions, and why it differs from the grade of the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grade {
    pub name: String,
    /// The grade the total alone gives.
    pub by_total: String,
    /// "一票否决：…", one per condition answered 是 that changed the grade.
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScoreSheet<'a> {
    /// Areas, items, 观测点 and sub-points in document order.
    pub rows: Vec<RowScore<'a>>,
    /// Bonus items with their typed scores.
    pub bonus_rows: Vec<(&'a crate::framework::ScoredPoint, Result<Option<Points>, PointsInputError>)>,
    /// Full marks of the rows (bonus excluded).
    pub full_marks: Points,
    /// Sum of the rows' readable scores.
    pub base: Points,
    pub bonus_claimed: Points,
    /// The bonus counted: what was claimed, up to the cap.
    pub bonus_counted: Points,
    pub bonus_cap: Option<Points>,
    /// Points taken by 扣分项.
    pub deducted: Points,
    pub total: Points,
    /// Leaves not yet scored (or scored wrongly).
    pub unscored: usize,
    pub grade: Option<Grade>,
    /// Conditions answered 是, by code.
    pub conditions_met: Vec<&'a str>,
    /// Conditions not answered yet.
    pub conditions_open: usize,
    /// Their codes.
    pub open_conditions: Vec<&'a str>,
}

impl<'a> ScoreSheet<'a> {
    /// The sheet of `draft`; `None` when the framework has no points.
    pub fn compute(framework: &'a Framework, draft: &Draft) -> Option<ScoreSheet<'a>> {
        let scoring = framework.scoring.as_ref()?;
        let rows = framework.score_rows();
        let mut scored: Vec<RowScore<'a>> = rows
            .into_iter()
            .map(|row| {
                let typed = if row.is_leaf { Points::parse(draft.score_raw(row.code)) } else { Ok(None) };
                let proposal = if row.is_leaf {
                    row.deduction.and_then(|deduction| {
                        propose(framework, draft, row.points?, deduction, framework.floors_at_zero(row.floor_at_zero))
                    })
                } else {
                    None
                };
                // A score outside 0…points or off the step is not counted: the validator reports
                // it, totals skip it (a total never includes a score marked 错误).
                let floor = if framework.floors_at_zero(row.floor_at_zero) {
                    Points::ZERO
                } else {
                    Points::from_thousandths(i64::MIN / 2)
                };
                let step = framework.step_of(row.step);
                let score = typed.ok().flatten().filter(|score| {
                    *score >= floor && row.points.is_none_or(|p| *score <= p) && score.is_multiple_of(step)
                });
                let unscored = usize::from(row.is_leaf && score.is_none());
                RowScore { row, typed, score, unscored, proposal }
            })
            .collect();
        // Sums bottom-up: a row's leaves are the rows after it at a deeper level, up to the next
        // row at its level or above.
        for index in (0..scored.len()).rev() {
            if scored[index].row.is_leaf {
                continue;
            }
            let level = scored[index].row.level;
            let mut sum = Points::ZERO;
            let mut any = false;
            let mut unscored = 0;
            for below in scored[index + 1..].iter().take_while(|below| below.row.level > level) {
                if below.row.is_leaf {
                    unscored += below.unscored;
                    if let Some(score) = below.score {
                        sum += score;
                        any = true;
                    }
                }
            }
            scored[index].score = any.then_some(sum);
            scored[index].unscored = unscored;
        }
        let leaves = || scored.iter().filter(|row| row.row.is_leaf);
        let full_marks: Points = leaves().filter_map(|row| row.row.points).sum();
        let base: Points = leaves().filter_map(|row| row.score).sum();
        let unscored = leaves().map(|row| row.unscored).sum();

        let bonus_rows: Vec<_> =
            framework.bonus_items().iter().map(|item| (item, Points::parse(draft.score_raw(&item.code)))).collect();
        let bonus_claimed: Points = bonus_rows
            .iter()
            .filter_map(|(item, typed)| (*typed).ok().flatten().filter(|p| !p.is_negative() && *p <= item.points))
            .sum();
        let bonus_cap = scoring.bonus.as_ref().map(|bonus| bonus.cap);
        let bonus_counted = bonus_cap.map_or(bonus_claimed, |cap| bonus_claimed.min(cap));

        let deducted: Points = scoring
            .deductions
            .iter()
            .map(|deduction| {
                let typed = draft.deductions.get(&deduction.code).map_or("", |entry| entry.occurrences.as_str());
                let occurrences = whole_count(typed).unwrap_or(0);
                let taken = deduction.per_occurrence * occurrences;
                deduction.cap.map_or(taken, |cap| taken.min(cap))
            })
            .sum();
        let mut total = base + bonus_counted - deducted;
        if scoring.floor_at_zero {
            total = total.max(Points::ZERO);
        }

        let answer = |code: &str| draft.conditions.get(code).and_then(|answer| answer.occurred);
        let conditions_met: Vec<&'a str> = scoring
            .conditions
            .iter()
            .filter(|condition| answer(&condition.code) == Some(true))
            .map(|condition| condition.code.as_str())
            .collect();
        let open_conditions: Vec<&'a str> = scoring
            .conditions
            .iter()
            .filter(|condition| answer(&condition.code).is_none())
            .map(|condition| condition.code.as_str())
            .collect();
        let conditions_open = open_conditions.len();
        let mut sheet = ScoreSheet {
            rows: scored,
            bonus_rows,
            full_marks,
            base,
            bonus_claimed,
            bonus_counted,
            bonus_cap,
            deducted,
            total,
            unscored,
            conditions_met,
            conditions_open,
            open_conditions,
            grade: None,
        };
        // No grade before anything is scored: "0分，不合格" would read as a result.
        if sheet.anything_scored() {
            sheet.grade = grade_of(framework, sheet.total, &sheet.conditions_met);
        }
        Some(sheet)
    }

    pub fn row(&self, code: &str) -> Option<&RowScore<'a>> {
        self.rows.iter().find(|row| row.row.code == code)
    }

    /// The closing sentence of a scored report: "经自评，总得分86.5分（其中加分2分），等次为良好，无一票否决情况。"
    /// Whether any row (or bonus item) holds a counted score.
    pub fn anything_scored(&self) -> bool {
        self.rows.iter().any(|row| row.row.is_leaf && row.score.is_some()) || self.bonus_claimed > Points::ZERO
    }

    pub fn summary_sentence(&self, framework: &Framework) -> String {
        let mut sentence = format!("经自评，总得分{}分", self.total);
        if self.bonus_counted > Points::ZERO {
            sentence.push_str(&format!("（其中加分{}分）", self.bonus_counted));
        }
        if self.deducted > Points::ZERO {
            sentence.push_str(&format!("，扣分项扣{}分", self.deducted));
        }
        if let Some(grade) = &self.grade {
            sentence.push_str(&format!("，自评等次为{}", grade.name));
            if grade.name != grade.by_total {
                sentence.push_str(&format!("（按总分为{}，因{}）", grade.by_total, grade.reasons.join("，")));
            }
        }
        // "无一票否决" is only said once every veto question is answered 否.
        let vetoes: Vec<_> = framework
            .scoring
            .iter()
            .flat_map(|scoring| scoring.conditions.iter())
            .filter(|condition| condition.effect == ConditionEffect::Veto)
            .collect();
        let vetoed = vetoes.iter().any(|condition| self.conditions_met.contains(&condition.code.as_str()));
        let all_answered = vetoes.iter().all(|condition| !self.open_conditions.contains(&condition.code.as_str()));
        if vetoed {
            sentence.push_str("，存在“一票否决”情况");
        } else if !vetoes.is_empty() && all_answered {
            sentence.push_str("，无“一票否决”情况");
        }
        sentence.push('。');
        sentence
    }
}

/// "7.5 / 10分", or "— / 10分" while nothing below is scored: how a score stands beside its points.
pub fn score_of(score: Option<Points>, points: Option<Points>) -> String {
    let score = score.map_or_else(|| "—".to_owned(), |score| score.to_string());
    match points {
        Some(points) => format!("{score} / {points}分"),
        None => format!("{score}分"),
    }
}

/// A 扣分项's occurrences as typed (`3`, `３`, `3次`, `2起`), read as a number; `None` when empty
/// or not a number. The sheet and the rules read them this one way.
pub fn typed_occurrences(raw: &str) -> Option<Points> {
    Points::parse(raw.trim().trim_end_matches(['次', '起', '个'])).ok().flatten()
}

/// The occurrences when they are a whole, non-negative count; anything else is reported by the
/// validator and counts as none.
pub fn whole_count(raw: &str) -> Option<i64> {
    typed_occurrences(raw)
        .filter(|count| !count.is_negative() && count.is_multiple_of(Points::whole(1)))
        .map(|count| count.thousandths() / 1000)
}

/// The score a figure-driven deduction proposes, when the figure is filled and readable.
fn propose(
    framework: &Framework,
    draft: &Draft,
    points: Points,
    deduction: &FigureDeduction,
    floor_at_zero: bool,
) -> Option<Proposal> {
    let figure = framework.figure(&deduction.figure)?;
    let value = parse_figure(figure, draft.figure_raw(&figure.id)).ok()??.as_number();
    let (target, gap, target_word, gap_word) = match (deduction.at_least, deduction.at_most) {
        (Some(target), _) => (target, target - value, "应不少于", "少"),
        (None, Some(target)) => (target, value - target, "应不超过", "超出"),
        (None, None) => return None,
    };
    let unit = figure.unit.as_str();
    let gap_unit = if unit == "%" { "个百分点" } else { unit };
    // A part of `per` counts as a whole one; the epsilon keeps 2.0000000001 from being 3 units.
    let units = if gap > 0.0 { (gap / deduction.per - 1e-9).ceil().max(1.0) as i64 } else { 0 };
    let mut taken = deduction.deduct * units;
    let capped = floor_at_zero && taken > points;
    if capped {
        taken = points;
    }
    let score = points - taken;
    let arithmetic = if units == 0 {
        format!("{target_word}{}{unit}，实际{}{unit}，不扣分", display_number(target), display_number(value))
    } else {
        let capped = if capped { "，扣完为止" } else { "" };
        format!(
            "{target_word}{}{unit}，实际{}{unit}，{gap_word}{}{gap_unit}，扣{}分{capped}",
            display_number(target),
            display_number(value),
            display_number((gap * 1000.0).round() / 1000.0),
            taken
        )
    };
    Some(Proposal { score, arithmetic })
}

/// A condition's question as the fact a 是 states: "是否发生重大安全事故" → "发生重大安全事故".
fn fact_of(question: &str) -> String {
    let question = question.trim().trim_end_matches(['？', '?']);
    match question.find("是否") {
        Some(at) => format!("{}{}", &question[..at], &question[at + "是否".len()..]),
        None => question.to_owned(),
    }
}

/// The grade of `total`, then the conditions answered 是: 降一个等次, 不得评为优秀, 一票否决.
fn grade_of(framework: &Framework, total: Points, conditions_met: &[&str]) -> Option<Grade> {
    let scoring = framework.scoring.as_ref()?;
    let bands = &scoring.grades;
    let last = bands.len().checked_sub(1)?;
    let by_total = bands.iter().position(|band| total >= band.at_least).unwrap_or(last);
    let mut index = by_total;
    let mut reasons = Vec::new();
    let met = |effect: ConditionEffect| {
        scoring
            .conditions
            .iter()
            .filter(move |condition| condition.effect == effect && conditions_met.contains(&condition.code.as_str()))
    };
    // Any number of 降等 conditions drop one grade ("有下列情形之一的，降一个等次").
    let facts = |effect: ConditionEffect| met(effect).map(|condition| fact_of(&condition.question)).collect::<Vec<_>>();
    let dropped = facts(ConditionEffect::DropGrade);
    if !dropped.is_empty() {
        index = (index + 1).min(last);
        reasons.push(format!("{}降一个等次", dropped.join("、")));
    }
    let not_excellent = facts(ConditionEffect::NotExcellent);
    if !not_excellent.is_empty() {
        if index == 0 {
            index = 1.min(last);
        }
        reasons.push(format!("{}不得评为{}", not_excellent.join("、"), bands[0].name));
    }
    let vetoed = facts(ConditionEffect::Veto);
    if !vetoed.is_empty() {
        index = last;
        reasons.push(format!("{}一票否决", vetoed.join("、")));
    }
    Some(Grade { name: bands[index].name.clone(), by_total: bands[by_total].name.clone(), reasons })
}
