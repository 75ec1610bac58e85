//! Checking the file's rule ids, severities and parameters against the
//! loaded rules, and turning each layer (the top level, each override) into
//! typed settings.

use super::error::ConfigError;
use super::file::LayerDef;
use super::load::Config;
use super::{Provenance, Setting};
use crate::rules::vocabulary::suggest::closest;
use crate::rules::{ParamValue, Rule, RuleSet, Severity, Table};
use crate::values::{Date, DatePrecision, ValueData, ValueKind};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// What `select` and `ignore` name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Selector {
    Rule(String),
    /// A CIPFA/SOLACE principle, A to G.
    Principle(char),
    Severity(Severity),
}

impl Selector {
    /// Whether it names `rule`, whose severity is now `severity`.
    pub fn matches(&self, rule: &Rule, severity: Severity) -> bool {
        match self {
            Selector::Rule(id) => *id == rule.id,
            Selector::Principle(p) => rule.principles.contains(p),
            Selector::Severity(s) => *s == severity,
        }
    }
}

/// One layer's rule settings, checked and typed.
#[derive(Debug, Default)]
pub(super) struct Layer {
    /// The rules this layer runs, when it says (replacing the layers'
    /// below), and where it says so.
    pub select: Option<(Vec<Selector>, Provenance)>,
    pub ignore: Vec<(Selector, Provenance)>,
    /// Rule id → severity.
    pub severity: Vec<(String, Setting<Severity>)>,
    /// (rule id, parameter) → value.
    pub params: Vec<(String, String, Setting<ParamValue>)>,
    /// (rule id, table, key) → value: a row added or changed.
    pub rows: Vec<(String, String, ParamValue, Setting<ParamValue>)>,
}

impl Config {
    /// The top level's rule settings (first), then each override's.
    pub(super) fn bind(&self, rules: &RuleSet) -> Result<Vec<Layer>, Vec<ConfigError>> {
        let mut binder = Binder {
            config: self,
            rules,
            errors: Vec::new(),
        };
        let mut layers = vec![binder.layer(&self.file.layer(), None)];
        for (def, (_, paths)) in self.file.overrides.iter().zip(&self.overrides) {
            layers.push(binder.layer(&def.get_ref().layer(), Some(paths)));
        }
        if binder.errors.is_empty() {
            Ok(layers)
        } else {
            // In file order, whatever order the keys were checked in.
            binder.errors.sort_by_key(|e| e.span.map(|s| s.offset()));
            Err(binder.errors)
        }
    }
}

struct Binder<'a> {
    config: &'a Config,
    rules: &'a RuleSet,
    errors: Vec<ConfigError>,
}

impl<'a> Binder<'a> {
    fn err(&mut self, span: Range<usize>, message: String, label: &str, help: Option<String>) {
        let e = self.config.text.error(Some(span), message, label, help);
        self.errors.push(e);
    }

    fn layer(&mut self, def: &LayerDef<'_>, paths: Option<&str>) -> Layer {
        let at = |span: Range<usize>| self.config.provenance(&span, paths);
        let select = def.select.map(|list| {
            let selectors = list
                .get_ref()
                .iter()
                .filter_map(|s| self.selector(s))
                .collect();
            (selectors, at(list.span()))
        });
        let ignore = def
            .ignore
            .iter()
            .filter_map(|s| Some((self.selector(s)?, at(s.span()))))
            .collect();
        let mut severity = Vec::new();
        for (id, level) in def.severity.into_iter().flatten() {
            if self.rule(id).is_some() {
                let setting = Setting {
                    value: *level.get_ref(),
                    from: at(level.span()),
                };
                severity.push((id.get_ref().clone(), setting));
            }
        }
        let mut layer = Layer {
            select,
            ignore,
            severity,
            ..Layer::default()
        };
        for (id, entries) in def.params.into_iter().flatten() {
            if let Some(rule) = self.rule(id) {
                self.params(rule, entries, paths, &mut layer);
            }
        }
        layer
    }

