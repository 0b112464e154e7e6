//! 编辑指标体系: a framework edited in the browser as data. Every change is an [`Action`] applied
//! by [`FrameworkEdit::apply`] (one pure function, so every change can be undone and tested
//! natively); the checks of loading a file run on the working copy at every change and each problem
//! carries its typed place; [`FrameworkEdit::finish`] hands out a `Framework` only through
//! `Framework::from_json`.
//!
//! `action.rs` names every change (the actions and their typed payloads, and what each redraws);
//! `tree.rs` changes the indicator tree (areas, items, 观测点, sub-points, figures, deductions),
//! `rules.rs` the scoring rules (total, step, bonus, 扣分项, conditions, grade bands);
//! `working_copy.rs` holds the framework being edited.
//!
//! Invariant: the working copy may be unsound (that is what the listed problems are for), but it
//! is never given out as a `Framework`; codes of existing nodes never change (drafts refer to
//! them), new nodes get codes no other node has.

mod rules;
pub use rules::usual_grades;
mod tree;
pub use tree::{code_at, path_of};
mod working_copy;
pub use working_copy::WorkingCopy;
mod action;
pub use action::{
    Action, DeductionField, DocumentField, Effect, FigureField, MetaKey, NodeField, NodePath, OptionalPart, RuleList,
    RuleRef, RuleText, ScoringSetting,
};

use crate::framework::{Framework, FrameworkError, Notice, PartKind, Problem, ProblemAt, ReportPart, ReportSkeleton};
use crate::points::Points;

/// An action refused, with why, in Chinese; nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

/// A framework being edited: its working copy and the copies to undo to.
#[derive(Clone, Debug)]
pub struct FrameworkEdit {
    working: WorkingCopy,
    undo: Vec<WorkingCopy>,
}

impl FrameworkEdit {
    pub fn new(working: WorkingCopy) -> FrameworkEdit {
        FrameworkEdit { working, undo: Vec::new() }
    }

    /// A checked framework to edit.
    pub fn of(framework: Framework) -> FrameworkEdit {
        FrameworkEdit::new(WorkingCopy::of(framework))
    }

    pub fn working(&self) -> &WorkingCopy {
        &self.working
    }

    /// The working copy's parts, to show them (see [`WorkingCopy::parts`]).
    pub fn parts(&self) -> &Framework {
        self.working.parts()
    }

    /// The working copy, the undo steps gone with it (the indicator table's assembly).
    pub(crate) fn into_working(self) -> WorkingCopy {
        self.working
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Takes back the last change.
    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(before) => {
                self.working = before;
                true
            }
            None => false,
        }
    }

    /// Applies one change. Returns the node to focus afterwards (the new node, the moved node, the
    /// node after a deleted one).
    pub fn apply(&mut self, action: Action) -> Result<Option<NodePath>, Refused> {
        let before = self.working.clone();
        let result = apply_to(self.working.parts_mut(), action);
        match &result {
            Ok(_) if self.working != before => self.undo.push(before),
            Ok(_) => {}
            Err(_) => self.working = before,
        }
        result
    }

    /// Every problem `Framework::from_json` would refuse the working copy for, each with its place.
    pub fn problems(&self) -> Vec<Problem> {
        match self.finish() {
            Ok(_) => Vec::new(),
            Err(FrameworkError::Invalid { problems }) => problems,
            Err(other) => vec![Problem::new(ProblemAt::Framework, other.to_string())],
        }
    }

    /// What is allowed but likely unintended: in a framework with points, items that have none
    /// (they are not scored and count for nothing in the total); 降等 conditions without grades.
    pub fn warnings(&self) -> Vec<Problem> {
        let framework = self.parts();
        if framework.scoring.is_none() {
            return Vec::new();
        }
        let mut warnings = Vec::new();
        for (_, item) in framework.items() {
            if item.points.is_none() && !item.has_points_below() {
                warnings.push(Problem::node(
                    &item.code,
                    format!("指标“{}”没有分值：本指标体系按分值评价，没有分值的指标不参与打分", item.title),
                ));
            }
        }
        warnings.extend(framework.scoring_warnings());
        warnings
    }

    /// The framework, through the same checks as a file (written in the newest schema).
    pub fn finish(&self) -> Result<Framework, FrameworkError> {
        self.working.finish()
    }

    /// Where a node is, by its code.
    pub fn path_of(&self, code: &str) -> Option<NodePath> {
        path_of(self.parts(), code)
    }

    /// The code of the node at `path`, when there is one.
    pub fn code_at(&self, path: NodePath) -> Option<&str> {
        code_at(self.parts(), path)
    }
}

