//! Blocks: the units the front-ends (Markdown, plain text, HTML) produce.

use super::text::CleanText;
use std::ops::Range;

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; level 1 is the title level.
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem,
    /// A row of table `table`; `header` for a Markdown header row or the
    /// first row of a tab-separated table.
    TableRow {
        table: usize,
        header: bool,
    },
}

/// A block of clean text; `range` is trimmed of surrounding white space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    /// The cells of a table row, in clean text; empty for other blocks.
    pub cells: Vec<Range<usize>>,
    /// A paragraph number the front-end wrote in because the source shows it
    /// only as markup (an HTML `<ol start="7">` item): the model takes it as
    /// the block's number even when it is a bare "7" the text patterns skip.
    pub number: Option<Range<usize>>,
}

/// Builds clean text and blocks from a front-end's events.
pub(crate) struct BlockBuilder<'s> {
    src: &'s str,
    pub clean: CleanText,
    pub blocks: Vec<Block>,
    open: Option<(BlockKind, usize)>,
    cells: Vec<Range<usize>>,
    cell_start: Option<usize>,
    number: Option<Range<usize>>,
    tables: usize,
}

/// Separates table cells in clean text so a pattern can still read a row.
pub const CELL_SEPARATOR: &str = " | ";

impl<'s> BlockBuilder<'s> {
    pub fn new(src: &'s str) -> Self {
        BlockBuilder {
            src,
            clean: CleanText::default(),
            blocks: Vec::new(),
            open: None,
            cells: Vec::new(),
            cell_start: None,
            number: None,
            tables: 0,
        }
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    pub fn open_kind(&self) -> Option<BlockKind> {
        self.open.map(|(k, _)| k)
    }

    /// Starts a new table; rows begun after this belong to it.
    pub fn new_table(&mut self) -> usize {
        self.tables += 1;
        self.tables - 1
    }

    pub fn begin(&mut self, kind: BlockKind, at: usize) {
        self.end(at);
        self.clean.end_block(at);
        self.open = Some((kind, self.clean.len()));
    }

    /// Appends source text to the open block.
    pub fn text(&mut self, range: Range<usize>) {
        self.clean.push_source(self.src, range);
    }

    /// Appends text that differs from its source (entities, escapes).
    pub fn replacement(&mut self, text: &str, range: Range<usize>) {
        self.clean.push_replacement(text, range);
    }

    /// Writes a number the source shows only as markup at the start of the
    /// open block: `label` ("7." or "4.3") stands for `at..at`, and `number`
    /// ("7", "4.3") becomes the block's [`Block::number`].
    pub fn generated_number(&mut self, label: &str, number: &str, at: usize) {
        let start = self.clean.len();
        self.clean.push_replacement(&format!("{label} "), at..at);
        self.number = Some(start..start + number.len());
    }

    /// Marks `range` of the clean text as the open block's number.
    pub fn set_number(&mut self, range: Range<usize>) {
        self.number = Some(range);
    }

    /// A line break or gap inside a block: one space, never two.
    pub fn space(&mut self, at: usize) {
        let s = self.clean.as_str();
        if !s.is_empty() && !s.ends_with([' ', '\n']) {
            self.clean.push_separator(" ", at);
        }
    }

    pub fn begin_cell(&mut self, at: usize) {
        if !self.cells.is_empty() || self.cell_start.is_some() {
            self.clean.push_separator(CELL_SEPARATOR, at);
        }
        self.cell_start = Some(self.clean.len());
    }

    pub fn end_cell(&mut self) {
        if let Some(start) = self.cell_start.take() {
            let range = trim(self.clean.as_str(), start..self.clean.len());
            self.cells.push(range);
        }
    }

    /// Closes the open block, if any; empty blocks are dropped.
    pub fn end(&mut self, _at: usize) {
        self.end_cell();
        let Some((kind, start)) = self.open.take() else {
            return;
        };
        let range = trim(self.clean.as_str(), start..self.clean.len());
        let cells = std::mem::take(&mut self.cells);
        let number = self.number.take();
        let is_row = matches!(kind, BlockKind::TableRow { .. });
        if !range.is_empty() || (is_row && !cells.is_empty()) {
            self.blocks.push(Block {
                kind,
                range,
                cells,
                number,
            });
        }
    }

    pub fn finish(mut self) -> (CleanText, Vec<Block>) {
        let end = self.src.len();
        self.end(end);
        (self.clean, self.blocks)
    }
}

/// Narrows a range of `text` to exclude leading and trailing white space.
pub fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

/// The kind and clean text of each block, for the front-ends' tests.
#[cfg(test)]
pub(crate) fn block_texts(parsed: (CleanText, Vec<Block>)) -> Vec<(BlockKind, String)> {
    let (clean, blocks) = parsed;
    blocks
        .iter()
        .map(|b| (b.kind, clean.as_str()[b.range.clone()].to_owned()))
        .collect()
}
