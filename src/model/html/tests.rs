use super::*;
use crate::model::blocks::{BlockKind, block_texts};
use crate::model::{ParseOptions, Statement};
use crate::source::{Format, SourceFile};

fn texts(src: &str) -> Vec<(BlockKind, String)> {
    block_texts(parse(src))
}

fn statement(src: &str) -> Statement {
    Statement::parse(
        &SourceFile::from_text("page.html", src, Format::Html),
        &ParseOptions::default(),
    )
}

const PAGE: &str = include_str!("../../../tests/fixtures/html/ashcombe-ags-2023-24.html");

const H1: BlockKind = BlockKind::Heading { level: 1 };
const H2: BlockKind = BlockKind::Heading { level: 2 };
const H3: BlockKind = BlockKind::Heading { level: 3 };
const P: BlockKind = BlockKind::Paragraph;
const LI: BlockKind = BlockKind::ListItem;

fn row(table: usize, header: bool) -> BlockKind {
    BlockKind::TableRow { table, header }
}

#[test]
fn a_council_page_without_its_chrome() {
    let got = texts(PAGE);
    let want: Vec<(BlockKind, &str)> = vec![
        (H1, "Annual Governance Statement 2023/24"),
        (H2, "1. Scope of responsibility"),
        (
            LI,
            "1. Ashcombe Borough Council is responsible for making sure its business is run lawfully.",
        ),
        (
            LI,
            "2. The council has approved a local code of governance.",
        ),
        (H2, "2. Review of effectiveness"),
        (
            LI,
            "7. The Audit Committee met five times – twice in public session.",
        ),
        (LI, "8. Spending was £12.4m against a budget of £12.9m."),
        (H3, "Internal audit"),
        (
            LI,
            "9. The Head of Internal Audit gave a moderate opinion for the year.",
        ),
        (LI, "11. The council’s risk register was refreshed in June."),
        (P, "Statutory officers"),
        (row(0, true), "Post | Holder"),
        (row(0, false), "Chief Executive | Morag Ellery"),
        (
            row(0, false),
            "Monitoring Officer | Tobias Quill Head of Legal",
        ),
        (H2, "3. Certification"),
        (row(1, true), "Role | Name | Date"),
        (
            row(1, false),
            "Leader of the Council | Cllr Priya Halloran | 18 July 2024",
        ),
        (
            row(1, false),
            "Chief Executive | Morag Ellery | 18 July 2024",
        ),
    ];
    let want: Vec<(BlockKind, String)> = want.into_iter().map(|(k, t)| (k, t.into())).collect();
    assert_eq!(got, want);
}

#[test]
fn chrome_text_is_absent() {
    let (clean, _) = parse(PAGE);
    let text = clean.as_str();
    for chrome in [
        "cookies",
        "Bins",
        "Home",
        "Skip to",
        "not part of",
        "Draft note",
        "TODO",
        "consent",
        "margin",
        "| Ashcombe",
        "On this page",
        "©",
        "Privacy",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} is chrome");
    }
}

#[test]
fn statement_reads_numbers_title_and_signatures() {
    let st = statement(PAGE);
    let numbers: Vec<&str> = st.paragraphs.iter().map(|p| st.slice(&p.number)).collect();
    assert_eq!(numbers, vec!["1", "2", "7", "8", "9", "11"]);
    assert_eq!(st.title, Some(0));
    assert_eq!(st.period.as_ref().map(|p| p.year.start_year), Some(2023));
    let names: Vec<Option<&str>> = st
        .signatories
        .iter()
        .map(|s| s.name.as_ref().map(|n| st.slice(n)))
        .collect();
    assert_eq!(
        names,
        vec![Some("Cllr Priya Halloran"), Some("Morag Ellery")]
    );
    assert_eq!(
        st.date.as_ref().map(|d| d.date.to_string()).as_deref(),
        Some("2024-07-18")
    );
}

