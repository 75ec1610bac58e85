//! Tests of the plain-text front-end.

use super::*;

fn texts(src: &str) -> Vec<(BlockKind, String)> {
    crate::model::blocks::block_texts(parse(src))
}

/// The text of the table rows among `blocks`.
fn table_rows(blocks: &[(BlockKind, String)]) -> Vec<&str> {
    blocks
        .iter()
        .filter(|(k, _)| matches!(k, BlockKind::TableRow { .. }))
        .map(|(_, t)| t.as_str())
        .collect()
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

/// A two-column page: a left and a right column side by side, each with
/// its own paragraphs, read left column first.
#[test]
fn two_column_pages_are_read_column_by_column() {
    let l = [
        "1. Scope",
        "",
        "1.1   Ferrowby Council is run by a Leader",
        "      and Cabinet, and it keeps a register",
        "      of the interests of its members.",
        "",
        "1.2   The Audit Panel met four times and",
        "      reviewed the risk register at each",
        "      of its meetings during the year.",
        "",
        "2. Framework",
        "",
        "2.1   The framework was in place all year",
        "      and up to the date of this statement.",
    ];
    let r = [
        "2.2   The Panel chair is an independent",
        "      member appointed for four years by",
        "      full Council in the spring, and the",
        "      Panel has two other independent",
        "      members.",
        "",
        "2.3   Internal audit reports to the Panel",
        "      and gave reasonable assurance on the",
        "      control environment for the year,",
        "      with two limited assurance reports.",
        "",
        "2.4   The Panel reviewed this statement",
        "      in draft before Council approved it.",
        "",
    ];
    let mut src = String::from("Ferrowby Council governance statement 2024/25\n\n");
    for (a, b) in l.iter().zip(r) {
        src.push_str(format!("{a:<50}{b}").trim_end());
        src.push('\n');
    }
    let got = texts(&src);
    let paras: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        paras[1..],
        [
            "1. Scope",
            "1.1   Ferrowby Council is run by a Leader and Cabinet, and it keeps a register of the interests of its members.",
            "1.2   The Audit Panel met four times and reviewed the risk register at each of its meetings during the year.",
            "2. Framework",
            "2.1   The framework was in place all year and up to the date of this statement.",
            "2.2   The Panel chair is an independent member appointed for four years by full Council in the spring, and the Panel has two other independent members.",
            "2.3   Internal audit reports to the Panel and gave reasonable assurance on the control environment for the year, with two limited assurance reports.",
            "2.4   The Panel reviewed this statement in draft before Council approved it.",
        ]
    );
}

#[test]
fn space_aligned_tables_become_rows_with_wrapped_cells() {
    let src = "Title line\n\n3.4   The statutory officers were:\n\n      Name              Post                       Role\n      Ann Pryor         Chief Executive            Head of Paid Service\n      Tom Hesketh       Director of Law and        Monitoring Officer\n                        Governance\n\n3.5   Next paragraph.\n";
    let got = texts(src);
    let rows = table_rows(&got);
    assert_eq!(
        rows,
        [
            "Name | Post | Role",
            "Ann Pryor | Chief Executive | Head of Paid Service",
            "Tom Hesketh | Director of Law and Governance | Monitoring Officer",
        ]
    );
    assert_eq!(
        got.last().map(|(_, t)| t.as_str()),
        Some("3.5   Next paragraph.")
    );
}

#[test]
fn blank_separated_table_rows_keep_their_wrapped_lines() {
    let src = "Title line\n\nIssue                    Action                     Due\n\nPayroll controls are     Reconcile payroll each     31 May 2025\nweak                     month\n\nFleet costs are rising   Tender the fleet contract  30 June 2025\n\nClosing words.\n";
    let got = texts(src);
    let rows = table_rows(&got);
    assert_eq!(
        rows,
        [
            "Issue | Action | Due",
            "Payroll controls are weak | Reconcile payroll each month | 31 May 2025",
            "Fleet costs are rising | Tender the fleet contract | 30 June 2025",
        ]
    );
}

/// Hard-wrapped text: a line that stops short of the margin ends its
/// paragraph or signature line; a full line runs on.
const WRAPPED: &str = "Annual Governance Statement 2024/25 of Pellham District Council\n\
6.1 The Audit Committee has advised us on the review, and we are satisfied that the\n\
arrangements of Pellham District Council were fit for purpose during the year, and that\n\
they gave reasonable assurance. We will monitor the actions set out in section 5 and\n\
report on their progress in the statement for next year, through the Audit Committee,\n\
which will see a report on each action at every one of its meetings during the year,\n\
and in the statement for next year, which will set out what each action achieved.\n\
Signed\n\
Councillor Mair Tovey\n\
Leader of the Council\n\
Date: 29 September 2025\n";

#[test]
fn hard_wrapped_lines_join_until_a_line_stops_short() {
    let got = texts(WRAPPED);
    let paras: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert!(paras[1].starts_with("6.1 The Audit Committee") && paras[1].ends_with("achieved."));
    assert_eq!(
        paras[2..],
        [
            "Signed",
            "Councillor Mair Tovey",
            "Leader of the Council",
            "Date: 29 September 2025"
        ]
    );
}

