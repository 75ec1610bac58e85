//! The patterns: valid alone and embedded in rule regexes, whatever the
//! rule's flags.

use super::*;

#[test]
fn every_pattern_compiles_alone_and_embedded() {
    for kind in ValueKind::ALL {
        let p = kind.pattern();
        let alone = Regex::new(p).expect("pattern compiles");
        assert_eq!(
            alone.captures_len(),
            1,
            "{} has a capturing group",
            kind.name()
        );
        assert!(
            !p.contains('^') && !p.contains('$'),
            "{} is anchored",
            kind.name()
        );
        assert!(!p.contains("(?P<"), "{} has a named group", kind.name());
        for outer in [
            format!("x (?P<v>{p}) y"),
            format!("(?i)MTFS .* (?P<v>{p})"),
            format!("(?x) a \\s (?P<v>{p}) # comment\n"),
            format!("(?U)(?P<v>{p})|(?P<w>{p})"),
        ] {
            Regex::new(&outer).expect("embedded pattern compiles");
        }
    }
    // The internal regexes are built on first use; force them all.
    assert_eq!(WHOLE.len(), 8);
    assert_eq!(ANCHORED.len(), 8);
    assert!(COMBINED.is_match("2023/24"));
}

#[test]
fn embedded_patterns_ignore_outer_flags() {
    let fy_rule = Regex::new(&format!(
        r"(?i)MTFS covers (?P<h>{})",
        ValueKind::YearRange.pattern()
    ))
    .expect("compiles");
    let caps = fy_rule
        .captures("the mtfs covers 2024/25 to 2027/28.")
        .expect("matches");
    assert_eq!(
        caps.name("h").map(|m| m.as_str()),
        Some("2024/25 to 2027/28")
    );

    // (?i) outside must not make the citation title case-blind.
    let law = Regex::new(&format!(
        r"(?i)under the (?P<l>{})",
        ValueKind::Citation.pattern()
    ))
    .expect("compiles");
    let caps = law
        .captures("under the Localism Act 2011")
        .expect("matches");
    assert_eq!(
        caps.name("l").map(|m| m.as_str()),
        Some("Localism Act 2011")
    );
    assert!(!law.is_match("under the localism act 2011"));

    // (?x) outside must not strip the spaces inside a value.
    let verbose =
        Regex::new(&format!(r"(?x) by \s (?P<d>{})", ValueKind::Date.pattern())).expect("compiles");
    let caps = verbose.captures("by 31 March 2024").expect("matches");
    assert_eq!(caps.name("d").map(|m| m.as_str()), Some("31 March 2024"));

    // (?U) outside must not make "£14.2m" stop at "£14.2".
    let lazy =
        Regex::new(&format!(r"(?U)cost (?P<m>{})", ValueKind::Money.pattern())).expect("compiles");
    let caps = lazy.captures("cost £14.2m in total").expect("matches");
    assert_eq!(caps.name("m").map(|m| m.as_str()), Some("£14.2m"));
}

#[test]
fn patterns_respect_word_boundaries() {
    let fy = Regex::new(ValueKind::FinancialYear.pattern()).expect("compiles");
    assert!(!fy.is_match("12023/245"));
    assert!(!fy.is_match("a2023/24"));
    let freq = Regex::new(ValueKind::Frequency.pattern()).expect("compiles");
    assert!(!freq.is_match("semimonthly bimonthlyish monthlyx"));
    let date = Regex::new(ValueKind::Date.pattern()).expect("compiles");
    assert!(!date.is_match("12024 20245 ref2024"));
}

#[test]
fn kind_names_round_trip() {
    for kind in ValueKind::ALL {
        assert_eq!(ValueKind::from_name(kind.name()), Some(kind));
    }
    assert_eq!(ValueKind::from_name("dates"), None);
}
