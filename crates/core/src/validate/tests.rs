//! Each rule of the catalogue, firing and staying silent. The clean draft has no finding at all;
//! each test breaks one thing and expects exactly its rule.

use super::*;
use crate::draft::{ItemEntry, Location, Measure, MetaField, Problem, Rating};
use crate::framework::FigureKind;

fn framework() -> Framework {
    Framework::builtin()
}

/// A valid value for each figure, meeting every threshold.
fn good_value(figure: &crate::framework::Figure) -> String {
    match figure.kind {
        FigureKind::Year if figure.id == "large_class_plan_end" => "2025".into(),
        FigureKind::Year => "2022".into(),
        FigureKind::Percent => "100".into(),
        FigureKind::Count if figure.thresholds.iter().any(|t| t.at_most.is_some()) => "0".into(),
        FigureKind::Count => "12".into(),
        FigureKind::Amount if figure.id == "teacher_average_salary" => "98000".into(),
        FigureKind::Amount if figure.id == "civil_servant_average_salary" => "96000".into(),
        FigureKind::Amount => "1200".into(),
        FigureKind::Quantity => "2.5".into(),
        FigureKind::Ratio => "1:13".into(),
    }
}

/// A complete draft: every item from its starter (or 无此项工作任务 with a reason), every figure,
/// the 范文 problems and measures, each problem answered. Kept under the length limit.
fn clean_draft(framework: &Framework) -> Draft {
    let mut draft = Draft::new(framework, "clean".into(), "2024-01-05T00:00:00Z".into());
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
    for figure in framework.all_figures() {
        draft.figures.insert(figure.id.clone(), good_value(figure));
    }
    draft.problems = vec![Problem {
        id: "p1".into(),
        title: "学前教育普惠资源不足".into(),
        text: "城区公办园学位差距较大。".into(),
    }];
    draft.measures = vec![Measure {
        id: "m1".into(),
        title: "加快推进学前教育普及普惠发展".into(),
        text: "加快公办园建设。".into(),
        answers: vec!["p1".into()],
    }];
    draft
}

fn findings_of(framework: &Framework, draft: &Draft, code: &str) -> Vec<Finding> {
    validate(framework, draft).into_iter().filter(|finding| finding.rule == code).collect()
}

fn narrative<'a>(draft: &'a mut Draft, code: &str) -> &'a mut String {
    &mut draft.items.get_mut(code).unwrap().narrative
}

#[test]
fn the_clean_draft_has_no_finding_at_all() {
    let framework = framework();
    let findings = validate(&framework, &clean_draft(&framework));
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn meta_fields_answer_to_their_reference_names() {
    let names: Vec<&str> = MetaField::ALL.into_iter().filter_map(MetaField::reference_name).collect();
    assert_eq!(names, ["地区", "省份", "年度"]);
    assert_eq!(MetaField::for_reference("省份"), Some(MetaField::Province));
    assert_eq!(MetaField::for_reference("教育经费"), None);
}

#[test]
fn every_rule_code_is_unique_and_described() {
    let mut codes: Vec<&str> = CATALOGUE.iter().map(|rule| rule.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), CATALOGUE.len());
    assert!(CATALOGUE.iter().all(|rule| !rule.name.is_empty() && !rule.description.is_empty()));
    assert_eq!(rule("text-blank").unwrap().severity, Severity::Error);
}

#[test]
fn meta_required_fires_per_missing_field() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.meta.region.clear();
    draft.meta.notice_number = "  ".into();
    let findings = findings_of(&framework, &draft, "meta-required");
    let locations: Vec<&Location> = findings.iter().map(|finding| &finding.location).collect();
    assert_eq!(locations, [&Location::Meta(MetaField::Region), &Location::Meta(MetaField::NoticeNumber)]);
}

#[test]
fn meta_year_fires_on_a_malformed_or_other_year() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.meta.year = "23".into();
    assert_eq!(findings_of(&framework, &draft, "meta-year").len(), 1);
    draft.meta.year = "2024".into();
    assert!(findings_of(&framework, &draft, "meta-year")[0].message.contains("2023"));
}

