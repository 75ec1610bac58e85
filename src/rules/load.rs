//! Turning a rule file into a compiled [`Rule`], with every error located.

use super::error::{RuleError, RuleSource};
use super::expr::{self, Scope as NameLookup, Type};
use super::pattern::{self, CaptureDef, PatternError};
use super::schema::{self, CheckDef, CheckKind, FoundDef, RuleFile, Scope, TableDef};
use super::template::Template;
use super::vocabulary::{self, Vocabulary};
use super::{Check, Found, ParamValue, Rule, Table};
use crate::values::{self as value, Date, DatePrecision, ValueData, ValueKind};
use regex::Regex;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// Names every expression may use besides captures and parameters.
pub const PERIOD: &str = "period";
pub const STATEMENT_DATE: &str = "statement_date";

/// Loads one rule file with the built-in vocabulary; returns every error
/// found in it.
pub fn load_rule(src: &RuleSource) -> Result<Rule, Vec<RuleError>> {
    load_rule_in(src, &Vocabulary::shared())
}

/// Loads one rule file whose patterns may use `shared`.
pub fn load_rule_in(src: &RuleSource, shared: &Arc<Vocabulary>) -> Result<Rule, Vec<RuleError>> {
    let (file, own): (RuleFile, _) = vocabulary::parse_rule_file(&src.text)
        .map_err(|e| vec![src.error(e.span(), e.message().trim_end().to_owned(), "here", None)])?;
    let mut errors = Vec::new();
    let words = Vocabulary::local(
        Arc::clone(shared),
        &own.lists,
        &own.fragments,
        src,
        &mut errors,
    );
    let mut cx = Loader {
        src,
        errors: &mut errors,
        words: &words,
        uses: Vec::new(),
    };
    let rule = cx.rule(file).map(|rule| Rule {
        uses: cx.uses,
        ..rule
    });
    let rule = rule.map(|rule| Rule {
        vocabulary: words,
        ..rule
    });
    match rule {
        Some(rule) if errors.is_empty() => Ok(rule),
        _ => Err(errors),
    }
}

struct Loader<'a> {
    src: &'a RuleSource,
    errors: &'a mut Vec<RuleError>,
    /// The names patterns may refer to as `{@name}`, and those they do.
    words: &'a Vocabulary,
    uses: Vec<String>,
}

