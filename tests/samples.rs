//! The samples: compliant ones produce nothing, defect ones exactly their
//! annotated findings, and the rendered output of each is snapshotted.

mod common;

use govlint::model::ParseOptions;
use govlint::source;
use govlint::tester::{self, Mismatch};
use std::path::Path;

const SAMPLES: [&str; 3] = [
    "samples/compliant/thornbury-vale-ags-2023-24.md",
    "samples/defects/castlemoor-ags-2022-23-draft.md",
    "samples/defects/castlemoor-ags-2022-23-draft-pdf.txt",
];

fn mismatches(path: &str) -> Vec<Mismatch> {
    let src = source::read(Path::new(path), 1 << 24).expect("samples are readable");
    tester::check_sample(&src, &common::default_rules(), &ParseOptions::default())
}

#[test]
fn compliant_samples_have_no_findings() {
    let reports = common::check(&["samples/compliant"]);
    assert!(!reports.is_empty());
    let summary = govlint::diagnostic::Summary::of(&reports);
    assert_eq!(
        (
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.failures
        ),
        (0, 0, 0, 0),
        "{}",
        common::human(&reports)
    );
}

#[test]
fn defect_samples_produce_exactly_their_annotated_findings() {
    for path in &SAMPLES[1..] {
        let text = std::fs::read_to_string(path).expect("sample is readable");
        let expected = tester::annotations(&text).iter().filter(|a| !a.ok).count();
        assert!(expected >= 6, "{path} should plant at least six defects");
        assert_eq!(mismatches(path), Vec::new(), "{path}");
    }
}

#[test]
fn samples_know_their_period_and_date() {
    let reports = common::check(&SAMPLES);
    let facts: Vec<(Option<String>, Option<String>)> = reports
        .iter()
        .map(|r| match &r.outcome {
            govlint::diagnostic::FileOutcome::Checked { statement, .. } => (
                statement.period.as_ref().map(|p| p.year.to_string()),
                statement.date.as_ref().map(|d| d.date.to_string()),
            ),
            _ => (None, None),
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        facts,
        vec![
            (s("2023/24"), s("2024-09-24")),
            (s("2022/23"), s("2023-12-12")),
            (s("2022/23"), s("2023-12-12")),
        ]
    );
}

#[test]
fn snapshots_of_every_sample() {
    common::snapshot_settings().bind(|| {
        for path in SAMPLES {
            let reports = common::check(&[path]);
            let name = Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(path)
                .replace('.', "_");
            insta::assert_snapshot!(format!("{name}.human"), common::human(&reports));
            insta::assert_snapshot!(format!("{name}.json"), common::json(&reports));
        }
    });
}

#[test]
fn output_is_deterministic() {
    let a = common::json(&common::check(&SAMPLES));
    let b = common::json(&common::check(&SAMPLES));
    assert_eq!(a, b);
}
