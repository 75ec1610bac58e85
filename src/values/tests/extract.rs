//! Finding values in text: overlaps, order, odd and pathological input.

use super::*;

#[test]
fn longest_candidate_wins() {
    assert_eq!(
        extracted("The MTFS covers 2024/25 to 2027/28."),
        vec![(
            "2024/25 to 2027/28",
            ValueKind::YearRange,
            "2024/25 to 2027/28".to_owned()
        )]
    );
    assert_eq!(
        extracted("as at 31 March 2024."),
        vec![("31 March 2024", ValueKind::Date, "31 March 2024".to_owned())]
    );
    assert_eq!(
        extracted("the Local Government Act 1972"),
        vec![(
            "Local Government Act 1972",
            ValueKind::Citation,
            "Local Government Act 1972".to_owned()
        )]
    );
    assert_eq!(
        extracted("a surplus of £2024"),
        vec![("£2024", ValueKind::Money, "£2,024".to_owned())]
    );
    assert_eq!(
        extracted("reviewed every six months"),
        vec![(
            "every six months",
            ValueKind::Frequency,
            "twice a year".to_owned()
        )]
    );
    assert_eq!(
        extracted("on 2024-03-31"),
        vec![("2024-03-31", ValueKind::Date, "31 March 2024".to_owned())]
    );
    // A later, longer candidate beats an earlier one it overlaps.
    assert_eq!(
        extracted("March 2024-25 to 2027-28"),
        vec![(
            "2024-25 to 2027-28",
            ValueKind::YearRange,
            "2024/25 to 2027/28".to_owned()
        )]
    );
}

#[test]
fn extraction_over_a_paragraph() {
    let text = "The Council’s Annual Governance Statement for 2023/24 was approved \
        on Monday 12th December 2022 under the Accounts and Audit Regulations 2015. \
        The Medium Term Financial Strategy (MTFS) covers 2024/25 to 2027/28, a \
        four-year period, with savings of £14.2m (5.5%) reviewed quarterly and a \
        reserve of £1,500,000. Internal audit reports twice a year; the last \
        review was in Sept 2024 and the next is due by 31/03/2025.";
    let got = extracted(text);
    let want: Vec<(&str, ValueKind, &str)> = vec![
        ("2023/24", ValueKind::FinancialYear, "2023/24"),
        (
            "Monday 12th December 2022",
            ValueKind::Date,
            "12 December 2022",
        ),
        (
            "Accounts and Audit Regulations 2015",
            ValueKind::Citation,
            "Accounts and Audit Regulations 2015",
        ),
        (
            "2024/25 to 2027/28",
            ValueKind::YearRange,
            "2024/25 to 2027/28",
        ),
        ("four-year", ValueKind::Duration, "4 years"),
        ("£14.2m", ValueKind::Money, "£14.2m"),
        ("5.5%", ValueKind::Percent, "5.5%"),
        ("quarterly", ValueKind::Frequency, "quarterly"),
        ("£1,500,000", ValueKind::Money, "£1.5m"),
        ("twice a year", ValueKind::Frequency, "twice a year"),
        ("Sept 2024", ValueKind::Date, "September 2024"),
        ("31/03/2025", ValueKind::Date, "31 March 2025"),
    ];
    let got: Vec<(&str, ValueKind, &str)> =
        got.iter().map(|(t, k, d)| (*t, *k, d.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn extraction_is_sorted_and_non_overlapping() {
    let text = "From 2020-24 and 2023/24 to 2024/25, £5m (5 per cent) on 1 April 2023, \
        then monthly; Children Act 2004 2024 2025 31.03.2024 every 2 weeks";
    let values = extract_values(text);
    assert_eq!(values.len(), 11, "{values:?}");
    for pair in values.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start, "{pair:?}");
    }
    for v in &values {
        let kind = v.data.kind();
        assert_eq!(
            parse_value(kind, &text[v.range.clone()]),
            Some(v.data.clone())
        );
    }
}

#[test]
fn extraction_handles_odd_input() {
    assert!(extract_values("").is_empty());
    assert!(extract_values("no values here at all").is_empty());
    let odd = "£ £, ££5 2023/ /24 ſix years K 5%% 31 31st March ❤ 2024🙂 é2024é \u{0}";
    let values = extract_values(odd);
    for v in &values {
        assert!(odd.is_char_boundary(v.range.start) && odd.is_char_boundary(v.range.end));
    }
    assert_eq!(
        extracted("x£5 y"),
        vec![("£5", ValueKind::Money, "£5".to_owned())]
    );
    let huge = format!(
        "£{} and {}% and {} times a year",
        "9".repeat(400),
        "9".repeat(400),
        "1"
    );
    let values = extract_values(&huge);
    assert_eq!(values.len(), 3, "{values:?}");
    assert!(matches!(
        &values[0].data,
        ValueData::Malformed {
            kind: ValueKind::Money,
            ..
        }
    ));
    assert!(matches!(
        &values[1].data,
        ValueData::Malformed {
            kind: ValueKind::Percent,
            ..
        }
    ));
}

/// Random jumbles of value fragments: extraction must keep its
/// invariants, and agree with `parse_value` on every value it finds.
#[test]
fn extraction_invariants_on_random_text() {
    const PIECES: [&str; 44] = [
        "2023",
        "/",
        "24",
        " ",
        " ",
        "-",
        "\u{2013}",
        "£",
        "5",
        "%",
        "March",
        "31",
        "Act",
        "Local",
        "Government",
        "to",
        "from",
        "every",
        "six",
        "weeks",
        "years",
        "monthly",
        ".",
        ",",
        "\n",
        "The",
        "é",
        "ſ",
        "\u{212a}",
        "per cent",
        "between",
        "and",
        "m",
        "bn",
        "(",
        ")",
        "England",
        "1999",
        "00",
        "0",
        "Monday",
        "12th",
        "twice",
        "a",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut found = 0;
    for _ in 0..3000 {
        let len = next() % 24;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[next() % PIECES.len()]);
            if next() % 2 == 0 {
                text.push(' ');
            }
        }
        let values = extract_values(&text);
        found += values.len();
        for pair in values.windows(2) {
            assert!(
                pair[0].range.end <= pair[1].range.start,
                "{text:?}: {pair:?}"
            );
        }
        for v in &values {
            let slice = &text[v.range.clone()];
            assert!(!slice.is_empty(), "{text:?}");
            let kind = v.data.kind();
            assert_eq!(
                parse_value(kind, slice),
                Some(v.data.clone()),
                "{text:?}: {slice:?}"
            );
            // Display never panics either.
            let _ = v.data.to_string();
        }
    }
    assert!(found > 1000, "only {found} values found");
}

