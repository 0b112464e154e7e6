//! The draft's own vocabulary: its meta fields, where a piece of it is (`Location`), the text at a
//! location, and how a location is named and grouped. Validation, merging, the app's inputs and
//! its navigation all speak it; it lives with the draft so none of them depends on another.

use super::{Draft, RectificationField};
use crate::framework::{Figure, Framework};

/// A meta field of the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    Region,
    Province,
    Year,
    DataYear,
    NoticeTitle,
    NoticeNumber,
    Unit,
    Date,
    Addressee,
    Attachments,
    Filler,
    Reviewer,
}

impl MetaField {
    pub const ALL: [MetaField; 12] = [
        MetaField::Region,
        MetaField::Province,
        MetaField::Year,
        MetaField::DataYear,
        MetaField::NoticeTitle,
        MetaField::NoticeNumber,
        MetaField::Unit,
        MetaField::Date,
        MetaField::Addressee,
        MetaField::Attachments,
        MetaField::Filler,
        MetaField::Reviewer,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            MetaField::Region => "地区名称",
            MetaField::Province => "所在省份",
            MetaField::Year => "评价年度",
            MetaField::DataYear => "数据年度",
            MetaField::NoticeTitle => "通知名称",
            MetaField::NoticeNumber => "通知文号",
            MetaField::Unit => "报告单位（落款）",
            MetaField::Date => "成文日期",
            MetaField::Addressee => "主送机关",
            MetaField::Attachments => "附件",
            MetaField::Filler => "填表人",
            MetaField::Reviewer => "审核人",
        }
    }

    /// Stable key, also the suffix of the field's element id in the app (`meta-region`).
    pub fn key(self) -> &'static str {
        match self {
            MetaField::Region => "region",
            MetaField::Province => "province",
            MetaField::Year => "year",
            MetaField::DataYear => "data-year",
            MetaField::NoticeTitle => "notice-title",
            MetaField::NoticeNumber => "notice-number",
            MetaField::Unit => "unit",
            MetaField::Date => "date",
            MetaField::Addressee => "addressee",
            MetaField::Attachments => "attachments",
            MetaField::Filler => "filler",
            MetaField::Reviewer => "reviewer",
        }
    }

    /// The name text refers to this field by (`{地区}`), for the fields text may refer to.
    pub fn reference_name(self) -> Option<&'static str> {
        match self {
            MetaField::Region => Some(crate::template::REGION_REFERENCE),
            MetaField::Province => Some(crate::template::PROVINCE_REFERENCE),
            MetaField::Year => Some(crate::template::YEAR_REFERENCE),
            _ => None,
        }
    }

    /// The field a `{name}` reference means, if it names one.
    pub fn for_reference(name: &str) -> Option<MetaField> {
        MetaField::ALL.into_iter().find(|field| field.reference_name() == Some(name))
    }

    /// The field's text in `draft`.
    pub fn value(self, draft: &Draft) -> &str {
        let meta = &draft.meta;
        match self {
            MetaField::Region => &meta.region,
            MetaField::Province => &meta.province,
            MetaField::Year => &meta.year,
            MetaField::DataYear => &meta.data_year,
            MetaField::NoticeTitle => &meta.notice_title,
            MetaField::NoticeNumber => &meta.notice_number,
            MetaField::Unit => &meta.unit,
            MetaField::Date => &meta.date,
            MetaField::Addressee => &meta.addressee,
            MetaField::Attachments => &meta.attachments,
            MetaField::Filler => &meta.filler,
            MetaField::Reviewer => &meta.reviewer,
        }
    }

    /// The field's text in `draft`, to edit.
    pub fn value_mut(self, draft: &mut Draft) -> &mut String {
        let meta = &mut draft.meta;
        match self {
            MetaField::Region => &mut meta.region,
            MetaField::Province => &mut meta.province,
            MetaField::Year => &mut meta.year,
            MetaField::DataYear => &mut meta.data_year,
            MetaField::NoticeTitle => &mut meta.notice_title,
            MetaField::NoticeNumber => &mut meta.notice_number,
            MetaField::Unit => &mut meta.unit,
            MetaField::Date => &mut meta.date,
            MetaField::Addressee => &mut meta.addressee,
            MetaField::Attachments => &mut meta.attachments,
            MetaField::Filler => &mut meta.filler,
            MetaField::Reviewer => &mut meta.reviewer,
        }
    }
}

