//! `govlint check`: lint statements and report.

use super::common::{Color, InputFormat, RuleArgs, StatementArgs, human, load_rules};
use super::suppress::{self, SuppressArgs};
use clap::ValueEnum;
use govlint::diagnostic::Summary;
use govlint::report::{JsonReporter, Reporter};
use govlint::rules::Severity;
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
    rules: RuleArgs,
    #[command(flatten)]
    statement: StatementArgs,
    /// Also fail (exit 1) on findings of this severity.
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
    #[command(flatten)]
    suppress: SuppressArgs,
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
    let options = args.statement.options()?;
    let Some(rules) = load_rules(&args.rules, args.color) else {
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
    let loaded = suppress::prepare(&args.suppress, args.color)?;
    let check = || govlint::check_paths(&args.paths, &rules, &options, &read);
    let run = suppress::finish(&args.suppress, loaded, check(), &options, check)?;
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
    let fail_at = match args.deny {
        None => Severity::Error,
        Some(Deny::Warnings) => Severity::Warning,
        Some(Deny::Infos) => Severity::Info,
    };
    Ok(if summary.failures > 0 {
        ExitCode::from(2)
    } else if summary.fails(fail_at) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
