//! Static types, runtime values and the fields of each value kind.

use crate::values::{
    Citation, Date, Duration, FinancialYear, Frequency, Money, ValueData, ValueKind, YearRange,
};
use std::borrow::Cow;
use std::fmt;

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

    /// The same value, borrowing its text from `self` rather than copying
    /// it, so evaluating a constant does not allocate.
    pub(super) fn borrowed(&self) -> Val<'_> {
        match self {
            Val::Text(text) => Val::Text(Cow::Borrowed(text)),
            other => other.clone(),
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

/// A field of a value kind, resolved at check time so evaluation does not
/// compare strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Valid,
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

impl Field {
    pub(super) fn ty(self) -> Type {
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
pub(super) fn fields_of(kind: ValueKind) -> &'static [(&'static str, Field)] {
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
