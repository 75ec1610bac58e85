//! Typed values recognised in statement text: dates, financial years, year
//! ranges, durations, money, percentages, frequencies and statute citations.
//!
//! Each kind has one regex (`ValueKind::pattern`) used both for the
//! document-wide extraction pass and inside rule patterns as `{name:kind}`
//! placeholders, so a rule and the model always agree on what a value is.

use chrono::NaiveDate;
use std::fmt;
use std::ops::Range;

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

/// A calendar date as written: "31 March 2024" (day), "March 2024" (month)
/// or "2024" (year). `start` is the first day it can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub start: NaiveDate,
    pub precision: DatePrecision,
}

/// A financial year, 1 April to 31 March; `start_year` is 2023 for 2023/24.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FinancialYear {
    pub start_year: i32,
}

/// An inclusive range of financial years: "2024/25 to 2027/28" is four years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct YearRange {
    pub from: FinancialYear,
    pub to: FinancialYear,
}

/// A length of time in years: "five-year" is 5..5, "three to five years" 3..5.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Duration {
    pub min_years: f64,
    pub max_years: f64,
}

/// An amount of money in pounds: "£14.2m" is 14_200_000.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money {
    pub pounds: f64,
}

/// How often something happens: "monthly" is 12 per year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frequency {
    pub per_year: f64,
}

/// A statute citation: "Local Government Act 1972".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The name without the year: "Local Government Act".
    pub title: String,
    /// The year as written ("1972", or "19972" when mistyped).
    pub year_text: String,
    /// The year, when `year_text` is four digits.
    pub year: Option<i32>,
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
    Malformed { kind: ValueKind, reason: String },
}

/// A value found in text, with its byte range in that text.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub range: Range<usize>,
    pub data: ValueData,
}

// TEMPORARY stubs until the extractor module lands.
impl ValueKind {
    pub fn pattern(self) -> &'static str {
        match self {
            ValueKind::FinancialYear => r"\b\d{3,4}[/-]\d{1,4}\b",
            _ => r"\bNEVERMATCHES\b",
        }
    }
}
pub fn parse_value(kind: ValueKind, text: &str) -> Option<ValueData> {
    if kind == ValueKind::FinancialYear {
        let y: i32 = text.get(..4)?.parse().ok()?;
        return Some(ValueData::FinancialYear(FinancialYear { start_year: y }));
    }
    None
}
pub fn extract_values(_text: &str) -> Vec<Value> {
    Vec::new()
}
impl Date {
    pub fn end(&self) -> NaiveDate {
        self.start
    }
}
impl FinancialYear {
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year, 4, 1).unwrap_or_default()
    }
    pub fn end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start_year + 1, 3, 31).unwrap_or_default()
    }
}
impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start_year, (self.start_year + 1) % 100)
    }
}
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start.format("%-d %B %Y"))
    }
}
impl fmt::Display for ValueData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
