//! Why a document could not be read: one error per file, naming it.

use super::DOCUMENT_EXTENSIONS;
use miette::Diagnostic;
use thiserror::Error;

/// Why a document could not be read.
#[derive(Debug, Error, Diagnostic)]
pub enum InputError {
    #[error("{path}: no such file or directory")]
    #[diagnostic(code(govlint::input::missing))]
    Missing { path: String },

    #[error("{path}: no documents found (looked for {})", DOCUMENT_EXTENSIONS.map(|e| format!(".{e}")).join(", "))]
    #[diagnostic(code(govlint::input::no_documents))]
    NoDocuments { path: String },

    #[error("{path}: the file is empty")]
    #[diagnostic(code(govlint::input::empty))]
    Empty { path: String },

    #[error("{path}: this is a binary file, not a text document")]
    #[diagnostic(
        code(govlint::input::binary),
        help("convert the statement to text or Markdown first (for a PDF, `pdftotext -layout`)")
    )]
    Binary { path: String },

    #[error(
        "{path}: the file starts with a UTF-8 byte order mark but is not valid UTF-8 (first bad byte at offset {offset})"
    )]
    #[diagnostic(
        code(govlint::input::encoding),
        help("save the document again as UTF-8 text")
    )]
    NotUtf8 { path: String, offset: usize },

    #[error("{path}: {}larger than the limit of {limit} bytes", size.map_or_else(|| "the input is ".to_owned(), |s| format!("the file is {s} bytes, ")))]
    #[diagnostic(
        code(govlint::input::too_large),
        help("raise the limit with --max-file-size if this really is one statement")
    )]
    TooLarge {
        path: String,
        /// The file's size, when it is known before reading (a regular file).
        size: Option<u64>,
        limit: u64,
    },

    #[error("{path}: reading {what} is not supported yet")]
    #[diagnostic(code(govlint::input::unsupported))]
    Unsupported { path: String, what: &'static str },

    /// A Word or PDF file that cannot be read: corrupt, truncated, not what
    /// its name says, or over a safety limit.
    #[error("{path}: {reason}")]
    #[diagnostic(code(govlint::input::unreadable), help("{help}"))]
    Unreadable {
        path: String,
        reason: String,
        help: String,
    },

    #[error("{path}: the document is encrypted or password-protected")]
    #[diagnostic(
        code(govlint::input::encrypted),
        help("save an unprotected copy of the statement and check that")
    )]
    Encrypted { path: String },

    #[error("{path}: no text on any page: the PDF is scanned; run OCR first")]
    #[diagnostic(
        code(govlint::input::scanned),
        help("run OCR (for example `ocrmypdf`) or check the Word original")
    )]
    Scanned { path: String },

    #[error("{path}: {error}")]
    #[diagnostic(code(govlint::input::io))]
    Io {
        path: String,
        /// Shown in the message, so not a `source` (miette would print it
        /// again as the cause).
        error: std::io::Error,
    },
}

impl InputError {
    /// The file or directory the error is about.
    pub fn path(&self) -> &str {
        match self {
            InputError::Missing { path }
            | InputError::NoDocuments { path }
            | InputError::Empty { path }
            | InputError::Binary { path }
            | InputError::Unsupported { path, .. }
            | InputError::Unreadable { path, .. }
            | InputError::Encrypted { path }
            | InputError::Scanned { path }
            | InputError::NotUtf8 { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::Io { path, .. } => path,
        }
    }
}
