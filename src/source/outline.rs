//! The structure a reader of a binary format (Word) recognised, as ranges
//! of the text it extracted, so the model need not guess it from layout.

use std::ops::Range;

/// What an outline block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineKind {
    /// A heading; level 1 is the title level.
    Heading {
        level: u8,
    },
    Paragraph,
    /// A list item (bulleted or numbered).
    ListItem,
    /// A row of table `table` (tables numbered from 0 in document order);
    /// `header` for a row Word marks as a header row.
    TableRow {
        table: usize,
        header: bool,
    },
    /// A footnote or endnote: kept apart from the body text.
    Note,
}

/// One block of the extracted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineBlock {
    pub kind: OutlineKind,
    /// The block's text in [`super::SourceFile::text`], numbers included.
    pub range: Range<usize>,
    /// The cells of a table row; empty for other blocks.
    pub cells: Vec<Range<usize>>,
    /// The number the reader sees ("4.8", "7", "b)" without its
    /// punctuation), when the format generates it (Word automatic
    /// numbering): it is written into the text at the start of `range`,
    /// and this is its range there. A number typed by hand is just text,
    /// and so is a heading's ("4. Review"): the model reads section
    /// numbers from heading text, as in Markdown.
    pub number: Option<Range<usize>>,
}
