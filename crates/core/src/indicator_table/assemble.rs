//! The table's rules made the framework's: rule rows (`rules.rs`), the notice's text about results,
//! conditions inside 评分细则, and the deductions the user accepted — each found rule listed with
//! where it came from and what it became, applied unless the user unticked it. Then the framework
//! is checked as a file is; should the rules make it unsound, it is made without them and a note
//! says why (a rule never makes the table refused).

use super::rules::{read_block, ReadRule, RuleRows};
use super::{FoundRule, LeftOut, ProposedDeduction, RuleSource, TableChoices, TableError};
use crate::framework::{
    joined_problems, Bonus, Condition, ConditionEffect, Deduction, Framework, FrameworkError, GradeBand, ScoredPoint,
};
use crate::framework_edit::{Action, FrameworkEdit};
use crate::points::Points;
use crate::rule_reading::{conditions_in, propose_deduction, read_results, RowWords};

/// What the row loop read besides the tree.
pub(super) struct TableRead {
    pub rule_rows: RuleRows,
    /// Rows taken by the rule reader (main-table rule rows and appendix rows).
    pub rule_row_numbers: Vec<usize>,
    /// Each node's code with the table row that made it.
    pub node_codes: Vec<(String, usize)>,
}

pub(super) struct Assembled {
    pub framework: Framework,
    pub rule_rows: Vec<usize>,
    pub rules: Vec<FoundRule>,
    pub deductions: Vec<ProposedDeduction>,
    pub rules_written: usize,
}

/// The rules read, before codes: kept ones become the scoring section.
#[derive(Default)]
struct Rules {
    bonus_title: Option<String>,
    bonus_cap: Option<Points>,
    bonus_items: Vec<ScoredPoint>,
    deductions: Vec<Deduction>,
    conditions: Vec<Condition>,
    total: Option<Points>,
    grades: Vec<GradeBand>,
}

