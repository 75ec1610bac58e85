//! The condition language of govlint rules.
//!
//! A rule's `condition` is a small expression such as
//! `horizon.years >= params.min_years` or
//! `signed <= audited_by[default(year, period)]`. It is parsed and
//! type-checked once, when the rule is loaded, so a misspelt name or a
//! comparison of a date with a financial year is reported against the rule
//! file and never reaches a document. It is then evaluated once per
//! document (or per match) against the values found there.
//!
//! ```text
//! let expr = expr::parse("horizon.years >= params.min_years")?;   // syntax
//! expr.check_condition(&scope)?;            // names, fields, types: at load
//! match expr.eval_condition(&env) {         // per match
//!     Some(true) | Some(false) => ...,      // decided
//!     None => ...,                          // unknown: report nothing
//! }
//! ```
//!
//! A [`Scope`] gives the type of each name at load time (closures
//! `Fn(&str) -> Option<Type>` and maps are scopes); an [`Env`] gives the
//! values at run time. A checked [`Expr`] is `Send + Sync` and cheap to
//! evaluate: evaluation itself does not allocate.
//!
//! # Grammar
//!
//! From lowest to highest precedence:
//!
//! ```text
//! condition := or
//! or        := and ( "or" and )*
//! and       := not ( "and" not )*
//! not       := "not" not | compare
//! compare   := sum ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum )?
//! sum       := product ( ( "+" | "-" ) product )*
//! product   := unary ( ( "*" | "/" ) unary )*
//! unary     := "-" unary | postfix
//! postfix   := primary ( "." ident | "[" condition "]" )*
//! primary   := number | string | "true" | "false"
//!            | ident "(" ( condition ( "," condition )* )? ")"
//!            | ident ( "." ident )*
//!            | "(" condition ")"
//! ident     := [a-z_][a-z0-9_]*     except the keywords and, or, not, true, false
//! number    := [0-9]+ ( "." [0-9]+ )?
//! string    := '"' ( any character except '"' and '\' | '\"' | '\\' )* '"'
//! ```
//!
//! Comparisons do not chain: `a < b < c` is an error; write
//! `a < b and b < c`. `not` binds looser than comparisons, so
//! `not a == b` means `not (a == b)`, and `not a and b` means
//! `(not a) and b`.
//!
//! # Names and fields
//!
//! A dotted name such as `params.min_years` or `horizon.years` is resolved
//! when the rule loads: the longest dotted prefix that is a name in scope is
//! the name, and any remaining segments are fields of its value. So with
//! `params.min_years` and `horizon` in scope, `params.min_years` is one name
//! and `horizon.years` is the field `years` of `horizon`.
//!
//! | type        | fields |
//! |-------------|--------|
//! | `date`      | `year` number, `end` date (the last day the date can mean) |
//! | `fy`        | `start` date, `end` date, `year` number (the year it starts in), `next` fy, `prev` fy |
//! | `fy_range`  | `from` fy, `to` fy, `years` number (inclusive count) |
//! | `duration`  | `years` number (the lower bound), `max_years` number |
//! | `money`     | `pounds` number |
//! | `percent`   | `value` number (5 for 5%), `fraction` number (0.05) |
//! | `frequency` | `per_year` number |
//! | `citation`  | `title` text, `year` number, `year_text` text |
//!
//! Every value kind also has `valid`: `false` when the value is missing or
//! was written in a malformed way ("202/23"), `true` otherwise.
//! `number`, `text` and `bool` have no fields. A `table<k, v>` (for example
//! `audited_by`, a `table<fy, date>`) has no fields either; it is indexed
//! with a key of type `k` and gives a `v`: `audited_by[period]`.
//!
//! # Types and operators
//!
//! * `==` and `!=` work on two values of the same type (not tables).
//! * `<`, `<=`, `>`, `>=` work on two values of the same type among number,
//!   money, percent, date, fy, duration (by the lower bound, then the upper)
//!   and frequency (by times per year).
//! * Dates compare by their first day: "March 2024" is 1 March 2024, and
//!   "2024" is 1 January 2024. Use `.end` to compare by the last day.
//! * Numbers (and money, percentages, ...) compare equal within a relative
//!   tolerance of 1e-9, so `money("£14.2m").pounds == 14200000`.
//! * Arithmetic:
//!
//!   | expression                      | type   |
//!   |---------------------------------|--------|
//!   | number `+ - * /` number         | number |
//!   | money `+ -` money               | money  |
//!   | money `/` money                 | number (a ratio) |
//!   | money `* /` number, number `*` money | money |
//!   | money `*` percent, percent `*` money | money (`£10m * 5%` is £0.5m) |
//!   | percent `+ -` percent           | percent |
//!   | date `-` date                   | number (days between) |
//!   | date `+ -` number               | date (whole days) |
//!   | fy `+ -` number                 | fy (whole years) |
//!
//! * `and`, `or` and `not` need `bool` operands, and a rule's condition must
//!   itself be a `bool` ([`Expr::check_condition`]).
//!
//! # Functions
//!
//! * `exists(x)`: whether `x` has a value (a malformed value exists but is
//!   not `valid`).
//! * `default(x, y)`: `x` if it has a value (even a malformed one), else
//!   `y`; both of the same type.
//! * `min(a, b)`, `max(a, b)`: two values of the same orderable type.
//! * `abs(n)`: a number, money or percent.
//! * `contains(list, item)`: whether the text `item` is one of the words
//!   (separated by spaces or commas) of the text `list`, e.g.
//!   `contains(known_years[act.title], act.year_text)`.
//! * `date("31 March 2024")` (or `date("2024-03-31")`), `fy("2023/24")`,
//!   `fy_range("2024/25 to 2027/28")`, `money("£5m")`, `percent("5%")`,
//!   `frequency("monthly")`, `duration("three years")`: a typed constant,
//!   written as a string literal and validated when the rule loads.
//!
//! # Unknown values
//!
//! Evaluation is three-valued: [`Expr::eval`] gives `None` ("unknown") when
//! a name has no value in the document, a table has no entry for the key, a
//! field of a malformed value is read (other than `valid`), a citation's
//! year is not four digits, a division is by zero, or a result is out of
//! range. A malformed value is unknown to comparisons, arithmetic and
//! indexing, so `audited_by[default(year, period)]` is unknown when `year`
//! was written but malformed. Comparisons and
//! arithmetic with an unknown operand are unknown; `a and b` is false if
//! either side is false, otherwise unknown if either is; `a or b` is true if
//! either side is true, otherwise unknown if either is; `not` of unknown is
//! unknown. `exists(x)` and `x.valid` are never unknown. A caller should
//! treat an unknown condition as "cannot decide" and report nothing.
//!
//! # Limits
//!
//! Brackets, `not`, unary `-`, calls and indexing nest at most
//! [`MAX_NESTING`] levels, and the expression tree is at most [`MAX_DEPTH`]
//! deep; beyond that parsing fails with an error rather than exhausting the
//! stack. Computed dates and financial years stay within the years 1 to 9998;
//! beyond that the result is unknown.

use crate::values::{
    Citation, Date, DatePrecision, Duration, FinancialYear, Frequency, Money, ValueData, ValueKind,
    YearRange, parse_value,
};
use chrono::{Datelike, NaiveDate, TimeDelta};
use std::borrow::{Borrow, Cow};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering::Relaxed};

/// Byte offsets into the condition's source text.
pub type Span = std::ops::Range<usize>;

/// How many brackets, `not`s, unary minuses, calls and indexes may nest.
pub const MAX_NESTING: usize = 64;
/// How deep the expression tree may be (long `a and b and c ...` chains).
pub const MAX_DEPTH: usize = 256;

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/// The static type of an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    Number,
    Money,
    Percent,
    Date,
    FinancialYear,
    YearRange,
    Duration,
    Frequency,
    Citation,
    Text,
    Bool,
    /// A lookup table, such as `audited_by: table<fy, date>`.
    Table {
        key: Box<Type>,
        value: Box<Type>,
    },
}

impl Type {
    /// The type of values of `kind`.
    pub fn of_kind(kind: ValueKind) -> Type {
        match kind {
            ValueKind::Date => Type::Date,
            ValueKind::FinancialYear => Type::FinancialYear,
            ValueKind::YearRange => Type::YearRange,
            ValueKind::Duration => Type::Duration,
            ValueKind::Money => Type::Money,
            ValueKind::Percent => Type::Percent,
            ValueKind::Frequency => Type::Frequency,
            ValueKind::Citation => Type::Citation,
        }
    }

    /// A table type from `key` to `value`.
    pub fn table(key: Type, value: Type) -> Type {
        Type::Table {
            key: Box::new(key),
            value: Box::new(value),
        }
    }

    /// The value kind this type holds, if it is one (not number, text, bool
    /// or a table).
    pub fn kind(&self) -> Option<ValueKind> {
        Some(match self {
            Type::Date => ValueKind::Date,
            Type::FinancialYear => ValueKind::FinancialYear,
            Type::YearRange => ValueKind::YearRange,
            Type::Duration => ValueKind::Duration,
            Type::Money => ValueKind::Money,
            Type::Percent => ValueKind::Percent,
            Type::Frequency => ValueKind::Frequency,
            Type::Citation => ValueKind::Citation,
            Type::Number | Type::Text | Type::Bool | Type::Table { .. } => return None,
        })
    }

