//! Parameters and lookup tables: values of named types written in TOML.

use super::Loader;
use crate::rules::expr::Type;
use crate::rules::schema::{self, TableDef};
use crate::rules::{ParamValue, Table};
use crate::values::{self as value, Date, DatePrecision, ValueData, ValueKind};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

impl Loader<'_> {
    pub(super) fn params(
        &mut self,
        defs: &BTreeMap<String, Spanned<schema::ParamValue>>,
    ) -> Vec<(String, ParamValue)> {
        let mut out = Vec::new();
        for (name, def) in defs {
            let value = match def.get_ref() {
                schema::ParamValue::Bool(b) => ParamValue::Bool(*b),
                schema::ParamValue::Integer(i) => ParamValue::Number(*i as f64),
                schema::ParamValue::Float(f) => ParamValue::Number(*f),
                schema::ParamValue::Text(t) => ParamValue::Text(t.clone()),
                schema::ParamValue::Typed(t) => match self.typed(&t.kind, &t.value, def.span()) {
                    Some(v) => v,
                    None => continue,
                },
            };
            out.push((name.clone(), value));
        }
        out
    }

    /// A value of a named type written as text, e.g. ("frequency", "monthly").
    /// Text that is not a value of a known type is an error, and gives a
    /// stand-in of that type, so that the conditions and messages using it
    /// are not reported as well (the rule does not load either way).
    fn typed(&mut self, kind: &str, text: &str, span: Range<usize>) -> Option<ParamValue> {
        match kind {
            "number" => match text.trim().parse::<f64>() {
                Ok(n) => return Some(ParamValue::Number(n)),
                Err(_) => {
                    self.err(
                        span,
                        format!("`{text}` is not a number"),
                        "not a number",
                        None,
                    );
                    return Some(ParamValue::Number(f64::NAN));
                }
            },
            "text" => return Some(ParamValue::Text(text.to_owned())),
            _ => {}
        }
        let Some(kind) = ValueKind::from_name(kind) else {
            self.err(
                span,
                format!("unknown value type `{kind}`"),
                "unknown type",
                Some(type_names()),
            );
            return None;
        };
        match parse_whole(kind, text) {
            Some(v) => Some(ParamValue::Value(v)),
            None => {
                self.err(
                    span,
                    format!("`{text}` is not a valid {}", kind.name()),
                    "cannot be read",
                    None,
                );
                Some(ParamValue::Value(ValueData::Malformed {
                    kind,
                    reason: "not a valid value".into(),
                }))
            }
        }
    }

    pub(super) fn table(&mut self, name: &str, def: &TableDef) -> Option<Table> {
        let known = |t: &str| t == "number" || t == "text" || ValueKind::from_name(t).is_some();
        let key_type = def.key.get_ref().as_str();
        if !known(key_type) {
            self.err(
                def.key.span(),
                format!("unknown key type `{key_type}`"),
                "unknown type",
                Some(type_names()),
            );
        }
        let value_type = def.value.get_ref().as_str();
        if !known(value_type) {
            self.err(
                def.value.span(),
                format!("unknown value type `{value_type}`"),
                "unknown type",
                Some(type_names()),
            );
        }
        if !known(key_type) || !known(value_type) {
            return None;
        }
        let mut entries = Vec::new();
        for (key, value) in def.entries.get_ref() {
            let Some(k) = self.typed(key_type, key, value.span()) else {
                continue;
            };
            match self.entry_value(value, value_type) {
                Some(v) => entries.push((k, v)),
                None => self.err(
                    value.span(),
                    format!("expected a {value_type} here"),
                    "wrong type",
                    None,
                ),
            }
        }
        Some(Table {
            name: name.to_owned(),
            entries,
        })
    }

    /// A table entry's value: a TOML date or number, or text of the type.
    fn entry_value(
        &mut self,
        value: &Spanned<toml::Value>,
        value_type: &str,
    ) -> Option<ParamValue> {
        match (value.get_ref(), value_type) {
            (toml::Value::Datetime(dt), "date") => dt
                .date
                .and_then(|d| {
                    chrono::NaiveDate::from_ymd_opt(
                        i32::from(d.year),
                        u32::from(d.month),
                        u32::from(d.day),
                    )
                })
                .map(|start| {
                    ParamValue::Value(ValueData::Date(Date {
                        start,
                        precision: DatePrecision::Day,
                    }))
                }),
            (toml::Value::Integer(i), "number") => Some(ParamValue::Number(*i as f64)),
            (toml::Value::Float(f), "number") => Some(ParamValue::Number(*f)),
            (toml::Value::String(s), _) => self.typed(value_type, s, value.span()),
            _ => None,
        }
    }
}

/// The type expressions see for a parameter or table entry.
pub(super) fn param_type(v: &ParamValue) -> Type {
    match v {
        ParamValue::Number(_) => Type::Number,
        ParamValue::Bool(_) => Type::Bool,
        ParamValue::Text(_) => Type::Text,
        ParamValue::Value(d) => Type::of_kind(d.kind()),
    }
}

/// Parses text that must be exactly one valid value of `kind`.
pub(crate) fn parse_whole(kind: ValueKind, text: &str) -> Option<ValueData> {
    match value::parse_value(kind, text.trim()) {
        Some(ValueData::Malformed { .. }) | None => {
            // ISO dates are accepted in rule files whatever the prose parser says.
            if kind == ValueKind::Date {
                return text.parse::<Date>().ok().map(ValueData::Date);
            }
            None
        }
        Some(v) => Some(v),
    }
}

fn type_names() -> String {
    let kinds: Vec<&str> = ValueKind::ALL.iter().map(|k| k.name()).collect();
    format!("the types are: number, text, {}", kinds.join(", "))
}
