//! Checking rules against expectations: the `[[test]]` examples inside rule
//! files, and annotated sample documents in which `<!-- expect: rule-id -->`
//! says the next line must produce that finding and `<!-- ok: rule-id -->`
//! that it must not.

use crate::diagnostic::Finding;
use crate::engine;
use crate::model::{ParseOptions, Statement};
use crate::report::LineIndex;
use crate::values as value;
pub mod annotated;
pub mod fuzz;
pub mod scaffold;
use crate::rules::{Rule, RuleSet, TestDef};
use crate::source::{Format, SourceFile};
use regex::Regex;
use std::sync::LazyLock;

static ANNOTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*(expect|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->")
        .expect("annotation pattern is valid")
});

/// An annotation in a sample: `rule` must (or, with `ok`, must not) fire on
/// line `line` (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub rule: String,
    pub line: usize,
    pub ok: bool,
}

/// The annotations of a sample, each tied to the next non-blank line that
/// is not itself an annotation.
pub fn annotations(text: &str) -> Vec<Annotation> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for caps in ANNOTATION.captures_iter(line) {
            let ok = &caps[1] == "ok";
            let target = (i + 1..lines.len())
                .find(|&j| !lines[j].trim().is_empty() && !ANNOTATION.is_match(lines[j]))
                .map_or(i + 1, |j| j + 1);
            for rule in caps[2].split(',') {
                out.push(Annotation {
                    rule: rule.trim().to_owned(),
                    line: target,
                    ok,
                });
            }
        }
    }
    out
}

/// A disagreement between a sample's annotations and its findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// An `expect` annotation with no finding of that rule on its line.
    Missing { rule: String, line: usize },
    /// A finding on a line annotated `ok` for its rule, or not annotated.
    Unexpected {
        rule: String,
        line: usize,
        message: String,
    },
}

/// Compares findings (with their 1-based start lines) against annotations.
/// Without any annotations, every finding is unexpected.
pub fn compare(annotations: &[Annotation], findings: &[(usize, &Finding)]) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for a in annotations.iter().filter(|a| !a.ok) {
        if !findings
            .iter()
            .any(|(line, f)| *line == a.line && f.rule == a.rule)
        {
            out.push(Mismatch::Missing {
                rule: a.rule.clone(),
                line: a.line,
            });
        }
    }
    for (line, f) in findings {
        let expected = annotations
            .iter()
            .any(|a| !a.ok && a.line == *line && a.rule == f.rule);
        if !expected {
            out.push(Mismatch::Unexpected {
                rule: f.rule.clone(),
                line: *line,
                message: f.message.clone(),
            });
        }
    }
    out
}

/// Lints a sample and compares the findings with all its annotations.
pub fn check_sample(source: &SourceFile, rules: &RuleSet, options: &ParseOptions) -> Vec<Mismatch> {
    judge_sample(source, rules, options, |_| true).0.mismatches
}

/// Lints a sample and judges its findings against the annotations that
/// `judged` keeps; also returns the ids of the rules that fired.
fn judge_sample(
    source: &SourceFile,
    rules: &RuleSet,
    options: &ParseOptions,
    judged: impl Fn(&Annotation) -> bool,
) -> (SampleReport, Vec<String>) {
    let statement = Statement::parse(source, options);
    let outcome = engine::run(&statement, rules);
    let notes: Vec<Annotation> = annotations(&source.text)
        .into_iter()
        .filter(|a| judged(a))
        .collect();
    let line_index = LineIndex::new(&source.text);
    let lines: Vec<(usize, &Finding)> = outcome
        .findings
        .iter()
        .map(|f| (line_index.line(f.span.start), f))
        .collect();
    let report = SampleReport {
        path: source.name.clone(),
        expected: notes.iter().filter(|a| !a.ok).count(),
        mismatches: compare(&notes, &lines),
        error: (!outcome.errors.is_empty()).then(|| {
            outcome
                .errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        }),
    };
    let fired = outcome.findings.into_iter().map(|f| f.rule).collect();
    (report, fired)
}

