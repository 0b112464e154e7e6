//! 编辑指标体系: a framework edited in the browser as data. Every change is an [`Action`] applied
//! by [`FrameworkEdit::apply`] (one pure function, so every change can be undone and tested
//! natively); the checks of loading a file run on the working copy at every change and each problem
//! names the node it is about; [`FrameworkEdit::finish`] hands out a `Framework` only through
//! `Framework::from_json`.
//!
//! Invariant: the working copy may be unsound (that is what the listed problems are for), but it
//! is never given out as a `Framework`; codes of existing nodes never change (drafts refer to
//! them), new nodes get codes no other node has.

use crate::framework::{
    Area, Figure, FigureDeduction, FigureKind, Framework, FrameworkError, Item, ItemStyle, Level, Notice, PartKind,
    ReportPart, ReportSkeleton, ScoredPoint, Threshold,
};
use crate::points::Points;

/// A node of the tree: an area, an item of an area, a 观测点 of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodePath {
    Area(usize),
    Item(usize, usize),
    Point(usize, usize, usize),
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
}

/// A field of a figure the editor changes (the first threshold stands for its policy threshold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureField {
    Name,
    Label,
    /// `amount`, `percent`, `count`, `quantity`, `ratio`, `year`.
    Kind,
    Unit,
    Min,
    Max,
    AtLeast,
    AtMost,
    /// "只增不减": `true` or `false`.
    AtLeastPrevious,
    Basis,
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

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetMeta(MetaKey, String),
    SetLevel(Level),
    SetField(NodePath, NodeField, String),
    SetAllowNotApplicable(NodePath, bool),
    /// A new node at the end: an area (`None`), an item of an area, a 观测点 of an item.
    AddChild(Option<NodePath>),
    MoveUp(NodePath),
    MoveDown(NodePath),
    /// Moves an item to another area, or a 观测点 to another item, at the end.
    MoveTo(NodePath, NodePath),
    Delete(NodePath),
    /// The report's layout: the Sichuan 自评报告 form, or the 报告 form with 主送 and 基本情况.
    SetSkeleton(ReportSkeleton),
    AddDocument,
    SetDocument(usize, String, String),
    DeleteDocument(usize),
    /// Whether the report has a part of this kind (基本情况, 整改情况), placed before the areas.
    SetPartIncluded(PartKind, bool),
    /// A part's heading, by its position in the skeleton.
    SetPartHeading(usize, String),
    SetItemStyle(ItemStyle),
    SetAddresseeRequired(bool),
    /// A new figure of an item.
    AddFigure(NodePath),
    SetFigure(NodePath, usize, FigureField, String),
    DeleteFigure(NodePath, usize),
    /// Sets a field of the row's figure-driven deduction (made when the figure is chosen).
    SetDeduction(NodePath, DeductionField, String),
    ClearDeduction(NodePath),
}

/// An action refused, with why, in Chinese; nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused(pub String);

#[derive(Clone, Debug)]
pub struct FrameworkEdit {
    pub working: Framework,
    undo: Vec<Framework>,
}

impl FrameworkEdit {
    pub fn new(framework: Framework) -> FrameworkEdit {
        FrameworkEdit { working: framework, undo: Vec::new() }
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
        let result = apply_to(&mut self.working, action);
        match &result {
            Ok(_) if self.working != before => self.undo.push(before),
            Ok(_) => {}
            Err(_) => self.working = before,
        }
        result
    }

    /// Every problem `Framework::from_json` would refuse the working copy for, with the node it
    /// names where one can be told.
    pub fn problems(&self) -> Vec<(Option<NodePath>, String)> {
        match self.finish() {
            Ok(_) => Vec::new(),
            Err(FrameworkError::Invalid { problems }) => {
                problems.into_iter().map(|problem| (node_named(&self.working, &problem), problem)).collect()
            }
            Err(other) => vec![(None, other.to_string())],
        }
    }

