//! Word (.docx) reader: the text a reader sees, with its structure.

use super::outline::OutlineBlock;
use super::{InputError, ReadLimits};

/// A Word document's text and structure.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The text, one block per line, blocks separated by a blank line.
    pub text: String,
    pub outline: Vec<OutlineBlock>,
}

/// Reads a .docx file's bytes.
pub fn read(path: &str, _bytes: &[u8], _limits: &ReadLimits) -> Result<Extracted, InputError> {
    Err(InputError::Unsupported {
        path: path.to_owned(),
        what: "Word documents",
    })
}
