//! Starting from an old report: the seed's two reports, as pasted text (and re-typed variants) and
//! as a .docx from our own exporter, land on the indicator tree with nothing lost.

mod common;

use common::{all_output, characters, report_lines, report_parts, split_entry};
use lvzhi_core::docx::write_docx;
use lvzhi_core::parse::{parse_docx, parse_text, to_draft, Assignments, ParseError, ParsedReport, LEAVE_OUT};
use lvzhi_core::report::build_report;
use lvzhi_core::Framework;

fn report_text(which: usize) -> String {
    report_lines(which).join("\n")
}

fn assert_nothing_lost(input: &str, parsed: &ParsedReport) {
    assert_eq!(characters(all_output(parsed)), characters([input]), "every character of the input is somewhere");
}

fn area_codes(framework: &Framework) -> Vec<String> {
    framework.areas.iter().map(|area| area.code.clone()).collect()
}

#[test]
fn report_one_lands_item_by_item() {
    let framework = Framework::builtin();
    let input = report_text(1);
    let parsed = parse_text(&input, &framework).unwrap();
    assert_eq!(parsed.areas, area_codes(&framework));
    assert_eq!((parsed.year.as_str(), parsed.region.as_str()), ("2023", "xx市"));
    assert_eq!(parsed.notice_number, "川教督委〔2023〕2号");
    assert!(parsed.unassigned.is_empty(), "{:#?}", parsed.unassigned);
    // Every item on its own framework item, with the seed's paragraph after its lead sentence.
    let parts = report_parts(&report_lines(1));
    for (area, (_, paragraphs)) in framework.areas.iter().zip(&parts.areas) {
        for (item, paragraph) in area.items.iter().zip(paragraphs) {
            let mapped = parsed
                .items
                .iter()
                .find(|mapped| mapped.code == item.code)
                .unwrap_or_else(|| panic!("{} missing", item.code));
            if mapped.not_applicable {
                assert!(item.starter.is_none(), "{}", item.code);
                continue;
            }
            let body = if item.lead { paragraph.split_once('。').unwrap().1 } else { paragraph.as_str() };
            assert_eq!(mapped.text, body, "{}", item.code);
        }
    }
    assert_eq!(parsed.items.len(), 42);
    assert_eq!(parsed.items.iter().filter(|item| item.not_applicable).count(), 3);
    let problems: Vec<(String, String)> = parts.problems.iter().map(|line| split_entry(line)).collect();
    assert_eq!(parsed.problems.iter().map(|e| (e.title.clone(), e.text.clone())).collect::<Vec<_>>(), problems);
    let measures: Vec<(String, String)> = parts.measures.iter().map(|line| split_entry(line)).collect();
    assert_eq!(parsed.measures.iter().map(|e| (e.title.clone(), e.text.clone())).collect::<Vec<_>>(), measures);
    assert_nothing_lost(&input, &parsed);
}

#[test]
fn report_two_lands_area_by_area() {
    let framework = Framework::builtin();
    let input = report_text(2);
    let parsed = parse_text(&input, &framework).unwrap();
    assert_eq!(parsed.areas, area_codes(&framework), "all nine areas, though report (2) words them differently");
    assert_eq!(parsed.problems.len(), 4);
    assert_eq!(parsed.measures.len(), 4);
    assert_eq!(parsed.problems[0].title, "学前教育资源供给不平衡不充分");
    assert_eq!(parsed.measures[3].title, "继续做好学校安全管理");
    // Each area's text lands on items of that area.
    let parts = report_parts(&report_lines(2));
    for (area, (_, body)) in framework.areas.iter().zip(&parts.areas) {
        let landed: String = parsed
            .items
            .iter()
            .filter(|item| area.items.iter().any(|own| own.code == item.code))
            .map(|item| format!("{}{}", item.restated, item.text))
            .collect();
        assert_eq!(characters([landed]), characters([body.concat()]), "{}", area.code);
    }
    // Sentences go to the item they are about.
    let budget = parsed.items.iter().find(|item| item.code == "A2.1").expect("两个只增不减");
    assert!(budget.text.contains("两个只增不减"));
    assert_nothing_lost(&input, &parsed);
}

