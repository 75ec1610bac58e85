//! Baselines through the command line: `--write-baseline` records the
//! current findings, `--baseline` reports only new ones, and findings are
//! recognised again after edits elsewhere and in another format.

mod common;

use common::cli::{arg, govlint, govlint_in, json, only_rules, stderr, stdout};
use serde_json::Value;
use std::path::Path;

const FIRST_DRAFT: &str = "# Annual Governance Statement 2024/25

## 1. Review of effectiveness

1.1 The Audit Committee met five times during the year and reviewed the
Corporate Risk Register at each meeting.

1.2 The committee approved the internal audit plan on [insert date].

1.3 The Chief Finance Officer reported on the robustness of the estimates.

## 2. Significant governance issues

2.1 TODO: add the procurement issue once the audit report is final.
";

/// A paragraph inserted at the top, the ones below renumbered, lines
/// reflowed; a second `[insert date]` below the first, and a new
/// placeholder.
const SECOND_DRAFT: &str = "# Annual Governance Statement 2024/25

## 1. Review of effectiveness

1.1 The council adopted a revised Local Code of Corporate Governance in May 2024.

1.2 The Audit Committee met five times
during the year and reviewed the Corporate Risk Register at each meeting.

1.3 The committee approved the internal audit
plan on [insert date].

1.4 The Chief Finance Officer reported on the robustness of the estimates
on [insert date].

## 2. Significant governance issues

2.1 TODO: add the procurement issue once the audit report is final.

2.2 The lead officer is [name].
";

struct Setup {
    dir: tempfile::TempDir,
    _rules: tempfile::TempDir,
    rules: String,
}

fn setup() -> Setup {
    let rules = only_rules(&["placeholder", "paragraph-numbering", "drafting-note"]);
    Setup {
        dir: tempfile::tempdir().expect("temp dir"),
        rules: arg(rules.path()),
        _rules: rules,
    }
}

impl Setup {
    fn path(&self, name: &str) -> String {
        arg(&self.dir.path().join(name))
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join(name), text).expect("write");
    }

    /// `govlint check FILE --no-default-rules --rules … EXTRA…`.
    fn check(&self, file: &str, extra: &[&str]) -> std::process::Output {
        let file = self.path(file);
        let base = ["check", &file, "--no-default-rules", "--rules", &self.rules];
        govlint(&[&base[..], extra].concat())
    }
}

/// (rule, snippet) of each entry of a JSON list.
fn pairs(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (s("rule"), s("snippet"))
        })
        .collect()
}

fn pair(rule: &str, snippet: &str) -> (String, String) {
    (rule.into(), snippet.into())
}

