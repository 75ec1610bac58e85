//! The default output: rustc-style annotated diagnostics, rendered by miette.

use super::excerpt::Excerpt;
use super::{LineIndex, Reporter, RunEnd, plural};
use crate::diagnostic::{FileOutcome, FileReport, Finding, GoneFinding, StatementError, Summary};
use crate::rules::{LoadError, Severity};
use crate::source::{Format, SourceFile};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;
use std::io::{self, Write};
use std::ops::Range;

/// rustc-style annotated diagnostics.
pub struct HumanReporter {
    handler: GraphicalReportHandler,
    /// For Word and PDF documents: the header names the place in the
    /// document, without line and column of the extracted text.
    handler_without_position: GraphicalReportHandler,
    /// Columns to fit in.
    width: usize,
    color: bool,
    /// Only the diagnostics: no headers, notes or summary.
    quiet: bool,
    /// Each file's counts so far, for the summary at the end.
    tallies: Vec<(String, Tally)>,
}

/// What one file came to, for the closing summary.
#[derive(Default)]
struct Tally {
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
    /// It could not be read, or not every rule could run on it.
    failed: bool,
}

impl Tally {
    fn of(report: &FileReport) -> Tally {
        let summary = Summary::of(std::slice::from_ref(report));
        Tally {
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            suppressed: summary.suppressed,
            failed: summary.failures > 0,
        }
    }
}

