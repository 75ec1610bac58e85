//! The CI recipes in the README (kept in docs/ci/) and the pre-commit hook
//! the repository offers: valid YAML, copied into the README word for word,
//! and every govlint command in them runs with the current command line.

mod common;

use common::cli::{govlint_in, stderr, stdout};
use serde::Deserialize;
use std::path::Path;

const RECIPES: [&str; 3] = [
    "docs/ci/github-workflow.yml",
    "docs/ci/gitlab-ci.yml",
    "docs/ci/pre-commit-config.yml",
];

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A hook definition, as pre-commit reads `.pre-commit-hooks.yaml`; an
/// unknown key is an error here as it would be a surprise there.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hook {
    id: String,
    name: String,
    description: String,
    entry: String,
    language: String,
    files: String,
    require_serial: bool,
}

/// The govlint command lines of a recipe: `run:` steps and script entries.
fn govlint_commands(recipe: &str) -> Vec<Vec<String>> {
    recipe
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("- run: ").or_else(|| l.strip_prefix("- ")))
        .filter(|l| l.starts_with("govlint "))
        .map(|l| l.split_whitespace().skip(1).map(str::to_owned).collect())
        .collect()
}

/// A repository as the recipes expect it: statements under drafts/ and a
/// committed baseline that accepts one of them.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let drafts = dir.path().join("drafts");
    std::fs::create_dir(&drafts).expect("drafts/");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/defects");
    for name in [
        "oakhurst-ags-2021-22-thin-draft.md",
        "hollinsford-ags-2024-25-unnumbered.md",
    ] {
        std::fs::copy(samples.join(name), drafts.join(name)).expect("copy sample");
    }
    let o = govlint_in(
        dir.path(),
        &[
            "check",
            "drafts/oakhurst-ags-2021-22-thin-draft.md",
            "--write-baseline",
            "govlint-baseline.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    dir
}

#[test]
fn the_recipes_are_yaml_and_in_the_readme_word_for_word() {
    let readme = read("README.md");
    for path in RECIPES {
        let text = read(path);
        let parsed: Result<serde_yaml_ng::Value, _> = serde_yaml_ng::from_str(&text);
        assert!(parsed.is_ok(), "{path}: {parsed:?}");
        assert!(
            readme.contains(&format!("```yaml\n{text}```")),
            "{path} is not in the README word for word"
        );
    }
}

#[test]
fn every_govlint_command_in_the_ci_recipes_runs() {
    let repo = repository();
    let mut ran = 0;
    for path in RECIPES {
        for args in govlint_commands(&read(path)) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = govlint_in(repo.path(), &args);
            // 1: the new findings in Hollinsford fail the job, as they should.
            assert_eq!(
                o.status.code(),
                Some(1),
                "{path}: govlint {}\n{}{}",
                args.join(" "),
                stdout(&o),
                stderr(&o)
            );
            // Every report a recipe uploads is written and well formed.
            for (format, file) in args
                .iter()
                .filter_map(|a| a.split_once('='))
                .filter(|(f, _)| ["sarif", "gitlab", "junit"].contains(f))
            {
                let written = std::fs::read_to_string(repo.path().join(file))
                    .unwrap_or_else(|e| panic!("{path}: {file}: {e}"));
                match format {
                    "junit" => assert!(written.starts_with("<?xml"), "{file}"),
                    _ => assert!(
                        serde_json::from_str::<serde_json::Value>(&written).is_ok(),
                        "{file} is not JSON"
                    ),
                }
            }
            ran += 1;
        }
    }
    assert_eq!(ran, 2, "one govlint command in each CI recipe");
}

#[test]
fn the_pre_commit_hook_runs_govlint_check_on_the_staged_statements() {
    let hooks: Vec<Hook> =
        serde_yaml_ng::from_str(&read(".pre-commit-hooks.yaml")).expect("valid hook file");
    let [hook] = hooks.as_slice() else {
        panic!("one hook: {hooks:?}");
    };
    assert_eq!(
        (hook.id.as_str(), hook.language.as_str()),
        ("govlint", "rust")
    );
    assert!(!hook.name.is_empty() && !hook.description.is_empty());
    assert!(hook.require_serial);
    // The hook's files pattern takes every format govlint reads, and nothing else.
    let files = regex::Regex::new(&hook.files).expect("files is a regex");
    for name in [
        "a.md",
        "b.markdown",
        "c.txt",
        "d.html",
        "e.htm",
        "f.docx",
        "g.pdf",
    ] {
        assert!(files.is_match(name), "{name}");
    }
    assert!(!files.is_match("Cargo.toml"));
    // pre-commit runs the entry with the staged file names after it.
    let repo = repository();
    let mut args: Vec<&str> = hook.entry.split_whitespace().collect();
    assert_eq!(args.remove(0), "govlint");
    args.push("drafts/hollinsford-ags-2024-25-unnumbered.md");
    let o = govlint_in(repo.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("statutory-officers-incompatible"));
    // And the user's config in the README names the hook by that id.
    let config: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(&read("docs/ci/pre-commit-config.yml")).expect("valid config");
    assert_eq!(
        config["repos"][0]["hooks"][0]["id"].as_str(),
        Some("govlint")
    );
}
