//! Every change the framework editor makes, as data: an [`Action`] with typed payloads (a node by
//! its path, a field by its enum, a kind or flag by its type — no value passes as a string but
//! text typed by the user), and what each action changes ([`Action::effect`]), decided here by an
//! exhaustive match so the app never guesses.

use crate::framework::{
    ConditionEffect, Figure, FigureDeduction, FigureKind, GradeBand, ItemStyle, Level, PartKind, ReportSkeleton,
};

/// A node of the tree: an area, an item of an area, a 观测点 of an item, a sub-point of a 观测点.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodePath {
    Area(usize),
    Item(usize, usize),
    Point(usize, usize, usize),
    SubPoint(usize, usize, usize, usize),
}

/// A text of a node the editor changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeField {
    Title,
    /// 评价要点.
    Criteria,
    /// 评分细则.
    ScoringRule,
    /// Points as typed; empty: none.
    Points,
    /// 责任单位, one per line (or separated by 、).
    ResponsibleUnits,
    /// 佐证材料 names, one per line.
    Evidence,
    /// Guidance for the writer (items).
    Guidance,
    /// The 范文 starter (items).
    Starter,
    /// The notice's own numbering ("（12）"), shown in place of the code.
    Number,
}

/// A text of a figure the editor changes (the first threshold stands for its policy threshold);
/// its kind and its 只增不减 flag are actions of their own, with typed values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureField {
    Name,
    Label,
    Unit,
    Min,
    Max,
    AtLeast,
    AtMost,
    Basis,
}

/// A half of a cited document (其他依据文件).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentField {
    Title,
    Number,
}

/// A part of the report a framework may have or not: the others (the areas, problems, measures)
/// every report has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionalPart {
    /// 基本情况, first.
    Overview,
    /// 上一轮评价反馈问题整改情况, right before the areas.
    Rectification,
}

impl OptionalPart {
    pub fn kind(self) -> PartKind {
        match self {
            OptionalPart::Overview => PartKind::Narrative,
            OptionalPart::Rectification => PartKind::Rectification,
        }
    }
}

/// A field of a scored row's figure-driven deduction ("应不少于4次，每少1次扣0.3分").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeductionField {
    /// The figure's id (one of the item's figures).
    Figure,
    AtLeast,
    AtMost,
    Per,
    Deduct,
}

/// A meta field of the framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaKey {
    Title,
    Issuer,
    Province,
    Year,
    DataYear,
    NoticeTitle,
    NoticeNumber,
    Addressee,
    ReportTitle,
    ReportOpening,
}

/// A setting of the scoring section (评分规则).
#[derive(Clone, Debug, PartialEq)]
pub enum ScoringSetting {
    /// 总分 as typed; empty: none stated.
    Total(String),
    /// 计分步长 as typed; empty or 0: any score to three decimals.
    Step(String),
    /// "扣完为止" for every row that does not say otherwise.
    FloorAtZero(bool),
    /// Whether the report prints each area's points and score after its heading.
    ReportAreaScores(bool),
    /// Whether the framework has 加分项.
    Bonus(bool),
    BonusTitle(String),
    BonusCap(String),
}

/// The lists of the scoring section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleList {
    BonusItem,
    Deduction,
    Condition,
    Grade,
}

/// One entry of a scoring list, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RuleRef(pub RuleList, pub usize);

