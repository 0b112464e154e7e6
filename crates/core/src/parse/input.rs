//! Turning what the user gives (pasted text, a .docx) into paragraphs, refusing what cannot be a
//! report with a clear message. Never panics, whatever the bytes.

use super::ParseError;

/// Longer input is refused: a report is some 10 000 characters; a 20 MB paste is a mistake.
pub const MAX_INPUT_BYTES: usize = crate::limits::OLD_REPORT_TEXT.bytes;
/// Refused beyond this depth of XML nesting (Word's documents stay under 20).
const MAX_XML_DEPTH: usize = 256;

/// Paragraphs of pasted text: any line endings, stray spaces trimmed, blank lines dropped.
pub fn text_paragraphs(text: &str) -> Result<Vec<String>, ParseError> {
    crate::limits::OLD_REPORT_TEXT.check(text.len()).map_err(ParseError::TooLarge)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.chars().any(|character| character == '\0') {
        return Err(ParseError::NotText);
    }
    let paragraphs: Vec<String> = text
        .split(['\n', '\r', '\u{2029}', '\u{2028}'])
        .map(|line| line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    if paragraphs.is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(paragraphs)
}

/// The paragraphs of a .docx: the text of each `w:p` of `word/document.xml`, in order; a table
/// row is one paragraph, its cells' texts in reading order separated by tabs (a data table comes in
/// whole, row by row).
pub fn docx_paragraphs(bytes: &[u8]) -> Result<Vec<String>, ParseError> {
    let xml = document_xml(bytes, crate::limits::OLD_REPORT_DOCX, crate::limits::OLD_REPORT_DOCX)?;
    paragraphs_of_document_xml(&xml)
}

/// `word/document.xml` of a .docx of at most `file` bytes, its text part at most `text` bytes: read
/// to the limit and no further (a zip bomb stops here), and refused with the size rather than cut
/// silently.
pub(crate) fn document_xml(
    bytes: &[u8],
    file: crate::limits::Limit,
    text: crate::limits::Limit,
) -> Result<Vec<u8>, ParseError> {
    const NAME: &str = "word/document.xml";
    file.check(bytes.len()).map_err(ParseError::TooLarge)?;
    let mut archive = crate::zip_files::open_zip(bytes).ok_or(ParseError::NotDocx)?;
    let xml = crate::zip_files::read_entry(&mut archive, NAME, text.bytes).map_err(|problem| match problem {
        crate::zip_files::EntryProblem::Missing => ParseError::NotDocx,
        crate::zip_files::EntryProblem::Unreadable => ParseError::BrokenDocx,
    })?;
    if xml.len() > text.bytes {
        let declared = crate::zip_files::declared_size(&mut archive, NAME).unwrap_or(0);
        return Err(ParseError::TooLarge(crate::limits::TooLarge { limit: text, bytes: declared.max(xml.len()) }));
    }
    Ok(xml)
}

fn paragraphs_of_document_xml(xml: &[u8]) -> Result<Vec<String>, ParseError> {
    use xml::reader::{EventReader, ParserConfig, XmlEvent};
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let config = ParserConfig::new().trim_whitespace(false).whitespace_to_characters(true);
    let reader = EventReader::new_with_config(xml, config);
    let mut paragraphs = Vec::new();
    let mut current: Option<String> = None;
    // Inside a table row: the cells so far, and the text of the cell being read.
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut in_text = false;
    let mut depth = 0usize;
    for event in reader {
        match event.map_err(|_| ParseError::BrokenDocx)? {
            XmlEvent::StartElement { name, .. } => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(ParseError::BrokenDocx);
                }
                if name.namespace.as_deref() != Some(W) {
                    continue;
                }
                match name.local_name.as_str() {
                    "tr" => row = Some(Vec::new()),
                    "tc" => cell = Some(String::new()),
                    "p" => current = Some(String::new()),
                    "t" => in_text = true,
                    "tab" => current.get_or_insert_with(String::new).push('\t'),
                    // A line break inside a paragraph starts a new one, as a paste would (in a
                    // table cell it is a space: the row stays one paragraph).
                    "br" | "cr" if cell.is_some() => current.get_or_insert_with(String::new).push(' '),
                    "br" | "cr" => {
                        if let Some(text) = current.replace(String::new()) {
                            paragraphs.push(text);
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::EndElement { name } => {
                depth = depth.saturating_sub(1);
                if name.namespace.as_deref() == Some(W) {
                    match name.local_name.as_str() {
                        "t" => in_text = false,
                        "p" => match (cell.as_mut(), current.take()) {
                            (Some(cell), Some(text)) => {
                                if !cell.is_empty() && !text.is_empty() {
                                    cell.push(' ');
                                }
                                cell.push_str(&text);
                            }
                            (None, text) => paragraphs.extend(text),
                            _ => {}
                        },
                        "tc" => {
                            if let (Some(row), Some(text)) = (row.as_mut(), cell.take()) {
                                row.push(text.trim().to_owned());
                            }
                        }
                        "tr" => {
                            if let Some(cells) = row.take() {
                                if cells.iter().any(|text| !text.is_empty()) {
                                    paragraphs.push(cells.join("\t"));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            XmlEvent::Characters(text) if in_text => current.get_or_insert_with(String::new).push_str(&text),
            _ => {}
        }
    }
    let joined = paragraphs.join("\n");
    text_paragraphs(&joined)
}