fn lines(text: &str) -> Vec<String> {
    text.split(['\n', '、', '；', ';']).map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

fn points_of(text: &str) -> Result<Option<Points>, Refused> {
    match Points::parse(text) {
        Ok(Some(points)) if points.is_negative() => Err(Refused("分值不能为负。".to_owned())),
        Ok(points) => Ok(points),
        Err(_) => Err(Refused(format!("“{}”不是分值：请输入数字，如 5 或 2.5。", text.trim()))),
    }
}

fn year_of(text: &str) -> Result<i32, Refused> {
    // Typed in the editor: full-width digits and a trailing 年 are taken, then the one reader.
    let text = crate::fullwidth::to_ascii_number_text(text);
    match crate::draft::four_digit_year(text.trim().trim_end_matches('年')) {
        Some(year) if (1990..=2100).contains(&year) => Ok(year),
        _ => Err(Refused("年度应为四位数字的年份，如2025。".to_owned())),
    }
}

/// A decimal as typed (full-width digits made ASCII); empty: none.
fn number_of(text: &str) -> Result<Option<f64>, Refused> {
    let text = crate::fullwidth::to_ascii_number_text(text);
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::figure::parse_decimal(text).map(Some).ok_or_else(|| Refused(format!("“{text}”不是数字。")))
}

fn gone() -> Refused {
    Refused("该项已不存在，请刷新后重试。".to_owned())
}

fn apply_to(framework: &mut Framework, action: Action) -> Result<Option<NodePath>, Refused> {
    match action {
        Action::SetMeta(key, value) => {
            set_meta(framework, key, value)?;
            Ok(None)
        }
        Action::SetLevel(level) => {
            framework.level = level;
            Ok(None)
        }
        Action::SetField(path, field, value) => {
            tree::set_field(framework, path, field, value)?;
            Ok(Some(path))
        }
        Action::SetAllowNotApplicable(path, allowed) => {
            if let NodePath::Item(a, i) = path {
                tree::item_mut(framework, a, i)?.allow_not_applicable = allowed;
            }
            Ok(Some(path))
        }
        Action::AddChild(parent) => tree::add_child(framework, parent).map(Some),
        Action::MoveUp(path) => tree::move_by(framework, path, -1).map(Some),
        Action::MoveDown(path) => tree::move_by(framework, path, 1).map(Some),
        Action::MoveTo(path, parent) => tree::move_to(framework, path, parent).map(Some),
        Action::Delete(path) => tree::delete(framework, path),
        Action::SetSkeleton(skeleton) => {
            framework.report = skeleton;
            Ok(None)
        }
        Action::AddDocument => {
            framework.documents.push(Notice { title: String::new(), number: String::new() });
            Ok(None)
        }
        Action::SetDocument(index, field, value) => {
            let document = framework.documents.get_mut(index).ok_or_else(gone)?;
            match field {
                DocumentField::Title => document.title = value,
                DocumentField::Number => document.number = value,
            }
            Ok(None)
        }
        Action::DeleteDocument(index) => {
            if index < framework.documents.len() {
                framework.documents.remove(index);
            }
            Ok(None)
        }
        Action::SetPartIncluded(part, included) => {
            set_part_included(&mut framework.report, part, included);
            Ok(None)
        }
        Action::SetPartHeading(index, heading) => {
            framework.report.parts.get_mut(index).ok_or_else(gone)?.heading = heading;
            Ok(None)
        }
        Action::SetItemStyle(style) => {
            framework.report.item_style = style;
            Ok(None)
        }
        Action::SetAddresseeRequired(required) => {
            framework.report.addressee_required = required;
            Ok(None)
        }
        Action::AddFigure(path) => tree::add_figure(framework, path).map(Some),
        Action::SetFigure(path, index, field, value) => {
            let figure = tree::figures_mut(framework, path)?.get_mut(index).ok_or_else(gone)?;
            tree::set_figure(figure, field, value)?;
            Ok(Some(path))
        }
        Action::SetFigureKind(path, index, kind) => {
            tree::set_figure_kind(tree::figures_mut(framework, path)?.get_mut(index).ok_or_else(gone)?, kind);
            Ok(Some(path))
        }
        Action::SetFigureAtLeastPrevious(path, index, value) => {
            let figure = tree::figures_mut(framework, path)?.get_mut(index).ok_or_else(gone)?;
            tree::set_at_least_previous(figure, value);
            Ok(Some(path))
        }
        Action::DeleteFigure(path, index) => {
            let figures = tree::figures_mut(framework, path)?;
            if index < figures.len() {
                figures.remove(index);
            }
            Ok(Some(path))
        }
        Action::SetDeduction(path, field, value) => {
            tree::set_deduction(framework, path, field, value)?;
            Ok(Some(path))
        }
        Action::ClearDeduction(path) => {
            *tree::deduction_mut(framework, path)? = None;
            Ok(Some(path))
        }
        Action::AdoptDeduction(path, figure, deduction) => {
            tree::adopt_deduction(framework, path, *figure, deduction)?;
            Ok(Some(path))
        }
        Action::SetScoring(setting) => rules::set_scoring(framework, setting).map(|()| None),
        Action::AddRule(list) => rules::add_rule(framework, list).map(|()| None),
        Action::SetRuleText(at, text, value) => rules::set_rule_text(framework, at, text, value).map(|()| None),
        Action::SetConditionEffect(index, effect) => {
            rules::scoring_mut(framework)?.conditions.get_mut(index).ok_or_else(gone)?.effect = effect;
            Ok(None)
        }
        Action::DeleteRule(at) => rules::delete_rule(framework, at).map(|()| None),
        Action::SetGrades(grades) => {
            rules::scoring_mut(framework)?.grades = grades;
            Ok(None)
        }
    }
}

fn set_part_included(skeleton: &mut ReportSkeleton, part: OptionalPart, included: bool) {
    let kind = part.kind();
    let present = skeleton.parts.iter().position(|part| part.kind == kind);
    match (present, included) {
        (None, true) => {
            let (heading, code, guidance) = match part {
                OptionalPart::Overview => {
                    ("基本情况", "overview", "写明辖区人口、学校数、在校生数和教师数，以及本年度教育工作总体情况。")
                }
                OptionalPart::Rectification => (
                    "上一轮评价反馈问题整改情况",
                    "rectification",
                    "逐条写明上一轮评价反馈的问题、整改措施、进展和是否完成。",
                ),
            };
            let work = skeleton.parts.iter().position(|part| part.kind == PartKind::Work).unwrap_or(0);
            // 基本情况 first; 整改情况 right before the areas.
            let at = if part == OptionalPart::Overview { 0 } else { work };
            let part = ReportPart { guidance: guidance.to_owned(), ..ReportPart::of(kind, heading, code) };
            skeleton.parts.insert(at, part);
        }
        (Some(index), false) => {
            skeleton.parts.remove(index);
        }
        _ => {}
    }
}

fn set_meta(framework: &mut Framework, key: MetaKey, value: String) -> Result<(), Refused> {
    match key {
        MetaKey::Title => framework.title = value,
        MetaKey::Issuer => framework.issuer = value,
        MetaKey::Province => framework.province = value,
        MetaKey::Year => framework.year = year_of(&value)?,
        MetaKey::DataYear if value.trim().is_empty() => framework.data_year = None,
        MetaKey::DataYear => framework.data_year = Some(year_of(&value)?),
        MetaKey::NoticeTitle => framework.notice.title = value,
        MetaKey::NoticeNumber => framework.notice.number = value,
        MetaKey::Addressee => framework.addressee = value,
        MetaKey::ReportTitle => framework.report.title = value,
        MetaKey::ReportOpening => framework.report.opening = value,
    }
    Ok(())
}

/// A new version of `framework` for editing when drafts use it (they keep the old one): a new id
/// (`…-v2`, the first free among `taken`), the next version number, `previous` naming the old.
pub fn new_version(framework: &Framework, taken: &[String]) -> Framework {
    let stem = match framework.id.rsplit_once("-v") {
        Some((stem, number)) if number.parse::<u32>().is_ok() => stem.to_owned(),
        _ => framework.id.clone(),
    };
    let id =
        (2..).map(|n| format!("{stem}-v{n}")).find(|id| !taken.contains(id) && *id != framework.id).unwrap_or_default();
    let version = id.rsplit_once("-v").map(|(_, number)| number.to_owned()).unwrap_or_default();
    Framework { id, version, previous: framework.id.clone(), ..framework.clone() }
}
