//! Layering the settings: rule defaults, then the file's top level, then
//! each matching override in file order, then the command line; and the
//! rule set and parse options each document gets.

use super::bind::Layer;
use super::error::ConfigError;
use super::load::{Config, Facts};
use super::{FailOn, Provenance, Setting};
use crate::model::{ParseOptions, Stage};
use crate::rules::{ParamValue, Rule, RuleSet, Severity};
use crate::values::FinancialYear;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// What the command line says; each wins over the file.
#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub period: Option<FinancialYear>,
    pub date: Option<chrono::NaiveDate>,
    pub stage: Option<Stage>,
    /// The fail level, with the flag that set it (`--deny warnings`).
    pub fail_on: Option<Setting<FailOn>>,
    /// `--rules DIR`, loaded after the file's folders.
    pub rule_dirs: Vec<PathBuf>,
    /// `--no-default-rules`.
    pub no_default_rules: bool,
    /// The day of the run (see [`ParseOptions::today`]).
    pub today: Option<chrono::NaiveDate>,
}

impl Flags {
    /// Whether to load the built-in pack, and the rule folders to load:
    /// the file's, then the command line's.
    pub fn rule_sources(&self, config: Option<&Config>) -> (bool, Vec<PathBuf>) {
        let defaults = !self.no_default_rules
            && config
                .and_then(|c| c.default_rules.as_ref())
                .is_none_or(|d| d.value);
        let mut dirs: Vec<PathBuf> = config
            .map(|c| c.rule_dirs.iter().map(|d| d.value.clone()).collect())
            .unwrap_or_default();
        dirs.extend(self.rule_dirs.iter().cloned());
        (defaults, dirs)
    }
}

/// The rules and parse options for one document.
#[derive(Clone, Debug)]
pub struct Profile {
    pub rules: Arc<RuleSet>,
    pub options: ParseOptions,
}

/// Every setting in force for a document (or for the run), and where each
/// came from: what `govlint config` prints.
#[derive(Clone, Debug)]
pub struct Effective {
    /// The configuration file, if any.
    pub file: Option<String>,
    /// The overrides that apply, as "file:line (paths)".
    pub overrides: Vec<Provenance>,
    pub fail_on: Setting<FailOn>,
    pub default_rules: Setting<bool>,
    pub rule_dirs: Vec<Setting<PathBuf>>,
    pub period: Setting<Option<FinancialYear>>,
    pub date: Setting<Option<chrono::NaiveDate>>,
    pub stage: Setting<Stage>,
    /// Every loaded rule, by id.
    pub rules: Vec<RuleSettings>,
}

/// One rule's settings.
#[derive(Clone, Debug)]
pub struct RuleSettings {
    pub id: String,
    pub enabled: Setting<bool>,
    pub severity: Setting<Severity>,
    /// Every parameter, with its value in force.
    pub params: Vec<(String, Setting<ParamValue>)>,
    /// The table rows the configuration adds or changes: (table, key, value).
    pub rows: Vec<(String, ParamValue, Setting<ParamValue>)>,
}

/// The configuration bound to the loaded rules and the command line.
#[derive(Debug)]
pub struct Settings {
    config: Option<Config>,
    /// The top level's rule settings, then each override's (none without
    /// a file).
    layers: Vec<Layer>,
    flags: Flags,
    rules: Arc<RuleSet>,
    cwd: PathBuf,
    /// One profile per distinct set of matching overrides.
    profiles: HashMap<Vec<usize>, Profile>,
}

impl Settings {
    /// Checks the file's rule ids and parameters against `rules` (loaded
    /// as [`Flags::rule_sources`] says). `cwd` is what relative document
    /// paths are relative to.
    pub fn new(
        config: Option<Config>,
        rules: RuleSet,
        flags: Flags,
        cwd: &Path,
    ) -> Result<Settings, Vec<ConfigError>> {
        let layers = match &config {
            Some(c) => c.bind(&rules)?,
            None => Vec::new(),
        };
        Ok(Settings {
            config,
            layers,
            flags,
            rules: Arc::new(rules),
            cwd: cwd.to_owned(),
            profiles: HashMap::new(),
        })
    }

    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    /// The rules as loaded, before any setting.
    pub fn loaded_rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The loaded rules, to share with what outlives a borrow of the
    /// settings (the reports of a run, while documents are checked).
    pub fn shared_rules(&self) -> Arc<RuleSet> {
        Arc::clone(&self.rules)
    }

