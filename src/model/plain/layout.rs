//! Layout: text set out by position, as `pdftotext -layout` writes it.
//!
//! Such text places words where they stood on the page, padded with
//! spaces. Two things follow from that. A page set in two columns puts a
//! line of the left column and a line of the right column side by side,
//! with a gutter of spaces between them that runs down the page; and a table
//! puts its cells side by side with gaps of two or more spaces that line up
//! over several lines. Both are found the same way, by looking for columns
//! of blank positions that run down several lines and have text on both
//! sides: one such gutter down most of a page whose two sides start their
//! paragraphs at different heights is a two-column page, read left column
//! first; aligned gaps over a few lines are a table.

use super::page::Noise;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A piece of a source line to read as one line of text: the whole line,
/// or its part in one column of a two-column page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Piece {
    /// Byte range in the source, trimmed.
    pub range: Range<usize>,
    /// Character column of its first character on the page.
    pub indent: usize,
    /// Character column just after its last character.
    pub end: usize,
    /// The right margin of its column when the text is hard-wrapped there.
    pub edge: Option<usize>,
    /// The source line it comes from.
    pub line: usize,
}

/// One line of a stream: blank, an aside (comment, footnote), or text.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Slot {
    Blank,
    Aside,
    Text(Piece),
}

impl Slot {
    fn piece(&self) -> Option<&Piece> {
        match self {
            Slot::Text(p) => Some(p),
            _ => None,
        }
    }
}

/// What the front-end reads, in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Item {
    Blank,
    Noise(Noise),
    Line(Piece),
    /// A table row: each cell is the source ranges of its lines.
    Row {
        cells: Vec<Vec<Range<usize>>>,
        /// The first row of a table.
        first: bool,
    },
}

/// A marker that hangs before its text: a paragraph number, a bullet, a
/// labelled part. The gap after it is not a column gap.
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?|[•·▪●◦o\-–*]|\(?[a-z]\)|\(?[ivx]{1,4}\)|[A-Z]{1,3}\.\d{1,3}|(?i:section|part|appendix|annexe?|schedule)\s[A-Z0-9]{1,3}[.:]?)$")
        .expect("marker pattern is valid")
});
/// Lines wider than this are not searched for columns, nor start a table
/// (bounds the work).
const MAX_WIDTH: usize = 400;

/// The characters of a line with their byte offsets.
fn chars_of(src: &str, range: &Range<usize>) -> Vec<(usize, char)> {
    src[range.clone()]
        .char_indices()
        .map(|(o, c)| (range.start + o, c))
        .collect()
}

/// The occupied columns of a run of characters that starts at column
/// `from`: a character, or a single space between words. Runs of two or
/// more spaces are gaps, except the gap after a hanging marker.
fn occupancy(chars: &[(usize, char)], from: usize) -> Vec<bool> {
    // A tab is a cell separator of its own (read elsewhere), not a gap.
    let mut occ: Vec<bool> = chars
        .iter()
        .map(|&(_, c)| !c.is_whitespace() || c == '\t')
        .collect();
    let n = occ.len();
    // Single spaces between words are part of the text.
    for x in 1..n.saturating_sub(1) {
        if !occ[x] && occ[x - 1] && occ[x + 1] {
            occ[x] = true;
        }
    }
    // Segments separated by gaps; a marker segment fills the gap after it.
    let mut x = 0;
    while x < n {
        if !occ[x] {
            x += 1;
            continue;
        }
        let start = x;
        while x < n && occ[x] {
            x += 1;
        }
        let gap_end = (x..n).find(|&g| occ[g]).unwrap_or(n);
        let segment: String = chars[start..x].iter().map(|&(_, c)| c).collect();
        if gap_end < n && gap_end - x <= 8 && MARKER.is_match(&segment) {
            occ[x..gap_end].iter_mut().for_each(|o| *o = true);
        }
        x = gap_end;
    }
    let mut out = vec![false; from];
    out.extend(occ);
    out
}

/// A line of the page: its characters and occupied columns.
struct Row {
    line: usize,
    chars: Vec<(usize, char)>,
    occ: Vec<bool>,
}

impl Row {
    fn occupied(&self, x: usize) -> bool {
        self.occ.get(x).copied().unwrap_or(false)
    }

    fn text_in(&self, cols: Range<usize>) -> bool {
        cols.into_iter().any(|x| self.occupied(x))
    }

    /// The trimmed piece of the line within columns `cols`.
    fn piece(&self, cols: Range<usize>) -> Option<Piece> {
        let end = cols.end.min(self.chars.len());
        let first = (cols.start..end).find(|&x| !self.chars[x].1.is_whitespace())?;
        let last = (first..end)
            .rev()
            .find(|&x| !self.chars[x].1.is_whitespace())?;
        let (b_end, c_end) = self.chars[last];
        Some(Piece {
            range: self.chars[first].0..b_end + c_end.len_utf8(),
            indent: first,
            end: last + 1,
            edge: None,
            line: self.line,
        })
    }
}