#[test]
fn meta_data_year_fires_on_a_malformed_or_later_year_and_the_opening_states_it() {
    // The 报告 form's opening names the data year (the built-in 范文's does not).
    let mut framework = framework();
    framework.report = crate::framework::ReportSkeleton::county_report_form();
    let mut draft = clean_draft(&framework);
    assert!(findings_of(&framework, &draft, "meta-data-year").is_empty(), "empty: the framework's");
    let opening = |draft: &Draft| {
        crate::report::build_report(&framework, draft).blocks.iter().find_map(|block| match block {
            crate::report::Block::Paragraph(text) if text.contains("年度履行教育职责情况") => {
                Some(text.clone())
            }
            _ => None,
        })
    };
    assert!(opening(&draft).unwrap().contains("对2022年度履行教育职责情况"), "{:?}", opening(&draft));
    draft.meta.data_year = "2023".into();
    assert!(findings_of(&framework, &draft, "meta-data-year").is_empty());
    assert!(opening(&draft).unwrap().contains("对2023年度履行教育职责情况"), "{:?}", opening(&draft));
    draft.meta.data_year = "22".into();
    assert_eq!(findings_of(&framework, &draft, "meta-data-year").len(), 1);
    assert!(opening(&draft).unwrap().contains("对2022年度"), "a malformed year is not printed");
    draft.meta.data_year = "2024".into();
    assert!(findings_of(&framework, &draft, "meta-data-year")[0].message.contains("晚于评价年度2023年"));
}

#[test]
fn meta_date_offers_the_unpadded_form() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.meta.date = "2024-01-05".into();
    let findings = findings_of(&framework, &draft, "meta-date");
    assert_eq!(findings[0].fix.as_ref().unwrap().replacement, "2024年1月5日");
    draft.meta.date = "2024年01月05日".into();
    assert_eq!(findings_of(&framework, &draft, "meta-date").len(), 1);
}

#[test]
fn item_empty_fires_for_untouched_and_blank_items() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.items.remove("A1.1");
    *narrative(&mut draft, "A1.2") = " \n ".into();
    let findings = findings_of(&framework, &draft, "item-empty");
    assert_eq!(
        findings.iter().map(|f| f.location.clone()).collect::<Vec<_>>(),
        [Location::Item("A1.1".into()), Location::Item("A1.2".into())]
    );
}

#[test]
fn not_applicable_needs_a_reason() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.items.get_mut("A3.4").unwrap().not_applicable_reason.clear();
    assert_eq!(findings_of(&framework, &draft, "item-na-reason")[0].location, Location::ItemReason("A3.4".into()));
}

#[test]
fn not_applicable_where_the_framework_does_not_allow_it_is_a_warning() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    let entry = draft.items.get_mut("A2.1").unwrap();
    entry.not_applicable = true;
    entry.not_applicable_reason = "无".into();
    let findings = findings_of(&framework, &draft, "item-na-not-allowed");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn figure_required_fires_only_for_unreferenced_empty_required_figures() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.figures.remove("school_party_organisations");
    // Referenced in the narrative: reported as an empty reference instead.
    assert!(findings_of(&framework, &draft, "figure-required").is_empty());
    assert_eq!(findings_of(&framework, &draft, "text-reference-empty").len(), 1);
    *narrative(&mut draft, "A1.2") = "全市中小学校党的组织和党的建设全覆盖。".into();
    assert_eq!(findings_of(&framework, &draft, "figure-required").len(), 1);
    // Optional figures are never required.
    draft.figures.remove("per_student_spending_growth");
    assert_eq!(findings_of(&framework, &draft, "figure-required").len(), 1);
}

#[test]
fn empty_lists_are_errors() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.measures.clear();
    assert_eq!(findings_of(&framework, &draft, "list-empty")[0].location, Location::Measures);
    draft.problems.clear();
    assert_eq!(findings_of(&framework, &draft, "list-empty").len(), 2);
}

#[test]
fn figure_invalid_reports_type_and_range() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.figures.insert("inclusive_kindergarten_rate".into(), "120".into());
    draft.figures.insert("school_party_organisations".into(), "十二".into());
    let findings = findings_of(&framework, &draft, "figure-invalid");
    assert_eq!(findings.len(), 2);
    assert!(findings.iter().any(|f| f.message.contains("不能大于100")));
    // Figures of an item marked 无此项工作任务 do not go into the report.
    let entry = draft.items.get_mut("A1.2").unwrap();
    entry.not_applicable = true;
    entry.not_applicable_reason = "无".into();
    assert_eq!(findings_of(&framework, &draft, "figure-invalid").len(), 1);
}

