//! The TOML shape of a rule file, as written by rule authors.
//!
//! Every struct denies unknown keys, and every value a later check may need
//! to point at is `Spanned`, so each error lands on the exact bytes.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Stable kebab-case identifier, e.g. `mtfs-horizon`.
    pub id: Spanned<String>,
    pub severity: Severity,
    /// CIPFA/SOLACE principles A–G the rule serves.
    #[serde(default)]
    pub principles: Vec<Spanned<String>>,
    /// One line for `govlint rules`.
    pub summary: String,
    /// The finding's message; `{expression}` pieces are filled in.
    pub message: Spanned<String>,
    /// What to do about a finding.
    pub help: Option<String>,
    /// Where to read more.
    pub url: Option<String>,
    #[serde(default)]
    pub references: Vec<Reference>,
    pub docs: Docs,
    /// Thresholds and settings a council may change.
    #[serde(default)]
    pub params: BTreeMap<String, Spanned<ParamValue>>,
    /// Lookup tables, e.g. accounts deadlines by financial year.
    #[serde(default)]
    pub tables: BTreeMap<String, TableDef>,
    #[serde(rename = "check")]
    pub checks: Spanned<Vec<CheckDef>>,
    /// Examples that must (or must not) produce this rule's findings.
    #[serde(default, rename = "test")]
    pub tests: Vec<Spanned<TestDef>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Statute or guidance a rule rests on; every output format shows it.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// "Accounts and Audit Regulations 2015".
    pub title: String,
    /// "regulation 6(1)".
    pub section: Option<String>,
    pub url: Option<String>,
}

impl Reference {
    /// "Accounts and Audit Regulations 2015, regulation 6(1)": the title
    /// and section, without the URL.
    pub fn citation(&self) -> String {
        match &self.section {
            Some(section) => format!("{}, {section}", self.title),
            None => self.title.clone(),
        }
    }
}

/// The rule's documentation, printed by `govlint explain`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    pub what: String,
    pub why: String,
    pub example: String,
    /// What the rule cannot detect yet.
    pub limitations: Option<String>,
}

/// `anchor = "freq"`, or `anchor = ["blank_date", "role"]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum AnchorDef {
    One(String),
    Many(Vec<String>),
}

impl AnchorDef {
    pub fn names(&self) -> &[String] {
        match self {
            AnchorDef::One(name) => std::slice::from_ref(name),
            AnchorDef::Many(names) => names,
        }
    }
}

/// A parameter: a plain TOML value, or a typed value written as text.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    Text(String),
    Typed(TypedParam),
}

/// `min_frequency = { type = "frequency", value = "monthly" }`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypedParam {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

/// A lookup table: `[tables.audited_by]` with `key = "fy"`, `value = "date"`
/// and `[tables.audited_by.entries]` `"2022/23" = 2023-09-30`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableDef {
    pub key: Spanned<String>,
    pub value: Spanned<String>,
    pub entries: Spanned<BTreeMap<String, Spanned<toml::Value>>>,
}

/// A check's `kind = "…"` as written; the compiled check is
/// [`super::CheckKind`], which carries each kind's own fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KindName {
    /// Something must be present; one finding for the scope when it is not.
    Require,
    /// Every match is a finding.
    Forbid,
    /// Where the patterns match, the condition must hold.
    Assert,
    /// Numbered paragraphs must run in order without gaps or duplicates.
    Numbering,
    /// References captured as `section`, `paragraph`, `appendix` or `annex`
    /// must name a part of the document that exists.
    Resolve,
}

/// The unit of text a check looks at. Ordered from widest to narrowest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Document,
    Section,
    Paragraph,
    #[default]
    Sentence,
    /// A table row (each row is also a paragraph and a sentence).
    Row,
    Heading,
    /// A signatory's line in the signature block; conditions may use
    /// `signer_name`, `signer_role` and `signer_date`.
    Signatory,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Section => "section",
            Scope::Paragraph => "paragraph",
            Scope::Sentence => "sentence",
            Scope::Row => "row",
            Scope::Heading => "heading",
            Scope::Signatory => "signatory",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub kind: Spanned<KindName>,
    /// The unit in which all `patterns` must occur together.
    pub scope: Option<Spanned<Scope>>,
    /// For `require`: the container that must hold a matching unit
    /// (default: the document).
    pub each: Option<Spanned<Scope>>,
    /// Only look inside sections whose heading matches this regex.
    pub within: Option<Spanned<String>>,
    /// Regexes that must all match in one unit; `{name:kind}` captures a
    /// typed value. (`numbering` checks have none.)
    pub patterns: Option<Spanned<Vec<Spanned<String>>>>,
    /// The check runs only on statements where this condition (over
    /// `period`, `statement_date` and `params.*`) is true.
    pub when: Option<Spanned<String>>,
    /// Drop the check's findings when the document has such a unit.
    pub unless_found: Option<FoundDef>,
    /// Keep the check's findings only when the document has such a unit.
    pub only_if_found: Option<FoundDef>,
    /// A unit where any of these matches is skipped.
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    /// Skip matches that are negated or hypothetical in their clause.
    #[serde(default)]
    pub ignore_negated: bool,
    /// The severity of this check's findings in a draft (`--stage draft`,
    /// the default): a blank that a final statement must fill is only a
    /// reminder while the statement is being written.
    pub draft_severity: Option<Severity>,
    /// `assert`: must be true. `forbid`/`require`: only matches where it is
    /// true count.
    pub condition: Option<Spanned<String>>,
    /// Overrides the rule's message for this check.
    pub message: Option<Spanned<String>>,
    /// Text of the primary label.
    pub label: Option<Spanned<String>>,
    /// The capture the finding points at (default: the first pattern's
    /// match), or a list of captures: the first that took part in the match.
    pub anchor: Option<Spanned<AnchorDef>>,
    /// Secondary labels: capture name → label text.
    #[serde(default)]
    pub labels: BTreeMap<String, Spanned<String>>,
}

/// A search of the whole document: a unit of `scope` (inside sections whose
/// heading matches `within`) where all `patterns` match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoundDef {
    pub scope: Option<Spanned<Scope>>,
    pub within: Option<Spanned<String>>,
    pub patterns: Vec<Spanned<String>>,
}

/// An example carried by a rule file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TestDef {
    /// The example text (Markdown).
    pub text: Option<String>,
    /// Or a sample document, relative to the rule file's folder.
    pub path: Option<String>,
    /// Rule ids whose findings the text must produce, in order.
    #[serde(default)]
    pub expect: Vec<String>,
    /// The text must produce no finding of this rule.
    #[serde(default)]
    pub allow: bool,
    /// The exact text each expected finding points at.
    #[serde(default)]
    pub matches: Vec<String>,
    /// A substring of the expected finding's message.
    pub message: Option<String>,
    /// The statement period for the example ("2023/24").
    pub period: Option<String>,
    /// The statement date for the example ("2024-09-30").
    pub date: Option<String>,
    /// `draft` (the default) or `final`, as `--stage` gives it.
    #[serde(default, skip_serializing_if = "crate::model::Stage::is_draft")]
    pub stage: crate::model::Stage,
}
