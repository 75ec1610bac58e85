//! Typed values recognised in statement text: dates, financial years, year
//! ranges, durations, money, percentages, frequencies and statute citations.
//!
//! Each kind has one regex (`ValueKind::pattern`) used both for the
//! document-wide extraction pass and inside rule patterns as `{name:kind}`
//! placeholders, so a rule and the model always agree on what a value is.
//!
//! Each kind lives in its own file with its regex, parser and `Display`
//! (`date.rs`, `financial_year.rs`, …); `fragments.rs` holds what they share
//! and `extract.rs` finds them all in a text.

mod citation;
mod date;
mod duration;
mod extract;
mod financial_year;
mod fragments;
mod frequency;
mod money;
mod percent;
mod year_range;

#[cfg(test)]
mod tests;

pub use citation::Citation;
pub use date::{Date, DatePrecision};
pub use duration::Duration;
pub use extract::extract_values;
pub use financial_year::FinancialYear;
pub use frequency::Frequency;
pub use money::Money;
pub use year_range::YearRange;

use regex::Regex;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

/// The kinds of typed value the model recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ValueKind {
    Date,
    FinancialYear,
    YearRange,
    Duration,
    Money,
    Percent,
    Frequency,
    Citation,
}

impl ValueKind {
    pub const ALL: [ValueKind; 8] = [
        ValueKind::Date,
        ValueKind::FinancialYear,
        ValueKind::YearRange,
        ValueKind::Duration,
        ValueKind::Money,
        ValueKind::Percent,
        ValueKind::Frequency,
        ValueKind::Citation,
    ];

    /// The name used in rule files (`{when:date}`) and in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            ValueKind::Date => "date",
            ValueKind::FinancialYear => "fy",
            ValueKind::YearRange => "fy_range",
            ValueKind::Duration => "duration",
            ValueKind::Money => "money",
            ValueKind::Percent => "percent",
            ValueKind::Frequency => "frequency",
            ValueKind::Citation => "citation",
        }
    }

    pub fn from_name(name: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The regex source matching a value of this kind, loosely enough to
    /// include the malformed variants `parse_value` reports. It has no
    /// capturing groups and no anchors, so it can be embedded anywhere.
    ///
    /// The regex crate has no look-behind, so used on its own the pattern
    /// can match a value inside a longer one ("2023" in "2023/24");
    /// `extract_values` resolves such overlaps by taking the longest.
    pub fn pattern(self) -> &'static str {
        PATTERNS[self as usize]
    }
}

/// The content of a recognised value.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueData {
    Date(Date),
    FinancialYear(FinancialYear),
    YearRange(YearRange),
    Duration(Duration),
    Money(Money),
    /// A percentage: "5%" is 5.0.
    Percent(f64),
    Frequency(Frequency),
    Citation(Citation),
    /// Text that has the shape of a value of `kind` but is not a valid one
    /// ("202/23", "2022/25" as a single year, "2027/28 to 2024/25").
    Malformed {
        kind: ValueKind,
        reason: String,
    },
}

/// A value found in text, with its byte range in that text.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub range: Range<usize>,
    pub data: ValueData,
}

/// Indexed by `ValueKind as usize` (the order of `ValueKind::ALL`).
const PATTERNS: [&str; 8] = [
    date::PATTERN,
    financial_year::PATTERN,
    year_range::PATTERN,
    duration::PATTERN,
    money::PATTERN,
    percent::PATTERN,
    frequency::PATTERN,
    citation::PATTERN,
];

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("value patterns are valid regexes")
}

/// Each kind's pattern anchored at both ends, to validate `parse_value`.
static WHOLE: LazyLock<[Regex; 8]> =
    LazyLock::new(|| PATTERNS.map(|p| compile(&format!("^(?:{p})$"))));

/// Converts text matched by `kind.pattern()` into data: `None` when the text
/// is not a value of that kind at all, `Some(ValueData::Malformed { .. })`
/// when it has the shape of one but is not valid ("31 February 2024").
///
/// Surrounding whitespace is ignored. A "2020-24" is a `YearRange`, not a
/// `FinancialYear`; "2023-24" is a `FinancialYear`, not a `YearRange`.
pub fn parse_value(kind: ValueKind, text: &str) -> Option<ValueData> {
    let text = text.trim();
    if WHOLE[kind as usize].is_match(text) {
        parse_matched(kind, text)
    } else {
        None
    }
}

/// Parses text that is known to match `kind.pattern()` exactly.
fn parse_matched(kind: ValueKind, text: &str) -> Option<ValueData> {
    match kind {
        ValueKind::Date => date::parse(text),
        ValueKind::FinancialYear => financial_year::parse(text),
        ValueKind::YearRange => year_range::parse(text),
        ValueKind::Duration => duration::parse(text),
        ValueKind::Money => money::parse(text),
        ValueKind::Percent => percent::parse(text),
        ValueKind::Frequency => frequency::parse(text),
        ValueKind::Citation => citation::parse(text),
    }
}

fn malformed(kind: ValueKind, reason: String) -> ValueData {
    ValueData::Malformed { kind, reason }
}

impl ValueData {
    /// The value's kind, counting a malformed value as its intended kind.
    pub fn kind(&self) -> ValueKind {
        match self {
            ValueData::Date(_) => ValueKind::Date,
            ValueData::FinancialYear(_) => ValueKind::FinancialYear,
            ValueData::YearRange(_) => ValueKind::YearRange,
            ValueData::Duration(_) => ValueKind::Duration,
            ValueData::Money(_) => ValueKind::Money,
            ValueData::Percent(_) => ValueKind::Percent,
            ValueData::Frequency(_) => ValueKind::Frequency,
            ValueData::Citation(_) => ValueKind::Citation,
            ValueData::Malformed { kind, .. } => *kind,
        }
    }
}

impl fmt::Display for ValueData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueData::Date(v) => v.fmt(f),
            ValueData::FinancialYear(v) => v.fmt(f),
            ValueData::YearRange(v) => v.fmt(f),
            ValueData::Duration(v) => v.fmt(f),
            ValueData::Money(v) => v.fmt(f),
            ValueData::Percent(v) => percent::fmt(*v, f),
            ValueData::Frequency(v) => v.fmt(f),
            ValueData::Citation(v) => v.fmt(f),
            ValueData::Malformed { reason, .. } => f.write_str(reason),
        }
    }
}

/// Text given as an option (`--period 2023/24`, `--date 2024-09-30`) that is
/// not a valid value of the kind asked for; see the `FromStr` impls of
/// `FinancialYear` and `Date`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseValueError {
    kind: ValueKind,
    text: String,
}

impl ParseValueError {
    fn new(kind: ValueKind, text: &str) -> ParseValueError {
        ParseValueError {
            kind,
            text: text.to_owned(),
        }
    }

    /// The kind that was asked for.
    pub fn kind(&self) -> ValueKind {
        self.kind
    }

    /// The text as given, untrimmed.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// "`2023/25` is not a financial year; write it like 2023/24": the CLI puts
/// its option name in front ("error: --period …").
impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = &self.text;
        match self.kind {
            ValueKind::Date => write!(f, "`{text}` is not a date; write it like 2024-09-30"),
            ValueKind::FinancialYear => {
                write!(f, "`{text}` is not a financial year; write it like 2023/24")
            }
            kind => write!(f, "`{text}` is not a valid {}", kind.name()),
        }
    }
}

impl std::error::Error for ParseValueError {}
