//! `govlint inspect`: what the statement model recognised in a document,
//! so a user can see why a rule did or did not fire.

use super::LineIndex;
use crate::model::{BlockKind, Origin, PartKind, Statement};
use crate::source::SourceFile;
use std::fmt::Write;
use std::ops::Range;

/// Longest quotation shown for a block, in characters.
const QUOTE_CHARS: usize = 70;

/// The model of one document as text: title, period, statement date and
/// where each came from, sections, numbered paragraphs, tables,
/// signatories and the parts internal references can point at.
pub fn inspect(source: &SourceFile, st: &Statement) -> String {
    let view = View {
        st,
        lines: LineIndex::new(&source.text),
    };
    let mut out = format!(
        "{} ({}, {})\n\n",
        source.name,
        source.format.name(),
        source.encoding
    );
    view.facts(&mut out);
    view.sections(&mut out);
    view.paragraphs(&mut out);
    view.tables(&mut out);
    view.signatories(&mut out);
    view.parts(&mut out);
    out
}

struct View<'a> {
    st: &'a Statement,
    lines: LineIndex<'a>,
}

impl View<'_> {
    /// "line 12" (and the page, for a PDF) of a clean-text range.
    fn at(&self, range: &Range<usize>) -> String {
        let src = self.st.to_source(range);
        let mut s = format!("line {}", self.lines.line(src.start));
        if let Some(page) = self.st.page_of(range) {
            let _ = write!(s, ", page {page}");
        }
        format!("{s:<10}")
    }

    fn quote(&self, range: &Range<usize>) -> String {
        format!("\"{}\"", self.st.snippet(range, QUOTE_CHARS))
    }

    fn facts(&self, out: &mut String) {
        let st = self.st;
        match st.title {
            Some(t) => {
                let r = &st.blocks[t].range;
                let _ = writeln!(out, "title:           {} {}", self.at(r), self.quote(r));
            }
            None => out.push_str("title:           none found\n"),
        }
        let period = st.period.as_ref().map_or("unknown".to_owned(), |p| {
            let from = match (p.origin, &p.range) {
                (Origin::Option, _) => "given by --period".to_owned(),
                (_, Some(r)) => format!("from {} {}", self.at(r), self.quote(r)),
                _ => "assumed".to_owned(),
            };
            format!("{}, {from}", p.year)
        });
        let _ = writeln!(out, "period:          {period}");
        let date = st.date.as_ref().map_or("unknown".to_owned(), |d| {
            let from = match (d.origin, &d.range) {
                (Origin::Option, _) => "given by --date".to_owned(),
                (Origin::Assumed, _) => format!(
                    "assumed, the day of this run: {}",
                    st.date_assumed_because().unwrap_or("")
                ),
                (_, Some(r)) => format!("from the signatures, {} {}", self.at(r), self.quote(r)),
                _ => "from the document".to_owned(),
            };
            format!("{}, {from}", d.date.format("%-d %B %Y"))
        });
        let _ = writeln!(out, "statement date:  {date}\n");
    }

    fn sections(&self, out: &mut String) {
        let st = self.st;
        let _ = writeln!(out, "sections ({}):", st.sections.len());
        let top = st.sections.iter().map(|s| s.level).min().unwrap_or(1);
        for s in &st.sections {
            let r = &st.blocks[s.heading].range;
            let indent = "  ".repeat(usize::from(s.level.saturating_sub(top)) + 1);
            let _ = writeln!(
                out,
                "{indent}{}  {}",
                self.at(r),
                st.snippet(r, QUOTE_CHARS)
            );
        }
        out.push('\n');
    }

    fn paragraphs(&self, out: &mut String) {
        let st = self.st;
        let numbers: Vec<&str> = st.paragraphs.iter().map(|p| st.slice(&p.number)).collect();
        let _ = writeln!(out, "numbered paragraphs ({}):", numbers.len());
        // Wrapped at about 100 columns: the numbers are what matter.
        let mut line = String::from(" ");
        for n in numbers {
            if line.len() + n.len() > 98 {
                let _ = writeln!(out, "{line}");
                line = String::from(" ");
            }
            line.push(' ');
            line.push_str(n);
        }
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{line}\n");
        }
    }

    fn tables(&self, out: &mut String) {
        let st = self.st;
        let mut tables: Vec<(usize, usize, usize)> = Vec::new();
        for (i, b) in st.blocks.iter().enumerate() {
            if let BlockKind::TableRow { table, .. } = b.kind {
                match tables.last_mut() {
                    Some((t, _, rows)) if *t == table => *rows += 1,
                    _ => tables.push((table, i, 1)),
                }
            }
        }
        let _ = writeln!(out, "tables ({}):", tables.len());
        for (_, first, rows) in tables {
            let r = &st.blocks[first].range;
            let _ = writeln!(
                out,
                "  {}  {} rows, first: {}",
                self.at(r),
                rows,
                self.quote(r)
            );
        }
        out.push('\n');
    }

    fn signatories(&self, out: &mut String) {
        let st = self.st;
        let _ = writeln!(out, "signatories ({}):", st.signatories.len());
        for s in &st.signatories {
            let name = s
                .name
                .as_ref()
                .map_or("no name".to_owned(), |n| self.quote(n));
            let date = s.date.as_ref().map_or("not dated".to_owned(), |(d, _)| {
                d.start.format("%-d %B %Y").to_string()
            });
            let _ = writeln!(
                out,
                "  {}  {} — {name} — {date}",
                self.at(&s.range),
                self.quote(&s.role)
            );
        }
        out.push('\n');
    }

    fn parts(&self, out: &mut String) {
        let labels = |kind: PartKind| -> String {
            let found: Vec<&str> = self
                .st
                .parts
                .iter()
                .filter(|p| p.kind == kind && !p.label.contains('.'))
                .map(|p| p.label.as_str())
                .collect();
            if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            }
        };
        let _ = writeln!(
            out,
            "references resolve to (and to the numbered paragraphs):\n  sections: {}\n  appendices, annexes, schedules: {}",
            labels(PartKind::Numbered),
            labels(PartKind::Attachment)
        );
    }
}