/// Where something is in a draft: precise enough for the app to open the page and focus the field.
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
    /// A scored row's 自评得分 (item, 观测点, sub-point or bonus item), by code.
    Score(String),
    /// A scored row's 得失分说明, by code.
    ScoreExplanation(String),
    /// A 扣分项's occurrences, by code.
    Deduction(String),
    /// A 一票否决 / 降等 / 不得评优 condition's answer, by code.
    Condition(String),
    /// A narrative part of the report (基本情况), by the skeleton part's code.
    Section(String),
    /// A text of a 整改情况 entry, by its id.
    Rectification(String, RectificationField),
    /// The 整改情况 list as a whole.
    Rectifications,
}

/// The value of a `{name}` reference, given how to read a meta field and a figure: a meta token
/// (`{地区}`, `{省份}`, `{年度}`) or a figure of `framework` by its name; `None` when the name means
/// nothing. A figure typed wrongly gives an empty value, as one not yet filled: `abc` never reaches
/// the report. The one definition behind the draft, the validator and the app's live preview.
pub fn resolve_reference<'f>(
    name: &str,
    figure_by_name: impl FnOnce(&str) -> Option<&'f Figure>,
    meta: impl FnOnce(MetaField) -> String,
    figure_raw: impl FnOnce(&Figure) -> String,
) -> Option<String> {
    match MetaField::for_reference(name) {
        Some(field) => Some(meta(field)),
        None => figure_by_name(name).map(|figure| {
            let raw = figure_raw(figure);
            match crate::figure::parse_figure(figure, &raw) {
                Ok(_) => crate::figure::figure_report_text(figure, &raw),
                Err(_) => String::new(),
            }
        }),
    }
}

/// Every text the draft holds, by location, whatever its framework: the meta, each item entry's
/// narrative and reason, each section, each 整改情况 entry's texts, problems, measures and score
/// explanations. What changes every text (remap writing in a figure's value) and what counts every
/// character (its no-loss test) walk this one list with [`text`] / [`text_mut`], so a text field
/// added to the draft is added here once and cannot be missed.
pub fn text_locations(draft: &Draft) -> Vec<Location> {
    let mut locations: Vec<Location> = MetaField::ALL.into_iter().map(Location::Meta).collect();
    for code in draft.items.keys() {
        locations.push(Location::ItemNarrative(code.clone()));
        locations.push(Location::ItemReason(code.clone()));
    }
    locations.extend(draft.sections.keys().map(|code| Location::Section(code.clone())));
    for entry in &draft.rectifications {
        locations
            .extend(RectificationField::ALL.into_iter().map(|field| Location::Rectification(entry.id.clone(), field)));
    }
    for problem in &draft.problems {
        locations.push(Location::ProblemTitle(problem.id.clone()));
        locations.push(Location::ProblemText(problem.id.clone()));
    }
    for measure in &draft.measures {
        locations.push(Location::MeasureTitle(measure.id.clone()));
        locations.push(Location::MeasureText(measure.id.clone()));
    }
    locations.extend(draft.scores.keys().map(|code| Location::ScoreExplanation(code.clone())));
    locations
}

/// The text at a location; `None` for locations that are not a text of the draft.
pub fn text<'a>(draft: &'a Draft, location: &Location) -> Option<&'a str> {
    match location {
        Location::Meta(field) => Some(field.value(draft)),
        Location::ItemNarrative(code) => draft.items.get(code).map(|entry| entry.narrative.as_str()),
        Location::ItemReason(code) => draft.items.get(code).map(|entry| entry.not_applicable_reason.as_str()),
        Location::ProblemTitle(id) => draft.problems.iter().find(|p| &p.id == id).map(|p| p.title.as_str()),
        Location::ProblemText(id) => draft.problems.iter().find(|p| &p.id == id).map(|p| p.text.as_str()),
        Location::MeasureTitle(id) => draft.measures.iter().find(|m| &m.id == id).map(|m| m.title.as_str()),
        Location::MeasureText(id) => draft.measures.iter().find(|m| &m.id == id).map(|m| m.text.as_str()),
        Location::ScoreExplanation(code) => draft.scores.get(code).map(|entry| entry.explanation.as_str()),
        Location::Section(code) => Some(draft.sections.get(code).map(String::as_str).unwrap_or_default()),
        Location::Rectification(id, field) => {
            draft.rectifications.iter().find(|entry| &entry.id == id).map(|entry| entry.text(*field))
        }
        Location::Rectifications
        | Location::Item(_)
        | Location::Figure(_)
        | Location::Problems
        | Location::Measures
        | Location::Report
        | Location::Score(_)
        | Location::Deduction(_)
        | Location::Condition(_) => None,
    }
}

