//! `{name}` references inside narrative text: a figure's name or a meta token such as `{地区}`.
//!
//! Invariant: only `{` + 1 to 24 letters (Chinese included), digits or `_` + `}` is a reference;
//! any other brace is ordinary text, so a user typing `{` never loses characters on rendering.

use std::ops::Range;

/// The longest name a reference may have, in characters.
pub const MAX_REFERENCE_CHARS: usize = 24;

fn is_name_char(character: char) -> bool {
    character.is_alphanumeric() || character == '_'
}

/// Whether `name` can appear as `{name}`.
pub fn is_reference_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=MAX_REFERENCE_CHARS).contains(&count) && name.chars().all(is_name_char)
}

/// A reference found in a text, with its byte range (braces included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference<'text> {
    pub name: &'text str,
    pub range: Range<usize>,
}

/// Every well-formed `{name}` in `text`, in order.
pub fn references_in(text: &str) -> Vec<Reference<'_>> {
    let mut found = Vec::new();
    let mut rest_start = 0;
    while let Some(open) = text[rest_start..].find('{').map(|offset| rest_start + offset) {
        let name_start = open + 1;
        let name_end = text[name_start..]
            .char_indices()
            .find(|&(_, character)| !is_name_char(character))
            .map(|(offset, _)| name_start + offset)
            .unwrap_or(text.len());
        let name = &text[name_start..name_end];
        if text[name_end..].starts_with('}') && is_reference_name(name) {
            found.push(Reference { name, range: open..name_end + 1 });
            rest_start = name_end + 1;
        } else {
            rest_start = name_start;
        }
    }
    found
}

/// The names text refers to the meta fields by: region, province, evaluation year.
pub const REGION_REFERENCE: &str = "地区";
pub const PROVINCE_REFERENCE: &str = "省份";
pub const YEAR_REFERENCE: &str = "年度";

/// Whether `name` is one of the meta references (`{地区}`, `{省份}`, `{年度}`).
pub fn is_meta_reference(name: &str) -> bool {
    [REGION_REFERENCE, PROVINCE_REFERENCE, YEAR_REFERENCE].contains(&name)
}

/// Version-1 references (`{education_budget_total}`, `{region}`) rewritten to names
/// (`{教育经费}`, `{地区}`); `figure_name` gives a figure id's name. Ids it does not know are left as
/// they are, so nothing is lost and the validator points at them.
pub fn rename_id_references(text: &str, figure_name: impl Fn(&str) -> Option<String>) -> String {
    const META: [(&str, &str); 3] =
        [("region", REGION_REFERENCE), ("province", PROVINCE_REFERENCE), ("year", YEAR_REFERENCE)];
    let mut renamed = String::with_capacity(text.len());
    let mut cursor = 0;
    for reference in references_in(text) {
        let is_v1_id =
            reference.name.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_');
        let new_name = if is_v1_id {
            META.iter()
                .find(|(old, _)| *old == reference.name)
                .map(|(_, name)| (*name).to_owned())
                .or_else(|| figure_name(reference.name))
        } else {
            None
        };
        if let Some(name) = new_name {
            renamed.push_str(&text[cursor..reference.range.start]);
            renamed.push('{');
            renamed.push_str(&name);
            renamed.push('}');
            cursor = reference.range.end;
        }
    }
    renamed.push_str(&text[cursor..]);
    renamed
}

/// A piece of rendered text: literal, or the value a reference resolved to (or failed to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'text> {
    Literal(&'text str),
    Value {
        name: &'text str,
        value: String,
    },
    /// The reference has no value yet (or names nothing).
    Missing {
        name: &'text str,
    },
}

/// Splits `text` at its references, resolving each through `resolve`.
pub fn render_segments<'text>(
    text: &'text str,
    mut resolve: impl FnMut(&str) -> Option<String>,
) -> Vec<Segment<'text>> {
    let mut segments = Vec::new();
    let mut cursor = 0;
    for reference in references_in(text) {
        if reference.range.start > cursor {
            segments.push(Segment::Literal(&text[cursor..reference.range.start]));
        }
        segments.push(match resolve(reference.name) {
            Some(value) if !value.trim().is_empty() => {
                Segment::Value { name: reference.name, value: value.trim().to_owned() }
            }
            _ => Segment::Missing { name: reference.name },
        });
        cursor = reference.range.end;
    }
    if cursor < text.len() {
        segments.push(Segment::Literal(&text[cursor..]));
    }
    segments
}

/// Renders `text` to a string, writing `missing(name)` where a reference has no value.
pub fn render_text(
    text: &str,
    resolve: impl FnMut(&str) -> Option<String>,
    mut missing: impl FnMut(&str) -> String,
) -> String {
    render_segments(text, resolve)
        .into_iter()
        .map(|segment| match segment {
            Segment::Literal(literal) => literal.to_owned(),
            Segment::Value { value, .. } => value,
            Segment::Missing { name } => missing(name),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_references_and_keeps_other_braces_as_text() {
        let text = "经费{教育经费}亿元，{ 不是引用 }、{a-b}、{}、{{年度}}和{年度}年";
        let names: Vec<_> = references_in(text).iter().map(|r| r.name).collect();
        assert_eq!(names, ["教育经费", "年度", "年度"]);
        let rendered =
            render_text(text, |name| (name == "教育经费").then(|| "3.5".to_owned()), |name| format!("<{name}>"));
        assert_eq!(rendered, "经费3.5亿元，{ 不是引用 }、{a-b}、{}、{<年度>}和<年度>年");
    }

    #[test]
    fn blank_values_render_as_missing() {
        let segments = render_segments("{a}名", |_| Some("  ".to_owned()));
        assert_eq!(segments, [Segment::Missing { name: "a" }, Segment::Literal("名")]);
    }

    #[test]
    fn reference_ranges_cover_the_braces() {
        let text = "共{学校数}所";
        let reference = &references_in(text)[0];
        assert_eq!(&text[reference.range.clone()], "{学校数}");
    }

    #[test]
    fn overlong_names_are_text() {
        let long = format!("{{{}}}", "字".repeat(MAX_REFERENCE_CHARS + 1));
        assert!(references_in(&long).is_empty());
    }
}
