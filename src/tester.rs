//! Checking rules against expectations: the `[[test]]` examples inside rule
//! files, and annotated sample documents in which `<!-- expect: rule-id -->`
//! says the next line must produce that finding and `<!-- ok: rule-id -->`
//! that it must not.

use crate::diagnostic::Finding;
use crate::engine;
use crate::model::value::{self, ValueData, ValueKind};
use crate::model::{ParseOptions, Statement};
use crate::rules::{Rule, RuleSet};
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

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Lints a sample and compares the findings with its annotations.
pub fn check_sample(source: &SourceFile, rules: &RuleSet, options: &ParseOptions) -> Vec<Mismatch> {
    let statement = Statement::parse(source, options);
    let outcome = engine::run(&statement, rules);
    let lines: Vec<(usize, &Finding)> = outcome
        .findings
        .iter()
        .map(|f| (line_of(&source.text, f.span.start), f))
        .collect();
    compare(&annotations(&source.text), &lines)
}

/// The result of one `[[test]]` example of a rule.
#[derive(Clone, Debug)]
pub struct ExampleResult {
    pub rule: String,
    /// 1-based index of the example in its rule file.
    pub index: usize,
    pub text: String,
    pub findings: Vec<Finding>,
    /// The text each finding points at.
    pub matched: Vec<String>,
    /// Why the example failed; empty when it passed.
    pub failures: Vec<String>,
}

impl ExampleResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every example of `rule` (the rule alone, as in the rule file).
pub fn run_examples(rule: &Rule) -> Vec<ExampleResult> {
    let alone = RuleSet {
        rules: vec![rule.clone()],
    };
    rule.tests
        .iter()
        .enumerate()
        .map(|(i, test)| {
            let mut failures = Vec::new();
            let period = test.period.as_deref().and_then(|p| {
                match value::parse_value(ValueKind::FinancialYear, p) {
                    Some(ValueData::FinancialYear(y)) => Some(y),
                    _ => {
                        failures.push(format!("`period = \"{p}\"` is not a financial year"));
                        None
                    }
                }
            });
            let date = test.date.as_deref().and_then(|d| {
                let parsed = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
                if parsed.is_none() {
                    failures.push(format!("`date = \"{d}\"` is not a YYYY-MM-DD date"));
                }
                parsed
            });
            // Examples stand alone: give them a period and date unless set.
            let options = ParseOptions {
                period: period.or(Some(value::FinancialYear { start_year: 2023 })),
                date: date.or(chrono::NaiveDate::from_ymd_opt(2024, 9, 30)),
            };
            let source = SourceFile::from_text(
                format!("{}[{}]", rule.id, i + 1),
                test.text.clone(),
                Format::Markdown,
            );
            let statement = Statement::parse(&source, &options);
            let outcome = engine::run(&statement, &alone);
            let findings = outcome.findings;
            let matched: Vec<String> = findings
                .iter()
                .map(|f| source.text.get(f.span.clone()).unwrap_or("").to_owned())
                .collect();
            for e in &outcome.errors {
                failures.push(e.to_string());
            }
            if test.allow && !test.expect.is_empty() {
                failures.push("an example cannot both `allow` and `expect`".into());
            }
            let expected: Vec<&str> = test.expect.iter().map(String::as_str).collect();
            let actual: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
            if !test.allow && expected.is_empty() {
                failures.push("an example needs `expect = [\"…\"]` or `allow = true`".into());
            }
            if actual != expected {
                failures.push(format!("expected findings {expected:?}, got {actual:?}"));
            }
            if !test.matches.is_empty() && test.matches != matched {
                failures.push(format!(
                    "expected matched text {:?}, got {matched:?}",
                    test.matches
                ));
            }
            if let Some(m) = &test.message
                && !findings.iter().any(|f| f.message.contains(m.as_str()))
            {
                let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
                failures.push(format!(
                    "expected a message containing {m:?}, got {messages:?}"
                ));
            }
            ExampleResult {
                rule: rule.id.clone(),
                index: i + 1,
                text: test.text.clone(),
                findings,
                matched,
                failures,
            }
        })
        .collect()
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
