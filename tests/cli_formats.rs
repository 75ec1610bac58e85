//! The command line as a CI gate: every output format, `--output`,
//! `--fail-on`, `--statistics`, `--quiet`, a run with no rules, and a
//! reader that closes the pipe early.

mod common;

use common::cli::{govlint, only_rules, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A small statement with four errors and a warning (see the file).
const WRENFIELD: &str = "tests/fixtures/formats/wrenfield-ags-2023-24.md";
const DEFECTS: &str = "samples/defects/castlemoor-ags-2022-23-draft.md";
const DOCX: &str = "tests/fixtures/docx/fernbrook-ags-2024-25.docx";

/// The four rules the Wrenfield fixture trips, in a folder of their own, so
/// the snapshots do not shift as the pack grows (and each run stays quick:
/// loading the whole pack takes seconds in a debug build).
fn wrenfield_rules() -> tempfile::TempDir {
    only_rules(&[
        "drafting-note",
        "placeholder",
        "financial-year-format",
        "mtfs-horizon",
    ])
}

/// `govlint check` on the Wrenfield fixture with its four rules, a fixed
/// statement date and `extra` arguments.
fn wrenfield(extra: &[&str]) -> Output {
    let rules = wrenfield_rules();
    let rules = rules.path().to_string_lossy().into_owned();
    let base = [
        "check",
        WRENFIELD,
        "--no-default-rules",
        "--rules",
        &rules,
        "--date",
        "2024-09-30",
    ];
    govlint(&[&base[..], extra].concat())
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Every error the official SARIF 2.1.0 schema (tests/schemas/) finds.
fn sarif_schema_errors(log: &serde_json::Value) -> Vec<String> {
    let schema = json(&std::fs::read_to_string("tests/schemas/sarif-2.1.0.json").expect("schema"));
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn snapshots_of_every_format() {
    common::snapshot_settings().bind(|| {
        for format in ["concise", "github", "junit", "gitlab", "sarif"] {
            let o = wrenfield(&["--format", format]);
            assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
            insta::assert_snapshot!(format!("formats-wrenfield.{format}"), stdout(&o));
        }
    });
}

#[test]
fn concise_is_one_line_per_finding() {
    let o = wrenfield(&["--format", "concise"]);
    let out = stdout(&o);
    let findings: Vec<&str> = out.lines().filter(|l| l.starts_with(WRENFIELD)).collect();
    assert_eq!(
        findings,
        [
            format!(
                "{WRENFIELD}:7:5: error[drafting-note] drafting note left in the statement: \"[Note to Sam: check the reserve & the dates Friday]\""
            ),
            format!(
                "{WRENFIELD}:7:95: error[placeholder] placeholder \"£XX million\" left in the statement"
            ),
            format!(
                "{WRENFIELD}:9:47: warning[mtfs-horizon] the MTFS covers 2 years (2024/25 to 2025/26); at least 3 are required"
            ),
            format!(
                "{WRENFIELD}:11:31: error[financial-year-format] \"2023/2\" is not a financial year: write the year it starts and the next, as in \"2023/24\""
            ),
            format!(
                "{WRENFIELD}:11:96: error[placeholder] placeholder \"£XX million\" left in the statement"
            ),
        ]
    );
    // Each rule's references once, then the summary.
    assert!(out.contains("note: mtfs-horizon: see CIPFA Financial Management Code (2019)"));
    assert!(
        out.ends_with("Checked 1 file: 4 errors, 1 warning, 0 infos.\n"),
        "{out}"
    );
    let quiet = stdout(&wrenfield(&["--format", "concise", "--quiet"]));
    assert_eq!(quiet.lines().count(), 5, "{quiet}");
}

#[test]
fn references_appear_in_human_and_json() {
    let o = wrenfield(&[]);
    let out = stdout(&o);
    assert!(
        out.contains("see: CIPFA Financial Management Code (2019), standard I: a rolling multi-year medium-term financial plan"),
        "{out}"
    );
    let v = json(&stdout(&wrenfield(&["--format", "json"])));
    let mtfs = &v["files"][0]["diagnostics"][2];
    assert_eq!(mtfs["rule"], "mtfs-horizon");
    assert_eq!(
        mtfs["references"][0]["title"],
        "CIPFA Financial Management Code (2019)"
    );
}

#[test]
fn sarif_is_valid_for_every_sample_and_for_a_file_that_cannot_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let binary = binary.to_string_lossy().into_owned();
    let o = govlint(&["check", "samples", DOCX, &binary, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let log = json(&stdout(&o));
    let errors = sarif_schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "govlint");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), common::default_rules().rules.len());
    // The unreadable file is a notification, and the run did not succeed.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["descriptor"]["id"], "govlint::input::binary");
    assert_eq!(notification["level"], "error");
    // Word findings have no lines to point at, but name their place.
    let word: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == DOCX)
        .collect();
    assert!(!word.is_empty());
    assert!(word.iter().all(|r| {
        r["locations"][0]["physicalLocation"]
            .get("region")
            .is_none()
    }));
    let placed = word
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .is_some_and(|m| m.contains(" (at 3. "))
        })
        .expect("a Word finding that names its place");
    assert!(placed["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].is_string());
}

#[test]
fn github_commands_are_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A file name with the characters a property must escape.
    let path = dir.path().join("AGS, draft: 50%.md");
    std::fs::copy(WRENFIELD, &path).expect("copy");
    let path = path.to_string_lossy().into_owned();
    let rules = wrenfield_rules();
    let rules = rules.path().to_string_lossy().into_owned();
    let o = govlint(&[
        "check",
        &path,
        "--format",
        "github",
        "--no-default-rules",
        "--rules",
        &rules,
    ]);
    let out = stdout(&o);
    let escaped = path
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    let command = out
        .lines()
        .find(|l| l.starts_with("::warning ") && l.contains("title=mtfs-horizon"))
        .unwrap_or_else(|| panic!("no mtfs-horizon warning in:\n{out}"));
    assert!(
        command.starts_with(&format!(
            "::warning file={escaped},line=9,col=47,endLine=9,endColumn=64,title=mtfs-horizon::"
        )),
        "{command}"
    );
    // Help and references on lines of their own, as %0A.
    assert!(command.contains("%0Ahelp: "), "{command}");
    assert!(
        command.contains("%0Asee: CIPFA Financial Management Code (2019)"),
        "{command}"
    );
    // Every finding is one command line; the summary is plain text.
    let commands = out.lines().filter(|l| l.starts_with("::")).count();
    let summary = out.lines().last().unwrap_or_default();
    assert_eq!(commands, 5, "{out}");
    assert!(summary.starts_with("Checked 1 file"), "{out}");
    // A Word file's findings name the place, not lines of extracted text.
    let rules = only_rules(&["paragraph-numbering", "statutory-officers-incompatible"]);
    let rules = rules.path().to_string_lossy().into_owned();
    let out = stdout(&govlint(&[
        "check",
        DOCX,
        "--format",
        "github",
        "--no-default-rules",
        "--rules",
        &rules,
    ]));
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert!(!commands.is_empty(), "{out}");
    assert!(commands.iter().all(|c| !c.contains(",line=")), "{out}");
    assert!(commands.iter().any(|c| c.contains(" (at 3. ")), "{out}");
}

