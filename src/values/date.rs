//! Dates: "31 March 2024", "Monday 12th December 2022", "March 2024",
//! "31/03/2024", "2024-03-31", "2024".

use super::fragments::{fold, gap, leading, wb};
use super::{ParseValueError, ValueData, ValueKind, malformed};
use chrono::{Datelike, NaiveDate, Weekday};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

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

pub(super) const PATTERN: &str = concat!(
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

/// Whether a date can start with `c`: a figure, or the first letter of a
/// month or weekday.
pub(super) fn may_start_with(c: char) -> bool {
    c.is_ascii_digit() || "adfjmnostw".contains(c.to_ascii_lowercase())
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

/// The figures (ordinal suffixes dropped) and words ("of" dropped) of a
/// date, each in order: "Monday 12th of December 2022" gives 12, 2022 and
/// monday, december.
fn figures_and_words(text: &str) -> (Vec<&str>, Vec<Cow<'_, str>>) {
    let mut figures = Vec::new();
    let mut words = Vec::new();
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
    (figures, words)
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
    let (figures, words) = figures_and_words(text);
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
pub(super) fn date_in(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
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

/// A day given as an option (`--date`, `date = "…"` in a rule example,
/// `date("…")` in an expression): `YYYY-MM-DD`, read by chrono's `%Y-%m-%d`
/// (so "2024-9-30" passes too). Surrounding whitespace is ignored.
impl FromStr for Date {
    type Err = ParseValueError;

    fn from_str(text: &str) -> Result<Date, ParseValueError> {
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(start) => Ok(Date {
                start,
                precision: DatePrecision::Day,
            }),
            Err(_) => Err(ParseValueError::new(ValueKind::Date, text)),
        }
    }
}
