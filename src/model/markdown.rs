//! Markdown front-end: CommonMark (with tables) through pulldown-cmark,
//! whose offset iterator ties every piece of text to its source bytes.
//!
//! Markdown exported from Word or a CMS carries raw HTML: `<p>` paragraphs,
//! centred `<div>` titles, `<br>` in table cells. HTML blocks go through the
//! HTML front-end's block logic, so a `<p>` is a paragraph and an `<h2>` a
//! heading; inline tags are markup (`<br>` and block tags are a space).

use super::Block;
use super::blocks::{BlockBuilder, BlockKind};
use super::text::CleanText;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub fn parse(src: &str) -> (CleanText, Vec<Block>) {
    let mut b = BlockBuilder::new(src);
    let mut table = 0;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // The lines of the HTML block being read.
    let mut html: Option<Vec<Range<usize>>> = None;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => html = Some(Vec::new()),
            Event::Html(_) => html.get_or_insert_default().push(range),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(lines) = html.take() {
                    super::html::push_fragment(&mut b, src, &lines);
                }
            }
            Event::InlineHtml(tag) if b.is_open() && breaks_words(&tag) => b.space(range.start),
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
            // Other tags and footnote references carry no statement text.
            _ => {}
        }
    }
    b.finish()
}

/// Inline HTML that stands between words: `<br>`, or a block tag such as
/// `<p>` in a table cell. Other tags (`<strong>`, `<span>`) join their text
/// to the words around them, and comments are nothing.
fn breaks_words(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "br" | "p" | "div" | "li" | "ul" | "ol" | "tr" | "td" | "th" | "hr" | "table"
    )
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

    const EXPORTED: &str = "<div align=\"center\">\n\n# Ashcombe Borough Council\n\n## Annual Governance Statement 2023/24\n\n</div>\n\n<p align=\"center\"><strong>Year to 31 March 2024</strong><br>\nFor the Audit Committee</p>\n\n<hr>\n\n## 4. Review &ndash; effectiveness\n\n<p>4.1 The council &ndash; with its\npartners &ndash; met twice.</p>\n\n<p>4.2 Second <strong>point</strong>.</p>\n\n1. 4.3 The committee met.\n2. 4.4 It reported<br>to council.\n\n| Post | Holder |\n|---|---|\n| Chief Executive | Morag Ellery<br>Head of Paid Service |\n\n> <p>Quoted\n> words</p>\n\n<h2 id=\"issues\">5. Significant issues</h2>\n";

    #[test]
    fn html_in_markdown_is_read_as_blocks() {
        let got = texts(EXPORTED);
        let want = vec![
            (BlockKind::Heading { level: 1 }, "Ashcombe Borough Council"),
            (
                BlockKind::Heading { level: 2 },
                "Annual Governance Statement 2023/24",
            ),
            (
                BlockKind::Paragraph,
                "Year to 31 March 2024 For the Audit Committee",
            ),
            (BlockKind::Heading { level: 2 }, "4. Review – effectiveness"),
            (
                BlockKind::Paragraph,
                "4.1 The council – with its partners – met twice.",
            ),
            (BlockKind::Paragraph, "4.2 Second point."),
            (BlockKind::ListItem, "4.3 The committee met."),
            (BlockKind::ListItem, "4.4 It reported to council."),
            (
                BlockKind::TableRow {
                    table: 0,
                    header: true,
                },
                "Post | Holder",
            ),
            (
                BlockKind::TableRow {
                    table: 0,
                    header: false,
                },
                "Chief Executive | Morag Ellery Head of Paid Service",
            ),
            (BlockKind::Paragraph, "Quoted words"),
            (BlockKind::Heading { level: 2 }, "5. Significant issues"),
        ];
        let want: Vec<(BlockKind, String)> = want.into_iter().map(|(k, t)| (k, t.into())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn html_paragraphs_map_back_and_carry_their_numbers() {
        use crate::model::{ParseOptions, Statement};
        use crate::source::{Format, SourceFile};
        let st = Statement::parse(
            &SourceFile::from_text("a.md", EXPORTED, Format::Markdown),
            &ParseOptions::default(),
        );
        let numbers: Vec<&str> = st.paragraphs.iter().map(|p| st.slice(&p.number)).collect();
        assert_eq!(numbers, vec!["4.1", "4.2", "4.3", "4.4"]);
        let at = |s: &str| {
            let start = st.text().find(s).unwrap_or(usize::MAX);
            start..start + s.len()
        };
        let source = |s: &str| &EXPORTED[st.to_source(&at(s))];
        assert_eq!(source("with its partners"), "with its\npartners");
        assert_eq!(source("council – with"), "council &ndash; with");
        assert_eq!(source("Quoted words"), "Quoted\n> words");
        assert_eq!(source("4.3 The committee"), "4.3 The committee");
    }
}
