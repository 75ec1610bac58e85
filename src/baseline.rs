//! Baselines: the findings a team has accepted for now, recorded in a file
//! (`--write-baseline`) so that later runs (`--baseline`) report and fail
//! only on new ones.
//!
//! A finding is recognised again by a fingerprint that survives edits
//! elsewhere in the statement: its rule; the document (its path relative
//! to the baseline file, without the extension, so a statement saved from
//! Markdown to Word or converted to text is the same document); the
//! headings above it, with their numbers left out; and the words it points
//! at, white space collapsed, lower-cased and without a leading paragraph
//! number. Line numbers and paragraph numbers play no part, so inserting a
//! paragraph, renumbering or reflowing lines changes nothing. Identical
//! fingerprints in one document are counted (`occurrence`), so a second
//! finding just like a baselined one is new. The file also keeps the
//! path, line and message, for people reading it.

use crate::diagnostic::{
    FileOutcome, FileReport, Finding, GoneFinding, Run, Suppressed, SuppressedBy,
};
use miette::{Diagnostic, NamedSource, SourceSpan};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;
use thiserror::Error;

/// The version of the baseline format this govlint writes and reads.
pub const VERSION: u32 = 1;

/// The findings a baseline accepts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Sorted by fingerprint.
    pub findings: Vec<Entry>,
}

/// One accepted finding: its fingerprint, then what people read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The document: its path from the baseline's folder, without the
    /// extension ("statements/ags-2024-25").
    pub document: String,
    pub rule: String,
    /// The headings above the finding, numbers left out, lower case.
    pub section: String,
    /// The words the finding points at, normalised.
    pub text: String,
    /// 1 for the first finding with this fingerprint in the document, 2
    /// for the second…
    pub occurrence: u32,
    /// Not matched: the file it was found in, its line then, and message.
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// A baseline file that cannot be used.
#[derive(Debug, Error, Diagnostic)]
pub enum BaselineError {
    #[error("{path}: cannot read the baseline: {error}")]
    #[diagnostic(code(govlint::baseline::io))]
    Io {
        path: String,
        /// Shown in the message, so not a `source` (miette would print it
        /// again as the cause).
        error: std::io::Error,
    },
    #[error("{path}: not a govlint baseline: {message}")]
    #[diagnostic(
        code(govlint::baseline::malformed),
        help("write it again with `govlint check --write-baseline {path} …`")
    )]
    Malformed {
        path: String,
        message: String,
        #[source_code]
        text: NamedSource<String>,
        #[label("here")]
        at: SourceSpan,
    },
    #[error("{path}: baseline version {found}; this govlint reads version {VERSION}")]
    #[diagnostic(
        code(govlint::baseline::version),
        help("write it again with `govlint check --write-baseline {path} …`")
    )]
    Version { path: String, found: u32 },
}

/// The fingerprint part of an entry.
type Key = (String, String, String, String, u32);

impl Entry {
    fn key(&self) -> Key {
        (
            self.document.clone(),
            self.rule.clone(),
            self.section.clone(),
            self.text.clone(),
            self.occurrence,
        )
    }
}

impl Baseline {
    /// The findings of `run`, as a baseline kept in folder `dir`.
    pub fn of_run(run: &Run, dir: &Path) -> Baseline {
        let mut findings: Vec<Entry> = Vec::new();
        for report in &run.files {
            if let FileOutcome::Checked {
                source,
                findings: f,
                ..
            } = &report.outcome
            {
                findings.extend(entries(&report.path, &source.text, f.iter(), dir));
            }
        }
        // The same statement in two formats gives the same entries once,
        // as the first file given found them.
        let mut seen = HashSet::new();
        findings.retain(|e| seen.insert(e.key()));
        findings.sort();
        Baseline {
            version: VERSION,
            findings,
        }
    }

