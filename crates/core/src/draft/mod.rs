//! The draft: everything the user has typed for one report, as saved and exchanged.
//!
//! Invariant: user input is kept as typed (figures and years are strings), so bad input can be
//! reported without being lost; anything derivable (an item's 已填 state, progress) is derived,
//! never stored, so it cannot disagree with the text.

mod assignment;
pub mod field;
mod parts;
mod scores;

pub use assignment::{PartOf, SentPart};
pub use field::{Location, MetaField};
pub use parts::{Rectification, RectificationField, DONE_SENTENCE, ONGOING_SENTENCE};
pub use scores::{ConditionAnswer, DeductionEntry, Evidence, EvidenceFile, ScoreEntry};

use crate::framework::{Framework, Level};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The `format` value every draft carries, in storage and in files.
pub const DRAFT_FORMAT: &str = "lvzhi-draft";
/// The newest draft schema this build writes and reads. History:
/// 1 — text referred to figures by id (`{education_budget_total}`, `{region}`);
/// 2 — text refers to figures by their Chinese name (`{教育经费}`, `{地区}`);
/// 3 — scores live in `scores` by row code, with 得失分说明 and 佐证材料, beside `deductions` and
///     `conditions` (an item's `score` of version 2 moves there);
/// 4 — `sections` (the skeleton's narrative parts, 基本情况), `rectifications` (整改情况) and
///     `previous_figures` (上年值, for a draft started from last year's). Older drafts are migrated
///     when opened (`Draft::migrate`);
/// 5 — `meta.data_year` (数据年度) and `previous_scores` (上年得分). Optional, and nothing to
///     migrate; the version moves all the same because a build that knows only 4 would drop them
///     unseen at its first save, and must refuse the draft instead (nothing dropped quietly);
/// 6 — `part_of` (a department's part, with what it held when sent), `sent_parts` (the parts a
///     draft sent to departments) and a 佐证材料 entry's `files`. Optional, nothing to migrate; the
///     version moves for the same reason.
pub const DRAFT_SCHEMA_VERSION: u32 = 6;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Draft {
    pub format: String,
    pub schema_version: u32,
    /// Unique per draft; storage keys derive from it.
    pub id: String,
    /// A name the user gave the draft; empty: it goes by region and year.
    #[serde(default)]
    pub name: String,
    pub framework: FrameworkRef,
    pub meta: Meta,
    /// Per item code. A missing entry is an item not yet touched.
    #[serde(default)]
    pub items: BTreeMap<String, ItemEntry>,
    /// Figure values as typed, by figure id (ids are unique across the framework).
    #[serde(default)]
    pub figures: BTreeMap<String, String>,
    /// 存在的问题, in report order.
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// 下一步措施, in report order.
    #[serde(default)]
    pub measures: Vec<Measure>,
    /// 自评得分 by scored row code (item, 观测点, sub-point or bonus item).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub scores: BTreeMap<String, ScoreEntry>,
    /// 扣分项 occurrences by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deductions: BTreeMap<String, DeductionEntry>,
    /// Answers to the framework's conditions by code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, ConditionAnswer>,
    /// The report's narrative parts (基本情况…) by the skeleton part's code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sections: BTreeMap<String, String>,
    /// 上一轮评价反馈问题整改情况, in report order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rectifications: Vec<Rectification>,
    /// 上年值: last year's figures as typed, by figure id (a draft started from last year's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous_figures: BTreeMap<String, String>,
    /// 上年得分: last year's 自评得分 as typed, by this framework's scored row code (a draft of a
    /// scored framework started from last year's).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous_scores: BTreeMap<String, String>,
    /// Set on a department's part (分发给部门): whose draft it belongs to and what it held when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<PartOf>,
    /// The parts this draft sent to departments, and which came back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent_parts: Vec<SentPart>,
    /// ISO 8601 times.
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FrameworkRef {
    pub id: String,
    pub version: String,
}

/// A year as stored: four ASCII digits (after trimming), else `None` — the one reader of a year
/// (基本信息, the report, the validator; the editors make full-width digits ASCII first).
pub fn four_digit_year(text: &str) -> Option<i32> {
    let text = text.trim();
    (text.len() == 4 && text.bytes().all(|byte| byte.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// Report meta: who reports, on which notice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Meta {
    /// The government's region, e.g. `资阳市`.
    pub region: String,
    pub level: Level,
    pub province: String,
    /// The evaluation year as typed.
    pub year: String,
    /// The year the report's data are of, as typed ("2022" in a 2023 evaluation); empty: the
    /// framework's (`Framework::data_year`, moved with `year`). The opening states it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub data_year: String,
    pub notice_title: String,
    /// 文号 of the notice, e.g. `川教督委〔2023〕2号`.
    pub notice_number: String,
    /// The reporting unit (signature), e.g. `资阳市人民政府`.
    pub unit: String,
    /// The report's date as typed, e.g. `2023年3月20日`.
    pub date: String,
    /// 主送机关 of the 报告 form, e.g. `资阳市人民政府教育督导委员会`; empty: none printed.
    pub addressee: String,
    /// 附件说明: the names of the attachments, one per line; empty: none printed.
    pub attachments: String,
    /// 填表人 and 审核人 of the 自评打分表 (scored frameworks).
    pub filler: String,
    pub reviewer: String,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            region: String::new(),
            level: Level::City,
            province: String::new(),
            year: String::new(),
            data_year: String::new(),
            notice_title: String::new(),
            notice_number: String::new(),
            unit: String::new(),
            date: String::new(),
            addressee: String::new(),
            attachments: String::new(),
            filler: String::new(),
            reviewer: String::new(),
        }
    }
}

/// What the user wrote for one item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemEntry {
    pub narrative: String,
    /// 无此项工作任务. The narrative is kept when this is switched on, so switching back loses nothing.
    pub not_applicable: bool,
    pub not_applicable_reason: String,
    pub rating: Option<Rating>,
    /// Version 2's self-score of the item; read only to move it to `Draft::scores`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub score: String,
}

