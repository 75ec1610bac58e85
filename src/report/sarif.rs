//! `--format sarif`: SARIF 2.1.0, the static-analysis interchange format
//! that GitHub code scanning and other tools read.
//!
//! The log has one run: the tool and every rule in force (its description,
//! help, references, default level and CIPFA principles), one result per
//! finding, and one per suppressed finding with its `suppressions` (the
//! reason it was accepted), so the audit trail travels with the report.
//! Files that could not be read or fully checked are tool notifications of
//! the invocation, which is then not successful.

use super::{
    LineIndex, Reporter, RunEnd, file_problems, fingerprints, has_lines, place, reference_line,
    slash_path,
};
use crate::diagnostic::{FileOutcome, FileReport, Finding, SuppressedBy};
use crate::rules::{Rule, RuleSet, Severity};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

/// The schema the log declares: the OASIS 2.1.0 schema with errata 01.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of govlint's fingerprint in `partialFingerprints` (the same
/// fingerprint as GitLab's report).
const FINGERPRINT_KEY: &str = "govlint/v1";

/// A SARIF 2.1.0 log of a run, with the rules in force.
pub struct SarifReporter<'a> {
    rules: &'a RuleSet,
    /// Each rule's place in the log's rule list, by id.
    index_of: BTreeMap<&'a str, usize>,
    /// The results and notifications so far, for the log written at the end.
    results: Vec<SarifResult>,
    notifications: Vec<Notification>,
}

impl<'a> SarifReporter<'a> {
    pub fn new(rules: &'a RuleSet) -> Self {
        let index_of = rules
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        SarifReporter {
            rules,
            index_of,
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [SarifRun<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    /// Columns count characters, as in every govlint output.
    column_kind: &'static str,
    results: &'a [SarifResult],
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

fn text(s: impl Into<String>) -> Text {
    Text { text: s.into() }
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    /// The CIPFA/SOLACE principles (A–G) the rule serves.
    principles: Vec<String>,
    references: Vec<&'a crate::rules::Reference>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    descriptor: NotificationId,
    locations: [Location; 1],
}

#[derive(Serialize)]
struct NotificationId {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties>,
}

#[derive(Serialize)]
struct ResultProperties {
    /// The page of a PDF.
    page: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    /// The headings above the finding and its paragraph number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// Exclusive, as SARIF counts.
    end_column: usize,
    snippet: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    fully_qualified_name: String,
}

#[derive(Serialize)]
struct Suppression {
    /// "inSource": a directive in the document; "external": the baseline.
    kind: &'static str,
    justification: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location>,
}

impl Reporter for SarifReporter<'_> {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let (index_of, results, notifications) =
            (&self.index_of, &mut self.results, &mut self.notifications);
        {
            let uri = uri(&report.path);
            for p in file_problems(report) {
                notifications.push(Notification {
                    level: "error",
                    message: text(p.message),
                    descriptor: NotificationId { id: p.code },
                    locations: [file_location(&uri)],
                });
            }
            let FileOutcome::Checked {
                source,
                findings,
                suppressed,
                ..
            } = &report.outcome
            else {
                return Ok(());
            };
            let index = LineIndex::new(&source.text);
            let lines = has_lines(source);
            let (prints, suppressed_prints) = fingerprints(&report.path, findings, suppressed);
            let result = |f: &'_ Finding, print: String| {
                let at = |span: &Range<usize>| {
                    location(&uri, lines.then(|| region(&index, &source.text, span)), f)
                };
                let mut message = f.message.clone();
                let place = place(f);
                if !lines && !place.is_empty() {
                    message.push_str(&format!(" (at {place})"));
                }
                (at(&f.span), message, print)
            };
            for (f, print) in findings.iter().zip(prints) {
                let (location, message, print) = result(f, print);
                results.push(sarif_result(
                    f,
                    index_of,
                    location,
                    message,
                    print,
                    Vec::new(),
                ));
            }
            for (s, print) in suppressed.iter().zip(suppressed_prints) {
                let (location, message, print) = result(&s.finding, print);
                let suppression = match &s.by {
                    SuppressedBy::Directive { span } => Suppression {
                        kind: "inSource",
                        justification: s.reason.clone(),
                        location: Some(file_location_at(
                            &uri,
                            lines.then(|| region(&index, &source.text, span)),
                        )),
                    },
                    SuppressedBy::Baseline => Suppression {
                        kind: "external",
                        justification: s.reason.clone(),
                        location: None,
                    },
                };
                let result = sarif_result(
                    &s.finding,
                    index_of,
                    location,
                    message,
                    print,
                    vec![suppression],
                );
                results.push(result);
            }
        }
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [SarifRun {
                tool: Tool {
                    driver: Driver {
                        name: "govlint",
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        rules: self.rules.rules.iter().map(descriptor).collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: end.summary.failures == 0,
                    tool_execution_notifications: std::mem::take(&mut self.notifications),
                }],
                column_kind: "unicodeCodePoints",
                results: &self.results,
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
        writeln!(out)
    }
}

fn sarif_result(
    f: &Finding,
    index_of: &BTreeMap<&str, usize>,
    location: Location,
    message: String,
    print: String,
    suppressions: Vec<Suppression>,
) -> SarifResult {
    SarifResult {
        rule_id: f.rule.clone(),
        rule_index: index_of.get(f.rule.as_str()).copied(),
        level: level(f.severity),
        message: text(message),
        locations: [location],
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, print)]),
        suppressions,
        properties: f.page.map(|page| ResultProperties { page }),
    }
}

