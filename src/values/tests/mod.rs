//! Tests of the values module, one file per kind as in the module itself,
//! sharing the assertions below.

use super::extract::{ANCHORED, COMBINED};
use super::*;
use chrono::NaiveDate;
use regex::Regex;

mod citation;
mod date;
mod duration;
mod extract;
mod financial_year;
mod frequency;
mod money;
mod patterns;
mod percent;
mod year_range;

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
