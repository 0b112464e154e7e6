//! A department's framework: the main framework cut down to the rows a 责任单位 is named for, so
//! that the department's browser shows only its part with no code of its own — outline, form,
//! validator and report all walk the smaller framework.
//!
//! Which rows: a row names its units or inherits its parent's (a 观测点 without units belongs to
//! its item's, an item without units to its area's). An item goes to a department when it or any
//! of its 观测点 names it; a 观测点 with sub-points goes whole when it names the department, else
//! with the sub-points that do. Points above the kept rows are their sum (an area's are derived).
//! 加分项 and 扣分项 go by their own units, conditions with the row that states them. Figures go
//! with their items, and so do the figures a kept item's 范文 or threshold refers to.

use crate::framework::{Area, Bonus, Figure, Framework, Item, ListSection, ScoredPoint, Scoring};
use crate::points::Points;
use crate::template::references_in;
use std::collections::BTreeSet;

fn names(units: &[String], department: &str) -> bool {
    units.iter().any(|unit| unit.trim() == department)
}

/// The units a row answers to: its own, else its parent's.
fn effective<'a>(own: &'a [String], parent: &'a [String]) -> &'a [String] {
    if own.is_empty() {
        parent
    } else {
        own
    }
}

/// A 观测点 (or sub-point) cut to the department, or `None` when nothing of it is theirs.
fn kept_point(point: &ScoredPoint, parent_units: &[String], department: &str) -> Option<ScoredPoint> {
    let units = effective(&point.responsible_units, parent_units);
    if names(units, department) {
        return Some(point.clone());
    }
    let sub_points: Vec<ScoredPoint> =
        point.sub_points.iter().filter_map(|sub| kept_point(sub, units, department)).collect();
    if sub_points.is_empty() {
        return None;
    }
    let points = sub_points.iter().map(|sub| sub.points).sum();
    Some(ScoredPoint { points, sub_points, ..point.clone() })
}

fn kept_item(item: &Item, area_units: &[String], department: &str) -> Option<Item> {
    let units = effective(&item.responsible_units, area_units);
    let observation_points: Vec<ScoredPoint> =
        item.observation_points.iter().filter_map(|point| kept_point(point, units, department)).collect();
    if observation_points.is_empty() && !names(units, department) {
        return None;
    }
    let points = if item.has_points_below() {
        // Scored by the 观测点 kept; with none of them, the item is the department's to write, not
        // to score.
        (!observation_points.is_empty()).then(|| observation_points.iter().map(|point| point.points).sum::<Points>())
    } else {
        item.points
    };
    let deduction = if item.has_points_below() { None } else { item.deduction.clone() };
    Some(Item { points, observation_points, deduction, ..item.clone() })
}

/// The framework cut to one department (see the module's doc). Its id and title name the
/// department; `None` when nothing of the framework is the department's.
pub fn part_framework(framework: &Framework, department: &str) -> Option<Framework> {
    let department = department.trim();
    let areas: Vec<Area> = framework
        .areas
        .iter()
        .enumerate()
        .filter_map(|(index, area)| {
            let items: Vec<Item> =
                area.items.iter().filter_map(|item| kept_item(item, &area.responsible_units, department)).collect();
            // Numbered as in the whole framework (（三） stays （三） though （二） is not the
            // department's), so a call about "第三部分" means the same on both sides.
            let number = if area.number.is_empty() {
                format!("（{}）", crate::report::chinese_numeral(index + 1))
            } else {
                area.number.clone()
            };
            (!items.is_empty()).then(|| Area { points: None, items, number, ..area.clone() })
        })
        .collect();
    if areas.is_empty() {
        return None;
    }
    let mut part = Framework {
        id: format!("{}~{department}", framework.id),
        title: format!("{}（{department}部分）", framework.title),
        previous: String::new(),
        source: format!("由“{}”按责任单位“{department}”分出的部分。", framework.title),
        areas,
        problems: empty_list(&framework.problems),
        measures: empty_list(&framework.measures),
        scoring: framework.scoring.as_ref().map(|scoring| Scoring {
            // The department's rows add up to what they add up to; grades are the whole report's.
            total: None,
            grades: Vec::new(),
            bonus: scoring.bonus.as_ref().and_then(|bonus| {
                let items: Vec<ScoredPoint> =
                    bonus.items.iter().filter(|item| names(&item.responsible_units, department)).cloned().collect();
                (!items.is_empty()).then(|| Bonus { items, ..bonus.clone() })
            }),
            deductions: scoring
                .deductions
                .iter()
                .filter(|deduction| names(&deduction.responsible_units, department))
                .cloned()
                .collect(),
            conditions: Vec::new(),
            ..scoring.clone()
        }),
        ..framework.clone()
    };
    let rows: BTreeSet<String> = part.score_rows().iter().map(|row| row.code.to_owned()).collect();
    if let (Some(scoring), Some(main)) = (part.scoring.as_mut(), framework.scoring.as_ref()) {
        scoring.conditions =
            main.conditions.iter().filter(|condition| rows.contains(&condition.row)).cloned().collect();
    }
    // The report: the areas, problems and measures; 基本情况 and 整改情况 are the main draft's.
    part.report.parts.retain(|report_part| !report_part.has_content());
    part.report.addressee_required = false;
    bring_referenced_figures(framework, &mut part);
    Some(part)
}

fn empty_list(list: &ListSection) -> ListSection {
    ListSection { min_entries: 0, starters: Vec::new(), figures: Vec::new(), ..list.clone() }
}

/// Adds to the item that refers to it each figure a kept item's 范文, threshold or deduction refers
/// to but whose own item stayed behind, until nothing more is missing.
fn bring_referenced_figures(framework: &Framework, part: &mut Framework) {
    loop {
        let present: BTreeSet<String> = part.all_figures().map(|figure| figure.id.clone()).collect();
        let mut missing: Option<(usize, usize, Figure)> = None;
        'search: for (area_index, area) in part.areas.iter().enumerate() {
            for (item_index, item) in area.items.iter().enumerate() {
                let wanted = referenced_figures(framework, item);
                if let Some(figure) = wanted.into_iter().find(|figure| !present.contains(&figure.id)) {
                    missing = Some((area_index, item_index, figure.clone()));
                    break 'search;
                }
            }
        }
        let Some((area_index, item_index, figure)) = missing else { return };
        part.areas[area_index].items[item_index].figures.push(figure);
    }
}

fn referenced_figures<'a>(framework: &'a Framework, item: &Item) -> Vec<&'a Figure> {
    let mut wanted: Vec<&Figure> = Vec::new();
    if let Some(starter) = &item.starter {
        wanted.extend(references_in(starter).iter().filter_map(|reference| framework.figure_by_name(reference.name)));
    }
    for figure in &item.figures {
        for threshold in &figure.thresholds {
            wanted.extend(threshold.at_least_figure.as_deref().and_then(|id| framework.figure(id)));
        }
    }
    let mut deductions = Vec::new();
    collect_deductions(&item.observation_points, &mut deductions);
    deductions.extend(item.deduction.as_ref().map(|deduction| deduction.figure.as_str()));
    wanted.extend(deductions.into_iter().filter_map(|id| framework.figure(id)));
    wanted
}

fn collect_deductions<'a>(points: &'a [ScoredPoint], into: &mut Vec<&'a str>) {
    for point in points {
        into.extend(point.deduction.as_ref().map(|deduction| deduction.figure.as_str()));
        collect_deductions(&point.sub_points, into);
    }
}
