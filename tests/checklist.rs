//! The compliance checklist: on the compliant samples every requirement is
//! met (with the words that met it) or does not apply (with the reason); on
//! a defect sample every rule with a finding is not met; the command line
//! gives it as Markdown, CSV and JSON.

mod common;

use common::cli::{govlint, stderr, stdout};

const COMPLIANT: &str = "samples/compliant/thornbury-vale-ags-2023-24.md";
const DEFECTS: &str = "samples/defects/castlemoor-ags-2022-23-draft.md";

fn checklist(path: &str, format: &str) -> String {
    let o = govlint(&[
        "checklist",
        path,
        "--no-config",
        "--date",
        "2024-09-30",
        "--format",
        format,
    ]);
    // A record, not a gate: findings do not make it fail.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

fn rows(path: &str) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&checklist(path, "json")).expect("JSON");
    json["files"][0]["requirements"]
        .as_array()
        .expect("requirements")
        .clone()
}

#[test]
fn every_requirement_of_a_compliant_statement_is_met_or_does_not_apply() {
    let rows = rows(COMPLIANT);
    let pack = common::default_rules();
    assert_eq!(rows.len(), pack.rules.len(), "a row per rule");
    let mut quoted = 0;
    for row in &rows {
        let status = row["status"].as_str().expect("status");
        let details = row["details"].as_array().expect("details");
        assert!(!details.is_empty(), "{row}");
        match status {
            "met" => {
                if details[0]["text"]
                    .as_str()
                    .expect("text")
                    .starts_with('\u{201c}')
                {
                    quoted += 1;
                    assert!(
                        !details[0]["location"].as_str().unwrap_or("").is_empty()
                            || details[0]["line"].is_number()
                    );
                }
            }
            "not applicable" => {
                assert!(
                    details[0]["text"]
                        .as_str()
                        .expect("why")
                        .contains("applies only"),
                    "{row}"
                );
            }
            other => panic!("{}: {other}", row["rule"]),
        }
    }
    // The rules that require something quote what met them.
    assert!(quoted >= 10, "{quoted} requirements quoted");
}

#[test]
fn every_rule_with_a_finding_is_not_met() {
    let rows = rows(DEFECTS);
    let json: serde_json::Value = serde_json::from_str(&stdout(&govlint(&[
        "check",
        DEFECTS,
        "--no-config",
        "--date",
        "2024-09-30",
        "--format",
        "json",
    ])))
    .expect("JSON");
    let fired: std::collections::BTreeSet<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["rule"].as_str().expect("rule"))
        .collect();
    assert!(fired.len() > 10);
    for row in &rows {
        let rule = row["rule"].as_str().expect("rule");
        assert_eq!(
            row["status"] == "not met",
            fired.contains(rule),
            "{rule}: {}",
            row["status"]
        );
    }
}

#[test]
fn markdown_groups_by_principle_and_csv_has_a_row_per_detail() {
    let markdown = checklist(COMPLIANT, "markdown");
    common::snapshot_settings().bind(|| {
        insta::assert_snapshot!("checklist-thornbury-vale.md", markdown);
    });
    let csv = checklist(COMPLIANT, "csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("path,principle,rule,requirement,status,detail,location,line")
    );
    let details: usize = rows(COMPLIANT)
        .iter()
        .map(|r| r["details"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(lines.count(), details);
    let o = govlint(&["checklist", COMPLIANT, "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("markdown, csv or json"),
        "{}",
        stderr(&o)
    );
}
