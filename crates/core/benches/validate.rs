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

/// The scored example filled in full: every 观测点 scored (some below full marks with a 得失分说明),
/// every figure that drives a deduction filled, bonus, 扣分项 and conditions answered.
fn full_scored_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "bench".into(), "2025-01-01T00:00:00Z".into());
    for (index, row) in framework.scored_leaves().enumerate() {
        let points = row.points.unwrap_or_default();
        let lose = index % 3 == 0;
        let score = if lose { points - lvzhi_core::points::Points::from_thousandths(100) } else { points };
        let entry = draft.scores.entry(row.code.to_owned()).or_default();
        entry.score = score.to_string();
        if lose {
            entry.explanation = "部分工作未达到评分细则要求，已列入整改。".into();
        }
        if let Some(deduction) = row.deduction {
            draft.figures.insert(deduction.figure.clone(), "3".into());
        }
    }
    let scoring = framework.scoring.as_ref().unwrap();
    for item in framework.bonus_items() {
        draft.scores.entry(item.code.clone()).or_default().score = "1".into();
    }
    for deduction in &scoring.deductions {
        draft.deductions.entry(deduction.code.clone()).or_default().occurrences = "0".into();
    }
    for condition in &scoring.conditions {
        draft.conditions.entry(condition.code.clone()).or_default().occurred = Some(false);
    }
    for (_, item) in framework.items() {
        draft.items.entry(item.code.clone()).or_default().narrative =
            format!("{}。经自评，本项工作完成较好。", item.title);
    }
    draft
}

#[divan::bench]
fn full_scored_draft_of_the_example(bencher: divan::Bencher) {
    let framework = Framework::scored_example();
    let draft = full_scored_draft(&framework);
    assert!(draft.scores.len() >= 60);
    bencher.bench(|| validate(divan::black_box(&framework), divan::black_box(&draft)));
}

/// The score sheet alone (sums, proposals, grade) of the same draft: what every total on screen
/// follows after a pause in typing.
#[divan::bench]
fn score_sheet_of_the_full_scored_example(bencher: divan::Bencher) {
    let framework = Framework::scored_example();
    let draft = full_scored_draft(&framework);
    bencher.bench(|| lvzhi_core::scoring::ScoreSheet::compute(divan::black_box(&framework), divan::black_box(&draft)));
}

/// Reading a pasted table (grid, column roles, the framework with its rules), as 从指标表新建 does
/// at each paste: the corpus's first table as pasted, the baseline of the next case.
fn read_table(text: &str) -> usize {
    use lvzhi_core::indicator_table::{build_framework, grid_from_text, guess_header, TableChoices, TableMeta};
    let grid = grid_from_text(text);
    let (header, roles) = guess_header(&grid);
    let meta = TableMeta {
        id: "bench".into(),
        title: String::new(),
        province: String::new(),
        year: 0,
        level: lvzhi_core::framework::Level::County,
        notice_title: String::new(),
        notice_number: String::new(),
    };
    build_framework(&grid, header, &roles, &meta, &TableChoices::default())
        .map_or(0, |built| built.framework.item_count())
}

const SHAANXI_LIKE: &str = include_str!("../tests/tables/01-shaanxi-like.tsv");

#[divan::bench]
fn baseline_read_a_pasted_table(bencher: divan::Bencher) {
    bencher.bench(|| read_table(divan::black_box(SHAANXI_LIKE)));
}

/// The same table repeated up to the limit of a table's text (`limits::TABLE_TEXT`, 1 MB): the
/// largest paste of text the app reads.
#[divan::bench(sample_count = 10)]
fn read_a_pasted_table_at_the_text_limit(bencher: divan::Bencher) {
    let rows: Vec<&str> = SHAANXI_LIKE.lines().collect();
    let mut text = rows[0].to_owned();
    while text.len() + 4096 < lvzhi_core::limits::TABLE_TEXT.bytes {
        for row in &rows[1..] {
            text.push('\n');
            text.push_str(row);
        }
    }
    bencher.bench(|| read_table(divan::black_box(&text)));
}
