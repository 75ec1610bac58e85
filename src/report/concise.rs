//! `--format concise`: one line per finding, `path:line:col: severity[rule]
//! message`, as compilers and editors' problem matchers expect.

use super::{
    LineIndex, Reporter, RunEnd, file_problems, has_lines, place, reference_line, summary_line,
};
use crate::diagnostic::{FileOutcome, FileReport};
use crate::rules::Reference;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

/// One line per finding and per file-level problem, then (unless quiet) the
/// references of the rules that fired, the files a folder walk skipped and
/// the summary line.
pub struct ConciseReporter {
    /// Only the finding and problem lines.
    quiet: bool,
    /// Each rule's references, shown once after the findings, in rule order.
    cited: BTreeMap<String, Arc<[Reference]>>,
}

impl ConciseReporter {
    pub fn new(quiet: bool) -> Self {
        ConciseReporter {
            quiet,
            cited: BTreeMap::new(),
        }
    }
}

impl Reporter for ConciseReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        {
            if let FileOutcome::Checked {
                source, findings, ..
            } = &report.outcome
            {
                let index = LineIndex::new(&source.text);
                for f in findings {
                    let (line, column) = index.line_col(f.span.start);
                    write!(
                        out,
                        "{}:{line}:{column}: {}[{}] {}",
                        report.path,
                        f.severity.as_str(),
                        f.rule,
                        one_line(&f.message)
                    )?;
                    let place = place(f);
                    if !has_lines(source) && !place.is_empty() {
                        write!(out, " (at {place})")?;
                    }
                    writeln!(out)?;
                    if !self.cited.contains_key(&f.rule) {
                        self.cited.insert(f.rule.clone(), f.references.clone());
                    }
                }
            }
            for p in file_problems(report) {
                writeln!(
                    out,
                    "{}: error[{}] {}",
                    report.path,
                    p.code,
                    one_line(&p.message)
                )?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        for (rule, references) in &self.cited {
            if !references.is_empty() {
                let list: Vec<String> = references.iter().map(reference_line).collect();
                writeln!(out, "note: {rule}: see {}", list.join("; "))?;
            }
        }
        for s in end.skipped {
            writeln!(out, "note: skipped {}: {}", s.path, s.reason)?;
        }
        writeln!(out, "{}", summary_line(end.summary))
    }
}

/// Keeps a finding on its one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
