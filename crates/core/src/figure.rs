//! Reading what the user typed into a figure's input, by the figure's kind and range.
//!
//! Invariant: the raw text is never changed here; the draft keeps exactly what was typed, so a
//! bad entry is reported, not lost.

use crate::framework::{Figure, FigureKind};
use crate::fullwidth::to_ascii_number_text;
use std::fmt;

/// A figure's value once read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FigureValue {
    Number(f64),
    Ratio(f64, f64),
}

impl FigureValue {
    /// The number to compare with thresholds (a ratio `a:b` compares as `a / b`).
    pub fn as_number(self) -> f64 {
        match self {
            FigureValue::Number(number) => number,
            FigureValue::Ratio(left, right) => left / right,
        }
    }
}

/// Why a typed figure cannot be used, as the user should read it.
#[derive(Clone, Debug, PartialEq)]
pub enum FigureInputError {
    NotANumber,
    NotAWholeNumber,
    NotARatio,
    NotAYear,
    BelowMinimum(f64),
    AboveMaximum(f64),
}

impl fmt::Display for FigureInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FigureInputError::NotANumber => {
                write!(f, "请填写数字，如 12 或 3.73（可带本项的单位，不要带其他文字或千位分隔符）")
            }
            FigureInputError::NotAWholeNumber => write!(f, "请填写整数"),
            FigureInputError::NotARatio => write!(f, "请按“1:13”的形式填写比例"),
            FigureInputError::NotAYear => write!(f, "请填写四位年份，如 2022"),
            FigureInputError::BelowMinimum(min) => write!(f, "不能小于{}", display_number(*min)),
            FigureInputError::AboveMaximum(max) => write!(f, "不能大于{}", display_number(*max)),
        }
    }
}

/// Writes a number without a trailing `.0`.
pub fn display_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// What was typed, made ASCII, without the figure's own unit when it was typed too: `12.5亿` in a
/// field of 亿元, `3.2%` in one of %, `3名` in one of 名 (the unit, or its beginning, after the
/// number). Any other text after the number is kept, and so reported as not a number.
fn number_text(figure: &Figure, raw: &str) -> String {
    let text = to_ascii_number_text(raw);
    let unit = to_ascii_number_text(&figure.unit);
    let number_end = text.rfind(|character: char| character.is_ascii_digit() || character == '.').map(|at| at + 1);
    match number_end {
        Some(end) => {
            let suffix = text[end..].trim();
            if !suffix.is_empty() && !unit.is_empty() && unit.starts_with(suffix) {
                text[..end].trim_end().to_owned()
            } else {
                text
            }
        }
        None => text,
    }
}

/// Reads `[+-]digits[.digits]` (either side of the point may be empty, not both): the digits as an
/// integer over a power of ten. For what people type into a figure (up to 15 significant digits and
/// 22 decimals) that is the correctly rounded `f64`, the same as `str::parse`; written out because
/// `str::parse::<f64>` brings a 10 KB table of powers of five into the wasm. No exponent, no `inf`.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = || whole.bytes().chain(fraction.bytes());
    if digits().next().is_none() || !digits().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    // value = mantissa × 10^exponent; digits past 18 no longer fit the mantissa (nor an f64).
    let mut mantissa: u64 = 0;
    let mut exponent = -(fraction.len() as i32);
    for digit in digits() {
        if mantissa < 100_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(digit - b'0');
        } else {
            exponent += 1;
        }
    }
    let magnitude =
        if exponent >= 0 { mantissa as f64 * 10f64.powi(exponent) } else { mantissa as f64 / 10f64.powi(-exponent) };
    let value = if negative { -magnitude } else { magnitude };
    value.is_finite().then_some(value)
}

/// The default range of a kind, before the figure's own `min`/`max`.
fn default_range(kind: FigureKind) -> (Option<f64>, Option<f64>) {
    match kind {
        FigureKind::Percent => (Some(0.0), Some(100.0)),
        FigureKind::Year => (Some(1949.0), Some(2100.0)),
        FigureKind::Amount | FigureKind::Count | FigureKind::Quantity | FigureKind::Ratio => (Some(0.0), None),
    }
}

