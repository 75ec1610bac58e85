//! Rule patterns: regexes in which `{name:kind}` captures a typed value.
//!
//! `{horizon:fy_range}` becomes `(?P<horizon>…)` with the model's own regex
//! for year ranges, so rules and the statement model agree on what a value
//! looks like. Plain named groups `(?P<name>…)` capture text.

use crate::values::ValueKind;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\\.|\{([A-Za-z_][A-Za-z0-9_]*):([A-Za-z_]*)\}")
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
    pub regex: Regex,
    pub captures: Vec<CaptureDef>,
}

/// What is wrong with a pattern, at a byte range of the pattern text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub range: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Compiles a rule pattern, expanding typed placeholders.
pub fn compile(text: &str) -> Result<Pattern, PatternError> {
    let mut expanded = String::with_capacity(text.len() * 2);
    // The same pattern with each placeholder replaced by a group of equal
    // length, so regex-syntax error offsets are offsets into `text`.
    let mut shadow = String::with_capacity(text.len());
    let mut captures = Vec::new();
    let mut last = 0;
    for caps in PLACEHOLDER.captures_iter(text) {
        let (Some(whole), Some(name), Some(kind)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue; // an escape such as `\{`
        };
        let Some(value_kind) = ValueKind::from_name(kind.as_str()) else {
            let kinds: Vec<&str> = ValueKind::ALL.iter().map(|k| k.name()).collect();
            return Err(PatternError {
                range: kind.range(),
                message: format!("unknown value type `{}`", kind.as_str()),
                help: Some(format!("the value types are: {}", kinds.join(", "))),
            });
        };
        expanded.push_str(&text[last..whole.start()]);
        shadow.push_str(&text[last..whole.start()]);
        expanded.push_str(&format!("(?P<{}>{})", name.as_str(), value_kind.pattern()));
        shadow.push_str("(?:");
        shadow.push_str(&"x".repeat(whole.len().saturating_sub(4)));
        shadow.push(')');
        captures.push(CaptureDef {
            name: name.as_str().to_owned(),
            kind: Some(value_kind),
        });
        last = whole.end();
    }
    expanded.push_str(&text[last..]);
    shadow.push_str(&text[last..]);

    if let Err(e) = regex_syntax::ast::parse::Parser::new().parse(&shadow) {
        let span = e.span();
        let end = if span.end.offset > span.start.offset {
            span.end.offset
        } else {
            (span.start.offset + 1).min(text.len())
        };
        return Err(PatternError {
            range: span.start.offset.min(text.len())..end.min(text.len()),
            message: format!("invalid regex: {}", e.kind()),
            help: None,
        });
    }
    let expanded = ascii_word_boundaries(&expanded);
    let regex = Regex::new(&expanded).map_err(|e| PatternError {
        range: 0..text.len(),
        message: format!("invalid regex: {e}"),
        help: None,
    })?;
    for name in regex.capture_names().flatten() {
        if !captures.iter().any(|c| c.name == name) {
            captures.push(CaptureDef {
                name: name.to_owned(),
                kind: None,
            });
        }
    }
    Ok(Pattern { regex, captures })
}

/// Rewrites `\b` and `\B` outside character classes as ASCII word
/// boundaries. A Unicode boundary stops the regex crate's fast DFA at the
/// first non-ASCII byte (£, ’, –, all common in statements) and costs about
/// twenty times as much; for English prose the two agree.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class_depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is literal.
                let rest = chars.as_str();
                let literal = if rest.starts_with("^]") {
                    2
                } else {
                    usize::from(rest.starts_with(']'))
                };
                for _ in 0..literal {
                    if let Some(l) = chars.next() {
                        out.push(l);
                    }
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Compiles a plain regex (`within`, `unless`), with placeholders refused.
pub fn compile_plain(text: &str) -> Result<Regex, PatternError> {
    let p = compile(text)?;
    if let Some(c) = p.captures.iter().find(|c| c.kind.is_some()) {
        let at = text.find(&format!("{{{}:", c.name)).unwrap_or(0);
        return Err(PatternError {
            range: at..at + c.name.len() + 2,
            message: "typed captures are only allowed in `patterns`".into(),
            help: None,
        });
    }
    Ok(p.regex)
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
    fn word_boundaries_become_ascii_outside_classes() {
        assert_eq!(ascii_word_boundaries(r"\bMTFS\b"), r"(?-u:\b)MTFS(?-u:\b)");
        assert_eq!(ascii_word_boundaries(r"[\b]\\b\B"), r"[\b]\\b(?-u:\B)");
        assert_eq!(ascii_word_boundaries(r"[]\b]x\b"), r"[]\b]x(?-u:\b)");
        // Matching is unchanged on ASCII words next to non-ASCII text.
        let p = compile(r"(?i)\bleader\b").map(|p| p.regex.find_iter("£5m – the Leader’s").count());
        assert_eq!(p.ok(), Some(1));
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
