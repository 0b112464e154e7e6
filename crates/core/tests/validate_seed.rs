//! The validator on the seed: a draft holding the 范文 verbatim must show every blank, every
//! half-width mark and the impossible year range; fixing all punctuation changes nothing else.

mod common;

use common::{report_lines, report_parts, split_entry};
use lvzhi_core::validate::{apply_fixes, apply_fixes_to_text, text_fields, validate, Finding, Fix};
use lvzhi_core::{Draft, Framework, ItemEntry, Measure, Problem};

/// Report (1) verbatim: each item's paragraph (after its lead sentence) as its narrative, the
/// problems and measures as entries, the title's `xx市` as the region and the opening's notice.
fn draft_of_report_one(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "seed".into(), "t".into());
    draft.meta.region = "xx市".into();
    draft.meta.notice_title = "关于开展2023年对市(州)人民政府履行教育职责情况评价工作的通知".into();
    draft.meta.date = "2023年3月20日".into();
    let parts = report_parts(&report_lines(1));
    for (area, (_, paragraphs)) in framework.areas.iter().zip(&parts.areas) {
        for (item, paragraph) in area.items.iter().zip(paragraphs) {
            let body = if item.lead { paragraph.split_once('。').unwrap().1 } else { paragraph.as_str() };
            draft.items.insert(item.code.clone(), ItemEntry { narrative: body.to_owned(), ..ItemEntry::default() });
        }
    }
    add_entries(&mut draft, &parts.problems, &parts.measures);
    draft
}

fn add_entries(draft: &mut Draft, problems: &[String], measures: &[String]) {
    for line in problems {
        let (title, text) = split_entry(line);
        let id = format!("p{}", draft.problems.len() + 1);
        draft.problems.push(Problem { id, title, text });
    }
    for line in measures {
        let (title, text) = split_entry(line);
        let id = format!("m{}", draft.measures.len() + 1);
        draft.measures.push(Measure { id, title, text, answers: Vec::new() });
    }
}

/// Report (1) as above, plus report (2): each area paragraph after the first item's narrative of
/// its area, its problems and measures after report (1)'s.
fn draft_of_both_reports(framework: &Framework) -> Draft {
    let mut draft = draft_of_report_one(framework);
    let parts = report_parts(&report_lines(2));
    for (area, (_, paragraphs)) in framework.areas.iter().zip(&parts.areas) {
        let entry = draft.items.get_mut(&area.items[0].code).unwrap();
        for paragraph in paragraphs {
            entry.narrative.push('\n');
            entry.narrative.push_str(paragraph);
        }
    }
    add_entries(&mut draft, &parts.problems, &parts.measures);
    draft
}

fn of_rule<'a>(findings: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|finding| finding.rule == code).collect()
}

/// The text a finding points at.
fn pointed<'a>(framework: &Framework, draft: &'a Draft, finding: &Finding) -> &'a str {
    let field = text_fields(framework, draft).into_iter().find(|field| field.location == finding.location).unwrap();
    &field.text[finding.range.clone().unwrap()]
}

fn half_width_marks_in(framework: &Framework, draft: &Draft) -> usize {
    text_fields(framework, draft)
        .iter()
        .map(|field| field.text.matches([',', ';', ':', '(', ')', '?', '!']).count())
        .sum()
}

#[test]
fn report_one_verbatim_shows_every_blank_mark_and_the_backwards_range() {
    let framework = Framework::builtin();
    let draft = draft_of_report_one(&framework);
    let findings = validate(&framework, &draft);

    // Report (1) has 83 blanks: 81 in its body, one in its title (the region, here `xx市`) and one
    // in its opening, which the app writes from the meta and is not part of the draft.
    let blanks = of_rule(&findings, "text-blank");
    assert_eq!(blanks.len(), 82);
    for finding in &blanks {
        assert!(matches!(pointed(&framework, &draft, finding), "x" | "xx" | "20xx"), "{finding:?}");
    }
    assert_eq!(blanks.iter().filter(|f| pointed(&framework, &draft, f) == "20xx").count(), 9);

    // Report (1) uses half-width marks only where full-width ones belong: every one is found.
    let half_width = of_rule(&findings, "text-half-width");
    assert_eq!(half_width.len(), half_width_marks_in(&framework, &draft));
    // Report (1) has 285 of them. Not in the draft: 2 in its title `(1)`, 6 in its opening, 18 in
    // the area headings `(一)`, 16 in the numbering of problems and measures, 2 in the lead
    // sentence `加强学校(园)安防设施建设`. In the draft but not in report (1)'s body: the notice
    // title's `(州)`, 2.
    assert_eq!(half_width.len(), 285 - 2 - 6 - 18 - 16 - 2 + 2);

    let ranges = of_rule(&findings, "text-year-range");
    assert_eq!(ranges.len(), 1);
    assert_eq!(pointed(&framework, &draft, ranges[0]), "2023-2023年");
    assert_eq!(of_rule(&findings, "text-half-width-dot").len(), 1);
}