/// The report as someone re-typed it: full-width brackets, Windows line endings, blank lines and
/// stray spaces.
fn retyped(text: &str) -> String {
    text.replace('(', "（").replace(')', "）").lines().map(|line| format!("  {line} \r\n\r\n")).collect()
}

#[test]
fn retyped_reports_land_the_same_way() {
    let framework = Framework::builtin();
    for which in [1, 2] {
        let plain = parse_text(&report_text(which), &framework).unwrap();
        let input = retyped(&report_text(which));
        let parsed = parse_text(&input, &framework).unwrap();
        assert_eq!(parsed.areas, plain.areas);
        let codes = |parsed: &ParsedReport| parsed.items.iter().map(|item| item.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&parsed), codes(&plain), "report ({which})");
        for (retyped_item, plain_item) in parsed.items.iter().zip(&plain.items) {
            assert_eq!(retyped_item.text, plain_item.text.replace('(', "（").replace(')', "）"));
        }
        assert_eq!(parsed.problems.len(), plain.problems.len());
        assert_eq!(parsed.measures.len(), plain.measures.len());
        assert_nothing_lost(&input, &parsed);
    }
}

#[test]
fn a_docx_from_our_exporter_comes_back_as_the_same_draft() {
    let framework = Framework::builtin();
    let source = common::seed_like_draft(&framework);
    // Narratives as plain text: the exporter writes values, and an import reads values back.
    let plain = |text: &str| {
        lvzhi_core::template::render_text(text, |name| source.reference_value(&framework, name), |_| "x".into())
    };
    let mut draft = source.clone();
    for entry in draft.items.values_mut() {
        entry.narrative = plain(&entry.narrative);
        entry.not_applicable_reason.clear();
    }
    for measure in &mut draft.measures {
        measure.text = plain(&measure.text);
    }
    let bytes = write_docx(&build_report(&framework, &draft));
    let parsed = parse_docx(&bytes, &framework).unwrap();
    assert!(parsed.unassigned.is_empty(), "{:#?}", parsed.unassigned);
    let back =
        to_draft(&parsed, &Assignments::proposed(&parsed), &framework, draft.id.clone(), draft.created_at.clone());
    assert_eq!(back.meta.region, draft.meta.region);
    assert_eq!(back.meta.notice_title, draft.meta.notice_title);
    assert_eq!(back.meta.notice_number, draft.meta.notice_number);
    assert_eq!(
        (back.meta.unit.as_str(), back.meta.date.as_str()),
        (draft.meta.unit.as_str(), draft.meta.date.as_str())
    );
    for (_, item) in framework.items() {
        let (original, imported) = (&draft.items[&item.code], &back.items[&item.code]);
        assert_eq!(imported.not_applicable, original.not_applicable, "{}", item.code);
        if !original.not_applicable {
            assert_eq!(imported.narrative, original.narrative, "{}", item.code);
        }
    }
    let entries = |draft: &lvzhi_core::Draft| {
        (
            draft.problems.iter().map(|p| (p.title.clone(), p.text.clone())).collect::<Vec<_>>(),
            draft.measures.iter().map(|m| (m.title.clone(), m.text.clone())).collect::<Vec<_>>(),
        )
    };
    assert_eq!(entries(&back), entries(&draft));
    // Measures answer the problems they resemble: the 范文 pairs (二)–(一), (三)–(二), (四)–(三).
    let answers: Vec<Vec<String>> = back.measures.iter().map(|measure| measure.answers.clone()).collect();
    assert_eq!(answers, [vec![], vec!["p1".to_owned()], vec!["p2".to_owned()], vec!["p3".to_owned()], vec![]]);
}