/// Arranges the lines of a text in reading order: pages split at page
/// breaks, two-column pages read column by column, aligned gaps read as
/// table rows.
pub(super) fn arrange(src: &str, lines: &[Range<usize>], noise: &[Option<Noise>]) -> Vec<Item> {
    // The margin of the whole text, for a page too short to show its own.
    let whole: Vec<Slot> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| noise[i].is_none())
        .filter_map(|(_, r)| {
            let chars = chars_of(src, r);
            let row = Row {
                line: 0,
                occ: Vec::new(),
                chars,
            };
            row.piece(0..usize::MAX).map(Slot::Text)
        })
        .collect();
    let margin = right_margin(&whole);
    let mut items = Vec::new();
    let mut page: Vec<usize> = Vec::new();
    for (i, range) in lines.iter().enumerate() {
        match noise[i] {
            Some(Noise::PageBreak) => {
                read_page(src, lines, noise, &page, margin, &mut items);
                page.clear();
                items.push(Item::Noise(Noise::PageBreak));
            }
            _ if src[range.clone()].contains('\u{c}') => {
                read_page(src, lines, noise, &page, margin, &mut items);
                page.clear();
                items.push(Item::Noise(Noise::PageBreak));
                page.push(i);
            }
            _ => page.push(i),
        }
    }
    read_page(src, lines, noise, &page, margin, &mut items);
    items
}

/// One entry of a stream: a blank, an aside, or a row of the page.
enum Entry {
    Blank,
    Aside,
    Text(Row),
}

fn read_page(
    src: &str,
    lines: &[Range<usize>],
    noise: &[Option<Noise>],
    page: &[usize],
    margin: Option<usize>,
    items: &mut Vec<Item>,
) {
    let entries: Vec<Entry> = page
        .iter()
        .map(|&i| {
            if noise[i].is_some() {
                return Entry::Aside;
            }
            let chars = chars_of(src, &lines[i]);
            if chars.iter().all(|(_, c)| c.is_whitespace()) {
                return Entry::Blank;
            }
            let occ = occupancy(&chars, 0);
            Entry::Text(Row {
                line: i,
                chars,
                occ,
            })
        })
        .collect();
    let slot = |e: &Entry, cols: Range<usize>| match e {
        Entry::Text(row) => row.piece(cols).map_or(Slot::Blank, Slot::Text),
        Entry::Aside => Slot::Aside,
        Entry::Blank => Slot::Blank,
    };
    let Some((region, gutter)) = find_columns(&entries) else {
        let whole: Vec<Slot> = entries.iter().map(|e| slot(e, 0..usize::MAX)).collect();
        read_stream(src, whole, margin, items);
        return;
    };
    let mut left: Vec<Slot> = entries[..region.start]
        .iter()
        .map(|e| slot(e, 0..usize::MAX))
        .collect();
    let mut right = Vec::new();
    for e in &entries[region.clone()] {
        left.push(slot(e, 0..gutter.start));
        if !matches!(e, Entry::Aside) {
            right.push(slot(e, gutter.end..usize::MAX));
        }
    }
    let after: Vec<Slot> = entries[region.end..]
        .iter()
        .map(|e| slot(e, 0..usize::MAX))
        .collect();
    // A paragraph may run on from the foot of one column to the head of
    // the next, as over a page break.
    read_stream(src, left, None, items);
    items.push(Item::Noise(Noise::PageBreak));
    read_stream(src, right, None, items);
    if !after.is_empty() {
        items.push(Item::Noise(Noise::PageBreak));
        read_stream(src, after, margin, items);
    }
}

