//! Every way a rule file can be wrong is reported as a diagnostic pointing
//! into the TOML; the rendered diagnostics are snapshotted.

mod common;

use govlint::report::HumanReporter;
use govlint::rules::{RuleSource, load_rule};

/// A valid rule; each case below breaks one thing in it.
const GOOD: &str = r#"id = "mtfs-check"
severity = "warning"
principles = ["F"]
summary = "MTFS horizon"
message = "MTFS covers {horizon.years} years"

[docs]
what = "w"
why = "y"
example = "e"

[params]
min_years = 3

[[check]]
kind = "assert"
patterns = ['(?i)\bMTFS\b', '{horizon:fy_range}']
condition = "horizon.years >= params.min_years"
anchor = "horizon"
"#;

fn render(name: &str, text: &str) -> String {
    let source = RuleSource {
        name: format!("rules/{name}.toml"),
        text: text.into(),
    };
    match load_rule(&source) {
        Ok(_) => "loaded without error".into(),
        Err(errors) => {
            let reporter = HumanReporter::new(false, 100);
            errors.iter().map(|e| reporter.render(e)).collect()
        }
    }
}

fn broken(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from:?} is not in the good rule");
    GOOD.replacen(from, to, 1)
}

#[test]
fn the_base_rule_is_valid() {
    assert_eq!(render("good", GOOD), "loaded without error");
}

#[test]
fn bad_rules_are_diagnosed_in_the_toml() {
    let cases = [
        (
            "toml-syntax",
            broken("summary = \"MTFS horizon\"", "summary = \"MTFS horizon"),
        ),
        ("unknown-key", broken("principles", "principle")),
        (
            "wrong-type",
            broken("severity = \"warning\"", "severity = 3"),
        ),
        ("unknown-severity", broken("\"warning\"", "\"fatal\"")),
        ("not-kebab-case", broken("mtfs-check", "MTFS_check")),
        ("unknown-principle", broken("[\"F\"]", "[\"H\"]")),
        ("invalid-regex", broken(r"(?i)\bMTFS\b", r"(?i)\bMTFS(\b")),
        (
            "unknown-capture-type",
            broken("{horizon:fy_range}", "{horizon:fy_rnge}"),
        ),
        (
            "condition-syntax",
            broken("horizon.years >= params.min_years", "horizon.years >="),
        ),
        (
            "condition-type",
            broken(
                "horizon.years >= params.min_years",
                "horizon >= params.min_years",
            ),
        ),
        (
            "condition-unknown-name",
            broken(
                "horizon.years >= params.min_years",
                "horizn.years >= params.min_years",
            ),
        ),
        (
            "condition-not-bool",
            broken("horizon.years >= params.min_years", "horizon.years"),
        ),
        (
            "unknown-param",
            broken("params.min_years", "params.min_yeras"),
        ),
        (
            "message-unknown-field",
            broken("{horizon.years} years", "{horizon.yeers} years"),
        ),
        (
            "unknown-anchor",
            broken("anchor = \"horizon\"", "anchor = \"horizont\""),
        ),
        (
            "unknown-check-kind",
            broken("kind = \"assert\"", "kind = \"ensure\""),
        ),
        (
            "pattern-matches-empty",
            broken(r"'(?i)\bMTFS\b'", "'(?:MTFS)?'"),
        ),
        (
            "unless-matches-empty",
            broken(
                "anchor = \"horizon\"",
                "anchor = \"horizon\"\nunless = ['x*']",
            ),
        ),
        (
            "dotted-key-too-deep",
            broken(
                "min_years = 3",
                &format!("min_years = 3\n{}b = 1", "a.".repeat(200)),
            ),
        ),
        (
            "long-condition",
            broken(
                "horizon.years >= params.min_years",
                &format!(
                    "horizon.years >= params.min_years {}",
                    "and horizon.years > 1 ".repeat(300)
                ),
            ),
        ),
        (
            "bad-typed-param",
            broken(
                "min_years = 3",
                "min_years = { type = \"number\", value = \"three\" }",
            ),
        ),
        (
            "missing-docs",
            broken("[docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n", ""),
        ),
    ];
    common::snapshot_settings().bind(|| {
        for (name, text) in cases {
            let rendered = render(name, &text);
            assert_ne!(rendered, "loaded without error", "{name} should not load");
            assert!(
                rendered.contains(&format!("rules/{name}.toml")),
                "{name}: {rendered}"
            );
            assert!(
                rendered.contains('▲') || rendered.contains('─'),
                "{name} has a label: {rendered}"
            );
            insta::assert_snapshot!(format!("bad-rule-{name}"), rendered);
        }
    });
}