#[test]
fn corrections_move_text_and_nothing_is_left_out_unasked() {
    let framework = Framework::builtin();
    let input =
        report_text(1).replacen("一、工作开展情况及成效", "本报告由教育局起草。\n一、工作开展情况及成效", 1).replacen(
            "(二)落实教育优先发展战略\n",
            "(二)落实教育优先发展战略\n一段没有归属的说明文字，与任何指标都不相干。\n",
            1,
        );
    let parsed = parse_text(&input, &framework).unwrap();
    assert_eq!(parsed.unassigned.len(), 2, "{:#?}", parsed.unassigned);
    assert_eq!(parsed.unassigned[0].area, None);
    assert_eq!(parsed.unassigned[1].area.as_deref(), Some("A2"));
    let mut assignments = Assignments::proposed(&parsed);
    assert_eq!(assignments.undecided(), 2 - parsed.unassigned.iter().filter(|u| u.suggestion.is_some()).count());
    // The user moves the text of A1.3 to A1.2, leaves the first unassigned text out, puts the other on A2.2.
    let moved = parsed.items.iter().position(|item| item.code == "A1.3").unwrap();
    assignments.blocks[moved].target = Some("A1.2".into());
    assignments.unassigned = vec![Some(LEAVE_OUT.into()), Some("A2.2".into())];
    assert_eq!(assignments.undecided(), 0);
    let draft = to_draft(&parsed, &assignments, &framework, "new".into(), "now".into());
    let a12 = &draft.items["A1.2"].narrative;
    assert!(
        a12.starts_with("制发《加强中小学校党的建设工作实施意见》") && a12.ends_with("纳入政治学习、师德建设。"),
        "{a12}"
    );
    assert!(!draft.items.contains_key("A1.3"));
    assert!(draft.items["A2.2"].narrative.ends_with("一段没有归属的说明文字，与任何指标都不相干。"));
    assert!(!draft.items.values().any(|entry| entry.narrative.contains("本报告由教育局起草")));
}

#[test]
fn hostile_input_gets_a_message_not_a_panic() {
    let framework = Framework::builtin();
    assert_eq!(parse_text("", &framework), Err(ParseError::Empty));
    assert_eq!(parse_text(" \r\n\t\u{3000}", &framework), Err(ParseError::Empty));
    assert_eq!(parse_text("随便一段文字。没有结构。", &framework), Err(ParseError::NotAReport));
    assert_eq!(parse_text("a\0b", &framework), Err(ParseError::NotText));
    let huge = "加强党建工作。".repeat(20 * 1024 * 1024 / 21);
    assert!(matches!(parse_text(&huge, &framework), Err(ParseError::TooLarge(_))));
    assert_eq!(parse_docx(b"", &framework), Err(ParseError::NotDocx));
    assert_eq!(parse_docx(&[0xff; 1000], &framework), Err(ParseError::NotDocx));
    // A zip that is not a docx.
    let mut other = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    other.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut other, b"hello").unwrap();
    assert_eq!(parse_docx(&other.finish().unwrap().into_inner(), &framework), Err(ParseError::NotDocx));
    // A docx whose XML nests 100 000 deep, and one whose XML is broken.
    let deep = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}{}</w:document>"#,
        "<w:p>".repeat(100_000),
        "</w:p>".repeat(100_000)
    );
    for document in [deep.as_str(), "<w:document><w:p>unclosed"] {
        let mut docx = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        docx.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut docx, document.as_bytes()).unwrap();
        assert_eq!(parse_docx(&docx.finish().unwrap().into_inner(), &framework), Err(ParseError::BrokenDocx));
    }
    for error in [
        ParseError::Empty,
        ParseError::NotDocx,
        ParseError::BrokenDocx,
        ParseError::NotAReport,
        ParseError::TooLarge(lvzhi_core::limits::OLD_REPORT_TEXT.check(20 << 20).unwrap_err()),
    ] {
        assert!(!error.to_string().is_empty());
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of the genre, so generated input reaches deep into the parser.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("一、工作开展情况及成效".to_owned()),
            Just("二、存在的问题".to_owned()),
            Just("三、下一步措施".to_owned()),
            Just("（一）".to_owned()),
            Just("(九)".to_owned()),
            Just("1.".to_owned()),
            Just("。".to_owned()),
            Just("无此项工作任务".to_owned()),
            Just("落实“两个只增不减”。".to_owned()),
            Just("2023年xx市人民政府履行教育职责自评报告".to_owned()),
            Just("按照《通知》(川教督委〔2023〕2号)要求".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

        #[test]
        fn parsing_never_panics_and_never_loses_text(parts in proptest::collection::vec(fragment(), 0..60)) {
            let framework = Framework::builtin();
            let input: String = parts.concat();
            if let Ok(parsed) = parse_text(&input, &framework) {
                prop_assert_eq!(characters(all_output(&parsed)), characters([input.as_str()]));
            }
        }

        #[test]
        fn arbitrary_bytes_as_docx_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_docx(&bytes, &Framework::builtin());
        }
    }
}

