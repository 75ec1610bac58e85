//! `--format junit`: JUnit XML, which CI servers show as a test report: a
//! test suite per file, a test case per rule.

use super::{LineIndex, Reporter, RunEnd, file_problems, has_lines, place, plural, reference_line};
use crate::diagnostic::{FileOutcome, FileReport, Finding, Suppressed};
use crate::rules::{RuleSet, Severity};
use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// One `<testsuite>` per file and one `<testcase>` per rule in it. A rule
/// fails when it has findings at or above the fail level, the same ones
/// that make the exit code 1; its findings below that level, and those a
/// suppression kept back, are listed in its `<system-out>`. A file that
/// could not be read, or rules that could not run on it, are `<error>`s.
pub struct JunitReporter<'a> {
    rules: &'a RuleSet,
    /// `None`: nothing fails (`--fail-on never`).
    fail_at: Option<Severity>,
    /// The `<testsuite>` elements so far, and their totals, which the
    /// enclosing `<testsuites>` states first.
    suites: Vec<u8>,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl<'a> JunitReporter<'a> {
    pub fn new(rules: &'a RuleSet, fail_at: Option<Severity>) -> Self {
        JunitReporter {
            rules,
            fail_at,
            suites: Vec::new(),
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }

    fn fails(&self, f: &Finding) -> bool {
        self.fail_at.is_some_and(|at| f.severity >= at)
    }
}

/// One rule's test case in one file.
struct Case<'r> {
    rule: &'r str,
    failing: Vec<&'r Finding>,
    passing: Vec<&'r Finding>,
    suppressed: Vec<&'r Suppressed>,
}

/// One file's test suite.
struct Suite<'r> {
    cases: Vec<Case<'r>>,
    /// (code, message) of each file-level problem.
    errors: Vec<(String, String)>,
}

impl Suite<'_> {
    fn failures(&self) -> usize {
        self.cases.iter().filter(|c| !c.failing.is_empty()).count()
    }

    fn tests(&self) -> usize {
        self.cases.len() + self.errors.len()
    }
}

impl Reporter for JunitReporter<'_> {
    fn file(&mut self, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        let suite = self.suite(report);
        let totals = (suite.tests(), suite.failures(), suite.errors.len());
        // The suite as it sits inside `<testsuites>`: written after an
        // opening tag, so it is indented as one level down, which is then
        // cut off.
        let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
        xml.write_event(Event::Start(BytesStart::new("testsuites")))?;
        let opening = xml.get_ref().len();
        write_suite(&mut xml, report, &suite)?;
        drop(suite);
        self.suites.extend_from_slice(&xml.into_inner()[opening..]);
        self.tests += totals.0;
        self.failures += totals.1;
        self.errors += totals.2;
        Ok(())
    }

    fn finish(&mut self, _end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut xml = Writer::new_with_indent(&mut *out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let totals = [
            ("name", "govlint".to_owned()),
            ("tests", self.tests.to_string()),
            ("failures", self.failures.to_string()),
            ("errors", self.errors.to_string()),
        ];
        let start = BytesStart::new("testsuites")
            .with_attributes(totals.iter().map(|(k, v)| (*k, v.as_str())));
        xml.write_event(Event::Start(start))?;
        xml.get_mut().write_all(&self.suites)?;
        xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
        writeln!(out)
    }
}

impl JunitReporter<'_> {
    fn suite<'r>(&'r self, report: &'r FileReport) -> Suite<'r> {
        let errors = file_problems(report)
            .into_iter()
            .map(|p| (p.code, p.message))
            .collect();
        let FileOutcome::Checked {
            findings,
            suppressed,
            ..
        } = &report.outcome
        else {
            // Nothing was checked: the one error says why.
            return Suite {
                cases: Vec::new(),
                errors,
            };
        };
        // Every rule that ran, and any rule with a finding (a run built
        // without the rule set still lists what it found).
        let rules: BTreeSet<&str> = self
            .rules
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(findings.iter().map(|f| f.rule.as_str()))
            .chain(suppressed.iter().map(|s| s.finding.rule.as_str()))
            .collect();
        let cases = rules
            .into_iter()
            .map(|rule| {
                let (failing, passing) = findings
                    .iter()
                    .filter(|f| f.rule == rule)
                    .partition(|f| self.fails(f));
                Case {
                    rule,
                    failing,
                    passing,
                    suppressed: suppressed
                        .iter()
                        .filter(|s| s.finding.rule == rule)
                        .collect(),
                }
            })
            .collect();
        Suite { cases, errors }
    }
}

