//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod cli;

use govlint::diagnostic::{Run, Summary};
use govlint::model::ParseOptions;
use govlint::report::{HumanReporter, JsonReporter, Reporter};
use govlint::rules::RuleSet;
use std::path::PathBuf;

/// The default rule pack, loaded once per test binary; a failure to load it
/// is a bug in the pack.
pub fn default_rules() -> RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(load_default_rules).clone()
}

fn load_default_rules() -> RuleSet {
    match RuleSet::load(true, &[]) {
        Ok(set) => set,
        Err(errors) => {
            let reporter = HumanReporter::new(false, 100);
            let text: String = errors.iter().map(|e| reporter.render(e)).collect();
            panic!("the default rules do not load:\n{text}")
        }
    }
}

/// Lints paths (relative to the package root) with the default rules.
pub fn check(paths: &[&str]) -> Run {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    govlint::check_paths(
        &paths,
        &default_rules(),
        &ParseOptions::default(),
        &govlint::ReadOptions::default(),
    )
}

/// Human output as the CLI prints it without colour, 100 columns wide.
pub fn human(run: &Run) -> String {
    render(&mut HumanReporter::new(false, 100), run)
}

pub fn json(run: &Run) -> String {
    render(&mut JsonReporter::default(), run)
}

fn render(reporter: &mut dyn Reporter, run: &Run) -> String {
    let mut out = Vec::new();
    let summary = Summary::of(&run.files);
    reporter
        .report(run, &summary, &mut out)
        .expect("writing to memory cannot fail");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// insta settings that keep snapshots in the top-level `snapshots/` folder.
pub fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s
}

/// The first of these programs found on `PATH` (a browser, LibreOffice).
pub fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}
