//! Hostile and careless input: devices, pipes, standard input, byte order
//! marks, links, and runaway rules.

mod common;

use common::cli::{arg, govlint, json, only_rules, run_in, stderr, stdout};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs govlint with `input` on its standard input.
fn govlint_reading(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_govlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "400")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("govlint runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // govlint may stop reading at its limit; a broken pipe here is expected.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("govlint finishes")
}

const STATEMENT: &str =
    "# Annual Governance Statement 2023/24\n\nThe accounts will be approved on [insert date].\n";

#[test]
fn a_dash_reads_standard_input_named_stdin_and_sniffs_markdown() {
    let rules = only_rules(&["placeholder"]);
    let rules = arg(rules.path());
    let o = govlint_reading(
        &[
            "check",
            "-",
            "--no-config",
            "--no-default-rules",
            "--rules",
            &rules,
            "--format",
            "json",
        ],
        STATEMENT.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let file = &v["files"][0];
    assert_eq!(file["path"], "<stdin>");
    assert_eq!(file["format"], "markdown", "a `#` heading is Markdown");
    assert_eq!(file["diagnostics"][0]["rule"], "placeholder");
    assert_eq!(file["diagnostics"][0]["line"], 3);

    // Without a heading, text; --input-format overrides the sniffing.
    let text = "Annual Governance Statement 2023/24\n\nDue on [insert date].\n";
    let o = govlint_reading(
        &["check", "-", "--no-config", "--format", "json"],
        text.as_bytes(),
    );
    assert_eq!(json(&o)["files"][0]["format"], "text");
    let o = govlint_reading(
        &[
            "check",
            "-",
            "--no-config",
            "--format",
            "json",
            "--input-format",
            "html",
        ],
        text.as_bytes(),
    );
    assert_eq!(json(&o)["files"][0]["format"], "html");
}

#[test]
fn standard_input_is_held_to_the_size_limit_and_other_files_are_still_checked() {
    let big = "Annual Governance Statement 2023/24. ".repeat(100);
    let o = govlint_reading(
        &[
            "check",
            "-",
            "samples/compliant/thornbury-vale-ags-2023-24.md",
            "--no-config",
            "--max-file-size",
            "1000",
            "--format",
            "concise",
        ],
        big.as_bytes(),
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("<stdin>: error[govlint::input::too_large] the input is larger than the limit of 1000 bytes"),
        "{out}"
    );
    assert!(out.contains("Checked 2 files"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_device_that_never_ends_is_cut_off_at_the_limit() {
    // /dev/zero reports a size of 0; reading it whole would never end.
    let started = std::time::Instant::now();
    let o = govlint(&[
        "check",
        "/dev/zero",
        "--no-config",
        "--max-file-size",
        "100000",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("/dev/zero: the input is larger than the limit of 100000 bytes"),
        "{out}"
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_regular_file_over_the_limit_names_its_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.md");
    std::fs::write(&big, "x".repeat(2000)).expect("write");
    let o = govlint(&[
        "check",
        &arg(&big),
        "--no-config",
        "--max-file-size",
        "1000",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("the file is 2000 bytes, larger than the limit of 1000 bytes"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn suppressions_are_not_added_to_standard_input() {
    let o = govlint_reading(
        &["check", "-", "--no-config", "--add-suppressions=accepted"],
        STATEMENT.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("standard input (-) is not a file"),
        "{}",
        stderr(&o)
    );
}

/// A rule folder with one `forbid` rule on `pattern`.
fn forbid_rule(pattern: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let rule = format!(
        "id = \"loud\"\nseverity = \"warning\"\nprinciples = [\"G\"]\nsummary = \"s\"\nmessage = \"m\"\n\n[docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n\n[[check]]\nkind = \"forbid\"\npatterns = ['{pattern}']\n"
    );
    std::fs::write(dir.path().join("loud.toml"), rule).expect("write");
    dir
}

#[test]
fn a_rule_file_over_the_size_limit_is_refused_and_the_other_rules_still_load() {
    let rules = forbid_rule(r"\bward\b");
    // A valid rule padded with a comment to just over 1 MB.
    let big = format!(
        "{}\n#{}\n",
        std::fs::read_to_string(rules.path().join("loud.toml"))
            .expect("read")
            .replace("\"loud\"", "\"big\""),
        "x".repeat(1024 * 1024)
    );
    std::fs::write(rules.path().join("big.toml"), big).expect("write");
    let o = govlint(&["rules", "--no-default-rules", "--rules", &arg(rules.path())]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("big.toml"), "{err}");
    assert!(
        err.contains("larger than the 1024 KB limit for a rule file"),
        "{err}"
    );
    assert!(!err.contains("loud.toml"), "{err}");
}

#[test]
fn findings_past_the_limit_stop_the_file_with_an_error() {
    let rules = forbid_rule(r"\bward\b");
    let dir = tempfile::tempdir().expect("temp dir");
    let doc = dir.path().join("ags.md");
    std::fs::write(
        &doc,
        format!(
            "# Annual Governance Statement 2023/24\n\n{}\n",
            "ward ".repeat(40)
        ),
    )
    .expect("write");
    let base = [
        "check",
        "--no-config",
        "--no-default-rules",
        "--format",
        "json",
    ];
    let run = |extra: &[&str]| {
        let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        args.extend([arg(&doc), "--rules".into(), arg(rules.path())]);
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        govlint(&args)
    };
    let o = run(&["--max-findings", "25"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let v = json(&o);
    let file = &v["files"][0];
    assert_eq!(file["diagnostics"].as_array().map(Vec::len), Some(25));
    // The first 25 by position.
    assert_eq!(file["diagnostics"][24]["column"], 1 + 24 * 5);
    assert_eq!(file["errors"][0]["code"], "govlint::too_many_findings");
    assert!(
        file["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("more than 25 findings")),
        "{file}"
    );
    // Exactly at the limit is not past it; 0 is no limit.
    let o = run(&["--max-findings", "40"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        json(&o)["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(40)
    );
    let o = run(&["--max-findings", "0"]);
    assert_eq!(
        json(&o)["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(40)
    );
}

#[test]
fn json_byte_offsets_point_into_the_file_past_a_byte_order_mark_and_in_its_encoding() {
    let rules = only_rules(&["placeholder"]);
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "# Annual Governance Statement 2023/24\n\nThe surplus of £2m – agreed on [insert date].\n";
    let utf8_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '£' => 0xA3,
            '–' => 0x96,
            c => u8::try_from(c).expect("ASCII"),
        })
        .collect();
    for (name, bytes, unit) in [
        ("bom.md", utf8_bom, 1),
        ("utf16.md", utf16, 2),
        ("cp1252.md", cp1252, 1),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let o = govlint(&[
            "check",
            &arg(&path),
            "--no-config",
            "--no-default-rules",
            "--rules",
            &arg(rules.path()),
            "--format",
            "json",
        ]);
        let v = json(&o);
        let d = &v["files"][0]["diagnostics"][0];
        assert_eq!(d["snippet"], "[insert date]", "{name}: {d}");
        let (start, end) = (
            d["byte_start"].as_u64().expect("offset") as usize,
            d["byte_end"].as_u64().expect("offset") as usize,
        );
        // The bytes at those offsets are the snippet, in the file's encoding.
        let want: Vec<u8> = "[insert date]"
            .bytes()
            .flat_map(|b| if unit == 2 { vec![b, 0] } else { vec![b] })
            .collect();
        assert_eq!(&bytes[start..end], want.as_slice(), "{name}");
        // Lines and columns count the text, without the mark.
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(3), Some(32)),
            "{name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_folder_of_links_is_checked_and_a_loop_is_noted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let drafts = dir.path().join("drafts");
    std::fs::create_dir(&drafts).expect("mkdir");
    let real = std::fs::canonicalize("samples/compliant/thornbury-vale-ags-2023-24.md")
        .expect("the sample exists");
    std::os::unix::fs::symlink(&real, drafts.join("thornbury.md")).expect("link");
    std::os::unix::fs::symlink(&drafts, drafts.join("again")).expect("link");
    let o = govlint(&["check", &arg(&drafts), "--no-config", "--format", "json"]);
    let v = json(&o);
    assert_eq!(v["files"].as_array().map(Vec::len), Some(1), "{v}");
    assert!(
        v["files"][0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("thornbury.md"))
    );
    assert_eq!(v["files"][0]["errors"].as_array().map(Vec::len), Some(0));
    let reason = v["skipped"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.starts_with("a link back to"), "{v}");
}

#[test]
fn an_io_error_gives_its_cause_once() {
    // A path through a file, as if it were a folder.
    let o = govlint(&["check", "README.md/draft.md", "--no-config"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert_eq!(out.matches("(os error").count(), 1, "{out}");
    let o = govlint(&[
        "check",
        "README.md",
        "--no-config",
        "--rules",
        "README.md/rules",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).matches("no such directory").count(),
        1,
        "{}",
        stderr(&o)
    );
}

/// govlint run as a user who is not root (root reads any file): as
/// `nobody` through `setpriv` when the tests run as root, else as itself.
#[cfg(unix)]
fn govlint_unprivileged(dir: &std::path::Path, args: &[&str]) -> Output {
    let uid = Command::new("id").arg("-u").output().expect("id runs");
    let command = if stdout(&uid).trim() == "0" {
        // A copy of the binary inside the (world-readable) folder, so the
        // user can run it wherever the project is checked out.
        let binary = dir.join("govlint");
        std::fs::copy(env!("CARGO_BIN_EXE_govlint"), &binary).expect("copy govlint");
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_govlint"))
    };
    run_in(command, dir, args)
}

#[test]
#[cfg(unix)]
fn an_unreadable_file_is_named_with_its_cause_once_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let mode = |path: &std::path::Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    };
    mode(dir.path(), 0o755);
    let statement = "# Annual Governance Statement 2023/24\n\nThe Council met on [insert date].\n";
    for name in ["a-locked.md", "b-open.md"] {
        std::fs::write(dir.path().join(name), statement).expect("write");
    }
    mode(&dir.path().join("a-locked.md"), 0o000);
    let o = govlint_unprivileged(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "concise",
            "a-locked.md",
            "b-open.md",
        ],
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}{}", stderr(&o));
    assert_eq!(out.matches("Permission denied").count(), 1, "{out}");
    assert!(out.contains("a-locked.md: "), "{out}");
    assert!(
        out.contains("b-open.md:3:"),
        "the readable file is still checked: {out}"
    );
}
