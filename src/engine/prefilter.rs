//! Literal prefilters: one pass over a document for every check at once.
//!
//! Most rule patterns are case-insensitive (`(?i)`), which stops the regex
//! crate from using its own literal prefilter, so scanning a document once
//! per check costs a full regex pass each. Instead, for each pattern we
//! derive a set of literals of which every match must contain one ("audit",
//! "reserve", "medium term financial"). A single
//! ASCII-case-insensitive Aho-Corasick automaton over all of them finds, in
//! one pass, where each check can possibly match; the check's own regex then
//! runs only inside the units that contain one of its literals.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Literals shorter than this are too common to narrow a search.
const MIN_LITERAL: usize = 3;
/// Words so common that a further set holding one narrows nothing.
const COMMON_WORDS: [&str; 16] = [
    "all", "and", "any", "are", "but", "can", "for", "had", "has", "its", "may", "not", "our",
    "the", "was", "who",
];
/// The most literal sets kept for one pattern.
const MAX_SETS: usize = 3;
/// Beyond this many alternatives a pattern is scanned with its regex.
const MAX_LITERALS: usize = 64;

/// A literal every match must contain, lower-cased. `word_start` /
/// `word_end`: the pattern puts a word boundary right before / after it,
/// so an occurrence inside a longer word ("act" in "contract") cannot be
/// part of a match.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal {
    pub text: String,
    pub word_start: bool,
    pub word_end: bool,
}

/// [`required_literals_in`] of a pattern's text.
#[cfg(test)]
fn required_literals(pattern: &str) -> Option<Vec<Literal>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    required_literals_in(&hir)
}

/// Literals one of which every match of the parsed pattern contains;
/// `None` when no useful set exists (the check falls back to its regex).
pub fn required_literals_in(hir: &Hir) -> Option<Vec<Literal>> {
    required(hir).filter(|set| usable(set))
}

/// Sets of literals such that every match of the parsed pattern contains
/// one literal of each set, best first: the set of
/// [`required_literals_in`], then up to [`MAX_SETS`] − 1 others from
/// other parts of the pattern ("set out in" and "annual governance
/// statement" of one sentence). A unit must hold a hit of every set, so
/// each further set narrows the candidates. Empty when none is usable.
pub fn required_literal_sets_in(hir: &Hir) -> Vec<Vec<Literal>> {
    let Some(best) = required_literals_in(hir) else {
        return Vec::new();
    };
    let mut others = Vec::new();
    all_required(hir, &mut others);
    // A further set with a common word would cost the scan more than it
    // narrows.
    let common = |l: &Literal| COMMON_WORDS.contains(&l.text.as_str());
    others.retain(|set| usable(set) && !set.iter().any(common) && *set != best);
    others.sort_by_key(|set| std::cmp::Reverse(score(set)));
    others.dedup();
    let mut sets = vec![best];
    sets.extend(others.into_iter().take(MAX_SETS - 1));
    sets
}

/// Whether a set narrows a search: a few literals, none too short.
fn usable(set: &[Literal]) -> bool {
    !set.is_empty() && set.len() <= MAX_LITERALS && set.iter().all(|l| l.text.len() >= MIN_LITERAL)
}

/// How much a set narrows a search: the length of its shortest literal.
fn score(set: &[Literal]) -> usize {
    set.iter().map(|l| l.text.len()).min().unwrap_or(0)
}

fn plain(text: String) -> Literal {
    Literal {
        text,
        word_start: false,
        word_end: false,
    }
}

fn is_word_boundary(hir: &Hir) -> bool {
    matches!(
        hir.kind(),
        HirKind::Look(
            Look::WordAscii
                | Look::WordUnicode
                | Look::WordStartAscii
                | Look::WordStartUnicode
                | Look::WordEndAscii
                | Look::WordEndUnicode
        )
    )
}

/// The whole texts `hir` can match, when it is only literals and
/// alternations of them ("to|used to").
fn whole_texts(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Capture(cap) => whole_texts(&cap.sub),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(whole_texts(b)?);
            }
            Some(all)
        }
        HirKind::Concat(children) => {
            let mut text = String::new();
            for c in children {
                text.push_str(&literal_text(c)?);
            }
            Some(vec![text])
        }
        _ => literal_text(hir).map(|t| vec![t]),
    }
}

