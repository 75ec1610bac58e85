//! Which checks run, and on which units.
//!
//! The plan owns the literal prefilter: it gives each set of literals that
//! a pattern requires a slot (a pattern may require several: one from each
//! part), and one automaton finds every slot's literals in a single pass.
//! A check then examines only the units that hold a literal of each slot of
//! its patterns.

use super::CheckCtx;
use super::doc::Doc;
use super::prefilter::{Literal, Prefilter, required_literal_sets_in};
use crate::rules::expr::Val;
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::{Check, Matcher, Rule, RuleSet, Scope};
use std::collections::HashMap;
use std::ops::Range;

/// A literal set's place in the prefilter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slot(usize);

/// The engine's plan for a rule set: the prefilter and each pattern's slot.
#[derive(Clone, Debug)]
pub struct Plan {
    prefilter: Option<Prefilter>,
    /// Per rule, per check: the slots of the literal sets its patterns
    /// require; none when no pattern has useful literals (the check then
    /// runs its regex).
    slots: Vec<Vec<Vec<Slot>>>,
}

impl Plan {
    /// The plan of `rules`, built on first use and kept with them.
    pub fn of(rules: &RuleSet) -> &Plan {
        rules.plan.get_or_init(|| Plan::new(rules))
    }

    fn new(rules: &RuleSet) -> Plan {
        // Patterns that require the same set share its slot.
        let mut sets: Vec<Vec<Literal>> = Vec::new();
        let mut slot_by_set: HashMap<Vec<Literal>, Slot> = HashMap::new();
        let mut slot_of = |pattern: &crate::rules::pattern::Pattern| -> Vec<Slot> {
            let wanted = required_literal_sets_in(pattern.regex.hir());
            let slot = |set: Vec<Literal>| {
                *slot_by_set.entry(set).or_insert_with_key(|set| {
                    sets.push(set.clone());
                    Slot(sets.len() - 1)
                })
            };
            wanted.into_iter().map(slot).collect()
        };
        let slots = rules
            .rules
            .iter()
            .map(|rule| {
                let checks = rule.checks.iter();
                checks
                    .map(|check| {
                        let patterns = check.kind.matcher().map(|m| m.patterns.iter());
                        let mut slots: Vec<Slot> = patterns
                            .into_iter()
                            .flatten()
                            .flat_map(&mut slot_of)
                            .collect();
                        // Two patterns of a check may require the same set.
                        slots.sort_unstable_by_key(|s| s.0);
                        slots.dedup();
                        slots
                    })
                    .collect()
            })
            .collect();
        Plan {
            prefilter: Prefilter::new(&sets),
            slots,
        }
    }

    /// Every check of `rules` (which this plan was built for), in rule
    /// order, with the slots of its patterns.
    pub(super) fn checks<'r>(
        &'r self,
        rules: &'r RuleSet,
    ) -> impl Iterator<Item = (&'r Rule, &'r Check, &'r [Slot])> {
        debug_assert_eq!(self.slots.len(), rules.rules.len(), "a stale plan");
        rules
            .rules
            .iter()
            .zip(&self.slots)
            .flat_map(|(rule, slots)| {
                rule.checks
                    .iter()
                    .zip(slots)
                    .map(move |(check, slots)| (rule, check, slots.as_slice()))
            })
    }

    /// Where each slot's literals occur in `text`; `None` without a
    /// prefilter, or for a text too long for `u32` offsets (every check
    /// then searches with its regex).
    pub fn literal_hits(&self, text: &str) -> Option<LiteralHits> {
        let prefilter = self.prefilter.as_ref()?;
        u32::try_from(text.len()).ok()?;
        Some(LiteralHits(prefilter.scan(text)))
    }
}

/// Compiles, on every core of rayon's pool, the regexes that `doc` may
/// reach and that are not compiled yet: those of each check where every
/// pattern with literals has a hit. Regexes compile on first use, one
/// after another in the thread checking the document; compiled here at
/// once, the first document of a run starts in about half the time on two
/// cores, and a check that turns out not to need one compiles a little
/// more than it would have (7% more instructions on a short draft).
pub(super) fn warm(plan: &Plan, rules: &RuleSet, doc: &Doc<'_>) {
    // On one thread there is nothing to gain.
    if rayon::current_num_threads() < 2 {
        return;
    }
    let mut wanted: Vec<&LazyRegex> = Vec::new();
    for (_, check, slots) in plan.checks(rules) {
        let Some(matcher) = check.kind.matcher() else {
            continue;
        };
        let hits = |slot: &Slot| {
            let hits = doc.hits.as_ref().and_then(|hits| hits.of(*slot));
            hits.is_none_or(|h| !h.is_empty())
        };
        if !slots.iter().all(hits) {
            continue;
        }
        wanted.extend(matcher.patterns.iter().map(|p| &p.regex));
        wanted.extend(&matcher.unless);
        wanted.extend(&check.within);
        for found in [&check.unless_found, &check.only_if_found]
            .into_iter()
            .flatten()
        {
            wanted.extend(&found.patterns);
            wanted.extend(&found.within);
        }
    }
    wanted.retain(|r| !r.is_compiled());
    wanted.sort_by_key(|r| r.as_str().as_ptr());
    wanted.dedup_by_key(|r| r.as_str().as_ptr());
    if wanted.len() > 1 {
        use rayon::prelude::*;
        wanted.par_iter().for_each(|r| r.compile());
    }
}

