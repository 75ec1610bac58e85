//! The lines a finding is shown on, cut to fit the terminal.
//!
//! A statement paragraph is often one line of several hundred characters.
//! Printed whole, it wraps, and the underline lands rows away from the
//! words it marks. An [`Excerpt`] keeps only the lines around a finding's
//! labels and, on a line too wide, a window of it around the labelled
//! words, with "…" where it was cut. It is the source miette renders, so
//! the underline stays under its words; line and column numbers are still
//! the file's.

use super::LineIndex;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// Where the cut marks go.
const CUT: &str = "…";

/// How far before the first labelled character a cut line starts, at most,
/// in columns: enough to read the words that lead into it.
const LEAD: usize = 16;

/// Columns kept free right of the last labelled character, where miette
/// writes the label (wrapped to fit).
const LABEL_ROOM: usize = 20;

/// The shown lines of a text, each cut to a width.
pub struct Excerpt {
    name: String,
    /// The columns of the report, and those the lines are cut to.
    width: usize,
    text_width: usize,
    /// Where the text shown from starts in the file.
    offset: usize,
    /// The shown lines, each ending in a line break but the last.
    text: String,
    lines: Vec<Shown>,
    /// The file positions (0-based line, 0-based column in characters) of
    /// the spans' starts, by their offset in `text`: the header names the
    /// primary span's real place even when its start was cut off.
    starts: Vec<(usize, usize, usize)>,
}

/// One shown line.
struct Shown {
    /// Where it starts in the excerpt's text.
    at: usize,
    /// Its 0-based line in the file.
    line: usize,
    /// The bytes of the file it shows (without the cut marks), and where
    /// they are in the excerpt's text.
    shows: Range<usize>,
    shown_at: usize,
    /// The file's column (characters) of the first character shown.
    first_column: usize,
}

impl Excerpt {
    /// The lines of the text `index` is over that `spans` touch, with one
    /// line of context around each, every line cut around the spans' ends
    /// on it (the first span's start first) to fit a report `width`
    /// columns wide beside its line numbers. The
    /// text starts at byte `offset` of the file (a Word or PDF document's
    /// paragraph; 0 for a whole file), and `spans` are bytes of the file;
    /// [`Excerpt::span`] maps them into the excerpt. Lines are numbered in
    /// the text.
    pub fn new(
        name: String,
        index: &LineIndex<'_>,
        offset: usize,
        spans: &[Range<usize>],
        width: usize,
    ) -> Excerpt {
        let text = index.text();
        let spans: Vec<Range<usize>> = spans
            .iter()
            .filter_map(|s| Some(s.start.checked_sub(offset)?..s.end.checked_sub(offset)?))
            .filter(|s| s.start <= s.end && s.end <= text.len())
            .collect();
        let last_line = index.line_count();
        // 1-based lines to show: each span's lines and one either side.
        let mut wanted: Vec<usize> = Vec::new();
        let mut over_lines = false;
        for span in &spans {
            let first = index.line(span.start);
            let last = index.line(span.end.saturating_sub(1).max(span.start));
            over_lines |= last > first;
            wanted.extend(first.saturating_sub(1).max(1)..=(last + 1).min(last_line));
        }
        wanted.sort_unstable();
        wanted.dedup();
        // miette puts " 123 │ " before each line, and bars beside a span
        // over several lines.
        let numbers = wanted.last().map_or(1, |l| l.to_string().len());
        let gutter = numbers + 4 + if over_lines { 4 } else { 0 };
        let text_width = width.saturating_sub(gutter).max(20);
        // The header: "  ╭─[name:line:column]" after the line numbers.
        let name = cut_middle(&name, width.saturating_sub(numbers + 6 + 10).max(20));
        let mut excerpt = Excerpt {
            name,
            width,
            text_width,
            offset,
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
            starts: Vec::new(),
        };
        for line in wanted {
            let bytes = index.line_range(line);
            let mut content = &text[bytes.clone()];
            content = content.strip_suffix('\r').unwrap_or(content);
            let bytes = bytes.start..bytes.start + content.len();
            // Where spans start or end on this line (bytes into the line):
            // what the window must take in. The first span's start comes first.
            let mut marks: Vec<usize> = Vec::new();
            for span in &spans {
                for end in [span.start, span.end] {
                    if bytes.contains(&end) || (end == bytes.end && span.start < end) {
                        marks.push(end - bytes.start);
                    }
                }
            }
            let (from, to) = window(content, &marks, text_width);
            if !excerpt.text.is_empty() {
                excerpt.text.push('\n');
            }
            let at = excerpt.text.len();
            if from > 0 {
                excerpt.text.push_str(CUT);
            }
            let shown_at = excerpt.text.len();
            // Control characters (a PDF's form feeds, an escape sequence
            // that would drive the terminal) show as a space; miette puts
            // tabs at their tab stops.
            excerpt.text.extend(content[from..to].chars().map(|c| {
                if c.is_ascii_control() && c != '\t' {
                    ' '
                } else {
                    c
                }
            }));
            if to < content.len() {
                excerpt.text.push_str(CUT);
            }
            excerpt.lines.push(Shown {
                at,
                line: line - 1,
                shows: bytes.start + from..bytes.start + to,
                shown_at,
                first_column: content[..from].chars().count(),
            });
        }
        for span in &spans {
            if let Some(mapped) = excerpt.span(&(span.start + offset..span.end + offset)) {
                let (line, column) = index.line_col(span.start);
                excerpt.starts.push((mapped.start, line - 1, column - 1));
            }
        }
        excerpt
    }

