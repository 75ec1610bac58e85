//! Evaluation, three-valued.

use super::*;
use std::collections::{BTreeMap, HashMap};

// ----- evaluation -----------------------------------------------------

#[test]
fn spec_examples_evaluate() {
    assert_eq!(truth("horizon.years >= params.min_years"), Some(true));
    assert_eq!(value("horizon.years"), some("number: 4"));
    // `year` is malformed, so the key is unknown.
    assert_eq!(truth("signed <= audited_by[default(year, period)]"), None);
    assert_eq!(
        truth("signed <= audited_by[default(missing_fy, period)]"),
        Some(true)
    );
    assert_eq!(
        truth("balance / budget >= params.floor.fraction"),
        Some(true)
    );
    assert_eq!(truth("meeting >= params.min_frequency"), Some(true));
    assert_eq!(truth("not year.valid"), Some(true));
    assert_eq!(truth("not period.valid"), Some(false));
}

#[test]
fn kleene_and_or_not() {
    let show = |b: Option<bool>| match b {
        Some(true) => 'T',
        Some(false) => 'F',
        None => '?',
    };
    let table = |op: &str| -> String {
        let mut out = String::new();
        for a in ["t", "f", "u"] {
            for b in ["t", "f", "u"] {
                out.push(show(truth(&format!("{a} {op} {b}"))));
            }
            out.push(' ');
        }
        out
    };
    // Rows: left = true, false, unknown; columns: right = same.
    assert_eq!(table("and"), "TF? FFF ?F? ");
    assert_eq!(table("or"), "TTT TF? T?? ");
    assert_eq!(truth("not t"), Some(false));
    assert_eq!(truth("not f"), Some(true));
    assert_eq!(truth("not u"), None);
    // Unknown operands of comparisons make them unknown.
    assert_eq!(truth("missing_num > 1 or t"), Some(true));
    assert_eq!(truth("missing_num > 1 and t"), None);
    assert_eq!(truth("missing_fy == period"), None);
    assert_eq!(truth("missing_fy != period"), None);
}

#[test]
fn exists_valid_and_default_are_never_unknown() {
    assert_eq!(truth("exists(period)"), Some(true));
    assert_eq!(truth("exists(missing_fy)"), Some(false));
    assert_eq!(truth("exists(year)"), Some(true)); // malformed but present
    assert_eq!(truth("exists(missing_fy.start)"), Some(false));
    assert_eq!(truth("exists(year.start)"), Some(false));
    assert_eq!(truth("exists(act2.year)"), Some(false));
    assert_eq!(truth("exists(audited_by[period.next])"), Some(false));
    assert_eq!(truth("period.valid"), Some(true));
    assert_eq!(truth("year.valid"), Some(false));
    assert_eq!(truth("missing_fy.valid"), Some(false));
    assert_eq!(truth("year.next.valid"), Some(false));
    assert_eq!(truth("audited_by[period].valid"), Some(true));
    assert_eq!(truth("audited_by[fy(\"2000/01\")].valid"), Some(false));
    assert_eq!(value("default(missing_fy, period)"), some("fy: 2023/24"));
    assert_eq!(value("default(period, missing_fy)"), some("fy: 2023/24"));
    assert_eq!(value("default(missing_num, missing_num)"), None);
    assert_eq!(value("default(year, period)"), some("fy: invalid fy"));
}

#[test]
fn malformed_values_are_unknown_except_valid() {
    assert_eq!(value("year.start"), None);
    assert_eq!(value("year.year"), None);
    assert_eq!(truth("year == period"), None);
    assert_eq!(value("year + 1"), None);
    assert_eq!(value("audited_by[year]"), None);
}

