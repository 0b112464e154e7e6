//! Level words: a report written from a 范文 of another level keeps its words — 全市, 市委, 市政府
//! in a county's report, 全县 or 县委 in a city's. Each is a finding with a fix to the draft's own
//! word (县, 区, 旗 or 市 for a county by its region's name; 市 for a city; 州 for a prefecture).

use super::{Fix, Rule, Severity};
use crate::draft::Location;
use crate::framework::Level;
use std::ops::Range;

/// The word a region of `level` calls itself by in 全X / X委 / X政府.
pub fn own_level_word(level: Level, region: &str) -> char {
    match level {
        Level::City => '市',
        Level::Prefecture => '州',
        Level::County => {
            region.trim().chars().last().filter(|last| matches!(last, '县' | '区' | '旗' | '市')).unwrap_or('县')
        }
    }
}

/// The level words that do not belong in a report of `own`.
fn foreign_words(level: Level, own: char) -> Vec<char> {
    let candidates: &[char] = match level {
        Level::City => &['县'],
        Level::Prefecture => &['市', '县'],
        Level::County => &['市', '县', '区'],
    };
    candidates.iter().copied().filter(|word| *word != own).collect()
}

/// Every 全X, X委, X人民政府 and X政府 of a foreign level word X in `text`, with the range of X.
pub fn foreign_level_words(text: &str, level: Level, own: char) -> Vec<(Range<usize>, String)> {
    let foreign = foreign_words(level, own);
    let mut found = Vec::new();
    for (at, word) in text.char_indices().filter(|(_, character)| foreign.contains(character)) {
        let before = text[..at].chars().next_back();
        let after = &text[at + word.len_utf8()..];
        let phrase = if before == Some('全') {
            Some(format!("全{word}"))
        } else if after.starts_with('委') {
            Some(format!("{word}委"))
        } else if after.starts_with("人民政府") {
            Some(format!("{word}人民政府"))
        } else if after.starts_with("政府") {
            Some(format!("{word}政府"))
        } else {
            None
        };
        if let Some(phrase) = phrase {
            found.push((at..at + word.len_utf8(), phrase));
        }
    }
    found
}

pub const TEXT_LEVEL_WORD: Rule = Rule {
    code: "text-level-word",
    severity: Severity::Warning,
    name: "层级用词不符",
    description: "县级报告中的“全市”“市委”“市政府”（或市级报告中的“全县”“县委”）多为套用其他层级范文的遗留；确指上级或下级的可以保留。",
    check: |context, rule, findings| {
        let level = context.draft.meta.level;
        let own = own_level_word(level, &context.draft.meta.region);
        for field in context.fields.iter().filter(|field| !matches!(field.location, Location::Meta(_))) {
            for (range, phrase) in foreign_level_words(field.text, level, own) {
                let word = &field.text[range.clone()];
                let message = format!(
                    "本报告是{}的，“{phrase}”多为其他层级范文的遗留，应为“{}”；如确指{}，可以保留。",
                    level.label_zh(),
                    phrase.replace(word, &own.to_string()),
                    if word == "市" { "上级市" } else { "下辖的县（区）" }
                );
                let mut finding = rule.finding(field.location.clone(), Some(range.clone()), message);
                finding.fix = Some(Fix {
                    location: field.location.clone(),
                    expected: word.to_owned(),
                    range,
                    replacement: own.to_string(),
                });
                findings.push(finding);
            }
        }
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, level: Level, region: &str) -> Vec<(String, String)> {
        let own = own_level_word(level, region);
        foreign_level_words(text, level, own)
            .into_iter()
            .map(|(range, phrase)| (text[range].to_owned(), phrase))
            .collect()
    }

    #[test]
    fn a_county_report_flags_the_city_words_of_a_city_template() {
        let text = "市委、市政府高度重视，全市教育经费增长，市人民政府印发方案。深入县（区）调研。";
        let found = words(text, Level::County, "仁寿县");
        let phrases: Vec<&str> = found.iter().map(|(_, phrase)| phrase.as_str()).collect();
        assert_eq!(phrases, ["市委", "市政府", "全市", "市人民政府"]);
        assert!(found.iter().all(|(word, _)| word == "市"));
    }

    #[test]
    fn the_own_word_follows_the_region_and_is_never_flagged() {
        assert_eq!(own_level_word(Level::County, "东坡区"), '区');
        assert_eq!(own_level_word(Level::County, "简阳市"), '市');
        assert_eq!(own_level_word(Level::County, ""), '县');
        assert!(words("全市、市委、市政府", Level::County, "简阳市").is_empty());
        assert_eq!(words("全县、全市", Level::County, "东坡区").len(), 2);
    }

    #[test]
    fn a_city_report_flags_county_words_but_not_county_mentions() {
        let found = words("全县教育工作；县委书记；各县（区）政府；县城学校", Level::City, "资阳市");
        let phrases: Vec<&str> = found.iter().map(|(_, phrase)| phrase.as_str()).collect();
        assert_eq!(phrases, ["全县", "县委"]);
        assert!(words("市委、全市", Level::City, "资阳市").is_empty());
    }
}
