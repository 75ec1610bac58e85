//! `govlint new rule <id>`: a rule file with every documented field, a
//! failing and a passing example, ready to edit.

/// Whether `id` is a valid rule id (lower-case words joined by hyphens).
pub fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The text of a new rule file for `id`. It loads and its examples pass as
/// written, so an author starts from green and changes one thing at a time.
pub fn rule_file(id: &str) -> String {
    TEMPLATE.replace("{{id}}", id)
}

/// What to do after scaffolding `path`.
pub fn next_steps(id: &str, path: &str, dir: &str) -> String {
    format!(
        "created {path}\n\nnext steps:\n  1. edit the patterns, message and docs in {path}\n  2. change the [[test]] examples to real sentences: one that must produce the finding, one that must not\n  3. govlint test {dir}                 run the examples (add --coverage to catch a rule that never fires)\n  4. govlint test {dir} --snapshot      write snapshots/rules__{id}.snap.new, then review it (cargo insta review)\n  5. govlint check --rules {dir} draft.md\n"
    )
}

const TEMPLATE: &str = r#"# A govlint rule. Reference: README.md, "Writing a rule".
id = "{{id}}"
severity = "warning"          # error | warning | info
principles = ["F"]            # CIPFA/SOLACE principles A–G this rule serves
summary = "One line for `govlint rules`"
# The finding's message; {expression} pieces are filled in from captures and params.
message = "the statement says the risk register is reviewed {freq}; at least {params.min_frequency} is expected"
help = "what the author should do about a finding"
url = "https://example.org/guidance"

[[references]]
title = "CIPFA/SOLACE Delivering Good Governance in Local Government: Framework (2016)"
section = "principle F"

[docs]
what = """
What the rule looks for, in a paragraph.
"""
why = """
Why a reviewer cares.
"""
example = """
The corporate risk register is reviewed annually.     <- finding
The corporate risk register is reviewed quarterly.    <- fine
"""
limitations = "What the rule cannot detect yet."

[params]
min_frequency = { type = "frequency", value = "quarterly" }

[[check]]
kind = "assert"               # require | forbid | assert
scope = "sentence"            # document | section | paragraph | sentence | row | heading
patterns = ['(?i)\brisk register\b', '{freq:frequency}']
unless = ['(?i)\bno longer\b']
condition = "freq >= params.min_frequency"
anchor = "freq"
label = "{freq}"

[[test]]
text = "The corporate risk register is reviewed annually by the Audit Committee."
expect = ["{{id}}"]
matches = ["annually"]

[[test]]
text = "The corporate risk register is reviewed quarterly by the Corporate Leadership Team."
allow = true
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_rule_id("risk-register-review"));
        assert!(is_rule_id("s151-officer"));
        assert!(!is_rule_id("Risk_Register"));
        assert!(!is_rule_id("double--hyphen"));
        assert!(!is_rule_id(""));
    }
}
