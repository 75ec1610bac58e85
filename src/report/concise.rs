//! `--format concise`: one line per finding, `path:line:col: severity[rule]
//! message`, as compilers and editors' problem matchers expect.

use super::{LineIndex, Reporter, file_problems, has_lines, place, reference_line, summary_line};
use crate::diagnostic::{FileOutcome, Run, Summary};
use crate::rules::Reference;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One line per finding and per file-level problem, then (unless quiet) the
/// references of the rules that fired, the files a folder walk skipped and
/// the summary line.
pub struct ConciseReporter {
    /// Only the finding and problem lines.
    pub quiet: bool,
}

impl Reporter for ConciseReporter {
    fn report(&self, run: &Run, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
        // Each rule's references once, after the findings, in rule order.
        let mut cited: BTreeMap<&str, &[Reference]> = BTreeMap::new();
        for report in &run.files {
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
                    cited.entry(&f.rule).or_insert(&f.references);
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
        if self.quiet {
            return Ok(());
        }
        for (rule, references) in cited {
            if !references.is_empty() {
                let list: Vec<String> = references.iter().map(reference_line).collect();
                writeln!(out, "note: {rule}: see {}", list.join("; "))?;
            }
        }
        for s in &run.skipped {
            writeln!(out, "note: skipped {}: {}", s.path, s.reason)?;
        }
        writeln!(out, "{}", summary_line(summary))
    }
}

/// Keeps a finding on its one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