/// For each slot, the offsets where one of its literals occurs, in order
/// (as `u32`: a long statement has millions).
#[derive(Debug)]
pub struct LiteralHits(Vec<Vec<u32>>);

impl LiteralHits {
    pub(super) fn of(&self, slot: Slot) -> Option<&[u32]> {
        self.0.get(slot.0).map(Vec::as_slice)
    }
}

/// Whether a check applies to this statement at all (its `when`).
pub(super) fn applies(cx: &CheckCtx<'_>) -> bool {
    cx.check.when.as_ref().is_none_or(|when| {
        let env = super::env::MatchEnv::bare(cx);
        when.eval(&env) == Some(Val::Bool(true))
    })
}

/// Indices of the units of the matcher's scope where its patterns may all
/// match, in order, deduplicated: a superset that `matches` then confirms.
/// Units of one scope do not overlap, except sections.
pub(super) fn candidates(cx: &CheckCtx<'_>, matcher: &Matcher) -> Vec<usize> {
    let Some(first) = matcher.patterns.first().map(|p| &p.regex) else {
        return Vec::new();
    };
    let units = cx.doc.units.of(matcher.scope);
    let nested = matcher.scope == Scope::Section;
    // Every slot of every pattern, with its hits: each must have one in a
    // candidate unit, since every pattern must match inside it.
    let slot_hits: Vec<&[u32]> = match &cx.doc.hits {
        Some(hits) => cx.slots.iter().filter_map(|&s| hits.of(s)).collect(),
        None => Vec::new(),
    };
    // The slot with the fewest hits picks the candidates.
    let driver = (0..slot_hits.len()).min_by_key(|&k| slot_hits[k].len());
    let sparse = cx.check.within.is_some()
        || matches!(
            matcher.scope,
            Scope::Row | Scope::Heading | Scope::Signatory
        );
    let mut out = match driver {
        Some(k) => {
            let mut out = units_at(
                units,
                slot_hits[k].iter().map(|&p| p as usize..p as usize),
                nested,
                overlaps,
            );
            for (j, hits) in slot_hits.iter().enumerate() {
                if j != k {
                    out.retain(|&i| holds(&units[i], hits));
                }
            }
            out
        }
        // Few or restricted units: test them one by one rather than
        // scanning the whole text.
        None if sparse => (0..units.len())
            .filter(|&i| {
                let u = &units[i];
                cx.doc.within(cx.check.within.as_ref(), u) && first.is_match(cx.doc.st.slice(u))
            })
            .collect(),
        None => {
            let found = cx.doc.matches(first);
            units_at(units, found.into_iter(), nested, contains)
        }
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The units that `fits` one of `places` (sorted by start, and by end
/// too: hits, or the non-overlapping matches of one regex): every such
/// unit when units nest, else the last unit starting at or before it.
fn units_at(
    units: &[Range<usize>],
    places: impl Iterator<Item = Range<usize>>,
    nested: bool,
    fits: fn(&Range<usize>, &Range<usize>) -> bool,
) -> Vec<usize> {
    if nested {
        // Each unit looks up the first place at or after its start: the
        // one that ends soonest, so if it does not fit, none does. One
        // binary search per unit keeps a long statement linear.
        let places: Vec<Range<usize>> = places.collect();
        return (0..units.len())
            .filter(|&i| {
                let at = places.partition_point(|p| p.start < units[i].start);
                places.get(at).is_some_and(|p| fits(&units[i], p))
            })
            .collect();
    }
    let mut out = Vec::new();
    for place in places {
        let upto = units.partition_point(|u| u.start <= place.start);
        if let Some(i) = upto.checked_sub(1)
            && fits(&units[i], &place)
        {
            out.push(i);
        }
    }
    out
}

/// Whether a literal hit at `hit.start` falls in `unit`.
fn overlaps(unit: &Range<usize>, hit: &Range<usize>) -> bool {
    hit.start < unit.end
}

/// Whether a match lies wholly inside `unit`.
fn contains(unit: &Range<usize>, m: &Range<usize>) -> bool {
    unit.start <= m.start && m.end <= unit.end
}

/// Whether one of the sorted `hits` falls in `unit`.
fn holds(unit: &Range<usize>, hits: &[u32]) -> bool {
    let at = hits.partition_point(|&h| (h as usize) < unit.start);
    hits.get(at).is_some_and(|&h| (h as usize) < unit.end)
}
