//! `--format html`: one self-contained page for the people who fix the
//! statement. Each document's findings are listed by severity, tagged with
//! their CIPFA/SOLACE principles and filterable by both; each jumps to its
//! words, highlighted in the statement's text below. No external assets:
//! the page works offline and when emailed (style and script are inline,
//! from `html/report.css` and `html/report.js`).

use super::checklist::{self, PRINCIPLES};
use super::{Reporter, RunEnd, file_problems, place, plural, reference_line, summary_line};
use crate::diagnostic::{FileOutcome, FileReport, Finding};
use crate::rules::{RuleSet, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// The HTML report: a page, written a document at a time.
pub struct HtmlReporter<'a> {
    rules: &'a RuleSet,
    /// Each rule's principles, by id.
    principles: BTreeMap<String, Vec<char>>,
    /// Documents written so far (their sections number from 1).
    files: usize,
}

impl<'a> HtmlReporter<'a> {
    pub fn new(rules: &'a RuleSet) -> Self {
        HtmlReporter {
            rules,
            principles: rules
                .rules
                .iter()
                .map(|r| (r.id.clone(), r.principles.clone()))
                .collect(),
            files: 0,
        }
    }

    fn principles_of(&self, f: &Finding) -> &[char] {
        self.principles.get(&f.rule).map_or(&[], Vec::as_slice)
    }

    /// The page's head, title and filters.
    fn start(&self) -> String {
        let mut s = String::from(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>govlint report</title>\n<style>\n",
        );
        s.push_str(STYLE);
        s.push_str("</style>\n</head>\n<body>\n<header>\n<h1>govlint report</h1>\n");
        s.push_str("<form id=\"filters\" aria-label=\"Filter the findings\">\n");
        s.push_str("<fieldset><legend>Severity</legend>\n");
        for (value, name) in [
            ("error", "Errors"),
            ("warning", "Warnings"),
            ("info", "Infos"),
        ] {
            let _ = writeln!(
                s,
                "<label><input type=\"checkbox\" name=\"severity\" value=\"{value}\" checked> {name}</label>"
            );
        }
        s.push_str("</fieldset>\n<fieldset><legend>CIPFA/SOLACE principle</legend>\n");
        for (letter, name) in PRINCIPLES {
            let _ = writeln!(
                s,
                "<label title=\"{name}\"><input type=\"checkbox\" name=\"principle\" value=\"{letter}\" checked> {letter}</label>"
            );
        }
        s.push_str(
            "<label><input type=\"checkbox\" name=\"principle\" value=\"-\" checked> none</label>\n",
        );
        s.push_str("</fieldset>\n</form>\n</header>\n<main>\n");
        s
    }

