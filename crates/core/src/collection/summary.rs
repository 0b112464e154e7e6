//! Each unit's row of the comparison: progress (in all and per area), findings by severity,
//! blanks left, the score sheet's totals and grade, the conditions answered 是, the last edit; the
//! rows sorted by any column, and written as CSV.

use crate::draft::Draft;
use crate::file_text::csv_cell;
use crate::framework::{Framework, Level};
use crate::points::Points;
use crate::progress::item_status;
use crate::scoring::ScoreSheet;
use crate::status::{errors_by_item, ItemMark};
use crate::validate::{validate, Finding, Severity};
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq)]
pub struct UnitSummary {
    pub key: String,
    /// How the unit is named: its 报告单位, else its region.
    pub unit: String,
    pub region: String,
    pub level: Level,
    pub framework_id: String,
    /// "title（版本n）".
    pub framework_label: String,
    /// When the unit last saved the draft (`updated_at`).
    pub last_edit: String,
    /// Items done (as the unit's navigation marks them: written, and no error) out of all.
    pub done: usize,
    pub total: usize,
    pub areas: Vec<AreaProgress>,
    pub errors: usize,
    pub warnings: usize,
    pub hints: usize,
    /// Blanks of the 范文 left in the text (`text-blank`: x, xx, 20xx not yet replaced).
    pub blanks: usize,
    /// Where the framework is scored.
    pub score: Option<ScoreSummary>,
    /// The conditions (一票否决, 降等…) answered 是: what follows, and the question
    /// (`不得评为优秀：近两年是否发生…`).
    pub conditions_met: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaProgress {
    pub code: String,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreSummary {
    /// Whether any row is scored yet: a unit that has scored nothing has no total to compare.
    pub anything_scored: bool,
    pub total: Points,
    pub full_marks: Points,
    pub bonus: Points,
    pub deducted: Points,
    /// Leaves not scored yet (or scored wrongly).
    pub unscored: usize,
    /// `None` until every row is scored (or for a framework without grades).
    pub grade: Option<String>,
    /// The grade's place in the framework's bands, 0 the best: what 等次 sorts by.
    pub grade_rank: Option<usize>,
}

impl UnitSummary {
    /// The row of `draft`, read against its `framework`.
    pub fn of(key: &str, framework: &Framework, draft: &Draft) -> UnitSummary {
        UnitSummary::with_findings(key, framework, draft).0
    }

    /// The row and the findings it counts (a unit's page lists them: one validation, not two).
    pub fn with_findings(key: &str, framework: &Framework, draft: &Draft) -> (UnitSummary, Vec<Finding>) {
        let findings = validate(framework, draft);
        let count = |severity: Severity| findings.iter().filter(|finding| finding.severity == severity).count();
        let errors_of_item = errors_by_item(framework, &findings);
        let item_done = |code: &str| {
            let status = item_status(draft.item(code));
            ItemMark::of(status, errors_of_item.get(code).copied().unwrap_or(0)).is_done()
        };
        let areas: Vec<AreaProgress> = framework
            .areas
            .iter()
            .map(|area| AreaProgress {
                code: area.code.clone(),
                done: area.items.iter().filter(|item| item_done(&item.code)).count(),
                total: area.items.len(),
            })
            .collect();
        let sheet = ScoreSheet::compute(framework, draft);
        let conditions_met = match (&sheet, framework.scoring.as_ref()) {
            (Some(sheet), Some(scoring)) => sheet
                .conditions_met
                .iter()
                .filter_map(|code| scoring.conditions.iter().find(|condition| condition.code == *code))
                .map(|condition| format!("{}：{}", condition.effect.label_zh(), condition.question))
                .collect(),
            _ => Vec::new(),
        };
        let summary = UnitSummary {
            key: key.to_owned(),
            unit: super::unit_name(draft).to_owned(),
            region: draft.meta.region.trim().to_owned(),
            level: draft.meta.level,
            framework_id: framework.id.clone(),
            framework_label: framework.versioned_label(),
            last_edit: draft.updated_at.clone(),
            done: areas.iter().map(|area| area.done).sum(),
            total: areas.iter().map(|area| area.total).sum(),
            areas,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            hints: count(Severity::Hint),
            blanks: findings.iter().filter(|finding| finding.rule == "text-blank").count(),
            score: sheet.map(|sheet| ScoreSummary {
                anything_scored: sheet.anything_scored(),
                total: sheet.total,
                full_marks: sheet.full_marks,
                bonus: sheet.bonus_counted,
                deducted: sheet.deducted,
                unscored: sheet.unscored,
                // A unit still scoring has no 等次: its partial total would read as 不合格.
                grade_rank: sheet.grade.as_ref().filter(|_| sheet.unscored == 0).and_then(|grade| {
                    let bands = &framework.scoring.as_ref()?.grades;
                    bands.iter().position(|band| band.name == grade.name)
                }),
                grade: sheet.grade.filter(|_| sheet.unscored == 0).map(|grade| grade.name),
            }),
            conditions_met,
        };
        (summary, findings)
    }

    /// Progress of the area `code`, where the unit's framework has it.
    pub fn area(&self, code: &str) -> Option<&AreaProgress> {
        self.areas.iter().find(|area| area.code == code)
    }
}

/// A column the comparison sorts by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortKey {
    Unit,
    Progress,
    Area(String),
    Errors,
    Warnings,
    Blanks,
    Total,
    /// 等次, the best first when descending.
    Grade,
    Conditions,
    LastEdit,
}

/// Sorts the rows by `key` (ties by unit name, so the order is stable); a unit without the value
/// (no score, an area its framework lacks) goes last either way.
pub fn sort_summaries(rows: &mut [UnitSummary], key: &SortKey, ascending: bool) {
    sort_summaries_by_name(rows, key, ascending, |a, b| a.cmp(b));
}

/// `sort_summaries` with units' names compared by `names` (the browser's Chinese collation puts
/// them in pinyin order; code-point order is the fallback).
pub fn sort_summaries_by_name(
    rows: &mut [UnitSummary],
    key: &SortKey,
    ascending: bool,
    names: impl Fn(&str, &str) -> Ordering,
) {
    let value = |row: &UnitSummary| -> Option<i64> {
        match key {
            SortKey::Unit | SortKey::LastEdit => Some(0),
            SortKey::Progress => Some(share(row.done, row.total)),
            SortKey::Area(code) => row.area(code).map(|area| share(area.done, area.total)),
            SortKey::Errors => Some(row.errors as i64),
            SortKey::Warnings => Some(row.warnings as i64),
            SortKey::Blanks => Some(row.blanks as i64),
            SortKey::Total => {
                row.score.as_ref().filter(|score| score.anything_scored).map(|score| score.total.thousandths())
            }
            SortKey::Grade => row
                .score
                .as_ref()
                .filter(|score| score.anything_scored)
                .and_then(|score| score.grade_rank)
                .map(|rank| -(rank as i64)),
            SortKey::Conditions => Some(row.conditions_met.len() as i64),
        }
    };
    // Hundreds of rows at most: the small sort, not the standard one's code per type.
    crate::small_sort::sort_small_by(rows, |a, b| {
        let by_value = match (value(a), value(b)) {
            (Some(x), Some(y)) => directed(x.cmp(&y), ascending),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let by_text = match key {
            SortKey::LastEdit => directed(a.last_edit.cmp(&b.last_edit), ascending),
            SortKey::Unit => directed(names(&a.unit, &b.unit), ascending),
            _ => Ordering::Equal,
        };
        by_value.then(by_text).then_with(|| names(&a.unit, &b.unit)).then_with(|| a.unit.cmp(&b.unit))
    });
}

fn directed(ordering: Ordering, ascending: bool) -> Ordering {
    if ascending {
        ordering
    } else {
        ordering.reverse()
    }
}

/// done / total in millionths, so shares compare exactly.
fn share(done: usize, total: usize) -> i64 {
    if total == 0 {
        0
    } else {
        (done as i64 * 1_000_000) / total as i64
    }
}

/// The comparison as CSV for Excel and WPS (UTF-8 with BOM, formula-safe cells): a row per unit,
/// a column per area of `areas` (code, title) as "done/total", and each unit's 复核 (`reviews`, by
/// unit key) where any unit is reviewed.
pub fn summary_csv(
    rows: &[UnitSummary],
    areas: &[(String, String)],
    reviews: &std::collections::BTreeMap<String, super::Credibility>,
) -> String {
    let reviewed = rows.iter().any(|row| reviews.get(&row.key).is_some_and(|review| review.reviewed > 0));
    let mut header: Vec<String> =
        ["单位", "地区", "层级", "指标体系", "完成指标", "指标总数"].iter().map(|s| s.to_string()).collect();
    header.extend(areas.iter().map(|(_, title)| title.clone()));
    header.extend(
        [
            "错误",
            "警告",
            "提示",
            "未替换的空白",
            "自评总分",
            "满分",
            "加分",
            "扣分",
            "未评分项",
            "等次",
            "答“是”的条件",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    if reviewed {
        header.extend(["已复核项", "自评得分合计（已复核项）", "复核得分合计", "自评可信度"].map(str::to_owned));
    }
    header.push("最后修改".to_owned());
    let mut out = String::from('\u{feff}');
    push_line(&mut out, &header);
    for row in rows {
        let mut cells = vec![
            row.unit.clone(),
            row.region.clone(),
            row.level.label_zh().to_owned(),
            row.framework_label.clone(),
            row.done.to_string(),
            row.total.to_string(),
        ];
        cells.extend(
            areas.iter().map(|(code, _)| {
                row.area(code).map(|area| format!("{}/{}", area.done, area.total)).unwrap_or_default()
            }),
        );
        let score = row.score.as_ref().filter(|score| score.anything_scored);
        let points = |pick: fn(&ScoreSummary) -> Points| score.map(|score| pick(score).to_string()).unwrap_or_default();
        cells.extend([
            row.errors.to_string(),
            row.warnings.to_string(),
            row.hints.to_string(),
            row.blanks.to_string(),
            points(|score| score.total),
            points(|score| score.full_marks),
            points(|score| score.bonus),
            points(|score| score.deducted),
            score.map(|score| score.unscored.to_string()).unwrap_or_default(),
            match score {
                Some(score) if score.grade.is_none() && score.unscored > 0 => "未评完".to_owned(),
                Some(score) => score.grade.clone().unwrap_or_default(),
                None => String::new(),
            },
            row.conditions_met.join("；"),
        ]);
        if reviewed {
            match reviews.get(&row.key).filter(|review| review.reviewed > 0) {
                Some(review) => cells.extend([
                    review.reviewed.to_string(),
                    review.own_sum.to_string(),
                    review.reviewed_sum.to_string(),
                    review.percent.map(|percent| format!("{percent}%")).unwrap_or_default(),
                ]),
                None => cells.extend([String::new(), String::new(), String::new(), String::new()]),
            }
        }
        cells.push(row.last_edit.clone());
        push_line(&mut out, &cells);
    }
    out
}

fn push_line(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}
