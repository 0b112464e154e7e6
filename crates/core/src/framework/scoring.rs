//! The scored part of a framework: points on areas, items, 观测点 and sub-points, the 评分细则, a
//! deduction a figure drives, and the framework-wide rules (bonus with its cap, 扣分项, 一票否决 /
//! 降等 / 不得评优 conditions, grade bands).
//!
//! Invariant (checked on load by [`Framework::scoring_problems`]): in a scored framework every
//! parent's points equal the sum of its children's where both are given, the leaves add up to
//! `scoring.total`, codes are unique across every kind of node, and every figure a deduction names
//! exists and is a number. A framework with no points anywhere has `scoring == None` and shows no
//! score at all.

use super::{Area, FigureKind, Framework, Item};
use crate::points::Points;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// How a scored framework scores, beside the points on its rows.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Full marks of the rows together (100 for 百分制), bonus not included. When given, the
    /// leaves must add up to it.
    #[serde(default)]
    pub total: Option<Points>,
    /// Scores go in steps of this ("以0.1分递减计分"); 0 allows any score to three decimals.
    #[serde(default = "default_step")]
    pub step: Points,
    /// "扣完为止": no row scores below 0.
    #[serde(default = "default_true")]
    pub floor_at_zero: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus: Option<Bonus>,
    /// 扣分项: points taken from the total per occurrence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<Deduction>,
    /// 一票否决, 降一个等次, 不得评为优秀: yes/no questions the self-evaluation answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Grades by total, highest first (优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 65, 不合格 ≥ 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<GradeBand>,
    /// Whether the report prints "（X分，自评得分Y分）" after each area heading.
    #[serde(default)]
    pub report_area_scores: bool,
}

impl Scoring {
    /// Scoring by the rows' points alone: no stated total (leaves add up to what they add up to),
    /// any score to three decimals, floor 0, no bonus, 扣分项, conditions or grades.
    pub fn plain(report_area_scores: bool) -> Scoring {
        Scoring {
            total: None,
            step: Points::ZERO,
            floor_at_zero: true,
            bonus: None,
            deductions: Vec::new(),
            conditions: Vec::new(),
            grades: Vec::new(),
            report_area_scores,
        }
    }
}

fn default_step() -> Points {
    Points::from_thousandths(100)
}

fn default_true() -> bool {
    true
}

/// 加分项: points beyond full marks, each item to its own maximum, all together to `cap`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    #[serde(default = "default_bonus_title")]
    pub title: String,
    pub cap: Points,
    pub items: Vec<ScoredPoint>,
}

fn default_bonus_title() -> String {
    "加分项".to_owned()
}

/// 扣分项: e.g. "发生校园安全责任事故，每起扣2分".
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    pub code: String,
    pub title: String,
    pub per_occurrence: Points,
    /// The most this deduction takes; none: no limit.
    #[serde(default)]
    pub cap: Option<Points>,
    #[serde(default)]
    pub basis: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_units: Vec<String>,
}

/// A yes/no question with an effect on the grade when the answer is 是.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub code: String,
    /// Worded so that 是 is the bad answer: "是否发生重大校园安全责任事故".
    pub question: String,
    pub effect: ConditionEffect,
    #[serde(default)]
    pub basis: String,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionEffect {
    /// 一票否决: the lowest grade whatever the total.
    Veto,
    /// 降一个等次.
    DropGrade,
    /// 不得评为优秀: at best the second grade.
    NotExcellent,
}

impl ConditionEffect {
    pub fn label_zh(self) -> &'static str {
        match self {
            ConditionEffect::Veto => "一票否决",
            ConditionEffect::DropGrade => "降一个等次",
            ConditionEffect::NotExcellent => "不得评为优秀",
        }
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub name: String,
    /// The lowest total of this grade.
    pub at_least: Points,
}

/// A 观测点 (or a sub-point below one, or a bonus item): a row the user scores.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredPoint {
    pub code: String,
    pub title: String,
    pub points: Points,
    /// 评价要点: the official wording of what is evaluated (distinct from our `guidance`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criteria: String,
    /// 评分细则 / 计分方法, as the framework words it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scoring_rule: String,
    /// 责任单位 (教育局, 财政局…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_units: Vec<String>,
    /// 佐证材料 the row is usually proven with (names only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Overrides the framework's step for this row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Points>,
    /// Overrides the framework's "扣完为止" (false: this row may go below 0, 倒扣).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_at_zero: Option<bool>,
    /// A deduction computed from a figure: the app proposes the score from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduction: Option<FigureDeduction>,
    /// Sub-points (the fourth level); a point with sub-points is scored by their sum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_points: Vec<ScoredPoint>,
}

