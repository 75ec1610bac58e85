//! A compiled check: what every kind shares, and per kind only the fields
//! that kind uses, so a check the loader accepts is well-formed by type.

use super::expr::Expr;
use super::lazy_regex::LazyRegex;
use super::pattern::{CaptureDef, Pattern};
use super::schema::{KindName, Scope};
use super::template::Template;

/// One compiled check of a rule.
#[derive(Clone, Debug)]
pub struct Check {
    /// What the check looks for.
    pub kind: CheckKind,
    /// Only look inside sections whose heading matches this.
    pub within: Option<LazyRegex>,
    /// The check runs only where this holds (statement facts only).
    pub when: Option<Expr>,
    pub unless_found: Option<Found>,
    pub only_if_found: Option<Found>,
    pub message: Template,
    pub label: Option<Template>,
    /// The severity of its findings in a draft, when not the rule's.
    pub draft_severity: Option<crate::rules::Severity>,
    /// Whether any expression of the check uses the statement period / date.
    pub needs_period: bool,
    pub needs_date: bool,
}

/// The kinds of check, each with the fields it uses.
#[derive(Clone, Debug)]
pub enum CheckKind {
    /// Something must be present; one finding per container without it.
    Require(Require),
    /// Every match is a finding (where the condition holds).
    Forbid(Matching),
    /// Where the patterns match, the condition must hold.
    Assert(Assert),
    /// Numbered paragraphs must run in order without gaps or duplicates.
    Numbering,
    /// References captured as `section`, `paragraph`, `appendix` or `annex`
    /// must name a part of the document that exists.
    Resolve(Matching),
}

impl CheckKind {
    /// The kind as a rule file names it.
    pub fn name(&self) -> KindName {
        match self {
            CheckKind::Require(_) => KindName::Require,
            CheckKind::Forbid(_) => KindName::Forbid,
            CheckKind::Assert(_) => KindName::Assert,
            CheckKind::Numbering => KindName::Numbering,
            CheckKind::Resolve(_) => KindName::Resolve,
        }
    }

    /// What the check matches; `None` for `numbering`, which reads the
    /// document's numbered paragraphs instead.
    pub fn matcher(&self) -> Option<&Matcher> {
        match self {
            CheckKind::Require(r) => Some(&r.matcher),
            CheckKind::Forbid(m) | CheckKind::Resolve(m) => Some(&m.matcher),
            CheckKind::Assert(a) => Some(&a.matcher),
            CheckKind::Numbering => None,
        }
    }

    /// The condition on matches, if the kind has one.
    pub fn condition(&self) -> Option<&Expr> {
        match self {
            CheckKind::Require(r) => r.condition.as_ref(),
            CheckKind::Forbid(m) | CheckKind::Resolve(m) => m.condition.as_ref(),
            CheckKind::Assert(a) => Some(&a.condition),
            CheckKind::Numbering => None,
        }
    }

    /// Where a finding on a match points, for the kinds whose findings are
    /// matches.
    pub fn marks(&self) -> Option<&Marks> {
        match self {
            CheckKind::Forbid(m) | CheckKind::Resolve(m) => Some(&m.marks),
            CheckKind::Assert(a) => Some(&a.marks),
            CheckKind::Require(_) | CheckKind::Numbering => None,
        }
    }
}

/// What a check matches: units of `scope` where every pattern matches and
/// no `unless` pattern does.
#[derive(Clone, Debug)]
pub struct Matcher {
    pub scope: Scope,
    /// At least one.
    pub patterns: Vec<Pattern>,
    /// Every capture of every pattern, in order; names are unique.
    pub captures: Vec<CaptureDef>,
    /// All `unless` patterns as one regex.
    pub unless: Option<LazyRegex>,
    /// Skip matches that are negated or hypothetical in their clause
    /// ("none of which led to …", "no … was needed").
    pub ignore_negated: bool,
}

/// A `require` check.
#[derive(Clone, Debug)]
pub struct Require {
    pub matcher: Matcher,
    /// The container (document, section, paragraph or row) that must hold a
    /// match; at least as wide as the matcher's scope.
    pub each: Scope,
    /// Only matches where this holds (or cannot be decided) count.
    pub condition: Option<Expr>,
}

/// A check whose findings are matches: `forbid` and `resolve`.
#[derive(Clone, Debug)]
pub struct Matching {
    pub matcher: Matcher,
    /// Only matches where this holds count.
    pub condition: Option<Expr>,
    pub marks: Marks,
}

/// Capture names a `resolve` check resolves, and what they name.
pub const REFERENCE_KINDS: [&str; 4] = ["section", "paragraph", "appendix", "annex"];

/// An `assert` check.
#[derive(Clone, Debug)]
pub struct Assert {
    pub matcher: Matcher,
    /// Must hold wherever the patterns match.
    pub condition: Expr,
    pub marks: Marks,
}

/// Where a finding on a match points.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// Indexes into the matcher's `captures` of the captures the finding
    /// points at, the first that took part in the match (default: the
    /// first pattern's match).
    pub anchor: Vec<usize>,
    /// Secondary labels: capture index and label text.
    pub labels: Vec<(usize, Template)>,
}

/// A document-wide search: is there a unit of `scope` (inside sections
/// whose heading matches `within`) where all `patterns` match?
#[derive(Clone, Debug)]
pub struct Found {
    pub scope: Scope,
    pub within: Option<LazyRegex>,
    pub patterns: Vec<LazyRegex>,
}
