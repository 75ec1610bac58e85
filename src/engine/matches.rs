//! Confirming a check's matches in a candidate unit, and what they capture.

use super::CheckCtx;
use super::env::MatchEnv;
use super::plan::candidates;
use crate::model::{Signatory, Statement, negation};
use crate::rules::lazy_regex::Captures;
use crate::rules::pattern::Pattern;
use crate::rules::{Matcher, Scope};
use crate::values::{self as value, ValueData};
use std::ops::{ControlFlow, Range};

/// A capture's value in one match.
#[derive(Clone, Debug)]
pub(super) struct Captured<'t> {
    pub range: Range<usize>,
    pub text: &'t str,
    pub data: Option<ValueData>,
}

/// Calls `on_match` with the environment of each match of `matcher` in the
/// check's candidate units: every match of the first pattern with `every`
/// (`forbid`, `resolve`), else the first in each unit (`assert`).
/// `on_match` returns how many findings it made; once they fill the
/// document's room, the search stops.
pub(super) fn each_match<'a>(
    cx: &CheckCtx<'a>,
    matcher: &'a Matcher,
    every: bool,
    mut on_match: impl FnMut(MatchEnv<'_>) -> usize,
) {
    let units = cx.doc.units.of(matcher.scope);
    let mut made = 0;
    for i in candidates(cx, matcher) {
        if made >= cx.room {
            return;
        }
        let unit = &units[i];
        if !unit_passes(cx, matcher, unit) {
            continue;
        }
        let signatory = signatory(cx, matcher, i);
        let flow = each_set_in(cx.doc.st, matcher, unit, every, |set| {
            made += on_match(MatchEnv::of_match(cx, &matcher.captures, &set, signatory));
            room_left(made, cx.room)
        });
        if flow.is_break() {
            return;
        }
    }
}

/// Like [`each_match`] with `every`, for a check whose condition relates
/// the patterns' captures (`n1 == n2`): for each match of the first pattern,
/// the matches of a second pattern are tried in turn (not only its first)
/// and `on_match` gets the first pairing `accept` takes, if any. With more
/// than two patterns the others give their first match, as elsewhere.
/// Each accepted pairing is a finding; they stop when the room is full.
pub(super) fn each_match_pairing<'a>(
    cx: &CheckCtx<'a>,
    matcher: &'a Matcher,
    accept: impl Fn(&MatchEnv<'_>) -> bool,
    mut on_match: impl FnMut(MatchEnv<'_>),
) {
    let units = cx.doc.units.of(matcher.scope);
    let st = cx.doc.st;
    let mut made = 0;
    for i in candidates(cx, matcher) {
        if made >= cx.room {
            return;
        }
        let unit = &units[i];
        if !unit_passes(cx, matcher, unit) {
            continue;
        }
        let signatory = signatory(cx, matcher, i);
        let text = st.slice(unit);
        let alternatives: Vec<Vec<Option<Captured<'_>>>> = match matcher.patterns.get(1) {
            Some(second) if matcher.patterns.len() == 2 => second
                .regex
                .captures_iter(text)
                .take(MAX_RETRIES)
                .map(|caps| {
                    let mut set = Vec::new();
                    collect(&caps, second, unit.start, &mut set);
                    set
                })
                .collect(),
            _ => Vec::new(),
        };
        let flow = each_set_in(st, matcher, unit, true, |set| {
            if alternatives.is_empty() {
                let env = MatchEnv::of_match(cx, &matcher.captures, &set, signatory);
                if accept(&env) {
                    on_match(env);
                    made += 1;
                }
                return room_left(made, cx.room);
            }
            // `set` is the first pattern's captures, the second's first
            // match, then the whole first match: swap the middle in turn.
            let first_len = matcher.patterns[0].captures.len();
            let whole = set.last().cloned().flatten();
            let chosen = alternatives.iter().find_map(|alt| {
                let mut paired: Vec<Option<Captured<'_>>> = set[..first_len].to_vec();
                paired.extend(alt.iter().cloned());
                paired.push(whole.clone());
                let env = MatchEnv::of_match(cx, &matcher.captures, &paired, signatory);
                accept(&env).then_some(paired)
            });
            if let Some(paired) = chosen {
                on_match(MatchEnv::of_match(
                    cx,
                    &matcher.captures,
                    &paired,
                    signatory,
                ));
                made += 1;
            }
            room_left(made, cx.room)
        });
        if flow.is_break() {
            return;
        }
    }
}

/// Whether to search on: break once `made` findings fill the `room`.
fn room_left(made: usize, room: usize) -> ControlFlow<()> {
    if made >= room {
        ControlFlow::Break(())
    } else {
        ControlFlow::Continue(())
    }
}

/// Whether a candidate unit really counts: the first pattern matches in it
/// (a fast DFA test before the dearer captures), it is `within` the right
/// sections, and no `unless` pattern matches in it.
pub(super) fn unit_passes(cx: &CheckCtx<'_>, matcher: &Matcher, unit: &Range<usize>) -> bool {
    let text = cx.doc.st.slice(unit);
    matcher
        .patterns
        .first()
        .is_none_or(|p| p.regex.is_match(text))
        && cx.doc.within(cx.check.within.as_ref(), unit)
        && !matcher.unless.as_ref().is_some_and(|u| u.is_match(text))
}

