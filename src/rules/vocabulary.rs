//! The vocabulary of rule patterns: named word lists and regex fragments,
//! written once and used by any rule as `{@name}`.
//!
//! The shared vocabulary is `rules/vocabulary.toml` in the default pack (not
//! a rule: the loader skips that file name), always available, even with
//! `--no-default-rules`. A `--rules DIR` folder may carry its own
//! `vocabulary.toml` that adds entries; reusing a name already defined is an
//! error, so a folder can never change what the built-in rules match. A rule
//! file may define its own `[lists]` and `[fragments]` the same way, for
//! pieces only it uses; their names must not clash with shared ones either.
//!
//! Expansion, at load time:
//! - a list becomes a non-capturing alternation of its entries, escaped,
//!   longest entry first (so "Chief Executive Officer" wins over "Chief
//!   Executive"), each run of spaces matching `\s+`; case-insensitive,
//!   unless the list is marked `case_sensitive` (names, capitalised role
//!   words): `(?i:chief\s+executive|…)`;
//! - a fragment becomes `(?x:fragment\n)`: fragments are always read in
//!   verbose mode, so they can be laid out with `#` comments whatever the
//!   pattern using them does; their case follows the pattern (as if pasted),
//!   unless they set it. A fragment may use lists, other fragments (never
//!   itself, directly or not) and typed captures `{name:kind}`.

use super::error::{RuleError, RuleSource};
use super::pattern::{self, CaptureDef, Reference, Unresolved};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};
use toml::Spanned;

/// The file name of a vocabulary, in the default pack or a `--rules` folder.
pub const FILE_NAME: &str = "vocabulary.toml";

/// Whether `path` names a vocabulary file rather than a rule.
pub fn is_vocabulary_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == FILE_NAME)
}

/// The shared vocabulary for a run: the built-in one plus every vocabulary
/// file among `sources` (from `--rules` folders), and the other sources,
/// which are rules. Errors are added to `errors`.
pub fn for_sources(
    sources: Vec<RuleSource>,
    errors: &mut Vec<super::LoadError>,
) -> (Arc<Vocabulary>, Vec<RuleSource>) {
    let as_load_errors =
        |es: Vec<RuleError>| es.into_iter().map(|e| super::LoadError::Rule(Box::new(e)));
    let mut words = Vocabulary::builtin().unwrap_or_else(|es| {
        errors.extend(as_load_errors(es));
        Arc::default()
    });
    let (files, rules): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .partition(|s| is_vocabulary_file(Path::new(&s.name)));
    for file in &files {
        // A file with errors still adds its good entries, so rules that use
        // them are not reported as well.
        let mut found = Vec::new();
        let defs: Definitions = match toml::from_str(&file.text) {
            Ok(defs) => defs,
            Err(e) => {
                let (span, message) = super::toml_problem(&file.text, &e);
                found.push(file.error(span, message, "here", None));
                Definitions::default()
            }
        };
        let extended = Vocabulary::local(words, &defs.lists, &defs.fragments, file, &mut found);
        words = Arc::new(extended);
        errors.extend(as_load_errors(found));
    }
    (words, rules)
}

/// Reads a rule file: the rule, and its own `[lists]` and `[fragments]`.
/// Those two tables are taken out before the rule is read, so the rule's
/// schema (and its "expected one of …" messages) stays the rule's own.
pub fn parse_rule_file<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<(T, Definitions), toml::de::Error> {
    let mut doc = toml::de::DeTable::parse(text)?;
    let span = doc.span();
    let mut own = toml::de::DeTable::new();
    for key in ["lists", "fragments"] {
        if let Some((k, v)) = doc.get_mut().remove_entry(key) {
            own.insert(k, v);
        }
    }
    let rule = T::deserialize(toml::de::Deserializer::from(doc))?;
    let defs = Definitions::deserialize(toml::de::Deserializer::from(Spanned::new(span, own)))?;
    Ok((rule, defs))
}

