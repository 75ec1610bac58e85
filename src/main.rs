//! The `govlint` command line. All the work is in the library; this file
//! parses arguments, prints, and picks the exit code:
//! 0 no findings at or above the fail level, 1 findings, 2 usage, rule or
//! input error.

use clap::{Parser, Subcommand, ValueEnum};
use govlint::diagnostic::Summary;
use govlint::model::ParseOptions;
use govlint::report::{HumanReporter, JsonReporter, Reporter};
use govlint::rules::{ParamValue, Rule, RuleSet, Severity, vocabulary};
use govlint::testing::scaffold;
use govlint::testing::{self, Mismatch, RuleReport, SampleReport, SnapshotStatus};
use govlint::values::{self as value, ValueData, ValueKind};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    Check {
        /// Files, or directories to search for .md, .markdown and .txt files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        rules: RuleArgs,
        /// The financial year the statement covers, e.g. 2023/24 (overrides the title).
        #[arg(long, value_name = "YEAR")]
        period: Option<String>,
        /// The statement date, YYYY-MM-DD, when the signature block has none.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Also fail (exit 1) on findings of this severity.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// Largest document to read, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = govlint::source::DEFAULT_MAX_FILE_SIZE)]
        max_file_size: u64,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// List the rules: id, severity, principles, summary.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the rules' examples and annotated samples (the default pack when no
    /// directory is given).
    Test {
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
    },
    /// Scaffold something new.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print a rule's documentation, or a vocabulary list or fragment.
    Explain {
        /// The rule id, e.g. mtfs-horizon, or @name, e.g. @statutory_post.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
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
            let reporter = human(color);
            let mut err = std::io::stderr().lock();
            for e in &errors {
                let _ = err.write_all(reporter.render(e).as_bytes());
            }
            let _ = writeln!(
                err,
                "error: {} in the rules; nothing was checked",
                plural(errors.len(), "problem")
            );
            None
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check {
            paths,
            format,
            rules,
            period,
            date,
            deny,
            max_file_size,
            color,
        } => {
            let options = ParseOptions {
                period: period.as_deref().map(parse_period).transpose()?,
                date: date.as_deref().map(parse_date).transpose()?,
            };
            let Some(rules) = load_rules(&rules, color) else {
                return Ok(ExitCode::from(2));
            };
            let reports = govlint::check_paths(&paths, &rules, &options, max_file_size);
            let summary = Summary::of(&reports);
            let reporter: Box<dyn Reporter> = match format {
                Format::Human => Box::new(human(color)),
                Format::Json => Box::new(JsonReporter),
            };
            let mut out = std::io::stdout().lock();
            reporter
                .report(&reports, &summary, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| format!("error: cannot write the report: {e}"))?;
            let fail_at = match deny {
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
        Command::Rules { rules } => {
            let Some(rules) = load_rules(&rules, Color::Auto) else {
                return Ok(ExitCode::from(2));
            };
            print!("{}", rules_table(&rules));
            Ok(ExitCode::SUCCESS)
        }
        Command::Test {
            dirs,
            samples,
            coverage,
            snapshot,
            snapshot_dir,
        } => {
            let args = RuleArgs {
                no_default_rules: !dirs.is_empty(),
                dirs,
            };
            let Some(rules) = load_rules(&args, Color::Auto) else {
                return Ok(ExitCode::from(2));
            };
            let options = testing::TestOptions {
                samples,
                snapshot_dir: snapshot.then_some(snapshot_dir),
            };
            let (reports, samples) = testing::run(&rules, &options);
            let (text, failed) = test_report(&reports, &samples, coverage);
            print!("{text}");
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::New {
            what: NewCommand::Rule { id, dir },
        } => {
            if !scaffold::is_rule_id(&id) {
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
            std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, scaffold::rule_file(&id)))
                .map_err(|e| format!("error: cannot write {shown}: {e}"))?;
            print!(
                "{}",
                scaffold::next_steps(&id, &shown, &dir.display().to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { id, rules } => {
            let Some(rules) = load_rules(&rules, Color::Auto) else {
                return Ok(ExitCode::from(2));
            };
            if let Some(name) = id.strip_prefix('@') {
                print!("{}", vocabulary::explain_entry(&rules.vocabulary, name)?);
                return Ok(ExitCode::SUCCESS);
            }
            match rules.get(&id) {
                Some(rule) => {
                    print!("{}{}", explain(rule), vocabulary::explain_uses(rule));
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
                    Err(format!(
                        "error: no rule with id `{id}`\n  the rules are: {}",
                        ids.join(", ")
                    ))
                }
            }
        }
    }
}

fn parse_period(text: &str) -> Result<value::FinancialYear, String> {
    match value::parse_value(ValueKind::FinancialYear, text.trim()) {
        Some(ValueData::FinancialYear(y)) => Ok(y),
        _ => Err(format!(
            "error: --period `{text}` is not a financial year; write it like 2023/24"
        )),
    }
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("error: --date `{text}` is not a date; write it like 2024-09-30"))
}

fn principles(rule: &Rule) -> String {
    if rule.principles.is_empty() {
        "-".into()
    } else {
        rule.principles.iter().collect()
    }
}

fn rules_table(rules: &RuleSet) -> String {
    let width = rules
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    let mut s = format!(
        "{:width$}  {:8}  {:10}  SUMMARY\n",
        "ID", "SEVERITY", "PRINCIPLES"
    );
    for r in &rules.rules {
        s.push_str(&format!(
            "{:width$}  {:8}  {:10}  {}\n",
            r.id,
            r.severity.as_str(),
            principles(r),
            r.summary
        ));
    }
    s.push_str(&format!("{}\n", plural(rules.rules.len(), "rule")));
    s
}

fn explain(rule: &Rule) -> String {
    let mut s = format!(
        "{} ({})\n{}\n\n",
        rule.id,
        rule.severity.as_str(),
        rule.summary
    );
    s.push_str(&format!("Principles: {}\n\n", principles(rule)));
    let mut section = |title: &str, body: &str| {
        s.push_str(&format!("## {title}\n{}\n\n", body.trim_end()));
    };
    section("What it checks", &rule.docs.what);
    section("Why it matters", &rule.docs.why);
    section("Example", &rule.docs.example);
    if let Some(l) = &rule.docs.limitations {
        section("What it cannot detect yet", l);
    }
    if !rule.params.is_empty() {
        let body: Vec<String> = rule
            .params
            .iter()
            .map(|(n, v)| format!("- {n} = {}", param_text(v)))
            .collect();
        section("Parameters", &body.join("\n"));
    }
    if !rule.tests.is_empty() {
        let body: Vec<String> = rule
            .tests
            .iter()
            .map(|t| {
                let what = t
                    .text
                    .clone()
                    .unwrap_or_else(|| format!("(sample {})", t.path.as_deref().unwrap_or("")));
                let verdict = if t.allow { "fine" } else { "finding" };
                format!("- {verdict}: {}", what.trim())
            })
            .collect();
        section("Examples (from the rule's tests)", &body.join("\n"));
    }
    if !rule.references.is_empty() {
        let body: Vec<String> = rule
            .references
            .iter()
            .map(|r| {
                let mut line = format!("- {}", r.title);
                if let Some(sec) = &r.section {
                    line.push_str(&format!(", {sec}"));
                }
                if let Some(url) = &r.url {
                    line.push_str(&format!(" <{url}>"));
                }
                line
            })
            .collect();
        section("References", &body.join("\n"));
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

/// The `govlint test` report, and whether anything failed.
fn test_report(reports: &[RuleReport], samples: &[SampleReport], coverage: bool) -> (String, bool) {
    let mut s = String::new();
    let (mut passed, mut failed) = (0, 0);
    for r in reports {
        let ok = r.passed(coverage);
        let n = r.results.len();
        s.push_str(&format!(
            "{} {} ({})\n",
            if ok { "PASS" } else { "FAIL" },
            r.rule,
            plural(n, "example")
        ));
        for result in r.results.iter().filter(|x| !x.passed()) {
            s.push_str(&testing::explain_failure(result));
        }
        if coverage && !r.fired {
            s.push_str("  never fired on any of its examples or samples: add an example that must produce a finding, or check the patterns\n");
        }
        match &r.snapshot {
            Some(SnapshotStatus::New(p)) => s.push_str(&format!(
                "  new snapshot written to {p}: review it with `cargo insta review`\n"
            )),
            Some(SnapshotStatus::Changed(p)) => s.push_str(&format!(
                "  snapshot changed; the new one is in {p}: review it with `cargo insta review`\n"
            )),
            _ => {}
        }
        if ok { passed += 1 } else { failed += 1 }
    }
    for sample in samples {
        let ok = sample.error.is_none() && sample.mismatches.is_empty();
        s.push_str(&format!(
            "{} sample {} ({})\n",
            if ok { "PASS" } else { "FAIL" },
            sample.path,
            plural(sample.expected, "expected finding")
        ));
        if let Some(e) = &sample.error {
            s.push_str(&format!("  {e}\n"));
        }
        for m in &sample.mismatches {
            match m {
                Mismatch::Missing { rule, line } => {
                    s.push_str(&format!("  line {line}: expected {rule}, found nothing\n"))
                }
                Mismatch::Unexpected {
                    rule,
                    line,
                    message,
                } => s.push_str(&format!("  line {line}: unexpected {rule}: {message}\n")),
            }
        }
        if ok { passed += 1 } else { failed += 1 }
    }
    s.push_str(&format!("{passed} passed, {failed} failed\n"));
    (s, failed > 0)
}

fn param_text(v: &ParamValue) -> String {
    match v {
        ParamValue::Number(n) => n.to_string(),
        ParamValue::Bool(b) => b.to_string(),
        ParamValue::Text(t) => format!("{t:?}"),
        ParamValue::Value(d) => d.to_string(),
    }
}
