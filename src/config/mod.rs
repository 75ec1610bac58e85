//! The configuration file, `govlint.toml`: which rules run and how, the
//! statement facts, the fail level, and settings for some paths only.
//!
//! The flow: [`discover`] finds the file from a folder upward;
//! [`Config::parse`] reads its shape and the values that need no rules
//! (statement facts, rule folders, path globs); the caller loads the rules
//! (with the file's folders); [`Settings::new`] checks rule ids and
//! parameters against them and layers the file's settings, the overrides
//! and the command line's. [`Settings::profile`] then gives each document
//! its rules and parse options: one rule set per distinct set of matching
//! overrides, built once from the loaded rules. Errors are miette
//! diagnostics pointing into the file. The library never prints;
//! [`describe`] and [`starter`] return text.
//!
//! Precedence, highest first: command-line flags, the last matching
//! `[[overrides]]` entry (in file order), the top level of the file, the
//! rule's own defaults.

mod bind;
mod discover;
mod error;
mod file;
mod init;
mod load;
mod resolve;
mod show;

#[cfg(test)]
mod tests;

pub use discover::{FILE_NAME, discover};
pub use error::{ConfigError, ConfigText};
pub use init::starter;
pub use load::Config;
pub use resolve::{Effective, Flags, Profile, RuleSettings, Settings};
pub use show::describe;

use crate::rules::Severity;
use serde::Deserialize;
use std::fmt;

/// The fail level: findings at or above it make the run fail (exit 1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
    /// Findings never fail the run (bad input still does).
    Never,
}

impl FailOn {
    /// The least severity that fails, or `None` for `never`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }
}

/// Where a setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// The rule's own default, or govlint's.
    Default,
    /// The top level of the configuration file, at this line.
    File { file: String, line: usize },
    /// An `[[overrides]]` entry of the file (the line of the setting) for
    /// these path globs.
    Override {
        file: String,
        line: usize,
        paths: String,
    },
    /// A command-line flag, e.g. `--stage`.
    Flag(String),
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Default => f.write_str("default"),
            Provenance::File { file, line } => write!(f, "{file}:{line}"),
            Provenance::Override { file, line, paths } => {
                write!(f, "{file}:{line} (override for {paths})")
            }
            Provenance::Flag(flag) => f.write_str(flag),
        }
    }
}

/// A setting's value and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub from: Provenance,
}

impl<T> Setting<T> {
    pub fn default(value: T) -> Self {
        Setting {
            value,
            from: Provenance::Default,
        }
    }
}
