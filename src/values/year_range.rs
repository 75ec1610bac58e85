//! Ranges of financial years: "2024/25 to 2027/28", "between 2024/25 and
//! 2027/28", "2020-24".

use super::financial_year::{self, FinancialYear, fy_body};
use super::fragments::{dash, gap, leading, range_sep, wb};
use super::{ValueData, ValueKind, malformed};
use std::fmt;

/// An inclusive range of financial years: "2024/25 to 2027/28" is four years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct YearRange {
    pub from: FinancialYear,
    pub to: FinancialYear,
}

pub(super) const PATTERN: &str = concat!(
    r"(?-ixU:",
    wb!(),
    "(?:",
    // between 2024/25 and 2027/28
    "(?i-u:between)",
    gap!(),
    fy_body!(),
    gap!(),
    "(?i-u:and)",
    gap!(),
    fy_body!(),
    // (from) 2024/25 to 2027/28, 2024/25 – 2027/28
    "|(?:(?i-u:from)",
    gap!(),
    ")?",
    fy_body!(),
    range_sep!(),
    fy_body!(),
    // 2020-24, 2024-2028
    "|(?:19|20)[0-9]{2}",
    dash!(),
    "(?:[0-9]{4}|[0-9]{2})",
    ")",
    wb!(),
    ")"
);

/// A year, "from" or "between".
pub(super) fn may_start_with(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), '1' | '2' | 'f' | 'b')
}

/// One end of a year range, as a valid financial year or the reason not.
fn range_end(text: &str) -> Result<FinancialYear, String> {
    financial_year::classify(text)
        .unwrap_or_else(|| Err(format!("{text} is not a single financial year")))
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    let kind = ValueKind::YearRange;
    let backwards = || Some(malformed(kind, format!("{text} runs backwards")));
    // Skip "from" or "between".
    let body = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    let (first, rest) = financial_year::split_off(body)?;
    if rest.is_empty() {
        // A pair of plain years, "2020-24": the years from 2020/21 up to the
        // one that ends in 2024.
        let (from_text, _) = first.split_at(leading(first, |c| c.is_ascii_digit()).len());
        let to_text = first.trim_start_matches(|c: char| c.is_ascii_digit());
        let to_text = to_text.trim_start_matches(|c: char| !c.is_ascii_digit());
        let from: i32 = from_text.parse().ok()?;
        let mut end: i32 = to_text.parse().ok()?;
        if to_text.len() == 2 {
            end += from - from.rem_euclid(100);
            // "1998-00" crosses a century.
            if end < from && end + 100 - from <= 10 {
                end += 100;
            }
        }
        return match end - from {
            1 => None, // "2023-24" is a financial year
            0 => Some(malformed(kind, format!("{text} is an empty range"))),
            d if d < 0 => backwards(),
            _ => Some(ValueData::YearRange(YearRange {
                from: FinancialYear { start_year: from },
                to: FinancialYear {
                    start_year: end - 1,
                },
            })),
        };
    }
    // The connector ("to", "and", a dash) holds no digits.
    let (second, _) =
        financial_year::split_off(rest.trim_start_matches(|c: char| !c.is_ascii_digit()))?;
    let (from, to) = match (range_end(first), range_end(second)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(reason), _) | (_, Err(reason)) => return Some(malformed(kind, reason)),
    };
    if to < from {
        backwards()
    } else {
        Some(ValueData::YearRange(YearRange { from, to }))
    }
}

impl YearRange {
    /// How many financial years the range covers (both ends included).
    pub fn years(&self) -> i32 {
        self.to
            .start_year
            .saturating_sub(self.from.start_year)
            .saturating_add(1)
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.from, self.to)
    }
}
