//! Word (.docx) reader: the text a reader sees, with its structure.
//!
//! A .docx is a zip of XML parts ([`package`]). Paragraph styles
//! ([`styles`]) say which paragraphs are headings; numbering definitions
//! ([`numbering`]) give the numbers Word shows but the text does not hold,
//! which are written in ("4.8 …") so findings and cross-references see
//! them; the body walk ([`document`]) keeps what a reader of the final
//! document sees and lays it out one block per line ([`output`]).
//! Reviewers' comments ([`comments`]) are not text, but are kept with the
//! paragraphs they are anchored on.

mod comments;
mod document;
mod numbering;
mod output;
pub(crate) mod package;
mod styles;
mod symbols;
pub mod trace;
pub(crate) mod xml;

#[cfg(test)]
mod tests;

use super::outline::OutlineBlock;
use super::{InputError, ReadLimits, SourceComment};
use document::{Part, Walker};

/// A Word document's text and structure.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The text, one block per line, blocks separated by a blank line.
    pub text: String,
    pub outline: Vec<OutlineBlock>,
    /// Reviewers' comments, with the blocks they are anchored on, in
    /// document order.
    pub comments: Vec<SourceComment>,
    /// Where the body's text came from in the main document part's XML
    /// (notes and text boxes are not traced).
    pub origins: trace::Origins,
}

/// Reads a .docx file's bytes.
pub fn read(path: &str, bytes: &[u8], limits: &ReadLimits) -> Result<Extracted, InputError> {
    read_with_parts(path, bytes, limits).map(|(doc, _)| doc)
}

/// [`read`], keeping the parts read (for `govlint annotate`, which writes
/// them back).
pub(crate) fn read_with_parts(
    path: &str,
    bytes: &[u8],
    limits: &ReadLimits,
) -> Result<(Extracted, package::Parts), InputError> {
    let parts = package::open(path, bytes, limits)?;
    let styles = match &parts.styles {
        Some((name, text)) => styles::Styles::parse(path, name, text)?,
        None => styles::Styles::default(),
    };
    let mut numbering = match &parts.numbering {
        Some((name, text)) => numbering::Numbering::parse(path, name, text)?,
        None => numbering::Numbering::default(),
    };
    let mut out = output::Output::default();
    let (name, text) = &parts.document;
    Walker::new(path, Part::Body, &styles, &mut numbering, &mut out).walk(name, text)?;
    for (name, text) in parts.footnotes.iter().chain(&parts.endnotes) {
        Walker::new(path, Part::Notes, &styles, &mut numbering, &mut out).walk(name, text)?;
    }
    if out.is_empty() {
        return Err(InputError::Empty { path: path.into() });
    }
    let (mut doc, anchors) = out.finish();
    if let Some((name, text)) = &parts.comments {
        let mut texts = comments::texts(path, name, text)?;
        doc.comments = anchors
            .into_iter()
            .filter_map(|(id, span)| {
                let text = texts.remove(&id)?;
                Some(SourceComment { span, text })
            })
            .collect();
        doc.comments
            .sort_by(|a, b| (a.span.start, &a.text).cmp(&(b.span.start, &b.text)));
    }
    Ok((doc, parts))
}

/// The signature of an OLE compound file: Word 97-2003 documents, and
/// Office files of any version that are encrypted with a password.
pub const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Why an OLE compound file (see [`OLE_SIGNATURE`]) cannot be read: an
/// encrypted Office document keeps its package in an "EncryptedPackage"
/// stream; a Word 97-2003 document has a "WordDocument" stream.
pub fn ole_error(path: &str, bytes: &[u8]) -> InputError {
    let has_stream = |name: &str| {
        // Stream names are stored in UTF-16LE in the file's directory.
        let wide: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes.windows(wide.len()).any(|w| w == wide.as_slice())
    };
    if has_stream("EncryptedPackage") {
        InputError::Encrypted { path: path.into() }
    } else if has_stream("WordDocument") {
        unreadable(
            path,
            "a Word 97-2003 .doc: save it as .docx",
            "open it in Word and use Save As → Word Document (.docx)",
        )
    } else {
        unreadable(
            path,
            "an Office 97-2003 file, not a Word document",
            "save the statement as a Word document (.docx)",
        )
    }
}

fn unreadable(path: &str, reason: impl Into<String>, help: &str) -> InputError {
    InputError::Unreadable {
        path: path.into(),
        reason: reason.into(),
        help: help.into(),
    }
}
