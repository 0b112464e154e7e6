//! The indicator framework: areas, items, typed figures and list sections, loaded from data.
//!
//! Invariant: a `Framework` that exists has passed [`Framework::from_json`]'s checks (in
//! `file.rs`) — codes and
//! figure ids are unique, every `{reference}` in a starter text names a figure of the framework or
//! a meta token, and every range is well formed. Code elsewhere may rely on that.

mod file;
mod problem;
mod scoring;
mod skeleton;

use crate::points::Points;
pub use file::FrameworkError;
pub use problem::{joined as joined_problems, Problem, ProblemAt};
pub use scoring::{
    label_of, Bonus, Condition, ConditionEffect, Deduction, FigureDeduction, GradeBand, RowLevel, ScoreRow,
    ScoredPoint, Scoring,
};
use serde::{Deserialize, Serialize};
pub use skeleton::{ItemStyle, PartKind, ReportForm, ReportPart, ReportSkeleton, SKELETON_TOKENS};

/// The `format` value every framework file carries.
pub const FRAMEWORK_FORMAT: &str = "lvzhi-framework";
/// The newest framework schema this build understands. History:
/// 1 — areas and items, an optional `max_score` per item that nothing used;
/// 2 — points at every level (`points`, 观测点 and sub-points), 评价要点, 评分细则, 责任单位,
///     佐证材料, figure-driven deductions and the `scoring` section. A version-1 file loads as it
///     is: `max_score` is read as `points`;
/// 3 — the report's skeleton (`report`), 发文机关, data year, further cited documents, the default
///     主送机关 and the version a framework was made from. Older files get the Sichuan skeleton;
/// 4 — each node's display number as the notice's table writes it (`number`: "一、", "（12）"), and
///     a condition's row (the scored row whose 评分细则 states it, and whether the row then scores
///     nothing).
pub const FRAMEWORK_SCHEMA_VERSION: u32 = 4;

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub format: String,
    pub schema_version: u32,
    /// Stable identifier, e.g. `sichuan-2023-city`; drafts refer to it.
    pub id: String,
    pub version: String,
    pub title: String,
    pub province: String,
    /// The evaluation year (the year of the notice).
    pub year: i32,
    pub level: Level,
    pub notice: Notice,
    /// 发文机关: who issued the framework (e.g. `四川省人民政府教育督导委员会`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// The year the report's data are of; a 2023 evaluation usually reports 2022. `None`: the
    /// year before `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_year: Option<i32>,
    /// Further documents the evaluation cites (办法, 评价细则), each with its 文号.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Notice>,
    /// The 主送机关 new drafts start with.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub addressee: String,
    /// The framework (id) this one is a new version of; drafts of that one can move here.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub previous: String,
    /// How the report is laid out.
    #[serde(default)]
    pub report: ReportSkeleton,
    /// Upper bound on the report's length in Chinese characters.
    #[serde(default = "default_char_limit")]
    pub report_char_limit: usize,
    /// Where the framework's wording comes from.
    #[serde(default)]
    pub source: String,
    pub areas: Vec<Area>,
    pub problems: ListSection,
    pub measures: ListSection,
    /// Present when the framework has points: totals, bonus, deductions, conditions, grades.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<Scoring>,
}

fn default_char_limit() -> usize {
    5000
}

/// Which government is evaluated.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 市
    City,
    /// 州 (autonomous prefecture)
    Prefecture,
    /// 县（市、区）
    County,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::City, Level::Prefecture, Level::County];

    pub fn label_zh(self) -> &'static str {
        match self {
            Level::City => "市",
            Level::Prefecture => "州",
            Level::County => "县（市、区）",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::Prefecture => "prefecture",
            Level::County => "county",
        }
    }

    pub fn from_key(key: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.key() == key)
    }
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub title: String,
    /// 发文字号, e.g. `川教督委〔2023〕2号`.
    pub number: String,
}

/// One of the 一级 areas, `（一）`…`（九）` in the report.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub code: String,
    /// The notice's own numbering of the node ("一、", "A1"), shown where a reviewer looks; empty:
    /// the code is shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub title: String,
    /// Other wordings of the title seen in other years and places (for tolerant matching).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// 一级指标's points; when given, the items' points must add up to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_units: Vec<String>,
    pub items: Vec<Item>,
}

/// One 二级 item: a lead sentence plus its narrative in the report.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub code: String,
    /// The notice's own numbering ("（一）", "1."); empty: the code is shown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// The item's title, worded as the report's lead sentence (without the closing `。`).
    pub title: String,
    /// Whether the report writes the title as a lead sentence before the narrative. The first
    /// paragraph of an area is sometimes written without one.
    #[serde(default = "default_true")]
    pub lead: bool,
    pub guidance: String,
    /// The 范文 paragraph, with `{name}` references (a figure's name, `{地区}`…) where values go.
    #[serde(default)]
    pub starter: Option<String>,
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub allow_not_applicable: bool,
    /// 二级指标's points (`max_score` in version-1 files). With 观测点 below, their sum.
    #[serde(default, alias = "max_score", skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
    /// 评价要点: the official wording of what is evaluated (distinct from `guidance`, our help).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criteria: String,
    /// 评分细则 / 计分方法.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scoring_rule: String,
    /// 责任单位 (教育局, 财政局…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible_units: Vec<String>,
    /// 佐证材料 usually given for the item (names only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Overrides the framework's score step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Points>,
    /// Overrides the framework's "扣完为止" (false: this row may go below 0, 倒扣).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_at_zero: Option<bool>,
    /// A deduction computed from a figure (for an item scored directly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduction: Option<FigureDeduction>,
    /// 观测点: the scored rows below the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observation_points: Vec<ScoredPoint>,
}

