//! Lengths of time: "five-year", "three to five years", "18 months".

use super::fragments::{count, dash, gap, parse_number, range_sep, tokens, trim_number, wb};
use super::{ValueData, ValueKind, malformed};
use std::fmt;

/// A length of time in years: "five-year" is 5..5, "three to five years" 3..5.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Duration {
    pub min_years: f64,
    pub max_years: f64,
}

pub(super) const PATTERN: &str = concat!(
    r"(?-ixU:",
    wb!(),
    // three to five years, 3-5 years
    "(?:",
    count!(),
    range_sep!(),
    ")?",
    // five-year, 3 years, 18 months
    count!(),
    "(?:",
    dash!(),
    "|",
    gap!(),
    ")(?i-u:years?|months?)",
    wb!(),
    ")"
);

/// A figure or the first letter of a number word.
pub(super) fn may_start_with(c: char) -> bool {
    c.is_ascii_digit() || "efnost".contains(c.to_ascii_lowercase())
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    // "three to five years" -> three, five, years; "5-year" -> 5, year.
    let mut words = tokens(text);
    words.retain(|w| w != "to");
    let (unit, figures) = words.split_last()?;
    let per_year = if unit.starts_with("month") { 12.0 } else { 1.0 };
    let min_years = parse_number(figures.first()?)? / per_year;
    let max_years = parse_number(figures.last()?)? / per_year;
    Some(if min_years > max_years {
        malformed(ValueKind::Duration, format!("{text} runs backwards"))
    } else {
        ValueData::Duration(Duration {
            min_years,
            max_years,
        })
    })
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (min, max) = (trim_number(self.min_years), trim_number(self.max_years));
        let unit = if max == "1" { "year" } else { "years" };
        if min == max {
            write!(f, "{max} {unit}")
        } else {
            write!(f, "{min} to {max} {unit}")
        }
    }
}
