//! `govlint annotate`: the Word draft back with each finding as a comment.
//! The copy reads back (with govlint's own reader) as the same text with
//! the same findings, every comment on its finding's words, the
//! reviewers' comments and suppressions kept, and the markup within
//! Word's content models; LibreOffice opens it and shows every comment.
//!
//! CI installs LibreOffice and sets `GOVLINT_REQUIRE_LIBREOFFICE=1`, so
//! there a missing LibreOffice fails; elsewhere that test says it was not
//! run.

mod common;

use common::cli::{arg, govlint, govlint_in, json, stderr, stdout};
use govlint::testing::annotated::{anchored_texts, annotation_problem};
use std::path::{Path, PathBuf};
use std::process::Command;

const DRAFT: &str = "tests/fixtures/docx/fernbrook-ags-2024-25.docx";
const SUPPRESSED: &str = "tests/fixtures/docx/fernbrook-ags-2024-25-suppressed.docx";
const DATE: [&str; 3] = ["--no-config", "--date", "2025-09-24"];

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The findings `govlint check` reports for a file, as JSON.
fn findings(path: &Path) -> Vec<serde_json::Value> {
    let mut args = vec![
        "check".to_owned(),
        arg(path),
        "--format".into(),
        "json".into(),
    ];
    args.extend(DATE.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = govlint(&args);
    json(&o)["files"][0]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Annotates `draft` (copied into `dir`) and returns the copy's path.
fn annotate(dir: &Path, draft: &str) -> PathBuf {
    let name = Path::new(draft).file_name().expect("a file name");
    std::fs::copy(manifest(draft), dir.join(name)).expect("copied");
    let mut args = vec!["annotate", name.to_str().expect("UTF-8")];
    args.extend(DATE);
    let o = govlint_in(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let stem = Path::new(name).file_stem().expect("stem").to_string_lossy();
    let out = dir.join(format!("{stem}.reviewed.docx"));
    assert!(
        stdout(&o).contains(&format!(
            "wrote {} comments to {stem}.reviewed.docx",
            findings(&dir.join(name)).len()
        )),
        "{}",
        stdout(&o)
    );
    out
}

#[test]
fn the_copy_reads_back_with_the_same_findings_and_a_comment_on_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = annotate(dir.path(), DRAFT);
    let draft = std::fs::read(manifest(DRAFT)).expect("draft");
    let copy = std::fs::read(&out).expect("copy");
    let before = findings(&manifest(DRAFT));
    assert!(before.len() >= 10, "the draft has findings to annotate");
    // The same findings, read from the copy.
    let strip = |fs: &[serde_json::Value]| -> Vec<(String, String)> {
        fs.iter()
            .map(|f| (f["rule"].to_string(), f["snippet"].to_string()))
            .collect()
    };
    assert_eq!(strip(&findings(&out)), strip(&before));
    // The same text, reviewers' comments kept, markup in Word's models.
    let source = govlint::source::read(&manifest(DRAFT), &Default::default()).expect("reads");
    if let Err(problem) = annotation_problem(&source, &draft, &copy, before.len()) {
        panic!("{problem}");
    }
    // Each finding on words of the body has a comment on just those words.
    let anchored = anchored_texts(&copy).expect("anchors");
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for f in &before {
        // A snippet shows table cells separated by " | ".
        let snippet = collapse(&f["snippet"].as_str().expect("snippet").replace(" | ", " "));
        assert!(
            anchored.values().any(|a| *a == snippet),
            "no comment on {snippet:?}: {anchored:?}"
        );
    }
    // Comments say what is wrong, how to fix it, and on what authority.
    let comments = govlint::source::read(&out, &Default::default())
        .expect("reads")
        .comments;
    let ours: Vec<&str> = comments
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| t.contains(" [warning ") || t.contains(" [error "))
        .collect();
    assert_eq!(ours.len(), before.len());
    assert!(ours.iter().all(|t| t.contains("How to fix: ")), "{ours:?}");
    assert!(ours.iter().any(|t| t.contains("See ")), "{ours:?}");
}

#[test]
fn suppressed_findings_get_no_comment_and_the_suppression_stays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = annotate(dir.path(), SUPPRESSED);
    let comments = govlint::source::read(&out, &Default::default())
        .expect("reads")
        .comments;
    assert!(
        comments
            .iter()
            .any(|c| c.text.starts_with("govlint-disable")),
        "the suppression comment is kept: {comments:?}"
    );
    // Only the findings left after the suppressions become comments.
    let left = findings(&manifest(SUPPRESSED)).len();
    assert!(
        left < findings(&manifest(DRAFT)).len(),
        "the fixture suppresses something"
    );
    let ours = comments
        .iter()
        .filter(|c| c.text.contains(" [warning ") || c.text.contains(" [error "))
        .count();
    assert_eq!(ours, left);
    // Annotating twice gives the same bytes.
    let first = std::fs::read(&out).expect("copy");
    let again = annotate(dir.path(), SUPPRESSED);
    assert_eq!(std::fs::read(again).expect("copy"), first);
}

