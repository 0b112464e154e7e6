//! The scored part of a framework: points on areas, items, 观测点 and sub-points, the 评分细则, a
//! deduction a figure drives, and the framework-wide rules (bonus with its cap, 扣分项, 一票否决 /
//! 降等 / 不得评优 conditions, grade bands).
//!
//! Invariant (checked on load by [`Framework::scoring_problems`]): in a scored framework every
//! parent's points equal the sum of its children's where both are given, the leaves add up to
//! `scoring.total`, codes are unique across every kind of node, and every figure a deduction names
//! exists and is a number. A framework with no points anywhere has `scoring == None` and shows no
//! score at all.

use super::problem::{Problem, ProblemAt};
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
    /// What the conditions are called: "一票否决事项" where each is a veto, "否决与降等事项" where
    /// some lower or cap the grade.
    pub fn conditions_name(&self) -> &'static str {
        if self.conditions.iter().all(|condition| condition.effect == ConditionEffect::Veto) {
            "一票否决事项"
        } else {
            "否决与降等事项"
        }
    }

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
    /// The scored row whose 评分细则 states the condition ("出现…的，该项不得分且实行一票否决");
    /// empty for a framework-wide rule.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub row: String,
    /// Whether that row scores nothing when the condition occurs: a 是 beside points kept on the
    /// row is a conflict the validator reports.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub row_scores_nothing: bool,
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
    pub const ALL: [ConditionEffect; 3] =
        [ConditionEffect::Veto, ConditionEffect::DropGrade, ConditionEffect::NotExcellent];

    pub fn key(self) -> &'static str {
        match self {
            ConditionEffect::Veto => "veto",
            ConditionEffect::DropGrade => "drop_grade",
            ConditionEffect::NotExcellent => "not_excellent",
        }
    }

    pub fn from_key(key: &str) -> Option<ConditionEffect> {
        ConditionEffect::ALL.into_iter().find(|effect| effect.key() == key)
    }

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
    /// The notice's own numbering ("（12）", "C3"); empty: the code is shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
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

impl ScoredPoint {
    /// A row with its code, title and points, and nothing else yet.
    pub fn new(code: String, title: String, points: Points) -> ScoredPoint {
        ScoredPoint {
            code,
            number: String::new(),
            title,
            points,
            criteria: String::new(),
            scoring_rule: String::new(),
            responsible_units: Vec::new(),
            evidence: Vec::new(),
            step: None,
            floor_at_zero: None,
            deduction: None,
            sub_points: Vec::new(),
        }
    }
}