#[test]
fn junit_has_a_suite_per_file_and_a_case_per_rule() {
    let o = wrenfield(&["--format", "junit"]);
    let xml = stdout(&o);
    let mut reader = quick_xml::Reader::from_str(&xml);
    // (element, attributes) of every start or empty element.
    let mut elements = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attributes: Vec<(String, String)> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from(a.key.as_ref()),
                            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .expect("value")
                                .into_owned(),
                        )
                    })
                    .collect();
                elements.push((String::from(e.name().as_ref()), attributes));
            }
            _ => {}
        }
    }
    let attr = |i: usize, key: &str| {
        elements[i]
            .1
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let names: Vec<&str> = elements.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "testsuites");
    assert_eq!(names[1], "testsuite");
    assert_eq!(attr(1, "name"), WRENFIELD);
    assert_eq!(
        (attr(1, "tests"), attr(1, "failures")),
        ("4".into(), "3".into())
    );
    let cases: Vec<String> = (0..elements.len())
        .filter(|&i| names[i] == "testcase")
        .map(|i| attr(i, "name"))
        .collect();
    assert_eq!(
        cases,
        [
            "drafting-note",
            "financial-year-format",
            "mtfs-horizon",
            "placeholder"
        ]
    );
    // The drafting note's message keeps its ampersand and quotes (and the
    // two spaces where Markdown dropped the inline HTML).
    let failure = (0..elements.len())
        .find(|&i| names[i] == "failure")
        .expect("a failure");
    assert_eq!(
        attr(failure, "message"),
        "drafting note left in the statement: \"[Note to Sam: check the reserve & the dates  Friday]\""
    );
    // The warning fails only when warnings fail the run.
    assert!(
        xml.contains("<system-out>tests/fixtures/formats/wrenfield-ags-2023-24.md:9:47: warning")
    );
    let strict = stdout(&wrenfield(&["--format", "junit", "--fail-on", "warning"]));
    assert!(strict.contains(r#"tests="4" failures="4""#), "{strict}");
}

#[test]
fn gitlab_fingerprints_are_unique_and_stable() {
    let first = json(&stdout(&wrenfield(&["--format", "gitlab"])));
    let again = json(&stdout(&wrenfield(&["--format", "gitlab"])));
    assert_eq!(first, again);
    let issues = first.as_array().expect("an array of issues");
    assert_eq!(issues.len(), 5);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), 5, "the two £XX placeholders differ too");
    let severities: Vec<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(severities, ["major", "major", "minor", "major", "major"]);
    assert_eq!(issues[2]["check_name"], "mtfs-horizon");
    assert_eq!(issues[2]["location"]["path"], WRENFIELD);
    assert_eq!(issues[2]["location"]["lines"]["begin"], 9);
    assert!(
        issues[2]["content"]["body"]
            .as_str()
            .is_some_and(|b| b.contains("See:\n- CIPFA Financial Management Code (2019)"))
    );
}