    /// A rule id, principle or severity.
    fn selector(&mut self, written: &Spanned<String>) -> Option<Selector> {
        let text = written.get_ref().as_str();
        if let [p @ 'A'..='G'] = text.chars().collect::<Vec<_>>()[..] {
            return Some(Selector::Principle(p));
        }
        match text {
            "error" => return Some(Selector::Severity(Severity::Error)),
            "warning" => return Some(Selector::Severity(Severity::Warning)),
            "info" => return Some(Selector::Severity(Severity::Info)),
            _ => {}
        }
        if self.rules.get(text).is_some() {
            return Some(Selector::Rule(text.to_owned()));
        }
        let mut names: Vec<&str> = self.rules.rules.iter().map(|r| r.id.as_str()).collect();
        names.extend([
            "A", "B", "C", "D", "E", "F", "G", "error", "warning", "info",
        ]);
        let upper = text.to_uppercase();
        let near = match upper.as_str() {
            "A" | "B" | "C" | "D" | "E" | "F" | "G" => Some(upper.as_str()),
            _ => closest(text, names.into_iter()),
        };
        let help = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => "name rule ids (`govlint rules` lists them), principles A to G, or severities error, warning, info".to_owned(),
        };
        self.err(
            written.span(),
            format!("`{text}` is not a rule, a principle or a severity"),
            "unknown",
            Some(help),
        );
        None
    }

    /// The rule a key names, or an error at the key.
    fn rule(&mut self, id: &Spanned<String>) -> Option<&'a Rule> {
        let rules = self.rules;
        let found = rules.get(id.get_ref());
        if found.is_none() {
            let help = match closest(id.get_ref(), rules.rules.iter().map(|r| r.id.as_str())) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`govlint rules` lists the rules".to_owned(),
            };
            self.err(
                id.span(),
                format!("no rule `{}` is loaded", id.get_ref()),
                "unknown rule",
                Some(help),
            );
        }
        found
    }

    /// `[params.<rule>]`: each name is a parameter (a value of its type) or
    /// a table (a TOML table of rows).
    fn params(
        &mut self,
        rule: &Rule,
        entries: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
        paths: Option<&str>,
        layer: &mut Layer,
    ) {
        for (name, value) in entries {
            let at = self.config.provenance(&value.span(), paths);
            if let Some(default) = rule.param(name.get_ref()) {
                if let Some(v) = self.param_value(rule, name, default, value) {
                    let setting = Setting { value: v, from: at };
                    layer
                        .params
                        .push((rule.id.clone(), name.get_ref().clone(), setting));
                }
            } else if let Some(table) = rule.table(name.get_ref()) {
                self.rows(rule, table, value, paths, layer);
            } else {
                self.unknown_param(rule, name);
            }
        }
    }

    fn param_value(
        &mut self,
        rule: &Rule,
        name: &Spanned<String>,
        default: &ParamValue,
        value: &Spanned<toml::Value>,
    ) -> Option<ParamValue> {
        let found = typed_like(default, value.get_ref());
        if found.is_none() {
            self.err(
                value.span(),
                format!(
                    "parameter `{}` of rule `{}` must be {}",
                    name.get_ref(),
                    rule.id,
                    type_name(default)
                ),
                &format!("expected {}", type_name(default)),
                Some(format!("its default is {}", literal(default))),
            );
        }
        found
    }

    fn rows(
        &mut self,
        rule: &Rule,
        table: &Table,
        value: &Spanned<toml::Value>,
        paths: Option<&str>,
        layer: &mut Layer,
    ) {
        let Some((key_like, value_like)) = table.entries.first() else {
            return;
        };
        let toml::Value::Table(rows) = value.get_ref() else {
            self.err(
                value.span(),
                format!(
                    "`{}` of rule `{}` is a table: give it rows, not a value",
                    table.name, rule.id
                ),
                "not a table",
                Some(format!(
                    "e.g. [params.{}.{}] then {} = {}",
                    rule.id,
                    table.name,
                    key_literal(key_like),
                    literal(value_like)
                )),
            );
            return;
        };
        // A `toml::Value` keeps no spans inside it: each row's come from the
        // file's span tree.
        let text = std::sync::Arc::clone(&self.config.text.text);
        let tree = toml::de::DeTable::parse(&text).ok();
        for (key, row) in rows {
            let whole = value.span();
            let row_span = tree
                .as_ref()
                .and_then(|t| find_row(t.get_ref(), &whole, key))
                .unwrap_or((whole.clone(), whole));
            let key_value = typed_like(key_like, &toml::Value::String(key.clone()));
            let Some(k) = key_value else {
                self.err(
                    row_span.0,
                    format!(
                        "the rows of table `{}` of rule `{}` are keyed by {}",
                        table.name,
                        rule.id,
                        type_name(key_like)
                    ),
                    &format!("expected {}", type_name(key_like)),
                    Some(format!("e.g. {}", key_literal(key_like))),
                );
                continue;
            };
            let Some(v) = typed_like(value_like, row) else {
                self.err(
                    row_span.1,
                    format!(
                        "the rows of table `{}` of rule `{}` hold {}",
                        table.name,
                        rule.id,
                        type_name(value_like)
                    ),
                    &format!("expected {}", type_name(value_like)),
                    Some(format!("e.g. {}", literal(value_like))),
                );
                continue;
            };
            let from = self.config.provenance(&row_span.0, paths);
            layer.rows.push((
                rule.id.clone(),
                table.name.clone(),
                k,
                Setting { value: v, from },
            ));
        }
    }

    fn unknown_param(&mut self, rule: &Rule, name: &Spanned<String>) {
        let params: Vec<&str> = rule.params.iter().map(|(n, _)| n.as_str()).collect();
        let tables: Vec<&str> = rule.tables.iter().map(|t| t.name.as_str()).collect();
        let names = params.iter().chain(&tables).copied();
        let help = match closest(name.get_ref(), names) {
            Some(near) => format!("did you mean `{near}`?"),
            None => {
                let mut known = Vec::new();
                if !params.is_empty() {
                    known.push(format!("its parameters: {}", params.join(", ")));
                }
                if !tables.is_empty() {
                    known.push(format!("its tables: {}", tables.join(", ")));
                }
                match known.is_empty() {
                    true => format!("`{}` has no parameters", rule.id),
                    false => known.join("; "),
                }
            }
        };
        self.err(
            name.span(),
            format!(
                "rule `{}` has no parameter or table `{}`",
                rule.id,
                name.get_ref()
            ),
            "unknown parameter",
            Some(help),
        );
    }
}

