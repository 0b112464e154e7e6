//! 编辑指标体系: the framework editor's actions, undo, live checks naming their node, and new
//! versions for frameworks that drafts use.

use lvzhi_core::framework::{FigureKind, Level, ProblemAt, ReportSkeleton};
use lvzhi_core::framework_edit::{
    new_version, Action, DocumentField, FrameworkEdit, MetaKey, NodeField, NodePath, OptionalPart, WorkingCopy,
};
use lvzhi_core::Framework;

fn titles(edit: &FrameworkEdit, area: usize) -> Vec<String> {
    edit.parts().areas[area].items.iter().map(|item| item.title.clone()).collect()
}

#[test]
fn nodes_are_added_renamed_moved_and_deleted_with_undo() {
    let mut edit = FrameworkEdit::of(Framework::builtin());
    let first = titles(&edit, 0);
    let codes_before: Vec<String> = edit.parts().items().map(|(_, item)| item.code.clone()).collect();

    edit.apply(Action::SetField(NodePath::Item(0, 1), NodeField::Title, "健全教育督导体制".into())).unwrap();
    assert_eq!(titles(&edit, 0)[1], "健全教育督导体制");
    assert_eq!(edit.apply(Action::MoveUp(NodePath::Item(0, 1))).unwrap(), Some(NodePath::Item(0, 0)));
    assert_eq!(titles(&edit, 0)[0], "健全教育督导体制");
    assert!(edit.apply(Action::MoveUp(NodePath::Item(0, 0))).is_err(), "the first cannot move up");
    let moved = edit.apply(Action::MoveTo(NodePath::Item(0, 0), NodePath::Area(2))).unwrap().unwrap();
    assert_eq!(edit.parts().areas[2].items.last().unwrap().title, "健全教育督导体制");
    assert!(matches!(moved, NodePath::Item(2, _)));
    // Codes never change: drafts refer to them.
    let mut codes_after: Vec<String> = edit.parts().items().map(|(_, item)| item.code.clone()).collect();
    let mut sorted_before = codes_before.clone();
    sorted_before.sort();
    codes_after.sort();
    assert_eq!(codes_after, sorted_before);

    let added = edit.apply(Action::AddChild(Some(NodePath::Area(0)))).unwrap().unwrap();
    let NodePath::Item(0, index) = added else { panic!("{added:?}") };
    let code = edit.parts().areas[0].items[index].code.clone();
    assert!(!codes_before.contains(&code), "a new code: {code}");
    edit.apply(Action::Delete(NodePath::Item(0, 0))).unwrap();
    // Undo, step by step, back to the start.
    while edit.undo() {}
    assert_eq!(titles(&edit, 0), first);
    assert_eq!(edit.parts(), &Framework::builtin());
}

#[test]
fn bad_input_is_refused_in_chinese_and_changes_nothing() {
    let mut edit = FrameworkEdit::of(Framework::builtin());
    let refused = edit.apply(Action::SetField(NodePath::Item(0, 0), NodeField::Points, "五分".into())).unwrap_err();
    assert!(refused.0.contains("不是分值"), "{}", refused.0);
    assert!(edit.apply(Action::SetMeta(MetaKey::Year, "二〇二五".into())).is_err());
    assert!(!edit.can_undo());
    edit.apply(Action::SetMeta(MetaKey::Year, "２０２５年".into())).unwrap();
    assert_eq!(edit.parts().year, 2025);
}

#[test]
fn problems_are_listed_live_with_the_node_they_name() {
    let mut edit = FrameworkEdit::of(Framework::scored_example());
    assert!(edit.problems().is_empty());
    // An item's points changed: its area's points no longer add up.
    let item = &edit.parts().areas[0].items[0];
    let points = if item.observation_points.is_empty() { "99" } else { "" };
    if points.is_empty() {
        edit.apply(Action::SetField(NodePath::Point(0, 0, 0), NodeField::Points, "99".into())).unwrap();
    } else {
        edit.apply(Action::SetField(NodePath::Item(0, 0), NodeField::Points, points.into())).unwrap();
    }
    let problems = edit.problems();
    assert!(!problems.is_empty());
    assert!(problems.iter().any(|problem| matches!(problem.at, ProblemAt::Node(_))), "{problems:?}");
    // An area with no item left names that area.
    let mut edit = FrameworkEdit::of(Framework::builtin());
    let count = edit.parts().areas[3].items.len();
    for _ in 0..count {
        edit.apply(Action::Delete(NodePath::Item(3, 0))).unwrap();
    }
    let problems = edit.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].at, ProblemAt::Node(edit.parts().areas[3].code.clone()));
    assert_eq!(edit.path_of(&edit.parts().areas[3].code), Some(NodePath::Area(3)));
    assert!(edit.finish().is_err(), "an unsound framework is never given out");
}

