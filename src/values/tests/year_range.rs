//! Ranges of financial years.

use super::*;

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
