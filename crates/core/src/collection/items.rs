//! One item across units: each unit's status, score and text in a row, to read them side by side.
//! Units on another version of the framework are compared where their framework has the item
//! (by its code).

use crate::draft::Draft;
use crate::framework::Framework;
use crate::progress::{item_status, ItemStatus};
use crate::report::MISSING_VALUE;
use crate::scoring::ScoreSheet;
use crate::template::render_text;

/// A unit's answer to the item.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemCell {
    pub key: String,
    pub unit: String,
    /// `None`: the unit's framework has no such item.
    pub status: Option<ItemStatus>,
    /// `本项得分 3.5 / 4分`, `未打分 / 4分`; empty for an item without points.
    pub score: String,
    /// The narrative as the report prints it (figures filled in, `x` where one is missing), or
    /// the reason given for 无此项工作任务.
    pub text: String,
}

/// The item `code` of every unit (`key`, unit name, its framework, its draft), in their order.
pub fn item_across<'a>(
    code: &str,
    units: impl IntoIterator<Item = (&'a str, &'a str, &'a Framework, &'a Draft)>,
) -> Vec<ItemCell> {
    units
        .into_iter()
        .map(|(key, unit, framework, draft)| {
            let cell =
                |status, score, text| ItemCell { key: key.to_owned(), unit: unit.to_owned(), status, score, text };
            if framework.item(code).is_none() {
                return cell(None, String::new(), String::new());
            }
            let entry = draft.item(code);
            let status = item_status(entry);
            let text = match (status, entry) {
                (ItemStatus::NotApplicable, Some(entry)) => {
                    format!("无此项工作任务：{}", entry.not_applicable_reason.trim())
                }
                (_, Some(entry)) => render_text(
                    entry.narrative.trim(),
                    |name| draft.reference_value(framework, name),
                    |_| MISSING_VALUE.to_owned(),
                ),
                (_, None) => String::new(),
            };
            let score = ScoreSheet::compute(framework, draft)
                .and_then(|sheet| {
                    let row = sheet.row(code)?;
                    let points = row.row.points?;
                    Some(match row.score {
                        Some(score) if row.unscored == 0 => format!("{score} / {points}分"),
                        Some(score) => format!("{score} / {points}分（{}项未打分或分数有误）", row.unscored),
                        None => format!("未打分 / {points}分"),
                    })
                })
                .unwrap_or_default();
            cell(Some(status), score, text)
        })
        .collect()
}