/// A text of a scoring entry. Which ones an entry has depends on its list: a bonus item has
/// title, points, 评价要点 and 评分细则; a 扣分项 title, points (per occurrence), cap and basis; a
/// condition title (the question) and basis; a grade band title (its name) and points (its lower
/// bound).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleText {
    Title,
    Points,
    Cap,
    Criteria,
    ScoringRule,
    Basis,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetMeta(MetaKey, String),
    SetLevel(Level),
    SetField(NodePath, NodeField, String),
    SetAllowNotApplicable(NodePath, bool),
    /// A new node at the end: an area (`None`), an item of an area, a 观测点 of an item, a
    /// sub-point of a 观测点.
    AddChild(Option<NodePath>),
    MoveUp(NodePath),
    MoveDown(NodePath),
    /// Moves an item to another area, a 观测点 to another item, a sub-point to another 观测点, at
    /// the end.
    MoveTo(NodePath, NodePath),
    Delete(NodePath),
    /// The report's layout: the Sichuan 自评报告 form, or the 报告 form with 主送 and 基本情况.
    SetSkeleton(ReportSkeleton),
    AddDocument,
    SetDocument(usize, DocumentField, String),
    DeleteDocument(usize),
    /// Whether the report has 基本情况 or 整改情况 (placed before the areas).
    SetPartIncluded(OptionalPart, bool),
    /// A part's heading, by its position in the skeleton.
    SetPartHeading(usize, String),
    SetItemStyle(ItemStyle),
    SetAddresseeRequired(bool),
    /// A new figure of an item.
    AddFigure(NodePath),
    SetFigure(NodePath, usize, FigureField, String),
    SetFigureKind(NodePath, usize, FigureKind),
    /// 只增不减: the figure may not fall below last year's value.
    SetFigureAtLeastPrevious(NodePath, usize, bool),
    DeleteFigure(NodePath, usize),
    /// Sets a field of the row's figure-driven deduction (made when the figure is chosen).
    SetDeduction(NodePath, DeductionField, String),
    ClearDeduction(NodePath),
    /// A deduction proposed from the row's 评分细则, accepted: the figure joins the row's item
    /// (under a free id and name) and the row deducts by it.
    AdoptDeduction(NodePath, Box<Figure>, FigureDeduction),
    SetScoring(ScoringSetting),
    /// A new entry at the end of a scoring list.
    AddRule(RuleList),
    SetRuleText(RuleRef, RuleText, String),
    SetConditionEffect(usize, ConditionEffect),
    DeleteRule(RuleRef),
    /// The grade bands in one step (the usual four, or those read from the notice).
    SetGrades(Vec<GradeBand>),
}

/// What an action changes, so the app knows what to draw again: the tree (nodes added, moved or
/// deleted — the focus goes to the node the action returns), the forms (rows of a list added or
/// removed, a select's choice — the forms are drawn anew and the focus stays where it was), or
/// only the value typed (nothing is drawn again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Tree,
    Form,
    Value,
}

impl Action {
    pub fn effect(&self) -> Effect {
        match self {
            Action::AddChild(_) | Action::MoveUp(_) | Action::MoveDown(_) | Action::MoveTo(..) | Action::Delete(_) => {
                Effect::Tree
            }
            Action::SetMeta(..)
            | Action::SetField(..)
            | Action::SetAllowNotApplicable(..)
            | Action::SetFigure(..)
            | Action::SetFigureAtLeastPrevious(..)
            | Action::SetDocument(..)
            | Action::SetPartHeading(..)
            | Action::SetRuleText(..) => Effect::Value,
            Action::SetDeduction(_, field, _) if *field != DeductionField::Figure => Effect::Value,
            Action::SetScoring(
                ScoringSetting::Total(_)
                | ScoringSetting::Step(_)
                | ScoringSetting::BonusTitle(_)
                | ScoringSetting::BonusCap(_),
            ) => Effect::Value,
            Action::SetLevel(_)
            | Action::SetSkeleton(_)
            | Action::AddDocument
            | Action::DeleteDocument(_)
            | Action::SetPartIncluded(..)
            | Action::SetItemStyle(_)
            | Action::SetAddresseeRequired(_)
            | Action::AddFigure(_)
            // A new kind brings its own unit and range: the figure's fields are drawn again.
            | Action::SetFigureKind(..)
            | Action::DeleteFigure(..)
            | Action::SetDeduction(..)
            | Action::ClearDeduction(_)
            | Action::AdoptDeduction(..)
            | Action::SetScoring(_)
            | Action::AddRule(_)
            | Action::SetConditionEffect(..)
            | Action::DeleteRule(_)
            | Action::SetGrades(_) => Effect::Form,
        }
    }
}
