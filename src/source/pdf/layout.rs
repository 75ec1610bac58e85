//! A page's text from its positioned glyphs, laid out as `pdftotext` does:
//! one line per baseline in left-to-right order, a blank line between
//! paragraphs, a tab between table cells.

use super::glyphs::{Glyph, Page};

/// Gaps and offsets below are in ems of the line's font size.
/// A gap this wide between glyphs is a space between words.
const WORD_GAP: f32 = 0.12;
/// A gap this wide is a column gap (a table cell or a tab stop) in a line
/// that also has ordinary word gaps; any gap this wide is one in any line.
const COLUMN_GAP_AMONG_WORDS: f32 = 0.9;
const COLUMN_GAP: f32 = 1.5;
/// Glyphs whose baselines are this close share a line.
const SAME_LINE: f32 = 0.45;
/// A vertical step this much larger than the page's usual line pitch
/// starts a paragraph.
const PARAGRAPH_STEP: f32 = 1.3;
/// Table rows (lines with cells) this close are one table.
const TABLE_ROW_STEP: f32 = 4.0;

/// One line of text on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Baseline, from the top of the page (of its last line, for a table
    /// row merged from several).
    pub baseline: f32,
    /// Baseline of its first line.
    pub top: f32,
    /// The font size most of the line is set in.
    pub size: f32,
    /// Where each of its tab-separated cells starts (the line's left edge
    /// first), for telling a table cell's wrapped line from a new row.
    pub cells: Vec<f32>,
    /// Where its last glyph ends.
    pub right: f32,
}

/// The page's text: lines, a blank line between paragraphs, words broken
/// by a hyphen at a line end joined again.
#[cfg(test)]
pub fn page_text(page: &Page) -> String {
    text(&lines(page))
}

/// Lines as text: a blank line between paragraphs, words broken by a
/// hyphen at a line end joined again.
pub fn text(lines: &[Line]) -> String {
    let pitch = usual_pitch(lines);
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let starts_paragraph = i == 0 || {
            let prev = &lines[i - 1];
            let step = line.top - prev.baseline;
            let size_changed = (line.size - prev.size).abs() > 0.15 * prev.size.max(line.size);
            // Rows of one table stay together, whatever their padding.
            let same_table = prev.text.contains('\t')
                && line.text.contains('\t')
                && step < TABLE_ROW_STEP * line.size;
            (step > PARAGRAPH_STEP * pitch.unwrap_or(1.2 * line.size).max(1.05 * line.size)
                || size_changed)
                && !same_table
        };
        match paragraphs.last_mut() {
            Some(p) if !starts_paragraph => join_line(p, &line.text),
            _ => paragraphs.push(vec![line.text.clone()]),
        }
    }
    let mut out = String::new();
    for p in &paragraphs {
        if !out.is_empty() {
            out.push('\n');
        }
        for line in p {
            out.push_str(line.strip_suffix('\u{ad}').unwrap_or(line));
            if line.ends_with('\u{ad}') {
                out.push('-');
            }
            out.push('\n');
        }
    }
    out
}

/// Adds a line to a paragraph, re-joining a word hyphenated across the
/// break ("govern-" + "ance") but not a range ("2023-" + "24") or a
/// suspended hyphen ("short-" + "and long-term").
fn join_line(paragraph: &mut Vec<String>, next: &str) {
    let Some(last) = paragraph.last_mut() else {
        paragraph.push(next.to_owned());
        return;
    };
    let soft = last.ends_with('\u{ad}');
    let hard = last.ends_with('-');
    let before = last
        .trim_end_matches(['-', '\u{ad}'])
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    let first_word = next.split_whitespace().next().unwrap_or("");
    let continues = first_word.chars().next().is_some_and(char::is_lowercase)
        && !matches!(first_word, "and" | "or" | "to" | "nor");
    if (soft || hard) && before && continues {
        last.pop();
        last.push_str(next);
    } else {
        if soft {
            last.pop();
            last.push('-');
        }
        paragraph.push(next.to_owned());
    }
}

/// The step between lines inside a paragraph: the smallest step between
/// consecutive same-size baselines that occurs more than once (a page may
/// hold more paragraph breaks than wrapped lines, so not the median).
pub fn usual_pitch(lines: &[Line]) -> Option<f32> {
    let mut steps: Vec<f32> = lines
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() <= 0.15 * w[1].size)
        .map(|w| w[1].top - w[0].baseline)
        .filter(|&step| step > 0.0)
        .collect();
    steps.sort_by(f32::total_cmp);
    steps
        .windows(2)
        .find(|w| w[1] - w[0] <= 0.5)
        .map(|w| w[0])
        .or(steps.first().copied())
}