/// The signatory of unit `i`, in a `signatory`-scope check.
pub(super) fn signatory<'a>(
    cx: &CheckCtx<'a>,
    matcher: &Matcher,
    i: usize,
) -> Option<&'a Signatory> {
    (matcher.scope == Scope::Signatory)
        .then(|| cx.doc.st.signatories.get(i))
        .flatten()
}

/// The captures of all patterns in `unit`: none if some pattern does not
/// match there. With `every`, one set per match of the first pattern;
/// otherwise only the first. Each set ends with the whole first match.
pub(super) fn matches_in<'t>(
    st: &'t Statement,
    matcher: &Matcher,
    unit: &Range<usize>,
    every: bool,
) -> Vec<Vec<Option<Captured<'t>>>> {
    let mut out = Vec::new();
    // Never broken off: the flow it returns says nothing.
    let _ = each_set_in(st, matcher, unit, every, |set| {
        out.push(set);
        ControlFlow::Continue(())
    });
    out
}

/// Like [`matches_in`], handing each set to `on_set` as it is found (a
/// unit may hold a million matches: they are never all kept at once);
/// `on_set` may break off the search.
pub(super) fn each_set_in<'t>(
    st: &'t Statement,
    matcher: &Matcher,
    unit: &Range<usize>,
    every: bool,
    mut on_set: impl FnMut(Vec<Option<Captured<'t>>>) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let text = st.slice(unit);
    let base = unit.start;
    let mut others: Vec<Option<Captured<'t>>> = Vec::new();
    let Some((first, rest)) = matcher.patterns.split_first() else {
        return ControlFlow::Continue(());
    };
    for p in rest {
        let Some(caps) = p.regex.captures(text) else {
            return ControlFlow::Continue(());
        };
        collect(&caps, p, base, &mut others);
    }
    for caps in first.regex.captures_iter(text) {
        if matcher.ignore_negated
            && let Some(m) = caps.get(0)
            && negation::is_negated(st.text(), base + m.start()..base + m.end())
        {
            continue;
        }
        let mut set = Vec::with_capacity(matcher.captures.len() + 1);
        collect(&caps, first, base, &mut set);
        set.extend(others.iter().cloned());
        // Keep the whole first match as a pseudo-capture at the end.
        if let Some(m) = caps.get(0) {
            set.push(Some(Captured {
                range: base + m.start()..base + m.end(),
                text: m.as_str(),
                data: None,
            }));
        }
        on_set(set)?;
        if !every {
            break;
        }
    }
    ControlFlow::Continue(())
}

/// Most places a refused match is retried from in one unit, so that a
/// long unit with many refused matches stays linear in practice.
const MAX_RETRIES: usize = 64;

/// Whether some way the patterns match in `unit` is accepted by `accept`
/// (a `require` check's condition). A match the condition refuses must not
/// hide one that starts inside it ("Deputy Chief Executive, and the
/// Monitoring Officer, Farah Quinlan": the refused match "Deputy …" swallows
/// the post the accepted one needs), so the last pattern, the one that
/// holds the captures, is retried from each place just after a refused
/// match's start.
pub(super) fn any_match_set(
    st: &Statement,
    matcher: &Matcher,
    unit: &Range<usize>,
    mut accept: impl FnMut(&[Option<Captured<'_>>]) -> bool,
) -> bool {
    let text = st.slice(unit);
    let base = unit.start;
    let Some((last, before)) = matcher.patterns.split_last() else {
        return false;
    };
    // The patterns before the last give their first match, as in `matches_in`.
    let mut fixed: Vec<Option<Captured<'_>>> = Vec::new();
    let mut first_match = None;
    for (n, p) in before.iter().enumerate() {
        let found = if n == 0 && matcher.ignore_negated {
            p.regex.captures_iter(text).find(|c| {
                c.get(0).is_some_and(|m| {
                    !negation::is_negated(st.text(), base + m.start()..base + m.end())
                })
            })
        } else {
            p.regex.captures(text)
        };
        let Some(caps) = found else {
            return false;
        };
        if n == 0 {
            first_match = caps.get(0).map(|m| (m.start()..m.end(), m.as_str()));
        }
        collect(&caps, p, base, &mut fixed);
    }
    let mut start = 0;
    for _ in 0..MAX_RETRIES {
        let Some(caps) = last.regex.captures_at(text, start) else {
            return false;
        };
        let Some(whole) = caps.get(0) else {
            return false;
        };
        start = text[whole.start()..]
            .chars()
            .next()
            .map_or(text.len() + 1, |c| whole.start() + c.len_utf8());
        let negated = || negation::is_negated(st.text(), base + whole.start()..base + whole.end());
        if before.is_empty() && matcher.ignore_negated && negated() {
            continue;
        }
        // Captures in pattern order: the earlier patterns' first, then the last's.
        let mut set = fixed.clone();
        collect(&caps, last, base, &mut set);
        let (range, matched) = first_match
            .clone()
            .unwrap_or((whole.start()..whole.end(), whole.as_str()));
        set.push(Some(Captured {
            range: base + range.start..base + range.end,
            text: matched,
            data: None,
        }));
        if accept(&set) {
            return true;
        }
        if start > text.len() {
            break;
        }
    }
    false
}

fn collect<'t>(caps: &Captures<'t>, p: &Pattern, base: usize, out: &mut Vec<Option<Captured<'t>>>) {
    for def in &p.captures {
        out.push(caps.name(&def.name).map(|m| Captured {
            range: base + m.start()..base + m.end(),
            text: m.as_str(),
            data: def.kind.and_then(|k| value::parse_value(k, m.as_str())),
        }));
    }
}
