//! A figure-driven deduction proposed from a row's own words. Most 评分细则 are arithmetic on a
//! figure — "每缺1次扣1分", "低于90%的，每低1个百分点扣0.2分", "每发现1所未达标学校扣0.5分，扣完
//! 为止", "未达到的不得分", "每发生1起扣2分" — with the target in the indicator's wording
//! ("不少于3次", "达到95%以上"). Read, they make a figure (kind, unit, threshold with its basis)
//! and a [`FigureDeduction`]; the user accepts, changes or refuses each. Wording not understood
//! gives no proposal: the rule stays text.

use super::words::{ascii_digits, deducted_amounts, number_at, points_of, without_numbering};
use crate::framework::{Figure, FigureDeduction, FigureKind, Threshold};
use crate::points::Points;

/// A deduction read from a row's 评分细则.
#[derive(Clone, Debug, PartialEq)]
pub struct DeductionProposal {
    pub figure: Figure,
    pub deduction: FigureDeduction,
    /// "应不少于4次，每少1次扣0.5分" — what the user reads before accepting it.
    pub summary: String,
}

/// The row's texts a proposal is read from.
pub struct RowWords<'a> {
    /// The row's code, for the figure's id.
    pub code: &'a str,
    /// What the row is called where a reviewer reads it ("（12）会议制度"), for the basis.
    pub label: &'a str,
    pub title: &'a str,
    pub criteria: &'a str,
    pub rule: &'a str,
    pub points: Points,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Direction {
    /// Deduct per unit short of a target (at least).
    Short,
    /// Deduct per unit over a target (at most).
    Over,
}

const SHORT_VERBS: [&str; 14] =
    ["少于", "缺少", "少开", "少", "缺", "低于", "低", "差", "减少", "降低", "下降", "未达", "未完成", "不足"];
const OVER_VERBS: [&str; 7] = ["超过", "超出", "超", "高于", "高", "多", "增加"];
/// Counting things that should not happen: the target is none.
const EVENT_VERBS: [&str; 12] =
    ["发现", "发生", "出现", "查实", "存在", "被", "有", "新增", "产生", "拖欠", "延迟", "推迟"];

/// Units a figure is counted in, longest first; "个百分点" and "百分点" are the figure's "%".
const UNITS: [&str; 31] = [
    "个百分点",
    "百分点",
    "平方米",
    "人次",
    "万元",
    "亿元",
    "个月",
    "学时",
    "课时",
    "%",
    "元",
    "次",
    "所",
    "人",
    "起",
    "例",
    "个",
    "项",
    "名",
    "件",
    "校",
    "班",
    "天",
    "月",
    "年",
    "间",
    "台",
    "套",
    "册",
    "场",
    "处",
];

fn unit_at(text: &str) -> Option<&'static str> {
    let text = text.trim_start();
    UNITS.iter().find(|unit| text.starts_with(**unit)).copied()
}

/// The figure's unit for a unit in words ("个百分点" → "%").
fn figure_unit(unit: &str) -> &str {
    match unit {
        "个百分点" | "百分点" => "%",
        other => other,
    }
}

fn kind_of(unit: &str) -> FigureKind {
    match unit {
        "%" => FigureKind::Percent,
        "元" | "万元" | "亿元" => FigureKind::Amount,
        "平方米" | "学时" | "课时" => FigureKind::Quantity,
        _ => FigureKind::Count,
    }
}

/// A "每…扣N分" clause: direction, how many units make one deduction, the unit, the thing counted
/// (for events: "未达标学校"), and the points per deduction.
struct PerClause {
    /// Where the clause is in the rule (from 每 to 分), so the rest can be searched for a target.
    span: std::ops::Range<usize>,
    /// "发现", "拖欠", "少"…, as written.
    verb: &'static str,
    direction: Direction,
    event: bool,
    per: f64,
    unit: &'static str,
    noun: String,
    deduct: f64,
}

