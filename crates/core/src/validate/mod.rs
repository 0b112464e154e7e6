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
mod parts;
pub mod scan;
mod scores;
pub mod summary;
mod text;

pub use fields::{text_fields, TextField};

use crate::draft::field::{text_mut, Location};
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
pub struct Finding {
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
    /// The score sheet, computed once per run by the first scoring rule that asks.
    score_sheet: std::cell::OnceCell<Option<crate::scoring::ScoreSheet<'a>>>,
}

impl<'a> Context<'a> {
    pub fn new(framework: &'a Framework, draft: &'a Draft) -> Context<'a> {
        let figures_by_name = framework.all_figures().map(|figure| (figure.name.as_str(), figure)).collect();
        Context {
            framework,
            draft,
            fields: text_fields(framework, draft),
            figures_by_name,
            score_sheet: std::cell::OnceCell::new(),
        }
    }

    /// The draft's score sheet; `None` for a framework without points.
    pub fn score_sheet(&self) -> Option<&crate::scoring::ScoreSheet<'a>> {
        self.score_sheet.get_or_init(|| crate::scoring::ScoreSheet::compute(self.framework, self.draft)).as_ref()
    }

    pub fn figure_by_name(&self, name: &str) -> Option<&'a Figure> {
        self.figures_by_name.get(name).copied()
    }

    /// As `Draft::reference_value`.
    pub fn reference_value(&self, name: &str) -> Option<String> {
        crate::draft::field::resolve_reference(
            name,
            |name| self.figure_by_name(name),
            |field| field.value(self.draft).to_owned(),
            |figure| self.draft.figure_raw(&figure.id).to_owned(),
        )
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
    pub check: fn(&Context, &Rule, &mut Vec<Finding>),
}

impl Rule {
    /// A finding of this rule.
    pub fn finding(&self, location: Location, range: Option<Range<usize>>, message: String) -> Finding {
        Finding { rule: self.code, severity: self.severity, location, range, message, fix: None, go_to: None }
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
    completeness::META_DATA_YEAR,
    completeness::META_DATE,
    completeness::ITEM_EMPTY,
    completeness::ITEM_NOT_APPLICABLE_REASON,
    completeness::ITEM_NOT_APPLICABLE_NOT_ALLOWED,
    completeness::FIGURE_REQUIRED,
    completeness::LIST_EMPTY,
    parts::ADDRESSEE_REQUIRED,
    parts::SECTION_EMPTY,
    parts::RECTIFICATION_INCOMPLETE,
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
    text::TEXT_FORBIDDEN_CHAR,
    text::TEXT_STATED_SCORE,
    level::TEXT_LEVEL_WORD,
    text::REPORT_TOO_LONG,
    cross::PROBLEM_UNANSWERED,
    cross::RATING_UNEXPLAINED,
    scores::SCORE_MISSING,
    scores::SCORE_INVALID,
    scores::SCORE_LOST_UNEXPLAINED,
    scores::SCORE_ABOVE_PROPOSAL,
    scores::BONUS_ABOVE_CAP,
    scores::DEDUCTION_INVALID,
    scores::CONDITION_UNANSWERED,
    scores::CONDITION_UNEXPLAINED,
    scores::CONDITION_ROW_CONFLICT,
    scores::DEDUCTION_UNEXPLAINED,
    scores::EVIDENCE_INCOMPLETE,
    scores::REPORT_TOTAL_DIFFERS,
];

/// The rules that only a framework with points can fire (their tests use a scored framework).
pub const SCORING_RULES: [&str; 12] = [
    scores::SCORE_MISSING.code,
    scores::SCORE_INVALID.code,
    scores::SCORE_LOST_UNEXPLAINED.code,
    scores::SCORE_ABOVE_PROPOSAL.code,
    scores::BONUS_ABOVE_CAP.code,
    scores::DEDUCTION_INVALID.code,
    scores::CONDITION_UNANSWERED.code,
    scores::CONDITION_UNEXPLAINED.code,
    scores::CONDITION_ROW_CONFLICT.code,
    scores::DEDUCTION_UNEXPLAINED.code,
    scores::EVIDENCE_INCOMPLETE.code,
    scores::REPORT_TOTAL_DIFFERS.code,
];

/// The rules of the report's own parts: silent for the Sichuan skeleton, so their firing test uses
/// the county 报告 form (`tests/report_skeleton.rs`).
pub const SKELETON_RULES: [&str; 3] =
    [parts::ADDRESSEE_REQUIRED.code, parts::SECTION_EMPTY.code, parts::RECTIFICATION_INCOMPLETE.code];

/// The rule with `code`.
pub fn rule(code: &str) -> Option<&'static Rule> {
    CATALOGUE.iter().find(|rule| rule.code == code)
}

/// Runs every rule over the draft. Findings come in catalogue order, each rule's in report order.
pub fn validate(framework: &Framework, draft: &Draft) -> Vec<Finding> {
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

/// One field a set of fixes changes: its text before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub location: Location,
    pub before: String,
    pub after: String,
}

/// What a set of fixes does, field by field, given how to read a field's current text; refused
/// whole when a field is gone, a fix is stale, or two overlap. The draft's `apply_fixes` and the
/// app's signals both apply exactly this plan.
pub fn plan_fixes(text_of: impl Fn(&Location) -> Option<String>, fixes: &[&Fix]) -> Result<Vec<TextChange>, FixError> {
    let mut locations: Vec<&Location> = fixes.iter().map(|fix| &fix.location).collect();
    crate::small_sort::sort_small_by(&mut locations, |a, b| a.cmp(b));
    locations.dedup();
    locations
        .into_iter()
        .map(|location| {
            let own: Vec<&Fix> = fixes.iter().copied().filter(|fix| &fix.location == location).collect();
            let before = text_of(location).ok_or(FixError::Stale)?;
            let after = apply_fixes_to_text(&before, &own)?;
            Ok(TextChange { location: location.clone(), before, after })
        })
        .collect()
}

/// Applies fixes to a copy of the draft, field by field. All or nothing.
pub fn apply_fixes(draft: &Draft, fixes: &[&Fix]) -> Result<Draft, FixError> {
    let mut fixed = draft.clone();
    let changes = plan_fixes(|location| crate::draft::field::text(draft, location).map(str::to_owned), fixes)?;
    for change in changes {
        if let Some(text) = text_mut(&mut fixed, &change.location) {
            *text = change.after;
        }
    }
    Ok(fixed)
}

#[cfg(test)]
mod tests;
