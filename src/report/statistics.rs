//! `--statistics`: how many findings each rule made, as a table after the
//! report.

use crate::diagnostic::{FileOutcome, Run};
use crate::rules::Severity;
use std::collections::BTreeMap;

/// A table of findings per rule and severity (a rule whose findings are
/// softened in a draft has a row for each severity), most first, then by
/// rule; a `suppressed` column when a directive or the baseline kept any
/// back; a total line.
pub fn statistics(run: &Run) -> String {
    // (rule, severity) → (findings, suppressed)
    let mut counts: BTreeMap<(&str, Severity), (usize, usize)> = BTreeMap::new();
    for report in &run.files {
        if let FileOutcome::Checked {
            findings,
            suppressed,
            ..
        } = &report.outcome
        {
            for f in findings {
                counts.entry((&f.rule, f.severity)).or_default().0 += 1;
            }
            for s in suppressed {
                let f = &s.finding;
                counts.entry((&f.rule, f.severity)).or_default().1 += 1;
            }
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| {
        b.1.0
            .cmp(&a.1.0)
            .then(b.1.1.cmp(&a.1.1))
            .then(a.0.cmp(&b.0))
    });
    let with_suppressed = rows.iter().any(|(_, (_, s))| *s > 0);
    let width = rows
        .iter()
        .map(|((rule, _), _)| rule.len())
        .chain(["rule".len(), "total".len()])
        .max()
        .unwrap_or(0);
    let line = |rule: &str, severity: &str, count: &str, suppressed: &str| {
        let mut s = format!("{rule:<width$}  {severity:<8}  {count:>5}");
        if with_suppressed {
            s.push_str(&format!("  {suppressed:>10}"));
        }
        s.push('\n');
        s
    };
    let mut out = line("rule", "severity", "count", "suppressed");
    let (mut total, mut total_suppressed) = (0, 0);
    for ((rule, severity), (count, suppressed)) in &rows {
        out.push_str(&line(
            rule,
            severity.as_str(),
            &count.to_string(),
            &suppressed.to_string(),
        ));
        total += count;
        total_suppressed += suppressed;
    }
    out.push_str(&line(
        "total",
        "",
        &total.to_string(),
        &total_suppressed.to_string(),
    ));
    out
}
