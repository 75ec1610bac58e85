//! Durations.

use super::*;

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