#[test]
fn every_bad_input_is_named_and_the_others_are_still_annotated() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(manifest(DRAFT), dir.path().join("draft.docx")).expect("copied");
    std::fs::write(dir.path().join("notes.md"), "# Notes\n").expect("written");
    std::fs::write(dir.path().join("broken.docx"), b"PK\x03\x04 not a zip").expect("written");
    let mut args = vec![
        "annotate",
        "notes.md",
        "broken.docx",
        "draft.docx",
        "missing.docx",
    ];
    args.extend(DATE);
    let o = govlint_in(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("notes.md: not a Word document"), "{err}");
    assert!(err.contains("broken.docx"), "{err}");
    assert!(err.contains("missing.docx"), "{err}");
    assert!(stdout(&o).contains("draft.docx: wrote"), "{}", stdout(&o));
    assert!(dir.path().join("draft.reviewed.docx").is_file());
    assert!(!dir.path().join("broken.reviewed.docx").exists());
    // One --output for several drafts, or over the draft itself, is refused.
    let mut args = vec![
        "annotate",
        "draft.docx",
        "draft.reviewed.docx",
        "-o",
        "x.docx",
    ];
    args.extend(DATE);
    let o = govlint_in(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--output names one file"),
        "{}",
        stderr(&o)
    );
    let mut args = vec!["annotate", "draft.docx", "-o", "./draft.docx"];
    args.extend(DATE);
    let o = govlint_in(dir.path(), &args);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("would replace the draft"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn libreoffice_opens_the_copy_and_shows_every_comment_on_its_words() {
    let Some(office) = common::on_path(&["soffice", "libreoffice"]) else {
        assert!(
            std::env::var_os("GOVLINT_REQUIRE_LIBREOFFICE").is_none(),
            "GOVLINT_REQUIRE_LIBREOFFICE is set but no soffice was found (apt-get install -y libreoffice-writer-nogui)"
        );
        eprintln!("not run: no LibreOffice on PATH (apt-get install -y libreoffice-writer-nogui)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let out = annotate(dir.path(), DRAFT);
    let before = findings(&manifest(DRAFT));
    // LibreOffice converts the copy to flat OpenDocument XML, where each
    // comment is an office:annotation with its author.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        arg(&dir.path().join("profile"))
    );
    let o = Command::new("timeout")
        .arg("180")
        .arg(&office)
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&out)
        .output()
        .expect("LibreOffice runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let flat = std::fs::read_to_string(dir.path().join("fernbrook-ags-2024-25.reviewed.fodt"))
        .expect("LibreOffice wrote the document");
    assert_eq!(
        flat.matches("<dc:creator>govlint</dc:creator>").count(),
        before.len(),
        "every finding is a comment LibreOffice shows"
    );
    assert!(
        flat.contains("<dc:creator>Governance Lead</dc:creator>"),
        "the reviewer's comment is kept"
    );
    // A comment on words has an end: its range is kept.
    let ranged = flat.matches("<office:annotation-end ").count();
    assert!(ranged >= before.len(), "{ranged} ranges");
}

#[test]
fn annotating_the_annotated_copy_adds_no_second_comment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = annotate(dir.path(), DRAFT);
    let mut args = vec![
        "annotate",
        "fernbrook-ags-2024-25.reviewed.docx",
        "-o",
        "again.docx",
    ];
    args.extend(DATE);
    let o = govlint_in(dir.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let n = findings(&manifest(DRAFT)).len();
    assert!(
        stdout(&o).contains(&format!(
            "wrote 0 comments to again.docx ({n} findings already there from an earlier run)"
        )),
        "{}",
        stdout(&o)
    );
    let again =
        govlint::source::read(&dir.path().join("again.docx"), &Default::default()).expect("reads");
    let before = govlint::source::read(&out, &Default::default()).expect("reads");
    assert_eq!(again.comments, before.comments);
    assert_eq!(again.text, before.text);
}

#[test]
fn the_comments_on_the_fernbrook_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = annotate(dir.path(), DRAFT);
    let copy = std::fs::read(&out).expect("copy");
    let anchored = anchored_texts(&copy).expect("anchors");
    let comments = govlint::source::read(&out, &Default::default())
        .expect("reads")
        .comments;
    // Each comment (reviewers' too) by its words, in the order of the
    // body's text; the comments govlint reads give the texts in the same
    // order as the ids.
    let mut ids: Vec<(&String, &String)> = anchored.iter().collect();
    ids.sort_by_key(|(id, _)| id.parse::<u32>().unwrap_or(u32::MAX));
    let mut shown = String::new();
    for (id, words) in ids {
        shown.push_str(&format!("comment {id} on “{words}”\n"));
    }
    shown.push('\n');
    for c in &comments {
        for line in c.text.lines() {
            shown.push_str(&format!("  {line}\n"));
        }
        shown.push('\n');
    }
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!("annotate-fernbrook-comments", shown);
    });
}
