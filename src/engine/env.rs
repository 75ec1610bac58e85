//! The evaluation environment: what each name of a condition or template
//! stands for in one match.

use super::CheckCtx;
use super::matches::Captured;
use crate::model::{Signatory, Statement};
use crate::rules::expr::{Env, Val};
use crate::rules::pattern::CaptureDef;
use crate::rules::{Fact, ParamValue, Rule};
use crate::values::{Date, DatePrecision};
use std::borrow::Cow;
use std::ops::Range;

/// The facts of a numbering problem (see `numbering`).
pub(super) struct NumberingFacts<'a> {
    pub number: &'a str,
    pub previous: &'a str,
    pub expected: String,
    pub problem: &'a str,
}

/// Evaluation environment for one match: captures, parameters, tables and
/// facts. A fact the check does not have here falls through to a capture
/// of that name (`target` in a `forbid` check is a capture).
#[derive(Clone, Copy)]
pub(super) struct MatchEnv<'a> {
    st: &'a Statement,
    rule: &'a Rule,
    defs: &'a [CaptureDef],
    captures: &'a [Option<Captured<'a>>],
    /// The signatory of the unit, in a `signatory`-scope check.
    signatory: Option<&'a Signatory>,
    /// The reference that does not resolve, in a `resolve` finding.
    target: Option<&'a str>,
    numbering: Option<&'a NumberingFacts<'a>>,
}

impl<'a> MatchEnv<'a> {
    /// Statement facts, parameters and tables only.
    pub fn bare(cx: &CheckCtx<'a>) -> Self {
        MatchEnv {
            st: cx.doc.st,
            rule: cx.rule,
            defs: &[],
            captures: &[],
            signatory: None,
            target: None,
            numbering: None,
        }
    }

    /// A match of a check whose captures are `defs`.
    pub fn of_match(
        cx: &CheckCtx<'a>,
        defs: &'a [CaptureDef],
        captures: &'a [Option<Captured<'a>>],
        signatory: Option<&'a Signatory>,
    ) -> Self {
        MatchEnv {
            defs,
            captures,
            signatory,
            ..MatchEnv::bare(cx)
        }
    }

    pub fn with_target(self, target: &'a str) -> Self {
        MatchEnv {
            target: Some(target),
            ..self
        }
    }

    pub fn with_numbering(self, facts: &'a NumberingFacts<'a>) -> Self {
        MatchEnv {
            numbering: Some(facts),
            ..self
        }
    }

    /// The captures of this match, by capture index; the whole first match
    /// last.
    pub fn captures(&self) -> &'a [Option<Captured<'a>>] {
        self.captures
    }

    /// The value of `fact`: outer `None` when this match does not have the
    /// fact at all, inner `None` when it has it but the document does not
    /// say (an unsigned line's `signer_name`).
    fn fact(&self, fact: Fact) -> Option<Option<Val<'a>>> {
        let text = |t: &'a str| Some(Val::Text(Cow::Borrowed(t)));
        let slice = |r: &Range<usize>| text(self.st.slice(r));
        let numbering = self.numbering;
        match fact {
            Fact::Period => Some(self.st.period.as_ref().map(|p| Val::Fy(p.year))),
            Fact::StatementDate => Some(self.st.date.as_ref().map(|d| {
                Val::Date(Date {
                    start: d.date,
                    precision: DatePrecision::Day,
                })
            })),
            Fact::Number => numbering.map(|n| text(n.number)),
            Fact::Previous => numbering.map(|n| text(n.previous)),
            Fact::Expected => numbering.map(|n| text(&n.expected)),
            Fact::Problem => numbering.map(|n| text(n.problem)),
            Fact::Target => self.target.map(text),
            Fact::SignerName => self.signatory.map(|s| s.name.as_ref().and_then(slice)),
            Fact::SignerRole => self.signatory.map(|s| slice(&s.role)),
            Fact::SignerDate => self
                .signatory
                .map(|s| s.date.as_ref().map(|(d, _)| Val::Date(*d))),
        }
    }
}

impl Env for MatchEnv<'_> {
    fn get(&self, name: &str) -> Option<Val<'_>> {
        if let Some(value) = Fact::from_name(name).and_then(|f| self.fact(f)) {
            return value;
        }
        if let Some(param) = name.strip_prefix("params.") {
            return self.rule.param(param).map(param_val);
        }
        let i = self.defs.iter().position(|c| c.name == name)?;
        let captured = self.captures.get(i)?.as_ref()?;
        Some(match &captured.data {
            Some(data) => Val::from_data(data),
            None => Val::Text(Cow::Borrowed(captured.text)),
        })
    }

    fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>> {
        let table = self.rule.table(table)?;
        table
            .entries
            .iter()
            .find(|(k, _)| param_val(k) == *key)
            .map(|(_, v)| param_val(v))
    }
}

fn param_val(v: &ParamValue) -> Val<'_> {
    match v {
        ParamValue::Number(n) => Val::Number(*n),
        ParamValue::Bool(b) => Val::Bool(*b),
        ParamValue::Text(t) => Val::Text(Cow::Borrowed(t)),
        ParamValue::Value(d) => Val::from_data(d),
    }
}
