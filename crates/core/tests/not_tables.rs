//! What is not an indicator table is told apart from what is (issue 22): ten pastes a user may
//! make by mistake (`tests/not-tables/`: a timetable with and without its periods, a letter, a list
//! of names with and without a heading, a budget sheet, a work schedule, school statistics with
//! and without a heading, a list of documents) are each doubted or refused in Chinese; every real
//! table of `tests/tables/`, with its header row and without it, raises no doubt.
//! `accuracy_over_both_corpora` prints the counts (BENCHMARKS.md).

mod common;

use common::tables::{meta, table};
use lvzhi_core::indicator_table::{build_framework, doubts, grid_from_text, guess_header, Grid, TableChoices};

fn not_table(name: &str) -> Grid {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/not-tables").join(name);
    grid_from_text(&std::fs::read_to_string(path).unwrap())
}

fn names_in(directory: &str) -> Vec<String> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join(directory);
    let mut names: Vec<String> = std::fs::read_dir(path)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| !name.ends_with(".notice.txt"))
        .collect();
    names.sort();
    names
}

/// What the preview would say of a grid read with the guessed roles: `Err` when nothing could be
/// made (the message shown), else the doubts (empty: it looks like an indicator table).
fn verdict(grid: &Grid) -> Result<Vec<String>, String> {
    let (header, roles) = guess_header(grid);
    let built = build_framework(grid, header, &roles, &meta(), &TableChoices::default()).map_err(|e| e.to_string())?;
    Ok(doubts(header, &built))
}

/// The grid without its header row and what is above it, as a user who copies only the rows has it.
fn without_header(grid: &Grid) -> Option<Grid> {
    let (header, _) = guess_header(grid);
    Some(grid[header? + 1..].to_vec())
}

fn is_chinese_message(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !text.contains("Error")
}

#[test]
fn every_mistaken_paste_is_doubted_or_refused_in_chinese() {
    for name in names_in("not-tables") {
        match verdict(&not_table(&name)) {
            Err(message) => assert!(is_chinese_message(&message), "{name}: {message}"),
            Ok(doubts) => {
                assert!(!doubts.is_empty(), "{name} reads as an indicator table without a doubt");
                assert!(doubts.iter().all(|doubt| is_chinese_message(doubt)), "{name}: {doubts:?}");
            }
        }
    }
}

#[test]
fn no_real_table_is_doubted_with_or_without_its_header_row() {
    for name in names_in("tables") {
        let grid = table(&name);
        assert_eq!(verdict(&grid), Ok(Vec::new()), "{name}");
        if let Some(rows) = without_header(&grid) {
            if let Ok(doubts) = verdict(&rows) {
                assert_eq!(doubts, Vec::<String>::new(), "{name} without its header row");
            }
        }
    }
}

#[test]
fn each_doubt_names_what_it_saw() {
    let timetable = verdict(&not_table("01-timetable.tsv")).unwrap();
    assert!(timetable[0].starts_with("没有认出表头"), "{timetable:?}");
    let letter = verdict(&not_table("02-letter.txt")).unwrap();
    assert!(letter.iter().any(|doubt| doubt.contains("成段的文字")), "{letter:?}");
    let names = verdict(&not_table("03-names-and-phones.tsv")).unwrap();
    assert!(names.iter().any(|doubt| doubt.contains("名单或清单")), "{names:?}");
    let counts = verdict(&not_table("10-school-statistics-without-heading.tsv")).unwrap();
    assert!(counts.iter().any(|doubt| doubt.contains("的分值为2850")), "{counts:?}");
    let subjects = verdict(&not_table("09-timetable-without-periods.tsv")).unwrap();
    assert!(subjects.iter().any(|doubt| doubt.contains("“数学”等2个名称在表中分开出现")), "{subjects:?}");
}

#[test]
fn accuracy_over_both_corpora() {
    let mistaken = names_in("not-tables");
    let caught =
        mistaken.iter().filter(|name| verdict(&not_table(name)).map_or(true, |doubts| !doubts.is_empty())).count();
    let real = names_in("tables");
    let mut variants = 0;
    let mut trusted = 0;
    for name in &real {
        let grid = table(name);
        for grid in std::iter::once(grid.clone()).chain(without_header(&grid)) {
            variants += 1;
            if verdict(&grid).map_or(true, |doubts| doubts.is_empty()) {
                trusted += 1;
            }
        }
    }
    println!("not tables doubted or refused: {caught}/{}; real tables (with and without header) trusted: {trusted}/{variants}", mistaken.len());
    assert_eq!(caught, mistaken.len());
    assert_eq!(trusted, variants);
}
