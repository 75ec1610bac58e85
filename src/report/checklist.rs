//! The compliance checklist (`govlint checklist`, `--format checklist`,
//! `checklist-csv`, `checklist-json`, and a section of the HTML report):
//! one row per rule of the pack, grouped by CIPFA/SOLACE principle, saying
//! whether the statement met it (quoting what did), did not (the
//! findings), was accepted as it is (a suppression or the baseline), or
//! did not apply (and why).

use super::{LineIndex, Reporter, RunEnd, has_lines, place, write_nested_json};
use crate::diagnostic::{FileOutcome, FileReport, Finding, Requirement};
use crate::rules::RuleSet;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The principles' names, as the checklist heads its groups.
pub const PRINCIPLES: [(char, &str); 7] = [
    (
        'A',
        "Behaving with integrity, ethical values and respect for the rule of law",
    ),
    ('B', "Openness and comprehensive stakeholder engagement"),
    (
        'C',
        "Defining outcomes: sustainable economic, social and environmental benefits",
    ),
    (
        'D',
        "Determining the interventions necessary to achieve the intended outcomes",
    ),
    ('E', "Developing capacity, leadership and individuals"),
    (
        'F',
        "Managing risks and performance through internal control and financial management",
    ),
    (
        'G',
        "Transparency, reporting and audit to deliver effective accountability",
    ),
];

/// How a checklist is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChecklistFormat {
    Markdown,
    Csv,
    Json,
}

/// One row of a document's checklist.
#[derive(Serialize)]
pub struct Row {
    /// "A" to "G"; "" for a rule with no principle.
    pub principle: String,
    pub rule: String,
    /// What the rule requires, in its own words (its summary).
    pub requirement: String,
    /// "met", "not met", "accepted" or "not applicable".
    pub status: &'static str,
    /// What met it, or the findings, or the reason it was accepted or did
    /// not apply; each with its place.
    pub details: Vec<Detail>,
}

