//! Markdown front-end: CommonMark (with tables) through pulldown-cmark,
//! whose offset iterator ties every piece of text to its source bytes.

use super::Block;
use super::blocks::{BlockBuilder, BlockKind};
use super::text::CleanText;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn parse(src: &str) -> (CleanText, Vec<Block>) {
    let mut b = BlockBuilder::new(src);
    let mut table = 0;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                b.begin(BlockKind::Heading { level: level as u8 }, range.start)
            }
            Event::Start(Tag::Paragraph) => {
                // A paragraph inside a list item or block quote continues it.
                if b.is_open() {
                    b.space(range.start);
                } else {
                    b.begin(BlockKind::Paragraph, range.start);
                }
            }
            Event::Start(Tag::Item) => b.begin(BlockKind::ListItem, range.start),
            Event::Start(Tag::Table(_)) => table = b.new_table(),
            Event::Start(Tag::TableHead) => b.begin(
                BlockKind::TableRow {
                    table,
                    header: true,
                },
                range.start,
            ),
            Event::Start(Tag::TableRow) => b.begin(
                BlockKind::TableRow {
                    table,
                    header: false,
                },
                range.start,
            ),
            Event::Start(Tag::TableCell) => b.begin_cell(range.start),
            Event::End(TagEnd::TableCell) => b.end_cell(),
            // A paragraph inside a list item ends with the item.
            Event::End(TagEnd::Paragraph) if b.open_kind() == Some(BlockKind::Paragraph) => {
                b.end(range.end)
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow,
            ) => b.end(range.end),
            Event::Text(text) | Event::Code(text) => {
                if !b.is_open() {
                    b.begin(BlockKind::Paragraph, range.start);
                }
                if src.get(range.clone()) == Some(&*text) {
                    b.text(range);
                } else {
                    b.replacement(&text, range);
                }
            }
            Event::SoftBreak | Event::HardBreak => b.space(range.start),
            // Tags, comments and footnote references carry no statement text.
            _ => {}
        }
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(BlockKind, String)> {
        crate::model::blocks::block_texts(parse(src))
    }

    #[test]
    fn headings_paragraphs_items_and_tables() {
        let src = "# Annual Governance Statement 2023/24\n\nThe council **is** responsible\nfor governance.\n\n- 4.8 First item\n- Second\n\n| Role | Name |\n|---|---|\n| Leader | <p>Cllr A. Jones</p> |\n";
        let got = texts(src);
        assert_eq!(
            got[0],
            (
                BlockKind::Heading { level: 1 },
                "Annual Governance Statement 2023/24".into()
            )
        );
        assert_eq!(
            got[1],
            (
                BlockKind::Paragraph,
                "The council is responsible for governance.".into()
            )
        );
        assert_eq!(got[2], (BlockKind::ListItem, "4.8 First item".into()));
        assert_eq!(got[3], (BlockKind::ListItem, "Second".into()));
        assert_eq!(got[4].1, "Role | Name");
        assert_eq!(got[5].1, "Leader | Cllr A. Jones");
        assert_eq!(
            got[5].0,
            BlockKind::TableRow {
                table: 0,
                header: false
            }
        );
    }

    #[test]
    fn spans_point_back_into_markdown() {
        let src = "Some *emphasised* words &amp; more.";
        let (clean, blocks) = parse(src);
        let b = &blocks[0];
        let text = &clean.as_str()[b.range.clone()];
        assert_eq!(text, "Some emphasised words & more.");
        let at = text.find("emphasised").unwrap_or(0) + b.range.start;
        assert_eq!(&src[clean.to_source(&(at..at + 10))], "emphasised");
    }
}
