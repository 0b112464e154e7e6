//! The texts of a draft that go into the report, each with its location.

use crate::draft::field::{Location, MetaField};
use crate::draft::Draft;
use crate::draft::RectificationField;
use crate::framework::Framework;

#[derive(Clone, Debug)]
pub struct TextField<'a> {
    pub location: Location,
    pub text: &'a str,
}

/// Meta texts, the report's own parts (基本情况, 整改情况), then per item its narrative (or, when 无此项工作任务, its reason), then problems and
/// measures — the report's order. The year is a number, checked on its own.
pub fn text_fields<'a>(framework: &Framework, draft: &'a Draft) -> Vec<TextField<'a>> {
    let mut fields: Vec<TextField<'a>> = MetaField::ALL
        .into_iter()
        .filter(|field| !matches!(field, MetaField::Year | MetaField::DataYear))
        .map(|field| TextField { location: Location::Meta(field), text: field.value(draft) })
        .collect();
    for part in framework.report.content_parts() {
        if let Some(text) = draft.sections.get(&part.code) {
            fields.push(TextField { location: Location::Section(part.code.clone()), text });
        }
    }
    for entry in &draft.rectifications {
        for field in RectificationField::ALL {
            let location = Location::Rectification(entry.id.clone(), field);
            fields.push(TextField { location, text: entry.text(field) });
        }
    }
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
