//! The report's skeleton, as framework data: its title and opening patterns, whether a 主送 line
//! is required, the parts in order with their headings, and how items are written. Every
//! framework has one; a file without a `report` section gets the Sichuan 2023 skeleton (the one the
//! code hard-coded before it became data), so older files render exactly as they did.
//!
//! Invariant (checked on load): exactly one `work` part, at most one problems, one measures and
//! one rectification part, narrative and rectification parts carry a unique code and a heading, and the patterns
//! use only the tokens of [`SKELETON_TOKENS`].

use crate::template::references_in;
use serde::{Deserialize, Serialize};

/// The tokens a title or opening pattern may use, with what they stand for.
pub const SKELETON_TOKENS: [(&str, &str); 7] = [
    ("年度", "评价年度（基本信息）"),
    ("地区", "地区（基本信息）"),
    ("省份", "省份（基本信息）"),
    ("数据年度", "数据年度（指标体系；未给出时为评价年度的上一年）"),
    ("通知", "通知名称（基本信息）"),
    ("文号", "通知文号（基本信息）"),
    ("依据文件", "指标体系所列的其他依据文件，写成《名称》（文号）"),
];

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSkeleton {
    /// The title, e.g. `{年度}年{地区}人民政府履行教育职责自评报告` or the 报告 form
    /// `{地区}人民政府关于{年度}年履行教育职责自评情况的报告`.
    pub title: String,
    /// Whether the report must carry a 主送 line (the 报告 form). Without it, a 主送机关 the user
    /// types is still printed.
    #[serde(default)]
    pub addressee_required: bool,
    /// The opening paragraph, e.g. `按照《{通知}》（{文号}）要求，{地区}对照评价重点开展了自查自评，现将情况报告如下。`
    pub opening: String,
    /// The parts in order; each is numbered `一、`, `二、`… in that order.
    pub parts: Vec<ReportPart>,
    /// How the work part writes its items.
    #[serde(default)]
    pub item_style: ItemStyle,
}

/// One part of the report (`一、基本情况`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportPart {
    pub kind: PartKind,
    /// The heading without its number. Problems and measures parts take their list section's
    /// title when this is empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub heading: String,
    /// Narrative and rectification parts: the key of the part's content in drafts.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// What to write (narrative and rectification parts).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// A 范文 paragraph for a narrative part, with `{name}` references.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starter: Option<String>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Free text with figures (`基本情况`).
    Narrative,
    /// 上一轮评价反馈问题整改情况: entries of 反馈问题, 整改措施, 进展, 是否完成.
    Rectification,
    /// The areas with their items (`履行教育职责情况`).
    Work,
    /// 存在的问题.
    Problems,
    /// 下一步工作打算.
    Measures,
}

impl PartKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            PartKind::Narrative => "叙述",
            PartKind::Rectification => "整改情况",
            PartKind::Work => "履职情况（各领域）",
            PartKind::Problems => "存在的问题",
            PartKind::Measures => "下一步措施",
        }
    }
}

/// How items are written in the work part.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStyle {
    /// Each area under its own `（一）` heading, each item a lead sentence and its text (report (1)
    /// of the seed).
    #[default]
    LeadSentences,
    /// Each area one paragraph: `（一）` + the area's title as its first sentence, then its items'
    /// texts (report (2) of the seed).
    AreaParagraph,
}

impl ItemStyle {
    pub const ALL: [ItemStyle; 2] = [ItemStyle::LeadSentences, ItemStyle::AreaParagraph];

    /// The value of its option in a select.
    pub fn key(self) -> &'static str {
        match self {
            ItemStyle::LeadSentences => "lead",
            ItemStyle::AreaParagraph => "area",
        }
    }

    pub fn from_key(key: &str) -> Option<ItemStyle> {
        ItemStyle::ALL.into_iter().find(|style| style.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ItemStyle::LeadSentences => "每个领域一个小标题，每个指标以引导句开头",
            ItemStyle::AreaParagraph => "每个领域写成一段",
        }
    }
}

/// The 文种 of the report, which sets its whole skeleton: the 自评报告 (the Sichuan 2023 form) or
/// the 报告 (a 主送 line and 一、基本情况, as county frameworks usually ask).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportForm {
    SelfEvaluation,
    Report,
}

impl ReportForm {
    pub const ALL: [ReportForm; 2] = [ReportForm::SelfEvaluation, ReportForm::Report];

    pub fn key(self) -> &'static str {
        match self {
            ReportForm::SelfEvaluation => "self",
            ReportForm::Report => "report",
        }
    }

    pub fn from_key(key: &str) -> Option<ReportForm> {
        ReportForm::ALL.into_iter().find(|form| form.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ReportForm::SelfEvaluation => "自评报告",
            ReportForm::Report => "报告（有主送机关和“基本情况”）",
        }
    }

    /// The skeleton this 文种 starts from.
    pub fn skeleton(self) -> ReportSkeleton {
        match self {
            ReportForm::SelfEvaluation => ReportSkeleton::default(),
            ReportForm::Report => ReportSkeleton::county_report_form(),
        }
    }
}

