//! Stage 5: findings and the per-file report.

use crate::model::Statement;
use crate::rules::{Reference, Severity};
use crate::source::{InputError, Skipped, SourceFile};
use crate::values::FinancialYear;
use miette::Diagnostic;
use std::ops::Range;
use std::sync::Arc;
use thiserror::Error;

/// A secondary label: a second place that matters to a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Byte range in the source file.
    pub span: Range<usize>,
    pub message: String,
}

/// One finding of one rule, located in the source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the source file of the words the finding is about.
    pub span: Range<usize>,
    /// Text of the primary label.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub url: Option<String>,
    /// The statute and guidance the rule rests on, shared with the rule.
    pub references: Arc<[Reference]>,
    /// The words under the primary label, white space collapsed: what a
    /// reader searches for in Word or a PDF viewer.
    pub snippet: String,
    /// The headings above the finding and its paragraph number
    /// ("4. Review of effectiveness › 4.8"); empty before the first heading.
    pub location: String,
    /// The page it is on, for paged documents (PDF).
    pub page: Option<usize>,
}

/// Longest snippet a finding carries, in characters.
pub const SNIPPET_CHARS: usize = 200;

/// A problem that stops some rules from running on a statement.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum StatementError {
    #[error(
        "cannot tell which financial year this statement covers, so these rules did not run: {rules}"
    )]
    #[diagnostic(
        code(govlint::period_unknown),
        help(
            "give the year in the title (\"Annual Governance Statement 2023/24\") or pass --period 2023/24"
        )
    )]
    PeriodUnknown { rules: String },
    #[error("cannot tell the date of this statement, so these rules did not run: {rules}")]
    #[diagnostic(
        code(govlint::date_unknown),
        help("date the signatures in the signature block, or pass --date 2024-09-30")
    )]
    DateUnknown { rules: String },
    /// `--add-suppressions` could not edit the file (a Word or PDF file,
    /// an HTML page, a file not in UTF-8, or one that cannot be written).
    #[error("{reason}")]
    #[diagnostic(code(govlint::add_suppressions))]
    SuppressionsNotAdded { reason: String },
    /// More findings than `--max-findings`: the rules stopped early.
    #[error(
        "more than {limit} findings: checking stopped there, and only the first {limit} are reported"
    )]
    #[diagnostic(
        code(govlint::too_many_findings),
        help(
            "so many findings usually mean a rule matches far too much, or the file is not a statement; raise the limit with --max-findings if it really has this many"
        )
    )]
    TooManyFindings { limit: usize },
}

/// Everything a run found: a report per document, the files a directory
/// walk passed over, and the baseline's findings that no longer occur.
#[derive(Debug, Default)]
pub struct Run {
    pub files: Vec<FileReport>,
    pub skipped: Vec<Skipped>,
    /// Findings the `--baseline` file lists for the documents checked that
    /// were not found again: fixed, so the baseline can be rewritten.
    pub gone_from_baseline: Vec<GoneFinding>,
}

/// A finding a baseline lists that a run no longer finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoneFinding {
    /// The document, as the baseline names it (relative to the baseline).
    pub path: String,
    pub rule: String,
    pub message: String,
    /// Where it was: the section it was in, and the line when it was
    /// recorded.
    pub section: String,
    pub line: usize,
}

/// Everything govlint has to say about one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileOutcome,
}

// One per document, moved a handful of times: boxing the checked outcome
// would save nothing that matters.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum FileOutcome {
    /// The file could not be read.
    Unreadable(InputError),
    Checked {
        source: SourceFile,
        facts: StatementFacts,
        findings: Vec<Finding>,
        /// Findings kept out of `findings` by a suppression in the document
        /// or by the baseline, with the reason: the audit trail.
        suppressed: Vec<Suppressed>,
        errors: Vec<StatementError>,
        /// Per rule, what met it or why it did not apply: the compliance
        /// checklist's evidence (see `checklist`).
        requirements: Vec<Requirement>,
    },
}

/// What the statement showed for one rule, for the compliance checklist.
/// Whether the rule was met is read beside the findings (and suppressions,
/// which a baseline may add later).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub rule: String,
    /// The words that met it: one quote per check that found what it
    /// requires.
    pub evidence: Vec<Evidence>,
    /// Why it did not apply, when none of its checks did.
    pub not_applicable: Option<String>,
}

/// A sentence, row or paragraph that met a requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// Byte range in the source file.
    pub span: Range<usize>,
    /// The words, white space collapsed, cut to a sentence's length.
    pub quote: String,
    /// The headings above it and its paragraph number.
    pub location: String,
}

/// A finding that was found but is not reported as a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppressed {
    pub finding: Finding,
    pub by: SuppressedBy,
    /// The justification the suppression gives ("agreed with the external
    /// auditor, see minute 14/24"), or the baseline's note.
    pub reason: String,
}

/// What kept a finding out of the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuppressedBy {
    /// A `govlint-disable…` directive in the document, at this byte range.
    Directive { span: Range<usize> },
    /// An entry in the `--baseline` file.
    Baseline,
}

/// What a report says about the statement itself, kept so that the
/// statement model can be dropped once the rules have run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatementFacts {
    /// The financial year the statement covers, from its title or `--period`.
    pub period: Option<FinancialYear>,
    /// The statement date: the latest signature date, else `--date`, else
    /// the day of the run.
    pub statement_date: Option<chrono::NaiveDate>,
    /// Why the statement date was assumed to be the day of the run, when it was.
    pub date_assumed_because: Option<&'static str>,
}

impl StatementFacts {
    pub fn of(statement: &Statement) -> StatementFacts {
        StatementFacts {
            period: statement.period.as_ref().map(|p| p.year),
            statement_date: statement.date.as_ref().map(|d| d.date),
            date_assumed_because: statement.date_assumed_because(),
        }
    }

    /// "assumed the statement date is 1 December 2026, the day of this run:
    /// the signatures are not dated …", when it was assumed.
    pub fn date_note(&self) -> Option<String> {
        let because = self.date_assumed_because?;
        let date = self.statement_date?;
        Some(format!(
            "assumed the statement date is {}, the day of this run: {because}; pass --date YYYY-MM-DD to set it",
            date.format("%-d %B %Y")
        ))
    }
}

/// Counts across a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
    /// Files that could not be read or fully checked.
    pub failures: usize,
    /// Findings kept out of the results, by a directive or the baseline.
    pub suppressed: usize,
    /// Of those, the findings the baseline accepts.
    pub baselined: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary::default();
        for r in reports {
            s.add(r);
        }
        s
    }

    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        match &report.outcome {
            FileOutcome::Unreadable(_) => self.failures += 1,
            FileOutcome::Checked {
                findings,
                suppressed,
                errors,
                ..
            } => {
                if !errors.is_empty() {
                    self.failures += 1;
                }
                self.suppressed += suppressed.len();
                self.baselined += suppressed
                    .iter()
                    .filter(|x| x.by == SuppressedBy::Baseline)
                    .count();
                for f in findings {
                    match f.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => self.infos += 1,
                    }
                }
            }
        }
    }

    /// Whether any finding is at or above `fail_at`.
    pub fn fails(&self, fail_at: Severity) -> bool {
        match fail_at {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.errors + self.warnings + self.infos > 0,
        }
    }
}
