//! Statute citations.

use super::*;

#[test]
fn citations() {
    let k = ValueKind::Citation;
    for (title, year) in [
        ("Local Government Act", "1972"),
        ("Local Government and Housing Act", "1989"),
        ("Accounts and Audit Regulations", "2015"),
        ("Accounts and Audit (England) Regulations", "2011"),
        ("Accounts and Audit (Amendment) Regulations", "2024"),
        ("Localism Act", "2011"),
        ("Children Act", "2004"),
        ("Local Government Finance Act", "1988"),
        ("Freedom of Information Act", "2000"),
        ("Local Government (Access to Information) Act", "1985"),
        ("Anti-social Behaviour Order", "2003"),
        ("Local Government (Wales) Measure", "2011"),
        ("Access to Justice Act", "1999"),
        (
            "Local Government and Public Involvement in Health Act",
            "2007",
        ),
        (
            "Accounts and Audit (Coronavirus) (Amendment) Regulations",
            "2020",
        ),
        ("Theft Act", "1968"),
        ("Local Government Act", "19972"),
        ("Children Act", "204"),
    ] {
        check(k, &format!("{title} {year}"), citation(title, year));
    }
    // Titles are normalised to single spaces.
    check(
        k,
        "Local  Government\nAct 1972",
        citation("Local Government Act", "1972"),
    );
}

#[test]
fn citation_titles_exclude_leading_words() {
    assert_eq!(
        extracted("under the Localism Act 2011"),
        vec![(
            "Localism Act 2011",
            ValueKind::Citation,
            "Localism Act 2011".to_owned()
        )]
    );
    assert_eq!(
        extracted("The Accounts and Audit Regulations 2015 apply."),
        vec![(
            "Accounts and Audit Regulations 2015",
            ValueKind::Citation,
            "Accounts and Audit Regulations 2015".to_owned()
        )]
    );
    assert_eq!(
        extracted("Introduction\nThe Local Government Act 1972"),
        vec![(
            "Local Government Act 1972",
            ValueKind::Citation,
            "Local Government Act 1972".to_owned()
        )]
    );
    assert_eq!(
        extracted("section 151 of the Local Government Act 1972"),
        vec![(
            "Local Government Act 1972",
            ValueKind::Citation,
            "Local Government Act 1972".to_owned()
        )]
    );
}

#[test]
fn not_citations() {
    for text in [
        "the act 1972",
        "Act 1972",
        "Local Government Actual 1972",
        "Local Government Act",
        "Local Government Act\n\n1972",
        "Local Government Act 1972a",
    ] {
        check_none_of(ValueKind::Citation, text);
    }
    assert_eq!(
        parse_value(ValueKind::Citation, "the Localism Act 2011"),
        None
    );
}

#[test]
fn citation_display() {
    let c = Citation {
        title: "Local Government Act".to_owned(),
        year_text: "1972".to_owned(),
        year: Some(1972),
    };
    assert_eq!(c.to_string(), "Local Government Act 1972");
    assert_eq!(
        ValueData::Citation(c).to_string(),
        "Local Government Act 1972"
    );
}
