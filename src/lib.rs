//! govlint: lint UK council Annual Governance Statements against declarative
//! TOML rules.
//!
//! Data flows one way:
//! [`source`] (read documents) → [`values`] (typed values) → [`model`] (the statement model) →
//! [`rules`] (the rule language) → [`engine`] (evaluate rules) →
//! [`diagnostic`] (findings) → [`report`] (human and JSON output, and the
//! text of the other commands). [`config`] reads `govlint.toml` and gives
//! each document its rules and options. Between the engine and the report,
//! [`suppress`] applies the suppression directives written in the
//! document, and [`baseline`] the findings a baseline file accepts.
//! [`parallel`] checks documents on every core and hands their reports on
//! in order, one at a time.
//!
//! The library never prints; the `govlint` binary does.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod annotate;
pub mod baseline;
pub mod checklist;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod model;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod testing;
pub mod values;

use diagnostic::{FileOutcome, FileReport, Run, StatementFacts};
use model::{ParseOptions, Statement};
use rules::RuleSet;
use source::SourceFile;
use std::path::{Path, PathBuf};

/// Lints one document that is already in memory, applying the
/// suppression directives it holds.
pub fn check_source(source: SourceFile, rules: &RuleSet, options: &ParseOptions) -> FileReport {
    let statement = Statement::parse(&source, options);
    check_statement(source, &statement, rules, options)
}

/// Lints a document whose statement model is already built from it.
pub fn check_statement(
    source: SourceFile,
    statement: &Statement,
    rules: &RuleSet,
    options: &ParseOptions,
) -> FileReport {
    let outcome = engine::run_limited(statement, rules, options.max_findings);
    let requirements = checklist::requirements(statement, rules, &outcome.checks);
    let (findings, suppressed) = suppress::apply(&source, statement, rules, outcome.findings);
    FileReport {
        path: source.name.clone(),
        outcome: FileOutcome::Checked {
            source,
            facts: StatementFacts::of(statement),
            findings,
            suppressed,
            errors: outcome.errors,
            requirements,
        },
    }
}

/// How to read the documents of a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    pub limits: source::ReadLimits,
    /// `--input-format`: read every document as this format.
    pub format: Option<source::Format>,
}

/// Lints every document under `paths` (files, or directories walked for
/// every format govlint reads). A file that cannot be read is reported in
/// its place; the others are still checked.
pub fn check_paths(
    paths: &[PathBuf],
    rules: &RuleSet,
    options: &ParseOptions,
    read: &ReadOptions,
) -> Run {
    check_paths_with(paths, read, |_, src| check_source(src, rules, options))
}

/// Like [`check_paths`], with `check` linting each document read, given
/// its path: a configuration's per-path settings choose its rules and
/// options there. Documents are read and checked in parallel, on as many
/// threads as rayon's pool has; the reports keep the order of the paths.
pub fn check_paths_with(
    paths: &[PathBuf],
    read: &ReadOptions,
    check: impl Fn(&Path, SourceFile) -> FileReport + Sync,
) -> Run {
    let mut files = Vec::new();
    let skipped = check_paths_each(paths, read, check, |report| files.push(report));
    Run {
        files,
        skipped,
        gone_from_baseline: Vec::new(),
    }
}

/// Like [`check_paths_with`], handing each document's report to `emit` as
/// soon as it and those before it are checked, so a caller can report it
/// and let it go; returns the files the folder walk skipped.
pub fn check_paths_each(
    paths: &[PathBuf],
    read: &ReadOptions,
    check: impl Fn(&Path, SourceFile) -> FileReport + Sync,
    emit: impl FnMut(FileReport) + Send,
) -> Vec<source::Skipped> {
    check_found(source::discover(paths), read, check, emit)
}

/// Like [`check_paths_each`], over documents already found (a caller that
/// shows progress needs to know how many there are first).
pub fn check_found(
    found: source::Discovery,
    read: &ReadOptions,
    check: impl Fn(&Path, SourceFile) -> FileReport + Sync,
    emit: impl FnMut(FileReport) + Send,
) -> Vec<source::Skipped> {
    let read_and_check = |found: Result<PathBuf, source::InputError>| match found.and_then(|p| {
        let src = source::read_as(&p, &read.limits, read.format)?;
        Ok((p, src))
    }) {
        Ok((path, src)) => check(&path, src),
        Err(e) => FileReport {
            path: e.path().to_owned(),
            outcome: FileOutcome::Unreadable(e),
        },
    };
    parallel::map_in_order(
        found.documents,
        rayon::current_num_threads(),
        read_and_check,
        emit,
    );
    found.skipped
}