fn descriptor(rule: &Rule) -> Descriptor<'_> {
    let mut help_text = rule.help.clone().unwrap_or_else(|| rule.summary.clone());
    let mut help_markdown = help_text.clone();
    if !rule.references.is_empty() {
        help_text.push_str("\n\nSee:");
        help_markdown.push_str("\n\n**See:**\n");
        for r in rule.references.iter() {
            help_text.push_str(&format!("\n- {}", reference_line(r)));
            help_markdown.push_str(&match &r.url {
                Some(url) => format!("\n- [{}]({url})", r.citation()),
                None => format!("\n- {}", r.citation()),
            });
        }
    }
    Descriptor {
        id: &rule.id,
        short_description: text(rule.summary.clone()),
        full_description: text(format!(
            "{}\n\n{}",
            unwrap(&rule.docs.what),
            unwrap(&rule.docs.why)
        )),
        help: Help {
            text: help_text,
            markdown: help_markdown,
        },
        help_uri: rule.url.as_deref(),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            principles: rule.principles.iter().map(char::to_string).collect(),
            references: rule.references.iter().collect(),
        },
    }
}

/// Prose hard-wrapped in the rule file, as paragraphs that viewers wrap
/// themselves.
fn unwrap(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    paragraphs.join("\n\n")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A finding's location: the file, the region when lines mean something,
/// and the place in the document (headings and paragraph number).
fn location(uri: &str, region: Option<Region>, f: &Finding) -> Location {
    let mut location = file_location_at(uri, region);
    if !f.location.is_empty() {
        location.logical_locations = vec![LogicalLocation {
            fully_qualified_name: f.location.clone(),
        }];
    }
    location
}

fn file_location(uri: &str) -> Location {
    file_location_at(uri, None)
}

fn file_location_at(uri: &str, region: Option<Region>) -> Location {
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri.to_owned(),
            },
            region,
        },
        logical_locations: Vec::new(),
    }
}

fn region(index: &LineIndex<'_>, text: &str, span: &Range<usize>) -> Region {
    let at = index.span(span);
    Region {
        start_line: at.start.0,
        start_column: at.start.1,
        end_line: at.end.0,
        end_column: at.end.1,
        snippet: self::text(text.get(span.clone()).unwrap_or_default()),
    }
}

/// What a path may keep unescaped in a URI reference: letters, digits,
/// `-._~` and the `/` between segments.
const PATH_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// A path as a URI: relative paths stay relative (to the folder govlint ran
/// in, which code scanning takes as the repository root), with forward
/// slashes and percent-escapes; an absolute path under the current folder
/// is made relative, any other becomes a `file:` URI.
fn uri(path: &str) -> String {
    let path = std::path::Path::new(path);
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|dir| path.strip_prefix(dir).ok().map(|p| p.to_path_buf()))
    } else {
        Some(path.to_path_buf())
    };
    match relative {
        Some(p) => utf8_percent_encode(&slash_path(&p.to_string_lossy()), PATH_SAFE).to_string(),
        None => {
            let p = slash_path(&path.to_string_lossy());
            let p = p.trim_start_matches('/');
            format!("file:///{}", utf8_percent_encode(p, PATH_SAFE))
        }
    }
}

#[cfg(test)]
mod tests;
