//! The reports of one `govlint check` run: standard output and each
//! `--output` file, fed a document at a time as each is checked, so the
//! first findings show at once and no document is held to the end.

use super::output::{eprint, print, to_stdout};
use govlint::diagnostic::{FileReport, GoneFinding, Summary};
use govlint::report::{Reporter, RunEnd, Statistics};
use govlint::source::Skipped;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};

/// A reporter that may be fed from the thread that checked the document.
pub type SendReporter<'a> = Box<dyn Reporter + Send + 'a>;

/// A report written to a file (`--output FORMAT=PATH`).
pub struct FileOutput<'a> {
    /// "sarif", for messages.
    pub format: String,
    /// The path as the user gave it.
    pub shown: String,
    pub file: BufWriter<File>,
    pub reporter: SendReporter<'a>,
}

/// Every report of the run, and the run's counts so far.
pub struct Reports<'a> {
    stdout: SendReporter<'a>,
    files: Vec<FileOutput<'a>>,
    /// `--statistics`: the table, and whether it goes to standard error
    /// (after a report a tool parses whole).
    statistics: Option<(Statistics, bool)>,
    summary: Summary,
    /// Reports that could not be written: (format, path, why). A file that
    /// failed is not written to again.
    failed: Vec<(String, String, String)>,
    /// Standard output failed (not a closed pipe): the message.
    stdout_failed: Option<String>,
    /// Files checked so far, on standard error (see [`progress_bar`]).
    progress: Option<ProgressBar>,
}

/// Fewest files for which a run shows its progress.
const PROGRESS_FROM: usize = 10;

/// A progress bar on standard error for `files` documents, when a person
/// is watching: standard error is a terminal, the report on standard
/// output is for people (`human`) and there are enough files to wait for.
/// Never in a pipe, a log or a machine format.
pub fn progress_bar(files: usize, for_people: bool) -> Option<ProgressBar> {
    if files < PROGRESS_FROM || !for_people || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files checked, {eta} left")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

impl<'a> Reports<'a> {
    /// `statistics`: `Some(to_stderr)` when `--statistics` was given.
    pub fn new(
        stdout: SendReporter<'a>,
        files: Vec<FileOutput<'a>>,
        statistics: Option<bool>,
    ) -> Self {
        Reports {
            stdout,
            files,
            statistics: statistics.map(|to_stderr| (Statistics::default(), to_stderr)),
            summary: Summary::default(),
            failed: Vec::new(),
            stdout_failed: None,
            progress: None,
        }
    }

    /// Shows `bar` while the files are checked.
    pub fn show_progress(&mut self, bar: Option<ProgressBar>) {
        self.progress = bar;
    }

    /// Reports one document, everywhere.
    pub fn file(&mut self, report: &FileReport) {
        self.summary.add(report);
        if let Some((table, _)) = &mut self.statistics {
            table.add(report);
        }
        let failed = &mut self.failed;
        for f in &mut self.files {
            if failed.iter().any(|(_, shown, _)| *shown == f.shown) {
                continue;
            }
            if let Err(e) = f.reporter.file(report, &mut f.file) {
                failed.push((f.format.clone(), f.shown.clone(), e.to_string()));
            }
        }
        if self.stdout_failed.is_none() {
            let stdout = &mut self.stdout;
            let mut write = || to_stdout(|out| stdout.file(report, out));
            // The bar steps aside while the file's findings are written.
            let written = match &self.progress {
                Some(bar) => bar.suspend(write),
                None => write(),
            };
            if let Err(e) = written {
                self.stdout_failed = Some(e);
            }
        }
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
    }

    /// Ends every report; returns the run's counts and whether every
    /// report was written (`Err`: the message for standard output's
    /// failure; each file's failure has been printed).
    pub fn finish(
        mut self,
        skipped: &[Skipped],
        gone_from_baseline: &[GoneFinding],
    ) -> (Summary, Result<bool, String>) {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        let end = RunEnd {
            summary: &self.summary,
            skipped,
            gone_from_baseline,
        };
        for f in &mut self.files {
            if self.failed.iter().any(|(_, shown, _)| *shown == f.shown) {
                continue;
            }
            let written = f
                .reporter
                .finish(&end, &mut f.file)
                .and_then(|()| f.file.flush());
            if let Err(e) = written {
                self.failed
                    .push((f.format.clone(), f.shown.clone(), e.to_string()));
            }
        }
        for (format, shown, e) in &self.failed {
            eprint(&format!(
                "error: cannot write the {format} report to {shown}: {e}\n"
            ));
        }
        let mut result = match self.stdout_failed.take() {
            Some(e) => Err(e),
            None => to_stdout(|out| self.stdout.finish(&end, out)),
        };
        if let (Ok(()), Some((table, to_stderr))) = (&result, &self.statistics) {
            let table = table.table();
            if *to_stderr {
                eprint(&table);
            } else {
                result = print(&format!("\n{table}"));
            }
        }
        let all_files_written = self.failed.is_empty();
        (self.summary, result.map(|()| all_files_written))
    }
}
