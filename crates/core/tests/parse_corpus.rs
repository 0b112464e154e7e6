//! 导入旧报告 over a corpus of reports written for this test (`tests/corpus/`), in the layouts
//! staff actually have: three, four and five parts in any order, every numbering style, the
//! 自评报告 and the 报告/函 title forms, with and without 主送, scores stated per area, blanks left
//! in, 附件, a .docx with a data table — plus the seed's two reports. Each report has an expected
//! structure (`*.json`); the test prints the accuracy per report and in total (BENCHMARKS.md,
//! Import) and requires ≥ 95 % in total, no report below 80 %, and nothing of any input lost.

mod common;

use common::{all_output, characters, report_lines};
use lvzhi_core::parse::{parse_docx, parse_text, ParsedReport};
use lvzhi_core::Framework;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

/// A .docx of the text: a paragraph a line; lines starting with `|` are the rows of a table.
fn docx_of(text: &str) -> Vec<u8> {
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }
    let paragraph = |text: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escape(text));
    let mut body = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if let Some(row) = line.strip_prefix('|') {
            if !in_table {
                body.push_str("<w:tbl><w:tblPr/>");
                in_table = true;
            }
            body.push_str("<w:tr>");
            for cell in row.trim_end_matches('|').split('|') {
                body.push_str(&format!("<w:tc><w:tcPr/>{}</w:tc>", paragraph(cell.trim())));
            }
            body.push_str("</w:tr>");
            continue;
        }
        if in_table {
            body.push_str("</w:tbl>");
            in_table = false;
        }
        body.push_str(&paragraph(line));
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    archive.start_file("[Content_Types].xml", options).unwrap();
    archive
        .write_all(
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        )
        .unwrap();
    archive.start_file("word/document.xml", options).unwrap();
    archive.write_all(document.as_bytes()).unwrap();
    archive.finish().unwrap().into_inner()
}

/// One expected placement and whether the parse made it.
struct Check {
    what: String,
    ok: bool,
}

fn text_of<'a>(parsed: &'a ParsedReport, code: &str) -> Option<&'a lvzhi_core::parse::MappedItem> {
    parsed.items.iter().find(|item| item.code == code)
}

/// Every placement the expected structure names, checked against the parse.
fn checks(expected: &Value, parsed: &ParsedReport) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut check = |what: String, ok: bool| checks.push(Check { what, ok });
    let strings = |key: &str| -> Vec<String> {
        expected[key]
            .as_array()
            .map(|values| values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    if let Some(meta) = expected["meta"].as_object() {
        for (field, value) in meta {
            let got = match field.as_str() {
                "region" => &parsed.region,
                "year" => &parsed.year,
                "notice_number" => &parsed.notice_number,
                "unit" => &parsed.unit,
                "date" => &parsed.date,
                "addressee" => &parsed.addressee,
                other => panic!("unknown meta field {other}"),
            };
            check(format!("meta {field} = {value}, got {got:?}"), Some(got.as_str()) == value.as_str());
        }
    }
    for area in strings("areas") {
        check(format!("area {area}"), parsed.areas.contains(&area));
    }
    if let Some(items) = expected["items"].as_object() {
        for (code, prefix) in items {
            let prefix = prefix.as_str().unwrap();
            let found = text_of(parsed, code);
            let ok = found.is_some_and(|item| {
                item.text.starts_with(prefix) || format!("{}{}", item.restated, item.text).starts_with(prefix)
            });
            check(
                format!(
                    "item {code} starts with {prefix:?}, got {:?}",
                    found.map(|item| item.text.chars().take(20).collect::<String>())
                ),
                ok,
            );
        }
    }
    for code in strings("not_applicable") {
        check(format!("item {code} 无此项工作任务"), text_of(parsed, &code).is_some_and(|item| item.not_applicable));
    }
    for (list, entries) in [("problems", &parsed.problems), ("measures", &parsed.measures)] {
        let titles = strings(list);
        for (index, title) in titles.iter().enumerate() {
            let got = entries.get(index).map(|entry| entry.title.as_str());
            check(
                format!("{list}[{index}] starts with {title:?}, got {got:?}"),
                got.is_some_and(|got| got.starts_with(title.as_str())),
            );
        }
        if !titles.is_empty() {
            check(format!("{list}: {} entries, got {}", titles.len(), entries.len()), titles.len() == entries.len());
        }
    }
    for (index, name) in strings("attachments").iter().enumerate() {
        check(format!("attachment {index} {name:?}"), parsed.attachments.get(index) == Some(name));
    }
    for prefix in strings("unplaced") {
        check(
            format!("未归类 starts with {prefix:?}"),
            parsed.unassigned.iter().any(|unassigned| unassigned.text.starts_with(prefix.as_str())),
        );
    }
    for words in strings("forbidden_in_items") {
        check(format!("no item holds {words:?}"), parsed.items.iter().all(|item| !item.text.contains(words.as_str())));
    }
    checks
}

struct Case {
    name: String,
    input: String,
    parsed: ParsedReport,
    expected: Value,
}

fn corpus(framework: &Framework) -> Vec<Case> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    let mut cases: Vec<Case> = names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            let expected: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(name.replace(".txt", ".json"))).unwrap())
                    .unwrap_or_else(|error| panic!("{name}: {error}"));
            let (input, parsed) = if name.contains("docx") {
                // What the .docx holds: the text without the table's cell marks.
                (text.replace('|', " "), parse_docx(&docx_of(&text), framework))
            } else {
                (text.clone(), parse_text(&text, framework))
            };
            let parsed = parsed.unwrap_or_else(|error| panic!("{name}: {error}"));
            Case { name, input, parsed, expected }
        })
        .collect();
    for which in [1, 2] {
        let input = report_lines(which).join("\n");
        let parsed = parse_text(&input, framework).unwrap();
        let expected = seed_expectation(framework, which);
        cases.push(Case { name: format!("seed report ({which})"), input, parsed, expected });
    }
    cases
}

