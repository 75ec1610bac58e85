//! `govlint explain <id>`: a rule's documentation as plain text.

use super::rules_table::principles;
use crate::rules::{ParamValue, Rule, RuleSet};
use crate::suppress::MetaRule;

/// A rule's documentation: summary, principles, the `[docs]` sections, and
/// its parameters, examples and references when it has any.
pub fn explain(rule: &Rule) -> String {
    let mut s = format!(
        "{} ({})\n{}\n\n",
        rule.id,
        rule.severity.as_str(),
        rule.summary
    );
    s.push_str(&format!("Principles: {}\n\n", principles(rule)));
    let mut section = |title: &str, body: &str| {
        s.push_str(&format!("## {title}\n{}\n\n", body.trim_end()));
    };
    section("What it checks", &rule.docs.what);
    section("Why it matters", &rule.docs.why);
    section("Example", &rule.docs.example);
    if let Some(l) = &rule.docs.limitations {
        section("What it cannot detect yet", l);
    }
    if !rule.params.is_empty() {
        section("Parameters", &parameters(rule));
    }
    if !rule.tests.is_empty() {
        section("Examples (from the rule's tests)", &examples(rule));
    }
    if !rule.references.is_empty() {
        section("References", &references(rule));
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

/// The documentation of one of govlint's own checks of suppressions.
pub fn explain_meta(m: &MetaRule) -> String {
    format!(
        "{} ({})\n{}\n\ngovlint's own check of suppression directives: not a TOML rule, and a directive cannot suppress it (a baseline can).\n\n## What it checks\n{}\n\n## Why it matters\n{}\n\n## Example\n{}\n",
        m.id,
        m.severity.as_str(),
        m.summary,
        m.what,
        m.why,
        m.example
    )
}

/// The error for an id that names no rule, listing the ids that do.
pub fn unknown_rule(id: &str, rules: &RuleSet) -> String {
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    format!(
        "error: no rule with id `{id}`\n  the rules are: {}",
        ids.join(", ")
    )
}

fn parameters(rule: &Rule) -> String {
    let lines: Vec<String> = rule
        .params
        .iter()
        .map(|(n, v)| format!("- {n} = {}", param_text(v)))
        .collect();
    lines.join("\n")
}

fn examples(rule: &Rule) -> String {
    let lines: Vec<String> = rule
        .tests
        .iter()
        .map(|t| {
            let what = t
                .text
                .clone()
                .unwrap_or_else(|| format!("(sample {})", t.path.as_deref().unwrap_or("")));
            let verdict = if t.allow { "fine" } else { "finding" };
            format!("- {verdict}: {}", what.trim())
        })
        .collect();
    lines.join("\n")
}

fn references(rule: &Rule) -> String {
    let lines: Vec<String> = rule
        .references
        .iter()
        .map(|r| {
            let mut line = format!("- {}", r.citation());
            if let Some(url) = &r.url {
                line.push_str(&format!(" <{url}>"));
            }
            line
        })
        .collect();
    lines.join("\n")
}

fn param_text(v: &ParamValue) -> String {
    match v {
        ParamValue::Number(n) => n.to_string(),
        ParamValue::Bool(b) => b.to_string(),
        ParamValue::Text(t) => format!("{t:?}"),
        ParamValue::Value(d) => d.to_string(),
    }
}
