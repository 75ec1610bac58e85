//! govlint: lint UK council Annual Governance Statements against declarative
//! TOML rules.
//!
//! Data flows one way:
//! [`source`] (read documents) → [`values`] (typed values) → [`model`] (the statement model) →
//! [`rules`] (the rule language) → [`engine`] (evaluate rules) →
//! [`diagnostic`] (findings) → [`report`] (human and JSON output, and the
//! text of the other commands).
//!
//! The library never prints; the `govlint` binary does.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod diagnostic;
pub mod engine;
pub mod model;
pub mod report;
pub mod rules;
pub mod source;
pub mod testing;
pub mod values;

use diagnostic::{FileOutcome, FileReport, StatementFacts};
use model::{ParseOptions, Statement};
use rules::RuleSet;
use source::SourceFile;
use std::path::PathBuf;

/// Lints one document that is already in memory.
pub fn check_source(source: SourceFile, rules: &RuleSet, options: &ParseOptions) -> FileReport {
    let statement = Statement::parse(&source, options);
    let outcome = engine::run(&statement, rules);
    FileReport {
        path: source.name.clone(),
        outcome: FileOutcome::Checked {
            source,
            facts: StatementFacts::of(&statement),
            findings: outcome.findings,
            errors: outcome.errors,
        },
    }
}

/// Lints every document under `paths` (files, or directories walked for
/// `.md`, `.markdown` and `.txt`). A file that cannot be read is reported in
/// its place; the others are still checked.
pub fn check_paths(
    paths: &[PathBuf],
    rules: &RuleSet,
    options: &ParseOptions,
    limits: &source::ReadLimits,
) -> Vec<FileReport> {
    source::discover(paths)
        .into_iter()
        .map(|found| match found.and_then(|p| source::read(&p, limits)) {
            Ok(src) => check_source(src, rules, options),
            Err(e) => FileReport {
                path: e.path().to_owned(),
                outcome: FileOutcome::Unreadable(e),
            },
        })
        .collect()
}
