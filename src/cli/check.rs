//! `govlint check`: lint statements and report.

use super::common::{Color, InputFormat, RuleArgs, StatementArgs, human};
use super::config::ConfigArgs;
use clap::ValueEnum;
use govlint::config::{FailOn, Provenance, Setting};
use govlint::diagnostic::Summary;
use govlint::report::{JsonReporter, Reporter};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

// `govlint check`: documented on its `Command` variant, so no doc comment
// here (clap would show it instead).
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files, or directories to search for statements (.md, .markdown,
    /// .txt, .html, .htm, .docx, .pdf).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Read every file as this format, whatever its name and content say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    statement: StatementArgs,
    /// Also fail (exit 1) on findings of this severity (wins over `fail-on`
    /// in govlint.toml).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Largest document to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = govlint::source::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Most bytes a Word document may unpack to (a guard against zip bombs).
    #[arg(long, value_name = "BYTES", default_value_t = govlint::source::DEFAULT_MAX_UNPACKED_SIZE)]
    max_unpacked_size: u64,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
    Infos,
}

pub fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let mut flags = super::config::flags(&args.statement, &args.rules)?;
    flags.fail_on = args.deny.map(|deny| match deny {
        Deny::Warnings => Setting {
            value: FailOn::Warning,
            from: Provenance::Flag("--deny warnings".into()),
        },
        Deny::Infos => Setting {
            value: FailOn::Info,
            from: Provenance::Flag("--deny infos".into()),
        },
    });
    let Some(mut settings) = super::config::settings(&args.config, flags, args.color)? else {
        return Ok(ExitCode::from(2));
    };
    let read = govlint::ReadOptions {
        limits: govlint::source::ReadLimits {
            max_file_size: args.max_file_size,
            max_unpacked_size: args.max_unpacked_size,
            ..govlint::source::ReadLimits::default()
        },
        format: args.input_format.map(InputFormat::format),
    };
    let fail_on = settings.fail_on().value;
    // Each document gets the rules and options its path's settings say.
    let run = govlint::check_paths_with(&args.paths, &read, |path, src| {
        let profile = settings.profile(path);
        govlint::check_source(src, &profile.rules, &profile.options)
    });
    let summary = Summary::of(&run.files);
    let reporter: Box<dyn Reporter> = match args.format {
        Format::Human => Box::new(human(args.color)),
        Format::Json => Box::new(JsonReporter),
    };
    let mut out = std::io::stdout().lock();
    reporter
        .report(&run, &summary, &mut out)
        .and_then(|()| out.flush())
        .map_err(|e| format!("error: cannot write the report: {e}"))?;
    Ok(if summary.failures > 0 {
        ExitCode::from(2)
    } else if fail_on.severity().is_some_and(|s| summary.fails(s)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
