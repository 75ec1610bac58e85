//! Tests of the condition language, by stage. Every evaluation goes through
//! parse, check and eval, as rules do.

mod check;
mod eval;
mod membership;
mod parse;
mod values;

use super::*;
use crate::values::{
    Citation, Date, DatePrecision, Duration, FinancialYear, Frequency, Money, ValueData, ValueKind,
    YearRange,
};
use chrono::NaiveDate;
use std::borrow::Cow;

// ----- fixtures -------------------------------------------------------

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn day_of(y: i32, m: u32, d: u32) -> Date {
    Date {
        start: ymd(y, m, d),
        precision: DatePrecision::Day,
    }
}

fn fy_of(start_year: i32) -> FinancialYear {
    FinancialYear { start_year }
}

fn scope() -> Vec<(&'static str, Type)> {
    vec![
        ("horizon", Type::YearRange),
        ("period", Type::FinancialYear),
        ("year", Type::FinancialYear),
        ("missing_fy", Type::FinancialYear),
        ("signed", Type::Date),
        ("month", Type::Date),
        ("audited_by", Type::table(Type::FinancialYear, Type::Date)),
        ("balance", Type::Money),
        ("budget", Type::Money),
        ("meeting", Type::Frequency),
        ("term", Type::Duration),
        ("rate", Type::Percent),
        ("act", Type::Citation),
        ("act2", Type::Citation),
        ("count", Type::Number),
        ("missing_num", Type::Number),
        ("name", Type::Text),
        ("t", Type::Bool),
        ("f", Type::Bool),
        ("u", Type::Bool),
        ("params.min_years", Type::Number),
        ("params.floor", Type::Percent),
        ("params.min_frequency", Type::Frequency),
    ]
}