/// A vocabulary file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definitions {
    #[serde(default)]
    pub lists: BTreeMap<String, Spanned<ListDef>>,
    #[serde(default)]
    pub fragments: BTreeMap<String, Spanned<String>>,
}

/// A word list: `["Chief Executive", …]`, or
/// `{ case_sensitive = true, words = […] }`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ListDef {
    Words(Vec<String>),
    Marked(MarkedList),
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkedList {
    pub words: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
}

/// One named list or fragment.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    pub kind: EntryKind,
    /// The file that defines it.
    pub file: String,
    /// What `{@name}` becomes in a pattern: a self-contained group.
    pub regex: String,
    /// The typed captures inside it.
    pub captures: Vec<CaptureDef>,
    /// The names a fragment uses.
    pub uses: Vec<String>,
}

#[derive(Clone, Debug)]
pub enum EntryKind {
    List {
        words: Vec<String>,
        case_sensitive: bool,
    },
    Fragment {
        pattern: String,
    },
}

/// Named lists and fragments, over the vocabulary they extend.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    entries: BTreeMap<String, Entry>,
    /// Names whose definition has an error (already reported).
    broken: Vec<String>,
    parent: Option<Arc<Vocabulary>>,
}

impl Vocabulary {
    /// The built-in vocabulary of the default pack, built once per process.
    /// Its fragments' syntax is not checked again at every start (a test
    /// checks it, `the_builtin_vocabulary_checks_clean`), nor is that of
    /// the pack's own rule files: together a tenth of start-up.
    pub fn builtin() -> Result<Arc<Vocabulary>, Vec<RuleError>> {
        static BUILTIN: LazyLock<Result<Arc<Vocabulary>, Vec<RuleError>>> =
            LazyLock::new(|| Vocabulary::build_builtin(false));
        BUILTIN.clone()
    }

    /// Builds the built-in vocabulary, checking its fragments' syntax with
    /// `check_fragments`.
    pub(crate) fn build_builtin(check_fragments: bool) -> Result<Arc<Vocabulary>, Vec<RuleError>> {
        let name = format!("rules/{FILE_NAME}");
        let text = super::DEFAULT_RULES
            .get_file(FILE_NAME)
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        let src = RuleSource {
            name,
            text: text.into(),
        };
        Vocabulary::extend_checked(Arc::default(), &src, check_fragments)
    }

    /// The built-in vocabulary, or an empty one when it has errors (which
    /// `RuleSet::load` and the tests report).
    pub fn shared() -> Arc<Vocabulary> {
        Vocabulary::builtin().unwrap_or_default()
    }

    /// `parent` with the entries of the vocabulary file `src` added.
    pub fn extend(
        parent: Arc<Vocabulary>,
        src: &RuleSource,
    ) -> Result<Arc<Vocabulary>, Vec<RuleError>> {
        Vocabulary::extend_checked(parent, src, true)
    }

    /// [`Vocabulary::extend`], checking each fragment's regex syntax only
    /// with `check_fragments`.
    fn extend_checked(
        parent: Arc<Vocabulary>,
        src: &RuleSource,
        check_fragments: bool,
    ) -> Result<Arc<Vocabulary>, Vec<RuleError>> {
        let defs: Definitions = toml::from_str(&src.text).map_err(|e| {
            let (span, message) = super::toml_problem(&src.text, &e);
            vec![src.error(span, message, "here", None)]
        })?;
        let mut errors = Vec::new();
        let words = Vocabulary::local_checked(
            parent,
            &defs.lists,
            &defs.fragments,
            src,
            &mut errors,
            check_fragments,
        );
        if errors.is_empty() {
            Ok(Arc::new(words))
        } else {
            Err(errors)
        }
    }

