//! Building findings: where they point, and their message and labels.

use super::CheckCtx;
use super::env::MatchEnv;
use crate::diagnostic::{Finding, Label, SNIPPET_CHARS};
use crate::model::Stage;
use crate::rules::Marks;
use std::ops::Range;
use std::sync::Arc;

/// A finding on a match: at the first anchor capture that took part in the
/// match (else the whole first match), with a secondary label on each
/// labelled capture.
pub(super) fn on_match(cx: &CheckCtx<'_>, marks: &Marks, env: &MatchEnv<'_>) -> Finding {
    let st = cx.doc.st;
    let set = env.captures();
    let whole = set.last().and_then(|c| c.as_ref()).map(|c| c.range.clone());
    let anchor = marks
        .anchor
        .iter()
        .find_map(|&i| set.get(i)?.as_ref().map(|c| c.range.clone()))
        .or(whole)
        .unwrap_or(0..0);
    let labels = marks
        .labels
        .iter()
        .filter_map(|(i, t)| {
            let c = set.get(*i)?.as_ref()?;
            Some(Label {
                span: st.to_source(&c.range),
                message: t.render(env),
            })
        })
        .collect();
    at(cx, env, &anchor, labels)
}

/// A finding of the check at clean-text range `range`, its message and
/// label filled from `env`.
pub(super) fn at(
    cx: &CheckCtx<'_>,
    env: &MatchEnv<'_>,
    range: &Range<usize>,
    labels: Vec<Label>,
) -> Finding {
    let (rule, check) = (cx.rule, cx.check);
    let st = cx.doc.st;
    Finding {
        rule: rule.id.clone(),
        severity: match (st.stage, check.draft_severity) {
            (Stage::Draft, Some(severity)) => severity,
            _ => rule.severity,
        },
        message: check.message.render(env),
        span: st.to_source(range),
        label: check.label.as_ref().map(|l| l.render(env)),
        labels,
        help: rule.help.clone(),
        url: rule.url.clone(),
        references: Arc::clone(&rule.references),
        snippet: st.snippet(range, SNIPPET_CHARS),
        location: st.location_of(range),
        page: st.page_of(range),
    }
}

/// Whether a check's findings stand, given its document-wide searches.
pub(super) fn stand(cx: &CheckCtx<'_>) -> bool {
    let check = cx.check;
    !check.unless_found.as_ref().is_some_and(|f| cx.doc.found(f))
        && check.only_if_found.as_ref().is_none_or(|f| cx.doc.found(f))
}