struct TestEnv {
    data: Vec<(&'static str, ValueData)>,
    plain: Vec<(&'static str, Val<'static>)>,
    tables: Vec<(&'static str, Vec<(Val<'static>, Val<'static>)>)>,
}

impl Env for TestEnv {
    fn get(&self, name: &str) -> Option<Val<'_>> {
        self.data
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| Val::from_data(d))
            .or_else(|| {
                self.plain
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone())
            })
    }

    fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>> {
        let (_, rows) = self.tables.iter().find(|(n, _)| *n == table)?;
        rows.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

/// `year` is malformed; `missing_fy`, `missing_num` and `u` have no value.
fn env() -> TestEnv {
    TestEnv {
        data: vec![
            ("period", ValueData::FinancialYear(fy_of(2023))),
            (
                "year",
                ValueData::Malformed {
                    kind: ValueKind::FinancialYear,
                    reason: "not consecutive".into(),
                },
            ),
            ("signed", ValueData::Date(day_of(2024, 6, 30))),
            (
                "month",
                ValueData::Date(Date {
                    start: ymd(2024, 3, 1),
                    precision: DatePrecision::Month,
                }),
            ),
            (
                "horizon",
                ValueData::YearRange(YearRange {
                    from: fy_of(2024),
                    to: fy_of(2027),
                }),
            ),
            ("balance", ValueData::Money(Money { pounds: 2e6 })),
            ("budget", ValueData::Money(Money { pounds: 10e6 })),
            (
                "meeting",
                ValueData::Frequency(Frequency { per_year: 12.0 }),
            ),
            (
                "term",
                ValueData::Duration(Duration {
                    min_years: 3.0,
                    max_years: 5.0,
                }),
            ),
            ("rate", ValueData::Percent(5.0)),
            (
                "act",
                ValueData::Citation(Citation {
                    title: "Local Government Act".into(),
                    year_text: "1972".into(),
                    year: Some(1972),
                }),
            ),
            (
                "act2",
                ValueData::Citation(Citation {
                    title: "Accounts and Audit Regulations".into(),
                    year_text: "19972".into(),
                    year: None,
                }),
            ),
            ("params.floor", ValueData::Percent(10.0)),
            (
                "params.min_frequency",
                ValueData::Frequency(Frequency { per_year: 4.0 }),
            ),
        ],
        plain: vec![
            ("count", Val::Number(7.0)),
            ("name", Val::Text(Cow::Borrowed("Audit Committee"))),
            ("t", Val::Bool(true)),
            ("f", Val::Bool(false)),
            ("params.min_years", Val::Number(3.0)),
        ],
        tables: vec![(
            "audited_by",
            vec![
                (Val::Fy(fy_of(2023)), Val::Date(day_of(2024, 7, 31))),
                (Val::Fy(fy_of(2022)), Val::Date(day_of(2023, 7, 15))),
            ],
        )],
    }
}

// ----- helpers --------------------------------------------------------

/// The syntax tree as an s-expression: paths as written, `#value` for
/// constants.
fn sx(node: &syntax::Node) -> String {
    use syntax::NodeKind as K;
    match &node.kind {
        K::Number(n) => format!("{n}"),
        K::Text(s) => format!("{s:?}"),
        K::Bool(b) => b.to_string(),
        K::Const(v) => format!("#{v}"),
        K::Path(p) => p.text.clone(),
        K::Field { base, name, .. } => format!("(. {} {name})", sx(base)),
        K::Index { base, key } => format!("([] {} {})", sx(base), sx(key)),
        K::Call { func, args } => {
            let args: Vec<String> = args.iter().map(sx).collect();
            format!("({} {})", func.name(), args.join(" "))
        }
        K::Neg(x) => format!("(neg {})", sx(x)),
        K::Not(x) => format!("(not {})", sx(x)),
        K::Binary { op, lhs, rhs } => format!("({} {} {})", op.symbol(), sx(lhs), sx(rhs)),
        K::In {
            item,
            list,
            negated,
        } => {
            let op = if *negated { "not-in" } else { "in" };
            let list = match list {
                syntax::WordList::Literal(words) => format!("{words:?}"),
                syntax::WordList::Named { name, .. } => format!("@{name}"),
            };
            format!("({op} {} {list})", sx(item))
        }
    }
}

/// The typed tree as an s-expression: `$name` for resolved names.
fn typed_sx(node: &typed::Node) -> String {
    use typed::Node as N;
    match node {
        N::Const(v) => format!("#{v}"),
        N::Name(name) => format!("${name}"),
        N::Field(base, field) => {
            let name = ValueKind::ALL
                .iter()
                .flat_map(|kind| types::fields_of(*kind))
                .find(|(_, f)| f == field)
                .map_or("?", |(name, _)| name);
            format!("(. {} {name})", typed_sx(base))
        }
        N::Index { table, key } => format!("([] ${table} {})", typed_sx(key)),
        N::Call { func, args } => {
            let args: Vec<String> = args.iter().map(typed_sx).collect();
            format!("({} {})", func.name(), args.join(" "))
        }
        N::Neg(x) => format!("(neg {})", typed_sx(x)),
        N::Not(x) => format!("(not {})", typed_sx(x)),
        N::Binary { op, lhs, rhs } => {
            format!("({} {} {})", op.symbol(), typed_sx(lhs), typed_sx(rhs))
        }
        N::In {
            item,
            words,
            negated,
        } => {
            let op = if *negated { "not-in" } else { "in" };
            format!("({op} {} {words:?})", typed_sx(item))
        }
    }
}

fn tree(src: &str) -> String {
    match parse(src) {
        Ok(parsed) => sx(&parsed.root),
        Err(e) => panic!("{src:?} did not parse: {e:?}"),
    }
}

/// Parses and checks `src` against the test scope.
fn checked(src: &str) -> Expr {
    let parsed = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    parsed
        .check(&scope())
        .unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
}

fn checked_tree(src: &str) -> String {
    typed_sx(&checked(src).root)
}

fn ty(src: &str) -> Type {
    checked(src).ty().clone()
}

/// The first error from parsing then checking `src` as a condition.
fn error(src: &str) -> ExprError {
    match parse(src).and_then(|e| e.check_condition(&scope())) {
        Ok(_) => panic!("{src:?} unexpectedly passed"),
        Err(e) => e,
    }
}

/// Asserts the error's message and that its span covers `spanned`.
fn assert_error(src: &str, spanned: &str, message: &str) -> ExprError {
    let e = error(src);
    assert_eq!(e.message, message, "message for {src:?}");
    assert_eq!(
        src.get(e.span.clone()),
        Some(spanned),
        "span {:?} for {src:?}",
        e.span
    );
    e
}

/// Evaluates `src` and shows the result as "type: value".
fn eval_in(src: &str, env: &TestEnv) -> Option<String> {
    checked(src).eval(env).map(|v| format!("{}: {v}", v.ty()))
}

fn value(src: &str) -> Option<String> {
    eval_in(src, &env())
}

fn truth(src: &str) -> Option<bool> {
    let parsed = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    let expr = parsed
        .check_condition(&scope())
        .unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    expr.eval_condition(&env())
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// The type of `parsed` checked in `scope`.
fn type_in<S: Scope + ?Sized>(parsed: &Parsed, scope: &S) -> Result<Type, ExprError> {
    parsed.check(scope).map(|expr| expr.ty().clone())
}
