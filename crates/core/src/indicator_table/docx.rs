//! The indicator table of a Word file (the notice's attachment as it comes): the widest tables of
//! `word/document.xml`, with Word's merges — `w:gridSpan` across, `w:vMerge` down — expanded as the
//! clipboard's `rowspan`/`colspan` are.

use super::grid::{Cell, Grid};
use crate::parse::ParseError;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Deeper XML than this is refused (a hand-made file meant to exhaust the parser).
const MAX_XML_DEPTH: usize = 256;

/// One cell as Word writes it.
#[derive(Default)]
struct WordCell {
    text: String,
    span: usize,
    /// `Some(true)`: starts a vertical merge; `Some(false)`: continues the one above.
    merge: Option<bool>,
}

/// The table of a .docx: its tables of the widest width one after the other (a 续表 continues its
/// table); `Ok(None)` when the file has no table.
pub fn grid_from_docx(bytes: &[u8]) -> Result<Option<Grid>, ParseError> {
    let xml = crate::parse::document_xml(bytes, crate::limits::TABLE_DOCX, crate::limits::TABLE_DOCX_XML)?;
    let tables = tables_of(&xml)?;
    Ok(super::grid::join_widest(tables.into_iter().map(expand_word).collect()))
}

fn tables_of(xml: &[u8]) -> Result<Vec<Vec<Vec<WordCell>>>, ParseError> {
    use xml::reader::{EventReader, ParserConfig, XmlEvent};
    let config = ParserConfig::new().trim_whitespace(false).whitespace_to_characters(true);
    let mut tables: Vec<Vec<Vec<WordCell>>> = Vec::new();
    // Nested tables are read as text of their cell: only the outermost table makes rows.
    let mut table_depth = 0usize;
    let mut current: Vec<Vec<WordCell>> = Vec::new();
    let mut row: Vec<WordCell> = Vec::new();
    let mut cell: Option<WordCell> = None;
    let mut in_text = false;
    let mut depth = 0usize;
    for event in EventReader::new_with_config(xml, config) {
        match event.map_err(|_| ParseError::BrokenDocx)? {
            XmlEvent::StartElement { name, attributes, .. } => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(ParseError::BrokenDocx);
                }
                if name.namespace.as_deref() != Some(W) {
                    continue;
                }
                let value = || {
                    attributes
                        .iter()
                        .find(|attribute| attribute.name.local_name == "val")
                        .map(|attribute| attribute.value.clone())
                };
                match name.local_name.as_str() {
                    "tbl" => table_depth += 1,
                    "tc" if table_depth == 1 => cell = Some(WordCell { span: 1, ..WordCell::default() }),
                    "gridSpan" if table_depth == 1 => {
                        if let Some(cell) = cell.as_mut() {
                            cell.span = value().and_then(|span| span.parse().ok()).unwrap_or(1).clamp(1, 50);
                        }
                    }
                    "vMerge" if table_depth == 1 => {
                        if let Some(cell) = cell.as_mut() {
                            cell.merge = Some(value().as_deref() == Some("restart"));
                        }
                    }
                    "t" => in_text = true,
                    "br" | "cr" => {
                        if let Some(cell) = cell.as_mut() {
                            cell.text.push('\n');
                        }
                    }
                    "tab" => {
                        if let Some(cell) = cell.as_mut() {
                            cell.text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::EndElement { name } => {
                depth = depth.saturating_sub(1);
                if name.namespace.as_deref() != Some(W) {
                    continue;
                }
                match name.local_name.as_str() {
                    "t" => in_text = false,
                    "p" => {
                        if let Some(cell) = cell.as_mut() {
                            cell.text.push('\n');
                        }
                    }
                    "tc" if table_depth == 1 => row.extend(cell.take()),
                    "tr" if table_depth == 1 => current.push(std::mem::take(&mut row)),
                    "tbl" => {
                        table_depth = table_depth.saturating_sub(1);
                        if table_depth == 0 && !current.is_empty() {
                            tables.push(std::mem::take(&mut current));
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Characters(text) if in_text => {
                if let Some(cell) = cell.as_mut() {
                    cell.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Ok(tables)
}

/// Word's rows into a grid: a cell spanning columns is copied across; one continuing a vertical
/// merge takes the text of the cell above it in its column, marked continued.
fn expand_word(rows: Vec<Vec<WordCell>>) -> Grid {
    let mut grid: Grid = Vec::new();
    for word_row in rows {
        let mut row: Vec<Cell> = Vec::new();
        for cell in word_row {
            let text: String = cell
                .text
                .lines()
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            for _ in 0..cell.span {
                let column = row.len();
                let continued = cell.merge == Some(false);
                let text = if continued {
                    grid.last().and_then(|above| above.get(column)).map_or_else(String::new, |above| above.text.clone())
                } else {
                    text.clone()
                };
                row.push(Cell { text, continued, appendix: false });
            }
        }
        grid.push(row);
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut grid {
        row.resize(width, Cell::default());
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
        );
        crate::zip_files::write_zip([("word/document.xml", document.as_str())])
    }

    fn cell(properties: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn word_merges_are_expanded_and_the_widest_table_is_taken() {
        let restart = r#"<w:vMerge w:val="restart"/>"#;
        let body = format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl><w:p/><w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}</w:tr></w:tbl>",
            cell("", "封面表"),
            cell("", "一级指标"),
            cell("", "二级指标"),
            cell("", "分值"),
            cell(restart, "教育领导（5分）"),
            cell("", "领导体制"),
            cell("", "5"),
            cell(r#"<w:gridSpan w:val="3"/>"#, "合计"),
        );
        let grid = grid_from_docx(&docx(&body)).unwrap().unwrap();
        let texts: Vec<Vec<&str>> =
            grid.iter().map(|row| row.iter().map(|cell| cell.text.as_str()).collect()).collect();
        assert_eq!(
            texts,
            [
                vec!["一级指标", "二级指标", "分值"],
                vec!["教育领导（5分）", "领导体制", "5"],
                vec!["合计", "合计", "合计"]
            ]
        );
        let continued = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell(restart, "学前教育"),
            cell("", "普惠"),
            cell("<w:vMerge/>", ""),
            cell("", "公办园")
        );
        let grid = grid_from_docx(&docx(&continued)).unwrap().unwrap();
        assert_eq!((grid[1][0].text.as_str(), grid[1][0].continued), ("学前教育", true));
        assert_eq!(grid_from_docx(&docx("<w:p><w:r><w:t>没有表格</w:t></w:r></w:p>")).unwrap(), None);
        assert!(matches!(grid_from_docx(b"not a zip"), Err(ParseError::NotDocx)));
    }
}
