//! Pages: what is not statement text (page numbers, running headers and
//! footers, footnotes, comments), and where the page breaks fall.

use super::BULLET;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// "3", "Page 3", "Page 3 of 14", "- 3 -", "3 | Page", "Page | 3", "3/14";
/// not "2021", a year wrapped onto a line of its own.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page\s*\|?\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?(?:\s*\|?\s*page)?$|^-\s*\d{1,3}\s*-$")
        .expect("page number pattern is valid")
});
/// An HTML comment on a line of its own, or a suppression directive
/// written as a plain line ("govlint-disable-next-line placeholder --
/// agreed"; see `crate::suppress`): neither is statement text.
static COMMENT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^<!--.*-->$|^govlint-[a-z]+(?:-[a-z]+)*(?:\s|$)")
        .expect("comment pattern is valid")
});
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S").expect("footnote pattern is valid"));

/// A line that is not statement text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Noise {
    /// A page number, running header or footer, or form feed: a page break.
    PageBreak,
    /// A footnote, a comment or a rule line.
    Aside,
}

/// The byte ranges of the lines of `src`, without their line endings.
pub(super) fn split_lines(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in src.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        out.push(start..start + body.len());
        start = end;
    }
    out
}

/// The noise of each line: `None` for statement text and blank lines.
pub(super) fn classify(src: &str, lines: &[Range<usize>]) -> Vec<Option<Noise>> {
    let mut noise: Vec<Option<Noise>> = lines
        .iter()
        .map(|r| {
            let raw = &src[r.clone()];
            let line = raw.trim();
            if PAGE_NUMBER.is_match(line) {
                Some(Noise::PageBreak)
            } else if COMMENT_LINE.is_match(line)
                || FOOTNOTE.is_match(line)
                || (!line.is_empty() && line.chars().all(|c| matches!(c, '_' | '-' | '=' | '*')))
            {
                Some(Noise::Aside)
            } else if raw.contains('\u{c}') && line.is_empty() {
                Some(Noise::PageBreak)
            } else {
                None
            }
        })
        .collect();
    for i in running_lines(src, lines, &noise) {
        noise[i] = Some(Noise::PageBreak);
    }
    noise
}

/// Lines that repeat at page breaks: running headers and footers of any
/// shape, a changing page number inside them included. A line counts when
/// (digits aside) it occurs three or more times and at least three in four
/// of its occurrences stand next to a page break (a page number, a form
/// feed, the start or end of the text); in text without such breaks, when
/// its occurrences are spread out like pages. The first line of the text
/// is kept when it doubles as the title: when no line that names the
/// statement follows it on the cover.
fn running_lines(src: &str, lines: &[Range<usize>], noise: &[Option<Noise>]) -> Vec<usize> {
    let content: Vec<usize> = (0..lines.len())
        .filter(|&i| noise[i] != Some(Noise::Aside) && !src[lines[i].clone()].trim().is_empty())
        .collect();
    // Position of each line among the content lines, and where the page
    // signals fall in that order.
    let signal =
        |i: usize| noise[i] == Some(Noise::PageBreak) || src[lines[i].clone()].contains('\u{c}');
    let signals: Vec<usize> = content
        .iter()
        .enumerate()
        .filter(|&(_, &i)| signal(i))
        .map(|(n, _)| n)
        .collect();
    let mut counts: HashMap<String, Vec<usize>> = HashMap::new();
    for (n, &i) in content.iter().enumerate() {
        let line = src[lines[i].clone()].trim();
        if line.len() < 4 || line.len() > 200 || line.contains('\t') || BULLET.is_match(line) {
            continue;
        }
        let key: String = line
            .split_whitespace()
            .flat_map(|w| w.chars().chain([' ']))
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        counts.entry(key).or_default().push(n);
    }
    let last = content.len().saturating_sub(1);
    let near_break =
        |n: usize| n <= 2 || n + 2 >= last || signals.iter().any(|&s| s.abs_diff(n) <= 3);
    let mut out = Vec::new();
    let names_statement = |n: usize| {
        src[lines[content[n]].clone()]
            .to_lowercase()
            .contains("governance statement")
    };
    for positions in counts.into_values().filter(|v| v.len() >= 3) {
        let at_breaks = positions.iter().filter(|&&n| near_break(n)).count();
        let running = if signals.len() >= 2 {
            at_breaks >= 3 && at_breaks * 4 >= positions.len() * 3
        } else {
            positions.windows(2).all(|w| w[1] - w[0] >= 12)
        };
        if running {
            out.extend(positions.into_iter().map(|n| content[n]));
        }
    }
    out.sort_unstable();
    // The first line stays when it is the only title there is.
    if out.first().is_some_and(|&i| Some(&i) == content.first()) {
        let title_follows = (1..content.len().min(8))
            .any(|n| out.binary_search(&content[n]).is_err() && names_statement(n));
        if !title_follows {
            out.remove(0);
        }
    }
    out
}
