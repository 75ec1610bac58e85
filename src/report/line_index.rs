//! Byte offsets to lines and columns: the one place govlint turns a span
//! into something a person (or an editor) can find.

use std::ops::Range;

/// A span as lines and columns (1-based, columns in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanPosition {
    pub start: (usize, usize),
    /// Just past the span: exclusive.
    pub end: (usize, usize),
    /// The span's last character (its start, for an empty span): inclusive.
    pub last: (usize, usize),
}

/// The line starts of a text, for converting byte offsets to 1-based lines
/// and columns. Build one per document and ask it many times.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The 1-based line of byte `byte`. An offset past the end is on the
    /// last line.
    pub fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte).max(1)
    }

    /// The 1-based line and column of byte `byte`, the column counted in
    /// characters (what the JSON output promises). An offset that is not on a
    /// character boundary is put at column 1.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let line = self.line(byte);
        let start = self.starts[line - 1];
        let col = self.text.get(start..byte).map_or(0, |s| s.chars().count());
        (line, col + 1)
    }

    /// Where `span` starts, ends (exclusive, as JSON and SARIF count) and
    /// where its last character is (inclusive, as GitHub annotations count).
    pub fn span(&self, span: &Range<usize>) -> SpanPosition {
        let last_char = self
            .text
            .get(span.start..span.end)
            .and_then(|s| s.char_indices().next_back())
            .map_or(span.start, |(i, _)| span.start + i);
        SpanPosition {
            start: self.line_col(span.start),
            end: self.line_col(span.end),
            last: self.line_col(last_char),
        }
    }

    /// The text the index is over.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// How many lines the text has (a final line break starts an empty one).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of 1-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        start..end.max(start)
    }

    /// The 1-based column of byte `byte` counted in bytes, as `govlint test`
    /// shows it ("at 1:48"). An offset that is not on a character boundary
    /// is put at column 1.
    pub fn byte_column(&self, byte: usize) -> usize {
        if !self.text.is_char_boundary(byte) {
            return 1;
        }
        byte - self.starts[self.line(byte) - 1] + 1
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_and_columns_are_one_based() {
        let index = LineIndex::new("ab\ncd\n");
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(2), (1, 3));
        assert_eq!(index.line_col(3), (2, 1));
        assert_eq!(index.line_col(6), (3, 1));
        assert_eq!(index.line(100), 3);
    }

    #[test]
    fn spans_end_exclusive_and_last_inclusive() {
        let index = LineIndex::new("ab\ncafé\n");
        // "café": bytes 3..8, the "é" at byte 6.
        let p = index.span(&(3..8));
        assert_eq!(p.start, (2, 1));
        assert_eq!(p.end, (2, 5));
        assert_eq!(p.last, (2, 4));
        // A span that takes in the newline ends on the next line, but its
        // last character is still on its own.
        let p = index.span(&(0..3));
        assert_eq!((p.end, p.last), ((2, 1), (1, 3)));
        assert_eq!(index.span(&(1..1)).last, (1, 2));
    }

    #[test]
    fn columns_count_characters_or_bytes() {
        let index = LineIndex::new("x\ncafé au lait");
        // "au" starts after "café " : 5 characters, 6 bytes.
        assert_eq!(index.line_col(8), (2, 6));
        assert_eq!(index.byte_column(8), 7);
        // Inside "é": not a character boundary.
        assert_eq!(index.line_col(6), (2, 1));
        assert_eq!(index.byte_column(6), 1);
        // Past the end.
        assert_eq!(index.byte_column(100), 1);
    }
}
