//! The report's skeleton as framework data: the Sichuan file states today's skeleton, and its
//! report stays byte for byte what it was before the skeleton became data (golden files written by
//! the code that hard-coded it); other skeletons render the 报告 form, 基本情况 and 整改情况.

mod common;

use lvzhi_core::docx::write_docx;
use lvzhi_core::report::build_report;
use lvzhi_core::draft::ScoreEntry;
use lvzhi_core::{Draft, Framework};
use std::path::PathBuf;

fn golden(name: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("LVZHI_BLESS_GOLDEN").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    assert!(expected == generated, "{name} differs from its golden file");
}

/// The .docx's body XML (the zip around it carries no time, but its XML is what Word reads).
fn document_xml(framework: &Framework, draft: &Draft) -> String {
    let bytes = write_docx(&build_report(framework, draft));
    let mut archive = lvzhi_core::zip_files::open_zip(&bytes).unwrap();
    String::from_utf8(lvzhi_core::zip_files::read_entry(&mut archive, "word/document.xml", 1 << 24).unwrap()).unwrap()
}

fn seed_like_report_form() -> (Framework, Draft) {
    let framework = Framework::builtin();
    let mut draft = common::seed_like_draft(&framework);
    draft.meta.addressee = "四川省人民政府教育督导委员会".into();
    draft.meta.attachments = "经费统计表\n佐证材料目录".into();
    (framework, draft)
}

#[test]
fn the_sichuan_report_is_unchanged_as_text_and_as_word() {
    let framework = Framework::builtin();
    let draft = common::seed_like_draft(&framework);
    golden("sichuan-seed-like.txt", &build_report(&framework, &draft).to_plain_text());
    golden("sichuan-seed-like.document.xml", &document_xml(&framework, &draft));
    let (framework, draft) = seed_like_report_form();
    golden("sichuan-addressee-attachments.txt", &build_report(&framework, &draft).to_plain_text());
}

fn scored_example_draft() -> (Framework, Draft) {
    let framework = Framework::scored_example();
    let mut draft = Draft::new(&framework, "scored".into(), "2024-01-05T08:00:00.000Z".into());
    draft.meta.region = "安平县".into();
    draft.meta.unit = "安平县人民政府".into();
    draft.meta.date = "2024年3月1日".into();
    for (index, row) in framework.scored_leaves().enumerate() {
        let points = row.points.unwrap();
        let score = if index % 3 == 0 { points.to_string() } else { "0".into() };
        draft.scores.insert(row.code.to_owned(), ScoreEntry { score, explanation: "未达标".into(), ..Default::default() });
    }
    for (_, item) in framework.items().take(5) {
        draft.items.insert(
            item.code.clone(),
            lvzhi_core::ItemEntry { narrative: format!("{{地区}}落实{}。", item.title), ..Default::default() },
        );
    }
    (framework, draft)
}

#[test]
fn the_scored_example_report_is_unchanged() {
    let (framework, draft) = scored_example_draft();
    golden("scored-example.txt", &build_report(&framework, &draft).to_plain_text());
}
