//! Turning a rule file into a compiled [`Rule`], with every error located.
//!
//! `mod.rs` reads the file as a whole; `params` reads parameters and
//! tables, `check` each check, and `names` says which names a check's
//! expressions may use.

mod check;
mod names;
mod params;

pub(crate) use params::parse_whole;

use super::error::{RuleError, RuleSource};
use super::schema::{self, RuleFile};
use super::vocabulary::{self, Vocabulary};
use super::{Check, Rule, Table};
use crate::values as value;
use names::Globals;
use std::ops::Range;
use std::sync::Arc;
use toml::Spanned;

/// Loads one rule file with the built-in vocabulary; returns every error
/// found in it.
pub fn load_rule(src: &RuleSource) -> Result<Rule, Vec<RuleError>> {
    load_rule_in(src, &Vocabulary::shared())
}

/// Loads one rule file whose patterns may use `shared`.
pub fn load_rule_in(src: &RuleSource, shared: &Arc<Vocabulary>) -> Result<Rule, Vec<RuleError>> {
    load_rule_checked(src, shared, true)
}

/// [`load_rule_in`], checking the regex syntax of the file's own fragments
/// only with `check_fragments`: the default pack's are checked by a test
/// (`every_builtin_rule_loads_with_its_fragments_checked`), not at every
/// start. Patterns are always parsed, as they must be to compile.
pub(crate) fn load_rule_checked(
    src: &RuleSource,
    shared: &Arc<Vocabulary>,
    check_fragments: bool,
) -> Result<Rule, Vec<RuleError>> {
    let (file, own): (RuleFile, _) = vocabulary::parse_rule_file(&src.text).map_err(|e| {
        let (span, message) = crate::rules::toml_problem(&src.text, &e);
        vec![src.error(span, message, "here", None)]
    })?;
    let mut errors = Vec::new();
    let words = Vocabulary::local_checked(
        Arc::clone(shared),
        &own.lists,
        &own.fragments,
        src,
        &mut errors,
        check_fragments,
    );
    let mut cx = Loader {
        src,
        errors: &mut errors,
        words: &words,
        uses: Vec::new(),
    };
    let rule = cx.rule(file);
    let uses = std::mem::take(&mut cx.uses);
    if errors.is_empty() {
        Ok(Rule {
            uses,
            vocabulary: words,
            ..rule
        })
    } else {
        Err(errors)
    }
}

/// Loads one file, collecting errors rather than stopping at the first.
struct Loader<'a> {
    src: &'a RuleSource,
    errors: &'a mut Vec<RuleError>,
    /// The names patterns may refer to as `{@name}`, and those they do.
    words: &'a Vocabulary,
    uses: Vec<String>,
}

impl Loader<'_> {
    fn err(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        label: &str,
        help: Option<String>,
    ) {
        self.errors
            .push(self.src.error(Some(span), message, label, help));
    }

    /// An error inside a string value, at `inner` bytes of its content.
    fn err_in(
        &mut self,
        value: &Spanned<String>,
        inner: Range<usize>,
        message: String,
        help: Option<String>,
    ) {
        let span = self.src.inner(&value.span(), value.get_ref(), inner);
        self.err(span, message, "here", help);
    }

    fn rule(&mut self, file: RuleFile) -> Rule {
        let id = file.id.get_ref().clone();
        self.kebab_case(&file.id);
        let principles = self.principles(&file.principles);
        let params = self.params(&file.params);
        let tables: Vec<Table> = file
            .tables
            .iter()
            .filter_map(|(name, def)| self.table(name, def))
            .collect();
        let globals = Globals {
            params: &params,
            tables: &tables,
            words: self.words,
        };
        let checks = self.checks(&file.checks, &globals, &file.message);
        for test in &file.tests {
            self.test(test, &id);
        }
        // A rule-level message checked once per check errs once per check.
        self.errors
            .dedup_by(|a, b| a.span == b.span && a.message == b.message);
        Rule {
            id,
            severity: file.severity,
            principles,
            summary: file.summary,
            message: file.message.into_inner(),
            help: file.help,
            url: file.url,
            references: file.references.into(),
            docs: file.docs,
            params,
            tables,
            needs_period: checks.iter().any(|c| c.needs_period),
            needs_date: checks.iter().any(|c| c.needs_date),
            checks,
            tests: file.tests.into_iter().map(Spanned::into_inner).collect(),
            file: self.src.name.clone(),
            vocabulary: Vocabulary::default(),
            uses: Vec::new(),
        }
    }

    fn kebab_case(&mut self, id: &Spanned<String>) {
        let text = id.get_ref();
        let kebab = !text.is_empty()
            && text.split('-').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !kebab {
            self.err(
                id.span(),
                format!("rule id `{text}` is not kebab-case"),
                "not kebab-case",
                Some("use lower-case words joined by hyphens, e.g. `mtfs-horizon`".into()),
            );
        }
    }

    fn principles(&mut self, defs: &[Spanned<String>]) -> Vec<char> {
        let mut principles = Vec::new();
        for p in defs {
            match p.get_ref().as_str() {
                s @ ("A" | "B" | "C" | "D" | "E" | "F" | "G") => {
                    principles.push(s.chars().next().unwrap_or('A'))
                }
                other => self.err(
                    p.span(),
                    format!("`{other}` is not a CIPFA/SOLACE principle"),
                    "unknown principle",
                    Some("the 2016 framework's principles are A to G".into()),
                ),
            }
        }
        principles
    }

    fn checks(
        &mut self,
        defs: &Spanned<Vec<schema::CheckDef>>,
        globals: &Globals<'_>,
        rule_message: &Spanned<String>,
    ) -> Vec<Check> {
        if defs.get_ref().is_empty() {
            self.err(
                defs.span(),
                "a rule needs at least one check",
                "empty",
                None,
            );
        }
        defs.get_ref()
            .iter()
            .filter_map(|def| self.check(def, globals, rule_message))
            .collect()
    }

    /// An example must say what it is and what must happen.
    fn test(&mut self, test: &Spanned<schema::TestDef>, id: &str) {
        let t = test.get_ref();
        let span = test.span();
        if t.text.is_some() == t.path.is_some() {
            self.err(
                span.clone(),
                "an example needs exactly one of `text` and `path`",
                "this example",
                None,
            );
        }
        // Exactly one of `allow` and `expect` must be given.
        if t.allow != t.expect.is_empty() {
            self.err(
                span.clone(),
                "an example needs either `expect = [\"…\"]` or `allow = true`",
                "this example",
                Some(format!("`expect = [\"{id}\"]` when the text must produce a finding, `allow = true` when it must not")),
            );
        }
        if let Some(p) = &t.period
            && p.parse::<value::FinancialYear>().is_err()
        {
            self.err(
                span.clone(),
                format!("`period = \"{p}\"` is not a financial year"),
                "this example",
                None,
            );
        }
        if let Some(d) = &t.date
            && d.parse::<value::Date>().is_err()
        {
            self.err(
                span,
                format!("`date = \"{d}\"` is not a YYYY-MM-DD date"),
                "this example",
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests;