/// Every match of `hir` contains one of the returned literals.
fn required(hir: &Hir) -> Option<Vec<Literal>> {
    match hir.kind() {
        HirKind::Literal(_) | HirKind::Class(_) => literal_text(hir).map(|t| vec![plain(t)]),
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
        HirKind::Concat(children) => {
            let mut sets = Vec::new();
            concat_sets(children, false, &mut sets);
            sets.into_iter().reduce(|best, set| {
                if score(&set) > score(&best) {
                    set
                } else {
                    best
                }
            })
        }
        _ => None,
    }
}

/// Every required set found in `hir`'s parts that all matches pass
/// through: the parts of a concatenation (and of groups and repetitions
/// of at least one), each alternation as one set.
fn all_required(hir: &Hir, out: &mut Vec<Vec<Literal>>) {
    match hir.kind() {
        HirKind::Capture(cap) => all_required(&cap.sub, out),
        HirKind::Repetition(rep) if rep.min >= 1 => all_required(&rep.sub, out),
        HirKind::Concat(children) => concat_sets(children, true, out),
        _ => out.extend(required(hir)),
    }
}

/// The required sets of a concatenation's parts: each run of adjacent
/// literal characters, and each other child's set (with `deep`, every
/// set found inside it; else its best). A run or an all-literal child
/// between word boundaries carries them.
fn concat_sets(children: &[Hir], deep: bool, out: &mut Vec<Vec<Literal>>) {
    let boundary_at = |i: Option<usize>| {
        i.and_then(|i| children.get(i))
            .is_some_and(is_word_boundary)
    };
    let mut run = String::new();
    let mut run_start = 0;
    for (i, child) in children.iter().enumerate() {
        match literal_text(child) {
            Some(text) => {
                if run.is_empty() {
                    run_start = i;
                }
                run.push_str(&text);
            }
            None => {
                if !run.is_empty() {
                    out.push(vec![Literal {
                        text: std::mem::take(&mut run),
                        word_start: boundary_at(run_start.checked_sub(1)),
                        word_end: boundary_at(Some(i)),
                    }]);
                }
                if let Some(texts) = whole_texts(child) {
                    let (word_start, word_end) =
                        (boundary_at(i.checked_sub(1)), boundary_at(Some(i + 1)));
                    out.push(
                        texts
                            .into_iter()
                            .map(|text| Literal {
                                text,
                                word_start,
                                word_end,
                            })
                            .collect(),
                    );
                } else if deep {
                    all_required(child, out);
                } else {
                    out.extend(required(child));
                }
            }
        }
    }
    if !run.is_empty() {
        out.push(vec![Literal {
            text: run,
            word_start: boundary_at(run_start.checked_sub(1)),
            word_end: false,
        }]);
    }
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

/// One automaton for all prefiltered patterns of a rule set, matching
/// ASCII-case-insensitively.
#[derive(Clone, Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each literal, the slots that want it.
    owners: Vec<Vec<usize>>,
    slots: usize,
    literals: Vec<Literal>,
}

