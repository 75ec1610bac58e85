//! `--format github`: GitHub Actions workflow commands
//! (`::error file=…,line=…::message`), which the runner turns into
//! annotations on the files of a pull request.

use super::{
    LineIndex, Reporter, RunEnd, file_problems, has_lines, place, reference_line, summary_line,
};
use crate::diagnostic::{FileOutcome, FileReport};
use crate::rules::Severity;
use std::io::{self, Write};

/// One workflow command per finding and per file-level problem, then
/// (unless quiet) the skipped files and the summary as plain log lines.
pub struct GithubReporter {
    /// Only the commands.
    pub quiet: bool,
}

impl Reporter for GithubReporter {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        {
            if let FileOutcome::Checked {
                source, findings, ..
            } = &report.outcome
            {
                let index = LineIndex::new(&source.text);
                for f in findings {
                    let command = match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let mut properties = vec![("file", report.path.clone())];
                    let mut message = f.message.clone();
                    if has_lines(source) {
                        let at = index.span(&f.span);
                        properties.extend([
                            ("line", at.start.0.to_string()),
                            ("col", at.start.1.to_string()),
                            ("endLine", at.last.0.to_string()),
                            ("endColumn", at.last.1.to_string()),
                        ]);
                    } else {
                        // Lines of the extracted text mean nothing in Word
                        // or a PDF viewer: say where the words are instead.
                        let place = place(f);
                        if !place.is_empty() {
                            message.push_str(&format!(" (at {place})"));
                        }
                    }
                    properties.push(("title", f.rule.clone()));
                    if let Some(help) = &f.help {
                        message.push_str(&format!("\nhelp: {help}"));
                    }
                    for r in f.references.iter() {
                        message.push_str(&format!("\nsee: {}", reference_line(r)));
                    }
                    command_line(out, command, &properties, &message)?;
                }
            }
            for p in file_problems(report) {
                let properties = [("file", report.path.clone()), ("title", p.code)];
                command_line(out, "error", &properties, &p.message)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        for s in end.skipped {
            writeln!(out, "note: skipped {}: {}", s.path, s.reason)?;
        }
        writeln!(out, "{}", summary_line(end.summary))
    }
}

/// `::command key=value,key=value::message`, escaped as the runner expects.
fn command_line(
    out: &mut dyn Write,
    command: &str,
    properties: &[(&str, String)],
    message: &str,
) -> io::Result<()> {
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    writeln!(
        out,
        "::{command} {}::{}",
        properties.join(","),
        escape_data(message)
    )
}

/// A command's message: `%`, carriage return and line feed are escaped.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as the message, and `:` and `,` too, which would
/// otherwise end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_runner_reads_as_syntax() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("C:\\docs\\AGS, v2%.md"),
            "C%3A\\docs\\AGS%2C v2%25.md"
        );
    }
}
