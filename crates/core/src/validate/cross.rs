//! Across sections: every problem answered by a measure; every shortfall rating explained by a problem.

use super::{Rule, Severity};
use crate::draft::Location;
use crate::draft::Rating;
use crate::validate::scan::is_han;

pub const PROBLEM_UNANSWERED: Rule = Rule {
    code: "problem-unanswered",
    severity: Severity::Warning,
    name: "问题没有对应措施",
    description: "每个存在的问题都应有至少一条下一步措施回应（在措施中勾选“回应的问题”）。",
    check: |context, rule, findings| {
        for (index, problem) in context.draft.problems.iter().enumerate() {
            let answered = context.draft.measures.iter().any(|measure| measure.answers.contains(&problem.id));
            if !answered {
                let title = if problem.title.trim().is_empty() {
                    format!("第{}条问题", index + 1)
                } else {
                    format!("“{}”", problem.title)
                };
                findings.push(rule.finding(
                    Location::ProblemTitle(problem.id.clone()),
                    None,
                    format!("{title}没有对应的下一步措施。"),
                ));
            }
        }
    },
};

/// The Han characters of a title, without quotes and brackets.
fn han_only(text: &str) -> Vec<char> {
    text.chars().filter(|&character| is_han(character)).collect()
}

/// Whether `text` shares a run of at least four Han characters with `title`.
pub fn mentions(text: &str, title: &str) -> bool {
    const RUN: usize = 4;
    let title = han_only(title);
    let text: Vec<char> = han_only(text);
    if title.len() < RUN {
        return !title.is_empty() && text.windows(title.len()).any(|window| window == title.as_slice());
    }
    title.windows(RUN).any(|needle| text.windows(RUN).any(|window| window == needle))
}

pub const RATING_UNEXPLAINED: Rule = Rule {
    code: "rating-unexplained",
    severity: Severity::Warning,
    name: "未达标项没有写入问题",
    description: "自评为“未达标”或“基本达标”的指标，应在“存在的问题”中说明差距。",
    check: |context, rule, findings| {
        for (_, item) in context.framework.items() {
            let Some(entry) = context.draft.item(&item.code) else { continue };
            let Some(rating @ (Rating::NotMet | Rating::PartlyMet)) = entry.rating else { continue };
            let explained = context
                .draft
                .problems
                .iter()
                .any(|problem| mentions(&format!("{}{}", problem.title, problem.text), &item.title));
            if !explained {
                findings.push(rule.finding(
                    Location::Item(item.code.clone()),
                    None,
                    format!("自评为“{}”，但“存在的问题”中没有提到此项。", rating.label_zh()),
                ));
            }
        }
    },
};
