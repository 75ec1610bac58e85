//! Stage 1: finding and reading documents.
//!
//! Every problem with an input is an [`InputError`] naming the file, so the
//! caller can report it and carry on with the other files. Word and PDF
//! files are read here into text (and, for Word, the structure it carries);
//! the model never sees their bytes.

mod decode;
mod discover;
pub mod docx;
mod error;
mod offsets;
pub mod outline;
pub mod pdf;

pub use decode::{Decoded, decode};
pub use discover::{Discovery, Skipped, discover};
pub use error::InputError;
pub use offsets::FileOffsets;
use outline::OutlineBlock;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

/// The file name endings govlint reads when it walks a directory.
pub const DOCUMENT_EXTENSIONS: [&str; 7] = ["md", "markdown", "txt", "html", "htm", "docx", "pdf"];

/// Default largest document govlint reads (`--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Default cap on what a .docx may unpack to, against zip bombs.
pub const DEFAULT_MAX_UNPACKED_SIZE: u64 = 256 * 1024 * 1024;

/// Safety limits on reading one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file read, in bytes.
    pub max_file_size: u64,
    /// Most bytes a compressed container (.docx) may unpack to.
    pub max_unpacked_size: u64,
    /// Most entries a .docx zip may hold.
    pub max_entries: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_unpacked_size: DEFAULT_MAX_UNPACKED_SIZE,
            max_entries: 10_000,
        }
    }
}

/// How the text of a document is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with tables.
    Markdown,
    /// Plain text, typically converted from PDF or Word.
    PlainText,
    /// An HTML page or fragment, such as a council web page.
    Html,
    /// A Word document: its text, with [`SourceFile::outline`].
    Docx,
    /// A PDF's text layer, pages separated by form feeds.
    Pdf,
}

impl Format {
    /// The format's name, as `--input-format` and the JSON output spell it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::PlainText => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// `.md` and `.markdown` are Markdown, `.html` and `.htm` HTML, `.docx`
    /// Word, `.pdf` PDF; everything else is plain text.
    pub fn of_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("md") || is("markdown") {
            Format::Markdown
        } else if is("html") || is("htm") {
            Format::Html
        } else if is("docx") {
            Format::Docx
        } else if is("pdf") {
            Format::Pdf
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

    /// The format of text that has no name (standard input): HTML as
    /// [`Format::detect`] tells it, Markdown when a line is an ATX heading
    /// (`# Title`) or a table's delimiter row (`|---|`), else plain text.
    pub fn sniff(text: &str) -> Format {
        let unnamed = Path::new("");
        if Format::detect(unnamed, text) == Format::Html {
            return Format::Html;
        }
        let markdown_line = |line: &str| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            let heading = (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']);
            let delimiter_row = line.starts_with('|')
                && line.contains("---")
                && line
                    .chars()
                    .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '\r'));
            heading || delimiter_row
        };
        if text.lines().any(markdown_line) {
            Format::Markdown
        } else {
            Format::PlainText
        }
    }
}

/// A document read into memory.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or as found under a directory they gave).
    pub name: String,
    /// The text govlint reads: the file itself for text formats, the text
    /// extracted from a Word or PDF file. Diagnostics' lines point here.
    pub text: String,
    pub format: Format,
    /// How the file's bytes became text: "UTF-8", "UTF-16LE",
    /// "Windows-1252", "DOCX", "PDF".
    pub encoding: &'static str,
    /// Where each page starts in `text` (PDF); empty when not paged.
    pub pages: Vec<usize>,
    /// The blocks a Word document is made of; empty for other formats.
    pub outline: Vec<OutlineBlock>,
    /// Reviewers' comments in a Word document, in document order; empty
    /// for other formats (comments in Markdown, HTML and text are part of
    /// `text`).
    pub comments: Vec<SourceComment>,
    /// Bytes of a byte order mark before `text` in the file (3 for UTF-8,
    /// 2 for UTF-16), so offsets can be given into the file.
    pub bom_len: usize,
    /// Read from standard input (`-`), not from a file that could be
    /// written back.
    pub from_stdin: bool,
}

/// A reviewer's comment in a Word document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceComment {
    /// The blocks (paragraphs, table rows) the comment is anchored on, in
    /// [`SourceFile::text`]: whole blocks, from the first the comment's
    /// range touches to the end of the last.
    pub span: Range<usize>,
    /// The comment's text, its paragraphs joined by line breaks.
    pub text: String,
}

impl SourceFile {
    /// A document that did not come from disk (tests, rule examples).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>, format: Format) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            format,
            encoding: "UTF-8",
            pages: Vec::new(),
            outline: Vec::new(),
            comments: Vec::new(),
            bom_len: 0,
            from_stdin: false,
        }
    }

    /// The page (from 1) that byte `offset` of the text is on, for paged
    /// documents.
    pub fn page_of(&self, offset: usize) -> Option<usize> {
        page_at(&self.pages, offset)
    }
}

/// The page (from 1) that byte `offset` is on, given where each page
/// starts; `None` for a document that is not paged.
pub fn page_at(pages: &[usize], offset: usize) -> Option<usize> {
    if pages.is_empty() {
        return None;
    }
    Some(pages.partition_point(|&start| start <= offset).max(1))
}

