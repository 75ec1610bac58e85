//! How often: "monthly", "twice a year", "every six weeks".

use super::fragments::{count, dash, gap, hs, parse_number, tokens, trim_number, wb};
use super::{ValueData, ValueKind, malformed};
use std::fmt;

/// How often something happens: "monthly" is 12 per year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frequency {
    pub per_year: f64,
}

pub(super) const PATTERN: &str = concat!(
    r"(?-ixU:",
    wb!(),
    "(?:",
    // monthly, bi-monthly, half-yearly, twice yearly
    "(?i-u:daily|weekly|fortnightly|monthly|quarterly|termly|annually|yearly)",
    "|(?i-u:bi)",
    dash!(),
    "?(?i-u:monthly|annually)",
    "|(?i-u:semi)",
    dash!(),
    "?(?i-u:annually)",
    "|(?i-u:half)(?:",
    dash!(),
    "|",
    hs!(),
    ")?(?i-u:yearly)",
    "|(?i-u:six)(?:",
    dash!(),
    "|",
    hs!(),
    ")?(?i-u:monthly)",
    "|(?i-u:twice)(?:",
    dash!(),
    "|",
    gap!(),
    ")(?i-u:yearly|annually)",
    // once a year, twice a month, 4 times per year
    "|(?:(?i-u:once|twice|thrice)|",
    count!(),
    gap!(),
    "(?i-u:times))",
    gap!(),
    "(?i-u:a|per|each|every)",
    gap!(),
    "(?i-u:day|week|fortnight|month|quarter|term|year|annum)",
    // every year, each month
    "|(?i-u:every|each)",
    gap!(),
    "(?i-u:day|week|fortnight|month|quarter|term|year)",
    // every other week
    "|(?i-u:every)",
    gap!(),
    "(?i-u:other)",
    gap!(),
    "(?i-u:day|week|fortnight|month|quarter|year)",
    // every six weeks
    "|(?i-u:every)",
    gap!(),
    count!(),
    gap!(),
    "(?i-u:days|weeks|fortnights|months|quarters|years)",
    ")",
    wb!(),
    ")"
);

/// A figure, or the first letter of a frequency word or number word.
pub(super) fn may_start_with(c: char) -> bool {
    c.is_ascii_digit() || "abdefhmnoqstwy".contains(c.to_ascii_lowercase())
}

/// How many of a unit ("week", "months", "annum") there are in a year.
fn unit_per_year(unit: &str) -> Option<f64> {
    Some(match unit.strip_suffix('s').unwrap_or(unit) {
        "day" => 365.0,
        "week" => 52.0,
        "fortnight" => 26.0,
        "month" => 12.0,
        "quarter" => 4.0,
        "term" => 3.0,
        "year" | "annum" => 1.0,
        _ => return None,
    })
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    let words = tokens(text);
    let (last, _) = words.split_last()?;
    let per_year = if last.ends_with("ly") {
        // monthly, bi-monthly, half-yearly, twice yearly
        match words.concat().as_str() {
            "daily" => 365.0,
            "weekly" => 52.0,
            "fortnightly" => 26.0,
            "monthly" => 12.0,
            "bimonthly" => 6.0,
            "quarterly" => 4.0,
            "termly" => 3.0,
            "biannually" | "semiannually" | "halfyearly" | "sixmonthly" | "twiceyearly"
            | "twiceannually" => 2.0,
            "annually" | "yearly" => 1.0,
            _ => return None,
        }
    } else {
        match words.as_slice() {
            // every year, each month
            [first, unit] if first == "every" || first == "each" => unit_per_year(unit)?,
            // every other week
            [first, other, unit] if first == "every" && other == "other" => {
                unit_per_year(unit)? / 2.0
            }
            // every six weeks
            [first, count, unit] if first == "every" => unit_per_year(unit)? / parse_number(count)?,
            // once a year, 4 times per year
            [count, .., unit] => {
                let times = match &**count {
                    "once" => 1.0,
                    "twice" => 2.0,
                    "thrice" => 3.0,
                    count => parse_number(count)?,
                };
                times * unit_per_year(unit)?
            }
            _ => return None,
        }
    };
    Some(if per_year.is_finite() && per_year > 0.0 {
        ValueData::Frequency(Frequency { per_year })
    } else {
        malformed(ValueKind::Frequency, format!("{text} is not a frequency"))
    })
}

/// The standard names of frequencies, by times per year.
const FREQUENCY_NAMES: [(f64, &str); 9] = [
    (365.0, "daily"),
    (52.0, "weekly"),
    (26.0, "fortnightly"),
    (12.0, "monthly"),
    (6.0, "bi-monthly"),
    (4.0, "quarterly"),
    (3.0, "termly"),
    (2.0, "twice a year"),
    (1.0, "annually"),
];

impl Frequency {
    /// The usual word for this frequency ("monthly" for 12 a year), if any.
    pub fn name(&self) -> Option<&'static str> {
        FREQUENCY_NAMES
            .iter()
            .find(|(n, _)| (n - self.per_year).abs() < 1e-9)
            .map(|&(_, name)| name)
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{} times a year", trim_number(self.per_year)),
        }
    }
}