#[test]
fn the_meta_and_the_skeleton_are_edited_and_the_result_passes_the_file_checks() {
    let mut edit = FrameworkEdit::of(Framework::builtin());
    edit.apply(Action::SetMeta(MetaKey::Title, "2025年对县（市、区）人民政府履行教育职责评价".into())).unwrap();
    edit.apply(Action::SetLevel(Level::County)).unwrap();
    edit.apply(Action::SetMeta(MetaKey::DataYear, "2024".into())).unwrap();
    edit.apply(Action::SetMeta(MetaKey::Addressee, "资阳市人民政府教育督导委员会".into())).unwrap();
    edit.apply(Action::SetSkeleton(ReportSkeleton::county_report_form())).unwrap();
    edit.apply(Action::AddDocument).unwrap();
    edit.apply(Action::SetDocument(0, DocumentField::Title, "评价办法".into())).unwrap();
    edit.apply(Action::SetDocument(0, DocumentField::Number, "国教督〔2017〕1号".into())).unwrap();
    edit.apply(Action::SetMeta(MetaKey::ReportTitle, "{地区}{单位}报告".into())).unwrap();
    let problems = edit.problems();
    assert!(
        problems.iter().any(|problem| problem.message.contains("{单位}") && problem.at == ProblemAt::Report),
        "{problems:?}"
    );
    edit.apply(Action::SetMeta(MetaKey::ReportTitle, "{地区}人民政府关于{年度}年履行教育职责自评情况的报告".into()))
        .unwrap();
    let framework = edit.finish().expect("sound");
    assert_eq!(framework.data_year(), 2024);
    assert_eq!(
        (framework.documents[0].title.as_str(), framework.documents[0].number.as_str()),
        ("评价办法", "国教督〔2017〕1号"),
        "each half set by itself, the other kept"
    );
    assert!(framework.report.addressee_required);
}

#[test]
fn points_make_a_framework_scored_and_a_new_version_names_its_predecessor() {
    let mut edit = FrameworkEdit::of(Framework::builtin());
    assert!(edit.parts().scoring.is_none());
    assert!(edit.warnings().is_empty(), "a framework without points warns of nothing");
    edit.apply(Action::SetField(NodePath::Item(0, 0), NodeField::Points, "5".into())).unwrap();
    assert!(edit.parts().scoring.is_some());
    // One item with points: every other item is said to have none (allowed, likely unintended).
    let warnings = edit.warnings();
    assert_eq!(warnings.len(), edit.parts().item_count() - 1);
    assert_eq!(warnings[0].at, ProblemAt::Node(edit.parts().areas[0].items[1].code.clone()));
    edit.apply(Action::SetField(NodePath::Item(0, 0), NodeField::Points, "".into())).unwrap();
    assert!(edit.parts().scoring.is_none(), "no points left: plain again");

    let framework = Framework::builtin();
    let next = new_version(&framework, &[]);
    assert_eq!(
        (next.id.as_str(), next.version.as_str(), next.previous.as_str()),
        ("sichuan-2023-city-v2", "2", "sichuan-2023-city")
    );
    let after = new_version(&next, &["sichuan-2023-city-v3".to_owned()]);
    assert_eq!(after.id, "sichuan-2023-city-v4");
}

