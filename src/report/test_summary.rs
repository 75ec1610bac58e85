//! `govlint test`: a PASS or FAIL line per rule and per sample, why each
//! failure failed, and the count.

use super::plural;
use crate::testing::{ExampleResult, Mismatch, RuleReport, SampleReport, SnapshotStatus};

/// The `govlint test` report, and whether anything failed. With `coverage`,
/// a rule that never fired fails.
pub fn test_summary(
    reports: &[RuleReport],
    samples: &[SampleReport],
    coverage: bool,
) -> (String, bool) {
    let mut s = String::new();
    let (mut passed, mut failed) = (0, 0);
    for r in reports {
        let ok = r.passed(coverage);
        rule_summary(&mut s, r, ok, coverage);
        if ok { passed += 1 } else { failed += 1 }
    }
    for sample in samples {
        let ok = sample.passed();
        sample_summary(&mut s, sample, ok);
        if ok { passed += 1 } else { failed += 1 }
    }
    s.push_str(&format!("{passed} passed, {failed} failed\n"));
    (s, failed > 0)
}

fn rule_summary(s: &mut String, r: &RuleReport, ok: bool, coverage: bool) {
    s.push_str(&format!(
        "{} {} ({})\n",
        if ok { "PASS" } else { "FAIL" },
        r.rule,
        plural(r.results.len(), "example")
    ));
    for result in r.results.iter().filter(|x| !x.passed()) {
        s.push_str(&explain_failure(result));
    }
    if coverage && !r.fired {
        s.push_str("  never fired on any of its examples or samples: add an example that must produce a finding, or check the patterns\n");
    }
    match &r.snapshot {
        Some(SnapshotStatus::New(p)) => s.push_str(&format!(
            "  new snapshot written to {p}: review it with `cargo insta review`\n"
        )),
        Some(SnapshotStatus::Changed(p)) => s.push_str(&format!(
            "  snapshot changed; the new one is in {p}: review it with `cargo insta review`\n"
        )),
        _ => {}
    }
}

fn sample_summary(s: &mut String, sample: &SampleReport, ok: bool) {
    s.push_str(&format!(
        "{} sample {} ({})\n",
        if ok { "PASS" } else { "FAIL" },
        sample.path,
        plural(sample.expected, "expected finding")
    ));
    if let Some(e) = &sample.error {
        s.push_str(&format!("  {e}\n"));
    }
    for m in &sample.mismatches {
        match m {
            Mismatch::Missing { rule, line } => {
                s.push_str(&format!("  line {line}: expected {rule}, found nothing\n"))
            }
            Mismatch::Unexpected {
                rule,
                line,
                message,
            } => s.push_str(&format!("  line {line}: unexpected {rule}: {message}\n")),
        }
    }
}

/// A readable account of a failed example.
pub fn explain_failure(result: &ExampleResult) -> String {
    let mut s = format!("  example {} ({}):\n", result.index, result.source.name);
    for f in &result.failures {
        s.push_str(&format!("    {f}\n"));
    }
    let list = |items: &[String]| {
        if items.is_empty() {
            "nothing".to_owned()
        } else {
            items.join("\n              ")
        }
    };
    s.push_str(&format!("    expected: {}\n", list(&result.expected)));
    s.push_str(&format!("    actual:   {}\n", list(&result.actual)));
    s
}