#[derive(Serialize)]
pub struct Detail {
    pub text: String,
    /// Where it is ("3. The governance framework › 3.4"); may be empty.
    pub location: String,
    /// The line in a text file; absent for Word and PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// A document's checklist rows, in principle order and, within one, in the
/// pack's order.
pub fn rows(report: &FileReport, rules: &RuleSet) -> Vec<Row> {
    let FileOutcome::Checked {
        source,
        findings,
        suppressed,
        requirements,
        ..
    } = &report.outcome
    else {
        return Vec::new();
    };
    let index = LineIndex::new(&source.text);
    let line = |at: usize| has_lines(source).then(|| index.line(at));
    let finding_detail = |f: &Finding| Detail {
        text: f.message.clone(),
        location: place(f),
        line: line(f.span.start),
    };
    let mut rows: Vec<(usize, Row)> = rules
        .rules
        .iter()
        .enumerate()
        .map(|(order, rule)| {
            let requirement = requirements.iter().find(|r| r.rule == rule.id);
            let failing: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule.id).collect();
            let accepted: Vec<_> = suppressed
                .iter()
                .filter(|s| s.finding.rule == rule.id)
                .collect();
            let (status, details) = if !failing.is_empty() {
                ("not met", failing.into_iter().map(finding_detail).collect())
            } else if !accepted.is_empty() {
                let details = accepted
                    .iter()
                    .map(|s| Detail {
                        text: format!("{} (accepted: {})", s.finding.message, s.reason),
                        location: place(&s.finding),
                        line: line(s.finding.span.start),
                    })
                    .collect();
                ("accepted", details)
            } else if let Some(why) = requirement.and_then(|r| r.not_applicable.as_ref()) {
                let detail = Detail {
                    text: why.clone(),
                    location: String::new(),
                    line: None,
                };
                ("not applicable", vec![detail])
            } else {
                ("met", evidence(requirement, &line))
            };
            let row = Row {
                principle: rule
                    .principles
                    .first()
                    .map(char::to_string)
                    .unwrap_or_default(),
                rule: rule.id.clone(),
                requirement: rule.summary.clone(),
                status,
                details,
            };
            (order, row)
        })
        .collect();
    rows.sort_by(|(a_order, a), (b_order, b)| {
        let key = |r: &Row| {
            if r.principle.is_empty() {
                "~".to_owned()
            } else {
                r.principle.clone()
            }
        };
        key(a).cmp(&key(b)).then(a_order.cmp(b_order))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

/// What met a rule: the quotes its checks found, or, for a rule that only
/// rules things out, that none was found.
fn evidence(
    requirement: Option<&Requirement>,
    line: &dyn Fn(usize) -> Option<usize>,
) -> Vec<Detail> {
    let quotes: Vec<Detail> = requirement
        .map(|r| r.evidence.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|e| Detail {
            text: format!("\u{201c}{}\u{201d}", e.quote),
            location: e.location.clone(),
            line: line(e.span.start),
        })
        .collect();
    if quotes.is_empty() {
        return vec![Detail {
            text: "checked: nothing found wanting".to_owned(),
            location: String::new(),
            line: None,
        }];
    }
    quotes
}

/// Writes the checklist of each document.
pub struct ChecklistReporter<'a> {
    rules: &'a RuleSet,
    format: ChecklistFormat,
    files: usize,
}

impl<'a> ChecklistReporter<'a> {
    pub fn new(rules: &'a RuleSet, format: ChecklistFormat) -> Self {
        ChecklistReporter {
            rules,
            format,
            files: 0,
        }
    }
}

impl Detail {
    /// "3.4, line 40" / "line 40" / "3.4" / "".
    pub fn place(&self) -> String {
        match (self.location.is_empty(), self.line) {
            (false, Some(line)) => format!("{}, line {line}", self.location),
            (true, Some(line)) => format!("line {line}"),
            _ => self.location.clone(),
        }
    }

    /// The text and, in brackets, its place, each put through `escape`
    /// for the format it is shown in.
    pub fn shown(&self, escape: impl Fn(&str) -> String) -> String {
        let at = self.place();
        if at.is_empty() {
            escape(&self.text)
        } else {
            format!("{} ({})", escape(&self.text), escape(&at))
        }
    }
}

/// A Markdown table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// A CSV field, quoted when it must be.
fn csv(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

pub fn markdown(path: &str, rows: &[Row]) -> String {
    let mut s = format!("# Compliance checklist: {path}\n");
    let mut group = None;
    for row in rows {
        if group != Some(&row.principle) {
            group = Some(&row.principle);
            let name = PRINCIPLES
                .iter()
                .find(|(p, _)| p.to_string() == row.principle)
                .map_or("Other requirements".to_owned(), |(p, name)| {
                    format!("Principle {p}: {name}")
                });
            let _ = write!(
                s,
                "\n## {name}\n\n| Requirement | Status | Evidence, finding or reason |\n|---|---|---|\n"
            );
        }
        let details: Vec<String> = row.details.iter().map(|d| d.shown(cell)).collect();
        let _ = writeln!(
            s,
            "| {} (`{}`) | {} | {} |",
            cell(&row.requirement),
            row.rule,
            row.status,
            details.join("<br>")
        );
    }
    s
}

impl Reporter for ChecklistReporter<'_> {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let rows = rows(report, self.rules);
        let first = self.files == 0;
        self.files += 1;
        match self.format {
            ChecklistFormat::Markdown => {
                if !first {
                    writeln!(out)?;
                }
                out.write_all(markdown(&report.path, &rows).as_bytes())
            }
            ChecklistFormat::Csv => {
                if first {
                    writeln!(
                        out,
                        "path,principle,rule,requirement,status,detail,location,line"
                    )?;
                }
                for row in &rows {
                    for d in &row.details {
                        writeln!(
                            out,
                            "{},{},{},{},{},{},{},{}",
                            csv(&report.path),
                            row.principle,
                            row.rule,
                            csv(&row.requirement),
                            row.status,
                            csv(&d.text),
                            csv(&d.location),
                            d.line.map_or_else(String::new, |l| l.to_string())
                        )?;
                    }
                }
                Ok(())
            }
            ChecklistFormat::Json => {
                #[derive(Serialize)]
                struct File<'r> {
                    path: &'r str,
                    requirements: &'r [Row],
                }
                write!(
                    out,
                    "{}",
                    if first {
                        "{\n  \"version\": 1,\n  \"files\": [\n    "
                    } else {
                        ",\n    "
                    }
                )?;
                write_nested_json(
                    out,
                    &File {
                        path: &report.path,
                        requirements: &rows,
                    },
                    2,
                )
            }
        }
    }

    fn finish(&mut self, _end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.format == ChecklistFormat::Json {
            if self.files == 0 {
                writeln!(out, "{{\n  \"version\": 1,\n  \"files\": []\n}}")?;
            } else {
                writeln!(out, "\n  ]\n}}")?;
            }
        }
        Ok(())
    }
}
