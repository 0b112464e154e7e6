//! The 自评打分表 and the 佐证材料目录: the table model over the scored example, the .docx parsed
//! back (landscape, header repeated, merged cells, totals), the CSV read by an independent reader,
//! and LibreOffice laying the table out on landscape pages (ignored by a plain `cargo test`).

use lvzhi_core::docx_table::{write_evidence_docx, write_score_table_docx};
use lvzhi_core::draft::{ConditionAnswer, DeductionEntry, Draft, Evidence, ScoreEntry};
use lvzhi_core::score_table::{evidence_index, score_table, score_table_csv, ScoreTable, TableLine};
use lvzhi_core::zip_files::{open_zip, read_entry};
use lvzhi_core::Framework;
mod office;

use office::run;

/// The scored example with every leaf scored full but the first (0.5 lost), a bonus, a 扣分项
/// occurrence, every condition answered 否, and a document of evidence.
fn scored_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "d1".into(), "2025-03-01T00:00:00Z".into());
    draft.meta.region = "示例县".into();
    draft.meta.unit = "示例县人民政府".into();
    draft.meta.date = "2025年3月20日".into();
    draft.meta.filler = "张三".into();
    draft.meta.reviewer = "李四".into();
    for (index, row) in framework.scored_leaves().enumerate() {
        let points = row.points.unwrap();
        let score =
            if index == 0 { points - lvzhi_core::points::Points::parse("0.5").unwrap().unwrap() } else { points };
        draft.scores.insert(
            row.code.to_owned(),
            ScoreEntry {
                score: score.to_string(),
                explanation: if index == 0 { "领导小组会议少开1次。".into() } else { String::new() },
                evidence: if index == 0 {
                    vec![Evidence {
                        title: "领导小组会议纪要".into(),
                        reference: "2024年5月".into(),
                        provider: "县委办".into(),
                        ..Evidence::default()
                    }]
                } else {
                    Vec::new()
                },
            },
        );
    }
    let scoring = framework.scoring.as_ref().unwrap();
    let bonus = &scoring.bonus.as_ref().unwrap().items[0];
    draft.scores.insert(
        bonus.code.clone(),
        ScoreEntry { score: "1".into(), explanation: "获评示范县".into(), ..ScoreEntry::default() },
    );
    draft.deductions.insert(
        scoring.deductions[0].code.clone(),
        DeductionEntry { occurrences: "1".into(), explanation: "一起".into() },
    );
    for condition in &scoring.conditions {
        draft
            .conditions
            .insert(condition.code.clone(), ConditionAnswer { occurred: Some(false), explanation: String::new() });
    }
    draft
}

fn document_xml(bytes: &[u8]) -> String {
    let mut archive = open_zip(bytes).unwrap();
    String::from_utf8(read_entry(&mut archive, "word/document.xml", 10 << 20).unwrap()).unwrap()
}

#[test]
fn every_scored_row_is_one_line_with_subtotals_and_the_totals_of_the_sheet() {
    let framework = Framework::scored_example();
    let draft = scored_draft(&framework);
    let table = score_table(&framework, &draft).unwrap();
    assert!(table.title.ends_with("自评打分表"));
    assert!(table.with_units);
    let leaves = framework.scored_leaves().count();
    let bonus = framework.bonus_items().len();
    let rows = table.lines.iter().filter(|line| matches!(line, TableLine::Row { .. })).count();
    assert_eq!(rows, leaves + bonus);
    let summaries: Vec<(&str, &str)> = table
        .lines
        .iter()
        .filter_map(|line| match line {
            TableLine::Summary { label, score, .. } => Some((label.as_str(), score.as_str())),
            _ => None,
        })
        .collect();
    let subtotals = summaries.iter().filter(|(label, _)| label.contains("小计")).count();
    assert_eq!(subtotals, framework.areas.len());
    // 100 − 0.5 + bonus 1 − one 扣分项 of 2 = 98.5.
    assert!(summaries.contains(&("基本分合计（100分）", "99.5")), "{summaries:?}");
    assert!(summaries.contains(&("自评总分", "98.5")));
    assert!(summaries.contains(&("自评等次", "优秀")));
    // Each area's name is on the first of its lines only (a merged cell).
    let areas_named = table.lines.iter().filter(|line| matches!(line, TableLine::Row { area: Some(_), .. })).count();
    assert_eq!(areas_named, framework.areas.len() + 1, "and the bonus items under their own");
}

