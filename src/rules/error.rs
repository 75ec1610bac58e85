//! Errors in rule files: miette diagnostics that point into the TOML.

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};
use std::fmt::Display;
use std::ops::Range;
use std::sync::Arc;
use thiserror::Error;

/// Which kind of TOML file a [`TomlError`] is about; it picks the
/// diagnostic's code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TomlKind {
    Rule,
    Config,
}

/// A problem with a rule file or the configuration file, labelled at the
/// exact bytes.
#[derive(Clone, Debug, Error)]
#[error("{file}: {message}")]
pub struct TomlError {
    pub kind: TomlKind,
    pub file: String,
    pub message: String,
    pub source_code: NamedSource<Arc<str>>,
    pub span: Option<SourceSpan>,
    pub label: String,
    pub help: Option<String>,
}

/// A problem with a rule file.
pub type RuleError = TomlError;

impl TomlError {
    /// An error in the TOML file `name` whose text is `text`.
    pub fn new(
        kind: TomlKind,
        (name, text): (&str, &Arc<str>),
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> TomlError {
        // A very long line is cut around the span (see `shown`).
        let (text, span) = shown(text, span);
        TomlError {
            kind,
            file: name.to_owned(),
            message: message.into(),
            source_code: NamedSource::new(name, text),
            span: span.map(|r| SourceSpan::from(r.start..r.end)),
            label: label.into(),
            help,
        }
    }
}

impl Diagnostic for TomlError {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        Some(Box::new(match self.kind {
            TomlKind::Rule => "govlint::rule",
            TomlKind::Config => "govlint::config",
        }))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source_code)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.label.clone()),
            span,
        ))))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn Display + 'a>)
    }
}

/// A rule file's text and name, for building errors that point into it.
#[derive(Clone, Debug)]
pub struct RuleSource {
    pub name: String,
    pub text: Arc<str>,
}

impl RuleSource {
    pub fn error(
        &self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> RuleError {
        TomlError::new(
            TomlKind::Rule,
            (&self.name, &self.text),
            span,
            message,
            label,
            help,
        )
    }

    /// The TOML byte offset of byte `offset` inside the string value whose
    /// literal (quotes included) spans `span`. Falls back to the whole
    /// literal when escapes make the mapping inexact.
    pub fn inner(&self, span: &Range<usize>, value: &str, inner: Range<usize>) -> Range<usize> {
        let Some(raw) = self.text.get(span.clone()) else {
            return span.clone();
        };
        let (open, body_len) = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            let after = &raw[3..];
            let nl = if after.starts_with("\r\n") {
                2
            } else if after.starts_with('\n') {
                1
            } else {
                0
            };
            (3 + nl, raw.len().saturating_sub(6 + nl))
        } else {
            (1, raw.len().saturating_sub(2))
        };
        match raw.get(open..open + body_len) {
            Some(body) if body == value => {
                span.start + open + inner.start..span.start + open + inner.end
            }
            _ => span.clone(),
        }
    }
}

/// Longest line of a TOML file a diagnostic shows in full.
const LONGEST_LINE: usize = 200;

/// The text a diagnostic shows, and `span` in it: a line longer than
/// [`LONGEST_LINE`] is cut to that many bytes with `…` (the span's own line
/// around the span), so a megabyte-long condition is not echoed in full.
/// Line numbers are unchanged; a column past the cut is counted in the
/// shortened line.
pub(crate) fn shown(
    text: &Arc<str>,
    span: Option<Range<usize>>,
) -> (Arc<str>, Option<Range<usize>>) {
    if text.split('\n').all(|line| line.len() <= LONGEST_LINE) {
        return (Arc::clone(text), span);
    }
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    let mut new_span = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + body.len();
        let holds = span
            .as_ref()
            .filter(|s| s.start >= line_start && s.start <= line_end);
        if body.len() <= LONGEST_LINE {
            if let Some(s) = holds {
                let at = out.len() + s.start - line_start;
                new_span = Some(at..at + (s.end - s.start));
            }
            out.push_str(line);
        } else {
            // The window: from the line start, or from a little before the
            // span when it starts far along.
            let from = match holds {
                Some(s) if s.start - line_start > LONGEST_LINE / 2 => {
                    boundary(text, s.start - LONGEST_LINE / 4)
                }
                _ => line_start,
            };
            let to = boundary(text, (from + LONGEST_LINE).min(line_end));
            if from > line_start {
                out.push('…');
            }
            let window_at = out.len();
            out.push_str(&text[from..to]);
            if let Some(s) = holds {
                let at = window_at + s.start - from;
                new_span = Some(at..window_at + s.end.min(to).max(s.start) - from);
            }
            if to < line_end {
                out.push('…');
            }
            out.push_str(&line[body.len()..]);
        }
        line_start += line.len();
    }
    let span = span.map(|s| new_span.unwrap_or(s.start.min(out.len())..s.start.min(out.len())));
    (Arc::from(out), span)
}

