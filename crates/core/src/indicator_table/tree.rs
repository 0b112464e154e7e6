//! The table's rows as a tree of named nodes (up to four levels), then as a framework: the first
//! level areas, the second items (an area without any becomes its own item, so it has a narrative),
//! the third 观测点 and the fourth sub-points — where the table has points; without points the
//! lower levels are what the item is evaluated on (its 评价要点).

use super::TableMeta;
use crate::framework::{Area, Framework, Item, ListSection, Notice, ScoredPoint, Scoring};
use crate::framework::{FRAMEWORK_FORMAT, FRAMEWORK_SCHEMA_VERSION};
use crate::points::Points;

#[derive(Clone, Debug, Default)]
struct Node {
    /// The numbering as the table writes it ("一、", "（12）"), or the 序号 column's.
    number: String,
    /// The table row (1-based) that made the node.
    row: usize,
    title: String,
    points: Option<Points>,
    criteria: String,
    rule: String,
    units: Vec<String>,
    evidence: Vec<String>,
    children: Vec<Node>,
}

#[derive(Default)]
pub(super) struct Tree {
    roots: Vec<Node>,
    /// The depth of the node the last row made (its other columns go on it).
    current: Option<usize>,
}

fn join_text(existing: &mut String, more: &str) {
    let more = more.trim();
    if more.is_empty() || existing.contains(more) {
        return;
    }
    if !existing.is_empty() {
        existing.push('\n');
    }
    existing.push_str(more);
}

fn split_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['、', '，', ',', '；', ';', '\n', '/', '／'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_owned)
}

impl Tree {
    pub(super) fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    /// The last node at `depth`, following the last child down.
    fn last_at(&mut self, depth: usize) -> Option<&mut Node> {
        let mut node = self.roots.last_mut()?;
        for _ in 0..depth {
            node = node.children.last_mut()?;
        }
        Some(node)
    }

    /// Adds a node at `level` (0 = 一级); under the deepest node above it when a level between is
    /// missing.
    pub(super) fn add(&mut self, level: usize, row: usize, number: String, title: String, points: Option<Points>) {
        let node = Node { number, row, title, points, ..Node::default() };
        if level == 0 || self.roots.is_empty() {
            self.roots.push(node);
            self.current = Some(0);
            return;
        }
        let mut depth = level - 1;
        while self.last_at(depth).is_none() {
            depth -= 1;
        }
        self.last_at(depth).expect("found").children.push(node);
        self.current = Some(depth + 1);
    }

    fn current(&mut self) -> Option<&mut Node> {
        let depth = self.current?;
        self.last_at(depth)
    }

    /// More 评价要点 and 评分细则 for the current node; false when there is none yet.
    pub(super) fn add_text(&mut self, criteria: &str, rule: &str) -> bool {
        let Some(node) = self.current() else { return false };
        join_text(&mut node.criteria, criteria);
        join_text(&mut node.rule, rule);
        true
    }

    pub(super) fn add_lists(&mut self, units: &str, evidence: &str) {
        let Some(node) = self.current() else { return };
        for unit in split_list(units) {
            if !node.units.contains(&unit) {
                node.units.push(unit);
            }
        }
        for name in split_list(evidence) {
            if !node.evidence.contains(&name) {
                node.evidence.push(name);
            }
        }
    }

    /// The row's 序号 for the node it made, when its title carried no numbering of its own.
    pub(super) fn number_if_none(&mut self, number: &str) {
        if let Some(node) = self.current() {
            if node.number.is_empty() {
                node.number = number.trim().to_owned();
            }
        }
    }

    pub(super) fn set_points(&mut self, points: Points) {
        if let Some(node) = self.current() {
            node.points = Some(points);
        }
    }

    /// Parents take the sum of their children's points; a stated figure that disagrees gives way,
    /// and a note says so. Returns the notes.
    pub(super) fn settle_points(&mut self) -> Vec<String> {
        fn settle(node: &mut Node, level: usize, notes: &mut Vec<String>) {
            for child in &mut node.children {
                settle(child, level + 1, notes);
            }
            let stated: Vec<Points> = node.children.iter().filter_map(|child| child.points).collect();
            if stated.is_empty() {
                return;
            }
            let sum: Points = stated.into_iter().sum();
            if let Some(own) = node.points.filter(|own| *own != sum) {
                let kind = ["一级指标", "二级指标", "观测点", "子项"][level.min(3)];
                notes.push(format!("{kind}“{}”标明{own}分，其下各项合计{sum}分：按各项合计计分。", node.title));
            }
            node.points = Some(sum);
        }
        let mut notes = Vec::new();
        for root in &mut self.roots {
            settle(root, 0, &mut notes);
        }
        notes
    }

