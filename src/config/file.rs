//! The TOML shape of `govlint.toml`, as written.
//!
//! Every struct denies unknown keys and keeps the spans of what a later
//! check may need to point at. Rule ids and parameter names are checked
//! against the loaded rules afterwards (`bind`), since the file may add
//! rule directories of its own.

use super::FailOn;
use crate::model::Stage;
use crate::rules::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `[params.<rule-id>]`: parameter or table name → value. A table's value
/// is a TOML table of rows, `"2024/25" = 2026-02-27`.
pub(super) type ParamsDef =
    BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct ConfigFile {
    /// Exit 1 on findings at or above this severity.
    pub fail_on: Option<Spanned<FailOn>>,
    /// Extra rule directories, relative to the file.
    pub rules: Option<Vec<Spanned<String>>>,
    /// Whether the built-in pack is loaded (default true).
    pub default_rules: Option<Spanned<bool>>,
    pub select: Option<Spanned<Vec<Spanned<String>>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    pub period: Option<Spanned<String>>,
    /// A TOML date (`2025-06-30`) or a string.
    pub date: Option<Spanned<toml::Value>>,
    pub stage: Option<Spanned<Stage>>,
    pub severity: Option<BTreeMap<Spanned<String>, Spanned<Severity>>>,
    pub params: Option<ParamsDef>,
    #[serde(default)]
    pub overrides: Vec<Spanned<OverrideDef>>,
}

/// `[[overrides]]`: settings for the documents whose path matches one of
/// `paths` (globs relative to the file). The same keys as the top level,
/// except those that concern the whole run.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct OverrideDef {
    pub paths: Spanned<Vec<Spanned<String>>>,
    pub select: Option<Spanned<Vec<Spanned<String>>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    pub period: Option<Spanned<String>>,
    pub date: Option<Spanned<toml::Value>>,
    pub stage: Option<Spanned<Stage>>,
    pub severity: Option<BTreeMap<Spanned<String>, Spanned<Severity>>>,
    pub params: Option<ParamsDef>,
}

/// The keys a top level and an override share, borrowed from either.
pub(super) struct LayerDef<'a> {
    pub select: Option<&'a Spanned<Vec<Spanned<String>>>>,
    pub ignore: &'a [Spanned<String>],
    pub period: Option<&'a Spanned<String>>,
    pub date: Option<&'a Spanned<toml::Value>>,
    pub stage: Option<&'a Spanned<Stage>>,
    pub severity: Option<&'a BTreeMap<Spanned<String>, Spanned<Severity>>>,
    pub params: Option<&'a ParamsDef>,
}

impl ConfigFile {
    pub fn layer(&self) -> LayerDef<'_> {
        LayerDef {
            select: self.select.as_ref(),
            ignore: self.ignore.as_deref().unwrap_or_default(),
            period: self.period.as_ref(),
            date: self.date.as_ref(),
            stage: self.stage.as_ref(),
            severity: self.severity.as_ref(),
            params: self.params.as_ref(),
        }
    }
}

impl OverrideDef {
    pub fn layer(&self) -> LayerDef<'_> {
        LayerDef {
            select: self.select.as_ref(),
            ignore: self.ignore.as_deref().unwrap_or_default(),
            period: self.period.as_ref(),
            date: self.date.as_ref(),
            stage: self.stage.as_ref(),
            severity: self.severity.as_ref(),
            params: self.params.as_ref(),
        }
    }
}
