//! The validator: one catalogue of rules run over the whole draft, returning every finding.
//!
//! Invariant: `validate` never stops at the first finding and never changes the draft; a fix is an
//! exact edit of one text field (byte range + the text it expects there + replacement), so applying
//! it can change nothing outside its range, and a stale fix is refused rather than misapplied.

mod completeness;
mod cross;
mod fields;
mod figures;
pub mod level;
pub mod scan;
mod text;

pub use fields::{text_fields, text_mut, TextField};

use crate::draft::Draft;
use crate::framework::{Figure, Framework};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// 错误: the report is not ready to send.
    Error,
    /// 警告: a reviewer will ask about it; it may be an honest disclosure.
    Warning,
    /// 提示: worth a look.
    Hint,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Hint];

    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Hint => "提示",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Hint => "hint",
        }
    }
}

/// A meta field of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    Region,
    Province,
    Year,
    NoticeTitle,
    NoticeNumber,
    Unit,
    Date,
}

impl MetaField {
    pub const ALL: [MetaField; 7] = [
        MetaField::Region,
        MetaField::Province,
        MetaField::Year,
        MetaField::NoticeTitle,
        MetaField::NoticeNumber,
        MetaField::Unit,
        MetaField::Date,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            MetaField::Region => "地区名称",
            MetaField::Province => "所在省份",
            MetaField::Year => "评价年度",
            MetaField::NoticeTitle => "通知名称",
            MetaField::NoticeNumber => "通知文号",
            MetaField::Unit => "报告单位（落款）",
            MetaField::Date => "成文日期",
        }
    }

    /// Stable key, also the suffix of the field's element id in the app (`meta-region`).
    pub fn key(self) -> &'static str {
        match self {
            MetaField::Region => "region",
            MetaField::Province => "province",
            MetaField::Year => "year",
            MetaField::NoticeTitle => "notice-title",
            MetaField::NoticeNumber => "notice-number",
            MetaField::Unit => "unit",
            MetaField::Date => "date",
        }
    }

    /// The name text refers to this field by (`{地区}`), for the fields text may refer to.
    pub fn reference_name(self) -> Option<&'static str> {
        match self {
            MetaField::Region => Some("地区"),
            MetaField::Province => Some("省份"),
            MetaField::Year => Some("年度"),
            _ => None,
        }
    }

    /// The field a `{name}` reference means, if it names one.
    pub fn for_reference(name: &str) -> Option<MetaField> {
        MetaField::ALL.into_iter().find(|field| field.reference_name() == Some(name))
    }

    pub fn value(self, draft: &Draft) -> &str {
        let meta = &draft.meta;
        match self {
            MetaField::Region => &meta.region,
            MetaField::Province => &meta.province,
            MetaField::Year => &meta.year,
            MetaField::NoticeTitle => &meta.notice_title,
            MetaField::NoticeNumber => &meta.notice_number,
            MetaField::Unit => &meta.unit,
            MetaField::Date => &meta.date,
        }
    }
}

/// Where a finding is: precise enough for the app to open the page and focus the field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    Meta(MetaField),
    /// The item as a whole (its state or rating).
    Item(String),
    ItemNarrative(String),
    ItemReason(String),
    /// A figure's input, by figure id.
    Figure(String),
    ProblemTitle(String),
    ProblemText(String),
    MeasureTitle(String),
    MeasureText(String),
    /// The problem list as a whole.
    Problems,
    /// The measure list as a whole.
    Measures,
    /// The whole report.
    Report,
}

/// An exact edit of one text field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub location: Location,
    /// Byte range in the field's text.
    pub range: Range<usize>,
    /// What the range holds now; the fix is refused if the text changed.
    pub expected: String,
    pub replacement: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The rule's stable code, e.g. `text-blank`.
    pub rule: &'static str,
    pub severity: Severity,
    pub location: Location,
    /// Byte range inside the location's text, where the finding is in a text.
    pub range: Option<Range<usize>>,
    /// What is wrong and why, in Chinese (with the policy basis where there is one). It does not
    /// repeat the name of its location: the field shows it above, the findings panel beside it.
    pub message: String,
    pub fix: Option<Fix>,
    /// The field to open to act on this finding, where that is not `location` itself: for a
    /// reference to a figure not yet filled, the figure's input.
    pub go_to: Option<Location>,
}