#[test]
fn figures_are_added_and_typed_and_a_threshold_needs_its_basis() {
    use lvzhi_core::framework_edit::FigureField;
    let mut edit = FrameworkEdit::of(Framework::builtin());
    let item = NodePath::Item(1, 0);
    edit.apply(Action::AddFigure(item)).unwrap();
    let index = edit.parts().areas[1].items[0].figures.len() - 1;
    for (field, value) in
        [(FigureField::Name, "学前教育经费"), (FigureField::Label, "学前教育财政投入"), (FigureField::Unit, "亿元")]
    {
        edit.apply(Action::SetFigure(item, index, field, value.into())).unwrap();
    }
    // A percentage with a growth's range, made a count: its "%" and its range go with the kind.
    edit.apply(Action::SetFigure(item, index, FigureField::Unit, "".into())).unwrap();
    edit.apply(Action::SetFigureKind(item, index, FigureKind::Percent)).unwrap();
    edit.apply(Action::SetFigure(item, index, FigureField::Min, "-100".into())).unwrap();
    let figure = |edit: &FrameworkEdit| edit.parts().areas[1].items[0].figures[index].clone();
    assert_eq!((figure(&edit).unit.as_str(), figure(&edit).min), ("%", Some(-100.0)));
    edit.apply(Action::SetFigureKind(item, index, FigureKind::Count)).unwrap();
    assert_eq!((figure(&edit).unit.as_str(), figure(&edit).min), ("", None));
    edit.apply(Action::SetFigure(item, index, FigureField::Unit, "亿元".into())).unwrap();
    edit.apply(Action::SetFigureKind(item, index, FigureKind::Amount)).unwrap();
    assert_eq!(figure(&edit).unit, "亿元", "a unit of its own stays");
    edit.apply(Action::SetFigureAtLeastPrevious(item, index, true)).unwrap();
    let problems = edit.problems();
    let basis = problems.iter().find(|problem| problem.message.contains("没有注明政策依据")).expect("listed");
    let id = edit.parts().areas[1].items[0].figures[index].id.clone();
    assert_eq!(basis.at, ProblemAt::Figure(id), "a figure's problem is at the figure, not at a title it quotes");
    edit.apply(Action::SetFigure(item, index, FigureField::Basis, "国办发〔2018〕82号".into())).unwrap();
    assert!(edit.apply(Action::SetFigure(item, index, FigureField::Min, "很多".into())).is_err());
    let framework = edit.finish().expect("sound");
    let figure = framework.figure_by_name("学前教育经费").unwrap();
    assert!(Framework::compares_with_previous(figure));
    assert_eq!(figure.kind, FigureKind::Amount);
}

#[test]
fn only_last_years_rule_switched_off_leaves_no_threshold_and_the_first_threshold_is_the_one_edited() {
    use lvzhi_core::framework_edit::FigureField;
    let mut edit = FrameworkEdit::of(Framework::builtin());
    let item = NodePath::Item(1, 0);
    edit.apply(Action::AddFigure(item)).unwrap();
    let index = edit.parts().areas[1].items[0].figures.len() - 1;
    let figure = |edit: &FrameworkEdit| edit.parts().areas[1].items[0].figures[index].clone();
    edit.apply(Action::SetFigureAtLeastPrevious(item, index, true)).unwrap();
    assert_eq!(figure(&edit).thresholds.len(), 1);
    edit.apply(Action::SetFigureAtLeastPrevious(item, index, false)).unwrap();
    assert!(figure(&edit).thresholds.is_empty(), "a threshold with nothing to check is dropped");

    // A figure with two thresholds (a file may give them): the editor shows the first, and changes it.
    let mut framework = Framework::builtin();
    let (a, i, index) = framework
        .areas
        .iter()
        .enumerate()
        .flat_map(|(a, area)| area.items.iter().enumerate().map(move |(i, item)| (a, i, item)))
        .find_map(|(a, i, item)| {
            item.figures.iter().position(|figure| !figure.thresholds.is_empty()).map(|f| (a, i, f))
        })
        .expect("the built-in framework has a figure with a policy threshold");
    let figure = &mut framework.areas[a].items[i].figures[index];
    let second = lvzhi_core::framework::Threshold { basis: "第二条依据".into(), ..figure.thresholds[0].clone() };
    figure.thresholds.push(second.clone());
    let mut edit = FrameworkEdit::of(framework);
    edit.apply(Action::SetFigure(NodePath::Item(a, i), index, FigureField::Basis, "新依据".into())).unwrap();
    let figure = &edit.parts().areas[a].items[i].figures[index];
    assert_eq!(figure.thresholds[0].basis, "新依据");
    assert_eq!(figure.thresholds[1], second, "the second threshold is left as it was");
}

