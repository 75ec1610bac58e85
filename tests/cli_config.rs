//! The configuration file through the real binary: discovery, `--config`,
//! rule selection, severities, parameters, table rows, per-path overrides,
//! local rules replacing built-in ones, errors, `init` and `config`.
//! Every test runs in a temporary folder of its own.

mod common;

use common::cli::{govlint_in as govlint, stderr, stdout};
use std::path::Path;
use std::process::Output;

/// A small statement of a fictional council: its reserve is 4.5% of the
/// budget, its statutory officers meet quarterly, its MTFS covers four
/// years and its 2022/23 accounts were signed on 31 August 2023.
const AGS: &str = "# Hartmoor District Council Annual Governance Statement 2023/24\n\n\
    The general fund balance stood at £6.0m at 31 March 2024, 4.5% of the net revenue budget of £133m.\n\n\
    The Statutory Officers Group meets quarterly.\n\n\
    The Medium Term Financial Strategy covers 2024/25 to 2027/28.\n\n\
    The audited accounts for 2022/23 were signed off on 31 August 2023.\n";

/// A temporary folder holding `files` (path, text).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// (rule, severity) of each finding of a JSON run, per file.
fn findings(o: &Output) -> Vec<Vec<(String, String)>> {
    let json: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)));
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    let s = |k: &str| d[k].as_str().unwrap().to_owned();
                    (s("rule"), s("severity"))
                })
                .collect()
        })
        .collect()
}

