//! Findings summarised for people: grouped as the report is (基本信息, each area, the lists, the
//! whole), counted by rule, and the fixes each rule offers. The app shows these; tests read them.

use super::{rule, Finding, Fix, Severity};
use crate::draft::field::area_of;
use crate::draft::Location;
use crate::framework::{Framework, PartKind};

/// A group of the findings panel, in report order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Meta,
    /// A part of the report's own (基本情况, 整改情况), by its position in the skeleton.
    Part(usize),
    /// An area, by its position in the framework.
    Area(usize),
    Problems,
    Measures,
    /// Bonus, 扣分项 and conditions of a scored framework.
    Scoring,
    Report,
}

impl Group {
    /// The group a location is shown in.
    pub fn of(framework: &Framework, location: &Location) -> Group {
        match location {
            Location::Meta(_) => Group::Meta,
            Location::ProblemTitle(_) | Location::ProblemText(_) | Location::Problems => Group::Problems,
            Location::MeasureTitle(_) | Location::MeasureText(_) | Location::Measures => Group::Measures,
            Location::Report => Group::Report,
            Location::Section(code) => {
                Group::Part(framework.report.parts.iter().position(|part| &part.code == code).unwrap_or(0))
            }
            Location::Rectification(..) | Location::Rectifications => Group::Part(
                framework.report.parts.iter().position(|part| part.kind == PartKind::Rectification).unwrap_or(0),
            ),
            Location::Deduction(_) | Location::Condition(_) => Group::Scoring,
            Location::Score(_) | Location::ScoreExplanation(_) if area_of(framework, location).is_none() => {
                Group::Scoring
            }
            Location::Figure(id) if framework.problems.figures.iter().any(|figure| &figure.id == id) => Group::Problems,
            Location::Item(_)
            | Location::ItemNarrative(_)
            | Location::ItemReason(_)
            | Location::Figure(_)
            | Location::Score(_)
            | Location::ScoreExplanation(_) => match area_of(framework, location) {
                Some(code) => Group::Area(framework.areas.iter().position(|area| area.code == code).unwrap_or(0)),
                None => Group::Measures,
            },
        }
    }

    pub fn title(&self, framework: &Framework) -> String {
        match self {
            Group::Meta => "基本信息".to_owned(),
            Group::Part(index) => {
                framework.report.parts.get(*index).map(|part| part.heading.clone()).unwrap_or_default()
            }
            Group::Area(index) => crate::report::area_heading(*index, &framework.areas[*index]),
            Group::Problems => framework.problems.title.clone(),
            Group::Measures => framework.measures.title.clone(),
            Group::Scoring => "加分、扣分与否决事项".to_owned(),
            Group::Report => "全文".to_owned(),
        }
    }
}

/// Findings by group, in report order; within a group in the order found.
pub fn by_group(framework: &Framework, findings: &[Finding]) -> Vec<(Group, Vec<Finding>)> {
    let mut groups: Vec<(Group, Vec<Finding>)> = Vec::new();
    for finding in findings {
        let group = Group::of(framework, &finding.location);
        match groups.iter_mut().find(|(existing, _)| *existing == group) {
            Some((_, members)) => members.push(finding.clone()),
            None => groups.push((group, vec![finding.clone()])),
        }
    }
    crate::small_sort::sort_small_by(&mut groups, |a, b| a.0.cmp(&b.0));
    groups
}

/// Findings that say the same thing of the same field (eleven blanks `x` in one text) as one, with
/// how many there are; the first of them is the one opened.
pub fn collapse(findings: &[Finding]) -> Vec<(Finding, usize)> {
    let mut collapsed: Vec<(Finding, usize)> = Vec::new();
    for finding in findings {
        let same = |(other, _): &&mut (Finding, usize)| {
            other.rule == finding.rule && other.location == finding.location && other.message == finding.message
        };
        match collapsed.iter_mut().find(same) {
            Some((_, count)) => *count += 1,
            None => collapsed.push((finding.clone(), 1)),
        }
    }
    collapsed
}