/// "应不少于2次，每少1次扣0.2分，扣完为止": the points lost per unit a figure falls short of (or
/// goes over) a target.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureDeduction {
    /// The figure's id.
    pub figure: String,
    /// The figure should be at least this (deduct per unit short)…
    #[serde(default)]
    pub at_least: Option<f64>,
    /// …or at most this (deduct per unit over, e.g. per 大班额 class).
    #[serde(default)]
    pub at_most: Option<f64>,
    /// How many of the figure's units make one deduction (每少1次; 每低2个百分点).
    #[serde(default = "default_per")]
    pub per: f64,
    /// Points deducted per `per` short or over; a part of `per` counts as a whole one.
    pub deduct: Points,
}

fn default_per() -> f64 {
    1.0
}

/// Which level of the framework a scored row is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowLevel {
    /// 一级指标 (an area).
    Area,
    /// 二级指标 (an item).
    Item,
    /// 观测点.
    Point,
    /// A sub-point of a 观测点.
    SubPoint,
}

/// One row of the scored tree, in document order, whatever the level: what the score sheet, the
/// form and the 自评打分表 walk.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreRow<'a> {
    pub level: RowLevel,
    pub code: &'a str,
    pub title: &'a str,
    pub points: Option<Points>,
    pub criteria: &'a str,
    pub scoring_rule: &'a str,
    pub responsible_units: &'a [String],
    pub evidence: &'a [String],
    /// The row's own step, if it overrides the framework's.
    pub step: Option<Points>,
    /// The row's own "扣完为止", if it overrides the framework's.
    pub floor_at_zero: Option<bool>,
    pub deduction: Option<&'a FigureDeduction>,
    /// The item the row is or belongs to (none for an area): where the form shows it.
    pub item_code: Option<&'a str>,
    /// Whether the user types this row's score (it has points and no scored rows below it).
    pub is_leaf: bool,
}

impl Item {
    /// Whether the item is scored by its 观测点 rather than directly.
    pub fn has_points_below(&self) -> bool {
        !self.observation_points.is_empty()
    }
}

fn point_rows<'a>(points: &'a [ScoredPoint], level: RowLevel, item: &'a str, rows: &mut Vec<ScoreRow<'a>>) {
    for point in points {
        rows.push(ScoreRow {
            level,
            code: &point.code,
            title: &point.title,
            points: Some(point.points),
            criteria: &point.criteria,
            scoring_rule: &point.scoring_rule,
            responsible_units: &point.responsible_units,
            evidence: &point.evidence,
            step: point.step,
            floor_at_zero: point.floor_at_zero,
            deduction: point.deduction.as_ref(),
            item_code: Some(item),
            is_leaf: point.sub_points.is_empty(),
        });
        point_rows(&point.sub_points, RowLevel::SubPoint, item, rows);
    }
}

impl Framework {
    /// Whether the framework has points (and so score inputs, totals and the 自评打分表).
    pub fn is_scored(&self) -> bool {
        self.scoring.is_some()
    }