    /// Whether `<`, `<=`, `>`, `>=`, `min` and `max` work on this type.
    pub fn is_orderable(&self) -> bool {
        matches!(
            self,
            Type::Number
                | Type::Money
                | Type::Percent
                | Type::Date
                | Type::FinancialYear
                | Type::Duration
                | Type::Frequency
        )
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Number => f.write_str("number"),
            Type::Text => f.write_str("text"),
            Type::Bool => f.write_str("bool"),
            Type::Table { key, value } => write!(f, "table<{key}, {value}>"),
            other => match other.kind() {
                Some(kind) => f.write_str(kind.name()),
                None => Ok(()),
            },
        }
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// A problem with a condition, located by byte span in its source.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

impl ExprError {
    fn new(span: Span, message: impl Into<String>) -> Self {
        ExprError {
            span,
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExprError {}

// ---------------------------------------------------------------------------
// Scope (check time) and Env (run time)
// ---------------------------------------------------------------------------

/// The names a condition may use, with their types, at check time.
///
/// Implemented for closures `Fn(&str) -> Option<Type>` (which cannot list
/// their names, so errors then carry no "did you mean"), for arrays and
/// vectors of `(name, Type)` pairs, and for maps from names to types.
pub trait Scope {
    /// The type of `name`, if it is in scope.
    fn lookup(&self, name: &str) -> Option<Type>;
    /// Every name in scope, for "did you mean" and listing in errors; empty
    /// when they cannot be listed.
    fn names(&self) -> Vec<&str> {
        Vec::new()
    }
}

impl<F: Fn(&str) -> Option<Type> + ?Sized> Scope for F {
    fn lookup(&self, name: &str) -> Option<Type> {
        self(name)
    }
}

/// Lets a `&S` with `S: ?Sized` (such as `&dyn Fn`) be used as `&dyn Scope`.
struct ScopeRef<'a, S: ?Sized>(&'a S);

impl<S: Scope + ?Sized> Scope for ScopeRef<'_, S> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.0.lookup(name)
    }
    fn names(&self) -> Vec<&str> {
        self.0.names()
    }
}

impl<K: AsRef<str>, const N: usize> Scope for [(K, Type); N] {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.iter()
            .find(|(k, _)| k.as_ref() == name)
            .map(|(_, t)| t.clone())
    }
    fn names(&self) -> Vec<&str> {
        self.iter().map(|(k, _)| k.as_ref()).collect()
    }
}

impl<K: AsRef<str>> Scope for Vec<(K, Type)> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.iter()
            .find(|(k, _)| k.as_ref() == name)
            .map(|(_, t)| t.clone())
    }
    fn names(&self) -> Vec<&str> {
        self.iter().map(|(k, _)| k.as_ref()).collect()
    }
}

impl<K: Borrow<str> + Hash + Eq, S: BuildHasher> Scope for HashMap<K, Type, S> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.get(name).cloned()
    }
    fn names(&self) -> Vec<&str> {
        self.keys().map(Borrow::borrow).collect()
    }
}

impl<K: Borrow<str> + Ord> Scope for BTreeMap<K, Type> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.get(name).cloned()
    }
    fn names(&self) -> Vec<&str> {
        self.keys().map(Borrow::borrow).collect()
    }
}

/// The values a condition is evaluated against.
pub trait Env {
    /// The value of `name`, or `None` when the document does not have it.
    fn get(&self, name: &str) -> Option<Val<'_>>;
    /// The entry of table `table` for `key`, or `None` when there is none.
    fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>>;
}

// ---------------------------------------------------------------------------
// Runtime values
// ---------------------------------------------------------------------------

/// A value during evaluation. Borrowed parts point into the environment or
/// the expression, so evaluation does not allocate.
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    Number(f64),
    /// Pounds.
    Money(f64),
    /// 5.0 for 5%.
    Percent(f64),
    Date(Date),
    Fy(FinancialYear),
    Range(YearRange),
    Duration(Duration),
    Frequency(Frequency),
    Citation(&'a Citation),
    Text(Cow<'a, str>),
    Bool(bool),
    /// A value of this kind that was written but is not valid.
    Malformed(ValueKind),
}

impl<'a> Val<'a> {
    /// The runtime view of a recognised value.
    pub fn from_data(data: &'a ValueData) -> Val<'a> {
        match data {
            ValueData::Date(d) => Val::Date(*d),
            ValueData::FinancialYear(y) => Val::Fy(*y),
            ValueData::YearRange(r) => Val::Range(*r),
            ValueData::Duration(d) => Val::Duration(*d),
            ValueData::Money(m) => Val::Money(m.pounds),
            ValueData::Percent(p) => Val::Percent(*p),
            ValueData::Frequency(q) => Val::Frequency(*q),
            ValueData::Citation(c) => Val::Citation(c),
            ValueData::Malformed { kind, .. } => Val::Malformed(*kind),
        }
    }

    /// The type of this value (a malformed value has the type of its kind).
    pub fn ty(&self) -> Type {
        match self {
            Val::Number(_) => Type::Number,
            Val::Money(_) => Type::Money,
            Val::Percent(_) => Type::Percent,
            Val::Date(_) => Type::Date,
            Val::Fy(_) => Type::FinancialYear,
            Val::Range(_) => Type::YearRange,
            Val::Duration(_) => Type::Duration,
            Val::Frequency(_) => Type::Frequency,
            Val::Citation(_) => Type::Citation,
            Val::Text(_) => Type::Text,
            Val::Bool(_) => Type::Bool,
            Val::Malformed(kind) => Type::of_kind(*kind),
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

/// Writes a number as an integer when whole, else with at most two decimals.
fn fmt_number(f: &mut fmt::Formatter<'_>, x: f64) -> fmt::Result {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // Exact: whole and well inside i64.
        return write!(f, "{}", x as i64);
    }
    let rounded = format!("{x:.2}");
    let trimmed = if rounded.contains('.') {
        rounded.trim_end_matches('0').trim_end_matches('.')
    } else {
        rounded.as_str()
    };
    f.write_str(if trimmed == "-0" { "0" } else { trimmed })
}

impl fmt::Display for Val<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::Number(x) => fmt_number(f, *x),
            Val::Money(pounds) => Money { pounds: *pounds }.fmt(f),
            Val::Percent(p) => {
                fmt_number(f, *p)?;
                f.write_str("%")
            }
            Val::Date(d) => d.fmt(f),
            Val::Fy(y) => y.fmt(f),
            Val::Range(r) => r.fmt(f),
            Val::Duration(d) => d.fmt(f),
            Val::Frequency(q) => q.fmt(f),
            Val::Citation(c) => c.fmt(f),
            Val::Text(t) => f.write_str(t),
            Val::Bool(b) => f.write_str(if *b { "yes" } else { "no" }),
            Val::Malformed(kind) => write!(f, "invalid {}", kind.name()),
        }
    }
}

// ---------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------

/// A field of a value kind, resolved at check time so evaluation does not
/// compare strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Field {
    // Ids start at 1 so that 0 can mean "not resolved" in a `FieldMemo`.
    Valid = 1,
    DateYear,
    DateEnd,
    FyStart,
    FyEnd,
    FyYear,
    FyNext,
    FyPrev,
    RangeFrom,
    RangeTo,
    RangeYears,
    DurationYears,
    DurationMaxYears,
    Pounds,
    PercentValue,
    PercentFraction,
    PerYear,
    Title,
    CitationYear,
    YearText,
}

/// Every field, in id order (`FIELDS[i]` has id `i + 1`).
const FIELDS: [Field; 20] = [
    Field::Valid,
    Field::DateYear,
    Field::DateEnd,
    Field::FyStart,
    Field::FyEnd,
    Field::FyYear,
    Field::FyNext,
    Field::FyPrev,
    Field::RangeFrom,
    Field::RangeTo,
    Field::RangeYears,
    Field::DurationYears,
    Field::DurationMaxYears,
    Field::Pounds,
    Field::PercentValue,
    Field::PercentFraction,
    Field::PerYear,
    Field::Title,
    Field::CitationYear,
    Field::YearText,
];

impl Field {
    fn ty(self) -> Type {
        match self {
            Field::Valid => Type::Bool,
            Field::DateYear
            | Field::FyYear
            | Field::RangeYears
            | Field::DurationYears
            | Field::DurationMaxYears
            | Field::Pounds
            | Field::PercentValue
            | Field::PercentFraction
            | Field::PerYear
            | Field::CitationYear => Type::Number,
            Field::DateEnd | Field::FyStart | Field::FyEnd => Type::Date,
            Field::FyNext | Field::FyPrev | Field::RangeFrom | Field::RangeTo => {
                Type::FinancialYear
            }
            Field::Title | Field::YearText => Type::Text,
        }
    }
}

/// The fields of each kind, in the order they are listed in help.
fn fields_of(kind: ValueKind) -> &'static [(&'static str, Field)] {
    match kind {
        ValueKind::Date => &[
            ("year", Field::DateYear),
            ("end", Field::DateEnd),
            ("valid", Field::Valid),
        ],
        ValueKind::FinancialYear => &[
            ("start", Field::FyStart),
            ("end", Field::FyEnd),
            ("year", Field::FyYear),
            ("next", Field::FyNext),
            ("prev", Field::FyPrev),
            ("valid", Field::Valid),
        ],
        ValueKind::YearRange => &[
            ("from", Field::RangeFrom),
            ("to", Field::RangeTo),
            ("years", Field::RangeYears),
            ("valid", Field::Valid),
        ],
        ValueKind::Duration => &[
            ("years", Field::DurationYears),
            ("max_years", Field::DurationMaxYears),
            ("valid", Field::Valid),
        ],
        ValueKind::Money => &[("pounds", Field::Pounds), ("valid", Field::Valid)],
        ValueKind::Percent => &[
            ("value", Field::PercentValue),
            ("fraction", Field::PercentFraction),
            ("valid", Field::Valid),
        ],
        ValueKind::Frequency => &[("per_year", Field::PerYear), ("valid", Field::Valid)],
        ValueKind::Citation => &[
            ("title", Field::Title),
            ("year", Field::CitationYear),
            ("year_text", Field::YearText),
            ("valid", Field::Valid),
        ],
    }
}

fn val_kind(val: &Val<'_>) -> Option<ValueKind> {
    match val {
        Val::Malformed(kind) => Some(*kind),
        other => other.ty().kind(),
    }
}