/// The key and value spans of row `key` of the table whose value spans
/// `within`, searched for in the file's span tree.
fn find_row(
    table: &toml::de::DeTable<'_>,
    within: &Range<usize>,
    key: &str,
) -> Option<(Range<usize>, Range<usize>)> {
    table.values().find_map(|v| find_in_value(v, within, key))
}

fn find_in_value(
    value: &Spanned<toml::de::DeValue<'_>>,
    within: &Range<usize>,
    key: &str,
) -> Option<(Range<usize>, Range<usize>)> {
    match value.get_ref() {
        toml::de::DeValue::Table(inner) if value.span() == *within => inner
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(k, v)| (k.span(), v.span())),
        toml::de::DeValue::Table(inner) => find_row(inner, within, key),
        toml::de::DeValue::Array(items) => items.iter().find_map(|i| find_in_value(i, within, key)),
        _ => None,
    }
}

/// `value` read as a value of the same type as `like`, if it is one.
pub(super) fn typed_like(like: &ParamValue, value: &toml::Value) -> Option<ParamValue> {
    use toml::Value as T;
    Some(match (like, value) {
        (ParamValue::Number(_), T::Integer(i)) => ParamValue::Number(*i as f64),
        (ParamValue::Number(_), T::Float(f)) => ParamValue::Number(*f),
        (ParamValue::Bool(_), T::Boolean(b)) => ParamValue::Bool(*b),
        (ParamValue::Text(_), T::String(s)) => ParamValue::Text(s.clone()),
        (ParamValue::Value(d), T::String(s)) => {
            ParamValue::Value(crate::rules::parse_whole(d.kind(), s)?)
        }
        (ParamValue::Value(ValueData::Date(_)), T::Datetime(dt)) if dt.time.is_none() => {
            let d = dt.date?;
            let start = chrono::NaiveDate::from_ymd_opt(
                i32::from(d.year),
                u32::from(d.month),
                u32::from(d.day),
            )?;
            ParamValue::Value(ValueData::Date(Date {
                start,
                precision: DatePrecision::Day,
            }))
        }
        _ => return None,
    })
}

/// "a number", "a frequency": what a value of the type of `like` is.
pub(super) fn type_name(like: &ParamValue) -> &'static str {
    match like {
        ParamValue::Number(_) => "a number",
        ParamValue::Bool(_) => "true or false",
        ParamValue::Text(_) => "text",
        ParamValue::Value(d) => match d.kind() {
            ValueKind::Date => "a date",
            ValueKind::FinancialYear => "a financial year",
            ValueKind::YearRange => "a range of financial years",
            ValueKind::Duration => "a duration",
            ValueKind::Money => "an amount of money",
            ValueKind::Percent => "a percentage",
            ValueKind::Frequency => "a frequency",
            ValueKind::Citation => "a statute citation",
        },
    }
}

/// A value as TOML that reads back as the same value.
pub(super) fn literal(value: &ParamValue) -> String {
    match value {
        ParamValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        ParamValue::Number(n) => format!("{n}"),
        ParamValue::Bool(b) => b.to_string(),
        ParamValue::Text(t) => quoted(t),
        ParamValue::Value(ValueData::Date(d)) if d.precision == DatePrecision::Day => {
            d.start.format("%Y-%m-%d").to_string()
        }
        ParamValue::Value(d) => quoted(&d.to_string()),
    }
}

/// A table key as TOML (always a quoted string).
pub(super) fn key_literal(key: &ParamValue) -> String {
    match key {
        ParamValue::Text(t) => quoted(t),
        ParamValue::Value(ValueData::Date(d)) if d.precision == DatePrecision::Day => {
            quoted(&d.start.format("%Y-%m-%d").to_string())
        }
        ParamValue::Value(d) => quoted(&d.to_string()),
        other => quoted(&literal(other)),
    }
}

pub(super) fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}
