//! The .docx opens in a real word processor: LibreOffice converts it to PDF, and the PDF has A4
//! pages on the 28 × 22 grid with the report's headings in order. Needs `soffice`, `pdfinfo` and
//! `pdftotext`, which scripts/test.sh installs; ignored by a plain `cargo test`, run by the test
//! script with `--ignored`.

mod common;
mod office;

use office::run;

use lvzhi_core::docx::write_docx;
use lvzhi_core::report::build_report;
use lvzhi_core::Framework;

#[test]
#[ignore = "needs LibreOffice and poppler-utils; scripts/test.sh runs it"]
fn libreoffice_lays_the_docx_out_on_a4_pages_of_22_lines_of_28_characters_with_the_headings_in_order() {
    let framework = Framework::builtin();
    let report = build_report(&framework, &common::seed_like_draft(&framework));
    let (directory, pdf) = office::docx_to_pdf("report", &write_docx(&report));
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "A4 pages: {info}");
    let pages: usize = info.lines().find_map(|line| line.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    // About 6 000 characters at 22 × 28 per page.
    assert!((5..=20).contains(&pages), "{pages} pages");
    let layout = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    // The GB/T 9704 grid: 28 characters a line (all-Chinese lines; digits are narrower) and
    // 22 lines a page (the pages between the first, with its title, and the last).
    let page_lines: Vec<Vec<&str>> = layout
        .split('\u{c}')
        .map(|page| page.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('—')).collect())
        .filter(|lines: &Vec<&str>| !lines.is_empty())
        .collect();
    // A closing mark may hang past the line's end (CJK line breaking), as in Word.
    let hanging = |line: &str| line.ends_with(['，', '。', '、', '；', '：', '？', '！', '”', '）', '》']);
    let widest = page_lines
        .iter()
        .flatten()
        .filter(|line| line.chars().all(|c| !c.is_ascii()))
        .map(|line| line.chars().count() - usize::from(hanging(line)));
    assert_eq!(widest.max(), Some(28), "characters a line");
    let middle: Vec<usize> = page_lines[1..page_lines.len() - 1].iter().map(Vec::len).collect();
    // Widow and orphan control may move a line to the next page; never more than 22.
    assert!(middle.iter().all(|&lines| (20..=22).contains(&lines)), "lines per page: {middle:?}");
    assert!(middle.iter().filter(|&&lines| lines == 22).count() * 2 >= middle.len(), "lines per page: {middle:?}");
    let text = layout.replace([' ', '\n'], "");
    let mut cursor = 0;
    for heading in report.headings() {
        let at = text[cursor..].find(heading).unwrap_or_else(|| panic!("heading {heading} missing or out of order"));
        cursor += at + heading.len();
    }
    assert!(text.contains("—1—") && text.contains("—2—"), "page numbers in the footer");
    if std::env::var_os("LVZHI_KEEP_PDF").is_none() {
        std::fs::remove_dir_all(&directory).ok();
    }
}