#[test]
fn output_writes_several_formats_beside_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sarif = dir.path().join("report.sarif");
    let junit = dir.path().join("junit.xml");
    let o = wrenfield(&[
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("junit={}", junit.display()),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("Checked 1 file: 4 errors, 1 warning, 0 infos."));
    let log = json(&std::fs::read_to_string(&sarif).expect("the SARIF file"));
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(5));
    let xml = std::fs::read_to_string(&junit).expect("the JUnit file");
    assert!(xml.starts_with("<?xml"), "{xml}");
    // The same report as on stdout.
    assert_eq!(xml, stdout(&wrenfield(&["--format", "junit"])));
}

#[test]
fn an_unwritable_output_is_exit_2_naming_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no-such-folder").join("report.sarif");
    let o = wrenfield(&["--output", &format!("sarif={}", path.display())]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "cannot write the sarif report to {}",
            path.display()
        )),
        "{err}"
    );
    assert!(stdout(&o).is_empty(), "nothing was checked");
    let o = wrenfield(&["--output", "yaml=report.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown format `yaml`"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new("report.yaml").exists());
}

#[test]
fn fail_on_sets_the_level_that_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("ags.md");
    std::fs::write(
        &doc,
        "# Annual Governance Statement 2023/24\n\nThe MTFS covers 2024/25 to 2025/26.\n",
    )
    .expect("write");
    let doc = doc.to_string_lossy().into_owned();
    let rules = wrenfield_rules();
    let rules = rules.path().to_string_lossy().into_owned();
    let run = |extra: &[&str]| {
        let base = ["check", &doc, "--no-default-rules", "--rules", &rules];
        govlint(&[&base[..], extra].concat()).status.code()
    };
    // One warning.
    assert_eq!(run(&[]), Some(0));
    assert_eq!(run(&["--fail-on", "error"]), Some(0));
    assert_eq!(run(&["--fail-on", "warning"]), Some(1));
    assert_eq!(run(&["--fail-on", "info"]), Some(1));
    assert_eq!(run(&["--deny", "warnings"]), Some(1), "the older spelling");
    assert_eq!(
        run(&["--deny", "warnings", "--fail-on", "info"]),
        Some(2),
        "both at once is a usage error"
    );
    // Errors, but never failing; an unreadable file still does.
    assert_eq!(wrenfield(&[]).status.code(), Some(1));
    assert_eq!(wrenfield(&["--fail-on", "never"]).status.code(), Some(0));
    let o = wrenfield(&["missing.md", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn statistics_count_findings_per_rule() {
    let o = wrenfield(&["--statistics"]);
    let out = stdout(&o);
    let table = out
        .split_once("\n\nrule ")
        .map(|(_, t)| format!("rule {t}"))
        .unwrap_or_else(|| panic!("no table in:\n{out}"));
    assert_eq!(
        table,
        "rule                   severity  count\n\
         placeholder            error         2\n\
         drafting-note          error         1\n\
         financial-year-format  error         1\n\
         mtfs-horizon           warning       1\n\
         total                                5\n"
    );
    // With JSON on stdout the table goes to stderr, and the JSON stays valid.
    let o = wrenfield(&["--format", "json", "--statistics"]);
    json(&stdout(&o));
    assert!(
        stderr(&o).contains("placeholder            error         2"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn quiet_prints_only_the_findings() {
    let rules = wrenfield_rules();
    let rules = rules.path().to_string_lossy().into_owned();
    let check = |extra: &[&str]| {
        let base = ["check", WRENFIELD, "--no-default-rules", "--rules", &rules];
        govlint(&[&base[..], extra].concat())
    };
    let loud = stdout(&check(&[]));
    assert!(loud.contains("assumed the statement date"), "{loud}");
    assert!(loud.contains("Checked 1 file"));
    let o = check(&["--quiet"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.contains("drafting-note"), "{out}");
    assert!(!out.contains("assumed the statement date"), "{out}");
    assert!(!out.contains("Checked 1 file"), "{out}");
    // Errors still print.
    let o = check(&["missing.md", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("missing.md: no such file or directory"));
}

#[test]
fn a_run_with_no_rules_is_an_error() {
    let o = govlint(&["check", WRENFIELD, "--no-default-rules"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no rules to run: --no-default-rules was given without --rules DIR"),
        "{}",
        stderr(&o)
    );
    let empty = tempfile::tempdir().expect("temp dir");
    let dir = empty.path().to_string_lossy().into_owned();
    let o = govlint(&["check", WRENFIELD, "--no-default-rules", "--rules", &dir]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("no rules to run: {dir} holds no rule files")),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

/// Runs govlint with its standard output (and standard error too, when
/// `both`) on a pipe whose reading end is already closed, as after `| head
/// -1`; returns the exit code and what it wrote on standard error.
fn with_closed_pipe(args: &[&str], both: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_govlint"));
    command.args(args).env("NO_COLOR", "1").stdin(Stdio::null());
    let err_file = tempfile::NamedTempFile::new().expect("temp file");
    if both {
        command.stderr(writer.try_clone().expect("clone"));
    } else {
        command.stderr(err_file.reopen().expect("reopen"));
    }
    command.stdout(writer);
    let status = command.status().expect("govlint runs");
    let err = std::fs::read_to_string(err_file.path()).unwrap_or_default();
    (status.code(), err)
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let rules = wrenfield_rules();
    let rules = rules.path().to_string_lossy().into_owned();
    let check = ["check", WRENFIELD, "--no-default-rules", "--rules", &rules];
    for format in ["human", "json", "concise", "sarif"] {
        let (code, err) = with_closed_pipe(&[&check[..], &["--format", format]].concat(), false);
        // The run's own verdict (findings: 1), not a panic (101).
        assert_eq!(code, Some(1), "{format}: {err}");
        assert!(!err.contains("Broken pipe"), "{format}: {err}");
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
    // `2>&1 | head -1`: stderr is closed too, and the run still ends well.
    let (code, _) = with_closed_pipe(&[&check[..], &["missing.md"]].concat(), true);
    assert_eq!(code, Some(2));
    let (code, _) = with_closed_pipe(&["check", "--no-default-rules", WRENFIELD], true);
    assert_eq!(code, Some(2));
    // The other commands print through the same guard.
    for args in [
        &["rules", "--no-default-rules", "--rules", &rules][..],
        &[
            "explain",
            "mtfs-horizon",
            "--no-default-rules",
            "--rules",
            &rules,
        ],
        &["inspect", DEFECTS],
        &["inspect", "--text", DEFECTS],
    ] {
        let (code, err) = with_closed_pipe(args, false);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

/// Twelve copies of the Wrenfield statement: enough for a progress bar.
fn many_statements() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for i in 0..12 {
        std::fs::copy(WRENFIELD, dir.path().join(format!("w{i:02}.md"))).expect("copy");
    }
    dir
}

#[test]
fn progress_shows_on_a_terminal_and_never_in_a_pipe() {
    let rules = wrenfield_rules();
    let dir = many_statements();
    let args = |format: &str| {
        format!(
            "{} check --no-config --no-default-rules --rules {} --format {format} {} >/dev/null",
            env!("CARGO_BIN_EXE_govlint"),
            rules.path().display(),
            dir.path().display()
        )
    };
    // In a pipe: the report only.
    let piped = Command::new("sh")
        .args(["-c", &args("human")])
        .output()
        .expect("sh runs");
    assert!(
        !stderr(&piped).contains("files checked"),
        "{}",
        stderr(&piped)
    );
    // On a terminal (`script` gives the command one): the bar for people,
    // none for a machine format.
    let on_terminal = |format: &str| {
        let o = Command::new("script")
            .args(["-qec", &args(format), "/dev/null"])
            .output()
            .expect("script (util-linux) runs");
        stdout(&o)
    };
    // (The bar redraws at most 20 times a second, so which count shows last
    // depends on speed.)
    assert!(on_terminal("human").contains("/12 files checked"));
    assert!(!on_terminal("json").contains("files checked"));
}
