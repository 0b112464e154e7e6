//! The report as a Word file (.docx) in the GB/T 9704 公文 layout: WordprocessingML written by hand
//! over the `zip` crate.
//!
//! Why by hand: docx-rs adds ~235 KB gzip to the app (zopfli, zlib-rs, encoding tables) against a
//! 250 KB budget for everything; this module plus `zip` (deflate through flate2's Rust backend)
//! adds a fraction of that. The document needs only paragraphs, a few styles, a font table, a footer
//! with the page number and one section, so the XML is small and every part of it is tested.
//!
//! Layout (REFERENCE.md): A4; margins top 37, bottom 35, left 28, right 26 mm; 22 lines of 28
//! characters (exact line spacing of 28.95 pt on a line grid, characters condensed to fit 28); title 2号 方正小标宋简体
//! centred; body 3号 仿宋_GB2312 with a two-character first-line indent; `一、` 黑体; `（一）`
//! 楷体_GB2312; digits and Latin in Times New Roman; page numbers `— N —` in 4号 宋体. A font table
//! names each face's substitute (仿宋_GB2312 → 仿宋…) for PCs without the 公文 fonts.

use crate::report::{Block, ReportDocument};

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

pub(crate) fn mm(millimetres: f64) -> u32 {
    (millimetres * TWIPS_PER_MM).round() as u32
}

pub const PAGE_WIDTH_TWIPS: u32 = 11906;
pub const PAGE_HEIGHT_TWIPS: u32 = 16838;
/// 225 mm of type area over 22 lines.
pub const LINE_PITCH_TWIPS: u32 = 579;
/// Body size, half-points: 3号 = 16 pt.
pub const BODY_HALF_POINTS: u32 = 32;
/// Title size, half-points: 2号 = 22 pt.
pub const TITLE_HALF_POINTS: u32 = 44;
/// Page number size, half-points: 4号 = 14 pt.
pub const PAGE_NUMBER_HALF_POINTS: u32 = 28;
/// Character spacing, in twentieths of a point, that fits 28 characters of 16 pt into the 156 mm
/// line (442.2 pt / 28 = 15.79 pt a character). Set on runs rather than through a character grid:
/// LibreOffice and Word read `linesAndChars` grids differently, condensed spacing reads the same
/// everywhere.
pub const CHARACTER_SPACING: i32 = -5;

pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_BODY: &str = "仿宋_GB2312";
pub const FONT_PART: &str = "黑体";
pub const FONT_AREA: &str = "楷体_GB2312";
pub const FONT_PAGE_NUMBER: &str = "宋体";
pub const FONT_LATIN: &str = "Times New Roman";

/// The font table (word/fontTable.xml): each face the document names, with the substitute Word and
/// WPS take on a PC without it (`altName`) and its character set (86 = GB2312), so a PC without the
/// 公文 fonts shows 仿宋, 楷体 and 宋体 rather than a default face. LibreOffice does not read
/// `altName` (measured: its PDF is the same with and without this table); it falls back through
/// fontconfig, which `tests/docx_libreoffice.rs` checks with and without the faces installed.
/// (name, substitute, charset, family, pitch).
pub const FONT_TABLE: [(&str, Option<&str>, &str, &str, &str); 6] = [
    (FONT_TITLE, Some("宋体"), "86", "auto", "variable"),
    (FONT_BODY, Some("仿宋"), "86", "modern", "fixed"),
    (FONT_PART, Some("SimHei"), "86", "modern", "fixed"),
    (FONT_AREA, Some("楷体"), "86", "modern", "fixed"),
    (FONT_PAGE_NUMBER, Some("SimSun"), "86", "auto", "variable"),
    (FONT_LATIN, None, "00", "roman", "variable"),
];

/// Style ids of the document.
pub const STYLE_TITLE: &str = "lvTitle";
pub const STYLE_PART: &str = "lvPart";
pub const STYLE_AREA: &str = "lvArea";
pub const STYLE_RIGHT: &str = "lvRight";
pub const STYLE_ADDRESSEE: &str = "lvAddressee";
pub const STYLE_ENTRY_LEAD: &str = "lvEntryLead";
/// Table cells (the 自评打分表, the 佐证材料目录): 仿宋 五号, single spacing; the header row in 黑体.
pub const STYLE_CELL: &str = "lvCell";
pub const STYLE_CELL_HEAD: &str = "lvCellHead";
/// The lines of a table's cover (填报单位, 填报时间, 填表人).
pub const STYLE_COVER: &str = "lvCover";
/// 五号 (10.5 pt) in half-points.
pub const CELL_HALF_POINTS: u32 = 21;

