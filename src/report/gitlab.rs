//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues
//! in the Code Climate shape), which a merge request shows beside the diff.

use super::fingerprint::problem_fingerprint;
use super::{
    LineIndex, Reporter, RunEnd, file_problems, fingerprints, has_lines, place, slash_path,
};
use crate::diagnostic::{FileOutcome, FileReport, Finding};
use crate::rules::Severity;
use serde::Serialize;
use std::io::{self, Write};

/// Every finding and every file-level problem as one Code Quality issue.
/// Suppressed findings are left out: they are not problems.
#[derive(Default)]
pub struct GitlabReporter {
    /// The issues so far: the array is written whole at the end.
    issues: Vec<Issue>,
}

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: String,
    fingerprint: String,
    /// info, minor, major, critical or blocker.
    severity: &'static str,
    location: Location,
    /// What to do and the statute or guidance behind it, in Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content>,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Serialize)]
struct Content {
    body: String,
}

impl Reporter for GitlabReporter {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let issues = &mut self.issues;
        {
            let path = slash_path(&report.path);
            if let FileOutcome::Checked {
                source,
                findings,
                suppressed,
                ..
            } = &report.outcome
            {
                let index = LineIndex::new(&source.text);
                let (prints, _) = fingerprints(&report.path, findings, suppressed);
                for (f, fingerprint) in findings.iter().zip(prints) {
                    let mut description = f.message.clone();
                    // A Word or PDF file has no lines to point at.
                    let line = if has_lines(source) {
                        index.line(f.span.start)
                    } else {
                        let place = place(f);
                        if !place.is_empty() {
                            description.push_str(&format!(" (at {place})"));
                        }
                        1
                    };
                    issues.push(Issue {
                        description,
                        check_name: f.rule.clone(),
                        fingerprint,
                        severity: severity(f.severity),
                        location: Location {
                            path: path.clone(),
                            lines: Lines { begin: line },
                        },
                        content: content(f),
                    });
                }
            }
            for p in file_problems(report) {
                issues.push(Issue {
                    fingerprint: problem_fingerprint(&report.path, &p.code),
                    description: p.message,
                    check_name: p.code,
                    severity: "critical",
                    location: Location {
                        path: path.clone(),
                        lines: Lines { begin: 1 },
                    },
                    content: None,
                });
            }
        }
        Ok(())
    }

    fn finish(&mut self, _end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.issues).map_err(io::Error::from)?;
        writeln!(out)
    }
}

/// A finding that must be fixed before the statement goes out is major; a
/// warning minor; an info a reminder. Critical is kept for files govlint
/// could not read or fully check.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

fn content(f: &Finding) -> Option<Content> {
    let mut body = f.help.clone().unwrap_or_default();
    if !f.references.is_empty() {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str("See:\n");
        for r in f.references.iter() {
            match &r.url {
                Some(url) => body.push_str(&format!("- [{}]({url})\n", r.citation())),
                None => body.push_str(&format!("- {}\n", r.citation())),
            }
        }
    }
    (!body.is_empty()).then_some(Content { body })
}
