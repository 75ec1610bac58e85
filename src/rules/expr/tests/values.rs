//! Runtime values, "did you mean", robustness and `contains`.

use super::*;
use crate::rules::expr::error::{closest, edit_distance};

// ----- values ---------------------------------------------------------

#[test]
fn display_of_values() {
    let citation = Citation {
        title: "Local Government Act".into(),
        year_text: "1972".into(),
        year: Some(1972),
    };
    let cases: Vec<(Val<'_>, &str)> = vec![
        (Val::Number(3.0), "3"),
        (Val::Number(-7.0), "-7"),
        (Val::Number(0.5), "0.5"),
        (Val::Number(1.10), "1.1"),
        (Val::Number(1.256), "1.26"),
        (Val::Number(-2.5), "-2.5"),
        (Val::Number(-0.001), "0"),
        (Val::Number(1e20), "100000000000000000000"),
        (Val::Percent(5.0), "5%"),
        (Val::Percent(2.5), "2.5%"),
        (Val::Bool(true), "yes"),
        (Val::Bool(false), "no"),
        (Val::Text(Cow::Borrowed("hello")), "hello"),
        (Val::Malformed(ValueKind::FinancialYear), "invalid fy"),
        (Val::Date(day_of(2024, 3, 31)), "31 March 2024"),
        (Val::Fy(fy_of(2023)), "2023/24"),
        (
            Val::Range(YearRange {
                from: fy_of(2024),
                to: fy_of(2027),
            }),
            "2024/25 to 2027/28",
        ),
        (Val::Money(14.2e6), "£14.2m"),
        (Val::Frequency(Frequency { per_year: 12.0 }), "monthly"),
        (
            Val::Duration(Duration {
                min_years: 3.0,
                max_years: 3.0,
            }),
            "3 years",
        ),
        (Val::Citation(&citation), "Local Government Act 1972"),
    ];
    for (val, shown) in &cases {
        assert_eq!(val.to_string(), *shown, "{val:?}");
    }
}

#[test]
fn values_from_data() {
    let citation = ValueData::Citation(Citation {
        title: "Localism Act".into(),
        year_text: "2011".into(),
        year: Some(2011),
    });
    let cases = [
        (ValueData::Date(day_of(2024, 1, 2)), Type::Date),
        (ValueData::FinancialYear(fy_of(2020)), Type::FinancialYear),
        (
            ValueData::YearRange(YearRange {
                from: fy_of(2020),
                to: fy_of(2021),
            }),
            Type::YearRange,
        ),
        (
            ValueData::Duration(Duration {
                min_years: 1.0,
                max_years: 2.0,
            }),
            Type::Duration,
        ),
        (ValueData::Money(Money { pounds: 1.0 }), Type::Money),
        (ValueData::Percent(1.0), Type::Percent),
        (
            ValueData::Frequency(Frequency { per_year: 4.0 }),
            Type::Frequency,
        ),
        (citation.clone(), Type::Citation),
        (
            ValueData::Malformed {
                kind: ValueKind::Money,
                reason: "x".into(),
            },
            Type::Money,
        ),
    ];
    for (data, expected) in &cases {
        assert_eq!(Val::from_data(data).ty(), *expected);
    }
    assert_eq!(
        Val::from_data(&ValueData::Money(Money { pounds: 5.0 })),
        Val::Money(5.0)
    );
    assert!(matches!(Val::from_data(&citation), Val::Citation(c) if c.title == "Localism Act"));
    assert_eq!(Val::Number(1.0).ty(), Type::Number);
    assert_eq!(Val::Text(Cow::Borrowed("x")).ty(), Type::Text);
    assert_eq!(Val::Bool(true).as_bool(), Some(true));
    assert_eq!(Val::Number(1.0).as_bool(), None);
}

#[test]
fn edit_distance_and_closest() {
    assert_eq!(edit_distance("year", "year"), 0);
    assert_eq!(edit_distance("yaer", "year"), 1);
    assert_eq!(edit_distance("horizn", "horizon"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("kitten", "sitting"), 3);
    assert_eq!(closest("perod", ["period", "year"]), Some("period"));
    assert_eq!(closest("xyz", ["period", "year"]), None);
    assert_eq!(closest("year", ["year"]), None);
}

// ----- robustness -----------------------------------------------------

/// Random token soup must never panic, and every error span must slice
/// the source on character boundaries.
#[test]
fn arbitrary_input_never_panics() {
    const PIECES: [&str; 52] = [
        "period",
        "year",
        "signed",
        "audited_by",
        "horizon",
        "params",
        ".",
        "min_years",
        "years",
        "next",
        "valid",
        "(",
        ")",
        "[",
        "]",
        ",",
        "+",
        "-",
        "*",
        "/",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "and",
        "or",
        "not",
        "true",
        "false",
        "0",
        "1.5",
        "\"",
        "\\",
        "\"2023/24\"",
        "fy",
        "date",
        "exists",
        "default",
        "min",
        "abs",
        " ",
        "é",
        "£",
        "=",
        "count",
        "u",
        "in",
        "@words",
        "name",
        "\"The\"",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let env = env();
    let scope = scope();
    let mut parsed = 0;
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let mut src = String::new();
        for _ in 0..len {
            src.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            if next() % 2 == 0 {
                src.push(' ');
            }
        }
        match parse(&src) {
            Err(e) => assert!(src.get(e.span.clone()).is_some(), "{src:?} {e:?}"),
            Ok(syntax) => {
                parsed += 1;
                match syntax.check(&scope) {
                    Ok(expr) => {
                        let _ = expr.eval(&env).map(|v| v.to_string());
                    }
                    Err(e) => assert!(src.get(e.span.clone()).is_some(), "{src:?} {e:?}"),
                }
            }
        }
    }
    assert!(parsed > 1000, "only {parsed} inputs parsed");
}

#[test]
fn contains_matches_whole_words_of_a_list() {
    let scope = [
        ("list", Type::Text),
        ("item", Type::Text),
        ("n", Type::Number),
    ];
    let e = parse("contains(list, item)")
        .and_then(|parsed| parsed.check(&scope))
        .expect("checks");
    assert_eq!(e.ty(), &Type::Bool);
    let bad = parse("contains(list, n)").expect("parses");
    let err = bad.check(&scope).expect_err("type error");
    assert_eq!(err.message, "`contains` needs two texts, found number");
    struct Words(&'static str, &'static str);
    impl Env for Words {
        fn get(&self, name: &str) -> Option<Val<'_>> {
            match name {
                "list" => Some(Val::Text(self.0.into())),
                "item" => Some(Val::Text(self.1.into())),
                _ => None,
            }
        }
        fn index(&self, _: &str, _: &Val<'_>) -> Option<Val<'_>> {
            None
        }
    }
    assert_eq!(
        e.eval(&Words("1972, 1999 2000", "1999")),
        Some(Val::Bool(true))
    );
    assert_eq!(e.eval(&Words("1972 1999", "199")), Some(Val::Bool(false)));
    assert_eq!(e.eval(&Words("", "1999")), Some(Val::Bool(false)));
}
