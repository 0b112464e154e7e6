//! How alike two Chinese texts are, for matching headings and paragraphs to the framework when the
//! wording differs (加强党对教育工作的全面领导 / 全面加强党对教育工作的领导, 各级各类学校, with or
//! without 落实, 、 or not).

use crate::han::is_han;
use std::collections::HashMap;

/// The characters that carry meaning: Han, Latin letters and digits. Punctuation, spaces and
/// quotes are left out, so 、 or “” never change a match.
pub fn significant(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&character| is_han(character) || character.is_ascii_alphanumeric())
        .map(|character| character.to_ascii_lowercase())
        .collect()
}

fn bigrams(characters: &[char]) -> HashMap<(char, char), usize> {
    let mut counts = HashMap::new();
    for pair in characters.windows(2) {
        *counts.entry((pair[0], pair[1])).or_insert(0) += 1;
    }
    counts
}

/// Dice coefficient over character bigrams, 0.0–1.0.
pub fn dice(a: &str, b: &str) -> f32 {
    let (a, b) = (significant(a), significant(b));
    if a.len() < 2 || b.len() < 2 {
        return if !a.is_empty() && a == b { 1.0 } else { 0.0 };
    }
    let (left, right) = (bigrams(&a), bigrams(&b));
    let shared: usize = left.iter().map(|(pair, count)| (*count).min(*right.get(pair).unwrap_or(&0))).sum();
    2.0 * shared as f32 / (a.len() - 1 + b.len() - 1) as f32
}

/// How well a heading or lead sentence names `title`: 1.0 when one contains the other (four
/// characters or more), otherwise their Dice coefficient.
pub fn title_score(sentence: &str, title: &str) -> f32 {
    let (sentence_chars, title_chars) = (significant(sentence), significant(title));
    let contains =
        |long: &[char], short: &[char]| short.len() >= 4 && long.windows(short.len()).any(|window| window == short);
    if contains(&sentence_chars, &title_chars) || contains(&title_chars, &sentence_chars) {
        1.0
    } else {
        dice(sentence, title)
    }
}

/// How much of `text`'s bigrams appear in `reference` (0.0–1.0): whether a paragraph is about what
/// a 范文 paragraph is about, however much longer or shorter it is.
pub fn coverage(text: &str, reference: &str) -> f32 {
    let (text, reference) = (significant(text), significant(reference));
    if text.len() < 2 || reference.len() < 2 {
        return 0.0;
    }
    let (own, other) = (bigrams(&text), bigrams(&reference));
    let total: usize = own.values().sum();
    let shared: usize = own.iter().map(|(pair, count)| (*count).min(*other.get(pair).unwrap_or(&0))).sum();
    shared as f32 / total as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reworded_area_titles_still_match() {
        assert!(title_score("加强党对教育工作的全面领导", "全面加强党对教育工作的领导") > 0.6);
        assert!(title_score("保障教育优先发展", "落实教育优先发展战略") > 0.5);
        assert!(title_score("加强中小学幼儿园校园安全工作", "加强各类学校校园安全工作") > 0.45);
        assert_eq!(title_score("依法治教依法治校和学校规范管理", "依法治教、依法治校和学校规范管理"), 1.0);
        assert!(title_score("加强教师队伍建设", "打造良好教育生态") < 0.2);
    }

    #[test]
    fn coverage_is_about_shared_content() {
        let starter = "严格按照“谁使用、谁负责”原则，加强对学校经费使用情况的监督和审计";
        assert!(coverage("严格按照“谁使用、谁负责”的原则，建立教育经费监管体系", starter) > 0.4);
        assert!(coverage("开展防范学生欺凌专项治理", starter) < 0.1);
    }
}