impl Loader<'_> {
    fn err(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        self.errors
            .push(self.src.error(Some(span), message, label, help));
    }

    /// An error inside a string value, at `inner` bytes of its content.
    fn err_in(
        &mut self,
        value: &Spanned<String>,
        inner: Range<usize>,
        message: String,
        help: Option<String>,
    ) {
        let span = self.src.inner(&value.span(), value.get_ref(), inner);
        self.err(span, message, "here", help);
    }

    fn rule(&mut self, file: RuleFile) -> Option<Rule> {
        let id = file.id.get_ref().clone();
        let kebab = !id.is_empty()
            && id.split('-').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            self.err(
                file.id.span(),
                format!("rule id `{id}` is not kebab-case"),
                "not kebab-case",
                Some("use lower-case words joined by hyphens, e.g. `mtfs-horizon`".into()),
            );
        }
        let mut principles = Vec::new();
        for p in &file.principles {
            match p.get_ref().as_str() {
                s @ ("A" | "B" | "C" | "D" | "E" | "F" | "G") => {
                    principles.push(s.chars().next().unwrap_or('A'))
                }
                other => self.err(
                    p.span(),
                    format!("`{other}` is not a CIPFA/SOLACE principle"),
                    "unknown principle",
                    Some("the 2016 framework's principles are A to G".into()),
                ),
            }
        }
        let params = self.params(&file.params);
        let tables: Vec<Table> = file
            .tables
            .iter()
            .filter_map(|(name, def)| self.table(name, def))
            .collect();
        let globals = Globals {
            params: &params,
            tables: &tables,
        };
        let rule_message = &file.message;
        let mut checks = Vec::new();
        if file.checks.get_ref().is_empty() {
            self.err(
                file.checks.span(),
                "a rule needs at least one check",
                "empty",
                None,
            );
        }
        let mut needs_period = false;
        let mut needs_date = false;
        for def in file.checks.get_ref() {
            if let Some(mut check) = self.check(def, &globals, rule_message) {
                let names = check_names(&check);
                let (period, date) = (names.contains(&PERIOD), names.contains(&STATEMENT_DATE));
                check.needs_period = period;
                check.needs_date = date;
                needs_period |= check.needs_period;
                needs_date |= check.needs_date;
                checks.push(check);
            }
        }
        for test in &file.tests {
            self.test(test, &id);
        }
        // A rule-level message checked once per check errs once per check.
        self.errors
            .dedup_by(|a, b| a.span == b.span && a.message == b.message);
        Some(Rule {
            id,
            severity: file.severity,
            principles,
            summary: file.summary,
            message: file.message.into_inner(),
            help: file.help,
            url: file.url,
            references: file.references,
            docs: file.docs,
            params,
            tables,
            checks,
            tests: file.tests.into_iter().map(Spanned::into_inner).collect(),
            file: self.src.name.clone(),
            needs_period,
            needs_date,
            vocabulary: Vocabulary::default(),
            uses: Vec::new(),
        })
    }

    /// An example must say what it is and what must happen.
    fn test(&mut self, test: &Spanned<schema::TestDef>, id: &str) {
        let t = test.get_ref();
        let span = test.span();
        if t.text.is_some() == t.path.is_some() {
            self.err(
                span.clone(),
                "an example needs exactly one of `text` and `path`",
                "this example",
                None,
            );
        }
        // Exactly one of `allow` and `expect` must be given.
        if t.allow != t.expect.is_empty() {
            self.err(
                span.clone(),
                "an example needs either `expect = [\"…\"]` or `allow = true`",
                "this example",
                Some(format!("`expect = [\"{id}\"]` when the text must produce a finding, `allow = true` when it must not")),
            );
        }
        if let Some(p) = &t.period
            && !matches!(
                value::parse_value(ValueKind::FinancialYear, p),
                Some(ValueData::FinancialYear(_))
            )
        {
            self.err(
                span.clone(),
                format!("`period = \"{p}\"` is not a financial year"),
                "this example",
                None,
            );
        }
        if let Some(d) = &t.date
            && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
        {
            self.err(
                span,
                format!("`date = \"{d}\"` is not a YYYY-MM-DD date"),
                "this example",
                None,
            );
        }
    }

    fn params(
        &mut self,
        defs: &std::collections::BTreeMap<String, Spanned<schema::ParamValue>>,
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
                    return None;
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
                None
            }
        }
    }

    fn table(&mut self, name: &str, def: &TableDef) -> Option<Table> {
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
            let v = match (value.get_ref(), value_type) {
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
            };
            match v {
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

    fn check(
        &mut self,
        def: &CheckDef,
        globals: &Globals<'_>,
        rule_message: &Spanned<String>,
    ) -> Option<Check> {
        let before = self.errors.len();
        let kind = *def.kind.get_ref();
        let kind_span = def.kind.span();
        let scope = def.scope.as_ref().map_or(Scope::Sentence, |s| *s.get_ref());
        let each = match (&def.each, kind) {
            (None, _) => Scope::Document,
            (Some(e), CheckKind::Require) => {
                let e_scope = *e.get_ref();
                if !matches!(
                    e_scope,
                    Scope::Document | Scope::Section | Scope::Paragraph | Scope::Row
                ) || e_scope > scope
                {
                    self.err(
                        e.span(),
                        format!("`each = \"{}\"` cannot hold a {} scope", e_scope.as_str(), scope.as_str()),
                        "here",
                        Some("`each` is the container (document, section, paragraph or row) and must be at least as wide as `scope`".into()),
                    );
                }
                e_scope
            }
            (Some(e), _) => {
                self.err(
                    e.span(),
                    "`each` only applies to `require` checks",
                    "here",
                    None,
                );
                Scope::Document
            }
        };
        let texts: &[Spanned<String>] = def
            .patterns
            .as_ref()
            .map_or(&[], |p| p.get_ref().as_slice());
        let patterns_span = def
            .patterns
            .as_ref()
            .map_or(kind_span.clone(), Spanned::span);
        match (kind, texts.is_empty()) {
            (CheckKind::Numbering, false) => self.err(
                patterns_span.clone(),
                "a `numbering` check takes no patterns",
                "remove these",
                Some("it checks the document's numbered paragraphs itself".into()),
            ),
            (CheckKind::Numbering, true) => {}
            (_, true) => self.err(
                patterns_span.clone(),
                "a check needs at least one pattern",
                "here",
                None,
            ),
            _ => {}
        }
        let mut patterns = Vec::new();
        let mut captures: Vec<CaptureDef> = Vec::new();
        let builtins = builtin_names(kind, scope);
        for text in texts {
            match pattern::compile_in(text.get_ref(), self.words) {
                Ok(p) => {
                    self.used(&p.uses);
                    for c in &p.captures {
                        if captures.iter().any(|d| d.name == c.name)
                            || is_reserved(&c.name, globals)
                            || builtins.iter().any(|(b, _)| *b == c.name)
                        {
                            let at = text.get_ref().find(&c.name).unwrap_or(0);
                            self.err_in(
                                text,
                                at..at + c.name.len(),
                                format!("capture name `{}` is already in use", c.name),
                                Some("each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names".into()),
                            );
                        }
                    }
                    captures.extend(p.captures.iter().cloned());
                    patterns.push(p);
                }
                Err(e) => self.pattern_error(text, e),
            }
        }
        if kind == CheckKind::Resolve
            && !captures
                .iter()
                .any(|c| REFERENCE_KINDS.contains(&c.name.as_str()))
        {
            self.err(
                patterns_span.clone(),
                "a `resolve` check needs a capture named `section`, `paragraph`, `appendix` or `annex`",
                "in these patterns",
                Some("e.g. '(?i)\\bsee section (?P<section>\\d+(?:\\.\\d+)*)'".into()),
            );
        }
        let within = def.within.as_ref().and_then(|w| self.plain(w));
        if patterns.len() < texts.len() {
            // The captures are unknown; checking what uses them would only
            // repeat the pattern's error in other words.
            return None;
        }
        let unless = self.unless(&def.unless);
        let unless_found = def.unless_found.as_ref().and_then(|f| self.found(f));
        let only_if_found = def.only_if_found.as_ref().and_then(|f| self.found(f));
        let with_captures = NameScope::new(globals, &captures, true, &builtins);
        let facts_only = NameScope::new(globals, &captures, false, &[]);
        // A `require` finding means nothing matched: its messages can use
        // parameters and statement facts but no captures.
        let message_scope = if kind == CheckKind::Require {
            &facts_only
        } else {
            &with_captures
        };
        let condition = def.condition.as_ref().and_then(|c| {
            let parsed = expr::parse_condition(c.get_ref(), &with_captures);
            parsed
                .map_err(|e| self.err_in(c, e.span, e.message, e.help))
                .ok()
        });
        let when = def.when.as_ref().and_then(|c| {
            let parsed = expr::parse_condition(c.get_ref(), &facts_only);
            parsed
                .map_err(|e| self.err_in(c, e.span, e.message, e.help))
                .ok()
        });
        // The rule-level message serves every check without its own, so it
        // is checked (and parsed) in each such check's scope.
        let message = self.template(def.message.as_ref().unwrap_or(rule_message), message_scope);
        let label = def
            .label
            .as_ref()
            .and_then(|m| self.template(m, message_scope));
        let capture_index = |name: &str| captures.iter().position(|c| c.name == name);
        let anchor = def.anchor.as_ref().and_then(|a| {
            let found = capture_index(a.get_ref());
            if found.is_none() {
                self.err(
                    a.span(),
                    format!("no capture named `{}` in this check", a.get_ref()),
                    "unknown capture",
                    capture_help(&captures),
                );
            }
            found
        });
        let mut labels = Vec::new();
        for (name, text) in &def.labels {
            match capture_index(name) {
                Some(i) => {
                    if let Some(t) = self.template(text, &with_captures) {
                        labels.push((i, t));
                    }
                }
                None => self.err(
                    text.span(),
                    format!("no capture named `{name}` in this check"),
                    "label for an unknown capture",
                    capture_help(&captures),
                ),
            }
        }
        if kind == CheckKind::Require && (anchor.is_some() || !labels.is_empty()) {
            self.err(
                patterns_span.clone(),
                "a `require` finding has no match to label",
                "here",
                Some("remove `anchor` and `labels` from this check".into()),
            );
        }
        if kind == CheckKind::Assert && def.condition.is_none() {
            self.err(
                patterns_span,
                "an `assert` check needs a `condition`",
                "here",
                None,
            );
        }
        if self.errors.len() > before {
            return None;
        }
        let literals = patterns
            .iter()
            .map(|p| super::prefilter::required_literals(p.regex.as_str()))
            .collect();
        Some(Check {
            kind,
            scope,
            each,
            within,
            patterns,
            unless,
            condition,
            when,
            unless_found,
            only_if_found,
            message: message?,
            label,
            anchor,
            labels,
            captures,
            needs_period: false,
            needs_date: false,
            literals,
        })
    }

    fn found(&mut self, def: &FoundDef) -> Option<Found> {
        let mut patterns = Vec::new();
        for p in &def.patterns {
            patterns.push(self.plain(p)?);
        }
        let within = match &def.within {
            Some(w) => Some(self.plain(w)?),
            None => None,
        };
        Some(Found {
            scope: def.scope.as_ref().map_or(Scope::Sentence, |s| *s.get_ref()),
            within,
            patterns,
        })
    }

    fn template(&mut self, text: &Spanned<String>, scope: &dyn NameLookup) -> Option<Template> {
        Template::parse(text.get_ref(), scope)
            .map_err(|e| self.err_in(text, e.span, e.message, e.help))
            .ok()
    }

    fn pattern_error(&mut self, text: &Spanned<String>, e: PatternError) {
        self.err_in(text, e.range, e.message, e.help);
    }

    fn plain(&mut self, text: &Spanned<String>) -> Option<Regex> {
        self.plain_pattern(text).map(|p| p.regex)
    }

    fn plain_pattern(&mut self, text: &Spanned<String>) -> Option<pattern::Pattern> {
        let compiled = pattern::compile_plain_in(text.get_ref(), self.words)
            .map_err(|e| self.pattern_error(text, e))
            .ok()?;
        self.used(&compiled.uses);
        Some(compiled)
    }

    fn used(&mut self, names: &[String]) {
        for name in names {
            if !self.uses.contains(name) {
                self.uses.push(name.clone());
            }
        }
    }

    fn unless(&mut self, texts: &[Spanned<String>]) -> Option<Regex> {
        let mut ok = Vec::new();
        for t in texts {
            if let Some(p) = self.plain_pattern(t) {
                ok.push(format!("(?:{})", p.expanded));
            }
        }
        if ok.is_empty() {
            return None;
        }
        Regex::new(&ok.join("|")).ok()
    }
}

/// Capture names a `resolve` check resolves, and what they name.
pub const REFERENCE_KINDS: [&str; 4] = ["section", "paragraph", "appendix", "annex"];

/// Names a check provides besides its captures: the facts of a numbering
/// problem, the unresolved reference, or the signatory of the unit.
pub fn builtin_names(kind: CheckKind, scope: Scope) -> Vec<(&'static str, Type)> {
    let mut out = Vec::new();
    match kind {
        CheckKind::Numbering => {
            out.extend(["number", "previous", "expected", "problem"].map(|n| (n, Type::Text)));
        }
        CheckKind::Resolve => out.push(("target", Type::Text)),
        _ => {}
    }
    if scope == Scope::Signatory {
        out.extend([
            ("signer_name", Type::Text),
            ("signer_role", Type::Text),
            ("signer_date", Type::Date),
        ]);
    }
    out
}

/// The names an expression of one check may use, for type-checking and for
/// "did you mean" in errors.
struct NameScope<'a> {
    globals: &'a Globals<'a>,
    captures: &'a [CaptureDef],
    with_captures: bool,
    builtins: &'a [(&'static str, Type)],
    names: Vec<String>,
}