/// Reads `raw` as a value of `figure`. Empty input is `Ok(None)`: not yet filled.
pub fn parse_figure(figure: &Figure, raw: &str) -> Result<Option<FigureValue>, FigureInputError> {
    let text = number_text(figure, raw);
    if text.is_empty() {
        return Ok(None);
    }
    let value = match figure.kind {
        FigureKind::Ratio => {
            let (left, right) = text.split_once(':').ok_or(FigureInputError::NotARatio)?;
            let left = parse_decimal(left.trim()).ok_or(FigureInputError::NotARatio)?;
            let right = parse_decimal(right.trim()).ok_or(FigureInputError::NotARatio)?;
            if left < 0.0 || right <= 0.0 {
                return Err(FigureInputError::NotARatio);
            }
            return Ok(Some(FigureValue::Ratio(left, right)));
        }
        FigureKind::Year => {
            if text.len() != 4 || !text.chars().all(|character| character.is_ascii_digit()) {
                return Err(FigureInputError::NotAYear);
            }
            parse_decimal(&text).ok_or(FigureInputError::NotAYear)?
        }
        FigureKind::Count => {
            let number = parse_decimal(&text).ok_or(FigureInputError::NotANumber)?;
            if number.fract() != 0.0 {
                return Err(FigureInputError::NotAWholeNumber);
            }
            number
        }
        FigureKind::Amount | FigureKind::Percent | FigureKind::Quantity => {
            parse_decimal(&text).ok_or(FigureInputError::NotANumber)?
        }
    };
    let (default_min, default_max) = default_range(figure.kind);
    if let Some(min) = figure.min.or(default_min) {
        if value < min {
            return Err(FigureInputError::BelowMinimum(min));
        }
    }
    if let Some(max) = figure.max.or(default_max) {
        if value > max {
            return Err(FigureInputError::AboveMaximum(max));
        }
    }
    Ok(Some(FigureValue::Number(value)))
}