    /// One document's section: its findings, then its text.
    fn section(&self, n: usize, report: &FileReport) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "<section class=\"file\" aria-labelledby=\"file-{n}\">\n<h2 id=\"file-{n}\">{}</h2>",
            escape(&report.path)
        );
        for p in file_problems(report) {
            let _ = writeln!(
                s,
                "<p class=\"problem\" role=\"alert\"><strong>Not fully checked</strong> ({}): {}</p>",
                escape(&p.code),
                escape(&p.message)
            );
        }
        let FileOutcome::Checked {
            source, findings, ..
        } = &report.outcome
        else {
            s.push_str("</section>\n");
            return s;
        };
        if findings.is_empty() {
            s.push_str("<p class=\"clean\">No findings.</p>\n");
        }
        for (severity, heading) in [
            (Severity::Error, "Errors"),
            (Severity::Warning, "Warnings"),
            (Severity::Info, "Infos"),
        ] {
            let group: Vec<(usize, &Finding)> = findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.severity == severity)
                .collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(
                s,
                "<h3>{heading} ({})</h3>\n<ol class=\"findings\">",
                group.len()
            );
            for (i, f) in group {
                self.finding_item(&mut s, n, i, f);
            }
            s.push_str("</ol>\n");
        }
        if !findings.is_empty() {
            let _ = writeln!(
                s,
                "<details class=\"text\" open>\n<summary><h3>The statement, with each finding highlighted</h3></summary>"
            );
            s.push_str("<pre class=\"statement\">");
            s.push_str(&highlighted(&source.text, n, findings));
            s.push_str("</pre>\n</details>\n");
        }
        self.checklist(&mut s, report);
        s.push_str("</section>\n");
        s
    }

    /// The document's compliance checklist, as a table.
    fn checklist(&self, s: &mut String, report: &FileReport) {
        let rows = checklist::rows(report, self.rules);
        let _ = writeln!(
            s,
            "<details class=\"checklist\">\n<summary><h3>Compliance checklist</h3></summary>\n\
             <table>\n<thead><tr><th scope=\"col\">Principle</th><th scope=\"col\">Requirement</th>\
             <th scope=\"col\">Status</th><th scope=\"col\">Evidence, finding or reason</th></tr></thead>\n<tbody>"
        );
        for row in rows {
            let details: Vec<String> = row.details.iter().map(|d| d.shown(escape)).collect();
            let _ = writeln!(
                s,
                "<tr class=\"{}\"><td>{}</td><td>{} <code>{}</code></td><td>{}</td><td>{}</td></tr>",
                row.status.replace(' ', "-"),
                escape(&row.principle),
                escape(&row.requirement),
                escape(&row.rule),
                row.status,
                details.join("<br>")
            );
        }
        s.push_str("</tbody>\n</table>\n</details>\n");
    }

    fn finding_item(&self, s: &mut String, n: usize, i: usize, f: &Finding) {
        let principles = self.principles_of(f);
        let tags: String = if principles.is_empty() {
            "-".into()
        } else {
            principles
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let severity = f.severity.as_str();
        let _ = writeln!(
            s,
            "<li class=\"finding {severity}\" data-severity=\"{severity}\" data-principles=\"{tags}\">"
        );
        let _ = writeln!(
            s,
            "<a class=\"jump\" href=\"#at-{n}-{i}\"><code>{}</code> {}</a>",
            escape(&f.rule),
            escape(&f.message)
        );
        let mut meta = Vec::new();
        let at = place(f);
        if !at.is_empty() {
            meta.push(format!("at {}", escape(&at)));
        }
        if !principles.is_empty() {
            let names: Vec<String> = principles
                .iter()
                .map(|p| format!("<span class=\"principle\">{p}</span>"))
                .collect();
            meta.push(format!("principle {}", names.join(" ")));
        }
        if !meta.is_empty() {
            let _ = writeln!(s, "<p class=\"meta\">{}</p>", meta.join(" · "));
        }
        if let Some(help) = &f.help {
            let _ = writeln!(s, "<p class=\"help\">{}</p>", escape(help));
        }
        if !f.references.is_empty() {
            s.push_str("<ul class=\"references\">\n");
            for r in f.references.iter() {
                let text = match &r.url {
                    Some(url) => {
                        format!("<a href=\"{}\">{}</a>", escape(url), escape(&r.citation()))
                    }
                    None => escape(&reference_line(r)),
                };
                let _ = writeln!(s, "<li>{text}</li>");
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</li>\n");
    }
}

/// `text` escaped for HTML, each finding's words in a `<mark>` (where
/// findings overlap, one mark names them all) with an anchor at its start
/// (`at-FILE-N`) that the list links to.
fn highlighted(text: &str, file: usize, findings: &[Finding]) -> String {
    // Every place a finding starts or ends, in order.
    let mut cuts: Vec<usize> = findings
        .iter()
        .flat_map(|f| [f.span.start, f.span.end])
        .filter(|&at| at <= text.len() && text.is_char_boundary(at))
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut s = String::with_capacity(text.len() + findings.len() * 80);
    // One sweep: findings by start, and those open over the current piece.
    let mut by_start: Vec<usize> = (0..findings.len()).collect();
    by_start.sort_by_key(|&i| (findings[i].span.start, i));
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        while let Some(&i) = by_start.get(next) {
            let start = findings[i].span.start;
            if start > from {
                break;
            }
            if start == from {
                let _ = write!(
                    s,
                    "<span class=\"anchor\" id=\"at-{file}-{i}\" tabindex=\"-1\"></span>"
                );
            }
            open.push(i);
            next += 1;
        }
        open.retain(|&i| findings[i].span.end >= to);
        let mut covering: Vec<(usize, &Finding)> =
            open.iter().map(|&i| (i, &findings[i])).collect();
        covering.sort_by_key(|(i, _)| *i);
        let words = escape(&text[from..to]);
        match covering.iter().map(|(_, f)| f.severity).max() {
            Some(worst) => {
                let ids: Vec<String> = covering.iter().map(|(i, _)| i.to_string()).collect();
                let titles: Vec<String> = covering
                    .iter()
                    .map(|(_, f)| format!("{}: {}", f.rule, f.message))
                    .collect();
                let _ = write!(
                    s,
                    "<mark class=\"{}\" data-file=\"{file}\" data-findings=\"{}\" title=\"{}\">{words}</mark>",
                    worst.as_str(),
                    ids.join(" "),
                    escape(&titles.join("\n"))
                );
            }
            None => s.push_str(&words),
        }
    }
    // A finding that starts at the very end (an empty span there).
    for (i, f) in findings.iter().enumerate() {
        if f.span.start >= text.len() {
            let _ = write!(
                s,
                "<span class=\"anchor\" id=\"at-{file}-{i}\" tabindex=\"-1\"></span>"
            );
        }
    }
    s
}

/// Text for HTML content and attribute values.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            // Control characters other than line breaks and tabs are not
            // allowed in HTML.
            c if c.is_control() && c != '\n' && c != '\t' => s.push(' '),
            c => s.push(c),
        }
    }
    s
}

