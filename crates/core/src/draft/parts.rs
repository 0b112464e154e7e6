//! What a draft keeps for the report's own parts (the framework's skeleton): narrative sections
//! live in `Draft::sections` by part code; the 整改情况 list is made of these entries.

use serde::{Deserialize, Serialize};

/// One 上一轮评价反馈问题 and how it was rectified.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rectification {
    /// Stable within the draft (`r1`, `r2`…).
    pub id: String,
    /// 反馈问题: the problem the last evaluation named.
    pub problem: String,
    /// 整改措施.
    pub measure: String,
    /// 进展: where the rectification stands.
    pub progress: String,
    /// 是否完成: `None` until answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

/// The texts of a rectification, for locations and inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RectificationField {
    Problem,
    Measure,
    Progress,
}

impl RectificationField {
    pub const ALL: [RectificationField; 3] =
        [RectificationField::Problem, RectificationField::Measure, RectificationField::Progress];

    pub fn label_zh(self) -> &'static str {
        match self {
            RectificationField::Problem => "反馈问题",
            RectificationField::Measure => "整改措施",
            RectificationField::Progress => "整改进展",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            RectificationField::Problem => "problem",
            RectificationField::Measure => "measure",
            RectificationField::Progress => "progress",
        }
    }
}

impl Rectification {
    pub fn text(&self, field: RectificationField) -> &str {
        match field {
            RectificationField::Problem => &self.problem,
            RectificationField::Measure => &self.measure,
            RectificationField::Progress => &self.progress,
        }
    }

    pub fn text_mut(&mut self, field: RectificationField) -> &mut String {
        match field {
            RectificationField::Problem => &mut self.problem,
            RectificationField::Measure => &mut self.measure,
            RectificationField::Progress => &mut self.progress,
        }
    }

    pub fn is_empty(&self) -> bool {
        RectificationField::ALL.iter().all(|field| self.text(*field).trim().is_empty()) && self.done.is_none()
    }
}
