//! The compliance checklist's evidence: for each rule, the words that met
//! what it requires, or why it did not apply to the statement. Built from
//! the engine's record of each check ([`CheckRun`]) while the statement
//! model is at hand; the report (`report::checklist`) sets it beside the
//! findings.

use crate::diagnostic::{Evidence, Requirement};
use crate::engine::{CheckRun, CheckStatus};
use crate::model::Statement;
use crate::rules::RuleSet;

/// Longest quote of evidence, in characters.
const QUOTE_CHARS: usize = 240;

/// One requirement per rule of `rules`, in rule order.
pub fn requirements(
    statement: &Statement,
    rules: &RuleSet,
    checks: &[CheckRun],
) -> Vec<Requirement> {
    let text = statement.text();
    rules
        .rules
        .iter()
        .map(|rule| {
            let runs: Vec<&CheckRun> = checks.iter().filter(|c| c.rule == rule.id).collect();
            let mut evidence: Vec<Evidence> = runs
                .iter()
                .filter_map(|c| match &c.status {
                    CheckStatus::Ran { evidence } => evidence.clone(),
                    _ => None,
                })
                // Only spans of the statement's text (on its boundaries).
                .filter(|span| text.get(span.clone()).is_some())
                .map(|span| Evidence {
                    quote: statement.snippet(&span, QUOTE_CHARS),
                    location: statement.location_of(&span),
                    span: statement.to_source(&span),
                })
                .collect();
            // Two checks met by the same words quote them once.
            evidence.dedup_by(|a, b| a.span == b.span);
            let ran = runs
                .iter()
                .any(|c| matches!(c.status, CheckStatus::Ran { .. }));
            let not_applicable = (!ran && !runs.is_empty()).then(|| {
                let whens: Vec<String> = rule
                    .checks
                    .iter()
                    .filter_map(|c| c.when.as_ref().map(|w| format!("`{}`", w.source())))
                    .collect();
                match runs.iter().map(|c| &c.status).next() {
                    Some(CheckStatus::NoPeriod) => {
                        "the statement does not give its financial year".to_owned()
                    }
                    Some(CheckStatus::NoDate) => "the statement does not give its date".to_owned(),
                    _ => {
                        let year = statement.period.as_ref().map_or_else(String::new, |p| {
                            format!("; this statement is for {}", p.year)
                        });
                        format!("applies only where {}{year}", whens.join(" or "))
                    }
                }
            });
            Requirement {
                rule: rule.id.clone(),
                evidence,
                not_applicable,
            }
        })
        .collect()
}
