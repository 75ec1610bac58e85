//! Output for Word users: the draft back as a .docx with each finding as a
//! comment on the words it is about (`govlint annotate`).
//!
//! The reader traced where each piece of the extracted text came from in
//! the body's XML ([`crate::source::docx::trace`]); a finding's span maps
//! through that to a place in `word/document.xml`, where the comment's
//! range markers are written ([`body`]). The comments themselves go in the
//! comments part, the reviewers' own kept ([`parts`]). Every other part of
//! the package is copied unchanged, compressed bytes and all ([`package`]).

mod body;
mod names;
mod package;
mod parts;
#[cfg(test)]
mod tests;

use crate::diagnostic::Finding;
use crate::source::{InputError, ReadLimits, docx};
use body::Point;
pub use parts::AUTHOR;
use parts::NewComment;

/// An annotated copy of a Word document.
#[derive(Debug)]
pub struct Annotated {
    /// The .docx file's bytes.
    pub bytes: Vec<u8>,
    /// Comments added: one per finding.
    pub comments: usize,
    /// Of those, comments on the nearest words of the body rather than on
    /// the finding's own (which are in a footnote, a text box or a number
    /// Word generates).
    pub beside: usize,
    /// Findings left out because the draft already has their comment (it
    /// was annotated before): the same words and rule on the same
    /// paragraph.
    pub already: usize,
}

/// Writes `findings` (on the text govlint read from `bytes`) into a copy
/// of the Word document as comments.
pub fn annotate(
    path: &str,
    bytes: &[u8],
    findings: &[Finding],
    limits: &ReadLimits,
) -> Result<Annotated, InputError> {
    let (doc, parts) = docx::read_with_parts(path, bytes, limits)?;
    let (document_name, document) = &parts.document;
    let names = names::Names::of_part(document);
    let existing = parts.comments.as_ref().map(|(_, text)| text.as_str());
    let first_id = parts::highest_comment_id(&[document, existing.unwrap_or_default()])
        .map_or(0, |id| id.saturating_add(1));

    let mut points = Vec::new();
    let mut comments = Vec::new();
    let mut beside = 0;
    let mut already = 0;
    for f in findings {
        let Some(place) = place(&doc, f) else {
            continue;
        };
        let heading = first_line(f);
        if doc.comments.iter().any(|c| {
            c.span.start <= f.span.start
                && f.span.end <= c.span.end
                && c.text.lines().next() == Some(heading.as_str())
        }) {
            already += 1;
            continue;
        }
        let id = first_id.saturating_add(u32::try_from(comments.len()).unwrap_or(u32::MAX));
        beside += usize::from(place.beside);
        points.push(Point {
            at: place.xml.start,
            id,
            end: false,
        });
        points.push(Point {
            at: place.xml.end,
            id,
            end: true,
        });
        comments.push(NewComment {
            id,
            paragraphs: comment_text(f, place.beside),
        });
    }
    body::sort(&mut points);
    let new_body = body::write(path, document_name, document, &points, &names)?;
    let bytes = package::write(
        path,
        bytes,
        package::Edits {
            document: (document_name, new_body),
            names: &names,
            comments: &comments,
            existing_comments: parts.comments.as_ref(),
            relationships: (&parts.relationships.0, parts.relationships.1.as_deref()),
        },
    )?;
    Ok(Annotated {
        bytes,
        comments: comments.len(),
        beside,
        already,
    })
}

/// Where a finding's comment goes in the body's XML.
struct Place {
    xml: std::ops::Range<usize>,
    /// Not on the finding's own words.
    beside: bool,
}

/// The finding's own words; else (a number Word generates) its whole
/// paragraph; else (a footnote, a text box) a point just after the last
/// body text before it, or before the first after it.
fn place(doc: &docx::Extracted, f: &Finding) -> Option<Place> {
    let origins = &doc.origins;
    if let Some(xml) = origins.xml_range(f.span.clone()) {
        return Some(Place { xml, beside: false });
    }
    let block = doc
        .outline
        .iter()
        .find(|b| b.range.start <= f.span.start && f.span.start <= b.range.end);
    if let Some(xml) = block.and_then(|b| origins.xml_range(b.range.clone())) {
        return Some(Place { xml, beside: false });
    }
    let at = origins.xml_near(f.span.start)?;
    Some(Place {
        xml: at..at,
        beside: true,
    })
}

/// A comment's paragraphs: the message and rule, what the words are,
/// how to fix it, and the references.
fn comment_text(f: &Finding, beside: bool) -> Vec<String> {
    let mut out = vec![first_line(f)];
    if beside {
        out.push(format!(
            "On the words “{}”, which are not in the body of the document (a footnote, text box or generated number).",
            f.snippet
        ));
    }
    if let Some(label) = f.label.as_deref().filter(|l| *l != f.message) {
        out.push(format!("“{}”: {label}.", f.snippet));
    }
    if let Some(help) = &f.help {
        out.push(format!("How to fix: {help}"));
    }
    for r in f.references.iter() {
        out.push(match &r.url {
            Some(url) => format!("See {}: {url}", r.citation()),
            None => format!("See {}.", r.citation()),
        });
    }
    if let Some(url) = &f.url {
        out.push(format!("About this check: {url}"));
    }
    out
}

/// A comment's first paragraph: the message, severity and rule.
fn first_line(f: &Finding) -> String {
    format!(
        "{} [{} {}]",
        sentence_case(&f.message),
        f.severity.as_str(),
        f.rule
    )
}

/// A message as a comment's first sentence: with a capital letter.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
