//! Every way a `govlint.toml` can be wrong is reported as a diagnostic
//! pointing into the file; the rendered diagnostics are snapshotted.

mod common;

use govlint::config::{Config, Flags, Settings};
use govlint::report::HumanReporter;
use std::path::Path;

/// The rendered errors of `text` as a configuration, checked against the
/// built-in pack.
fn render(text: &str) -> String {
    let reporter = HumanReporter::new(false, 100);
    let errors = match Config::parse("govlint.toml", Path::new("."), text) {
        Ok(config) => {
            match Settings::new(
                Some(config),
                common::default_rules(),
                Flags::default(),
                Path::new("."),
            ) {
                Ok(_) => return "loaded without error".into(),
                Err(errors) => errors,
            }
        }
        Err(errors) => errors,
    };
    errors.iter().map(|e| reporter.render(e)).collect()
}

#[test]
fn a_full_configuration_loads() {
    let text = r#"fail-on = "warning"
select = ["A", "F", "G", "mtfs-horizon"]
ignore = ["info", "fm-code"]
period = "2024/25"
date = 2025-06-30
stage = "final"

[severity]
stale-evidence = "error"

[params.general-reserve-level]
floor = 0.04

[params.statutory-officers-meeting]
min_frequency = "every six weeks"

[params.audited-accounts-deadline.audited_by]
"2023/24" = 2024-11-30

[[overrides]]
paths = ["drafts/**", "*.draft.md"]
stage = "draft"
ignore = ["signature-block"]
params.mtfs-horizon.min_years = 5
"#;
    assert_eq!(render(text), "loaded without error");
}

#[test]
fn bad_configurations_are_diagnosed_in_the_toml() {
    let cases = [
        ("toml-syntax", "fail-on = \"warning\nstage = \"final\"\n"),
        ("unknown-key", "fail-on = \"warning\"\nselcet = [\"A\"]\n"),
        ("bad-value", "fail-on = \"warnings\"\n"),
        (
            "unknown-override-key",
            "[[overrides]]\npaths = [\"drafts/**\"]\nrules = [\"local\"]\n",
        ),
        (
            "bad-statement-facts",
            "period = \"2024/26\"\ndate = \"the end of June\"\n",
        ),
        ("bad-glob", "[[overrides]]\npaths = [\"drafts/{a,b\"]\n"),
        ("no-paths", "[[overrides]]\npaths = []\nstage = \"draft\"\n"),
        ("missing-rule-folder", "rules = [\"local-rules\"]\n"),
        (
            "unknown-selector",
            "select = [\"A\", \"mtfs-horizn\", \"warnings\"]\n",
        ),
        ("unknown-rule", "[severity]\nstale-evidense = \"error\"\n"),
        (
            "unknown-parameter",
            "[params.general-reserve-level]\nfloor_percent = 4\n",
        ),
        (
            "parameter-type",
            "[params.general-reserve-level]\nfloor = \"£5m\"\n\n[params.statutory-officers-meeting]\nmin_frequency = \"when needed\"\n",
        ),
        (
            "table-rows",
            "[params.audited-accounts-deadline.audited_by]\n\"2024/25\" = 2025-12-31\n\"2025\" = 2026-11-30\n\"2026/27\" = \"TBC\"\n",
        ),
    ];
    common::snapshot_settings().bind(|| {
        for (name, text) in cases {
            let rendered = render(text);
            assert_ne!(rendered, "loaded without error", "{name} should not load");
            assert!(rendered.contains("govlint.toml"), "{name}: {rendered}");
            assert!(
                rendered.contains('─') || rendered.contains('▲'),
                "{name} has a label: {rendered}"
            );
            insta::assert_snapshot!(format!("bad-config-{name}"), rendered);
        }
    });
}