    /// `span` (bytes of the text) as bytes of the excerpt, cut to what is
    /// shown; `None` when none of it is.
    pub fn span(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let span = span.start.checked_sub(self.offset)?..span.end.checked_sub(self.offset)?;
        let first = self.lines.iter().position(|l| span.start <= l.shows.end)?;
        let last = self.lines.iter().rposition(|l| span.end >= l.shows.start)?;
        if last < first {
            return None;
        }
        let (a, b) = (&self.lines[first], &self.lines[last]);
        let start = a.shown_at + span.start.clamp(a.shows.start, a.shows.end) - a.shows.start;
        let end = b.shown_at + span.end.clamp(b.shows.start, b.shows.end) - b.shows.start;
        // A span cut off entirely on its line is not shown.
        (first != last || span.end >= a.shows.start && span.start <= a.shows.end)
            .then_some(start..end.max(start))
    }

    /// The width of the report, which the lines are cut to fit beside the
    /// line numbers.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The columns left for a label's text on its line under `span` (bytes
    /// of the excerpt, on one line): miette starts it at the middle of the
    /// underline, after "╰── ". `None` for a span over several lines, whose
    /// label goes at the left.
    pub fn label_room(&self, span: &Range<usize>) -> Option<usize> {
        let line = &self.lines[self.line_at(span.start)];
        if self.line_at(span.end.saturating_sub(1).max(span.start)) != self.line_at(span.start) {
            return None;
        }
        let columns = |to: usize| {
            self.text
                .get(line.at..to.max(line.at))
                .map_or(0, |s| s.chars().map(char_width).sum::<usize>())
        };
        let middle = (columns(span.start) + columns(span.end)) / 2;
        Some(self.text_width.saturating_sub(middle + 5))
    }

    /// The shown line that byte `at` of the excerpt is on.
    fn line_at(&self, at: usize) -> usize {
        self.lines.partition_point(|l| l.at <= at).saturating_sub(1)
    }

    /// The file's 0-based column of byte `at` of the excerpt.
    fn column(&self, at: usize) -> usize {
        let shown = &self.lines[self.line_at(at)];
        let into = self
            .text
            .get(shown.shown_at..at.max(shown.shown_at))
            .map_or(0, |s| s.chars().count());
        shown.first_column + into
    }
}

/// The bytes `from..to` of `line` to show within `width` columns (cut marks
/// included), taking in as many of `marks` (byte offsets, the most wanted
/// first) as fit.
fn window(line: &str, marks: &[usize], width: usize) -> (usize, usize) {
    let columns: usize = line.chars().map(char_width).sum();
    let Some(&first) = marks.first() else {
        if columns <= width {
            return (0, line.len());
        }
        return (0, fit(line, 0, width - 1));
    };
    let lo = marks.iter().copied().min().unwrap_or(first);
    let hi = marks.iter().copied().max().unwrap_or(first);
    let label_room = LABEL_ROOM.min(width / 3);
    if columns <= width && columns_between(line, 0, hi) + label_room <= width {
        return (0, line.len());
    }
    // Room for the text between two cut marks.
    let room = width - 2;
    let marked = columns_between(line, lo, hi);
    let from = if marked + 12 <= room {
        // Every mark, a little of what leads into them, and room for a
        // label after the last, each cut down to share what is spare.
        let spare = room - marked;
        let lead = LEAD.min(room / 4).min(spare / 3);
        let label_room = label_room.min(spare - lead);
        let for_label = back(line, hi, room - label_room);
        back(line, lo, lead).max(for_label).min(lo)
    } else {
        // Not all of them fit: the first mark, with its lead.
        back(line, first, LEAD.min(room / 4))
    };
    if from == 0 {
        return (0, fit(line, 0, width - 1));
    }
    let to = fit(line, from, room);
    let mut from = from;
    if to == line.len() {
        // Nothing cut at the end: use its room for more before, as long
        // as the labels keep theirs.
        while from > 0 {
            let earlier = line[..from]
                .char_indices()
                .next_back()
                .map_or(0, |(i, _)| i);
            if columns_between(line, earlier, to) > width - 1
                || columns_between(line, earlier, hi) + label_room > width - 1
            {
                break;
            }
            from = earlier;
        }
    }
    (from, to)
}

