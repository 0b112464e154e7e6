//! The indicator tree's changes: nodes (areas, items, 观测点, sub-points) added, moved, deleted
//! and their texts set; an item's figures; a scored row's figure-driven deduction.

use super::{gone, lines, number_of, points_of, DeductionField, FigureField, NodeField, NodePath, Refused};
use crate::framework::{Area, Figure, FigureDeduction, FigureKind, Framework, Item, ScoredPoint, Scoring, Threshold};
use crate::points::Points;

pub(super) fn item_mut(framework: &mut Framework, a: usize, i: usize) -> Result<&mut Item, Refused> {
    framework.areas.get_mut(a).and_then(|area| area.items.get_mut(i)).ok_or_else(gone)
}

fn point_mut(framework: &mut Framework, a: usize, i: usize, p: usize) -> Result<&mut ScoredPoint, Refused> {
    item_mut(framework, a, i)?.observation_points.get_mut(p).ok_or_else(gone)
}

fn sub_mut(framework: &mut Framework, a: usize, i: usize, p: usize, s: usize) -> Result<&mut ScoredPoint, Refused> {
    point_mut(framework, a, i, p)?.sub_points.get_mut(s).ok_or_else(gone)
}

/// A 观测点 or sub-point at `path` (areas and items are not `ScoredPoint`s).
fn scored_point_mut(framework: &mut Framework, path: NodePath) -> Result<Option<&mut ScoredPoint>, Refused> {
    match path {
        NodePath::Point(a, i, p) => point_mut(framework, a, i, p).map(Some),
        NodePath::SubPoint(a, i, p, s) => sub_mut(framework, a, i, p, s).map(Some),
        NodePath::Area(_) | NodePath::Item(..) => Ok(None),
    }
}

/// Where a node is, by its code.
pub fn path_of(framework: &Framework, code: &str) -> Option<NodePath> {
    for (a, area) in framework.areas.iter().enumerate() {
        if area.code == code {
            return Some(NodePath::Area(a));
        }
        for (i, item) in area.items.iter().enumerate() {
            if item.code == code {
                return Some(NodePath::Item(a, i));
            }
            for (p, point) in item.observation_points.iter().enumerate() {
                if point.code == code {
                    return Some(NodePath::Point(a, i, p));
                }
                if let Some(s) = point.sub_points.iter().position(|sub| sub.code == code) {
                    return Some(NodePath::SubPoint(a, i, p, s));
                }
            }
        }
    }
    None
}

/// The code of the node at `path`, when there is one.
pub fn code_at(framework: &Framework, path: NodePath) -> Option<&str> {
    let item = |a: usize, i: usize| framework.areas.get(a).and_then(|area| area.items.get(i));
    let point = |a, i, p: usize| item(a, i).and_then(|item| item.observation_points.get(p));
    match path {
        NodePath::Area(a) => framework.areas.get(a).map(|area| area.code.as_str()),
        NodePath::Item(a, i) => item(a, i).map(|item| item.code.as_str()),
        NodePath::Point(a, i, p) => point(a, i, p).map(|point| point.code.as_str()),
        NodePath::SubPoint(a, i, p, s) => {
            point(a, i, p).and_then(|point| point.sub_points.get(s)).map(|sub| sub.code.as_str())
        }
    }
}

/// A code no node, bonus item, 扣分项 or condition has: `prefix` + `separator` + the first free
/// number.
pub(super) fn free_code(framework: &Framework, prefix: &str, separator: &str) -> String {
    let mut taken: Vec<&str> = Vec::new();
    for row in framework.score_rows() {
        taken.push(row.code);
    }
    for (_, item) in framework.items() {
        taken.push(&item.code);
    }
    if let Some(scoring) = &framework.scoring {
        taken.extend(scoring.deductions.iter().map(|deduction| deduction.code.as_str()));
        taken.extend(scoring.conditions.iter().map(|condition| condition.code.as_str()));
        if let Some(bonus) = &scoring.bonus {
            taken.extend(bonus.items.iter().map(|item| item.code.as_str()));
        }
    }
    (1..)
        .map(|number| format!("{prefix}{separator}{number}"))
        .find(|code| !taken.contains(&code.as_str()))
        .unwrap_or_default()
}