#[test]
fn edits_elsewhere_do_not_resurface_baselined_findings_but_new_ones_are_reported() {
    let s = setup();
    s.write("ags.md", FIRST_DRAFT);
    let baseline = s.path("govlint-baseline.json");
    let o = s.check("ags.md", &["--write-baseline", &baseline]);
    // Writing the baseline accepts everything found.
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stderr(&o).contains("wrote 2 findings to"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("0 errors, 0 warnings, 0 infos; 2 suppressed (2 by the baseline).")
    );

    s.write("ags.md", SECOND_DRAFT);
    let o = s.check("ags.md", &["--baseline", &baseline, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let file = &v["files"][0];
    assert_eq!(
        pairs(&file["diagnostics"]),
        vec![
            pair("placeholder", "[insert date]"),
            pair("placeholder", "[name]")
        ]
    );
    // The new `[insert date]` is the one in 1.4, below the baselined one.
    assert_eq!(
        file["diagnostics"][0]["location"],
        "1. Review of effectiveness › 1.4"
    );
    assert_eq!(
        pairs(&file["suppressed"]),
        vec![
            pair("placeholder", "[insert date]"),
            pair(
                "drafting-note",
                "TODO: add the procurement issue once the audit report is final"
            )
        ]
    );
    assert_eq!(file["suppressed"][0]["suppressed_by"], "baseline");
    assert!(
        file["suppressed"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("accepted in the baseline ")),
        "{}",
        file["suppressed"][0]
    );
    assert_eq!(v["summary"]["baselined"], 2);
    assert_eq!(v["gone_from_baseline"], Value::Array(Vec::new()));
}

#[test]
fn findings_that_have_gone_are_noted() {
    let s = setup();
    s.write("ags.md", FIRST_DRAFT);
    let baseline = s.path("govlint-baseline.json");
    s.check("ags.md", &["--write-baseline", &baseline]);
    s.write(
        "ags.md",
        &FIRST_DRAFT
            .replace("on [insert date]", "on 12 March 2025")
            .replace(
                "TODO: add the procurement issue once the audit report is final.",
                "None.",
            ),
    );
    let o = s.check("ags.md", &["--baseline", &baseline]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains(
            "note: 2 baselined findings no longer occur; rewrite the baseline with --write-baseline"
        ),
        "{out}"
    );
    assert!(
        out.contains("  ags.md: placeholder in review of effectiveness (line 8 when recorded): placeholder \"[insert date]\" left in the statement"),
        "{out}"
    );
    let v = json(&s.check("ags.md", &["--baseline", &baseline, "--format", "json"]));
    let gone: Vec<&str> = v["gone_from_baseline"]
        .as_array()
        .expect("list")
        .iter()
        .map(|g| g["rule"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(gone, ["drafting-note", "placeholder"]);
    // Findings of documents not checked in this run are not "gone".
    s.write("other.md", "# Annual Governance Statement 2024/25\n");
    let o = s.check("other.md", &["--baseline", &baseline]);
    assert!(!stdout(&o).contains("no longer occur"), "{}", stdout(&o));
}

#[test]
fn the_baseline_file_is_sorted_versioned_and_stable() {
    let s = setup();
    s.write("ags.md", SECOND_DRAFT);
    let baseline = s.path("b.json");
    s.check("ags.md", &["--write-baseline", &baseline]);
    let first = std::fs::read_to_string(&baseline).expect("written");
    s.check("ags.md", &["--write-baseline", &baseline]);
    assert_eq!(std::fs::read_to_string(&baseline).expect("written"), first);
    let v: Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(v["version"], 1);
    let entries = v["findings"].as_array().expect("findings");
    let keys: Vec<(&str, &str, &str, u64)> = entries
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap_or_default(),
                e["section"].as_str().unwrap_or_default(),
                e["text"].as_str().unwrap_or_default(),
                e["occurrence"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![
            (
                "drafting-note",
                "significant governance issues",
                "todo: add the procurement issue once the audit report is final",
                1
            ),
            ("placeholder", "review of effectiveness", "[insert date]", 1),
            ("placeholder", "review of effectiveness", "[insert date]", 2),
            ("placeholder", "significant governance issues", "[name]", 1),
        ]
    );
    let e = &entries[1];
    assert_eq!(e["document"], "ags");
    assert_eq!(e["path"], "ags.md");
    assert_eq!(e["line"], 11);
    assert_eq!(
        e["message"],
        "placeholder \"[insert date]\" left in the statement"
    );
    assert!(first.ends_with("}\n"));
}

#[test]
fn paths_count_from_the_baseline_not_the_working_folder() {
    let s = setup();
    std::fs::create_dir(s.dir.path().join("statements")).expect("mkdir");
    s.write("statements/ags.md", FIRST_DRAFT);
    let baseline = s.path("govlint-baseline.json");
    s.check("statements/ags.md", &["--write-baseline", &baseline]);
    let text = std::fs::read_to_string(&baseline).expect("written");
    assert!(text.contains("\"document\": \"statements/ags\""), "{text}");
    // From inside the folder, with relative paths.
    let o = govlint_in(
        &s.dir.path().join("statements"),
        &[
            "check",
            "ags.md",
            "--no-default-rules",
            "--rules",
            &s.rules,
            "--baseline",
            "../govlint-baseline.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("2 suppressed (2 by the baseline)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_statement_in_markdown_word_and_html_matches_one_baseline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = |ext: &str| format!("tests/fixtures/docx/fernbrook-ags-2024-25.{ext}");
    let copy = |ext: &str| {
        let to = dir.path().join(format!("fernbrook.{ext}"));
        std::fs::copy(fixture(ext), &to).expect("copy");
        arg(&to)
    };
    let baseline = arg(&dir.path().join("govlint-baseline.json"));
    let md = copy("md");
    let o = govlint(&["check", &md, "--write-baseline", &baseline]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let written = std::fs::read_to_string(&baseline).expect("written");
    let entries = serde_json::from_str::<Value>(&written).expect("JSON")["findings"]
        .as_array()
        .expect("list")
        .len();
    assert!(entries >= 10, "{written}");
    std::fs::remove_file(&md).expect("rm");
    // Saved as Word, or published as a web page: the same document.
    for ext in ["docx", "html"] {
        let file = copy(ext);
        let v = json(&govlint(&[
            "check",
            &file,
            "--baseline",
            &baseline,
            "--format",
            "json",
        ]));
        assert_eq!(
            v["files"][0]["diagnostics"],
            Value::Array(Vec::new()),
            "{ext}"
        );
        assert_eq!(v["summary"]["baselined"], entries, "{ext}");
        assert_eq!(v["gone_from_baseline"], Value::Array(Vec::new()), "{ext}");
        std::fs::remove_file(&file).expect("rm");
    }
    // Both formats in one run write each finding once.
    let (md, docx) = (copy("md"), copy("docx"));
    govlint(&["check", &md, &docx, "--write-baseline", &baseline]);
    assert_eq!(
        std::fs::read_to_string(&baseline).expect("written"),
        written
    );
}

#[test]
fn a_bad_baseline_is_an_error_naming_it() {
    let s = setup();
    s.write("ags.md", FIRST_DRAFT);
    s.write(
        "b.json",
        "{\"version\": 1, \"findings\": [ {\"rule\": \"placeholder\"} ]}",
    );
    let bad = s.path("b.json");
    let o = s.check("ags.md", &["--baseline", &bad]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{bad}: not a govlint baseline: missing field")),
        "{err}"
    );
    assert!(stdout(&o).is_empty(), "nothing was checked: {}", stdout(&o));
    s.write("b.json", "{\"version\": 7, \"findings\": []}");
    let err = stderr(&s.check("ags.md", &["--baseline", &bad]));
    assert!(
        err.contains(&format!(
            "{bad}: baseline version 7; this govlint reads version 1"
        )),
        "{err}"
    );
    let missing = s.path("missing.json");
    let o = s.check("ags.md", &["--baseline", &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{missing}: cannot read the baseline")),
        "{}",
        stderr(&o)
    );
    let o = s.check("ags.md", &["--baseline", &bad, "--write-baseline", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    // A baseline cannot be written where no folder can be made.
    let o = s.check("ags.md", &["--write-baseline", &s.path("ags.md/b.json")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot create the folder of"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn directives_and_the_baseline_work_together() {
    let s = setup();
    s.write(
        "ags.md",
        &FIRST_DRAFT.replace(
            "1.2 The committee",
            "<!-- govlint-disable-next-line placeholder -- set at the July meeting -->\n1.2 The committee",
        ),
    );
    let baseline = s.path("b.json");
    s.check("ags.md", &["--write-baseline", &baseline]);
    // The suppressed finding is not in the baseline.
    let text = std::fs::read_to_string(&baseline).expect("written");
    assert!(!text.contains("placeholder"), "{text}");
    let v = json(&s.check("ags.md", &["--baseline", &baseline, "--format", "json"]));
    let by: Vec<&str> = v["files"][0]["suppressed"]
        .as_array()
        .expect("list")
        .iter()
        .map(|x| x["suppressed_by"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(by, ["directive", "baseline"]);
    assert_eq!(v["summary"]["suppressed"], 2);
    assert_eq!(v["summary"]["baselined"], 1);
    assert!(Path::new(&baseline).exists());
}
