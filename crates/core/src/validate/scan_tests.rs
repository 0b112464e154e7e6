use super::*;

fn texts(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<String> {
    ranges.into_iter().map(|range| text[range].to_owned()).collect()
}

#[test]
fn blanks_are_x_xx_and_20xx_but_not_1_plus_x_or_latin() {
    let text = "建立党组织x个，xx市，20xx年，x-x元，1+X证书，1+x，max值，Excel表，3x倍，ｘ所";
    let found = blanks(text);
    assert_eq!(texts(text, found.iter().map(|(range, _)| range.clone())), ["x", "xx", "20xx", "x", "x", "ｘ"]);
    let kinds: Vec<BlankKind> = found.iter().map(|(_, kind)| *kind).collect();
    use BlankKind::*;
    assert_eq!(kinds, [Number, Name, Year, Number, Number, Number]);
}

#[test]
fn half_width_marks_in_chinese_are_found_and_numbers_latin_kept() {
    let text = "要求,xx市(区)开展;经费3.73亿元,1,000人,10:30开会,1+X,100M宽带.Hello, world (test) ok!好?";
    let found = half_width_punctuation(text);
    let marks: String = found.iter().map(|(range, _)| &text[range.clone()]).collect();
    assert_eq!(marks, ",();,,,,!?");
    let replaced: String = found.iter().map(|(_, full)| *full).collect();
    assert_eq!(replaced, "，（）；，，，，！？");
    assert!(half_width_punctuation("Hello, world (test)!").is_empty(), "no Chinese: left alone");
}

#[test]
fn parentheses_around_chinese_change_as_a_pair() {
    let text = "Plan (试行) and (ABC) x";
    let found = half_width_punctuation(text);
    assert_eq!(texts(text, found.iter().map(|(range, _)| range.clone())), ["(", ")"]);
    assert_eq!(found[0].0.start, 5);
}

#[test]
fn dots_between_han_only() {
    let text = "元/生.年，3.73亿元，www.gov.cn";
    assert_eq!(texts(text, dots_between_han(text)), ["."]);
}

#[test]
fn doc_numbers_right_and_wrong() {
    let right = doc_numbers("按照川教督委〔2023〕2号要求");
    assert_eq!(right.len(), 1);
    assert!(!right[0].is_wrong());
    let text = "见川教督委[2023]第02号和教督（2022）1号及教发【2021】3号";
    let found = doc_numbers(text);
    let canonical: Vec<&str> = found.iter().map(|number| number.canonical.as_str()).collect();
    assert_eq!(canonical, ["〔2023〕2号", "〔2022〕1号", "〔2021〕3号"]);
    assert!(found[0].wrong_brackets && found[0].has_di && found[0].leading_zero);
    assert_eq!(&text[found[0].range.clone()], "[2023]第02号");
    assert!(doc_numbers("ABC(2023)1号").is_empty(), "a bracketed year after no Han is not a 文号");
    assert!(is_canonical_doc_number("川教督委〔2023〕2号"));
    assert!(!is_canonical_doc_number("2号"));
}

#[test]
fn year_ranges_that_run_backwards() {
    let text = "规划(2023-2023年)，（2021—2025年），2025至2020年，12023-2023年";
    let found = backwards_year_ranges(text);
    assert_eq!(found.iter().map(|(_, start, end)| (*start, *end)).collect::<Vec<_>>(), [(2023, 2023), (2025, 2020)]);
    assert_eq!(&text[found[0].0.clone()], "2023-2023年");
}

#[test]
fn unpaired_marks_are_located() {
    let text = "“双减”工作《方案（试行》和“三会一课";
    let found = unpaired_marks(text);
    let marks: Vec<char> = found.iter().map(|(_, mark)| *mark).collect();
    assert_eq!(marks, ['（', '“']);
    assert!(unpaired_marks("“引号”《书名》（括号）").is_empty());
}

#[test]
fn paragraphs_keep_their_ranges() {
    let text = "  第一段。\n\n第二段。 \n";
    let found = paragraphs(text);
    assert_eq!(found.iter().map(|(_, p)| *p).collect::<Vec<_>>(), ["第一段。", "第二段。"]);
    assert_eq!(&text[found[1].0.clone()], "第二段。");
}
