//! One statement in several formats gives the same findings: the Word
//! fixture and its Markdown and HTML twins (all written by
//! tests/fixtures/docx/make_fixtures.py).

mod common;

use govlint::diagnostic::{FileOutcome, FileReport};
use govlint::source::outline::OutlineKind;
use govlint::source::{self, Format, ReadLimits};
use std::path::Path;

const DOCX: &str = "tests/fixtures/docx/fernbrook-ags-2024-25.docx";
const MARKDOWN: &str = "tests/fixtures/docx/fernbrook-ags-2024-25.md";
const HTML: &str = "tests/fixtures/docx/fernbrook-ags-2024-25.html";

/// Each finding's rule, message and the words it points at (as a reader
/// sees them, whatever the markup), sorted.
fn findings(report: &FileReport) -> Vec<(String, String, String)> {
    let FileOutcome::Checked { findings, .. } = &report.outcome else {
        panic!("{} was not read", report.path);
    };
    let mut out: Vec<(String, String, String)> = findings
        .iter()
        .map(|f| (f.rule.clone(), f.message.clone(), f.snippet.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn word_markdown_and_html_give_the_same_findings() {
    let reports = common::check(&[DOCX, MARKDOWN, HTML]).files;
    let docx = findings(&reports[0]);
    let markdown = findings(&reports[1]);
    assert!(docx.len() >= 5, "the fixture has defects: {docx:?}");
    assert_eq!(docx, markdown);
    assert_eq!(findings(&reports[2]), markdown);
    // The number typed by hand repeats the automatic one before it.
    assert!(
        docx.iter()
            .any(|(rule, message, words)| rule == "paragraph-numbering"
                && message.starts_with("paragraph 4.3 is a duplicate")
                && words == "4.3")
    );
}

#[test]
fn word_output_is_stable() {
    let reports = common::check(&[DOCX]);
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!("fernbrook-ags-2024-25.docx.human", common::human(&reports));
    });
}

#[test]
fn word_structure_is_read_from_styles_numbering_and_tables() {
    let src = source::read(Path::new(DOCX), &ReadLimits::default()).expect("fixture reads");
    assert_eq!(src.format, Format::Docx);
    let blocks: Vec<(OutlineKind, &str, Option<&str>)> = src
        .outline
        .iter()
        .map(|b| {
            (
                b.kind,
                &src.text[b.range.clone()],
                b.number.clone().map(|n| &src.text[n]),
            )
        })
        .collect();
    let heading = |level| OutlineKind::Heading { level };
    assert_eq!(
        blocks[0],
        (
            heading(1),
            "Fernbrook District Council Annual Governance Statement 2024/25",
            None
        )
    );
    assert_eq!(blocks[2], (heading(1), "1. Scope of responsibility", None));
    assert_eq!(blocks[3].2, Some("1.1"));
    let starts = |prefix: &str| {
        blocks
            .iter()
            .filter(|b| b.1.starts_with(prefix))
            .map(|b| b.2)
            .collect::<Vec<_>>()
    };
    // The automatic 4.3 is a number; the typed one beside it is text.
    assert_eq!(starts("4.3 "), vec![Some("4.3"), None]);
    assert_eq!(starts("4.4 "), vec![Some("4.4")]);
    assert_eq!(starts("6. "), vec![None]);
    let bullets = blocks
        .iter()
        .filter(|b| b.0 == OutlineKind::ListItem)
        .count();
    assert_eq!(bullets, 3);

    // The tracked change reads as accepted; the comment is not text.
    assert!(src.text.contains("met five times during the year"));
    assert!(!src.text.contains("four"));
    assert!(!src.text.contains("Check this date"));
    assert!(src.text.contains("year ended 31 March 2025"));

    let posts = src
        .outline
        .iter()
        .find(|b| {
            matches!(
                b.kind,
                OutlineKind::TableRow {
                    table: 0,
                    header: false
                }
            ) && src.text[b.range.clone()].starts_with("Monitoring Officer")
        })
        .expect("statutory posts row");
    let cells: Vec<&str> = posts.cells.iter().map(|c| &src.text[c.clone()]).collect();
    assert_eq!(
        cells,
        vec![
            "Monitoring Officer",
            "Imogen Thrale",
            "Chief Finance Officer (s151 Officer)"
        ]
    );
    assert!(src.text.contains("\n\nPost\tName\tAlso holds\n\n"));
    let tables: Vec<usize> = src
        .outline
        .iter()
        .filter_map(|b| match b.kind {
            OutlineKind::TableRow {
                table,
                header: true,
            } => Some(table),
            _ => None,
        })
        .collect();
    assert_eq!(tables, vec![0, 1, 2]);
}

#[test]
fn broken_word_files_are_reported_and_others_still_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let truncated = dir.path().join("truncated.docx");
    let bytes = std::fs::read(DOCX).expect("fixture");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let legacy = dir.path().join("old.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&legacy, ole).expect("write");
    let shown = |p: &Path| p.to_string_lossy().into_owned();
    let reports = common::check(&[&shown(&truncated), &shown(&legacy), MARKDOWN]).files;
    let errors: Vec<String> = reports
        .iter()
        .filter_map(|r| match &r.outcome {
            FileOutcome::Unreadable(e) => Some(e.to_string()),
            FileOutcome::Checked { .. } => None,
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("the .docx is corrupt"), "{}", errors[0]);
    assert!(errors[1].ends_with("a Word 97-2003 .doc: save it as .docx"));
    assert!(matches!(reports[2].outcome, FileOutcome::Checked { .. }));
}
