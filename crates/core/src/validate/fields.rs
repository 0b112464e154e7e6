//! The texts of a draft that go into the report, each with its location.

use super::{Location, MetaField};
use crate::draft::Draft;
use crate::framework::Framework;

#[derive(Clone, Debug)]
pub struct TextField<'a> {
    pub location: Location,
    pub text: &'a str,
}

/// Meta texts, then per item its narrative (or, when 无此项工作任务, its reason), then problems and
/// measures — the report's order. The year is a number, checked on its own.
pub fn text_fields<'a>(framework: &Framework, draft: &'a Draft) -> Vec<TextField<'a>> {
    let mut fields: Vec<TextField<'a>> = MetaField::ALL
        .into_iter()
        .filter(|field| *field != MetaField::Year)
        .map(|field| TextField { location: Location::Meta(field), text: field.value(draft) })
        .collect();
    for (_, item) in framework.items() {
        let Some(entry) = draft.item(&item.code) else { continue };
        if entry.not_applicable {
            fields.push(TextField {
                location: Location::ItemReason(item.code.clone()),
                text: &entry.not_applicable_reason,
            });
        } else {
            fields.push(TextField { location: Location::ItemNarrative(item.code.clone()), text: &entry.narrative });
        }
    }
    for problem in &draft.problems {
        fields.push(TextField { location: Location::ProblemTitle(problem.id.clone()), text: &problem.title });
        fields.push(TextField { location: Location::ProblemText(problem.id.clone()), text: &problem.text });
    }
    for measure in &draft.measures {
        fields.push(TextField { location: Location::MeasureTitle(measure.id.clone()), text: &measure.title });
        fields.push(TextField { location: Location::MeasureText(measure.id.clone()), text: &measure.text });
    }
    fields
}

/// The text at a location, to edit; `None` for locations that are not a text of the draft.
pub fn text_mut<'a>(draft: &'a mut Draft, location: &Location) -> Option<&'a mut String> {
    let meta = &mut draft.meta;
    match location {
        Location::Meta(field) => Some(match field {
            MetaField::Region => &mut meta.region,
            MetaField::Province => &mut meta.province,
            MetaField::Year => &mut meta.year,
            MetaField::NoticeTitle => &mut meta.notice_title,
            MetaField::NoticeNumber => &mut meta.notice_number,
            MetaField::Unit => &mut meta.unit,
            MetaField::Date => &mut meta.date,
        }),
        Location::ItemNarrative(code) => draft.items.get_mut(code).map(|entry| &mut entry.narrative),
        Location::ItemReason(code) => draft.items.get_mut(code).map(|entry| &mut entry.not_applicable_reason),
        Location::ProblemTitle(id) => draft.problems.iter_mut().find(|p| &p.id == id).map(|p| &mut p.title),
        Location::ProblemText(id) => draft.problems.iter_mut().find(|p| &p.id == id).map(|p| &mut p.text),
        Location::MeasureTitle(id) => draft.measures.iter_mut().find(|m| &m.id == id).map(|m| &mut m.title),
        Location::MeasureText(id) => draft.measures.iter_mut().find(|m| &m.id == id).map(|m| &mut m.text),
        Location::Item(_) | Location::Figure(_) | Location::Problems | Location::Measures | Location::Report => None,
    }
}
