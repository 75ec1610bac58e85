//! Reviewers' comments: the text of each comment (word/comments.xml) and
//! the blocks of the body it is anchored on (`w:commentRangeStart` …
//! `w:commentRangeEnd`, or just a `w:commentReference`). Comments are not
//! statement text; they are kept so that a comment such as
//! "govlint-disable drafting-note -- agreed with the auditor" can
//! suppress findings in the paragraphs it is anchored on.

use super::xml::{self, Event};
use crate::source::InputError;
use std::collections::BTreeMap;
use std::ops::Range;

/// Where comments are anchored, collected as the body is laid out.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    /// Ids met (start, end or reference) since the last block was placed.
    pending: Vec<String>,
    /// Ids whose range has started and not yet ended.
    open: Vec<String>,
    /// Each id's anchored text: from the first block it touches to the
    /// end of the last.
    spans: BTreeMap<String, Range<usize>>,
}

impl Anchors {
    /// A `commentRangeStart`, `commentRangeEnd` or `commentReference`.
    pub fn marker(&mut self, element: &str, id: String) {
        match element {
            "commentRangeStart" if !self.open.contains(&id) => self.open.push(id.clone()),
            "commentRangeEnd" => self.open.retain(|open| *open != id),
            _ => {}
        }
        self.pending.push(id);
    }

    /// A block was placed at `range`: it carries every comment met since
    /// the previous block and every comment whose range is open.
    pub fn block(&mut self, range: &Range<usize>) {
        for id in self.pending.drain(..).chain(self.open.iter().cloned()) {
            let span = self.spans.entry(id).or_insert_with(|| range.clone());
            span.start = span.start.min(range.start);
            span.end = span.end.max(range.end);
        }
    }

    pub fn spans(self) -> BTreeMap<String, Range<usize>> {
        self.spans
    }
}

/// Whether an element is one of the comment anchors in the body.
pub(super) fn is_marker(element: &str) -> bool {
    matches!(
        element,
        "commentRangeStart" | "commentRangeEnd" | "commentReference"
    )
}

/// The text of each comment in word/comments.xml, by id: its paragraphs
/// joined by line breaks, white space in each collapsed.
pub(super) fn texts(
    path: &str,
    part: &str,
    text: &str,
) -> Result<BTreeMap<String, String>, InputError> {
    let mut out = BTreeMap::new();
    let mut events = xml::Events::new(path, part, text);
    let mut current: Option<(String, Vec<String>)> = None;
    let mut in_text = false;
    loop {
        let event = events.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "comment" => {
                    current = xml::attr(e, "id").map(|id| (id, Vec::new()));
                }
                "p" => {
                    if let Some((_, paragraphs)) = current.as_mut() {
                        paragraphs.push(String::new());
                    }
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) if matches!(e.local_name().as_ref(), "tab" | "br") => {
                push(&mut current, " ");
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "comment" => {
                    if let Some((id, paragraphs)) = current.take() {
                        let lines: Vec<String> = paragraphs
                            .iter()
                            .map(|p| super::output::clean(p))
                            .filter(|p| !p.is_empty())
                            .collect();
                        out.insert(id, lines.join("\n"));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(out),
            other if in_text => {
                if let Some(t) = xml::text(other) {
                    push(&mut current, &t);
                }
            }
            _ => {}
        }
    }
}

fn push(current: &mut Option<(String, Vec<String>)>, text: &str) {
    if let Some((_, paragraphs)) = current.as_mut() {
        match paragraphs.last_mut() {
            Some(p) => p.push_str(text),
            None => paragraphs.push(text.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{W, zip};
    use crate::source::{ReadLimits, SourceComment};

    const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>"#;

    fn read(body: &str, comments: &str) -> super::super::Extracted {
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let comments = format!("<w:comments {W}>{comments}</w:comments>");
        let bytes = zip(&[
            ("word/document.xml", &document),
            ("word/comments.xml", &comments),
            ("word/_rels/document.xml.rels", RELS),
        ]);
        match super::super::read("t.docx", &bytes, &ReadLimits::default()) {
            Ok(doc) => doc,
            Err(e) => panic!("reads: {e}"),
        }
    }

    fn comment(id: u32, text: &str) -> String {
        format!(
            r#"<w:comment w:id="{id}" w:author="A"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>"#
        )
    }

    fn shown(doc: &super::super::Extracted) -> Vec<(&str, &str)> {
        doc.comments
            .iter()
            .map(|c: &SourceComment| (&doc.text[c.span.clone()], c.text.as_str()))
            .collect()
    }

    #[test]
    fn comments_are_anchored_on_whole_paragraphs_and_rows() {
        let body = [
            r#"<w:p><w:r><w:t>First paragraph.</w:t></w:r><w:r><w:commentReference w:id="2"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">Second </w:t></w:r><w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/><w:r><w:t>paragraph</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:t>.</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Third</w:t></w:r><w:commentRangeEnd w:id="1"/></w:p>"#,
            r#"<w:p><w:r><w:t>Not commented.</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell</w:t></w:r></w:p></w:tc><w:tc><w:p><w:commentRangeStart w:id="3"/><w:r><w:t>Other</w:t></w:r><w:commentRangeEnd w:id="3"/></w:p></w:tc></w:tr></w:tbl>"#,
            // A comment on deleted text still stands by its paragraph.
            r#"<w:p><w:r><w:t>Kept</w:t></w:r><w:del w:id="9"><w:commentRangeStart w:id="4"/><w:r><w:delText>gone</w:delText></w:r><w:commentRangeEnd w:id="4"/></w:del></w:p>"#,
        ]
        .concat();
        let comments = [
            comment(0, "govlint-disable drafting-note -- agreed"),
            comment(1, "Spans two"),
            comment(2, "On the first"),
            comment(3, "In a cell"),
            comment(4, "On a deletion"),
            // Anchored nowhere: left out.
            comment(5, "Orphan"),
        ]
        .concat();
        let doc = read(&body, &comments);
        assert_eq!(
            shown(&doc),
            vec![
                ("First paragraph.", "On the first"),
                ("Second paragraph.\n\nThird", "Spans two"),
                (
                    "Second paragraph.",
                    "govlint-disable drafting-note -- agreed"
                ),
                ("Cell\tOther", "In a cell"),
                ("Kept", "On a deletion"),
            ]
        );
        // Comments are never statement text.
        assert!(!doc.text.contains("agreed") && !doc.text.contains("gone"));
    }

    #[test]
    fn a_comment_of_several_paragraphs_keeps_them_apart() {
        let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Text</w:t></w:r><w:commentRangeEnd w:id="0"/></w:p>"#;
        let comments = r#"<w:comment w:id="0"><w:p><w:r><w:t xml:space="preserve">govlint-disable  placeholder </w:t></w:r></w:p><w:p><w:r><w:t>-- a reason</w:t><w:tab/><w:t>here</w:t></w:r></w:p></w:comment>"#;
        let doc = read(body, comments);
        assert_eq!(
            shown(&doc),
            vec![("Text", "govlint-disable placeholder\n-- a reason here")]
        );
    }
}