fn per_clause(rule: &str) -> Option<PerClause> {
    let mut from = 0;
    while let Some(at) = rule[from..].find('每').map(|at| at + from) {
        from = at + '每'.len_utf8();
        let rest = &rule[from..];
        let verbs = SHORT_VERBS
            .iter()
            .map(|verb| (*verb, Direction::Short, false))
            .chain(OVER_VERBS.iter().map(|verb| (*verb, Direction::Over, false)))
            .chain(EVENT_VERBS.iter().map(|verb| (*verb, Direction::Over, true)));
        let mut best: Option<(&'static str, Direction, bool)> = None;
        for (verb, direction, event) in verbs {
            if rest.starts_with(verb) && best.is_none_or(|(longest, ..)| verb.len() > longest.len()) {
                best = Some((verb, direction, event));
            }
        }
        // "每起", "每所" — an event counted without a verb.
        let (verb, direction, event) = best.unwrap_or(("", Direction::Over, true));
        let after_verb = &rest[verb.len()..];
        let (per, after_number) = match number_at(after_verb) {
            Some((value, length)) => (value, &after_verb[length..]),
            None => (1.0, after_verb),
        };
        let clause_start = at;
        let Some(unit) = unit_at(after_number) else { continue };
        if verb.is_empty() && !matches!(unit, "起" | "例" | "所" | "人" | "件" | "次" | "人次" | "项" | "个" | "处")
        {
            continue;
        }
        let after_unit = after_number.trim_start()[unit.len()..].to_owned();
        let unit_end = rule.len() - after_unit.len();
        // The points: the first "扣N分" after the unit, within the clause or the next.
        let window: String = after_unit.chars().take(40).collect();
        let deduct_at = window.find('扣')?;
        let deduct = *deducted_amounts(&window[deduct_at..]).first()?;
        let points_end = window[deduct_at..].find('分').map_or(window.len(), |at| deduct_at + at + '分'.len_utf8());
        let noun: String =
            window[..deduct_at].trim_matches(['，', ',', '的', ' ']).chars().filter(|c| c.is_alphanumeric()).collect();
        let span = clause_start..unit_end + points_end;
        return Some(PerClause { span, verb, direction, event, per, unit, noun, deduct });
    }
    None
}

/// A number right after one of `words`, in `unit` (or a unit of the same figure unit).
fn target_after(text: &str, words: &[&str], unit: &str) -> Option<f64> {
    for word in words {
        let mut from = 0;
        while let Some(at) = text[from..].find(word).map(|at| at + from) {
            from = at + word.len();
            let rest = &text[from..];
            let rest = rest.trim_start_matches(['为', '到', ' ']);
            if let Some((value, length)) = number_at(rest) {
                let found = unit_at(&rest[length..]);
                if found.is_some_and(|found| figure_unit(found) == figure_unit(unit)) {
                    return Some(value);
                }
            }
        }
    }
    None
}

/// A number followed by the unit and "以上"/"及以上" ("4次以上", "95%以上").
fn number_before_above(text: &str, unit: &str) -> Option<f64> {
    let unit = figure_unit(unit);
    for (index, _) in text.char_indices() {
        if let Some((value, length)) = number_at(&text[index..]) {
            let after = &text[index + length..];
            if let Some(found) = unit_at(after) {
                let tail = after.trim_start()[found.len()..].trim_start();
                if figure_unit(found) == unit && (tail.starts_with("以上") || tail.starts_with("及以上")) {
                    let before = text[..index].chars().next_back();
                    if !before.is_some_and(|c| c.is_ascii_digit() || c == '.') {
                        return Some(value);
                    }
                }
            }
        }
    }
    None
}

const AT_LEAST_WORDS: [&str; 9] = ["不少于", "不低于", "不得少于", "不得低于", "至少", "达到", "达", "应为", "≥"];
const AT_MOST_WORDS: [&str; 6] = ["不超过", "不高于", "不得超过", "不得高于", "控制在", "≤"];
/// Words of a rule that state the target from the other side ("低于90%的").
const SHORT_OF_WORDS: [&str; 5] = ["低于", "不足", "少于", "未达到", "达不到"];
const OVER_WORDS: [&str; 4] = ["超过", "高于", "超出", "多于"];

/// Where a target was found: the rule itself, the row's 评价要点, or its title.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    Rule,
    Criteria,
    Title,
}

