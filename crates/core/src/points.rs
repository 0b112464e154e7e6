//! Points (分值, 自评得分): exact decimals, so that sums, steps and caps never drift.
//!
//! Invariant: a [`Points`] is a whole number of thousandths of a point. Frameworks give points to
//! at most three decimals (0.1 steps are common, 0.05 is seen), and typed scores are read digit by
//! digit, never through a float, so 0.1 × 3 is exactly 0.3 and a total is the sum it prints.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Mul, Sub};

/// How many thousandths make a point.
const SCALE: i64 = 1000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

/// Why a typed score cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointsInputError {
    NotANumber,
    TooManyDecimals,
}

impl fmt::Display for PointsInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointsInputError::NotANumber => write!(f, "请填写分数，如 8 或 7.5（不要带“分”以外的文字）"),
            PointsInputError::TooManyDecimals => write!(f, "分数最多保留三位小数"),
        }
    }
}

impl Points {
    pub const ZERO: Points = Points(0);

    pub const fn whole(points: i64) -> Points {
        Points(points * SCALE)
    }

    pub const fn from_thousandths(thousandths: i64) -> Points {
        Points(thousandths)
    }

    pub const fn thousandths(self) -> i64 {
        self.0
    }

    /// Reads a typed score: `8`, `7.5`, `-1`, full-width digits, an optional trailing `分`.
    /// Empty text is `Ok(None)`: not yet scored.
    pub fn parse(raw: &str) -> Result<Option<Points>, PointsInputError> {
        let text = crate::fullwidth::to_ascii_number_text(raw);
        let text = text.strip_suffix('分').unwrap_or(&text).trim_end();
        if text.is_empty() {
            return Ok(None);
        }
        let (negative, unsigned) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
            return Err(PointsInputError::NotANumber);
        }
        let fraction = fraction.trim_end_matches('0');
        if fraction.len() > 3 {
            return Err(PointsInputError::TooManyDecimals);
        }
        // Nine digits of whole points is far beyond any score; more is not a score.
        if whole.trim_start_matches('0').len() > 9 {
            return Err(PointsInputError::NotANumber);
        }
        let whole_value: i64 = whole.bytes().fold(0, |sum, digit| sum * 10 + i64::from(digit - b'0'));
        let mut fraction_value: i64 = fraction.bytes().fold(0, |sum, digit| sum * 10 + i64::from(digit - b'0'));
        for _ in fraction.len()..3 {
            fraction_value *= 10;
        }
        let magnitude = whole_value * SCALE + fraction_value;
        Ok(Some(Points(if negative { -magnitude } else { magnitude })))
    }

    /// Whether the points are a whole number of `step`s (a zero step allows anything).
    pub fn is_multiple_of(self, step: Points) -> bool {
        step.0 == 0 || self.0 % step.0 == 0
    }

    pub fn max(self, other: Points) -> Points {
        Points(self.0.max(other.0))
    }

    pub fn min(self, other: Points) -> Points {
        Points(self.0.min(other.0))
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    fn from_number(number: f64) -> Option<Points> {
        let scaled = number * SCALE as f64;
        let rounded = scaled.round();
        ((scaled - rounded).abs() < 1e-6 && rounded.abs() < 1e15).then_some(Points(rounded as i64))
    }

    fn to_number(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }
}

impl fmt::Display for Points {
    /// `10`, `0.3`, `2.25`, `-0.5`: no trailing zeros, no trailing point.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / SCALE as u64;
        let fraction = magnitude % SCALE as u64;
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let digits = format!("{fraction:03}");
            write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, other: Points) -> Points {
        Points(self.0 + other.0)
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, other: Points) {
        self.0 += other.0;
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, other: Points) -> Points {
        Points(self.0 - other.0)
    }
}

impl Mul<i64> for Points {
    type Output = Points;
    fn mul(self, times: i64) -> Points {
        Points(self.0.saturating_mul(times))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

/// In framework files points are plain JSON numbers (`2`, `0.5`), at most three decimals.
impl Serialize for Points {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % SCALE == 0 {
            serializer.serialize_i64(self.0 / SCALE)
        } else {
            serializer.serialize_f64(self.to_number())
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Points, D::Error> {
        let number = f64::deserialize(deserializer)?;
        Points::from_number(number).ok_or_else(|| serde::de::Error::custom("分值最多保留三位小数"))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Points {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "Points, at most three decimals (read exactly as thousandths of a point)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Points {
        Points::parse(text).unwrap().unwrap()
    }

    #[test]
    fn typed_scores_are_read_exactly_and_print_as_typed() {
        assert_eq!(typed("0.1") * 3, typed("0.3"));
        assert_eq!(typed("0.1") + typed("0.2"), typed("0.3"));
        assert_eq!(typed("７．５分").to_string(), "7.5");
        assert_eq!(typed("10.00").to_string(), "10");
        assert_eq!(typed("-0.5").to_string(), "-0.5");
        assert_eq!(typed(".25").to_string(), "0.25");
        assert_eq!(Points::parse("  ").unwrap(), None);
        assert_eq!(Points::parse("八分"), Err(PointsInputError::NotANumber));
        assert_eq!(Points::parse("1.2345"), Err(PointsInputError::TooManyDecimals));
        assert_eq!(Points::parse("."), Err(PointsInputError::NotANumber));
        assert_eq!(Points::parse("1e3"), Err(PointsInputError::NotANumber));
        assert_eq!(Points::parse("99999999999"), Err(PointsInputError::NotANumber));
    }

    #[test]
    fn steps_are_checked_in_whole_thousandths() {
        assert!(typed("2.3").is_multiple_of(typed("0.1")));
        assert!(!typed("2.35").is_multiple_of(typed("0.1")));
        assert!(typed("2.35").is_multiple_of(typed("0.05")));
        assert!(typed("2.35").is_multiple_of(Points::ZERO));
    }

    #[test]
    fn file_numbers_round_trip_and_refuse_a_fourth_decimal() {
        let points: Vec<Points> = serde_json::from_str("[2, 0.5, 0.1, 12.25]").unwrap();
        assert_eq!(points.iter().copied().sum::<Points>(), typed("14.85"));
        assert_eq!(serde_json::to_string(&points).unwrap(), "[2,0.5,0.1,12.25]");
        assert!(serde_json::from_str::<Points>("0.0001").is_err());
    }
}
