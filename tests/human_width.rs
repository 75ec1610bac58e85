//! The human report at 80 columns on every sample and on the Word and PDF
//! fixtures: no line is wider than the terminal, and every underline sits
//! under the words its finding marks, even where a long paragraph is cut.

mod common;

use govlint::diagnostic::{FileOutcome, Finding, Run};
use govlint::report::{HumanReporter, Reporter};
use unicode_width::UnicodeWidthChar;

const WIDTH: usize = 80;

fn run() -> Run {
    common::check(&["samples", "tests/fixtures/docx", "tests/fixtures/pdf"])
}

/// Runs of spaces and control characters as one space: a tab is shown as
/// spaces up to its tab stop, a form feed as a space.
fn one_space(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_control() { ' ' } else { c };
        if !(c == ' ' && s.ends_with(' ')) {
            s.push(c);
        }
    }
    s
}

fn columns(line: &str) -> usize {
    line.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The line's characters, each at its display column.
fn at_columns(line: &str) -> Vec<(usize, char)> {
    let mut col = 0;
    line.chars()
        .map(|c| {
            let at = col;
            col += c.width().unwrap_or(0);
            (at, c)
        })
        .collect()
}

/// A row of underlines: after the `·` of the gutter, only `─┬▲` and spaces.
fn underline_runs(row: &str) -> Option<Vec<(usize, usize)>> {
    let cells = at_columns(row);
    let dot = cells.iter().position(|&(_, c)| c == '·')?;
    let rest = &cells[dot + 1..];
    if rest
        .iter()
        .any(|&(_, c)| !matches!(c, ' ' | '─' | '┬' | '▲'))
        || !rest.iter().any(|&(_, c)| c != ' ')
    {
        return None;
    }
    let mut runs = Vec::new();
    let mut start = None;
    for &(col, c) in rest {
        match (c != ' ', start) {
            (true, None) => start = Some(col),
            (false, Some(s)) => {
                runs.push((s, col));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push((s, rest.last().map_or(s, |&(col, _)| col + 1)));
    }
    Some(runs)
}

/// Checks one rendered finding; returns how many underlines it checked.
fn check_finding(rendered: &str, text: &str, f: &Finding) -> usize {
    let spans: Vec<String> = std::iter::once(&f.span)
        .chain(f.labels.iter().map(|l| &l.span))
        .map(|s| one_space(&text[s.clone()]))
        .collect();
    let rows: Vec<&str> = rendered.lines().collect();
    let mut checked = 0;
    for (i, row) in rows.iter().enumerate() {
        assert!(
            columns(row) <= WIDTH,
            "{} columns in a report {WIDTH} wide:\n{row}\n\n{rendered}",
            columns(row)
        );
        let Some(runs) = underline_runs(row) else {
            continue;
        };
        let source_row = rows[..i]
            .iter()
            .rev()
            .find(|r| r.contains('│') && !r.trim_start().starts_with('·'))
            .expect("an underline has a line above it");
        let cells = at_columns(source_row);
        for (from, to) in runs {
            let words: String = cells
                .iter()
                .filter(|&&(col, _)| col >= from && col < to)
                .map(|&(_, c)| c)
                .collect();
            let words = one_space(&words);
            assert!(
                !words.contains('…') && spans.iter().any(|s| s.contains(words.as_str())),
                "the underline at columns {from}..{to} is under {words:?}, \
                 not the words of {}:\n{rendered}",
                f.rule
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_line_fits_and_every_underline_is_under_its_words() {
    let run = run();
    let reporter = HumanReporter::new(false, WIDTH);
    let (mut findings, mut underlines) = (0, 0);
    for report in &run.files {
        let FileOutcome::Checked {
            source,
            findings: found,
            ..
        } = &report.outcome
        else {
            continue;
        };
        for f in found {
            underlines += check_finding(&reporter.render_finding(source, f), &source.text, f);
            findings += 1;
        }
    }
    // The samples have long paragraphs, tables and findings with several
    // labels: a test that checked little would prove little.
    assert!(findings > 100, "{findings} findings");
    assert!(underlines >= findings, "{underlines} underlines");
}

#[test]
fn the_whole_report_fits_too() {
    let run = run();
    let mut out = Vec::new();
    HumanReporter::new(false, WIDTH)
        .report(
            &run,
            &govlint::diagnostic::Summary::of(&run.files),
            &mut out,
        )
        .expect("to memory");
    let text = String::from_utf8(out).expect("UTF-8");
    for line in text.lines() {
        assert!(columns(line) <= WIDTH, "{} columns: {line}", columns(line));
    }
    // A header per file with findings, and a line per file at the end.
    for report in &run.files {
        let s = govlint::diagnostic::Summary::of(std::slice::from_ref(report));
        if s.errors + s.warnings + s.infos > 0 {
            let header = format!("── {} ─", report.path);
            assert!(text.lines().any(|l| l.starts_with(&header)), "{header}");
        }
        // The path may be cut at the left to fit.
        let counts = format!(
            "  × {:>3}  ⚠ {:>3}  ☞ {:>3}  ",
            s.errors, s.warnings, s.infos
        );
        let name = report.path.rsplit('/').next().expect("a file name");
        assert!(
            text.lines()
                .any(|l| l.starts_with(&counts) && l.contains(name)),
            "no line {counts}…{name} in the summary"
        );
    }
}