impl<'a> NameScope<'a> {
    fn new(
        globals: &'a Globals<'a>,
        captures: &'a [CaptureDef],
        with_captures: bool,
        builtins: &'a [(&'static str, Type)],
    ) -> Self {
        let mut names: Vec<String> = vec![PERIOD.into(), STATEMENT_DATE.into()];
        names.extend(globals.params.iter().map(|(n, _)| format!("params.{n}")));
        names.extend(globals.tables.iter().map(|t| t.name.clone()));
        names.extend(builtins.iter().map(|(n, _)| (*n).to_owned()));
        if with_captures {
            names.extend(captures.iter().map(|c| c.name.clone()));
        }
        NameScope {
            globals,
            captures,
            with_captures,
            builtins,
            names,
        }
    }
}

impl NameLookup for NameScope<'_> {
    fn lookup(&self, name: &str) -> Option<Type> {
        if let Some((_, t)) = self.builtins.iter().find(|(n, _)| *n == name) {
            return Some(t.clone());
        }
        self.globals.lookup(name, self.captures, self.with_captures)
    }

    fn names(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }
}

/// What expressions may refer to besides captures.
struct Globals<'a> {
    params: &'a [(String, ParamValue)],
    tables: &'a [Table],
}

impl Globals<'_> {
    fn lookup(&self, name: &str, captures: &[CaptureDef], with_captures: bool) -> Option<Type> {
        if let Some(param) = name.strip_prefix("params.") {
            return self
                .params
                .iter()
                .find(|(n, _)| n == param)
                .map(|(_, v)| param_type(v));
        }
        match name {
            PERIOD => return Some(Type::FinancialYear),
            STATEMENT_DATE => return Some(Type::Date),
            _ => {}
        }
        if let Some(t) = self.tables.iter().find(|t| t.name == name) {
            let (key, value) = t.entries.first()?;
            return Some(Type::Table {
                key: Box::new(param_type(key)),
                value: Box::new(param_type(value)),
            });
        }
        if with_captures {
            return captures
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.kind.map_or(Type::Text, Type::of_kind));
        }
        None
    }
}