/// The rules that found something, sorted, once each.
fn rules_of(found: &[(String, String)]) -> Vec<&str> {
    let mut ids: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The other CLI tests run in the crate's folder and read no configuration:
/// a govlint.toml there or above would change what they see.
#[test]
fn no_configuration_reaches_the_crate_folder() {
    let found = govlint::config::discover(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(found, None, "a govlint.toml would change every CLI test");
}

#[test]
fn the_file_is_found_from_the_working_folder_upward() {
    let dir = folder(&[
        (
            "govlint.toml",
            "select = [\"general-reserve-level\"]\nfail-on = \"warning\"\n",
        ),
        ("statements/2024/ags.md", AGS),
    ]);
    let cwd = dir.path().join("statements/2024");
    let o = govlint(&cwd, &["check", "ags.md", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        findings(&o),
        [[("general-reserve-level".into(), "warning".into())]]
    );
    // --no-config: every rule runs, and a warning does not fail.
    let o = govlint(
        &cwd,
        &["check", "ags.md", "--format", "json", "--no-config"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(rules_of(&findings(&o)[0]).contains(&"required-sections"));
    // Without the file and without the built-in pack there is nothing to run.
    let o = govlint(
        &cwd,
        &["check", "ags.md", "--no-config", "--no-default-rules"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("no rules to run"), "{}", stderr(&o));
}

#[test]
fn config_names_a_file_anywhere() {
    let dir = folder(&[
        (
            "settings/team.toml",
            "select = [\"statutory-officers-meeting\"]\n",
        ),
        ("ags.md", AGS),
        // Not read: --config wins over discovery.
        ("govlint.toml", "select = [\"general-reserve-level\"]\n"),
    ]);
    let o = govlint(
        dir.path(),
        &[
            "check",
            "ags.md",
            "--format",
            "json",
            "--config",
            "settings/team.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        findings(&o),
        [[("statutory-officers-meeting".into(), "warning".into())]]
    );
    let o = govlint(dir.path(), &["check", "ags.md", "--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml: no such file"),
        "{}",
        stderr(&o)
    );
    let o = govlint(
        dir.path(),
        &["check", "ags.md", "--config", "x.toml", "--no-config"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

#[test]
fn rules_are_selected_by_principle_severity_and_id() {
    // F, less one rule by id: only rules serving F, and not that one.
    let dir = folder(&[
        (
            "govlint.toml",
            "select = [\"F\"]\nignore = [\"statutory-officers-meeting\"]\n",
        ),
        ("ags.md", AGS),
    ]);
    let o = govlint(dir.path(), &["check", "ags.md", "--format", "json"]);
    let ids = rules_of(&findings(&o)[0]).join(" ");
    assert_eq!(
        ids,
        "assurance-opinion fm-code general-reserve-level head-of-internal-audit-opinion \
         principles-covered section-25-report"
    );
    // Error rules, less one by id, plus one warning rule by id.
    std::fs::write(
        dir.path().join("govlint.toml"),
        "select = [\"error\", \"fm-code\"]\nignore = [\"head-of-internal-audit-opinion\"]\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md", "--format", "json"]);
    let ids = rules_of(&findings(&o)[0]).join(" ");
    assert_eq!(
        ids,
        "assurance-opinion fm-code required-sections signature-block"
    );
    // A principle in `ignore` beats a severity in `select`; a rule named
    // by its id beats both.
    std::fs::write(
        dir.path().join("govlint.toml"),
        "select = [\"error\", \"fm-code\"]\nignore = [\"G\"]\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md", "--format", "json"]);
    assert_eq!(rules_of(&findings(&o)[0]), ["fm-code"]);
}

#[test]
fn a_severity_override_changes_the_finding_and_the_exit_code() {
    let dir = folder(&[
        ("govlint.toml", "select = [\"general-reserve-level\"]\n"),
        ("ags.md", AGS),
    ]);
    let o = govlint(dir.path(), &["check", "ags.md", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::write(
        dir.path().join("govlint.toml"),
        "select = [\"general-reserve-level\"]\n[severity]\ngeneral-reserve-level = \"error\"\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        findings(&o),
        [[("general-reserve-level".into(), "error".into())]]
    );
    // fail-on = "never": findings never fail; --deny wins over the file.
    std::fs::write(
        dir.path().join("govlint.toml"),
        "fail-on = \"never\"\nselect = [\"general-reserve-level\", \"required-sections\"]\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("required-sections"));
    let o = govlint(dir.path(), &["check", "ags.md", "--deny", "warnings"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_parameter_changes_a_rules_outcome() {
    let dir = folder(&[
        (
            "govlint.toml",
            "select = [\"general-reserve-level\"]\nfail-on = \"warning\"\n",
        ),
        ("ags.md", AGS),
    ]);
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("below the floor of 5%"),
        "{}",
        stdout(&o)
    );
    // The council's own floor is 4%: 4.5% is fine.
    std::fs::write(
        dir.path().join("govlint.toml"),
        "select = [\"general-reserve-level\"]\nfail-on = \"warning\"\n\
         [params.general-reserve-level]\nfloor = 0.04\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Its floor is 6%: the message says so.
    std::fs::write(
        dir.path().join("govlint.toml"),
        "select = [\"general-reserve-level\"]\n[params.general-reserve-level]\nfloor = 0.06\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert!(
        stdout(&o).contains("below the floor of 6%"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn extra_table_rows_set_other_deadlines() {
    // A Welsh council's deadline for 2022/23 was earlier than England's.
    let dir = folder(&[
        (
            "govlint.toml",
            "select = [\"audited-accounts-deadline\"]\n\
             [params.audited-accounts-deadline.audited_by]\n\"2022/23\" = 2023-07-31\n",
        ),
        ("ags.md", AGS),
    ]);
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("after the deadline of 31 July 2023"),
        "{}",
        stdout(&o)
    );
    // England's deadline, 30 September 2023, was met.
    std::fs::write(
        dir.path().join("govlint.toml"),
        "select = [\"audited-accounts-deadline\"]\n",
    )
    .unwrap();
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn overrides_apply_to_the_paths_they_name() {
    let dir = folder(&[
        (
            "govlint.toml",
            "select = [\"general-reserve-level\", \"statutory-officers-meeting\"]\n\
             [[overrides]]\npaths = [\"drafts/**\"]\nignore = [\"general-reserve-level\"]\nstage = \"final\"\n",
        ),
        ("drafts/ags.md", AGS),
        ("published/ags.md", AGS),
    ]);
    let o = govlint(
        dir.path(),
        &["check", "drafts", "published", "--format", "json"],
    );
    let found = findings(&o);
    assert_eq!(rules_of(&found[0]), ["statutory-officers-meeting"]);
    assert_eq!(
        rules_of(&found[1]),
        ["general-reserve-level", "statutory-officers-meeting"]
    );
    // `config --path` shows the override at work, and a flag over it.
    let o = govlint(
        dir.path(),
        &["config", "--path", "drafts/ags.md", "--period", "2023/24"],
    );
    let out = stdout(&o);
    assert!(
        out.contains("# for drafts/ags.md: applying govlint.toml:2 (override for drafts/**)"),
        "{out}"
    );
    assert!(out.contains("period = \"2023/24\""), "{out}");
    assert!(out.contains("# --period\n"), "{out}");
    let stage = out.lines().find(|l| l.starts_with("stage")).unwrap();
    assert!(
        stage.starts_with("stage = \"final\"")
            && stage.ends_with("# govlint.toml:5 (override for drafts/**)"),
        "{out}"
    );
    let grl = out
        .lines()
        .find(|l| l.starts_with("general-reserve-level"))
        .unwrap();
    assert!(
        grl.contains(" off ") && grl.ends_with("# run: govlint.toml:4 (override for drafts/**)"),
        "{grl}"
    );
}

#[test]
fn a_local_rule_replaces_the_built_in_one_with_a_note() {
    let mtfs = std::fs::read_to_string("rules/mtfs-horizon.toml").unwrap();
    let five = mtfs.replace("min_years = 3", "min_years = 5");
    let dir = folder(&[
        (
            "govlint.toml",
            "rules = [\"local\"]\nselect = [\"mtfs-horizon\"]\nfail-on = \"warning\"\n",
        ),
        ("local/mtfs-horizon.toml", &five),
        ("ags.md", AGS),
    ]);
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("note: ")
            && stderr(&o)
                .contains("local/mtfs-horizon.toml replaces the built-in rule `mtfs-horizon`"),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("at least 5 are required"),
        "{}",
        stdout(&o)
    );
    // A second local rule with that id is an error.
    std::fs::write(dir.path().join("local/copy.toml"), &five).unwrap();
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is also defined"), "{}", stderr(&o));
}

#[test]
fn an_unknown_key_is_an_error_pointing_into_the_file() {
    let dir = folder(&[
        ("govlint.toml", "fail-on = \"warning\"\nselcet = [\"A\"]\n"),
        ("ags.md", AGS),
    ]);
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.contains("govlint.toml: unknown field `selcet`"),
        "{err}"
    );
    assert!(err.contains("[govlint.toml:2:1]"), "{err}");
    assert!(
        err.contains("error: 1 problem in govlint.toml; nothing was checked"),
        "{err}"
    );
}

#[test]
fn a_bad_value_is_an_error_naming_the_type_and_the_rule() {
    let dir = folder(&[
        (
            "sub/govlint.toml",
            "[params.general-reserve-level]\nfloor = \"5%\"\n[severity]\nstale-evidense = \"error\"\n",
        ),
        ("sub/ags.md", AGS),
    ]);
    let o = govlint(&dir.path().join("sub"), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("parameter `floor` of rule `general-reserve-level` must be a number"),
        "{err}"
    );
    assert!(err.contains("[govlint.toml:2:9]"), "{err}");
    assert!(err.contains("help: its default is 0.05"), "{err}");
    assert!(err.contains("did you mean `stale-evidence`?"), "{err}");
    assert!(err.contains("2 problems in govlint.toml"), "{err}");
}

#[test]
fn init_writes_a_file_that_config_and_check_read() {
    let dir = folder(&[("ags.md", AGS)]);
    let o = govlint(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(dir.path().join("govlint.toml")).unwrap();
    assert!(written.contains("[params.general-reserve-level]\n# floor = 0.05\n"));
    assert!(
        written.contains("# \"2027/28\" = 2028-11-30\n"),
        "{written}"
    );
    // It is not overwritten unless asked.
    let o = govlint(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists; use --force"));
    assert_eq!(
        govlint(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
    let o = govlint(dir.path(), &["config"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# configuration: govlint.toml\n"), "{out}");
    assert!(out.contains("\nfail-on = \"error\" "), "{out}");
    // Everything is at its default.
    assert!(!out.contains("govlint.toml:"), "{out}");
    // Uncommenting a setting takes effect, with its line as provenance.
    let edited = written.replace("# fail-on = \"error\"", "fail-on = \"warning\"");
    std::fs::write(dir.path().join("govlint.toml"), edited).unwrap();
    let o = govlint(dir.path(), &["config"]);
    let line = stdout(&o)
        .lines()
        .find(|l| l.starts_with("fail-on"))
        .unwrap()
        .to_owned();
    assert!(
        line.starts_with("fail-on = \"warning\"") && line.ends_with("# govlint.toml:9"),
        "{line}"
    );
    let o = govlint(dir.path(), &["check", "ags.md"]);
    assert_eq!(o.status.code(), Some(1));
}
