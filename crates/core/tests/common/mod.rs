//! The seed (`../shared/seed/`): two sample reports, split into their parts for tests.
#![allow(dead_code)]

pub mod tables;

use std::path::PathBuf;

pub fn seed_text() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/000_d18a1d8f96379a58.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read the seed at {}: {error}", path.display()))
}

pub const REPORT_TWO_TITLE: &str = "2023年xx市人民政府履行教育职责自评情况的报告(2)";

/// One report of the seed, verbatim, as its non-empty lines (title and opening included).
pub fn report_lines(which: usize) -> Vec<String> {
    let seed = seed_text();
    let two = seed.find(REPORT_TWO_TITLE).expect("report (2) title");
    let one = seed.find("2023年xx市人民政府履行教育职责自评报告范文(1)").expect("report (1) title");
    let text = if which == 1 { &seed[one..two] } else { &seed[two..] };
    text.lines().filter(|line| !line.trim().is_empty()).map(str::to_owned).collect()
}

pub const NUMERALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Strips a leading `(一)`…`(九)` (half- or full-width brackets) and returns the rest.
pub fn strip_numbering(line: &str) -> Option<&str> {
    NUMERALS.iter().find_map(|numeral| {
        line.strip_prefix(&format!("({numeral})")).or_else(|| line.strip_prefix(&format!("（{numeral}）")))
    })
}

/// A report's parts: the nine areas (heading, paragraphs), the problems and the measures (lines).
pub struct ReportParts {
    pub areas: Vec<(String, Vec<String>)>,
    pub problems: Vec<String>,
    pub measures: Vec<String>,
}

pub fn report_parts(lines: &[String]) -> ReportParts {
    let part_one = lines.iter().position(|line| line.starts_with("一、")).expect("part 一");
    let part_two = lines.iter().position(|line| line.starts_with("二、")).expect("part 二");
    let part_three = lines.iter().position(|line| line.starts_with("三、")).expect("part 三");
    let mut areas: Vec<(String, Vec<String>)> = Vec::new();
    for line in &lines[part_one + 1..part_two] {
        // Report (1) puts each area heading on its own line; report (2) writes the area as one
        // paragraph opening with its heading sentence.
        match strip_numbering(line) {
            Some(heading) if !heading.contains('。') => areas.push((heading.to_owned(), Vec::new())),
            Some(rest) => {
                let (heading, body) = rest.split_once('。').expect("heading sentence");
                areas.push((heading.to_owned(), vec![body.to_owned()]));
            }
            None => areas.last_mut().expect("text before the first area").1.push(line.clone()),
        }
    }
    ReportParts {
        areas,
        problems: lines[part_two + 1..part_three].to_vec(),
        measures: lines[part_three + 1..].to_vec(),
    }
}

/// `(一)标题。正文` → (标题, 正文).
pub fn split_entry(line: &str) -> (String, String) {
    let rest = strip_numbering(line).expect("numbered entry");
    let (title, text) = rest.split_once('。').expect("entry title sentence");
    (title.to_owned(), text.to_owned())
}

/// A complete draft like a real one: every item from its 范文 starter (or 无此项工作任务), every
/// figure filled, the 范文 problems and measures, meta filled.
pub fn seed_like_draft(framework: &lvzhi_core::Framework) -> lvzhi_core::Draft {
    use lvzhi_core::{Draft, ItemEntry, Measure, Problem};
    let mut draft = Draft::new(framework, "seed-like".into(), "2024-01-05T08:00:00.000Z".into());
    draft.meta.region = "资阳市".into();
    draft.meta.unit = "资阳市人民政府".into();
    draft.meta.date = "2023年3月20日".into();
    for (_, item) in framework.items() {
        let entry = match &item.starter {
            Some(starter) => ItemEntry { narrative: starter.clone(), ..ItemEntry::default() },
            None => {
                ItemEntry {
                    not_applicable: true, not_applicable_reason: "辖区内无高校".into(), ..ItemEntry::default()
                }
            }
        };
        draft.items.insert(item.code.clone(), entry);
    }
    for (index, figure) in framework.all_figures().enumerate() {
        let value = match figure.kind {
            lvzhi_core::framework::FigureKind::Year => "2022".to_owned(),
            lvzhi_core::framework::FigureKind::Percent => format!("{}.5", 50 + index % 40),
            _ => format!("{}", index + 3),
        };
        draft.figures.insert(figure.id.clone(), value);
    }
    for (index, starter) in framework.problems.starters.iter().enumerate() {
        draft.problems.push(Problem {
            id: format!("p{}", index + 1),
            title: starter.title.clone(),
            text: starter.text.clone(),
        });
    }
    for (index, starter) in framework.measures.starters.iter().enumerate() {
        let answers = starter.answers.iter().map(|answered| format!("p{}", answered + 1)).collect();
        draft.measures.push(Measure {
            id: format!("m{}", index + 1),
            title: starter.title.clone(),
            text: starter.text.clone(),
            answers,
        });
    }
    draft
}

/// A JSON Schema we publish in `schema/`: generated from the model (with schemars), given its id,
/// title and the file's `format`, and compared with the published file, which `LVZHI_BLESS=1`
/// rewrites after a model change. Returns the published schema.
#[cfg(feature = "schema")]
pub fn published_schema(
    file_name: &str,
    title: &str,
    format: &str,
    mut generated: serde_json::Value,
) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema").join(file_name);
    generated["$id"] = serde_json::json!(format!("https://lvzhi.invalid/schema/{file_name}"));
    generated["title"] = serde_json::json!(title);
    generated["properties"]["format"]["const"] = serde_json::json!(format);
    let generated_text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
    if std::env::var_os("LVZHI_BLESS").is_some() {
        std::fs::write(&path, &generated_text).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing", path.display()));
    assert_eq!(published, generated_text, "run with LVZHI_BLESS=1 to update schema/{file_name}");
    generated
}

/// Every non-whitespace character, counted.
pub fn characters(texts: impl IntoIterator<Item = impl AsRef<str>>) -> std::collections::BTreeMap<char, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for text in texts {
        for character in text.as_ref().chars().filter(|c| !c.is_whitespace()) {
            *counts.entry(character).or_insert(0) += 1;
        }
    }
    counts
}

/// Everything the parse put somewhere.
pub fn all_output(parsed: &lvzhi_core::parse::ParsedReport) -> Vec<String> {
    let mut texts: Vec<String> = parsed.recognized.clone();
    texts.push(parsed.opening.clone());
    texts.extend(parsed.items.iter().flat_map(|item| [item.restated.clone(), item.text.clone()]));
    texts.extend(
        parsed.problems.iter().chain(&parsed.measures).flat_map(|entry| [entry.title.clone(), entry.text.clone()]),
    );
    texts.extend([parsed.unit.clone(), parsed.date.clone(), parsed.addressee.clone()]);
    texts.extend(parsed.attachments.iter().cloned());
    texts.extend(parsed.unassigned.iter().map(|unassigned| unassigned.text.clone()));
    texts.extend(parsed.sections.iter().map(|(_, text)| text.replace('\n', "")));
    texts.extend(parsed.rectifications.iter().flat_map(|entry| [entry.title.clone(), entry.text.clone()]));
    texts
}