/// The text at a location, to edit; `None` for locations that are not a text of the draft.
pub fn text_mut<'a>(draft: &'a mut Draft, location: &Location) -> Option<&'a mut String> {
    match location {
        Location::Meta(field) => Some(field.value_mut(draft)),
        Location::ItemNarrative(code) => draft.items.get_mut(code).map(|entry| &mut entry.narrative),
        Location::ItemReason(code) => draft.items.get_mut(code).map(|entry| &mut entry.not_applicable_reason),
        Location::ProblemTitle(id) => draft.problems.iter_mut().find(|p| &p.id == id).map(|p| &mut p.title),
        Location::ProblemText(id) => draft.problems.iter_mut().find(|p| &p.id == id).map(|p| &mut p.text),
        Location::MeasureTitle(id) => draft.measures.iter_mut().find(|m| &m.id == id).map(|m| &mut m.title),
        Location::MeasureText(id) => draft.measures.iter_mut().find(|m| &m.id == id).map(|m| &mut m.text),
        Location::ScoreExplanation(code) => draft.scores.get_mut(code).map(|entry| &mut entry.explanation),
        Location::Section(code) => Some(draft.sections.entry(code.clone()).or_default()),
        Location::Rectification(id, field) => {
            draft.rectifications.iter_mut().find(|entry| &entry.id == id).map(|entry| entry.text_mut(*field))
        }
        Location::Rectifications
        | Location::Item(_)
        | Location::Figure(_)
        | Location::Problems
        | Location::Measures
        | Location::Report
        | Location::Score(_)
        | Location::Deduction(_)
        | Location::Condition(_) => None,
    }
}

/// A location as the user would name it: “落实“两个只增不减”的正文”, “第2条问题”.
pub fn describe_location(framework: &Framework, draft: &Draft, location: &Location) -> String {
    // Named as the notice numbers them ("（一）组织领导"), so a reviewer finds the row.
    let item_title = |code: &str| framework.item_label(code).unwrap_or_else(|| code.to_owned());
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
        Location::Score(code) => format!("“{}”的自评得分", framework.scored_label(code)),
        Location::ScoreExplanation(code) => format!("“{}”的得失分说明", framework.scored_label(code)),
        Location::Deduction(code) | Location::Condition(code) => format!("“{}”", framework.scored_label(code)),
        Location::Section(code) => match framework.report.part(code) {
            Some(part) => format!("“{}”", part.heading),
            None => format!("“{code}”"),
        },
        Location::Rectification(id, field) => format!(
            "第{}条整改情况的{}",
            position(id, draft.rectifications.iter().map(|entry| entry.id.as_str())),
            field.label_zh()
        ),
        Location::Rectifications => "整改情况".to_owned(),
    }
}

/// The area (code) a location belongs to, for grouping; `None` for meta, lists, the report and
/// the framework-wide scoring rows (bonus, 扣分项, conditions).
pub fn area_of(framework: &Framework, location: &Location) -> Option<String> {
    let area_of_item =
        |code: &str| framework.items().find(|(_, item)| item.code == code).map(|(area, _)| area.code.clone());
    match location {
        Location::Score(code) | Location::ScoreExplanation(code) => {
            framework.item_of_scored_row(code).and_then(area_of_item)
        }
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
        Location::Score(code) | Location::ScoreExplanation(code) => {
            framework.item_of_scored_row(code).map(str::to_owned)
        }
        Location::Item(code) | Location::ItemNarrative(code) | Location::ItemReason(code) => Some(code.clone()),
        Location::Figure(id) => framework
            .items()
            .find(|(_, item)| item.figures.iter().any(|figure| &figure.id == id))
            .map(|(_, item)| item.code.clone()),
        _ => None,
    }
}
