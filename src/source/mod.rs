//! Stage 1: finding and reading documents.
//!
//! Every problem with an input is an [`InputError`] naming the file, so the
//! caller can report it and carry on with the other files.

use miette::Diagnostic;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The file name endings govlint reads when it walks a directory.
pub const DOCUMENT_EXTENSIONS: [&str; 5] = ["md", "markdown", "txt", "html", "htm"];

/// Default largest document govlint reads (`--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// How the text of a document is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables.
    Markdown,
    /// Plain text, typically converted from PDF or Word.
    PlainText,
    /// An HTML page or fragment, such as a council web page.
    Html,
}

impl Format {
    /// `.md` and `.markdown` are Markdown, `.html` and `.htm` HTML;
    /// everything else is plain text.
    pub fn of_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("md") || is("markdown") {
            Format::Markdown
        } else if is("html") || is("htm") {
            Format::Html
        } else {
            Format::PlainText
        }
    }

    /// The format of a document read from `path`: text that opens with
    /// `<!DOCTYPE html` or `<html` is HTML whatever the file is called (a
    /// saved web page is often named `.txt` or has no extension).
    pub fn detect(path: &Path, text: &str) -> Format {
        let head = text.trim_start().as_bytes();
        let opens = |with: &str| {
            head.get(..with.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(with.as_bytes()))
        };
        if opens("<!doctype html") || opens("<html") {
            Format::Html
        } else {
            Format::of_path(path)
        }
    }
}

/// A document read into memory.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or as found under a directory they gave).
    pub name: String,
    pub text: String,
    pub format: Format,
}

impl SourceFile {
    /// A document that did not come from disk (tests, rule examples).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, format: Format) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            format,
        }
    }
}

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

    #[error("{path}: the file is not valid UTF-8 (first bad byte at offset {offset})")]
    #[diagnostic(
        code(govlint::input::encoding),
        help("save the document as UTF-8 text")
    )]
    NotUtf8 { path: String, offset: usize },

    #[error("{path}: the file is {size} bytes, larger than the limit of {limit} bytes")]
    #[diagnostic(
        code(govlint::input::too_large),
        help("raise the limit with --max-file-size if this really is one statement")
    )]
    TooLarge { path: String, size: u64, limit: u64 },

    #[error("{path}: {source}")]
    #[diagnostic(code(govlint::input::io))]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
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
            | InputError::NotUtf8 { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::Io { path, .. } => path,
        }
    }
}

/// Expands the paths the user gave into document paths, in a stable order:
/// files as given, directories walked recursively in file-name order.
/// A path that cannot be used becomes an error in its place.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Err(InputError::Missing { path: shown }))
            }
            Err(source) => out.push(Err(InputError::Io {
                path: shown,
                source,
            })),
            Ok(meta) if meta.is_dir() => {
                let before = out.len();
                let walker = walkdir::WalkDir::new(path).sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(entry) if entry.file_type().is_file() && is_document(entry.path()) => {
                            out.push(Ok(entry.into_path()))
                        }
                        Ok(_) => {}
                        Err(e) => out.push(Err(InputError::Io {
                            path: e
                                .path()
                                .map_or_else(|| shown.clone(), |p| p.display().to_string()),
                            source: e.into(),
                        })),
                    }
                }
                if out.len() == before {
                    out.push(Err(InputError::NoDocuments { path: shown }));
                }
            }
            Ok(_) => out.push(Ok(path.clone())),
        }
    }
    out
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| {
            DOCUMENT_EXTENSIONS
                .iter()
                .any(|d| ext.eq_ignore_ascii_case(d))
        })
}

/// Reads one document, refusing empty, binary, non-UTF-8 and oversized files.
pub fn read(path: &Path, max_size: u64) -> Result<SourceFile, InputError> {
    let shown = path.display().to_string();
    let io = |source| InputError::Io {
        path: shown.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > max_size {
        return Err(InputError::TooLarge {
            path: shown,
            size,
            limit: max_size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = decode(&shown, bytes)?;
    Ok(SourceFile {
        format: Format::detect(path, &text),
        name: shown,
        text,
    })
}

/// Checks that bytes are a usable text document and returns them as text.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let path = path.to_owned();
    // A NUL byte never occurs in text; PDF, DOCX and images all have them early.
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(InputError::Binary { path });
    }
    let text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: path.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(InputError::Empty { path });
    }
    // A UTF-8 byte order mark is noise from Word exports.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_rejects_binary_empty_and_bad_utf8() {
        assert!(matches!(
            decode("a.pdf", b"%PDF-1.7\0\0".to_vec()),
            Err(InputError::Binary { .. })
        ));
        assert!(matches!(
            decode("a.md", b" \n\t".to_vec()),
            Err(InputError::Empty { .. })
        ));
        match decode("a.md", b"caf\xe9 au lait".to_vec()) {
            Err(InputError::NotUtf8 { offset, .. }) => assert_eq!(offset, 3),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
        assert_eq!(
            decode("a.md", "\u{feff}Hello".into()).ok().as_deref(),
            Some("Hello")
        );
    }

    #[test]
    fn format_follows_extension() {
        assert_eq!(Format::of_path(Path::new("a.MD")), Format::Markdown);
        assert_eq!(Format::of_path(Path::new("a.markdown")), Format::Markdown);
        assert_eq!(Format::of_path(Path::new("a.txt")), Format::PlainText);
        assert_eq!(Format::of_path(Path::new("a.html")), Format::Html);
        assert_eq!(Format::of_path(Path::new("a.HTM")), Format::Html);
    }

    #[test]
    fn html_is_sniffed_from_the_opening() {
        let page = Path::new("page.txt");
        assert_eq!(
            Format::detect(page, "\n  <!DOCTYPE html>\n<html>"),
            Format::Html
        );
        assert_eq!(Format::detect(page, "<HTML lang=en>"), Format::Html);
        assert_eq!(Format::detect(page, "<p>Not a page</p>"), Format::PlainText);
        assert_eq!(
            Format::detect(Path::new("a.md"), "# Title\n<html>"),
            Format::Markdown
        );
    }

    #[test]
    fn directory_walks_find_html_pages() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in ["a.html", "b.HTM", "c.css", "d.md"] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        let found: Vec<String> = discover(&[dir.path().to_path_buf()])
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(found, vec!["a.html", "b.HTM", "d.md"]);
    }
}
