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

/// The example in the README's Configuration section loads.
#[test]
fn the_readme_example_loads() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = &readme[readme
        .find("## Configuration")
        .expect("a Configuration section")..];
    let start = section
        .find("```toml\n# govlint.toml\n")
        .expect("the example")
        + 8;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("local-rules")).unwrap();
    let config = Config::parse("govlint.toml", dir.path(), example)
        .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|e| &e.message).collect::<Vec<_>>()));
    let settings = Settings::new(
        Some(config),
        common::default_rules(),
        Flags::default(),
        dir.path(),
    )
    .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|e| &e.message).collect::<Vec<_>>()));
    let draft = settings.effective(Some(Path::new("drafts/ags.md")));
    assert_eq!(draft.overrides.len(), 1);
    let grl = draft
        .rules
        .iter()
        .find(|r| r.id == "general-reserve-level")
        .unwrap();
    assert_eq!(grl.params[0].1.from.to_string(), "govlint.toml:16");
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
