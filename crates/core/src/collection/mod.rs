//! 汇总: a 督导室's collection of many units' drafts, compared side by side and reviewed (复核).
//! A collection reads the units' drafts and never changes one: what the reviewer adds (复核得分
//! and notes) is kept in the collection, beside the drafts.
//!
//! `read.rs` reads files (draft files, framework files) into drafts, frameworks, waiting files
//! and refusals (a department's part among them: it is not the unit's draft); `summary.rs`
//! computes each unit's row of the comparison (and its CSV); `figures.rs` one figure across units
//! against its thresholds (met, short, or not to be judged); `items.rs` one item across units;
//! `findings.rs` a unit's findings one line per problem; `review.rs` the 复核 scores and
//! 自评可信度; `export.rs` the 复核意见 and the 汇总表 (with the 复核 and the figure's chart) as Word
//! files.
//!
//! Invariants: one draft per unit (`unit_key`); re-adding a unit keeps the newer draft and says
//! so; a file that cannot be read is refused with why, one whose framework is not here waits with
//! its text kept, never dropped.

mod export;
mod figures;
mod findings;
mod items;
mod read;
mod review;
mod summary;

pub use export::{review_docx, summary_docx, FigureSection};
pub use figures::{
    across_summary, bars, figure_across, not_drawn, requirement, threshold_line, FigureCell, FigureState,
};
pub use findings::{grouped_findings, FindingGroup};
pub use items::{item_across, ItemCell};
pub use read::{read_file, FileRead};
pub use review::{checked_score, credibility, Credibility, Review, ReviewEntry, RowDifference, CREDIBILITY_FORMULA};
pub use summary::{
    sort_summaries, sort_summaries_by_name, summary_csv, AreaProgress, ScoreSummary, SortKey, UnitSummary,
};

use crate::draft::Draft;
use crate::framework::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub const COLLECTION_FORMAT: &str = "lvzhi-collection";
pub const COLLECTION_SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    pub format: String,
    pub schema_version: u32,
    /// The name the reviewer gave it, e.g. `2025年县级自评汇总`.
    pub name: String,
    /// One draft per unit, in the order added.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Draft files whose framework is not here yet: kept as read, joined once it is added.
    #[serde(default)]
    pub waiting: Vec<Waiting>,
    /// The frameworks the drafts use (from the files that carried them, or added by the
    /// reviewer), so the collection's file opens whole in another browser.
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    /// 复核, by unit key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reviews: BTreeMap<String, Review>,
    /// 复核单位: the office that reviews (`某市人民政府教育督导室`), named on the 复核意见 and
    /// the 汇总表.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
}

/// A unit's draft in the collection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The file it came from (as the reviewer knows it).
    pub file_name: String,
    pub draft: Draft,
}

impl Unit {
    pub fn key(&self) -> String {
        unit_key(&self.draft)
    }
}

/// A draft file waiting for its framework.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    pub file_name: String,
    pub text: String,
    pub framework_id: String,
    pub framework_version: String,
}

/// Which unit a draft is of: its 报告单位, else its region, else (nothing typed) the draft itself.
pub fn unit_key(draft: &Draft) -> String {
    let squeeze = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let unit = squeeze(&draft.meta.unit);
    if !unit.is_empty() {
        return unit;
    }
    let region = squeeze(&draft.meta.region);
    if !region.is_empty() {
        return region;
    }
    format!("草稿{}", draft.id)
}

/// How a unit is named on screen: its 报告单位, else its region.
pub fn unit_name(draft: &Draft) -> &str {
    let unit = draft.meta.unit.trim();
    if unit.is_empty() {
        draft.meta.region.trim()
    } else {
        unit
    }
}

/// What adding a draft did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Added {
    /// A unit not in the collection yet.
    New,
    /// The unit's older draft (last edited then) was replaced.
    ReplacedOlder { was_edited: String },
    /// The collection already holds a newer draft of the unit: kept, this one left.
    KeptNewer { kept_edited: String },
    /// The collection already holds this very draft: nothing to do.
    Same,
}

impl Collection {
    pub fn new(name: &str) -> Collection {
        Collection {
            format: COLLECTION_FORMAT.to_owned(),
            schema_version: COLLECTION_SCHEMA_VERSION,
            name: name.to_owned(),
            units: Vec::new(),
            waiting: Vec::new(),
            frameworks: Vec::new(),
            reviews: BTreeMap::new(),
            reviewer: String::new(),
        }
    }

