//! The report model and the Word file made from it: headings in order, and the .docx bytes unzip
//! to XML whose page, margins, fonts per heading level and line spacing are as GB/T 9704 asks,
//! with a font table that names each face's substitute.

mod common;

use lvzhi_core::docx::write_docx;
use lvzhi_core::report::{build_report, Block, ReportDocument};
use lvzhi_core::Framework;
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn report() -> (Framework, ReportDocument) {
    let framework = Framework::builtin();
    let draft = common::seed_like_draft(&framework);
    let report = build_report(&framework, &draft);
    (framework, report)
}

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().into_owned(), text)
        })
        .collect()
}

fn attribute<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

#[test]
fn the_report_has_every_heading_in_order() {
    let (framework, report) = report();
    let headings = report.headings();
    let mut expected = vec!["2023年资阳市人民政府履行教育职责自评报告".to_owned(), "一、工作开展情况及成效".to_owned()];
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    expected.extend(framework.areas.iter().zip(numerals).map(|(area, numeral)| format!("（{numeral}）{}", area.title)));
    expected.push("二、存在的问题".to_owned());
    expected.push("三、下一步措施".to_owned());
    assert_eq!(headings, expected);

    let text = report.to_plain_text();
    assert!(text.starts_with("2023年资阳市人民政府履行教育职责自评报告\n按照《关于开展2023年对市（州）人民政府履行教育职责情况评价工作的通知》（川教督委〔2023〕2号）要求，资阳市对照评价重点"));
    assert!(
        text.contains("\n落实“两个只增不减”。2022年全市一般公共预算教育经费"),
        "lead sentence and figures substituted"
    );
    assert!(text.contains("\n支持高等教育发展。资阳市无此项工作任务。\n"));
    assert!(text.contains("\n（一）中心城区学前教育普惠资源不足。城区公办园资源不足"));
    assert!(text.contains("《四川省进一步调整优化结构"), "meta references substituted");
    assert!(!text.contains('{'), "no reference left");
    assert!(text.ends_with("资阳市人民政府\n2023年3月20日\n"));
}

#[test]
fn an_unfilled_value_leaves_the_blank_the_validator_reports() {
    let framework = Framework::builtin();
    let mut draft = common::seed_like_draft(&framework);
    draft.figures.remove("education_budget_total");
    let text = build_report(&framework, &draft).to_plain_text();
    assert!(text.contains("一般公共预算教育经费x亿元"));
}

#[test]
fn docx_page_margins_grid_and_line_spacing_follow_gb_t_9704() {
    let (_, report) = report();
    let files = unzip(&write_docx(&report));
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/footer1.xml",
        "word/_rels/document.xml.rels",
    ] {
        assert!(files.contains_key(part), "{part} missing");
    }
    let document = roxmltree::Document::parse(&files["word/document.xml"]).expect("well-formed document.xml");
    let find = |name: &str| document.descendants().find(|node| node.has_tag_name((W, name))).unwrap();
    let page = find("pgSz");
    assert_eq!((attribute(page, "w"), attribute(page, "h")), (Some("11906"), Some("16838")), "A4");
    let margins = find("pgMar");
    // 37, 26, 35, 28 mm in twips.
    assert_eq!(
        ["top", "right", "bottom", "left"].map(|side| attribute(margins, side).unwrap().parse::<u32>().unwrap()),
        [2098, 1474, 1984, 1587]
    );
    let grid = find("docGrid");
    assert_eq!(attribute(grid, "type"), Some("lines"));
    assert_eq!(attribute(grid, "linePitch"), Some("579"), "22 lines on 225 mm");

    let styles = roxmltree::Document::parse(&files["word/styles.xml"]).expect("well-formed styles.xml");
    let spacing = styles
        .descendants()
        .find(|node| node.has_tag_name((W, "spacing")) && attribute(*node, "lineRule").is_some())
        .unwrap();
    assert_eq!((attribute(spacing, "line"), attribute(spacing, "lineRule")), (Some("579"), Some("exact")));
}

/// The east-Asian font, Latin font and size (half-points) a style sets.
fn style_fonts(styles: &roxmltree::Document, style_id: &str) -> (String, String, Option<String>) {
    let style = styles
        .descendants()
        .find(|node| node.has_tag_name((W, "style")) && attribute(*node, "styleId") == Some(style_id))
        .unwrap_or_else(|| panic!("style {style_id}"));
    let fonts = style.descendants().find(|node| node.has_tag_name((W, "rFonts"))).unwrap();
    let size = style.descendants().find(|node| node.has_tag_name((W, "sz"))).and_then(|node| attribute(node, "val"));
    (
        attribute(fonts, "eastAsia").unwrap().to_owned(),
        attribute(fonts, "ascii").unwrap().to_owned(),
        size.map(str::to_owned),
    )
}