/// The target of a deduction and where it was written: the rule first ("低于90%的"), then the
/// 评价要点 and the title ("不少于4次", "达到95%以上").
fn target(direction: Direction, unit: &str, rule: &str, words: &RowWords) -> Option<(f64, Found)> {
    let in_wording = |text: &str| match direction {
        Direction::Short => target_after(text, &AT_LEAST_WORDS, unit).or_else(|| number_before_above(text, unit)),
        Direction::Over => target_after(text, &AT_MOST_WORDS, unit),
    };
    let in_rule = match direction {
        Direction::Short => target_after(rule, &SHORT_OF_WORDS, unit),
        Direction::Over => target_after(rule, &OVER_WORDS, unit),
    };
    in_rule
        .map(|value| (value, Found::Rule))
        .or_else(|| in_wording(&ascii_digits(words.criteria)).map(|value| (value, Found::Criteria)))
        .or_else(|| in_wording(&ascii_digits(words.title)).map(|value| (value, Found::Title)))
}

/// The text a figure is named from: the one that states the target, else the title (or the
/// 评价要点, when the title is a bare heading).
fn name_source<'a>(words: &RowWords<'a>, found: Found) -> &'a str {
    match found {
        Found::Criteria => words.criteria,
        Found::Title => words.title,
        Found::Rule if words.criteria.trim().is_empty() || words.title.ends_with('率') => words.title,
        Found::Rule => words.criteria,
    }
}

/// A figure name text can refer to: the title's words up to its target ("不少于4次"), letters and
/// digits only, with what is counted after it; at most 24 characters.
fn figure_name(title: &str, unit: &str, noun: &str, event: bool, verb: &str) -> String {
    let mut stem = ascii_digits(without_numbering(title));
    // Cut at the target ("不少于4次", "达到95%"): a comparison word followed by a number; "达" in
    // "达标率" is no target.
    let targets = AT_LEAST_WORDS.iter().chain(AT_MOST_WORDS.iter()).filter_map(|word| {
        stem.match_indices(word).find_map(|(at, _)| {
            let after = stem[at + word.len()..].trim_start_matches(['为', '到']);
            (at > 0 && number_at(after).is_some()).then_some(at)
        })
    });
    let brackets = ["（", "("].iter().filter_map(|bracket| stem.find(bracket).filter(|at| *at > 0));
    if let Some(cut) = targets.chain(brackets).min() {
        stem.truncate(cut);
    }
    let stem: String = stem.chars().filter(|c| c.is_alphanumeric() && !c.is_ascii_digit()).collect();
    let stem = stem.trim_end_matches(['的', '率']).to_owned();
    let name = match (unit, event) {
        ("%", _) => format!("{stem}率"),
        (_, true) if !noun.is_empty() => format!("{noun}数"),
        // "每拖欠1个月" → 拖欠月数; "每发生1起" in 安全稳定 → 安全稳定发生起数.
        (_, true) if !verb.is_empty() && !["有", "被", "存在"].contains(&verb) => {
            format!(
                "{}{verb}{}数",
                if verb == "拖欠" || verb == "延迟" || verb == "推迟" { "" } else { stem.as_str() },
                unit.trim_start_matches('个')
            )
        }
        (_, true) => format!("{stem}{unit}数"),
        ("次", false) => format!("{stem}次数"),
        (unit, false) if kind_of(unit) == FigureKind::Count => format!("{stem}{unit}数"),
        (_, false) => stem,
    };
    let name: String = name.chars().filter(|c| c.is_alphanumeric() || *c == '_').collect();
    let count = name.chars().count();
    if count > 24 {
        // Keep the end: it says what is counted.
        name.chars().skip(count - 24).collect()
    } else if name.is_empty() {
        "评分数据".to_owned()
    } else {
        name
    }
}

fn figure_of(words: &RowWords, unit: &str, name: String, direction: Direction, target: f64, wording: &str) -> Figure {
    let unit = figure_unit(unit);
    let basis = format!("评分细则：{}，{}", words.label, wording.trim());
    Figure {
        id: format!("rule_{}", words.code.replace(['.', '-'], "_")),
        label: name.clone(),
        name,
        kind: kind_of(unit),
        unit: unit.to_owned(),
        min: None,
        max: None,
        required: true,
        thresholds: vec![Threshold {
            at_least: (direction == Direction::Short).then_some(target),
            at_most: (direction == Direction::Over).then_some(target),
            at_least_figure: None,
            at_least_previous: false,
            basis,
            note: None,
        }],
    }
}