#[test]
fn years_far_from_the_report_year_are_flagged() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.figures.insert("education_budget_year".into(), "2012".into());
    assert_eq!(findings_of(&framework, &draft, "figure-year-far").len(), 1);
    draft.figures.insert("education_budget_year".into(), "2020".into());
    assert!(findings_of(&framework, &draft, "figure-year-far").is_empty());
}

#[test]
fn thresholds_warn_and_cite_their_basis() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    // Typed with a Chinese input method: the message shows it as typed, made ASCII.
    draft.figures.insert("inclusive_kindergarten_rate".into(), "７８.50".into());
    draft.figures.insert("education_budget_growth".into(), "-1.2".into());
    draft.figures.insert("senior_high_super_large_classes".into(), "3".into());
    draft.figures.insert("teacher_average_salary".into(), "90000".into());
    let findings = findings_of(&framework, &draft, "figure-threshold");
    assert_eq!(findings.len(), 4, "{findings:#?}");
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(findings
        .iter()
        .any(|f| f.message.contains("现为78.50%，低于") && f.message.contains("普及普惠督导评估办法")));
    assert!(findings.iter().any(|f| f.message.contains("国办发〔2018〕82号")));
    assert!(findings.iter().any(|f| f.message.contains("要求为0个（不应有）")));
    assert!(findings
        .iter()
        .any(|f| f.message.contains("当地公务员年平均工资收入") && f.message.contains("第三十一条")));
}

#[test]
fn leftover_blanks_are_errors_with_their_range() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    *narrative(&mut draft, "A1.3") = "20xx年建立党组织x个，xx市推行“1+X”证书。".into();
    let findings = findings_of(&framework, &draft, "text-blank");
    let text = &draft.items["A1.3"].narrative;
    let blanks: Vec<&str> = findings.iter().map(|f| &text[f.range.clone().unwrap()]).collect();
    assert_eq!(blanks, ["20xx", "x", "xx"]);
}

#[test]
fn references_that_point_nowhere_are_errors() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    narrative(&mut draft, "A1.3").push_str("共{不存在的数据}所。");
    let findings = findings_of(&framework, &draft, "text-reference-unknown");
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message.contains("不存在的数据"));
}

#[test]
fn doc_numbers_are_checked_in_meta_and_text_with_a_fix() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.meta.notice_number = "川教督委[2023]第2号".into();
    narrative(&mut draft, "A1.3").push_str("按照教督（2022）01号要求。");
    let findings = findings_of(&framework, &draft, "text-doc-number");
    let replacements: Vec<&str> = findings.iter().map(|f| f.fix.as_ref().unwrap().replacement.as_str()).collect();
    assert_eq!(replacements, ["〔2023〕2号", "〔2022〕1号"]);
    draft.meta.notice_number = "第二号".into();
    assert!(findings_of(&framework, &draft, "text-doc-number").iter().any(|f| f.fix.is_none()));
}

#[test]
fn backwards_year_ranges_are_errors() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    narrative(&mut draft, "A1.3").push_str("制定规划（2023-2023年）。");
    assert_eq!(findings_of(&framework, &draft, "text-year-range").len(), 1);
}

#[test]
fn unpaired_marks_are_warnings() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.problems[0].text.push_str("落实“双减工作。");
    assert_eq!(findings_of(&framework, &draft, "text-unpaired")[0].location, Location::ProblemText("p1".into()));
}

#[test]
fn half_width_punctuation_has_a_fix_per_mark() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.measures[0].text = "加快建设,新增学位(约3.5万个);".into();
    let findings = findings_of(&framework, &draft, "text-half-width");
    assert_eq!(findings.len(), 4);
    let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fix.as_ref()).collect();
    assert_eq!(apply_fixes_to_text(&draft.measures[0].text, &fixes).unwrap(), "加快建设，新增学位（约3.5万个）；");
}