// ---------------------------------------------------------------------------
// AST
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }

    fn is_ordering(self) -> bool {
        matches!(self, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Func {
    Exists,
    Default,
    Min,
    Max,
    Abs,
    Contains,
}

impl Func {
    fn name(self) -> &'static str {
        match self {
            Func::Exists => "exists",
            Func::Default => "default",
            Func::Min => "min",
            Func::Max => "max",
            Func::Abs => "abs",
            Func::Contains => "contains",
        }
    }

    fn arity(self) -> usize {
        match self {
            Func::Exists | Func::Abs => 1,
            Func::Default | Func::Min | Func::Max | Func::Contains => 2,
        }
    }

    fn from_name(name: &str) -> Option<Func> {
        [
            Func::Exists,
            Func::Default,
            Func::Min,
            Func::Max,
            Func::Abs,
            Func::Contains,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

const FUNCTION_NAMES: [&str; 13] = [
    "exists",
    "default",
    "min",
    "max",
    "abs",
    "contains",
    "date",
    "fy",
    "fy_range",
    "money",
    "percent",
    "frequency",
    "duration",
];

/// The value kinds that have a constructor function named after them.
fn constructor(name: &str) -> Option<ValueKind> {
    ValueKind::from_name(name).filter(|k| *k != ValueKind::Citation)
}

fn example(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Date => "31 March 2024",
        ValueKind::FinancialYear => "2023/24",
        ValueKind::YearRange => "2024/25 to 2027/28",
        ValueKind::Duration => "three years",
        ValueKind::Money => "£5m",
        ValueKind::Percent => "5%",
        ValueKind::Frequency => "monthly",
        ValueKind::Citation => "Local Government Act 1972",
    }
}

// `check` takes `&self` (a rule keeps one `Expr` and may check it in more
// than one scope), yet what it resolves must be kept for `eval` and
// `names`. The two memos below hold that resolution; they are atomics so a
// checked `Expr` stays `Send + Sync`.

/// A field resolved by `check`.
#[derive(Debug, Default)]
struct FieldMemo(AtomicU8);

impl FieldMemo {
    fn get(&self) -> Option<Field> {
        let id = self.0.load(Relaxed);
        FIELDS.get(usize::from(id.checked_sub(1)?)).copied()
    }

    fn set(&self, field: Field) {
        self.0.store(field as u8, Relaxed);
    }
}

impl Clone for FieldMemo {
    fn clone(&self) -> Self {
        FieldMemo(AtomicU8::new(self.0.load(Relaxed)))
    }
}

/// How many leading segments of a path form its name, once resolved.
#[derive(Debug, Default)]
struct SplitMemo(AtomicUsize);

impl SplitMemo {
    fn get(&self) -> Option<usize> {
        Some(self.0.load(Relaxed)).filter(|&k| k > 0)
    }

    fn set(&self, k: usize) {
        self.0.store(k, Relaxed);
    }
}

impl Clone for SplitMemo {
    fn clone(&self) -> Self {
        SplitMemo(AtomicUsize::new(self.0.load(Relaxed)))
    }
}

/// A dotted name as written: a name in scope followed by fields, split by
/// `check` at the longest prefix that is a name.
#[derive(Clone, Debug)]
struct Path {
    /// The segments joined by '.', whatever whitespace was around the dots.
    text: String,
    segments: Vec<Segment>,
    split: SplitMemo,
}

impl Path {
    /// The name and field segments, once resolved.
    fn resolved(&self) -> Option<(&str, &[Segment])> {
        let k = self.split.get()?;
        let last = self.segments.get(k.checked_sub(1)?)?;
        Some((self.text.get(..last.text.end)?, self.segments.get(k..)?))
    }
}

#[derive(Clone, Debug)]
struct Segment {
    /// Where the segment is in the source.
    span: Span,
    /// Where the segment is in `Path::text`.
    text: Span,
    /// Set by `check` when the segment is a field.
    field: FieldMemo,
}

#[derive(Clone, Debug)]
struct Node {
    kind: NodeKind,
    span: Span,
    depth: usize,
}

#[derive(Clone, Debug)]
enum NodeKind {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A typed constant from a constructor such as `fy("2023/24")`.
    Const(Val<'static>),
    /// A name, possibly followed by fields: `horizon.years`.
    Path(Path),
    /// A field of a computed value: `audited_by[period].end`.
    Field {
        base: Box<Node>,
        name: String,
        name_span: Span,
        field: FieldMemo,
    },
    Index {
        base: Box<Node>,
        key: Box<Node>,
    },
    Call {
        func: Func,
        args: Vec<Node>,
    },
    Neg(Box<Node>),
    Not(Box<Node>),
    Binary {
        op: BinOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
}

impl Node {
    fn new(kind: NodeKind, span: Span, depth: usize) -> Result<Node, ExprError> {
        if depth > MAX_DEPTH {
            return Err(ExprError::new(
                span,
                format!("condition is too complex (more than {MAX_DEPTH} operations deep)"),
            )
            .help("split it into simpler conditions"));
        }
        Ok(Node { kind, span, depth })
    }

    fn leaf(kind: NodeKind, span: Span) -> Node {
        Node {
            kind,
            span,
            depth: 1,
        }
    }
}

/// A parsed condition. Call [`Expr::check`] (or [`Expr::check_condition`])
/// before [`Expr::eval`]: checking resolves dotted names and fields.
#[derive(Clone, Debug)]
pub struct Expr {
    source: String,
    root: Node,
}

// ---------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Tok<'s> {
    Num(f64),
    Str(String),
    Ident(&'s str),
    And,
    Or,
    Not,
    True,
    False,
    Dot,
    Comma,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Plus,
    Minus,
    Star,
    Slash,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Eof,
}

#[derive(Debug)]
struct Token<'s> {
    tok: Tok<'s>,
    span: Span,
}

fn char_len_at(src: &str, i: usize) -> usize {
    src.get(i..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8)
}

fn lex(src: &str) -> Result<Vec<Token<'_>>, ExprError> {
    let bytes = src.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                while at(i).is_some_and(|b| b.is_ascii_digit()) {
                    i += 1;
                }
                if at(i) == Some(b'.') && at(i + 1).is_some_and(|b| b.is_ascii_digit()) {
                    i += 1;
                    while at(i).is_some_and(|b| b.is_ascii_digit()) {
                        i += 1;
                    }
                }
                let text = &src[start..i];
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() => Tok::Num(n),
                    _ => return Err(ExprError::new(start..i, "number is too large")),
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while at(i).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    i += 1;
                }
                let word = &src[start..i];
                if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    return Err(ExprError::new(start..i, "names are written in lower case")
                        .help(format!("write `{}`", word.to_ascii_lowercase())));
                }
                match word {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    "true" => Tok::True,
                    "false" => Tok::False,
                    _ => Tok::Ident(word),
                }
            }
            b'"' => {
                i += 1;
                let mut text = String::new();
                loop {
                    let rest = &src[i..];
                    let Some(stop) = rest.find(['"', '\\']) else {
                        return Err(ExprError::new(start..src.len(), "unterminated string")
                            .help("add a closing `\"`"));
                    };
                    text.push_str(&rest[..stop]);
                    i += stop;
                    if at(i) == Some(b'"') {
                        i += 1;
                        break;
                    }
                    // A backslash: only \" and \\ are escapes.
                    match at(i + 1) {
                        Some(b'"') => text.push('"'),
                        Some(b'\\') => text.push('\\'),
                        Some(_) => {
                            let end = i + 1 + char_len_at(src, i + 1);
                            return Err(ExprError::new(i..end, "unknown escape in string")
                                .help("only `\\\"` and `\\\\` are escapes"));
                        }
                        None => {
                            return Err(ExprError::new(start..src.len(), "unterminated string")
                                .help("add a closing `\"`"));
                        }
                    }
                    i += 2;
                }
                Tok::Str(text)
            }
            _ => {
                let next = at(i + 1);
                let (tok, len) = match (c, next) {
                    (b'.', _) => (Tok::Dot, 1),
                    (b',', _) => (Tok::Comma, 1),
                    (b'(', _) => (Tok::LParen, 1),
                    (b')', _) => (Tok::RParen, 1),
                    (b'[', _) => (Tok::LBracket, 1),
                    (b']', _) => (Tok::RBracket, 1),
                    (b'+', _) => (Tok::Plus, 1),
                    (b'-', _) => (Tok::Minus, 1),
                    (b'*', _) => (Tok::Star, 1),
                    (b'/', _) => (Tok::Slash, 1),
                    (b'=', Some(b'=')) => (Tok::EqEq, 2),
                    (b'!', Some(b'=')) => (Tok::NotEq, 2),
                    (b'<', Some(b'=')) => (Tok::Le, 2),
                    (b'>', Some(b'=')) => (Tok::Ge, 2),
                    (b'<', _) => (Tok::Lt, 1),
                    (b'>', _) => (Tok::Gt, 1),
                    _ => return Err(unexpected_char(src, i)),
                };
                i += len;
                tok
            }
        };
        tokens.push(Token {
            tok,
            span: start..i,
        });
    }
    Ok(tokens)
}

fn unexpected_char(src: &str, i: usize) -> ExprError {
    let end = i + char_len_at(src, i);
    let text = src.get(i..end).unwrap_or("?");
    let doubled = |c: u8| src.as_bytes().get(i + 1) == Some(&c);
    let (span, message, help) = match text {
        "=" => (i..end, "unexpected `=`".to_string(), "use `==` to compare"),
        "!" => (
            i..end,
            "unexpected `!`".to_string(),
            "use `not` to negate, or `!=` for \"not equal\"",
        ),
        "&" => {
            let end = if doubled(b'&') { end + 1 } else { end };
            (
                i..end,
                format!("unexpected `{}`", &src[i..end]),
                "use `and`",
            )
        }
        "|" => {
            let end = if doubled(b'|') { end + 1 } else { end };
            (i..end, format!("unexpected `{}`", &src[i..end]), "use `or`")
        }
        "'" => (
            i..end,
            "unexpected `'`".to_string(),
            "strings are written in double quotes: \"monthly\"",
        ),
        "£" => (
            i..end,
            "unexpected `£`".to_string(),
            "write an amount of money as money(\"£5m\")",
        ),
        "%" => (
            i..end,
            "unexpected `%`".to_string(),
            "write a percentage as percent(\"5%\")",
        ),
        _ => (i..end, format!("unexpected character `{text}`"), ""),
    };
    let err = ExprError::new(span, message);
    if help.is_empty() { err } else { err.help(help) }
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

/// Parses a condition. Names are not resolved until [`Expr::check`].
pub fn parse(src: &str) -> Result<Expr, ExprError> {
    let tokens = lex(src)?;
    if tokens.is_empty() {
        return Err(ExprError::new(0..src.len(), "empty condition")
            .help("write a condition such as `horizon.years >= params.min_years`"));
    }
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
        nesting: 0,
    };
    let root = parser.parse_expr()?;
    if *parser.peek() != Tok::Eof {
        let span = parser.peek_span();
        return Err(ExprError::new(
            span.clone(),
            format!(
                "unexpected {} after a complete condition",
                parser.describe(&span)
            ),
        )
        .help("join conditions with `and` or `or`"));
    }
    Ok(Expr {
        source: src.to_string(),
        root,
    })
}

struct Parser<'s> {
    src: &'s str,
    tokens: Vec<Token<'s>>,
    pos: usize,
    nesting: usize,
}

impl<'s> Parser<'s> {
    fn peek(&self) -> &Tok<'s> {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &Tok<'s> {
        self.tokens
            .get(self.pos + ahead)
            .map_or(&Tok::Eof, |t| &t.tok)
    }

    fn peek_span(&self) -> Span {
        self.tokens
            .get(self.pos)
            .map_or(self.src.len()..self.src.len(), |t| t.span.clone())
    }

