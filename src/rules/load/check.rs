//! One `[[check]]`: the flat TOML `CheckDef` becomes the `CheckKind`
//! variant it describes, and every combination that no variant can hold is
//! rejected with an error in the TOML.
//!
//! Errors come in a fixed order (scope, patterns, regexes, expressions,
//! marks), which the rendered diagnostics show.

use super::Loader;
use super::names::{Globals, NameScope, uses};
use crate::rules::expr::{self, Expr, Scope as NameLookup};
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::pattern::{self, CaptureDef, Pattern, PatternError};
use crate::rules::schema::{CheckDef, FoundDef, KindName, Scope};
use crate::rules::template::Template;
use crate::rules::{
    Assert, Check, CheckKind, Fact, Found, Marks, Matcher, Matching, REFERENCE_KINDS, Require,
};
use std::ops::Range;
use toml::Spanned;

/// A check's patterns as compiled.
struct Patterns {
    compiled: Vec<Pattern>,
    /// Every capture of every pattern, in order.
    captures: Vec<CaptureDef>,
    /// Whether every pattern compiled; if not, the captures are unknown.
    complete: bool,
    /// Where errors about the patterns as a whole point.
    span: Range<usize>,
}

/// A check's conditions and templates, parsed and type-checked.
struct Expressions {
    condition: Option<Expr>,
    when: Option<Expr>,
    message: Option<Template>,
    label: Option<Template>,
}

/// The parts of a check that only some kinds use, all loaded without error.
struct Parts {
    matcher: Matcher,
    each: Scope,
    condition: Option<Expr>,
    marks: Marks,
}

impl Parts {
    /// The variant `kind` names, holding the parts it uses.
    fn into_kind(self, kind: KindName) -> Option<CheckKind> {
        let Parts {
            matcher,
            each,
            condition,
            marks,
        } = self;
        Some(match kind {
            KindName::Require => CheckKind::Require(Require {
                matcher,
                each,
                condition,
            }),
            KindName::Forbid => CheckKind::Forbid(Matching {
                matcher,
                condition,
                marks,
            }),
            KindName::Assert => CheckKind::Assert(Assert {
                matcher,
                condition: condition?,
                marks,
            }),
            // A numbering check reads numbered paragraphs, not matches: its
            // `unless` and `condition` are checked but have no use.
            KindName::Numbering => CheckKind::Numbering,
            KindName::Resolve => CheckKind::Resolve(Matching {
                matcher,
                condition,
                marks,
            }),
        })
    }
}