impl GradeBand {
    /// Bands as a reader reads them: "优秀≥90分、良好≥80分、合格≥60分、不合格".
    pub fn describe(bands: &[GradeBand]) -> String {
        bands
            .iter()
            .map(|band| {
                if band.at_least > Points::ZERO {
                    format!("{}≥{}分", band.name, band.at_least)
                } else {
                    band.name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    }
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
    /// The notice's own numbering of the row; empty when it has none.
    pub number: &'a str,
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

impl ScoreRow<'_> {
    /// What a reviewer knows the row by: the notice's numbering, else the code.
    pub fn shown_code(&self) -> &str {
        if self.number.is_empty() {
            self.code
        } else {
            self.number
        }
    }

    /// "（12）title" (or "A1.2.1 title"), as the row is named wherever a reviewer reads it.
    pub fn label(&self) -> String {
        label_of(self.shown_code(), self.title)
    }
}

/// A numbered title: "一、教育领导", "（12）会议", "A1.2 会议" — no space after a numbering that ends
/// in a mark.
pub fn label_of(number: &str, title: &str) -> String {
    if number.is_empty() {
        title.to_owned()
    } else if number.ends_with(['、', '．', '.', '）', ')', '：']) {
        format!("{number}{title}")
    } else {
        format!("{number} {title}")
    }
}

impl Item {
    /// Whether the item is scored by its 观测点 rather than directly.
    pub fn has_points_below(&self) -> bool {
        !self.observation_points.is_empty()
    }
}

impl ScoredPoint {
    /// The point as a row at `level`, under the item `item` (none for a bonus item); a leaf when it
    /// has no sub-points.
    pub fn row<'a>(&'a self, level: RowLevel, item: Option<&'a str>) -> ScoreRow<'a> {
        ScoreRow {
            level,
            code: &self.code,
            number: &self.number,
            title: &self.title,
            points: Some(self.points),
            criteria: &self.criteria,
            scoring_rule: &self.scoring_rule,
            responsible_units: &self.responsible_units,
            evidence: &self.evidence,
            step: self.step,
            floor_at_zero: self.floor_at_zero,
            deduction: self.deduction.as_ref(),
            item_code: item,
            is_leaf: self.sub_points.is_empty(),
        }
    }
}

fn point_rows<'a>(points: &'a [ScoredPoint], level: RowLevel, item: &'a str, rows: &mut Vec<ScoreRow<'a>>) {
    for point in points {
        rows.push(point.row(level, Some(item)));
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
                number: &area.number,
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
                    number: &item.number,
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

    /// Full marks as the rows give them: the points of the scored leaves, bonus not included (what
    /// `Scoring::total` must equal where a framework states it).
    pub fn leaf_points(&self) -> Points {
        self.scored_leaves().filter_map(|row| row.points).sum()
    }

    /// Every code the user scores: the tree's leaves, then the bonus items.
    pub fn user_scored_codes(&self) -> Vec<&str> {
        self.scored_leaves()
            .map(|row| row.code)
            .chain(self.bonus_items().iter().map(|item| item.code.as_str()))
            .collect()
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

    /// A scored row, bonus item, 扣分项 or condition as a reviewer reads it: "（12）会议制度" where
    /// the notice numbers it, its title where not, its code when unknown.
    pub fn scored_label(&self, code: &str) -> String {
        let number = self.number_of(code).unwrap_or("");
        match self.scored_title(code) {
            Some(title) => label_of(number, title),
            None => code.to_owned(),
        }
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
                number: &item.number,
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

    /// Every problem of the scored part, each at its row or rule.
    pub(super) fn scoring_problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let Some(scoring) = &self.scoring else { return problems };
        // Owned: the codes checked come from rows of several lifetimes.
        let mut codes: HashSet<String> = self.items().map(|(_, item)| item.code.clone()).collect();
        codes.extend(self.areas.iter().map(|area| area.code.clone()));
        let mut check_code = |code: &str, at: ProblemAt, problems: &mut Vec<Problem>| {
            if !codes.insert(code.to_owned()) {
                problems.push(Problem::new(at, format!("编码“{code}”重复")));
            }
        };
        let mut leaves: Vec<Leaf> = Vec::new();
        for area in &self.areas {
            let item_sum: Option<Points> = area_points_from_items(area);
            if let (Some(stated), Some(sum)) = (area.points, item_sum) {
                if stated != sum {
                    problems.push(Problem::node(
                        &area.code,
                        format!("一级指标“{}”的分值{stated}分与其二级指标分值之和{sum}分不一致", area.title),
                    ));
                }
            }
            if area.points.is_some() && item_sum.is_none() {
                problems
                    .push(Problem::node(&area.code, format!("一级指标“{}”有分值，但其二级指标都没有分值", area.title)));
            }
            for item in &area.items {
                if item.has_points_below() {
                    let sum: Points = item.observation_points.iter().map(|point| point.points).sum();
                    if let Some(stated) = item.points {
                        if stated != sum {
                            problems.push(Problem::node(
                                &item.code,
                                format!("二级指标“{}”的分值{stated}分与其观测点分值之和{sum}分不一致", item.title),
                            ));
                        }
                    }
                }
                if let Some(points) = item.points.filter(|_| !item.has_points_below()) {
                    leaves.push(Leaf { code: &item.code, step: item.step, deduction: item.deduction.as_ref(), points });
                }
                for point in &item.observation_points {
                    check_code(&point.code, ProblemAt::Node(point.code.clone()), &mut problems);
                    check_point(point, &mut problems, &mut leaves, &mut check_code, false);
                }
            }
        }
        if let Some(bonus) = &scoring.bonus {
            for item in &bonus.items {
                check_code(&item.code, ProblemAt::Rule(item.code.clone()), &mut problems);
                check_point(item, &mut problems, &mut leaves, &mut check_code, true);
                if item.title.trim().is_empty() {
                    problems.push(Problem::new(ProblemAt::Rule(item.code.clone()), "加分项目没有名称"));
                }
            }
            if bonus.cap <= Points::ZERO {
                problems.push(Problem::new(ProblemAt::Bonus, "加分项的上限应大于0"));
            }
        }
        for deduction in &scoring.deductions {
            let at = || ProblemAt::Rule(deduction.code.clone());
            check_code(&deduction.code, at(), &mut problems);
            if deduction.title.trim().is_empty() {
                problems.push(Problem::new(at(), "扣分项没有名称"));
            }
            if deduction.per_occurrence <= Points::ZERO {
                problems.push(Problem::new(at(), format!("扣分项“{}”每次扣分应大于0", deduction.title)));
            }
            if deduction.cap.is_some_and(|cap| cap <= Points::ZERO) {
                problems
                    .push(Problem::new(at(), format!("扣分项“{}”的最多扣分应大于0（不限时不填）", deduction.title)));
            }
        }
        let rows = self.score_rows();
        for condition in &scoring.conditions {
            let at = || ProblemAt::Rule(condition.code.clone());
            check_code(&condition.code, at(), &mut problems);
            if condition.question.trim().is_empty() {
                problems.push(Problem::new(at(), "否决与降等事项没有写明情形"));
            }
            if !condition.row.is_empty() && !rows.iter().any(|row| row.code == condition.row && row.is_leaf) {
                problems.push(Problem::new(
                    at(),
                    format!("事项“{}”所属的评分行“{}”不存在或不单独打分", condition.question, condition.row),
                ));
            }
        }
        if let Some(total) = scoring.total {
            let sum: Points = rows.iter().filter(|row| row.is_leaf).filter_map(|row| row.points).sum();
            if sum != total {
                problems.push(Problem::new(
                    ProblemAt::Scoring,
                    format!("各观测点分值之和为{sum}分，与总分{total}分不一致"),
                ));
            }
        }
        if scoring.step.is_negative() {
            problems.push(Problem::new(ProblemAt::Scoring, "计分步长不能为负"));
        }
        problems.extend(grade_problems(&scoring.grades));
        for leaf in leaves {
            let step = self.step_of(leaf.step);
            let code = leaf.code;
            if !leaf.points.is_multiple_of(step) {
                problems
                    .push(Problem::node(code, format!("“{code}”的分值{}分不是计分步长{step}分的整数倍", leaf.points)));
            }
            if leaf.points.is_negative() {
                problems.push(Problem::node(code, format!("“{code}”的分值不能为负")));
            }
            if let Some(deduction) = leaf.deduction {
                problems.extend(self.deduction_problems(code, deduction));
            }
        }
        problems
    }

    /// What a scored framework allows but cannot act on: 降等 or 不得评优 conditions without grades
    /// to drop (the condition is asked, and changes nothing until grades are set).
    pub fn scoring_warnings(&self) -> Vec<Problem> {
        let Some(scoring) = &self.scoring else { return Vec::new() };
        scoring
            .conditions
            .iter()
            .filter(|condition| condition.effect != ConditionEffect::Veto && scoring.grades.len() < 2)
            .map(|condition| {
                Problem::new(
                    ProblemAt::Rule(condition.code.clone()),
                    format!(
                        "“{}”{}：本指标体系还没有设置等次，该事项暂不影响结果；请在“评分规则”中设置等次",
                        condition.question,
                        condition.effect.label_zh()
                    ),
                )
            })
            .collect()
    }

    fn deduction_problems(&self, code: &str, deduction: &FigureDeduction) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut push = |message: String| problems.push(Problem::node(code, message));
        match self.figure(&deduction.figure) {
            None => push(format!("“{code}”的扣分规则引用了不存在的数据项“{}”", deduction.figure)),
            Some(figure) if matches!(figure.kind, FigureKind::Ratio | FigureKind::Year) => {
                push(format!("“{code}”的扣分规则所用数据项“{}”不是可比较的数量", figure.label))
            }
            Some(_) => {}
        }
        if deduction.at_least.is_some() == deduction.at_most.is_some() {
            push(format!("“{code}”的扣分规则应在“应不少于”（at_least）与“应不多于”（at_most）中恰好填写一个"));
        }
        if deduction.per.is_nan() || deduction.per <= 0.0 || deduction.deduct <= Points::ZERO {
            push(format!("“{code}”的扣分规则中“每差多少”（per）与“每次扣分”（deduct）应大于0"));
        }
        problems
    }
}

/// Grade bands, highest first: named, each lower bound below the one before, the lowest at 0 — so
/// every total has exactly one grade (no gap below the lowest band, no two bands at one bound).
fn grade_problems(grades: &[GradeBand]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut names = HashSet::new();
    let name = |index: usize| match grades[index].name.trim() {
        "" => format!("第{}个等次", index + 1),
        named => format!("等次“{named}”"),
    };
    for (index, band) in grades.iter().enumerate() {
        if band.name.trim().is_empty() {
            problems.push(Problem::new(ProblemAt::Grade(index), format!("第{}个等次没有名称", index + 1)));
        } else if !names.insert(band.name.trim()) {
            problems.push(Problem::new(ProblemAt::Grade(index), format!("等次“{}”重复", band.name)));
        }
        if band.at_least.is_negative() {
            problems.push(Problem::new(ProblemAt::Grade(index), format!("等次“{}”的最低分不能为负", band.name)));
        }
    }
    for (index, window) in grades.windows(2).enumerate() {
        if window[0].at_least <= window[1].at_least {
            problems.push(Problem::new(
                ProblemAt::Grade(index),
                format!(
                    "{}的最低分应高于{}（等次从高到低排列，分数段不能重叠）",
                    name(index),
                    name(index + 1).trim_start_matches("等次")
                ),
            ));
        }
    }
    if let Some(lowest) = grades.last().filter(|band| band.at_least > Points::ZERO) {
        let last = grades.len() - 1;
        let remedy = if lowest.name.contains("不合格") || lowest.name.contains("不达标") {
            "请把它的最低分改为0".to_owned()
        } else {
            "请改为0，或在它之后再添加一个最低分为0的等次，如“不合格”".to_owned()
        };
        problems.push(Problem::new(
            ProblemAt::Grade(last),
            format!("最低的{}的最低分应为0分，否则低于{}分的总分没有等次：{remedy}", name(last), lowest.at_least),
        ));
    }
    problems
}

/// A scored leaf as the checks read it.
struct Leaf<'a> {
    code: &'a str,
    step: Option<Points>,
    deduction: Option<&'a FigureDeduction>,
    points: Points,
}

fn check_point<'a>(
    point: &'a ScoredPoint,
    problems: &mut Vec<Problem>,
    leaves: &mut Vec<Leaf<'a>>,
    check_code: &mut impl FnMut(&str, ProblemAt, &mut Vec<Problem>),
    is_bonus: bool,
) {
    let at = |code: &str| if is_bonus { ProblemAt::Rule(code.to_owned()) } else { ProblemAt::Node(code.to_owned()) };
    if point.sub_points.is_empty() {
        leaves.push(Leaf {
            code: &point.code,
            step: point.step,
            deduction: point.deduction.as_ref(),
            points: point.points,
        });
        return;
    }
    if is_bonus {
        problems.push(Problem::new(at(&point.code), format!("加分项“{}”不能再分子项", point.title)));
    }
    let sum: Points = point.sub_points.iter().map(|sub| sub.points).sum();
    if sum != point.points {
        problems.push(Problem::new(
            at(&point.code),
            format!("观测点“{}”的分值{}分与其子项分值之和{sum}分不一致", point.title, point.points),
        ));
    }
    for sub in &point.sub_points {
        check_code(&sub.code, at(&sub.code), problems);
        if !sub.sub_points.is_empty() {
            problems.push(Problem::new(
                at(&sub.code),
                format!("“{}”层级过深：指标体系最多四级（领域、指标、观测点、子项）", sub.title),
            ));
        }
        leaves.push(Leaf { code: &sub.code, step: sub.step, deduction: sub.deduction.as_ref(), points: sub.points });
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
