//! Literal prefilters: one pass over a document for every check at once.
//!
//! Most rule patterns are case-insensitive (`(?i)`), which stops the regex
//! crate from using its own literal prefilter, so scanning a document once
//! per check costs a full regex pass each. Instead, for each check we derive
//! from its first pattern a set of literals of which every match must contain
//! one ("audit", "reserve", "medium term financial"). A single
//! ASCII-case-insensitive Aho-Corasick automaton over all of them finds, in
//! one pass, where each check can possibly match; the check's own regex then
//! runs only inside the units that contain one of its literals.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals shorter than this are too common to narrow a search.
const MIN_LITERAL: usize = 3;
/// Beyond this many alternatives a pattern is scanned with its regex.
const MAX_LITERALS: usize = 64;

/// Literals one of which every match of `pattern` contains, lower-cased;
/// `None` when no useful set exists (the check falls back to its regex).
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let set = required(&hir)?;
    let usable =
        !set.is_empty() && set.len() <= MAX_LITERALS && set.iter().all(|l| l.len() >= MIN_LITERAL);
    usable.then_some(set)
}

/// Every match of `hir` contains one of the returned strings.
fn required(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            text.is_ascii().then(|| vec![text.to_ascii_lowercase()])
        }
        HirKind::Class(class) => letter(class).map(|c| vec![c.to_string()]),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required(b)?);
            }
            all.sort();
            all.dedup();
            Some(all)
        }
        HirKind::Concat(children) => concat(children),
        _ => None,
    }
}

/// The best required set of a concatenation: a run of adjacent literal
/// characters, or the best set of one child.
fn concat(children: &[Hir]) -> Option<Vec<String>> {
    let mut best: Option<Vec<String>> = None;
    let mut consider = |candidate: Vec<String>| {
        let score = |set: &[String]| set.iter().map(String::len).min().unwrap_or(0);
        if best.as_ref().is_none_or(|b| score(&candidate) > score(b)) {
            best = Some(candidate);
        }
    };
    let mut run = String::new();
    for child in children {
        match literal_text(child) {
            Some(text) => run.push_str(&text),
            None => {
                if !run.is_empty() {
                    consider(vec![std::mem::take(&mut run)]);
                }
                if let Some(set) = required(child) {
                    consider(set);
                }
            }
        }
    }
    if !run.is_empty() {
        consider(vec![run]);
    }
    best
}

/// The lower-case text of a literal or a case-folded letter, if `hir` is one.
fn literal_text(hir: &Hir) -> Option<String> {
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            text.is_ascii().then(|| text.to_ascii_lowercase())
        }
        HirKind::Class(class) => letter(class).map(String::from),
        _ => None,
    }
}

/// The letter a case-insensitive class stands for: `[Ss]` (plus the odd
/// Unicode fold such as the long s) is `s`.
fn letter(class: &Class) -> Option<char> {
    let Class::Unicode(class) = class else {
        return None;
    };
    let mut ascii = None;
    for range in class.iter() {
        for c in range.start()..=range.end() {
            if c.is_ascii() {
                let lower = c.to_ascii_lowercase();
                if !lower.is_ascii_alphabetic() || ascii.is_some_and(|a| a != lower) {
                    return None;
                }
                ascii = Some(lower);
            } else if !matches!(c, '\u{17f}' | '\u{212a}') {
                return None;
            }
        }
    }
    ascii
}

/// One automaton for all prefiltered checks of a rule set, matching
/// ASCII-case-insensitively.
#[derive(Clone, Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each literal, the checks (by global index) that want it.
    owners: Vec<Vec<usize>>,
    checks: usize,
}

impl Prefilter {
    /// `sets[i]` is check i's literal set, or `None` if it has none.
    pub fn new(sets: &[Option<Vec<String>>]) -> Option<Prefilter> {
        let mut literals: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (check, set) in sets.iter().enumerate() {
            for lit in set.iter().flatten() {
                match literals.iter().position(|l| l == lit) {
                    Some(i) => owners[i].push(check),
                    None => {
                        literals.push(lit.clone());
                        owners.push(vec![check]);
                    }
                }
            }
        }
        // Literals are lower case and the text is lower-cased before the
        // scan: a case-sensitive DFA is several times faster than a
        // case-insensitive automaton.
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok()?;
        Some(Prefilter {
            automaton,
            owners,
            checks: sets.len(),
        })
    }

    /// For each check, the start offsets in `text` where one of its
    /// literals occurs, in order.
    pub fn scan(&self, text: &str) -> Vec<Vec<usize>> {
        let mut hits = vec![Vec::new(); self.checks];
        // ASCII lower-casing keeps every byte offset.
        let lower = text.to_ascii_lowercase();
        for m in self.automaton.find_overlapping_iter(&lower) {
            for &check in &self.owners[m.pattern().as_usize()] {
                hits[check].push(m.start());
            }
        }
        // Overlapping matches come in order of their end; callers search
        // by start.
        for h in &mut hits {
            h.sort_unstable();
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        required_literals(p)
    }

    #[test]
    fn case_insensitive_words_become_literals() {
        assert_eq!(
            lits(r"(?i)\b(?:medium[- ]term financial (?:strategy|plan)|MTFS|MTFP)\b"),
            // The parser factors "MTF" out of MTFS|MTFP; "tfs" and "tfp" still hold.
            Some(vec!["term financial ".into(), "tfp".into(), "tfs".into()])
        );
        assert_eq!(lits(r"(?i)\breserves?\b"), Some(vec!["reserve".into()]));
    }

    #[test]
    fn patterns_without_a_required_literal_have_none() {
        assert_eq!(lits(r"\p{Lu}\p{Ll}+ \d{4}"), None);
        assert_eq!(lits(r"(?i)\b(?:to|at)\b"), None);
        assert_eq!(lits(r"(?i)(?:audit)?\d+"), None);
    }

    #[test]
    fn scan_reports_each_checks_hits() {
        let sets = vec![
            Some(vec!["audit".to_owned()]),
            None,
            Some(vec!["reserve".to_owned(), "audit".to_owned()]),
        ];
        let p = Prefilter::new(&sets).map(|p| p.scan("The AUDIT used reserves; audit."));
        assert_eq!(p, Some(vec![vec![4, 25], vec![], vec![4, 15, 25]]));
    }
}
