//! Rule patterns: regexes in which `{name:kind}` captures a typed value and
//! `{@name}` stands for a vocabulary list or fragment (see `vocabulary`).
//!
//! `{horizon:fy_range}` becomes `(?P<horizon>…)` with the model's own regex
//! for year ranges, so rules and the statement model agree on what a value
//! looks like. Plain named groups `(?P<name>…)` capture text.

use super::lazy_regex::LazyRegex;
use super::vocabulary::Vocabulary;
use crate::values::ValueKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// An escape (skipped), a typed placeholder, or a vocabulary reference. A
/// reference's name is checked by the vocabulary, so a misspelt one such as
/// `{@statutory-post}` gets a "did you mean" instead of a regex error.
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\\.|\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z_]*)\}|\{@([^{}\s]*)\}")
        .expect("placeholder pattern is valid")
});

/// A capture a pattern defines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureDef {
    pub name: String,
    /// `None` for a plain named group, which captures text.
    pub kind: Option<ValueKind>,
}

/// A compiled pattern and the captures it defines.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub regex: LazyRegex,
    pub captures: Vec<CaptureDef>,
    /// The pattern with placeholders and references expanded (before word
    /// boundaries are made ASCII).
    pub expanded: String,
    /// The vocabulary names the pattern refers to, in order of first use.
    pub uses: Vec<String>,
}

/// What is wrong with a pattern, at a byte range of the pattern text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// What a vocabulary reference stands for.
#[derive(Clone, Debug)]
pub struct Reference {
    /// Regex text, a self-contained group.
    pub regex: String,
    /// The typed captures inside it.
    pub captures: Vec<CaptureDef>,
}

/// Why a reference could not be expanded.
#[derive(Clone, Debug)]
pub struct Unresolved {
    pub message: String,
    pub help: Option<String>,
}

/// A pattern with its placeholders and references expanded.
#[derive(Clone, Debug)]
pub struct Expansion {
    pub text: String,
    /// The typed captures, in order.
    pub captures: Vec<CaptureDef>,
    /// The vocabulary names referred to, in order of first use.
    pub uses: Vec<String>,
    /// Each expanded piece: its range in the source, its range in `text`,
    /// and the vocabulary name for a reference.
    pieces: Vec<(Range<usize>, Range<usize>, Option<String>)>,
}

/// Where an offset of the expansion comes from.
enum Origin {
    /// The source text at this offset.
    Source(usize),
    /// Inside the expansion of piece number `n`.
    Piece(usize),
}

/// Expands typed placeholders and, through `resolve`, vocabulary
/// references.
pub fn expand(
    text: &str,
    resolve: &mut dyn FnMut(&str) -> Result<Reference, Unresolved>,
) -> Result<Expansion, PatternError> {
    let mut out = Expansion {
        text: String::with_capacity(text.len() * 2),
        captures: Vec::new(),
        uses: Vec::new(),
        pieces: Vec::new(),
    };
    let mut last = 0;
    for caps in PLACEHOLDER.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let (replacement, name) = if let (Some(name), Some(kind)) = (caps.get(1), caps.get(2)) {
            let Some(value_kind) = ValueKind::from_name(kind.as_str()) else {
                let kinds: Vec<&str> = ValueKind::ALL.iter().map(|k| k.name()).collect();
                return Err(PatternError {
                    range: kind.range(),
                    message: format!("unknown value type `{}`", kind.as_str()),
                    help: Some(format!("the value types are: {}", kinds.join(", "))),
                });
            };
            out.captures.push(CaptureDef {
                name: name.as_str().to_owned(),
                kind: Some(value_kind),
            });
            let group = format!("(?P<{}>{})", name.as_str(), value_kind.pattern());
            (group, None)
        } else if let Some(name) = caps.get(3) {
            let reference = resolve(name.as_str()).map_err(|u| PatternError {
                range: whole.range(),
                message: u.message,
                help: u.help,
            })?;
            out.captures.extend(reference.captures);
            if !out.uses.iter().any(|u| u == name.as_str()) {
                out.uses.push(name.as_str().to_owned());
            }
            (reference.regex, Some(name.as_str().to_owned()))
        } else {
            continue; // an escape such as `\{`
        };
        out.text.push_str(&text[last..whole.start()]);
        let start = out.text.len();
        out.text.push_str(&replacement);
        out.pieces
            .push((whole.range(), start..out.text.len(), name));
        last = whole.end();
    }
    out.text.push_str(&text[last..]);
    Ok(out)
}

