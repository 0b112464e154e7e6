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

/// What the report writes after an entry, by its 是否完成 answer (`report.rs` writes these; the
/// importer reads them back).
pub const DONE_SENTENCE: &str = "已完成整改。";
pub const ONGOING_SENTENCE: &str = "整改工作正在推进中。";

impl Rectification {
    /// An entry read from an old report: the 反馈问题 (its first sentence) and the rest. Labelled
    /// parts (`整改措施：`, `整改进展：`/`进展：`) go to their fields; the closing sentence the
    /// report writes for 是否完成 is read back as the answer. Nothing else is dropped.
    pub fn from_report(id: String, problem: &str, text: &str) -> Rectification {
        let problem = problem.trim().trim_start_matches("反馈问题").trim_start_matches(['：', ':']).trim();
        let mut entry = Rectification { id, problem: problem.to_owned(), ..Rectification::default() };
        let mut lines: Vec<&str> = text.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
        match lines.last().copied() {
            Some(DONE_SENTENCE) => entry.done = Some(true),
            Some(ONGOING_SENTENCE) => entry.done = Some(false),
            _ => {}
        }
        if entry.done.is_some() {
            lines.pop();
        }
        let mut field = RectificationField::Measure;
        for line in lines {
            let labelled = [
                ("整改措施", RectificationField::Measure),
                ("整改进展", RectificationField::Progress),
                ("进展情况", RectificationField::Progress),
                ("进展", RectificationField::Progress),
            ]
            .into_iter()
            .find_map(|(label, to)| {
                let rest = line.strip_prefix(label)?;
                Some((rest.strip_prefix(['：', ':'])?, to))
            });
            let line = match labelled {
                Some((rest, to)) => {
                    field = to;
                    rest.trim()
                }
                None => line,
            };
            let target = entry.text_mut(field);
            if !target.is_empty() {
                target.push('\n');
            }
            target.push_str(line);
        }
        entry
    }

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
