//! Percentages.

use super::*;

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
