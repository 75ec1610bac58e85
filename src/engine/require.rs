//! `require`: each container (`each`: the document, or every section,
//! paragraph or row) must hold a unit where the patterns match; one
//! finding for each container that does not.

use super::CheckCtx;
use super::env::MatchEnv;
use super::findings;
use super::matches::{any_match_set, matches_in, signatory, unit_passes};
use super::plan::candidates;
use crate::diagnostic::Finding;
use crate::rules::expr::Val;
use crate::rules::{Matcher, Require, Scope};
use std::ops::Range;

/// Adds the check's findings to `out`; returns the first unit that
/// satisfied it, the evidence a checklist quotes.
pub(super) fn run(
    cx: &CheckCtx<'_>,
    require: &Require,
    out: &mut Vec<Finding>,
) -> Option<Range<usize>> {
    let st = cx.doc.st;
    let units = cx.doc.units.of(require.matcher.scope);
    let hits = candidates(cx, &require.matcher);
    let is_satisfied = |i: &&usize| satisfies(cx, require, **i);
    // For the whole document one satisfying unit is enough: stop there.
    let satisfied: Vec<&Range<usize>> = if require.each == Scope::Document {
        hits.iter()
            .find(is_satisfied)
            .map(|&i| &units[i])
            .into_iter()
            .collect()
    } else {
        hits.iter()
            .filter(is_satisfied)
            .map(|&i| &units[i])
            .collect()
    };
    let containers: Vec<Range<usize>> = match require.each {
        Scope::Document => std::iter::once(0..st.text().len()).collect(),
        other => cx
            .doc
            .units
            .of(other)
            .iter()
            .filter(|u| cx.doc.within(cx.check.within.as_ref(), u))
            .cloned()
            .collect(),
    };
    let evidence = satisfied
        .first()
        .map(|u| evidence_in(cx, &require.matcher, u));
    let env = MatchEnv::bare(cx);
    for container in containers {
        if satisfied
            .iter()
            .any(|u| container.start <= u.start && u.end <= container.end)
        {
            continue;
        }
        let anchor = match require.each {
            Scope::Document => st.anchor(),
            Scope::Section => st
                .sections
                .iter()
                .find(|s| s.range == container)
                .map_or(container.clone(), |s| st.blocks[s.heading].range.clone()),
            _ => container.clone(),
        };
        out.push(findings::at(cx, &env, &anchor, Vec::new()));
    }
    evidence
}

/// What a checklist quotes for a satisfying unit: the unit itself, or
/// for a whole document or section, the sentence where its last pattern
/// (the most particular: the rating after "internal audit") first matches.
fn evidence_in(cx: &CheckCtx<'_>, matcher: &Matcher, unit: &Range<usize>) -> Range<usize> {
    if !matches!(matcher.scope, Scope::Document | Scope::Section) {
        return unit.clone();
    }
    let found = matcher
        .patterns
        .last()
        .and_then(|p| p.regex.find(cx.doc.st.slice(unit)))
        .map(|m| unit.start + m.start()..unit.start + m.end());
    let Some(m) = found else {
        return unit.clone();
    };
    let sentences = cx.doc.units.of(Scope::Sentence);
    let i = sentences.partition_point(|s| s.end <= m.start);
    sentences
        .get(i)
        .filter(|s| s.start <= m.start)
        .cloned()
        .unwrap_or(m)
}

/// Whether candidate unit `i` holds a match that counts. A condition that
/// cannot be decided counts as met: no false alarms.
fn satisfies(cx: &CheckCtx<'_>, require: &Require, i: usize) -> bool {
    let matcher = &require.matcher;
    let unit = &cx.doc.units.of(matcher.scope)[i];
    let signatory = signatory(cx, matcher, i);
    unit_passes(cx, matcher, unit)
        && match &require.condition {
            None => !matches_in(cx.doc.st, matcher, unit, false).is_empty(),
            Some(condition) => any_match_set(cx.doc.st, matcher, unit, |set| {
                let env = MatchEnv::of_match(cx, &matcher.captures, set, signatory);
                !matches!(condition.eval(&env), Some(Val::Bool(false)))
            }),
        }
}
