//! Plain-text front-end, for statements converted from PDF or Word.
//!
//! Such text has running headers and footers at every page break (often in
//! the middle of a paragraph), "Page 3 of 14" lines, footnotes at page ends,
//! "•" bullets, and tables flattened to tab-separated lines. Headers,
//! footers and footnotes are dropped, and a paragraph cut by a page break is
//! joined up again.

use super::Block;
use super::blocks::{BlockBuilder, BlockKind};
use super::text::CleanText;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:page\s+)?\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$")
        .expect("page number pattern is valid")
});
static COMMENT_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^<!--.*-->$").expect("comment pattern is valid"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•·▪●◦\-\*–]\s+").expect("bullet pattern is valid"));
static FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s*\S").expect("footnote pattern is valid"));
/// "4. Review of effectiveness", "4 Review", "Appendix A Action plan".
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\d{1,2}(?:\.\d{1,2})?\.?)|(?i:section|part|appendix|annex)\s+[A-Z0-9]{1,3}[.:]?)\s+[A-Z(]")
        .expect("heading pattern is valid")
});
/// A line that starts a numbered paragraph: "4.8 The council …", "PA.1 …".
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?|[A-Z]{1,3}\.\d{1,3}|[A-G]\d{1,2})\.?\s+\S")
        .expect("paragraph number pattern is valid")
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    /// Header, footer, page number, footnote or comment: not statement text.
    Noise,
    Heading(u8),
    TableRow,
    Bullet,
    NumberedParagraph,
    Text,
}

pub fn parse(src: &str) -> (CleanText, Vec<Block>) {
    let lines = split_lines(src);
    let running = running_lines(src, &lines);
    let mut b = BlockBuilder::new(src);
    let mut table: Option<usize> = None;
    // A blank line ends a paragraph only once we know the next line is not
    // its continuation after a page break.
    let mut gap = false;
    let mut page_break = false;
    let mut first_content = true;

    for (i, range) in lines.iter().enumerate() {
        let line = src[range.clone()].trim();
        let next = lines.get(i + 1).map_or("", |r| src[r.clone()].trim());
        let standalone = (i == 0 || src[lines[i - 1].clone()].trim().is_empty()) && next.is_empty();
        let kind = classify(line, next, running.binary_search(&i).is_ok(), first_content);
        // A short title-like line on its own ("Signed", "Action plan") is a heading.
        let kind = match kind {
            Line::Text if standalone && is_short_title(line) => Line::Heading(2),
            other => other,
        };
        let content = trim_range(src, range.clone());
        match kind {
            Line::Blank => gap = true,
            Line::Noise => page_break = true,
            Line::TableRow => {
                let t = match table {
                    Some(t) if !gap || page_break => t,
                    _ => b.new_table(),
                };
                let header = table != Some(t);
                table = Some(t);
                b.begin(BlockKind::TableRow { table: t, header }, content.start);
                push_cells(&mut b, src, content);
                b.end(range.end);
                gap = false;
                page_break = false;
            }
            _ => {
                table = None;
                let continues = b.is_open()
                    && match kind {
                        Line::Text => !gap || (page_break && !ends_sentence(b.clean.as_str())),
                        _ => false,
                    };
                if continues {
                    b.space(content.start);
                } else {
                    let block = match kind {
                        Line::Heading(level) => BlockKind::Heading { level },
                        Line::Bullet => BlockKind::ListItem,
                        _ => BlockKind::Paragraph,
                    };
                    b.begin(block, content.start);
                }
                let text = match kind {
                    Line::Bullet => {
                        let marker = BULLET.find(line).map_or(0, |m| m.end());
                        content.start + marker..content.end
                    }
                    _ => content,
                };
                b.text(text);
                // A heading is one line.
                if matches!(kind, Line::Heading(_)) {
                    b.end(range.end);
                }
                first_content = false;
                gap = false;
                page_break = false;
            }
        }
    }
    b.finish()
}

fn classify(line: &str, next: &str, running: bool, first_content: bool) -> Line {
    // A short line whose next line carries on in lower case is the start of a
    // paragraph, not a heading.
    let continued = next.starts_with(|c: char| c.is_lowercase());
    if line.is_empty() {
        Line::Blank
    } else if running
        || PAGE_NUMBER.is_match(line)
        || COMMENT_LINE.is_match(line)
        || FOOTNOTE.is_match(line)
        || line
            .chars()
            .all(|c| matches!(c, '_' | '-' | '=' | '*' | '\u{c}'))
    {
        Line::Noise
    } else if line.contains('\t') {
        Line::TableRow
    } else if BULLET.is_match(line) {
        Line::Bullet
    } else if first_content && line.len() <= 120 {
        Line::Heading(1)
    } else if PARAGRAPH_NUMBER.is_match(line) && (continued || !looks_like_heading(line)) {
        Line::NumberedParagraph
    } else if HEADING.is_match(line) && looks_like_heading(line) && !continued {
        let sub = line
            .split_whitespace()
            .next()
            .is_some_and(|n| n.trim_end_matches('.').contains('.'));
        Line::Heading(if sub { 3 } else { 2 })
    } else {
        Line::Text
    }
}