    /// The framework, and the table row (1-based) each node's code came from.
    pub(super) fn into_framework(self, meta: &TableMeta) -> (Framework, Vec<(String, usize)>) {
        let mut rows = Vec::new();
        let scored = self.roots.iter().any(has_points);
        let areas: Vec<Area> = self
            .roots
            .into_iter()
            .enumerate()
            .map(|(area_index, area)| {
                let code = format!("A{}", area_index + 1);
                let children = if area.children.is_empty() {
                    vec![Node { children: Vec::new(), ..area.clone() }]
                } else {
                    area.children.clone()
                };
                rows.push((code.clone(), area.row));
                let items = children
                    .into_iter()
                    .enumerate()
                    .map(|(item_index, item)| to_item(item, format!("{code}.{}", item_index + 1), scored, &mut rows))
                    .collect();
                Area {
                    code,
                    number: area.number,
                    title: area.title,
                    aliases: Vec::new(),
                    points: None,
                    responsible_units: area.units,
                    items,
                }
            })
            .collect();
        let builtin = Framework::builtin();
        let list = |section: &ListSection| ListSection { starters: Vec::new(), figures: Vec::new(), ..section.clone() };
        let framework = Framework {
            format: FRAMEWORK_FORMAT.to_owned(),
            schema_version: FRAMEWORK_SCHEMA_VERSION,
            id: meta.id.clone(),
            version: "1".to_owned(),
            title: meta.title.clone(),
            province: meta.province.clone(),
            year: meta.year,
            level: meta.level,
            notice: Notice { title: meta.notice_title.clone(), number: meta.notice_number.clone() },
            report_char_limit: 5000,
            source: "由指标表生成（从指标表新建）。".to_owned(),
            areas,
            problems: list(&builtin.problems),
            measures: list(&builtin.measures),
            scoring: scored.then(|| Scoring::plain(true)),
            issuer: String::new(),
            data_year: None,
            documents: Vec::new(),
            addressee: String::new(),
            previous: String::new(),
            report: Default::default(),
        };
        (framework, rows)
    }
}

fn has_points(node: &Node) -> bool {
    node.points.is_some() || node.children.iter().any(has_points)
}

/// The lower levels' names and texts as lines of an item's 评价要点 (a framework without points).
fn lines_of(nodes: &[Node], lines: &mut Vec<String>) {
    for node in nodes {
        let mut line = node.title.clone();
        if !node.criteria.is_empty() {
            line.push_str(&format!("：{}", node.criteria.replace('\n', " ")));
        }
        lines.push(line);
        lines_of(&node.children, lines);
    }
}

fn to_point(node: Node, code: String, rows: &mut Vec<(String, usize)>) -> ScoredPoint {
    rows.push((code.clone(), node.row));
    let sub_points: Vec<ScoredPoint> = node
        .children
        .into_iter()
        .enumerate()
        .map(|(index, child)| to_point(Node { children: Vec::new(), ..child }, format!("{code}.{}", index + 1), rows))
        .collect();
    ScoredPoint {
        code,
        number: node.number,
        title: node.title,
        points: node.points.unwrap_or_default(),
        criteria: node.criteria,
        scoring_rule: node.rule,
        responsible_units: node.units,
        evidence: node.evidence,
        step: None,
        floor_at_zero: None,
        deduction: None,
        sub_points,
    }
}

fn to_item(node: Node, code: String, scored: bool, rows: &mut Vec<(String, usize)>) -> Item {
    rows.push((code.clone(), node.row));
    let mut criteria = node.criteria.clone();
    let observation_points = if scored {
        node.children
            .into_iter()
            .enumerate()
            .map(|(index, child)| to_point(child, format!("{code}.{}", index + 1), rows))
            .collect()
    } else {
        let mut lines = Vec::new();
        lines_of(&node.children, &mut lines);
        for line in lines {
            join_text(&mut criteria, &line);
        }
        Vec::new()
    };
    Item {
        code,
        number: node.number,
        title: node.title,
        lead: true,
        guidance: if criteria.is_empty() {
            String::new()
        } else {
            format!("对照评价要点写明工作情况和成效：{}", criteria.replace('\n', "；"))
        },
        starter: None,
        figures: Vec::new(),
        allow_not_applicable: true,
        points: if scored { node.points } else { None },
        criteria,
        scoring_rule: node.rule,
        responsible_units: node.units,
        evidence: node.evidence,
        step: None,
        floor_at_zero: None,
        deduction: None,
        observation_points,
    }
}
