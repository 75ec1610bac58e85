//! Finding suppression directives in a document and reading them.
//!
//! A directive is `govlint-disable-next-line`, `govlint-disable` or
//! `govlint-enable`, then rule ids separated by commas (none: every
//! rule), then ` -- ` and the reason. Where it is written depends on the
//! format: an HTML comment in Markdown and HTML, a line of its own (or an
//! HTML comment on a line of its own) in text, a comment in Word.

use crate::rules::vocabulary::suggest::edit_distance;
use crate::source::{Format, SourceFile};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `govlint-disable-next-line`: the next block.
    NextLine,
    /// `govlint-disable`: from here to the matching `govlint-enable`.
    Disable,
    /// `govlint-enable`: ends a `govlint-disable`.
    Enable,
    /// A Word comment starting `govlint-disable`: the paragraphs it is
    /// anchored on.
    Comment,
}

/// One directive, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The rule ids it names, lower-cased, in order; empty: every rule.
    pub rules: Vec<String>,
    /// The reason after ` -- `, white space collapsed; empty when none.
    pub reason: String,
    /// Where it is in the source text: the comment or line, or for a Word
    /// comment the paragraphs it is anchored on.
    pub span: Range<usize>,
    /// Its text, white space collapsed: what findings about it quote.
    pub text: String,
}

/// Something that starts `govlint-` but is not a directive govlint reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub span: Range<usize>,
    pub text: String,
    pub problem: String,
    pub help: String,
}

/// Every directive in a document, in order, and what could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub directives: Vec<Directive>,
    pub invalid: Vec<Invalid>,
}

/// An HTML comment, possibly over several lines.
static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").expect("comment pattern is valid"));

/// A directive's keyword, and the rule ids before the reason.
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:govlint-[a-z]+(?:-[a-z]+)*)").expect("keyword pattern is valid")
});

/// What separates rule ids from the reason: `--`, or the dash Word's
/// AutoFormat turns it into.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:--|–|—)(?:\s|$)").expect("separator is valid"));

const KEYWORDS: [&str; 3] = [
    "govlint-disable-next-line",
    "govlint-disable",
    "govlint-enable",
];

/// Every directive in `source`: in comments for Markdown and HTML, in
/// comments and lines of their own for text and PDF text, in reviewers'
/// comments for Word.
pub fn find(source: &SourceFile) -> Found {
    let mut found = Found::default();
    match source.format {
        Format::Markdown | Format::Html => {
            if !source.text.contains("govlint-") {
                return found;
            }
            for m in HTML_COMMENT.captures_iter(&source.text) {
                let (whole, inner) = (m.get(0), m.get(1));
                if let (Some(whole), Some(inner)) = (whole, inner) {
                    read(&mut found, inner.as_str(), whole.range(), false);
                }
            }
        }
        Format::PlainText | Format::Pdf => {
            if !source.text.contains("govlint-") {
                return found;
            }
            let mut start = 0;
            for line in source.text.split_inclusive('\n') {
                let trimmed = line.trim();
                let at = start + (line.len() - line.trim_start().len());
                let span = at..at + trimmed.len();
                start += line.len();
                let inner = trimmed
                    .strip_prefix("<!--")
                    .and_then(|t| t.strip_suffix("-->"))
                    .unwrap_or(trimmed);
                read(&mut found, inner, span, false);
            }
        }
        Format::Docx => {
            for c in &source.comments {
                read(&mut found, &c.text, c.span.clone(), true);
            }
        }
    }
    found
}

/// Reads one comment or line into `found` when it starts `govlint-`.
fn read(found: &mut Found, text: &str, span: Range<usize>, word: bool) {
    let text = text.trim();
    let Some(keyword) = KEYWORD.find(text) else {
        return;
    };
    let shown = collapse(text);
    let invalid = |problem: String, help: String| Invalid {
        span: span.clone(),
        text: shown.clone(),
        problem,
        help,
    };
    let word_lower = keyword.as_str().to_ascii_lowercase();
    let kind = match word_lower.as_str() {
        "govlint-disable-next-line" | "govlint-disable" if word => DirectiveKind::Comment,
        "govlint-disable-next-line" => DirectiveKind::NextLine,
        "govlint-disable" => DirectiveKind::Disable,
        "govlint-enable" if word => {
            found.invalid.push(invalid(
                "`govlint-enable` has no meaning in a Word comment".into(),
                "a comment starting `govlint-disable` covers the paragraphs it is anchored on; delete this comment".into(),
            ));
            return;
        }
        "govlint-enable" => DirectiveKind::Enable,
        other => {
            // Every misspelling is near one of three keywords: name the
            // nearest ("-line" means the one-block directive).
            let nearest = if other.ends_with("-line") {
                KEYWORDS[0]
            } else {
                KEYWORDS
                    .iter()
                    .min_by_key(|k| edit_distance(other, k))
                    .copied()
                    .unwrap_or(KEYWORDS[0])
            };
            let help = format!(
                "did you mean `{nearest}`? the directives are {}",
                KEYWORDS.join(", ")
            );
            found.invalid.push(invalid(
                format!("`{}` is not a govlint directive", keyword.as_str()),
                help,
            ));
            return;
        }
    };
    let rest = &text[keyword.end()..];
    // The keyword must end at a word boundary ("govlint-disable:" is not one).
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        found.invalid.push(invalid(
            format!("`{}` is not a govlint directive", collapse(text)),
            format!("write the directive as `{word_lower} rule-id -- reason`"),
        ));
        return;
    }
    let (ids, reason) = match SEPARATOR.find(rest) {
        Some(sep) => (&rest[..sep.start()], collapse(&rest[sep.end()..])),
        None => (rest, String::new()),
    };
    let mut rules = Vec::new();
    for id in ids.split(',').map(str::trim) {
        if id.is_empty() {
            continue;
        }
        if id.contains(char::is_whitespace) {
            found.invalid.push(invalid(
                format!("cannot read the rule ids `{}`", collapse(ids)),
                format!(
                    "separate rule ids with commas and put ` -- ` before the reason: `{word_lower} rule-a, rule-b -- reason`"
                ),
            ));
            return;
        }
        rules.push(id.to_lowercase());
    }
    found.directives.push(Directive {
        kind,
        rules,
        reason,
        span,
        text: shown,
    });
}

