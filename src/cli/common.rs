//! Options and helpers several commands share.

use clap::ValueEnum;
use govlint::model::{ParseOptions, Stage};
use govlint::report::HumanReporter;
use govlint::rules::RuleSet;
use govlint::values as value;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct RuleArgs {
    /// Load rules from this directory as well (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Do not load the built-in rule pack.
    #[arg(long)]
    pub no_default_rules: bool,
}

/// Facts about the statement the user can give.
#[derive(clap::Args)]
pub struct StatementArgs {
    /// The financial year the statement covers, e.g. 2023/24 (overrides the title).
    #[arg(long, value_name = "YEAR")]
    period: Option<String>,
    /// The statement date, YYYY-MM-DD, when the signature block has none.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// A draft (blank signature dates are reminders; the default) or the
    /// final statement (every blank is an error).
    #[arg(long, value_enum)]
    stage: Option<StageArg>,
}

impl StatementArgs {
    pub fn options(&self) -> Result<ParseOptions, String> {
        Ok(ParseOptions {
            period: self.period.as_deref().map(parse_period).transpose()?,
            date: self.date.as_deref().map(parse_date).transpose()?,
            stage: self.stage().unwrap_or_default(),
            today: Some(chrono::Local::now().date_naive()),
        })
    }

    /// `--period`, as written.
    pub fn period(&self) -> Option<&str> {
        self.period.as_deref()
    }

    /// `--date`, as written.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    /// `--stage`, if given.
    pub fn stage(&self) -> Option<Stage> {
        self.stage.map(|s| match s {
            StageArg::Draft => Stage::Draft,
            StageArg::Final => Stage::Final,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StageArg {
    Draft,
    Final,
}

/// The formats `--input-format` names.
#[derive(Clone, Copy, ValueEnum)]
pub enum InputFormat {
    Markdown,
    Text,
    Html,
    Docx,
    Pdf,
}

impl InputFormat {
    pub fn format(self) -> govlint::source::Format {
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

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn human(color: Color) -> HumanReporter {
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
pub fn load_rules(args: &RuleArgs, color: Color) -> Option<RuleSet> {
    loaded(RuleSet::load(!args.no_default_rules, &args.dirs), color)
}

/// The rules loaded, with a note for each built-in rule a local one
/// replaced; or every loading error printed, and `None` (exit 2).
pub fn loaded(
    result: Result<RuleSet, Vec<govlint::rules::LoadError>>,
    color: Color,
) -> Option<RuleSet> {
    match result {
        Ok(set) => {
            let mut err = std::io::stderr().lock();
            for r in &set.replaced {
                let _ = writeln!(err, "note: {} replaces the built-in rule `{}`", r.by, r.id);
            }
            Some(set)
        }
        Err(errors) => {
            let text = human(color).render_load_errors(&errors);
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            None
        }
    }
}

pub fn parse_period(text: &str) -> Result<value::FinancialYear, String> {
    text.parse().map_err(|e| format!("error: --period {e}"))
}

pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    text.parse::<value::Date>()
        .map(|d| d.start)
        .map_err(|e| format!("error: --date {e}"))
}