/// What every rule reads.
pub struct Context<'a> {
    pub framework: &'a Framework,
    pub draft: &'a Draft,
    /// The texts that go into the report, in report order.
    pub fields: Vec<TextField<'a>>,
    /// Figures by the name text refers to them with (built once per run: text holds many references).
    figures_by_name: HashMap<&'a str, &'a Figure>,
}

impl<'a> Context<'a> {
    pub fn new(framework: &'a Framework, draft: &'a Draft) -> Context<'a> {
        let figures_by_name = framework.all_figures().map(|figure| (figure.name.as_str(), figure)).collect();
        Context { framework, draft, fields: text_fields(framework, draft), figures_by_name }
    }

    pub fn figure_by_name(&self, name: &str) -> Option<&'a Figure> {
        self.figures_by_name.get(name).copied()
    }

    /// Same as `Draft::reference_value`, through the index.
    pub fn reference_value(&self, name: &str) -> Option<String> {
        match MetaField::for_reference(name) {
            Some(field) => Some(field.value(self.draft).to_owned()),
            None => self
                .figure_by_name(name)
                .map(|figure| crate::figure::figure_report_text(figure, self.draft.figure_raw(&figure.id))),
        }
    }
}

/// One rule of the catalogue.
pub struct Rule {
    /// Stable; the app and tests refer to rules by it.
    pub code: &'static str,
    pub severity: Severity,
    /// Short Chinese name, for the panel.
    pub name: &'static str,
    /// What the rule checks and why.
    pub description: &'static str,
    pub check: fn(&Context, &Rule, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A finding of this rule.
    pub fn finding(&self, location: Location, range: Option<Range<usize>>, message: String) -> Diagnostic {
        Diagnostic { rule: self.code, severity: self.severity, location, range, message, fix: None, go_to: None }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).field("severity", &self.severity).finish()
    }
}

/// Every rule, in the order findings are grouped.
pub static CATALOGUE: &[Rule] = &[
    completeness::META_REQUIRED,
    completeness::META_YEAR,
    completeness::META_DATE,
    completeness::ITEM_EMPTY,
    completeness::ITEM_NOT_APPLICABLE_REASON,
    completeness::ITEM_NOT_APPLICABLE_NOT_ALLOWED,
    completeness::FIGURE_REQUIRED,
    completeness::LIST_EMPTY,
    figures::FIGURE_INVALID,
    figures::FIGURE_YEAR_FAR,
    figures::FIGURE_THRESHOLD,
    text::TEXT_BLANK,
    text::TEXT_REFERENCE_UNKNOWN,
    text::TEXT_REFERENCE_EMPTY,
    text::TEXT_DOC_NUMBER,
    text::TEXT_YEAR_RANGE,
    text::TEXT_UNPAIRED,
    text::TEXT_HALF_WIDTH,
    text::TEXT_HALF_WIDTH_DOT,
    text::TEXT_DUPLICATE,
    level::TEXT_LEVEL_WORD,
    text::REPORT_TOO_LONG,
    cross::PROBLEM_UNANSWERED,
    cross::RATING_UNEXPLAINED,
];

/// The rule with `code`.
pub fn rule(code: &str) -> Option<&'static Rule> {
    CATALOGUE.iter().find(|rule| rule.code == code)
}

/// Runs every rule over the draft. Findings come in catalogue order, each rule's in report order.
pub fn validate(framework: &Framework, draft: &Draft) -> Vec<Diagnostic> {
    let context = Context::new(framework, draft);
    let mut findings = Vec::new();
    for rule in CATALOGUE {
        (rule.check)(&context, rule, &mut findings);
    }
    findings
}

/// Why a fix could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixError {
    /// The text changed since the fix was computed.
    Stale,
    /// Two fixes overlap.
    Overlapping,
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixError::Stale => write!(f, "内容已改变，修复未执行，请重新检查"),
            FixError::Overlapping => write!(f, "修复范围重叠，未执行"),
        }
    }
}

