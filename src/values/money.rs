//! Amounts of money: "£14.2m", "£1,500,000", "£2.5 billion".

use super::fragments::{fold, hs, leading, parse_number, trim_number, wb};
use super::{ValueData, ValueKind, malformed};
use std::fmt;

/// An amount of money in pounds: "£14.2m" is 14_200_000.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Money {
    pub pounds: f64,
}

pub(super) const PATTERN: &str = concat!(
    r"(?-ixU:£",
    hs!(),
    r"?[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?",
    "(?:(?i-u:bn|mn|m|k)|",
    hs!(),
    "?(?i-u:billion|million|thousand|bn|mn))?",
    wb!(),
    ")"
);

pub(super) fn may_start_with(c: char) -> bool {
    c == '£'
}

/// Parses text that matched `PATTERN` exactly.
pub(super) fn parse(text: &str) -> Option<ValueData> {
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
