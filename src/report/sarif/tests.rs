//! The SARIF log of a run built by hand: suppressed findings keep their
//! reason, and the log is valid against the OASIS schema.

use super::*;
use crate::diagnostic::{FileReport, Run, StatementFacts, Summary, Suppressed};
use crate::source::{Format, SourceFile};

const TEXT: &str = "# Annual Governance Statement 2023/24\n\n\
    1.1 The MTFS covers 2024/25 to 2025/26.\n\n\
    <!-- govlint-disable-next-line placeholder -- agreed with the auditor -->\n\
    1.2 The reserve is £XX million.\n\n\
    1.3 The balance is £YY million.\n";

fn span_of(words: &str) -> Range<usize> {
    let start = TEXT.find(words).expect("the words are in the text");
    start..start + words.len()
}

fn finding(rule: &str, severity: Severity, words: &str) -> Finding {
    Finding {
        rule: rule.into(),
        severity,
        message: format!("{rule} found \"{words}\""),
        span: span_of(words),
        label: None,
        labels: Vec::new(),
        help: None,
        url: None,
        references: Vec::new().into(),
        snippet: words.into(),
        location: "1. Scope › 1.2".into(),
        page: None,
    }
}

fn run() -> Run {
    let source = SourceFile::from_text("drafts/AGS 2023-24.md", TEXT, Format::Markdown);
    Run {
        files: vec![FileReport {
            path: "drafts/AGS 2023-24.md".into(),
            outcome: FileOutcome::Checked {
                source,
                facts: StatementFacts::default(),
                requirements: Vec::new(),
                findings: vec![finding(
                    "mtfs-horizon",
                    Severity::Warning,
                    "2024/25 to 2025/26",
                )],
                suppressed: vec![
                    Suppressed {
                        finding: finding("placeholder", Severity::Error, "£XX"),
                        by: SuppressedBy::Directive {
                            span: span_of(
                                "<!-- govlint-disable-next-line placeholder -- agreed with the auditor -->",
                            ),
                        },
                        reason: "agreed with the auditor".into(),
                    },
                    Suppressed {
                        finding: finding("placeholder", Severity::Error, "£YY"),
                        by: SuppressedBy::Baseline,
                        reason: "in the baseline: to be fixed for the final".into(),
                    },
                ],
                errors: Vec::new(),
            },
        }],
        skipped: Vec::new(),
        gone_from_baseline: Vec::new(),
    }
}

fn sarif(run: &Run) -> serde_json::Value {
    // Loading the pack takes seconds in a debug build: once per test binary.
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| RuleSet::load(true, &[]).expect("the default pack loads"));
    let mut out = Vec::new();
    SarifReporter::new(rules)
        .report(run, &Summary::of(&run.files), &mut out)
        .expect("writing to memory");
    serde_json::from_slice(&out).expect("the log is JSON")
}

/// Every error the official SARIF 2.1.0 schema finds in `log`.
pub(crate) fn schema_errors(log: &serde_json::Value) -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-2.1.0.json"
    );
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the vendored schema"))
            .expect("the schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn suppressed_findings_are_results_with_their_suppression() {
    let log = sarif(&run());
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["ruleId"], "mtfs-horizon");
    assert!(results[0].get("suppressions").is_none());

    let directive = &results[1];
    assert_eq!(directive["ruleId"], "placeholder");
    assert_eq!(directive["level"], "error");
    let suppression = &directive["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(suppression["justification"], "agreed with the auditor");
    // The suppression points at the directive, on line 5.
    let region = &suppression["location"]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 5);
    assert!(
        region["snippet"]["text"]
            .as_str()
            .is_some_and(|s| s.starts_with("<!-- govlint-disable"))
    );

    let baseline = &results[2]["suppressions"][0];
    assert_eq!(baseline["kind"], "external");
    assert_eq!(
        baseline["justification"],
        "in the baseline: to be fixed for the final"
    );
    assert!(baseline.get("location").is_none());
}

#[test]
fn results_point_at_the_words_in_a_relative_uri() {
    let log = sarif(&run());
    let result = &log["runs"][0]["results"][2];
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "drafts/AGS%202023-24.md"
    );
    let region = &location["region"];
    // "£YY" on line 8, columns 20 to 23 (exclusive), in characters.
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (&8.into(), &20.into(), &8.into(), &23.into())
    );
    assert_eq!(region["snippet"]["text"], "£YY");
    assert_eq!(
        result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "1. Scope › 1.2"
    );
    let index = result["ruleIndex"].as_u64().expect("a rule index") as usize;
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][index]["id"],
        "placeholder"
    );
    // Two placeholders on different words have different fingerprints.
    assert_ne!(
        log["runs"][0]["results"][1]["partialFingerprints"],
        result["partialFingerprints"]
    );
}

#[test]
fn rules_carry_descriptions_help_references_and_principles() {
    let log = sarif(&run());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let rule = rules
        .iter()
        .find(|r| r["id"] == "audited-accounts-deadline")
        .expect("the rule is listed");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert_eq!(rule["properties"]["principles"], serde_json::json!(["G"]));
    assert!(
        rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(
        rule["fullDescription"]["text"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    let help = rule["help"]["text"].as_str().expect("help text");
    assert!(
        help.contains("See:\n- Accounts and Audit Regulations 2015"),
        "{help}"
    );
    assert_eq!(
        rule["properties"]["references"][0]["title"],
        "Accounts and Audit Regulations 2015"
    );
}

#[test]
fn the_log_is_valid_sarif_2_1_0() {
    let log = sarif(&run());
    let errors = schema_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_schema_check_catches_an_invalid_log() {
    let mut log = sarif(&run());
    log["runs"][0]["results"][0]["level"] = "severe".into();
    log["runs"][0]["results"][1]["suppressions"][0]["kind"] = "inDocument".into();
    assert_eq!(schema_errors(&log).len(), 2, "{:#?}", schema_errors(&log));
}
