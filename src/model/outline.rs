//! Outline front-end: a Word document's blocks come with the structure
//! its reader recognised (headings from styles, numbers from automatic
//! numbering, tables from the table markup), so nothing is guessed here.

use super::Block;
use super::blocks::{BlockBuilder, BlockKind};
use super::text::CleanText;
use crate::source::outline::{OutlineBlock, OutlineKind};

pub fn parse(src: &str, outline: &[OutlineBlock]) -> (CleanText, Vec<Block>) {
    let mut b = BlockBuilder::new(src);
    for block in outline {
        let kind = match block.kind {
            OutlineKind::Heading { level } => BlockKind::Heading { level },
            OutlineKind::Paragraph => BlockKind::Paragraph,
            OutlineKind::ListItem => BlockKind::ListItem,
            OutlineKind::TableRow { table, header } => BlockKind::TableRow { table, header },
            // Footnotes and endnotes are not statement text: a note's
            // reference mark in the body is enough for a reader.
            OutlineKind::Note => continue,
        };
        b.begin(kind, block.range.start);
        if !block.cells.is_empty() {
            for cell in &block.cells {
                b.begin_cell(cell.start);
                b.text(cell.clone());
                b.end_cell();
            }
            continue;
        }
        match &block.number {
            Some(number) if block.range.start <= number.start && number.end <= block.range.end => {
                b.text(block.range.start..number.start);
                let start = b.clean.len();
                b.text(number.clone());
                b.set_number(start..b.clean.len());
                b.text(number.end..block.range.end);
            }
            _ => b.text(block.range.clone()),
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::blocks::block_texts;

    #[test]
    fn outline_blocks_become_model_blocks_with_their_numbers() {
        let src = "Governance\n\n4.8 The council met.\n\nRole\tName\n\nA note.";
        let outline = vec![
            OutlineBlock {
                kind: OutlineKind::Heading { level: 1 },
                range: 0..10,
                cells: vec![],
                number: None,
            },
            OutlineBlock {
                kind: OutlineKind::Paragraph,
                range: 12..32,
                cells: vec![],
                number: Some(12..15),
            },
            OutlineBlock {
                kind: OutlineKind::TableRow {
                    table: 0,
                    header: true,
                },
                range: 34..43,
                cells: vec![34..38, 39..43],
                number: None,
            },
            OutlineBlock {
                kind: OutlineKind::Note,
                range: 45..52,
                cells: vec![],
                number: None,
            },
        ];
        let (clean, blocks) = parse(src, &outline);
        let number = blocks[1].number.clone().expect("numbered");
        assert_eq!(&clean.as_str()[number], "4.8");
        assert_eq!(
            block_texts((clean, blocks)),
            vec![
                (BlockKind::Heading { level: 1 }, "Governance".to_owned()),
                (BlockKind::Paragraph, "4.8 The council met.".to_owned()),
                (
                    BlockKind::TableRow {
                        table: 0,
                        header: true
                    },
                    "Role | Name".to_owned()
                ),
            ]
        );
    }
}