/// The faces of the PDF (pdffonts' names, subset prefix dropped).
fn pdf_fonts(pdf: &std::path::Path) -> Vec<String> {
    run("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .filter_map(|line| line.split_whitespace().next())
        .map(|name| name.split_once('+').map_or(name, |(_, face)| face).to_owned())
        .collect()
}

#[test]
#[ignore = "needs LibreOffice, poppler-utils and fonts-noto-cjk; scripts/test.sh runs it"]
fn the_docx_is_set_in_the_gongwen_faces_where_installed_and_falls_back_where_not() {
    let framework = Framework::builtin();
    let report = build_report(&framework, &common::seed_like_draft(&framework));
    let bytes = write_docx(&report);
    // Without the 公文 faces (this machine has none of them), LibreOffice falls back through
    // fontconfig to a CJK face it has and still lays the whole report out.
    let (without, pdf) = office::docx_to_pdf_with_fonts("fonts-without", &bytes, None);
    let fallback = pdf_fonts(&pdf);
    assert!(fallback.iter().any(|face| face.starts_with("NotoSansCJK")), "{fallback:?}");
    assert!(!fallback.iter().any(|face| face.starts_with("NotoSerifCJK")), "{fallback:?}");
    // With 仿宋_GB2312 installed (an alias of Noto Serif CJK here), the body is set in it: the
    // document names the faces a 公文 PC has, not a default.
    let installed = r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern"><test name="family"><string>仿宋_GB2312</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit></match>
</fontconfig>"#;
    let (with, pdf) = office::docx_to_pdf_with_fonts("fonts-with", &bytes, Some(installed));
    let faces = pdf_fonts(&pdf);
    assert!(faces.iter().any(|face| face.starts_with("NotoSerifCJK")), "{faces:?}");
    std::fs::remove_dir_all(&without).ok();
    std::fs::remove_dir_all(&with).ok();
}

/// Text as people paste it: a byte-order mark read the wrong way round, controls, the other
/// non-character, bidi overrides, combining marks, emoji, markup-like characters, a long paragraph.
fn hostile_draft(framework: &Framework) -> lvzhi_core::Draft {
    let mut draft = common::seed_like_draft(framework);
    let hostile = "开头\u{FFFE}\u{1}\u{B}\u{FFFF}中间\u{202E}反向\u{202C}e\u{301}😀👨\u{200D}💻<w:t>&amp;</w:t>\"'结尾";
    draft.meta.region = format!("资阳市{hostile}");
    draft.items.get_mut("A1.1").unwrap().narrative = format!("{hostile}\n{}", "很长的一段。".repeat(400));
    draft.problems[0].title = hostile.to_owned();
    draft.figures.insert("education_budget_total".into(), "\u{FFFE}3.73".into());
    draft
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; scripts/test.sh runs it"]
fn libreoffice_opens_the_docx_of_a_draft_holding_every_kind_of_hostile_text() {
    let framework = Framework::builtin();
    let report = build_report(&framework, &hostile_draft(&framework));
    let (directory, pdf) = office::docx_to_pdf("hostile", &write_docx(&report));
    let text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]).replace([' ', '\n'], "");
    assert!(text.contains("开头中间"), "the text around the dropped characters is there");
    assert!(text.contains("<w:t>&amp;</w:t>"), "markup-like text is text");
    assert!(text.contains("很长的一段。很长的一段。"));
    std::fs::remove_dir_all(&directory).ok();
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; scripts/test.sh runs it"]
fn libreoffice_opens_the_review_and_the_summary_table_of_a_collection() {
    use lvzhi_core::collection::{review_docx, summary_docx, Review, ReviewEntry, UnitSummary};
    use lvzhi_core::draft::ScoreEntry;
    let framework = Framework::scored_example();
    let mut draft = lvzhi_core::Draft::new(&framework, "d".into(), "2026-03-01T10:00:00".into());
    draft.meta.unit = "安岳县人民政府".into();
    for (code, score) in [("A1.1.1", "1.5"), ("A1.1.2", "1")] {
        draft.scores.insert(code.into(), ScoreEntry { score: score.into(), ..ScoreEntry::default() });
    }
    let mut review = Review::default();
    review.rows.insert("A1.1.1".into(), ReviewEntry { score: "1".into(), note: "会议记录缺两次".into() });
    review.rows.insert("A1.1.2".into(), ReviewEntry { score: "1".into(), note: String::new() });
    let (directory, pdf) = office::docx_to_pdf(
        "review",
        &review_docx(&framework, &draft, &review, "安岳县人民政府", "资阳市人民政府教育督导室", "2026年3月9日"),
    );
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).replace([' ', '\n'], "");
    assert!(text.contains("安岳县人民政府履行教育职责自评复核意见"), "{text}");
    assert!(text.contains("会议记录缺两次") && text.contains("复核意见"), "{text}");
    // Both rows are worth 1.5: 1 − (0.5 + 0) ÷ (1.5 + 1.5) = 83.3%.
    assert!(text.contains("自评可信度83.3%"), "{text}");
    assert!(text.contains("复核单位：资阳市人民政府教育督导室"), "{text}");
    std::fs::remove_dir_all(&directory).ok();

    // Three units: the 汇总表 with the 复核 of one and 普惠率 across them as a chart.
    let mut drafts = [draft.clone(), draft.clone(), draft.clone()];
    for (index, (unit, coverage)) in
        [("安岳县人民政府", "90"), ("乐至县人民政府", "80.5"), ("雁江区人民政府", "")].iter().enumerate()
    {
        drafts[index].meta.unit = (*unit).into();
        drafts[index].figures.insert("inclusive_kindergarten_coverage".into(), (*coverage).into());
    }
    let rows: Vec<UnitSummary> =
        drafts.iter().map(|draft| UnitSummary::of(&draft.meta.unit, &framework, draft)).collect();
    let mut reviews = std::collections::BTreeMap::new();
    reviews.insert("安岳县人民政府".to_owned(), lvzhi_core::collection::credibility(&framework, &drafts[0], &review));
    let figure = framework.figure("inclusive_kindergarten_coverage").unwrap();
    let cells = lvzhi_core::collection::figure_across(
        &figure.id,
        drafts.iter().map(|draft| (draft.meta.unit.as_str(), draft.meta.unit.as_str(), &framework, draft)),
    );
    let section = lvzhi_core::collection::FigureSection {
        figure,
        requirement: lvzhi_core::collection::requirement(&framework, figure),
        cells: &cells,
    };
    let bytes = summary_docx(
        "2025年县级自评汇总表",
        "资阳市人民政府教育督导室",
        &rows,
        &reviews,
        Some(section),
        "2026年3月9日",
    );
    let (directory, pdf) = office::docx_to_pdf("summary", &bytes);
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let size = info.lines().find(|line| line.starts_with("Page size:")).unwrap_or_default().to_owned();
    // A4 landscape: 842 × 595 points.
    assert!(size.contains("841.") || size.contains("842"), "{size}");
    assert!(size.find("841").or(size.find("842")) < size.find("595"), "landscape: {size}");
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]).replace([' ', '\n'], "");
    assert!(text.contains("2025年县级自评汇总表") && text.contains("安岳县人民政府") && text.contains("2.5"), "{text}");
    assert!(
        text.contains("自评2.5分，复核2") && text.contains("83.3%") && text.contains("未复核"),
        "the 复核 columns: {text}"
    );
    assert!(text.contains("关键数据对照：普惠性幼儿园覆盖率（%）"), "{text}");
    assert!(text.contains("1个未达要求，1个未填") && text.contains("雁江区人民政府（未填）"), "{text}");
    // The chart, drawn by LibreOffice from the part's cached values: its title, both bars'
    // units, their values as labels and the threshold line in the legend are text in the PDF.
    assert!(text.contains("要求：85%"), "the threshold line's legend: {text}");
    assert!(text.matches("乐至县人民政府").count() >= 3, "row, chart axis and values table: {text}");
    assert!(text.contains("80.5") && text.contains("90"), "{text}");
    // And the bar short of the requirement is drawn in the report's red.
    let red = red_pixels(&pdf);
    assert!(red > 500, "the short bar in red: {red} pixels");
    if std::env::var_os("LVZHI_KEEP_PDF").is_none() {
        std::fs::remove_dir_all(&directory).ok();
    }
}

/// How many pixels of the PDF's pages, rendered at 50 dpi, are the report's red (B3261E, give or
/// take anti-aliasing).
fn red_pixels(pdf: &std::path::Path) -> usize {
    let prefix = pdf.with_extension("");
    run("pdftoppm", &["-r", "50", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let directory = pdf.parent().unwrap();
    let stem = prefix.file_name().unwrap().to_str().unwrap().to_owned();
    let mut red = 0;
    for entry in std::fs::read_dir(directory).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !(name.starts_with(&stem) && name.ends_with(".ppm")) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        // P6 header: magic, width, height, maximum, each followed by whitespace.
        let mut fields = 0;
        let mut start = 0;
        for (index, byte) in bytes.iter().enumerate() {
            if byte.is_ascii_whitespace() {
                fields += 1;
                if fields == 4 {
                    start = index + 1;
                    break;
                }
            }
        }
        red += bytes[start..].chunks_exact(3).filter(|pixel| pixel[0] > 150 && pixel[1] < 80 && pixel[2] < 80).count();
    }
    red
}
