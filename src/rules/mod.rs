//! Stage 3: the rule language.
//!
//! A rule is one TOML file (see `schema`). Loading parses it, parses every
//! pattern (compiled when a document first needs it, see `lazy_regex`),
//! and parses and type-checks every condition and message template, so a
//! bad rule is reported with a diagnostic pointing into the TOML and never
//! reaches a document.

mod check;
mod discover;
mod error;
pub mod expr;
pub mod facts;
pub mod lazy_regex;
mod load;
pub mod pattern;
pub mod schema;
pub mod template;
pub mod vocabulary;

pub use check::{
    Assert, Check, CheckKind, Found, Marks, Matcher, Matching, REFERENCE_KINDS, Require,
};
pub(crate) use error::toml_problem;
pub use error::{RuleError, RuleSource, TomlError, TomlKind};
pub use facts::Fact;
pub(crate) use load::parse_whole;
pub use load::{load_rule, load_rule_in};
pub use schema::{Docs, KindName, Reference, Scope, Severity, TestDef};
pub use vocabulary::Vocabulary;

use crate::values::ValueData;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The default rule pack, built into the binary.
static DEFAULT_RULES: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/rules");

/// A parameter's value.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    Number(f64),
    Bool(bool),
    Text(String),
    Value(ValueData),
}

/// A lookup table, e.g. accounts deadlines by financial year.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: String,
    pub entries: Vec<(ParamValue, ParamValue)>,
}

/// A loaded, compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub principles: Vec<char>,
    pub summary: String,
    /// The message template as written; each check holds it compiled.
    pub message: String,
    pub help: Option<String>,
    pub url: Option<String>,
    /// Shared with every finding of the rule (one allocation per rule).
    pub references: Arc<[Reference]>,
    pub docs: Docs,
    pub params: Vec<(String, ParamValue)>,
    pub tables: Vec<Table>,
    pub checks: Vec<Check>,
    pub tests: Vec<TestDef>,
    /// The file the rule came from.
    pub file: String,
    /// Whether any expression uses the statement period / date.
    pub needs_period: bool,
    pub needs_date: bool,
    /// The rule's own lists and fragments, over the shared vocabulary.
    pub vocabulary: Vocabulary,
    /// The vocabulary names its patterns use, in order of first use.
    pub uses: Vec<String>,
}

impl Rule {
    pub fn param(&self, name: &str) -> Option<&ParamValue> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// Why rules could not be loaded.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LoadError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Rule(#[from] Box<RuleError>),
    #[error("{path}: {error}")]
    #[diagnostic(code(govlint::rules::io))]
    Io {
        path: String,
        /// Shown in the message, so not a `source` (miette would print it
        /// again as the cause).
        error: std::io::Error,
    },
    #[error("{path}: not a directory of rules")]
    #[diagnostic(code(govlint::rules::not_a_directory))]
    NotADirectory { path: String },
}

/// The rules in force for a run, sorted by id.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// The engine's plan for these rules (its literal prefilter), built on
    /// the first run and kept with the rules so each document reuses it.
    /// Only `engine::Plan::of` fills it.
    pub(crate) plan: OnceLock<crate::engine::Plan>,
    /// The shared vocabulary the rules were loaded with.
    pub vocabulary: Arc<Vocabulary>,
    /// Built-in rules that a rule of the same id from a rule directory
    /// replaced (the CLI notes each one).
    pub replaced: Vec<Replaced>,
}

/// A built-in rule replaced by a local one of the same id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub id: String,
    /// The built-in rule's file, e.g. `rules/mtfs-horizon.toml`.
    pub builtin: String,
    /// The file that replaced it.
    pub by: String,
}

impl RuleSet {
    /// A rule set, sorted by id.
    pub fn new(mut rules: Vec<Rule>) -> RuleSet {
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        RuleSet {
            rules,
            plan: OnceLock::new(),
            vocabulary: Vocabulary::shared(),
            replaced: Vec::new(),
        }
    }

    /// The same rules, changed or filtered by `edit`, with a plan of their
    /// own (the configuration's per-path settings use this).
    pub fn edited(&self, edit: impl FnOnce(&mut Vec<Rule>)) -> RuleSet {
        let mut rules = self.rules.clone();
        edit(&mut rules);
        RuleSet {
            vocabulary: Arc::clone(&self.vocabulary),
            replaced: self.replaced.clone(),
            ..RuleSet::new(rules)
        }
    }

    /// Loads the default pack (unless `defaults` is false) and every `*.toml`
    /// under each of `dirs`. Every error from every file is returned. A rule
    /// from `dirs` with the id of a built-in rule replaces it (listed in
    /// `replaced`); two rules from `dirs` with one id are an error.
    pub fn load(defaults: bool, dirs: &[PathBuf]) -> Result<RuleSet, Vec<LoadError>> {
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        if defaults {
            let mut files: Vec<_> = DEFAULT_RULES
                .files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                .filter(|f| !vocabulary::is_vocabulary_file(f.path()))
                .collect();
            files.sort_by_key(|f| f.path());
            for f in files {
                let name = format!("rules/{}", f.path().display());
                match f.contents_utf8() {
                    Some(text) => sources.push(RuleSource {
                        name,
                        text: text.into(),
                    }),
                    None => errors.push(LoadError::Io {
                        path: name,
                        error: std::io::Error::other("not UTF-8"),
                    }),
                }
            }
        }
        // Rule files keep their order through the vocabulary split, so the
        // first `builtin` sources are the pack's.
        let builtin = sources.len();
        for dir in dirs {
            sources.extend(discover::rule_files(dir, &mut errors));
        }
        let (words, sources) = vocabulary::for_sources(sources, &mut errors);
        let mut pack = Vec::new();
        let mut local = Vec::new();
        // Parsing the patterns (they compile on first use) is most of
        // loading: rules load on every core, and are taken in their files'
        // order.
        let loaded: Vec<_> = {
            use rayon::prelude::*;
            sources
                .par_iter()
                .enumerate()
                .map(|(i, s)| load::load_rule_checked(s, &words, i >= builtin))
                .collect()
        };
        for (i, loaded) in loaded.into_iter().enumerate() {
            match loaded {
                Ok(rule) if i < builtin => pack.push(rule),
                Ok(rule) => local.push(rule),
                Err(errs) => errors.extend(errs.into_iter().map(|e| LoadError::Rule(Box::new(e)))),
            }
        }
        let mut replaced = Vec::new();
        pack.retain(|rule| match local.iter().find(|l| l.id == rule.id) {
            Some(by) => {
                replaced.push(Replaced {
                    id: rule.id.clone(),
                    builtin: rule.file.clone(),
                    by: by.file.clone(),
                });
                false
            }
            None => true,
        });
        pack.extend(local);
        let mut set = RuleSet::new(pack);
        set.vocabulary = words;
        set.replaced = replaced;
        for pair in set.rules.windows(2) {
            if pair[0].id == pair[1].id {
                errors.push(LoadError::Io {
                    path: pair[1].file.clone(),
                    error: std::io::Error::other(format!(
                        "rule id `{}` is also defined in {}",
                        pair[1].id, pair[0].file
                    )),
                });
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// A rule set from rule texts (tests, examples).
    pub fn from_sources(sources: &[RuleSource]) -> Result<RuleSet, Vec<RuleError>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for s in sources {
            match load_rule(s) {
                Ok(r) => rules.push(r),
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok(RuleSet::new(rules))
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}
