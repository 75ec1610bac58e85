//! The command line: exit codes, bad input, formats.

mod common;

use common::cli::{govlint, only_rules, stderr, stdout};
use std::path::Path;

const COMPLIANT: &str = "samples/compliant/thornbury-vale-ags-2023-24.md";
const DEFECTS: &str = "samples/defects/castlemoor-ags-2022-23-draft.md";

#[test]
fn compliant_sample_exits_0() {
    let o = govlint(&["check", COMPLIANT, "--deny", "infos"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Checked 1 file: 0 errors, 0 warnings, 0 infos."));
}

#[test]
fn error_findings_exit_1() {
    let o = govlint(&["check", DEFECTS]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("audited-accounts-deadline"));
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("ags.md");
    std::fs::write(
        &doc,
        "# Annual Governance Statement 2023/24\n\nThe Statutory Officers Group meets quarterly. The MTFS covers 2024/25 to 2027/28.\n",
    )
    .expect("write");
    let doc = doc.to_string_lossy().into_owned();
    let rules = only_rules(&["statutory-officers-meeting", "mtfs-horizon"]);
    let rules = rules.path().to_string_lossy().into_owned();
    let base = [
        "check",
        doc.as_str(),
        "--no-default-rules",
        "--rules",
        rules.as_str(),
    ];
    let o = govlint(&base);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("1 warning"), "{}", stdout(&o));
    let o = govlint(&[&base[..], &["--deny", "warnings"]].concat());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bad_inputs_exit_2_and_the_other_files_are_still_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    std::fs::write(p("empty.md"), "").expect("write");
    std::fs::write(p("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    std::fs::write(p("latin1.md"), b"\xEF\xBB\xBFCaf\xe9 governance").expect("write");
    std::fs::write(p("big.md"), "x".repeat(200_000)).expect("write");
    std::fs::create_dir(p("nodocs")).expect("mkdir");
    std::fs::write(dir.path().join("nodocs").join("notes.xlsx"), "x").expect("write");

    for (path, extra, expected) in [
        (p("missing.md"), None, "no such file or directory"),
        (p("empty.md"), None, "the file is empty"),
        (p("binary.txt"), None, "binary file"),
        (p("latin1.md"), None, "not valid UTF-8"),
        (
            p("big.md"),
            Some("100000"),
            "larger than the limit of 100000 bytes",
        ),
        (p("nodocs"), None, "no documents found"),
    ] {
        let mut args = vec!["check", path.as_str(), DEFECTS];
        if let Some(limit) = extra {
            args.extend(["--max-file-size", limit]);
        }
        let o = govlint(&args);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(2), "{path}: {out}");
        assert!(out.contains(&path), "the error names {path}: {out}");
        assert!(
            out.contains(expected),
            "{path}: expected {expected:?} in {out}"
        );
        // The good file was still checked.
        assert!(out.contains("mtfs-horizon"), "{path}: {out}");
        assert!(out.contains("Checked 2 files"), "{out}");
    }
}

#[test]
fn json_output_has_the_documented_shape() {
    let o = govlint(&["check", DEFECTS, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    let file = &v["files"][0];
    assert_eq!(file["path"], DEFECTS);
    assert_eq!(file["period"], "2022/23");
    let d = &file["diagnostics"][0];
    for key in [
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "byte_start",
        "byte_end",
        "help",
        "labels",
    ] {
        assert!(d.get(key).is_some(), "missing {key} in {d}");
    }
    let text = std::fs::read_to_string(DEFECTS).expect("read");
    let (start, end) = (
        d["byte_start"].as_u64().unwrap_or(0) as usize,
        d["byte_end"].as_u64().unwrap_or(0) as usize,
    );
    let line = text[..start].matches('\n').count() + 1;
    assert_eq!(d["line"].as_u64(), Some(line as u64));
    assert!(end > start);
    assert_eq!(v["summary"]["files"], 1);
    // The summary counts what the file lists.
    let diagnostics = file["diagnostics"]
        .as_array()
        .map_or(&[][..], |a| a.as_slice());
    for (key, severity) in [
        ("errors", "error"),
        ("warnings", "warning"),
        ("infos", "info"),
    ] {
        let n = diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count();
        assert_eq!(v["summary"][key].as_u64(), Some(n as u64), "{key}");
    }
    assert!(v["summary"]["errors"].as_u64() >= Some(2));
}

#[test]
fn directories_are_walked_in_order() {
    let o = govlint(&["check", "samples", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let paths: Vec<&str> = v["files"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["path"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        paths,
        vec![
            "samples/compliant/calderwick-ags-2024-25.txt",
            "samples/compliant/thornbury-vale-ags-2023-24.md",
            "samples/defects/brackwater-ags-2023-24-layout.txt",
            "samples/defects/castlemoor-ags-2022-23-draft-pdf.txt",
            "samples/defects/castlemoor-ags-2022-23-draft.md",
            "samples/defects/hollinsford-ags-2024-25-unnumbered.md",
            "samples/defects/oakhurst-ags-2021-22-thin-draft.md",
            "samples/defects/ravensholt-ags-2025-26-word-export.md",
            "samples/defects/wendlemoor-ags-2022-23-html-export.md",
        ]
    );
}

#[test]
fn the_output_is_the_same_bytes_on_one_thread_or_many() {
    // Samples and fixtures together: every format, with unreadable files
    // (an encrypted PDF) among them, so order matters.
    let run = |jobs: &str| {
        govlint(&[
            "check",
            "--no-config",
            "--jobs",
            jobs,
            "--date",
            "2025-06-30",
            "samples",
            "tests/fixtures",
        ])
    };
    let one = run("1");
    assert_eq!(one.status.code(), Some(2), "{}", stderr(&one));
    assert!(stdout(&one).contains("encrypted"), "{}", stdout(&one));
    for jobs in ["2", "8"] {
        let many = run(jobs);
        assert_eq!(many.status.code(), one.status.code());
        assert!(
            many.stdout == one.stdout,
            "--jobs {jobs} changed the output"
        );
    }
}

#[test]
fn a_bad_rule_exits_2_with_a_diagnostic_into_the_toml() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.toml"),
        "id = \"bad\"\nseverity = \"fatal\"\n",
    )
    .expect("write");
    let rules = dir.path().to_string_lossy().into_owned();
    let o = govlint(&["check", COMPLIANT, "--rules", &rules]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.toml"), "{err}");
    assert!(err.contains("unknown variant `fatal`"), "{err}");
    assert!(
        err.contains("severity = \"fatal\""),
        "the source line is shown: {err}"
    );
    assert!(stdout(&o).is_empty(), "nothing is checked with a bad rule");
}

#[test]
fn missing_statement_facts_are_clear_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("untitled.md");
    std::fs::write(
        &doc,
        "Governance review\n\nThe council reviewed its arrangements.\n\nIt met often.\n\nThe audit of the 2022/23 accounts remains pending.\n",
    )
    .expect("write");
    let doc = doc.to_string_lossy().into_owned();
    let pack = only_rules(&["audited-accounts-deadline", "mtfs-horizon"]);
    let pack = pack.path().to_string_lossy().into_owned();
    // No signature date and no --date: a draft is still checked fully, as of
    // the day of the run, and the output says so.
    let o = govlint(&["check", &doc, "--no-default-rules", "--rules", &pack]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("assumed the statement date is")
            && out.contains("the day of this run: no signature block was found"),
        "{out}"
    );
    assert!(
        out.contains("audited-accounts-deadline"),
        "the date rules ran: {out}"
    );
    assert!(out.contains("mtfs-horizon"), "other rules still ran: {out}");
    let o = govlint(&[
        "check",
        &doc,
        "--format",
        "json",
        "--no-default-rules",
        "--rules",
        &pack,
    ]);
    assert!(
        stdout(&o).contains("\"statement_date_note\": \"assumed the statement date is"),
        "{}",
        stdout(&o)
    );
    let o = govlint(&[
        "check",
        &doc,
        "--no-default-rules",
        "--rules",
        &pack,
        "--date",
        "2024-09-30",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("after the deadline of 30 September 2023"),
        "{}",
        stdout(&o)
    );

    // A rule that uses the period, on a document that does not state it.
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("mkdir");
    std::fs::write(
        rules.join("period-rule.toml"),
        r#"id = "period-rule"
severity = "info"
summary = "s"
message = "mentions {year}, the period is {period}"
[docs]
what = "w"
why = "y"
example = "e"
[[check]]
kind = "forbid"
patterns = ['{year:fy}']
condition = "year < period"
"#,
    )
    .expect("write");
    let rules = rules.to_string_lossy().into_owned();
    let o = govlint(&["check", &doc, "--no-default-rules", "--rules", &rules]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("cannot tell which financial year this statement covers"),
        "{out}"
    );
    assert!(
        out.contains("or pass --period 2023/24"),
        "the help says what to do: {out}"
    );
    let o = govlint(&[
        "check",
        &doc,
        "--no-default-rules",
        "--rules",
        &rules,
        "--period",
        "2023/24",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("mentions 2022/23, the period is 2023/24"),
        "{}",
        stdout(&o)
    );
    let o = govlint(&["check", &doc, "--period", "202/23"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a financial year"));
}

#[test]
fn rules_and_explain() {
    let o = govlint(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for id in [
        "audited-accounts-deadline",
        "mtfs-horizon",
        "statutory-officers-meeting",
        "unplanned-reserve-use",
    ] {
        assert!(out.contains(id), "{out}");
    }
    let o = govlint(&["explain", "mtfs-horizon"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for heading in [
        "## What it checks",
        "## Why it matters",
        "## Example",
        "## Parameters",
        "## References",
    ] {
        assert!(out.contains(heading), "{out}");
    }
    let o = govlint(&["explain", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no rule with id `no-such-rule`"));
}

#[test]
fn samples_exist() {
    assert!(Path::new(COMPLIANT).is_file() && Path::new(DEFECTS).is_file());
}

#[test]
fn new_rule_scaffold_passes_its_own_tests() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("my-rules");
    let rules_arg = rules.to_string_lossy().into_owned();
    let o = govlint(&["new", "rule", "risk-register-review", "--dir", &rules_arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("next steps"));
    let o = govlint(&["test", &rules_arg, "--coverage"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with("1 passed, 0 failed\n"),
        "{}",
        stdout(&o)
    );
    // Not twice, and not with a bad id.
    let o = govlint(&["new", "rule", "risk-register-review", "--dir", &rules_arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
    let o = govlint(&["new", "rule", "Risk_Register", "--dir", &rules_arg]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn test_reports_broken_rules_clearly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("rules");
    let rules_arg = rules.to_string_lossy().into_owned();
    let new = govlint(&["new", "rule", "risk-register-review", "--dir", &rules_arg]);
    assert_eq!(new.status.code(), Some(0));
    let path = rules.join("risk-register-review.toml");
    let good = std::fs::read_to_string(&path).expect("read");

    // A condition that never holds false: the failing example fails, and
    // --coverage says the rule never fires.
    std::fs::write(
        &path,
        good.replace(
            "condition = \"freq >= params.min_frequency\"",
            "condition = \"freq.per_year >= 0\"",
        ),
    )
    .expect("write");
    let o = govlint(&["test", &rules_arg, "--coverage"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("FAIL risk-register-review"), "{out}");
    assert!(
        out.contains("expected: risk-register-review at \"annually\""),
        "{out}"
    );
    assert!(out.contains("actual:   nothing"), "{out}");
    assert!(out.contains("never fired"), "{out}");
    assert!(out.ends_with("0 passed, 1 failed\n"), "{out}");

    // A bad regex: a diagnostic into the TOML, exit 2.
    std::fs::write(
        &path,
        good.replace(r"(?i)\brisk register\b", r"(?i)\brisk register(\b"),
    )
    .expect("write");
    let o = govlint(&["test", &rules_arg]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("invalid regex: unclosed group"), "{err}");
    assert!(err.contains("risk-register-review.toml"), "{err}");
}

#[test]
fn test_checks_annotated_samples_and_writes_pending_snapshots() {
    let o = govlint(&["test", "--samples", "samples", "--coverage"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("PASS sample samples/defects/castlemoor-ags-2022-23-draft-pdf.txt ("),
        "{out}"
    );
    assert!(out.ends_with(" 0 failed\n"), "{out}");

    let dir = tempfile::tempdir().expect("temp dir");
    let snaps = dir.path().to_string_lossy().into_owned();
    let o = govlint(&["test", "--snapshot", "--snapshot-dir", &snaps]);
    assert_eq!(o.status.code(), Some(1), "new snapshots await review");
    assert!(stdout(&o).contains("review it with `cargo insta review`"));
    let pending = dir.path().join("rules__mtfs-horizon.snap.new");
    let text = std::fs::read_to_string(&pending).expect("pending snapshot written");
    // Accepting it makes the next run pass.
    std::fs::write(dir.path().join("rules__mtfs-horizon.snap"), &text).expect("write");
    let o = govlint(&["test", "--snapshot", "--snapshot-dir", &snaps]);
    assert!(stdout(&o).contains("PASS mtfs-horizon"), "{}", stdout(&o));
    // The committed snapshots are the same as a fresh render.
    let committed =
        std::fs::read_to_string("snapshots/rules__mtfs-horizon.snap").expect("committed snapshot");
    assert_eq!(
        committed.split_once("\n---\n").map(|x| x.1),
        text.split_once("\n---\n").map(|x| x.1)
    );
}

#[test]
fn examples_can_name_a_sample_file() {
    let o = govlint(&[
        "test",
        "tests/fixtures/rules",
        "--samples",
        "tests/fixtures/samples",
        "--coverage",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("PASS placeholder-figure (2 examples)"),
        "{out}"
    );
    assert!(
        out.contains("PASS sample tests/fixtures/samples/draft.md (1 expected finding)"),
        "{out}"
    );
}

/// A web page is found in a directory walk, read as HTML (its chrome is not
/// statement text) and its findings point at the page's own lines.
#[test]
fn html_pages_are_checked() {
    let pack = only_rules(&["paragraph-numbering", "drafting-note"]);
    let pack = pack.path().to_string_lossy().into_owned();
    let o = govlint(&[
        "check",
        "tests/fixtures/html",
        "--format",
        "json",
        "--no-default-rules",
        "--rules",
        &pack,
    ]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON report");
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), 1);
    assert!(
        files[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with(".html"))
    );
    let found: Vec<(String, u64)> = files[0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // The TODO in the page's <script> is not a drafting note; the list
    // numbers 1, 2, 7, 8, 9, 11 come from `start` and `value` attributes.
    assert_eq!(
        found,
        vec![
            ("paragraph-numbering".to_owned(), 38),
            ("paragraph-numbering".to_owned(), 44)
        ]
    );
}

#[test]
fn word_plain_text_exports_are_read_as_windows_1252_and_say_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("saved-from-word.txt");
    // The defect sample as Word's "Save as plain text" writes it: curly
    // quotes, dashes and pound signs as single Windows-1252 bytes.
    let text = std::fs::read_to_string(DEFECTS).expect("sample");
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!lossy, "the sample fits in Windows-1252");
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8 any more");
    std::fs::write(&path, &bytes).expect("write");
    let path = path.to_string_lossy().into_owned();
    let o = govlint(&["check", &path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["files"][0]["encoding"], "Windows-1252");
    let rules = |v: &serde_json::Value| -> Vec<String> {
        v["files"][0]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["rule"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let utf8 = govlint(&[
        "check",
        DEFECTS,
        "--format",
        "json",
        "--input-format",
        "text",
    ]);
    let utf8: serde_json::Value = serde_json::from_slice(&utf8.stdout).expect("JSON");
    assert_eq!(rules(&v), rules(&utf8));
}

#[test]
fn input_format_overrides_the_name_and_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("statement.data");
    std::fs::copy(DEFECTS, &path).expect("copy");
    let path = path.to_string_lossy().into_owned();
    let format_of = |args: &[&str]| {
        let o = govlint(args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        v["files"][0]["format"].as_str().unwrap_or("").to_owned()
    };
    assert_eq!(format_of(&["check", &path, "--format", "json"]), "text");
    assert_eq!(
        format_of(&[
            "check",
            &path,
            "--format",
            "json",
            "--input-format",
            "markdown"
        ]),
        "markdown"
    );
    let o = govlint(&["check", &path, "--input-format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains(&path), "{}", stdout(&o));
}

#[test]
fn folder_walks_name_the_files_they_skip() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(DEFECTS, dir.path().join("draft.md")).expect("copy");
    std::fs::write(dir.path().join("budget.xlsx"), "x").expect("write");
    std::fs::write(dir.path().join("~$draft.docx"), "x").expect("write");
    let folder = dir.path().to_string_lossy().into_owned();
    let o = govlint(&["check", &folder]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("note: skipped 2 files"), "{out}");
    assert!(
        out.contains("budget.xlsx: .xlsx is not a format govlint reads"),
        "{out}"
    );
    assert!(out.contains("a Word lock file"), "{out}");
    let o = govlint(&["check", &folder, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let skipped = v["skipped"].as_array().expect("skipped list");
    assert_eq!(skipped.len(), 2);
    assert!(
        skipped[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("budget.xlsx"))
    );
    assert!(skipped[0]["reason"].is_string());
}

#[test]
fn inspect_shows_what_the_model_recognised() {
    let o = govlint(&["inspect", DEFECTS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "(markdown, UTF-8)",
        "period:          2022/23, from line 2",
        "statement date:  12 December 2023, from the signatures",
        "4. Review of effectiveness",
        " 4.23 4.24 ",
        "5 rows, first: \"Role | Name | Date\"",
        "\"Chief Executive\" — \"Daniel Ashworth\" — 12 December 2023",
        "sections: 1, 2, 3, 4, 5, 6",
    ] {
        assert!(out.contains(expected), "{expected:?} in {out}");
    }
    let o = govlint(&[
        "inspect",
        "--text",
        "tests/fixtures/docx/fernbrook-ags-2024-25.docx",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The text Word shows, automatic numbers included, one block a line.
    assert!(stdout(&o).contains("\n4.3 The Audit and Standards Committee met five times"));
    let o = govlint(&["inspect", "no-such-file.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-file.md"));
}