    /// Takes the next token (moving its string out).
    fn bump(&mut self) -> (Tok<'s>, Span) {
        let span = self.peek_span();
        let tok = self
            .tokens
            .get_mut(self.pos)
            .map_or(Tok::Eof, |t| std::mem::replace(&mut t.tok, Tok::Eof));
        self.pos += 1;
        (tok, span)
    }

    fn describe(&self, span: &Span) -> String {
        match self.src.get(span.clone()) {
            Some(text) if !text.is_empty() => format!("`{text}`"),
            _ => "the end of the condition".to_string(),
        }
    }

    /// Enters one more level of nesting, opened by the token at `span`.
    fn descend(&mut self, span: Span) -> Result<(), ExprError> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(ExprError::new(
                span,
                format!("condition is nested too deeply (more than {MAX_NESTING} levels)"),
            )
            .help("split it into simpler conditions"));
        }
        Ok(())
    }

    fn ascend(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    fn parse_expr(&mut self) -> Result<Node, ExprError> {
        self.parse_or()
    }

    fn binary(op: BinOp, lhs: Node, rhs: Node) -> Result<Node, ExprError> {
        let span = lhs.span.start..rhs.span.end;
        let depth = 1 + lhs.depth.max(rhs.depth);
        Node::new(
            NodeKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
            depth,
        )
    }

    fn parse_or(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_and()?;
        while *self.peek() == Tok::Or {
            self.bump();
            let rhs = self.parse_and()?;
            lhs = Self::binary(BinOp::Or, lhs, rhs)?;
        }
        Ok(lhs)
    }

    fn parse_and(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_not()?;
        while *self.peek() == Tok::And {
            self.bump();
            let rhs = self.parse_not()?;
            lhs = Self::binary(BinOp::And, lhs, rhs)?;
        }
        Ok(lhs)
    }

    fn parse_not(&mut self) -> Result<Node, ExprError> {
        if *self.peek() != Tok::Not {
            return self.parse_compare();
        }
        let (_, span) = self.bump();
        self.descend(span.clone())?;
        let operand = self.parse_not()?;
        self.ascend();
        let full = span.start..operand.span.end;
        let depth = operand.depth + 1;
        Node::new(NodeKind::Not(Box::new(operand)), full, depth)
    }

    fn compare_op(tok: &Tok<'_>) -> Option<BinOp> {
        Some(match tok {
            Tok::EqEq => BinOp::Eq,
            Tok::NotEq => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Gt => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            _ => return None,
        })
    }

    fn parse_compare(&mut self) -> Result<Node, ExprError> {
        let lhs = self.parse_sum()?;
        let Some(op) = Self::compare_op(self.peek()) else {
            return Ok(lhs);
        };
        self.bump();
        let rhs = self.parse_sum()?;
        if Self::compare_op(self.peek()).is_some() {
            return Err(
                ExprError::new(self.peek_span(), "comparisons cannot be chained")
                    .help("write `a < b and b < c`"),
            );
        }
        Self::binary(op, lhs, rhs)
    }

    fn parse_sum(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_product()?;
        loop {
            let op = match self.peek() {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.parse_product()?;
            lhs = Self::binary(op, lhs, rhs)?;
        }
    }

    fn parse_product(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_unary()?;
        loop {
            let op = match self.peek() {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.parse_unary()?;
            lhs = Self::binary(op, lhs, rhs)?;
        }
    }

    fn parse_unary(&mut self) -> Result<Node, ExprError> {
        if *self.peek() != Tok::Minus {
            return self.parse_postfix();
        }
        let (_, span) = self.bump();
        self.descend(span.clone())?;
        let operand = self.parse_unary()?;
        self.ascend();
        let full = span.start..operand.span.end;
        let depth = operand.depth + 1;
        Node::new(NodeKind::Neg(Box::new(operand)), full, depth)
    }

    fn parse_postfix(&mut self) -> Result<Node, ExprError> {
        let mut node = self.parse_primary()?;
        loop {
            match self.peek() {
                Tok::Dot => {
                    self.bump();
                    let (tok, span) = self.bump();
                    let Tok::Ident(name) = tok else {
                        return Err(ExprError::new(
                            span.clone(),
                            format!(
                                "expected a field name after `.`, found {}",
                                self.describe(&span)
                            ),
                        ));
                    };
                    let full = node.span.start..span.end;
                    let depth = node.depth + 1;
                    // A dotted name keeps collecting segments, unless it was
                    // closed by brackets: `(a).b` is the field b of a.
                    let open_path = matches!(&node.kind, NodeKind::Path(path)
                        if path.segments.last().is_some_and(|s| s.span.end == node.span.end));
                    node = match node.kind {
                        NodeKind::Path(mut path) if open_path => {
                            let start = path.text.len() + 1;
                            path.text.push('.');
                            path.text.push_str(name);
                            path.segments.push(Segment {
                                span,
                                text: start..path.text.len(),
                                field: FieldMemo::default(),
                            });
                            Node::new(NodeKind::Path(path), full, depth)?
                        }
                        kind => Node::new(
                            NodeKind::Field {
                                base: Box::new(Node {
                                    kind,
                                    span: node.span,
                                    depth: node.depth,
                                }),
                                name: name.to_string(),
                                name_span: span,
                                field: FieldMemo::default(),
                            },
                            full,
                            depth,
                        )?,
                    };
                }
                Tok::LBracket => {
                    let (_, open) = self.bump();
                    self.descend(open.clone())?;
                    let key = self.parse_expr()?;
                    self.ascend();
                    let close = self.expect_close(Tok::RBracket, "]", &open)?;
                    let full = node.span.start..close.end;
                    let depth = 1 + node.depth.max(key.depth);
                    node = Node::new(
                        NodeKind::Index {
                            base: Box::new(node),
                            key: Box::new(key),
                        },
                        full,
                        depth,
                    )?;
                }
                _ => return Ok(node),
            }
        }
    }

    /// Expects the bracket closing the one at `open`.
    fn expect_close(
        &mut self,
        close: Tok<'_>,
        symbol: &str,
        open: &Span,
    ) -> Result<Span, ExprError> {
        if *self.peek() == close {
            return Ok(self.bump().1);
        }
        let span = self.peek_span();
        let opener = self.src.get(open.clone()).unwrap_or("(");
        if *self.peek() == Tok::Eof {
            return Err(ExprError::new(open.clone(), format!("unclosed `{opener}`"))
                .help(format!("add `{symbol}`")));
        }
        Err(ExprError::new(
            span.clone(),
            format!(
                "expected `{symbol}` to close `{opener}`, found {}",
                self.describe(&span)
            ),
        ))
    }

    fn parse_primary(&mut self) -> Result<Node, ExprError> {
        if matches!(self.peek(), Tok::Ident(_)) && *self.peek_at(1) == Tok::LParen {
            return self.parse_call();
        }
        let (tok, span) = self.bump();
        Ok(match tok {
            Tok::Num(n) => Node::leaf(NodeKind::Number(n), span),
            Tok::Str(s) => Node::leaf(NodeKind::Text(s), span),
            Tok::True => Node::leaf(NodeKind::Bool(true), span),
            Tok::False => Node::leaf(NodeKind::Bool(false), span),
            Tok::Ident(name) => Node::leaf(
                NodeKind::Path(Path {
                    text: name.to_string(),
                    segments: vec![Segment {
                        span: span.clone(),
                        text: 0..name.len(),
                        field: FieldMemo::default(),
                    }],
                    split: SplitMemo::default(),
                }),
                span,
            ),
            Tok::LParen => {
                self.descend(span.clone())?;
                let inner = self.parse_expr()?;
                self.ascend();
                let close = self.expect_close(Tok::RParen, ")", &span)?;
                // The brackets belong to the inner node's span, so errors
                // about it show them.
                Node {
                    span: span.start..close.end,
                    ..inner
                }
            }
            _ => {
                let err = ExprError::new(
                    span.clone(),
                    format!("expected a value, found {}", self.describe(&span)),
                );
                return Err(match tok {
                    Tok::Eof => err.help("the condition ends too early"),
                    _ => err,
                });
            }
        })
    }

    fn parse_call(&mut self) -> Result<Node, ExprError> {
        let (Tok::Ident(name), name_span) = self.bump() else {
            return Err(ExprError::new(self.peek_span(), "expected a function name"));
        };
        let (_, open) = self.bump();
        self.descend(open.clone())?;
        let mut args = Vec::new();
        if *self.peek() != Tok::RParen {
            loop {
                args.push(self.parse_expr()?);
                if *self.peek() == Tok::Comma {
                    self.bump();
                } else {
                    break;
                }
            }
        }
        self.ascend();
        let close = self.expect_close(Tok::RParen, ")", &open)?;
        let span = name_span.start..close.end;

        if let Some(kind) = constructor(name) {
            return construct(kind, name, args, span);
        }
        let Some(func) = Func::from_name(name) else {
            let help = match closest(name, FUNCTION_NAMES) {
                Some(best) => format!(
                    "did you mean `{best}`? functions: {}",
                    FUNCTION_NAMES.join(", ")
                ),
                None => format!("functions: {}", FUNCTION_NAMES.join(", ")),
            };
            return Err(ExprError::new(name_span, format!("unknown function `{name}`")).help(help));
        };
        if args.len() != func.arity() {
            return Err(ExprError::new(
                span,
                format!(
                    "`{}` takes {} argument{}, found {}",
                    func.name(),
                    func.arity(),
                    if func.arity() == 1 { "" } else { "s" },
                    args.len()
                ),
            ));
        }
        let depth = 1 + args.iter().map(|a| a.depth).max().unwrap_or(0);
        Node::new(NodeKind::Call { func, args }, span, depth)
    }
}

/// Builds the constant for `date("...")` and friends, validating the literal.
fn construct(kind: ValueKind, name: &str, args: Vec<Node>, span: Span) -> Result<Node, ExprError> {
    let usage = format!("write {name}(\"{}\")", example(kind));
    let [arg] = <[Node; 1]>::try_from(args).map_err(|args| {
        ExprError::new(
            span.clone(),
            format!("`{name}` takes 1 argument, found {}", args.len()),
        )
        .help(usage.clone())
    })?;
    let NodeKind::Text(text) = &arg.kind else {
        return Err(
            ExprError::new(arg.span, format!("`{name}` takes a string literal")).help(usage),
        );
    };
    let text = text.trim();
    // ISO dates are accepted on top of what documents use.
    let iso = (kind == ValueKind::Date)
        .then(|| text.parse::<Date>().ok())
        .flatten()
        .map(ValueData::Date);
    let not_valid = format!("\"{text}\" is not a valid {}", kind.name());
    let val = match iso.or_else(|| parse_value(kind, text)) {
        Some(ValueData::Malformed { reason, .. }) => {
            return Err(ExprError::new(arg.span, format!("{not_valid}: {reason}")).help(usage));
        }
        Some(data) => owned_val(data),
        None => None,
    };
    let Some(val) = val.filter(|v| v.ty() == Type::of_kind(kind)) else {
        let usage = if kind == ValueKind::Date {
            "write date(\"31 March 2024\") or date(\"2024-03-31\")".to_string()
        } else {
            usage
        };
        return Err(ExprError::new(arg.span, not_valid).help(usage));
    };
    Ok(Node::leaf(NodeKind::Const(val), span))
}

/// A constant that owns its data (citations have no constructor).
fn owned_val(data: ValueData) -> Option<Val<'static>> {
    Some(match data {
        ValueData::Date(d) => Val::Date(d),
        ValueData::FinancialYear(y) => Val::Fy(y),
        ValueData::YearRange(r) => Val::Range(r),
        ValueData::Duration(d) => Val::Duration(d),
        ValueData::Money(m) => Val::Money(m.pounds),
        ValueData::Percent(p) => Val::Percent(p),
        ValueData::Frequency(q) => Val::Frequency(q),
        ValueData::Citation(_) | ValueData::Malformed { .. } => return None,
    })
}

// ---------------------------------------------------------------------------
// "Did you mean"
// ---------------------------------------------------------------------------

/// Optimal-string-alignment distance: edits, counting a swap of two
/// neighbouring characters as one ("yaer" is one edit from "year").
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i;
        }
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The candidate nearest to `word`, if it is near enough to be a typo.
fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = match word.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, c)| d <= limit && c != word)
        .min_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(y.1)))
        .map(|(_, c)| c)
}

