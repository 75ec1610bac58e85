//! Typed values recognised in statement text: dates, financial years, year
//! ranges, durations, money, percentages, frequencies and statute citations.
//!
//! Each kind has one regex (`ValueKind::pattern`) used both for the
//! document-wide extraction pass and inside rule patterns as `{name:kind}`
//! placeholders, so a rule and the model always agree on what a value is.

use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Regex, RegexBuilder};
use std::borrow::Cow;
use std::cmp::Reverse;
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

// ---------------------------------------------------------------------------
// Patterns
//
// Each kind has one regex, with no capturing groups so that rules can embed
// it as `(?P<x>…)`. Every pattern is wrapped in `(?-ixU:…)` so that a rule's
// own flags (`(?i)`, `(?x)`, `(?U)`) cannot change what a value is.
//
// Word boundaries are ASCII (`(?-u:\b)`): Unicode ones make the lazy DFA give
// up on non-ASCII text such as "£", which costs an order of magnitude in
// speed. Words are matched ASCII-case-insensitively (`(?i-u:…)`), so the
// Kelvin sign does not pass for a "k" (nor the long s for an "s"), and a
// value never ends in a non-ASCII letter that would upset those boundaries.
// ---------------------------------------------------------------------------

// `concat!` accepts only literals, so the shared fragments are macros.

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
        concat!("(?:", hs!(), r"+(?:\r?\n", hs!(), r"*)?|\r?\n", hs!(), "*)")
    };
}
/// An optional gap.
macro_rules! gap0 {
    () => {
        concat!(hs!(), r"*(?:\r?\n", hs!(), "*)?")
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
macro_rules! num_word {
    () => {
        "(?i-u:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
    };
}
/// A small count, in figures or words.
macro_rules! count {
    () => {
        concat!(r"(?:[0-9]{1,3}(?:\.[0-9]+)?|", num_word!(), ")")
    };
}
macro_rules! month {
    () => {
        "(?i-u:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
    };
}
macro_rules! weekday {
    () => {
        "(?i-u:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
    };
}
macro_rules! ordinal {
    () => {
        "(?i-u:st|nd|rd|th)?"
    };
}
/// A financial year as written, loosely: "2023/24", "2023-2024", and the
/// malformed "202/23", "2022/2", "2022/25". Three-digit first years are only
/// taken with a slash, so page ranges such as "201-205" stay out; the second
/// part is one or two digits or a year, so statutory instrument numbers
/// ("SI 2015/234") stay out too.
macro_rules! fy_body {
    () => {
        concat!(
            "(?:(?:19|20)[0-9]{2}(?:/|",
            dash!(),
            ")|(?:19|20)[0-9]/)(?:(?:19|20)[0-9]{2}|[0-9]{1,2})"
        )
    };
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

const DATE: &str = concat!(
    r"(?-ixU:",
    wb!(),
    "(?:",
    // 31 March 2024, Monday 12th December 2022, 31st of March 2024
    "(?:",
    weekday!(),
    r"\.?,?",
    gap!(),
    ")?[0-9]{1,2}",
    ordinal!(),
    "(?:",
    gap!(),
    "(?i-u:of))?",
    gap!(),
    month!(),
    r"\.?,?",
    gap!(),
    "[0-9]{4}",
    // March 31, 2024
    "|(?:",
    weekday!(),
    r"\.?,?",
    gap!(),
    ")?",
    month!(),
    r"\.?",
    gap!(),
    "[0-9]{1,2}",
    ordinal!(),
    ",?",
    gap!(),
    "[0-9]{4}",
    // March 2024
    "|",
    month!(),
    r"\.?,?",
    gap!(),
    "[0-9]{4}",
    // 2024-03-31
    "|(?:19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}",
    // 31/03/2024, 31.03.2024, 31-03-2024
    r"|[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}",
    // 31/03/24
    "|[0-9]{2}/[0-9]{2}/[0-9]{2}",
    // 2024
    "|(?:19|20)[0-9]{2}",
    ")",
    wb!(),
    ")"
);

const FY: &str = concat!(r"(?-ixU:", wb!(), fy_body!(), wb!(), ")");

const RANGE: &str = concat!(
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
    "(?:",
    gap0!(),
    dash!(),
    gap0!(),
    "|",
    gap!(),
    "(?i-u:to)",
    gap!(),
    ")",
    fy_body!(),
    // 2020-24, 2024-2028
    "|(?:19|20)[0-9]{2}",
    dash!(),
    "(?:[0-9]{4}|[0-9]{2})",
    ")",
    wb!(),
    ")"
);

const DURATION: &str = concat!(
    r"(?-ixU:",
    wb!(),
    // three to five years, 3-5 years
    "(?:",
    count!(),
    "(?:",
    gap0!(),
    dash!(),
    gap0!(),
    "|",
    gap!(),
    "(?i-u:to)",
    gap!(),
    "))?",
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

const MONEY: &str = concat!(
    r"(?-ixU:£",
    hs!(),
    r"?[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?",
    "(?:(?i-u:bn|mn|m|k)|",
    hs!(),
    "?(?i-u:billion|million|thousand|bn|mn))?",
    wb!(),
    ")"
);

// Thousands groups are bounded for the same reason as citation titles.
const PERCENT: &str = concat!(
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

const FREQUENCY: &str = concat!(
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

const CITATION: &str = concat!(
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

/// Indexed by `ValueKind as usize` (the order of `ValueKind::ALL`).
const PATTERNS: [&str; 8] = [
    DATE, FY, RANGE, DURATION, MONEY, PERCENT, FREQUENCY, CITATION,
];

/// When two kinds match the same text at the same place, the first listed
/// here wins (the parsers reject most such overlaps anyway).
const PRIORITY: [ValueKind; 8] = [
    ValueKind::Citation,
    ValueKind::YearRange,
    ValueKind::FinancialYear,
    ValueKind::Date,
    ValueKind::Money,
    ValueKind::Percent,
    ValueKind::Frequency,
    ValueKind::Duration,
];

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("value patterns are valid regexes")
}

/// Each kind's pattern anchored at both ends, to validate `parse_value`.
static WHOLE: LazyLock<[Regex; 8]> =
    LazyLock::new(|| PATTERNS.map(|p| compile(&format!("^(?:{p})$"))));

/// Each kind's pattern anchored at the start only, for the extraction pass.
static ANCHORED: LazyLock<[Regex; 8]> =
    LazyLock::new(|| PATTERNS.map(|p| compile(&format!("^(?:{p})"))));

/// All kinds in one regex: it only locates where candidates start.
static COMBINED: LazyLock<Regex> = LazyLock::new(|| {
    let all: Vec<&str> = PRIORITY.iter().map(|k| k.pattern()).collect();
    RegexBuilder::new(&all.join("|"))
        // It is large: a bigger lazy-DFA cache keeps varied text from
        // thrashing it into the much slower NFA fallback.
        .dfa_size_limit(32 << 20)
        .build()
        .expect("value patterns are valid regexes")
});

impl ValueKind {
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

    /// Whether a value of this kind can start with `c` (by the first letters
    /// of its words): a cheap filter that saves running regexes that cannot
    /// match.
    fn may_start_with(self, c: char) -> bool {
        let lower = c.to_ascii_lowercase();
        let digit = c.is_ascii_digit();
        match self {
            ValueKind::Money => c == '£',
            ValueKind::Citation => c.is_ascii_uppercase(),
            ValueKind::FinancialYear => matches!(c, '1' | '2'),
            ValueKind::Percent => digit,
            ValueKind::YearRange => matches!(lower, '1' | '2' | 'f' | 'b'),
            // Months and weekdays.
            ValueKind::Date => digit || "adfjmnostw".contains(lower),
            // Number words.
            ValueKind::Duration => digit || "efnost".contains(lower),
            ValueKind::Frequency => digit || "abdefhmnoqstwy".contains(lower),
        }
    }
}

// ---------------------------------------------------------------------------
// Parsing
//
// The text has already matched the kind's pattern, so the parsers only pick
// it apart by character class; they never need a capturing regex (which
// would cost several times the whole extraction pass).
// ---------------------------------------------------------------------------

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
        ValueKind::Date => parse_date(text),
        ValueKind::FinancialYear => Some(match classify_fy(text)? {
            Ok(fy) => ValueData::FinancialYear(fy),
            Err(reason) => malformed(kind, reason),
        }),
        ValueKind::YearRange => parse_range(text),
        ValueKind::Duration => parse_duration(text),
        ValueKind::Money => parse_money(text),
        ValueKind::Percent => {
            let v = parse_number(leading(text, |c| {
                c.is_ascii_digit() || c == ',' || c == '.'
            }))?;
            Some(if v.is_finite() {
                ValueData::Percent(v)
            } else {
                malformed(kind, format!("{text} is too large"))
            })
        }
        ValueKind::Frequency => parse_frequency(text),
        ValueKind::Citation => {
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
    }
}

fn malformed(kind: ValueKind, reason: String) -> ValueData {
    ValueData::Malformed { kind, reason }
}

/// The longest prefix of `text` whose characters satisfy `keep`.
fn leading(text: &str, keep: impl Fn(char) -> bool) -> &str {
    let end = text.find(|c: char| !keep(c)).unwrap_or(text.len());
    &text[..end]
}

/// The words and figures of `text`: runs of letters, digits and decimal
/// points, lower-cased ("Monday 12th" gives "monday", "12th").
fn tokens(text: &str) -> Vec<Cow<'_, str>> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

/// Lower-cases a matched word (ASCII: the patterns match words ASCII-only),
/// borrowing when it already is lower case.
fn fold(word: &str) -> Cow<'_, str> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Parses figures ("1,500.25") or a number word ("twelve").
fn parse_number(text: &str) -> Option<f64> {
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

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn weekday_of(name: &str) -> Option<Weekday> {
    Some(match name.get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn parse_date(text: &str) -> Option<ValueData> {
    // Figures (ordinal suffixes dropped) and words ("of" dropped), in order.
    let mut figures: Vec<&str> = Vec::new();
    let mut words: Vec<Cow<str>> = Vec::new();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        let digits = leading(token, |c| c.is_ascii_digit());
        if !digits.is_empty() {
            figures.push(digits);
        } else {
            let word = fold(token);
            if word != "of" {
                words.push(word);
            }
        }
    }
    let number = |i: usize| -> Option<u32> { figures.get(i)?.parse().ok() };
    let year = |i: usize| -> Option<i32> { figures.get(i)?.parse().ok() };
    let with = |start, precision| Some(ValueData::Date(Date { start, precision }));
    let not_real = || {
        Some(malformed(
            ValueKind::Date,
            format!("{text} is not a real date"),
        ))
    };

    let (y, m, d, weekday) = match (words.len(), figures.len()) {
        // 2024
        (0, 1) => {
            return with(
                NaiveDate::from_ymd_opt(year(0)?, 1, 1)?,
                DatePrecision::Year,
            );
        }
        // March 2024
        (1, 1) => {
            let month = month_number(&words[0])?;
            return match NaiveDate::from_ymd_opt(year(0)?, month, 1) {
                Some(start) => with(start, DatePrecision::Month),
                None => not_real(),
            };
        }
        // 2024-03-31
        (0, 3) if figures[0].len() == 4 => (year(0)?, number(1)?, number(2)?, None),
        // 31/03/2024, 31/03/24
        (0, 3) => {
            let y = year(2)?;
            let y = if figures[2].len() == 2 { 2000 + y } else { y };
            (y, number(1)?, number(0)?, None)
        }
        // [Monday] 31 March 2024, [Monday] March 31, 2024
        (1 | 2, 2) => {
            let month = month_number(words.last()?)?;
            let weekday = if words.len() == 2 {
                weekday_of(&words[0])
            } else {
                None
            };
            (year(1)?, month, number(0)?, weekday)
        }
        _ => return None,
    };
    let Some(start) = NaiveDate::from_ymd_opt(y, m, d) else {
        return not_real();
    };
    if let Some(written) = weekday {
        let actual = start.weekday();
        if written != actual {
            return Some(malformed(
                ValueKind::Date,
                format!(
                    "{text}: {} was a {}, not a {}",
                    start.format("%-d %B %Y"),
                    weekday_name(actual),
                    weekday_name(written)
                ),
            ));
        }
    }
    with(start, DatePrecision::Day)
}

/// Reads a financial year such as "2023/24": `Ok` when valid, `Err(reason)`
/// when malformed, and `None` for a hyphenated pair of non-consecutive years
/// ("2020-24"), which is a year range instead.
fn classify_fy(text: &str) -> Option<Result<FinancialYear, String>> {
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
fn split_fy(text: &str) -> Option<(&str, &str)> {
    let first = leading(text, |c| c.is_ascii_digit()).len();
    let separator = text[first..].chars().next()?.len_utf8();
    let second = leading(&text[first + separator..], |c| c.is_ascii_digit()).len();
    Some(text.split_at(first + separator + second))
}

/// One end of a year range, as a valid financial year or the reason not.
fn range_end(text: &str) -> Result<FinancialYear, String> {
    classify_fy(text).unwrap_or_else(|| Err(format!("{text} is not a single financial year")))
}

fn parse_range(text: &str) -> Option<ValueData> {
    let kind = ValueKind::YearRange;
    let backwards = || Some(malformed(kind, format!("{text} runs backwards")));
    // Skip "from" or "between".
    let body = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    let (first, rest) = split_fy(body)?;
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
    let (second, _) = split_fy(rest.trim_start_matches(|c: char| !c.is_ascii_digit()))?;
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

fn parse_duration(text: &str) -> Option<ValueData> {
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

fn parse_money(text: &str) -> Option<ValueData> {
    let kind = ValueKind::Money;
    let amount = text.strip_prefix('£')?.trim_start();
    let number = leading(amount, |c| c.is_ascii_digit() || c == ',' || c == '.');
    let whole = number.split('.').next().unwrap_or(number);
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Some(malformed(
                kind,
                format!("{text}: misplaced thousands separator"),
            ));
        }
    }
    let multiplier = match &*fold(amount[number.len()..].trim()) {
        "" => 1.0,
        "k" | "thousand" => 1e3,
        "m" | "mn" | "million" => 1e6,
        "bn" | "billion" => 1e9,
        _ => return None,
    };
    let pounds = parse_number(number)? * multiplier;
    Some(if pounds.is_finite() {
        ValueData::Money(Money { pounds })
    } else {
        malformed(kind, format!("{text} is too large"))
    })
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

fn parse_frequency(text: &str) -> Option<ValueData> {
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

// ---------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------

/// Every value in `text`, sorted by start and non-overlapping; where
/// candidates overlap, the longest wins ("31 March 2024" is one date, not a
/// date and the year 2024).
///
/// The combined regex finds, in one fast DFA pass, each place where some
/// kind can start. There every kind that can start with that character is
/// tried anchored, and the longest that parses is the candidate. Candidates
/// that overlap form a cluster, resolved longest-first.
pub fn extract_values(text: &str) -> Vec<Value> {
    let mut values = Vec::new();
    // Overlapping candidates, of which the longest will win.
    let mut cluster: Vec<Value> = Vec::new();
    let mut cluster_end = 0;
    let mut at = 0;
    while let Some(m) = COMBINED.find_at(text, at) {
        let start = m.start();
        // Search again just after this start, to see candidates inside it.
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        // Inside a cluster only a candidate reaching past its end can change
        // the outcome (bar contrived triple overlaps), so others are not even
        // parsed.
        let min_end = if start < cluster_end {
            cluster_end
        } else {
            start
        };
        let Some(candidate) = longest_at(text, start, min_end) else {
            continue;
        };
        if start >= cluster_end {
            resolve(&mut cluster, &mut values);
        }
        cluster_end = cluster_end.max(candidate.range.end);
        cluster.push(candidate);
    }
    resolve(&mut cluster, &mut values);
    values
}

/// The longest value starting at `start` that ends after `min_end`, if any
/// kind parses there.
fn longest_at(text: &str, start: usize, min_end: usize) -> Option<Value> {
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    // The anchored regexes see `rest` alone, where a leading `\b` always
    // holds; mid-word is never a start.
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    if first.is_ascii_alphanumeric() && text.as_bytes()[..start].last().is_some_and(|&b| is_word(b))
    {
        return None;
    }
    // Match every kind first, then parse from the longest down: a parse may
    // still reject its text ("2023-24" is no range), and usually the first
    // one parsed wins.
    let mut matches = [(0, ValueKind::Date); 8];
    let mut n = 0;
    for kind in PRIORITY {
        if !kind.may_start_with(first) {
            continue;
        }
        if let Some(m) = ANCHORED[kind as usize].find(rest)
            && start + m.end() > min_end
        {
            matches[n] = (m.end(), kind);
            n += 1;
        }
    }
    // Stable, so equal lengths stay in priority order.
    matches[..n].sort_by_key(|&(len, _)| Reverse(len));
    matches[..n].iter().find_map(|&(len, kind)| {
        let data = parse_matched(kind, &rest[..len])?;
        Some(Value {
            range: start..start + len,
            data,
        })
    })
}

/// Moves the best non-overlapping candidates of a cluster to `values`.
fn resolve(cluster: &mut Vec<Value>, values: &mut Vec<Value>) {
    // Longest first; among equals, the earliest.
    cluster.sort_by_key(|v| (Reverse(v.range.len()), v.range.start));
    let first = values.len();
    for candidate in cluster.drain(..) {
        let overlaps = values[first..]
            .iter()
            .any(|v| v.range.start < candidate.range.end && candidate.range.start < v.range.end);
        if !overlaps {
            values.push(candidate);
        }
    }
    values[first..].sort_by_key(|v| v.range.start);
}

// ---------------------------------------------------------------------------
// Helpers and display
// ---------------------------------------------------------------------------

impl Date {
    /// The last day the date can mean: the day itself, the month's last day,
    /// or 31 December.
    pub fn end(&self) -> NaiveDate {
        let (y, m) = (self.start.year(), self.start.month());
        let end = match self.precision {
            DatePrecision::Day => return self.start,
            DatePrecision::Month if m == 12 => NaiveDate::from_ymd_opt(y, 12, 31),
            DatePrecision::Month => NaiveDate::from_ymd_opt(y, m + 1, 1).and_then(|d| d.pred_opt()),
            DatePrecision::Year => NaiveDate::from_ymd_opt(y, 12, 31),
        };
        end.unwrap_or(self.start)
    }
}

/// A date in year `year`, clamped to chrono's range for absurd years.
fn date_in(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
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

impl YearRange {
    /// How many financial years the range covers (both ends included).
    pub fn years(&self) -> i32 {
        self.to
            .start_year
            .saturating_sub(self.from.start_year)
            .saturating_add(1)
    }
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

/// A number with at most two decimals, trailing zeros trimmed: 1.5, 3, 8.67.
fn trim_number(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Whole pounds with thousands separators: 1500 -> "1,500".
fn group_thousands(mut n: u64) -> String {
    let mut groups = Vec::new();
    while n >= 1000 {
        groups.push(format!("{:03}", n % 1000));
        n /= 1000;
    }
    groups.push(n.to_string());
    groups.reverse();
    groups.join(",")
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            DatePrecision::Day => write!(f, "{}", self.start.format("%-d %B %Y")),
            DatePrecision::Month => write!(f, "{}", self.start.format("%B %Y")),
            DatePrecision::Year => write!(f, "{}", self.start.year()),
        }
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let next = i64::from(self.start_year) + 1;
        write!(f, "{}/{:02}", self.start_year, next.rem_euclid(100))
    }
}

impl fmt::Display for YearRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.from, self.to)
    }
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

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pounds = self.pounds;
        if !pounds.is_finite() {
            return write!(f, "£{pounds}");
        }
        let sign = if pounds < 0.0 { "-" } else { "" };
        let pounds = pounds.abs();
        // Round to pence first so 999_999.999 shows as "£1m".
        let pence = (pounds * 100.0).round();
        if pence >= 1e8 {
            let millions = trim_number(pounds / 1e6);
            if pounds >= 1e9 || millions == "1000" {
                write!(f, "{sign}£{}bn", trim_number(pounds / 1e9))
            } else {
                write!(f, "{sign}£{millions}m")
            }
        } else {
            // Below £1m, so the cast is exact.
            let pence = pence as u64;
            write!(f, "{sign}£{}", group_thousands(pence / 100))?;
            match pence % 100 {
                0 => Ok(()),
                p => write!(f, ".{p:02}"),
            }
        }
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

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.title, self.year_text)
    }
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
            ValueData::Percent(v) => write!(f, "{}%", trim_number(*v)),
            ValueData::Frequency(v) => v.fmt(f),
            ValueData::Citation(v) => v.fmt(f),
            ValueData::Malformed { reason, .. } => f.write_str(reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
    }

    fn date(y: i32, m: u32, d: u32, precision: DatePrecision) -> ValueData {
        ValueData::Date(Date {
            start: ymd(y, m, d),
            precision,
        })
    }

    fn fy(start_year: i32) -> FinancialYear {
        FinancialYear { start_year }
    }

    fn range(from: i32, to: i32) -> ValueData {
        ValueData::YearRange(YearRange {
            from: fy(from),
            to: fy(to),
        })
    }

    fn duration(min_years: f64, max_years: f64) -> ValueData {
        ValueData::Duration(Duration {
            min_years,
            max_years,
        })
    }

    fn money(pounds: f64) -> ValueData {
        ValueData::Money(Money { pounds })
    }

    fn freq(per_year: f64) -> ValueData {
        ValueData::Frequency(Frequency { per_year })
    }

    fn citation(title: &str, year_text: &str) -> ValueData {
        ValueData::Citation(Citation {
            title: title.to_owned(),
            year_text: year_text.to_owned(),
            year: (year_text.len() == 4)
                .then(|| year_text.parse().ok())
                .flatten(),
        })
    }

    /// Asserts that `text` is, as a whole, exactly one value: that the
    /// kind's own pattern matches all of it, that `parse_value` gives
    /// `expected`, and that extraction finds just that value.
    #[track_caller]
    fn check(kind: ValueKind, text: &str, expected: ValueData) {
        let whole = Regex::new(&format!("^(?:{})$", kind.pattern())).expect("pattern compiles");
        assert!(
            whole.is_match(text),
            "{} pattern should match {text:?}",
            kind.name()
        );
        assert_eq!(
            parse_value(kind, text),
            Some(expected.clone()),
            "parsing {text:?}"
        );
        let found = extract_values(text);
        assert_eq!(
            found,
            vec![Value {
                range: 0..text.len(),
                data: expected
            }],
            "extracting {text:?}"
        );
    }

    /// Asserts that `text` is one malformed value of `kind` whose reason
    /// contains `reason`.
    #[track_caller]
    fn check_malformed(kind: ValueKind, text: &str, reason: &str) {
        let parsed = parse_value(kind, text);
        match &parsed {
            Some(ValueData::Malformed { kind: k, reason: r }) => {
                assert_eq!(*k, kind, "{text:?}");
                assert!(
                    r.contains(reason),
                    "{text:?}: reason {r:?} lacks {reason:?}"
                );
            }
            other => panic!(
                "{text:?} should be malformed {}, got {other:?}",
                kind.name()
            ),
        }
        let found = extract_values(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        assert_eq!(found[0].range, 0..text.len(), "{text:?}");
        assert_eq!(Some(&found[0].data), parsed.as_ref(), "{text:?}");
    }

    /// The extracted values as (text, kind, display) triples.
    fn extracted(text: &str) -> Vec<(&str, ValueKind, String)> {
        extract_values(text)
            .into_iter()
            .map(|v| (&text[v.range.clone()], v.data.kind(), v.data.to_string()))
            .collect()
    }

    /// Asserts that no value of `kind` is found anywhere in `text`.
    #[track_caller]
    fn check_none_of(kind: ValueKind, text: &str) {
        let found: Vec<_> = extract_values(text)
            .into_iter()
            .filter(|v| v.data.kind() == kind)
            .collect();
        assert!(
            found.is_empty(),
            "{text:?} should have no {}: {found:?}",
            kind.name()
        );
    }

    // --- patterns ---------------------------------------------------------

    #[test]
    fn every_pattern_compiles_alone_and_embedded() {
        for kind in ValueKind::ALL {
            let p = kind.pattern();
            let alone = Regex::new(p).expect("pattern compiles");
            assert_eq!(
                alone.captures_len(),
                1,
                "{} has a capturing group",
                kind.name()
            );
            assert!(
                !p.contains('^') && !p.contains('$'),
                "{} is anchored",
                kind.name()
            );
            assert!(!p.contains("(?P<"), "{} has a named group", kind.name());
            for outer in [
                format!("x (?P<v>{p}) y"),
                format!("(?i)MTFS .* (?P<v>{p})"),
                format!("(?x) a \\s (?P<v>{p}) # comment\n"),
                format!("(?U)(?P<v>{p})|(?P<w>{p})"),
            ] {
                Regex::new(&outer).expect("embedded pattern compiles");
            }
        }
        // The internal regexes are built on first use; force them all.
        assert_eq!(WHOLE.len(), 8);
        assert_eq!(ANCHORED.len(), 8);
        assert!(COMBINED.is_match("2023/24"));
    }

    #[test]
    fn embedded_patterns_ignore_outer_flags() {
        let fy_rule = Regex::new(&format!(
            r"(?i)MTFS covers (?P<h>{})",
            ValueKind::YearRange.pattern()
        ))
        .expect("compiles");
        let caps = fy_rule
            .captures("the mtfs covers 2024/25 to 2027/28.")
            .expect("matches");
        assert_eq!(
            caps.name("h").map(|m| m.as_str()),
            Some("2024/25 to 2027/28")
        );

        // (?i) outside must not make the citation title case-blind.
        let law = Regex::new(&format!(
            r"(?i)under the (?P<l>{})",
            ValueKind::Citation.pattern()
        ))
        .expect("compiles");
        let caps = law
            .captures("under the Localism Act 2011")
            .expect("matches");
        assert_eq!(
            caps.name("l").map(|m| m.as_str()),
            Some("Localism Act 2011")
        );
        assert!(!law.is_match("under the localism act 2011"));

        // (?x) outside must not strip the spaces inside a value.
        let verbose = Regex::new(&format!(r"(?x) by \s (?P<d>{})", ValueKind::Date.pattern()))
            .expect("compiles");
        let caps = verbose.captures("by 31 March 2024").expect("matches");
        assert_eq!(caps.name("d").map(|m| m.as_str()), Some("31 March 2024"));

        // (?U) outside must not make "£14.2m" stop at "£14.2".
        let lazy = Regex::new(&format!(r"(?U)cost (?P<m>{})", ValueKind::Money.pattern()))
            .expect("compiles");
        let caps = lazy.captures("cost £14.2m in total").expect("matches");
        assert_eq!(caps.name("m").map(|m| m.as_str()), Some("£14.2m"));
    }

    #[test]
    fn patterns_respect_word_boundaries() {
        let fy = Regex::new(ValueKind::FinancialYear.pattern()).expect("compiles");
        assert!(!fy.is_match("12023/245"));
        assert!(!fy.is_match("a2023/24"));
        let freq = Regex::new(ValueKind::Frequency.pattern()).expect("compiles");
        assert!(!freq.is_match("semimonthly bimonthlyish monthlyx"));
        let date = Regex::new(ValueKind::Date.pattern()).expect("compiles");
        assert!(!date.is_match("12024 20245 ref2024"));
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in ValueKind::ALL {
            assert_eq!(ValueKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(ValueKind::from_name("dates"), None);
    }

    // --- dates --------------------------------------------------------------

    #[test]
    fn dates_with_a_day() {
        use DatePrecision::Day;
        check(ValueKind::Date, "31 March 2024", date(2024, 3, 31, Day));
        check(ValueKind::Date, "31st March 2024", date(2024, 3, 31, Day));
        check(
            ValueKind::Date,
            "12th December 2022",
            date(2022, 12, 12, Day),
        );
        check(ValueKind::Date, "1 Apr 2023", date(2023, 4, 1, Day));
        check(ValueKind::Date, "1 Apr. 2023", date(2023, 4, 1, Day));
        check(ValueKind::Date, "2nd of June 2021", date(2021, 6, 2, Day));
        check(ValueKind::Date, "3rd sept 2020", date(2020, 9, 3, Day));
        check(
            ValueKind::Date,
            "Monday 12th December 2022",
            date(2022, 12, 12, Day),
        );
        check(
            ValueKind::Date,
            "Monday, 12 December 2022",
            date(2022, 12, 12, Day),
        );
        check(ValueKind::Date, "March 31, 2024", date(2024, 3, 31, Day));
        check(ValueKind::Date, "31/03/2024", date(2024, 3, 31, Day));
        check(ValueKind::Date, "31.03.2024", date(2024, 3, 31, Day));
        check(ValueKind::Date, "31-03-2024", date(2024, 3, 31, Day));
        check(ValueKind::Date, "1/4/2023", date(2023, 4, 1, Day));
        check(ValueKind::Date, "31/03/24", date(2024, 3, 31, Day));
        check(ValueKind::Date, "2024-03-31", date(2024, 3, 31, Day));
        check(ValueKind::Date, "29 February 2024", date(2024, 2, 29, Day));
        // PDF text: a no-break space and a line break inside the date.
        check(
            ValueKind::Date,
            "31\u{a0}March\n2024",
            date(2024, 3, 31, Day),
        );
    }

    #[test]
    fn dates_with_a_month_or_a_year() {
        use DatePrecision::{Month, Year};
        check(ValueKind::Date, "March 2024", date(2024, 3, 1, Month));
        check(ValueKind::Date, "Sept 2024", date(2024, 9, 1, Month));
        check(ValueKind::Date, "SEPTEMBER 2024", date(2024, 9, 1, Month));
        check(ValueKind::Date, "May 2019", date(2019, 5, 1, Month));
        check(ValueKind::Date, "2024", date(2024, 1, 1, Year));
        check(ValueKind::Date, "1900", date(1900, 1, 1, Year));
        check(ValueKind::Date, "2099", date(2099, 1, 1, Year));
    }

    #[test]
    fn malformed_dates() {
        check_malformed(ValueKind::Date, "31 February 2024", "not a real date");
        check_malformed(ValueKind::Date, "29 February 2023", "not a real date");
        check_malformed(ValueKind::Date, "0 March 2024", "not a real date");
        check_malformed(ValueKind::Date, "32/01/2024", "not a real date");
        check_malformed(ValueKind::Date, "31/13/2024", "not a real date");
        check_malformed(ValueKind::Date, "31/04/2024", "not a real date");
        check_malformed(ValueKind::Date, "2024-13-01", "not a real date");
        check_malformed(ValueKind::Date, "99/99/9999", "not a real date");
        // 12 December 2022 was a Monday.
        check_malformed(
            ValueKind::Date,
            "Tuesday 12 December 2022",
            "12 December 2022 was a Monday, not a Tuesday",
        );
    }

    #[test]
    fn not_dates() {
        for text in [
            "XX/XX/20XX",
            "£2024",
            "2023/24",
            "page 12 of 48",
            "1899 and 2100",
            "12024",
            "ref2024",
            "3.1.12",
            "the 31 March",
        ] {
            check_none_of(ValueKind::Date, text);
        }
        // "Marching" is no month: only the bare year is a date.
        assert_eq!(
            extracted("Marching 2024"),
            vec![("2024", ValueKind::Date, "2024".to_owned())]
        );
        assert_eq!(
            extracted("31 Marchx 2024"),
            vec![("2024", ValueKind::Date, "2024".to_owned())]
        );
        assert_eq!(parse_value(ValueKind::Date, "£2024"), None);
        assert_eq!(parse_value(ValueKind::Date, "2023/24"), None);
        assert_eq!(parse_value(ValueKind::Date, "the year"), None);
        assert_eq!(parse_value(ValueKind::Date, ""), None);
    }

    #[test]
    fn date_end_and_display() {
        let day = Date {
            start: ymd(2024, 3, 31),
            precision: DatePrecision::Day,
        };
        assert_eq!(day.end(), ymd(2024, 3, 31));
        assert_eq!(day.to_string(), "31 March 2024");
        let first = Date {
            start: ymd(2024, 4, 1),
            precision: DatePrecision::Day,
        };
        assert_eq!(first.to_string(), "1 April 2024");

        let feb = Date {
            start: ymd(2024, 2, 1),
            precision: DatePrecision::Month,
        };
        assert_eq!(feb.end(), ymd(2024, 2, 29));
        assert_eq!(feb.to_string(), "February 2024");
        let dec = Date {
            start: ymd(2023, 12, 1),
            precision: DatePrecision::Month,
        };
        assert_eq!(dec.end(), ymd(2023, 12, 31));

        let year = Date {
            start: ymd(2024, 1, 1),
            precision: DatePrecision::Year,
        };
        assert_eq!(year.end(), ymd(2024, 12, 31));
        assert_eq!(year.to_string(), "2024");
    }

    // --- financial years ----------------------------------------------------

    #[test]
    fn financial_years() {
        for text in [
            "2023/24",
            "2023-24",
            "2023\u{2013}24",
            "2023/2024",
            "2023-2024",
        ] {
            check(
                ValueKind::FinancialYear,
                text,
                ValueData::FinancialYear(fy(2023)),
            );
        }
        check(
            ValueKind::FinancialYear,
            "1999/00",
            ValueData::FinancialYear(fy(1999)),
        );
        check(
            ValueKind::FinancialYear,
            "1999/2000",
            ValueData::FinancialYear(fy(1999)),
        );
        check(
            ValueKind::FinancialYear,
            "2099/00",
            ValueData::FinancialYear(fy(2099)),
        );
    }

    #[test]
    fn malformed_financial_years() {
        let k = ValueKind::FinancialYear;
        check_malformed(k, "202/23", "first year has three digits");
        check_malformed(k, "2022/2", "second year has one digit");
        check_malformed(k, "2022-2", "second year has one digit");
        check_malformed(k, "2022/25", "2022/25 is not a single financial year");
        check_malformed(k, "2023/22", "2023/22 is not a single financial year");
        check_malformed(k, "2023/2025", "is not a single financial year");
    }

    #[test]
    fn not_financial_years() {
        for text in [
            "12023/245",
            "a2023/24",
            "pages 201-205",
            "1850/51",
            "23/24",
            "2023 / 24",
        ] {
            check_none_of(ValueKind::FinancialYear, text);
        }
        // A hyphenated pair of non-consecutive years is a range instead.
        assert_eq!(parse_value(ValueKind::FinancialYear, "2020-24"), None);
        assert_eq!(parse_value(ValueKind::FinancialYear, "2024-2028"), None);
        assert_eq!(parse_value(ValueKind::FinancialYear, "2024"), None);
    }

    #[test]
    fn financial_year_helpers_and_display() {
        assert_eq!(fy(2023).start(), ymd(2023, 4, 1));
        assert_eq!(fy(2023).end(), ymd(2024, 3, 31));
        assert_eq!(fy(2023).to_string(), "2023/24");
        assert_eq!(fy(1999).to_string(), "1999/00");
        assert_eq!(fy(2009).to_string(), "2009/10");
        // Absurd years clamp instead of panicking.
        assert_eq!(fy(i32::MAX).start(), NaiveDate::MAX);
        assert_eq!(fy(i32::MIN).end(), NaiveDate::MIN);
    }

    // --- year ranges --------------------------------------------------------

    #[test]
    fn year_ranges() {
        let k = ValueKind::YearRange;
        for text in [
            "2024/25 to 2027/28",
            "2024/25 \u{2013} 2027/28",
            "2024/25-2027/28",
            "2024/25 - 2027/28",
            "from 2024/25 to 2027/28",
            "From 2024/25 to 2027/28",
            "between 2024/25 and 2027/28",
            "2024-25 to 2027-28",
            "2024/2025 to 2027/2028",
            "2024/25 to\n2027/28",
            "2024-2028",
            "2024\u{2013}2028",
            "2024-28",
        ] {
            check(k, text, range(2024, 2027));
        }
        check(k, "2020-24", range(2020, 2023));
        check(k, "2024/25 to 2024/25", range(2024, 2024));
        check(k, "1998-00", range(1998, 1999));
    }

    #[test]
    fn malformed_year_ranges() {
        let k = ValueKind::YearRange;
        check_malformed(k, "2027/28 to 2024/25", "2027/28 to 2024/25 runs backwards");
        check_malformed(k, "2024-20", "2024-20 runs backwards");
        check_malformed(k, "2028-2024", "runs backwards");
        check_malformed(k, "2024-2024", "empty");
        check_malformed(
            k,
            "2024/25 to 2027/29",
            "2027/29 is not a single financial year",
        );
        check_malformed(k, "202/25 to 2027/28", "first year has three digits");
        check_malformed(
            k,
            "2024-27 to 2027-28",
            "2024-27 is not a single financial year",
        );
    }

    #[test]
    fn not_year_ranges() {
        // Two financial years joined by "and" are two years, not a range.
        assert_eq!(
            extracted("2023/24 and 2024/25"),
            vec![
                ("2023/24", ValueKind::FinancialYear, "2023/24".to_owned()),
                ("2024/25", ValueKind::FinancialYear, "2024/25".to_owned()),
            ]
        );
        for text in [
            "2023-24",
            "2023-2024",
            "from 2024/25",
            "2024/25 to 2027",
            "2024 to 2028",
        ] {
            check_none_of(ValueKind::YearRange, text);
        }
        assert_eq!(parse_value(ValueKind::YearRange, "2023-24"), None);
        assert_eq!(parse_value(ValueKind::YearRange, "2023/24"), None);
    }

    #[test]
    fn year_range_helpers_and_display() {
        let r = YearRange {
            from: fy(2024),
            to: fy(2027),
        };
        assert_eq!(r.years(), 4);
        assert_eq!(r.to_string(), "2024/25 to 2027/28");
        let one = YearRange {
            from: fy(2024),
            to: fy(2024),
        };
        assert_eq!(one.years(), 1);
        let plain = parse_value(ValueKind::YearRange, "2020-24");
        assert_eq!(
            plain.map(|d| d.to_string()).as_deref(),
            Some("2020/21 to 2023/24")
        );
    }

    // --- durations ----------------------------------------------------------

    #[test]
    fn durations() {
        let k = ValueKind::Duration;
        check(k, "five-year", duration(5.0, 5.0));
        check(k, "five year", duration(5.0, 5.0));
        check(k, "Five-Year", duration(5.0, 5.0));
        check(k, "5-year", duration(5.0, 5.0));
        check(k, "three years", duration(3.0, 3.0));
        check(k, "3 years", duration(3.0, 3.0));
        check(k, "one year", duration(1.0, 1.0));
        check(k, "1.5 years", duration(1.5, 1.5));
        check(k, "three to five years", duration(3.0, 5.0));
        check(k, "3-5 years", duration(3.0, 5.0));
        check(k, "3 \u{2013} 5 years", duration(3.0, 5.0));
        check(k, "3 to 5 year", duration(3.0, 5.0));
        check(k, "two-year", duration(2.0, 2.0));
        check(k, "twelve months", duration(1.0, 1.0));
        check(k, "18 months", duration(1.5, 1.5));
        check(k, "six-month", duration(0.5, 0.5));
        check(k, "twenty years", duration(20.0, 20.0));
        check(k, "fifteen year", duration(15.0, 15.0));
        check_malformed(k, "five to three years", "runs backwards");
    }

    #[test]
    fn not_durations() {
        for text in [
            "year end",
            "the year",
            "financial year",
            "a year",
            "five-yearly",
            "sixty years",
            "someone years",
            "2 weeks",
        ] {
            check_none_of(ValueKind::Duration, text);
        }
        assert_eq!(parse_value(ValueKind::Duration, "the year"), None);
    }

    #[test]
    fn duration_display() {
        let show = |min, max| {
            Duration {
                min_years: min,
                max_years: max,
            }
            .to_string()
        };
        assert_eq!(show(3.0, 3.0), "3 years");
        assert_eq!(show(1.0, 1.0), "1 year");
        assert_eq!(show(3.0, 5.0), "3 to 5 years");
        assert_eq!(show(1.5, 1.5), "1.5 years");
        assert_eq!(show(0.5, 1.0), "0.5 to 1 year");
    }

    // --- money --------------------------------------------------------------

    #[test]
    fn money_amounts() {
        let k = ValueKind::Money;
        check(k, "£14.2m", money(14_200_000.0));
        check(k, "£14.2 million", money(14_200_000.0));
        check(k, "£14.2M", money(14_200_000.0));
        check(k, "£14.2mn", money(14_200_000.0));
        check(k, "£1,500,000", money(1_500_000.0));
        check(k, "£2bn", money(2e9));
        check(k, "£2 bn", money(2e9));
        check(k, "£2.5 billion", money(2.5e9));
        check(k, "£500k", money(500_000.0));
        check(k, "£10 thousand", money(10_000.0));
        check(k, "£0.8m", money(800_000.0));
        check(k, "£750", money(750.0));
        check(k, "£12.50", money(12.5));
        check(k, "£ 1,500", money(1500.0));
        check(k, "£1,500.25", money(1500.25));
        check_malformed(k, "£1,50,000", "misplaced thousands separator");
        check_malformed(k, "£15,00", "misplaced thousands separator");
    }

    #[test]
    fn not_money() {
        for text in ["£XX", "£XXm", "£ alone", "£", "1,500 pounds", "£m"] {
            check_none_of(ValueKind::Money, text);
        }
        assert_eq!(parse_value(ValueKind::Money, "£XX"), None);
        // The trailing comma of a list is not part of the amount.
        assert_eq!(
            extracted("£1,500, £2,000"),
            vec![
                ("£1,500", ValueKind::Money, "£1,500".to_owned()),
                ("£2,000", ValueKind::Money, "£2,000".to_owned()),
            ]
        );
    }

    #[test]
    fn money_display() {
        let show = |pounds| Money { pounds }.to_string();
        assert_eq!(show(14_200_000.0), "£14.2m");
        assert_eq!(show(2e9), "£2bn");
        assert_eq!(show(2.5e9), "£2.5bn");
        assert_eq!(show(1_500_000.0), "£1.5m");
        assert_eq!(show(1_000_000.0), "£1m");
        assert_eq!(show(1_234_567.0), "£1.23m");
        assert_eq!(show(1_500.0), "£1,500");
        assert_eq!(show(750_000.0), "£750,000");
        assert_eq!(show(12.5), "£12.50");
        assert_eq!(show(0.0), "£0");
        assert_eq!(show(999_999.999), "£1m");
        assert_eq!(show(999_999_999.0), "£1bn");
        assert_eq!(show(-1_500.0), "-£1,500");
    }

    // --- percentages --------------------------------------------------------

    #[test]
    fn percentages() {
        let k = ValueKind::Percent;
        check(k, "5%", ValueData::Percent(5.0));
        check(k, "5.5%", ValueData::Percent(5.5));
        check(k, "5 per cent", ValueData::Percent(5.0));
        check(k, "5 Per Cent", ValueData::Percent(5.0));
        check(k, "5 percent", ValueData::Percent(5.0));
        check(k, "12.5 %", ValueData::Percent(12.5));
        check(k, "100%", ValueData::Percent(100.0));
        check(k, "1,250%", ValueData::Percent(1250.0));
        assert_eq!(ValueData::Percent(5.0).to_string(), "5%");
        assert_eq!(ValueData::Percent(5.5).to_string(), "5.5%");
        for text in ["5 per", "5 percentage points", "per cent", "x5%"] {
            check_none_of(k, text);
        }
    }

    // --- frequencies --------------------------------------------------------

    #[test]
    fn frequencies() {
        let k = ValueKind::Frequency;
        for (text, per_year) in [
            ("daily", 365.0),
            ("weekly", 52.0),
            ("fortnightly", 26.0),
            ("monthly", 12.0),
            ("Monthly", 12.0),
            ("bi-monthly", 6.0),
            ("bimonthly", 6.0),
            ("every two months", 6.0),
            ("quarterly", 4.0),
            ("termly", 3.0),
            ("twice a year", 2.0),
            ("twice yearly", 2.0),
            ("twice-yearly", 2.0),
            ("biannually", 2.0),
            ("semi-annually", 2.0),
            ("half-yearly", 2.0),
            ("half yearly", 2.0),
            ("six-monthly", 2.0),
            ("six monthly", 2.0),
            ("every six months", 2.0),
            ("annually", 1.0),
            ("yearly", 1.0),
            ("once a year", 1.0),
            ("once per annum", 1.0),
            ("each year", 1.0),
            ("every year", 1.0),
            ("every six weeks", 52.0 / 6.0),
            ("every two weeks", 26.0),
            ("every 2 weeks", 26.0),
            ("every month", 12.0),
            ("each month", 12.0),
            ("every quarter", 4.0),
            ("every other month", 6.0),
            ("4 times a year", 4.0),
            ("four times a year", 4.0),
            ("10 times per year", 10.0),
            ("twice a month", 24.0),
            ("once a week", 52.0),
            ("every 3 months", 4.0),
            ("every two years", 0.5),
        ] {
            check(k, text, freq(per_year));
        }
        check_malformed(k, "every 0 weeks", "not a frequency");
        check_malformed(k, "0 times a year", "not a frequency");
    }

    #[test]
    fn not_frequencies() {
        for text in [
            "semimonthly",
            "monthlyish",
            "annual report",
            "per year",
            "a year",
            "every",
            "the Annual Governance Statement",
        ] {
            check_none_of(ValueKind::Frequency, text);
        }
    }

    #[test]
    fn frequency_names_and_display() {
        let f = |per_year| Frequency { per_year };
        assert_eq!(f(12.0).name(), Some("monthly"));
        assert_eq!(f(365.0).name(), Some("daily"));
        assert_eq!(f(2.0).name(), Some("twice a year"));
        assert_eq!(f(1.0).name(), Some("annually"));
        assert_eq!(f(5.0).name(), None);
        assert_eq!(f(4.0).to_string(), "quarterly");
        assert_eq!(f(52.0 / 6.0).to_string(), "8.67 times a year");
        assert_eq!(f(10.0).to_string(), "10 times a year");
    }

    // --- citations ----------------------------------------------------------

    #[test]
    fn citations() {
        let k = ValueKind::Citation;
        for (title, year) in [
            ("Local Government Act", "1972"),
            ("Local Government and Housing Act", "1989"),
            ("Accounts and Audit Regulations", "2015"),
            ("Accounts and Audit (England) Regulations", "2011"),
            ("Accounts and Audit (Amendment) Regulations", "2024"),
            ("Localism Act", "2011"),
            ("Children Act", "2004"),
            ("Local Government Finance Act", "1988"),
            ("Freedom of Information Act", "2000"),
            ("Local Government (Access to Information) Act", "1985"),
            ("Anti-social Behaviour Order", "2003"),
            ("Local Government (Wales) Measure", "2011"),
            ("Access to Justice Act", "1999"),
            (
                "Local Government and Public Involvement in Health Act",
                "2007",
            ),
            (
                "Accounts and Audit (Coronavirus) (Amendment) Regulations",
                "2020",
            ),
            ("Theft Act", "1968"),
            ("Local Government Act", "19972"),
            ("Children Act", "204"),
        ] {
            check(k, &format!("{title} {year}"), citation(title, year));
        }
        // Titles are normalised to single spaces.
        check(
            k,
            "Local  Government\nAct 1972",
            citation("Local Government Act", "1972"),
        );
    }

    #[test]
    fn citation_titles_exclude_leading_words() {
        assert_eq!(
            extracted("under the Localism Act 2011"),
            vec![(
                "Localism Act 2011",
                ValueKind::Citation,
                "Localism Act 2011".to_owned()
            )]
        );
        assert_eq!(
            extracted("The Accounts and Audit Regulations 2015 apply."),
            vec![(
                "Accounts and Audit Regulations 2015",
                ValueKind::Citation,
                "Accounts and Audit Regulations 2015".to_owned()
            )]
        );
        assert_eq!(
            extracted("Introduction\nThe Local Government Act 1972"),
            vec![(
                "Local Government Act 1972",
                ValueKind::Citation,
                "Local Government Act 1972".to_owned()
            )]
        );
        assert_eq!(
            extracted("section 151 of the Local Government Act 1972"),
            vec![(
                "Local Government Act 1972",
                ValueKind::Citation,
                "Local Government Act 1972".to_owned()
            )]
        );
    }

    #[test]
    fn not_citations() {
        for text in [
            "the act 1972",
            "Act 1972",
            "Local Government Actual 1972",
            "Local Government Act",
            "Local Government Act\n\n1972",
            "Local Government Act 1972a",
        ] {
            check_none_of(ValueKind::Citation, text);
        }
        assert_eq!(
            parse_value(ValueKind::Citation, "the Localism Act 2011"),
            None
        );
    }

    #[test]
    fn citation_display() {
        let c = Citation {
            title: "Local Government Act".to_owned(),
            year_text: "1972".to_owned(),
            year: Some(1972),
        };
        assert_eq!(c.to_string(), "Local Government Act 1972");
        assert_eq!(
            ValueData::Citation(c).to_string(),
            "Local Government Act 1972"
        );
    }

    // --- extraction ---------------------------------------------------------

    #[test]
    fn longest_candidate_wins() {
        assert_eq!(
            extracted("The MTFS covers 2024/25 to 2027/28."),
            vec![(
                "2024/25 to 2027/28",
                ValueKind::YearRange,
                "2024/25 to 2027/28".to_owned()
            )]
        );
        assert_eq!(
            extracted("as at 31 March 2024."),
            vec![("31 March 2024", ValueKind::Date, "31 March 2024".to_owned())]
        );
        assert_eq!(
            extracted("the Local Government Act 1972"),
            vec![(
                "Local Government Act 1972",
                ValueKind::Citation,
                "Local Government Act 1972".to_owned()
            )]
        );
        assert_eq!(
            extracted("a surplus of £2024"),
            vec![("£2024", ValueKind::Money, "£2,024".to_owned())]
        );
        assert_eq!(
            extracted("reviewed every six months"),
            vec![(
                "every six months",
                ValueKind::Frequency,
                "twice a year".to_owned()
            )]
        );
        assert_eq!(
            extracted("on 2024-03-31"),
            vec![("2024-03-31", ValueKind::Date, "31 March 2024".to_owned())]
        );
        // A later, longer candidate beats an earlier one it overlaps.
        assert_eq!(
            extracted("March 2024-25 to 2027-28"),
            vec![(
                "2024-25 to 2027-28",
                ValueKind::YearRange,
                "2024/25 to 2027/28".to_owned()
            )]
        );
    }

    #[test]
    fn extraction_over_a_paragraph() {
        let text = "The Council’s Annual Governance Statement for 2023/24 was approved \
            on Monday 12th December 2022 under the Accounts and Audit Regulations 2015. \
            The Medium Term Financial Strategy (MTFS) covers 2024/25 to 2027/28, a \
            four-year period, with savings of £14.2m (5.5%) reviewed quarterly and a \
            reserve of £1,500,000. Internal audit reports twice a year; the last \
            review was in Sept 2024 and the next is due by 31/03/2025.";
        let got = extracted(text);
        let want: Vec<(&str, ValueKind, &str)> = vec![
            ("2023/24", ValueKind::FinancialYear, "2023/24"),
            (
                "Monday 12th December 2022",
                ValueKind::Date,
                "12 December 2022",
            ),
            (
                "Accounts and Audit Regulations 2015",
                ValueKind::Citation,
                "Accounts and Audit Regulations 2015",
            ),
            (
                "2024/25 to 2027/28",
                ValueKind::YearRange,
                "2024/25 to 2027/28",
            ),
            ("four-year", ValueKind::Duration, "4 years"),
            ("£14.2m", ValueKind::Money, "£14.2m"),
            ("5.5%", ValueKind::Percent, "5.5%"),
            ("quarterly", ValueKind::Frequency, "quarterly"),
            ("£1,500,000", ValueKind::Money, "£1.5m"),
            ("twice a year", ValueKind::Frequency, "twice a year"),
            ("Sept 2024", ValueKind::Date, "September 2024"),
            ("31/03/2025", ValueKind::Date, "31 March 2025"),
        ];
        let got: Vec<(&str, ValueKind, &str)> =
            got.iter().map(|(t, k, d)| (*t, *k, d.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn extraction_is_sorted_and_non_overlapping() {
        let text = "From 2020-24 and 2023/24 to 2024/25, £5m (5 per cent) on 1 April 2023, \
            then monthly; Children Act 2004 2024 2025 31.03.2024 every 2 weeks";
        let values = extract_values(text);
        assert_eq!(values.len(), 11, "{values:?}");
        for pair in values.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
        }
        for v in &values {
            let kind = v.data.kind();
            assert_eq!(
                parse_value(kind, &text[v.range.clone()]),
                Some(v.data.clone())
            );
        }
    }

    #[test]
    fn extraction_handles_odd_input() {
        assert!(extract_values("").is_empty());
        assert!(extract_values("no values here at all").is_empty());
        let odd = "£ £, ££5 2023/ /24 ſix years K 5%% 31 31st March ❤ 2024🙂 é2024é \u{0}";
        let values = extract_values(odd);
        for v in &values {
            assert!(odd.is_char_boundary(v.range.start) && odd.is_char_boundary(v.range.end));
        }
        assert_eq!(
            extracted("x£5 y"),
            vec![("£5", ValueKind::Money, "£5".to_owned())]
        );
        let huge = format!(
            "£{} and {}% and {} times a year",
            "9".repeat(400),
            "9".repeat(400),
            "1"
        );
        let values = extract_values(&huge);
        assert_eq!(values.len(), 3, "{values:?}");
        assert!(matches!(
            &values[0].data,
            ValueData::Malformed {
                kind: ValueKind::Money,
                ..
            }
        ));
        assert!(matches!(
            &values[1].data,
            ValueData::Malformed {
                kind: ValueKind::Percent,
                ..
            }
        ));
    }

    /// Random jumbles of value fragments: extraction must keep its
    /// invariants, and agree with `parse_value` on every value it finds.
    #[test]
    fn extraction_invariants_on_random_text() {
        const PIECES: [&str; 44] = [
            "2023",
            "/",
            "24",
            " ",
            " ",
            "-",
            "\u{2013}",
            "£",
            "5",
            "%",
            "March",
            "31",
            "Act",
            "Local",
            "Government",
            "to",
            "from",
            "every",
            "six",
            "weeks",
            "years",
            "monthly",
            ".",
            ",",
            "\n",
            "The",
            "é",
            "ſ",
            "\u{212a}",
            "per cent",
            "between",
            "and",
            "m",
            "bn",
            "(",
            ")",
            "England",
            "1999",
            "00",
            "0",
            "Monday",
            "12th",
            "twice",
            "a",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let mut found = 0;
        for _ in 0..3000 {
            let len = next() % 24;
            let mut text = String::new();
            for _ in 0..len {
                text.push_str(PIECES[next() % PIECES.len()]);
                if next() % 2 == 0 {
                    text.push(' ');
                }
            }
            let values = extract_values(&text);
            found += values.len();
            for pair in values.windows(2) {
                assert!(
                    pair[0].range.end <= pair[1].range.start,
                    "{text:?}: {pair:?}"
                );
            }
            for v in &values {
                let slice = &text[v.range.clone()];
                assert!(!slice.is_empty(), "{text:?}");
                let kind = v.data.kind();
                assert_eq!(
                    parse_value(kind, slice),
                    Some(v.data.clone()),
                    "{text:?}: {slice:?}"
                );
                // Display never panics either.
                let _ = v.data.to_string();
            }
        }
        assert!(found > 1000, "only {found} values found");
    }

    /// Long runs that a value could start anywhere inside must not make
    /// extraction quadratic (each case would take minutes if it were).
    #[test]
    fn extraction_is_linear_on_pathological_runs() {
        let words = format!("{}Act 2000", "Word ".repeat(100_000));
        let values = extract_values(&words);
        assert_eq!(values.len(), 1);
        assert_eq!(values[0].range.end, words.len());

        let groups = format!("1{}%", ",000".repeat(100_000));
        let values = extract_values(&groups);
        assert_eq!(values.len(), 1, "{:?}", values.first());

        let dates = "31 March 2024 ".repeat(20_000);
        assert_eq!(extract_values(&dates).len(), 20_000);
    }

    #[test]
    fn parse_value_never_panics() {
        let samples = [
            "",
            " ",
            "£",
            "%",
            "2023/",
            "/24",
            "ſix years",
            "K",
            "é",
            "🙂",
            "\u{0}",
            "31 February 2024",
            "99/99/9999",
            "0000-00-00",
            "Tue 31 Feb 2024",
            "every 0.0 weeks",
            "0.000 times a year",
            "£1,,5",
            "2099/00",
            "1900-1901",
        ];
        for kind in ValueKind::ALL {
            for text in samples {
                let _ = parse_value(kind, text);
            }
            let long = "9".repeat(100_000);
            let _ = parse_value(kind, &long);
        }
        // Trimmed input parses like the bare text.
        assert_eq!(parse_value(ValueKind::Money, "  £5m\n"), Some(money(5e6)));
    }

    #[test]
    fn malformed_values_display_their_reason() {
        let data = parse_value(ValueKind::FinancialYear, "2022/25");
        assert_eq!(
            data.map(|d| d.to_string()).as_deref(),
            Some("2022/25 is not a single financial year")
        );
    }
}
