//! The samples: compliant ones produce nothing, defect ones exactly their
//! annotated findings, and the rendered output of each is snapshotted.

mod common;

use govlint::model::ParseOptions;
use govlint::source;
use govlint::testing::{self, Mismatch};
use std::path::Path;

const SAMPLES: [&str; 4] = [
    "samples/compliant/thornbury-vale-ags-2023-24.md",
    "samples/defects/castlemoor-ags-2022-23-draft.md",
    "samples/defects/castlemoor-ags-2022-23-draft-pdf.txt",
    "samples/defects/oakhurst-ags-2021-22-thin-draft.md",
];

fn mismatches(path: &str) -> Vec<Mismatch> {
    let src = source::read(Path::new(path), &source::ReadLimits::default())
        .expect("samples are readable");
    testing::check_sample(&src, &common::default_rules(), &ParseOptions::default())
}

#[test]
fn compliant_samples_have_no_findings() {
    let run = common::check(&["samples/compliant"]);
    assert_eq!(run.files.len(), files_in("samples/compliant").len());
    let summary = govlint::diagnostic::Summary::of(&run.files);
    assert_eq!(
        (
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.failures
        ),
        (0, 0, 0, 0),
        "{}",
        common::human(&run)
    );
}

/// Every file in a samples folder, in name order.
fn files_in(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("samples folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn defect_samples_produce_exactly_their_annotated_findings() {
    let defects = files_in("samples/defects");
    assert!(defects.len() >= 7, "{defects:?}");
    for path in &defects {
        let text = std::fs::read_to_string(path).expect("sample is readable");
        let expected = testing::annotations(&text).iter().filter(|a| !a.ok).count();
        assert!(expected >= 6, "{path} should plant at least six defects");
        assert_eq!(mismatches(path), Vec::new(), "{path}");
    }
}

/// Rules that cannot fire on the samples' years: they are exercised by an
/// `ok:` line that must stay silent, and by their own examples.
const SILENT_IN_SAMPLES: [&str; 1] = ["internal-audit-standards"];

#[test]
fn every_rule_of_the_pack_has_a_planted_defect_in_some_sample() {
    let rules = common::default_rules();
    let annotations: Vec<testing::Annotation> = files_in("samples/defects")
        .iter()
        .flat_map(|p| {
            testing::annotations(&std::fs::read_to_string(p).expect("sample is readable"))
        })
        .collect();
    for id in SILENT_IN_SAMPLES {
        assert!(
            annotations.iter().any(|a| a.ok && a.rule == id),
            "{id} needs an ok: line"
        );
    }
    let planted: Vec<String> = annotations
        .into_iter()
        .filter(|a| !a.ok || SILENT_IN_SAMPLES.contains(&a.rule.as_str()))
        .map(|a| a.rule)
        .collect();
    let missing: Vec<&str> = rules
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !planted.iter().any(|p| p == id))
        .collect();
    assert_eq!(missing, Vec::<&str>::new(), "rules with no planted defect");
}

#[test]
fn the_pdf_text_sample_finds_what_the_markdown_finds() {
    let rules_of = |path: &str| -> Vec<String> {
        let reports = common::check(&[path]).files;
        match &reports[0].outcome {
            govlint::diagnostic::FileOutcome::Checked { findings, .. } => findings
                .iter()
                .map(|f| format!("{}: {}", f.rule, f.message))
                .collect(),
            _ => Vec::new(),
        }
    };
    assert_eq!(rules_of(SAMPLES[1]), rules_of(SAMPLES[2]));
}

#[test]
fn samples_know_their_period_and_date() {
    let reports = common::check(&SAMPLES).files;
    let facts: Vec<(Option<String>, Option<String>)> = reports
        .iter()
        .map(|r| match &r.outcome {
            govlint::diagnostic::FileOutcome::Checked { facts, .. } => (
                facts.period.map(|year| year.to_string()),
                facts.statement_date.map(|date| date.to_string()),
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
            (s("2021/22"), s("2022-11-24")),
        ]
    );
}

#[test]
fn snapshots_of_every_sample() {
    common::snapshot_settings().bind(|| {
        for path in SAMPLES {
            let run = common::check(&[path]);
            let name = Path::new(path)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(path)
                .replace('.', "_");
            insta::assert_snapshot!(format!("{name}.human"), common::human(&run));
            insta::assert_snapshot!(format!("{name}.json"), common::json(&run));
        }
    });
}

#[test]
fn output_is_deterministic() {
    let a = common::json(&common::check(&SAMPLES));
    let b = common::json(&common::check(&SAMPLES));
    assert_eq!(a, b);
}
