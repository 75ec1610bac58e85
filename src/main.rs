//! The `govlint` command line. All the work is in the library; this binary
//! parses arguments, prints, and picks the exit code:
//! 0 no findings at or above the fail level, 1 findings, 2 usage, rule or
//! input error. `main.rs` holds the commands and dispatch; each command's
//! arguments and body live in `cli/`.

mod cli;

use clap::{Parser, Subcommand};
use cli::annotate::AnnotateArgs;
use cli::check::{CheckArgs, ChecklistArgs};
use cli::common::RuleArgs;
use cli::config::{InitArgs, ShowArgs};
use cli::inspect::InspectArgs;
use cli::rules::{NewCommand, TestArgs};
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

#[derive(Subcommand)]
enum Command {
    /// Check statements and print diagnostics.
    Check(CheckArgs),
    /// Print the compliance checklist of each statement: every requirement
    /// of the rule pack, grouped by CIPFA/SOLACE principle, met (quoting the
    /// words that met it), not met (the findings), accepted, or not
    /// applicable (and why). Takes `check`'s options; `--format markdown`
    /// (the default), `csv` or `json`.
    Checklist(ChecklistArgs),
    /// Write a copy of a Word draft with each finding as a comment on the
    /// words it is about (author "govlint"): the message, how to fix it and
    /// the references. Nothing else in the document changes; reviewers'
    /// comments stay.
    Annotate(AnnotateArgs),
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
    /// Write a commented starter govlint.toml in the current folder.
    Init(InitArgs),
    /// Print the settings in force (from govlint.toml and the flags given)
    /// and where each came from.
    Config(ShowArgs),
    /// Print a rule's documentation, or a vocabulary list or fragment.
    Explain {
        /// The rule id, e.g. mtfs-horizon, or @name, e.g. @statutory_post.
        id: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            cli::output::eprint(&format!("{message}\n"));
            ExitCode::from(2)
        }
    }
}

/// Runs a command: `Err` is a message to print before exiting with 2.
fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check(args) => cli::check::check(args),
        Command::Checklist(args) => cli::check::checklist(args),
        Command::Annotate(args) => cli::annotate::annotate(args),
        Command::Rules { rules } => cli::rules::list_rules(&rules),
        Command::Test(args) => cli::rules::test(args),
        Command::New {
            what: NewCommand::Rule { id, dir },
        } => cli::rules::new_rule(&id, &dir),
        Command::Explain { id, rules } => cli::rules::explain(&id, &rules),
        Command::Inspect(args) => cli::inspect::inspect(&args),
        Command::Init(args) => cli::config::init(&args),
        Command::Config(args) => cli::config::show(&args),
    }
}
