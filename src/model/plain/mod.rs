//! Plain-text front-end, for statements converted from PDF or Word.
//!
//! Such text comes in many shapes: `pdftotext` output with or without
//! `-layout`, with running headers and footers at every page break (often
//! in the middle of a paragraph), page numbers, footnotes at page ends,
//! hard-wrapped lines with words hyphenated at line ends, "•" bullets,
//! tables flattened to tab-separated lines or set out with spaces, and pages
//! in two columns. `page` drops what is not statement text, `layout` puts
//! the rest in reading order (columns, table rows), and this module joins
//! the lines into headings, paragraphs, list items and table rows.

mod layout;
mod page;
#[cfg(test)]
mod tests;

use super::Block;
use super::blocks::{BlockBuilder, BlockKind};
use super::text::CleanText;
use layout::{Item, Piece};
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[•·▪●◦\-\*–]|o\b)\s+").expect("bullet pattern is valid"));
/// "4. Review of effectiveness", "4 Review", "Appendix A Action plan",
/// "Annex B – Action plan".
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\d{1,2}(?:\.\d{1,2})?\.?)|(?i:section|part|appendix|annexe?|schedule)\s+[A-Z0-9]{1,3}(?:[.:]|\s+[–—-])?)\s+[A-Z(]")
        .expect("heading pattern is valid")
});
/// A line that starts a numbered paragraph: "4.8 The council …", "PA.1 …".
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?|[A-Z]{1,3}\.\d{1,3}|[A-G]\d{1,2})\.?\s+\S")
        .expect("paragraph number pattern is valid")
});
/// A contents entry: "4. Review ........ 5", "Annex A  Action plan    9".
static CONTENTS_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\S(?:\s*(?:\.{4,}|…{2,})\s*|\s{3,})\d{1,3}$").expect("contents pattern is valid")
});
static CONTENTS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:table of )?contents$|^index$").expect("contents heading pattern is valid")
});
/// A contents entry under a contents heading may end in a bare page number.
static ENDS_IN_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\D\s\d{1,3}$").expect("page ending pattern is valid"));
/// A line that is a date ("31 March 2026"), not a numbered heading.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?$")
        .expect("date line pattern is valid")
});
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{L}+(?:-\p{L}+)*").expect("word pattern is valid"));

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Heading(u8),
    TableRow,
    Bullet,
    NumberedParagraph,
    Contents,
    Text,
    /// A line that looks numbered but carries on the open sentence.
    CarriedOn,
}

pub fn parse(src: &str) -> (CleanText, Vec<Block>) {
    let lines = page::split_lines(src);
    let noise = page::classify(src, &lines);
    let items = layout::arrange(src, &lines, &noise);
    let words = vocabulary(src);
    let mut b = BlockBuilder::new(src);
    let mut table: Option<usize> = None;
    // A blank line ends a paragraph only once we know the next line is not
    // its continuation after a page break.
    let mut gap = true;
    let mut page_break = false;
    let mut first_content = true;
    let mut in_contents = false;
    let mut prev: Option<&Piece> = None;

    for (i, item) in items.iter().enumerate() {
        let piece = match item {
            Item::Blank => {
                gap = true;
                continue;
            }
            // A comment or footnote between two lines does not part them.
            Item::Noise(page::Noise::Aside) => continue,
            Item::Noise(page::Noise::PageBreak) => {
                page_break = true;
                continue;
            }
            Item::Row { cells, first } => {
                let t = match table {
                    Some(t) if !first => t,
                    _ => b.new_table(),
                };
                table = Some(t);
                push_row(&mut b, t, *first, cells);
                gap = false;
                page_break = false;
                prev = None;
                continue;
            }
            Item::Line(piece) => piece,
        };
        let line = src[piece.range.clone()].trim();
        let (next, next_starts_block) = next_line(src, &items[i + 1..]);
        let wraps = wraps_onto_next(src, piece, items.get(i + 1));
        // The next line follows without a blank and starts no block of its own.
        let runs_on = !next.is_empty() && !next_starts_block;
        let kind = classify(
            line,
            next,
            first_content,
            wraps || runs_on && numbered_sentence(line),
        );
        let standalone = gap && (next.is_empty() || next_starts_block);
        let kind = match kind {
            _ if in_contents && ENDS_IN_PAGE.is_match(line) => Line::Contents,
            Line::Text | Line::Heading(_) if CONTENTS_ENTRY.is_match(line) && !first_content => {
                Line::Contents
            }
            // A short title-like line on its own ("Signed", "Action plan") is a heading.
            Line::Text if standalone && is_short_title(line) => Line::Heading(2),
            // "5.2 per cent of …" carrying on a sentence is not paragraph 5.2.
            Line::NumberedParagraph if carries_on(&b, gap, page_break, line) => Line::CarriedOn,
            other => other,
        };
        in_contents = match kind {
            Line::Contents => true,
            Line::Heading(_) => CONTENTS_HEADING.is_match(line),
            _ => false,
        };
        if kind == Line::TableRow {
            let t = match table {
                Some(t) if !gap || page_break => t,
                _ => b.new_table(),
            };
            let header = table != Some(t);
            table = Some(t);
            b.begin(BlockKind::TableRow { table: t, header }, piece.range.start);
            push_cells(&mut b, src, piece.range.clone());
            b.end(piece.range.end);
            gap = false;
            page_break = false;
            prev = None;
            continue;
        }
        table = None;
        let continues = kind == Line::CarriedOn
            || b.is_open()
                && kind == Line::Text
                && if page_break {
                    !ends_sentence(b.clean.as_str())
                } else {
                    !gap && prev.is_none_or(|p| !intended_break(p, piece, line, src))
                };
        let mut content = piece.range.clone();
        if continues {
            // A hyphen at the line end: a broken word loses it, a compound
            // or a range keeps it; neither takes a space.
            match line_end_hyphen(b.clean.as_str(), line, &words) {
                Some(true) => {
                    b.clean.drop_trailing_hyphen();
                }
                Some(false) => {}
                None => b.space(content.start),
            }
        } else {
            let block = match kind {
                Line::Heading(level) => BlockKind::Heading { level },
                Line::Bullet | Line::Contents => BlockKind::ListItem,
                _ => BlockKind::Paragraph,
            };
            b.begin(block, content.start);
            if kind == Line::Bullet {
                let marker = BULLET.find(line).map_or(0, |m| m.end());
                content.start += marker;
            }
        }
        b.text(content);
        // A heading or a contents entry is one line.
        if matches!(kind, Line::Heading(_) | Line::Contents) {
            b.end(piece.range.end);
        }
        first_content = false;
        gap = false;
        page_break = false;
        prev = Some(piece);
    }
    b.finish()
}

