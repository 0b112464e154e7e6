//! The notice's words about results, pasted as text: "评价结果分为优秀、良好、合格、不合格四个等次，
//! 90分及以上为优秀，80—89分为良好…", "总分100分（另设加分项5分）", and the 一票否决 / 降等 lists.
//! Each finding keeps the sentence it came from.

use super::conditions::{conditions_in, ReadCondition};
use super::words::{ascii_digits, first_after, number_at, points_of};
use crate::framework::GradeBand;
use crate::points::Points;

/// What a notice's text says about results.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadResults {
    /// Full marks (bonus not included), with its sentence.
    pub total: Option<(Points, String)>,
    /// The bonus cap, with its sentence.
    pub bonus_cap: Option<(Points, String)>,
    /// Grade bands, highest first, with the sentences they came from; `None` when the text names
    /// none, or names them so that some total would have no grade (then `grade_gap` says why).
    pub grades: Option<(Vec<GradeBand>, String)>,
    /// Why grades that were named could not be taken.
    pub grade_gap: Option<String>,
    pub conditions: Vec<ReadCondition>,
}

/// Clauses: the text split at every mark that ends one.
fn clauses(text: &str) -> Vec<String> {
    text.split(['，', ',', '；', ';', '。', '\n'])
        .map(|clause| clause.trim().to_owned())
        .filter(|clause| !clause.is_empty())
        .collect()
}

/// The grade names a sentence lists: "分为优秀、良好、合格、不合格四个等次" (or 等级, 档次).
fn named_grades(text: &str) -> Vec<String> {
    for sentence in text.split(['。', '；', ';', '\n']) {
        let Some(at) = sentence.find("分为") else { continue };
        let rest = &sentence[at + "分为".len()..];
        let end = ["个等次", "个等级", "个档次", "等次", "等级", "档次"]
            .iter()
            .filter_map(|word| rest.find(word))
            .min()
            .unwrap_or(rest.len());
        let mut list = &rest[..end];
        // "四个等次": the count before the word goes.
        list = list.trim_end_matches(|c: char| "一二三四五六七八九十0123456789".contains(c));
        let names: Vec<String> = list
            .split(['、', '，', ',', '和', '及'])
            .map(|name| name.trim_matches(['“', '”', '"', ' ', '（', '）']).to_owned())
            .filter(|name| (1..=4).contains(&name.chars().count()))
            .collect();
        if names.len() >= 2 {
            return names;
        }
    }
    Vec::new()
}

/// A band a clause states: the grade's name and its lower bound (`Some(0)` for "60分以下").
fn band_of(clause: &str, names: &[String]) -> Option<(String, Points)> {
    // The name the clause gives the band ("…为优秀"), else the longest it holds ("不合格" holds
    // "合格"); a clause that also lists every grade ("分为优秀、良好…：90分以上为优秀") gives its
    // band by the "为".
    let given = names
        .iter()
        .filter_map(|name| clause.rfind(&format!("为{name}")).map(|at| (at, name)))
        .max_by_key(|(at, name)| (*at, name.len()))
        .map(|(_, name)| name);
    let contained = || names.iter().filter(|name| clause.contains(name.as_str())).max_by_key(|name| name.len());
    let name = match given.or_else(contained) {
        Some(name) => name.clone(),
        None => {
            // "…为优秀", "…为良好等次".
            let at = clause.rfind('为')?;
            let name: String = clause[at + '为'.len_utf8()..]
                .trim_end_matches(['的', '。'])
                .trim_end_matches("等次")
                .trim_end_matches("等级")
                .trim_matches(['“', '”', '"', ' '])
                .to_owned();
            if !(1..=4).contains(&name.chars().count()) || name.chars().any(|c| c.is_ascii_digit()) {
                return None;
            }
            name
        }
    };
    // The numbers of the clause that are points ("90分", "80—89分": a range ends in 分).
    let mut numbers = Vec::new();
    for (index, _) in clause.char_indices() {
        let before = clause[..index].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        if clause[index..].starts_with(|c: char| c.is_ascii_digit()) {
            if let Some((value, _)) = number_at(&clause[index..]) {
                numbers.push(value);
            }
        }
    }
    let below = ["以下", "不足", "低于", "少于", "未达到", "不满"].iter().any(|word| clause.contains(word));
    let lower = match numbers.as_slice() {
        [] => return None,
        [only] if below && !clause.contains("以上") => 0.0,
        [only] => *only,
        [first, second, ..] => first.min(*second),
    };
    Some((name, points_of(lower)?))
}

