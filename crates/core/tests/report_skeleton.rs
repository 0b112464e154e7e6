//! The report's skeleton as framework data: the Sichuan file states today's skeleton, and its
//! report stays byte for byte what it was before the skeleton became data (golden files written by
//! the code that hard-coded it); other skeletons render the 报告 form, 基本情况 and 整改情况.

mod common;

use lvzhi_core::docx::write_docx;
use lvzhi_core::draft::ScoreEntry;
use lvzhi_core::report::build_report;
use lvzhi_core::{Draft, Framework};
use std::path::PathBuf;

fn golden(name: &str, generated: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("LVZHI_BLESS_GOLDEN").is_some() {
        std::fs::write(&path, generated).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    assert!(expected == generated, "{name} differs from its golden file");
}

/// The .docx's body XML (the zip around it carries no time, but its XML is what Word reads).
fn document_xml(framework: &Framework, draft: &Draft) -> String {
    let bytes = write_docx(&build_report(framework, draft));
    let mut archive = lvzhi_core::zip_files::open_zip(&bytes).unwrap();
    String::from_utf8(lvzhi_core::zip_files::read_entry(&mut archive, "word/document.xml", 1 << 24).unwrap()).unwrap()
}

fn seed_like_report_form() -> (Framework, Draft) {
    let framework = Framework::builtin();
    let mut draft = common::seed_like_draft(&framework);
    draft.meta.addressee = "四川省人民政府教育督导委员会".into();
    draft.meta.attachments = "经费统计表\n佐证材料目录".into();
    (framework, draft)
}

#[test]
fn the_sichuan_report_is_unchanged_as_text_and_as_word() {
    let framework = Framework::builtin();
    let draft = common::seed_like_draft(&framework);
    golden("sichuan-seed-like.txt", &build_report(&framework, &draft).to_plain_text());
    golden("sichuan-seed-like.document.xml", &document_xml(&framework, &draft));
    let (framework, draft) = seed_like_report_form();
    golden("sichuan-addressee-attachments.txt", &build_report(&framework, &draft).to_plain_text());
}

fn scored_example_draft() -> (Framework, Draft) {
    let framework = Framework::scored_example();
    let mut draft = Draft::new(&framework, "scored".into(), "2024-01-05T08:00:00.000Z".into());
    draft.meta.region = "安平县".into();
    draft.meta.unit = "安平县人民政府".into();
    draft.meta.date = "2024年3月1日".into();
    for (index, row) in framework.scored_leaves().enumerate() {
        let points = row.points.unwrap();
        let score = if index % 3 == 0 { points.to_string() } else { "0".into() };
        draft
            .scores
            .insert(row.code.to_owned(), ScoreEntry { score, explanation: "未达标".into(), ..Default::default() });
    }
    for (_, item) in framework.items().take(5) {
        draft.items.insert(
            item.code.clone(),
            lvzhi_core::ItemEntry { narrative: format!("{{地区}}落实{}。", item.title), ..Default::default() },
        );
    }
    (framework, draft)
}

#[test]
fn the_scored_example_report_is_unchanged() {
    let (framework, draft) = scored_example_draft();
    golden("scored-example.txt", &build_report(&framework, &draft).to_plain_text());
}

/// The Sichuan framework with the county 报告 form: 主送, 一、基本情况, 二、整改情况, the areas.
fn county_report_form() -> Framework {
    use lvzhi_core::framework::{PartKind, ReportPart, ReportSkeleton};
    let mut framework = Framework::builtin();
    framework.id = "county-report-form".into();
    framework.level = lvzhi_core::framework::Level::County;
    framework.addressee = "资阳市人民政府教育督导委员会".into();
    framework.documents = vec![lvzhi_core::framework::Notice {
        title: "对省级人民政府履行教育职责的评价办法".into(),
        number: "国教督〔2017〕1号".into(),
    }];
    let mut skeleton = ReportSkeleton::county_report_form();
    skeleton.opening = "根据{依据文件}和《{通知}》（{文号}）要求，{地区}人民政府对{数据年度}年度履行教育职责情况开展了自查自评。现将有关情况报告如下。".into();
    skeleton.parts.insert(1, ReportPart::of(PartKind::Rectification, "上一轮评价反馈问题整改情况", "rectification"));
    framework.report = skeleton;
    // Through the file, as a framework made in the app travels.
    Framework::from_json(&serde_json::to_string(&framework).unwrap()).expect("a sound framework")
}

#[test]
fn a_county_report_form_has_its_addressee_overview_and_rectifications() {
    use lvzhi_core::draft::Rectification;
    let framework = county_report_form();
    let mut draft = common::seed_like_draft(&framework);
    draft.meta.region = "安岳县".into();
    draft.meta.unit = "安岳县人民政府".into();
    assert_eq!(draft.meta.addressee, "资阳市人民政府教育督导委员会", "the framework's addressee starts the draft");
    draft.sections.insert("overview".into(), "全县有学校{办事机构编制}所。\n\n教育工作稳步推进。".into());
    draft.rectifications.push(Rectification {
        id: "r1".into(),
        problem: "学前教育普惠率偏低".into(),
        measure: "新建公办幼儿园3所。".into(),
        progress: "已全部投入使用".into(),
        done: Some(true),
    });
    let text = build_report(&framework, &draft).to_plain_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "安岳县人民政府关于2023年履行教育职责自评情况的报告");
    assert_eq!(lines[1], "资阳市人民政府教育督导委员会：");
    assert_eq!(
        lines[2],
        "根据《对省级人民政府履行教育职责的评价办法》（国教督〔2017〕1号）和《关于开展2023年对市（州）人民政府履行教育职责情况评价工作的通知》（川教督委〔2023〕2号）要求，安岳县人民政府对2022年度履行教育职责情况开展了自查自评。现将有关情况报告如下。"
    );
    assert_eq!(lines[3], "一、基本情况");
    let staffing = draft.figures[&framework.figure_by_name("办事机构编制").unwrap().id].clone();
    assert_eq!(lines[4], format!("全县有学校{staffing}所。"));
    assert_eq!(lines[5], "教育工作稳步推进。");
    assert_eq!(lines[6], "二、上一轮评价反馈问题整改情况");
    assert_eq!(lines[7], "（一）学前教育普惠率偏低。新建公办幼儿园3所。");
    assert_eq!(lines[8], "已全部投入使用");
    assert_eq!(lines[9], "已完成整改。");
    assert_eq!(lines[10], "三、履行教育职责情况");
    // The form's pages head each part as the report numbers it.
    assert_eq!(lvzhi_core::report::section_heading(&framework, "overview"), lines[3]);
    assert_eq!(lvzhi_core::report::section_heading(&framework, "nothing"), "", "no such part");
    let rectification = lvzhi_core::framework::PartKind::Rectification;
    assert_eq!(lvzhi_core::report::part_heading_of(&framework, rectification), lines[6]);
    assert!(lines.contains(&"四、存在的问题") && lines.contains(&"五、下一步措施"), "{text}");
    // The Word file carries the same blocks in the same styles.
    let xml = document_xml(&framework, &draft);
    assert!(xml.contains("一、基本情况") && xml.contains("资阳市人民政府教育督导委员会："));
}