#[test]
fn a_working_copy_is_kept_and_read_back_unsound_and_only_finish_makes_a_framework() {
    // An area with no item left: unsound.
    let mut edit = FrameworkEdit::of(Framework::builtin());
    for _ in 0..edit.parts().areas[3].items.len() {
        edit.apply(Action::Delete(NodePath::Item(3, 0))).unwrap();
    }
    assert!(!edit.problems().is_empty());
    let kept = edit.working().to_json();
    let back = WorkingCopy::from_json(&kept).expect("its shape is read back without the checks");
    assert_eq!(&back, edit.working());
    assert!(back.finish().is_err(), "an area without items is no framework");
    assert_eq!(WorkingCopy::from_json("{\"editing\": true}"), None, "not a framework's shape");
}

#[test]
fn the_report_form_and_item_style_are_typed_with_their_keys() {
    use lvzhi_core::framework::{ItemStyle, ReportForm};
    for form in ReportForm::ALL {
        assert_eq!(ReportForm::from_key(form.key()), Some(form));
        assert_eq!(form.skeleton().form(), form, "a skeleton says the form it was made from");
    }
    for style in ItemStyle::ALL {
        assert_eq!(ItemStyle::from_key(style.key()), Some(style));
    }
    assert_eq!(ReportForm::from_key("memo"), None);
    assert_eq!(ItemStyle::from_key(""), None);
}

#[test]
fn parts_of_the_report_are_switched_on_in_their_place() {
    use lvzhi_core::framework::PartKind;
    let mut edit = FrameworkEdit::of(Framework::builtin());
    edit.apply(Action::SetPartIncluded(OptionalPart::Rectification, true)).unwrap();
    edit.apply(Action::SetPartIncluded(OptionalPart::Overview, true)).unwrap();
    edit.apply(Action::SetPartIncluded(OptionalPart::Rectification, true)).unwrap();
    let kinds: Vec<PartKind> = edit.parts().report.parts.iter().map(|part| part.kind).collect();
    assert_eq!(
        kinds,
        [PartKind::Narrative, PartKind::Rectification, PartKind::Work, PartKind::Problems, PartKind::Measures]
    );
    edit.apply(Action::SetPartHeading(2, "履行教育职责情况".into())).unwrap();
    let framework = edit.finish().unwrap();
    let headings: Vec<String> =
        lvzhi_core::report::part_headings(&framework).into_iter().map(|(_, heading)| heading).collect();
    assert_eq!(headings[..3], ["一、基本情况", "二、上一轮评价反馈问题整改情况", "三、履行教育职责情况"]);
    edit.apply(Action::SetPartIncluded(OptionalPart::Overview, false)).unwrap();
    assert_eq!(edit.parts().report.parts.len(), 4);
}

#[test]
fn a_scored_row_gets_a_figure_driven_deduction_checked_like_a_file() {
    use lvzhi_core::framework_edit::DeductionField;
    let mut edit = FrameworkEdit::of(Framework::scored_example());
    // A 观测点 without a deduction yet, scored from a figure of its item.
    let (a, i, p) = edit
        .parts()
        .areas
        .iter()
        .enumerate()
        .flat_map(|(a, area)| area.items.iter().enumerate().map(move |(i, item)| (a, i, item)))
        .find_map(|(a, i, item)| {
            item.observation_points.iter().position(|point| point.deduction.is_none()).map(|p| (a, i, p))
        })
        .unwrap();
    let point = NodePath::Point(a, i, p);
    assert!(edit.apply(Action::SetDeduction(point, DeductionField::Deduct, "0.5".into())).is_err(), "a figure first");
    edit.apply(Action::ClearDeduction(point)).unwrap();
    edit.apply(Action::AddFigure(NodePath::Item(a, i))).unwrap();
    let figure = edit.parts().areas[a].items[i].figures.last().unwrap().id.clone();
    edit.apply(Action::SetDeduction(point, DeductionField::Figure, figure.clone())).unwrap();
    // Neither at_least nor at_most yet, nothing deducted: the file checks say so, at the row.
    let problems = edit.problems();
    let code = edit.code_at(point).unwrap().to_owned();
    assert!(problems.iter().any(|problem| problem.at == ProblemAt::Node(code.clone())), "{problems:?}");
    edit.apply(Action::SetDeduction(point, DeductionField::AtLeast, "4".into())).unwrap();
    edit.apply(Action::SetDeduction(point, DeductionField::Deduct, "0.3".into())).unwrap();
    let framework = edit.finish().expect("sound");
    let deduction = framework.areas[a].items[i].observation_points[p].deduction.as_ref().unwrap();
    assert_eq!((deduction.figure.as_str(), deduction.at_least, deduction.per), (figure.as_str(), Some(4.0), 1.0));
    assert_eq!(deduction.deduct.to_string(), "0.3");
}

