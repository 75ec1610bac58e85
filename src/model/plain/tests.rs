//! Tests of the plain-text front-end.

use super::*;

fn texts(src: &str) -> Vec<(BlockKind, String)> {
    crate::model::blocks::block_texts(parse(src))
}

#[test]
fn page_breaks_do_not_split_paragraphs() {
    let header = "Example Council Annual Governance Statement 2023/24";
    let src = format!(
        "{header}\n\n1. Introduction\n\nThe council has a duty\nto review its\n\nPage 1 of 3\n{header}\n\ngovernance each year.\n\nNext paragraph.\n\nPage 2 of 3\n{header}\n\nMore text.\nPage 3 of 3\n{header}\n"
    );
    let got = texts(&src);
    assert_eq!(got[0], (BlockKind::Heading { level: 1 }, header.into()));
    assert_eq!(
        got[1],
        (BlockKind::Heading { level: 2 }, "1. Introduction".into())
    );
    assert_eq!(
        got[2],
        (
            BlockKind::Paragraph,
            "The council has a duty to review its governance each year.".into()
        )
    );
    assert_eq!(got[3].1, "Next paragraph.");
    assert_eq!(got[4].1, "More text.");
    assert_eq!(got.len(), 5);
}

#[test]
fn a_numbered_line_with_a_sentence_break_is_a_paragraph() {
    let got = texts(
        "Title line\n\n4 Review of effectiveness\n\n4.20 Information governance. Three breaches were reported to the\nCommissioner during the year.\n",
    );
    assert_eq!(got[1].0, BlockKind::Heading { level: 2 });
    assert_eq!(got[2].0, BlockKind::Paragraph);
}

#[test]
fn short_standalone_lines_are_headings() {
    let got = texts("Title line\n\nSigned\n\nRole\tName\n\nJane Smith\nChief Executive\n");
    assert_eq!(got[1], (BlockKind::Heading { level: 2 }, "Signed".into()));
    assert_eq!(
        got[3],
        (BlockKind::Paragraph, "Jane Smith Chief Executive".into())
    );
}

#[test]
fn bullets_numbered_paragraphs_and_tab_tables() {
    let src = "Title line\n\n4.7 First point.\n4.8 Second point\ncontinues here.\n• a bullet¹\n\nName\tPost\nJane Smith\t<p>Chief Executive</p>\n\n¹ A footnote.\n";
    let got = texts(src);
    assert_eq!(got[1], (BlockKind::Paragraph, "4.7 First point.".into()));
    assert_eq!(
        got[2],
        (
            BlockKind::Paragraph,
            "4.8 Second point continues here.".into()
        )
    );
    assert_eq!(got[3], (BlockKind::ListItem, "a bullet".into()));
    assert_eq!(
        got[4],
        (
            BlockKind::TableRow {
                table: 0,
                header: true
            },
            "Name | Post".into()
        )
    );
    assert_eq!(
        got[5],
        (
            BlockKind::TableRow {
                table: 0,
                header: false
            },
            "Jane Smith | Chief Executive".into()
        )
    );
    assert_eq!(got.len(), 6);
}