    /// The fail level: the command line's, else the file's, else `error`.
    pub fn fail_on(&self) -> Setting<FailOn> {
        self.flags
            .fail_on
            .clone()
            .or_else(|| self.config.as_ref().and_then(|c| c.fail_on.clone()))
            .unwrap_or_else(|| Setting::default(FailOn::Error))
    }

    /// The overrides (by index) whose paths match the document at `path`.
    pub fn matching(&self, path: &Path) -> Vec<usize> {
        let Some(config) = &self.config else {
            return Vec::new();
        };
        let doc = normalize(&self.cwd.join(path));
        let base = normalize(&self.cwd.join(&config.dir));
        let Ok(relative) = doc.strip_prefix(&base) else {
            return Vec::new();
        };
        config
            .overrides
            .iter()
            .enumerate()
            .filter(|(_, (globs, _))| globs.is_match(relative))
            .map(|(i, _)| i)
            .collect()
    }

    /// The rules and parse options for the document at `path`.
    pub fn profile(&mut self, path: &Path) -> Profile {
        let key = self.matching(path);
        if let Some(p) = self.profiles.get(&key) {
            return p.clone();
        }
        let effective = self.effective_for(&key);
        // Without a file the loaded rules are used as they are.
        let rules = match self.layers.is_empty() {
            true => Arc::clone(&self.rules),
            false => Arc::new(configure(&self.rules, &effective)),
        };
        let profile = Profile {
            rules,
            options: ParseOptions {
                period: effective.period.value,
                date: effective.date.value,
                stage: effective.stage.value,
                today: self.flags.today,
                max_findings: None,
            },
        };
        self.profiles.insert(key, profile.clone());
        profile
    }

    /// The settings for the document at `path`, or for the run as a whole
    /// (no override applied) when `path` is `None`.
    pub fn effective(&self, path: Option<&Path>) -> Effective {
        let key = path.map(|p| self.matching(p)).unwrap_or_default();
        self.effective_for(&key)
    }

    fn effective_for(&self, overrides: &[usize]) -> Effective {
        // The layers in force, lowest first: the top level, then the
        // matching overrides.
        let active: Vec<usize> = if self.layers.is_empty() {
            Vec::new()
        } else {
            std::iter::once(0)
                .chain(overrides.iter().map(|i| i + 1))
                .collect()
        };
        let facts: Vec<&Facts> = match &self.config {
            Some(c) => active.iter().map(|&i| &c.facts[i]).collect(),
            None => Vec::new(),
        };
        let layers: Vec<&Layer> = active.iter().map(|&i| &self.layers[i]).collect();
        let flag = |name: &str| Provenance::Flag(name.to_owned());
        let period = last_fact(
            &facts,
            |f| f.period.as_ref(),
            self.flags.period,
            flag("--period"),
        );
        let date = last_fact(&facts, |f| f.date.as_ref(), self.flags.date, flag("--date"));
        let stage = last_fact(
            &facts,
            |f| f.stage.as_ref(),
            self.flags.stage,
            flag("--stage"),
        );
        let stage = Setting {
            value: stage.value.unwrap_or_default(),
            from: stage.from,
        };
        let default_rules = if self.flags.no_default_rules {
            Setting {
                value: false,
                from: flag("--no-default-rules"),
            }
        } else {
            self.config
                .as_ref()
                .and_then(|c| c.default_rules.clone())
                .unwrap_or_else(|| Setting::default(true))
        };
        let mut rule_dirs: Vec<Setting<PathBuf>> = self
            .config
            .as_ref()
            .map(|c| c.rule_dirs.clone())
            .unwrap_or_default();
        rule_dirs.extend(self.flags.rule_dirs.iter().map(|d| Setting {
            value: d.clone(),
            from: flag("--rules"),
        }));
        let overrides = match &self.config {
            Some(c) => overrides
                .iter()
                .map(|&i| {
                    let span = c.file.overrides[i].span();
                    c.provenance(&span, Some(&c.overrides[i].1))
                })
                .collect(),
            None => Vec::new(),
        };
        Effective {
            file: self.config.as_ref().map(|c| c.text.name.clone()),
            overrides,
            fail_on: self.fail_on(),
            default_rules,
            rule_dirs,
            period,
            date,
            stage,
            rules: self
                .rules
                .rules
                .iter()
                .map(|r| rule_settings(r, &layers))
                .collect(),
        }
    }
}