pub(super) fn set_field(
    framework: &mut Framework,
    path: NodePath,
    field: NodeField,
    value: String,
) -> Result<(), Refused> {
    match path {
        NodePath::Area(a) => {
            let area = framework.areas.get_mut(a).ok_or_else(gone)?;
            match field {
                NodeField::Title => area.title = value,
                NodeField::Number => area.number = value.trim().to_owned(),
                NodeField::Points => area.points = points_of(&value)?,
                NodeField::ResponsibleUnits => area.responsible_units = lines(&value),
                _ => {}
            }
        }
        NodePath::Item(a, i) => {
            let item = item_mut(framework, a, i)?;
            match field {
                NodeField::Title => item.title = value,
                NodeField::Number => item.number = value.trim().to_owned(),
                NodeField::Criteria => item.criteria = value,
                NodeField::ScoringRule => item.scoring_rule = value,
                NodeField::Points => item.points = points_of(&value)?,
                NodeField::ResponsibleUnits => item.responsible_units = lines(&value),
                NodeField::Evidence => item.evidence = lines(&value),
                NodeField::Guidance => item.guidance = value,
                NodeField::Starter => item.starter = Some(value).filter(|text| !text.trim().is_empty()),
            }
        }
        NodePath::Point(..) | NodePath::SubPoint(..) => {
            let point = scored_point_mut(framework, path)?.ok_or_else(gone)?;
            match field {
                NodeField::Title => point.title = value,
                NodeField::Number => point.number = value.trim().to_owned(),
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
pub(super) fn settle_scored(framework: &mut Framework) {
    let has_points = framework.areas.iter().any(|area| {
        area.points.is_some() || area.items.iter().any(|item| item.points.is_some() || item.has_points_below())
    });
    match &framework.scoring {
        None if has_points => framework.scoring = Some(Scoring::plain(true)),
        Some(scoring)
            if !has_points
                && scoring.total.is_none()
                && scoring.bonus.is_none()
                && scoring.deductions.is_empty()
                && scoring.conditions.is_empty()
                && scoring.grades.is_empty() =>
        {
            framework.scoring = None
        }
        _ => {}
    }
}

fn new_item(code: String) -> Item {
    Item {
        code,
        number: String::new(),
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

pub(super) fn new_point(code: String, title: &str) -> ScoredPoint {
    ScoredPoint::new(code, title.to_owned(), Points::ZERO)
}

pub(super) fn add_child(framework: &mut Framework, parent: Option<NodePath>) -> Result<NodePath, Refused> {
    match parent {
        None => {
            let code = free_code(framework, "A", "");
            let item = new_item(free_code(framework, &code, "."));
            framework.areas.push(Area {
                code,
                number: String::new(),
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
            points.push(new_point(code, "新观测点"));
            Ok(NodePath::Point(a, i, points.len() - 1))
        }
        Some(NodePath::Point(a, i, p)) => {
            let prefix = point_mut(framework, a, i, p)?.code.clone();
            let code = free_code(framework, &prefix, ".");
            let point = point_mut(framework, a, i, p)?;
            // The first sub-point takes over the 观测点's points (so the sum still holds) and its
            // figure-driven deduction (only rows without sub-points are scored).
            let mut sub = new_point(code, "新子项");
            if point.sub_points.is_empty() {
                sub.points = point.points;
                sub.deduction = point.deduction.take();
            }
            point.sub_points.push(sub);
            Ok(NodePath::SubPoint(a, i, p, point.sub_points.len() - 1))
        }
        Some(NodePath::SubPoint(..)) => Err(Refused("子项下不能再添加下级：指标体系最多四级。".to_owned())),
    }
}

/// Swaps `index` with its neighbour `offset` away in `list`; the new index.
fn swap<T>(list: &mut [T], index: usize, offset: isize) -> Result<usize, Refused> {
    let target = index.checked_add_signed(offset).filter(|target| *target < list.len());
    let target = target.ok_or_else(|| Refused("已在最前或最后，不能再移动。".to_owned()))?;
    list.swap(index, target);
    Ok(target)
}

pub(super) fn move_by(framework: &mut Framework, path: NodePath, offset: isize) -> Result<NodePath, Refused> {
    Ok(match path {
        NodePath::Area(a) => NodePath::Area(swap(&mut framework.areas, a, offset)?),
        NodePath::Item(a, i) => {
            let area = framework.areas.get_mut(a).ok_or_else(gone)?;
            NodePath::Item(a, swap(&mut area.items, i, offset)?)
        }
        NodePath::Point(a, i, p) => {
            NodePath::Point(a, i, swap(&mut item_mut(framework, a, i)?.observation_points, p, offset)?)
        }
        NodePath::SubPoint(a, i, p, s) => {
            NodePath::SubPoint(a, i, p, swap(&mut point_mut(framework, a, i, p)?.sub_points, s, offset)?)
        }
    })
}

pub(super) fn move_to(framework: &mut Framework, path: NodePath, parent: NodePath) -> Result<NodePath, Refused> {
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
        (NodePath::SubPoint(a, i, p, s), NodePath::Point(to_a, to_i, to_p)) if (a, i, p) != (to_a, to_i, to_p) => {
            point_mut(framework, to_a, to_i, to_p)?;
            let subs = &mut point_mut(framework, a, i, p)?.sub_points;
            if s >= subs.len() {
                return Err(gone());
            }
            let sub = subs.remove(s);
            let target = &mut point_mut(framework, to_a, to_i, to_p)?.sub_points;
            target.push(sub);
            Ok(NodePath::SubPoint(to_a, to_i, to_p, target.len() - 1))
        }
        _ => Err(Refused("只能把指标移到另一个领域、把观测点移到另一个指标下、把子项移到另一个观测点下。".to_owned())),
    }
}

/// Deletes a node; the node to focus after it (the next, else the one before, else the parent).
pub(super) fn delete(framework: &mut Framework, path: NodePath) -> Result<Option<NodePath>, Refused> {
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
        NodePath::SubPoint(a, i, p, s) => {
            let point = point_mut(framework, a, i, p)?;
            if s >= point.sub_points.len() {
                return Err(gone());
            }
            point.sub_points.remove(s);
            // The last sub-point gone: the 观测点 is scored directly again, by the points they had.
            if point.sub_points.is_empty() {
                return Ok(Some(NodePath::Point(a, i, p)));
            }
            let left = point.sub_points.len();
            Ok(Some(after(s, left).map(|s| NodePath::SubPoint(a, i, p, s)).unwrap_or(NodePath::Point(a, i, p))))
        }
    }
}

/// The figures of the item a node is or belongs to (figures belong to items).
pub(super) fn figures_mut(framework: &mut Framework, path: NodePath) -> Result<&mut Vec<Figure>, Refused> {
    match path {
        NodePath::Item(a, i) | NodePath::Point(a, i, _) | NodePath::SubPoint(a, i, ..) => {
            Ok(&mut item_mut(framework, a, i)?.figures)
        }
        NodePath::Area(_) => Err(Refused("数据项属于指标（二级）。".to_owned())),
    }
}

/// A figure id no figure of the framework has: `stem` and the first free number.
fn free_figure_id(framework: &Framework, stem: &str) -> String {
    let taken: Vec<&str> = framework.all_figures().map(|figure| figure.id.as_str()).collect();
    (1..).map(|n| format!("{stem}{n}")).find(|id| !taken.contains(&id.as_str())).unwrap_or_default()
}

/// A figure name no figure of the framework has: `name` itself when free, else with a number.
fn free_figure_name(framework: &Framework, name: &str, always_number: bool) -> String {
    let taken: Vec<&str> = framework.all_figures().map(|figure| figure.name.as_str()).collect();
    if !always_number && !taken.contains(&name) {
        return name.to_owned();
    }
    (1..).map(|n| format!("{name}{n}")).find(|candidate| !taken.contains(&candidate.as_str())).unwrap_or_default()
}

pub(super) fn add_figure(framework: &mut Framework, path: NodePath) -> Result<NodePath, Refused> {
    let NodePath::Item(..) = path else {
        return Err(Refused("数据项属于指标（二级）。".to_owned()));
    };
    let id = free_figure_id(framework, "figure_");
    let name = free_figure_name(framework, "数据", true);
    figures_mut(framework, path)?.push(Figure {
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
    Ok(path)
}

pub(super) fn set_figure(figure: &mut Figure, field: FigureField, value: String) -> Result<(), Refused> {
    match field {
        FigureField::Name => figure.name = value.trim().to_owned(),
        FigureField::Label => figure.label = value,
        FigureField::Unit => figure.unit = value.trim().to_owned(),
        FigureField::Min => figure.min = number_of(&value)?,
        FigureField::Max => figure.max = number_of(&value)?,
        FigureField::AtLeast => policy_threshold(figure).at_least = number_of(&value)?,
        FigureField::AtMost => policy_threshold(figure).at_most = number_of(&value)?,
        FigureField::Basis => policy_threshold(figure).basis = value,
    }
    drop_empty_thresholds(figure);
    Ok(())
}

/// A figure's new kind. Its range starts again from the kind's own (a growth rate's −100 is no
/// count's), and "%" goes with 百分比: dropped when leaving it, given when entering it unitless.
pub(super) fn set_figure_kind(figure: &mut Figure, kind: FigureKind) {
    if figure.kind == kind {
        return;
    }
    if figure.unit.trim() == "%" && kind != FigureKind::Percent {
        figure.unit.clear();
    } else if kind == FigureKind::Percent && figure.unit.trim().is_empty() {
        figure.unit = "%".to_owned();
    }
    figure.min = None;
    figure.max = None;
    figure.kind = kind;
}

/// 只增不减 on the figure's policy threshold.
pub(super) fn set_at_least_previous(figure: &mut Figure, value: bool) {
    policy_threshold(figure).at_least_previous = value;
    drop_empty_thresholds(figure);
}

/// The threshold the editor shows and changes: the figure's first (made when it has none; one
/// left empty is dropped after the change).
fn policy_threshold(figure: &mut Figure) -> &mut Threshold {
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
    &mut figure.thresholds[0]
}

fn drop_empty_thresholds(figure: &mut Figure) {
    // A threshold with nothing to check is no threshold.
    figure.thresholds.retain(|threshold| {
        threshold.at_least.is_some()
            || threshold.at_most.is_some()
            || threshold.at_least_figure.is_some()
            || threshold.at_least_previous
            || !threshold.basis.trim().is_empty()
    });
}

pub(super) fn deduction_mut(
    framework: &mut Framework,
    path: NodePath,
) -> Result<&mut Option<FigureDeduction>, Refused> {
    match path {
        NodePath::Item(a, i) => Ok(&mut item_mut(framework, a, i)?.deduction),
        NodePath::Point(..) | NodePath::SubPoint(..) => {
            Ok(&mut scored_point_mut(framework, path)?.ok_or_else(gone)?.deduction)
        }
        NodePath::Area(_) => Err(Refused("按数据扣分属于二级指标、观测点或子项。".to_owned())),
    }
}

pub(super) fn set_deduction(
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

/// A proposed figure joins the row's item under an id and a name no other figure has, and the row
/// deducts by it.
pub(super) fn adopt_deduction(
    framework: &mut Framework,
    path: NodePath,
    mut figure: Figure,
    mut deduction: FigureDeduction,
) -> Result<(), Refused> {
    figure.id = free_figure_id(framework, &format!("{}_", figure.id));
    figure.name = free_figure_name(framework, &figure.name, false);
    deduction.figure = figure.id.clone();
    *deduction_mut(framework, path)? = Some(deduction);
    figures_mut(framework, path)?.push(figure);
    Ok(())
}