fn list(names: &[&str]) -> String {
    const SHOWN: usize = 30;
    let mut out = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

// ---------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------

impl Expr {
    /// The condition's source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Type-checks against the names in `scope` and returns the type of the
    /// whole expression. This also resolves each dotted name into a name
    /// and fields, which [`Expr::eval`] and [`Expr::names`] then use; a
    /// later `check` against another scope resolves again.
    pub fn check<S: Scope + ?Sized>(&self, scope: &S) -> Result<Type, ExprError> {
        check_value(&self.root, &ScopeRef(scope))
    }

    /// Checks the expression as a rule condition, which must be a `bool`.
    pub fn check_condition<S: Scope + ?Sized>(&self, scope: &S) -> Result<(), ExprError> {
        match self.check(scope)? {
            Type::Bool => Ok(()),
            other => Err(ExprError::new(
                self.root.span.clone(),
                format!("condition must be true or false, found {other}"),
            )
            .help("compare it with something, e.g. `x >= params.minimum`")),
        }
    }

    /// The names the expression refers to, each once, in order of first
    /// use. After [`Expr::check`] these are resolved names
    /// (`params.min_years`, `horizon`); before it, dotted paths as written.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        collect_names(&self.root, &mut out);
        out
    }

    /// Evaluates against `env`; `None` means unknown (see the module docs).
    pub fn eval<'a>(&'a self, env: &'a dyn Env) -> Option<Val<'a>> {
        eval(&self.root, env)
    }

    /// Evaluates a condition: `Some(true)`/`Some(false)`, or `None` when it
    /// cannot be decided.
    pub fn eval_condition(&self, env: &dyn Env) -> Option<bool> {
        self.eval(env)?.as_bool()
    }
}

/// Checks `expr` as a rule condition, which must be a `bool`
/// (the same as [`Expr::check_condition`]).
pub fn check_condition<S: Scope + ?Sized>(expr: &Expr, scope: &S) -> Result<(), ExprError> {
    expr.check_condition(scope)
}

/// Parses `src` and checks it as a rule condition against `scope`.
pub fn parse_condition<S: Scope + ?Sized>(src: &str, scope: &S) -> Result<Expr, ExprError> {
    let expr = parse(src)?;
    expr.check_condition(scope)?;
    Ok(expr)
}

fn collect_names<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    let push = |name: &'a str, out: &mut Vec<&'a str>| {
        if !out.contains(&name) {
            out.push(name);
        }
    };
    match &node.kind {
        NodeKind::Path(path) => match path.resolved() {
            Some((name, _)) => push(name, out),
            None => push(&path.text, out),
        },
        NodeKind::Field { base, .. } | NodeKind::Neg(base) | NodeKind::Not(base) => {
            collect_names(base, out);
        }
        NodeKind::Index { base, key } => {
            collect_names(base, out);
            collect_names(key, out);
        }
        NodeKind::Call { args, .. } => args.iter().for_each(|a| collect_names(a, out)),
        NodeKind::Binary { lhs, rhs, .. } => {
            collect_names(lhs, out);
            collect_names(rhs, out);
        }
        NodeKind::Number(_) | NodeKind::Text(_) | NodeKind::Bool(_) | NodeKind::Const(_) => {}
    }
}

/// Splits a dotted path at the longest prefix that is a name in scope,
/// giving the number of segments in the name and its type.
fn resolve(path: &Path, scope: &dyn Scope) -> Result<(usize, Type), ExprError> {
    for (k, seg) in path.segments.iter().enumerate().rev() {
        if let Some(ty) = scope.lookup(&path.text[..seg.text.end]) {
            return Ok((k + 1, ty));
        }
    }
    Err(unknown_name(path, scope))
}

fn unknown_name(path: &Path, scope: &dyn Scope) -> ExprError {
    let mut names = scope.names();
    names.sort_unstable();
    names.dedup();
    // Take segments while they are a namespace of known names ("params" in
    // "params.min_yeras"), plus one: that is what was meant to be a name.
    let is_namespace = |prefix: &str| {
        names.iter().any(|n| {
            n.strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
        })
    };
    let mut last = 0;
    while last + 1 < path.segments.len()
        && path
            .segments
            .get(last)
            .is_some_and(|s| is_namespace(&path.text[..s.text.end]))
    {
        last += 1;
    }
    let (start, end, text_end) = match (path.segments.first(), path.segments.get(last)) {
        (Some(first), Some(seg)) => (first.span.start, seg.span.end, seg.text.end),
        _ => (0, 0, path.text.len()),
    };
    let wrong = &path.text[..text_end];
    let help = match closest(wrong, names.iter().copied()) {
        _ if names.is_empty() => None,
        Some(best) => Some(format!(
            "did you mean `{best}`? names in scope: {}",
            list(&names)
        )),
        None => Some(format!("names in scope: {}", list(&names))),
    };
    ExprError::new(start..end, format!("unknown name `{wrong}`")).maybe_help(help)
}

/// The table a node names: a path that is all name, no fields.
fn table_name(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Path(path) => path
            .resolved()
            .filter(|(_, fields)| fields.is_empty())
            .map(|(name, _)| name),
        _ => None,
    }
}

/// Checks a node whose value is used as a value: tables must be indexed.
fn check_value(node: &Node, scope: &dyn Scope) -> Result<Type, ExprError> {
    let ty = check_node(node, scope)?;
    if matches!(ty, Type::Table { .. }) {
        let name = table_name(node).unwrap_or("table");
        return Err(ExprError::new(
            node.span.clone(),
            format!("`{name}` is a {ty} and must be indexed"),
        )
        .help(format!("write {name}[key]")));
    }
    Ok(ty)
}

/// The field `name` of a value of type `base_ty`, or an error at `name_span`.
fn resolve_field(
    base_ty: &Type,
    table: Option<&str>,
    name: &str,
    name_span: &Span,
) -> Result<Field, ExprError> {
    let Some(kind) = base_ty.kind() else {
        let err = ExprError::new(name_span.clone(), format!("{base_ty} has no fields"));
        return Err(match (base_ty, table) {
            (Type::Table { .. }, Some(table)) => {
                err.help(format!("index it first: {table}[key].{name}"))
            }
            _ => err,
        });
    };
    let fields = fields_of(kind);
    if let Some(&(_, found)) = fields.iter().find(|(n, _)| *n == name) {
        return Ok(found);
    }
    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
    let help = match closest(name, names.iter().copied()) {
        Some(best) => format!(
            "did you mean `{best}`? fields of {base_ty}: {}",
            names.join(", ")
        ),
        None => format!("fields of {base_ty}: {}", names.join(", ")),
    };
    Err(ExprError::new(
        name_span.clone(),
        format!("{base_ty} has no field `{name}`"),
    )
    .help(help))
}

fn check_node(node: &Node, scope: &dyn Scope) -> Result<Type, ExprError> {
    let span = node.span.clone();
    match &node.kind {
        NodeKind::Number(_) => Ok(Type::Number),
        NodeKind::Text(_) => Ok(Type::Text),
        NodeKind::Bool(_) => Ok(Type::Bool),
        NodeKind::Const(val) => Ok(val.ty()),
        NodeKind::Path(path) => {
            let (k, mut ty) = resolve(path, scope)?;
            path.split.set(k);
            let name = path.resolved().map(|(name, _)| name);
            for (i, seg) in path.segments.iter().enumerate().skip(k) {
                // Only the first field can follow a table's name directly.
                let table = name.filter(|_| i == k);
                let field = resolve_field(&ty, table, &path.text[seg.text.clone()], &seg.span)?;
                seg.field.set(field);
                ty = field.ty();
            }
            Ok(ty)
        }
        NodeKind::Field {
            base,
            name,
            name_span,
            field,
        } => {
            let base_ty = check_node(base, scope)?;
            let found = resolve_field(&base_ty, table_name(base), name, name_span)?;
            field.set(found);
            Ok(found.ty())
        }
        NodeKind::Index { base, key } => {
            let base_ty = check_node(base, scope)?;
            let Type::Table {
                key: key_ty,
                value: value_ty,
            } = base_ty
            else {
                return Err(ExprError::new(
                    base.span.clone(),
                    format!("cannot index {base_ty}: only tables can be indexed"),
                ));
            };
            let Some(table) = table_name(base) else {
                return Err(ExprError::new(
                    base.span.clone(),
                    "only a table given by name can be indexed",
                ));
            };
            let found = check_value(key, scope)?;
            if found != *key_ty {
                return Err(ExprError::new(
                    key.span.clone(),
                    format!("`{table}` is indexed by {key_ty}, found {found}"),
                )
                .maybe_help(mismatch_help(&key_ty, &found)));
            }
            Ok(*value_ty)
        }
        NodeKind::Call { func, args } => check_call(*func, args, &span, scope),
        NodeKind::Neg(operand) => match check_value(operand, scope)? {
            ty @ (Type::Number | Type::Money | Type::Percent) => Ok(ty),
            ty => Err(
                ExprError::new(operand.span.clone(), format!("cannot negate {ty}"))
                    .help("`-` works on number, money and percent"),
            ),
        },
        NodeKind::Not(operand) => match check_value(operand, scope)? {
            Type::Bool => Ok(Type::Bool),
            ty => Err(ExprError::new(
                operand.span.clone(),
                format!("`not` needs true or false, found {ty}"),
            )),
        },
        NodeKind::Binary { op, lhs, rhs } => {
            let op = *op;
            if matches!(op, BinOp::And | BinOp::Or) {
                for side in [lhs, rhs] {
                    let ty = check_value(side, scope)?;
                    if ty != Type::Bool {
                        return Err(ExprError::new(
                            side.span.clone(),
                            format!(
                                "`{}` needs true or false on both sides, found {ty}",
                                op.symbol()
                            ),
                        ));
                    }
                }
                return Ok(Type::Bool);
            }
            let left = check_value(lhs, scope)?;
            let right = check_value(rhs, scope)?;
            match op {
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => arith_type(op, &left, &right)
                    .ok_or_else(|| arith_error(op, &left, &right, span)),
                _ => check_compare(op, &left, &right, span),
            }
        }
    }
}

