//! `--format html` in a real browser: Debian's chromium, headless. The page
//! checks itself when opened at `#selftest` (every finding's link moves the
//! focus to its highlighted words, in view; every filter hides what it
//! should and only that) and writes the verdict into the page, which
//! chromium's `--dump-dom` prints; its log shows any console message.
//!
//! CI installs chromium and sets `GOVLINT_REQUIRE_BROWSER=1`, so there a
//! missing browser fails. Elsewhere the browser test says it was not run.

mod common;

use common::cli::{govlint, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

const DOCUMENTS: [&str; 3] = [
    "samples/defects",
    "samples/compliant",
    "tests/fixtures/docx/fernbrook-ags-2024-25.docx",
];

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GOVLINT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    common::on_path(&["chromium", "chromium-browser", "google-chrome"])
}

/// The report of `DOCUMENTS`, written with `--output html=…` beside JSON on
/// standard output, and the number of findings the JSON gives.
fn report(dir: &Path) -> (PathBuf, usize) {
    let page = dir.join("report.html");
    let mut args = vec![
        "check".to_owned(),
        "--no-config".into(),
        "--date".into(),
        "2025-06-30".into(),
        "--format".into(),
        "json".into(),
        "--output".into(),
        format!("html={}", page.display()),
    ];
    args.extend(DOCUMENTS.iter().map(|d| d.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = govlint(&args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let findings = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    (page, findings)
}

#[test]
fn the_page_is_one_self_contained_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (page, findings) = report(dir.path());
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(findings > 50, "{findings} findings");
    // Nothing is fetched: no external script, style, image or font.
    for needle in ["<script src", "<link", "<img", "@import", "url("] {
        assert!(!html.contains(needle), "the page loads something: {needle}");
    }
    assert_eq!(html.matches("<li class=\"finding ").count(), findings);
    assert_eq!(html.matches("class=\"anchor\"").count(), findings);
    // Headings for every document, in the order of the run.
    assert!(
        html.contains("<h2 id=\"file-1\">samples/defects/brackwater-ags-2023-24-layout.txt</h2>")
    );
    assert!(html.contains("<p class=\"clean\">No findings.</p>"));
}

#[test]
fn in_a_browser_every_link_jumps_and_every_filter_works_without_console_errors() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("GOVLINT_REQUIRE_BROWSER").is_none(),
            "GOVLINT_REQUIRE_BROWSER is set but no chromium was found (apt-get install -y chromium)"
        );
        eprintln!("not run: no chromium on PATH (apt-get install -y chromium)");
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (page, findings) = report(dir.path());
    let o = Command::new("timeout")
        .arg("120")
        .arg(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1200,900",
            "--dump-dom",
        ])
        .arg(format!("file://{}#selftest", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&o.stdout);
    let log = String::from_utf8_lossy(&o.stderr);
    let verdict = dom
        .split("<output id=\"selftest\" hidden=\"\">")
        .nth(1)
        .and_then(|rest| rest.split("</output>").next())
        .unwrap_or_else(|| panic!("no self-test verdict in the page:\n{log}"));
    assert_eq!(
        verdict,
        format!("PASS {findings} jumps, 11 filters"),
        "the page's self-test"
    );
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "console messages:\n{}",
        console.join("\n")
    );
}