/// The character boundary at or before byte `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A TOML syntax or shape error's span and message, with toml's terser
/// messages made plain: a value that should be a name in quotes, and a key
/// or value nested too deeply (toml gives that one no place, so it is put
/// on the line that nests most).
pub(crate) fn toml_problem(text: &str, e: &toml::de::Error) -> (Option<Range<usize>>, String) {
    let message = e.message().trim_end();
    if message == "wanted string or table" {
        let wanted = "wanted a name in quotes here (such as \"warning\"), not a number, true or false, a date or a list";
        return (e.span(), wanted.to_owned());
    }
    if message.contains("recursion limit") {
        let nested = "nested too deeply: a dotted key with too many parts, or lists and tables inside one another too many times";
        return (e.span().or_else(|| deepest_line(text)), nested.to_owned());
    }
    (e.span(), message.to_owned())
}

/// The line with the most dots and brackets: where a nesting limit was
/// most likely hit.
fn deepest_line(text: &str) -> Option<Range<usize>> {
    let mut start = 0;
    let mut best: Option<(usize, Range<usize>)> = None;
    for line in text.split_inclusive('\n') {
        let depth = line
            .bytes()
            .filter(|b| matches!(b, b'.' | b'[' | b'{'))
            .count();
        let body = line.trim_end_matches(['\n', '\r']);
        if best.as_ref().is_none_or(|(d, _)| depth > *d) {
            best = Some((depth, start..start + body.len()));
        }
        start += line.len();
    }
    best.map(|(_, range)| range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_span_and_short_files_kept() {
        let short: Arc<str> = Arc::from("a = 1\nb = 2\n");
        let (text, span) = shown(&short, Some(6..7));
        assert!(Arc::ptr_eq(&text, &short));
        assert_eq!(span, Some(6..7));

        let long = format!(
            "id = \"x\"\ncondition = \"{}\"\nnext = 1\n",
            "a and ".repeat(10_000)
        );
        let bad = long.find("a and a and").expect("the condition") + 6 * 5000;
        let (text, span) = shown(&Arc::from(long.as_str()), Some(bad..bad + 5));
        assert!(text.len() < 300, "{} bytes", text.len());
        assert_eq!(text.lines().count(), 3, "line numbers are kept");
        let span = span.expect("a span");
        assert_eq!(&text[span], "a and");
        assert!(text.ends_with("…\nnext = 1\n"));
    }

    #[test]
    fn toml_messages_are_made_plain() {
        let text = "severity = 3\n";
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct S {
            severity: crate::rules::Severity,
        }
        let e = toml::from_str::<S>(text).expect_err("a number is not a severity");
        let (span, message) = toml_problem(text, &e);
        assert_eq!(span, Some(11..12));
        assert!(message.starts_with("wanted a name in quotes"), "{message}");

        let deep = format!("id = 1\nx = {{ {}b = 1 }}\ny = 2\n", "a.".repeat(2000));
        let e = toml::from_str::<toml::Table>(&deep).expect_err("too deep");
        let (span, message) = toml_problem(&deep, &e);
        assert!(message.starts_with("nested too deeply"), "{message}");
        assert_eq!(span.map(|s| s.start), Some(7), "the second line");
    }
}
