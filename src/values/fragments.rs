//! What several kinds are built from: the regex fragments their patterns
//! share, and the helpers their parsers and `Display`s share.
//!
//! Each kind has one regex, with no capturing groups so that rules can embed
//! it as `(?P<x>…)`. Every pattern is wrapped in `(?-ixU:…)` so that a rule's
//! own flags (`(?i)`, `(?x)`, `(?U)`) cannot change what a value is.
//!
//! Word boundaries are ASCII (`(?-u:\b)`): Unicode ones make the lazy DFA give
//! up on non-ASCII text such as "£", which costs an order of magnitude in
//! speed. Words are matched ASCII-case-insensitively (`(?i-u:…)`), so the
//! Kelvin sign does not pass for a "k" (nor the long s for an "s"), and a
//! value never ends in a non-ASCII letter that would upset those boundaries.
//!
//! The parsers run on text that has already matched the kind's pattern, so
//! they only pick it apart by character class; they never need a capturing
//! regex (which would cost several times the whole extraction pass).

use std::borrow::Cow;

// `concat!` accepts only literals, so the shared fragments are macros. They
// name each other by `$crate` path, so a user imports only what it calls.

/// Horizontal space, including the no-break and thin spaces PDFs produce.
macro_rules! hs {
    () => {
        r"[\x20\t\x{A0}\x{2009}\x{202F}]"
    };
}
/// A gap between the words of one value: spaces with at most one line break
/// (PDF text wraps mid-value, but a blank line ends it).
macro_rules! gap {
    () => {
        concat!(
            "(?:",
            $crate::values::fragments::hs!(),
            r"+(?:\r?\n",
            $crate::values::fragments::hs!(),
            r"*)?|\r?\n",
            $crate::values::fragments::hs!(),
            "*)"
        )
    };
}
/// An optional gap.
macro_rules! gap0 {
    () => {
        concat!(
            $crate::values::fragments::hs!(),
            r"*(?:\r?\n",
            $crate::values::fragments::hs!(),
            "*)?"
        )
    };
}
/// Hyphen, the Unicode hyphens and dashes (en, em) and minus.
macro_rules! dash {
    () => {
        r"[\-\x{2010}-\x{2014}\x{2212}]"
    };
}
macro_rules! wb {
    () => {
        r"(?-u:\b)"
    };
}
/// The number words `parse_number` reads.
macro_rules! num_word {
    () => {
        "(?i-u:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
    };
}
/// A small count, in figures or words.
macro_rules! count {
    () => {
        concat!(
            r"(?:[0-9]{1,3}(?:\.[0-9]+)?|",
            $crate::values::fragments::num_word!(),
            ")"
        )
    };
}

/// Between the two ends of a range: a dash ("3-5", "2024/25 – 2027/28")
/// or "to" ("three to five").
macro_rules! range_sep {
    () => {
        concat!(
            "(?:",
            $crate::values::fragments::gap0!(),
            $crate::values::fragments::dash!(),
            $crate::values::fragments::gap0!(),
            "|",
            $crate::values::fragments::gap!(),
            "(?i-u:to)",
            $crate::values::fragments::gap!(),
            ")"
        )
    };
}

pub(crate) use {count, dash, gap, gap0, hs, num_word, range_sep, wb};

/// The longest prefix of `text` whose characters satisfy `keep`.
pub(super) fn leading(text: &str, keep: impl Fn(char) -> bool) -> &str {
    let end = text.find(|c: char| !keep(c)).unwrap_or(text.len());
    &text[..end]
}

/// The words and figures of `text`: runs of letters, digits and decimal
/// points, lower-cased ("Monday 12th" gives "monday", "12th").
pub(super) fn tokens(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

/// Lower-cases a matched word (ASCII: the patterns match words ASCII-only),
/// borrowing when it already is lower case.
pub(super) fn fold(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Parses figures ("1,500.25") or a number word ("twelve", see `num_word!`).
pub(super) fn parse_number(text: &str) -> Option<f64> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        text.replace(',', "").parse().ok()
    } else {
        const WORDS: [&str; 13] = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "twelve", "fifteen", "twenty",
        ];
        const VALUES: [f64; 13] = [
            1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0, 15.0, 20.0,
        ];
        let word = fold(text);
        WORDS.iter().position(|w| *w == word).map(|i| VALUES[i])
    }
}

/// A number with at most two decimals, trailing zeros trimmed: 1.5, 3, 8.67.
pub(super) fn trim_number(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}