/// A two-column region of a page: the entries it spans and its gutter.
/// The gutter is the blank column position with the most lines that have
/// text on both sides, over a run of lines that no line crosses; it makes
/// two columns when at least six lines have text on both sides, both sides
/// are wide, no other gap runs down the region (that would be a table), and
/// the two sides start their paragraphs at different heights (a table's
/// cells start together).
fn find_columns(entries: &[Entry]) -> Option<(Range<usize>, Range<usize>)> {
    let rows: Vec<(usize, &Row)> = entries
        .iter()
        .enumerate()
        .filter_map(|(n, e)| match e {
            Entry::Text(r) => Some((n, r)),
            _ => None,
        })
        .collect();
    let width = rows.iter().map(|(_, r)| r.occ.len()).max()?;
    if rows.len() < 8 || width > MAX_WIDTH {
        return None;
    }
    // (two-sided lines, lines in the run), x, the run.
    let mut best: Option<((usize, usize), usize, Range<usize>)> = None;
    for x in 20..width.saturating_sub(20) {
        let mut start = 0;
        let mut two = 0;
        let mut consider = |start: usize, end: usize, two: usize| {
            let score = (two, end - start);
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, x, start..end));
            }
        };
        for (k, (_, r)) in rows.iter().enumerate() {
            if r.occupied(x) {
                consider(start, k, two);
                start = k + 1;
                two = 0;
            } else if r.text_in(0..x) && r.text_in(x..r.occ.len()) {
                two += 1;
            }
        }
        consider(start, rows.len(), two);
    }
    let ((two, _), x, span) = best?;
    if two < 6 {
        return None;
    }
    let region = &rows[span.clone()];
    let blank = |c: usize| region.iter().all(|(_, r)| !r.occupied(c));
    let mut a = x;
    while a > 0 && blank(a - 1) {
        a -= 1;
    }
    let mut b = x;
    while b < width && blank(b) {
        b += 1;
    }
    let left_width = region
        .iter()
        .filter(|(_, r)| r.text_in(0..a))
        .map(|(_, r)| (0..a).rev().find(|&c| r.occupied(c)).map_or(0, |c| c + 1))
        .max()
        .unwrap_or(0);
    let right_width = region.iter().map(|(_, r)| r.occ.len()).max().unwrap_or(0) - b;
    if left_width < 25 || right_width < 25 {
        return None;
    }
    // Another gap down the region with text on both sides: a table.
    let other_gap = (1..width).filter(|c| !(a..b).contains(c)).any(|c| {
        blank(c)
            && region
                .iter()
                .filter(|(_, r)| {
                    let (lo, hi) = if c < a {
                        (0..c, c..a)
                    } else {
                        (b..c, c..width)
                    };
                    r.text_in(lo) && r.text_in(hi)
                })
                .count()
                >= 2
    });
    if other_gap {
        return None;
    }
    // Paragraph starts on each side, and how many fall on the same line.
    let first = region[0].0;
    let last = region[region.len() - 1].0;
    let starts = |side: &dyn Fn(&Row) -> bool| -> Vec<usize> {
        let mut out = Vec::new();
        let mut had = false;
        for e in &entries[first..=last] {
            let has = match e {
                Entry::Text(r) => side(r),
                _ => false,
            };
            if let (true, false, Entry::Text(r)) = (has, had, e) {
                out.push(r.line);
            }
            had = has;
        }
        out
    };
    let left = starts(&|r: &Row| r.text_in(0..a));
    let right = starts(&|r: &Row| r.text_in(b..r.occ.len()));
    let together = left.iter().filter(|l| right.contains(l)).count();
    let total = left.len().max(right.len());
    if total < 3 || together * 2 > total {
        return None;
    }
    Some((first..last + 1, a..b))
}

/// Reads a stream of pieces (one column, or a whole page) into items,
/// finding its tables and its right margin (else `margin`, the text's).
fn read_stream(src: &str, mut stream: Vec<Slot>, margin: Option<usize>, items: &mut Vec<Item>) {
    let edge = right_margin(&stream).or(margin);
    for slot in &mut stream {
        if let Slot::Text(p) = slot {
            p.edge = edge;
        }
    }
    let mut n = 0;
    while n < stream.len() {
        if let Some(table) = find_table(src, &stream, n) {
            let end = table.end;
            push_table(src, &stream[n..end], items);
            n = end;
            continue;
        }
        items.push(match &stream[n] {
            Slot::Text(p) => Item::Line(p.clone()),
            Slot::Aside => Item::Noise(Noise::Aside),
            Slot::Blank => Item::Blank,
        });
        n += 1;
    }
}

/// The right margin of hard-wrapped text: where most lines end. `None`
/// when lines end anywhere (text with one line per paragraph).
fn right_margin(stream: &[Slot]) -> Option<usize> {
    let mut ends: Vec<usize> = stream
        .iter()
        .filter_map(Slot::piece)
        .map(|p| p.end)
        .collect();
    if ends.len() < 6 {
        return None;
    }
    ends.sort_unstable();
    let edge = ends[ends.len() * 9 / 10];
    let near = ends
        .iter()
        .filter(|&&e| e + 15 >= edge && e <= edge + 5)
        .count();
    (edge <= 200 && near * 2 >= ends.len()).then_some(edge)
}

/// Geometry of a piece for table detection.
fn piece_occupancy(src: &str, p: &Piece) -> Vec<bool> {
    let chars = chars_of(src, &p.range);
    occupancy(&chars, p.indent)
}