/// A statement fact: the flag's, else the last layer's that gives it.
fn last_fact<T: Clone>(
    facts: &[&Facts],
    get: impl Fn(&Facts) -> Option<&Setting<T>>,
    flag: Option<T>,
    flag_name: Provenance,
) -> Setting<Option<T>> {
    if let Some(value) = flag {
        return Setting {
            value: Some(value),
            from: flag_name,
        };
    }
    facts
        .iter()
        .rev()
        .find_map(|f| get(f))
        .map(|s| Setting {
            value: Some(s.value.clone()),
            from: s.from.clone(),
        })
        .unwrap_or_else(|| Setting::default(None))
}

fn rule_settings(rule: &Rule, layers: &[&Layer]) -> RuleSettings {
    let mut severity = Setting::default(rule.severity);
    let mut params: Vec<(String, Setting<ParamValue>)> = rule
        .params
        .iter()
        .map(|(n, v)| (n.clone(), Setting::default(v.clone())))
        .collect();
    let mut rows: Vec<(String, ParamValue, Setting<ParamValue>)> = Vec::new();
    for layer in layers {
        for (id, s) in &layer.severity {
            if *id == rule.id {
                severity = s.clone();
            }
        }
        for (id, name, value) in &layer.params {
            if *id == rule.id
                && let Some(slot) = params.iter_mut().find(|(n, _)| n == name)
            {
                slot.1 = value.clone();
            }
        }
        for (id, table, key, value) in &layer.rows {
            if *id != rule.id {
                continue;
            }
            match rows.iter_mut().find(|(t, k, _)| t == table && k == key) {
                Some(row) => row.2 = value.clone(),
                None => rows.push((table.clone(), key.clone(), value.clone())),
            }
        }
    }
    let mut enabled = Setting::default(true);
    for layer in layers {
        select(layer, rule, severity.value, &mut enabled);
    }
    RuleSettings {
        id: rule.id.clone(),
        enabled,
        severity,
        params,
        rows,
    }
}

/// One layer's `select` and `ignore` applied to a rule. A rule named by
/// its id wins over a principle or severity in the same layer; `ignore`
/// wins over `select` at the same level. A layer with `select` decides for
/// every rule; one without changes only the rules its `ignore` names.
fn select(layer: &Layer, rule: &Rule, severity: Severity, enabled: &mut Setting<bool>) {
    use super::bind::Selector;
    let by_id = |s: &Selector| matches!(s, Selector::Rule(id) if *id == rule.id);
    let by_group = |s: &Selector| !matches!(s, Selector::Rule(_)) && s.matches(rule, severity);
    let selected = layer.select.as_ref();
    let decided = if let Some((_, from)) = layer.ignore.iter().find(|(s, _)| by_id(s)) {
        Some((false, from))
    } else if let Some((_, from)) = selected.filter(|(list, _)| list.iter().any(by_id)) {
        Some((true, from))
    } else if let Some((_, from)) = layer.ignore.iter().find(|(s, _)| by_group(s)) {
        Some((false, from))
    } else {
        selected.map(|(list, from)| (list.iter().any(by_group), from))
    };
    if let Some((value, from)) = decided {
        *enabled = Setting {
            value,
            from: from.clone(),
        };
    }
}

/// The loaded rules with the settings applied: disabled rules dropped,
/// severities, parameters and table rows changed.
fn configure(rules: &RuleSet, effective: &Effective) -> RuleSet {
    rules.edited(|list| {
        list.retain(|r| {
            effective
                .rules
                .iter()
                .any(|s| s.id == r.id && s.enabled.value)
        });
        for rule in list.iter_mut() {
            let Some(s) = effective.rules.iter().find(|s| s.id == rule.id) else {
                continue;
            };
            rule.severity = s.severity.value;
            for (name, value) in &s.params {
                if let Some(slot) = rule.params.iter_mut().find(|(n, _)| n == name) {
                    slot.1 = value.value.clone();
                }
            }
            for (table, key, value) in &s.rows {
                let Some(t) = rule.tables.iter_mut().find(|t| t.name == *table) else {
                    continue;
                };
                match t.entries.iter_mut().find(|(k, _)| k == key) {
                    Some(entry) => entry.1 = value.value.clone(),
                    None => t.entries.push((key.clone(), value.value.clone())),
                }
            }
        }
    })
}

/// `path` without `.` and with `..` resolved, lexically (the file need not
/// exist, and symbolic links are not followed).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