/// The next line of text and whether it starts a block of its own (a
/// numbered paragraph, a bullet, a table row), or "" after a blank.
fn next_line<'s>(src: &'s str, rest: &[Item]) -> (&'s str, bool) {
    for item in rest {
        match item {
            Item::Noise(_) => continue,
            Item::Line(p) => {
                let text = src[p.range.clone()].trim();
                let starts = PARAGRAPH_NUMBER.is_match(text) || BULLET.is_match(text);
                return (text, starts);
            }
            Item::Row { .. } => return ("", true),
            Item::Blank => return ("", false),
        }
    }
    ("", false)
}

fn push_row(b: &mut BlockBuilder<'_>, table: usize, header: bool, cells: &[Vec<Range<usize>>]) {
    let at = cells.iter().flatten().next().map_or(0, |r| r.start);
    b.begin(BlockKind::TableRow { table, header }, at);
    for cell in cells {
        let at = cell.first().map_or(at, |r| r.start);
        b.begin_cell(at);
        for (k, r) in cell.iter().enumerate() {
            if k > 0 {
                b.space(r.start);
            }
            b.text(r.clone());
        }
        b.end_cell();
    }
    let end = cells.iter().flatten().map(|r| r.end).max().unwrap_or(at);
    b.end(end);
}

/// A numbered-looking line that carries on the open paragraph: it stops
/// mid-sentence and the line goes on in lower case after the number.
fn carries_on(b: &BlockBuilder<'_>, gap: bool, page_break: bool, line: &str) -> bool {
    let after_number = line
        .split_once(char::is_whitespace)
        .map_or("", |(_, rest)| rest.trim_start());
    b.is_open()
        && (!gap || page_break)
        && !ends_sentence(b.clean.as_str())
        && after_number.starts_with(|c: char| c.is_lowercase())
}

/// In hard-wrapped text, whether the break before `line` was the author's
/// (a new paragraph, or the next line of a signature or an address) rather
/// than the wrap: the previous line stopped well short of the margin
/// though the next word would have fitted, and nothing says it runs on.
fn intended_break(prev: &Piece, piece: &Piece, line: &str, src: &str) -> bool {
    let Some(edge) = prev.edge else {
        return false;
    };
    let first_word = line.split_whitespace().next().unwrap_or("");
    let fitted = prev.end + 1 + first_word.chars().count() + 3 <= edge;
    let starts_block = PARAGRAPH_NUMBER.is_match(line) || BULLET.is_match(line);
    // A line that hangs under the text of a numbered or bulleted line.
    let prev_text = src[prev.range.clone()].trim();
    let hangs = piece.indent > prev.indent
        && (PARAGRAPH_NUMBER.is_match(prev_text) || BULLET.is_match(prev_text))
        && !starts_block;
    let runs_on = line.starts_with(|c: char| c.is_lowercase())
        || (line.starts_with(|c: char| c.is_ascii_digit()) && !starts_block)
        || hangs;
    // A few words after a finished sentence, not a sentence themselves:
    // a label such as "Signed" or a name, even after a full line.
    let label = ends_sentence(src[prev.range.clone()].trim())
        && line.split_whitespace().count() <= 4
        && line.starts_with(|c: char| c.is_uppercase())
        && !ends_sentence(line);
    starts_block || label || (fitted && !runs_on)
}

