//! The evaluator: walks the typed tree against an [`Env`]. Three-valued:
//! `None` is "unknown" (see the module docs). It does not allocate.

use super::scope::Env;
use super::syntax::{BinOp, Func};
use super::typed::Node;
use super::types::{Field, Val};
use crate::values::{Date, DatePrecision, FinancialYear};
use chrono::{Datelike, NaiveDate, TimeDelta};
use std::borrow::Cow;
use std::cmp::Ordering;

/// Evaluates `node` against `env`; `None` means unknown.
pub(super) fn eval<'a>(node: &'a Node, env: &'a dyn Env) -> Option<Val<'a>> {
    match node {
        Node::Const(val) => Some(val.borrowed()),
        Node::Name(name) => env.get(name),
        Node::Field(base, field) => follow(eval(base, env), *field),
        Node::Index { table, key } => match eval(key, env)? {
            Val::Malformed(_) => None,
            key => env.index(table, &key),
        },
        Node::Call { func, args } => eval_call(*func, args, env),
        Node::Neg(operand) => match eval(operand, env)? {
            Val::Number(x) => Some(Val::Number(-x)),
            Val::Money(x) => Some(Val::Money(-x)),
            Val::Percent(x) => Some(Val::Percent(-x)),
            _ => None,
        },
        Node::Not(operand) => Some(Val::Bool(!eval(operand, env)?.as_bool()?)),
        Node::Binary { op, lhs, rhs } => eval_binary(*op, lhs, rhs, env),
        Node::In {
            item,
            words,
            negated,
        } => match eval(item, env)? {
            Val::Text(text) => Some(Val::Bool(words.iter().any(|w| *w == *text) != *negated)),
            _ => None,
        },
    }
}

fn eval_binary<'a>(op: BinOp, lhs: &'a Node, rhs: &'a Node, env: &'a dyn Env) -> Option<Val<'a>> {
    match op {
        BinOp::And | BinOp::Or => {
            // Kleene logic: the deciding value wins even if the other
            // side is unknown.
            let decisive = op == BinOp::Or;
            let left = eval(lhs, env).and_then(|v| v.as_bool());
            if left == Some(decisive) {
                return Some(Val::Bool(decisive));
            }
            let right = eval(rhs, env).and_then(|v| v.as_bool());
            if right == Some(decisive) {
                return Some(Val::Bool(decisive));
            }
            left?;
            right?;
            Some(Val::Bool(!decisive))
        }
        BinOp::Eq => Some(Val::Bool(equal(&eval(lhs, env)?, &eval(rhs, env)?)?)),
        BinOp::Ne => Some(Val::Bool(!equal(&eval(lhs, env)?, &eval(rhs, env)?)?)),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ord = order(&eval(lhs, env)?, &eval(rhs, env)?)?;
            Some(Val::Bool(match op {
                BinOp::Lt => ord.is_lt(),
                BinOp::Le => ord.is_le(),
                BinOp::Gt => ord.is_gt(),
                _ => ord.is_ge(),
            }))
        }
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
            arith(op, eval(lhs, env)?, eval(rhs, env)?)
        }
    }
}

fn eval_call<'a>(func: Func, args: &'a [Node], env: &'a dyn Env) -> Option<Val<'a>> {
    match (func, args) {
        (Func::Exists, [x]) => Some(Val::Bool(eval(x, env).is_some())),
        (Func::Default, [x, y]) => eval(x, env).or_else(|| eval(y, env)),
        (Func::Min | Func::Max, [x, y]) => {
            let (a, b) = (eval(x, env)?, eval(y, env)?);
            let ord = order(&a, &b)?;
            let take_a = if func == Func::Min {
                ord.is_le()
            } else {
                ord.is_ge()
            };
            Some(if take_a { a } else { b })
        }
        (Func::Contains, [list, item]) => match (eval(list, env)?, eval(item, env)?) {
            (Val::Text(list), Val::Text(item)) => Some(Val::Bool(
                list.split(|c: char| c.is_whitespace() || c == ',')
                    .any(|word| word == item.as_ref()),
            )),
            _ => None,
        },
        (Func::Abs, [x]) => match eval(x, env)? {
            Val::Number(n) => Some(Val::Number(n.abs())),
            Val::Money(n) => Some(Val::Money(n.abs())),
            Val::Percent(n) => Some(Val::Percent(n.abs())),
            _ => None,
        },
        _ => None,
    }
}

/// Years that computed dates and financial years may have. The bound keeps
/// `NaiveDate` arithmetic (and the value types' own) far from its limits.
fn sane_year(year: i32) -> bool {
    (1..=9998).contains(&year)
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// A whole number small enough to add to a date or year.
fn whole(n: f64) -> Option<i32> {
    (n.fract() == 0.0 && n.abs() <= 10_000_000.0).then_some(n as i32)
}

fn approx_eq(x: f64, y: f64) -> bool {
    x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs())
}

fn cmp_f64(x: f64, y: f64) -> Option<Ordering> {
    if approx_eq(x, y) {
        Some(Ordering::Equal)
    } else {
        x.partial_cmp(&y)
    }
}

/// Orders two values of the same orderable type; `None` otherwise.
fn order(a: &Val<'_>, b: &Val<'_>) -> Option<Ordering> {
    match (a, b) {
        (Val::Number(x), Val::Number(y))
        | (Val::Money(x), Val::Money(y))
        | (Val::Percent(x), Val::Percent(y)) => cmp_f64(*x, *y),
        (Val::Date(x), Val::Date(y)) => Some(x.start.cmp(&y.start)),
        (Val::Fy(x), Val::Fy(y)) => Some(x.start_year.cmp(&y.start_year)),
        (Val::Duration(x), Val::Duration(y)) => {
            Some(cmp_f64(x.min_years, y.min_years)?.then(cmp_f64(x.max_years, y.max_years)?))
        }
        (Val::Frequency(x), Val::Frequency(y)) => cmp_f64(x.per_year, y.per_year),
        _ => None,
    }
}

