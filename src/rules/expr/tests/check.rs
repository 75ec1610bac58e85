//! Checking: names, fields and type errors.

use super::*;

// ----- names and fields -----------------------------------------------

#[test]
fn dotted_names_resolve_to_longest_prefix() {
    assert_eq!(checked_tree("params.min_years"), "$params.min_years");
    assert_eq!(checked_tree("horizon.years"), "(. $horizon years)");
    assert_eq!(
        checked_tree("params.floor.fraction"),
        "(. $params.floor fraction)"
    );
    assert_eq!(
        checked_tree("period.next.end.year"),
        "(. (. (. $period next) end) year)"
    );

    let overlapping = [
        ("a", Type::FinancialYear),
        ("a.year", Type::Date),
        ("a.year.b", Type::Money),
    ];
    let check = |src: &str| {
        let expr = parse(src)
            .and_then(|parsed| parsed.check(&overlapping))
            .expect("checks");
        let names = expr.names().join(",");
        (expr.ty().clone(), typed_sx(&expr.root), names)
    };
    assert_eq!(
        check("a.year"),
        (Type::Date, "$a.year".into(), "a.year".into())
    );
    assert_eq!(
        check("a.year.year"),
        (Type::Number, "(. $a.year year)".into(), "a.year".into())
    );
    assert_eq!(
        check("a.year.b"),
        (Type::Money, "$a.year.b".into(), "a.year.b".into())
    );
    assert_eq!(
        check("a.start"),
        (Type::Date, "(. $a start)".into(), "a".into())
    );
}

#[test]
fn names_lists_resolved_names_once() {
    let expr = checked("signed <= audited_by[default(year, period)] and period == period.next");
    assert_eq!(expr.names(), ["signed", "audited_by", "year", "period"]);
    let expr = checked("horizon.years >= params.min_years");
    assert_eq!(expr.names(), ["horizon", "params.min_years"]);
    assert!(checked("1 < 2").names().is_empty());
}

#[test]
fn unknown_names() {
    let e = assert_error("horizn.years > 1", "horizn", "unknown name `horizn`");
    let help = e.help.unwrap_or_default();
    assert!(
        help.starts_with("did you mean `horizon`? names in scope: act, act2, audited_by,"),
        "{help}"
    );
    let e = assert_error(
        "params.min_yeras > 1",
        "params.min_yeras",
        "unknown name `params.min_yeras`",
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `params.min_years`?"))
    );
    let e = assert_error("zzz.q.r", "zzz", "unknown name `zzz`");
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.starts_with("names in scope: act,"))
    );
    assert_error(
        "t and params.nothing.deeper",
        "params.nothing",
        "unknown name `params.nothing`",
    );
    let expr = parse("x").expect("parses");
    let empty: [(&str, Type); 0] = [];
    let e = type_in(&expr, &empty).expect_err("no names");
    assert_eq!(e.help, None);
}

#[test]
fn field_types() {
    let cases = [
        ("signed.year", Type::Number),
        ("signed.end", Type::Date),
        ("signed.valid", Type::Bool),
        ("period.start", Type::Date),
        ("period.end", Type::Date),
        ("period.year", Type::Number),
        ("period.next", Type::FinancialYear),
        ("period.prev", Type::FinancialYear),
        ("horizon.from", Type::FinancialYear),
        ("horizon.to", Type::FinancialYear),
        ("horizon.years", Type::Number),
        ("term.years", Type::Number),
        ("term.max_years", Type::Number),
        ("balance.pounds", Type::Number),
        ("rate.value", Type::Number),
        ("rate.fraction", Type::Number),
        ("meeting.per_year", Type::Number),
        ("act.title", Type::Text),
        ("act.year", Type::Number),
        ("act.year_text", Type::Text),
        ("act.valid", Type::Bool),
        ("audited_by[period]", Type::Date),
        ("audited_by[period].end", Type::Date),
        (r#"fy("2023/24").next"#, Type::FinancialYear),
    ];
    for (src, expected) in cases {
        assert_eq!(ty(src), expected, "{src}");
    }
}

#[test]
fn unknown_fields() {
    let e = assert_error("period.yaer > 1", "yaer", "fy has no field `yaer`");
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `year`? fields of fy: start, end, year, next, prev, valid")
    );
    let e = assert_error(
        "balance.amount > 1",
        "amount",
        "money has no field `amount`",
    );
    assert_eq!(e.help.as_deref(), Some("fields of money: pounds, valid"));
    assert_error("count.x", "x", "number has no fields");
    assert_error("name.valid", "valid", "text has no fields");
    assert_error("t.valid", "valid", "bool has no fields");
    let e = assert_error("audited_by.end", "end", "table<fy, date> has no fields");
    assert_eq!(
        e.help.as_deref(),
        Some("index it first: audited_by[key].end")
    );
}