#[test]
fn docx_fonts_per_heading_level() {
    let (_, report) = report();
    let files = unzip(&write_docx(&report));
    let styles = roxmltree::Document::parse(&files["word/styles.xml"]).unwrap();
    assert_eq!(style_fonts(&styles, "lvTitle"), ("方正小标宋简体".into(), "Times New Roman".into(), Some("44".into())));
    assert_eq!(style_fonts(&styles, "Normal"), ("仿宋_GB2312".into(), "Times New Roman".into(), None));
    assert_eq!(style_fonts(&styles, "lvPart"), ("黑体".into(), "Times New Roman".into(), None));
    assert_eq!(style_fonts(&styles, "lvArea"), ("楷体_GB2312".into(), "Times New Roman".into(), None));
    assert_eq!(style_fonts(&styles, "lvEntryLead").0, "楷体_GB2312");
    assert_eq!(style_fonts(&styles, "Footer"), ("宋体".into(), "宋体".into(), Some("28".into())));
    let defaults = styles.descendants().find(|node| node.has_tag_name((W, "rPrDefault"))).unwrap();
    let size = defaults.descendants().find(|node| node.has_tag_name((W, "sz"))).unwrap();
    assert_eq!(attribute(size, "val"), Some("32"), "body 3号 = 16 pt");
    let normal_indent = styles
        .descendants()
        .find(|node| node.has_tag_name((W, "style")) && attribute(*node, "styleId") == Some("Normal"))
        .and_then(|style| style.descendants().find(|node| node.has_tag_name((W, "ind"))))
        .unwrap();
    assert_eq!(attribute(normal_indent, "firstLineChars"), Some("200"), "two-character first-line indent");
    let title_alignment = styles
        .descendants()
        .find(|node| node.has_tag_name((W, "style")) && attribute(*node, "styleId") == Some("lvTitle"))
        .and_then(|style| style.descendants().find(|node| node.has_tag_name((W, "jc"))))
        .unwrap();
    assert_eq!(attribute(title_alignment, "val"), Some("center"));
}

#[test]
fn every_face_the_docx_names_is_in_its_font_table_with_the_substitute_word_and_wps_take() {
    let (_, report) = report();
    let files = unzip(&write_docx(&report));
    assert!(files["[Content_Types].xml"].contains(r#"PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml""#));
    assert!(files["word/_rels/document.xml.rels"].contains(
        r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml""#
    ));
    let table = roxmltree::Document::parse(&files["word/fontTable.xml"]).unwrap();
    let entry = |name: &str| {
        let font = table
            .descendants()
            .find(|node| node.has_tag_name((W, "font")) && attribute(*node, "name") == Some(name))
            .unwrap_or_else(|| panic!("{name} is not in the font table"));
        let child = |tag: &str| {
            font.children()
                .find(|node| node.has_tag_name((W, tag)))
                .and_then(|node| attribute(node, "val"))
                .map(str::to_owned)
        };
        (child("altName"), child("charset"))
    };
    // Every face named anywhere (styles, body, footer) has an entry.
    for part in ["word/styles.xml", "word/document.xml", "word/footer1.xml"] {
        let xml = roxmltree::Document::parse(&files[part]).unwrap();
        for fonts in xml.descendants().filter(|node| node.has_tag_name((W, "rFonts"))) {
            for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                if let Some(name) = attribute(fonts, slot) {
                    entry(name);
                }
            }
        }
    }
    let gb2312 = |alt: &str| (Some(alt.to_owned()), Some("86".to_owned()));
    assert_eq!(entry("仿宋_GB2312"), gb2312("仿宋"));
    assert_eq!(entry("楷体_GB2312"), gb2312("楷体"));
    assert_eq!(entry("方正小标宋简体"), gb2312("宋体"));
    assert_eq!(entry("黑体").1.as_deref(), Some("86"));
    assert_eq!(entry("宋体").1.as_deref(), Some("86"));
}

#[test]
fn docx_paragraphs_follow_the_report_model_in_order_and_style() {
    let (_, report) = report();
    let files = unzip(&write_docx(&report));
    let document = roxmltree::Document::parse(&files["word/document.xml"]).unwrap();
    let body = document.descendants().find(|node| node.has_tag_name((W, "body"))).unwrap();
    let paragraphs: Vec<(Option<String>, String)> = body
        .children()
        .filter(|node| node.has_tag_name((W, "p")))
        .map(|paragraph| {
            let style = paragraph
                .descendants()
                .find(|node| node.has_tag_name((W, "pStyle")))
                .and_then(|node| attribute(node, "val"))
                .map(str::to_owned);
            let text: String = paragraph
                .descendants()
                .filter(|node| node.has_tag_name((W, "t")))
                .filter_map(|node| node.text())
                .collect();
            (style, text)
        })
        .collect();
    assert_eq!(paragraphs.len(), report.blocks.len());
    for ((style, text), block) in paragraphs.iter().zip(&report.blocks) {
        let (expected_style, expected_text) = match block {
            Block::Title(text) => (Some("lvTitle"), text.clone()),
            Block::Addressee(text) => (Some("lvAddressee"), text.clone()),
            Block::PartHeading(text) => (Some("lvPart"), text.clone()),
            Block::AreaHeading(text) => (Some("lvArea"), text.clone()),
            Block::Paragraph(text) => (None, text.clone()),
            Block::LeadParagraph { lead, text } => (None, format!("{lead}{text}")),
            Block::Entry { number, title, text } => (None, format!("{number}{title}{text}")),
            Block::Signature(text) | Block::Date(text) => (Some("lvRight"), text.clone()),
        };
        assert_eq!((style.as_deref(), text.as_str()), (expected_style, expected_text.as_str()));
    }
    let footer = &files["word/footer1.xml"];
    assert!(footer.contains("w:instr=\" PAGE \"") && footer.contains("— ") && footer.contains(" —"));
}

#[test]
fn text_that_xml_cannot_hold_is_escaped_or_dropped() {
    let report = ReportDocument {
        blocks: vec![Block::Title("A&B<c>\"d\"".into()), Block::Paragraph("控制字符\u{0007}已去除".into())],
    };
    let files = unzip(&write_docx(&report));
    let document = roxmltree::Document::parse(&files["word/document.xml"]).expect("still well-formed");
    let texts: Vec<&str> =
        document.descendants().filter(|node| node.has_tag_name((W, "t"))).filter_map(|node| node.text()).collect();
    assert_eq!(texts, ["A&B<c>\"d\"", "控制字符已去除"]);
    assert_eq!(lvzhi_core::file_names::safe_file_name("2023年x/y:z人民政府", "docx"), "2023年xyz人民政府.docx");
}