    /// Adds a unit's draft: a unit already here keeps whichever draft was edited last (by
    /// `updated_at`, the time the app stamps at every save).
    pub fn add(&mut self, unit: Unit) -> Added {
        let key = unit.key();
        match self.units.iter().position(|held| held.key() == key) {
            None => {
                self.units.push(unit);
                Added::New
            }
            Some(index) if self.units[index].draft.updated_at < unit.draft.updated_at => {
                let was_edited = std::mem::replace(&mut self.units[index], unit).draft.updated_at;
                Added::ReplacedOlder { was_edited }
            }
            Some(index) if self.units[index].draft == unit.draft => Added::Same,
            Some(index) => Added::KeptNewer { kept_edited: self.units[index].draft.updated_at.clone() },
        }
    }

    /// Keeps a framework the drafts use (once; the same content under another id counts as held).
    pub fn add_framework(&mut self, framework: Framework) {
        let held = self.frameworks.iter().any(|held| held.id == framework.id || held.same_content_as(&framework));
        if !held {
            self.frameworks.push(framework);
        }
    }

    /// The framework a unit's draft was read against (the collection keeps every one it needs).
    pub fn framework_of(&self, unit: &Unit) -> Option<&Framework> {
        self.frameworks.iter().find(|framework| framework.id == unit.draft.framework.id)
    }

    pub fn unit(&self, key: &str) -> Option<&Unit> {
        self.units.iter().find(|unit| unit.key() == key)
    }

    /// Takes a unit out, with its 复核.
    pub fn remove(&mut self, key: &str) {
        self.units.retain(|unit| unit.key() != key);
        self.reviews.remove(key);
    }

    /// The collection as a file (pretty JSON, ending with a newline).
    pub fn to_file(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a collection serializes");
        text.push('\n');
        text
    }

    /// Compact JSON, for the browser's storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a collection serializes")
    }

    /// A collection's file or stored text; its frameworks go through the file checks.
    pub fn from_json(text: &str) -> Result<Collection, CollectionError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let header: crate::FileHeader = serde_json::from_str(text).map_err(|error| CollectionError::Syntax {
            line: error.line(),
            detail: crate::json_errors::explain(&error),
        })?;
        if header.format != COLLECTION_FORMAT {
            return Err(CollectionError::WrongFormat { found: header.format });
        }
        if header.schema_version > u64::from(COLLECTION_SCHEMA_VERSION) {
            return Err(CollectionError::NewerSchema { found: header.schema_version as u32 });
        }
        let mut collection: Collection = serde_json::from_str(text).map_err(|error| CollectionError::Syntax {
            line: error.line(),
            detail: crate::json_errors::explain(&error),
        })?;
        // Each framework as a framework file is read: only checked ones are kept.
        for framework in &mut collection.frameworks {
            let text = serde_json::to_string(&*framework).expect("a framework serializes");
            *framework = Framework::from_json(&text).map_err(|error| CollectionError::Framework {
                title: framework.title.clone(),
                problem: error.to_string(),
            })?;
        }
        Ok(collection)
    }
}

/// Why a collection's file was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum CollectionError {
    Syntax { line: usize, detail: String },
    WrongFormat { found: String },
    NewerSchema { found: u32 },
    Framework { title: String, problem: String },
}

impl fmt::Display for CollectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CollectionError::Syntax { line, detail } => {
                write!(f, "汇总文件内容不完整或已损坏（第{line}行：{detail}）。")
            }
            CollectionError::WrongFormat { found } if found == crate::draft::DRAFT_FORMAT => {
                write!(f, "这是草稿文件，不是汇总文件：请用“添加草稿文件”加入汇总。")
            }
            CollectionError::WrongFormat { .. } => write!(f, "这不是履职自评的汇总文件。"),
            CollectionError::NewerSchema { found } => {
                write!(f, "该汇总文件由更新版本的履职自评保存（格式版本{found}），请更新本程序后再打开。")
            }
            CollectionError::Framework { title, problem } => {
                write!(f, "汇总文件中的指标体系“{title}”无法使用：{problem}")
            }
        }
    }
}

impl std::error::Error for CollectionError {}