impl Expansion {
    fn origin(&self, at: usize) -> Origin {
        let (mut source_end, mut text_end) = (0, 0);
        for (n, (source, text, _)) in self.pieces.iter().enumerate() {
            if at < text.start {
                break;
            }
            if at < text.end {
                return Origin::Piece(n);
            }
            (source_end, text_end) = (source.end, text.end);
        }
        Origin::Source(source_end + (at - text_end))
    }

    /// Checks the regex syntax, reporting an error at the source bytes it
    /// comes from: an error inside an expansion points at the placeholder
    /// or reference. A fragment (`as_fragment`) is read in verbose mode and
    /// checked by its own text, then in full only to place an error, as it
    /// may sit unused until a rule refers to it; a pattern is checked here
    /// only to place the error its parse found (see [`compile_in`]).
    pub fn check_syntax(&self, source_len: usize, as_fragment: bool) -> Result<(), PatternError> {
        if as_fragment && self.own_text_is_valid() {
            return Ok(());
        }
        let error = if as_fragment {
            match regex_syntax::ParserBuilder::new()
                .ignore_whitespace(true)
                .build()
                .parse(&self.text)
            {
                Ok(_) => return Ok(()),
                Err(regex_syntax::Error::Parse(e)) => (*e.span(), e.kind().to_string()),
                Err(regex_syntax::Error::Translate(e)) => (*e.span(), e.kind().to_string()),
                Err(e) => (
                    regex_syntax::ast::Span::splat(regex_syntax::ast::Position::new(0, 1, 1)),
                    e.to_string(),
                ),
            }
        } else {
            match regex_syntax::ast::parse::Parser::new().parse(&self.text) {
                Ok(_) => return Ok(()),
                Err(e) => (*e.span(), e.kind().to_string()),
            }
        };
        let (span, kind) = error;
        let (start, end) = (span.start.offset, span.end.offset);
        let (range, inside) = match self.origin(start) {
            Origin::Piece(n) => (self.pieces[n].0.clone(), self.pieces[n].2.as_deref()),
            Origin::Source(s) => {
                let e = match self.origin(end) {
                    Origin::Piece(n) => self.pieces[n].0.end,
                    Origin::Source(e) => e,
                };
                (s..e.max(s + 1), None)
            }
        };
        let range = range.start.min(source_len)..range.end.min(source_len);
        Err(match inside {
            Some(name) => PatternError {
                range,
                message: format!("invalid regex where `{{@{name}}}` is expanded: {kind}"),
                help: Some(format!(
                    "see `govlint explain @{name}`; a capture inside a fragment can be used once per pattern, so put a capture that is needed twice around the reference instead, e.g. `(?P<who>{{@{name}}})`"
                )),
            },
            None => PatternError {
                range,
                message: format!("invalid regex: {kind}"),
                help: None,
            },
        })
    }

    /// Whether a fragment is valid, checked the cheap way: its own text,
    /// with each reference (checked when it was defined) as an empty group.
    /// Parsing the whole expansion, references and all, over again for
    /// every fragment that uses them was a good part of loading the pack;
    /// it is done only to place an error. A capture name used both here and
    /// in a reference is found where a rule uses the fragment.
    fn own_text_is_valid(&self) -> bool {
        let mut own = String::with_capacity(self.text.len());
        let mut last = 0;
        for (_, text, reference) in &self.pieces {
            if reference.is_some() {
                own.push_str(&self.text[last..text.start]);
                own.push_str("(?:)");
                last = text.end;
            }
        }
        own.push_str(&self.text[last..]);
        regex_syntax::ParserBuilder::new()
            .ignore_whitespace(true)
            .build()
            .parse(&own)
            .is_ok()
    }
}