    /// Every row of the scored tree, area by area, in document order.
    pub fn score_rows(&self) -> Vec<ScoreRow<'_>> {
        let mut rows = Vec::new();
        for area in &self.areas {
            rows.push(ScoreRow {
                level: RowLevel::Area,
                code: &area.code,
                title: &area.title,
                points: area.points.or_else(|| area_points_from_items(area)),
                criteria: "",
                scoring_rule: "",
                responsible_units: &area.responsible_units,
                evidence: &[],
                step: None,
                floor_at_zero: None,
                deduction: None,
                item_code: None,
                is_leaf: false,
            });
            for item in &area.items {
                rows.push(ScoreRow {
                    level: RowLevel::Item,
                    code: &item.code,
                    title: &item.title,
                    points: item.points.or_else(|| {
                        item.has_points_below().then(|| item.observation_points.iter().map(|p| p.points).sum())
                    }),
                    criteria: &item.criteria,
                    scoring_rule: &item.scoring_rule,
                    responsible_units: &item.responsible_units,
                    evidence: &item.evidence,
                    step: item.step,
                    floor_at_zero: item.floor_at_zero,
                    deduction: item.deduction.as_ref(),
                    item_code: Some(&item.code),
                    is_leaf: item.points.is_some() && !item.has_points_below(),
                });
                point_rows(&item.observation_points, RowLevel::Point, &item.code, &mut rows);
            }
        }
        rows
    }

    /// The rows a user scores (leaves), without the bonus items.
    pub fn scored_leaves(&self) -> impl Iterator<Item = ScoreRow<'_>> {
        self.score_rows().into_iter().filter(|row| row.is_leaf)
    }

    /// The title of a scored row, bonus item, 扣分项 or condition by its code.
    pub fn scored_title(&self, code: &str) -> Option<&str> {
        if let Some(row) = self.score_rows().into_iter().find(|row| row.code == code) {
            return Some(row.title);
        }
        let scoring = self.scoring.as_ref()?;
        self.bonus_items()
            .iter()
            .find(|item| item.code == code)
            .map(|item| item.title.as_str())
            .or_else(|| scoring.deductions.iter().find(|d| d.code == code).map(|d| d.title.as_str()))
            .or_else(|| scoring.conditions.iter().find(|c| c.code == code).map(|c| c.question.as_str()))
    }

    /// The item a scored row is or belongs to; `None` for bonus items and unknown codes.
    pub fn item_of_scored_row(&self, code: &str) -> Option<&str> {
        self.score_rows().into_iter().find(|row| row.code == code).and_then(|row| row.item_code)
    }

    /// Bonus items as rows the user scores (no item, no area of their own).
    pub fn bonus_rows(&self) -> Vec<ScoreRow<'_>> {
        let mut rows = Vec::new();
        for item in self.bonus_items() {
            rows.push(ScoreRow {
                level: RowLevel::Point,
                code: &item.code,
                title: &item.title,
                points: Some(item.points),
                criteria: &item.criteria,
                scoring_rule: &item.scoring_rule,
                responsible_units: &item.responsible_units,
                evidence: &item.evidence,
                step: item.step,
                floor_at_zero: item.floor_at_zero,
                deduction: item.deduction.as_ref(),
                item_code: None,
                is_leaf: true,
            });
        }
        rows
    }

    /// Bonus items, empty when the framework has none.
    pub fn bonus_items(&self) -> &[ScoredPoint] {
        self.scoring.as_ref().and_then(|scoring| scoring.bonus.as_ref()).map_or(&[], |bonus| bonus.items.as_slice())
    }

    /// The score step of a row: its own, or the framework's.
    pub fn step_of(&self, own: Option<Points>) -> Points {
        own.or_else(|| self.scoring.as_ref().map(|scoring| scoring.step)).unwrap_or(Points::ZERO)
    }

    /// Whether a row's score stops at 0: its own setting, or the framework's.
    pub fn floors_at_zero(&self, own: Option<bool>) -> bool {
        own.unwrap_or_else(|| self.scoring.as_ref().is_none_or(|scoring| scoring.floor_at_zero))
    }

    /// A framework with points but no `scoring` section (a version-1 file with `max_score`) is
    /// scored with the defaults: leaves add up to the total, steps of 0 (any score), floor 0.
    pub(super) fn settle_scoring(&mut self) {
        let has_points = self.areas.iter().any(|area| {
            area.points.is_some() || area.items.iter().any(|item| item.points.is_some() || item.has_points_below())
        });
        if self.scoring.is_none() && has_points {
            self.scoring = Some(Scoring::plain(false));
        }
    }

    /// Every problem of the scored part, each naming its row.
    pub(super) fn scoring_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(scoring) = &self.scoring else { return problems };
        // Owned: the codes checked come from rows of several lifetimes.
        let mut codes: HashSet<String> = self.items().map(|(_, item)| item.code.clone()).collect();
        codes.extend(self.areas.iter().map(|area| area.code.clone()));
        let mut check_code = |code: &str, problems: &mut Vec<String>| {
            if !codes.insert(code.to_owned()) {
                problems.push(format!("编码“{code}”重复"));
            }
        };
        let mut points_with_code: Vec<(&str, Option<Points>, Option<&FigureDeduction>, Points)> = Vec::new();
        for area in &self.areas {
            let item_sum: Option<Points> = area_points_from_items(area);
            if let (Some(stated), Some(sum)) = (area.points, item_sum) {
                if stated != sum {
                    problems.push(format!("一级指标“{}”的分值{stated}分与其二级指标分值之和{sum}分不一致", area.title));
                }
            }
            if area.points.is_some() && item_sum.is_none() {
                problems.push(format!("一级指标“{}”有分值，但其二级指标都没有分值", area.title));
            }
            for item in &area.items {
                if item.has_points_below() {
                    let sum: Points = item.observation_points.iter().map(|point| point.points).sum();
                    if let Some(stated) = item.points {
                        if stated != sum {
                            problems.push(format!(
                                "二级指标“{}”的分值{stated}分与其观测点分值之和{sum}分不一致",
                                item.title
                            ));
                        }
                    }
                }
                if let Some(points) = item.points.filter(|_| !item.has_points_below()) {
                    points_with_code.push((&item.code, item.step, item.deduction.as_ref(), points));
                }
                for point in &item.observation_points {
                    check_code(&point.code, &mut problems);
                    check_point(point, &mut problems, &mut points_with_code, &mut check_code, false);
                }
            }
        }
        if let Some(bonus) = &scoring.bonus {
            for item in &bonus.items {
                check_code(&item.code, &mut problems);
                check_point(item, &mut problems, &mut points_with_code, &mut check_code, true);
            }
            if bonus.cap <= Points::ZERO {
                problems.push("加分项的上限应大于0".to_owned());
            }
        }
        for deduction in &scoring.deductions {
            check_code(&deduction.code, &mut problems);
            if deduction.per_occurrence <= Points::ZERO {
                problems.push(format!("扣分项“{}”每次扣分应大于0", deduction.title));
            }
        }
        for condition in &scoring.conditions {
            check_code(&condition.code, &mut problems);
        }
        if let Some(total) = scoring.total {
            let sum: Points = self.scored_leaves().filter_map(|row| row.points).sum();
            if sum != total {
                problems.push(format!("各观测点分值之和为{sum}分，与总分{total}分不一致"));
            }
        }
        for window in scoring.grades.windows(2) {
            if window[0].at_least <= window[1].at_least {
                problems.push(format!("等次“{}”的最低分应高于“{}”", window[0].name, window[1].name));
            }
        }
        if scoring.conditions.iter().any(|condition| condition.effect != ConditionEffect::Veto)
            && scoring.grades.len() < 2
        {
            problems.push("有降等或不得评优的条件时，应设置至少两个等次".to_owned());
        }
        for (code, own_step, deduction, points) in points_with_code {
            let step = self.step_of(own_step);
            if !points.is_multiple_of(step) {
                problems.push(format!("“{code}”的分值{points}分不是计分步长{step}分的整数倍"));
            }
            if points.is_negative() {
                problems.push(format!("“{code}”的分值不能为负"));
            }
            if let Some(deduction) = deduction {
                problems.extend(self.deduction_problems(code, deduction));
            }
        }
        problems
    }

    fn deduction_problems(&self, code: &str, deduction: &FigureDeduction) -> Vec<String> {
        let mut problems = Vec::new();
        match self.figure(&deduction.figure) {
            None => problems.push(format!("“{code}”的扣分规则引用了不存在的数据项“{}”", deduction.figure)),
            Some(figure) if matches!(figure.kind, FigureKind::Ratio | FigureKind::Year) => {
                problems.push(format!("“{code}”的扣分规则所用数据项“{}”不是可比较的数量", figure.label))
            }
            Some(_) => {}
        }
        if deduction.at_least.is_some() == deduction.at_most.is_some() {
            problems.push(format!("“{code}”的扣分规则应在“应不少于”（at_least）与“应不多于”（at_most）中恰好填写一个"));
        }
        if deduction.per.is_nan() || deduction.per <= 0.0 || deduction.deduct <= Points::ZERO {
            problems.push(format!("“{code}”的扣分规则中“每差多少”（per）与“每次扣分”（deduct）应大于0"));
        }
        problems
    }
}