#[test]
fn sub_points_are_added_moved_and_deleted_in_the_tree() {
    let mut edit = FrameworkEdit::of(Framework::scored_example());
    let (a, i) = (0, 0);
    let point = NodePath::Point(a, i, 0);
    let before = edit.parts().areas[a].items[i].observation_points[0].points;
    // The first sub-point takes over the 观测点's points: the sums still hold.
    let first = edit.apply(Action::AddChild(Some(point))).unwrap().unwrap();
    assert_eq!(first, NodePath::SubPoint(a, i, 0, 0));
    assert_eq!(edit.parts().areas[a].items[i].observation_points[0].sub_points[0].points, before);
    assert!(edit.problems().is_empty(), "{:?}", edit.problems());
    edit.apply(Action::SetField(first, NodeField::Title, "建立制度".into())).unwrap();
    edit.apply(Action::SetField(first, NodeField::Number, "①".into())).unwrap();
    assert_eq!(edit.parts().areas[a].items[i].observation_points[0].sub_points[0].number, "①");
    // A fifth level is refused; a sub-point moves to another 观测点, and back by undo.
    assert!(edit.apply(Action::AddChild(Some(first))).is_err());
    let code = edit.code_at(first).unwrap().to_owned();
    let moved = edit.apply(Action::MoveTo(first, NodePath::Point(a, i, 1))).unwrap().unwrap();
    assert_eq!(edit.code_at(moved), Some(code.as_str()), "codes never change");
    assert_eq!(edit.parts().areas[a].items[i].observation_points[1].sub_points.last().unwrap().title, "建立制度");
    edit.undo();
    assert_eq!(edit.path_of(&code), Some(first));
    // Deleting the last sub-point scores the 观测点 directly again.
    assert_eq!(edit.apply(Action::Delete(first)).unwrap(), Some(point));
    assert!(edit.parts().areas[a].items[i].observation_points[0].sub_points.is_empty());
}