fn check_call(
    func: Func,
    args: &[Node],
    span: &Span,
    scope: &dyn Scope,
) -> Result<Type, ExprError> {
    let name = func.name();
    match (func, args) {
        (Func::Exists, [x]) => {
            check_value(x, scope)?;
            Ok(Type::Bool)
        }
        (Func::Default, [x, y]) => {
            let a = check_value(x, scope)?;
            let b = check_value(y, scope)?;
            if a != b {
                return Err(ExprError::new(
                    y.span.clone(),
                    format!("`default` needs two values of the same type, found {a} and {b}"),
                )
                .maybe_help(mismatch_help(&a, &b)));
            }
            Ok(a)
        }
        (Func::Min | Func::Max, [x, y]) => {
            let a = check_value(x, scope)?;
            let b = check_value(y, scope)?;
            if a != b {
                return Err(ExprError::new(
                    y.span.clone(),
                    format!("`{name}` needs two values of the same type, found {a} and {b}"),
                )
                .maybe_help(mismatch_help(&a, &b)));
            }
            if !a.is_orderable() {
                return Err(ExprError::new(
                    span.clone(),
                    format!("`{name}` cannot order {a} values"),
                )
                .help(ORDERABLE_HELP));
            }
            Ok(a)
        }
        (Func::Contains, [list, item]) => {
            for arg in [list, item] {
                let ty = check_value(arg, scope)?;
                if ty != Type::Text {
                    return Err(ExprError::new(
                        arg.span.clone(),
                        format!("`contains` needs two texts, found {ty}"),
                    )
                    .help("use a field that is text, e.g. `citation.year_text`"));
                }
            }
            Ok(Type::Bool)
        }
        (Func::Abs, [x]) => match check_value(x, scope)? {
            ty @ (Type::Number | Type::Money | Type::Percent) => Ok(ty),
            ty => Err(ExprError::new(
                x.span.clone(),
                format!("`abs` needs a number, money or percent, found {ty}"),
            )),
        },
        // The parser checks arity, so this is only reached by a bug.
        (_, args) => Err(ExprError::new(
            span.clone(),
            format!(
                "`{name}` takes {} arguments, found {}",
                func.arity(),
                args.len()
            ),
        )),
    }
}

const ORDERABLE_HELP: &str = "`<`, `<=`, `>`, `>=`, min and max work on number, money, percent, date, fy, duration and frequency";

fn check_compare(op: BinOp, left: &Type, right: &Type, span: Span) -> Result<Type, ExprError> {
    if left != right {
        return Err(
            ExprError::new(span, format!("cannot compare {left} with {right}"))
                .maybe_help(mismatch_help(left, right)),
        );
    }
    if op.is_ordering() && !left.is_orderable() {
        let extra = match left {
            Type::YearRange => "; compare its `.from`, `.to` or `.years`",
            Type::Citation => "; compare its `.year`",
            _ => "",
        };
        return Err(ExprError::new(
            span,
            format!("cannot order {left} values with `{}`", op.symbol()),
        )
        .help(format!("{ORDERABLE_HELP}{extra}")));
    }
    Ok(Type::Bool)
}

fn arith_type(op: BinOp, left: &Type, right: &Type) -> Option<Type> {
    use BinOp::{Add, Div, Mul, Sub};
    use Type as T;
    Some(match (op, left, right) {
        (Add | Sub | Mul | Div, T::Number, T::Number) => T::Number,
        (Add | Sub, T::Money, T::Money) => T::Money,
        (Div, T::Money, T::Money) => T::Number,
        (Mul | Div, T::Money, T::Number) | (Mul, T::Number, T::Money) => T::Money,
        (Mul, T::Money, T::Percent) | (Mul, T::Percent, T::Money) => T::Money,
        (Add | Sub, T::Percent, T::Percent) => T::Percent,
        (Sub, T::Date, T::Date) => T::Number,
        (Add | Sub, T::Date, T::Number) => T::Date,
        (Add | Sub, T::FinancialYear, T::Number) => T::FinancialYear,
        _ => return None,
    })
}

fn arith_error(op: BinOp, left: &Type, right: &Type, span: Span) -> ExprError {
    let (message, help) = match op {
        BinOp::Add => (
            format!("cannot add {left} and {right}"),
            "`+` works on number + number, money + money, percent + percent, date + number (days) and fy + number (years)",
        ),
        BinOp::Sub => (
            format!("cannot subtract {right} from {left}"),
            "`-` works on number - number, money - money, percent - percent, date - date (days), date - number (days) and fy - number (years)",
        ),
        BinOp::Mul => (
            format!("cannot multiply {left} by {right}"),
            "`*` works on number * number, money * number, number * money and money * percent",
        ),
        _ => (
            format!("cannot divide {left} by {right}"),
            "`/` works on number / number, money / number and money / money (a ratio)",
        ),
    };
    let help = match mismatch_help(left, right) {
        Some(specific) => format!("{help}; {specific}"),
        None => help.to_string(),
    };
    ExprError::new(span, message).help(help)
}

/// A hint for using two types together, when there is an obvious one.
fn mismatch_help(a: &Type, b: &Type) -> Option<String> {
    fn one_way(x: &Type, y: &Type) -> Option<String> {
        use Type as T;
        let text = match (x, y) {
            (T::FinancialYear, T::Date) => {
                "use fy.end to compare a financial year's last day with a date (or fy.start for its first day)"
            }
            (T::YearRange, T::FinancialYear) => {
                "use `.from` or `.to` to get a range's first or last financial year"
            }
            (T::Percent, T::Number) => {
                "use `.value` (5 for 5%) or `.fraction` (0.05) to get a number from a percentage, or write a percentage as percent(\"5%\")"
            }
            (T::Money, T::Number) => {
                "use `.pounds` to get a number from money, or write an amount as money(\"£5m\")"
            }
            (T::Duration, T::Number) => {
                "use `.years` to get a number from a duration, or write one as duration(\"three years\")"
            }
            (T::Frequency, T::Number) => {
                "use `.per_year` to get a number from a frequency, or write one as frequency(\"monthly\")"
            }
            (T::Date, T::Number) => "use `.year` to get a date's year as a number",
            (T::FinancialYear, T::Number) => {
                "use `.year` to get the year a financial year starts in as a number"
            }
            (T::YearRange, T::Number) => "use `.years` to get the number of years in a range",
            (T::Citation, T::Number) => "use `.year` to get a citation's year as a number",
            (T::Citation, T::Text) => "use `.title` or `.year_text` to get a citation's text",
            (ty, T::Text) => {
                let kind = ty.kind()?;
                constructor(kind.name())?;
                return Some(format!(
                    "write a {0} as {0}(\"{1}\")",
                    kind.name(),
                    example(kind)
                ));
            }
            _ => return None,
        };
        Some(text.to_string())
    }
    one_way(a, b).or_else(|| one_way(b, a))
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

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

/// A field looked up by name at run time (only for unchecked expressions).
fn field_named(val: Option<&Val<'_>>, name: &str) -> Option<Field> {
    if name == "valid" {
        return Some(Field::Valid);
    }
    fields_of(val_kind(val?)?)
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, f)| f)
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

fn eval<'a>(node: &'a Node, env: &'a dyn Env) -> Option<Val<'a>> {
    match &node.kind {
        NodeKind::Number(n) => Some(Val::Number(*n)),
        NodeKind::Text(s) => Some(Val::Text(Cow::Borrowed(s))),
        NodeKind::Bool(b) => Some(Val::Bool(*b)),
        NodeKind::Const(v) => Some(v.clone()),
        NodeKind::Path(path) => eval_path(path, env),
        NodeKind::Field {
            base, name, field, ..
        } => {
            let val = eval(base, env);
            let field = field.get().or_else(|| field_named(val.as_ref(), name))?;
            follow(val, field)
        }
        NodeKind::Index { base, key } => {
            let NodeKind::Path(path) = &base.kind else {
                return None;
            };
            let table = path.resolved().map_or(path.text.as_str(), |(name, _)| name);
            match eval(key, env)? {
                Val::Malformed(_) => None,
                key => env.index(table, &key),
            }
        }
        NodeKind::Call { func, args } => eval_call(*func, args, env),
        NodeKind::Neg(operand) => match eval(operand, env)? {
            Val::Number(x) => Some(Val::Number(-x)),
            Val::Money(x) => Some(Val::Money(-x)),
            Val::Percent(x) => Some(Val::Percent(-x)),
            _ => None,
        },
        NodeKind::Not(operand) => Some(Val::Bool(!eval(operand, env)?.as_bool()?)),
        NodeKind::Binary { op, lhs, rhs } => match op {
            BinOp::And | BinOp::Or => {
                // Kleene logic: the deciding value wins even if the other
                // side is unknown.
                let decisive = *op == BinOp::Or;
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
                arith(*op, eval(lhs, env)?, eval(rhs, env)?)
            }
        },
    }
}