fn summary(direction: Direction, target: f64, unit: &str, per: f64, deduct: Points, all: bool) -> String {
    let unit = figure_unit(unit);
    let number = crate::figure::display_number;
    let (target_word, gap_word) = match direction {
        Direction::Short => ("应不少于", "每少"),
        Direction::Over => ("应不超过", "每超"),
    };
    let gap_unit = if unit == "%" { "个百分点" } else { unit };
    if all {
        format!("{target_word}{}{unit}，未达到扣{deduct}分", number(target))
    } else {
        format!("{target_word}{}{unit}，{gap_word}{}{gap_unit}扣{deduct}分", number(target), number(per))
    }
}

/// The proposal for a row, when its 评分细则 reads as arithmetic on a figure.
pub fn propose_deduction(words: &RowWords) -> Option<DeductionProposal> {
    let rule = ascii_digits(words.rule);
    if rule.trim().is_empty() {
        return None;
    }
    if let Some(clause) = per_clause(&rule) {
        // The target is searched for outside the "每…扣N分" clause ("每超过1个百分点" is no target).
        let rest = format!("{}{}", &rule[..clause.span.start], &rule[clause.span.end..]);
        let (target, found) = target(clause.direction, clause.unit, &rest, words)
            .or_else(|| (clause.event && clause.direction == Direction::Over).then_some((0.0, Found::Title)))?;
        let deduct = points_of(clause.deduct).filter(|deduct| *deduct > Points::ZERO)?;
        let name =
            figure_name(name_source(words, found), figure_unit(clause.unit), &clause.noun, clause.event, clause.verb);
        let figure = figure_of(words, clause.unit, name, clause.direction, target, words.rule);
        let deduction = FigureDeduction {
            figure: figure.id.clone(),
            at_least: (clause.direction == Direction::Short).then_some(target),
            at_most: (clause.direction == Direction::Over).then_some(target),
            per: clause.per,
            deduct,
        };
        let summary = if clause.event && target == 0.0 {
            // "不应有…": an event counted against none reads as the rule does.
            let number = crate::figure::display_number(clause.per);
            format!("每{}{number}{}{}扣{deduct}分（应为0）", clause.verb, clause.unit, clause.noun)
        } else {
            summary(clause.direction, target, clause.unit, clause.per, deduct, false)
        };
        return Some(DeductionProposal { figure, deduction, summary });
    }
    all_or_nothing(words, &rule)
}