impl Loader<'_> {
    pub(super) fn check(
        &mut self,
        def: &CheckDef,
        globals: &Globals<'_>,
        rule_message: &Spanned<String>,
    ) -> Option<Check> {
        let before = self.errors.len();
        let kind = *def.kind.get_ref();
        let scope = def.scope.as_ref().map_or(Scope::Sentence, |s| *s.get_ref());
        let each = self.each(def, kind, scope);
        let patterns = self.patterns(def, kind, scope, globals);
        // An empty-matching `within` is harmless: it selects every section.
        let within = def.within.as_ref().and_then(|w| self.plain(w));
        if !patterns.complete {
            // Checking what uses the captures would only repeat the
            // pattern's error in other words.
            return None;
        }
        let unless = self.unless(&def.unless);
        let unless_found = def.unless_found.as_ref().and_then(|f| self.found(f));
        let only_if_found = def.only_if_found.as_ref().and_then(|f| self.found(f));
        let on_matches = NameScope::of_matches(globals, kind, scope, &patterns.captures);
        let exprs = self.expressions(def, kind, &on_matches, globals, rule_message);
        let marks = self.marks(def, kind, &patterns, &on_matches);
        if kind == KindName::Assert && def.condition.is_none() {
            self.err(
                patterns.span,
                "an `assert` check needs a `condition`",
                "here",
                None,
            );
        }
        if self.errors.len() > before {
            return None;
        }
        let parts = Parts {
            matcher: Matcher {
                scope,
                patterns: patterns.compiled,
                captures: patterns.captures,
                unless,
                ignore_negated: def.ignore_negated,
            },
            each,
            condition: exprs.condition,
            marks,
        };
        let mut check = Check {
            kind: parts.into_kind(kind)?,
            within,
            when: exprs.when,
            unless_found,
            only_if_found,
            message: exprs.message?,
            label: exprs.label,
            draft_severity: def.draft_severity,
            needs_period: false,
            needs_date: false,
        };
        check.needs_period = uses(&check, Fact::Period);
        check.needs_date = uses(&check, Fact::StatementDate);
        Some(check)
    }

    /// `each`: only `require` has one, a container at least as wide as
    /// `scope`. The document when not given.
    fn each(&mut self, def: &CheckDef, kind: KindName, scope: Scope) -> Scope {
        let Some(e) = &def.each else {
            return Scope::Document;
        };
        if kind != KindName::Require {
            self.err(
                e.span(),
                "`each` only applies to `require` checks",
                "here",
                None,
            );
            return Scope::Document;
        }
        let each = *e.get_ref();
        let container = matches!(
            each,
            Scope::Document | Scope::Section | Scope::Paragraph | Scope::Row
        );
        if !container || each > scope {
            self.err(
                e.span(),
                format!("`each = \"{}\"` cannot hold a {} scope", each.as_str(), scope.as_str()),
                "here",
                Some("`each` is the container (document, section, paragraph or row) and must be at least as wide as `scope`".into()),
            );
        }
        each
    }

    /// Compiles the patterns: `numbering` takes none, every other kind at
    /// least one; capture names must be free; `resolve` needs a reference.
    fn patterns(
        &mut self,
        def: &CheckDef,
        kind: KindName,
        scope: Scope,
        globals: &Globals<'_>,
    ) -> Patterns {
        let texts: &[Spanned<String>] = def
            .patterns
            .as_ref()
            .map_or(&[], |p| p.get_ref().as_slice());
        let span = def.patterns.as_ref().map_or(def.kind.span(), Spanned::span);
        match (kind, texts.is_empty()) {
            (KindName::Numbering, false) => self.err(
                span.clone(),
                "a `numbering` check takes no patterns",
                "remove these",
                Some("it checks the document's numbered paragraphs itself".into()),
            ),
            (KindName::Numbering, true) => {}
            (_, true) => self.err(
                span.clone(),
                "a check needs at least one pattern",
                "here",
                None,
            ),
            _ => {}
        }
        let mut compiled = Vec::new();
        let mut captures: Vec<CaptureDef> = Vec::new();
        for text in texts {
            let text_str = text.get_ref();
            match pattern::compile_in(text_str, self.words).and_then(|p| p.non_empty(text_str)) {
                Ok(p) => {
                    self.used(&p.uses);
                    for c in &p.captures {
                        if captures.iter().any(|d| d.name == c.name)
                            || globals.is_taken(&c.name, kind, scope)
                        {
                            self.capture_in_use(text, c);
                        }
                    }
                    captures.extend(p.captures.iter().cloned());
                    compiled.push(p);
                }
                Err(e) => self.pattern_error(text, e),
            }
        }
        let is_reference = |c: &CaptureDef| REFERENCE_KINDS.contains(&c.name.as_str());
        if kind == KindName::Resolve && !captures.iter().any(is_reference) {
            self.err(
                span.clone(),
                "a `resolve` check needs a capture named `section`, `paragraph`, `appendix` or `annex`",
                "in these patterns",
                Some("e.g. '(?i)\\bsee section (?P<section>\\d+(?:\\.\\d+)*)'".into()),
            );
        }
        Patterns {
            complete: compiled.len() == texts.len(),
            compiled,
            captures,
            span,
        }
    }

    fn capture_in_use(&mut self, text: &Spanned<String>, capture: &CaptureDef) {
        let at = text.get_ref().find(&capture.name).unwrap_or(0);
        self.err_in(
            text,
            at..at + capture.name.len(),
            format!("capture name `{}` is already in use", capture.name),
            Some("each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names".into()),
        );
    }

    /// The condition (over matches), `when` (over the statement), and the
    /// message and label. A `require` finding means nothing matched, so its
    /// message and label see no captures or built-in names.
    fn expressions(
        &mut self,
        def: &CheckDef,
        kind: KindName,
        on_matches: &NameScope<'_>,
        globals: &Globals<'_>,
        rule_message: &Spanned<String>,
    ) -> Expressions {
        let on_statement = NameScope::of_statement(globals);
        let message_scope = if kind == KindName::Require {
            &on_statement
        } else {
            on_matches
        };
        let condition = def
            .condition
            .as_ref()
            .and_then(|c| self.condition(c, on_matches));
        let when = def
            .when
            .as_ref()
            .and_then(|c| self.condition(c, &on_statement));
        // The rule-level message serves every check without its own, so it
        // is checked (and parsed) in each such check's scope.
        let message = self.template(def.message.as_ref().unwrap_or(rule_message), message_scope);
        let label = def
            .label
            .as_ref()
            .and_then(|m| self.template(m, message_scope));
        Expressions {
            condition,
            when,
            message,
            label,
        }
    }

    /// `anchor` and `labels` name captures; a `require` finding has none.
    fn marks(
        &mut self,
        def: &CheckDef,
        kind: KindName,
        patterns: &Patterns,
        on_matches: &NameScope<'_>,
    ) -> Marks {
        let captures = &patterns.captures;
        let capture_index = |name: &str| captures.iter().position(|c| c.name == name);
        let mut anchor = Vec::new();
        if let Some(a) = &def.anchor {
            for name in a.get_ref().names() {
                match capture_index(name) {
                    Some(i) => anchor.push(i),
                    None => self.err(
                        a.span(),
                        format!("no capture named `{name}` in this check"),
                        "unknown capture",
                        capture_help(captures),
                    ),
                }
            }
        }
        let mut labels = Vec::new();
        for (name, text) in &def.labels {
            match capture_index(name) {
                Some(i) => {
                    if let Some(t) = self.template(text, on_matches) {
                        labels.push((i, t));
                    }
                }
                None => self.err(
                    text.span(),
                    format!("no capture named `{name}` in this check"),
                    "label for an unknown capture",
                    capture_help(captures),
                ),
            }
        }
        if kind == KindName::Require && (!anchor.is_empty() || !labels.is_empty()) {
            self.err(
                patterns.span.clone(),
                "a `require` finding has no match to label",
                "here",
                Some("remove `anchor` and `labels` from this check".into()),
            );
        }
        Marks { anchor, labels }
    }

    fn found(&mut self, def: &FoundDef) -> Option<Found> {
        let mut patterns = Vec::new();
        for p in &def.patterns {
            patterns.push(self.searched(p)?.regex);
        }
        let within = match &def.within {
            Some(w) => Some(self.plain(w)?),
            None => None,
        };
        Some(Found {
            scope: def.scope.as_ref().map_or(Scope::Sentence, |s| *s.get_ref()),
            within,
            patterns,
        })
    }

    fn condition(&mut self, text: &Spanned<String>, scope: &NameScope<'_>) -> Option<Expr> {
        expr::parse_condition(text.get_ref(), scope)
            .map_err(|e| self.err_in(text, e.span, e.message, e.help))
            .ok()
    }

    fn template(&mut self, text: &Spanned<String>, scope: &dyn NameLookup) -> Option<Template> {
        Template::parse(text.get_ref(), scope)
            .map_err(|e| self.err_in(text, e.span, e.message, e.help))
            .ok()
    }

    fn pattern_error(&mut self, text: &Spanned<String>, e: PatternError) {
        self.err_in(text, e.range, e.message, e.help);
    }

    fn plain(&mut self, text: &Spanned<String>) -> Option<LazyRegex> {
        self.plain_pattern(text).map(|p| p.regex)
    }

    fn plain_pattern(&mut self, text: &Spanned<String>) -> Option<pattern::Pattern> {
        let compiled = pattern::compile_plain_in(text.get_ref(), self.words)
            .map_err(|e| self.pattern_error(text, e))
            .ok()?;
        self.used(&compiled.uses);
        Some(compiled)
    }

    /// A plain pattern that is searched for, so must not match empty text.
    fn searched(&mut self, text: &Spanned<String>) -> Option<pattern::Pattern> {
        let compiled = self.plain_pattern(text)?;
        compiled
            .non_empty(text.get_ref())
            .map_err(|e| self.pattern_error(text, e))
            .ok()
    }

    fn used(&mut self, names: &[String]) {
        for name in names {
            if !self.uses.contains(name) {
                self.uses.push(name.clone());
            }
        }
    }

    /// All `unless` patterns as one regex.
    fn unless(&mut self, texts: &[Spanned<String>]) -> Option<LazyRegex> {
        let mut ok = Vec::new();
        for t in texts {
            if let Some(p) = self.searched(t) {
                ok.push(format!("(?:{})", p.expanded));
            }
        }
        if ok.is_empty() {
            return None;
        }
        // In the fast form, as every other pattern is.
        LazyRegex::new(&pattern::fast_form(&ok.join("|"))).ok()
    }
}

fn capture_help(captures: &[CaptureDef]) -> Option<String> {
    if captures.is_empty() {
        Some("this check's patterns define no captures; add `{name:type}` or `(?P<name>…)` to a pattern".into())
    } else {
        let names: Vec<&str> = captures.iter().map(|c| c.name.as_str()).collect();
        Some(format!("the captures are: {}", names.join(", ")))
    }
}