    /// The entries defined in `src` (a vocabulary or a rule file) over
    /// `parent`; errors are added to `errors`.
    pub fn local(
        parent: Arc<Vocabulary>,
        lists: &BTreeMap<String, Spanned<ListDef>>,
        fragments: &BTreeMap<String, Spanned<String>>,
        src: &RuleSource,
        errors: &mut Vec<RuleError>,
    ) -> Vocabulary {
        Vocabulary::local_checked(parent, lists, fragments, src, errors, true)
    }

    /// [`Vocabulary::local`], checking each fragment's regex syntax only
    /// with `check_fragments`.
    pub(crate) fn local_checked(
        parent: Arc<Vocabulary>,
        lists: &BTreeMap<String, Spanned<ListDef>>,
        fragments: &BTreeMap<String, Spanned<String>>,
        src: &RuleSource,
        errors: &mut Vec<RuleError>,
        check_fragments: bool,
    ) -> Vocabulary {
        let mut builder = Builder {
            src,
            parent: &parent,
            fragments,
            lists: BTreeMap::new(),
            done: BTreeMap::new(),
            visiting: Vec::new(),
            errors,
            check_fragments,
        };
        for (name, def) in lists {
            if builder.name_is_free(name, def.span(), fragments.contains_key(name)) {
                builder.list(name, def);
            }
        }
        for (name, def) in fragments {
            if builder.name_is_free(name, def.span(), false) {
                builder.fragment(name);
            }
        }
        let mut entries = std::mem::take(&mut builder.lists);
        let mut broken = Vec::new();
        for (name, entry) in std::mem::take(&mut builder.done) {
            match entry {
                Some(e) => {
                    entries.insert(name, e);
                }
                None => broken.push(name),
            }
        }
        Vocabulary {
            entries,
            broken,
            parent: Some(parent),
        }
    }

    /// The entry named `name`, here or in the vocabulary this one extends.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries
            .get(name)
            .or_else(|| self.parent.as_deref()?.get(name))
    }

    /// The words of the list `name` (for `x in @name` in conditions).
    pub fn word_list(&self, name: &str) -> Option<&[String]> {
        match &self.get(name)?.kind {
            EntryKind::List { words, .. } => Some(words),
            EntryKind::Fragment { .. } => None,
        }
    }

    /// Every entry, sorted by name.
    pub fn entries(&self) -> Vec<&Entry> {
        let mut all: BTreeMap<&str, &Entry> = BTreeMap::new();
        let mut layer = Some(self);
        while let Some(v) = layer {
            for (name, entry) in &v.entries {
                all.entry(name).or_insert(entry);
            }
            layer = v.parent.as_deref();
        }
        all.into_values().collect()
    }

    /// Every name, sorted.
    pub fn names(&self) -> Vec<&str> {
        self.entries()
            .into_iter()
            .map(|e| e.name.as_str())
            .collect()
    }

    /// Whether `name` is defined in this layer (not in the one extended).
    fn defines(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    fn is_broken(&self, name: &str) -> bool {
        self.broken.iter().any(|b| b == name)
            || self.parent.as_deref().is_some_and(|p| p.is_broken(name))
    }

    /// What `{@name}` expands to.
    pub fn reference(&self, name: &str) -> Result<Reference, Unresolved> {
        match self.get(name) {
            Some(e) => Ok(Reference {
                regex: e.regex.clone(),
                captures: e.captures.clone(),
            }),
            None if self.is_broken(name) => Err(Unresolved {
                message: format!("`@{name}` could not be defined"),
                help: Some("see the error in its definition".into()),
            }),
            None => Err(unknown(name, &self.names())),
        }
    }
}

fn unknown(name: &str, known: &[&str]) -> Unresolved {
    if !is_name(name) {
        return Unresolved {
            message: format!("`@{name}` is not a vocabulary name"),
            help: Some("names are letters, digits and `_`, e.g. `{@statutory_post}`".into()),
        };
    }
    let help = match closest(name, known.iter().copied()) {
        Some(best) => format!("did you mean `@{best}`? see `govlint explain @{best}`"),
        None => {
            let all: Vec<String> = known.iter().map(|n| format!("@{n}")).collect();
            format!("the vocabulary has: {}", all.join(", "))
        }
    };
    Unresolved {
        message: format!("no list or fragment named `@{name}`"),
        help: Some(help),
    }
}

fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The regex a word list becomes: entries escaped, longest first, spaces
/// as `\s+`, in a group that sets the case.
pub fn list_regex(words: &[String], case_sensitive: bool) -> String {
    let mut sorted: Vec<&String> = words.iter().collect();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let alternatives: Vec<String> = sorted
        .iter()
        .map(|w| {
            let parts: Vec<String> = w.split_whitespace().map(regex::escape).collect();
            parts.join(r"\s+")
        })
        .collect();
    let flag = if case_sensitive { "-i" } else { "i" };
    format!("(?{flag}:{})", alternatives.join("|"))
}

/// Builds one file's entries, fragments in dependency order.
struct Builder<'a> {
    src: &'a RuleSource,
    parent: &'a Vocabulary,
    fragments: &'a BTreeMap<String, Spanned<String>>,
    lists: BTreeMap<String, Entry>,
    /// Built fragments; `None` when the definition has an error.
    done: BTreeMap<String, Option<Entry>>,
    /// The fragments being built, innermost last (to refuse cycles).
    visiting: Vec<String>,
    errors: &'a mut Vec<RuleError>,
    /// Whether fragments' regex syntax is checked (not for the built-in
    /// vocabulary, which a test checks).
    check_fragments: bool,
}

impl Builder<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String, help: Option<String>) {
        self.errors
            .push(self.src.error(Some(span), message, "here", help));
    }

    /// Reports a bad or taken name; true when `name` may be defined.
    fn name_is_free(
        &mut self,
        name: &str,
        span: std::ops::Range<usize>,
        also_fragment: bool,
    ) -> bool {
        if !is_name(name) {
            self.error(
                span,
                format!("`{name}` is not a vocabulary name"),
                Some("use letters, digits and `_`, e.g. `statutory_post`".into()),
            );
            return false;
        }
        if also_fragment {
            self.error(
                span,
                format!("`{name}` is both a list and a fragment"),
                Some("give each its own name".into()),
            );
            return false;
        }
        if let Some(e) = self.parent.get(name) {
            let file = e.file.clone();
            self.error(
                span,
                format!("`@{name}` is already defined in {file}"),
                Some("names in the vocabulary cannot be redefined, so a folder of rules never changes what the built-in rules match: choose another name".into()),
            );
            return false;
        }
        true
    }

    fn list(&mut self, name: &str, def: &Spanned<ListDef>) {
        let (words, case_sensitive) = match def.get_ref() {
            ListDef::Words(w) => (w, false),
            ListDef::Marked(m) => (&m.words, m.case_sensitive),
        };
        let mut seen: Vec<String> = Vec::new();
        for word in words {
            let key = word.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = if case_sensitive {
                key
            } else {
                key.to_lowercase()
            };
            let problem = if key.is_empty() {
                Some(format!("the list `{name}` has an empty entry"))
            } else if seen.contains(&key) {
                Some(format!("the list `{name}` has \"{word}\" twice"))
            } else {
                None
            };
            if let Some(message) = problem {
                self.error(def.span(), message, None);
                return;
            }
            seen.push(key);
        }
        if words.is_empty() {
            self.error(def.span(), format!("the list `{name}` is empty"), None);
            return;
        }
        let entry = Entry {
            name: name.to_owned(),
            kind: EntryKind::List {
                words: words.clone(),
                case_sensitive,
            },
            file: self.src.name.clone(),
            regex: list_regex(words, case_sensitive),
            captures: Vec::new(),
            uses: Vec::new(),
        };
        self.lists.insert(name.to_owned(), entry);
    }

    /// Builds the fragment `name` (and first the fragments it uses).
    fn fragment(&mut self, name: &str) -> Option<Entry> {
        if let Some(done) = self.done.get(name) {
            return done.clone();
        }
        let fragments = self.fragments;
        let def = fragments.get(name)?;
        self.visiting.push(name.to_owned());
        let text = def.get_ref().as_str();
        let check = self.check_fragments;
        let expansion = empty_alternative(text)
            .map_or(Ok(()), Err)
            .and_then(|()| pattern::expand(text, &mut |used| self.reference(used)))
            .and_then(|x| match check {
                true => x.check_syntax(text.len(), true).map(|()| x),
                false => Ok(x),
            });
        self.visiting.pop();
        let entry = match expansion {
            Ok(x) => Some(Entry {
                name: name.to_owned(),
                kind: EntryKind::Fragment {
                    pattern: text.to_owned(),
                },
                file: self.src.name.clone(),
                regex: format!("(?x:{}\n)", x.text),
                captures: x.captures,
                uses: x.uses,
            }),
            Err(e) => {
                let span = self.src.inner(&def.span(), text, e.range);
                self.errors
                    .push(self.src.error(Some(span), e.message, "here", e.help));
                None
            }
        };
        self.done.insert(name.to_owned(), entry.clone());
        entry
    }

    /// What a reference inside a fragment of this file expands to.
    fn reference(&mut self, name: &str) -> Result<Reference, Unresolved> {
        if let Some(at) = self.visiting.iter().position(|v| v == name) {
            let mut cycle: Vec<String> = self.visiting[at..]
                .iter()
                .map(|v| format!("@{v}"))
                .collect();
            cycle.push(format!("@{name}"));
            return Err(Unresolved {
                message: format!("`@{name}` refers to itself: {}", cycle.join(" → ")),
                help: Some("a fragment cannot contain itself; write the repeated part out".into()),
            });
        }
        let entry = if let Some(list) = self.lists.get(name) {
            Some(list.clone())
        } else if self.fragments.contains_key(name) && self.parent.get(name).is_none() {
            match self.fragment(name) {
                Some(e) => Some(e),
                None => {
                    return Err(Unresolved {
                        message: format!("`@{name}` could not be defined"),
                        help: Some("see the error in its definition".into()),
                    });
                }
            }
        } else {
            self.parent.get(name).cloned()
        };
        match entry {
            Some(e) => Ok(Reference {
                regex: e.regex,
                captures: e.captures,
            }),
            None => {
                let mut known = self.parent.names();
                known.extend(self.lists.keys().map(String::as_str));
                known.extend(self.fragments.keys().map(String::as_str));
                Err(unknown(name, &known))
            }
        }
    }
}

