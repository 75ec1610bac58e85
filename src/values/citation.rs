//! Statute citations: "Local Government Act 1972", "Accounts and Audit
//! (England) Regulations 2011".

use super::ValueData;
use super::fragments::{gap, wb};
use std::fmt;

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

/// A word of a statute title: capitalised, and not "The" (a title never
/// starts with, or contains, a capitalised "The").
macro_rules! title_word {
    () => {
        concat!(
            "(?:[A-SU-Z][A-Za-z'\u{2019}]*",
            "|T(?:[A-GI-Za-gi-z'\u{2019}][A-Za-z'\u{2019}]*",
            "|[hH](?:[A-DF-Za-df-z'\u{2019}][A-Za-z'\u{2019}]*|[eE][A-Za-z'\u{2019}]+)?)?)",
            "(?:-[A-Za-z'\u{2019}]+)*"
        )
    };
}

pub(super) const PATTERN: &str = concat!(
    r"(?-ixU:",
    wb!(),
    title_word!(),
    "(?:",
    gap!(),
    "(?:",
    title_word!(),
    "|and|of|for|in|to|&",
    // (England), (Amendment), (Access to Information), (No. 2)
    r"|\([A-Z][A-Za-z0-9'\u{2019}.,\-\x20]{0,60}\)",
    // Real titles are shorter; the bound keeps a long run of capitalised
    // words from making extraction quadratic.
    ")){0,15}",
    gap!(),
    "(?:Act|ACT|Regulations|REGULATIONS|Order|ORDER|Measure|MEASURE)",
    gap!(),
    "[0-9]{1,5}",
    wb!(),
    ")"
);

/// A title starts with a capital.
pub(super) fn may_start_with(c: char) -> bool {
    c.is_ascii_uppercase()
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    let title = text.trim_end_matches(|c: char| c.is_ascii_digit());
    let year_text = &text[title.len()..];
    Some(ValueData::Citation(Citation {
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        year_text: year_text.to_owned(),
        year: if year_text.len() == 4 {
            year_text.parse().ok()
        } else {
            None
        },
    }))
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.title, self.year_text)
    }
}
