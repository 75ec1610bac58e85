//! Errors in `govlint.toml`: miette diagnostics that point into the file.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::ops::Range;
use std::sync::Arc;
use thiserror::Error;

/// A problem with the configuration file, labelled at the exact bytes.
#[derive(Debug, Error, Diagnostic)]
#[error("{file}: {message}")]
#[diagnostic(code(govlint::config))]
pub struct ConfigError {
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

/// The configuration file's name (as shown) and text.
#[derive(Clone, Debug)]
pub struct ConfigText {
    pub name: String,
    pub text: Arc<str>,
}

impl ConfigText {
    pub fn error(
        &self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> ConfigError {
        let (text, span) = crate::rules::shown(&self.text, span);
        ConfigError {
            file: self.name.clone(),
            message: message.into(),
            source_code: NamedSource::new(self.name.clone(), text),
            span: span.map(|r| SourceSpan::from(r.start..r.end)),
            label: label.into(),
            help,
        }
    }

    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}
