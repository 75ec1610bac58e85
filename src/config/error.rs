//! Errors in `govlint.toml`: miette diagnostics that point into the file.

use crate::rules::{TomlError, TomlKind};
use std::ops::Range;
use std::sync::Arc;

/// A problem with the configuration file, labelled at the exact bytes.
pub type ConfigError = TomlError;

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
        TomlError::new(
            TomlKind::Config,
            (&self.name, &self.text),
            span,
            message,
            label,
            help,
        )
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
