//! Negated and hypothetical mentions.
//!
//! "None of which led to a public interest report", "no report under
//! section 114 was needed", "the auditor did not issue statutory
//! recommendations", "a section 114 notice would be issued if …": each
//! mentions a thing that did not happen. A check with `ignore_negated = true`
//! skips such mentions. The scope of a negation is its clause: the words
//! back to the nearest clause boundary (sentence end, semicolon, comma,
//! "but", "and", "however" …) and forward to the next one.

use regex::Regex;
use std::sync::LazyLock;

/// How far back a negation cue may stand from the words it negates.
const REACH: usize = 80;

/// A clause boundary: punctuation, or a conjunction that starts a new claim.
/// Not "or": "no public interest report or statutory recommendation" keeps one
/// negation over both things (a new claim after "or" comes after a comma).
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[.;:!?,()\n|]|\s(?:but|and|however|although|though|whereas|while)\s")
        .expect("boundary pattern is valid")
});
/// A cue before the words: "no", "not", "none of", "without", "did not", "nor",
/// "neither", "never", and the hypothetical "would", "could", "if".
static CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:no|not|none|nor|neither|never|without|nothing|n't|cannot|would|could|might|if|whether|unless)\b|n't\b")
        .expect("negation cue pattern is valid")
});
/// A cue after the words: "… was not needed", "… were not required".
static CUE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:was|were|has|have|had|is|are|been)\s+(?:not|never)\b|(?:was|were|is|are)\s+(?:unnecessary|not\s+needed|avoided)\b)")
        .expect("negation after pattern is valid")
});

/// Whether the words at `range` of `text` are negated or hypothetical in
/// their clause.
pub fn is_negated(text: &str, range: std::ops::Range<usize>) -> bool {
    let from = floor_char(text, range.start.saturating_sub(REACH));
    let before = &text[from..range.start];
    let clause_start = BOUNDARY.find_iter(before).last().map_or(0, |m| m.end());
    if CUE_BEFORE.is_match(&before[clause_start..]) {
        return true;
    }
    let to = floor_char(text, (range.end + REACH).min(text.len()));
    let after = &text[range.end..to];
    let clause_end = BOUNDARY.find(after).map_or(after.len(), |m| m.start());
    CUE_AFTER.is_match(&after[..clause_end])
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::is_negated;

    fn negated(sentence: &str, words: &str) -> bool {
        let at = sentence.find(words).expect("words in sentence");
        is_negated(sentence, at..at + words.len())
    }

    #[test]
    fn negations_and_hypotheticals_in_the_clause() {
        for (sentence, words) in [
            (
                "Two objections were received, none of which led to a public interest report.",
                "public interest report",
            ),
            (
                "No report under section 114 was needed.",
                "report under section 114",
            ),
            (
                "The auditor did not make statutory recommendations.",
                "statutory recommendations",
            ),
            (
                "The auditor found no significant weaknesses in the arrangements.",
                "significant weaknesses",
            ),
            (
                "A section 114 report was not required this year.",
                "section 114 report",
            ),
            (
                "The s151 officer would issue a section 114 notice if spending exceeded resources.",
                "section 114 notice",
            ),
            (
                "The year closed without a qualified opinion.",
                "qualified opinion",
            ),
            (
                "Electors raised two questions; neither led to a public interest report or a statutory recommendation.",
                "statutory recommendation",
            ),
        ] {
            assert!(negated(sentence, words), "{sentence}");
        }
    }

    #[test]
    fn a_negation_in_another_clause_does_not_count() {
        for (sentence, words) in [
            (
                "The auditor issued a public interest report in May.",
                "public interest report",
            ),
            (
                "There were no objections, but the auditor issued a public interest report.",
                "public interest report",
            ),
            (
                "No action was taken; a section 114 notice followed in March.",
                "section 114 notice",
            ),
            (
                "The council received no complaints and the auditor made statutory recommendations.",
                "statutory recommendations",
            ),
        ] {
            assert!(!negated(sentence, words), "{sentence}");
        }
    }
}