impl Default for ReportSkeleton {
    /// The Sichuan 2023 skeleton: what every framework file without a `report` section gets.
    fn default() -> Self {
        ReportSkeleton {
            title: "{年度}年{地区}人民政府履行教育职责自评报告".to_owned(),
            addressee_required: false,
            opening: "按照《{通知}》（{文号}）要求，{地区}对照评价重点开展了自查自评，现将情况报告如下。".to_owned(),
            parts: vec![
                ReportPart::of(PartKind::Work, "工作开展情况及成效", ""),
                ReportPart::of(PartKind::Problems, "", ""),
                ReportPart::of(PartKind::Measures, "", ""),
            ],
            item_style: ItemStyle::LeadSentences,
        }
    }
}

impl ReportPart {
    pub fn of(kind: PartKind, heading: &str, code: &str) -> ReportPart {
        ReportPart { kind, heading: heading.to_owned(), code: code.to_owned(), guidance: String::new(), starter: None }
    }

    /// Whether drafts keep content of their own for this part (by its code).
    pub fn has_content(&self) -> bool {
        matches!(self.kind, PartKind::Narrative | PartKind::Rectification)
    }
}

impl ReportSkeleton {
    /// The 报告 form a county framework usually asks for: 主送 line, 一、基本情况, the areas, problems and
    /// measures.
    pub fn county_report_form() -> ReportSkeleton {
        ReportSkeleton {
            title: "{地区}人民政府关于{年度}年履行教育职责自评情况的报告".to_owned(),
            addressee_required: true,
            opening: "根据《{通知}》（{文号}）要求，{地区}人民政府对照评价指标，对{数据年度}年度履行教育职责情况进行了全面自查自评。现将有关情况报告如下。"
                .to_owned(),
            parts: vec![
                ReportPart {
                    guidance: "写明辖区人口、学校数、在校生数和教师数，以及本年度教育工作总体情况。".to_owned(),
                    ..ReportPart::of(PartKind::Narrative, "基本情况", "overview")
                },
                ReportPart::of(PartKind::Work, "履行教育职责情况", ""),
                ReportPart::of(PartKind::Problems, "", ""),
                ReportPart::of(PartKind::Measures, "", ""),
            ],
            item_style: ItemStyle::LeadSentences,
        }
    }

    /// The 文种 this skeleton is written in: the 报告 form is the one that requires a 主送 line.
    pub fn form(&self) -> ReportForm {
        if self.addressee_required {
            ReportForm::Report
        } else {
            ReportForm::SelfEvaluation
        }
    }

    /// The parts whose content drafts keep, in order.
    pub fn content_parts(&self) -> impl Iterator<Item = &ReportPart> {
        self.parts.iter().filter(|part| part.has_content())
    }

    pub fn part(&self, code: &str) -> Option<&ReportPart> {
        self.content_parts().find(|part| part.code == code)
    }

    /// Every problem of the skeleton, for [`super::Framework::from_json`].
    pub(super) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let count = |kind: PartKind| self.parts.iter().filter(|part| part.kind == kind).count();
        if count(PartKind::Work) != 1 {
            problems.push("报告结构应有且只有一个“履职情况（各领域）”部分".to_owned());
        }
        for kind in [PartKind::Problems, PartKind::Measures, PartKind::Rectification] {
            if count(kind) > 1 {
                problems.push(format!("报告结构中“{}”部分重复", kind.label_zh()));
            }
        }
        let mut codes = std::collections::HashSet::new();
        for part in &self.parts {
            if part.heading.trim().is_empty() && !matches!(part.kind, PartKind::Problems | PartKind::Measures) {
                problems.push(format!("报告结构中有一个“{}”部分没有标题", part.kind.label_zh()));
            }
            if part.has_content() {
                if !crate::template::is_reference_name(&part.code) {
                    problems.push(format!("报告部分“{}”的编码应由字母、数字或下划线组成", part.heading));
                } else if !codes.insert(part.code.as_str()) {
                    problems.push(format!("报告部分编码“{}”重复", part.code));
                }
            }
        }
        for (what, pattern) in [("标题", &self.title), ("开头语", &self.opening)] {
            if pattern.trim().is_empty() {
                problems.push(format!("报告{what}的格式不能为空"));
            }
            for reference in references_in(pattern) {
                if !SKELETON_TOKENS.iter().any(|(token, _)| *token == reference.name) {
                    problems.push(format!("报告{what}中的“{{{}}}”不是可用的占位符", reference.name));
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_and_county_skeletons_are_sound_and_a_broken_one_names_every_problem() {
        assert!(ReportSkeleton::default().problems().is_empty());
        assert!(ReportSkeleton::county_report_form().problems().is_empty());
        let mut broken = ReportSkeleton::county_report_form();
        broken.parts.push(ReportPart::of(PartKind::Work, "又一个", ""));
        broken.parts.push(ReportPart::of(PartKind::Narrative, "", "overview"));
        broken.title = "{年度}年{单位}报告".into();
        let problems = broken.problems();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|problem| problem.contains("{单位}")));
    }
}