    /// The baseline as its file holds it: sorted, pretty JSON.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a baseline file's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Baseline, Box<BaselineError>> {
        match serde_json::from_str::<Baseline>(text) {
            Ok(b) if b.version == VERSION => Ok(b),
            Ok(b) => Err(Box::new(BaselineError::Version {
                path: path.into(),
                found: b.version,
            })),
            Err(e) => {
                let at = offset_of(text, e.line(), e.column());
                Err(Box::new(BaselineError::Malformed {
                    path: path.into(),
                    message: e.to_string(),
                    text: NamedSource::new(path, text.to_owned()),
                    at: (at, 0).into(),
                }))
            }
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, Box<BaselineError>> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| {
            Box::new(BaselineError::Io {
                path: shown.clone(),
                error: source,
            })
        })?;
        Baseline::parse(&shown, &text)
    }

    /// Moves the findings of `run` that this baseline (kept in folder
    /// `dir`, named `name`) accepts to `suppressed`, and records in
    /// `run.gone_from_baseline` the entries for the documents checked
    /// that matched nothing.
    pub fn apply(&self, run: &mut Run, dir: &Path, name: &str) {
        let mut applying = self.applying(dir, name);
        for report in &mut run.files {
            applying.file(report);
        }
        run.gone_from_baseline = applying.gone();
    }

    /// The baseline applied a file at a time, as a run reports them.
    pub fn applying<'b>(&'b self, dir: &'b Path, name: &'b str) -> Applying<'b> {
        Applying {
            baseline: self,
            dir,
            name,
            accepted: self.findings.iter().map(Entry::key).collect(),
            matched: HashSet::new(),
            checked: BTreeSet::new(),
        }
    }
}

/// A baseline being applied to a run's files one by one (see
/// [`Baseline::applying`]).
pub struct Applying<'b> {
    baseline: &'b Baseline,
    dir: &'b Path,
    name: &'b str,
    accepted: HashSet<Key>,
    /// The entries found again so far, and the documents checked.
    matched: HashSet<Key>,
    checked: BTreeSet<String>,
}

impl Applying<'_> {
    /// Moves the findings of `report` that the baseline accepts to
    /// `suppressed`.
    pub fn file(&mut self, report: &mut FileReport) {
        let FileOutcome::Checked {
            source,
            findings,
            suppressed,
            ..
        } = &mut report.outcome
        else {
            return;
        };
        self.checked.insert(document_of(&report.path, self.dir).0);
        let keys: Vec<Key> = entries(&report.path, &source.text, findings.iter(), self.dir)
            .iter()
            .map(Entry::key)
            .collect();
        let mut kept = Vec::new();
        for (finding, key) in std::mem::take(findings).into_iter().zip(keys) {
            if self.accepted.contains(&key) {
                self.matched.insert(key);
                suppressed.push(Suppressed {
                    finding,
                    by: SuppressedBy::Baseline,
                    reason: format!("accepted in the baseline {}", self.name),
                });
            } else {
                kept.push(finding);
            }
        }
        *findings = kept;
        suppressed.sort_by_key(|s| (s.finding.span.start, s.finding.span.end));
    }

    /// The entries for the documents checked so far that matched nothing.
    pub fn gone(&self) -> Vec<GoneFinding> {
        self.baseline
            .findings
            .iter()
            .filter(|e| self.checked.contains(&e.document) && !self.matched.contains(&e.key()))
            .map(|e| GoneFinding {
                path: e.path.clone(),
                rule: e.rule.clone(),
                message: e.message.clone(),
                section: e.section.clone(),
                line: e.line,
            })
            .collect()
    }
}

/// The baseline entries of one file's findings, in order, counted.
fn entries<'a>(
    path: &str,
    text: &str,
    findings: impl Iterator<Item = &'a Finding>,
    dir: &Path,
) -> Vec<Entry> {
    let (document, relative) = document_of(path, dir);
    let mut counts: HashMap<(String, String, String), u32> = HashMap::new();
    findings
        .map(|f| {
            let section = section_of(&f.location);
            let words = text_of(&f.snippet);
            let n = counts
                .entry((f.rule.clone(), section.clone(), words.clone()))
                .or_default();
            *n += 1;
            Entry {
                document: document.clone(),
                rule: f.rule.clone(),
                section,
                text: words,
                occurrence: *n,
                path: relative.clone(),
                line: text[..f.span.start.min(text.len())].matches('\n').count() + 1,
                message: f.message.clone(),
            }
        })
        .collect()
}

/// A file's document key (its path from `dir`, without the extension)
/// and its path from `dir`, with `/` between folders.
pub fn document_of(path: &str, dir: &Path) -> (String, String) {
    let file = Path::new(path);
    let absolute = std::fs::canonicalize(file)
        .or_else(|_| std::path::absolute(file))
        .unwrap_or_else(|_| file.to_owned());
    let relative = relative_to(&absolute, dir);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let shown = parts.join("/");
    let document = match relative.extension() {
        Some(ext) => shown[..shown.len() - ext.len() - 1].to_owned(),
        None => shown.clone(),
    };
    (document, shown)
}

