//! Finding every value in a text: one pass of a combined regex to locate
//! candidates, each kind's anchored regex and parser to read them, and
//! longest-wins to settle overlaps.

use super::{
    PATTERNS, Value, ValueKind, citation, date, duration, financial_year, frequency, money,
    parse_matched, percent, year_range,
};
use regex::{Regex, RegexBuilder};
use std::cmp::Reverse;
use std::sync::LazyLock;

/// When two kinds match the same text at the same place, the first listed
/// here wins (the parsers reject most such overlaps anyway).
const PRIORITY: [ValueKind; 8] = [
    ValueKind::Citation,
    ValueKind::YearRange,
    ValueKind::FinancialYear,
    ValueKind::Date,
    ValueKind::Money,
    ValueKind::Percent,
    ValueKind::Frequency,
    ValueKind::Duration,
];

/// Each kind's pattern anchored at the start only, for the extraction pass.
pub(super) static ANCHORED: LazyLock<[Regex; 8]> =
    LazyLock::new(|| PATTERNS.map(|p| super::compile(&format!("^(?:{p})"))));

/// All kinds in one regex: it only locates where candidates start.
pub(super) static COMBINED: LazyLock<Regex> = LazyLock::new(|| {
    let all: Vec<&str> = PRIORITY.iter().map(|k| k.pattern()).collect();
    RegexBuilder::new(&all.join("|"))
        // It is large: a bigger lazy-DFA cache keeps varied text from
        // thrashing it into the much slower NFA fallback.
        .dfa_size_limit(32 << 20)
        .build()
        .expect("value patterns are valid regexes")
});

impl ValueKind {
    /// Whether a value of this kind can start with `c` (by the first letters
    /// of its words): a cheap filter that saves running regexes that cannot
    /// match.
    fn may_start_with(self, c: char) -> bool {
        match self {
            ValueKind::Date => date::may_start_with(c),
            ValueKind::FinancialYear => financial_year::may_start_with(c),
            ValueKind::YearRange => year_range::may_start_with(c),
            ValueKind::Duration => duration::may_start_with(c),
            ValueKind::Money => money::may_start_with(c),
            ValueKind::Percent => percent::may_start_with(c),
            ValueKind::Frequency => frequency::may_start_with(c),
            ValueKind::Citation => citation::may_start_with(c),
        }
    }
}

/// Every value in `text`, sorted by start and non-overlapping; where
/// candidates overlap, the longest wins ("31 March 2024" is one date, not a
/// date and the year 2024).
///
/// The combined regex finds, in one fast DFA pass, each place where some
/// kind can start. There every kind that can start with that character is
/// tried anchored, and the longest that parses is the candidate. Candidates
/// that overlap form a cluster, resolved longest-first.
pub fn extract_values(text: &str) -> Vec<Value> {
    let mut values = Vec::new();
    // Overlapping candidates, of which the longest will win.
    let mut cluster: Vec<Value> = Vec::new();
    let mut cluster_end = 0;
    let mut at = 0;
    while let Some(m) = COMBINED.find_at(text, at) {
        let start = m.start();
        // Search again just after this start, to see candidates inside it.
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        // Inside a cluster only a candidate reaching past its end can change
        // the outcome (bar contrived triple overlaps), so others are not even
        // parsed.
        let min_end = if start < cluster_end {
            cluster_end
        } else {
            start
        };
        let Some(candidate) = longest_at(text, start, min_end) else {
            continue;
        };
        if start >= cluster_end {
            resolve(&mut cluster, &mut values);
        }
        cluster_end = cluster_end.max(candidate.range.end);
        cluster.push(candidate);
    }
    resolve(&mut cluster, &mut values);
    values
}

/// The longest value starting at `start` that ends after `min_end`, if any
/// kind parses there.
fn longest_at(text: &str, start: usize, min_end: usize) -> Option<Value> {
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    // The anchored regexes see `rest` alone, where a leading `\b` always
    // holds; mid-word is never a start.
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    if first.is_ascii_alphanumeric() && text.as_bytes()[..start].last().is_some_and(|&b| is_word(b))
    {
        return None;
    }
    // Match every kind first, then parse from the longest down: a parse may
    // still reject its text ("2023-24" is no range), and usually the first
    // one parsed wins.
    let mut matches = [(0, ValueKind::Date); 8];
    let mut n = 0;
    for kind in PRIORITY {
        if !kind.may_start_with(first) {
            continue;
        }
        if let Some(m) = ANCHORED[kind as usize].find(rest)
            && start + m.end() > min_end
        {
            matches[n] = (m.end(), kind);
            n += 1;
        }
    }
    // Stable, so equal lengths stay in priority order.
    matches[..n].sort_by_key(|&(len, _)| Reverse(len));
    matches[..n].iter().find_map(|&(len, kind)| {
        let data = parse_matched(kind, &rest[..len])?;
        Some(Value {
            range: start..start + len,
            data,
        })
    })
}

/// Moves the best non-overlapping candidates of a cluster to `values`.
fn resolve(cluster: &mut Vec<Value>, values: &mut Vec<Value>) {
    // Longest first; among equals, the earliest.
    cluster.sort_by_key(|v| (Reverse(v.range.len()), v.range.start));
    let first = values.len();
    for candidate in cluster.drain(..) {
        let overlaps = values[first..]
            .iter()
            .any(|v| v.range.start < candidate.range.end && candidate.range.start < v.range.end);
        if !overlaps {
            values.push(candidate);
        }
    }
    values[first..].sort_by_key(|v| v.range.start);
}
