//! Rule regexes compiled when first used, once per distinct text.
//!
//! Compiling the pack's regexes was most of a run's start-up, yet a
//! statement reaches only the patterns whose literals it contains (see the
//! engine's prefilter). So a rule's regex is checked when the rule loads
//! (parsed to its syntax tree: every syntax error is found then, with the
//! rule file pointed at) and compiled on first use. A regex big enough
//! that compiling could fail on the size limit is compiled at load, so
//! that failure is still a load error. Identical texts share one compiled
//! regex (rules repeat vocabulary-built patterns).

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures as Groups;
use regex_automata::{Input, Span};
use regex_syntax::hir::{Class, ClassUnicodeRange, Hir, HirKind};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex, OnceLock, Weak};

/// A regex compiled on first use; clones share the compiled regex.
#[derive(Clone)]
pub struct LazyRegex(Arc<Inner>);

struct Inner {
    text: String,
    hir: Hir,
    /// `None` if building failed, which the size estimate rules out.
    compiled: OnceLock<Option<Regex>>,
}

/// The most memory one compiled regex may take: four times the regex
/// crate's default, which the pack's officer-title patterns come within a
/// factor of three of.
const SIZE_LIMIT: usize = 40 << 20;

/// A regex whose estimated size is above this is compiled at load. The
/// estimate is at least 0.9 of the real size on the pack and on heavy
/// Unicode classes, so a regex below it compiles well within
/// [`SIZE_LIMIT`] when first used.
const EAGER_ABOVE: usize = 10 << 20;

/// Texts already made, so that identical texts share one compilation.
static MADE: LazyLock<Mutex<HashMap<String, Weak<Inner>>>> = LazyLock::new(Mutex::default);

impl LazyRegex {
    /// Checks `text` and makes the regex; the error is the regex crate's
    /// message.
    pub fn new(text: &str) -> Result<LazyRegex, String> {
        if let Some(made) = Self::made(text) {
            return Ok(made);
        }
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(text)
            .map_err(|e| regex::Error::Syntax(e.to_string()).to_string())?;
        let compiled = OnceLock::new();
        if size_estimate(&hir) > EAGER_ABOVE {
            let _ = compiled.set(Some(build(&hir)?));
        }
        let inner = Arc::new(Inner {
            text: text.to_owned(),
            hir,
            compiled,
        });
        let mut made = MADE.lock().unwrap_or_else(|p| p.into_inner());
        // Drop entries whose regexes are gone, so the table stays as big as
        // the rule sets alive.
        if made.len() > 64 && made.len().is_power_of_two() {
            made.retain(|_, w| w.strong_count() > 0);
        }
        made.insert(text.to_owned(), Arc::downgrade(&inner));
        Ok(LazyRegex(inner))
    }

    fn made(text: &str) -> Option<LazyRegex> {
        let made = MADE.lock().unwrap_or_else(|p| p.into_inner());
        made.get(text).and_then(Weak::upgrade).map(LazyRegex)
    }

    /// The regex text, without compiling it.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// The parsed regex.
    pub fn hir(&self) -> &Hir {
        &self.0.hir
    }

    /// The names of its capture groups, in group order.
    pub fn capture_names(&self) -> Vec<&str> {
        let mut names = Vec::new();
        capture_names(&self.0.hir, &mut names);
        names
    }

    /// Whether it has been compiled (tests, measurements).
    pub fn is_compiled(&self) -> bool {
        self.0.compiled.get().is_some_and(Option::is_some)
    }

    /// Compiles it now, if it is not yet (see `engine::plan::warm`).
    pub fn compile(&self) {
        let _ = self.regex();
    }

    fn regex(&self) -> Option<&Regex> {
        // The text parsed at load and is below the size at which a build
        // can fail; were it to fail, the regex would match nothing.
        self.0
            .compiled
            .get_or_init(|| build(&self.0.hir).ok())
            .as_ref()
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex().is_some_and(|r| r.is_match(text))
    }

