//! The default output: rustc-style annotated diagnostics, rendered by miette.

use super::{Reporter, plural};
use crate::diagnostic::{FileOutcome, FileReport, Finding, StatementError, Summary};
use crate::rules::{LoadError, Severity};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;
use std::io::{self, Write};

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

    /// Every rule-loading error, then how many there were: what the CLI
    /// prints (to stderr) instead of running anything.
    pub fn render_load_errors(&self, errors: &[LoadError]) -> String {
        let mut s: String = errors.iter().map(|e| self.render(e)).collect();
        s.push_str(&format!(
            "error: {} in the rules; nothing was checked\n",
            plural(errors.len(), "problem")
        ));
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
                    facts,
                    findings,
                    errors,
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
                        let d = statement_error(&report.path, e);
                        out.write_all(self.render(&d).as_bytes())?;
                    }
                    if let Some(note) = facts.date_note() {
                        let d = miette::MietteDiagnostic::new(format!("{}: {note}", report.path))
                            .with_severity(miette::Severity::Advice);
                        out.write_all(self.render(&d).as_bytes())?;
                    }
                }
            }
        }
        writeln!(out, "{}", summary_line(summary))
    }
}

/// A statement error as a diagnostic that names the file in its message,
/// as input errors do.
fn statement_error(path: &str, e: &StatementError) -> miette::MietteDiagnostic {
    let mut d = miette::MietteDiagnostic::new(format!("{path}: {e}"));
    if let Some(code) = e.code() {
        d = d.with_code(code.to_string());
    }
    if let Some(help) = e.help() {
        d = d.with_help(help.to_string());
    }
    d
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
