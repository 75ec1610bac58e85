//! Stable fingerprints of findings, for tools that follow a finding from
//! one run to the next (GitLab Code Quality's `fingerprint`, SARIF's
//! `partialFingerprints`).

use super::slash_path;
use crate::diagnostic::{Finding, Suppressed};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The fingerprints of a file's findings and of its suppressed findings, in
/// their orders: a SHA-256 (hex) of the rule id, the file's path (forward
/// slashes), the words under the finding (lower case, white space collapsed)
/// and how many findings of that rule on the same words come before it in
/// the file. Editing another paragraph, or moving this one, keeps a
/// fingerprint; changing the words under the finding changes it. Findings
/// and suppressed findings are counted together in document order, so
/// suppressing one finding does not change the others' fingerprints.
pub fn fingerprints(
    path: &str,
    findings: &[Finding],
    suppressed: &[Suppressed],
) -> (Vec<String>, Vec<String>) {
    let path = slash_path(path);
    let mut all: Vec<(&Finding, bool, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f, false, i))
        .chain(
            suppressed
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.finding, true, i)),
        )
        .collect();
    all.sort_by(|a, b| {
        (a.0.span.start, a.0.span.end, &a.0.rule, a.1, a.2).cmp(&(
            b.0.span.start,
            b.0.span.end,
            &b.0.rule,
            b.1,
            b.2,
        ))
    });
    let mut seen: HashMap<(&str, String), usize> = HashMap::new();
    let mut out = (
        vec![String::new(); findings.len()],
        vec![String::new(); suppressed.len()],
    );
    for (f, is_suppressed, i) in all {
        let words = normalise(&f.snippet);
        let occurrence = seen.entry((f.rule.as_str(), words.clone())).or_insert(0);
        let print = fingerprint(&f.rule, &path, &words, *occurrence);
        *occurrence += 1;
        if is_suppressed {
            out.1[i] = print;
        } else {
            out.0[i] = print;
        }
    }
    out
}

/// The fingerprint of a problem with a whole file (`code` is the error's
/// code, e.g. "govlint::input::binary").
pub(super) fn problem_fingerprint(path: &str, code: &str) -> String {
    fingerprint(code, &slash_path(path), "", 0)
}

fn normalise(snippet: &str) -> String {
    snippet
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn fingerprint(rule: &str, path: &str, words: &str, occurrence: usize) -> String {
    let mut hash = Sha256::new();
    // NUL cannot occur in any of the parts, so the parts cannot run into
    // each other.
    for part in [rule, path, words, &occurrence.to_string()] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    format!("{:x}", hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SuppressedBy;
    use crate::rules::Severity;

    fn finding(rule: &str, at: usize, snippet: &str) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Error,
            message: "m".into(),
            span: at..at + snippet.len(),
            label: None,
            labels: Vec::new(),
            help: None,
            url: None,
            references: Vec::new().into(),
            snippet: snippet.into(),
            location: String::new(),
            page: None,
        }
    }

    #[test]
    fn fingerprints_follow_the_words_not_the_position() {
        let a = fingerprints("a.md", &[finding("placeholder", 10, "£XX")], &[]).0;
        let moved = fingerprints("./a.md", &[finding("placeholder", 900, "£xx ")], &[]).0;
        assert_eq!(a, moved);
        assert_eq!(a[0].len(), 64);
        let other_words = fingerprints("a.md", &[finding("placeholder", 10, "£YY")], &[]).0;
        assert_ne!(a, other_words);
        let other_file = fingerprints("b.md", &[finding("placeholder", 10, "£XX")], &[]).0;
        assert_ne!(a, other_file);
    }

    #[test]
    fn repeated_findings_differ_and_suppressing_one_keeps_the_others() {
        let three = [
            finding("placeholder", 1, "TBC"),
            finding("placeholder", 20, "TBC"),
            finding("placeholder", 40, "TBC"),
        ];
        let (all, _) = fingerprints("a.md", &three, &[]);
        assert_eq!(all.len(), 3);
        assert!(all[0] != all[1] && all[1] != all[2] && all[0] != all[2]);
        let suppressed = Suppressed {
            finding: three[1].clone(),
            by: SuppressedBy::Baseline,
            reason: "agreed".into(),
        };
        let (kept, gone) =
            fingerprints("a.md", &[three[0].clone(), three[2].clone()], &[suppressed]);
        assert_eq!(kept, vec![all[0].clone(), all[2].clone()]);
        assert_eq!(gone, vec![all[1].clone()]);
    }
}
