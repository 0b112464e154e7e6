//! Every file the app writes is valid whatever the draft holds: drafts of arbitrary text — any
//! Unicode scalar, controls and non-characters, bidi marks, combining sequences, emoji, very long
//! and empty strings — in every text field, figure and list, through every exporter, each output
//! read back by an independent reader: every XML part of the .docx by roxmltree, the CSV sheet by
//! the csv crate (and by our own reader, to the same values), the zip by the zip crate, the JSON
//! draft file re-imported equal to the draft. `LVZHI_EXPORT_CASES` sets the cases (CI: 10 000).

use lvzhi_core::backup::write_backup;
use lvzhi_core::docx::write_docx;
use lvzhi_core::draft::{ItemEntry, Measure, MetaField, Problem, Rating};
use lvzhi_core::draft_file::{export_draft_json, read_draft_file};
use lvzhi_core::figures_sheet::{read_figures_sheet, write_figures_sheet};
use lvzhi_core::file_text::{file_safe, is_forbidden};
use lvzhi_core::report::build_report;
use lvzhi_core::{Draft, Framework};
use proptest::prelude::*;
use std::io::Read;
use std::sync::OnceLock;

fn framework() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(Framework::builtin)
}

fn cases() -> u32 {
    std::env::var("LVZHI_EXPORT_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(500)
}

/// Characters people paste, and the ones that break files: weighted so every kind turns up.
fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => prop::char::range('\u{4E00}', '\u{9FFF}'),
        2 => prop::char::range(' ', '~'),
        2 => prop::sample::select(vec![
            '\u{0}', '\u{1}', '\u{8}', '\u{B}', '\u{C}', '\u{1F}', '\u{7F}', '\u{85}', '\u{9F}', '\t', '\n', '\r',
            '\u{FFFE}', '\u{FFFF}', '\u{FEFF}', '\u{FDD0}', '\u{1FFFE}', '\u{202E}', '\u{202D}', '\u{2066}', '\u{200F}',
            '\u{200B}', '\u{0301}', '\u{20DD}', '😀', '👨', '\u{200D}', '💻', '&', '<', '>', '"', '\'', ',', '=', '+',
            '-', '@', '{', '}', '〔', '〕', '，', '。',
        ]),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(character(), 0..24).prop_map(|chars| chars.into_iter().collect()),
        1 => Just(String::new()),
        1 => prop::collection::vec(character(), 200..1200).prop_map(|chars| chars.into_iter().collect()),
    ]
}

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop::option::of(prop::sample::select(vec![Rating::Met, Rating::PartlyMet, Rating::NotMet]))
}

fn entry() -> impl Strategy<Value = ItemEntry> {
    (text(), any::<bool>(), text(), rating(), text()).prop_map(
        |(narrative, not_applicable, not_applicable_reason, rating, score)| ItemEntry {
            narrative,
            not_applicable,
            not_applicable_reason,
            rating,
            score,
        },
    )
}

