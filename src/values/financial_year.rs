//! Financial years: "2023/24", "2023-24", "2023/2024".

use super::date::date_in;
use super::fragments::{leading, wb};
use super::{ParseValueError, ValueData, ValueKind, malformed};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// A financial year, 1 April to 31 March; `start_year` is 2023 for 2023/24.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FinancialYear {
    pub start_year: i32,
}

/// A financial year as written, loosely: "2023/24", "2023-2024", and the
/// malformed "202/23", "2022/2", "2022/25". Three-digit first years are only
/// taken with a slash, so page ranges such as "201-205" stay out; the second
/// part is one or two digits or a year, so statutory instrument numbers
/// ("SI 2015/234") stay out too. Year ranges are built from it.
macro_rules! fy_body {
    () => {
        concat!(
            "(?:(?:19|20)[0-9]{2}(?:/|",
            $crate::values::fragments::dash!(),
            ")|(?:19|20)[0-9]/)(?:(?:19|20)[0-9]{2}|[0-9]{1,2})"
        )
    };
}
pub(crate) use fy_body;

pub(super) const PATTERN: &str = concat!(r"(?-ixU:", wb!(), fy_body!(), wb!(), ")");

pub(super) fn may_start_with(c: char) -> bool {
    matches!(c, '1' | '2')
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    Some(match classify(text)? {
        Ok(fy) => ValueData::FinancialYear(fy),
        Err(reason) => malformed(ValueKind::FinancialYear, reason),
    })
}

/// Reads a financial year such as "2023/24": `Ok` when valid, `Err(reason)`
/// when malformed, and `None` for a hyphenated pair of non-consecutive years
/// ("2020-24"), which is a year range instead.
pub(super) fn classify(text: &str) -> Option<Result<FinancialYear, String>> {
    let first = leading(text, |c| c.is_ascii_digit());
    let rest = &text[first.len()..];
    let separator = rest.chars().next()?;
    let second = leading(&rest[separator.len_utf8()..], |c| c.is_ascii_digit());
    let start: i32 = first.parse().ok()?;
    if first.len() == 3 {
        return Some(Err(format!("{text}: the first year has three digits")));
    }
    let end: i32 = second.parse().ok()?;
    let consecutive = match second.len() {
        1 => return Some(Err(format!("{text}: the second year has one digit"))),
        2 => end == (start + 1).rem_euclid(100),
        _ => end == start + 1,
    };
    if consecutive {
        Some(Ok(FinancialYear { start_year: start }))
    } else if separator == '/' {
        Some(Err(format!("{text} is not a single financial year")))
    } else {
        None
    }
}

/// Splits a financial year such as "2023/24" off the front of `text`.
pub(super) fn split_off(text: &str) -> Option<(&str, &str)> {
    let first = leading(text, |c| c.is_ascii_digit()).len();
    let separator = text[first..].chars().next()?.len_utf8();
    let second = leading(&text[first + separator..], |c| c.is_ascii_digit()).len();
    Some(text.split_at(first + separator + second))
}

impl FinancialYear {
    /// 1 April of `start_year`.
    pub fn start(&self) -> NaiveDate {
        date_in(self.start_year, 4, 1)
    }

    /// 31 March of the following year.
    pub fn end(&self) -> NaiveDate {
        date_in(self.start_year.saturating_add(1), 3, 31)
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let next = i64::from(self.start_year) + 1;
        write!(f, "{}/{:02}", self.start_year, next.rem_euclid(100))
    }
}

/// A financial year given as an option (`--period`, `period = "…"` in a rule
/// example): anything the text recognises as one valid financial year,
/// "2023/24" or "2023-2024". Surrounding whitespace is ignored.
impl FromStr for FinancialYear {
    type Err = ParseValueError;

    fn from_str(text: &str) -> Result<FinancialYear, ParseValueError> {
        match super::parse_value(ValueKind::FinancialYear, text) {
            Some(ValueData::FinancialYear(year)) => Ok(year),
            _ => Err(ParseValueError::new(ValueKind::FinancialYear, text)),
        }
    }
}