fn is_reserved(name: &str, globals: &Globals<'_>) -> bool {
    name == PERIOD
        || name == STATEMENT_DATE
        || name == "params"
        || globals.tables.iter().any(|t| t.name == name)
}

fn check_names(check: &Check) -> Vec<&str> {
    let mut names: Vec<&str> = check.condition.iter().flat_map(|c| c.names()).collect();
    names.extend(check.when.iter().flat_map(|c| c.names()));
    names.extend(check.message.names());
    names.extend(check.label.iter().flat_map(|m| m.names()));
    names.extend(check.labels.iter().flat_map(|(_, m)| m.names()));
    names
}

fn param_type(v: &ParamValue) -> Type {
    match v {
        ParamValue::Number(_) => Type::Number,
        ParamValue::Bool(_) => Type::Bool,
        ParamValue::Text(_) => Type::Text,
        ParamValue::Value(d) => data_type(d),
    }
}

fn data_type(d: &ValueData) -> Type {
    Type::of_kind(d.kind())
}

/// Parses text that must be exactly one valid value of `kind`.
fn parse_whole(kind: ValueKind, text: &str) -> Option<ValueData> {
    match value::parse_value(kind, text.trim()) {
        Some(ValueData::Malformed { .. }) | None => {
            // ISO dates are accepted in rule files whatever the prose parser says.
            if kind == ValueKind::Date {
                let start = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()?;
                return Some(ValueData::Date(Date {
                    start,
                    precision: DatePrecision::Day,
                }));
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

fn capture_help(captures: &[CaptureDef]) -> Option<String> {
    if captures.is_empty() {
        Some("this check's patterns define no captures; add `{name:type}` or `(?P<name>…)` to a pattern".into())
    } else {
        let names: Vec<&str> = captures.iter().map(|c| c.name.as_str()).collect();
        Some(format!("the captures are: {}", names.join(", ")))
    }
}
