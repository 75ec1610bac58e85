//! The rule author's commands: `rules`, `test`, `new rule`, `explain`.

use super::common::{Color, RuleArgs, load_rules};
use super::output::print;
use clap::Subcommand;
use govlint::report;
use govlint::rules::vocabulary;
use govlint::testing::{self, scaffold};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// `govlint test`, likewise.
#[derive(clap::Args)]
pub struct TestArgs {
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
pub enum NewCommand {
    /// A rule file with every field, a failing and a passing example.
    Rule {
        /// The new rule's id, kebab-case (e.g. risk-register-review).
        id: String,
        /// The folder to create it in.
        #[arg(long, value_name = "DIR", default_value = "rules")]
        dir: PathBuf,
    },
}

pub fn list_rules(args: &RuleArgs) -> Result<ExitCode, String> {
    let Some(rules) = load_rules(args, Color::Auto) else {
        return Ok(ExitCode::from(2));
    };
    print(&report::rules_table(&rules))?;
    Ok(ExitCode::SUCCESS)
}

pub fn test(args: TestArgs) -> Result<ExitCode, String> {
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
    print(&text)?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn new_rule(id: &str, dir: &Path) -> Result<ExitCode, String> {
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
    print(&scaffold::next_steps(
        id,
        &shown,
        &dir.display().to_string(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn explain(id: &str, args: &RuleArgs) -> Result<ExitCode, String> {
    let Some(rules) = load_rules(args, Color::Auto) else {
        return Ok(ExitCode::from(2));
    };
    if let Some(name) = id.strip_prefix('@') {
        print(&vocabulary::explain_entry(&rules.vocabulary, name)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    match rules.get(id) {
        Some(rule) => {
            print(&format!(
                "{}{}",
                report::explain(rule),
                vocabulary::explain_uses(rule)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        None => match govlint::suppress::meta_rule(id) {
            Some(meta) => {
                print!("{}", report::explain_meta(meta));
                Ok(ExitCode::SUCCESS)
            }
            None => Err(report::unknown_rule(id, &rules)),
        },
    }
}
