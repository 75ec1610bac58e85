//! `--add-suppressions`: a `govlint-disable-next-line` directive written
//! above each finding, so a document can adopt govlint with its current
//! findings accepted and only new ones reported.
//!
//! The directive goes above the block the finding is in (above the whole
//! table or list when it is in one), so it covers the finding however the
//! block is wrapped; findings of one block share one directive. Only
//! Markdown (an HTML comment) and text (a line of its own) are edited:
//! Word and PDF files are not text, and an HTML page is usually generated
//! from something else.

use super::apply::Blocks;
use super::meta;
use crate::diagnostic::Finding;
use crate::model::Statement;
use crate::source::{Format, SourceFile};
use std::collections::{BTreeMap, BTreeSet};

/// Why directives cannot be written into a file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CannotAdd {
    #[error(
        "cannot add suppressions to a Word document: add a comment starting `govlint-disable rule-id -- reason` to the paragraph in Word, or use a baseline (--write-baseline)"
    )]
    Word,
    #[error(
        "cannot add suppressions to a PDF: suppress the findings in the document it was made from, or use a baseline (--write-baseline)"
    )]
    Pdf,
    #[error(
        "cannot add suppressions to an HTML page (usually generated from something else): write `<!-- govlint-disable-next-line rule-id -- reason -->` into its source by hand, or use a baseline (--write-baseline)"
    )]
    Html,
    #[error(
        "cannot add suppressions to a {0} file: only UTF-8 files are edited; save it as UTF-8, or use a baseline (--write-baseline)"
    )]
    Encoding(&'static str),
    #[error(
        "cannot add suppressions to standard input: there is no file to write them into; check the file by name, or use a baseline (--write-baseline)"
    )]
    Stdin,
}

/// Whether `reason` can be written into a directive: one line, not
/// empty, and not ending an HTML comment.
pub fn check_reason(reason: &str) -> Result<(), String> {
    if reason.trim().is_empty() {
        Err("give the reason the findings are accepted, e.g. --add-suppressions=\"accepted at the audit committee, 12 June 2025\"".into())
    } else if reason.contains(['\n', '\r']) || reason.contains("-->") {
        Err("the reason must be one line and must not contain `-->`".into())
    } else {
        Ok(())
    }
}

/// `source`'s text with a directive giving `reason` above each of
/// `findings` (govlint's own findings about directives aside); `None` when
/// there is nothing to add.
pub fn add_directives(
    source: &SourceFile,
    statement: &Statement,
    findings: &[Finding],
    reason: &str,
) -> Result<Option<String>, CannotAdd> {
    let findings: Vec<&Finding> = findings
        .iter()
        .filter(|f| !meta::is_meta(&f.rule))
        .collect();
    if findings.is_empty() {
        return Ok(None);
    }
    if source.from_stdin {
        return Err(CannotAdd::Stdin);
    }
    match source.format {
        Format::Markdown | Format::PlainText => {}
        Format::Docx => return Err(CannotAdd::Word),
        Format::Pdf => return Err(CannotAdd::Pdf),
        Format::Html => return Err(CannotAdd::Html),
    }
    if source.encoding != "UTF-8" {
        return Err(CannotAdd::Encoding(source.encoding));
    }
    let text = &source.text;
    let blocks = Blocks::of(statement);
    // The rules to name at each line start.
    let mut at: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for f in findings {
        let Some(block) = blocks.at(f.span.start) else {
            continue;
        };
        let start = blocks.source(&blocks.run_around(block)).start;
        let line = text[..start].rfind('\n').map_or(0, |i| i + 1);
        at.entry(line).or_default().insert(&f.rule);
    }
    let mut out = String::with_capacity(text.len() + at.len() * 80);
    let mut copied = 0;
    for (line, rules) in at {
        out.push_str(&text[copied..line]);
        copied = line;
        let rest = &text[line..];
        let eol = match rest.find('\n') {
            Some(i) if rest[..i].ends_with('\r') => "\r\n",
            _ => "\n",
        };
        let rules = rules.into_iter().collect::<Vec<_>>().join(", ");
        let directive = format!("govlint-disable-next-line {rules} -- {}", reason.trim());
        match source.format {
            Format::Markdown => {
                out.push_str(&markdown_prefix(rest));
                out.push_str(&format!("<!-- {directive} -->"));
            }
            _ => out.push_str(&directive),
        }
        out.push_str(eol);
    }
    out.push_str(&text[copied..]);
    Ok(Some(out))
}

/// What a Markdown line starts with that the directive must repeat to
/// stay in the same container: block-quote markers, and indentation up
/// to three spaces (four would make it code).
fn markdown_prefix(line: &str) -> String {
    let mut prefix = String::new();
    let mut spaces = 0;
    for c in line.chars() {
        match c {
            '>' => {
                prefix.push('>');
                spaces = 0;
            }
            ' ' if spaces < 3 => {
                prefix.push(' ');
                spaces += 1;
            }
            ' ' => {}
            _ => break,
        }
    }
    prefix
}
