//! 评分规则: the scoring section's changes — total, step, "扣完为止", the bonus (title, cap,
//! items), 扣分项, 一票否决 / 降等 / 不得评优 conditions and grade bands. The checks of loading
//! a file say what is wrong (a gap or an overlap between grades, a cap of 0…); nothing here refuses
//! a value that reads, so every step can be taken and undone.

use super::tree::{free_code, new_point};
use super::{gone, points_of, Refused, RuleList, RuleRef, RuleText, ScoringSetting};
use crate::framework::{Bonus, Condition, ConditionEffect, Deduction, Framework, GradeBand, Scoring};
use crate::points::Points;

/// The scoring section, which exists once the framework has points.
pub(super) fn scoring_mut(framework: &mut Framework) -> Result<&mut Scoring, Refused> {
    framework
        .scoring
        .as_mut()
        .ok_or_else(|| Refused("本指标体系还没有分值：请先为指标填写分值，再设置评分规则。".to_owned()))
}

/// Points typed where a value is required.
fn required_points(text: &str, what: &str) -> Result<Points, Refused> {
    points_of(text)?.ok_or_else(|| Refused(format!("请填写{what}。")))
}

pub(super) fn set_scoring(framework: &mut Framework, setting: ScoringSetting) -> Result<(), Refused> {
    let scoring = scoring_mut(framework)?;
    match setting {
        ScoringSetting::Total(text) => scoring.total = points_of(&text)?,
        ScoringSetting::Step(text) => scoring.step = points_of(&text)?.unwrap_or(Points::ZERO),
        ScoringSetting::FloorAtZero(floor) => scoring.floor_at_zero = floor,
        ScoringSetting::ReportAreaScores(shown) => scoring.report_area_scores = shown,
        ScoringSetting::Bonus(false) => scoring.bonus = None,
        ScoringSetting::Bonus(true) => {
            if scoring.bonus.is_none() {
                scoring.bonus = Some(Bonus { title: "加分项".to_owned(), cap: Points::whole(5), items: Vec::new() });
            }
        }
        ScoringSetting::BonusTitle(title) => bonus_mut(scoring)?.title = title,
        ScoringSetting::BonusCap(text) => bonus_mut(scoring)?.cap = required_points(&text, "加分上限")?,
    }
    Ok(())
}

fn bonus_mut(scoring: &mut Scoring) -> Result<&mut Bonus, Refused> {
    scoring.bonus.as_mut().ok_or_else(|| Refused("请先勾选“设加分项”。".to_owned()))
}

pub(super) fn add_rule(framework: &mut Framework, list: RuleList) -> Result<(), Refused> {
    let code = match list {
        RuleList::BonusItem => free_code(framework, "B", ""),
        RuleList::Deduction => free_code(framework, "K", ""),
        RuleList::Condition => free_code(framework, "V", ""),
        RuleList::Grade => String::new(),
    };
    let scoring = scoring_mut(framework)?;
    match list {
        RuleList::BonusItem => {
            let bonus = bonus_mut(scoring)?;
            let mut item = new_point(code, "新加分项目");
            item.points = Points::whole(1);
            bonus.items.push(item);
        }
        RuleList::Deduction => scoring.deductions.push(Deduction {
            code,
            title: String::new(),
            per_occurrence: Points::whole(1),
            cap: None,
            basis: String::new(),
            responsible_units: Vec::new(),
        }),
        RuleList::Condition => scoring.conditions.push(Condition {
            code,
            question: String::new(),
            effect: ConditionEffect::Veto,
            basis: String::new(),
            row: String::new(),
            row_scores_nothing: false,
        }),
        RuleList::Grade => {
            // Below the lowest so far, which then has to make room: the checks say so.
            scoring.grades.push(GradeBand { name: String::new(), at_least: Points::ZERO });
        }
    }
    Ok(())
}

pub(super) fn set_rule_text(
    framework: &mut Framework,
    at: RuleRef,
    text: RuleText,
    value: String,
) -> Result<(), Refused> {
    let scoring = scoring_mut(framework)?;
    let RuleRef(list, index) = at;
    let unused = || Refused("该项没有这一栏。".to_owned());
    match list {
        RuleList::BonusItem => {
            let item = bonus_mut(scoring)?.items.get_mut(index).ok_or_else(gone)?;
            match text {
                RuleText::Title => item.title = value,
                RuleText::Points => item.points = required_points(&value, "该项最多加分")?,
                RuleText::Criteria => item.criteria = value,
                RuleText::ScoringRule => item.scoring_rule = value,
                RuleText::Cap | RuleText::Basis => return Err(unused()),
            }
        }
        RuleList::Deduction => {
            let deduction = scoring.deductions.get_mut(index).ok_or_else(gone)?;
            match text {
                RuleText::Title => deduction.title = value,
                RuleText::Points => deduction.per_occurrence = required_points(&value, "每次扣分")?,
                RuleText::Cap => deduction.cap = points_of(&value)?,
                RuleText::Basis => deduction.basis = value,
                RuleText::Criteria | RuleText::ScoringRule => return Err(unused()),
            }
        }
        RuleList::Condition => {
            let condition = scoring.conditions.get_mut(index).ok_or_else(gone)?;
            match text {
                RuleText::Title => condition.question = value,
                RuleText::Basis => condition.basis = value,
                _ => return Err(unused()),
            }
        }
        RuleList::Grade => {
            let band = scoring.grades.get_mut(index).ok_or_else(gone)?;
            match text {
                RuleText::Title => band.name = value.trim().to_owned(),
                RuleText::Points => band.at_least = required_points(&value, "该等次的最低分")?,
                _ => return Err(unused()),
            }
        }
    }
    Ok(())
}

pub(super) fn delete_rule(framework: &mut Framework, at: RuleRef) -> Result<(), Refused> {
    let scoring = scoring_mut(framework)?;
    let RuleRef(list, index) = at;
    fn remove<T>(list: &mut Vec<T>, index: usize) -> Result<(), Refused> {
        if index >= list.len() {
            return Err(gone());
        }
        list.remove(index);
        Ok(())
    }
    match list {
        RuleList::BonusItem => remove(&mut bonus_mut(scoring)?.items, index),
        RuleList::Deduction => remove(&mut scoring.deductions, index),
        RuleList::Condition => remove(&mut scoring.conditions, index),
        RuleList::Grade => remove(&mut scoring.grades, index),
    }
}

/// The grades most notices use, as parts of full marks: 优秀 ≥ 90%, 良好 ≥ 80%, 合格 ≥ `pass`% (60
/// or 65), 不合格 below — 90, 80, 60 for 百分制.
pub fn usual_grades(full_marks: Points, pass_percent: i64) -> Vec<GradeBand> {
    let part = |percent: i64| Points::from_thousandths(full_marks.thousandths() * percent / 100);
    [("优秀", part(90)), ("良好", part(80)), ("合格", part(pass_percent)), ("不合格", Points::ZERO)]
        .into_iter()
        .map(|(name, at_least)| GradeBand { name: name.to_owned(), at_least })
        .collect()
}