/// Margins in twips: (top, right, bottom, left).
pub fn margins() -> (u32, u32, u32, u32) {
    (mm(37.0), mm(26.0), mm(35.0), mm(28.0))
}

pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            // Characters XML 1.0 forbids (the file-text rule) are dropped: one would make the
            // whole document unreadable.
            forbidden if crate::file_text::is_forbidden(forbidden) => {}
            other => escaped.push(other),
        }
    }
    escaped
}

pub(crate) fn run(text: &str, character_style: Option<&str>) -> String {
    let properties =
        character_style.map(|style| format!("<w:rPr><w:rStyle w:val=\"{style}\"/></w:rPr>")).unwrap_or_default();
    format!("<w:r>{properties}<w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(text))
}

pub(crate) fn paragraph(style: Option<&str>, runs: &[String]) -> String {
    paragraph_kept(style, runs, false)
}

/// A paragraph that, with `keep_next`, stays on the page of the paragraph after it.
pub(crate) fn paragraph_kept(style: Option<&str>, runs: &[String], keep_next: bool) -> String {
    let style = style.map(|style| format!("<w:pStyle w:val=\"{style}\"/>")).unwrap_or_default();
    let keep = if keep_next { "<w:keepNext/>" } else { "" };
    let properties =
        if style.is_empty() && keep.is_empty() { String::new() } else { format!("<w:pPr>{style}{keep}</w:pPr>") };
    format!("<w:p>{properties}{}</w:p>", runs.concat())
}

pub(crate) fn fonts(east_asia: &str) -> String {
    fonts_of(FONT_LATIN, east_asia)
}

pub(crate) fn fonts_of(latin: &str, east_asia: &str) -> String {
    format!("<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:cs=\"{latin}\" w:eastAsia=\"{east_asia}\"/>")
}

fn document_xml(report: &ReportDocument) -> String {
    let mut body = String::new();
    for block in &report.blocks {
        body.push_str(&match block {
            Block::Title(text) => paragraph(Some(STYLE_TITLE), &[run(text, None)]),
            Block::Addressee(text) => paragraph(Some(STYLE_ADDRESSEE), &[run(text, None)]),
            Block::Paragraph(text) => paragraph(None, &[run(text, None)]),
            Block::PartHeading(text) => paragraph(Some(STYLE_PART), &[run(text, None)]),
            Block::AreaHeading(text) => paragraph(Some(STYLE_AREA), &[run(text, None)]),
            Block::LeadParagraph { lead, text } => paragraph(None, &[run(lead, None), run(text, None)]),
            Block::Entry { number, title, text } => {
                paragraph(None, &[run(&format!("{number}{title}"), Some(STYLE_ENTRY_LEAD)), run(text, None)])
            }
            Block::Signature(text) | Block::Date(text) => paragraph(Some(STYLE_RIGHT), &[run(text, None)]),
        });
    }
    let (top, right, bottom, left) = margins();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{PAGE_WIDTH_TWIPS}" w:h="{PAGE_HEIGHT_TWIPS}"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="{footer}" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{LINE_PITCH_TWIPS}"/></w:sectPr></w:body></w:document>"#,
        // The page number sits 7 mm below the type area.
        footer = mm(28.0),
    )
}