/// "未达到的不得分", "低于90%的扣1分", "超过5%的不得分": any shortfall (or excess) takes the row's
/// points, or a fixed amount.
fn all_or_nothing(words: &RowWords, rule: &str) -> Option<DeductionProposal> {
    let takes_all = ["不得分", "不计分", "计0分", "得0分"].iter().any(|word| rule.contains(word));
    let fixed = deducted_amounts(rule).first().copied().and_then(points_of);
    let deduct = if takes_all { words.points } else { fixed? };
    if deduct <= Points::ZERO {
        return None;
    }
    let failing =
        ["未达到", "未达标", "达不到", "不达标", "低于", "不足", "少于"].iter().any(|word| rule.contains(word));
    let exceeding = OVER_WORDS.iter().any(|word| rule.contains(word));
    // Only a target with a unit reads as a figure (a percentage, a count of things).
    let direction = if failing {
        Direction::Short
    } else if exceeding {
        Direction::Over
    } else {
        return None;
    };
    for unit in UNITS {
        let found = target(direction, unit, rule, words);
        let Some((target, found)) = found.filter(|(target, _)| *target > 0.0 || direction == Direction::Over) else {
            continue;
        };
        let name = figure_name(name_source(words, found), figure_unit(unit), "", false, "");
        let figure = figure_of(words, unit, name, direction, target, words.rule);
        // One unit of `per` covers any gap: the target itself (or 1 when it is 0).
        let per = if target > 0.0 { target } else { 1.0 };
        let deduction = FigureDeduction {
            figure: figure.id.clone(),
            at_least: (direction == Direction::Short).then_some(target),
            at_most: (direction == Direction::Over).then_some(target),
            per,
            deduct,
        };
        let summary = summary(direction, target, unit, per, deduct, true);
        return Some(DeductionProposal { figure, deduction, summary });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn propose(title: &str, rule: &str, points: i64) -> Option<DeductionProposal> {
        propose_deduction(&RowWords {
            code: "A1.1.1",
            label: "（1）测试",
            title,
            criteria: "",
            rule,
            points: Points::whole(points),
        })
    }

    fn read(proposal: &DeductionProposal) -> (Option<f64>, Option<f64>, f64, String, &str, FigureKind) {
        let deduction = &proposal.deduction;
        (
            deduction.at_least,
            deduction.at_most,
            deduction.per,
            deduction.deduct.to_string(),
            proposal.figure.unit.as_str(),
            proposal.figure.kind,
        )
    }

    #[test]
    fn per_unit_short_of_a_target_in_the_title() {
        let proposal = propose("政府常务会议研究教育工作不少于4次", "每少1次扣0.5分，扣完为止", 2).unwrap();
        assert_eq!(read(&proposal), (Some(4.0), None, 1.0, "0.5".into(), "次", FigureKind::Count));
        assert_eq!(proposal.figure.name, "政府常务会议研究教育工作次数");
        assert_eq!(proposal.summary, "应不少于4次，每少1次扣0.5分");
        assert_eq!(proposal.figure.thresholds[0].at_least, Some(4.0));
        assert!(proposal.figure.thresholds[0].basis.contains("每少1次扣0.5分"));
        let proposal = propose("教育工作领导小组每年召开会议不少于两次", "每缺一次扣1分", 2).unwrap();
        assert_eq!(read(&proposal).0, Some(2.0));
    }

    #[test]
    fn percentage_points_below_a_rate() {
        let proposal = propose("学前教育毛入园率", "低于90%的，每低1个百分点扣0.2分", 3).unwrap();
        assert_eq!(read(&proposal), (Some(90.0), None, 1.0, "0.2".into(), "%", FigureKind::Percent));
        assert_eq!(proposal.figure.name, "学前教育毛入园率");
    }

    #[test]
    fn events_counted_against_none() {
        let proposal = propose("校舍安全", "每发现1所未达标学校扣0.5分，扣完为止", 2).unwrap();
        assert_eq!(read(&proposal), (None, Some(0.0), 1.0, "0.5".into(), "所", FigureKind::Count));
        assert_eq!(proposal.figure.name, "未达标学校数");
        let proposal = propose("安全稳定", "每发生1起扣2分", 4).unwrap();
        assert_eq!(read(&proposal), (None, Some(0.0), 1.0, "2".into(), "起", FigureKind::Count));
        assert_eq!(proposal.summary, "每发生1起扣2分（应为0）");
        let proposal = propose("生均公用经费按时足额拨付", "每拖欠1个月扣0.5分", 2).unwrap();
        assert_eq!((proposal.figure.name.as_str(), proposal.figure.unit.as_str()), ("拖欠月数", "个月"));
        let proposal = propose("校舍安全隐患排查整治到位", "每发现1处重大安全隐患未整改扣1分，扣完为止", 3).unwrap();
        assert_eq!(proposal.figure.name, "重大安全隐患未整改数");
    }

    #[test]
    fn all_or_nothing_against_a_target() {
        let proposal = propose("适龄残疾儿童义务教育入学率达到95%以上", "未达到的不得分", 2).unwrap();
        assert_eq!(read(&proposal), (Some(95.0), None, 95.0, "2".into(), "%", FigureKind::Percent));
        assert_eq!(proposal.summary, "应不少于95%，未达到扣2分");
        let proposal = propose("大班额", "大班额比例超过5%的不得分", 2).unwrap();
        assert_eq!(read(&proposal).1, Some(5.0));
    }

    #[test]
    fn wording_without_arithmetic_is_left_as_text() {
        assert!(propose("向本级人大报告教育工作", "未报告扣0.5分", 1).is_none());
        assert!(propose("思政课", "视开展情况酌情扣分", 2).is_none());
        assert!(propose("会议", "每少1次扣0.2分", 2).is_none(), "no target anywhere");
    }
}
