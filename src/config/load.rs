//! Reading `govlint.toml`: its shape, and the values that need no rules.

use super::error::{ConfigError, ConfigText};
use super::file::{ConfigFile, LayerDef};
use super::{FailOn, Provenance, Setting};
use crate::model::Stage;
use crate::values::{Date, FinancialYear};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// A configuration file, read and checked as far as it can be without the
/// rules (see [`super::Settings::new`] for the rest).
#[derive(Debug)]
pub struct Config {
    pub text: ConfigText,
    /// The folder relative paths in the file start from.
    pub dir: PathBuf,
    pub fail_on: Option<Setting<FailOn>>,
    pub default_rules: Option<Setting<bool>>,
    /// Extra rule folders, joined to `dir`.
    pub rule_dirs: Vec<Setting<PathBuf>>,
    pub(super) file: ConfigFile,
    /// The statement facts of the top level (first), then of each override.
    pub(super) facts: Vec<Facts>,
    /// Each override's path globs, compiled, and as written.
    pub(super) overrides: Vec<(GlobSet, String)>,
}

/// Period, date and stage as one layer gives them.
#[derive(Debug, Default)]
pub(super) struct Facts {
    pub period: Option<Setting<FinancialYear>>,
    pub date: Option<Setting<chrono::NaiveDate>>,
    pub stage: Option<Setting<Stage>>,
}

impl Config {
    /// Reads the file at `path`; `name` is how errors and provenance name it.
    pub fn read(path: &Path, name: &str) -> Result<Config, Vec<ConfigError>> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let empty = ConfigText {
                name: name.to_owned(),
                text: Arc::from(""),
            };
            let message = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                _ => format!("cannot read it: {e}"),
            };
            vec![empty.error(None, message, "", None)]
        })?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        Config::parse(name, &dir, &text)
    }

    /// Reads configuration text named `name`, whose relative paths start
    /// at `dir`. Every error is returned.
    pub fn parse(name: &str, dir: &Path, text: &str) -> Result<Config, Vec<ConfigError>> {
        let text = ConfigText {
            name: name.to_owned(),
            text: Arc::from(text),
        };
        let file: ConfigFile = toml::from_str(&text.text).map_err(|e| {
            let (span, message) = crate::rules::toml_problem(&text.text, &e);
            vec![text.error(span, message, "here", None)]
        })?;
        let mut errors = Vec::new();
        let at = |span: Range<usize>| Provenance::File {
            file: text.name.clone(),
            line: text.line_of(span.start),
        };
        let fail_on = file.fail_on.as_ref().map(|f| Setting {
            value: *f.get_ref(),
            from: at(f.span()),
        });
        let default_rules = file.default_rules.as_ref().map(|d| Setting {
            value: *d.get_ref(),
            from: at(d.span()),
        });
        let mut rule_dirs = Vec::new();
        for written in file.rules.iter().flatten() {
            let path = dir.join(written.get_ref());
            if path.is_dir() {
                rule_dirs.push(Setting {
                    value: path,
                    from: at(written.span()),
                });
            } else {
                errors.push(text.error(
                    Some(written.span()),
                    format!("rule folder `{}` not found", path.display()),
                    "no such folder",
                    Some(format!(
                        "rule folders are relative to the folder of {}",
                        text.name
                    )),
                ));
            }
        }
        let mut facts = vec![read_facts(&text, &file.layer(), None, &mut errors)];
        let mut overrides = Vec::new();
        for def in &file.overrides {
            let (globs, shown) = read_globs(&text, &def.get_ref().paths, &mut errors);
            facts.push(read_facts(
                &text,
                &def.get_ref().layer(),
                Some(&shown),
                &mut errors,
            ));
            overrides.push((globs, shown));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Config {
            text,
            dir: dir.to_owned(),
            fail_on,
            default_rules,
            rule_dirs,
            file,
            facts,
            overrides,
        })
    }

    /// Where a setting at `span` of the top level (`paths: None`) or of the
    /// override for `paths` came from.
    pub(super) fn provenance(&self, span: &Range<usize>, paths: Option<&str>) -> Provenance {
        provenance(&self.text, span, paths)
    }
}

fn provenance(text: &ConfigText, span: &Range<usize>, paths: Option<&str>) -> Provenance {
    let file = text.name.clone();
    let line = text.line_of(span.start);
    match paths {
        None => Provenance::File { file, line },
        Some(paths) => Provenance::Override {
            file,
            line,
            paths: paths.to_owned(),
        },
    }
}

fn read_facts(
    text: &ConfigText,
    layer: &LayerDef<'_>,
    paths: Option<&str>,
    errors: &mut Vec<ConfigError>,
) -> Facts {
    fn setting<T>(
        text: &ConfigText,
        value: T,
        span: Range<usize>,
        paths: Option<&str>,
    ) -> Setting<T> {
        Setting {
            value,
            from: provenance(text, &span, paths),
        }
    }
    let period = layer
        .period
        .and_then(|p| match p.get_ref().parse::<FinancialYear>() {
            Ok(year) => Some(setting(text, year, p.span(), paths)),
            Err(_) => {
                errors.push(text.error(
                    Some(p.span()),
                    format!("`{}` is not a financial year", p.get_ref()),
                    "not a financial year",
                    Some("write the year the statement covers, e.g. period = \"2024/25\"".into()),
                ));
                None
            }
        });
    let date = layer.date.and_then(|d| match read_date(d.get_ref()) {
        Some(date) => Some(setting(text, date, d.span(), paths)),
        None => {
            errors.push(text.error(
                Some(d.span()),
                match d.get_ref() {
                    toml::Value::String(s) => format!("`{s}` is not a date"),
                    other => format!("`{other}` is not a date"),
                },
                "not a date",
                Some("write a date such as date = 2025-06-30".into()),
            ));
            None
        }
    });
    let stage = layer
        .stage
        .map(|s| setting(text, *s.get_ref(), s.span(), paths));
    Facts {
        period,
        date,
        stage,
    }
}

/// A TOML date (`2025-06-30`) or a date written as text.
fn read_date(value: &toml::Value) -> Option<chrono::NaiveDate> {
    match value {
        toml::Value::Datetime(dt) if dt.time.is_none() => dt.date.and_then(|d| {
            chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }),
        toml::Value::String(s) => s.parse::<Date>().ok().map(|d| d.start),
        _ => None,
    }
}

/// An override's path globs, matched against paths relative to the file's
/// folder: `*` stays within one folder, `**` crosses folders.
fn read_globs(
    text: &ConfigText,
    paths: &Spanned<Vec<Spanned<String>>>,
    errors: &mut Vec<ConfigError>,
) -> (GlobSet, String) {
    if paths.get_ref().is_empty() {
        errors.push(text.error(
            Some(paths.span()),
            "an override needs at least one path",
            "no paths",
            Some("e.g. paths = [\"drafts/**\"]".into()),
        ));
    }
    let mut set = GlobSetBuilder::new();
    for glob in paths.get_ref() {
        match GlobBuilder::new(glob.get_ref())
            .literal_separator(true)
            .build()
        {
            Ok(g) => {
                set.add(g);
            }
            Err(e) => errors.push(text.error(
                Some(glob.span()),
                format!("`{}` is not a path glob: {}", glob.get_ref(), e.kind()),
                "bad glob",
                None,
            )),
        }
    }
    let shown = paths
        .get_ref()
        .iter()
        .map(|p| p.get_ref().as_str())
        .collect::<Vec<_>>()
        .join(", ");
    (set.build().unwrap_or_else(|_| GlobSet::empty()), shown)
}