fn default_true() -> bool {
    true
}

/// A number the report states, typed once and referenced from text by its name.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Unique across the framework and stable across its versions: the key of the value in drafts.
    pub id: String,
    /// Short Chinese name, unique across the framework: text refers to the figure as `{name}`.
    pub name: String,
    pub label: String,
    pub kind: FigureKind,
    /// The unit written after the number in the report (`亿元`, `%`, `所`, `万人次`…).
    pub unit: String,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default = "default_true")]
    pub required: bool,
    /// Policy thresholds; failing one is a warning that cites its basis.
    #[serde(default)]
    pub thresholds: Vec<Threshold>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// Money, in the figure's unit (亿元/万元/元); decimals allowed, never negative.
    Amount,
    /// A percentage; 0–100 unless the figure sets its own range (growth may be negative).
    Percent,
    /// A whole number of things (所/名/个/次…).
    Count,
    /// A non-negative decimal quantity with a unit (万人次, 平方米…).
    Quantity,
    /// A ratio written `a:b` (师生比 1:13).
    Ratio,
    /// A calendar year.
    Year,
}

impl FigureKind {
    pub const ALL: [FigureKind; 6] = [
        FigureKind::Amount,
        FigureKind::Percent,
        FigureKind::Count,
        FigureKind::Quantity,
        FigureKind::Ratio,
        FigureKind::Year,
    ];

    /// The key a select's option carries (the file's own word for the kind).
    pub fn key(self) -> &'static str {
        match self {
            FigureKind::Amount => "amount",
            FigureKind::Percent => "percent",
            FigureKind::Count => "count",
            FigureKind::Quantity => "quantity",
            FigureKind::Ratio => "ratio",
            FigureKind::Year => "year",
        }
    }

    pub fn from_key(key: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|kind| kind.key() == key)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            FigureKind::Amount => "金额",
            FigureKind::Percent => "百分比",
            FigureKind::Count => "数量",
            FigureKind::Quantity => "数值",
            FigureKind::Ratio => "比例",
            FigureKind::Year => "年份",
        }
    }
}

/// A policy threshold on a figure.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    #[serde(default)]
    pub at_least: Option<f64>,
    #[serde(default)]
    pub at_most: Option<f64>,
    /// The figure must be at least another figure's value (教师工资 ≥ 公务员工资).
    #[serde(default)]
    pub at_least_figure: Option<String>,
    /// "只增不减": not below last year's value (a draft started from last year's keeps it as 上年值).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least_previous: bool,
    /// The policy text the threshold comes from, cited in warnings.
    pub basis: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// 存在的问题 or 下一步措施: an ordered list of entries.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListSection {
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub guidance: String,
    #[serde(default)]
    pub min_entries: usize,
    /// 范文 entries the user can start from.
    #[serde(default)]
    pub starters: Vec<ListStarter>,
    /// Figures the starters refer to.
    #[serde(default)]
    pub figures: Vec<Figure>,
}

#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListStarter {
    pub title: String,
    pub text: String,
    /// For measures: indexes of the problem starters this measure answers.
    #[serde(default)]
    pub answers: Vec<usize>,
}

impl Framework {
    /// The framework built into the app: 2023 Sichuan, 市(州) level.
    pub fn builtin() -> Framework {
        Framework::from_json(BUILTIN_FRAMEWORK_JSON).expect("the built-in framework is checked by the core's tests")
    }

    /// The built-in example of a scored county framework.
    pub fn scored_example() -> Framework {
        Framework::from_json(SCORED_EXAMPLE_JSON).expect("the scored example is checked by the core's tests")
    }

    /// The name lists show: the title, with the version for a framework made as a new version of
    /// another (three of one title are told apart), e.g. `某县评价细则（版本2024.1-2）`.
    pub fn label(&self) -> String {
        if self.previous.is_empty() {
            self.title.clone()
        } else {
            self.versioned_label()
        }
    }

    /// The title with its version always, where the exact version matters (the editor, a mapping,
    /// a saved file): `某县评价细则（版本2024.1）`.
    pub fn versioned_label(&self) -> String {
        format!("{}（版本{}）", self.title, self.version)
    }

    pub fn items(&self) -> impl Iterator<Item = (&Area, &Item)> {
        self.areas.iter().flat_map(|area| area.items.iter().map(move |item| (area, item)))
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items().map(|(_, item)| item).find(|item| item.code == code)
    }

