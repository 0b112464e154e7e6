//! Whether what was read looks like an indicator table at all. A timetable, a letter, a list of
//! names or a budget sheet pasted by mistake still reads as "7个一级指标" — every text column is a
//! level when no heading says otherwise — so the preview says why it doubts, and what it expected,
//! before the user makes a framework of it.
//!
//! Each doubt is a fact of the framework read, never a guess at the content's words: the same name
//! made into two 一级指标 (a table's rows of one indicator are adjacent; a timetable's subjects come
//! back), titles that are sentences, points no indicator has (a year, an amount, a phone number),
//! and — with no heading recognised and no points — a flat list where every 一级 holds one row.
//! Real tables (the corpus in `tests/tables/`, with and without their header row) raise none.

use super::Built;
use crate::points::Points;
use std::collections::BTreeMap;

/// What an indicator table is, said beside the doubts.
pub const EXPECTED: &str = "指标表是通知附件中的评价指标表：每行是一项指标，各列是一级指标、二级指标（或评价内容、观测点）、分值、评分细则等，同一指标的各行相连。";

/// Points above these are not an indicator's: a year, an amount or a phone number taken as points.
const MOST_POINTS_OF_A_ROW: i64 = 100;
const MOST_POINTS_IN_ALL: i64 = 1000;

/// Why the table read does not look like an indicator table; empty when it does.
pub fn doubts(header_row: Option<usize>, built: &Built) -> Vec<String> {
    let framework = &built.framework;
    let areas = &framework.areas;
    let mut doubts = Vec::new();

    let mut times: BTreeMap<&str, usize> = BTreeMap::new();
    for area in areas {
        *times.entry(area.title.trim()).or_default() += 1;
    }
    let mut repeated: Vec<(&str, usize)> = times.into_iter().filter(|(_, count)| *count > 1).collect();
    crate::small_sort::sort_small_by_key(&mut repeated, |(_, count)| std::cmp::Reverse(*count));
    if let Some((title, count)) = repeated.first() {
        let others = if repeated.len() > 1 { format!("等{}个名称", repeated.len()) } else { String::new() };
        doubts.push(format!(
            "“{title}”{others}在表中分开出现（“{title}”{count}次），每次各成一个一级指标；指标表中同一指标的各行是相连的。"
        ));
    }

    // An indicator's name is a phrase; a letter's lines are sentences (long, or in clauses).
    let sentence = |title: &str| {
        let title = title.trim();
        title.chars().count() > 40 || title.contains('。') || title.contains('，') || title.contains('：')
    };
    let sentences = areas.iter().filter(|area| sentence(&area.title)).count();
    if areas.len() >= 2 && sentences * 2 >= areas.len() {
        let example = areas.iter().find(|area| sentence(&area.title)).map_or("", |area| area.title.as_str());
        let example: String = example.chars().take(20).collect();
        doubts.push(format!("一级指标的名称大多是成段的文字（如“{example}……”），不像指标名称。"));
    }

    let rows = framework.score_rows();
    if let Some(largest) = rows.iter().filter(|row| row.points.is_some()).max_by_key(|row| row.points) {
        let points = largest.points.unwrap_or(Points::ZERO);
        if points > Points::whole(MOST_POINTS_OF_A_ROW) {
            doubts.push(format!(
                "“{}”的分值为{points}，不像一项指标的分值：是否把年份、金额、人数或电话号码当成了分值？",
                largest.title
            ));
        } else {
            let total: Points = framework.leaf_points();
            if total > Points::whole(MOST_POINTS_IN_ALL) {
                doubts.push(format!("各项分值合计{total}分，不像指标表的总分。"));
            }
        }
    }

    if header_row.is_none()
        && !framework.is_scored()
        && areas.len() >= 3
        && areas.iter().all(|area| area.items.len() <= 1)
    {
        doubts.push("每个一级指标只有一行，又没有分值：这更像一份名单或清单，不像分级的指标表。".to_owned());
    }

    if !doubts.is_empty() && header_row.is_none() {
        doubts.insert(0, "没有认出表头（指标表的表头有“一级指标”“二级指标”“分值”等列名）。".to_owned());
    }
    doubts
}