/// Compiles a rule pattern, expanding typed placeholders (no vocabulary).
pub fn compile(text: &str) -> Result<Pattern, PatternError> {
    compile_in(text, &Vocabulary::default())
}

/// Compiles a rule pattern, expanding typed placeholders and references to
/// `words`.
pub fn compile_in(text: &str, words: &Vocabulary) -> Result<Pattern, PatternError> {
    let expansion = expand(text, &mut |name| words.reference(name))?;
    let regex = LazyRegex::new(&fast_form(&expansion.text)).map_err(|e| {
        // Parsed again only to say where: at the placeholder or reference
        // the error comes from, when it is a syntax error.
        let located = expansion.check_syntax(text.len(), false).err();
        located.unwrap_or(PatternError {
            range: 0..text.len(),
            message: format!("invalid regex: {e}"),
            help: None,
        })
    })?;
    let Expansion {
        text: expanded,
        mut captures,
        uses,
        ..
    } = expansion;
    for name in regex.capture_names() {
        if !captures.iter().any(|c| c.name == name) {
            captures.push(CaptureDef {
                name: name.to_owned(),
                kind: None,
            });
        }
    }
    Ok(Pattern {
        regex,
        captures,
        expanded,
        uses,
    })
}

impl Pattern {
    /// Whether the pattern can match empty text (`x*`, `(?:word)?`, `\b`):
    /// a search would then match at every position of a document.
    pub fn matches_empty(&self) -> bool {
        self.regex.hir().properties().minimum_len() == Some(0)
    }

    /// The pattern, refused when it can match empty text (see
    /// [`Pattern::matches_empty`]); `text` is the pattern as written.
    pub fn non_empty(self, text: &str) -> Result<Pattern, PatternError> {
        if !self.matches_empty() {
            return Ok(self);
        }
        Err(PatternError {
            range: 0..text.len(),
            message: "this pattern can match empty text, so it would match at every position"
                .into(),
            help: Some(
                "make it match at least one character: `x+` rather than `x*`, no group that is wholly optional (`(?:…)?`), and not `^`, `$` or `\\b` alone"
                    .into(),
            ),
        })
    }
}