/// Long runs that a value could start anywhere inside must not make
/// extraction quadratic (each case would take minutes if it were).
#[test]
fn extraction_is_linear_on_pathological_runs() {
    let words = format!("{}Act 2000", "Word ".repeat(100_000));
    let values = extract_values(&words);
    assert_eq!(values.len(), 1);
    assert_eq!(values[0].range.end, words.len());

    let groups = format!("1{}%", ",000".repeat(100_000));
    let values = extract_values(&groups);
    assert_eq!(values.len(), 1, "{:?}", values.first());

    let dates = "31 March 2024 ".repeat(20_000);
    assert_eq!(extract_values(&dates).len(), 20_000);
}

#[test]
fn parse_value_never_panics() {
    let samples = [
        "",
        " ",
        "£",
        "%",
        "2023/",
        "/24",
        "ſix years",
        "K",
        "é",
        "🙂",
        "\u{0}",
        "31 February 2024",
        "99/99/9999",
        "0000-00-00",
        "Tue 31 Feb 2024",
        "every 0.0 weeks",
        "0.000 times a year",
        "£1,,5",
        "2099/00",
        "1900-1901",
    ];
    for kind in ValueKind::ALL {
        for text in samples {
            let _ = parse_value(kind, text);
        }
        let long = "9".repeat(100_000);
        let _ = parse_value(kind, &long);
    }
    // Trimmed input parses like the bare text.
    assert_eq!(parse_value(ValueKind::Money, "  £5m\n"), Some(money(5e6)));
}

#[test]
fn malformed_values_display_their_reason() {
    let data = parse_value(ValueKind::FinancialYear, "2022/25");
    assert_eq!(
        data.map(|d| d.to_string()).as_deref(),
        Some("2022/25 is not a single financial year")
    );
}