fn check_point<'a>(
    point: &'a ScoredPoint,
    problems: &mut Vec<String>,
    leaves: &mut Vec<(&'a str, Option<Points>, Option<&'a FigureDeduction>, Points)>,
    check_code: &mut impl FnMut(&str, &mut Vec<String>),
    is_bonus: bool,
) {
    if point.sub_points.is_empty() {
        leaves.push((&point.code, point.step, point.deduction.as_ref(), point.points));
        return;
    }
    if is_bonus {
        problems.push(format!("加分项“{}”不能再分子项", point.title));
    }
    let sum: Points = point.sub_points.iter().map(|sub| sub.points).sum();
    if sum != point.points {
        problems.push(format!("观测点“{}”的分值{}分与其子项分值之和{sum}分不一致", point.title, point.points));
    }
    for sub in &point.sub_points {
        check_code(&sub.code, problems);
        if !sub.sub_points.is_empty() {
            problems.push(format!("“{}”层级过深：指标体系最多四级（领域、指标、观测点、子项）", sub.title));
        }
        leaves.push((&sub.code, sub.step, sub.deduction.as_ref(), sub.points));
    }
}

/// An area's points as the sum of its items' (each item's own or its 观测点's), when any has points.
fn area_points_from_items(area: &Area) -> Option<Points> {
    let mut any = false;
    let mut sum = Points::ZERO;
    for item in &area.items {
        let points = item
            .points
            .or_else(|| item.has_points_below().then(|| item.observation_points.iter().map(|p| p.points).sum()));
        if let Some(points) = points {
            any = true;
            sum += points;
        }
    }
    any.then_some(sum)
}
