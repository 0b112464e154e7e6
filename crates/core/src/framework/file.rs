//! Reading a framework file: [`Framework::from_json`] checks the header, the shape, and then the
//! structure, and refuses the file with a Chinese message that lists every problem found.

use super::problem::{joined, Problem, ProblemAt};
use super::{Framework, FRAMEWORK_FORMAT, FRAMEWORK_SCHEMA_VERSION};
use crate::template::{is_meta_reference, is_reference_name, references_in, MAX_REFERENCE_CHARS};
use std::collections::HashSet;
use std::fmt;

/// Why a framework file was refused. Every problem found is listed, not just the first.
#[derive(Clone, Debug, PartialEq)]
pub enum FrameworkError {
    /// Not JSON of the expected shape; line and column are 1-based.
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    WrongFormat {
        found: String,
    },
    NewerSchema {
        found: u32,
    },
    Invalid {
        problems: Vec<Problem>,
    },
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameworkError::Syntax { line, column, detail } => {
                write!(f, "指标体系文件无法解析（第{line}行第{column}列）：{detail}")
            }
            FrameworkError::WrongFormat { found } => {
                write!(f, "这不是指标体系文件：format 应为“{FRAMEWORK_FORMAT}”，实际为“{found}”。")
            }
            FrameworkError::NewerSchema { found } => write!(
                f,
                "指标体系文件的版本（{found}）比本程序支持的版本（{FRAMEWORK_SCHEMA_VERSION}）新，请更新本程序。"
            ),
            FrameworkError::Invalid { problems } => {
                write!(f, "指标体系文件有{}处错误：{}", problems.len(), joined(problems))
            }
        }
    }
}

impl std::error::Error for FrameworkError {}

impl Framework {
    /// Parses and checks a framework file.
    pub fn from_json(text: &str) -> Result<Framework, FrameworkError> {
        let syntax = |error: serde_json::Error| FrameworkError::Syntax {
            line: error.line(),
            column: error.column(),
            detail: crate::json_errors::explain(&error),
        };
        // The header first, so a file of another kind or a newer schema gets its own message
        // rather than a field error.
        let header: crate::FileHeader = serde_json::from_str(text).map_err(syntax)?;
        if header.format != FRAMEWORK_FORMAT {
            return Err(FrameworkError::WrongFormat { found: header.format });
        }
        if header.schema_version > u64::from(FRAMEWORK_SCHEMA_VERSION) {
            return Err(FrameworkError::NewerSchema { found: header.schema_version as u32 });
        }
        let mut framework: Framework = serde_json::from_str(text).map_err(syntax)?;
        framework.settle_scoring();
        let problems = framework.problems();
        if problems.is_empty() {
            Ok(framework)
        } else {
            Err(FrameworkError::Invalid { problems })
        }
    }

    /// Every problem [`Framework::from_json`] refuses a file for: the structure, the scoring, the
    /// report's skeleton. The framework editor lists them live.
    pub fn problems(&self) -> Vec<Problem> {
        let too_large = self.size_problems();
        if !too_large.is_empty() {
            return too_large;
        }
        let mut problems = self.structural_problems();
        problems.extend(self.scoring_problems());
        problems.extend(self.report.problems().into_iter().map(|message| Problem::new(ProblemAt::Report, message)));
        let narrative_starters = self.report.content_parts().filter_map(|part| Some((part, part.starter.as_deref()?)));
        for (part, text) in narrative_starters {
            for reference in references_in(text) {
                if self.figure_by_name(reference.name).is_none() && !is_meta_reference(reference.name) {
                    problems.push(Problem::new(
                        ProblemAt::Report,
                        format!("“{}”的范文引用了不存在的数据项“{}”", part.heading, reference.name),
                    ));
                }
            }
        }
        problems
    }

