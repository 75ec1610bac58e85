//! Money.

use super::*;

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
