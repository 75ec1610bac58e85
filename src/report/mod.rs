//! Stage 6: everything govlint shows a person or a tool.
//!
//! A run's findings go out through a [`Reporter`], one per output format,
//! each in its own file: `human.rs` (the default), `concise.rs`, `json.rs`,
//! `sarif.rs`, `github.rs` (workflow commands), `junit.rs`, `gitlab.rs`
//! (Code Quality) and `html.rs` (a page for people). To add a format, add a file with a type that implements
//! [`Reporter`], export it here and give the CLI's `--format` a value for
//! it. Lines and columns come from the one [`LineIndex`]; the helpers below
//! say the same things the same way in every format (a file-level problem,
//! where a finding is in a Word or PDF file, a rule's references). The
//! other commands' text lives here too: the rule table ([`rules_table()`]),
//! a rule's documentation ([`explain()`]), the `--statistics` table
//! ([`statistics()`]) and the `govlint test` report ([`test_summary()`]).
//! Nothing here prints: callers pass a writer or take a `String`.

mod checklist;
mod concise;
mod excerpt;
mod explain;
mod fingerprint;
mod github;
mod gitlab;
mod html;
mod human;
mod inspect;
mod json;
mod junit;
mod line_index;
mod rules_table;
mod sarif;
mod statistics;
mod test_summary;

pub use checklist::{ChecklistFormat, ChecklistReporter};
pub use concise::ConciseReporter;
pub use explain::{explain, explain_meta, unknown_rule};
pub use fingerprint::fingerprints;
pub use github::GithubReporter;
pub use gitlab::GitlabReporter;
pub use html::HtmlReporter;
pub use human::{FindingDiagnostic, HumanReporter, summary_line};
pub use inspect::inspect;
pub use json::JsonReporter;
pub use junit::JunitReporter;
pub use line_index::{LineIndex, SpanPosition};
pub use rules_table::rules_table;
pub use sarif::SarifReporter;
pub use statistics::{Statistics, statistics};
pub use test_summary::{explain_failure, test_summary};

use crate::diagnostic::{FileOutcome, FileReport, Finding, GoneFinding, Run, Summary};
use crate::rules::Reference;
use crate::source::Skipped;
use crate::source::{Format, SourceFile};
use miette::Diagnostic;
use std::io::{self, Write};

/// Writes a run's report in one format, a file at a time: `file` as each
/// document is checked (in the run's order), then `finish` once. A
/// reporter keeps only what its format must hold back until the end (the
/// totals JUnit puts first, a JSON document's closing), never a document's
/// text, so a run's memory does not grow with the documents checked.
pub trait Reporter {
    /// One document's findings and problems.
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;

    /// What concerns the run as a whole, after the last file.
    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()>;

    /// A whole run at once.
    fn report(&mut self, run: &Run, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        for file in &run.files {
            self.file(file, out)?;
        }
        self.finish(&RunEnd::of(run, summary), out)
    }
}

/// What a reporter learns after the last file.
#[derive(Clone, Copy)]
pub struct RunEnd<'a> {
    pub summary: &'a Summary,
    /// Files in the folders given that were not checked.
    pub skipped: &'a [Skipped],
    /// Baselined findings that no longer occur.
    pub gone_from_baseline: &'a [GoneFinding],
}

impl<'a> RunEnd<'a> {
    pub fn of(run: &'a Run, summary: &'a Summary) -> Self {
        RunEnd {
            summary,
            skipped: &run.skipped,
            gone_from_baseline: &run.gone_from_baseline,
        }
    }
}

/// Writes `value` as pretty JSON placed `depth` levels deep in a pretty
/// JSON document, so a reporter can write each file's part as it comes and
/// the whole reads as if serialized at once. It streams: a large file's
/// part is never held whole. (JSON strings hold no raw line breaks, so
/// indenting after each one touches only the layout.)
fn write_nested_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    depth: usize,
) -> io::Result<()> {
    let mut indented = Indented {
        out,
        indent: "  ".repeat(depth),
    };
    serde_json::to_writer_pretty(&mut indented, value).map_err(io::Error::from)
}

/// A writer that indents every line after the first.
struct Indented<'a> {
    out: &'a mut dyn Write,
    indent: String,
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            self.out.write_all(&rest[..=i])?;
            self.out.write_all(self.indent.as_bytes())?;
            rest = &rest[i + 1..];
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// "1 file", "2 files".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A problem with a file as a whole: it could not be read, or some rules
/// could not run on it.
struct FileProblem {
    /// "govlint::input::binary", "govlint::period_unknown".
    code: String,
    /// The message without the leading "path: " that input errors carry,
    /// for formats that name the file beside it.
    message: String,
}

/// The file-level problems of a report, in order.
fn file_problems(report: &FileReport) -> Vec<FileProblem> {
    let problem = |e: &dyn Diagnostic| {
        let message = e.to_string();
        FileProblem {
            code: e.code().map(|c| c.to_string()).unwrap_or_default(),
            message: message
                .strip_prefix(&format!("{}: ", report.path))
                .map_or_else(|| message.clone(), str::to_owned),
        }
    };
    match &report.outcome {
        FileOutcome::Unreadable(e) => vec![problem(e)],
        FileOutcome::Checked { errors, .. } => errors.iter().map(|e| problem(e)).collect(),
    }
}

/// Whether lines and columns mean something to the reader of `source`: they
/// do in the text formats; in a Word or PDF file they count in the text
/// govlint extracted (`govlint inspect --text`), so formats name the place
/// in the document instead (see [`place`]).
fn has_lines(source: &SourceFile) -> bool {
    !matches!(source.format, Format::Docx | Format::Pdf)
}

/// Where a finding is in the document as a reader finds it: "4. Review of
/// effectiveness › 4.8, page 3"; empty when nothing is known.
fn place(f: &Finding) -> String {
    let mut s = f.location.clone();
    if let Some(page) = f.page {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push_str(&format!("page {page}"));
    }
    s
}

/// "Accounts and Audit Regulations 2015, regulation 6(1) <https://…>".
fn reference_line(r: &Reference) -> String {
    match &r.url {
        Some(url) => format!("{} <{url}>", r.citation()),
        None => r.citation(),
    }
}

/// A path as a relative URI path: forward slashes, no leading "./".
fn slash_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    rest.to_owned()
}
