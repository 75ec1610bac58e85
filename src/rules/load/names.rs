//! The names a check's expressions may use: facts (see `facts`), the
//! rule's parameters and tables, and the check's captures.

use super::params::param_type;
use crate::rules::expr::{Scope as NameLookup, Type};
use crate::rules::facts::ProvidedBy;
use crate::rules::pattern::CaptureDef;
use crate::rules::schema::{KindName, Scope};
use crate::rules::vocabulary::Vocabulary;
use crate::rules::{Check, Fact, ParamValue, Table};

/// What every expression of a rule may refer to besides facts: the rule's
/// parameters and tables.
pub(super) struct Globals<'a> {
    pub params: &'a [(String, ParamValue)],
    pub tables: &'a [Table],
    /// The word lists a condition may name as `@list`.
    pub words: &'a Vocabulary,
}

impl Globals<'_> {
    fn lookup(&self, name: &str) -> Option<Type> {
        if let Some(param) = name.strip_prefix("params.") {
            return self
                .params
                .iter()
                .find(|(n, _)| n == param)
                .map(|(_, v)| param_type(v));
        }
        let table = self.tables.iter().find(|t| t.name == name)?;
        let (key, value) = table.entries.first()?;
        Some(Type::table(param_type(key), param_type(value)))
    }

    /// Whether a capture of a check of `kind` over `scope` may not be
    /// called `name`: a fact of that check, `params`, or a table.
    pub fn is_taken(&self, name: &str, kind: KindName, scope: Scope) -> bool {
        Fact::from_name(name).is_some_and(|f| f.provided(kind, scope))
            || name == "params"
            || self.tables.iter().any(|t| t.name == name)
    }
}

/// The names an expression of one check may use, for type-checking and for
/// "did you mean" in errors.
pub(super) struct NameScope<'a> {
    globals: &'a Globals<'a>,
    facts: Vec<Fact>,
    /// Empty where captures are not in scope.
    captures: &'a [CaptureDef],
    names: Vec<String>,
}

impl<'a> NameScope<'a> {
    /// For what is evaluated on a match (conditions, and the messages of
    /// kinds whose findings are matches): the check's facts and captures.
    pub fn of_matches(
        globals: &'a Globals<'a>,
        kind: KindName,
        scope: Scope,
        captures: &'a [CaptureDef],
    ) -> Self {
        let facts = Fact::of_statement()
            .chain(Fact::of_check(kind, scope))
            .collect();
        NameScope::new(globals, facts, captures)
    }

    /// For what is evaluated without a match (`when`, and the messages of
    /// `require`): statement facts, parameters and tables.
    pub fn of_statement(globals: &'a Globals<'a>) -> Self {
        NameScope::new(globals, Fact::of_statement().collect(), &[])
    }

    fn new(globals: &'a Globals<'a>, facts: Vec<Fact>, captures: &'a [CaptureDef]) -> Self {
        let (statement, built_in): (Vec<Fact>, Vec<Fact>) = facts
            .iter()
            .partition(|f| f.provided_by() == ProvidedBy::Statement);
        let mut names: Vec<String> = statement.iter().map(|f| f.name().to_owned()).collect();
        names.extend(globals.params.iter().map(|(n, _)| format!("params.{n}")));
        names.extend(globals.tables.iter().map(|t| t.name.clone()));
        names.extend(built_in.iter().map(|f| f.name().to_owned()));
        names.extend(captures.iter().map(|c| c.name.clone()));
        NameScope {
            globals,
            facts,
            captures,
            names,
        }
    }
}

impl NameLookup for NameScope<'_> {
    fn lookup(&self, name: &str) -> Option<Type> {
        if let Some(fact) = Fact::from_name(name)
            && self.facts.contains(&fact)
        {
            return Some(fact.ty());
        }
        if let Some(t) = self.globals.lookup(name) {
            return Some(t);
        }
        self.captures
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.kind.map_or(Type::Text, Type::of_kind))
    }

    fn names(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    fn word_list(&self, name: &str) -> Option<&[String]> {
        self.globals.words.word_list(name)
    }

    fn word_lists(&self) -> Vec<&str> {
        let words = self.globals.words;
        words
            .names()
            .into_iter()
            .filter(|n| words.word_list(n).is_some())
            .collect()
    }
}

/// Whether any expression of `check` uses `fact`.
pub(super) fn uses(check: &Check, fact: Fact) -> bool {
    let exprs = check.kind.condition().into_iter().chain(&check.when);
    let labels = check.kind.marks().into_iter().flat_map(|m| &m.labels);
    let templates = std::iter::once(&check.message)
        .chain(&check.label)
        .chain(labels.map(|(_, t)| t));
    exprs
        .flat_map(|e| e.names())
        .chain(templates.flat_map(|t| t.names()))
        .any(|n| n == fact.name())
}
