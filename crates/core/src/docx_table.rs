//! Tables as .docx, in the report's fonts: the 自评打分表 (A4 landscape, a cover, the header row
//! repeated on every page, 一级 and 二级 cells merged down their rows, subtotals and totals) and
//! the 佐证材料目录 (A4 portrait). Written by hand as the report is (`docx.rs` says why).

use crate::docx::{
    mm, package, paragraph, paragraph_kept, run, PAGE_HEIGHT_TWIPS, PAGE_WIDTH_TWIPS, STYLE_ADDRESSEE, STYLE_CELL,
    STYLE_CELL_HEAD, STYLE_TITLE,
};
use crate::score_table::{EvidenceLine, ScoreTable, TableLine};

/// How a cell spans: alone, starting a vertical merge, continuing one, or across columns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Span {
    One,
    DownStart,
    DownContinue,
    Across(usize),
}

fn cell(width: u32, span: Span, style: &str, text: &str) -> String {
    cell_kept(width, span, style, text, false)
}

/// A cell; `keep_next` keeps its row on the page of the row after it (Word's and LibreOffice's
/// "keep with next" on each paragraph of the row).
fn cell_kept(width: u32, span: Span, style: &str, text: &str, keep_next: bool) -> String {
    let merge = match span {
        Span::One => String::new(),
        Span::DownStart => "<w:vMerge w:val=\"restart\"/>".to_owned(),
        Span::DownContinue => "<w:vMerge/>".to_owned(),
        Span::Across(columns) => format!("<w:gridSpan w:val=\"{columns}\"/>"),
    };
    // A cell holds at least one paragraph; each line of the text is one.
    let paragraphs: String = if span == Span::DownContinue || text.is_empty() {
        paragraph_kept(Some(style), &[], keep_next)
    } else {
        text.lines().map(|line| paragraph_kept(Some(style), &[run(line, None)], keep_next)).collect()
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{merge}<w:vAlign w:val=\"center\"/></w:tcPr>{paragraphs}</w:tc>")
}

fn row(cells: &[String], header: bool) -> String {
    // A header row repeats on every page; no row breaks across pages.
    let properties =
        if header { "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" } else { "<w:trPr><w:cantSplit/></w:trPr>" };
    format!("<w:tr>{properties}{}</w:tr>", cells.concat())
}

fn table(widths: &[u32], rows: &[String]) -> String {
    let grid: String = widths.iter().map(|width| format!("<w:gridCol w:w=\"{width}\"/>")).collect();
    let border = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    let borders: String =
        ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|side| border(side)).collect();
    let total: u32 = widths.iter().sum();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

fn document(body: &str, landscape: bool) -> String {
    let (width, height, orient) = if landscape {
        (PAGE_HEIGHT_TWIPS, PAGE_WIDTH_TWIPS, " w:orient=\"landscape\"")
    } else {
        (PAGE_WIDTH_TWIPS, PAGE_HEIGHT_TWIPS, "")
    };
    let margin = mm(20.0);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{width}" w:h="{height}"{orient}/><w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" w:header="851" w:footer="{footer}" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
        footer = mm(10.0),
    )
}

/// The 自评打分表 as .docx.
pub fn write_score_table_docx(table: &ScoreTable) -> Vec<u8> {
    // 257 mm of landscape A4 between 20 mm margins, in twips, shared by the columns.
    let widths: &[u32] = if table.with_units {
        &[1900, 2100, 3300, 2700, 1000, 2270, 1300]
    } else {
        &[1900, 2100, 3300, 3300, 1000, 2970]
    };
    let columns = widths.len();
    // The title and the unit's details head the table's first page (no cover page of its own).
    let mut body = paragraph(Some(STYLE_TITLE), &[run(&table.title, None)]);
    let unit = if table.unit.is_empty() { table.region.as_str() } else { table.unit.as_str() };
    // One line across the page, from its left edge (indented, 审核人 wrapped onto a second line).
    let details = format!(
        "填报单位（盖章）：{unit}　填报时间：{}　填表人：{}　审核人：{}",
        table.date, table.filler, table.reviewer
    );
    body.push_str(&paragraph(Some(STYLE_ADDRESSEE), &[run(&details, None)]));
    let mut rows = vec![row(
        &table
            .header()
            .iter()
            .zip(widths)
            .map(|(heading, width)| cell(*width, Span::One, STYLE_CELL_HEAD, heading))
            .collect::<Vec<_>>(),
        true,
    )];
    for (index, line) in table.lines.iter().enumerate() {
        // The last row of an area keeps with its 小计, so a 小计 never opens a page alone.
        let keep =
            matches!(table.lines.get(index + 1), Some(TableLine::Summary { label, .. }) if label.contains("小计"));
        rows.push(match line {
            TableLine::Row { area, item, point, rule, score, explanation, units } => {
                let merged = |text: &Option<String>, width: u32| match text {
                    Some(text) => cell_kept(width, Span::DownStart, STYLE_CELL, text, keep),
                    None => cell_kept(width, Span::DownContinue, STYLE_CELL, "", keep),
                };
                let one = |width: u32, style: &str, text: &str| cell_kept(width, Span::One, style, text, keep);
                let mut cells = vec![
                    merged(area, widths[0]),
                    merged(item, widths[1]),
                    one(widths[2], STYLE_CELL, point),
                    one(widths[3], STYLE_CELL, rule),
                    one(widths[4], STYLE_CELL_HEAD, score),
                    one(widths[5], STYLE_CELL, explanation),
                ];
                if table.with_units {
                    cells.push(one(widths[6], STYLE_CELL, units));
                }
                row(&cells, false)
            }
            TableLine::Summary { label, score, note } => {
                let label_width: u32 = widths[..4].iter().sum();
                let note_width: u32 = widths[5..].iter().sum();
                row(
                    &[
                        cell(label_width, Span::Across(4), STYLE_CELL_HEAD, label),
                        cell(widths[4], Span::One, STYLE_CELL_HEAD, score),
                        cell(note_width, Span::Across(columns - 5), STYLE_CELL, note),
                    ],
                    false,
                )
            }
        });
    }
    body.push_str(&table_xml(widths, &rows));
    package(document(&body, true), &table.title)
}