    /// What is allowed but likely unintended, with the node: in a framework with points, items
    /// that have none (they are not scored and count for nothing in the total).
    pub fn warnings(&self) -> Vec<(Option<NodePath>, String)> {
        let framework = &self.working;
        if framework.scoring.is_none() {
            return Vec::new();
        }
        let mut warnings = Vec::new();
        for (a, area) in framework.areas.iter().enumerate() {
            for (i, item) in area.items.iter().enumerate() {
                if item.points.is_none() && !item.has_points_below() {
                    warnings.push((
                        Some(NodePath::Item(a, i)),
                        format!("指标“{}”没有分值：本指标体系按分值评价，没有分值的指标不参与打分", item.title),
                    ));
                }
            }
        }
        warnings
    }

    /// The framework, through the same checks as a file.
    pub fn finish(&self) -> Result<Framework, FrameworkError> {
        let text = serde_json::to_string(&self.working).expect("a framework serialises");
        Framework::from_json(&text)
    }
}

/// The first node whose code or title a problem quotes (“A1.2”, “落实经费”), or the item a quoted
/// figure belongs to (“教育经费”).
fn node_named(framework: &Framework, problem: &str) -> Option<NodePath> {
    let quoted = problem.split('“').skip(1).filter_map(|rest| rest.split('”').next());
    for name in quoted {
        for (a, area) in framework.areas.iter().enumerate() {
            for (i, item) in area.items.iter().enumerate() {
                if item.figures.iter().any(|figure| figure.name == name || figure.id == name) {
                    return Some(NodePath::Item(a, i));
                }
            }
        }
        for (a, area) in framework.areas.iter().enumerate() {
            if area.code == name || area.title == name {
                return Some(NodePath::Area(a));
            }
            for (i, item) in area.items.iter().enumerate() {
                if item.code == name || item.title == name {
                    return Some(NodePath::Item(a, i));
                }
                for (p, point) in item.observation_points.iter().enumerate() {
                    if point.code == name || point.title == name {
                        return Some(NodePath::Point(a, i, p));
                    }
                }
            }
        }
    }
    None
}