/// Text with each run of white space one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, format: Format) -> Found {
        find(&SourceFile::from_text("t", text, format))
    }

    #[test]
    fn markdown_directives_are_html_comments() {
        let text = "# Title\n\n<!-- govlint-disable-next-line placeholder, Drafting-note -- the date is set in July -->\nText.\n\n<!--\n  govlint-disable\n  cross-reference\n  -- agreed with\n  the auditor\n-->\n\n<!-- expect: placeholder -->\ngovlint-disable-next-line is text here\n<!-- govlint-enable -->\n";
        let got = found(text, Format::Markdown);
        assert!(got.invalid.is_empty(), "{got:?}");
        let d = &got.directives;
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].kind, DirectiveKind::NextLine);
        assert_eq!(d[0].rules, ["placeholder", "drafting-note"]);
        assert_eq!(d[0].reason, "the date is set in July");
        assert_eq!(
            &text[d[0].span.clone()],
            "<!-- govlint-disable-next-line placeholder, Drafting-note -- the date is set in July -->"
        );
        assert_eq!(d[1].kind, DirectiveKind::Disable);
        assert_eq!(d[1].rules, ["cross-reference"]);
        assert_eq!(d[1].reason, "agreed with the auditor");
        assert_eq!(d[2].kind, DirectiveKind::Enable);
        assert!(d[2].rules.is_empty() && d[2].reason.is_empty());
    }

    #[test]
    fn text_directives_are_lines_of_their_own() {
        let text = "Title\n\n  govlint-disable-next-line -- every rule, for now\n4.1 Text with govlint-disable inside.\n<!-- govlint-disable-next-line placeholder -->\n";
        let got = found(text, Format::PlainText);
        let d = &got.directives;
        assert_eq!(d.len(), 2, "{got:?}");
        assert!(d[0].rules.is_empty());
        assert_eq!(d[0].reason, "every rule, for now");
        assert_eq!(
            &text[d[0].span.clone()],
            "govlint-disable-next-line -- every rule, for now"
        );
        assert_eq!(d[1].rules, ["placeholder"]);
        assert_eq!(d[1].reason, "");
    }

    #[test]
    fn word_comments_accept_the_dash_word_makes_of_two_hyphens() {
        let mut file = SourceFile::from_text("t.docx", "Para one.\n\nPara two.", Format::Docx);
        file.comments = vec![
            crate::source::SourceComment {
                span: 11..20,
                text: "Govlint-disable placeholder – agreed\nwith the auditor".into(),
            },
            crate::source::SourceComment {
                span: 0..9,
                text: "Check this date.".into(),
            },
        ];
        let got = find(&file);
        assert_eq!(got.directives.len(), 1);
        let d = &got.directives[0];
        assert_eq!(d.kind, DirectiveKind::Comment);
        assert_eq!(d.rules, ["placeholder"]);
        assert_eq!(d.reason, "agreed with the auditor");
        assert_eq!(d.span, 11..20);
    }

    #[test]
    fn what_is_not_a_directive_is_said_so() {
        let text = "<!-- govlint-disable-line placeholder -- x -->\n<!-- govlint-disable placeholder because it is fine -->\n<!-- govlint-disable: placeholder -->\n";
        let got = found(text, Format::Markdown);
        assert!(got.directives.is_empty(), "{got:?}");
        let problems: Vec<(&str, &str)> = got
            .invalid
            .iter()
            .map(|i| (i.problem.as_str(), i.help.as_str()))
            .collect();
        assert_eq!(
            problems[0].0,
            "`govlint-disable-line` is not a govlint directive"
        );
        assert!(
            problems[0]
                .1
                .starts_with("did you mean `govlint-disable-next-line`?")
        );
        assert!(
            problems[1]
                .0
                .starts_with("cannot read the rule ids `placeholder because it is fine`")
        );
        assert!(problems[2].0.contains("is not a govlint directive"));
        assert_eq!(got.invalid.len(), 3);
    }
}
