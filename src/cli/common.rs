//! Options and helpers several commands share.

use clap::ValueEnum;
use govlint::model::{ParseOptions, Stage};
use govlint::report::HumanReporter;
use govlint::rules::RuleSet;
use govlint::values as value;
use std::ffi::OsStr;
use std::io::IsTerminal;
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
            max_findings: None,
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

/// The human reporter for standard output: colour when `color` says so,
/// or on a terminal that can show it (`NO_COLOR` set or `TERM=dumb` turn it
/// off); as wide as `COLUMNS` says, else as the terminal is, else (in a
/// pipe or a file) 100.
pub fn human(color: Color) -> HumanReporter {
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => auto_color(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        ),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        })
        .filter(|&w| w > 0)
        .unwrap_or(100);
    HumanReporter::new(color, width)
}

/// `--color auto`: colour only on a terminal, unless `NO_COLOR` is set (to
/// anything but the empty string) or the terminal is `dumb`.
fn auto_color(terminal: bool, no_color: Option<&OsStr>, term: Option<&OsStr>) -> bool {
    terminal && no_color.is_none_or(OsStr::is_empty) && term.is_none_or(|t| t != "dumb")
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
            for r in &set.replaced {
                super::output::eprint(&format!(
                    "note: {} replaces the built-in rule `{}`\n",
                    r.by, r.id
                ));
            }
            Some(set)
        }
        Err(errors) => {
            let text = human(color).render_load_errors(&errors);
            super::output::eprint(&text);
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

#[cfg(test)]
mod tests {
    use super::auto_color;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_that_wants_it() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert!(auto_color(true, None, os("xterm-256color")));
        assert!(auto_color(true, None, None));
        assert!(!auto_color(false, None, os("xterm")), "not a terminal");
        assert!(!auto_color(true, os("1"), os("xterm")), "NO_COLOR");
        assert!(
            auto_color(true, os(""), os("xterm")),
            "an empty NO_COLOR is unset"
        );
        assert!(!auto_color(true, None, os("dumb")), "TERM=dumb");
    }
}

/// The safety limits on reading a document, as options.
#[derive(clap::Args)]
pub struct ReadLimitArgs {
    /// Largest document to read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = govlint::source::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
    /// Most bytes a Word document may unpack to (a guard against zip bombs).
    #[arg(long, value_name = "BYTES", default_value_t = govlint::source::DEFAULT_MAX_UNPACKED_SIZE)]
    max_unpacked_size: u64,
}

impl ReadLimitArgs {
    pub fn limits(&self) -> govlint::source::ReadLimits {
        govlint::source::ReadLimits {
            max_file_size: self.max_file_size,
            max_unpacked_size: self.max_unpacked_size,
            ..govlint::source::ReadLimits::default()
        }
    }
}
