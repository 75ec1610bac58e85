//! Stage 4: evaluating rules against a statement.
//!
//! The flow of [`run`] for one statement:
//!
//! 1. The rule set's [`Plan`] (built once per rule set, see `plan`) gives
//!    every pattern with required literals a prefilter slot; one
//!    Aho-Corasick pass over the text (`prefilter`) finds where each slot's
//!    literals occur. `doc` holds that, the units of each scope, and caches.
//! 2. Each check runs in rule order, unless it needs a statement fact the
//!    statement lacks (reported as an error) or its `when` is false.
//! 3. Its kind (`require`, `forbid`, `assert`, `numbering`, `resolve`)
//!    examines only the candidate units the plan picks, confirms matches
//!    and captures (`matches`) and evaluates conditions and templates in a
//!    `MatchEnv` (`env`), which gives every name of `rules::Fact` its value.
//! 4. `findings` builds each finding; `unless_found` / `only_if_found`
//!    may then drop a check's findings. The findings are sorted and
//!    deduplicated.
//!
//! Only the units the literals (or the first pattern) hit are examined, so
//! the cost per document stays close to one pass for all checks.

mod assert;
mod doc;
mod env;
mod findings;
mod forbid;
mod matches;
mod numbering;
mod plan;
pub mod prefilter;
mod require;
mod resolve;

pub use plan::{LiteralHits, Plan};

use plan::Slot;

use crate::diagnostic::{Finding, StatementError};
use crate::model::Statement;
use crate::rules::{Check, CheckKind, Rule, RuleSet};
use doc::Doc;
use std::ops::Range;

/// The result of linting one statement.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Rules that could not run, e.g. for want of the statement period.
    pub errors: Vec<StatementError>,
    /// What became of each check, in rule order: the compliance
    /// checklist's record of what was met and what did not apply.
    pub checks: Vec<CheckRun>,
}

/// What became of one check of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRun {
    /// The rule's id.
    pub rule: String,
    pub status: CheckStatus,
}

/// Whether a check ran, and what satisfied it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckStatus {
    /// It ran. For a `require`, the first unit that satisfied it (over the
    /// whole document, or in the first container).
    Ran { evidence: Option<Range<usize>> },
    /// Its `when` does not hold for this statement (the year, the stage).
    NotApplicable,
    /// It needs the financial year, which the statement does not give.
    NoPeriod,
    /// It needs the statement's date, which it does not give.
    NoDate,
}

/// Everything one check's evaluation reads.
#[derive(Clone, Copy)]
struct CheckCtx<'a> {
    doc: &'a Doc<'a>,
    rule: &'a Rule,
    check: &'a Check,
    /// The prefilter slots of the check's patterns (see `Plan`).
    slots: &'a [Slot],
    /// How many more findings the document may have before the run stops.
    room: usize,
}

/// Runs every rule of `rules` against `statement`.
pub fn run(statement: &Statement, rules: &RuleSet) -> Outcome {
    run_limited(statement, rules, None)
}

/// Like [`run`], stopping once there are more than `max_findings`: the
/// first `max_findings` (in position order) are kept, and an error says
/// the document was not checked to the end.
pub fn run_limited(statement: &Statement, rules: &RuleSet, max_findings: Option<usize>) -> Outcome {
    // One finding past the limit tells that there are more.
    let cap = max_findings.map_or(usize::MAX, |max| max.saturating_add(1));
    let plan = Plan::of(rules);
    let doc = Doc::new(statement, plan);
    plan::warm(plan, rules, &doc);
    let mut out = Outcome::default();
    let mut missing_period = Vec::new();
    let mut missing_date = Vec::new();
    // Whether each finding was made by a `forbid` check.
    let mut by_forbid: Vec<bool> = Vec::new();
    for (rule, check, slots) in plan.checks(rules) {
        if out.findings.len() >= cap {
            break;
        }
        // A check that needs a fact the statement lacks cannot run; the
        // rule's other checks still do.
        let status = if check.needs_period && statement.period.is_none() {
            note(&mut missing_period, &rule.id);
            CheckStatus::NoPeriod
        } else if check.needs_date && statement.date.is_none() {
            note(&mut missing_date, &rule.id);
            CheckStatus::NoDate
        } else {
            let cx = CheckCtx {
                doc: &doc,
                rule,
                check,
                slots,
                room: cap - out.findings.len(),
            };
            let status = evaluate(&cx, &mut out.findings);
            let forbid = matches!(check.kind, CheckKind::Forbid(_));
            by_forbid.resize(out.findings.len(), forbid);
            status
        };
        out.checks.push(CheckRun {
            rule: rule.id.clone(),
            status,
        });
    }
    if !missing_period.is_empty() {
        out.errors.push(StatementError::PeriodUnknown {
            rules: missing_period.join(", "),
        });
    }
    if !missing_date.is_empty() {
        out.errors.push(StatementError::DateUnknown {
            rules: missing_date.join(", "),
        });
    }
    drop_nested(&mut out.findings, &by_forbid);
    out.findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    out.findings.dedup();
    if let Some(max) = max_findings
        && out.findings.len() > max
    {
        out.findings.truncate(max);
        out.errors
            .push(StatementError::TooManyFindings { limit: max });
    }
    out
}

/// Drops each finding of a `forbid` check (`by_forbid`) that lies inside a
/// longer one of the same rule (two checks of one rule on "[date TBC]" and
/// on its "TBC"): one comment on those words is enough. The order of the
/// rest is kept.
fn drop_nested(findings: &mut Vec<Finding>, by_forbid: &[bool]) {
    let mut by_rule: Vec<usize> = (0..findings.len())
        .filter(|&i| by_forbid.get(i) == Some(&true))
        .collect();
    by_rule.sort_by(|&a, &b| {
        let (a, b) = (&findings[a], &findings[b]);
        (&a.rule, a.span.start, std::cmp::Reverse(a.span.end)).cmp(&(
            &b.rule,
            b.span.start,
            std::cmp::Reverse(b.span.end),
        ))
    });
    let mut nested = vec![false; findings.len()];
    // The furthest-reaching finding so far of the rule being swept.
    let mut outer: Option<usize> = None;
    for i in by_rule {
        let f = &findings[i];
        match outer.map(|o| &findings[o]) {
            // Inside it; the same words with another message stay.
            Some(o) if o.rule == f.rule && o.span.end >= f.span.end => nested[i] = o.span != f.span,
            _ => outer = Some(i),
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !nested[i - 1]
    });
}

fn note<'a>(list: &mut Vec<&'a str>, id: &'a str) {
    if list.last() != Some(&id) {
        list.push(id);
    }
}

/// One check: its findings, unless its `when` is false or its
/// document-wide searches drop them; and what became of it.
fn evaluate(cx: &CheckCtx<'_>, out: &mut Vec<Finding>) -> CheckStatus {
    if !plan::applies(cx) {
        return CheckStatus::NotApplicable;
    }
    let before = out.len();
    let mut evidence = None;
    match &cx.check.kind {
        CheckKind::Require(require) => evidence = require::run(cx, require, out),
        CheckKind::Forbid(forbid) => forbid::run(cx, forbid, out),
        CheckKind::Assert(assert) => assert::run(cx, assert, out),
        CheckKind::Numbering => numbering::run(cx, out),
        CheckKind::Resolve(resolve) => resolve::run(cx, resolve, out),
    }
    // Only asked once a check has findings, since a search costs a pass.
    if out.len() > before && !findings::stand(cx) {
        out.truncate(before);
    }
    CheckStatus::Ran { evidence }
}

#[cfg(test)]
mod tests;
