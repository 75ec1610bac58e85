//! The default output: rustc-style annotated diagnostics, rendered by miette.

use super::{Reporter, RunEnd, plural};
use crate::diagnostic::{FileOutcome, FileReport, Finding, GoneFinding, StatementError, Summary};
use crate::rules::{LoadError, Severity};
use crate::source::{Format, SourceFile};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;
use std::io::{self, Write};

/// rustc-style annotated diagnostics.
pub struct HumanReporter {
    handler: GraphicalReportHandler,
    /// Only the diagnostics: no notes, no summary line.
    quiet: bool,
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
            quiet: false,
        }
    }

    /// Only the findings and errors: no notes (the assumed statement date,
    /// skipped files) and no summary line.
    pub fn quiet(self, quiet: bool) -> Self {
        HumanReporter { quiet, ..self }
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
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match &report.outcome {
            FileOutcome::Unreadable(e) => out.write_all(self.render(e).as_bytes())?,
            FileOutcome::Checked {
                source,
                facts,
                findings,
                errors,
                ..
            } => {
                if matches!(source.format, Format::Docx | Format::Pdf) {
                    // Line numbers of extracted text mean nothing in
                    // Word or a PDF viewer: show where the words are.
                    for f in findings {
                        let (named, offset) = excerpt(source, f);
                        let d = FindingDiagnostic::new(f, &named)
                            .shifted(offset)
                            .with_references();
                        out.write_all(self.render(&d).as_bytes())?;
                    }
                } else {
                    let named = NamedSource::new(&source.name, source.text.clone());
                    for f in findings {
                        let d = FindingDiagnostic::new(f, &named).with_references();
                        out.write_all(self.render(&d).as_bytes())?;
                    }
                }
                for e in errors {
                    let d = statement_error(&report.path, e);
                    out.write_all(self.render(&d).as_bytes())?;
                }
                if let Some(note) = facts.date_note().filter(|_| !self.quiet) {
                    let d = miette::MietteDiagnostic::new(format!("{}: {note}", report.path))
                        .with_severity(miette::Severity::Advice);
                    out.write_all(self.render(&d).as_bytes())?;
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        if !end.skipped.is_empty() {
            let list: Vec<String> = end
                .skipped
                .iter()
                .map(|s| format!("  {}: {}", s.path, s.reason))
                .collect();
            writeln!(
                out,
                "note: skipped {} in the folders given:\n{}\n",
                plural(end.skipped.len(), "file"),
                list.join("\n")
            )?;
        }
        if !end.gone_from_baseline.is_empty() {
            writeln!(out, "{}", gone_note(end.gone_from_baseline))?;
        }
        writeln!(out, "{}", summary_line(end.summary))
    }
}

/// "note: 2 baselined findings no longer occur; …", then one line each.
fn gone_note(gone: &[GoneFinding]) -> String {
    let n = gone.len();
    let mut s = format!(
        "note: {} no longer {}; rewrite the baseline with --write-baseline\n",
        plural(n, "baselined finding"),
        if n == 1 { "occurs" } else { "occur" }
    );
    for g in gone {
        let section = if g.section.is_empty() {
            String::new()
        } else {
            format!(" in {}", g.section)
        };
        s.push_str(&format!(
            "  {}: {}{section} (line {} when recorded): {}\n",
            g.path, g.rule, g.line, g.message
        ));
    }
    s
}

/// Most lines of extracted text shown around a finding in a Word or PDF
/// document.
const EXCERPT_LINES: usize = 8;

/// The lines of a Word or PDF document's extracted text that a finding's
/// labels are on, named by where they are in the document ("report.docx ›
/// 4. Review › 4.8, page 3"), and the byte offset of the excerpt.
fn excerpt(source: &SourceFile, f: &Finding) -> (NamedSource<String>, usize) {
    let text = &source.text;
    let line_start = |at: usize| text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| {
        text[at.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| at + i)
    };
    let spans = std::iter::once(&f.span).chain(f.labels.iter().map(|l| &l.span));
    let (lo, hi) = spans.fold((f.span.start, f.span.end), |(lo, hi), s| {
        (lo.min(s.start), hi.max(s.end))
    });
    // The whole paragraph (hard-wrapped PDF text spans several lines)
    // when it is short, else the lines of the labels, else the primary's.
    let para_start = text[..lo.min(text.len())]
        .rfind("\n\n")
        .map_or(0, |i| i + 2);
    let para_end = text[hi.min(text.len())..]
        .find("\n\n")
        .map_or(text.len(), |i| hi + i);
    let short = |a: usize, b: usize| text[a..b].lines().count() <= EXCERPT_LINES;
    let (start, end) = if short(para_start, para_end) {
        (para_start, para_end)
    } else if short(line_start(lo), line_end(hi)) {
        (line_start(lo), line_end(hi))
    } else {
        (line_start(f.span.start), line_end(f.span.end))
    };
    let mut name = source.name.clone();
    if !f.location.is_empty() {
        name.push_str(" › ");
        name.push_str(&f.location);
    }
    if let Some(page) = f.page {
        name.push_str(&format!(", page {page}"));
    }
    (NamedSource::new(name, text[start..end].to_owned()), start)
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

/// "Checked 2 files: 1 error, 3 warnings, 0 infos; 4 suppressed (1 by
/// the baseline)."
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "Checked {}: {}, {}, {}",
        plural(s.files, "file"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    );
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", s.suppressed));
        if s.baselined > 0 {
            line.push_str(&format!(" ({} by the baseline)", s.baselined));
        }
    }
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
    /// Where `source` starts in the file the finding's spans point into:
    /// non-zero when it is an excerpt. Labels outside it are left out.
    offset: usize,
    /// Whether the help lists the rule's references ("see: …").
    references: bool,
}

impl<'a> FindingDiagnostic<'a> {
    pub fn new(finding: &'a Finding, source: &'a NamedSource<String>) -> Self {
        FindingDiagnostic {
            finding,
            source,
            offset: 0,
            references: false,
        }
    }

    /// The diagnostic with the rule's references under its help, one
    /// "see: …" line each (the report shows them; rule examples do not).
    pub fn with_references(self) -> Self {
        FindingDiagnostic {
            references: true,
            ..self
        }
    }

    /// The diagnostic over an excerpt of the file that starts at `offset`.
    pub fn shifted(self, offset: usize) -> Self {
        FindingDiagnostic { offset, ..self }
    }

    fn span(&self, span: &std::ops::Range<usize>) -> Option<miette::SourceSpan> {
        let len = self.source.inner().len();
        let start = span.start.checked_sub(self.offset)?;
        let end = span.end.checked_sub(self.offset)?;
        (end <= len).then(|| (start..end).into())
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
        let f = self.finding;
        let mut lines: Vec<String> = f.help.iter().cloned().collect();
        if self.references {
            lines.extend(
                f.references
                    .iter()
                    .map(|r| format!("see: {}", super::reference_line(r))),
            );
        }
        (!lines.is_empty()).then(|| Box::new(lines.join("\n")) as Box<dyn fmt::Display>)
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
        let primary = self
            .span(&f.span)
            .map(|span| LabeledSpan::new_primary_with_span(f.label.clone(), span));
        let rest = f.labels.iter().filter_map(|l| {
            let span = self.span(&l.span)?;
            Some(LabeledSpan::new_with_span(Some(l.message.clone()), span))
        });
        Some(Box::new(primary.into_iter().chain(rest)))
    }
}