    /// The leftmost-first match in `text`.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        let m = self.regex()?.find(text)?;
        Some(Match::at(text, m.span()))
    }

    /// The successive non-overlapping matches in `text`.
    pub fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        self.regex()
            .into_iter()
            .flat_map(move |r| r.find_iter(text))
            .map(move |m| Match::at(text, m.span()))
    }

    /// The groups of the leftmost-first match in `text`.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_at(text, 0)
    }

    /// Like [`LazyRegex::captures`], starting the search at `start` (what
    /// comes before still decides word boundaries).
    pub fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Captures<'t>> {
        let regex = self.regex()?;
        let mut groups = regex.create_captures();
        let input = Input::new(text).range(start.min(text.len())..);
        regex.search_captures(&input, &mut groups);
        groups.is_match().then_some(Captures { text, groups })
    }

    /// The groups of each successive non-overlapping match in `text`.
    pub fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        self.regex()
            .into_iter()
            .flat_map(move |r| r.captures_iter(text))
            .map(move |groups| Captures { text, groups })
    }
}

/// Builds the regex from its parsed form, without the regex crate's
/// literal prefilter: govlint's own prefilter already runs a regex only
/// where its literals are, and extracting them again was a quarter of the
/// build time.
fn build(hir: &Hir) -> Result<Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .auto_prefilter(false)
                .nfa_size_limit(Some(SIZE_LIMIT)),
        )
        .build_from_hir(hir)
        .map_err(|e| build_error(&e))
}

/// The regex crate's words for a build error.
fn build_error(e: &meta::BuildError) -> String {
    match e.size_limit() {
        Some(limit) => format!("Compiled regex exceeds size limit of {limit} bytes."),
        None => e.to_string(),
    }
}

/// A match: where it is in the text searched, and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    fn at(text: &'t str, span: Span) -> Match<'t> {
        Match {
            text,
            start: span.start,
            end: span.end,
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match.
pub struct Captures<'t> {
    text: &'t str,
    groups: Groups,
}

impl<'t> Captures<'t> {
    /// Group `i`; 0 is the whole match.
    pub fn get(&self, i: usize) -> Option<Match<'t>> {
        self.groups.get_group(i).map(|s| Match::at(self.text, s))
    }

    /// The group named `name`, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        self.groups
            .get_group_by_name(name)
            .map(|s| Match::at(self.text, s))
    }
}

impl fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.0.text).finish()
    }
}

fn capture_names<'h>(hir: &'h Hir, out: &mut Vec<&'h str>) {
    match hir.kind() {
        HirKind::Capture(cap) => {
            if let Some(name) = &cap.name {
                out.push(name);
            }
            capture_names(&cap.sub, out);
        }
        HirKind::Repetition(rep) => capture_names(&rep.sub, out),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                capture_names(sub, out);
            }
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => {}
    }
}

/// An estimate of the bytes the regex crate's NFA for `hir` takes,
/// measured against its size limit on the pack's patterns and on Unicode
/// classes: about 50 bytes per literal byte or ASCII range and 110 per
/// other range, much more for a range spanning UTF-8 lengths (`.`), and a
/// counted repetition copies its body.
fn size_estimate(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 25,
        HirKind::Literal(lit) => 50 * lit.0.len(),
        HirKind::Class(Class::Unicode(c)) => unicode_class_estimate(c.ranges()),
        HirKind::Class(Class::Bytes(c)) => 50 + 50 * c.ranges().len(),
        HirKind::Capture(cap) => 50 + size_estimate(&cap.sub),
        HirKind::Repetition(rep) => {
            let copies = match rep.max {
                Some(max) => max.max(1),
                None => rep.min.saturating_add(1),
            };
            (copies as usize)
                .saturating_mul(size_estimate(&rep.sub))
                .saturating_add(25)
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs
            .iter()
            .map(size_estimate)
            .fold(25 * subs.len(), usize::saturating_add),
    }
}

