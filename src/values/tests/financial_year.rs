//! Financial years.

use super::*;

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

#[test]
fn financial_years_from_str() {
    for text in [
        "2023/24",
        "2023-24",
        "2023/2024",
        " 2023/24 ",
        "2023\u{2013}24",
    ] {
        assert_eq!(text.parse::<FinancialYear>(), Ok(fy(2023)), "{text:?}");
    }
    for text in ["2022/25", "202/23", "2020-24", "2024", "FY 2023/24", ""] {
        let err = text.parse::<FinancialYear>().expect_err(text);
        assert_eq!(err.kind(), ValueKind::FinancialYear);
        assert_eq!(err.text(), text);
    }
    assert_eq!(
        "2023/25"
            .parse::<FinancialYear>()
            .map_err(|e| e.to_string()),
        Err("`2023/25` is not a financial year; write it like 2023/24".to_owned())
    );
}
