//! `govlint annotate`: the draft back as a Word document, each finding a
//! comment on its words.

use super::common::{Color, ReadLimitArgs, RuleArgs, StatementArgs, human};
use super::config::ConfigArgs;
use govlint::diagnostic::{FileOutcome, FileReport};
use govlint::source::{Format, InputError, ReadLimits};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AnnotateArgs {
    /// Word documents (.docx) to annotate.
    #[arg(required = true, value_name = "DRAFT.docx")]
    paths: Vec<PathBuf>,
    /// Where to write the annotated copy (one document only). By default
    /// it goes beside the draft, named `DRAFT.reviewed.docx`.
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    statement: StatementArgs,
    /// Leave out the findings this baseline file lists.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    #[command(flatten)]
    limits: ReadLimitArgs,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

pub fn annotate(args: AnnotateArgs) -> Result<ExitCode, String> {
    if args.output.is_some() && args.paths.len() > 1 {
        return Err(
            "error: --output names one file, but several documents were given; leave it out to write each beside its draft".into(),
        );
    }
    let flags = super::config::flags(&args.statement, &args.rules)?;
    let Some(mut settings) = super::config::settings(&args.config, flags, args.color)? else {
        return Ok(ExitCode::from(2));
    };
    if settings.loaded_rules().rules.is_empty() {
        return Err(super::check::no_rules(&args.rules));
    }
    let loaded = super::suppress::load_baseline(args.baseline.as_deref(), args.color)?;
    let options = args.statement.options()?;
    let limits = args.limits.limits();
    let mut baseline = loaded.applying();
    let mut failed = false;
    for path in &args.paths {
        let out = args.output.clone().unwrap_or_else(|| reviewed_name(path));
        let profile = settings.profile(path);
        let result = annotate_one(path, &out, &limits, |source| {
            let mut report = govlint::check_source(source, &profile.rules, &options);
            if let Some(baseline) = &mut baseline {
                baseline.file(&mut report);
            }
            report
        });
        match result {
            Ok(done) => println!("{done}"),
            Err(e) => {
                failed = true;
                let text = match e {
                    Failure::Input(e) => human(args.color).render(&e),
                    Failure::Message(m) => format!("error: {m}\n"),
                };
                let _ = std::io::stderr().lock().write_all(text.as_bytes());
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

enum Failure {
    Input(InputError),
    Message(String),
}

/// Checks one draft and writes its annotated copy to `out`; `Ok` is the
/// line to print.
fn annotate_one(
    path: &Path,
    out: &Path,
    limits: &ReadLimits,
    check: impl FnOnce(govlint::source::SourceFile) -> FileReport,
) -> Result<String, Failure> {
    let shown = path.display().to_string();
    let bytes = govlint::source::read_bytes(path, limits).map_err(Failure::Input)?;
    if !bytes.starts_with(b"PK\x03\x04") {
        let what = if bytes.starts_with(b"%PDF") {
            "a PDF"
        } else {
            "not a Word document"
        };
        return Err(Failure::Message(format!(
            "{shown}: {what}: annotate writes comments into Word documents (.docx); for other formats use `govlint check --format html`"
        )));
    }
    if same_file(path, out) {
        return Err(Failure::Message(format!(
            "{shown}: the annotated copy would replace the draft; give another name with --output"
        )));
    }
    let source = govlint::source::from_bytes(
        shown.clone(),
        Some(path),
        bytes.clone(),
        limits,
        Some(Format::Docx),
    )
    .map_err(Failure::Input)?;
    let report = check(source);
    let findings = match report.outcome {
        FileOutcome::Unreadable(e) => return Err(Failure::Input(e)),
        FileOutcome::Checked { findings, .. } => findings,
    };
    let annotated =
        govlint::annotate::annotate(&shown, &bytes, &findings, limits).map_err(Failure::Input)?;
    write_atomically(out, &annotated.bytes)
        .map_err(|e| Failure::Message(format!("cannot write {}: {e}", out.display())))?;
    let mut notes = Vec::new();
    if annotated.beside > 0 {
        notes.push(format!(
            "{} beside words outside the body text",
            annotated.beside
        ));
    }
    if annotated.already > 0 {
        notes.push(format!(
            "{} already there from an earlier run",
            govlint::report::plural(annotated.already, "finding")
        ));
    }
    let beside = match notes.is_empty() {
        true => String::new(),
        false => format!(" ({})", notes.join("; ")),
    };
    Ok(format!(
        "{shown}: wrote {} to {}{beside}",
        govlint::report::plural(annotated.comments, "comment"),
        out.display()
    ))
}

/// `draft.docx` → `draft.reviewed.docx`, beside it.
fn reviewed_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
    path.with_file_name(format!("{stem}.reviewed.docx"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes beside the target and renames, so a reader never sees half a
/// file, and a failure leaves any earlier copy as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(
        || "annotated.docx".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = path.with_file_name(format!(".{name}.govlint-tmp"));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
