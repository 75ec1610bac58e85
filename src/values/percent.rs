//! Percentages: "5%", "5.5 per cent". A percentage is plain data,
//! `ValueData::Percent(5.0)`, so it has no type of its own.

use super::fragments::{hs, leading, parse_number, trim_number, wb};
use super::{ValueData, ValueKind, malformed};
use std::fmt;

// Thousands groups are bounded for the same reason as citation titles.
pub(super) const PATTERN: &str = concat!(
    r"(?-ixU:",
    wb!(),
    r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,6}|[0-9]+)(?:\.[0-9]+)?",
    "(?:",
    hs!(),
    "?%|",
    hs!(),
    "?(?i-u:per)",
    hs!(),
    "?(?i-u:cent)",
    wb!(),
    "))"
);

pub(super) fn may_start_with(c: char) -> bool {
    c.is_ascii_digit()
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    let v = parse_number(leading(text, |c| {
        c.is_ascii_digit() || c == ',' || c == '.'
    }))?;
    Some(if v.is_finite() {
        ValueData::Percent(v)
    } else {
        malformed(ValueKind::Percent, format!("{text} is too large"))
    })
}

/// Writes a percentage as "5%" or "5.5%".
pub(super) fn fmt(percent: f64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "{}%", trim_number(percent))
}