/// Rewrites a pattern into a form the regex crate compiles and runs fast,
/// matching the same text in English prose:
/// - `\b` and `\B` outside character classes become ASCII word boundaries.
///   A Unicode boundary stops the regex crate's fast DFA at the first
///   non-ASCII byte (£, ’, –, all common in statements) and costs about
///   twenty times as much; for English prose the two agree.
/// - Under `(?i)`, a class that case folding cannot change (`[^\S\n]`,
///   `[\w’-]`, `\w`) is marked `(?-i:…)`. The crate folds every range of a
///   class, and `(?i)[^\S\n]` alone takes 8 ms to compile; the pack has
///   hundreds. A class is left as it is when it names a letter.
/// - `\d`, in a class or not, is an ASCII digit. A Unicode `\d` is some
///   seventy ranges, which made the regexes that count (paragraph numbers,
///   years, sums) several times bigger to compile; and the values govlint
///   reads from digits are read as ASCII digits anyway.
pub fn fast_form(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some('w') => out.push_str("(?-i:\\w)"),
                Some('d') => out.push_str("[0-9]"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                let class = class_at(chars.as_str());
                chars = chars.as_str()[class.len()..].chars();
                let class = &ascii_digits(class);
                if fold_free(class) {
                    out.push_str("(?-i:[");
                    out.push_str(class);
                    out.push(')');
                } else {
                    out.push('[');
                    out.push_str(class);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A class's text (after its `[`) with each `\d` written `0-9`.
fn ascii_digits(class: &str) -> String {
    let mut out = String::with_capacity(class.len());
    let mut chars = class.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("0-9"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// The rest of a bracketed class after its `[`, up to and including the
/// `]` that closes it (all of `rest` if none does).
fn class_at(rest: &str) -> &str {
    let mut depth = 1usize;
    // A `]` or `^]` right after the opening bracket is literal.
    let mut i = if rest.starts_with("^]") {
        2
    } else {
        usize::from(rest.starts_with(']'))
    };
    let bytes = rest.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return &rest[..=i];
                }
            }
            _ => {}
        }
        i += 1;
    }
    rest
}

/// Whether case folding leaves a class (the text after its `[`) as it is,
/// and it is worth saying so: it holds a Perl class (`\s`, `\S`, `\d`,
/// `\D`, `\w`, `\W`, each closed under folding, as are their complements)
/// and otherwise only characters that are not letters or digits, written
/// or escaped. Nested and named classes are left alone.
fn fold_free(class: &str) -> bool {
    let Some(body) = class.strip_suffix(']') else {
        return false;
    };
    let mut perl = false;
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('s' | 'S' | 'd' | 'D' | 'w' | 'W') => perl = true,
                Some('n' | 't' | 'r' | 'f' | 'v') => {}
                Some('x') => {
                    // `\x27` or `\x{2019}`: a character given by its code.
                    let rest = chars.as_str();
                    let (hex, len) = match rest.strip_prefix('{') {
                        Some(braced) => match braced.find('}') {
                            Some(end) => (&braced[..end], end + 2),
                            None => return false,
                        },
                        None => (rest.get(..2).unwrap_or(""), 2),
                    };
                    let code = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                    if code.is_none_or(|c| c.is_alphanumeric()) {
                        return false;
                    }
                    chars = rest[len..].chars();
                }
                Some(e) if !e.is_alphanumeric() => {}
                _ => return false,
            },
            '[' => return false,
            c if c.is_alphanumeric() => return false,
            _ => {}
        }
    }
    perl
}

/// Compiles a plain regex (`within`, `unless`), with placeholders refused.
pub fn compile_plain(text: &str) -> Result<LazyRegex, PatternError> {
    compile_plain_in(text, &Vocabulary::default()).map(|p| p.regex)
}