fn table_xml(widths: &[u32], rows: &[String]) -> String {
    // A paragraph after a table keeps Word from merging it with what follows.
    format!("{}{}", table(widths, rows), paragraph(Some(STYLE_CELL), &[]))
}

/// The 佐证材料目录 as .docx: 序号 | 指标 | 材料名称 | 文号或日期 | 提供单位.
pub fn write_evidence_docx(title: &str, lines: &[EvidenceLine]) -> Vec<u8> {
    // 170 mm of portrait A4 between 20 mm margins.
    let widths = [700, 2600, 3300, 1700, 1338];
    let header = ["序号", "指标", "材料名称", "文号或日期", "提供单位"];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            vec![
                (index + 1).to_string(),
                crate::framework::label_of(&line.code, &line.row),
                line.title.clone(),
                line.reference.clone(),
                line.provider.clone(),
            ]
        })
        .collect();
    let note = if lines.is_empty() { vec!["（尚未填写佐证材料。）".to_owned()] } else { Vec::new() };
    write_table_docx(title, &note, &header, &widths, &rows, false)
}

/// A titled table as .docx in the report's fonts: `lines` under the title (the unit, the date), a
/// header row repeated on every page, one row per entry. `widths` in twips: 170 mm in all for A4
/// portrait (9638), 257 mm for landscape (14570).
pub fn write_table_docx(
    title: &str,
    lines: &[String],
    header: &[&str],
    widths: &[u32],
    rows: &[Vec<String>],
    landscape: bool,
) -> Vec<u8> {
    let mut body = titled(title, lines);
    body.push_str(&simple_table(header, widths, rows));
    package(document(&body, landscape), title)
}

/// The title, then a paragraph per line.
fn titled(title: &str, lines: &[String]) -> String {
    let mut body = paragraph(Some(STYLE_TITLE), &[run(title, None)]);
    for line in lines {
        body.push_str(&paragraph(None, &[run(line, None)]));
    }
    body
}

/// A titled table followed by a section of its own (a heading, lines, a chart and its table of
/// values), as the 汇总表 is with a figure across units: `chart` is the chart part, drawn where
/// `section_body` has `docx_chart::chart_paragraph`.
pub struct TableSection<'a> {
    pub heading: &'a str,
    pub lines: &'a [String],
    pub chart: Option<(String, String)>,
    pub header: &'a [&'a str],
    pub widths: &'a [u32],
    pub rows: &'a [Vec<String>],
}

/// `write_table_docx` with a section after the table (A4 landscape).
pub fn write_table_docx_with_section(
    title: &str,
    lines: &[String],
    header: &[&str],
    widths: &[u32],
    rows: &[Vec<String>],
    section: TableSection<'_>,
) -> Vec<u8> {
    let mut body = titled(title, lines);
    body.push_str(&simple_table(header, widths, rows));
    body.push_str(&paragraph(Some(crate::docx::STYLE_PART), &[run(section.heading, None)]));
    for line in section.lines {
        body.push_str(&paragraph(None, &[run(line, None)]));
    }
    let chart = section.chart.map(|(paragraph_xml, part)| {
        body.push_str(&paragraph_xml);
        part
    });
    body.push_str(&simple_table(section.header, section.widths, section.rows));
    crate::docx::package_with_chart(document(&body, true), title, chart)
}

/// A header row repeated on every page and a row per entry, then the paragraph that ends a table.
fn simple_table(header: &[&str], widths: &[u32], rows: &[Vec<String>]) -> String {
    let mut xml_rows = vec![row(
        &header
            .iter()
            .zip(widths)
            .map(|(heading, width)| cell(*width, Span::One, STYLE_CELL_HEAD, heading))
            .collect::<Vec<_>>(),
        true,
    )];
    for texts in rows {
        xml_rows.push(row(
            &texts
                .iter()
                .zip(widths)
                .map(|(text, width)| cell(*width, Span::One, STYLE_CELL, text))
                .collect::<Vec<_>>(),
            false,
        ));
    }
    table_xml(widths, &xml_rows)
}