/// The draft made from report (2) as proposed, and its report as plain text.
fn draft_of_report_two(framework: &Framework) -> (ParsedReport, lvzhi_core::Draft) {
    let parsed = parse_text(&report_text(2), framework).unwrap();
    let mut assignments = Assignments::proposed(&parsed);
    for target in &mut assignments.unassigned {
        target.get_or_insert_with(|| LEAVE_OUT.to_owned());
    }
    let draft = to_draft(&parsed, &assignments, framework, "d".into(), "t".into());
    (parsed, draft)
}

#[test]
fn report_two_items_do_not_repeat_their_titles_after_the_lead_sentence() {
    let framework = Framework::builtin();
    let (parsed, draft) = draft_of_report_two(&framework);
    let a41 = parsed.items.iter().find(|item| item.code == "A4.1").unwrap();
    assert!(a41.restated.starts_with("促进学前教育普及普惠发展"), "{:?}", a41.restated);
    assert!(a41.text.starts_with("20xx年市投入"), "{}", a41.text);
    for (_, item) in framework.items().filter(|(_, item)| item.lead) {
        let Some(entry) = draft.items.get(&item.code) else { continue };
        let first_clause: String = entry.narrative.chars().take_while(|c| !matches!(c, '，' | ',' | '。')).collect();
        // Only a text that is nothing but the restated title may keep it.
        if first_clause.chars().count() + 1 < entry.narrative.chars().count() {
            assert!(
                lvzhi_core::parse::similarity::title_score(&first_clause, &item.title) < 0.6,
                "{} repeats its title: {}",
                item.code,
                entry.narrative
            );
        }
    }
}

#[test]
fn report_two_area_nine_goes_clause_by_clause_to_its_items() {
    let framework = Framework::builtin();
    let (parsed, draft) = draft_of_report_two(&framework);
    let item = |code: &str| parsed.items.iter().find(|item| item.code == code).unwrap();
    // The report names 《教育法》 and 免试就近入学 in passing: that says no more than the titles,
    // so those items are left to write, not filled with their own titles again.
    assert!(item("A9.1").restated.contains("中华人民共和国教育法"));
    assert!(item("A9.2").restated.contains("免试就近入学"));
    assert!(!draft.items.contains_key("A9.1") && !draft.items.contains_key("A9.2"));
    assert!(!item("A9.3").text.contains("教育法"));
    // A clause about an item joins it from the sentence it shares with another item's.
    assert!(item("A5.1").text.starts_with("落实教师工资待遇政策"), "{}", item("A5.1").text);
    assert!(!item("A5.2").text.contains("工资待遇"));
}

#[test]
fn report_two_links_every_measure_to_its_problem() {
    let framework = Framework::builtin();
    let (_, draft) = draft_of_report_two(&framework);
    let answers: Vec<Vec<String>> = draft.measures.iter().map(|measure| measure.answers.clone()).collect();
    assert_eq!(answers, [["p1"], ["p2"], ["p3"], ["p4"]]);
}