/// The page's lines, top to bottom.
pub fn lines(page: &Page) -> Vec<Line> {
    let mut order: Vec<&Glyph> = page.glyphs.iter().collect();
    order.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Group by baseline: a line's baseline is that of its largest glyph, so
    // a raised footnote marker joins the line it belongs to.
    let mut groups: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new();
    for g in order {
        match groups.last_mut() {
            Some((baseline, size, members))
                if (g.y - *baseline).abs() <= SAME_LINE * size.max(g.size) =>
            {
                if g.size > *size {
                    *baseline = g.y;
                    *size = g.size;
                }
                members.push(g);
            }
            _ => groups.push((g.y, g.size, vec![g])),
        }
    }
    groups
        .into_iter()
        .filter_map(|(baseline, _, mut glyphs)| {
            glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
            let size = usual_size(page, &glyphs);
            let (text, cells, right) = line_text(page, &glyphs, baseline, size);
            let text = text.trim_end();
            // A soft hyphen shows only where it breaks a line.
            let mut text: String = text.chars().filter(|&c| c != '\u{ad}').collect();
            if glyphs
                .last()
                .is_some_and(|g| page.text(g).ends_with('\u{ad}'))
            {
                text.push('\u{ad}');
            }
            (!text.trim().is_empty()).then_some(Line {
                text,
                baseline,
                top: baseline,
                size,
                cells,
                right,
            })
        })
        .collect()
}

/// The median size of a line's visible glyphs.
fn usual_size(page: &Page, glyphs: &[&Glyph]) -> f32 {
    let mut sizes: Vec<f32> = glyphs
        .iter()
        .filter(|g| !page.text(g).trim().is_empty())
        .map(|g| g.size)
        .collect();
    if sizes.is_empty() {
        return glyphs.first().map_or(0.0, |g| g.size);
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

/// A line's glyphs, left to right, as text, where each of its cells
/// starts, and where it ends.
fn line_text(page: &Page, glyphs: &[&Glyph], baseline: f32, size: f32) -> (String, Vec<f32>, f32) {
    let em = size.max(1.0);
    // Each visible glyph with the gap before it and whether a space glyph
    // came between.
    let mut items: Vec<(&Glyph, f32, bool)> = Vec::new();
    let mut end: Option<f32> = None;
    let mut spaced = false;
    let mut last: Option<&Glyph> = None;
    for &g in glyphs {
        let text = page.text(g);
        if text.chars().all(char::is_whitespace) {
            spaced = true;
            continue;
        }
        // Text drawn twice in place (a fake bold) is one glyph.
        if last.is_some_and(|l| (l.x - g.x).abs() < 0.05 * em && page.text(l) == text) {
            continue;
        }
        let gap = end.map_or(0.0, |e| g.x - e);
        items.push((g, gap, spaced && end.is_some()));
        end = Some(end.map_or(g.x + g.width, |e| e.max(g.x + g.width)));
        spaced = false;
        last = Some(g);
    }
    let has_word_gaps = items
        .iter()
        .any(|&(_, gap, spaced)| (spaced || gap > WORD_GAP * em) && gap < 0.5 * em);
    let mut out = String::new();
    let mut cells = Vec::new();
    for (g, gap, spaced) in items {
        let superscript = g.size < 0.8 * size && baseline - g.y > 0.15 * size;
        if cells.is_empty() {
            cells.push(g.x);
        }
        let column_gap =
            gap > COLUMN_GAP * em || (has_word_gaps && gap > COLUMN_GAP_AMONG_WORDS * em);
        // A list bullet set off by a tab stop is a bullet, not a cell.
        let after_bullet = matches!(out.as_str(), "•" | "◦" | "▪" | "●" | "·" | "–" | "-");
        if column_gap && after_bullet && cells.len() == 1 {
            out.push(' ');
        } else if column_gap {
            out.push('\t');
            cells.push(g.x);
        } else if (spaced || gap > WORD_GAP * em) && !out.is_empty() {
            out.push(' ');
        }
        for c in page.text(g).chars() {
            push_char(&mut out, c, superscript);
        }
    }
    (out, cells, end.unwrap_or(0.0))
}

/// Appends a character as plain text: ligatures spelt out, a raised digit
/// (a footnote marker) as a superscript digit so it is never read as part
/// of the number before it ("2015¹", not "20151").
fn push_char(out: &mut String, c: char, superscript: bool) {
    match c {
        '\u{fb00}' => out.push_str("ff"),
        '\u{fb01}' => out.push_str("fi"),
        '\u{fb02}' => out.push_str("fl"),
        '\u{fb03}' => out.push_str("ffi"),
        '\u{fb04}' => out.push_str("ffl"),
        '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
        '\u{a0}' => out.push(' '),
        '0'..='9' if superscript => {
            out.push(['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][c as usize - '0' as usize])
        }
        c if c.is_control() => {}
        c => out.push(c),
    }
}
