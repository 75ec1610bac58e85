//! The `govlint` command line. All the work is in the library; this file
//! parses arguments, prints, and picks the exit code:
//! 0 no findings at or above the fail level, 1 findings, 2 usage, rule or
//! input error.

use clap::{Parser, Subcommand, ValueEnum};
use govlint::diagnostic::Summary;
use govlint::model::{ParseOptions, Stage};
use govlint::report::{self, HumanReporter, JsonReporter, Reporter};
use govlint::rules::{RuleSet, Severity, vocabulary};
use govlint::testing::{self, scaffold};
use govlint::values as value;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "govlint",
    version,
    about = "Lint UK council Annual Governance Statements"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct RuleArgs {
    /// Load rules from this directory as well (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Do not load the built-in rule pack.
    #[arg(long)]
    no_default_rules: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check statements and print diagnostics.
    Check(CheckArgs),
    /// List the rules: id, severity, principles, summary.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the rules' examples and annotated samples (the default pack when no
    /// directory is given).
    Test(TestArgs),
    /// Scaffold something new.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Show what govlint recognised in a document: title, period, statement
    /// date and where each came from, sections, numbered paragraphs, tables,
    /// signatories and the parts references can point at.
    Inspect(InspectArgs),
    /// Print a rule's documentation, or a vocabulary list or fragment.
    Explain {
        /// The rule id, e.g. mtfs-horizon, or @name, e.g. @statutory_post.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

// `govlint check`: documented on its `Command` variant, so no doc comment
// here (clap would show it instead).
#[derive(clap::Args)]
struct CheckArgs {
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
}

// `govlint inspect`, likewise.
#[derive(clap::Args)]
struct InspectArgs {
    /// The document to inspect.
    path: PathBuf,
    /// Print the text govlint read from the document instead (for a Word
    /// or PDF file, the extracted text that JSON lines and columns count in).
    #[arg(long)]
    text: bool,
    /// Read it as this format, whatever its name and content say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    #[command(flatten)]
    statement: StatementArgs,
}

/// Facts about the statement the user can give.
#[derive(clap::Args)]
struct StatementArgs {
    /// The financial year the statement covers, e.g. 2023/24 (overrides the title).
    #[arg(long, value_name = "YEAR")]
    period: Option<String>,
    /// The statement date, YYYY-MM-DD, when the signature block has none.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A draft (blank signature dates are reminders) or the final statement
    /// (every blank is an error).
    #[arg(long, value_enum, default_value_t = StageArg::Draft)]
    stage: StageArg,
}

impl StatementArgs {
    fn options(&self) -> Result<ParseOptions, String> {
        Ok(ParseOptions {
            period: self.period.as_deref().map(parse_period).transpose()?,
            date: self.date.as_deref().map(parse_date).transpose()?,
            stage: match self.stage {
                StageArg::Draft => Stage::Draft,
                StageArg::Final => Stage::Final,
            },
            today: Some(chrono::Local::now().date_naive()),
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum StageArg {
    Draft,
    Final,
}

/// The formats `--input-format` names.
#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Markdown,
    Text,
    Html,
    Docx,
    Pdf,
}

impl InputFormat {
    fn format(self) -> govlint::source::Format {
        use govlint::source::Format as F;
        match self {
            InputFormat::Markdown => F::Markdown,
            InputFormat::Text => F::PlainText,
            InputFormat::Html => F::Html,
            InputFormat::Docx => F::Docx,
            InputFormat::Pdf => F::Pdf,
        }
    }
}

// `govlint test`, likewise.
#[derive(clap::Args)]
struct TestArgs {
    /// Rule directories to test instead of the built-in pack.
    dirs: Vec<PathBuf>,
    /// Annotated samples (files or directories) to check too.
    #[arg(long = "samples", value_name = "PATH")]
    samples: Vec<PathBuf>,
    /// Fail any rule that never fired on its examples or the samples.
    #[arg(long)]
    coverage: bool,
    /// Compare each rule's rendered examples with its snapshot, writing a
    /// pending .snap.new for review when it is new or changed.
    #[arg(long)]
    snapshot: bool,
    /// Where snapshots live.
    #[arg(long, value_name = "DIR", default_value = "snapshots")]
    snapshot_dir: PathBuf,
}

#[derive(Subcommand)]
enum NewCommand {
    /// A rule file with every field, a failing and a passing example.
    Rule {
        /// The new rule's id, kebab-case (e.g. risk-register-review).
        id: String,
        /// The folder to create it in.
        #[arg(long, value_name = "DIR", default_value = "rules")]
        dir: PathBuf,
    },
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

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn human(color: Color) -> HumanReporter {
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    HumanReporter::new(color, width)
}

/// Loads rules, printing every loading error; `None` means exit 2.
fn load_rules(args: &RuleArgs, color: Color) -> Option<RuleSet> {
    match RuleSet::load(!args.no_default_rules, &args.dirs) {
        Ok(set) => Some(set),
        Err(errors) => {
            let text = human(color).render_load_errors(&errors);
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            None
        }
    }
}

/// Runs a command: `Err` is a message to print before exiting with 2.
fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules { rules } => list_rules(&rules),
        Command::Test(args) => test(args),
        Command::New {
            what: NewCommand::Rule { id, dir },
        } => new_rule(&id, &dir),
        Command::Explain { id, rules } => explain(&id, &rules),
        Command::Inspect(args) => inspect(&args),
    }
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
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
    let run = govlint::check_paths(&args.paths, &rules, &options, &read);
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

fn list_rules(args: &RuleArgs) -> Result<ExitCode, String> {
    let Some(rules) = load_rules(args, Color::Auto) else {
        return Ok(ExitCode::from(2));
    };
    print!("{}", report::rules_table(&rules));
    Ok(ExitCode::SUCCESS)
}

fn test(args: TestArgs) -> Result<ExitCode, String> {
    let rule_args = RuleArgs {
        no_default_rules: !args.dirs.is_empty(),
        dirs: args.dirs,
    };
    let Some(rules) = load_rules(&rule_args, Color::Auto) else {
        return Ok(ExitCode::from(2));
    };
    let options = testing::TestOptions {
        samples: args.samples,
        snapshot_dir: args.snapshot.then_some(args.snapshot_dir),
    };
    let (reports, samples) = testing::run(&rules, &options);
    let (text, failed) = report::test_summary(&reports, &samples, args.coverage);
    print!("{text}");
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn new_rule(id: &str, dir: &Path) -> Result<ExitCode, String> {
    if !scaffold::is_rule_id(id) {
        return Err(format!(
            "error: `{id}` is not a rule id; use lower-case words joined by hyphens, e.g. risk-register-review"
        ));
    }
    let path = dir.join(format!("{id}.toml"));
    let shown = path.display().to_string();
    if path.exists() {
        return Err(format!(
            "error: {shown} already exists; choose another id or edit that file"
        ));
    }
    std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&path, scaffold::rule_file(id)))
        .map_err(|e| format!("error: cannot write {shown}: {e}"))?;
    print!(
        "{}",
        scaffold::next_steps(id, &shown, &dir.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

fn explain(id: &str, args: &RuleArgs) -> Result<ExitCode, String> {
    let Some(rules) = load_rules(args, Color::Auto) else {
        return Ok(ExitCode::from(2));
    };
    if let Some(name) = id.strip_prefix('@') {
        print!("{}", vocabulary::explain_entry(&rules.vocabulary, name)?);
        return Ok(ExitCode::SUCCESS);
    }
    match rules.get(id) {
        Some(rule) => {
            print!(
                "{}{}",
                report::explain(rule),
                vocabulary::explain_uses(rule)
            );
            Ok(ExitCode::SUCCESS)
        }
        None => Err(report::unknown_rule(id, &rules)),
    }
}

fn inspect(args: &InspectArgs) -> Result<ExitCode, String> {
    let options = args.statement.options()?;
    let limits = govlint::source::ReadLimits::default();
    let format = args.input_format.map(InputFormat::format);
    match govlint::source::read_as(&args.path, &limits, format) {
        Ok(source) if args.text => {
            print!("{}", source.text);
            Ok(ExitCode::SUCCESS)
        }
        Ok(source) => {
            let statement = govlint::model::Statement::parse(&source, &options);
            print!("{}", report::inspect(&source, &statement));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprint!("{}", human(Color::Auto).render(&e));
            Ok(ExitCode::from(2))
        }
    }
}

fn parse_period(text: &str) -> Result<value::FinancialYear, String> {
    text.parse().map_err(|e| format!("error: --period {e}"))
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    text.parse::<value::Date>()
        .map(|d| d.start)
        .map_err(|e| format!("error: --date {e}"))
}