/// "Signed", "Action Plan", "Castlemoor Borough Council": a few words, no
/// sentence punctuation, starting with a capital.
fn is_short_title(line: &str) -> bool {
    line.split_whitespace().count() <= 6
        && line.starts_with(|c: char| c.is_uppercase())
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.contains(['.', ':', '£', '%'])
}

/// Headings are short and do not end like a sentence.
fn looks_like_heading(line: &str) -> bool {
    // After its number ("4." or "4.2"), a heading has no sentence break.
    let after_number = line
        .split_once(char::is_whitespace)
        .map_or(line, |(_, rest)| rest);
    line.len() <= 90
        && !line.ends_with(['.', ',', ';', ':'])
        && !after_number.contains(". ")
        && line.split_whitespace().count() <= 12
}

fn ends_sentence(clean: &str) -> bool {
    clean
        .trim_end()
        .ends_with(['.', '!', '?', ':', ';', '”', '"', ')'])
}

fn push_cells(b: &mut BlockBuilder<'_>, src: &str, row: Range<usize>) {
    let mut start = row.start;
    let text = &src[row.clone()];
    for (i, cell) in text.split('\t').enumerate() {
        if i > 0 || !cell.is_empty() || text.starts_with('\t') {
            b.begin_cell(start);
            b.text(trim_range(src, start..start + cell.len()));
            b.end_cell();
        }
        start += cell.len() + 1;
    }
}

/// The byte ranges of the lines of `src`, without their line endings.
fn split_lines(src: &str) -> Vec<Range<usize>> {
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

fn trim_range(src: &str, range: Range<usize>) -> Range<usize> {
    super::blocks::trim(src, range)
}

/// Lines that repeat at page breaks: running headers and footers. A line
/// counts when it (digits aside) occurs three or more times and is not a
/// table row or bullet; the first occurrence is kept when it opens the
/// document, where it doubles as the title.
fn running_lines(src: &str, lines: &[Range<usize>]) -> Vec<usize> {
    let mut counts: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, range) in lines.iter().enumerate() {
        let line = src[range.clone()].trim();
        if line.len() < 12 || line.len() > 160 || line.contains('\t') || BULLET.is_match(line) {
            continue;
        }
        let key: String = line
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect();
        counts.entry(key).or_default().push(i);
    }
    let first_content = lines
        .iter()
        .position(|r| !src[r.clone()].trim().is_empty())
        .unwrap_or(0);
    let mut out: Vec<usize> = counts
        .into_values()
        .filter(|v| v.len() >= 3)
        .flat_map(|v| v.into_iter().filter(|&i| i != first_content))
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(BlockKind, String)> {
        crate::model::blocks::block_texts(parse(src))
    }

    #[test]
    fn page_breaks_do_not_split_paragraphs() {
        let header = "Example Council Annual Governance Statement 2023/24";
        let src = format!(
            "{header}\n\n1. Introduction\n\nThe council has a duty\nto review its\n\nPage 1 of 3\n{header}\n\ngovernance each year.\n\nNext paragraph.\n\nPage 2 of 3\n{header}\n\nMore text.\nPage 3 of 3\n{header}\n"
        );
        let got = texts(&src);
        assert_eq!(got[0], (BlockKind::Heading { level: 1 }, header.into()));
        assert_eq!(
            got[1],
            (BlockKind::Heading { level: 2 }, "1. Introduction".into())
        );
        assert_eq!(
            got[2],
            (
                BlockKind::Paragraph,
                "The council has a duty to review its governance each year.".into()
            )
        );
        assert_eq!(got[3].1, "Next paragraph.");
        assert_eq!(got[4].1, "More text.");
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn a_numbered_line_with_a_sentence_break_is_a_paragraph() {
        let got = texts(
            "Title line\n\n4 Review of effectiveness\n\n4.20 Information governance. Three breaches were reported to the\nCommissioner during the year.\n",
        );
        assert_eq!(got[1].0, BlockKind::Heading { level: 2 });
        assert_eq!(got[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn short_standalone_lines_are_headings() {
        let got = texts("Title line\n\nSigned\n\nRole\tName\n\nJane Smith\nChief Executive\n");
        assert_eq!(got[1], (BlockKind::Heading { level: 2 }, "Signed".into()));
        assert_eq!(
            got[3],
            (BlockKind::Paragraph, "Jane Smith Chief Executive".into())
        );
    }

    #[test]
    fn bullets_numbered_paragraphs_and_tab_tables() {
        let src = "Title line\n\n4.7 First point.\n4.8 Second point\ncontinues here.\n• a bullet¹\n\nName\tPost\nJane Smith\t<p>Chief Executive</p>\n\n¹ A footnote.\n";
        let got = texts(src);
        assert_eq!(got[1], (BlockKind::Paragraph, "4.7 First point.".into()));
        assert_eq!(
            got[2],
            (
                BlockKind::Paragraph,
                "4.8 Second point continues here.".into()
            )
        );
        assert_eq!(got[3], (BlockKind::ListItem, "a bullet".into()));
        assert_eq!(
            got[4],
            (
                BlockKind::TableRow {
                    table: 0,
                    header: true
                },
                "Name | Post".into()
            )
        );
        assert_eq!(
            got[5],
            (
                BlockKind::TableRow {
                    table: 0,
                    header: false
                },
                "Jane Smith | Chief Executive".into()
            )
        );
        assert_eq!(got.len(), 6);
    }
}