#[test]
fn half_width_dots_between_han_have_a_fix() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    narrative(&mut draft, "A1.3").push_str("补助800元/生.年。");
    let findings = findings_of(&framework, &draft, "text-half-width-dot");
    assert_eq!(findings[0].fix.as_ref().unwrap().replacement, "·");
}

#[test]
fn a_repeated_paragraph_is_reported_at_its_second_place() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    let repeated = draft.items["A1.3"].narrative.clone();
    narrative(&mut draft, "A5.3").push_str(&format!("\n{repeated}"));
    let findings = findings_of(&framework, &draft, "text-duplicate");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].location, Location::ItemNarrative("A5.3".into()));
    assert!(findings[0].message.contains("严格执行"));
}

#[test]
fn an_overlong_report_is_a_warning() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    assert!(findings_of(&framework, &draft, "report-too-long").is_empty());
    narrative(&mut draft, "A1.3").push_str(&"加强管理。".repeat(1200));
    assert!(findings_of(&framework, &draft, "report-too-long")[0].message.contains("5000字"));
}

#[test]
fn a_problem_no_measure_answers_is_a_warning() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.measures[0].answers.clear();
    let findings = findings_of(&framework, &draft, "problem-unanswered");
    assert_eq!(findings[0].location, Location::ProblemTitle("p1".into()));
}

#[test]
fn a_shortfall_rating_needs_a_problem_that_mentions_the_item() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.items.get_mut("A4.3").unwrap().rating = Some(Rating::PartlyMet);
    assert_eq!(findings_of(&framework, &draft, "rating-unexplained").len(), 1);
    draft.problems[0].text.push_str("普通高中大班额尚未完全化解。");
    assert!(findings_of(&framework, &draft, "rating-unexplained").is_empty());
    draft.items.get_mut("A1.1").unwrap().rating = Some(Rating::Met);
    assert!(findings_of(&framework, &draft, "rating-unexplained").is_empty());
}

#[test]
fn fixes_refuse_stale_text_and_overlaps() {
    let fix = |range: Range<usize>, expected: &str| Fix {
        location: Location::Report,
        range,
        expected: expected.into(),
        replacement: "，".into(),
    };
    assert_eq!(apply_fixes_to_text("甲,乙", &[&fix(3..4, ",")]), Ok("甲，乙".into()));
    assert_eq!(apply_fixes_to_text("甲;乙", &[&fix(3..4, ",")]), Err(FixError::Stale));
    assert_eq!(apply_fixes_to_text("甲,,乙", &[&fix(3..5, ",,"), &fix(4..5, ",")]), Err(FixError::Overlapping));
}

/// A draft broken in every way the catalogue knows: every rule must fire on it (so a rule added
/// without a way to fire is caught), while the clean draft above keeps every rule silent. The
/// scoring rules need a framework with points: `tests/scoring.rs` fires each of them; the rules of
/// the report's own parts need a skeleton with them: `tests/report_skeleton.rs`.
#[test]
fn every_rule_of_the_catalogue_fires_on_a_draft_broken_every_way() {
    let framework = framework();
    let draft = broken_every_way(&framework);
    let fired: std::collections::BTreeSet<&str> =
        validate(&framework, &draft).iter().map(|finding| finding.rule).collect();
    let all: std::collections::BTreeSet<&str> = CATALOGUE
        .iter()
        .map(|rule| rule.code)
        .filter(|code| !super::SCORING_RULES.contains(code) && !super::SKELETON_RULES.contains(code))
        .collect();
    assert_eq!(fired, all);
}

#[test]
fn no_message_repeats_the_name_of_its_place() {
    // The panel shows the place beside the message, the form shows the field above it.
    let framework = framework();
    let draft = broken_every_way(&framework);
    for finding in validate(&framework, &draft) {
        let name = match &finding.location {
            Location::Item(code) | Location::ItemNarrative(code) | Location::ItemReason(code) => {
                framework.item(code).map(|item| item.title.clone())
            }
            Location::Figure(id) => framework.figure(id).map(|figure| figure.label.clone()),
            _ => None,
        };
        if let Some(name) = name {
            assert!(!finding.message.contains(&name), "{} repeats “{name}”: {}", finding.rule, finding.message);
        }
    }
}