#[test]
fn clean_ranges_map_back_to_the_page() {
    let st = statement(PAGE);
    let at = |s: &str| {
        let start = st.text().find(s).unwrap_or(usize::MAX);
        start..start + s.len()
    };
    let source = |s: &str| &PAGE[st.to_source(&at(s))];
    assert_eq!(source("twice in public session"), "twice in public session");
    assert_eq!(source("times – twice"), "times &ndash; twice");
    assert_eq!(source("council’s risk"), "council&#8217;s risk");
    assert_eq!(source("opinion for the year"), "opinion<br>for the year");
    assert_eq!(source("Tobias Quill"), "Tobias Quill");
    // A written-in number stands for the start of its `<li>` tag.
    let seven = st.paragraphs[2].number.clone();
    let src = st.to_source(&seven);
    assert!(src.is_empty());
    assert!(PAGE[src.start..].starts_with("<li>The Audit Committee"));
}

#[test]
fn lists_that_restart_in_each_section_take_the_section_number() {
    let src = "<h1>Statement</h1>\
        <h2>4. Review of effectiveness</h2>\
        <ol><li>The council reviewed.</li><li>It met.</li></ol>\
        <h3>Internal audit</h3>\
        <ol start=\"3\"><li>Audit gave an opinion.</li></ol>\
        <p>Our aims:</p><ol><li>Be open</li><li>Be fair</li></ol>\
        <h2>5. Significant issues</h2>\
        <ol class=\"paras\"><li>One issue.</li><li>5.2 Already numbered.</li></ol>";
    let st = statement(src);
    let numbers: Vec<&str> = st.paragraphs.iter().map(|p| st.slice(&p.number)).collect();
    assert_eq!(numbers, vec!["4.1", "4.2", "4.3", "5.1", "5.2"]);
    let got = texts(src);
    assert_eq!(got[2], (LI, "4.1 The council reviewed.".into()));
    assert_eq!(got[7], (LI, "Be open".into()));
    assert_eq!(got[11], (LI, "5.2 Already numbered.".into()));
}

#[test]
fn inline_markup_entities_and_footnotes() {
    let got = texts(
        "<p>A<br>B &amp; C&nbsp;D <span>E</span><strong>F</strong>\n   G<sup>[2]</sup> on the 2<sup>nd</sup>.</p>",
    );
    assert_eq!(got, vec![(P, "A B & C D EF G on the 2nd.".into())]);
}

#[test]
fn implied_ends_and_nested_lists() {
    let got = texts(
        "<ul><li>One<li>Two<ul><li>Two a</ul> and more</ul><p>First<p>Second\
         <blockquote><p>Quoted one</p><p>Quoted two</p></blockquote>\
         <li>Stray<div>Loose text <em>here</em></div>",
    );
    let want = vec![
        (LI, "One"),
        (LI, "Two"),
        (LI, "Two a"),
        (LI, "and more"),
        (P, "First"),
        (P, "Second"),
        (P, "Quoted one"),
        (P, "Quoted two"),
        // A `<div>` in an item carries the item on.
        (LI, "Stray Loose text here"),
    ];
    let want: Vec<(BlockKind, String)> = want.into_iter().map(|(k, t)| (k, t.into())).collect();
    assert_eq!(got, want);
}

#[test]
fn paragraphs_inside_items_and_cells_carry_them_on() {
    let got = texts(
        "<ol><li><p>Item opens.</p><p>Item goes on.</p></li></ol>\
         <table><tr><td><p>Cell one</p><p>still one</p></td><td>two<br>lines</td></tr></table>",
    );
    assert_eq!(got[0], (LI, "Item opens. Item goes on.".into()));
    assert_eq!(
        got[1],
        (row(0, false), "Cell one still one | two lines".into())
    );
}

#[test]
fn without_main_the_body_counts_but_site_chrome_does_not() {
    let got = texts(
        "<html><body><header><p>Site name</p></header>\
         <div>Body text.</div><div role=\"navigation\">Links</div>\
         <div aria-hidden=\"true\">Icon</div>\
         <footer>Footer text</footer></body></html>",
    );
    assert_eq!(got, vec![(P, "Body text.".into())]);
    let article = texts(
        "<body><p>Outside</p><article><header><h1>Title</h1></header><p>Inside</p></article></body>",
    );
    assert_eq!(article, vec![(H1, "Title".into()), (P, "Inside".into())]);
}
