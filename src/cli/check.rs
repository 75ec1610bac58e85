//! `govlint check`: lint statements and report.

use super::common::{Color, InputFormat, ReadLimitArgs, RuleArgs, StatementArgs, human};
use super::config::ConfigArgs;
use super::reports::{FileOutput, Reports, SendReporter, progress_bar};
use super::suppress::{self, SuppressArgs};
use clap::ValueEnum;
use govlint::config::{FailOn, Provenance, Setting};
use govlint::report::{
    ChecklistFormat, ChecklistReporter, ConciseReporter, GithubReporter, GitlabReporter,
    HtmlReporter, HumanReporter, JsonReporter, JunitReporter, SarifReporter,
};
use govlint::rules::{RuleSet, Severity};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Default `--max-findings`: far more than any real statement has (the
/// defect samples have about 30), far fewer than a runaway rule makes.
const DEFAULT_MAX_FINDINGS: usize = 10_000;

// `govlint check`: documented on its `Command` variant, so no doc comment
// here (clap would show it instead).
#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files, or directories to search for statements (.md, .markdown,
    /// .txt, .html, .htm, .docx, .pdf); `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Read every file as this format, whatever its name and content say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// The report on standard output.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Also write the report in FORMAT to the file PATH, e.g.
    /// `--output sarif=govlint.sarif` (repeatable).
    #[arg(long = "output", value_name = "FORMAT=PATH", value_parser = parse_output)]
    outputs: Vec<(Format, PathBuf)>,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    statement: StatementArgs,
    /// The lowest severity whose findings fail the run (exit 1); `never`:
    /// findings never do (files that cannot be read still exit 2).
    /// (Default: `fail-on` in govlint.toml, else error.)
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOnArg>,
    /// The older spelling of `--fail-on warning` and `--fail-on info`.
    #[arg(long, value_enum, hide = true, conflicts_with = "fail_on")]
    deny: Option<Deny>,
    /// After the report, a table of findings per rule: rule, severity,
    /// count (on standard error when the report is JSON, SARIF, JUnit or
    /// GitLab, so that stays valid).
    #[arg(long)]
    statistics: bool,
    /// Only the findings and errors: no notes and no summary line (human,
    /// concise and github formats).
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    limits: ReadLimitArgs,
    /// Most findings for one document: past it, checking that document
    /// stops with an error (exit 2). 0: no limit.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_FINDINGS)]
    max_findings: usize,
    /// Documents checked at once: 0 (the default) uses every core. The
    /// output is the same whatever the number.
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    jobs: usize,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(flatten)]
    suppress: SuppressArgs,
}

/// The output formats, one reporter each (see `govlint::report`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Diagnostics in the style of rustc, with the words underlined.
    Human,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON object for the run.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the files.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// One self-contained HTML page: findings by severity, filterable by
    /// severity and CIPFA principle, each jumping to its words highlighted
    /// in the statement, and the compliance checklist.
    Html,
    /// The compliance checklist in Markdown: each rule met (with the words
    /// that met it), not met, accepted or not applicable, by principle.
    Checklist,
    /// The compliance checklist as CSV, a row per piece of evidence.
    ChecklistCsv,
    /// The compliance checklist as JSON.
    ChecklistJson,
}

impl Format {
    /// Whether the format is a document a tool parses as a whole, which a
    /// table after it would spoil.
    fn is_document(self) -> bool {
        matches!(
            self,
            Format::Json
                | Format::Sarif
                | Format::Junit
                | Format::Gitlab
                | Format::Html
                | Format::Checklist
                | Format::ChecklistCsv
                | Format::ChecklistJson
        )
    }

    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
    Infos,
}

/// `sarif=report.sarif` → (Sarif, "report.sarif").
fn parse_output(text: &str) -> Result<(Format, PathBuf), String> {
    let Some((name, path)) = text.split_once('=') else {
        return Err("expected FORMAT=PATH, e.g. sarif=govlint.sarif".into());
    };
    let format = Format::from_str(name, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants().iter().map(|f| f.name()).collect();
        format!("unknown format `{name}`; use one of {}", names.join(", "))
    })?;
    if path.is_empty() {
        return Err(format!("no file given after `{name}=`"));
    }
    Ok((format, PathBuf::from(path)))
}