/// A code no node, bonus item, 扣分项 or condition has: `prefix` + the first free number.
fn free_code(framework: &Framework, prefix: &str, separator: &str) -> String {
    let mut taken: Vec<String> = Vec::new();
    for area in &framework.areas {
        taken.push(area.code.clone());
        for item in &area.items {
            taken.push(item.code.clone());
            taken.extend(item.observation_points.iter().map(|point| point.code.clone()));
        }
    }
    if let Some(scoring) = &framework.scoring {
        taken.extend(scoring.deductions.iter().map(|deduction| deduction.code.clone()));
        taken.extend(scoring.conditions.iter().map(|condition| condition.code.clone()));
        if let Some(bonus) = &scoring.bonus {
            taken.extend(bonus.items.iter().map(|item| item.code.clone()));
        }
    }
    (1..).map(|number| format!("{prefix}{separator}{number}")).find(|code| !taken.contains(code)).unwrap_or_default()
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
    let text = crate::fullwidth::to_ascii_number_text(text);
    let text = text.trim().trim_end_matches('年');
    match text.parse::<i32>() {
        Ok(year) if (1990..=2100).contains(&year) => Ok(year),
        _ => Err(Refused("年度应为四位数字的年份，如2025。".to_owned())),
    }
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
            set_field(framework, path, field, value)?;
            Ok(Some(path))
        }
        Action::SetAllowNotApplicable(path, allowed) => {
            if let NodePath::Item(a, i) = path {
                item_mut(framework, a, i)?.allow_not_applicable = allowed;
            }
            Ok(Some(path))
        }
        Action::AddChild(parent) => add_child(framework, parent).map(Some),
        Action::MoveUp(path) => move_by(framework, path, -1).map(Some),
        Action::MoveDown(path) => move_by(framework, path, 1).map(Some),
        Action::MoveTo(path, parent) => move_to(framework, path, parent).map(Some),
        Action::Delete(path) => delete(framework, path),
        Action::SetSkeleton(skeleton) => {
            framework.report = skeleton;
            Ok(None)
        }
        Action::AddDocument => {
            framework.documents.push(Notice { title: String::new(), number: String::new() });
            Ok(None)
        }
        Action::SetDocument(index, title, number) => {
            let document = framework.documents.get_mut(index).ok_or_else(gone)?;
            *document = Notice { title, number };
            Ok(None)
        }
        Action::DeleteDocument(index) => {
            if index < framework.documents.len() {
                framework.documents.remove(index);
            }
            Ok(None)
        }
        Action::SetPartIncluded(kind, included) => {
            set_part_included(&mut framework.report, kind, included);
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
        Action::AddFigure(path) => {
            let NodePath::Item(a, i) = path else {
                return Err(Refused("数据项属于指标（二级）。".to_owned()));
            };
            let taken: Vec<String> = framework.all_figures().map(|figure| figure.id.clone()).collect();
            let names: Vec<String> = framework.all_figures().map(|figure| figure.name.clone()).collect();
            let id = (1..).map(|n| format!("figure_{n}")).find(|id| !taken.contains(id)).unwrap_or_default();
            let name = (1..).map(|n| format!("数据{n}")).find(|name| !names.contains(name)).unwrap_or_default();
            item_mut(framework, a, i)?.figures.push(Figure {
                id,
                label: name.clone(),
                name,
                kind: FigureKind::Count,
                unit: String::new(),
                min: None,
                max: None,
                required: true,
                thresholds: Vec::new(),
            });
            Ok(Some(path))
        }
        Action::SetFigure(path, index, field, value) => {
            let NodePath::Item(a, i) = path else { return Err(gone()) };
            let figure = item_mut(framework, a, i)?.figures.get_mut(index).ok_or_else(gone)?;
            set_figure(figure, field, value)?;
            Ok(Some(path))
        }
        Action::SetDeduction(path, field, value) => {
            set_deduction(framework, path, field, value)?;
            Ok(Some(path))
        }
        Action::ClearDeduction(path) => {
            *deduction_mut(framework, path)? = None;
            Ok(Some(path))
        }
        Action::DeleteFigure(path, index) => {
            let NodePath::Item(a, i) = path else { return Err(gone()) };
            let figures = &mut item_mut(framework, a, i)?.figures;
            if index < figures.len() {
                figures.remove(index);
            }
            Ok(Some(path))
        }
    }
}

fn deduction_mut(framework: &mut Framework, path: NodePath) -> Result<&mut Option<FigureDeduction>, Refused> {
    match path {
        NodePath::Item(a, i) => Ok(&mut item_mut(framework, a, i)?.deduction),
        NodePath::Point(a, i, p) => Ok(&mut point_mut(framework, a, i, p)?.deduction),
        NodePath::Area(_) => Err(Refused("按数据扣分属于二级指标或观测点。".to_owned())),
    }
}

fn set_deduction(
    framework: &mut Framework,
    path: NodePath,
    field: DeductionField,
    value: String,
) -> Result<(), Refused> {
    let slot = deduction_mut(framework, path)?;
    if slot.is_none() {
        if field != DeductionField::Figure {
            return Err(Refused("请先选择按哪项数据扣分。".to_owned()));
        }
        *slot = Some(FigureDeduction {
            figure: String::new(),
            at_least: None,
            at_most: None,
            per: 1.0,
            deduct: Points::ZERO,
        });
    }
    let deduction = slot.as_mut().expect("made above");
    match field {
        DeductionField::Figure => deduction.figure = value,
        DeductionField::AtLeast => deduction.at_least = number_of(&value)?,
        DeductionField::AtMost => deduction.at_most = number_of(&value)?,
        DeductionField::Per => {
            deduction.per = number_of(&value)?.ok_or_else(|| Refused("请填写每多少个单位扣一次。".to_owned()))?
        }
        DeductionField::Deduct => deduction.deduct = points_of(&value)?.unwrap_or(Points::ZERO),
    }
    Ok(())
}

