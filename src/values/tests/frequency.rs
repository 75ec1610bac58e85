//! Frequencies.

use super::*;

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
