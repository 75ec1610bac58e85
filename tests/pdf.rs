//! PDF input: a statement printed to PDF gives the findings of its Markdown
//! twin; the reader's text keeps what the rules read (ligatures, pound
//! signs, quotes, footnote markers, table cells); page offsets are right;
//! protected files are reported, not guessed at.

mod common;

use common::{check, snapshot_settings};
use govlint::diagnostic::FileOutcome;
use govlint::source::{InputError, ReadLimits, read};
use std::collections::BTreeMap;
use std::path::Path;

const DIR: &str = "tests/fixtures/pdf";

/// Each rule's number of findings in a file.
fn rule_counts(path: &str) -> BTreeMap<String, usize> {
    let reports = check(&[path]).files;
    let FileOutcome::Checked { findings, .. } = &reports[0].outcome else {
        panic!("{path} was not checked: {:?}", reports[0].outcome);
    };
    let mut counts = BTreeMap::new();
    for f in findings {
        *counts.entry(f.rule.clone()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn a_pdf_statement_has_the_findings_of_its_markdown_twin() {
    let pdf = rule_counts(&format!("{DIR}/oakhurst-ags-2021-22.pdf"));
    let md = rule_counts(&format!("{DIR}/oakhurst-ags-2021-22.md"));
    assert!(md.len() >= 5, "the twin has planted defects: {md:?}");
    assert_eq!(pdf, md);
}

#[test]
fn human_output_for_a_pdf() {
    let reports = check(&[&format!("{DIR}/oakhurst-ags-2021-22.pdf")]);
    snapshot_settings().bind(|| {
        insta::assert_snapshot!("oakhurst-ags-2021-22_pdf.human", common::human(&reports));
    });
}

fn text_of(name: &str) -> govlint::source::SourceFile {
    read(Path::new(&format!("{DIR}/{name}")), &ReadLimits::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_text_keeps_characters_words_and_cells() {
    let src = text_of("features.pdf");
    let text = &src.text;
    for expected in [
        "The council’s “official” financial position",
        "£2.4m",
        // A soft hyphen at a line end joins its word again.
        "governance arrangements",
        // The footnote marker is a superscript, not a digit of the year.
        "Regulations 2015¹ apply",
        "period 2023-24 and beyond",
        "final wording",
        "Helen Marsh\tChief Executive\tHead of Paid Service",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.contains('\u{fb01}'), "ligatures are spelt out");
    assert!(!text.contains("20151"));
    // Paragraphs are separated by a blank line.
    assert!(text.contains("beyond.\n\n1.2 A second paragraph"), "{text}");
}

#[test]
fn pages_start_where_the_form_feeds_say() {
    let src = text_of("oakhurst-ags-2021-22.pdf");
    assert_eq!(src.pages.len(), 2);
    assert_eq!(src.pages[0], 0);
    let feed = src.text.find('\x0c').expect("a page break");
    assert_eq!(src.pages[1], feed + 1);
    // The running header and the "Page N of 2" footers are gone; the first
    // page keeps its header as the title.
    assert!(src.text[..feed].starts_with("Oakhurst District Council: Annual"));
    assert!(!src.text[src.pages[1]..].contains("Oakhurst District Council:"));
    assert!(!src.text.contains("Page 1 of 2") && !src.text.contains("Page 2 of 2"));
    // A table cell that runs over the page break ends on the page it starts.
    assert!(src.text[src.pages[1]..].starts_with("Rachel Lowe\tHead of Legal Services"));
    assert!(src.text[..feed].contains("\tChief Finance Officer (s151 Officer)\n"));
    assert_eq!(src.page_of(0), Some(1));
    assert_eq!(src.page_of(feed - 1), Some(1));
    assert_eq!(src.page_of(src.pages[1]), Some(2));
    let late = src.text.find("Review of effectiveness").expect("section 4");
    assert_eq!(src.page_of(late), Some(2));
}

#[test]
fn a_password_protected_pdf_is_reported_as_encrypted() {
    let err = read(
        Path::new(&format!("{DIR}/encrypted.pdf")),
        &ReadLimits::default(),
    )
    .expect_err("cannot be opened without its password");
    assert!(matches!(err, InputError::Encrypted { .. }), "{err:?}");
}

#[test]
fn a_pdf_with_only_an_owner_password_is_read() {
    let protected = text_of("owner-only.pdf");
    let plain = text_of("features.pdf");
    assert_eq!(protected.text, plain.text);
}