impl CheckArgs {
    /// The lowest severity that fails the run; `None` for `never`.
    /// `--fail-on` (or the older `--deny`) as a setting that wins over the
    /// configuration file's `fail-on`.
    fn fail_on_flag(&self) -> Option<Setting<FailOn>> {
        let (value, flag) = match (self.deny, self.fail_on) {
            (Some(Deny::Warnings), _) => (FailOn::Warning, "--deny warnings"),
            (Some(Deny::Infos), _) => (FailOn::Info, "--deny infos"),
            (None, Some(FailOnArg::Error)) => (FailOn::Error, "--fail-on"),
            (None, Some(FailOnArg::Warning)) => (FailOn::Warning, "--fail-on"),
            (None, Some(FailOnArg::Info)) => (FailOn::Info, "--fail-on"),
            (None, Some(FailOnArg::Never)) => (FailOn::Never, "--fail-on"),
            (None, None) => return None,
        };
        Some(Setting {
            value,
            from: Provenance::Flag(flag.into()),
        })
    }

    /// The reporter for `format`: on standard output (`to_file` false) the
    /// human format follows `--color`; in a file it never has colour.
    fn reporter<'a>(
        &self,
        format: Format,
        rules: &'a RuleSet,
        fail_at: Option<Severity>,
        to_file: bool,
    ) -> SendReporter<'a> {
        let quiet = self.quiet;
        match format {
            Format::Human if to_file => Box::new(HumanReporter::new(false, 100).quiet(quiet)),
            Format::Human => Box::new(human(self.color).quiet(quiet)),
            Format::Concise => Box::new(ConciseReporter::new(quiet)),
            Format::Json => Box::new(JsonReporter::default()),
            Format::Sarif => Box::new(SarifReporter::new(rules)),
            Format::Github => Box::new(GithubReporter { quiet }),
            Format::Junit => Box::new(JunitReporter::new(rules, fail_at)),
            Format::Gitlab => Box::new(GitlabReporter::default()),
            Format::Html => Box::new(HtmlReporter::new(rules)),
            Format::Checklist => Box::new(ChecklistReporter::new(rules, ChecklistFormat::Markdown)),
            Format::ChecklistCsv => Box::new(ChecklistReporter::new(rules, ChecklistFormat::Csv)),
            Format::ChecklistJson => Box::new(ChecklistReporter::new(rules, ChecklistFormat::Json)),
        }
    }
}