#[test]
fn scoring_rules_are_edited_with_undo_and_checked_in_place() {
    use lvzhi_core::framework::GradeBand;
    use lvzhi_core::framework_edit::{usual_grades, Effect, RuleList, RuleRef, RuleText, ScoringSetting};
    use lvzhi_core::points::Points;
    let mut edit = FrameworkEdit::of(Framework::builtin());
    assert!(edit.apply(Action::AddRule(RuleList::Grade)).is_err(), "no points: no scoring rules yet");
    edit.apply(Action::SetField(NodePath::Item(0, 0), NodeField::Points, "100".into())).unwrap();
    for (index, item) in edit.parts().areas.clone().iter().enumerate() {
        for (i, _) in item.items.iter().enumerate().filter(|(i, _)| (index, *i) != (0, 0)) {
            edit.apply(Action::SetField(NodePath::Item(index, i), NodeField::Points, "0".into())).unwrap();
        }
    }
    // The usual four, as parts of full marks; a gap below the lowest band is refused at the band.
    let grades = usual_grades(Points::whole(100), 60);
    assert_eq!(grades.iter().map(|band| band.at_least.to_string()).collect::<Vec<_>>(), ["90", "80", "60", "0"]);
    edit.apply(Action::SetGrades(grades)).unwrap();
    assert!(edit.problems().is_empty(), "{:?}", edit.problems());
    edit.apply(Action::SetRuleText(RuleRef(RuleList::Grade, 3), RuleText::Points, "10".into())).unwrap();
    let problems = edit.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].at, ProblemAt::Grade(3));
    edit.undo();
    // Overlapping bands are refused at the higher one.
    edit.apply(Action::SetRuleText(RuleRef(RuleList::Grade, 1), RuleText::Points, "90".into())).unwrap();
    assert_eq!(edit.problems()[0].at, ProblemAt::Grade(0));
    edit.undo();
    // A bonus with an item, a 扣分项, a 降等 condition: each one step, each checked.
    edit.apply(Action::SetScoring(ScoringSetting::Bonus(true))).unwrap();
    edit.apply(Action::SetScoring(ScoringSetting::BonusCap("3".into()))).unwrap();
    edit.apply(Action::AddRule(RuleList::BonusItem)).unwrap();
    edit.apply(Action::SetRuleText(RuleRef(RuleList::BonusItem, 0), RuleText::Title, "获省级表彰".into())).unwrap();
    edit.apply(Action::AddRule(RuleList::Deduction)).unwrap();
    let problems = edit.problems();
    assert!(problems
        .iter()
        .any(|problem| problem.at == ProblemAt::Rule("K1".into()) && problem.message.contains("没有名称")));
    edit.apply(Action::SetRuleText(RuleRef(RuleList::Deduction, 0), RuleText::Title, "发生安全责任事故".into()))
        .unwrap();
    edit.apply(Action::AddRule(RuleList::Condition)).unwrap();
    edit.apply(Action::SetRuleText(RuleRef(RuleList::Condition, 0), RuleText::Title, "是否弄虚作假".into())).unwrap();
    edit.apply(Action::SetConditionEffect(0, lvzhi_core::framework::ConditionEffect::DropGrade)).unwrap();
    assert!(edit.problems().is_empty(), "{:?}", edit.problems());
    assert!(edit.apply(Action::SetRuleText(RuleRef(RuleList::Deduction, 0), RuleText::Points, "几分".into())).is_err());
    let framework = edit.finish().expect("sound");
    let scoring = framework.scoring.unwrap();
    assert_eq!(scoring.bonus.unwrap().items[0].title, "获省级表彰");
    assert_eq!(scoring.grades[2], GradeBand { name: "合格".into(), at_least: Points::whole(60) });
    // What each action changes, decided by the core.
    assert_eq!(Action::AddRule(RuleList::Grade).effect(), Effect::Form);
    assert_eq!(
        Action::SetRuleText(RuleRef(RuleList::Grade, 0), RuleText::Title, String::new()).effect(),
        Effect::Value
    );
    assert_eq!(Action::Delete(NodePath::Area(0)).effect(), Effect::Tree);
}

#[test]
fn a_deduction_proposed_from_a_rule_is_adopted_with_its_figure() {
    use lvzhi_core::rule_reading::{propose_deduction, RowWords};
    let mut edit = FrameworkEdit::of(Framework::scored_example());
    let row = edit.parts().scored_leaves().find(|row| row.deduction.is_none()).unwrap();
    let code = row.code.to_owned();
    let proposal = propose_deduction(&RowWords {
        code: &code,
        label: "（1）测试",
        title: "政府常务会议研究教育工作不少于4次",
        criteria: "",
        rule: "每少1次扣0.5分",
        points: row.points.unwrap(),
    })
    .unwrap();
    let path = edit.path_of(&code).unwrap();
    edit.apply(Action::AdoptDeduction(path, Box::new(proposal.figure.clone()), proposal.deduction.clone())).unwrap();
    let framework = edit.finish().expect("the adopted figure and deduction load as a file");
    let deduction =
        framework.score_rows().into_iter().find(|row| row.code == code).unwrap().deduction.cloned().unwrap();
    let figure = framework.figure(&deduction.figure).unwrap();
    assert_eq!((figure.name.as_str(), figure.unit.as_str()), ("政府常务会议研究教育工作次数", "次"));
    // Adopted twice (another row): a name of its own.
    edit.apply(Action::AdoptDeduction(path, Box::new(proposal.figure.clone()), proposal.deduction)).unwrap();
    let names: Vec<&str> = edit.parts().all_figures().map(|figure| figure.name.as_str()).collect();
    assert!(names.contains(&"政府常务会议研究教育工作次数1"), "{names:?}");
}
