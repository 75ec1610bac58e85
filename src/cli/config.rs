//! The configuration file on the command line: `--config` / `--no-config`,
//! reading it for `check`, and the `init` and `config` commands.

use super::common::{Color, RuleArgs, StatementArgs, human, loaded, parse_date, parse_period};
use govlint::config::{self, Config, ConfigError, Flags, Settings};
use govlint::rules::RuleSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Which configuration file to read.
#[derive(clap::Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of looking for govlint.toml in
    /// the current folder and the folders above it.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    no_config: bool,
}

// `govlint config`, likewise.
#[derive(clap::Args)]
pub struct ShowArgs {
    /// Show the settings for this document: the overrides whose paths match
    /// it applied.
    #[arg(long, value_name = "DOCUMENT")]
    path: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    statement: StatementArgs,
}

// `govlint init`, likewise.
#[derive(clap::Args)]
pub struct InitArgs {
    /// Replace an existing govlint.toml.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    rules: RuleArgs,
}

/// The statement flags as configuration flags.
pub fn flags(statement: &StatementArgs, rules: &RuleArgs) -> Result<Flags, String> {
    Ok(Flags {
        period: statement.period().map(parse_period).transpose()?,
        date: statement.date().map(parse_date).transpose()?,
        stage: statement.stage(),
        fail_on: None,
        rule_dirs: rules.dirs.clone(),
        no_default_rules: rules.no_default_rules,
        today: Some(chrono::Local::now().date_naive()),
    })
}

/// Reads the configuration, loads the rules it and the flags name, and
/// binds the two; every error is printed and `None` means exit 2.
pub fn settings(args: &ConfigArgs, flags: Flags, color: Color) -> Result<Option<Settings>, String> {
    let cwd = std::env::current_dir()
        .map_err(|e| format!("error: cannot read the current folder: {e}"))?;
    let config = match read(args, &cwd) {
        Ok(config) => config,
        Err(errors) => {
            print_errors(&errors, color);
            return Ok(None);
        }
    };
    let (defaults, dirs) = flags.rule_sources(config.as_ref());
    let Some(rules) = loaded(RuleSet::load(defaults, &dirs), color) else {
        return Ok(None);
    };
    match Settings::new(config, rules, flags, &cwd) {
        Ok(settings) => Ok(Some(settings)),
        Err(errors) => {
            print_errors(&errors, color);
            Ok(None)
        }
    }
}

fn read(args: &ConfigArgs, cwd: &Path) -> Result<Option<Config>, Vec<ConfigError>> {
    if args.no_config {
        return Ok(None);
    }
    if let Some(path) = &args.config {
        return Config::read(path, &path.display().to_string()).map(Some);
    }
    match config::discover(cwd) {
        Some((path, shown)) => Config::read(&path, &shown).map(Some),
        None => Ok(None),
    }
}

fn print_errors(errors: &[ConfigError], color: Color) {
    let reporter = human(color);
    let mut text: String = errors.iter().map(|e| reporter.render(e)).collect();
    let file = errors.first().map_or("", |e| e.file.as_str());
    let count = match errors.len() {
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    };
    text.push_str(&format!("error: {count} in {file}; nothing was checked\n"));
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `govlint config`: the settings in force, and where each came from.
pub fn show(args: &ShowArgs) -> Result<ExitCode, String> {
    let flags = flags(&args.statement, &args.rules)?;
    let Some(settings) = settings(&args.config, flags, Color::Auto)? else {
        return Ok(ExitCode::from(2));
    };
    let effective = settings.effective(args.path.as_deref());
    let document = args.path.as_ref().map(|p| p.display().to_string());
    super::output::print(&config::describe(&effective, document.as_deref()))?;
    Ok(ExitCode::SUCCESS)
}

/// `govlint init`: writes a commented ./govlint.toml.
pub fn init(args: &InitArgs) -> Result<ExitCode, String> {
    let path = Path::new(config::FILE_NAME);
    if path.exists() && !args.force {
        return Err(format!(
            "error: {} already exists; use --force to replace it",
            config::FILE_NAME
        ));
    }
    let Some(rules) = loaded(
        RuleSet::load(!args.rules.no_default_rules, &args.rules.dirs),
        Color::Auto,
    ) else {
        return Ok(ExitCode::from(2));
    };
    let dirs: Vec<String> = args
        .rules
        .dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    let text = config::starter(&rules, &dirs, args.rules.no_default_rules);
    std::fs::write(path, text)
        .map_err(|e| format!("error: cannot write {}: {e}", config::FILE_NAME))?;
    super::output::print(&format!(
        "wrote {}: every setting at its default, commented out; `govlint config` shows the settings in force\n",
        config::FILE_NAME
    ))?;
    Ok(ExitCode::SUCCESS)
}