/// `name` within `columns`, its middle replaced by "…" when it is longer:
/// the start of a path and the file name (or the place in a document) stay.
fn cut_middle(name: &str, columns: usize) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.iter().copied().map(char_width).sum::<usize>() <= columns {
        return name.to_owned();
    }
    let (mut head, mut tail) = (0, chars.len());
    let mut used = 1;
    // Take from the end twice as fast as from the start.
    while head < tail {
        let next = if (chars.len() - tail) < 2 * head {
            tail - 1
        } else {
            head
        };
        let w = char_width(chars[next]);
        if used + w > columns {
            break;
        }
        used += w;
        if next == head {
            head += 1;
        } else {
            tail -= 1;
        }
    }
    let mut s: String = chars[..head].iter().collect();
    s.push_str(CUT);
    s.extend(&chars[tail..]);
    s
}

/// The columns `c` takes: at most, for a tab, which miette takes to the
/// next multiple of four.
fn char_width(c: char) -> usize {
    if c == '\t' {
        4
    } else if c.is_ascii_control() {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// Columns that `line[from..to]` takes.
fn columns_between(line: &str, from: usize, to: usize) -> usize {
    line.get(from..to.max(from))
        .map_or(0, |s| s.chars().map(char_width).sum())
}

/// The byte `columns` columns before `at` (or 0).
fn back(line: &str, at: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut from = at;
    for (i, c) in line[..at].char_indices().rev() {
        used += char_width(c);
        if used > columns {
            break;
        }
        from = i;
    }
    from
}

/// The end of the longest run of `line` from `from` within `columns`.
fn fit(line: &str, from: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in line[from..].char_indices() {
        used += char_width(c);
        if used > columns {
            return from + i;
        }
    }
    line.len()
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_at(start);
        let last = self.line_at(end.saturating_sub(1).max(start));
        // Context reaches only over lines next to each other in the file.
        let next_to = |a: usize, b: usize| self.lines[a].line + 1 == self.lines[b].line;
        let mut from = first;
        while from > 0 && first - from < before && next_to(from - 1, from) {
            from -= 1;
        }
        let mut to = last;
        while to + 1 < self.lines.len() && to - last < after && next_to(to, to + 1) {
            to += 1;
        }
        if before == 0 {
            // Asked for a position (the header's): the span's own, in the file.
            let (line, column) = self.starts.iter().find(|(at, ..)| *at == start).map_or(
                (self.lines[first].line, self.column(start)),
                |&(_, l, c)| (l, c),
            );
            let data = &self.text.as_bytes()[start..end];
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                data,
                *span,
                line,
                column,
                last - first + 1,
            )));
        }
        let data_start = self.lines[from].at;
        let data_end = self
            .lines
            .get(to + 1)
            .map_or(self.text.len(), |next| next.at);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            self.lines[from].line,
            0,
            to - from + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(excerpt: &Excerpt, span: &Range<usize>) -> String {
        excerpt.text[excerpt.span(span).expect("shown")].to_owned()
    }

    #[test]
    fn short_lines_are_shown_whole_with_a_line_either_side() {
        let text = "one\ntwo\nthree words\nfour\nfive\n";
        let words = 14..19;
        let e = Excerpt::new(
            "f".into(),
            &LineIndex::new(text),
            0,
            std::slice::from_ref(&words),
            80,
        );
        assert_eq!(e.text, "two\nthree words\nfour");
        assert_eq!(shown(&e, &words), "words");
        assert_eq!(e.lines[0].line, 1);
    }

    #[test]
    fn a_long_line_is_cut_around_the_words() {
        let before = "lorem ipsum ".repeat(20);
        let text = format!("{before}the council used reserves {before}");
        let at = before.len() + "the council used ".len();
        let span = at..at + "reserves".len();
        let e = Excerpt::new(
            "f".into(),
            &LineIndex::new(&text),
            0,
            std::slice::from_ref(&span),
            60,
        );
        assert!(
            e.text.starts_with('…') && e.text.ends_with('…'),
            "{}",
            e.text
        );
        assert!(e.text.chars().count() <= 60, "{}", e.text);
        assert_eq!(shown(&e, &span), "reserves");
        // The words that lead into the span are kept.
        assert!(e.text.contains("council used reserves"), "{}", e.text);
        // The header still gives the file's column.
        let mapped = e.span(&span).unwrap();
        let header = e.read_span(&(mapped.start, 8).into(), 0, 0).unwrap();
        assert_eq!(header.column(), text[..at].chars().count());
    }

    #[test]
    fn a_span_longer_than_the_window_is_cut_with_it() {
        let text = format!("Intro. {} End.", "word ".repeat(60));
        let span = 7..text.len() - 5;
        let e = Excerpt::new(
            "f".into(),
            &LineIndex::new(&text),
            0,
            std::slice::from_ref(&span),
            40,
        );
        let s = shown(&e, &span);
        assert!(s.starts_with("word word"), "{s}");
        assert!(e.text.chars().count() <= 40);
    }

    proptest::proptest! {
        /// Any line (tabs, wide and zero-width characters, controls), any
        /// spans, any width: the excerpt ends, fits, and shows each span's
        /// words or nothing of it.
        #[test]
        fn every_excerpt_fits_and_shows_true_words(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["word ", "\t", "字", "e\u{301}", "\u{c}", "£3.2m ", "…", " "]),
                0..120,
            ),
            cuts in proptest::collection::vec((0usize..400, 0usize..60), 1..4),
            width in 20usize..120,
        ) {
            let text: String = pieces.concat();
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let spans: Vec<Range<usize>> = cuts
                .iter()
                .map(|&(a, n)| {
                    let a = a % bounds.len();
                    bounds[a]..bounds[(a + n).min(bounds.len() - 1)]
                })
                .collect();
            let e = Excerpt::new("f".into(), &LineIndex::new(&text), 0, &spans, width);
            for line in e.text.lines() {
                let columns: usize = line.chars().map(char_width).sum();
                proptest::prop_assert!(columns <= e.text_width, "{columns} > {}: {line:?}", e.text_width);
            }
            for span in &spans {
                if let Some(shown) = e.span(span) {
                    let words = &e.text[shown];
                    let clean: String = text[span.clone()]
                        .chars()
                        .map(|c| if c.is_ascii_control() && c != '\t' { ' ' } else { c })
                        .collect();
                    proptest::prop_assert!(clean.contains(words), "{words:?} not in {clean:?}");
                }
            }
        }
    }

    #[test]
    fn long_names_lose_their_middle() {
        let name = "tests/fixtures/docx/fernbrook-ags.docx › 5. Significant governance issues";
        let cut = cut_middle(name, 40);
        assert_eq!(cut.chars().count(), 40, "{cut}");
        assert!(
            cut.starts_with("tests/") && cut.ends_with("governance issues"),
            "{cut}"
        );
        assert_eq!(cut_middle("short.md", 40), "short.md");
    }

    #[test]
    fn wide_characters_count_as_two_columns() {
        let text = format!("{}目標 reserves{}", "字".repeat(50), "字".repeat(50));
        let at = text.find("reserves").unwrap();
        let span = at..at + 8;
        let e = Excerpt::new(
            "f".into(),
            &LineIndex::new(&text),
            0,
            std::slice::from_ref(&span),
            40,
        );
        let columns: usize = e.text.chars().map(char_width).sum();
        assert!(columns <= 40, "{columns}: {}", e.text);
        assert_eq!(shown(&e, &span), "reserves");
    }

    #[test]
    fn distant_lines_keep_their_own_numbers() {
        let text: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let a = text.find("line 3\n").unwrap();
        let b = text.find("line 20\n").unwrap();
        let spans = [a..a + 6, b..b + 7];
        let e = Excerpt::new("f".into(), &LineIndex::new(&text), 0, &spans, 80);
        let numbers: Vec<usize> = e.lines.iter().map(|l| l.line + 1).collect();
        assert_eq!(numbers, [2, 3, 4, 19, 20, 21]);
        // Context around the first span does not run into the second.
        let m = e.span(&spans[0]).unwrap();
        let contents = e.read_span(&m.clone().into(), 1, 1).unwrap();
        assert_eq!(
            std::str::from_utf8(contents.data()).unwrap(),
            "line 2\nline 3\nline 4\n"
        );
        assert_eq!(contents.line(), 1);
    }
}