impl ItemEntry {
    pub fn is_untouched(&self) -> bool {
        self == &ItemEntry::default()
    }
}

/// Self-rating of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Rating {
    /// 达标
    Met,
    /// 基本达标
    PartlyMet,
    /// 未达标
    NotMet,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Met, Rating::PartlyMet, Rating::NotMet];

    pub fn label_zh(self) -> &'static str {
        match self {
            Rating::Met => "达标",
            Rating::PartlyMet => "基本达标",
            Rating::NotMet => "未达标",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Rating::Met => "met",
            Rating::PartlyMet => "partly_met",
            Rating::NotMet => "not_met",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Problem {
    /// Stable within the draft (`p1`, `p2`…); measures refer to it.
    pub id: String,
    /// The summary sentence that opens the entry.
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Measure {
    pub id: String,
    pub title: String,
    pub text: String,
    /// Ids of the problems this measure answers.
    pub answers: Vec<String>,
}

/// Why a stored or imported draft could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftReadError {
    Syntax { line: usize, column: usize, detail: String },
    WrongFormat { found: String },
    NewerSchema { found: u32 },
}

impl fmt::Display for DraftReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftReadError::Syntax { line, column, detail } => {
                write!(f, "草稿内容无法解析（第{line}行第{column}列）：{detail}")
            }
            DraftReadError::WrongFormat { found } => {
                write!(f, "这不是履职自评草稿：format 应为“{DRAFT_FORMAT}”，实际为“{found}”。")
            }
            DraftReadError::NewerSchema { found } => write!(
                f,
                "草稿由更新版本的程序保存（格式版本{found}，本程序支持到{DRAFT_SCHEMA_VERSION}），请更新本程序后再打开。"
            ),
        }
    }
}

impl std::error::Error for DraftReadError {}

impl Draft {
    /// An empty draft for `framework`, with the meta the framework already knows filled in.
    pub fn new(framework: &Framework, id: String, now: String) -> Draft {
        Draft {
            format: DRAFT_FORMAT.to_owned(),
            schema_version: DRAFT_SCHEMA_VERSION,
            id,
            name: String::new(),
            framework: FrameworkRef { id: framework.id.clone(), version: framework.version.clone() },
            meta: Meta {
                level: framework.level,
                province: framework.province.clone(),
                year: framework.year.to_string(),
                notice_title: framework.notice.title.clone(),
                notice_number: framework.notice.number.clone(),
                addressee: framework.addressee.clone(),
                ..Meta::default()
            },
            items: BTreeMap::new(),
            figures: BTreeMap::new(),
            problems: Vec::new(),
            measures: Vec::new(),
            scores: BTreeMap::new(),
            deductions: BTreeMap::new(),
            conditions: BTreeMap::new(),
            sections: BTreeMap::new(),
            rectifications: Vec::new(),
            previous_figures: BTreeMap::new(),
            previous_scores: BTreeMap::new(),
            part_of: None,
            sent_parts: Vec::new(),
            created_at: now.clone(),
            updated_at: now,
        }
    }

