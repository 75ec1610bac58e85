//! Suppressions written in the document, through the command line:
//! directives in Markdown, text and Word comments, and
//! `--add-suppressions`.

mod common;

use common::cli::{arg, govlint, json, only_rules, stderr, stdout};
use serde_json::Value;
use std::path::Path;

const FERNBROOK_DOCX: &str = "tests/fixtures/docx/fernbrook-ags-2024-25.docx";
const FERNBROOK_SUPPRESSED: &str = "tests/fixtures/docx/fernbrook-ags-2024-25-suppressed.docx";

/// (rule, message, snippet) of each entry of a JSON list, sorted.
fn triples(list: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (s("rule"), s("message"), s("snippet"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn word_comments_suppress_the_paragraphs_they_are_on() {
    let plain = json(&govlint(&["check", FERNBROOK_DOCX, "--format", "json"]));
    let o = govlint(&["check", FERNBROOK_SUPPRESSED, "--format", "json"]);
    let with = json(&o);
    let file = &with["files"][0];
    let suppressed = &file["suppressed"];
    // The typed paragraph number, and the statutory posts row (whose
    // comment Word's AutoFormat gave an en dash).
    let why: Vec<(&str, &str, &str)> = suppressed
        .as_array()
        .expect("list")
        .iter()
        .map(|s| {
            (
                s["rule"].as_str().unwrap_or_default(),
                s["reason"].as_str().unwrap_or_default(),
                s["suppressed_by"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        why,
        vec![
            (
                "statutory-officers-incompatible",
                "an interim arrangement agreed by full Council",
                "directive"
            ),
            (
                "paragraph-numbering",
                "the typed number goes when the draft is finalised",
                "directive"
            ),
        ]
    );
    // What is suppressed is exactly what the plain document reports more,
    // and the comment with nothing to suppress is reported.
    let mut expected = triples(&plain["files"][0]["diagnostics"]);
    for s in triples(suppressed) {
        let at = expected.iter().position(|e| *e == s).expect("was reported");
        expected.remove(at);
    }
    expected.push((
        "unused-suppression".into(),
        "`placeholder` is suppressed here but reports nothing in the paragraphs this comment is on"
            .into(),
        "govlint-disable placeholder -- the date was still to be confirmed".into(),
    ));
    expected.sort();
    assert_eq!(triples(&file["diagnostics"]), expected);
    assert_eq!(with["summary"]["suppressed"], 2);
    assert_eq!(with["summary"]["baselined"], 0);
    // The other statutory-officers-incompatible finding (in the issues
    // table, with no comment) still fails the check.
    assert_eq!(o.status.code(), Some(1));
    let human = stdout(&govlint(&["check", FERNBROOK_SUPPRESSED]));
    assert!(human.contains("; 2 suppressed."), "{human}");
}

const DOC: &str = "# Annual Governance Statement 2023/24

## 1. Review of effectiveness

<!-- govlint-disable-next-line placeholder -- the date is fixed at the July meeting -->
1.1 The Audit Committee met on [insert date] and
reviewed the framework.

<!-- govlint-disable-next-line drafting-notes, paragraph-numbering -->
1.2 The council met monthly.

1.4 The council met on [date].
";

#[test]
fn markdown_directives_and_their_problems() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("ags.md");
    std::fs::write(&doc, DOC).expect("write");
    let rules = only_rules(&["placeholder", "paragraph-numbering", "drafting-note"]);
    let (doc, rules) = (arg(&doc), arg(rules.path()));
    let base = ["check", &doc, "--no-default-rules", "--rules", &rules];
    let o = govlint(&[&base[..], &["--format", "json"]].concat());
    let v = json(&o);
    let got: Vec<(String, u64)> = v["files"][0]["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("suppression-without-reason", 9),
        ("unknown-rule-in-suppression", 9),
        ("unused-suppression", 9),
        ("paragraph-numbering", 12),
        ("placeholder", 12),
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(r, l)| (r.to_string(), *l)).collect();
    assert_eq!(got, expected);
    let suppressed = &v["files"][0]["suppressed"][0];
    assert_eq!(suppressed["rule"], "placeholder");
    assert_eq!(suppressed["line"], 6);
    assert_eq!(
        suppressed["reason"],
        "the date is fixed at the July meeting"
    );
    assert_eq!(suppressed["directive"]["line"], 5);
    // The human output shows the did-you-mean and the count.
    let out = stdout(&govlint(&base));
    assert!(
        out.contains("no rule `drafting-notes` to suppress"),
        "{out}"
    );
    assert!(out.contains("did you mean `drafting-note`?"), "{out}");
    assert!(out.contains("1 suppressed."), "{out}");
    // govlint's own checks are documented like rules.
    let o = govlint(&["explain", "suppression-without-reason"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("The suppression still applies"));
    assert!(stdout(&govlint(&["rules"])).contains("unused-suppression"));
}

/// Each finding of a JSON report as (rule, message, snippet, location).
fn findings_of(list: &Value) -> Vec<(String, String, String, String)> {
    let mut out: Vec<_> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (s("rule"), s("message"), s("snippet"), s("location"))
        })
        .collect();
    out.sort();
    out
}

/// `govlint inspect`, line numbers and the file name left out.
fn model_of(path: &str) -> String {
    let text = stdout(&govlint(&["inspect", path]));
    let numbers = regex::Regex::new(r"line \d+\s*").expect("pattern");
    text.lines()
        .skip(1)
        .map(|l| numbers.replace_all(l, "line N ").into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each file's entry of a JSON report, by file name.
fn by_file(report: &Value) -> std::collections::BTreeMap<String, Value> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            let name = Path::new(path).file_name().expect("name");
            (name.to_string_lossy().into_owned(), f.clone())
        })
        .collect()
}

#[test]
fn add_suppressions_round_trips_on_every_sample() {
    let dir = tempfile::tempdir().expect("temp dir");
    let samples = [
        "samples/defects/castlemoor-ags-2022-23-draft.md",
        "samples/defects/castlemoor-ags-2022-23-draft-pdf.txt",
        "samples/defects/oakhurst-ags-2021-22-thin-draft.md",
        "samples/defects/brackwater-ags-2023-24-layout.txt",
        "samples/defects/ravensholt-ags-2025-26-word-export.md",
        "samples/compliant/thornbury-vale-ags-2023-24.md",
    ];
    let mut copies = Vec::new();
    for sample in samples {
        let copy = dir
            .path()
            .join(Path::new(sample).file_name().expect("file name"));
        std::fs::copy(sample, &copy).expect("copy");
        copies.push(arg(&copy));
    }
    // One run over the folder for each step: loading the rules is the
    // slow part of a debug build.
    let folder = arg(dir.path());
    let models: Vec<String> = copies.iter().map(|c| model_of(c)).collect();
    let before = by_file(&json(&govlint(&["check", &folder, "--format", "json"])));
    let o = govlint(&[
        "check",
        &folder,
        "--add-suppressions=accepted for the 2024 draft",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let written: Vec<String> = copies
        .iter()
        .map(|c| std::fs::read_to_string(c).expect("read"))
        .collect();
    let after = by_file(&json(&govlint(&["check", &folder, "--format", "json"])));
    assert_eq!(after.len(), samples.len());
    for (name, file) in &after {
        // Nothing is left, and everything found before is suppressed.
        assert_eq!(file["diagnostics"], Value::Array(Vec::new()), "{name}");
        assert_eq!(
            findings_of(&file["suppressed"]),
            findings_of(&before[name]["diagnostics"]),
            "{name}"
        );
        for s in file["suppressed"].as_array().expect("list") {
            assert_eq!(s["reason"], "accepted for the 2024 draft");
        }
    }
    assert!(written[0].contains("<!-- govlint-disable-next-line "));
    assert!(written[1].contains("\ngovlint-disable-next-line "));
    for (copy, model) in copies.iter().zip(&models) {
        // The directives are not text: the model is the same.
        assert_eq!(&model_of(copy), model, "{copy}");
    }
    // A second run has nothing to add.
    let o = govlint(&["check", &folder, "--add-suppressions=again"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("added"), "{}", stderr(&o));
    for (copy, text) in copies.iter().zip(&written) {
        assert_eq!(
            &std::fs::read_to_string(copy).expect("read"),
            text,
            "{copy}"
        );
    }
}

#[test]
fn add_suppressions_writes_one_directive_per_block() {
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("ags.md");
    let txt = dir.path().join("ags.txt");
    let body = "1.1 The committee met on [insert date]. TODO: check.\n\n| Post | Name |\n|---|---|\n| Leader | [name] |\n| Chief Executive | [name] |\n";
    std::fs::write(
        &md,
        format!("# Statement 2023/24\n\n## 1. Review\n\n{body}"),
    )
    .expect("write");
    std::fs::write(
        &txt,
        "Statement 2023/24\r\n\r\n1 Review of effectiveness\r\n\r\n1.1 The Audit Committee met four times during the year and, on\r\n[insert date], it reviewed the framework. TODO: check.\r\n",
    )
    .expect("write");
    let rules = only_rules(&["placeholder", "drafting-note"]);
    let rules = arg(rules.path());
    let (md_arg, txt_arg) = (arg(&md), arg(&txt));
    let o = govlint(&[
        "check",
        &md_arg,
        &txt_arg,
        "--no-default-rules",
        "--rules",
        &rules,
        "--add-suppressions",
        "agreed at the March committee",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stderr(&o).contains(&format!("added suppression directives to {md_arg}")));
    assert_eq!(
        std::fs::read_to_string(&md).expect("read"),
        "# Statement 2023/24\n\n## 1. Review\n\n<!-- govlint-disable-next-line drafting-note, placeholder -- agreed at the March committee -->\n1.1 The committee met on [insert date]. TODO: check.\n\n<!-- govlint-disable-next-line placeholder -- agreed at the March committee -->\n| Post | Name |\n|---|---|\n| Leader | [name] |\n| Chief Executive | [name] |\n"
    );
    // A plain line in text, with the file's own line endings.
    assert_eq!(
        std::fs::read_to_string(&txt).expect("read"),
        "Statement 2023/24\r\n\r\n1 Review of effectiveness\r\n\r\ngovlint-disable-next-line drafting-note, placeholder -- agreed at the March committee\r\n1.1 The Audit Committee met four times during the year and, on\r\n[insert date], it reviewed the framework. TODO: check.\r\n"
    );
}

#[test]
fn add_suppressions_refuses_word_pdf_and_html_but_edits_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("ags.docx");
    let html = dir.path().join("ags.html");
    let md = dir.path().join("other.md");
    std::fs::copy(FERNBROOK_DOCX, &docx).expect("copy");
    std::fs::copy("tests/fixtures/docx/fernbrook-ags-2024-25.html", &html).expect("copy");
    std::fs::copy("tests/fixtures/docx/fernbrook-ags-2024-25.md", &md).expect("copy");
    let before = std::fs::read(&docx).expect("read");
    let (docx_arg, html_arg, md_arg) = (arg(&docx), arg(&html), arg(&md));
    let o = govlint(&[
        "check",
        &docx_arg,
        &html_arg,
        &md_arg,
        "--add-suppressions=agreed",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(&format!(
            "{docx_arg}: cannot add suppressions to a Word document"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{html_arg}: cannot add suppressions to an HTML page"
        )),
        "{out}"
    );
    assert_eq!(std::fs::read(&docx).expect("read"), before);
    assert!(
        std::fs::read_to_string(&md)
            .expect("read")
            .contains("govlint-disable-next-line")
    );
    let v = json(&govlint(&[
        "check",
        &docx_arg,
        "--add-suppressions=agreed",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["files"][0]["errors"][0]["code"],
        "govlint::add_suppressions"
    );
    // A reason is required, on one line.
    for bad in ["--add-suppressions=", "--add-suppressions=a --> b"] {
        let o = govlint(&["check", &md_arg, bad]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains("--add-suppressions"), "{}", stderr(&o));
    }
}
