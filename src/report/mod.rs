//! Stage 6: output formats, each a [`Reporter`].

use crate::diagnostic::{FileOutcome, FileReport, Finding, Summary};
use crate::rules::Severity;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use serde::Serialize;
use std::fmt;
use std::io::{self, Write};

/// Writes a run's reports in one format.
pub trait Reporter {
    fn report(
        &self,
        reports: &[FileReport],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()>;
}

/// rustc-style annotated diagnostics.
pub struct HumanReporter {
    handler: GraphicalReportHandler,
}

impl HumanReporter {
    /// `color` on a terminal that wants it; `width` in columns.
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        HumanReporter {
            handler: GraphicalReportHandler::new_themed(theme)
                .with_width(width)
                .with_links(false)
                .with_urls(true),
        }
    }

    /// Renders any diagnostic (rule-loading errors use this too).
    /// Each diagnostic ends with a blank line, as rustc's do.
    pub fn render(&self, diagnostic: &dyn Diagnostic) -> String {
        let mut s = String::new();
        if self.handler.render_report(&mut s, diagnostic).is_err() {
            s = format!("{diagnostic}");
        }
        s.truncate(s.trim_end().len());
        s.push_str("\n\n");
        s
    }
}

impl Reporter for HumanReporter {
    fn report(
        &self,
        reports: &[FileReport],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for report in reports {
            match &report.outcome {
                FileOutcome::Unreadable(e) => out.write_all(self.render(e).as_bytes())?,
                FileOutcome::Checked {
                    source,
                    findings,
                    errors,
                    ..
                } => {
                    let named = NamedSource::new(&source.name, source.text.clone());
                    for f in findings {
                        let d = FindingDiagnostic {
                            finding: f,
                            source: &named,
                        };
                        out.write_all(self.render(&d).as_bytes())?;
                    }
                    for e in errors {
                        // Name the file in the message, as input errors do.
                        let mut d = miette::MietteDiagnostic::new(format!("{}: {e}", report.path));
                        if let Some(code) = e.code() {
                            d = d.with_code(code.to_string());
                        }
                        if let Some(help) = e.help() {
                            d = d.with_help(help.to_string());
                        }
                        out.write_all(self.render(&d).as_bytes())?;
                    }
                }
            }
        }
        writeln!(out, "{}", summary_line(summary))
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "Checked 2 files: 1 error, 3 warnings, 0 infos."
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "Checked {}: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    if s.failures > 0 {
        line.push_str(&format!(
            "; {} could not be fully checked",
            plural(s.failures, "file")
        ));
    }
    line.push('.');
    line
}

/// A finding seen as a miette diagnostic over its file.
pub struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: &'a NamedSource<String>,
}

impl<'a> FindingDiagnostic<'a> {
    pub fn new(finding: &'a Finding, source: &'a NamedSource<String>) -> Self {
        FindingDiagnostic { finding, source }
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.finding, f)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding
            .url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let primary = LabeledSpan::new_primary_with_span(f.label.clone(), f.span.start..f.span.end);
        let rest = f
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), l.span.start..l.span.end));
        Some(Box::new(std::iter::once(primary).chain(rest)))
    }
}

/// One JSON object for the whole run (format version 1, see README).
pub struct JsonReporter;

#[derive(Serialize)]
struct JsonRun<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
    failures: usize,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    period: Option<String>,
    statement_date: Option<String>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: Vec<JsonError>,
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
    help: Option<&'a str>,
    url: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: Option<&'a str>,
    primary: bool,
    #[serde(flatten)]
    position: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: usize,
    byte_end: usize,
}

/// Converts byte offsets to 1-based lines and columns (columns in characters).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    fn line_col(&self, byte: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= byte).max(1);
        let start = self.starts[line - 1];
        let col = self.text.get(start..byte).map_or(0, |s| s.chars().count());
        (line, col + 1)
    }

    fn position(&self, span: &std::ops::Range<usize>) -> Position {
        let (line, column) = self.line_col(span.start);
        let (end_line, end_column) = self.line_col(span.end);
        Position {
            line,
            column,
            end_line,
            end_column,
            byte_start: span.start,
            byte_end: span.end,
        }
    }
}

impl Reporter for JsonReporter {
    fn report(
        &self,
        reports: &[FileReport],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let files = reports
            .iter()
            .map(|r| match &r.outcome {
                FileOutcome::Unreadable(e) => JsonFile {
                    path: &r.path,
                    period: None,
                    statement_date: None,
                    diagnostics: Vec::new(),
                    errors: vec![json_error(e)],
                },
                FileOutcome::Checked {
                    source,
                    statement,
                    findings,
                    errors,
                } => {
                    let index = LineIndex::new(&source.text);
                    JsonFile {
                        path: &r.path,
                        period: statement.period.as_ref().map(|p| p.year.to_string()),
                        statement_date: statement.date.as_ref().map(|d| d.date.to_string()),
                        diagnostics: findings.iter().map(|f| json_finding(f, &index)).collect(),
                        errors: errors.iter().map(|e| json_error(e)).collect(),
                    }
                }
            })
            .collect();
        let run = JsonRun {
            version: 1,
            files,
            summary: JsonSummary {
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
                files: summary.files,
                failures: summary.failures,
            },
        };
        serde_json::to_writer_pretty(&mut *out, &run).map_err(io::Error::other)?;
        writeln!(out)
    }
}

fn json_error(e: &dyn Diagnostic) -> JsonError {
    JsonError {
        code: e.code().map(|c| c.to_string()).unwrap_or_default(),
        message: e.to_string(),
    }
}

fn json_finding<'a>(f: &'a Finding, index: &LineIndex<'_>) -> JsonDiagnostic<'a> {
    let primary = JsonLabel {
        message: f.label.as_deref(),
        primary: true,
        position: index.position(&f.span),
    };
    let labels = std::iter::once(primary)
        .chain(f.labels.iter().map(|l| JsonLabel {
            message: Some(&l.message),
            primary: false,
            position: index.position(&l.span),
        }))
        .collect();
    JsonDiagnostic {
        rule: &f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        position: index.position(&f.span),
        help: f.help.as_deref(),
        url: f.url.as_deref(),
        labels,
    }
}
