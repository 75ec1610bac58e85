//! The extracted text and its outline, block by block: one block per
//! line, a blank line between blocks, table cells separated by tabs, so
//! the `line:col` of a finding points at readable text.

use super::Extracted;
use super::comments::Anchors;
use super::trace::{Mark, Origins, Traced};
use crate::source::outline::{OutlineBlock, OutlineKind};
use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Default)]
pub(super) struct Output {
    text: String,
    outline: Vec<OutlineBlock>,
    /// Tables begun so far.
    pub tables: usize,
    /// Which blocks reviewers' comments are anchored on.
    pub comments: Anchors,
    /// Where the text came from in the body's XML.
    marks: Vec<Mark>,
}

impl Output {
    /// Starts a new block, returning where its text begins.
    fn open(&mut self) -> usize {
        if !self.text.is_empty() {
            self.marks.push(Mark {
                at: self.text.len(),
                xml: None,
            });
            self.text.push_str("\n\n");
        }
        self.text.len()
    }

    /// A block of text, with a generated label ("4.8") written before it;
    /// `number` is the number's range within the label.
    pub fn block(
        &mut self,
        kind: OutlineKind,
        label: Option<(&str, Option<Range<usize>>)>,
        body: &Traced,
    ) {
        let start = self.open();
        let mut number = None;
        if let Some((label, range)) = label {
            number = range.map(|r| start + r.start..start + r.end);
            self.text.push_str(label);
            if !body.is_empty() {
                self.text.push(' ');
            }
        }
        self.marks.extend(body.marks_at(self.text.len()));
        self.text.push_str(&body.text);
        self.comments.block(&(start..self.text.len()));
        self.outline.push(OutlineBlock {
            kind,
            range: start..self.text.len(),
            cells: Vec::new(),
            number,
        });
    }

    /// A table row: its cells on one line, separated by tabs.
    pub fn row(&mut self, table: usize, header: bool, cells: &[Traced]) {
        let start = self.open();
        let mut ranges = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.marks.push(Mark {
                    at: self.text.len(),
                    xml: None,
                });
                self.text.push('\t');
            }
            let at = self.text.len();
            self.marks.extend(cell.marks_at(at));
            self.text.push_str(&cell.text);
            ranges.push(at..self.text.len());
        }
        self.comments.block(&(start..self.text.len()));
        self.outline.push(OutlineBlock {
            kind: OutlineKind::TableRow { table, header },
            range: start..self.text.len(),
            cells: ranges,
            number: None,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.outline.is_empty()
    }

    /// The text and outline, and where each comment is anchored (by id).
    pub fn finish(self) -> (Extracted, BTreeMap<String, Range<usize>>) {
        let origins = Origins {
            marks: self.marks,
            len: self.text.len(),
        };
        let doc = Extracted {
            text: self.text,
            outline: self.outline,
            comments: Vec::new(),
            origins,
        };
        (doc, self.comments.spans())
    }
}

/// A paragraph's text as a reader sees it: every run of white space (tabs,
/// line breaks, no-break and other wide spaces) one space, invisible
/// characters (soft hyphens, zero-width spaces) gone, no space at the ends.
pub(super) fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    clean_with(raw, |_, _, shown| out.push(shown));
    out
}

/// [`clean`], calling `emit(offset, raw, shown)` for each character kept:
/// its byte offset in `raw`, the character there, and what is shown (a
/// space for a run of white space, given at the run's first character).
pub(super) fn clean_with(raw: &str, mut emit: impl FnMut(usize, char, char)) {
    let mut space: Option<(usize, char)> = None;
    let mut any = false;
    for (at, c) in raw.char_indices() {
        if c.is_whitespace() {
            space.get_or_insert((at, c));
            continue;
        }
        if matches!(
            c,
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        ) || c.is_control()
        {
            continue;
        }
        if let Some((space_at, space_char)) = space.take()
            && any
        {
            emit(space_at, space_char, ' ');
        }
        any = true;
        emit(at, c, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_one_space_and_invisible_characters_go() {
        assert_eq!(
            clean("  Audit\u{a0}and\tGovern\u{ad}ance \u{200b}Committee\u{202f}met \n"),
            "Audit and Governance Committee met"
        );
    }

    #[test]
    fn blocks_are_separated_by_blank_lines_and_cells_by_tabs() {
        let mut out = Output::default();
        out.block(
            OutlineKind::Paragraph,
            Some(("4.8", Some(0..3))),
            &"The council met.".into(),
        );
        out.row(0, true, &["Post".into(), "Name".into()]);
        let (doc, _) = out.finish();
        assert_eq!(doc.text, "4.8 The council met.\n\nPost\tName");
        assert_eq!(doc.outline[0].number, Some(0..3));
        assert_eq!(doc.outline[1].cells, vec![22..26, 27..31]);
    }
}