fn set_part_included(skeleton: &mut ReportSkeleton, kind: PartKind, included: bool) {
    let present = skeleton.parts.iter().position(|part| part.kind == kind);
    match (present, included) {
        (None, true) => {
            let (heading, code, guidance) = match kind {
                PartKind::Narrative => {
                    ("基本情况", "overview", "写明辖区人口、学校数、在校生数和教师数，以及本年度教育工作总体情况。")
                }
                _ => (
                    "上一轮评价反馈问题整改情况",
                    "rectification",
                    "逐条写明上一轮评价反馈的问题、整改措施、进展和是否完成。",
                ),
            };
            let work = skeleton.parts.iter().position(|part| part.kind == PartKind::Work).unwrap_or(0);
            // 基本情况 first; 整改情况 right before the areas.
            let at = if kind == PartKind::Narrative { 0 } else { work };
            let part = ReportPart { guidance: guidance.to_owned(), ..ReportPart::of(kind, heading, code) };
            skeleton.parts.insert(at, part);
        }
        (Some(index), false) => {
            skeleton.parts.remove(index);
        }
        _ => {}
    }
}

fn number_of(text: &str) -> Result<Option<f64>, Refused> {
    let text = crate::fullwidth::to_ascii_number_text(text);
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<f64>().map(Some).map_err(|_| Refused(format!("“{text}”不是数字。")))
}

fn set_figure(figure: &mut Figure, field: FigureField, value: String) -> Result<(), Refused> {
    let threshold = |figure: &mut Figure| {
        if figure.thresholds.is_empty() {
            figure.thresholds.push(Threshold {
                at_least: None,
                at_most: None,
                at_least_figure: None,
                at_least_previous: false,
                basis: String::new(),
                note: None,
            });
        }
        figure.thresholds.len() - 1
    };
    match field {
        FigureField::Name => figure.name = value.trim().to_owned(),
        FigureField::Label => figure.label = value,
        FigureField::Kind => {
            figure.kind = serde_json::from_value(serde_json::Value::String(value))
                .map_err(|_| Refused("没有这种数据类型。".to_owned()))?
        }
        FigureField::Unit => figure.unit = value.trim().to_owned(),
        FigureField::Min => figure.min = number_of(&value)?,
        FigureField::Max => figure.max = number_of(&value)?,
        FigureField::AtLeast => {
            let number = number_of(&value)?;
            let index = threshold(figure);
            figure.thresholds[index].at_least = number;
        }
        FigureField::AtMost => {
            let number = number_of(&value)?;
            let index = threshold(figure);
            figure.thresholds[index].at_most = number;
        }
        FigureField::AtLeastPrevious => {
            let index = threshold(figure);
            figure.thresholds[index].at_least_previous = value == "true";
        }
        FigureField::Basis => {
            let index = threshold(figure);
            figure.thresholds[index].basis = value;
        }
    }
    // A threshold with nothing to check is no threshold.
    figure.thresholds.retain(|threshold| {
        threshold.at_least.is_some()
            || threshold.at_most.is_some()
            || threshold.at_least_figure.is_some()
            || threshold.at_least_previous
            || !threshold.basis.trim().is_empty()
    });
    Ok(())
}