pub fn check(args: CheckArgs) -> Result<ExitCode, String> {
    // The thread pool is set once per process, before the rules load (they
    // load on it, and documents' regexes compile on it); 0 lets rayon use
    // every core.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build_global();
    let mut flags = super::config::flags(&args.statement, &args.rules)?;
    flags.fail_on = args.fail_on_flag();
    let Some(settings) = super::config::settings(&args.config, flags, args.color)? else {
        return Ok(ExitCode::from(2));
    };
    if settings.loaded_rules().rules.is_empty() {
        return Err(no_rules(&args.rules));
    }
    let fail_at = settings.fail_on().value.severity();
    let rules = settings.shared_rules();
    // Every report file is created before anything is checked, so a path
    // that cannot be written is a usage error, not a late surprise.
    let mut files = Vec::new();
    for (format, path) in &args.outputs {
        let shown = path.display().to_string();
        let file = File::create(path).map_err(|e| {
            format!(
                "error: cannot write the {} report to {shown}: {e}",
                format.name()
            )
        })?;
        files.push(FileOutput {
            format: format.name(),
            shown,
            file: BufWriter::new(file),
            reporter: args.reporter(*format, &rules, fail_at, true),
        });
    }
    let read = govlint::ReadOptions {
        limits: args.limits.limits(),
        format: args.input_format.map(InputFormat::format),
    };
    let loaded = suppress::prepare(&args.suppress, &args.paths, args.color)?;
    let options = args.statement.options()?;
    // Each document gets the rules and options its path's settings say.
    let settings = std::sync::Mutex::new(settings);
    let check_one = |path: &Path, src| {
        let profile = settings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .profile(path);
        let options = govlint::model::ParseOptions {
            max_findings: (args.max_findings > 0).then_some(args.max_findings),
            ..profile.options
        };
        govlint::check_source(src, &profile.rules, &options)
    };
    let mut reports = Reports::new(
        args.reporter(args.format, &rules, fail_at, false),
        files,
        args.statistics.then_some(args.format.is_document()),
    );
    let (summary, written) = if suppress::rewrites(&args.suppress) {
        // Writing a baseline or directives needs the whole run first.
        let check = || govlint::check_paths_with(&args.paths, &read, check_one);
        let run = suppress::finish(&args.suppress, loaded, check(), &options, check)?;
        for report in &run.files {
            reports.file(report);
        }
        reports.finish(&run.skipped, &run.gone_from_baseline)
    } else {
        // Each document is reported, then let go, as soon as it is checked.
        let mut baseline = loaded.applying();
        let found = govlint::source::discover(&args.paths);
        let for_people = args.format == Format::Human && !args.quiet;
        reports.show_progress(progress_bar(found.documents.len(), for_people));
        let skipped = govlint::check_found(found, &read, check_one, |mut report| {
            if let Some(baseline) = &mut baseline {
                baseline.file(&mut report);
            }
            reports.file(&report);
        });
        let gone = baseline.map(|b| b.gone()).unwrap_or_default();
        reports.finish(&skipped, &gone)
    };
    let all_files_written = written?;
    // The process ends next: freeing the compiled rules one by one would
    // only cost time (4% of a short run's instructions).
    std::mem::forget(settings);
    std::mem::forget(rules);
    Ok(if summary.failures > 0 || !all_files_written {
        ExitCode::from(2)
    } else if fail_at.is_some_and(|at| summary.fails(at)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Why a run with no rules is refused rather than passed.
pub(super) fn no_rules(args: &RuleArgs) -> String {
    if args.dirs.is_empty() {
        "error: no rules to run: --no-default-rules was given without --rules DIR".into()
    } else {
        let dirs: Vec<String> = args.dirs.iter().map(|d| d.display().to_string()).collect();
        format!(
            "error: no rules to run: {} {} no rule files (*.toml), and --no-default-rules was given",
            dirs.join(", "),
            if dirs.len() == 1 { "holds" } else { "hold" }
        )
    }
}

/// `govlint checklist`: `govlint check` with the compliance checklist as
/// its report.
#[derive(clap::Args)]
pub struct ChecklistArgs {
    /// Files or folders to check, then any option of `govlint check`
    /// (`--date`, `--config`, `--rules`, `--output`…); `--format` is
    /// `markdown` (the default), `csv` or `json`.
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "PATHS AND OPTIONS"
    )]
    args: Vec<std::ffi::OsString>,
}

/// `govlint check`'s arguments on their own, to parse `checklist`'s.
#[derive(clap::Parser)]
#[command(name = "govlint checklist")]
struct CheckOnly {
    #[command(flatten)]
    args: CheckArgs,
}

pub fn checklist(args: ChecklistArgs) -> Result<ExitCode, String> {
    use clap::Parser;
    let mut rest: Vec<std::ffi::OsString> = vec!["govlint checklist".into()];
    let mut format = "checklist";
    let mut fail_on = false;
    let mut given = args.args.into_iter();
    while let Some(arg) = given.next() {
        let text = arg.to_string_lossy().into_owned();
        let value = if text == "--format" {
            given.next().map(|v| v.to_string_lossy().into_owned())
        } else if let Some(v) = text.strip_prefix("--format=") {
            Some(v.to_owned())
        } else {
            fail_on |= text == "--fail-on" || text.starts_with("--fail-on=");
            rest.push(arg);
            continue;
        };
        format = match value.as_deref() {
            Some("markdown") => "checklist",
            Some("csv") => "checklist-csv",
            Some("json") => "checklist-json",
            other => {
                return Err(format!(
                    "error: the checklist's --format is markdown, csv or json, not `{}`",
                    other.unwrap_or_default()
                ));
            }
        };
    }
    rest.extend(["--format".into(), format.into()]);
    // A checklist is a record, not a gate: findings do not fail it
    // unless asked.
    if !fail_on {
        rest.extend(["--fail-on".into(), "never".into()]);
    }
    match CheckOnly::try_parse_from(rest) {
        Ok(parsed) => check(parsed.args),
        Err(e) => {
            let _ = e.print();
            Ok(ExitCode::from(2))
        }
    }
}