/// Evaluates a name and its fields.
fn eval_path<'a>(path: &'a Path, env: &'a dyn Env) -> Option<Val<'a>> {
    let (mut val, fields) = match path.resolved() {
        Some((name, fields)) => (env.get(name), fields),
        // Never checked: the longest prefix the environment knows is the
        // name (or, failing that, the first segment, which is missing).
        None => {
            let found = path
                .segments
                .iter()
                .enumerate()
                .rev()
                .find_map(|(k, seg)| Some((env.get(&path.text[..seg.text.end])?, k + 1)));
            let (val, k) = found.map_or((None, 1), |(val, k)| (Some(val), k));
            (val, path.segments.get(k..).unwrap_or_default())
        }
    };
    for seg in fields {
        let name = &path.text[seg.text.clone()];
        val = match seg.field.get().or_else(|| field_named(val.as_ref(), name)) {
            Some(field) => follow(val, field),
            None => None,
        };
    }
    val
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{Citation, DatePrecision};

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

    /// The tree as an s-expression: paths as written, `$name` once resolved,
    /// `#value` for constants.
    fn sx(node: &Node) -> String {
        match &node.kind {
            NodeKind::Number(n) => format!("{n}"),
            NodeKind::Text(s) => format!("{s:?}"),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Const(v) => format!("#{v}"),
            NodeKind::Path(p) => match p.resolved() {
                Some((name, fields)) => fields.iter().fold(format!("${name}"), |out, seg| {
                    format!("(. {out} {})", &p.text[seg.text.clone()])
                }),
                None => p.text.clone(),
            },
            NodeKind::Field { base, name, .. } => format!("(. {} {name})", sx(base)),
            NodeKind::Index { base, key } => format!("([] {} {})", sx(base), sx(key)),
            NodeKind::Call { func, args } => {
                let args: Vec<String> = args.iter().map(sx).collect();
                format!("({} {})", func.name(), args.join(" "))
            }
            NodeKind::Neg(x) => format!("(neg {})", sx(x)),
            NodeKind::Not(x) => format!("(not {})", sx(x)),
            NodeKind::Binary { op, lhs, rhs } => {
                format!("({} {} {})", op.symbol(), sx(lhs), sx(rhs))
            }
        }
    }

    fn tree(src: &str) -> String {
        match parse(src) {
            Ok(expr) => sx(&expr.root),
            Err(e) => panic!("{src:?} did not parse: {e:?}"),
        }
    }

    fn checked_tree(src: &str) -> String {
        let expr = parse(src).expect("parses");
        expr.check(&scope()).expect("checks");
        sx(&expr.root)
    }

    fn ty(src: &str) -> Type {
        let expr = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        expr.check(&scope())
            .unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
    }

    /// The first error from parsing then checking `src` as a condition.
    fn error(src: &str) -> ExprError {
        match parse(src).and_then(|e| e.check_condition(&scope())) {
            Ok(()) => panic!("{src:?} unexpectedly passed"),
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
        let expr = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        expr.check(&scope())
            .unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        expr.eval(env).map(|v| format!("{}: {v}", v.ty()))
    }

    fn value(src: &str) -> Option<String> {
        eval_in(src, &env())
    }

    fn truth(src: &str) -> Option<bool> {
        let expr = parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        expr.check_condition(&scope())
            .unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        expr.eval_condition(&env())
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    // ----- parsing --------------------------------------------------------

    #[test]
    fn arithmetic_precedence() {
        assert_eq!(tree("a + b * c"), "(+ a (* b c))");
        assert_eq!(tree("a * b + c"), "(+ (* a b) c)");
        assert_eq!(tree("a - b - c"), "(- (- a b) c)");
        assert_eq!(tree("a / b * c"), "(* (/ a b) c)");
        assert_eq!(tree("(a + b) * c"), "(* (+ a b) c)");
        assert_eq!(tree("-a * b"), "(* (neg a) b)");
        assert_eq!(tree("- -3"), "(neg (neg 3))");
        assert_eq!(tree("a + b >= c * d"), "(>= (+ a b) (* c d))");
    }

    #[test]
    fn logical_precedence() {
        assert_eq!(tree("not a and b"), "(and (not a) b)");
        assert_eq!(tree("not a == b"), "(not (== a b))");
        assert_eq!(tree("a or b and c"), "(or a (and b c))");
        assert_eq!(tree("a and b or c"), "(or (and a b) c)");
        assert_eq!(tree("a or b or c"), "(or (or a b) c)");
        assert_eq!(tree("not not a"), "(not (not a))");
        assert_eq!(tree("not (a or b)"), "(not (or a b))");
        assert_eq!(tree("a < b and c != d"), "(and (< a b) (!= c d))");
    }

    #[test]
    fn postfix_and_literals() {
        assert_eq!(tree("horizon.years"), "horizon.years");
        assert_eq!(tree("a . b"), "a.b");
        assert_eq!(
            tree("audited_by[default(year, period)].end"),
            "(. ([] audited_by (default year period)) end)"
        );
        assert_eq!(tree("(a).b"), "(. a b)");
        assert_eq!(tree("exists(a.b)"), "(exists a.b)");
        assert_eq!(tree("0.05 + 3 + 1000"), "(+ (+ 0.05 3) 1000)");
        assert_eq!(tree(r#""a\"b\\c""#), r#""a\"b\\c""#);
        assert_eq!(tree(r#""£5m""#), r#""£5m""#);
        assert_eq!(tree("true and false"), "(and true false)");
        assert_eq!(tree("_x1 == x_2"), "(== _x1 x_2)");
        // `3.` is not a number with a fraction: it is 3 and a field.
        assert_eq!(tree("3.x"), "(. 3 x)");
    }

    #[test]
    fn string_escapes_are_unescaped() {
        let expr = parse(r#""say \"hi\" \\ bye""#).expect("parses");
        assert!(matches!(&expr.root.kind, NodeKind::Text(t) if t == r#"say "hi" \ bye"#));
    }

    #[test]
    fn node_spans_cover_their_source() {
        let src = "signed <= audited_by[default(year, period)]";
        let expr = parse(src).expect("parses");
        assert_eq!(expr.root.span, 0..src.len());
        let NodeKind::Binary { lhs, rhs, .. } = &expr.root.kind else {
            panic!("not binary");
        };
        assert_eq!(&src[lhs.span.clone()], "signed");
        assert_eq!(&src[rhs.span.clone()], "audited_by[default(year, period)]");
        assert_eq!(expr.source(), src);
    }

    #[test]
    fn constructors_become_constants() {
        assert_eq!(tree(r#"fy("2023/24")"#), "#2023/24");
        assert_eq!(tree(r#"date("31 March 2024")"#), "#31 March 2024");
        assert_eq!(tree(r#"date("2024-03-31")"#), "#31 March 2024");
        assert_eq!(tree(r#"money("£14.2m")"#), "#£14.2m");
        assert_eq!(tree(r#"percent("5%")"#), "#5%");
        assert_eq!(tree(r#"frequency("monthly")"#), "#monthly");
        assert_eq!(
            tree(r#"fy_range("2024/25 to 2027/28")"#),
            "#2024/25 to 2027/28"
        );
        assert_eq!(ty(r#"duration("three years")"#), Type::Duration);
        assert_eq!(ty(r#"money("£5m")"#), Type::Money);
        assert_eq!(ty(r#"date(" 2024-03-31 ")"#), Type::Date);
    }

    // ----- syntax errors --------------------------------------------------

    #[test]
    fn empty_condition() {
        assert_error("", "", "empty condition");
        assert_error("  \n ", "  \n ", "empty condition");
    }

    #[test]
    fn missing_operand() {
        let e = assert_error(
            "count <",
            "",
            "expected a value, found the end of the condition",
        );
        assert_eq!(e.span, 7..7);
        assert_error("count < )", ")", "expected a value, found `)`");
        assert_error("t and or f", "or", "expected a value, found `or`");
        assert_error("count == not t", "not", "expected a value, found `not`");
    }

    #[test]
    fn chained_comparison() {
        let src = "count < count < count";
        let e = assert_error(src, "<", "comparisons cannot be chained");
        assert_eq!(e.span, 14..15);
        assert_eq!(e.help.as_deref(), Some("write `a < b and b < c`"));
    }

    #[test]
    fn unbalanced_brackets() {
        let e = assert_error("(count > 1", "(", "unclosed `(`");
        assert_eq!(e.help.as_deref(), Some("add `)`"));
        assert_error("(count b", "b", "expected `)` to close `(`, found `b`");
        assert_error("audited_by[period", "[", "unclosed `[`");
        assert_error(
            "audited_by[period)",
            ")",
            "expected `]` to close `[`, found `)`",
        );
        assert_error("exists(t", "(", "unclosed `(`");
        assert_error(
            "count > 1)",
            ")",
            "unexpected `)` after a complete condition",
        );
        let e = assert_error("t f", "f", "unexpected `f` after a complete condition");
        assert_eq!(
            e.help.as_deref(),
            Some("join conditions with `and` or `or`")
        );
    }

    #[test]
    fn bad_strings() {
        let e = assert_error(r#"name == "abc"#, r#""abc"#, "unterminated string");
        assert_eq!(e.help.as_deref(), Some("add a closing `\"`"));
        assert_error(r#"name == "abc\"#, r#""abc\"#, "unterminated string");
        assert_error(r#"name == "a\nb""#, r"\n", "unknown escape in string");
        assert_error(r#"name == "a\éb""#, r"\é", "unknown escape in string");
    }

    #[test]
    fn bad_characters() {
        let e = assert_error("count = 1", "=", "unexpected `=`");
        assert_eq!(e.help.as_deref(), Some("use `==` to compare"));
        let e = assert_error("t && f", "&&", "unexpected `&&`");
        assert_eq!(e.help.as_deref(), Some("use `and`"));
        let e = assert_error("t || f", "||", "unexpected `||`");
        assert_eq!(e.help.as_deref(), Some("use `or`"));
        assert_error("!t", "!", "unexpected `!`");
        assert_error("name == 'x'", "'", "unexpected `'`");
        let e = assert_error("balance > £5m", "£", "unexpected `£`");
        assert_eq!(
            e.help.as_deref(),
            Some("write an amount of money as money(\"£5m\")")
        );
        assert_error("rate > 5%", "%", "unexpected `%`");
        assert_error("count é 1", "é", "unexpected character `é`");
        assert_error("count # 1", "#", "unexpected character `#`");
        let e = assert_error(
            "Horizon.years > 1",
            "Horizon",
            "names are written in lower case",
        );
        assert_eq!(e.help.as_deref(), Some("write `horizon`"));
        assert_error(
            &format!("count > {}", "9".repeat(400)),
            &"9".repeat(400),
            "number is too large",
        );
    }

    #[test]
    fn bad_field_syntax() {
        assert_error(
            "period.3",
            "3",
            "expected a field name after `.`, found `3`",
        );
        assert_error(
            "period.",
            "",
            "expected a field name after `.`, found the end of the condition",
        );
        assert_error(
            "period.not",
            "not",
            "expected a field name after `.`, found `not`",
        );
    }

    #[test]
    fn nesting_limit() {
        let ok = format!("{}t{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert_eq!(ty(&ok), Type::Bool);
        let deep = format!(
            "{}t{}",
            "(".repeat(MAX_NESTING + 1),
            ")".repeat(MAX_NESTING + 1)
        );
        let e = assert_error(
            &deep,
            "(",
            "condition is nested too deeply (more than 64 levels)",
        );
        assert_eq!(e.span, MAX_NESTING..MAX_NESTING + 1);

        let nots = format!("{}t", "not ".repeat(MAX_NESTING + 1));
        let e = assert_error(
            &nots,
            "not",
            "condition is nested too deeply (more than 64 levels)",
        );
        assert_eq!(e.span.start, 4 * MAX_NESTING);
        assert_eq!(ty(&format!("{}t", "not ".repeat(MAX_NESTING))), Type::Bool);

        let negs = format!("{}count > 0", "-".repeat(MAX_NESTING + 1));
        assert_error(
            &negs,
            "-",
            "condition is nested too deeply (more than 64 levels)",
        );

        let calls = format!(
            "{}t{}",
            "exists(".repeat(MAX_NESTING + 1),
            ")".repeat(MAX_NESTING + 1)
        );
        assert_error(
            &calls,
            "(",
            "condition is nested too deeply (more than 64 levels)",
        );
    }

    #[test]
    fn huge_inputs_fail_without_overflowing_the_stack() {
        let parens = "(".repeat(200_000);
        assert_eq!(
            error(&parens).message,
            "condition is nested too deeply (more than 64 levels)"
        );
        let brackets = "a[".repeat(100_000);
        assert_eq!(
            error(&brackets).message,
            "condition is nested too deeply (more than 64 levels)"
        );
        let chain = vec!["t"; 100_000].join(" and ");
        assert_eq!(
            error(&chain).message,
            "condition is too complex (more than 256 operations deep)"
        );
        let path = vec!["a"; 100_000].join(".");
        assert_eq!(
            error(&path).message,
            "condition is too complex (more than 256 operations deep)"
        );
        // A long chain within the limit checks and evaluates.
        let fine = vec!["t"; MAX_DEPTH].join(" and ");
        assert_eq!(truth(&fine), Some(true));
        let too_long = vec!["t"; MAX_DEPTH + 2].join(" and ");
        assert_eq!(
            error(&too_long).message,
            "condition is too complex (more than 256 operations deep)"
        );
    }

    #[test]
    fn functions_at_parse_time() {
        let e = assert_error("foo(1)", "foo", "unknown function `foo`");
        assert_eq!(
            e.help.as_deref(),
            Some(
                "functions: exists, default, min, max, abs, contains, date, fy, fy_range, money, percent, frequency, duration"
            )
        );
        let e = assert_error("exsts(t)", "exsts", "unknown function `exsts`");
        assert!(
            e.help
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean `exists`? functions: exists,"))
        );
        assert_error(
            "exists(t, f)",
            "exists(t, f)",
            "`exists` takes 1 argument, found 2",
        );
        assert_error(
            "default(t)",
            "default(t)",
            "`default` takes 2 arguments, found 1",
        );
        assert_error("min() < 1", "min()", "`min` takes 2 arguments, found 0");
    }

    #[test]
    fn constructor_literals_are_validated() {
        let e = assert_error(
            r#"fy(period) == period"#,
            "period",
            "`fy` takes a string literal",
        );
        assert_eq!(e.help.as_deref(), Some(r#"write fy("2023/24")"#));
        let e = assert_error(
            r#"period == fy("hello")"#,
            r#""hello""#,
            r#""hello" is not a valid fy"#,
        );
        assert_eq!(e.help.as_deref(), Some(r#"write fy("2023/24")"#));
        // Malformed (not merely unrecognised) text says why.
        let e = error(r#"period == fy("2022/25")"#);
        assert!(
            e.message.starts_with(r#""2022/25" is not a valid fy: "#),
            "{}",
            e.message
        );
        assert_eq!(&r#"period == fy("2022/25")"#[e.span], r#""2022/25""#);
        let e = error(r#"signed < date("2024-02-30")"#);
        assert!(e.message.starts_with(r#""2024-02-30" is not a valid date"#));
        assert_eq!(&r#"signed < date("2024-02-30")"#[e.span], r#""2024-02-30""#);
        let e = assert_error(
            r#"signed < date("soon")"#,
            r#""soon""#,
            r#""soon" is not a valid date"#,
        );
        assert_eq!(
            e.help.as_deref(),
            Some(r#"write date("31 March 2024") or date("2024-03-31")"#)
        );
        assert_error(
            r#"rate > percent("lots")"#,
            r#""lots""#,
            r#""lots" is not a valid percent"#,
        );
        assert_error(
            r#"meeting > frequency("often")"#,
            r#""often""#,
            r#""often" is not a valid frequency"#,
        );
        assert_error(
            r#"date("a", "b") < signed"#,
            r#"date("a", "b")"#,
            "`date` takes 1 argument, found 2",
        );
        assert_error(
            r#"money("£5m" ) > money(1)"#,
            "1",
            "`money` takes a string literal",
        );
    }

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
            let expr = parse(src).expect("parses");
            let ty = expr.check(&overlapping).expect("checks");
            (ty, sx(&expr.root), expr.names().join(","))
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
        let expr = parse("signed <= audited_by[default(year, period)] and period == period.next")
            .expect("parses");
        assert_eq!(
            expr.names(),
            ["signed", "audited_by", "year", "period", "period.next"]
        );
        expr.check(&scope()).expect("checks");
        assert_eq!(expr.names(), ["signed", "audited_by", "year", "period"]);
        let expr = parse("horizon.years >= params.min_years").expect("parses");
        expr.check(&scope()).expect("checks");
        assert_eq!(expr.names(), ["horizon", "params.min_years"]);
        assert!(parse("1 < 2").expect("parses").names().is_empty());
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
        let e = expr.check(&empty).expect_err("no names");
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
        assert!(e.help.as_deref().is_some_and(
            |h| h.starts_with("`+` works on number + number,") && h.contains("`.pounds`")
        ));
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
    fn unchecked_expressions_evaluate_by_longest_prefix() {
        let env = env();
        let expr = parse("horizon.years >= params.min_years").expect("parses");
        assert_eq!(expr.eval_condition(&env), Some(true));
        let expr = parse("audited_by[period].year + year.valid.x").expect("parses");
        assert_eq!(expr.eval(&env), None);
        let expr = parse("nothing.here").expect("parses");
        assert_eq!(expr.eval(&env), None);
        let expr = parse("year.valid").expect("parses");
        assert_eq!(expr.eval(&env), Some(Val::Bool(false)));
        let expr = parse("missing_fy.valid or (missing_fy).valid").expect("parses");
        assert_eq!(expr.eval(&env), Some(Val::Bool(false)));
        let expr = parse("period.valid and (period).valid").expect("parses");
        assert_eq!(expr.eval(&env), Some(Val::Bool(true)));
    }

    #[test]
    fn closures_and_maps_are_scopes() {
        let lookup = |name: &str| match name {
            "period" => Some(Type::FinancialYear),
            "params.min_years" => Some(Type::Number),
            _ => None,
        };
        let expr = parse("period.year >= params.min_years").expect("parses");
        assert_eq!(expr.check(&lookup), Ok(Type::Bool));
        assert_eq!(check_condition(&expr, &lookup), Ok(()));
        let as_dyn: &dyn Fn(&str) -> Option<Type> = &lookup;
        assert_eq!(expr.check(as_dyn), Ok(Type::Bool));
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
        let expr = parse("count > 1").expect("parses");
        assert_eq!(expr.check(&hash), Ok(Type::Bool));
        assert_eq!(expr.check(&btree), Ok(Type::Bool));
        assert_eq!(expr.check(&vec), Ok(Type::Bool));
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
    fn checking_again_resolves_again() {
        let fy_scope = [("a", Type::FinancialYear)];
        let date_scope = [("a.year", Type::Date)];
        let expr = parse("a.year").expect("parses");
        assert_eq!(expr.check(&fy_scope), Ok(Type::Number));
        assert_eq!(expr.names(), ["a"]);
        let copy = expr.clone();
        assert_eq!(expr.check(&date_scope), Ok(Type::Date));
        assert_eq!(expr.names(), ["a.year"]);
        // A clone keeps the resolution it was made with.
        assert_eq!(copy.names(), ["a"]);
        let env = TestEnv {
            data: vec![
                ("a", ValueData::FinancialYear(fy_of(2023))),
                ("a.year", ValueData::Date(day_of(2020, 1, 2))),
            ],
            plain: vec![],
            tables: vec![],
        };
        assert_eq!(copy.eval(&env), Some(Val::Number(2023.0)));
        assert_eq!(expr.eval(&env), Some(Val::Date(day_of(2020, 1, 2))));
    }

    #[test]
    fn checked_expressions_are_shareable() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Expr>();
        for (i, field) in FIELDS.iter().enumerate() {
            assert_eq!(usize::from(*field as u8), i + 1);
            let memo = FieldMemo::default();
            assert_eq!(memo.get(), None);
            memo.set(*field);
            assert_eq!(memo.get(), Some(*field));
        }
    }

    #[test]
    fn eval_condition_of_non_bool_is_none() {
        let env = env();
        let expr = parse("count").expect("parses");
        expr.check(&scope()).expect("checks");
        assert_eq!(expr.eval_condition(&env), None);
        assert_eq!(expr.eval(&env), Some(Val::Number(7.0)));
    }

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
        const PIECES: [&str; 48] = [
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
                Ok(expr) => {
                    parsed += 1;
                    let _ = expr.eval(&env);
                    match expr.check(&scope) {
                        Ok(_) => {
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
        let e = parse("contains(list, item)").expect("parses");
        assert_eq!(e.check(&scope), Ok(Type::Bool));
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
}