fn equal(a: &Val<'_>, b: &Val<'_>) -> Option<bool> {
    match (a, b) {
        (Val::Range(x), Val::Range(y)) => Some(x == y),
        (Val::Citation(x), Val::Citation(y)) => Some(x == y),
        (Val::Text(x), Val::Text(y)) => Some(x == y),
        (Val::Bool(x), Val::Bool(y)) => Some(x == y),
        _ => order(a, b).map(|o| o == Ordering::Equal),
    }
}

fn day(start: NaiveDate) -> Option<Val<'static>> {
    sane_year(start.year()).then_some(Val::Date(Date {
        start,
        precision: DatePrecision::Day,
    }))
}

fn fy(start_year: i32) -> Option<Val<'static>> {
    sane_year(start_year).then_some(Val::Fy(FinancialYear { start_year }))
}

fn get_field<'a>(val: Val<'a>, field: Field) -> Option<Val<'a>> {
    use Val as V;
    Some(match (field, val) {
        (Field::Valid, V::Malformed(_)) => V::Bool(false),
        (Field::Valid, _) => V::Bool(true),
        (Field::DateYear, V::Date(d)) => V::Number(f64::from(d.start.year())),
        (Field::DateEnd, V::Date(d)) if sane_year(d.start.year()) => return day(d.end()),
        (Field::FyStart, V::Fy(y)) if sane_year(y.start_year) => return day(y.start()),
        (Field::FyEnd, V::Fy(y)) if sane_year(y.start_year) => return day(y.end()),
        (Field::FyYear, V::Fy(y)) => V::Number(f64::from(y.start_year)),
        (Field::FyNext, V::Fy(y)) => return fy(y.start_year.checked_add(1)?),
        (Field::FyPrev, V::Fy(y)) => return fy(y.start_year.checked_sub(1)?),
        (Field::RangeFrom, V::Range(r)) => V::Fy(r.from),
        (Field::RangeTo, V::Range(r)) => V::Fy(r.to),
        (Field::RangeYears, V::Range(r))
            if sane_year(r.from.start_year) && sane_year(r.to.start_year) =>
        {
            V::Number(f64::from(r.years()))
        }
        (Field::DurationYears, V::Duration(d)) => V::Number(d.min_years),
        (Field::DurationMaxYears, V::Duration(d)) => V::Number(d.max_years),
        (Field::Pounds, V::Money(p)) => V::Number(p),
        (Field::PercentValue, V::Percent(p)) => V::Number(p),
        (Field::PercentFraction, V::Percent(p)) => V::Number(p / 100.0),
        (Field::PerYear, V::Frequency(q)) => V::Number(q.per_year),
        (Field::Title, V::Citation(c)) => V::Text(Cow::Borrowed(&c.title)),
        (Field::CitationYear, V::Citation(c)) => V::Number(f64::from(c.year?)),
        (Field::YearText, V::Citation(c)) => V::Text(Cow::Borrowed(&c.year_text)),
        _ => return None,
    })
}

/// Reads `field` of a value that may be missing: a missing value is not
/// valid (`.valid` is never unknown); any other field of a missing or
/// malformed value is unknown.
fn follow(val: Option<Val<'_>>, field: Field) -> Option<Val<'_>> {
    match val {
        None if field == Field::Valid => Some(Val::Bool(false)),
        Some(Val::Malformed(_)) if field != Field::Valid => None,
        Some(v) => get_field(v, field),
        None => None,
    }
}

fn arith<'a>(op: BinOp, a: Val<'a>, b: Val<'a>) -> Option<Val<'a>> {
    use BinOp::{Add, Div, Mul, Sub};
    use Val as V;
    let num = |x: f64, y: f64| -> Option<f64> {
        finite(match op {
            Add => x + y,
            Sub => x - y,
            Mul => x * y,
            _ if y == 0.0 => return None,
            _ => x / y,
        })
    };
    let sign = if op == Sub { -1 } else { 1 };
    Some(match (op, a, b) {
        (Add | Sub | Mul | Div, V::Number(x), V::Number(y)) => V::Number(num(x, y)?),
        (Add | Sub, V::Money(x), V::Money(y)) => V::Money(num(x, y)?),
        (Div, V::Money(x), V::Money(y)) => V::Number(num(x, y)?),
        (Mul | Div, V::Money(x), V::Number(y)) | (Mul, V::Number(y), V::Money(x)) => {
            V::Money(num(x, y)?)
        }
        (Mul, V::Money(x), V::Percent(p)) | (Mul, V::Percent(p), V::Money(x)) => {
            V::Money(finite(x * p / 100.0)?)
        }
        (Add | Sub, V::Percent(x), V::Percent(y)) => V::Percent(num(x, y)?),
        (Sub, V::Date(x), V::Date(y)) => V::Number((x.start - y.start).num_days() as f64),
        (Add | Sub, V::Date(d), V::Number(n)) => {
            let delta = TimeDelta::try_days(i64::from(whole(n)? * sign))?;
            return day(d.start.checked_add_signed(delta)?);
        }
        (Add | Sub, V::Fy(y), V::Number(n)) => {
            return fy(y.start_year.checked_add(whole(n)? * sign)?);
        }
        _ => return None,
    })
}
