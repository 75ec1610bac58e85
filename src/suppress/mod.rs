//! Suppressions written in the document: a finding that has been looked
//! at and accepted is kept out of the results, with the reason given, so
//! it stays on record (JSON `suppressed`, SARIF suppressions) without
//! failing the check.
//!
//! | format | directive |
//! |---|---|
//! | Markdown, HTML | `<!-- govlint-disable-next-line rule-a, rule-b -- reason -->` |
//! | text (and PDF text) | a line `govlint-disable-next-line rule-a -- reason`, or the HTML comment on a line of its own |
//! | Word | a comment starting `govlint-disable rule-a -- reason`, anchored on the paragraphs it covers |
//!
//! `govlint-disable-next-line` covers the next block: the paragraph,
//! heading or list item after it (however many lines it is wrapped over),
//! or the whole table or list when it stands before one. `govlint-disable`
//! … `govlint-enable` covers everything between (to the end of the
//! document when there is no `govlint-enable`). A finding is covered when
//! the words it points at start in the stretch. With no rule ids, a
//! directive covers every rule.
//!
//! Problems with directives are findings of govlint's own checks
//! ([`meta::META_RULES`]): a directive with no reason (it still applies),
//! one that suppresses nothing, one naming an unknown rule, one that
//! cannot be read. [`insert`] writes directives for `--add-suppressions`.

mod apply;
pub mod directive;
pub mod insert;
pub mod meta;

pub use directive::{Directive, DirectiveKind};
pub use meta::{META_RULES, MetaRule, meta_rule};

use crate::diagnostic::{Finding, Suppressed};
use crate::model::Statement;
use crate::rules::RuleSet;
use crate::source::SourceFile;

/// Applies the directives in `source` to the rules' `findings`: the
/// findings that stand (with findings about the directives themselves),
/// sorted by position then rule, and those the directives suppressed.
pub fn apply(
    source: &SourceFile,
    statement: &Statement,
    rules: &RuleSet,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let found = directive::find(source);
    if found.directives.is_empty() && found.invalid.is_empty() {
        return (findings, Vec::new());
    }
    apply::apply(found, statement, rules, source.text.len(), findings)
}

#[cfg(test)]
mod tests;