fn write_suite<W: Write>(
    xml: &mut Writer<W>,
    report: &FileReport,
    suite: &Suite<'_>,
) -> io::Result<()> {
    let path = xml_text(&report.path);
    let source = match &report.outcome {
        FileOutcome::Checked { source, .. } => Some(source),
        FileOutcome::Unreadable(_) => None,
    };
    let index = source.map(|s| LineIndex::new(&s.text));
    // How a finding is listed: "path:line:col: severity: message", then its
    // help and references, indented.
    let describe = |f: &Finding| {
        let mut s = match (&index, source) {
            (Some(index), Some(source)) if has_lines(source) => {
                let (line, column) = index.line_col(f.span.start);
                format!("{}:{line}:{column}", report.path)
            }
            _ => format!("{} ({})", report.path, place(f)),
        };
        s.push_str(&format!(": {}: {}", f.severity.as_str(), f.message));
        if let Some(help) = &f.help {
            s.push_str(&format!("\n  help: {help}"));
        }
        for r in f.references.iter() {
            s.push_str(&format!("\n  see: {}", reference_line(r)));
        }
        s
    };
    xml.create_element("testsuite")
        .with_attributes([
            ("name", path.as_ref()),
            ("tests", &suite.tests().to_string()),
            ("failures", &suite.failures().to_string()),
            ("errors", &suite.errors.len().to_string()),
        ])
        .write_inner_content(|xml| {
            for case in &suite.cases {
                let element = xml
                    .create_element("testcase")
                    .with_attributes([("name", case.rule), ("classname", path.as_ref())]);
                if case.failing.is_empty() && case.passing.is_empty() && case.suppressed.is_empty()
                {
                    element.write_empty()?;
                    continue;
                }
                element.write_inner_content(|xml| {
                    if let Some(worst) = case.failing.iter().map(|f| f.severity).max() {
                        let text: Vec<String> = case.failing.iter().map(|f| describe(f)).collect();
                        let message = match case.failing.as_slice() {
                            [one] => one.message.clone(),
                            many => plural(many.len(), "finding"),
                        };
                        xml.create_element("failure")
                            .with_attributes([
                                ("message", xml_text(&message).as_ref()),
                                ("type", worst.as_str()),
                            ])
                            .write_text_content(text_node(&text.join("\n")))?;
                    }
                    let mut notes: Vec<String> = case.passing.iter().map(|f| describe(f)).collect();
                    notes.extend(
                        case.suppressed.iter().map(|s| {
                            format!("suppressed ({}): {}", s.reason, describe(&s.finding))
                        }),
                    );
                    if !notes.is_empty() {
                        xml.create_element("system-out")
                            .write_text_content(text_node(&notes.join("\n")))?;
                    }
                    Ok(())
                })?;
            }
            for (code, message) in &suite.errors {
                xml.create_element("testcase")
                    .with_attributes([("name", code.as_str()), ("classname", path.as_ref())])
                    .write_inner_content(|xml| {
                        xml.create_element("error")
                            .with_attributes([
                                ("message", xml_text(message).as_ref()),
                                ("type", code.as_str()),
                            ])
                            .write_empty()?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// Element text, escaped: `<`, `>` and `&` only (apostrophes and quotes
/// read better as they are).
fn text_node(text: &str) -> BytesText<'static> {
    BytesText::from_escaped(partial_escape(xml_text(text).into_owned()))
}

/// Text XML 1.0 allows: control characters other than tab, line feed and
/// carriage return (a form feed from `pdftotext`, say) cannot appear even
/// escaped, so they become U+FFFD. quick-xml escapes `<`, `&` and quotes.
fn xml_text(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::xml_text;

    #[test]
    fn characters_xml_cannot_hold_are_replaced() {
        assert_eq!(xml_text("page\u{c}2\tok"), "page\u{FFFD}2\tok");
        assert!(matches!(xml_text("plain £ text"), super::Cow::Borrowed(_)));
    }
}
