//! Merging the report's own parts: narrative sections by part code, 上年值 by figure id and 上年得分
//! by row code, as
//! items are; the 整改情况 list as one value (taken, kept, or a conflict whose "both" keeps my
//! entries and adds theirs that differ).

use super::scores::merge_map;
use super::{decide, join_texts, Choice, Conflict, MergeKey, Outcome};
use crate::draft::{next_entry_id, Draft, Rectification};

// `&String`: `merge_map` describes its values as `fn(&V) -> String`, and here `V` is `String`.
#[allow(clippy::ptr_arg)]
fn describe_text(text: &String) -> String {
    text.clone()
}

fn describe_rectifications(entries: &[Rectification]) -> String {
    entries
        .iter()
        .map(|entry| {
            let done = match entry.done {
                Some(true) => "已完成",
                Some(false) => "未完成",
                None => "未答",
            };
            format!("{}｜{}｜{}｜{done}", entry.problem, entry.measure, entry.progress)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub(super) fn merge_parts(
    base: Option<&Draft>,
    mine: &Draft,
    theirs: &Draft,
    merged: &mut Draft,
    taken: &mut Vec<MergeKey>,
    conflicts: &mut Vec<Conflict>,
) {
    let (sections, previous) = (&mut merged.sections, &mut merged.previous_figures);
    let base_sections = base.map(|base| &base.sections);
    merge_map(
        base_sections,
        &mine.sections,
        &theirs.sections,
        sections,
        MergeKey::Section,
        describe_text,
        taken,
        conflicts,
    );
    let base_previous = base.map(|base| &base.previous_figures);
    let (mine_previous, theirs_previous) = (&mine.previous_figures, &theirs.previous_figures);
    merge_map(
        base_previous,
        mine_previous,
        theirs_previous,
        previous,
        MergeKey::Previous,
        describe_text,
        taken,
        conflicts,
    );
    let base_scores = base.map(|base| &base.previous_scores);
    merge_map(
        base_scores,
        &mine.previous_scores,
        &theirs.previous_scores,
        &mut merged.previous_scores,
        MergeKey::PreviousScore,
        describe_text,
        taken,
        conflicts,
    );
    merged.sections.retain(|_, text| !text.is_empty());
    merged.previous_figures.retain(|_, text| !text.is_empty());
    merged.previous_scores.retain(|_, text| !text.is_empty());

    let base_list = base.map(|base| &base.rectifications);
    match decide(base_list, &mine.rectifications, &theirs.rectifications, Vec::is_empty) {
        Outcome::Same | Outcome::KeepMine => {}
        Outcome::TakeTheirs => {
            merged.rectifications = theirs.rectifications.clone();
            taken.push(MergeKey::Rectifications);
        }
        Outcome::Conflict => conflicts.push(Conflict {
            key: MergeKey::Rectifications,
            mine: describe_rectifications(&mine.rectifications),
            theirs: describe_rectifications(&theirs.rectifications),
        }),
    }
}

pub(super) fn resolve_parts(draft: &mut Draft, theirs: &Draft, key: &MergeKey, choice: Choice) {
    match key {
        MergeKey::Section(code) => {
            let theirs = theirs.sections.get(code).cloned().unwrap_or_default();
            let text = draft.sections.entry(code.clone()).or_default();
            *text = if choice == Choice::Theirs { theirs } else { join_texts(text, &theirs) };
        }
        MergeKey::Previous(id) if choice == Choice::Theirs => {
            match theirs.previous_figures.get(id) {
                Some(value) => draft.previous_figures.insert(id.clone(), value.clone()),
                None => draft.previous_figures.remove(id),
            };
        }
        MergeKey::PreviousScore(code) if choice == Choice::Theirs => {
            match theirs.previous_scores.get(code) {
                Some(value) => draft.previous_scores.insert(code.clone(), value.clone()),
                None => draft.previous_scores.remove(code),
            };
        }
        MergeKey::Rectifications if choice == Choice::Theirs => {
            draft.rectifications = theirs.rectifications.clone();
        }
        MergeKey::Rectifications => {
            for entry in &theirs.rectifications {
                let same = |own: &Rectification| Rectification { id: String::new(), ..own.clone() };
                if !draft.rectifications.iter().any(|own| same(own) == same(entry)) {
                    let id = next_entry_id("r", draft.rectifications.iter().map(|own| own.id.as_str()));
                    draft.rectifications.push(Rectification { id, ..entry.clone() });
                }
            }
        }
        _ => {}
    }
    draft.sections.retain(|_, text| !text.is_empty());
}