#[test]
fn the_area_paragraph_style_writes_each_area_as_one_paragraph() {
    let mut framework = Framework::builtin();
    framework.report.item_style = lvzhi_core::framework::ItemStyle::AreaParagraph;
    let draft = common::seed_like_draft(&framework);
    let report = build_report(&framework, &draft).to_plain_text();
    let area = &framework.areas[1];
    let first_text = report.lines().find(|line| line.starts_with("（二）")).unwrap();
    assert!(first_text.starts_with(&format!("（二）{}。", area.title)), "{first_text}");
    assert!(!report.contains(&format!("{}。", area.items[1].title)), "no lead sentences");
}

#[test]
fn the_rules_of_the_report_parts_fire_on_the_county_form_only() {
    use lvzhi_core::draft::{Location, Rectification, RectificationField};
    use lvzhi_core::validate::{validate, SKELETON_RULES};
    let framework = county_report_form();
    let mut draft = common::seed_like_draft(&framework);
    draft.meta.addressee.clear();
    draft.rectifications.push(Rectification { id: "r1".into(), problem: "师资不足".into(), ..Default::default() });
    let findings = validate(&framework, &draft);
    for code in SKELETON_RULES {
        assert!(findings.iter().any(|finding| finding.rule == code), "{code} fires");
    }
    let incomplete: Vec<_> = findings.iter().filter(|finding| finding.rule == "rectification-incomplete").collect();
    assert_eq!(incomplete.len(), 3, "measure, progress, and whether it is done");
    assert_eq!(incomplete[0].location, Location::Rectification("r1".into(), RectificationField::Measure));
    // Filled in, they are silent; the Sichuan skeleton never has them.
    draft.meta.addressee = "资阳市人民政府教育督导委员会".into();
    draft.sections.insert("overview".into(), "全县基本情况。".into());
    draft.rectifications[0] = Rectification {
        measure: "补充教师。".into(),
        progress: "已补充".into(),
        done: Some(false),
        ..draft.rectifications[0].clone()
    };
    let findings = validate(&framework, &draft);
    assert!(findings.iter().all(|finding| !SKELETON_RULES.contains(&finding.rule)), "{findings:?}");
    let sichuan = Framework::builtin();
    let empty = Draft::new(&sichuan, "d".into(), "t".into());
    assert!(validate(&sichuan, &empty).iter().all(|finding| !SKELETON_RULES.contains(&finding.rule)));
}