impl HumanReporter {
    /// `color` on a terminal that wants it; `width` in columns.
    pub fn new(color: bool, width: usize) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false)
            .with_urls(true);
        HumanReporter {
            handler_without_position: handler.clone().without_primary_span_start(),
            handler,
            width,
            color,
            quiet: false,
            tallies: Vec::new(),
        }
    }

    /// "── path ─────", across the width: where a file's findings start.
    fn header(&self, path: &str) -> String {
        let title = format!("── {path} ");
        let fill = "─".repeat(self.width.saturating_sub(title.chars().count()));
        if self.color {
            format!("\x1b[1m{title}{fill}\x1b[0m\n\n")
        } else {
            format!("{title}{fill}\n\n")
        }
    }

    /// One line per file checked (when there are several), then the
    /// totals.
    fn summary(&self, total: &Summary) -> String {
        let mut s = String::new();
        if self.tallies.len() > 1 {
            for (path, tally) in &self.tallies {
                s.push_str(&self.tally_line(path, tally));
            }
        }
        for line in textwrap::wrap(&summary_line(total), self.width) {
            s.push_str(&line);
            s.push('\n');
        }
        s
    }

    /// "  ×   3  ⚠   5  ☞   1  path (2 suppressed)": the severities' marks
    /// as the diagnostics show them, the path cut at the left to fit.
    fn tally_line(&self, path: &str, tally: &Tally) -> String {
        let mut note = String::new();
        if tally.suppressed > 0 {
            note.push_str(&format!(" ({} suppressed)", tally.suppressed));
        }
        if tally.failed {
            note.push_str(" (not fully checked)");
        }
        let counts = format!(
            "  × {:>3}  ⚠ {:>3}  ☞ {:>3}  ",
            tally.errors, tally.warnings, tally.infos
        );
        let room = self
            .width
            .saturating_sub(counts.chars().count() + note.chars().count())
            .max(20);
        let chars = path.chars().count();
        let path = if chars > room {
            let keep: String = path.chars().skip(chars - (room - 1)).collect();
            format!("…{keep}")
        } else {
            path.to_owned()
        };
        format!("{counts}{path}{note}\n")
    }

    /// Only the findings and errors: no notes (the assumed statement date,
    /// skipped files) and no summary line.
    pub fn quiet(self, quiet: bool) -> Self {
        HumanReporter { quiet, ..self }
    }

    /// One finding in `source` as the report shows it: the lines of the
    /// file it is on, cut to fit the width, its help and references.
    pub fn render_finding(&self, source: &SourceFile, f: &Finding) -> String {
        self.finding(source, &LineIndex::new(&source.text), f)
    }

    /// [`HumanReporter::render_finding`] with the file's line index.
    fn finding(&self, source: &SourceFile, index: &LineIndex<'_>, f: &Finding) -> String {
        if matches!(source.format, Format::Docx | Format::Pdf) {
            // Line numbers of extracted text mean nothing in Word or a PDF
            // viewer: show where the words are.
            let (name, range) = paragraph(source, f);
            let index = LineIndex::new(&source.text[range.clone()]);
            let excerpt = self.excerpt(name, &index, range.start, f);
            let d = FindingDiagnostic::excerpted(f, &excerpt).with_references();
            render_with(&self.handler_without_position, &d)
        } else {
            let excerpt = self.excerpt(source.name.clone(), index, 0, f);
            self.render(&FindingDiagnostic::excerpted(f, &excerpt).with_references())
        }
    }

    /// The lines `f` is on, cut to fit.
    fn excerpt(&self, name: String, index: &LineIndex<'_>, offset: usize, f: &Finding) -> Excerpt {
        let spans: Vec<Range<usize>> = std::iter::once(f.span.clone())
            .chain(f.labels.iter().map(|l| l.span.clone()))
            .collect();
        Excerpt::new(name, index, offset, &spans, self.width)
    }

    /// Renders any diagnostic (rule-loading errors use this too).
    /// Each diagnostic ends with a blank line, as rustc's do.
    pub fn render(&self, diagnostic: &dyn Diagnostic) -> String {
        render_with(&self.handler, diagnostic)
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
        let tally = Tally::of(report);
        let shows_something = tally.errors + tally.warnings + tally.infos > 0
            || tally.failed
            || matches!(&report.outcome, FileOutcome::Checked { facts, .. } if facts.date_note().is_some());
        if !self.quiet && shows_something {
            out.write_all(self.header(&report.path).as_bytes())?;
        }
        self.tallies.push((report.path.clone(), tally));
        match &report.outcome {
            FileOutcome::Unreadable(e) => out.write_all(self.render(e).as_bytes())?,
            FileOutcome::Checked {
                source,
                facts,
                findings,
                errors,
                ..
            } => {
                let index = LineIndex::new(&source.text);
                for f in findings {
                    out.write_all(self.finding(source, &index, f).as_bytes())?;
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
        out.write_all(self.summary(end.summary).as_bytes())
    }
}

/// `diagnostic` as `handler` renders it, ending in a blank line.
fn render_with(handler: &GraphicalReportHandler, diagnostic: &dyn Diagnostic) -> String {
    let mut s = String::new();
    if handler.render_report(&mut s, diagnostic).is_err() {
        s = format!("{diagnostic}");
    }
    s.truncate(s.trim_end().len());
    s.push_str("\n\n");
    s
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
/// 4. Review › 4.8, page 3"), as bytes of the text.
fn paragraph(source: &SourceFile, f: &Finding) -> (String, Range<usize>) {
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
    (name, start..end)
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
    source: Shown<'a>,
    /// Whether the help lists the rule's references ("see: …").
    references: bool,
}

/// The text a finding is shown over.
enum Shown<'a> {
    /// All of it.
    Whole(&'a NamedSource<String>),
    /// The lines around the finding, cut to fit.
    Excerpt(&'a Excerpt),
}

impl<'a> FindingDiagnostic<'a> {
    /// The finding over the whole of its file (the rules' examples).
    pub fn new(finding: &'a Finding, source: &'a NamedSource<String>) -> Self {
        FindingDiagnostic {
            finding,
            source: Shown::Whole(source),
            references: false,
        }
    }

    /// The finding over an excerpt of its file.
    fn excerpted(finding: &'a Finding, excerpt: &'a Excerpt) -> Self {
        FindingDiagnostic {
            finding,
            source: Shown::Excerpt(excerpt),
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

    /// A label's text, wrapped to the room right of where its line starts
    /// under the words, when they are shown cut to fit.
    fn fit_label(&self, text: Option<&str>, span: miette::SourceSpan) -> Option<String> {
        let text = text?;
        match self.source {
            Shown::Excerpt(excerpt) => {
                match excerpt.label_room(&(span.offset()..span.offset() + span.len())) {
                    Some(room) if text.chars().count() > room => {
                        Some(textwrap::wrap(text, room.max(16)).join("\n"))
                    }
                    _ => Some(text.to_owned()),
                }
            }
            Shown::Whole(_) => Some(text.to_owned()),
        }
    }

    fn span(&self, span: &Range<usize>) -> Option<miette::SourceSpan> {
        match self.source {
            Shown::Whole(source) => (span.end <= source.inner().len()).then(|| span.clone().into()),
            Shown::Excerpt(excerpt) => excerpt.span(span).map(Into::into),
        }
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
        // Shown beside the rule's name when the two fit on a line (a URL
        // cannot wrap); `govlint explain RULE` gives it too.
        let url = self.finding.url.as_ref()?;
        let fits = match self.source {
            Shown::Excerpt(excerpt) => self.finding.rule.len() + url.len() + 3 <= excerpt.width(),
            Shown::Whole(_) => true,
        };
        fits.then(|| Box::new(url) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(match self.source {
            Shown::Whole(source) => source,
            Shown::Excerpt(excerpt) => excerpt,
        })
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let primary = self.span(&f.span).map(|span| {
            LabeledSpan::new_primary_with_span(self.fit_label(f.label.as_deref(), span), span)
        });
        let rest = f.labels.iter().filter_map(|l| {
            let span = self.span(&l.span)?;
            Some(LabeledSpan::new_with_span(
                self.fit_label(Some(&l.message), span),
                span,
            ))
        });
        Some(Box::new(primary.into_iter().chain(rest)))
    }
}