fn gone() -> Refused {
    Refused("该项已不存在，请刷新后重试。".to_owned())
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

fn item_mut(framework: &mut Framework, a: usize, i: usize) -> Result<&mut Item, Refused> {
    framework.areas.get_mut(a).and_then(|area| area.items.get_mut(i)).ok_or_else(gone)
}

fn point_mut(framework: &mut Framework, a: usize, i: usize, p: usize) -> Result<&mut ScoredPoint, Refused> {
    item_mut(framework, a, i)?.observation_points.get_mut(p).ok_or_else(gone)
}

fn set_field(framework: &mut Framework, path: NodePath, field: NodeField, value: String) -> Result<(), Refused> {
    match path {
        NodePath::Area(a) => {
            let area = framework.areas.get_mut(a).ok_or_else(gone)?;
            match field {
                NodeField::Title => area.title = value,
                NodeField::Points => area.points = points_of(&value)?,
                NodeField::ResponsibleUnits => area.responsible_units = lines(&value),
                _ => {}
            }
        }
        NodePath::Item(a, i) => {
            let item = item_mut(framework, a, i)?;
            match field {
                NodeField::Title => item.title = value,
                NodeField::Criteria => item.criteria = value,
                NodeField::ScoringRule => item.scoring_rule = value,
                NodeField::Points => item.points = points_of(&value)?,
                NodeField::ResponsibleUnits => item.responsible_units = lines(&value),
                NodeField::Evidence => item.evidence = lines(&value),
                NodeField::Guidance => item.guidance = value,
                NodeField::Starter => item.starter = Some(value).filter(|text| !text.trim().is_empty()),
            }
        }
        NodePath::Point(a, i, p) => {
            let point = point_mut(framework, a, i, p)?;
            match field {
                NodeField::Title => point.title = value,
                NodeField::Criteria => point.criteria = value,
                NodeField::ScoringRule => point.scoring_rule = value,
                NodeField::Points => point.points = points_of(&value)?.unwrap_or(Points::ZERO),
                NodeField::ResponsibleUnits => point.responsible_units = lines(&value),
                NodeField::Evidence => point.evidence = lines(&value),
                NodeField::Guidance | NodeField::Starter => {}
            }
        }
    }
    if field == NodeField::Points {
        settle_scored(framework);
    }
    Ok(())
}

/// Points anywhere make the framework scored; with none left, a scoring section that holds nothing
/// of its own goes too.
fn settle_scored(framework: &mut Framework) {
    let has_points = framework.areas.iter().any(|area| {
        area.points.is_some() || area.items.iter().any(|item| item.points.is_some() || item.has_points_below())
    });
    match &framework.scoring {
        None if has_points => framework.scoring = Some(crate::framework::Scoring::plain(true)),
        Some(scoring)
            if !has_points
                && scoring.total.is_none()
                && scoring.bonus.is_none()
                && scoring.deductions.is_empty()
                && scoring.conditions.is_empty() =>
        {
            framework.scoring = None
        }
        _ => {}
    }
}

fn new_item(code: String) -> Item {
    Item {
        code,
        title: "新指标".to_owned(),
        lead: true,
        guidance: String::new(),
        starter: None,
        figures: Vec::new(),
        allow_not_applicable: false,
        points: None,
        criteria: String::new(),
        scoring_rule: String::new(),
        responsible_units: Vec::new(),
        evidence: Vec::new(),
        step: None,
        floor_at_zero: None,
        deduction: None,
        observation_points: Vec::new(),
    }
}

fn add_child(framework: &mut Framework, parent: Option<NodePath>) -> Result<NodePath, Refused> {
    match parent {
        None => {
            let code = free_code(framework, "A", "");
            let item = new_item(free_code(framework, &code, "."));
            framework.areas.push(Area {
                code,
                title: "新领域".to_owned(),
                aliases: Vec::new(),
                points: None,
                responsible_units: Vec::new(),
                items: vec![item],
            });
            Ok(NodePath::Area(framework.areas.len() - 1))
        }
        Some(NodePath::Area(a)) => {
            let prefix = framework.areas.get(a).ok_or_else(gone)?.code.clone();
            let item = new_item(free_code(framework, &prefix, "."));
            let items = &mut framework.areas[a].items;
            items.push(item);
            Ok(NodePath::Item(a, items.len() - 1))
        }
        Some(NodePath::Item(a, i)) => {
            let prefix = item_mut(framework, a, i)?.code.clone();
            let code = free_code(framework, &prefix, ".");
            let points = &mut item_mut(framework, a, i)?.observation_points;
            points.push(ScoredPoint {
                code,
                title: "新观测点".to_owned(),
                points: Points::ZERO,
                criteria: String::new(),
                scoring_rule: String::new(),
                responsible_units: Vec::new(),
                evidence: Vec::new(),
                step: None,
                floor_at_zero: None,
                deduction: None,
                sub_points: Vec::new(),
            });
            Ok(NodePath::Point(a, i, points.len() - 1))
        }
        Some(NodePath::Point(..)) => Err(Refused("观测点下不能再添加下级。".to_owned())),
    }
}

/// Swaps `index` with its neighbour `offset` away in `list`; the new index.
fn swap<T>(list: &mut [T], index: usize, offset: isize) -> Result<usize, Refused> {
    let target = index.checked_add_signed(offset).filter(|target| *target < list.len());
    let target = target.ok_or_else(|| Refused("已在最前或最后，不能再移动。".to_owned()))?;
    list.swap(index, target);
    Ok(target)
}

fn move_by(framework: &mut Framework, path: NodePath, offset: isize) -> Result<NodePath, Refused> {
    Ok(match path {
        NodePath::Area(a) => NodePath::Area(swap(&mut framework.areas, a, offset)?),
        NodePath::Item(a, i) => {
            let area = framework.areas.get_mut(a).ok_or_else(gone)?;
            NodePath::Item(a, swap(&mut area.items, i, offset)?)
        }
        NodePath::Point(a, i, p) => {
            NodePath::Point(a, i, swap(&mut item_mut(framework, a, i)?.observation_points, p, offset)?)
        }
    })
}

fn move_to(framework: &mut Framework, path: NodePath, parent: NodePath) -> Result<NodePath, Refused> {
    match (path, parent) {
        (NodePath::Item(a, i), NodePath::Area(to)) if to < framework.areas.len() && a != to => {
            let area = framework.areas.get_mut(a).ok_or_else(gone)?;
            if i >= area.items.len() {
                return Err(gone());
            }
            let item = area.items.remove(i);
            framework.areas[to].items.push(item);
            Ok(NodePath::Item(to, framework.areas[to].items.len() - 1))
        }
        (NodePath::Point(a, i, p), NodePath::Item(to_a, to_i)) if (a, i) != (to_a, to_i) => {
            item_mut(framework, to_a, to_i)?;
            let points = &mut item_mut(framework, a, i)?.observation_points;
            if p >= points.len() {
                return Err(gone());
            }
            let point = points.remove(p);
            let target = &mut item_mut(framework, to_a, to_i)?.observation_points;
            target.push(point);
            Ok(NodePath::Point(to_a, to_i, target.len() - 1))
        }
        _ => Err(Refused("只能把指标移到另一个领域、把观测点移到另一个指标下。".to_owned())),
    }
}

/// Deletes a node; the node to focus after it (the next, else the one before, else the parent).
fn delete(framework: &mut Framework, path: NodePath) -> Result<Option<NodePath>, Refused> {
    let after = |index: usize, len: usize| if index < len { Some(index) } else { index.checked_sub(1) };
    match path {
        NodePath::Area(a) => {
            if a >= framework.areas.len() {
                return Err(gone());
            }
            framework.areas.remove(a);
            Ok(after(a, framework.areas.len()).map(NodePath::Area))
        }
        NodePath::Item(a, i) => {
            let items = &mut framework.areas.get_mut(a).ok_or_else(gone)?.items;
            if i >= items.len() {
                return Err(gone());
            }
            items.remove(i);
            Ok(Some(after(i, items.len()).map(|i| NodePath::Item(a, i)).unwrap_or(NodePath::Area(a))))
        }
        NodePath::Point(a, i, p) => {
            let points = &mut item_mut(framework, a, i)?.observation_points;
            if p >= points.len() {
                return Err(gone());
            }
            points.remove(p);
            Ok(Some(after(p, points.len()).map(|p| NodePath::Point(a, i, p)).unwrap_or(NodePath::Item(a, i))))
        }
    }
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