impl Reporter for HtmlReporter<'_> {
    fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if self.files == 0 {
            out.write_all(self.start().as_bytes())?;
        }
        self.files += 1;
        out.write_all(self.section(self.files, report).as_bytes())
    }

    fn finish(&mut self, end: &RunEnd<'_>, out: &mut dyn Write) -> io::Result<()> {
        if self.files == 0 {
            out.write_all(self.start().as_bytes())?;
        }
        let mut s = String::from("</main>\n<footer>\n");
        let _ = writeln!(
            s,
            "<p id=\"summary\">{}</p>",
            escape(&summary_line(end.summary))
        );
        if !end.skipped.is_empty() {
            let _ = writeln!(
                s,
                "<details><summary>Skipped {}</summary>\n<ul>",
                plural(end.skipped.len(), "file")
            );
            for k in end.skipped {
                let _ = writeln!(s, "<li>{}: {}</li>", escape(&k.path), escape(&k.reason));
            }
            s.push_str("</ul>\n</details>\n");
        }
        s.push_str("<p>Made by govlint ");
        s.push_str(env!("CARGO_PKG_VERSION"));
        s.push_str(".</p>\n</footer>\n<output id=\"selftest\" hidden></output>\n<script>\n");
        s.push_str(SCRIPT);
        s.push_str("</script>\n</body>\n</html>\n");
        out.write_all(s.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, severity: Severity, span: std::ops::Range<usize>) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            message: format!("{rule} message"),
            span,
            label: None,
            labels: Vec::new(),
            help: None,
            url: None,
            references: Vec::new().into(),
            snippet: String::new(),
            location: String::new(),
            page: None,
        }
    }

    #[test]
    fn overlapping_findings_share_a_mark_and_each_has_an_anchor() {
        let text = "The <b>MTFS</b> covers two years.";
        let a = finding("a", Severity::Warning, 4..15);
        let b = finding("b", Severity::Error, 11..22);
        let html = highlighted(text, 1, &[a, b]);
        assert_eq!(
            html,
            "The <span class=\"anchor\" id=\"at-1-0\" tabindex=\"-1\"></span>\
             <mark class=\"warning\" data-file=\"1\" data-findings=\"0\" title=\"a: a message\">&lt;b&gt;MTFS</mark>\
             <span class=\"anchor\" id=\"at-1-1\" tabindex=\"-1\"></span>\
             <mark class=\"error\" data-file=\"1\" data-findings=\"0 1\" title=\"a: a message\nb: b message\">&lt;/b&gt;</mark>\
             <mark class=\"error\" data-file=\"1\" data-findings=\"1\" title=\"b: b message\"> covers</mark> two years."
        );
    }

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(escape("a<b>&\"'\u{c}"), "a&lt;b&gt;&amp;&quot;&#39; ");
    }
}