#[test]
fn a_table_of_a_draft_not_yet_scored_claims_no_total() {
    let framework = Framework::scored_example();
    let draft = Draft::new(&framework, "d".into(), "2025-03-01T00:00:00Z".into());
    let table = score_table(&framework, &draft).unwrap();
    for line in &table.lines {
        if let TableLine::Summary { label, score, .. } = line {
            if label.contains("合计") || label.contains("总分") || label.contains("小计") {
                assert_eq!(score, "", "{label} claims {score} before anything is scored");
            }
        }
    }
    assert!(!table.lines.iter().any(|line| matches!(line, TableLine::Summary { label, .. } if label == "自评等次")));
}

#[test]
fn the_word_file_is_landscape_with_a_repeated_header_merged_cells_and_the_totals() {
    let framework = Framework::scored_example();
    let table = score_table(&framework, &scored_draft(&framework)).unwrap();
    let xml = document_xml(&write_score_table_docx(&table));
    assert!(xml.contains("w:orient=\"landscape\""));
    assert!(xml.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\""));
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 1, "one header row, repeated by Word on every page");
    assert_eq!(
        xml.matches("<w:vMerge w:val=\"restart\"/>").count(),
        framework.areas.len()
            + framework.items().filter(|(_, item)| item.points.is_some() || item.has_points_below()).count()
            + 1
            + framework.bonus_items().len(),
        "each 一级 and 二级 (and the bonus block, each bonus item on its own) starts a merge"
    );
    assert!(xml.matches("<w:vMerge/>").count() > 50);
    for text in [
        "填报单位（盖章）：示例县人民政府",
        "填表人：张三",
        "审核人：李四",
        "自评总分",
        "98.5",
        "自评等次",
        "优秀",
        "领导小组会议少开1次。",
    ] {
        assert!(xml.contains(text), "{text}");
    }
    // Every row has as many grid columns as the grid: spans add up.
    let columns = table.header().len();
    for row in xml.split("<w:tr>").skip(1) {
        let cells = row.matches("<w:tc>").count();
        let spans: usize = row
            .split("<w:gridSpan w:val=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse::<usize>().unwrap() - 1)
            .sum();
        assert_eq!(cells + spans, columns, "{}", &row[..row.len().min(300)]);
    }
}

#[test]
fn the_csv_reads_back_with_every_row_and_merged_cells_repeated() {
    let framework = Framework::scored_example();
    let table = score_table(&framework, &scored_draft(&framework)).unwrap();
    let csv_text = score_table_csv(&table);
    assert!(csv_text.starts_with('\u{feff}'));
    let mut reader =
        csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, table.header());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), table.lines.len());
    assert!(records.iter().all(|record| record.len() == header.len()));
    let first = &records[0];
    // An area without the notice's numbering is numbered as the outline and the report head it.
    assert!(first[0].starts_with("（一）坚持党对教育工作的全面领导"), "{first:?}");
    let second = &records[1];
    assert_eq!(&second[0], &first[0], "the area repeated on each line");
    assert!(records.iter().any(|record| &record[0] == "自评总分" && &record[4] == "98.5"));
}