    /// An item with its area and the area's position.
    pub fn locate(&self, code: &str) -> Option<(usize, &Area, &Item)> {
        self.areas
            .iter()
            .enumerate()
            .find_map(|(index, area)| area.items.iter().find(|item| item.code == code).map(|item| (index, area, item)))
    }

    /// The items before and after an item, across areas (for 上一项 / 下一项).
    pub fn neighbours(&self, code: &str) -> (Option<&Item>, Option<&Item>) {
        let items: Vec<&Item> = self.items().map(|(_, item)| item).collect();
        let Some(position) = items.iter().position(|item| item.code == code) else { return (None, None) };
        (position.checked_sub(1).map(|before| items[before]), items.get(position + 1).copied())
    }

    pub fn item_count(&self) -> usize {
        self.areas.iter().map(|area| area.items.len()).sum()
    }

    /// Figures of every item, then those of the list sections.
    pub fn all_figures(&self) -> impl Iterator<Item = &Figure> {
        self.items()
            .flat_map(|(_, item)| item.figures.iter())
            .chain(self.problems.figures.iter())
            .chain(self.measures.figures.iter())
    }

    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.all_figures().find(|figure| figure.id == id)
    }

    /// The year the report's data are of.
    pub fn data_year(&self) -> i32 {
        self.data_year.unwrap_or(self.year - 1)
    }

    /// Whether a figure is compared with last year's (a "只增不减" threshold): its growth is shown.
    pub fn compares_with_previous(figure: &Figure) -> bool {
        figure.thresholds.iter().any(|threshold| threshold.at_least_previous)
    }

    /// Whether two frameworks say the same, whatever they are called here: equal in everything but
    /// their id, version, predecessor and the schema version of the file they came in. A
    /// framework's identity is its content — the same content is one framework, other content
    /// under a known id is another one.
    pub fn same_content_as(&self, other: &Framework) -> bool {
        let named_as_self = Framework {
            format: self.format.clone(),
            schema_version: self.schema_version,
            id: self.id.clone(),
            version: self.version.clone(),
            previous: self.previous.clone(),
            ..other.clone()
        };
        named_as_self == *self
    }

    /// What a reviewer knows a node (area, item, 观测点, sub-point) or rule by: the notice's own
    /// numbering where the framework has it, else the code.
    pub fn shown_code<'a>(&'a self, code: &'a str) -> &'a str {
        match self.number_of(code) {
            Some(number) if !number.is_empty() => number,
            _ => code,
        }
    }

    /// The notice's numbering of a node, if the node exists.
    pub fn number_of(&self, code: &str) -> Option<&str> {
        for area in &self.areas {
            if area.code == code {
                return Some(&area.number);
            }
            for item in &area.items {
                if item.code == code {
                    return Some(&item.number);
                }
                let mut points: Vec<&ScoredPoint> = item.observation_points.iter().collect();
                while let Some(point) = points.pop() {
                    if point.code == code {
                        return Some(&point.number);
                    }
                    points.extend(point.sub_points.iter());
                }
            }
        }
        None
    }

    /// An item's title with the notice's numbering before it ("（一）组织领导"), or its title alone.
    pub fn item_label(&self, code: &str) -> Option<String> {
        self.item(code).map(|item| label_of(&item.number, &item.title))
    }

    /// The figure a `{name}` reference in text means.
    pub fn figure_by_name(&self, name: &str) -> Option<&Figure> {
        self.all_figures().find(|figure| figure.name == name)
    }
}

/// The built-in framework file, embedded at build time.
pub const BUILTIN_FRAMEWORK_JSON: &str = include_str!("../../data/sichuan-2023-city.json");

/// The id of the built-in scored example, known without parsing it (the app parses it on first use).
pub const SCORED_EXAMPLE_ID: &str = "example-county-scored";

/// The built-in example of a scored framework (县级, 百分制, written for the app; its title says 示例).
pub const SCORED_EXAMPLE_JSON: &str = include_str!("../../data/example-county-scored.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_content_is_the_same_framework_whatever_its_id() {
        let framework = Framework::builtin();
        let renamed = Framework { id: "copy".into(), version: "7".into(), previous: "x".into(), ..framework.clone() };
        assert!(renamed.same_content_as(&framework) && framework.same_content_as(&renamed));
        let mut changed = framework.clone();
        changed.areas[0].items[0].title.push('。');
        assert!(!changed.same_content_as(&framework), "one character differs: another framework");
    }

    #[test]
    fn an_item_is_located_with_its_area_and_neighbours_across_areas() {
        let framework = Framework::builtin();
        let (index, area, item) = framework.locate("A2.1").unwrap();
        assert_eq!((index, area.code.as_str(), item.code.as_str()), (1, "A2", "A2.1"));
        let (before, after) = framework.neighbours("A2.1");
        assert_eq!(before.map(|item| item.code.as_str()), Some("A1.3"));
        assert_eq!(after.map(|item| item.code.as_str()), Some("A2.2"));
        assert!(framework.neighbours("A1.1").0.is_none());
        assert!(framework.locate("Z9").is_none());
    }
}