/// `path` from folder `dir` (both absolute): `a/b.md`, `../c/d.md`.
fn relative_to(path: &Path, dir: &Path) -> PathBuf {
    let path: Vec<Component> = path.components().collect();
    let dir: Vec<Component> = dir.components().collect();
    let common = path.iter().zip(&dir).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return path.iter().collect();
    }
    let mut out = PathBuf::new();
    for _ in common..dir.len() {
        out.push("..");
    }
    for c in &path[common..] {
        out.push(c);
    }
    out
}

/// A numbered paragraph's number, as `Finding::location` ends with it.
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}(?:\.\d{1,3})*|[A-Z]{1,3}\.\d{1,3}|[A-G]\d{1,2})\.?$")
        .expect("paragraph number pattern is valid")
});
/// A heading's number: "4.", "4.2", "Section 4:", "Part 2 –".
static HEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:section|part)\s+)?\d{1,2}(?:\.\d{1,2})*\.?(?:\s*[:–—-])?\s+")
        .expect("heading number pattern is valid")
});
/// A paragraph number at the start of the words a finding points at.
static LEADING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}(?:\.\d{1,3})+\.?|\d{1,2}\.|[A-Z]{1,3}\.\d{1,3}\.?)(?:\s+|$)")
        .expect("leading number pattern is valid")
});

/// "4. Review of effectiveness › 4.8" → "review of effectiveness".
pub fn section_of(location: &str) -> String {
    location
        .split(" › ")
        .map(str::trim)
        .filter(|part| !part.is_empty() && !PARAGRAPH_NUMBER.is_match(part))
        .map(|heading| fold(&HEADING_NUMBER.replace(heading, "")))
        .collect::<Vec<_>>()
        .join(" › ")
}

/// "4.8  The Audited\naccounts" → "the audited accounts".
pub fn text_of(snippet: &str) -> String {
    let words = fold(snippet);
    LEADING_NUMBER.replace(&words, "").into_owned()
}

/// White space collapsed, lower case.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The byte offset of 1-based `line` and `column` in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_drop_numbers_and_paragraph_numbers() {
        assert_eq!(
            section_of("4. Review of effectiveness › 4.8"),
            "review of effectiveness"
        );
        assert_eq!(
            section_of("Section 5: Significant  Issues › Appendix A Action plan › 12"),
            "significant issues › appendix a action plan"
        );
        assert_eq!(section_of("4.2 Internal audit › B.3"), "internal audit");
        assert_eq!(section_of(""), "");
    }

    #[test]
    fn text_drops_a_leading_paragraph_number_only() {
        assert_eq!(
            text_of("4.8  The Audited\naccounts"),
            "the audited accounts"
        );
        assert_eq!(text_of("4.3"), "");
        assert_eq!(text_of("12 June 2024"), "12 june 2024");
        assert_eq!(text_of("2023/24 to 2024/25"), "2023/24 to 2024/25");
        assert_eq!(text_of("7. The council"), "the council");
    }

    #[test]
    fn paths_are_relative_to_the_baseline() {
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a")),
            PathBuf::from("b/c.md")
        );
        assert_eq!(
            relative_to(Path::new("/a/b/c.md"), Path::new("/a/d")),
            PathBuf::from("../b/c.md")
        );
    }

    #[test]
    fn bad_files_are_named_errors() {
        let e = Baseline::parse(
            "b.json",
            "{\"version\": 1, \"findings\": [ {\"rule\": 3} ]}",
        )
        .expect_err("malformed");
        assert!(matches!(*e, BaselineError::Malformed { .. }));
        assert!(
            e.to_string()
                .starts_with("b.json: not a govlint baseline: "),
            "{e}"
        );
        let e = Baseline::parse("b.json", "{\"version\": 2, \"findings\": []}").expect_err("newer");
        assert_eq!(
            e.to_string(),
            "b.json: baseline version 2; this govlint reads version 1"
        );
        let e = Baseline::parse("b.json", "{\"version\": 1, \"findings\": [], \"extra\": 1}")
            .expect_err("unknown field");
        assert!(e.to_string().contains("unknown field `extra`"), "{e}");
        assert_eq!(
            Baseline::parse("b.json", "{\"version\": 1, \"findings\": []}").ok(),
            Some(Baseline {
                version: 1,
                findings: Vec::new()
            })
        );
    }
}