/// A `|` at the very start or end of a fragment leaves an empty
/// alternative, which matches anywhere: an easy slip when a fragment is cut
/// out of a longer alternation.
fn empty_alternative(text: &str) -> Option<pattern::PatternError> {
    let code = |line: &str| !line.trim().is_empty() && !line.trim_start().starts_with('#');
    let mut offset = 0;
    let mut first = None;
    let mut last = None;
    for line in text.split_inclusive('\n') {
        if code(line) {
            let lead = line.len() - line.trim_start().len();
            first.get_or_insert((offset + lead, line.trim()));
            last = Some((offset + lead + line.trim().len(), line.trim()));
        }
        offset += line.len();
    }
    let bad = match (first, last) {
        (Some((at, l)), _) if l.starts_with('|') => at..at + 1,
        (_, Some((end, l))) if l.ends_with('|') && !l.ends_with("\\|") => end - 1..end,
        _ => return None,
    };
    Some(pattern::PatternError {
        range: bad,
        message: "this `|` leaves an empty alternative, which matches anywhere".into(),
        help: Some("remove it, and keep the `|` in the pattern that uses the fragment".into()),
    })
}

mod explain;
pub(crate) mod suggest;

pub use explain::{explain_entry, explain_uses};
use suggest::closest;

#[cfg(test)]
mod tests;