/// The text a figure contributes to the report (its unit follows it there): what was typed, with
/// full-width digits made ASCII and the unit dropped when it was typed too.
pub fn figure_report_text(figure: &Figure, raw: &str) -> String {
    number_text(figure, raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(kind: FigureKind) -> Figure {
        Figure {
            id: "f".into(),
            name: "测试".into(),
            label: "测试".into(),
            kind,
            unit: String::new(),
            min: None,
            max: None,
            required: true,
            thresholds: Vec::new(),
        }
    }

    #[test]
    fn decimals_are_read_as_std_reads_them_and_nothing_else_is() {
        for text in [
            "0",
            "-0",
            "+7",
            "3.73",
            "5.",
            ".5",
            "-1.2",
            "0.1",
            "98.50",
            "1234567.891",
            "000012",
            "999999999999999999999999",
        ] {
            assert_eq!(parse_decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        for text in ["", "-", "+", ".", "-.", "1.2.3", "1-2", "--1", "+-1", "1e5", "inf", "NaN", "1 2", "１"] {
            assert_eq!(parse_decimal(text), None, "{text}");
        }
    }

    proptest::proptest! {
        /// Up to 15 significant digits and 22 decimals: exactly the f64 that `str::parse` gives.
        #[test]
        fn typed_decimals_match_the_standard_parser(
            negative in proptest::bool::ANY,
            whole in "[0-9]{0,8}",
            fraction in "[0-9]{0,7}",
        ) {
            proptest::prop_assume!(!(whole.is_empty() && fraction.is_empty()));
            let text = format!("{}{whole}.{fraction}", if negative { "-" } else { "" });
            proptest::prop_assert_eq!(parse_decimal(&text), text.parse::<f64>().ok());
        }
    }

    fn with_unit(kind: FigureKind, unit: &str) -> Figure {
        Figure { unit: unit.into(), ..figure(kind) }
    }

    #[test]
    fn a_figure_typed_with_its_own_unit_is_read_and_reported_without_it() {
        let cases = [
            (with_unit(FigureKind::Amount, "亿元"), "12.5亿", 12.5, "12.5"),
            (with_unit(FigureKind::Amount, "亿元"), "12.5 亿元", 12.5, "12.5"),
            (with_unit(FigureKind::Percent, "%"), "3.2%", 3.2, "3.2"),
            (with_unit(FigureKind::Percent, "%"), "３．２％", 3.2, "3.2"),
            (with_unit(FigureKind::Count, "名"), "3名", 3.0, "3"),
            (with_unit(FigureKind::Year, "年"), "2022年", 2022.0, "2022"),
        ];
        for (figure, typed, value, reported) in cases {
            assert_eq!(parse_figure(&figure, typed), Ok(Some(FigureValue::Number(value))), "{typed}");
            assert_eq!(figure_report_text(&figure, typed), reported, "{typed}");
        }
    }

    #[test]
    fn another_unit_or_text_after_the_number_is_still_refused() {
        assert_eq!(parse_figure(&with_unit(FigureKind::Count, "名"), "3所"), Err(FigureInputError::NotANumber));
        assert_eq!(parse_figure(&with_unit(FigureKind::Amount, "亿元"), "12.5万元"), Err(FigureInputError::NotANumber));
        assert_eq!(parse_figure(&with_unit(FigureKind::Percent, "%"), "3.2%左右"), Err(FigureInputError::NotANumber));
        assert_eq!(figure_report_text(&with_unit(FigureKind::Count, "名"), "3所"), "3所");
    }

    #[test]
    fn empty_input_is_not_yet_filled() {
        assert_eq!(parse_figure(&figure(FigureKind::Count), "  "), Ok(None));
    }

    #[test]
    fn decimals_and_full_width_digits_are_read() {
        assert_eq!(parse_figure(&figure(FigureKind::Amount), "3.73"), Ok(Some(FigureValue::Number(3.73))));
        assert_eq!(parse_figure(&figure(FigureKind::Amount), "３．７３"), Ok(Some(FigureValue::Number(3.73))));
    }

    #[test]
    fn counts_must_be_whole_and_non_negative() {
        assert_eq!(parse_figure(&figure(FigureKind::Count), "2.5"), Err(FigureInputError::NotAWholeNumber));
        assert_eq!(parse_figure(&figure(FigureKind::Count), "-1"), Err(FigureInputError::BelowMinimum(0.0)));
        assert_eq!(parse_figure(&figure(FigureKind::Count), "12所"), Err(FigureInputError::NotANumber));
        assert_eq!(parse_figure(&figure(FigureKind::Count), "1,200"), Err(FigureInputError::NotANumber));
    }

    #[test]
    fn percent_defaults_to_zero_to_hundred_but_a_figure_may_widen_it() {
        assert_eq!(parse_figure(&figure(FigureKind::Percent), "100.5"), Err(FigureInputError::AboveMaximum(100.0)));
        let mut growth = figure(FigureKind::Percent);
        growth.min = Some(-100.0);
        growth.max = Some(1000.0);
        assert_eq!(parse_figure(&growth, "-3.2"), Ok(Some(FigureValue::Number(-3.2))));
    }

    #[test]
    fn years_are_four_digits() {
        assert_eq!(parse_figure(&figure(FigureKind::Year), "22"), Err(FigureInputError::NotAYear));
        assert_eq!(parse_figure(&figure(FigureKind::Year), "2022"), Ok(Some(FigureValue::Number(2022.0))));
    }

    #[test]
    fn ratios_are_read_with_either_colon() {
        assert_eq!(parse_figure(&figure(FigureKind::Ratio), "1：13"), Ok(Some(FigureValue::Ratio(1.0, 13.0))));
        assert_eq!(parse_figure(&figure(FigureKind::Ratio), "1/13"), Err(FigureInputError::NotARatio));
    }

    #[test]
    fn messages_are_in_chinese() {
        assert_eq!(FigureInputError::AboveMaximum(100.0).to_string(), "不能大于100");
    }
}

/// 上年值 beside this year's input: `上年 3.5亿元`, with the change where the figure is compared
/// with last year (`，比上年增长5.7%`); `None` without a readable 上年值.
pub fn previous_year_note(figure: &Figure, previous_raw: &str, raw: &str) -> Option<String> {
    let previous = parse_figure(figure, previous_raw).ok().flatten()?;
    let mut note = format!("上年 {}{}", figure_report_text(figure, previous_raw), figure.unit);
    let comparable = matches!(figure.kind, FigureKind::Amount | FigureKind::Count | FigureKind::Quantity);
    let now = parse_figure(figure, raw).ok().flatten();
    if let (true, Some(now)) = (comparable && crate::framework::Framework::compares_with_previous(figure), now) {
        let (before, after) = (previous.as_number(), now.as_number());
        if before > 0.0 {
            let change = (after - before) / before * 100.0;
            let rounded = (change.abs() * 10.0).round() / 10.0;
            note.push_str(&match change {
                c if c > 0.0 => format!("，比上年增长{}%", display_number(rounded)),
                c if c < 0.0 => format!("，比上年下降{}%", display_number(rounded)),
                _ => "，与上年持平".to_owned(),
            });
        }
    }
    Some(note)
}

#[cfg(test)]
mod previous_year_tests {
    use super::*;

    #[test]
    fn last_years_value_is_shown_with_the_change_where_it_is_compared() {
        let framework = crate::framework::Framework::builtin();
        let total = framework.figure("education_budget_total").unwrap();
        assert_eq!(previous_year_note(total, "3.5", "3.7").unwrap(), "上年 3.5亿元，比上年增长5.7%");
        assert_eq!(previous_year_note(total, "3.5", "3.4").unwrap(), "上年 3.5亿元，比上年下降2.9%");
        assert_eq!(previous_year_note(total, "3.5", "").unwrap(), "上年 3.5亿元");
        assert_eq!(previous_year_note(total, "abc", "3.5"), None);
        let growth = framework.figure("education_budget_growth").unwrap();
        assert_eq!(previous_year_note(growth, "5.2", "6.0").unwrap(), "上年 5.2%", "a rate has no growth of its own");
    }
}