    /// A framework larger than any real one: its size, alone (checking each of fifty thousand rows
    /// would only list the same few problems thousands of times).
    fn size_problems(&self) -> Vec<Problem> {
        use crate::limits::{FRAMEWORK_AREAS, FRAMEWORK_FIGURES, FRAMEWORK_ITEMS, FRAMEWORK_SCORED_ROWS};
        let mut problems = Vec::new();
        let counts = [
            (self.areas.len(), FRAMEWORK_AREAS, "一级指标（评价领域）", "通常不到20个"),
            (self.item_count(), FRAMEWORK_ITEMS, "二级指标", "通常不到200个"),
            (self.score_rows().len(), FRAMEWORK_SCORED_ROWS, "指标和观测点", "通常不到500个"),
            (self.all_figures().count(), FRAMEWORK_FIGURES, "数据项", "通常不到200个"),
        ];
        for (count, limit, what, usual) in counts {
            if count > limit {
                problems.push(Problem::new(
                    ProblemAt::Framework,
                    format!("{what}有{count}个，超过了上限{limit}个（一套评价指标{usual}）：请确认读取的是指标表"),
                ));
            }
        }
        problems
    }

    /// Every structural problem of the framework, in document order.
    fn structural_problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        if self.areas.is_empty() {
            problems.push(Problem::new(ProblemAt::Framework, "没有任何评价领域"));
        }
        let mut codes = HashSet::new();
        let mut figure_ids = HashSet::new();
        for area in &self.areas {
            if !codes.insert(area.code.as_str()) {
                problems.push(Problem::node(&area.code, format!("编码“{}”重复", area.code)));
            }
            if area.items.is_empty() {
                problems.push(Problem::node(&area.code, format!("领域“{}”没有指标", area.title)));
            }
            for item in &area.items {
                if !codes.insert(item.code.as_str()) {
                    problems.push(Problem::node(&item.code, format!("编码“{}”重复", item.code)));
                }
                if item.title.trim().is_empty() {
                    problems.push(Problem::node(&item.code, format!("指标“{}”没有标题", item.code)));
                }
            }
        }
        let mut figure_names = HashSet::new();
        for figure in self.all_figures() {
            let at = || ProblemAt::Figure(figure.id.clone());
            if !figure_ids.insert(figure.id.as_str()) {
                problems.push(Problem::new(at(), format!("数据项编码“{}”重复", figure.id)));
            }
            if !figure_names.insert(figure.name.as_str()) {
                problems.push(Problem::new(at(), format!("数据项名称“{}”重复", figure.name)));
            }
            if !is_reference_name(&figure.name) {
                problems.push(Problem::new(
                    at(),
                    format!("数据项名称“{}”只能由1至{MAX_REFERENCE_CHARS}个汉字、字母、数字或下划线组成", figure.name),
                ));
            }
            if is_meta_reference(&figure.name) {
                problems.push(Problem::new(at(), format!("数据项名称“{}”与基本信息占用的名称冲突", figure.name)));
            }
            if let (Some(min), Some(max)) = (figure.min, figure.max) {
                if min > max {
                    problems.push(Problem::new(at(), format!("数据项“{}”的下限大于上限", figure.id)));
                }
            }
            for threshold in &figure.thresholds {
                if threshold.basis.trim().is_empty() {
                    problems.push(Problem::new(at(), format!("数据项“{}”的阈值没有注明政策依据", figure.name)));
                }
                if let Some(other) = &threshold.at_least_figure {
                    if self.figure(other).is_none() {
                        problems.push(Problem::new(
                            at(),
                            format!("数据项“{}”的阈值引用了不存在的数据项“{other}”", figure.id),
                        ));
                    }
                }
            }
        }
        let starter_texts = self
            .areas
            .iter()
            .flat_map(|area| area.items.iter())
            .filter_map(|item| {
                item.starter.as_deref().map(|text| (item.code.as_str(), ProblemAt::Node(item.code.clone()), text))
            })
            .chain(self.problems.starters.iter().map(|entry| ("存在的问题", ProblemAt::Framework, entry.text.as_str())))
            .chain(
                self.measures.starters.iter().map(|entry| ("下一步措施", ProblemAt::Framework, entry.text.as_str())),
            );
        for (place, at, text) in starter_texts {
            for reference in references_in(text) {
                let name = reference.name;
                if self.figure_by_name(name).is_none() && !is_meta_reference(name) {
                    problems.push(Problem::new(at.clone(), format!("“{place}”的范文引用了不存在的数据项“{name}”")));
                }
            }
        }
        for starter in &self.measures.starters {
            for &answered in &starter.answers {
                if answered >= self.problems.starters.len() {
                    problems.push(Problem::new(
                        ProblemAt::Framework,
                        format!("措施范文“{}”回应了不存在的问题范文", starter.title),
                    ));
                }
            }
        }
        problems
    }
}
