//! `{name}` references inside narrative text: a figure id or a meta token such as `{region}`.
//!
//! Invariant: only `{` + ASCII lower-case letters, digits and `_` + `}` is a reference; any other
//! brace is ordinary text, so a user typing `{` never loses characters on rendering.

use std::ops::Range;

/// Meta fields that text may reference like figures.
pub const META_TOKENS: [&str; 3] = ["region", "province", "year"];

/// A reference found in a text, with its byte range (braces included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference<'text> {
    pub name: &'text str,
    pub range: Range<usize>,
}

/// Every well-formed `{name}` in `text`, in order.
pub fn references_in(text: &str) -> Vec<Reference<'_>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'{' {
            let name_start = index + 1;
            let name_end = name_start
                + bytes[name_start..]
                    .iter()
                    .take_while(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || **byte == b'_')
                    .count();
            if name_end > name_start && bytes.get(name_end) == Some(&b'}') {
                found.push(Reference { name: &text[name_start..name_end], range: index..name_end + 1 });
                index = name_end + 1;
                continue;
            }
        }
        index += 1;
    }
    found
}

/// A piece of rendered text: literal, or the value a reference resolved to (or failed to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'text> {
    Literal(&'text str),
    Value { name: &'text str, value: String },
    /// The reference has no value yet (or names nothing).
    Missing { name: &'text str },
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
        let text = "经费{budget}亿元，{ 不是引用 }、{Upper}、{}和{year}年";
        let names: Vec<_> = references_in(text).iter().map(|r| r.name).collect();
        assert_eq!(names, ["budget", "year"]);
        let rendered = render_text(text, |name| (name == "budget").then(|| "3.5".to_owned()), |name| format!("<{name}>"));
        assert_eq!(rendered, "经费3.5亿元，{ 不是引用 }、{Upper}、{}和<year>年");
    }

    #[test]
    fn blank_values_render_as_missing() {
        let segments = render_segments("{a}名", |_| Some("  ".to_owned()));
        assert_eq!(segments, [Segment::Missing { name: "a" }, Segment::Literal("名")]);
    }

    #[test]
    fn reference_ranges_cover_the_braces() {
        let text = "共{n}所";
        let reference = &references_in(text)[0];
        assert_eq!(&text[reference.range.clone()], "{n}");
    }
}