/// Whether the line after `piece` is the rest of its paragraph by the
/// wrap: it follows without a gap, and `piece` reached the margin or the
/// next line hangs under its text.
fn wraps_onto_next(src: &str, piece: &Piece, next: Option<&Item>) -> bool {
    let Some(Item::Line(next)) = next else {
        return false;
    };
    piece.edge.is_some() && !intended_break(piece, next, src[next.range.clone()].trim(), src)
}

fn classify(line: &str, next: &str, first_content: bool, wraps: bool) -> Line {
    // A short line whose next line carries on in lower case, or that the
    // wrap carries on, is the start of a paragraph, not a heading.
    let continued = next.starts_with(|c: char| c.is_lowercase()) || wraps;
    if line.contains('\t') {
        Line::TableRow
    } else if BULLET.is_match(line) {
        Line::Bullet
    } else if first_content && line.len() <= 120 {
        Line::Heading(1)
    } else if PARAGRAPH_NUMBER.is_match(line) && (continued || !looks_like_heading(line)) {
        Line::NumberedParagraph
    } else if HEADING.is_match(line)
        && looks_like_heading(line)
        && !continued
        && !DATE_LINE.is_match(line)
    {
        let sub = line
            .split_whitespace()
            .next()
            .is_some_and(|n| n.trim_end_matches('.').contains('.'));
        Line::Heading(if sub { 3 } else { 2 })
    } else {
        Line::Text
    }
}

/// A numbered line too long to be a heading's title ("1.4 The council's
/// arrangements follow the …", not "4.2 Internal audit"): when the next line
/// follows it without a blank, that line is the rest of its paragraph
/// whatever its first letter.
fn numbered_sentence(line: &str) -> bool {
    PARAGRAPH_NUMBER.is_match(line)
        && line
            .split_once(char::is_whitespace)
            .is_some_and(|(_, rest)| !is_short_title(rest.trim_start()))
}

/// "Signed", "Action Plan", "SIGNIFICANT GOVERNANCE ISSUES": a few words (a
/// few more in capitals), no sentence punctuation, starting with a capital.
fn is_short_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let capitals = line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase);
    (words <= 6 || (capitals && words <= 12))
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

/// The words of the text in lower case, for telling a word hyphenated at a
/// line end ("govern-" "ance") from a compound ("co-" "operation").
fn vocabulary(src: &str) -> HashSet<String> {
    WORD.find_iter(src)
        .map(|m| m.as_str().to_lowercase())
        .filter(|w| w.len() > 2)
        .take(200_000)
        .collect()
}

/// How the text so far and `line` meet at a line-end hyphen: `None` when
/// there is none; `Some(true)` for a word cut by it ("govern-" "ance"),
/// which is joined without it, unless the document writes the word with its
/// hyphen elsewhere or the first part is a prefix that takes one
/// (`Some(false)`: "co-" "operation", and "2023-" "24").
fn line_end_hyphen(clean: &str, line: &str, words: &HashSet<String>) -> Option<bool> {
    let head = clean.strip_suffix(['-', '–'])?;
    let before = head.chars().next_back()?;
    let after = line.chars().next()?;
    if before.is_ascii_digit() && after.is_ascii_digit() {
        return Some(false);
    }
    if !before.is_alphabetic() || !after.is_lowercase() || !clean.ends_with('-') {
        return None;
    }
    let stem: String = {
        let mut v: Vec<char> = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        v.reverse();
        v.into_iter().collect::<String>().to_lowercase()
    };
    let tail: String = line
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if words.contains(&format!("{stem}{tail}")) {
        return Some(true);
    }
    let compound = words.contains(&format!("{stem}-{tail}"));
    let prefix = matches!(
        stem.as_str(),
        "co" | "non"
            | "self"
            | "cross"
            | "multi"
            | "well"
            | "long"
            | "short"
            | "mid"
            | "ex"
            | "anti"
            | "inter"
            | "pre"
            | "post"
            | "re"
            | "sub"
            | "one"
            | "two"
            | "three"
    );
    Some(!compound && !prefix)
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

fn trim_range(src: &str, range: Range<usize>) -> Range<usize> {
    super::blocks::trim(src, range)
}
