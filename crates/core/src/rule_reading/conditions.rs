//! 一票否决, 降一个等次, 不得评为优秀 written in words: in a row's 评分细则 ("出现…的，该项不得分且
//! 实行“一票否决”"), in a rule row of the table, or in the notice ("有下列情形之一的，实行一票否决：
//! （一）…；（二）…"). Each becomes the fact a 是 would state, asked as a question.

use super::words::{sentences, without_numbering};
use crate::framework::ConditionEffect;

/// A condition read from words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadCondition {
    /// "是否发生重大校园安全责任事故".
    pub question: String,
    pub effect: ConditionEffect,
    /// Whether the words also say the row scores nothing ("该项不得分").
    pub scores_nothing: bool,
    /// The sentence it was read from.
    pub sentence: String,
}

/// The effect a text names, if any.
pub fn effect_named(text: &str) -> Option<ConditionEffect> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let has = |words: &[&str]| words.iter().any(|word| text.contains(word));
    if has(&["一票否决"]) {
        Some(ConditionEffect::Veto)
    } else if has(&["降一个等次", "降低一个等次", "降一等", "降为下一等次", "下降一个等次", "降一个等级", "降等"])
    {
        Some(ConditionEffect::DropGrade)
    } else if has(&["不得评为优秀", "不得评优", "不能评为优秀", "不得确定为优秀", "不得被评为优秀", "取消评优"])
    {
        Some(ConditionEffect::NotExcellent)
    } else {
        None
    }
}

const SCORES_NOTHING: [&str; 6] = ["不得分", "计0分", "得0分", "记0分", "计零分", "为0分"];

/// Whether a clause only speaks of the effect or the row's score (not of what happened).
fn is_consequence(clause: &str) -> bool {
    effect_named(clause).is_some()
        || SCORES_NOTHING.iter().any(|word| clause.contains(word))
        || ["实行", "并", "且", "同时"].iter().any(|word| clause.trim() == *word)
}

/// The fact of a clause as a 是 would state it: numbering, leading "凡/如/若/对于" and a trailing
/// "的/者" taken off.
pub fn fact_of(clause: &str) -> String {
    let mut fact = without_numbering(clause).trim().trim_matches(['，', ',', '：', ':', '“', '”', '"']).trim();
    for lead in ["凡", "如果", "如", "若", "对于", "对"] {
        if let Some(rest) = fact.strip_prefix(lead) {
            if rest.chars().count() >= 4 {
                fact = rest;
            }
        }
    }
    for tail in ["的", "者"] {
        if let Some(rest) = fact.strip_suffix(tail) {
            fact = rest;
            break;
        }
    }
    fact.trim().to_owned()
}

/// "是否" + the fact, unless the fact already asks.
pub fn question_of(fact: &str) -> String {
    if fact.starts_with("是否") {
        fact.to_owned()
    } else {
        format!("是否{fact}")
    }
}

/// Whether a fact only introduces a list ("有下列情形之一", "出现以下情况").
fn introduces_list(fact: &str) -> bool {
    ["下列", "以下", "如下"].iter().any(|word| fact.contains(word)) && fact.chars().count() < 24
}

/// Every condition a text states. A sentence that introduces a list ("有下列情形之一的，实行一票
/// 否决：") takes the entries that follow as its facts.
pub fn conditions_in(text: &str) -> Vec<ReadCondition> {
    let pieces = sentences(text);
    let mut found = Vec::new();
    let mut index = 0;
    while index < pieces.len() {
        let sentence = &pieces[index];
        index += 1;
        let Some(effect) = effect_named(sentence) else { continue };
        let scores_nothing = SCORES_NOTHING.iter().any(|word| sentence.contains(word));
        // The clauses before the first consequence state what happened.
        let clauses: Vec<&str> = sentence.split(['，', ',']).collect();
        let facts: Vec<&str> = clauses.iter().take_while(|clause| !is_consequence(clause)).copied().collect();
        // "发生重大事故，或截留挪用经费的" — either one: a question each.
        let alternatives: Vec<String> = facts
            .join("，")
            .split("，或者")
            .flat_map(|part| part.split("，或"))
            .map(fact_of)
            .filter(|fact| !fact.is_empty())
            .collect();
        let fact = alternatives.first().cloned().unwrap_or_default();
        // "…一票否决：（一）…" — the list may also follow the colon in this sentence.
        let (intro, after_colon) = match sentence.split_once(['：', ':']) {
            Some((intro, rest)) => (intro.trim(), Some(rest.trim()).filter(|rest| !rest.is_empty())),
            None => (sentence.trim(), None),
        };
        if fact.is_empty() || introduces_list(&fact) {
            let mut entries: Vec<String> = after_colon.map(|rest| vec![rest.to_owned()]).unwrap_or_default();
            while index < pieces.len() && effect_named(&pieces[index]).is_none() && is_list_entry(&pieces[index]) {
                entries.push(pieces[index].clone());
                index += 1;
            }
            for entry in entries {
                let fact = fact_of(&entry);
                if fact.chars().count() >= 2 {
                    found.push(ReadCondition {
                        question: question_of(&fact),
                        effect,
                        scores_nothing: false,
                        sentence: format!("{intro}：{entry}"),
                    });
                }
            }
            continue;
        }
        for fact in alternatives {
            found.push(ReadCondition {
                question: question_of(&fact),
                effect,
                scores_nothing,
                sentence: sentence.clone(),
            });
        }
    }
    found
}

/// An entry of a list: numbered ("（一）", "1.", "①"), or short enough to be one.
fn is_list_entry(piece: &str) -> bool {
    without_numbering(piece).len() < piece.trim().len() || piece.chars().count() <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_inside_a_scoring_rule() {
        let found = conditions_in("每少1次扣0.5分；出现重大安全责任事故的，该项不得分且实行“一票否决”。");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].question, "是否出现重大安全责任事故");
        assert_eq!(found[0].effect, ConditionEffect::Veto);
        assert!(found[0].scores_nothing);
        let found = conditions_in("学生体质健康水平连续三年下降的，降一个等次");
        assert_eq!(
            (found[0].question.as_str(), found[0].effect),
            ("是否学生体质健康水平连续三年下降", ConditionEffect::DropGrade)
        );
        let found = conditions_in("近两年发生重大以上校园安全责任事故的，不得评为优秀");
        assert_eq!(found[0].effect, ConditionEffect::NotExcellent);
        assert!(!found[0].scores_nothing);
    }

    #[test]
    fn a_list_introduced_by_a_sentence() {
        let found = conditions_in("有下列情形之一的，实行一票否决：（一）发生重大校园安全责任事故的；（二）截留挪用教育经费的；（三）弄虚作假的。");
        let questions: Vec<&str> = found.iter().map(|found| found.question.as_str()).collect();
        assert_eq!(questions, ["是否发生重大校园安全责任事故", "是否截留挪用教育经费", "是否弄虚作假"]);
        assert!(found.iter().all(|found| found.effect == ConditionEffect::Veto));
    }

    #[test]
    fn text_without_an_effect_states_no_condition() {
        assert!(conditions_in("每少1次扣0.2分，扣完为止。").is_empty());
    }
}