#[test]
fn both_reports_show_all_blanks_that_fall_in_the_draft() {
    let framework = Framework::builtin();
    let draft = draft_of_both_reports(&framework);
    let findings = validate(&framework, &draft);
    // The seed has 141 blanks; three are in parts the draft does not hold: report (1)'s opening,
    // and report (2)'s title and opening.
    assert_eq!(of_rule(&findings, "text-blank").len(), 141 - 3);
    assert_eq!(of_rule(&findings, "text-half-width").len(), half_width_marks_in(&framework, &draft));
}

#[test]
fn fixing_all_punctuation_changes_exactly_the_marks() {
    let framework = Framework::builtin();
    let draft = draft_of_both_reports(&framework);
    let findings = validate(&framework, &draft);
    let fixes: Vec<&Fix> = of_rule(&findings, "text-half-width").into_iter().filter_map(|f| f.fix.as_ref()).collect();
    let mut changed_fields = 0;
    for field in text_fields(&framework, &draft) {
        let own: Vec<&Fix> = fixes.iter().copied().filter(|fix| fix.location == field.location).collect();
        let fixed = apply_fixes_to_text(field.text, &own).unwrap();
        let naive: String = field
            .text
            .chars()
            .map(|c| match c {
                ',' => '，',
                ';' => '；',
                ':' => '：',
                '(' => '（',
                ')' => '）',
                other => other,
            })
            .collect();
        assert_eq!(fixed, naive, "{:?}", field.location);
        changed_fields += usize::from(!own.is_empty());
    }
    assert!(changed_fields > 40);
    let all_fixed: String = text_fields(&framework, &draft)
        .iter()
        .map(|field| {
            let own: Vec<&Fix> = fixes.iter().copied().filter(|fix| fix.location == field.location).collect();
            apply_fixes_to_text(field.text, &own).unwrap()
        })
        .collect();
    for kept in ["3.73亿元", "1+X", "100M", "“1+N”"] {
        assert!(all_fixed.contains(kept), "{kept} must survive the fixes");
    }
    // Applied to the draft, the fixes leave no half-width mark for the validator to find.
    let fixed_draft = apply_fixes(&draft, &fixes).unwrap();
    assert!(of_rule(&validate(&framework, &fixed_draft), "text-half-width").is_empty());
    assert_eq!(of_rule(&validate(&framework, &fixed_draft), "text-blank").len(), 141 - 3);
}

#[test]
fn a_county_draft_written_from_the_city_template_is_told_its_level_words() {
    let framework = Framework::builtin();
    let mut draft = draft_of_report_one(&framework);
    draft.meta.level = lvzhi_core::framework::Level::County;
    draft.meta.region = "仁寿县".into();
    let findings: Vec<Finding> =
        validate(&framework, &draft).into_iter().filter(|finding| finding.rule == "text-level-word").collect();
    // 全市 and 市委/市政府 run through report (1); every one is offered as 县.
    assert!(findings.len() >= 10, "{}", findings.len());
    let fixes: Vec<&Fix> = findings.iter().filter_map(|finding| finding.fix.as_ref()).collect();
    assert_eq!(fixes.len(), findings.len());
    assert!(fixes.iter().all(|fix| fix.expected == "市" && fix.replacement == "县"));
    let fixed = apply_fixes(&draft, &fixes).unwrap();
    let text = fixed.items["A1.1"].narrative.clone();
    assert!(text.contains("县委、县政府主要领导") || text.contains("县委"), "{text}");
    assert!(validate(&framework, &fixed).iter().all(|finding| finding.rule != "text-level-word"));
    // The same text in a city's draft has none.
    let city = draft_of_report_one(&framework);
    assert!(validate(&framework, &city).iter().all(|finding| finding.rule != "text-level-word"));
}

#[test]
fn a_figure_typed_wrongly_never_reaches_the_report() {
    let framework = Framework::builtin();
    let mut draft = Draft::new(&framework, "d".into(), "t".into());
    draft
        .items
        .insert("A2.1".into(), ItemEntry { narrative: "幼儿园增长{幼儿园支出增幅}%。".into(), ..ItemEntry::default() });
    draft.figures.insert("spending_growth_kindergarten".into(), "abc".into());
    let text = lvzhi_core::report::build_report(&framework, &draft).to_plain_text();
    assert!(text.contains("幼儿园增长x%"), "shown as still to fill");
    assert!(!text.contains("abc"));
    let findings = validate(&framework, &draft);
    assert!(findings.iter().any(|finding| finding.rule == "figure-invalid"));
    assert!(findings.iter().all(|finding| finding.rule != "text-reference-empty"), "said once, as what it is");
}