#[test]
fn date_evaluation() {
    assert_eq!(value("signed"), some("date: 30 June 2024"));
    assert_eq!(value("signed.year"), some("number: 2024"));
    assert_eq!(value("signed + 1"), some("date: 1 July 2024"));
    assert_eq!(value("signed - 30"), some("date: 31 May 2024"));
    assert_eq!(
        value(r#"signed - date("31 March 2024")"#),
        some("number: 91")
    );
    assert_eq!(value(r#"date("2024-03-31") - signed"#), some("number: -91"));
    assert_eq!(value("signed + 0.5"), None);
    assert_eq!(value("signed + 100000000"), None);
    // Dates compare by their first day.
    assert_eq!(truth(r#"month == date("1 March 2024")"#), Some(true));
    assert_eq!(truth(r#"month < date("31 March 2024")"#), Some(true));
    assert_eq!(truth(r#"month.end == date("31 March 2024")"#), Some(true));
    assert_eq!(truth(r#"signed >= date("2024-06-30")"#), Some(true));
    assert_eq!(truth(r#"signed > date("2024-06-30")"#), Some(false));
}

#[test]
fn financial_year_evaluation() {
    assert_eq!(value("period"), some("fy: 2023/24"));
    assert_eq!(value("period + 1"), some("fy: 2024/25"));
    assert_eq!(value("period - 2"), some("fy: 2021/22"));
    assert_eq!(value("period + 1.5"), None);
    assert_eq!(value("period + 100000"), None);
    assert_eq!(value("period.next"), some("fy: 2024/25"));
    assert_eq!(value("period.prev.year"), some("number: 2022"));
    assert_eq!(value("period.start"), some("date: 1 April 2023"));
    assert_eq!(value("period.end"), some("date: 31 March 2024"));
    assert_eq!(truth(r#"period.next == fy("2024/25")"#), Some(true));
    assert_eq!(truth("period < period.next"), Some(true));
    assert_eq!(truth("signed > period.end"), Some(true));
    assert_eq!(value("horizon.from"), some("fy: 2024/25"));
    assert_eq!(value("horizon.to"), some("fy: 2027/28"));
    assert_eq!(value("horizon"), some("fy_range: 2024/25 to 2027/28"));
    assert_eq!(
        truth(r#"horizon == fy_range("2024/25 to 2027/28")"#),
        Some(true)
    );
}

#[test]
fn money_and_percent_evaluation() {
    assert_eq!(value("balance / budget"), some("number: 0.2"));
    assert_eq!(truth("(balance - budget).pounds == -8000000"), Some(true));
    assert_eq!(
        truth(r#"abs(balance - budget) == money("£8m")"#),
        Some(true)
    );
    assert_eq!(truth("(budget * rate).pounds == 500000"), Some(true));
    assert_eq!(truth("(rate * budget).pounds == 500000"), Some(true));
    assert_eq!(truth("(balance * 3).pounds == 6000000"), Some(true));
    assert_eq!(truth("(3 * balance / 2).pounds == 3000000"), Some(true));
    assert_eq!(truth(r#"money("£14.2m").pounds == 14200000"#), Some(true));
    assert_eq!(value("balance / (budget - budget)"), None);
    assert_eq!(value("balance / 0"), None);
    assert_eq!(value("rate.value"), some("number: 5"));
    assert_eq!(value("rate.fraction"), some("number: 0.05"));
    assert_eq!(value("rate + params.floor"), some("percent: 15%"));
    assert_eq!(value("-rate"), some("percent: -5%"));
    assert_eq!(truth(r#"rate + rate == percent("10%")"#), Some(true));
    assert_eq!(truth("rate < params.floor"), Some(true));
    assert_eq!(value("min(balance, budget) == balance"), some("bool: yes"));
    assert_eq!(value("max(balance, budget) == budget"), some("bool: yes"));
}

#[test]
fn number_evaluation() {
    assert_eq!(value("count + 1 * 2"), some("number: 9"));
    assert_eq!(value("(count + 1) * 2"), some("number: 16"));
    assert_eq!(value("count / 2"), some("number: 3.5"));
    assert_eq!(value("count / 0"), None);
    assert_eq!(value("-count"), some("number: -7"));
    assert_eq!(value("abs(-count)"), some("number: 7"));
    assert_eq!(value("min(count, 3)"), some("number: 3"));
    assert_eq!(value("max(count, missing_num)"), None);
    assert_eq!(value("count + missing_num"), None);
    assert_eq!(truth("0.1 + 0.2 == 0.3"), Some(true));
    assert_eq!(truth("1 < 1.000001"), Some(true));
}

#[test]
fn frequency_duration_citation_text_evaluation() {
    assert_eq!(value("meeting.per_year"), some("number: 12"));
    assert_eq!(truth(r#"meeting == frequency("monthly")"#), Some(true));
    assert_eq!(truth("meeting < params.min_frequency"), Some(false));
    assert_eq!(value("term.years"), some("number: 3"));
    assert_eq!(value("term.max_years"), some("number: 5"));
    assert_eq!(truth(r#"term >= duration("three years")"#), Some(true));
    // Same lower bound, wider upper bound: orders after.
    assert_eq!(truth(r#"term > duration("three years")"#), Some(true));
    assert_eq!(truth(r#"term == duration("three years")"#), Some(false));
    assert_eq!(value("act.title"), some("text: Local Government Act"));
    assert_eq!(value("act.year"), some("number: 1972"));
    assert_eq!(value("act2.year"), None);
    assert_eq!(truth(r#"act2.year_text == "19972""#), Some(true));
    assert_eq!(truth("act2.valid"), Some(true));
    assert_eq!(truth("act == act"), Some(true));
    assert_eq!(truth("act != act2"), Some(true));
    assert_eq!(truth(r#"name == "Audit Committee""#), Some(true));
    assert_eq!(truth(r#"name != "audit committee""#), Some(true));
    assert_eq!(truth("t == (not f)"), Some(true));
}

#[test]
fn table_evaluation() {
    assert_eq!(value("audited_by[period]"), some("date: 31 July 2024"));
    assert_eq!(value("audited_by[period.prev]"), some("date: 15 July 2023"));
    assert_eq!(value(r#"audited_by[fy("2020/21")]"#), None);
    assert_eq!(value("audited_by[missing_fy]"), None);
    assert_eq!(truth("audited_by[period.prev] < signed"), Some(true));
    assert_eq!(value("audited_by[period].year"), some("number: 2024"));
}

#[test]
fn valid_of_names_with_and_without_brackets() {
    assert_eq!(truth("horizon.years >= params.min_years"), Some(true));
    assert_eq!(truth("year.valid"), Some(false));
    assert_eq!(truth("missing_fy.valid or (missing_fy).valid"), Some(false));
    assert_eq!(truth("period.valid and (period).valid"), Some(true));
}

#[test]
fn closures_and_maps_are_scopes() {
    let lookup = |name: &str| match name {
        "period" => Some(Type::FinancialYear),
        "params.min_years" => Some(Type::Number),
        _ => None,
    };
    let parsed = parse("period.year >= params.min_years").expect("parses");
    assert_eq!(type_in(&parsed, &lookup), Ok(Type::Bool));
    assert!(check_condition(&parsed, &lookup).is_ok());
    let as_dyn: &dyn Fn(&str) -> Option<Type> = &lookup;
    let expr = parsed.check(as_dyn).expect("checks");
    assert_eq!(expr.ty(), &Type::Bool);
    assert_eq!(expr.names(), ["period", "params.min_years"]);
    // A closure cannot list its names, so there is no help.
    let e = parse("perod.year > 1")
        .expect("parses")
        .check_condition(as_dyn)
        .expect_err("unknown");
    assert_eq!((e.message.as_str(), e.help), ("unknown name `perod`", None));

    let hash: HashMap<String, Type> = [("count".to_string(), Type::Number)].into();
    let btree: BTreeMap<&str, Type> = [("count", Type::Number)].into();
    let vec = vec![("count".to_string(), Type::Number)];
    let parsed = parse("count > 1").expect("parses");
    assert_eq!(type_in(&parsed, &hash), Ok(Type::Bool));
    assert_eq!(type_in(&parsed, &btree), Ok(Type::Bool));
    assert_eq!(type_in(&parsed, &vec), Ok(Type::Bool));
    let e = parse("cuont > 1")
        .expect("parses")
        .check(&hash)
        .expect_err("typo");
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `count`? names in scope: count")
    );
    assert!(parse_condition("count > 1", &btree).is_ok());
}

#[test]
fn each_check_resolves_in_its_own_scope() {
    let fy_scope = [("a", Type::FinancialYear)];
    let date_scope = [("a.year", Type::Date)];
    let parsed = parse("a.year").expect("parses");
    let as_fy = parsed.check(&fy_scope).expect("checks");
    let as_date = parsed.check(&date_scope).expect("checks");
    assert_eq!((as_fy.ty(), as_fy.names()), (&Type::Number, vec!["a"]));
    assert_eq!(
        (as_date.ty(), as_date.names()),
        (&Type::Date, vec!["a.year"])
    );
    let env = TestEnv {
        data: vec![
            ("a", ValueData::FinancialYear(fy_of(2023))),
            ("a.year", ValueData::Date(day_of(2020, 1, 2))),
        ],
        plain: vec![],
        tables: vec![],
    };
    assert_eq!(as_fy.eval(&env), Some(Val::Number(2023.0)));
    assert_eq!(as_date.eval(&env), Some(Val::Date(day_of(2020, 1, 2))));
}

#[test]
fn checked_expressions_are_shareable() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<Expr>();
}

#[test]
fn eval_condition_of_non_bool_is_none() {
    let env = env();
    let expr = checked("count");
    assert_eq!(expr.eval_condition(&env), None);
    assert_eq!(expr.eval(&env), Some(Val::Number(7.0)));
}