/// Compiles a plain regex with references to `words`; typed captures are
/// refused.
pub fn compile_plain_in(text: &str, words: &Vocabulary) -> Result<Pattern, PatternError> {
    let p = compile_in(text, words)?;
    if let Some(c) = p.captures.iter().find(|c| c.kind.is_some()) {
        let range = match text.find(&format!("{{{}:", c.name)) {
            Some(at) => at..at + c.name.len() + 2,
            None => 0..text.len(),
        };
        return Err(PatternError {
            range,
            message: "typed captures are only allowed in `patterns`".into(),
            help: None,
        });
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_named_groups() {
        let p = compile(r"(?i)MTFS .* {horizon:fy} \{literal\}").map_err(|e| e.message);
        let p = p.as_ref().map(|p| p.captures.clone());
        assert_eq!(
            p,
            Ok(vec![CaptureDef {
                name: "horizon".into(),
                kind: Some(ValueKind::FinancialYear)
            }])
        );
    }

    #[test]
    fn classes_case_folding_cannot_change_are_compiled_without_it() {
        let cases = [
            (r"(?i)a[^\S\n]+b", r"(?i)a(?-i:[^\S\n])+b"),
            (r"[\w’\x27-]+", r"(?-i:[\w’\x27-])+"),
            (r"\w+\s", r"(?-i:\w)+\s"),
            (r"[^|\s\-:]", r"(?-i:[^|\s\-:])"),
            // Not worth it without a Perl class; not safe with a letter,
            // a letter's code, a nested or a named class.
            (r"[^.;]", r"[^.;]"),
            (r"[a\s]", r"[a\s]"),
            (r"[\x41\s]", r"[\x41\s]"),
            (r"[\s[x]]", r"[\s[x]]"),
            (r"[\p{L}\s]", r"[\p{L}\s]"),
            (r"[\s", r"[\s"),
        ];
        for (pattern, fast) in cases {
            assert_eq!(fast_form(pattern), fast, "{pattern}");
        }
        // The same matches, with and without case folding in force.
        let text = "Leader’s\tREPORT – d’Arcy 2023 ÉTÉ été\nx_y";
        for pattern in [
            r"(?i)[^\S\n]",
            r"(?i)[\w’\x27-]+",
            r"(?i)\w+",
            r"(?i)[\W\d]+",
        ] {
            let plain: Vec<&str> = regex::Regex::new(pattern)
                .map(|r| r.find_iter(text).map(|m| m.as_str()).collect())
                .unwrap_or_default();
            let fast: Vec<&str> = regex::Regex::new(&fast_form(pattern))
                .map(|r| r.find_iter(text).map(|m| m.as_str()).collect())
                .unwrap_or_default();
            assert!(!plain.is_empty(), "{pattern}");
            assert_eq!(plain, fast, "{pattern}");
        }
    }

    #[test]
    fn digits_are_ascii_digits() {
        assert_eq!(fast_form(r"\d+\.\d"), r"[0-9]+\.[0-9]");
        assert_eq!(fast_form(r"[\d.,]\\d"), r"[0-9.,]\\d");
        assert_eq!(fast_form(r"(?i)[^\d\s]"), r"(?i)[^0-9\s]");
        let p = compile(r"\d+").map(|p| p.regex.find_iter("12 ٣٤ 5").count());
        assert_eq!(p.ok(), Some(2));
    }

    #[test]
    fn word_boundaries_become_ascii_outside_classes() {
        assert_eq!(fast_form(r"\bMTFS\b"), r"(?-u:\b)MTFS(?-u:\b)");
        assert_eq!(fast_form(r"[\b]\\b\B"), r"[\b]\\b(?-u:\B)");
        assert_eq!(fast_form(r"[]\b]x\b"), r"[]\b]x(?-u:\b)");
        // Matching is unchanged on ASCII words next to non-ASCII text.
        let p = compile(r"(?i)\bleader\b").map(|p| p.regex.find_iter("£5m – the Leader’s").count());
        assert_eq!(p.ok(), Some(1));
    }

    #[test]
    fn patterns_that_can_match_empty_text_are_found() {
        for text in ["", "x*", r"\b", "^", "(?i)(?:MTFS)?", "a|", "{@x}?"] {
            let p = compile(&text.replace("{@x}", "(?:y)"));
            assert!(p.is_ok_and(|p| p.matches_empty()), "{text:?}");
        }
        for text in [
            r"\bMTFS\b",
            "x+",
            "(?:a|b)c?",
            "{when:date}",
            r"(?i)^\s*\d+\.",
        ] {
            let p = compile(text);
            assert!(p.is_ok_and(|p| !p.matches_empty()), "{text:?}");
        }
        let err = compile("x*").and_then(|p| p.non_empty("x*")).err();
        assert_eq!(err.as_ref().map(|e| e.range.clone()), Some(0..2));
        assert!(err.is_some_and(|e| e.message.contains("can match empty text")));
    }

    #[test]
    fn unknown_kind_points_at_the_kind() {
        let text = "costs {x:mony}";
        let err = compile(text).err();
        assert_eq!(err.as_ref().map(|e| &text[e.range.clone()]), Some("mony"));
    }

    #[test]
    fn regex_errors_point_into_the_original_text() {
        let text = "{when:date} (unclosed";
        let err = compile(text).err();
        assert_eq!(err.as_ref().map(|e| e.range.start), Some(12));
        assert!(err.is_some_and(|e| e.message.contains("unclosed")));
    }
}