fn grades_in(text: &str) -> (Option<(Vec<GradeBand>, String)>, Option<String>) {
    let names = named_grades(text);
    let mut bands: Vec<GradeBand> = Vec::new();
    let mut said: Vec<String> = Vec::new();
    for clause in clauses(text) {
        // A clause about grades names one and has a number of points.
        if !clause.contains('分') {
            continue;
        }
        if let Some((name, at_least)) = band_of(&clause, &names) {
            if !bands.iter().any(|band| band.name == name) {
                bands.push(GradeBand { name, at_least });
                said.push(clause);
            }
        }
    }
    // A named grade without a number is the lowest: "分为…不合格四个等次" with no "60分以下".
    if let Some(last) = names.last() {
        if !bands.iter().any(|band| &band.name == last) && bands.len() + 1 == names.len() {
            bands.push(GradeBand { name: last.clone(), at_least: Points::ZERO });
        }
    }
    if bands.len() < 2 {
        return (None, None);
    }
    crate::small_sort::sort_small_by_key(&mut bands, |band| std::cmp::Reverse(band.at_least));
    let lowest = bands.last().expect("two or more");
    if lowest.at_least > Points::ZERO {
        let gap =
            format!("通知中的等次划分没有说明{}分以下为哪个等次，未采用；请在“评分规则”中补全。", lowest.at_least);
        return (None, Some(gap));
    }
    if bands.windows(2).any(|pair| pair[0].at_least == pair[1].at_least) {
        return (None, Some("通知中两个等次的分数段起点相同，未采用；请在“评分规则”中核对。".to_owned()));
    }
    (Some((bands, said.join("，"))), None)
}

/// Everything the text says about results.
pub fn read_results(text: &str) -> ReadResults {
    let text = ascii_digits(text);
    let mut read = ReadResults::default();
    for sentence in text.split(['。', '\n', '；', ';']).map(str::trim).filter(|s| !s.is_empty()) {
        if read.total.is_none() {
            // "总分90分以上为优秀" is a grade, not full marks.
            let about_grades = |clause: &str| {
                ["以上", "以下", "不足", "低于", "等次", "优秀", "良好", "合格"]
                    .iter()
                    .any(|word| clause.contains(word))
            };
            let total = clauses(sentence)
                .into_iter()
                .filter(|clause| !about_grades(clause))
                .find_map(|clause| first_after(&clause, &["总分值", "总分", "满分"], "分"))
                .and_then(points_of);
            if let Some(total) = total {
                read.total = Some((total, sentence.to_owned()));
            } else if sentence.contains("百分制") {
                read.total = Some((Points::whole(100), sentence.to_owned()));
            }
        }
        if read.bonus_cap.is_none() && sentence.contains("加分") {
            let cap = first_after(sentence, &["加分项", "附加分", "加分"], "分")
                .or_else(|| super::words::cap_in(sentence))
                .and_then(points_of)
                .filter(|cap| *cap > Points::ZERO);
            if let Some(cap) = cap {
                read.bonus_cap = Some((cap, sentence.to_owned()));
            }
        }
    }
    (read.grades, read.grade_gap) = grades_in(&text);
    read.conditions = conditions_in(&text);
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands(read: &ReadResults) -> Vec<(String, String)> {
        read.grades
            .as_ref()
            .map(|(bands, _)| bands.iter().map(|band| (band.name.clone(), band.at_least.to_string())).collect())
            .unwrap_or_default()
    }

    #[test]
    fn grades_total_and_bonus_from_a_notice() {
        let read = read_results(
            "评价实行百分制，总分100分（另设加分项5分）。评价结果分为优秀、良好、合格、不合格四个等次，90分及以上为优秀，80—89分为良好，60～79分为合格，60分以下为不合格。",
        );
        assert_eq!(read.total.as_ref().map(|(total, _)| total.to_string()), Some("100".into()));
        assert_eq!(read.bonus_cap.as_ref().map(|(cap, _)| cap.to_string()), Some("5".into()));
        let expected: Vec<(String, String)> =
            [("优秀", "90"), ("良好", "80"), ("合格", "60"), ("不合格", "0")].map(|(a, b)| (a.into(), b.into())).into();
        assert_eq!(bands(&read), expected);
    }

    #[test]
    fn variants_of_the_bands() {
        let read = read_results("得分９０分以上的为优秀；７５分至８９分为良好；不足７５分为一般。");
        let expected: Vec<(String, String)> =
            [("优秀", "90"), ("良好", "75"), ("一般", "0")].map(|(a, b)| (a.into(), b.into())).into();
        assert_eq!(bands(&read), expected);
        // The lowest grade named without a number takes the rest.
        let read = read_results("结果分为优秀、合格、不合格三个等次。85分以上为优秀，60-84分为合格。");
        assert_eq!(bands(&read).last().unwrap(), &("不合格".to_owned(), "0".to_owned()));
        // A gap below the lowest band is not taken, and says so.
        let read = read_results("90分以上为优秀，80至89分为良好。");
        assert!(read.grades.is_none());
        assert!(read.grade_gap.unwrap().contains("80分以下"));
    }

    #[test]
    fn a_clause_that_lists_every_grade_gives_its_own_band() {
        let read = read_results(
            "考核结果分为优秀、良好、合格、不合格四个等次：18分以上（含18分）为优秀，16分至17.9分为良好，12分至15.9分为合格，12分以下为不合格。",
        );
        let expected: Vec<(String, String)> =
            [("优秀", "18"), ("良好", "16"), ("合格", "12"), ("不合格", "0")].map(|(a, b)| (a.into(), b.into())).into();
        assert_eq!(bands(&read), expected);
    }

    #[test]
    fn a_veto_list_in_the_notice() {
        let read = read_results("有下列情形之一的，实行一票否决：1.发生重大安全责任事故的；2.弄虚作假的。");
        assert_eq!(read.conditions.len(), 2);
    }
}
