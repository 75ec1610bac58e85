//! govlint's own checks of suppression directives. They are not TOML
//! rules: they look at the directives, not the statement. A directive
//! cannot suppress them (that would hide the problem with itself), but a
//! baseline can.

use crate::rules::Severity;

/// One of govlint's own checks, documented like a rule for `govlint
/// rules` and `govlint explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetaRule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub example: &'static str,
}

pub const WITHOUT_REASON: &str = "suppression-without-reason";
pub const UNUSED: &str = "unused-suppression";
pub const UNKNOWN_RULE: &str = "unknown-rule-in-suppression";
pub const INVALID: &str = "invalid-suppression";

/// govlint's own checks of suppressions, by id.
pub const META_RULES: [MetaRule; 4] = [
    MetaRule {
        id: INVALID,
        severity: Severity::Warning,
        summary: "A comment or line starting `govlint-` must be a directive govlint can read",
        what: "A comment (or, in a text file, a line) that starts `govlint-` but is not `govlint-disable-next-line`, `govlint-disable` or `govlint-enable` followed by rule ids separated by commas and ` -- reason`; and a `govlint-enable` with no `govlint-disable` of that rule open. A directive that cannot be read suppresses nothing.",
        why: "A misspelt directive looks as if it hides a finding but does not; a stray `govlint-enable` usually means the `govlint-disable` above it is misspelt.",
        example: "<!-- govlint-disable-line placeholder -- the date is set in July -->   (the directive is govlint-disable-next-line)",
    },
    MetaRule {
        id: UNKNOWN_RULE,
        severity: Severity::Warning,
        summary: "A suppression must name rules that exist",
        what: "A directive naming a rule id that no loaded rule has (with the nearest id, when there is one), or naming one of govlint's own suppression checks, which a directive cannot suppress.",
        why: "A misspelt rule id suppresses nothing, so the finding it was meant for is still reported, or the directive is silently useless.",
        example: "<!-- govlint-disable-next-line drafting-notes -- agreed -->   (the rule is drafting-note)",
    },
    MetaRule {
        id: WITHOUT_REASON,
        severity: Severity::Warning,
        summary: "A suppression must say why the finding is accepted",
        what: "A `govlint-disable-next-line` or `govlint-disable` directive (or a Word comment) with no reason after ` -- `. The suppression still applies: the finding is kept out of the results, and this warning takes its place.",
        why: "A suppression is an audit trail: whoever reads the statement next (the committee, the external auditor) should see who accepted the finding and why.",
        example: "<!-- govlint-disable-next-line placeholder -->   (write: <!-- govlint-disable-next-line placeholder -- the date is set at the July meeting -->)",
    },
    MetaRule {
        id: UNUSED,
        severity: Severity::Warning,
        summary: "A suppression must suppress something",
        what: "A directive, or one rule id in it, that kept no finding out of the results: the problem it was written for has been fixed, or it stands in the wrong place.",
        why: "An unneeded suppression would silently hide the next problem of that kind written in its place.",
        example: "<!-- govlint-disable-next-line placeholder -- date to follow -->\n4.2 The committee met on 12 June 2024.   (no placeholder is left to suppress)",
    },
];

/// The check with this id.
pub fn meta_rule(id: &str) -> Option<&'static MetaRule> {
    META_RULES.iter().find(|m| m.id == id)
}

/// Whether a finding comes from one of govlint's own suppression checks.
pub fn is_meta(rule: &str) -> bool {
    meta_rule(rule).is_some()
}