#[test]
fn signature_lines_in_blocks_of_their_own_make_one_signatory() {
    let st = crate::model::parse_text(WRAPPED, crate::source::Format::PlainText);
    let sig = st.signatories.first().map(|s| {
        (
            st.slice(&s.role).to_owned(),
            s.name.as_ref().map(|n| st.slice(n).to_owned()),
            s.date.as_ref().map(|(d, _)| d.start.to_string()),
        )
    });
    assert_eq!(
        sig,
        Some((
            "Leader of the Council".into(),
            Some("Councillor Mair Tovey".into()),
            Some("2025-09-29".into())
        ))
    );
}

#[test]
fn line_end_hyphens_rejoin_words_but_keep_compounds_and_ranges() {
    let src = "Title line\n\nThe council reviewed its govern-\nance with co-\noperation from the co-operation board over 2023-\n24 and a re-\nview.\n";
    let got = texts(src);
    assert_eq!(
        got[1].1,
        "The council reviewed its governance with co-operation from the co-operation board over 2023-24 and a re-view."
    );
}

#[test]
fn running_headers_with_page_numbers_are_dropped_and_a_year_line_is_kept() {
    let mut src = String::from("Annual Governance Statement 2023/24\n\n");
    let paragraphs = ["The council met.", "The cabinet met.", "The panel met."];
    for (page, text) in paragraphs.iter().enumerate() {
        src.push_str(&format!(
            "\u{c}Dunmere Council – governance statement – page {}\n\n{text}\n\n",
            page + 1
        ));
    }
    src.push_str("Status at September\n2021\n");
    let got = texts(&src);
    let paras: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        paras,
        [
            "Annual Governance Statement 2023/24",
            "The council met.",
            "The cabinet met.",
            "The panel met.",
            "Status at September 2021",
        ]
    );
}

#[test]
fn contents_entries_are_list_items_not_headings() {
    let src = "Annual Governance Statement 2023/24\n\nContents\n\n1. Scope ........ 2\n2. Review ....... 4\nAnnex A  Action plan    9\n\n1. Scope\n\nText.\n";
    let got = texts(src);
    let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds[2..5],
        [
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::ListItem
        ]
    );
    assert_eq!(got[5], (BlockKind::Heading { level: 2 }, "1. Scope".into()));
}

#[test]
fn a_number_that_carries_on_a_sentence_is_not_a_paragraph_number() {
    let src = "Title line\n\n4.11 Pay policy. Agency staff remained a pressure in children's social care, and their costs fell to\n\nPage 3 of 9\n\n5.2 per cent of the pay bill.\n\n4.12 Next.\n";
    let got = texts(src);
    assert!(
        got[1]
            .1
            .ends_with("costs fell to 5.2 per cent of the pay bill.")
    );
    assert_eq!(got[2].1, "4.12 Next.");
}

#[test]
fn annexes_under_a_dashed_heading_are_parts() {
    let st = crate::model::parse_text(
        "Annual Governance Statement 2023/24\n\nThe plan is in Annex B.\n\nAnnex B – Action plan\n\nThe actions follow.\n",
        crate::source::Format::PlainText,
    );
    assert!(st.has_part("annex", "B"));
}

#[test]
fn a_numbered_line_that_runs_on_without_a_blank_is_a_paragraph() {
    // The first line stops without a full stop and the next starts with a
    // capital (a title), as a proportional-font PDF wraps it.
    let got = texts(
        "Annual Governance Statement\n\n1.3 Brackwater Council's arrangements are set out in the framework\nGood Governance for Small Towns (2031 edition), which it adopted.\n\n1.4 Internal audit\n\n1.5 The service reported twice.\n",
    );
    assert_eq!(got[1].0, BlockKind::Paragraph);
    assert!(got[1].1.ends_with("which it adopted."), "{got:?}");
    // A short title after its number stays a heading.
    assert_eq!(
        got[2],
        (BlockKind::Heading { level: 3 }, "1.4 Internal audit".into())
    );
}

#[test]
fn a_section_heading_may_have_a_dash_or_colon_after_its_number() {
    for line in [
        "Section 2 – The governance framework",
        "Part 3: Review of effectiveness",
    ] {
        let got = texts(&format!(
            "Annual Governance Statement\n\n{line}\n\n2.1 Some text here.\n"
        ));
        assert_eq!(
            got[1],
            (BlockKind::Heading { level: 2 }, line.into()),
            "{line}"
        );
    }
}

#[test]
fn suppression_directives_are_not_text_and_do_not_part_lines() {
    let plain = "Title line\n\n4 Review of effectiveness\n\n4.1 The committee met\nsix times.\n\n4.2 The council [insert date] agreed.\n\nRole\tName\nLeader\tA. Jones\n";
    let directed = "Title line\n\n4 Review of effectiveness\n\ngovlint-disable-next-line paragraph-numbering -- agreed\n4.1 The committee met\nsix times.\n\n<!-- govlint-disable-next-line placeholder -- agreed -->\ngovlint-disable-next-line drafting-note\n4.2 The council [insert date] agreed.\n\ngovlint-disable-next-line statutory-officers-named -- agreed\nRole\tName\nLeader\tA. Jones\ngovlint-enable\n";
    assert_eq!(texts(directed), texts(plain));
}