#[test]
fn a_reference_to_an_empty_figure_opens_the_figure_not_the_placeholder() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    draft.figures.remove("education_budget_total");
    let findings = findings_of(&framework, &draft, "text-reference-empty");
    assert!(!findings.is_empty());
    for finding in findings {
        assert!(matches!(finding.location, Location::ItemNarrative(_)), "listed with the text it is in");
        assert_eq!(finding.go_to, Some(Location::Figure("education_budget_total".into())));
    }
    draft.meta.region.clear();
    *narrative(&mut draft, "A1.1") = "{地区}建立领导小组。".into();
    let region = findings_of(&framework, &draft, "text-reference-empty");
    assert!(region.iter().any(|finding| finding.go_to == Some(Location::Meta(MetaField::Region))));
}

fn broken_every_way(framework: &Framework) -> Draft {
    let mut draft = clean_draft(framework);
    draft.meta.region.clear();
    draft.meta.year = "23".into();
    draft.meta.data_year = "22".into();
    draft.meta.date = "2024-01-05".into();
    draft.meta.notice_number = "川教督委[2023]第2号".into();
    draft.items.remove("A1.1");
    draft.items.get_mut("A3.4").unwrap().not_applicable_reason.clear();
    let entry = draft.items.get_mut("A2.2").unwrap();
    entry.not_applicable = true;
    entry.not_applicable_reason = "无".into();
    *narrative(&mut draft, "A1.2") = "全市中小学校党的组织和党的建设全覆盖。".into();
    draft.figures.remove("school_party_organisations");
    draft.figures.remove("education_budget_total");
    draft.figures.insert("inclusive_kindergarten_rate".into(), "120".into());
    draft.figures.insert("education_budget_year".into(), "2012".into());
    draft.figures.insert("education_budget_growth".into(), "-1".into());
    let repeated = draft.items["A1.3"].narrative.clone();
    *narrative(&mut draft, "A1.3") = format!(
        "20xx年{{不存在}}（2023-2023年）“未配对,生.年。全县推进\u{FFFE}。自评得9分。\n{repeated}\n{repeated}\n{}",
        "加强管理。".repeat(1200)
    );
    draft.items.get_mut("A4.3").unwrap().rating = Some(Rating::NotMet);
    draft.measures.clear();
    draft
}

#[test]
fn characters_no_file_may_hold_are_warned_of_with_a_fix_that_removes_them() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    *narrative(&mut draft, "A1.3") = "印发指南\u{FFFE}，实行“一肩挑”\u{1}。".into();
    draft.problems[0].title.push('\u{7}');
    let findings = findings_of(&framework, &draft, "text-forbidden-char");
    assert_eq!(findings.len(), 3);
    assert!(findings[0].message.contains("U+FFFE"));
    let fixes: Vec<&Fix> = findings.iter().filter_map(|finding| finding.fix.as_ref()).collect();
    let fixed = apply_fixes(&draft, &fixes).unwrap();
    assert_eq!(fixed.items["A1.3"].narrative, "印发指南，实行“一肩挑”。");
    assert!(findings_of(&framework, &fixed, "text-forbidden-char").is_empty());
}

#[test]
fn a_self_score_left_in_the_text_is_warned_of_with_a_fix_that_removes_it() {
    let framework = framework();
    let mut draft = clean_draft(&framework);
    *narrative(&mut draft, "A1.1") = "市委常委会定期研究教育工作。自评得9分。".into();
    let findings = findings_of(&framework, &draft, "text-stated-score");
    assert_eq!(findings.len(), 1);
    assert!(findings[0].message.contains("9分"), "{}", findings[0].message);
    let fixes: Vec<&Fix> = findings.iter().filter_map(|finding| finding.fix.as_ref()).collect();
    let fixed = apply_fixes(&draft, &fixes).unwrap();
    assert_eq!(fixed.items["A1.1"].narrative, "市委常委会定期研究教育工作。");
    assert!(findings_of(&framework, &fixed, "text-stated-score").is_empty());
    *narrative(&mut draft, "A1.1") = "开展自评得到认可。".into();
    assert!(findings_of(&framework, &draft, "text-stated-score").is_empty(), "no score, no finding");
}