    /// Reads a draft, checking `format` and `schema_version` before the body.
    pub fn from_json(text: &str) -> Result<Draft, DraftReadError> {
        let syntax = |error: serde_json::Error| DraftReadError::Syntax {
            line: error.line(),
            column: error.column(),
            detail: crate::json_errors::explain(&error),
        };
        let header: crate::FileHeader = serde_json::from_str(text).map_err(syntax)?;
        if header.format != DRAFT_FORMAT {
            return Err(DraftReadError::WrongFormat { found: header.format });
        }
        if header.schema_version > u64::from(DRAFT_SCHEMA_VERSION) {
            return Err(DraftReadError::NewerSchema { found: header.schema_version as u32 });
        }
        serde_json::from_str(text).map_err(syntax)
    }

    /// Compact JSON, for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a draft always serializes")
    }

    /// How the draft is called in lists: its name, or region and year.
    pub fn display_name(&self) -> String {
        if !self.name.trim().is_empty() {
            return self.name.trim().to_owned();
        }
        let region = self.meta.region.trim();
        format!("{}{}年自评报告", if region.is_empty() { "（未填地区）" } else { region }, self.meta.year.trim())
    }

    pub fn item(&self, code: &str) -> Option<&ItemEntry> {
        self.items.get(code)
    }

    /// The score of a scored row as typed ("" when not scored).
    pub fn score_raw(&self, code: &str) -> &str {
        self.scores.get(code).map_or("", |entry| entry.score.as_str())
    }

    pub fn figure_raw(&self, id: &str) -> &str {
        self.figures.get(id).map(String::as_str).unwrap_or("")
    }

    /// The value of a `{name}` reference: a meta token (`{地区}`, `{省份}`, `{年度}`) or a figure of
    /// `framework` by its name. `None` when the name means nothing.
    pub fn reference_value(&self, framework: &Framework, name: &str) -> Option<String> {
        field::resolve_reference(
            name,
            |name| framework.figure_by_name(name),
            |field| field.value(self).to_owned(),
            |figure| self.figure_raw(&figure.id).to_owned(),
        )
    }
}

impl Draft {
    /// Brings a draft read from an older schema up to the current one. Returns the version it was
    /// migrated from, if it was. Nothing the user wrote is dropped: references a version-1 draft
    /// made by id are rewritten to the names `framework` gives those figures.
    pub fn migrate(&mut self, framework: &Framework) -> Option<u32> {
        let from = self.schema_version;
        if from >= DRAFT_SCHEMA_VERSION {
            return None;
        }
        if from < 2 {
            let figure_name = |id: &str| framework.figure(id).map(|figure| figure.name.clone());
            let rename = |text: &mut String| *text = crate::template::rename_id_references(text, figure_name);
            for entry in self.items.values_mut() {
                rename(&mut entry.narrative);
                rename(&mut entry.not_applicable_reason);
            }
            for problem in &mut self.problems {
                rename(&mut problem.title);
                rename(&mut problem.text);
            }
            for measure in &mut self.measures {
                rename(&mut measure.title);
                rename(&mut measure.text);
            }
        }
        if from < 3 {
            for (code, entry) in &mut self.items {
                if !entry.score.is_empty() {
                    let score = std::mem::take(&mut entry.score);
                    self.scores.entry(code.clone()).or_default().score = score;
                }
            }
            self.items.retain(|_, entry| !entry.is_untouched());
        }
        self.schema_version = DRAFT_SCHEMA_VERSION;
        Some(from)
    }
}

impl Draft {
    /// Gives problems and measures that share an id (a draft edited by hand) ids of their own, so
    /// that each field is one field; measures' answers keep naming the first of them. Returns
    /// whether anything changed.
    pub fn repair_entry_ids(&mut self) -> bool {
        let mut changed = false;
        let mut seen: Vec<String> = Vec::new();
        for index in 0..self.problems.len() {
            if seen.contains(&self.problems[index].id) {
                self.problems[index].id = next_entry_id("p", self.problems.iter().map(|p| p.id.as_str()));
                changed = true;
            }
            seen.push(self.problems[index].id.clone());
        }
        seen.clear();
        for index in 0..self.measures.len() {
            if seen.contains(&self.measures[index].id) {
                self.measures[index].id = next_entry_id("m", self.measures.iter().map(|m| m.id.as_str()));
                changed = true;
            }
            seen.push(self.measures[index].id.clone());
        }
        changed
    }
}

/// The next free id with `prefix` (`p`, `m`) among `existing`.
pub fn next_entry_id<'a>(prefix: &str, existing: impl IntoIterator<Item = &'a str>) -> String {
    let highest = existing.into_iter().filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok()).max().unwrap_or(0);
    format!("{prefix}{}", highest + 1)
}
