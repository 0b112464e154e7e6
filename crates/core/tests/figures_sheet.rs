//! 数据填报表: the figures out as a CSV sheet for colleagues, and the filled sheet back in, by id,
//! telling what changes and what would be overwritten; nothing changes on reading.

mod common;

use lvzhi_core::figures_sheet::{figures_sheet_file_name, read_figures_sheet, write_figures_sheet, SheetError};
use lvzhi_core::{Draft, Framework};

fn empty_draft(framework: &Framework) -> Draft {
    Draft::new(framework, "sheet".into(), "2024-01-05T08:00:00.000Z".into())
}

#[test]
fn the_sheet_lists_every_figure_with_its_value_for_excel() {
    let framework = Framework::builtin();
    let draft = common::seed_like_draft(&framework);
    let sheet = write_figures_sheet(&framework, &draft);
    assert!(sheet.starts_with("\u{feff}数据编码,所属指标,数据项,单位,数值\r\n"), "BOM and header");
    let rows: Vec<&str> = sheet.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 1 + framework.all_figures().count());
    let expected = format!(
        "education_budget_total,A2.1 落实“两个只增不减”,一般公共预算教育经费,亿元,{}",
        draft.figures["education_budget_total"]
    );
    assert!(rows.contains(&expected.as_str()), "{rows:?}");
    assert_eq!(figures_sheet_file_name(&draft), "资阳市2023年自评数据填报表.csv");
    // Read back against the same draft: nothing to change.
    let read = read_figures_sheet(sheet.as_bytes(), &framework, &draft).unwrap();
    assert!(read.changes.is_empty() && read.skipped.is_empty(), "{read:?}");
    assert_eq!(read.unchanged, draft.figures.values().filter(|value| !value.is_empty()).count());
}

#[test]
fn a_filled_sheet_says_what_changes_and_what_it_would_overwrite() {
    let framework = Framework::builtin();
    let mut draft = empty_draft(&framework);
    draft.figures.insert("education_budget_total".into(), "3.5".into());
    let mut sheet = write_figures_sheet(&framework, &empty_draft(&framework));
    sheet = sheet.replace(",亿元,\r\n", ",亿元,3.73\r\n").replace("校级党组织,个,\r\n", "校级党组织,个,12\r\n");
    let read = read_figures_sheet(sheet.as_bytes(), &framework, &draft).unwrap();
    let changed: Vec<(&str, &str, &str)> =
        read.changes.iter().map(|c| (c.figure_id.as_str(), c.value.as_str(), c.current.as_str())).collect();
    assert!(changed.contains(&("education_budget_total", "3.73", "3.5")), "{changed:?}");
    assert!(changed.contains(&("school_party_organisations", "12", "")), "{changed:?}");
    assert_eq!(read.overwrites(), 1, "only 教育经费 had a value");
    assert!(draft.figures["education_budget_total"] == "3.5", "reading changes nothing");
}

#[test]
fn quotes_tabs_reordered_columns_and_bad_rows_are_handled_row_by_row() {
    let framework = Framework::builtin();
    let draft = empty_draft(&framework);
    // Quoted fields with a comma, a doubled quote and a line break; columns in another order.
    let csv = "说明\r\n数值,\"数据编码\"\r\n\"1,234\",education_budget_total\r\n\"他说\"\"约\"\"\n12\",school_party_organisations\r\n5,no_such_figure\r\n7,education_budget_total\r\n,\r\n";
    let read = read_figures_sheet(csv.as_bytes(), &framework, &draft).unwrap();
    let values: Vec<(&str, &str)> = read.changes.iter().map(|c| (c.figure_id.as_str(), c.value.as_str())).collect();
    assert_eq!(values, [("education_budget_total", "1,234"), ("school_party_organisations", "他说\"约\"\n12")]);
    assert_eq!(read.skipped.len(), 2, "{:?}", read.skipped);
    // Rows as the spreadsheet numbers them: a quoted line break stays inside its row.
    assert!(read.skipped[0].starts_with("第5行") && read.skipped[0].contains("no_such_figure"));
    assert!(read.skipped[1].starts_with("第6行") && read.skipped[1].contains("以第3行为准"));

    // Copied from a spreadsheet: tab-separated.
    let pasted = "数据编码\t数值\neducation_budget_total\t3.73\n";
    let read = read_figures_sheet(pasted.as_bytes(), &framework, &draft).unwrap();
    assert_eq!(read.changes[0].value, "3.73");
}

#[test]
fn what_is_not_a_utf8_sheet_of_ours_is_refused_with_advice() {
    let framework = Framework::builtin();
    let draft = empty_draft(&framework);
    // "数据编码" in GBK, as Excel's plain CSV saves it on a Chinese system.
    let gbk = [0xca, 0xfd, 0xbe, 0xdd, 0xb1, 0xe0, 0xc2, 0xeb, b',', b'1'];
    assert_eq!(read_figures_sheet(&gbk, &framework, &draft), Err(SheetError::NotUtf8));
    assert!(SheetError::NotUtf8.to_string().contains("CSV UTF-8"));
    assert_eq!(read_figures_sheet("a,b\r\n1,2".as_bytes(), &framework, &draft), Err(SheetError::NoHeader));
    assert_eq!(read_figures_sheet(&vec![b'a'; 2 << 20], &framework, &draft), Err(SheetError::TooLarge));
}

#[test]
fn a_value_not_of_the_figures_kind_is_flagged_in_the_preview() {
    let framework = Framework::builtin();
    let draft = empty_draft(&framework);
    let sheet = write_figures_sheet(&framework, &draft)
        .replace(",亿元,\r\n", ",亿元,abc\r\n")
        .replace("校级党组织,个,\r\n", "校级党组织,个,12个\r\n");
    let read = read_figures_sheet(sheet.as_bytes(), &framework, &draft).unwrap();
    let budget = read.changes.iter().find(|change| change.figure_id == "education_budget_total").unwrap();
    assert!(budget.problem.as_deref().is_some_and(|problem| problem.contains("请填写数字")), "{budget:?}");
    let organisations = read.changes.iter().find(|change| change.figure_id == "school_party_organisations").unwrap();
    assert_eq!(organisations.problem, None, "its own unit is fine");
    assert_eq!(read.problems(), 2, "the two figures in 亿元");
}