impl Prefilter {
    /// `sets[i]` is slot i's literal set.
    pub fn new(sets: &[Vec<Literal>]) -> Option<Prefilter> {
        let mut literals: Vec<Literal> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        for (slot, set) in sets.iter().enumerate() {
            for lit in set {
                match literals.iter().position(|l| l == lit) {
                    Some(i) => owners[i].push(slot),
                    None => {
                        literals.push(lit.clone());
                        owners.push(vec![slot]);
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
            .build(literals.iter().map(|l| l.text.as_str()))
            .ok()?;
        Some(Prefilter {
            automaton,
            owners,
            slots: sets.len(),
            literals,
        })
    }

    /// For each slot, the start offsets in `text` where one of its
    /// literals occurs, in order; `text` must be shorter than 4 GiB.
    pub fn scan(&self, text: &str) -> Vec<Vec<u32>> {
        let mut hits = vec![Vec::new(); self.slots];
        // ASCII lower-casing keeps every byte offset.
        let lower = text.to_ascii_lowercase();
        let bytes = lower.as_bytes();
        let is_word = |i: usize| {
            bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        };
        for m in self.automaton.find_overlapping_iter(&lower) {
            let lit = &self.literals[m.pattern().as_usize()];
            // A boundary before a word character: no word character may
            // precede it (and likewise after).
            if (lit.word_start && is_word(m.start()) && m.start() > 0 && is_word(m.start() - 1))
                || (lit.word_end && m.end() > 0 && is_word(m.end() - 1) && is_word(m.end()))
            {
                continue;
            }
            for &slot in &self.owners[m.pattern().as_usize()] {
                hits[slot].push(m.start() as u32);
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

    /// A literal set in text form: `\bact\b` marks word boundaries.
    fn lits(p: &str) -> Option<Vec<String>> {
        required_literals(p).map(|set| {
            set.into_iter()
                .map(|l| {
                    let b = |on: bool| if on { r"\b" } else { "" };
                    format!("{}{}{}", b(l.word_start), l.text, b(l.word_end))
                })
                .collect()
        })
    }

    #[test]
    fn case_insensitive_words_become_literals() {
        assert_eq!(
            lits(r"(?i)\b(?:medium[- ]term financial (?:strategy|plan)|MTFS|MTFP)\b"),
            // The parser factors "MTF" out of MTFS|MTFP; "tfs" and "tfp" still hold.
            Some(vec!["term financial ".into(), "tfp".into(), "tfs".into()])
        );
        assert_eq!(lits(r"(?i)\breserves?\b"), Some(vec![r"\breserve".into()]));
        assert_eq!(
            lits(r"(?i)\b(?:act|order)\b"),
            Some(vec![r"\bact\b".into(), r"\border\b".into()])
        );
    }

    /// Each set of [`required_literal_sets_in`] in the text form of `lits`.
    fn sets(p: &str) -> Vec<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new().build().parse(p);
        let show = |l: Literal| {
            let b = |on: bool| if on { r"\b" } else { "" };
            format!("{}{}{}", b(l.word_start), l.text, b(l.word_end))
        };
        let sets = hir.map(|hir| required_literal_sets_in(&hir));
        sets.unwrap_or_default()
            .into_iter()
            .map(|set| set.into_iter().map(show).collect())
            .collect()
    }

    #[test]
    fn each_part_of_a_pattern_gives_a_set_best_first() {
        // The citing phrase, the document and its kind are each required.
        assert_eq!(
            sets(
                r"(?i)\b(?:set\s+out|described)\s+in\s+the\s+(?:annual|interim)\s+(?:report|accounts)\b"
            ),
            vec![
                vec!["annual".to_string(), "interim".into()],
                vec!["report\\b".into(), "accounts\\b".into()],
                vec!["described".into(), "set".into()],
            ]
        );
        // Not an optional part, nor one branch of an alternation.
        assert_eq!(
            sets(r"(?i)audit(?:\s+committee)?|standards\s+committee"),
            vec![vec!["audit".to_string(), "standards".into()]]
        );
        // Further sets leave out words of fewer than three letters, and
        // common words.
        assert_eq!(
            sets(r"(?i)\bin\s+the\s+accounts"),
            vec![vec!["accounts".to_string()]]
        );
        assert!(sets(r"\d+").is_empty());
    }

    #[test]
    fn patterns_without_a_required_literal_have_none() {
        assert_eq!(lits(r"\p{Lu}\p{Ll}+ \d{4}"), None);
        assert_eq!(lits(r"(?i)\b(?:to|at)\b"), None);
        assert_eq!(lits(r"(?i)(?:audit)?\d+"), None);
    }

    #[test]
    fn scan_reports_each_slots_hits_respecting_word_boundaries() {
        let word = |t: &str| Literal {
            text: t.into(),
            word_start: true,
            word_end: true,
        };
        let sets = vec![
            vec![plain("audit".into())],
            vec![plain("reserve".into()), plain("audit".into())],
            vec![word("act")],
        ];
        let text = "The AUDIT used reserves; audit. Contract act impact.";
        let p = Prefilter::new(&sets).map(|p| p.scan(text));
        assert_eq!(p, Some(vec![vec![4, 25], vec![4, 15, 25], vec![41]]));
    }
}