#[test]
fn the_sichuan_file_states_its_skeleton_and_an_older_file_gets_the_same() {
    let framework = Framework::builtin();
    assert_eq!(framework.report, lvzhi_core::framework::ReportSkeleton::default());
    let mut json: serde_json::Value = serde_json::from_str(lvzhi_core::framework::BUILTIN_FRAMEWORK_JSON).unwrap();
    assert!(json.get("report").is_some(), "stated in the file");
    json.as_object_mut().unwrap().remove("report");
    json["schema_version"] = 2.into();
    let older = Framework::from_json(&json.to_string()).unwrap();
    assert_eq!(older.report, framework.report);
}

#[test]
fn an_old_report_in_the_county_form_is_read_against_its_skeleton() {
    use lvzhi_core::parse::{parse_text, to_draft, Assignments};
    let framework = county_report_form();
    let mut draft = common::seed_like_draft(&framework);
    draft.meta.region = "安岳县".into();
    draft.sections.insert("overview".into(), "全县有中小学86所。\n教育工作稳步推进。".into());
    draft.rectifications.push(lvzhi_core::draft::Rectification {
        id: "r1".into(),
        problem: "学前教育普惠率偏低".into(),
        measure: "新建公办幼儿园3所。".into(),
        done: Some(true),
        ..Default::default()
    });
    let text = build_report(&framework, &draft).to_plain_text();
    let parsed = parse_text(&text, &framework).unwrap();
    assert_eq!(parsed.rectifications.len(), 1, "{:?}", parsed.unassigned);
    assert_eq!(parsed.rectifications[0].title, "学前教育普惠率偏低");
    assert_eq!(parsed.rectifications[0].text, "新建公办幼儿园3所。\n已完成整改。");
    assert_eq!(parsed.sections, vec![("overview".to_owned(), "全县有中小学86所。\n教育工作稳步推进。".to_owned())]);
    let rebuilt = to_draft(&parsed, &Assignments::proposed(&parsed), &framework, "n".into(), "t".into());
    assert_eq!(rebuilt.sections, draft.sections);
    assert_eq!(rebuilt.rectifications, draft.rectifications, "整改情况 read back as entries");
    // Nothing dropped: every character of the report is somewhere in what the parser returns.
    let input = common::characters(text.lines());
    let output = common::characters(common::all_output(&parsed));
    let missing: Vec<_> = input.iter().filter(|(c, n)| output.get(c).copied().unwrap_or(0) < **n).collect();
    assert!(missing.is_empty(), "{missing:?}");
    // A heading the genre does not know is read by the skeleton's own words.
    let mut framework = county_report_form();
    framework.report.parts[0].heading = "县域教育概况".into();
    let parsed = parse_text("一、县域教育概况\n全县有中小学86所。\n三、履行教育职责情况\n", &framework).unwrap();
    assert_eq!(parsed.sections[0].1, "全县有中小学86所。");
}

#[test]
fn a_rectification_entry_read_from_a_report_finds_its_labelled_parts_and_its_answer() {
    use lvzhi_core::draft::Rectification;
    let entry = Rectification::from_report(
        "r1".into(),
        "反馈问题：义务教育大班额问题",
        "整改措施：新建学校2所，增加学位2400个。\n整改进展：2所学校已投入使用。\n整改工作正在推进中。",
    );
    assert_eq!(entry.problem, "义务教育大班额问题");
    assert_eq!(entry.measure, "新建学校2所，增加学位2400个。");
    assert_eq!(entry.progress, "2所学校已投入使用。");
    assert_eq!(entry.done, Some(false));
    // Without labels the rest is the measure, and nothing is dropped.
    let plain = Rectification::from_report("r2".into(), "师资不足", "招聘教师120名。\n明年再招。");
    assert_eq!(
        (plain.measure.as_str(), plain.progress.as_str(), plain.done),
        ("招聘教师120名。\n明年再招。", "", None)
    );
}