/// The path that means standard input (`govlint check -`).
pub const STDIN_PATH: &str = "-";

/// What standard input is called in output.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads one document, refusing empty, binary and oversized files.
pub fn read(path: &Path, limits: &ReadLimits) -> Result<SourceFile, InputError> {
    read_as(path, limits, None)
}

/// Reads one document as `given` (`--input-format`), or as its content
/// and name say: a zip is a Word document, `%PDF` a PDF, and text is read
/// as [`Format::detect`] says. The path `-` is standard input, named
/// [`STDIN_NAME`], its format told from its content alone.
pub fn read_as(
    path: &Path,
    limits: &ReadLimits,
    given: Option<Format>,
) -> Result<SourceFile, InputError> {
    if path == Path::new(STDIN_PATH) {
        let stdin = std::io::stdin().lock();
        let bytes = read_bounded(stdin, STDIN_NAME, limits.max_file_size, 0)?;
        let mut file = from_bytes(STDIN_NAME.to_owned(), None, bytes, limits, given)?;
        file.from_stdin = true;
        return Ok(file);
    }
    let shown = path.display().to_string();
    let bytes = read_bytes(path, limits)?;
    from_bytes(shown, Some(path), bytes, limits, given)
}

/// A file's bytes, at most `limits.max_file_size` of them.
pub fn read_bytes(path: &Path, limits: &ReadLimits) -> Result<Vec<u8>, InputError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| InputError::Io {
        path: shown.clone(),
        error: source,
    })?;
    // A regular file's size is known before reading: refuse it naming its
    // size. Devices and pipes report 0, so the read itself is bounded too.
    let mut size_hint = 0;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
    {
        if meta.len() > limits.max_file_size {
            return Err(InputError::TooLarge {
                path: shown,
                size: Some(meta.len()),
                limit: limits.max_file_size,
            });
        }
        size_hint = meta.len();
    }
    read_bounded(file, &shown, limits.max_file_size, size_hint)
}

/// Reads at most `limit` bytes; one more is an error, whatever the reader
/// is (a file, a device such as `/dev/zero`, a pipe). `size_hint`, a
/// regular file's size, saves growing the buffer to twice the file.
fn read_bounded(
    reader: impl Read,
    shown: &str,
    limit: u64,
    size_hint: u64,
) -> Result<Vec<u8>, InputError> {
    // One byte more than the file, so reading its end needs no regrowth.
    let capacity = size_hint.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| InputError::Io {
            path: shown.to_owned(),
            error: source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge {
            path: shown.to_owned(),
            size: None,
            limit,
        });
    }
    Ok(bytes)
}

/// A document from its bytes, named `shown`; `path` (absent for standard
/// input) gives the format when the content does not.
pub fn from_bytes(
    shown: String,
    path: Option<&Path>,
    bytes: Vec<u8>,
    limits: &ReadLimits,
    given: Option<Format>,
) -> Result<SourceFile, InputError> {
    if bytes.starts_with(&docx::OLE_SIGNATURE) {
        return Err(docx::ole_error(&shown, &bytes));
    }
    let sniffed = if bytes.starts_with(b"PK\x03\x04") {
        Some(Format::Docx)
    } else if bytes.starts_with(b"%PDF") {
        Some(Format::Pdf)
    } else {
        None
    };
    let binary = given.or(sniffed).or_else(|| {
        path.map(Format::of_path)
            .filter(|f| matches!(f, Format::Docx | Format::Pdf))
    });
    match binary {
        Some(Format::Docx) => {
            let doc = docx::read(&shown, &bytes, limits)?;
            let mut file = SourceFile::from_text(shown, doc.text, Format::Docx);
            file.encoding = "DOCX";
            file.outline = doc.outline;
            file.comments = doc.comments;
            Ok(file)
        }
        Some(Format::Pdf) => {
            let doc = pdf::read(&shown, &bytes, limits)?;
            let mut file = SourceFile::from_text(shown, doc.text, Format::Pdf);
            file.encoding = "PDF";
            file.pages = doc.pages;
            Ok(file)
        }
        _ => {
            let decoded = decode(&shown, bytes)?;
            let format = given.unwrap_or_else(|| match path {
                Some(path) => Format::detect(path, &decoded.text),
                None => Format::sniff(&decoded.text),
            });
            let mut file = SourceFile::from_text(shown, decoded.text, format);
            file.encoding = decoded.encoding;
            file.bom_len = decoded.bom_len;
            Ok(file)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn unnamed_text_is_sniffed_for_markdown() {
        assert_eq!(Format::sniff("Intro\n## 2. Scope\n"), Format::Markdown);
        assert_eq!(Format::sniff("| a | b |\n|---|:--|\n"), Format::Markdown);
        assert_eq!(Format::sniff("<!doctype html><p>x"), Format::Html);
        // A hash without a space, or a number sign in prose, is not a heading.
        assert_eq!(Format::sniff("#hashtag\nItem #4 of 7\n"), Format::PlainText);
        assert_eq!(Format::sniff("Page 3 of 14\n\tcells\n"), Format::PlainText);
    }
}