prop_compose! {
    fn arbitrary_draft()(
        meta in prop::collection::vec(text(), MetaField::ALL.len()),
        name in text(),
        items in prop::collection::vec((0..42usize, entry()), 0..8),
        figures in prop::collection::vec((0..88usize, text()), 0..10),
        problems in prop::collection::vec((text(), text()), 0..4),
        measures in prop::collection::vec((text(), text(), prop::collection::vec(0..4usize, 0..3)), 0..4),
    ) -> Draft {
        let framework = framework();
        let mut draft = Draft::new(framework, "d1".into(), "2024-01-05T08:00:00.000Z".into());
        draft.name = name;
        for (field, value) in MetaField::ALL.into_iter().zip(meta) {
            *field.value_mut(&mut draft) = value;
        }
        let codes: Vec<String> = framework.items().map(|(_, item)| item.code.clone()).collect();
        for (index, entry) in items {
            draft.items.insert(codes[index % codes.len()].clone(), entry);
        }
        let ids: Vec<String> = framework.all_figures().map(|figure| figure.id.clone()).collect();
        for (index, value) in figures {
            draft.figures.insert(ids[index % ids.len()].clone(), value);
        }
        for (index, (title, text)) in problems.into_iter().enumerate() {
            draft.problems.push(Problem { id: format!("p{}", index + 1), title, text });
        }
        let problem_count = draft.problems.len();
        for (index, (title, text, answers)) in measures.into_iter().enumerate() {
            let answers = answers.into_iter().filter(|at| *at < problem_count).map(|at| format!("p{}", at + 1)).collect();
            draft.measures.push(Measure { id: format!("m{}", index + 1), title, text, answers });
        }
        draft
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).expect("an entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("readable");
            (file.name().expect("a UTF-8 name").into_owned(), content)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_part_of_the_word_file_is_well_formed_xml(draft in arbitrary_draft()) {
        let report = build_report(framework(), &draft);
        for (name, content) in unzip(&write_docx(&report)) {
            let text = String::from_utf8(content).expect("UTF-8 parts");
            if name.ends_with(".xml") || name.ends_with(".rels") {
                prop_assert!(roxmltree::Document::parse(&text).is_ok(), "{name} is not well-formed XML");
            }
        }
    }

    #[test]
    fn the_plain_text_holds_no_character_a_file_may_not(draft in arbitrary_draft()) {
        let text = build_report(framework(), &draft).to_plain_text();
        prop_assert!(!text.chars().any(is_forbidden));
    }

    #[test]
    fn the_data_sheet_reads_back_as_written_by_an_independent_csv_reader(draft in arbitrary_draft()) {
        let framework = framework();
        let sheet = write_figures_sheet(framework, &draft);
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(sheet.trim_start_matches('\u{feff}').as_bytes());
        let mut rows = 0;
        for (record, figure) in reader.records().zip(framework.all_figures()) {
            let record = record.expect("a CSV row");
            prop_assert_eq!(&record[0], figure.id.as_str());
            let cell = &record[4];
            // What a spreadsheet would run as a formula never starts a cell.
            let first = cell.chars().next();
            let number = cell.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit() || c == '.')
                && cell.chars().any(|c| c.is_ascii_digit());
            prop_assert!(number || !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')), "{cell:?}");
            let expected = file_safe(draft.figure_raw(&figure.id)).into_owned();
            prop_assert_eq!(lvzhi_core::file_text::csv_value(cell), expected.as_str());
            rows += 1;
        }
        prop_assert_eq!(rows, framework.all_figures().count());
        // Our own reader gives back every value (as a fresh draft sees it: trimmed, empty ones skipped).
        let fresh = Draft::new(framework, "fresh".into(), "t".into());
        let read = read_figures_sheet(sheet.as_bytes(), framework, &fresh).expect("our own sheet reads");
        for change in &read.changes {
            let written = file_safe(draft.figure_raw(&change.figure_id)).trim().to_owned();
            prop_assert_eq!(&change.value, &written);
        }
    }

    #[test]
    fn a_draft_file_reads_back_equal_to_the_draft(draft in arbitrary_draft()) {
        let file = export_draft_json(&draft);
        let preview = read_draft_file(file.as_bytes(), framework()).expect("our own file reads");
        prop_assert_eq!(preview.draft, draft);
    }

    #[test]
    fn a_backup_opens_with_the_zip_crate_and_gives_back_every_draft(
        drafts in prop::collection::vec(arbitrary_draft(), 1..3)
    ) {
        let drafts: Vec<Draft> = drafts.into_iter().enumerate().map(|(index, mut draft)| {
            draft.id = format!("d{index}");
            draft
        }).collect();
        let entries = unzip(&write_backup(&drafts, &[]));
        prop_assert_eq!(entries.len(), drafts.len());
        for (name, content) in &entries {
            prop_assert!(name.len() <= 255 && !name.chars().any(is_forbidden));
            let back = Draft::from_json(std::str::from_utf8(content).expect("UTF-8")).expect("a draft");
            prop_assert!(drafts.contains(&back));
        }
    }
}
