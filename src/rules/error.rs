//! Errors in rule files: miette diagnostics that point into the TOML.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::ops::Range;
use std::sync::Arc;
use thiserror::Error;

/// A problem with a rule file, labelled at the exact bytes.
#[derive(Debug, Error, Diagnostic)]
#[error("{file}: {message}")]
#[diagnostic(code(govlint::rule))]
pub struct RuleError {
    pub file: String,
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<Arc<str>>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
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
        RuleError {
            file: self.name.clone(),
            message: message.into(),
            source_code: NamedSource::new(self.name.clone(), Arc::clone(&self.text)),
            span: span.map(|r| SourceSpan::from(r.start..r.end)),
            label: label.into(),
            help,
        }
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