/// How many findings have `severity`.
pub fn count(findings: &[Finding], severity: Severity) -> usize {
    findings.iter().filter(|finding| finding.severity == severity).count()
}

/// Each rule with fixes among `findings`, with all its fixes: (rule code, fixes), first seen first.
pub fn fixes_by_rule(findings: &[Finding]) -> Vec<(&'static str, Vec<Fix>)> {
    let mut kinds: Vec<(&'static str, Vec<Fix>)> = Vec::new();
    for finding in findings {
        let Some(fix) = &finding.fix else { continue };
        match kinds.iter_mut().find(|(code, _)| *code == finding.rule) {
            Some((_, fixes)) => fixes.push(fix.clone()),
            None => kinds.push((finding.rule, vec![fix.clone()])),
        }
    }
    kinds
}

/// `N处错误（范文空白未填3处、指标未填写2处）`, or `None` when there is no error: what to say before
/// a file leaves with errors in it.
pub fn error_summary(findings: &[Finding]) -> Option<String> {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for finding in findings.iter().filter(|finding| finding.severity == Severity::Error) {
        let name = rule(finding.rule).map(|rule| rule.name).unwrap_or(finding.rule);
        match kinds.iter_mut().find(|(kind, _)| *kind == name) {
            Some((_, count)) => *count += 1,
            None => kinds.push((name, 1)),
        }
    }
    let total: usize = kinds.iter().map(|(_, count)| count).sum();
    (total > 0).then(|| {
        let parts: Vec<String> = kinds.iter().map(|(name, count)| format!("{name}{count}处")).collect();
        format!("{total}处错误（{}）", parts.join("、"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;
    use crate::validate::validate;

    fn findings() -> (Framework, Vec<Finding>) {
        let framework = Framework::builtin();
        let mut draft = Draft::new(&framework, "d".into(), "t".into());
        draft.meta.region = "资阳市".into();
        draft.items.insert(
            "A2.1".into(),
            crate::draft::ItemEntry { narrative: "x亿元,增长x%。".into(), ..Default::default() },
        );
        let found = validate(&framework, &draft);
        (framework, found)
    }

    #[test]
    fn groups_follow_the_report_and_hold_every_finding() {
        let (framework, found) = findings();
        let groups = by_group(&framework, &found);
        let order: Vec<&Group> = groups.iter().map(|(group, _)| group).collect();
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(groups.iter().map(|(_, members)| members.len()).sum::<usize>(), found.len());
        assert_eq!(Group::Area(1).title(&framework), "（二）落实教育优先发展战略");
    }

    #[test]
    fn fixes_and_errors_are_counted_by_rule() {
        let (_, found) = findings();
        let fixes = fixes_by_rule(&found);
        let half_width = fixes.iter().find(|(code, _)| *code == "text-half-width").expect("a half-width comma");
        assert_eq!(half_width.1.len(), 1);
        let summary = error_summary(&found).unwrap();
        assert!(summary.starts_with(&format!("{}处错误（", count(&found, Severity::Error))), "{summary}");
        assert!(summary.contains("范文空白未填2处"), "{summary}");
        assert_eq!(error_summary(&[]), None);
    }

    #[test]
    fn the_same_finding_in_one_field_is_listed_once_with_its_count() {
        let framework = Framework::builtin();
        let mut draft = Draft::new(&framework, "d".into(), "t".into());
        draft.problems.push(crate::draft::Problem {
            id: "p1".into(),
            title: "x所学校".into(),
            text: "x人、x人、x所".into(),
        });
        let found: Vec<Finding> =
            validate(&framework, &draft).into_iter().filter(|finding| finding.rule == "text-blank").collect();
        let collapsed = collapse(&found);
        let text_blanks = collapsed
            .iter()
            .find(|(finding, _)| finding.location == Location::ProblemText("p1".into()))
            .expect("the text's blanks");
        assert_eq!(text_blanks.1, 3);
        assert_eq!(collapsed.iter().map(|(_, count)| count).sum::<usize>(), found.len());
    }
}
