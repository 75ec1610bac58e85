//! PDF reader: the text layer, page by page, in reading order.

use super::{InputError, ReadLimits};

/// A PDF's text.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The text of every page, pages separated by a form feed (`\x0c`), as
    /// `pdftotext` writes it, so the plain-text front-end reads it.
    pub text: String,
    /// The byte offset in `text` where each page starts.
    pub pages: Vec<usize>,
}

/// Reads a PDF file's bytes.
pub fn read(path: &str, _bytes: &[u8], _limits: &ReadLimits) -> Result<Extracted, InputError> {
    Err(InputError::Unsupported {
        path: path.to_owned(),
        what: "PDF files",
    })
}