/// The result of one `[[test]]` example of a rule.
#[derive(Debug)]
pub struct ExampleResult {
    pub rule: String,
    /// 1-based index of the example in its rule file.
    pub index: usize,
    /// The example as linted (its text, or the sample it names).
    pub source: SourceFile,
    pub findings: Vec<Finding>,
    /// Why the example failed; empty when it passed.
    pub failures: Vec<String>,
    /// What the example expects and what happened, one line per finding,
    /// for a readable diff.
    pub expected: Vec<String>,
    pub actual: Vec<String>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// "mtfs-horizon at 1:48 "2023/24 to 2024/25": the MTFS covers 2 years …"
fn describe(source: &SourceFile, line_index: &LineIndex<'_>, f: &Finding) -> String {
    let line = line_index.line(f.span.start);
    let col = line_index.byte_column(f.span.start);
    let text = source.text.get(f.span.clone()).unwrap_or("");
    format!("{} at {line}:{col} {text:?}: {}", f.rule, f.message)
}

/// Runs every example of `rule`, the rule alone, as its file describes.
/// A `path` is read relative to the rule file's folder.
pub fn run_examples(rule: &Rule) -> Vec<ExampleResult> {
    let alone = RuleSet::new(vec![rule.clone()]);
    let folder = std::path::Path::new(&rule.file)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    rule.tests
        .iter()
        .enumerate()
        .map(|(i, test)| {
            let name = format!("{} example {}", rule.id, i + 1);
            let (source, mut failures) = example_source(name, test, &folder);
            let statement = Statement::parse(&source, &example_options(test));
            let outcome = engine::run(&statement, &alone);
            failures.extend(outcome.errors.iter().map(ToString::to_string));
            let findings = outcome.findings;
            failures.extend(judge_example(test, &source, &findings));
            let line_index = LineIndex::new(&source.text);
            let actual = findings
                .iter()
                .map(|f| describe(&source, &line_index, f))
                .collect();
            ExampleResult {
                rule: rule.id.clone(),
                index: i + 1,
                source,
                findings,
                failures,
                expected: expected_lines(test),
                actual,
            }
        })
        .collect()
}

/// The document an example lints: its text, or the sample it names (read
/// from `folder`). A sample that cannot be read is an empty document and a
/// failure.
fn example_source(
    name: String,
    test: &TestDef,
    folder: &std::path::Path,
) -> (SourceFile, Vec<String>) {
    let mut failures = Vec::new();
    let source = match (&test.text, &test.path) {
        (Some(text), _) => SourceFile::from_text(name, text.clone(), Format::Markdown),
        (None, Some(path)) => {
            match crate::source::read(&folder.join(path), &crate::source::ReadLimits::default()) {
                Ok(src) => src,
                Err(e) => {
                    failures.push(e.to_string());
                    SourceFile::from_text(name, String::new(), Format::Markdown)
                }
            }
        }
        (None, None) => SourceFile::from_text(name, String::new(), Format::Markdown),
    };
    (source, failures)
}

/// The statement facts an example is linted with.
fn example_options(test: &TestDef) -> ParseOptions {
    let period = test
        .period
        .as_deref()
        .and_then(|p| p.parse::<value::FinancialYear>().ok());
    let date = test
        .date
        .as_deref()
        .and_then(|d| d.parse::<value::Date>().ok())
        .map(|d| d.start);
    // A short example has no title or signatures: default the facts.
    let is_text = test.text.is_some();
    ParseOptions {
        period: period.or(is_text.then_some(value::FinancialYear { start_year: 2023 })),
        date: date.or(if is_text {
            chrono::NaiveDate::from_ymd_opt(2024, 9, 30)
        } else {
            None
        }),
        stage: test.stage,
        today: None,
        max_findings: None,
    }
}

/// How an example's findings differ from what it expects: its rules, the
/// words they point at and the message.
fn judge_example(test: &TestDef, source: &SourceFile, findings: &[Finding]) -> Vec<String> {
    let mut failures = Vec::new();
    let actual_rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    let matched: Vec<&str> = findings
        .iter()
        .map(|f| source.text.get(f.span.clone()).unwrap_or(""))
        .collect();
    if actual_rules != test.expect {
        failures.push(format!(
            "expected {} finding(s), got {}",
            test.expect.len(),
            findings.len()
        ));
    } else if !test.matches.is_empty() && test.matches != matched {
        failures.push("the findings point at other words".into());
    }
    if let Some(m) = &test.message
        && !findings.iter().any(|f| f.message.contains(m.as_str()))
    {
        failures.push(format!("no finding's message contains {m:?}"));
    }
    failures
}

/// What an example expects, one line per finding.
fn expected_lines(test: &TestDef) -> Vec<String> {
    test.expect
        .iter()
        .enumerate()
        .map(|(j, r)| {
            let mut line = r.clone();
            if let Some(m) = test.matches.get(j) {
                line.push_str(&format!(" at {m:?}"));
            }
            if let Some(m) = &test.message {
                line.push_str(&format!(": …{m}…"));
            }
            line
        })
        .collect()
}

/// The snapshot of a rule's examples: each example's text and the rendered
/// diagnostics (no colour, 100 columns). `govlint test --snapshot` writes
/// it and `cargo test` compares it, so both see the same bytes.
pub fn render_examples(rule: &Rule, results: &[ExampleResult]) -> String {
    let reporter = crate::report::HumanReporter::new(false, 100);
    let mut out = String::new();
    for r in results {
        out.push_str(&format!("── example {} ─────────────\n", r.index));
        if rule
            .tests
            .get(r.index - 1)
            .is_some_and(|t| t.text.is_some())
        {
            out.push_str(r.source.text.trim_end());
            out.push_str("\n\n");
        } else {
            out.push_str(&format!("(sample {})\n\n", r.source.name));
        }
        if r.findings.is_empty() {
            out.push_str("no findings\n\n");
        }
        let named = miette::NamedSource::new(&r.source.name, r.source.text.clone());
        for f in &r.findings {
            out.push_str(&reporter.render(&crate::report::FindingDiagnostic::new(f, &named)));
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The contents of an insta `.snap` file holding `body`.
pub fn snap_file(rule: &Rule, body: &str) -> String {
    format!(
        "---\nsource: {}\nexpression: examples\n---\n{body}",
        rule.file
    )
}

/// The body of an insta `.snap` file (what follows its header).
pub fn snap_body(file: &str) -> Option<&str> {
    let rest = file.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some(&rest[end + 5..])
}

/// How a rule's snapshot compares with the stored one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotStatus {
    /// The stored snapshot matches.
    Unchanged,
    /// No stored snapshot; a pending `.snap.new` was written.
    New(String),
    /// The stored snapshot differs; a pending `.snap.new` was written.
    Changed(String),
}

/// The outcome of testing one rule.
#[derive(Debug)]
pub struct RuleReport {
    pub rule: String,
    pub results: Vec<ExampleResult>,
    /// Whether the rule produced any finding on its examples or the samples.
    pub fired: bool,
    pub snapshot: Option<SnapshotStatus>,
}

impl RuleReport {
    pub fn passed(&self, coverage: bool) -> bool {
        self.results.iter().all(ExampleResult::passed)
            && (!coverage || self.fired)
            && matches!(self.snapshot, None | Some(SnapshotStatus::Unchanged))
    }
}

/// The outcome of checking one annotated sample.
#[derive(Debug)]
pub struct SampleReport {
    pub path: String,
    pub expected: usize,
    pub mismatches: Vec<Mismatch>,
    /// Set when the sample could not be read.
    pub error: Option<String>,
}

impl SampleReport {
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.mismatches.is_empty()
    }
}

/// What `govlint test` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct TestOptions {
    /// Annotated sample documents to check.
    pub samples: Vec<std::path::PathBuf>,
    /// Compare (and write pending) snapshots in this folder.
    pub snapshot_dir: Option<std::path::PathBuf>,
}

/// Runs every rule's examples and every annotated sample.
pub fn run(rules: &RuleSet, options: &TestOptions) -> (Vec<RuleReport>, Vec<SampleReport>) {
    let mut fired: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut samples = Vec::new();
    for found in crate::source::discover(&options.samples).documents {
        let read =
            found.and_then(|p| crate::source::read(&p, &crate::source::ReadLimits::default()));
        match read {
            Err(e) => samples.push(SampleReport {
                path: e.path().to_owned(),
                expected: 0,
                mismatches: Vec::new(),
                error: Some(e.to_string()),
            }),
            Ok(source) => {
                // Only this run's rules are judged; annotations for others are ignored.
                let (report, rules_fired) =
                    judge_sample(&source, rules, &ParseOptions::default(), |a| {
                        rules.get(&a.rule).is_some()
                    });
                fired.extend(rules_fired);
                samples.push(report);
            }
        }
    }
    let reports = rules
        .rules
        .iter()
        .map(|rule| {
            let results = run_examples(rule);
            let fired = fired.contains(&rule.id) || results.iter().any(|r| !r.findings.is_empty());
            let snapshot = options
                .snapshot_dir
                .as_ref()
                .map(|dir| snapshot(dir, rule, &results));
            RuleReport {
                rule: rule.id.clone(),
                results,
                fired,
                snapshot,
            }
        })
        .collect();
    (reports, samples)
}

/// The snapshot file of a rule: `rules__<id>.snap`, as insta names it.
pub fn snapshot_path(dir: &std::path::Path, rule: &Rule) -> std::path::PathBuf {
    dir.join(format!("rules__{}.snap", rule.id))
}

fn snapshot(dir: &std::path::Path, rule: &Rule, results: &[ExampleResult]) -> SnapshotStatus {
    let body = render_examples(rule, results);
    let path = snapshot_path(dir, rule);
    let stored = std::fs::read_to_string(&path).ok();
    if stored.as_deref().and_then(snap_body).map(str::trim_end) == Some(body.trim_end()) {
        return SnapshotStatus::Unchanged;
    }
    let pending = path.with_extension("snap.new");
    let shown = pending.display().to_string();
    if let Err(e) =
        std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&pending, snap_file(rule, &body)))
    {
        return SnapshotStatus::Changed(format!("{shown} (could not write: {e})"));
    }
    if stored.is_some() {
        SnapshotStatus::Changed(shown)
    } else {
        SnapshotStatus::New(shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_point_at_the_next_content_line() {
        let text = "a\n<!-- expect: mtfs-horizon -->\n\nThe MTFS …\n<!-- ok: x, y -->\nfine\n";
        assert_eq!(
            annotations(text),
            vec![
                Annotation {
                    rule: "mtfs-horizon".into(),
                    line: 4,
                    ok: false
                },
                Annotation {
                    rule: "x".into(),
                    line: 6,
                    ok: true
                },
                Annotation {
                    rule: "y".into(),
                    line: 6,
                    ok: true
                },
            ]
        );
    }
}
