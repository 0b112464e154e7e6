//! 复核: the 督导室's own score of a unit's rows, kept in the collection (never in the unit's
//! draft), and how close the unit's self-scores came to it — 自评可信度, as some provinces correct a
//! self-score by it (FRAMEWORKS.md §2.3, 山东). The formula is stated where the figure is shown.

use crate::draft::Draft;
use crate::framework::Framework;
use crate::points::Points;
use crate::scoring::ScoreSheet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How 自评可信度 is computed, as the page states it.
pub const CREDIBILITY_FORMULA: &str =
    "自评可信度 = 1 − Σ|自评得分 − 复核得分| ÷ Σ分值，只计已复核且自评得分可读的评分项；100%为自评与复核完全一致。";

/// The reviewer's scores of one unit, by scored row code.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default)]
    pub rows: BTreeMap<String, ReviewEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewEntry {
    /// 复核得分 as typed (read as a score is: `8`, `7.5`).
    #[serde(default)]
    pub score: String,
    /// 复核意见.
    #[serde(default)]
    pub note: String,
}

/// A row where self-score and 复核 differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowDifference {
    pub code: String,
    /// The notice's numbering, else the code.
    pub shown_code: String,
    pub title: String,
    pub points: Option<Points>,
    pub own: Points,
    pub reviewed: Points,
    pub note: String,
}

impl RowDifference {
    /// 复核 minus self-score (negative: the unit scored itself higher).
    pub fn difference(&self) -> Points {
        self.reviewed - self.own
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Credibility {
    /// Rows with both a readable self-score and a readable 复核得分.
    pub compared: usize,
    /// Rows the reviewer scored in all.
    pub reviewed: usize,
    pub own_sum: Points,
    pub reviewed_sum: Points,
    pub full_marks: Points,
    pub absolute_difference: Points,
    /// In percent, to one decimal; `None` until a row is compared.
    pub percent: Option<f64>,
    /// Rows that differ, the largest difference first.
    pub differences: Vec<RowDifference>,
    /// 复核得分 refused, by row code: the text typed and why (not a number, above the row's
    /// points, negative, off the framework's step) — not counted.
    pub unreadable: Vec<(String, String)>,
}

/// A 复核得分 as typed, read as a self-score is checked: a number, not negative, not above the
/// row's `points`, a whole number of `step`s. `Ok(None)`: left empty.
pub fn checked_score(typed: &str, points: Option<Points>, step: Points) -> Result<Option<Points>, String> {
    let score = match Points::parse(typed) {
        Ok(Some(score)) => score,
        Ok(None) => return Ok(None),
        Err(error) => return Err(format!("{error}")),
    };
    if score.is_negative() {
        Err(format!("复核得分{score}分为负数"))
    } else if points.is_some_and(|points| score > points) {
        Err(format!("复核得分{score}分高于该项分值{}分", points.unwrap_or(Points::ZERO)))
    } else if !score.is_multiple_of(step) {
        Err(format!("复核得分{score}分不是计分步长{step}分的整数倍"))
    } else {
        Ok(Some(score))
    }
}

/// Compares the unit's self-scores with the review.
pub fn credibility(framework: &Framework, draft: &Draft, review: &Review) -> Credibility {
    let mut result = Credibility {
        compared: 0,
        reviewed: 0,
        own_sum: Points::ZERO,
        reviewed_sum: Points::ZERO,
        full_marks: Points::ZERO,
        absolute_difference: Points::ZERO,
        percent: None,
        differences: Vec::new(),
        unreadable: Vec::new(),
    };
    let Some(sheet) = ScoreSheet::compute(framework, draft) else { return result };
    let leaves = sheet.rows.iter().filter(|row| row.row.is_leaf).map(|row| (row.row.clone(), row.typed));
    let bonus =
        sheet.bonus_rows.iter().map(|(point, typed)| (point.row(crate::framework::RowLevel::Point, None), *typed));
    for (row, typed) in leaves.chain(bonus) {
        let Some(entry) = review.rows.get(row.code) else { continue };
        let reviewed = match checked_score(&entry.score, row.points, framework.step_of(row.step)) {
            Ok(Some(points)) => points,
            Ok(None) => continue,
            Err(why) => {
                result.unreadable.push((row.code.to_owned(), why));
                continue;
            }
        };
        result.reviewed += 1;
        let Ok(Some(own)) = typed else { continue };
        result.compared += 1;
        result.own_sum += own;
        result.reviewed_sum += reviewed;
        result.full_marks += row.points.unwrap_or(Points::ZERO);
        let gap = if own > reviewed { own - reviewed } else { reviewed - own };
        result.absolute_difference += gap;
        if gap != Points::ZERO {
            result.differences.push(RowDifference {
                code: row.code.to_owned(),
                shown_code: row.shown_code().to_owned(),
                title: row.title.to_owned(),
                points: row.points,
                own,
                reviewed,
                note: entry.note.clone(),
            });
        }
    }
    if result.compared > 0 && result.full_marks > Points::ZERO {
        let share = result.absolute_difference.thousandths() as f64 / result.full_marks.thousandths() as f64;
        result.percent = Some(((1.0 - share) * 1000.0).round() / 10.0);
    }
    crate::small_sort::sort_small_by(&mut result.differences, |a, b| {
        let size = |row: &RowDifference| row.difference().thousandths().abs();
        size(b).cmp(&size(a)).then_with(|| a.code.cmp(&b.code))
    });
    result
}