#[test]
fn a_block_can_be_split_at_a_sentence_moved_in_part_or_left_out() {
    let framework = Framework::builtin();
    let parsed = parse_text(&report_text(2), &framework).unwrap();
    let mut assignments = Assignments::proposed(&parsed);
    for target in &mut assignments.unassigned {
        target.get_or_insert_with(|| LEAVE_OUT.to_owned());
    }
    let index = assignments.blocks.iter().position(|block| block.proposed == "A1.1").unwrap();
    let whole = assignments.blocks[index].text.clone();
    let starts = lvzhi_core::parse::sentence_starts(&whole);
    assert!(starts.len() >= 3);
    assert!(!assignments.split(index, 0), "the first sentence cannot be split off");
    assert!(assignments.split(index, 2));
    let (first, rest) = (assignments.blocks[index].clone(), assignments.blocks[index + 1].clone());
    assert_eq!(format!("{}{}", first.text, rest.text), whole.replace(' ', ""), "nothing lost at the cut");
    assert_eq!(rest.target.as_deref(), Some("A1.1"));
    // The second part goes to A1.2, and A2.2's text is left out.
    assignments.blocks[index + 1].target = Some("A1.2".into());
    let a22 = assignments.blocks.iter().position(|block| block.proposed == "A2.2");
    if let Some(a22) = a22 {
        assignments.blocks[a22].target = None;
    }
    let draft = to_draft(&parsed, &assignments, &framework, "d".into(), "t".into());
    assert!(draft.items["A1.2"].narrative.contains(rest.text.trim_end_matches('。')));
    assert!(!draft.items["A1.1"].narrative.contains(rest.text.trim_end_matches('。')));
    assert!(a22.is_none() || !draft.items.contains_key("A2.2"));
}

#[test]
fn half_width_punctuation_is_made_full_width_only_when_chosen() {
    let framework = Framework::builtin();
    let parsed = parse_text(&report_text(2), &framework).unwrap();
    let mut assignments = Assignments::proposed(&parsed);
    for target in &mut assignments.unassigned {
        target.get_or_insert_with(|| LEAVE_OUT.to_owned());
    }
    let marks = assignments.half_width_marks(&parsed);
    assert!(marks > 100, "report (2) is written with half-width commas: {marks}");
    let as_is = to_draft(&parsed, &assignments, &framework, "d".into(), "t".into());
    assert!(as_is.items.values().any(|entry| entry.narrative.contains(',')));
    assignments.full_width_punctuation = true;
    let fixed = to_draft(&parsed, &assignments, &framework, "d".into(), "t".into());
    assert!(fixed.items.values().all(|entry| !entry.narrative.contains(',')));
    assert!(fixed.problems.iter().all(|problem| !problem.text.contains(',')));
    assert!(fixed.items["A4.2"].narrative.contains("3.73亿元"), "decimals stay as they are");
}

#[test]
fn the_notice_title_is_made_full_width_with_the_rest() {
    let framework = Framework::builtin();
    let parsed = parse_text(&report_text(2), &framework).unwrap();
    assert!(parsed.notice_title.contains('('), "{}", parsed.notice_title);
    let mut assignments = Assignments::proposed(&parsed);
    for target in &mut assignments.unassigned {
        target.get_or_insert_with(|| LEAVE_OUT.to_owned());
    }
    assignments.full_width_punctuation = true;
    let draft = to_draft(&parsed, &assignments, &framework, "d".into(), "t".into());
    assert!(draft.meta.notice_title.contains("市（州）"), "{}", draft.meta.notice_title);
}

#[test]
fn words_set_aside_as_restating_the_title_can_be_kept_after_all() {
    let framework = Framework::builtin();
    let parsed = parse_text(&report_text(2), &framework).unwrap();
    let mut assignments = Assignments::proposed(&parsed);
    for target in &mut assignments.unassigned {
        target.get_or_insert_with(|| LEAVE_OUT.to_owned());
    }
    let index = assignments.blocks.iter().position(|block| block.proposed == "A4.1").unwrap();
    let restated = assignments.blocks[index].restated.clone();
    // A block with nothing but the restatement: left to write, unless the user keeps the words.
    assignments.blocks[index].text.clear();
    let left = to_draft(&parsed, &assignments, &framework, "d".into(), "t".into());
    assert!(!left.items.contains_key("A4.1"));
    assert!(assignments.keep_restated(index));
    assert!(!assignments.keep_restated(index), "nothing more to keep");
    let kept = to_draft(&parsed, &assignments, &framework, "d".into(), "t".into());
    let words = restated.trim().trim_end_matches([',', '，', '。']);
    assert_eq!(kept.items["A4.1"].narrative, format!("{words}。"), "kept as a sentence");
    assert!(!assignments.keep_restated(usize::MAX));
}