/// A Unicode class's share of [`size_estimate`]: 50 bytes, 50 per ASCII
/// range, 110 per other range, and 500 more for each UTF-8 length a range
/// spans. The ranges are sorted and disjoint, so binary searches count
/// both (`\p{L}` alone has hundreds of ranges, in many patterns).
fn unicode_class_estimate(ranges: &[ClassUnicodeRange]) -> usize {
    let ascii = ranges.partition_point(|r| r.end() <= '\x7f');
    // A length boundary is spanned when a range holds the last character
    // before it and the first after: at most one range can.
    let spanned = ['\u{80}', '\u{800}', '\u{10000}']
        .into_iter()
        .filter(|&first| {
            let at = ranges.partition_point(|r| r.end() < first);
            ranges.get(at).is_some_and(|r| r.start() < first)
        })
        .count();
    50 + 50 * ascii + 110 * (ranges.len() - ascii) + 500 * spanned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_on_first_use_and_shares_identical_texts() {
        let text = r"(?i)\blazy regex test (?P<n>\d+)\b";
        let a = LazyRegex::new(text).expect("valid");
        assert!(!a.is_compiled());
        let b = LazyRegex::new(text).expect("valid");
        assert_eq!(a.capture_names(), vec!["n"]);
        assert!(b.is_match("a LAZY regex test 42"));
        assert!(a.is_compiled(), "the two share one compilation");
    }

    #[test]
    fn errors_are_found_before_use() {
        let e = LazyRegex::new(r"(?P<x>unclosed").err();
        assert!(e.is_some_and(|e| e.contains("unclosed group")));
        assert!(LazyRegex::new(r"\p{NoSuchClass}").is_err());
    }

    #[test]
    fn a_regex_too_big_to_compile_is_an_error_at_once() {
        let e = LazyRegex::new(r"\w{1000}\w{1000}").err();
        assert!(e.is_some_and(|e| e.contains("size limit")));
        // Big but within the limit: compiled now, so nothing can fail later.
        let big = LazyRegex::new(r"\w{300}").expect("within the limit");
        assert!(big.is_compiled());
    }

    #[test]
    fn capture_names_are_in_group_order() {
        let r = LazyRegex::new(r"(?P<a>x(?P<b>y))|(z)(?P<c>w)+").expect("valid");
        assert_eq!(r.capture_names(), vec!["a", "b", "c"]);
        let names = regex::Regex::new(r.as_str()).map(|r| {
            let names: Vec<String> = r.capture_names().flatten().map(str::to_owned).collect();
            names
        });
        assert_eq!(names.ok(), Some(vec!["a".into(), "b".into(), "c".into()]));
    }

    /// The smallest NFA size limit `text` builds within: its real size.
    fn real_size(text: &str) -> usize {
        let hir = regex_syntax::ParserBuilder::new().build().parse(text);
        let Ok(hir) = hir else { return 0 };
        let builds = |limit: usize| {
            meta::Builder::new()
                .configure(meta::Config::new().nfa_size_limit(Some(limit)))
                .build_from_hir(&hir)
                .is_ok()
        };
        let (mut lo, mut hi) = (1, SIZE_LIMIT);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if builds(mid) { hi = mid } else { lo = mid + 1 }
        }
        lo
    }

    #[test]
    fn the_size_estimate_is_never_far_below_the_real_size() {
        for text in [
            r"(?:\w){20}",
            r"(?:.){50}",
            r"(?:[^.;]){0,80}",
            r"(?i)(?:abcdefghij){20}",
            r"(?:\s){50}",
            r"(?:\p{L}){20}",
            r"\d{50}",
            r"(?:\w+\s+){0,5}",
            r"(?x)(?:(?i:the|our)[^\S\n]+)?(?:Executive|Deputy)\s+Director\s+of\s+\p{Lu}[\p{L}’\x27-]*(?:\s+\p{Lu}[\p{L}’\x27-]*){0,4}",
        ] {
            let hir = regex_syntax::ParserBuilder::new().build().parse(text);
            let estimate = hir.map(|h| size_estimate(&h)).unwrap_or(0);
            let real = real_size(text);
            assert!(
                estimate * 10 >= real * 9,
                "{text}: {estimate} < 0.9 × {real}"
            );
        }
    }

    #[test]
    fn the_class_estimate_counts_what_each_range_costs() {
        // Each range costed one by one, as the estimate means it.
        let by_range = |ranges: &[ClassUnicodeRange]| {
            let each = ranges.iter().map(|r| match r.end() {
                '\0'..='\x7f' => 50,
                end => 110 + 500 * (end.len_utf8() - r.start().len_utf8()),
            });
            each.sum::<usize>() + 50
        };
        for text in [
            r"\w",
            r"\p{L}",
            ".",
            r"[^.;]",
            r"[a-z]",
            r"(?i)k",
            r"[\x00-\x{10FFFF}]",
            "é",
        ] {
            let hir = regex_syntax::ParserBuilder::new().build().parse(text);
            let Ok(hir) = hir else {
                panic!("{text} parses")
            };
            let ranges = match hir.kind() {
                HirKind::Class(Class::Unicode(c)) => c.ranges().to_vec(),
                HirKind::Literal(_) => continue,
                other => panic!("{text}: {other:?}"),
            };
            assert_eq!(unicode_class_estimate(&ranges), by_range(&ranges), "{text}");
        }
    }
}
