//! The built-in framework against the 范文 it comes from: `../shared/seed/`, report (1).
//!
//! Rendering each item's starter with `x` for numbers and `20xx` for years must give back the
//! seed's paragraph, so every title matches and every numeric blank has a typed figure.

use lvzhi_core::framework::{FigureKind, Framework};
use lvzhi_core::template::render_text;

mod common;

use common::{report_lines, report_parts, seed_text, NUMERALS};

/// Report (1) only, as lines.
fn report_one_lines() -> Vec<String> {
    report_lines(1)
}

/// The seed's copy-paste artefacts, repaired as the framework writes them: half-width punctuation,
/// `生.年`, and the one impossible year range, which the framework turns into two year figures.
fn repaired(line: &str) -> String {
    line.replace("(2023-2023年)", "（20xx—20xx年）")
        .replace(',', "，")
        .replace(';', "；")
        .replace(':', "：")
        .replace('(', "（")
        .replace(')', "）")
        .replace("生.年", "生·年")
}

/// A starter rendered as a 范文 would show it: blanks instead of values.
fn with_blanks(framework: &Framework, text: &str) -> String {
    render_text(
        text,
        |_| None,
        |name| match name {
            "省份" => "xx省".to_owned(),
            "地区" => "xx市".to_owned(),
            _ => match framework.figure_by_name(name).map(|figure| figure.kind) {
                Some(FigureKind::Year) => "20xx".to_owned(),
                Some(_) => "x".to_owned(),
                None => panic!("starter refers to unknown figure {name}"),
            },
        },
    )
}

/// Part 一 of report (1) as areas: (heading, repaired paragraphs).
fn areas_of_report_one(lines: &[String]) -> Vec<(String, Vec<String>)> {
    report_parts(lines)
        .areas
        .into_iter()
        .map(|(title, paragraphs)| (title, paragraphs.iter().map(|paragraph| repaired(paragraph)).collect()))
        .collect()
}

#[test]
fn nine_area_titles_match_report_one() {
    let framework = Framework::builtin();
    let areas = areas_of_report_one(&report_one_lines());
    let seed_titles: Vec<&str> = areas.iter().map(|(title, _)| title.as_str()).collect();
    let framework_titles: Vec<&str> = framework.areas.iter().map(|area| area.title.as_str()).collect();
    assert_eq!(seed_titles.len(), 9);
    assert_eq!(framework_titles, seed_titles);
}

#[test]
fn every_item_title_and_starter_matches_its_seed_paragraph() {
    let framework = Framework::builtin();
    let areas = areas_of_report_one(&report_one_lines());
    let mut checked = 0;
    for (area, (_, paragraphs)) in framework.areas.iter().zip(&areas) {
        assert_eq!(area.items.len(), paragraphs.len(), "items of {}", area.title);
        for (item, paragraph) in area.items.iter().zip(paragraphs) {
            let body = if item.lead {
                let lead = format!("{}。", item.title);
                paragraph
                    .strip_prefix(&lead)
                    .unwrap_or_else(|| panic!("{}: seed paragraph does not open with “{lead}”: {paragraph}", item.code))
            } else {
                paragraph.as_str()
            };
            match &item.starter {
                Some(starter) => assert_eq!(with_blanks(&framework, starter), body, "{}", item.code),
                None => {
                    let rest = body.trim_end_matches('。');
                    assert!(
                        rest == "xx无此项工作任务" || rest == "xx市无此项工作任务",
                        "{} has no starter, so the seed must mark it 无此项工作任务: {body}",
                        item.code
                    );
                    assert!(item.allow_not_applicable, "{} must allow 无此项工作任务", item.code);
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 42);
    assert_eq!(framework.item_count(), 42);
}

#[test]
fn problems_and_measures_match_report_one_in_order() {
    let framework = Framework::builtin();
    let lines = report_one_lines();
    let part_two = lines.iter().position(|line| line.starts_with("二、存在的问题")).expect("part 二");
    let part_three = lines.iter().position(|line| line.starts_with("三、下一步措施")).expect("part 三");
    let entries = |range: &[String]| -> Vec<String> { range.iter().map(|line| repaired(line)).collect() };
    let expected = |title: &str, text: &str, index: usize| {
        format!("（{}）{title}。{}", NUMERALS[index], with_blanks(&framework, text))
    };

    let problems = entries(&lines[part_two + 1..part_three]);
    assert_eq!(problems.len(), framework.problems.starters.len());
    for (index, (starter, seed)) in framework.problems.starters.iter().zip(&problems).enumerate() {
        assert_eq!(&expected(&starter.title, &starter.text, index), seed);
    }
    let measures = entries(&lines[part_three + 1..]);
    assert_eq!(measures.len(), framework.measures.starters.len());
    for (index, (starter, seed)) in framework.measures.starters.iter().zip(&measures).enumerate() {
        assert_eq!(&expected(&starter.title, &starter.text, index), seed);
    }
}

/// Blanks of a text: runs of `x` standing alone (`1+X` and Latin words are not blanks).
fn blanks(text: &str) -> (usize, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let (mut numbers, mut names, mut years) = (0, 0, 0);
    let mut index = 0;
    while index < chars.len() {
        if chars[index] == 'x' {
            let start = index;
            while index < chars.len() && chars[index] == 'x' {
                index += 1;
            }
            let latin_before = start > 0 && chars[start - 1].is_ascii_alphabetic();
            let latin_after = index < chars.len() && chars[index].is_ascii_alphabetic();
            if latin_before || latin_after {
                continue;
            }
            let year = start >= 2 && chars[start - 2] == '2' && chars[start - 1] == '0';
            match (index - start, year) {
                (2, true) => years += 1,
                (2, false) => names += 1,
                _ => numbers += 1,
            }
        } else {
            index += 1;
        }
    }
    (numbers, names, years)
}

#[test]
fn every_numeric_blank_of_report_one_has_a_typed_figure() {
    let framework = Framework::builtin();
    let lines = report_one_lines();
    let body_start = lines.iter().position(|line| line.starts_with("一、")).unwrap();
    let seed_body: String = lines[body_start..].concat();
    let (numbers, _, years) = blanks(&seed_body);

    let references: Vec<&str> = framework
        .items()
        .filter_map(|(_, item)| item.starter.as_deref())
        .chain(framework.measures.starters.iter().map(|entry| entry.text.as_str()))
        .flat_map(lvzhi_core::template::references_in)
        .map(|reference| reference.name)
        .filter(|name| framework.figure_by_name(name).is_some())
        .collect();
    let year_references =
        references.iter().filter(|name| framework.figure_by_name(name).unwrap().kind == FigureKind::Year).count();
    // The seed's `(2023-2023年)` became two year figures, so the framework has two year blanks more.
    assert_eq!(year_references, years + 2, "year blanks");
    assert_eq!(references.len() - year_references, numbers, "numeric blanks");
    // Each figure is referenced once: the number is typed once and appears where the seed had its blank.
    let mut unique = references.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), references.len());
}

#[test]
fn the_seed_has_the_blanks_the_reference_counts() {
    // REFERENCE.md: 141 blanks in both reports, 114 `x`, 9 `xx`, 18 `20xx`.
    let seed = seed_text();
    assert_eq!(blanks(&seed), (114, 9, 18));
}