/// The seed's reports: their structure is the framework's own (every area; report (1) every item).
fn seed_expectation(framework: &Framework, which: usize) -> Value {
    let areas: Vec<&str> = framework.areas.iter().map(|area| area.code.as_str()).collect();
    let mut expected =
        serde_json::json!({ "meta": { "year": "2023", "notice_number": "川教督委〔2023〕2号" }, "areas": areas });
    if which == 1 {
        expected["meta"]["region"] = "xx市".into();
    }
    expected
}

#[test]
fn the_corpus_of_report_layouts_is_imported_accurately_and_nothing_is_lost() {
    let framework = Framework::builtin();
    let cases = corpus(&framework);
    let (mut total_ok, mut total) = (0, 0);
    let mut failures = Vec::new();
    println!("| report | placements | correct | accuracy |");
    println!("|---|---|---|---|");
    for case in &cases {
        assert_eq!(
            characters(all_output(&case.parsed)),
            characters([&case.input]),
            "{}: every character of the input is somewhere",
            case.name
        );
        let checks = checks(&case.expected, &case.parsed);
        let ok = checks.iter().filter(|check| check.ok).count();
        let accuracy = ok as f64 / checks.len().max(1) as f64;
        println!("| {} | {} | {} | {:.1} % |", case.name, checks.len(), ok, accuracy * 100.0);
        for check in checks.iter().filter(|check| !check.ok) {
            println!("    missed: {}", check.what);
        }
        if accuracy < 0.8 {
            failures.push(format!("{} at {:.1} %", case.name, accuracy * 100.0));
        }
        total_ok += ok;
        total += checks.len();
    }
    let accuracy = total_ok as f64 / total as f64;
    println!("| **total** | {total} | {total_ok} | **{:.1} %** |", accuracy * 100.0);
    assert!(failures.is_empty(), "reports below 80 %: {failures:?}");
    assert!(cases.len() >= 17, "at least 15 written reports and the seed's two: {}", cases.len());
    assert!(accuracy >= 0.95, "total accuracy {:.1} % < 95 %", accuracy * 100.0);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of structure the walk reacts to, and other text, to splice into real reports.
    const FRAGMENTS: &[&str] = &[
        "一、",
        "二、存在的问题",
        "三、下一步措施",
        "第一部分",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（3）",
        "附件：",
        "附件",
        "自评得5分。",
        "（10分，自评得分9分）",
        "xx县人民政府",
        "2023年3月1日",
        "二〇二三年三月一日",
        "主送：",
        "：",
        "无此项工作任务。",
        "报告如下。",
        "《关于开展评价的通知》（x教督委〔2023〕1号）",
        "\t",
        "。",
        "“",
        "”",
        "é",
        "𠀀",
        "\u{3000}",
        "履行教育职责自评报告",
        "人民政府关于",
        "的函",
    ];

    fn mutated_reports() -> impl Strategy<Value = String> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "txt"))
            .map(|entry| std::fs::read_to_string(entry.path()).unwrap())
            .collect();
        texts.sort();
        let edits = prop::collection::vec((0usize..400, 0usize..6, prop::sample::select(FRAGMENTS)), 0..12);
        (prop::sample::select(texts), edits).prop_map(|(text, edits)| {
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            for (at, kind, fragment) in edits {
                if lines.is_empty() {
                    lines.push(fragment.to_owned());
                    continue;
                }
                let at = at % lines.len();
                match kind {
                    0 => {
                        lines.remove(at);
                    }
                    1 => lines.insert(at, fragment.to_owned()),
                    2 => lines[at].insert_str(0, fragment),
                    3 => lines[at].push_str(fragment),
                    4 => {
                        let other = (at * 7 + 3) % lines.len();
                        lines.swap(at, other);
                    }
                    _ => {
                        let line = lines[at].clone();
                        lines.insert(at, line);
                    }
                }
            }
            lines.join("\n")
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            // A fifth of the exporters' cases (CI: 2 000): each one parses a whole report.
            cases: std::env::var("LVZHI_EXPORT_CASES").ok().and_then(|cases| cases.parse::<u32>().ok()).map_or(256, |cases| (cases / 5).max(100)),
            ..ProptestConfig::default()
        })]

        /// Whatever is done to a report's lines, the import never panics and, when it reads the
        /// text as a report, puts every character somewhere.
        #[test]
        fn a_mutated_report_is_imported_without_loss_or_panic(text in mutated_reports()) {
            let framework = Framework::builtin();
            if let Ok(parsed) = parse_text(&text, &framework) {
                prop_assert_eq!(characters(all_output(&parsed)), characters([&text]));
            }
        }
    }
}
