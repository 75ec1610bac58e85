//! `govlint rules`: one line per rule.

use super::plural;
use crate::rules::{Rule, RuleSet};
use crate::suppress::META_RULES;

/// The table `govlint rules` prints: id, severity, principles, summary,
/// then how many rules there are, then govlint's own checks of
/// suppression directives.
pub fn rules_table(rules: &RuleSet) -> String {
    let width = rules
        .rules
        .iter()
        .map(|r| r.id.len())
        .chain(META_RULES.iter().map(|m| m.id.len()))
        .max()
        .unwrap_or(2)
        .max(2);
    let mut s = format!(
        "{:width$}  {:8}  {:10}  SUMMARY\n",
        "ID", "SEVERITY", "PRINCIPLES"
    );
    for r in &rules.rules {
        s.push_str(&format!(
            "{:width$}  {:8}  {:10}  {}\n",
            r.id,
            r.severity.as_str(),
            principles(r),
            r.summary
        ));
    }
    s.push_str(&format!("{}\n", plural(rules.rules.len(), "rule")));
    s.push_str(
        "\ngovlint's own checks of suppression directives (not rules; `govlint explain ID`):\n",
    );
    for m in &META_RULES {
        s.push_str(&format!(
            "{:width$}  {:8}  {:10}  {}\n",
            m.id,
            m.severity.as_str(),
            "-",
            m.summary
        ));
    }
    s
}

/// A rule's principles as letters ("ACF"), or "-" when it names none.
pub(super) fn principles(rule: &Rule) -> String {
    if rule.principles.is_empty() {
        "-".into()
    } else {
        rule.principles.iter().collect()
    }
}