fn styles_xml() -> String {
    let body_fonts = fonts(FONT_BODY);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>{body_fonts}<w:spacing w:val="{CHARACTER_SPACING}"/><w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH_TWIPS}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:rPr>{body_fonts}</w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_TITLE}"><w:name w:val="公文标题"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="{LINE_PITCH_TWIPS}"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr>{title_fonts}<w:sz w:val="{TITLE_HALF_POINTS}"/><w:szCs w:val="{TITLE_HALF_POINTS}"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_PART}"><w:name w:val="一级标题"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr>{part_fonts}</w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_AREA}"><w:name w:val="二级标题"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr>{area_fonts}</w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_RIGHT}"><w:name w:val="落款"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="400" w:right="1280"/><w:jc w:val="right"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_ADDRESSEE}"><w:name w:val="主送机关"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:style><w:style w:type="character" w:styleId="{STYLE_ENTRY_LEAD}"><w:name w:val="条目标题"/><w:rPr>{area_fonts}</w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_CELL}"><w:name w:val="表格文字"/><w:pPr><w:spacing w:line="300" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr>{body_fonts}<w:spacing w:val="0"/><w:sz w:val="{CELL_HALF_POINTS}"/><w:szCs w:val="{CELL_HALF_POINTS}"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_CELL_HEAD}"><w:name w:val="表头"/><w:basedOn w:val="{STYLE_CELL}"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr>{part_fonts}</w:rPr></w:style><w:style w:type="paragraph" w:styleId="{STYLE_COVER}"><w:name w:val="封面信息"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0" w:leftChars="400" w:left="1280"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr>{page_fonts}<w:sz w:val="{PAGE_NUMBER_HALF_POINTS}"/><w:szCs w:val="{PAGE_NUMBER_HALF_POINTS}"/></w:rPr></w:style></w:styles>"#,
        title_fonts = fonts(FONT_TITLE),
        part_fonts = fonts(FONT_PART),
        area_fonts = fonts(FONT_AREA),
        page_fonts = fonts_of(FONT_PAGE_NUMBER, FONT_PAGE_NUMBER),
    )
}

fn font_table_xml() -> String {
    let fonts: String = FONT_TABLE
        .iter()
        .map(|(name, substitute, charset, family, pitch)| {
            let alternative = substitute.map(|alt| format!("<w:altName w:val=\"{alt}\"/>")).unwrap_or_default();
            format!(
                "<w:font w:name=\"{name}\">{alternative}<w:charset w:val=\"{charset}\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{fonts}</w:fonts>"#
    )
}

const FOOTER_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

const SETTINGS_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="640"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const CONTENT_TYPES_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/></Relationships>"#;

const APP_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>履职自评</Application></Properties>"#;

fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>履职自评</dc:creator></cp:coreProperties>"#,
        escape(title)
    )
}

/// The .docx bytes of a report.
pub fn write_docx(report: &ReportDocument) -> Vec<u8> {
    let title = report
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Title(text) => Some(text.as_str()),
            _ => None,
        })
        .unwrap_or("自评报告");
    package(document_xml(report), title)
}

/// A .docx of `document` (word/document.xml) with the report's styles, footer and properties.
pub(crate) fn package(document: String, title: &str) -> Vec<u8> {
    package_with_chart(document, title, None)
}

/// The relationship id a document's chart drawing refers to its chart part by (`docx_chart`).
pub const CHART_RELATIONSHIP_ID: &str = "rIdChart1";
/// The chart part's name in the package.
pub const CHART_PART: &str = "word/charts/chart1.xml";

/// `package`, with a chart part (`docx_chart`) the document's drawing refers to.
pub(crate) fn package_with_chart(document: String, title: &str, chart: Option<String>) -> Vec<u8> {
    let (mut content_types, mut document_rels) = (CONTENT_TYPES_XML.to_owned(), DOCUMENT_RELS_XML.to_owned());
    if chart.is_some() {
        content_types = content_types.replace(
            "</Types>",
            &format!(
                r#"<Override PartName="/{}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>"#,
                CHART_PART
            ),
        );
        document_rels = document_rels.replace(
            "</Relationships>",
            &format!(
                r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"/></Relationships>"#,
                CHART_RELATIONSHIP_ID
            ),
        );
    }
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", PACKAGE_RELS_XML.to_owned()),
        ("word/document.xml", document),
        ("word/styles.xml", styles_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/settings.xml", SETTINGS_XML.to_owned()),
        ("word/footer1.xml", FOOTER_XML.to_owned()),
        ("word/_rels/document.xml.rels", document_rels),
        ("docProps/core.xml", core_xml(title)),
        ("docProps/app.xml", APP_XML.to_owned()),
    ];
    if let Some(chart) = chart {
        parts.push((CHART_PART, chart));
    }
    crate::zip_files::write_zip(parts.iter().map(|(name, content)| (*name, content.as_str())))
}