pub(super) fn assemble(
    framework: Framework,
    table: TableRead,
    choices: &TableChoices,
    left_out: &mut Vec<LeftOut>,
    notes: &mut Vec<String>,
) -> Result<Assembled, TableError> {
    let kept = |key: &str| !choices.refused.contains(key);
    let mut found: Vec<FoundRule> = Vec::new();
    let mut rules = Rules::default();
    let mut rule_rows: Vec<usize> = Vec::new();
    let scored = framework.is_scored();
    // Looked up once per scored row: a map, so a table of thousands of rows is not read quadratically.
    let rows_by_code: std::collections::HashMap<&str, usize> =
        table.node_codes.iter().map(|(code, row)| (code.as_str(), *row)).collect();
    let row_of = |code: &str| rows_by_code.get(code).copied().unwrap_or(0);

    // 1. Rule rows. A row whose every entry failed is listed as left out, with the reason.
    let mut read_rows: Vec<(usize, bool, &'static str, String)> = Vec::new();
    let mut read_row_at: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for block in &table.rule_rows.blocks {
        for entry in read_block(block) {
            let ok = entry.read.is_ok();
            match read_row_at.get(&entry.row) {
                Some(&at) => read_rows[at].1 |= ok,
                None => {
                    read_row_at.insert(entry.row, read_rows.len());
                    read_rows.push((
                        entry.row,
                        ok,
                        entry.read.as_ref().err().copied().unwrap_or(""),
                        entry.quoted.clone(),
                    ));
                }
            }
            let Ok(read) = entry.read else { continue };
            if !scored {
                continue;
            }
            let is_kept = kept(&entry.key);
            let became = match &read {
                ReadRule::BonusItem { title, points, .. } => match points {
                    Some(points) => format!("加分项目“{title}”，最多加{points}分"),
                    None => format!("加分项目“{title}”（未写明分值，按加分上限计）"),
                },
                ReadRule::Deduction { title, per, cap } => {
                    let cap = cap.map(|cap| format!("，最多扣{cap}分")).unwrap_or_default();
                    format!("扣分项“{title}”，每次扣{per}分{cap}")
                }
                ReadRule::Condition { question, effect } => format!("{}：{question}", effect.label_zh()),
            };
            found.push(FoundRule {
                key: entry.key.clone(),
                source: RuleSource::Row(entry.row),
                quoted: entry.quoted.clone(),
                became,
                kept: is_kept,
            });
            if !is_kept {
                continue;
            }
            let basis = format!("指标表第{}行：{}", entry.row, entry.quoted);
            match read {
                ReadRule::BonusItem { title, points, cap, criteria, rule } => {
                    if rules.bonus_title.is_none() {
                        rules.bonus_title = Some(bonus_title(&block.heading));
                    }
                    rules.bonus_cap = rules.bonus_cap.or(block.cap).or(cap);
                    // Points not written: the cap stands for them (settled below).
                    rules.bonus_items.push(ScoredPoint {
                        criteria,
                        scoring_rule: rule,
                        ..ScoredPoint::new(String::new(), title, points.unwrap_or(Points::ZERO))
                    });
                }
                ReadRule::Deduction { title, per, cap } => rules.deductions.push(Deduction {
                    code: String::new(),
                    title,
                    per_occurrence: per,
                    cap,
                    basis,
                    responsible_units: Vec::new(),
                }),
                ReadRule::Condition { question, effect } => {
                    push_condition(&mut rules.conditions, question, effect, basis, String::new(), false)
                }
            }
        }
    }
    for (row, ok, reason, quoted) in read_rows {
        if !ok {
            left_out.push(LeftOut { row, text: quoted, reason });
        } else if !scored {
            left_out.push(LeftOut {
                row, text: quoted, reason: "评分规则（本表没有分值，不按分值评价，未采用）"
            });
        } else {
            rule_rows.push(row);
        }
    }
    // Taken by the rule reader but holding no entry at all (an appendix heading alone): a rule row.
    let mut accounted: std::collections::HashSet<usize> =
        rule_rows.iter().copied().chain(left_out.iter().map(|left| left.row)).collect();
    for row in table.rule_row_numbers {
        if accounted.insert(row) {
            rule_rows.push(row);
        }
    }
    crate::small_sort::sort_small_by_key(&mut rule_rows, |row| *row);

    // 2. The notice's text.
    let results = read_results(&choices.notice_text);
    if !scored {
        if !choices.notice_text.trim().is_empty() {
            notes.push("本表没有分值，不按分值评价：通知中关于总分、等次和否决事项的文字未采用。".to_owned());
        }
    } else {
        let sum: Points = framework.leaf_points();
        if let Some((total, sentence)) = &results.total {
            let agrees = *total == sum;
            let became = if agrees {
                format!("总分{total}分")
            } else {
                format!("总分{total}分（与指标表各项合计{sum}分不一致，按各项合计计分，未采用）")
            };
            let is_kept = agrees && kept("notice-total");
            found.push(text_rule("notice-total", sentence, became, is_kept));
            if is_kept {
                rules.total = Some(*total);
            }
        }
        if let Some((cap, sentence)) = &results.bonus_cap {
            let is_kept = kept("notice-bonus");
            found.push(text_rule("notice-bonus", sentence, format!("加分上限{cap}分"), is_kept));
            if is_kept && rules.bonus_cap.is_none() {
                rules.bonus_cap = Some(*cap);
            }
            if is_kept && rules.bonus_items.is_empty() {
                notes.push(format!(
                    "通知设加分项（上限{cap}分），但指标表中没有加分项目：请在“评分规则”中添加加分项目。"
                ));
            }
        }
        if let Some((grades, sentence)) = &results.grades {
            let is_kept = kept("notice-grades");
            found.push(text_rule("notice-grades", sentence, format!("等次：{}", GradeBand::describe(grades)), is_kept));
            if is_kept {
                rules.grades = grades.clone();
            }
        }
        if let Some(gap) = &results.grade_gap {
            notes.push(gap.clone());
        }
        for (index, condition) in results.conditions.iter().enumerate() {
            let key = format!("notice-condition{}", index + 1);
            let is_kept = kept(&key);
            let became = format!("{}：{}", condition.effect.label_zh(), condition.question);
            found.push(text_rule(&key, &condition.sentence, became, is_kept));
            if is_kept {
                let basis = format!("通知：{}", condition.sentence);
                push_condition(
                    &mut rules.conditions,
                    condition.question.clone(),
                    condition.effect,
                    basis,
                    String::new(),
                    false,
                );
            }
        }
    }

    // 3. Conditions inside 评分细则, and the deductions proposed from them.
    let mut deductions = Vec::new();
    let mut rules_written = 0;
    let mut adopted: Vec<(String, crate::rule_reading::DeductionProposal)> = Vec::new();
    if scored {
        for row in framework.scored_leaves() {
            if row.scoring_rule.trim().is_empty() {
                continue;
            }
            rules_written += 1;
            let table_row = row_of(row.code);
            for (index, condition) in conditions_in(row.scoring_rule).into_iter().enumerate() {
                let key = format!("rule-{}-{}", row.code, index + 1);
                let is_kept = kept(&key);
                let nothing = if condition.scores_nothing { "；发生时该项不得分" } else { "" };
                found.push(FoundRule {
                    key: key.clone(),
                    source: RuleSource::ScoringRule(table_row),
                    quoted: condition.sentence.clone(),
                    became: format!(
                        "{}：{}（出自“{}”的评分细则{nothing}）",
                        condition.effect.label_zh(),
                        condition.question,
                        row.label()
                    ),
                    kept: is_kept,
                });
                if is_kept {
                    let basis = format!("评分细则：{}，{}", row.label(), condition.sentence);
                    push_condition(
                        &mut rules.conditions,
                        condition.question,
                        condition.effect,
                        basis,
                        row.code.to_owned(),
                        condition.scores_nothing,
                    );
                }
            }
            let label = row.label();
            let words = RowWords {
                code: row.code,
                label: &label,
                title: row.title,
                criteria: row.criteria,
                rule: row.scoring_rule,
                points: row.points.unwrap_or(Points::ZERO),
            };
            if let Some(proposal) = propose_deduction(&words) {
                let key = format!("deduct-{}", row.code);
                let is_kept = choices.accepted.contains(&key);
                deductions.push(ProposedDeduction {
                    key,
                    row: table_row,
                    label,
                    rule: row.scoring_rule.to_owned(),
                    summary: proposal.summary.clone(),
                    figure: format!("{}（{}）", proposal.figure.name, proposal.figure.unit),
                    kept: is_kept,
                });
                if is_kept {
                    adopted.push((row.code.to_owned(), proposal));
                }
            }
        }
    }

    // 4. Applied, then checked as a file is.
    let with_rules = apply(framework.clone(), rules, &adopted);
    let framework = match check(&with_rules) {
        Ok(checked) => checked,
        Err(problems) if scored => {
            notes.push(format!(
                "表中的评分规则未能全部采用（{problems}）：已只按指标和分值建立，请在“评分规则”中补充。"
            ));
            for rule in &mut found {
                rule.kept = false;
            }
            for proposal in &mut deductions {
                proposal.kept = false;
            }
            check(&framework).map_err(|problems| TableError::Invalid(vec![problems]))?
        }
        Err(problems) => return Err(TableError::Invalid(vec![problems])),
    };
    if let Some(scoring) = framework.scoring.as_ref().filter(|scoring| scoring.grades.is_empty()) {
        if !scoring.conditions.is_empty() {
            notes.push(format!(
                "表中有{}个一票否决、降等或不得评优事项，但还没有设置等次，这些事项暂不影响结果：请粘贴通知中关于等次的文字，或在“评分规则”中设置等次。",
                scoring.conditions.len()
            ));
        }
    }
    // Grade lines above what the table can give (a 百分制 notice over a table read in part, or
    // one whose points are scaled): every draft would be graded 不合格 without a word.
    if let Some(scoring) = framework.scoring.as_ref() {
        let full: Points = framework.leaf_points();
        let top = scoring.grades.iter().max_by_key(|grade| grade.at_least);
        if let Some(top) = top.filter(|top| top.at_least > full) {
            notes.push(format!(
                "等次“{}”要求{}分以上，但本表基本分满分只有{full}分：请核对指标表是否读全、分值列是否认对，或通知的等次是否另有折算。",
                top.name, top.at_least
            ));
        }
    }
    Ok(Assembled { framework, rule_rows, rules: found, deductions, rules_written })
}

/// The bonus's title from its heading: "附加分（最高3分）" → "附加分"; a bare "加分" is "加分项".
fn bonus_title(heading: &str) -> String {
    let (_, heading, _) = super::title::split_numbered_title(heading);
    let title = heading.split(['（', '(', '，', ',', '：', ':']).next().unwrap_or("").trim();
    if title.is_empty() || title == "加分" || title.chars().count() > 8 {
        "加分项".to_owned()
    } else {
        title.to_owned()
    }
}

fn text_rule(key: &str, sentence: &str, became: String, kept: bool) -> FoundRule {
    FoundRule { key: key.to_owned(), source: RuleSource::Notice, quoted: sentence.to_owned(), became, kept }
}

/// A condition, unless the same question is already asked (the notice and the table may both
/// state it).
fn push_condition(
    conditions: &mut Vec<Condition>,
    question: String,
    effect: ConditionEffect,
    basis: String,
    row: String,
    row_scores_nothing: bool,
) {
    if conditions.iter().any(|condition| condition.question == question && condition.effect == effect) {
        return;
    }
    conditions.push(Condition { code: String::new(), question, effect, basis, row, row_scores_nothing });
}

/// The framework with the kept rules, codes given (B1…, K1…, V1…) and the accepted deductions
/// adopted.
fn apply(
    mut framework: Framework,
    rules: Rules,
    adopted: &[(String, crate::rule_reading::DeductionProposal)],
) -> Framework {
    let Some(scoring) = framework.scoring.as_mut() else { return framework };
    if !rules.bonus_items.is_empty() {
        let cap = rules.bonus_cap.unwrap_or_else(|| rules.bonus_items.iter().map(|item| item.points).sum());
        let items = rules
            .bonus_items
            .into_iter()
            .enumerate()
            .map(|(index, mut item)| {
                item.code = format!("B{}", index + 1);
                if item.points == Points::ZERO {
                    item.points = cap;
                }
                item
            })
            .collect();
        scoring.bonus = Some(Bonus { title: rules.bonus_title.unwrap_or_else(|| "加分项".to_owned()), cap, items });
    }
    scoring.deductions = rules
        .deductions
        .into_iter()
        .enumerate()
        .map(|(index, deduction)| Deduction { code: format!("K{}", index + 1), ..deduction })
        .collect();
    scoring.conditions = rules
        .conditions
        .into_iter()
        .enumerate()
        .map(|(index, condition)| Condition { code: format!("V{}", index + 1), ..condition })
        .collect();
    scoring.total = rules.total;
    scoring.grades = rules.grades;
    let mut edit = FrameworkEdit::of(framework);
    for (code, proposal) in adopted {
        if let Some(path) = edit.path_of(code) {
            // A proposal refused here would leave the row as written: nothing to report.
            let _ =
                edit.apply(Action::AdoptDeduction(path, Box::new(proposal.figure.clone()), proposal.deduction.clone()));
        }
    }
    // Checked by the caller at once (`check`).
    edit.into_working().into_unchecked()
}

/// The framework through `from_json`, or its problems as one message.
fn check(framework: &Framework) -> Result<Framework, String> {
    let text = serde_json::to_string(framework).expect("a framework serializes");
    Framework::from_json(&text).map_err(|error| match error {
        FrameworkError::Invalid { problems } => joined_problems(&problems),
        other => other.to_string(),
    })
}
