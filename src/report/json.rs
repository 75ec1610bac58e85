//! `--format json`: one JSON object for the whole run.

use super::{LineIndex, Reporter, RunEnd, write_nested_json};
use crate::diagnostic::{FileOutcome, FileReport, Finding, GoneFinding, Suppressed, SuppressedBy};
use crate::rules::Reference;
use crate::source::FileOffsets;
use miette::Diagnostic;
use serde::Serialize;
use std::io::{self, Write};

/// One JSON object for the whole run (format version 1, see README).
#[derive(Default)]
pub struct JsonReporter {
    /// Files written so far.
    files: usize,
}

/// The report's format version.
const VERSION: u32 = 1;

/// The fields of the report after `"version"` and `"files"`, which are
/// written as the files are checked.
#[derive(Serialize)]
struct JsonRunEnd<'a> {
    /// Files in the folders given that were not checked, and why.
    skipped: Vec<JsonSkipped<'a>>,
    /// Findings the `--baseline` file lists that no longer occur.
    gone_from_baseline: Vec<JsonGone<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonGone<'a> {
    path: &'a str,
    rule: &'a str,
    message: &'a str,
    section: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct JsonSkipped<'a> {
    path: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    failures: usize,
    /// Findings kept out of `diagnostics`, by a directive or the baseline.
    suppressed: usize,
    /// Of those, the ones the baseline accepts.
    baselined: usize,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    /// "markdown", "text", "html", "docx", "pdf"; absent when unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    /// How the bytes were decoded: "UTF-8", "UTF-16LE", "Windows-1252"…
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    period: Option<String>,
    statement_date: Option<String>,
    /// Present only when the statement date was assumed, and says why.
    #[serde(skip_serializing_if = "Option::is_none")]
    statement_date_note: Option<String>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Findings a directive in the document or the baseline accepts.
    suppressed: Vec<JsonSuppressed<'a>>,
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    finding: JsonDiagnostic<'a>,
    /// "directive" or "baseline".
    suppressed_by: &'static str,
    reason: &'a str,
    /// Where the directive is; absent for the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    directive: Option<Position>,
}

#[derive(Serialize)]
struct JsonError {
    code: String,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    #[serde(flatten)]
    position: Position,
    snippet: &'a str,
    location: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<usize>,
    help: Option<&'a str>,
    url: Option<&'a str>,
    /// The statute and guidance the rule rests on: `title`, `section`, `url`.
    references: &'a [Reference],
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: Option<&'a str>,
    primary: bool,
    #[serde(flatten)]
    position: Position,
}

/// Where a span is: 1-based lines, columns in characters, and the bytes.
#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

/// How a file's spans become positions: lines and columns in its text,
/// bytes in the file itself.
struct Places<'a> {
    lines: LineIndex<'a>,
    bytes: FileOffsets<'a>,
}

impl Position {
    fn of(span: &std::ops::Range<usize>, places: &Places<'_>) -> Position {
        let (line, column) = places.lines.line_col(span.start);
        let (end_line, end_column) = places.lines.line_col(span.end);
        Position {
            line,
            column,
            end_line,
            end_column,
            byte_start: places.bytes.of(span.start),
            byte_end: places.bytes.of(span.end),
        }
    }
}

impl Reporter for JsonReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        // Written as `JsonRun` would be, a file at a time.
        if self.files == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": [\n    ")?;
        } else {
            write!(out, ",\n    ")?;
        }
        self.files += 1;
        write_nested_json(out, &json_file(report), 2)
    }

    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.files == 0 {
            write!(out, "{{\n  \"version\": {VERSION},\n  \"files\": []")?;
        } else {
            write!(out, "\n  ]")?;
        }
        let summary = end.summary;
        let rest = JsonRunEnd {
            skipped: end
                .skipped
                .iter()
                .map(|s| JsonSkipped {
                    path: &s.path,
                    reason: &s.reason,
                })
                .collect(),
            gone_from_baseline: end.gone_from_baseline.iter().map(json_gone).collect(),
            summary: JsonSummary {
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
                files: summary.files,
                failures: summary.failures,
                suppressed: summary.suppressed,
                baselined: summary.baselined,
            },
        };
        // The rest of the object's fields, after those written: its text
        // without the opening "{" and line break.
        let rest = serde_json::to_string_pretty(&rest)?;
        writeln!(out, ",\n{}", rest.strip_prefix("{\n").unwrap_or(&rest))
    }
}

fn json_file(report: &FileReport) -> JsonFile<'_> {
    match &report.outcome {
        FileOutcome::Unreadable(e) => JsonFile {
            path: &report.path,
            format: None,
            encoding: None,
            period: None,
            statement_date: None,
            statement_date_note: None,
            diagnostics: Vec::new(),
            suppressed: Vec::new(),
            errors: vec![json_error(e)],
        },
        FileOutcome::Checked {
            source,
            facts,
            findings,
            suppressed,
            errors,
            ..
        } => {
            let index = Places {
                lines: LineIndex::new(&source.text),
                bytes: FileOffsets::new(source),
            };
            JsonFile {
                path: &report.path,
                format: Some(source.format.name()),
                encoding: Some(source.encoding),
                period: facts.period.map(|year| year.to_string()),
                statement_date: facts.statement_date.map(|date| date.to_string()),
                statement_date_note: facts.date_note(),
                diagnostics: findings.iter().map(|f| json_finding(f, &index)).collect(),
                suppressed: suppressed
                    .iter()
                    .map(|s| json_suppressed(s, &index))
                    .collect(),
                errors: errors.iter().map(|e| json_error(e)).collect(),
            }
        }
    }
}

fn json_suppressed<'a>(s: &'a Suppressed, index: &Places<'_>) -> JsonSuppressed<'a> {
    let (by, directive) = match &s.by {
        SuppressedBy::Directive { span } => ("directive", Some(Position::of(span, index))),
        SuppressedBy::Baseline => ("baseline", None),
    };
    JsonSuppressed {
        finding: json_finding(&s.finding, index),
        suppressed_by: by,
        reason: &s.reason,
        directive,
    }
}

fn json_gone(g: &GoneFinding) -> JsonGone<'_> {
    JsonGone {
        path: &g.path,
        rule: &g.rule,
        message: &g.message,
        section: &g.section,
        line: g.line,
    }
}

fn json_error(e: &dyn Diagnostic) -> JsonError {
    JsonError {
        code: e.code().map(|c| c.to_string()).unwrap_or_default(),
        message: e.to_string(),
    }
}

fn json_finding<'a>(f: &'a Finding, index: &Places<'_>) -> JsonDiagnostic<'a> {
    let primary = JsonLabel {
        message: f.label.as_deref(),
        primary: true,
        position: Position::of(&f.span, index),
    };
    let labels = std::iter::once(primary)
        .chain(f.labels.iter().map(|l| JsonLabel {
            message: Some(&l.message),
            primary: false,
            position: Position::of(&l.span, index),
        }))
        .collect();
    JsonDiagnostic {
        rule: &f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        position: Position::of(&f.span, index),
        snippet: &f.snippet,
        location: &f.location,
        page: f.page,
        help: f.help.as_deref(),
        url: f.url.as_deref(),
        references: &f.references,
        labels,
    }
}
