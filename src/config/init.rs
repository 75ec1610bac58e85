//! `govlint init`: a commented starter `govlint.toml`, written from the
//! loaded rules so that it lists every rule and parameter as they are.

use super::bind::{key_literal, literal, quoted};
use crate::rules::RuleSet;
use std::fmt::Write;

/// The starter file: every setting commented out at its default, except
/// the rule folders `dirs` (relative to the file) and the built-in pack's
/// absence (`no_default_rules`) when given.
pub fn starter(rules: &RuleSet, dirs: &[String], no_default_rules: bool) -> String {
    let mut s = String::from(HEAD);
    s.push_str(
        "\n# More rule folders, relative to this file. A rule there with the id of a\n\
         # built-in rule replaces it.\n",
    );
    if dirs.is_empty() {
        s.push_str("# rules = []\n");
    } else {
        let quoted: Vec<String> = dirs.iter().map(|d| quoted(d)).collect();
        let _ = writeln!(s, "rules = [{}]", quoted.join(", "));
    }
    s.push_str(if no_default_rules {
        "default-rules = false\n"
    } else {
        "# default-rules = true\n"
    });
    s.push_str(STATEMENT);
    s.push_str("\n# How severe each rule's findings are: \"error\", \"warning\" or \"info\".\n");
    s.push_str("# (In a draft, blanks still to be filled stay reminders.)\n[severity]\n");
    for rule in &rules.rules {
        let _ = writeln!(s, "# {} = \"{}\"", rule.id, rule.severity.as_str());
    }
    s.push_str(
        "\n# Rule parameters, at their defaults. A table's rows are added to the\n\
         # rule's table, or replace its row with the same key.\n",
    );
    for rule in &rules.rules {
        if rule.params.is_empty() && rule.tables.iter().all(|t| t.entries.is_empty()) {
            continue;
        }
        let _ = writeln!(s, "\n# {}: {}", rule.id, rule.summary);
        if !rule.params.is_empty() {
            let _ = writeln!(s, "[params.{}]", rule.id);
            for (name, value) in &rule.params {
                let _ = writeln!(s, "# {name} = {}", literal(value));
            }
        }
        for table in &rule.tables {
            let Some((key, value)) = table.entries.last() else {
                continue;
            };
            let _ = writeln!(s, "[params.{}.{}]", rule.id, table.name);
            let _ = writeln!(
                s,
                "# ({} rows in the rule; add a row, or change one, like this:)",
                table.entries.len()
            );
            let _ = writeln!(s, "# {} = {}", key_literal(key), literal(value));
        }
    }
    s.push_str(
        "\n# Settings for some documents only: paths are globs relative to this\n\
         # file (`*` within a folder, `**` across folders). Any key above except\n\
         # fail-on, rules and default-rules; the last matching entry wins.\n",
    );
    s.push_str("# [[overrides]]\n# paths = [\"drafts/**\"]\n# stage = \"draft\"\n");
    if let Some(rule) = rules.rules.first() {
        let _ = writeln!(s, "# ignore = [\"{}\"]", rule.id);
    }
    s
}

const HEAD: &str = r#"# govlint.toml: settings for `govlint check` in this folder and the folders
# below it. Every setting is commented out at its default: uncomment what
# your council needs. Command-line flags win over this file, and an
# [[overrides]] entry wins over the top level for the documents it names.
# `govlint config` prints the settings in force and where each came from.

# Exit with 1 when a finding is at least this severe: "error", "warning",
# "info", or "never".
# fail-on = "error"

# The rules that run: rule ids, principles "A" to "G", or severities "error",
# "warning", "info". A rule named by its id wins over its principle or
# severity; `ignore` wins over `select`.
# select = ["A", "B", "C", "D", "E", "F", "G"]
# ignore = []
"#;

const STATEMENT: &str = r#"
# The statement, when the document does not say: the financial year it
# covers, its date when the signatures carry none, and "draft" or "final".
# period = "2024/25"
# date = 2025-06-30
# stage = "draft"
"#;
