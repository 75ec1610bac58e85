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
#[derive(Debug, Error)]
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
        TomlError {
            kind,
            file: name.to_owned(),
            message: message.into(),
            source_code: NamedSource::new(name, Arc::clone(text)),
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