#[test]
fn the_evidence_index_lists_documents_by_row() {
    let framework = Framework::scored_example();
    let draft = scored_draft(&framework);
    let lines = evidence_index(&framework, &draft);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].title, "领导小组会议纪要");
    let first = framework.scored_leaves().next().unwrap().code.to_owned();
    assert_eq!(lines[0].code, first);
    let xml = document_xml(&write_evidence_docx("示例县佐证材料目录", &lines));
    for text in ["佐证材料目录", "序号", "领导小组会议纪要", "2024年5月", "县委办"] {
        assert!(xml.contains(text), "{text}");
    }
    assert!(!xml.contains("w:orient=\"landscape\""));
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; scripts/test.sh runs it"]
fn libreoffice_lays_the_score_table_out_on_landscape_pages_with_the_header_on_each() {
    let framework = Framework::scored_example();
    let table = score_table(&framework, &scored_draft(&framework)).unwrap();
    let (directory, pdf) = office::docx_to_pdf("table", &write_score_table_docx(&table));
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let size = info.lines().find_map(|line| line.strip_prefix("Page size:")).unwrap();
    let numbers: Vec<f64> = size.split_whitespace().filter_map(|word| word.parse().ok()).collect();
    assert!(size.contains("(A4)") && numbers[0] > numbers[1], "landscape A4: {size}");
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let pages: Vec<&str> = text.split('\u{c}').filter(|page| !page.trim().is_empty()).collect();
    assert!(pages.len() >= 3, "several pages of table: {}", pages.len());
    // No cover page: the title and the unit's details head the first page of the table, and the
    // header row is on every page.
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains("评分细则") && page.contains("自评得分"), "page {} lacks the header", index + 1);
    }
    assert!(pages[0].contains("填表人：张三") && pages[0].contains("自评打分表"));
    let details = pages[0].lines().find(|line| line.contains("填报单位（盖章）")).expect("the unit's line");
    assert!(details.contains("审核人：李四"), "the unit's details on one line: {details}");
    // A 小计 never opens a page away from its rows: the first row below the header is a row.
    for (index, page) in pages.iter().enumerate().skip(1) {
        let mut lines = page.lines().map(str::trim).filter(|line| !line.is_empty());
        lines.by_ref().find(|line| line.contains("评分细则")).expect("the header");
        let first = lines.find(|line| !line.contains("（分值）") && !line.contains("得失分说明")).unwrap_or("");
        assert!(!first.contains("小计（"), "page {} opens with a 小计: {first}", index + 1);
    }
    let last = pages.last().unwrap();
    assert!(last.contains("自评总分") && last.contains("98.5"), "{last}");
    assert!(last.contains("优秀"));
    // LVZHI_KEEP_TABLE=1 keeps the PDF to look at.
    if std::env::var_os("LVZHI_KEEP_TABLE").is_none() {
        std::fs::remove_dir_all(&directory).ok();
    }
}

/// Forty areas of 1 to 17 rows in a scrambled order, one after the other: over some thirty pages a
/// page break falls right before a 小计 unless the row above keeps with it.
fn table_of_growing_areas() -> ScoreTable {
    let mut lines = Vec::new();
    for area in 1..=40 {
        for row in 0..(area * 7) % 17 + 1 {
            lines.push(TableLine::Row {
                area: (row == 0).then(|| format!("第{area}领域（{area}分）")),
                item: (row == 0).then(|| format!("指标{area}")),
                point: format!("观测点{area}.{row}（1分）"),
                rule: "每少1次扣0.5分，扣完为止。".to_owned(),
                score: "1".to_owned(),
                explanation: String::new(),
                units: String::new(),
            });
        }
        lines.push(TableLine::Summary {
            label: format!("第{area}领域小计（{area}分）"),
            score: area.to_string(),
            note: String::new(),
        });
    }
    ScoreTable {
        title: "版式测试自评打分表".to_owned(),
        region: "示例县".to_owned(),
        unit: "示例县人民政府".to_owned(),
        date: "2025年3月1日".to_owned(),
        filler: "张三".to_owned(),
        reviewer: "李四".to_owned(),
        with_units: false,
        lines,
    }
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; scripts/test.sh runs it"]
fn libreoffice_never_opens_a_page_with_a_subtotal() {
    let (directory, pdf) = office::docx_to_pdf("subtotals", &write_score_table_docx(&table_of_growing_areas()));
    let text = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let pages: Vec<&str> = text.split('\u{c}').filter(|page| !page.trim().is_empty()).collect();
    assert!(pages.len() >= 10, "{} pages", pages.len());
    for (index, page) in pages.iter().enumerate().skip(1) {
        let mut lines = page.lines().map(str::trim).filter(|line| !line.is_empty());
        lines.by_ref().find(|line| line.contains("评分细则")).expect("the header on every page");
        let first = lines.find(|line| !line.contains("（分值）") && !line.contains("得失分说明")).unwrap_or("");
        assert!(!first.contains("小计（"), "page {} opens with a 小计: {first}", index + 1);
    }
    if std::env::var_os("LVZHI_KEEP_TABLE").is_none() {
        std::fs::remove_dir_all(&directory).ok();
    }
}
