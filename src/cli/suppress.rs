//! `govlint check --baseline`, `--write-baseline` and
//! `--add-suppressions`: what happens to a run's findings after the rules
//! have run.

use super::common::{Color, human};
use govlint::baseline::{Applying, Baseline, BaselineError};
use govlint::diagnostic::{FileOutcome, Run, StatementError};
use govlint::model::{ParseOptions, Statement};
use govlint::suppress::insert;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct SuppressArgs {
    /// Report and fail only on findings this baseline file (written by
    /// --write-baseline) does not list; note those it lists that have gone.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE as accepted (they are then
    /// reported as baselined); later runs with --baseline FILE report only
    /// new ones.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Write `govlint-disable-next-line RULE -- REASON` above each finding
    /// in Markdown and text files, then check them again.
    #[arg(long, value_name = "REASON")]
    add_suppressions: Option<String>,
}

/// A baseline to apply, loaded before anything is checked.
pub struct Loaded {
    baseline: Option<(Baseline, PathBuf, String)>,
}

impl Loaded {
    /// The baseline, ready to apply a file at a time.
    pub fn applying(&self) -> Option<Applying<'_>> {
        let (baseline, dir, name) = self.baseline.as_ref()?;
        Some(baseline.applying(dir, name))
    }
}

/// Whether the run writes something from its findings (a baseline, or
/// directives into the documents), which needs the whole run first.
pub fn rewrites(args: &SuppressArgs) -> bool {
    args.add_suppressions.is_some() || args.write_baseline.is_some()
}

/// Checks the options and loads the baseline: `Err` is a message for
/// exit code 2 (a bad baseline has been printed already when it is empty).
/// `paths` are the documents to check.
pub fn prepare(args: &SuppressArgs, paths: &[PathBuf], color: Color) -> Result<Loaded, String> {
    if let Some(reason) = &args.add_suppressions {
        insert::check_reason(reason).map_err(|e| format!("error: --add-suppressions: {e}"))?;
        // Standard input can be read once and written nowhere.
        if paths
            .iter()
            .any(|p| p.as_os_str() == govlint::source::STDIN_PATH)
        {
            return Err("error: --add-suppressions writes into the files checked, and standard input (-) is not a file; check the file by name, or use a baseline (--write-baseline)".into());
        }
    }
    load_baseline(args.baseline.as_deref(), color)
}

/// Loads `--baseline FILE`, if given.
pub fn load_baseline(path: Option<&Path>, color: Color) -> Result<Loaded, String> {
    let Some(path) = path else {
        return Ok(Loaded { baseline: None });
    };
    let baseline = Baseline::load(path).map_err(|e| render(&e, color))?;
    let dir = folder_of(path)?;
    Ok(Loaded {
        baseline: Some((baseline, dir, path.display().to_string())),
    })
}

/// What follows the check: directives written and the files checked again,
/// the baseline written, the baseline applied. `recheck` checks the same
/// files again.
pub fn finish(
    args: &SuppressArgs,
    loaded: Loaded,
    mut run: Run,
    options: &ParseOptions,
    recheck: impl Fn() -> Run,
) -> Result<Run, String> {
    if let Some(reason) = &args.add_suppressions {
        let refused = add_suppressions(&run, options, reason);
        run = recheck();
        for report in &mut run.files {
            if let (Some((_, why)), FileOutcome::Checked { errors, .. }) = (
                refused.iter().find(|(path, _)| *path == report.path),
                &mut report.outcome,
            ) {
                errors.push(StatementError::SuppressionsNotAdded {
                    reason: why.clone(),
                });
            }
        }
    }
    if let Some(path) = &args.write_baseline {
        let shown = path.display().to_string();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("error: cannot create the folder of {shown}: {e}"))?;
        }
        let dir = folder_of(path)?;
        let baseline = Baseline::of_run(&run, &dir);
        std::fs::write(path, baseline.to_json())
            .map_err(|e| format!("error: cannot write the baseline {shown}: {e}"))?;
        eprintln!(
            "wrote {} to {shown}; check with --baseline {shown} to see only new findings",
            govlint::report::plural(baseline.findings.len(), "finding")
        );
        baseline.apply(&mut run, &dir, &shown);
    }
    if let Some((baseline, dir, name)) = &loaded.baseline {
        baseline.apply(&mut run, dir, name);
    }
    Ok(run)
}

/// Writes directives into each file with findings; returns the files that
/// could not take them, and why.
fn add_suppressions(run: &Run, options: &ParseOptions, reason: &str) -> Vec<(String, String)> {
    let mut refused = Vec::new();
    for report in &run.files {
        let FileOutcome::Checked {
            source, findings, ..
        } = &report.outcome
        else {
            continue;
        };
        let statement = Statement::parse(source, options);
        let written = insert::add_directives(source, &statement, findings, reason)
            .map_err(|e| e.to_string())
            .and_then(|text| match text {
                Some(text) => write_text(&source.name, &source.text, &text).map(|()| true),
                None => Ok(false),
            });
        match written {
            Ok(true) => eprintln!("added suppression directives to {}", source.name),
            Ok(false) => {}
            Err(why) => refused.push((report.path.clone(), why)),
        }
    }
    refused
}

/// Replaces the file `path` whose text was read as `old` with `new`,
/// keeping a byte order mark it had.
fn write_text(path: &str, old: &str, new: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it again: {e}"))?;
    let bom = bytes.strip_prefix(b"\xEF\xBB\xBF").map(|_| "\u{feff}");
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    if body != old.as_bytes() {
        return Err("it changed while it was being checked; run again".into());
    }
    let out = format!("{}{new}", bom.unwrap_or(""));
    std::fs::write(path, out).map_err(|e| format!("cannot write it: {e}"))
}

/// The folder a baseline file is in, as an absolute path.
fn folder_of(path: &Path) -> Result<PathBuf, String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).map_err(|e| {
        format!(
            "error: {}: cannot use the folder of the baseline: {e}",
            path.display()
        )
    })
}

fn render(e: &BaselineError, color: Color) -> String {
    let text = human(color).render(e);
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    "error: the baseline cannot be used; nothing was checked".into()
}
