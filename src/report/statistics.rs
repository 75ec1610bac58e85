//! `--statistics`: how many findings each rule made, as a table after the
//! report.

use crate::diagnostic::{FileOutcome, FileReport, Run};
use crate::rules::Severity;
use std::collections::BTreeMap;

/// Findings per rule and severity, counted a file at a time.
#[derive(Default)]
pub struct Statistics {
    /// (rule, severity) → (findings, suppressed)
    counts: BTreeMap<(String, Severity), (usize, usize)>,
}

impl Statistics {
    pub fn add(&mut self, report: &FileReport) {
        if let FileOutcome::Checked {
            findings,
            suppressed,
            ..
        } = &report.outcome
        {
            let findings = findings.iter().map(|f| (f, 0));
            let suppressed = suppressed.iter().map(|s| (&s.finding, 1));
            for (f, column) in findings.chain(suppressed) {
                let count = self.counts.entry((f.rule.clone(), f.severity)).or_default();
                if column == 0 {
                    count.0 += 1;
                } else {
                    count.1 += 1;
                }
            }
        }
    }
}

/// A table of findings per rule and severity (a rule whose findings are
/// softened in a draft has a row for each severity), most first, then by
/// rule; a `suppressed` column when a directive or the baseline kept any
/// back; a total line.
pub fn statistics(run: &Run) -> String {
    let mut counts = Statistics::default();
    for report in &run.files {
        counts.add(report);
    }
    counts.table()
}

impl Statistics {
    /// The table, as [`statistics`] describes it.
    pub fn table(&self) -> String {
        table(&self.counts)
    }
}

fn table(counts: &BTreeMap<(String, Severity), (usize, usize)>) -> String {
    let mut rows: Vec<_> = counts
        .iter()
        .map(|((r, s), c)| ((r.as_str(), *s), *c))
        .collect();
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