/// Applies fixes of one field to its text. All or nothing: a stale or overlapping fix refuses all.
pub fn apply_fixes_to_text(text: &str, fixes: &[&Fix]) -> Result<String, FixError> {
    let mut ordered: Vec<&Fix> = fixes.to_vec();
    crate::small_sort::sort_small_by_key(&mut ordered, |fix| fix.range.start);
    for pair in ordered.windows(2) {
        if pair[0].range.end > pair[1].range.start {
            return Err(FixError::Overlapping);
        }
    }
    let mut result = String::with_capacity(text.len());
    let mut cursor = 0;
    for fix in ordered {
        if text.get(fix.range.clone()) != Some(fix.expected.as_str()) {
            return Err(FixError::Stale);
        }
        result.push_str(&text[cursor..fix.range.start]);
        result.push_str(&fix.replacement);
        cursor = fix.range.end;
    }
    result.push_str(&text[cursor..]);
    Ok(result)
}

/// Applies fixes to a copy of the draft, field by field. All or nothing.
pub fn apply_fixes(draft: &Draft, fixes: &[&Fix]) -> Result<Draft, FixError> {
    let mut fixed = draft.clone();
    let mut locations: Vec<&Location> = fixes.iter().map(|fix| &fix.location).collect();
    crate::small_sort::sort_small_by(&mut locations, |a, b| a.cmp(b));
    locations.dedup();
    for location in locations {
        let own: Vec<&Fix> = fixes.iter().copied().filter(|fix| &fix.location == location).collect();
        let text = text_mut(&mut fixed, location).ok_or(FixError::Stale)?;
        *text = apply_fixes_to_text(text, &own)?;
    }
    Ok(fixed)
}

#[cfg(test)]
mod tests;

/// A location as the user would name it: “落实“两个只增不减”的正文”, “第2条问题”.
pub fn describe_location(framework: &Framework, draft: &Draft, location: &Location) -> String {
    let item_title =
        |code: &str| framework.item(code).map(|item| item.title.clone()).unwrap_or_else(|| code.to_owned());
    fn position<'a>(id: &str, mut ids: impl Iterator<Item = &'a str>) -> usize {
        ids.position(|other| other == id).map(|index| index + 1).unwrap_or(0)
    }
    match location {
        Location::Meta(field) => format!("基本信息“{}”", field.label_zh()),
        Location::Item(code) => format!("指标“{}”", item_title(code)),
        Location::ItemNarrative(code) => format!("“{}”的正文", item_title(code)),
        Location::ItemReason(code) => format!("“{}”的无任务原因", item_title(code)),
        Location::Figure(id) => match framework.figure(id) {
            Some(figure) => format!("数据“{}”", figure.label),
            None => format!("数据“{id}”"),
        },
        Location::ProblemTitle(id) | Location::ProblemText(id) => {
            format!("第{}条问题", position(id, draft.problems.iter().map(|problem| problem.id.as_str())))
        }
        Location::MeasureTitle(id) | Location::MeasureText(id) => {
            format!("第{}条措施", position(id, draft.measures.iter().map(|measure| measure.id.as_str())))
        }
        Location::Problems => framework.problems.title.clone(),
        Location::Measures => framework.measures.title.clone(),
        Location::Report => "全文".to_owned(),
    }
}

/// The area (code) a location belongs to, for grouping; `None` for meta, lists and the report.
pub fn area_of(framework: &Framework, location: &Location) -> Option<String> {
    let area_of_item =
        |code: &str| framework.items().find(|(_, item)| item.code == code).map(|(area, _)| area.code.clone());
    match location {
        Location::Item(code) | Location::ItemNarrative(code) | Location::ItemReason(code) => area_of_item(code),
        Location::Figure(id) => framework
            .items()
            .find(|(_, item)| item.figures.iter().any(|figure| &figure.id == id))
            .map(|(area, _)| area.code.clone()),
        _ => None,
    }
}

/// The item a location belongs to (a figure belongs to the item that asks for it).
pub fn item_of(framework: &Framework, location: &Location) -> Option<String> {
    match location {
        Location::Item(code) | Location::ItemNarrative(code) | Location::ItemReason(code) => Some(code.clone()),
        Location::Figure(id) => framework
            .items()
            .find(|(_, item)| item.figures.iter().any(|figure| &figure.id == id))
            .map(|(_, item)| item.code.clone()),
        _ => None,
    }
}