/// A table starting at `n`: lines whose gaps line up, at least two of them
/// split by a gap. Ends at a line that crosses every gap, at two blank
/// lines, or after a blank at a line with no gap of its own.
fn find_table(src: &str, stream: &[Slot], n: usize) -> Option<Range<usize>> {
    let first = stream[n].piece()?;
    // A line far wider than a page is no table row (and its occupancy
    // would cost memory by the character).
    if first.end - first.indent > MAX_WIDTH {
        return None;
    }
    let occ0 = piece_occupancy(src, first);
    let split = |occ: &[bool], x: usize| {
        !occ.get(x).copied().unwrap_or(false)
            && occ[..x.min(occ.len())].iter().any(|&o| o)
            && occ.get(x..).is_some_and(|r| r.iter().any(|&o| o))
    };
    // Columns blank in every line so far.
    let width = occ0.len();
    let mut blank: Vec<bool> = (0..width).map(|x| !occ0[x]).collect();
    if !(0..width).any(|x| blank[x] && split(&occ0, x)) {
        return None;
    }
    let mut split_lines = 1;
    let mut end = n + 1;
    let mut blanks = 0;
    let mut k = n + 1;
    while k < stream.len() {
        if stream[k] == Slot::Aside {
            k += 1;
            continue;
        }
        let Some(p) = stream[k].piece() else {
            blanks += 1;
            if blanks >= 2 {
                break;
            }
            k += 1;
            continue;
        };
        let occ = piece_occupancy(src, p);
        let next: Vec<bool> = (0..width)
            .map(|x| blank[x] && !occ.get(x).copied().unwrap_or(false))
            .collect();
        // A gap survives when some line so far is split by it.
        let keeps = (0..width).any(|x| next[x] && split(&occ0, x));
        let own_split = (0..width).any(|x| next[x] && split(&occ, x));
        if !keeps || (blanks > 0 && !own_split) || p.end > width + 40 {
            break;
        }
        blank = next;
        if own_split {
            split_lines += 1;
        }
        blanks = 0;
        k += 1;
        end = k;
    }
    (split_lines >= 2).then_some(n..end)
}

/// Emits the rows of a table. Cells are cut at the columns blank in every
/// line; a row is a group of lines between blank lines when the table has
/// such gaps, else a line that fills every column (or starts the first
/// column) together with the lines after it that do not.
fn push_table(src: &str, slots: &[Slot], items: &mut Vec<Item>) {
    let lines: Vec<Option<&Piece>> = slots
        .iter()
        .filter(|s| **s != Slot::Aside)
        .map(Slot::piece)
        .collect();
    let occs: Vec<Option<Vec<bool>>> = lines
        .iter()
        .map(|p| p.map(|p| piece_occupancy(src, p)))
        .collect();
    let width = occs.iter().flatten().map(Vec::len).max().unwrap_or(0);
    let blank = |x: usize| {
        occs.iter()
            .flatten()
            .all(|o| !o.get(x).copied().unwrap_or(false))
    };
    // Column boundaries: runs of blank positions with text on both sides.
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut x = 0;
    while x < width {
        if blank(x) {
            let start = x;
            while x < width && blank(x) {
                x += 1;
            }
            cuts.push(start..x);
        } else {
            x += 1;
        }
    }
    let cols: Vec<Range<usize>> = {
        let mut out = Vec::new();
        let mut from = 0;
        for c in &cuts {
            if c.start > from {
                out.push(from..c.start);
            }
            from = c.end;
        }
        if from < width {
            out.push(from..usize::MAX);
        }
        out
    };
    let cells_of = |p: &Piece| -> Vec<Option<Range<usize>>> {
        let chars = chars_of(src, &p.range);
        let row = Row {
            line: p.line,
            occ: Vec::new(),
            chars: std::iter::repeat_n((0, ' '), p.indent)
                .chain(chars)
                .collect(),
        };
        cols.iter()
            .map(|c| row.piece(c.clone()).map(|p| p.range))
            .collect()
    };
    let grouped = lines.iter().any(Option::is_none);
    let split: Vec<Option<Vec<Option<Range<usize>>>>> =
        lines.iter().map(|p| p.map(cells_of)).collect();
    let full_rows = split
        .iter()
        .skip(1)
        .flatten()
        .any(|cells| cells.iter().all(Option::is_some));
    let mut rows: Vec<Vec<Vec<Range<usize>>>> = Vec::new();
    let mut after_blank = true;
    for cells in &split {
        let Some(cells) = cells else {
            after_blank = true;
            continue;
        };
        let starts = if grouped {
            after_blank
        } else if full_rows {
            cells.iter().all(Option::is_some)
        } else {
            cells.first().is_some_and(Option::is_some)
        };
        if starts || rows.is_empty() {
            rows.push(vec![Vec::new(); cols.len()]);
        }
        if let Some(row) = rows.last_mut() {
            for (slot, cell) in row.iter_mut().zip(cells) {
                slot.extend(cell.clone());
            }
        }
        after_blank = false;
    }
    for (n, cells) in rows.into_iter().enumerate() {
        items.push(Item::Row {
            cells,
            first: n == 0,
        });
    }
}