// ----- type errors ----------------------------------------------------

#[test]
fn well_typed_conditions() {
    for src in [
        "horizon.years >= params.min_years",
        "signed <= audited_by[default(year, period)]",
        "balance / budget >= params.floor.fraction",
        "meeting >= params.min_frequency",
        "not year.valid",
        "exists(audited_by[period]) or name == \"x\"",
        "min(balance, budget) < max(balance, budget)",
        "abs(rate) == rate and -count < 0",
        "act.year_text != \"1972\" and act != act2",
        "horizon == horizon and t != f",
        r#"term >= duration("three years")"#,
    ] {
        assert_eq!(ty(src), Type::Bool, "{src}");
    }
}

#[test]
fn arithmetic_types() {
    let cases = [
        ("count + 1", Type::Number),
        ("count / 2 * 3 - 1", Type::Number),
        ("balance + budget", Type::Money),
        ("balance - budget", Type::Money),
        ("balance / budget", Type::Number),
        ("balance * 2", Type::Money),
        ("balance / 2", Type::Money),
        ("2 * balance", Type::Money),
        ("balance * rate", Type::Money),
        ("rate * balance", Type::Money),
        ("rate + rate", Type::Percent),
        ("rate - params.floor", Type::Percent),
        ("signed - signed", Type::Number),
        ("signed + 30", Type::Date),
        ("signed - 30", Type::Date),
        ("period + 1", Type::FinancialYear),
        ("period - 1", Type::FinancialYear),
        ("-balance", Type::Money),
        ("-rate", Type::Percent),
        ("abs(count)", Type::Number),
        ("default(year, period)", Type::FinancialYear),
        ("exists(year)", Type::Bool),
    ];
    for (src, expected) in cases {
        assert_eq!(ty(src), expected, "{src}");
    }
}

#[test]
fn comparison_type_errors() {
    let e = assert_error(
        "signed <= period",
        "signed <= period",
        "cannot compare date with fy",
    );
    assert_eq!(
        e.help.as_deref(),
        Some(
            "use fy.end to compare a financial year's last day with a date (or fy.start for its first day)"
        )
    );
    let e = assert_error(
        "balance / budget >= params.floor",
        "balance / budget >= params.floor",
        "cannot compare number with percent",
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("`.fraction` (0.05)"))
    );
    let e = assert_error(
        r#"meeting >= "monthly""#,
        r#"meeting >= "monthly""#,
        "cannot compare frequency with text",
    );
    assert_eq!(
        e.help.as_deref(),
        Some(r#"write a frequency as frequency("monthly")"#)
    );
    let e = assert_error(
        "balance > 5",
        "balance > 5",
        "cannot compare money with number",
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.starts_with("use `.pounds`"))
    );
    let e = assert_error(
        "horizon == period",
        "horizon == period",
        "cannot compare fy_range with fy",
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("`.from` or `.to`"))
    );
    let e = assert_error(
        "act == 1972",
        "act == 1972",
        "cannot compare citation with number",
    );
    assert!(e.help.as_deref().is_some_and(|h| h.contains("`.year`")));
    let e = assert_error("t == 1", "t == 1", "cannot compare bool with number");
    assert_eq!(e.help, None);
    // Brackets are part of the span.
    assert_error(
        "(signed) < (period)",
        "(signed) < (period)",
        "cannot compare date with fy",
    );
}

#[test]
fn ordering_type_errors() {
    let e = assert_error(
        "horizon < horizon",
        "horizon < horizon",
        "cannot order fy_range values with `<`",
    );
    assert_eq!(
        e.help.as_deref(),
        Some(
            "`<`, `<=`, `>`, `>=`, min and max work on number, money, percent, date, fy, duration and frequency; compare its `.from`, `.to` or `.years`"
        )
    );
    assert_error(
        "act >= act",
        "act >= act",
        "cannot order citation values with `>=`",
    );
    assert_error(
        "name > name",
        "name > name",
        "cannot order text values with `>`",
    );
    assert_error("t <= f", "t <= f", "cannot order bool values with `<=`");
    assert_error(
        "min(horizon, horizon) == horizon",
        "min(horizon, horizon)",
        "`min` cannot order fy_range values",
    );
}

