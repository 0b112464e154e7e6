//! How long validation takes: it runs on every keystroke, so it must stay well under a frame.
//! `cargo bench -p lvzhi-core`; results are recorded in BENCHMARKS.md.

use lvzhi_core::framework::Framework;
use lvzhi_core::validate::validate;
use lvzhi_core::{Draft, ItemEntry};

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    divan::main();
}

/// The seed-like draft of the tests, with the 范文's half-width commas back in and 无此项工作任务
/// written out as text: a full report of about 6000 characters with findings to report.
fn full_report(framework: &Framework) -> Draft {
    let mut draft = common::seed_like_draft(framework);
    for (_, item) in framework.items() {
        let narrative = item.starter.clone().unwrap_or_else(|| "xx市无此项工作任务。".into());
        draft
            .items
            .insert(item.code.clone(), ItemEntry { narrative: narrative.replace('，', ","), ..Default::default() });
    }
    draft
}

/// The framework ten times over (90 areas, 420 items, 880 figures) with 1 MB of narrative.
fn ten_times(framework: &Framework) -> (Framework, Draft) {
    let mut large = framework.clone();
    large.areas = (0..10)
        .flat_map(|copy| {
            framework.areas.iter().map(move |area| {
                let mut area = area.clone();
                area.code = format!("{}-{copy}", area.code);
                for item in &mut area.items {
                    item.code = format!("{}-{copy}", item.code);
                    for figure in &mut item.figures {
                        figure.id = format!("{}_{copy}", figure.id);
                        figure.name = format!("{}{copy}", figure.name);
                    }
                    for threshold in item.figures.iter_mut().flat_map(|figure| figure.thresholds.iter_mut()) {
                        if let Some(other) = &mut threshold.at_least_figure {
                            *other = format!("{other}_{copy}");
                        }
                    }
                }
                area
            })
        })
        .collect();
    let mut draft = full_report(&large);
    let per_item = 1_000_000 / large.item_count();
    for entry in draft.items.values_mut() {
        let paragraph = format!("{}\n", entry.narrative);
        entry.narrative = paragraph.repeat(per_item / paragraph.len() + 1);
    }
    (large, draft)
}

#[divan::bench]
fn full_report_of_the_builtin_framework(bencher: divan::Bencher) {
    let framework = Framework::builtin();
    let draft = full_report(&framework);
    bencher.bench(|| validate(divan::black_box(&framework), divan::black_box(&draft)));
}

#[divan::bench(sample_count = 10)]
fn ten_times_the_framework_with_1_mb_of_text(bencher: divan::Bencher) {
    let (framework, draft) = ten_times(&Framework::builtin());
    let bytes: usize = draft.items.values().map(|entry| entry.narrative.len()).sum();
    assert!(bytes >= 1_000_000, "{bytes} bytes of narrative");
    bencher.bench(|| validate(divan::black_box(&framework), divan::black_box(&draft)));
}

/// Word export (report model, WordprocessingML, deflate) of the full report; the draft's own JSON
/// is the baseline measured beside it.
#[divan::bench]
fn word_export_of_the_full_report(bencher: divan::Bencher) {
    let framework = Framework::builtin();
    let draft = full_report(&framework);
    bencher.bench(|| {
        lvzhi_core::docx::write_docx(&lvzhi_core::report::build_report(divan::black_box(&framework), &draft))
    });
}

#[divan::bench(sample_count = 10)]
fn word_export_of_ten_times_the_framework_with_1_mb_of_text(bencher: divan::Bencher) {
    let (framework, draft) = ten_times(&Framework::builtin());
    bencher.bench(|| {
        lvzhi_core::docx::write_docx(&lvzhi_core::report::build_report(divan::black_box(&framework), &draft))
    });
}

/// The baseline of the export benchmarks: the draft file (pretty JSON) of the full report.
#[divan::bench]
fn baseline_draft_file_of_the_full_report(bencher: divan::Bencher) {
    let draft = full_report(&Framework::builtin());
    bencher.bench(|| lvzhi_core::draft_file::export_draft_json(divan::black_box(&draft)));
}
