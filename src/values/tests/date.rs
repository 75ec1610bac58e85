//! Dates.

use super::*;

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

#[test]
fn dates_from_str_take_iso_days() {
    let day = |text: &str| text.parse::<Date>().map(|d| (d.start, d.precision));
    assert_eq!(
        day("2024-09-30"),
        Ok((ymd(2024, 9, 30), DatePrecision::Day))
    );
    assert_eq!(
        day(" 2024-09-30\n"),
        Ok((ymd(2024, 9, 30), DatePrecision::Day))
    );
    // chrono's `%Y-%m-%d` takes single-digit months and days.
    assert_eq!(day("2024-9-3"), Ok((ymd(2024, 9, 3), DatePrecision::Day)));
    for text in [
        "30 September 2024",
        "2024-02-30",
        "2024-09",
        "30/09/2024",
        "",
    ] {
        let err = text.parse::<Date>().expect_err(text);
        assert_eq!(err.kind(), ValueKind::Date);
        assert_eq!(err.text(), text);
    }
    assert_eq!(
        "2024/09/30".parse::<Date>().map_err(|e| e.to_string()),
        Err("`2024/09/30` is not a date; write it like 2024-09-30".to_owned())
    );
}