#[test]
fn arithmetic_type_errors() {
    let e = assert_error(
        "balance + 1 > balance",
        "balance + 1",
        "cannot add money and number",
    );
    assert!(
        e.help.as_deref().is_some_and(
            |h| h.starts_with("`+` works on number + number,") && h.contains("`.pounds`")
        )
    );
    assert_error(
        "balance - signed > balance",
        "balance - signed",
        "cannot subtract date from money",
    );
    assert_error(
        "balance * balance > balance",
        "balance * balance",
        "cannot multiply money by money",
    );
    assert_error(
        "count / balance > 1",
        "count / balance",
        "cannot divide number by money",
    );
    assert_error(
        "period + period == period",
        "period + period",
        "cannot add fy and fy",
    );
    assert_error(
        "1 + signed == signed",
        "1 + signed",
        "cannot add number and date",
    );
    assert_error(
        "name + name == name",
        "name + name",
        "cannot add text and text",
    );
    let e = assert_error("-signed < signed", "signed", "cannot negate date");
    assert_eq!(
        e.help.as_deref(),
        Some("`-` works on number, money and percent")
    );
    assert_error(
        "abs(signed) < signed",
        "signed",
        "`abs` needs a number, money or percent, found date",
    );
}

#[test]
fn logic_and_condition_type_errors() {
    assert_error(
        "t and count",
        "count",
        "`and` needs true or false on both sides, found number",
    );
    assert_error(
        "signed or t",
        "signed",
        "`or` needs true or false on both sides, found date",
    );
    assert_error(
        "not (count)",
        "(count)",
        "`not` needs true or false, found number",
    );
    let e = assert_error(
        "balance",
        "balance",
        "condition must be true or false, found money",
    );
    assert!(e.help.is_some());
    assert_error(
        "(count + 1)",
        "(count + 1)",
        "condition must be true or false, found number",
    );
    assert_error(
        r#""yes""#,
        r#""yes""#,
        "condition must be true or false, found text",
    );
    // `check` itself accepts any non-table type.
    assert_eq!(ty("balance"), Type::Money);
}

#[test]
fn table_and_function_type_errors() {
    let e = assert_error(
        "audited_by == signed",
        "audited_by",
        "`audited_by` is a table<fy, date> and must be indexed",
    );
    assert_eq!(e.help.as_deref(), Some("write audited_by[key]"));
    assert_error(
        "exists(audited_by)",
        "audited_by",
        "`audited_by` is a table<fy, date> and must be indexed",
    );
    let e = assert_error(
        "audited_by[signed] < signed",
        "signed",
        "`audited_by` is indexed by fy, found date",
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.starts_with("use fy.end"))
    );
    assert_error(
        "count[1] == 1",
        "count",
        "cannot index number: only tables can be indexed",
    );
    assert_error(
        "default(period, signed) == period",
        "signed",
        "`default` needs two values of the same type, found fy and date",
    );
    assert_error(
        "max(count, balance) > 1",
        "balance",
        "`max` needs two values of the same type, found number and money",
    );
}

#[test]
fn parse_condition_and_type_display() {
    assert!(parse_condition("count > 1", &scope()).is_ok());
    assert_eq!(
        parse_condition("count", &scope()).map(|_| ()),
        Err(ExprError {
            span: 0..5,
            message: "condition must be true or false, found number".into(),
            help: Some("compare it with something, e.g. `x >= params.minimum`".into()),
        })
    );
    let shown: Vec<String> = [
        Type::Number,
        Type::Money,
        Type::Percent,
        Type::Date,
        Type::FinancialYear,
        Type::YearRange,
        Type::Duration,
        Type::Frequency,
        Type::Citation,
        Type::Text,
        Type::Bool,
        Type::table(Type::FinancialYear, Type::Date),
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        shown,
        [
            "number",
            "money",
            "percent",
            "date",
            "fy",
            "fy_range",
            "duration",
            "frequency",
            "citation",
            "text",
            "bool",
            "table<fy, date>"
        ]
    );
    for kind in ValueKind::ALL {
        assert_eq!(Type::of_kind(kind).kind(), Some(kind));
        assert_eq!(Type::of_kind(kind).to_string(), kind.name());
    }
    assert_eq!(ExprError::new(0..1, "boom").to_string(), "boom");
}
