//! PDF reader: the text layer, page by page, in reading order.
//!
//! pdf-extract (over lopdf) decodes fonts and content streams and hands
//! over each glyph with its position ([`glyphs`]); [`layout`] rebuilds
//! lines, paragraphs and table rows from the positions. pdf-extract panics
//! on some malformed files and trusts its input, so it runs on a thread of
//! its own with a large stack, each page behind `catch_unwind`, after
//! [`guard`] has checked what it would unpack and follow.

mod glyphs;
mod guard;
mod layout;
mod running;
mod table;
#[cfg(test)]
mod tests;

use super::{InputError, ReadLimits};
use glyphs::{Collector, Page};
use pdf_extract::Document;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A PDF's text.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The text of every page, pages separated by a form feed (`\x0c`), as
    /// `pdftotext` writes it, so the plain-text front-end reads it.
    pub text: String,
    /// The byte offset in `text` where each page starts.
    pub pages: Vec<usize>,
}

/// Most pages read from one document.
const MAX_PAGES: usize = 5_000;
/// Most glyphs read from one document (about 2,000 dense pages).
const MAX_GLYPHS: usize = 5_000_000;
/// The reader thread's name; its panics are not printed.
const THREAD: &str = "govlint-pdf-reader";
const STACK: usize = 64 << 20;

/// Why a PDF gave no text.
#[derive(Debug)]
enum Failure {
    Encrypted,
    Unreadable(String),
}

/// Reads a PDF file's bytes.
pub fn read(path: &str, bytes: &[u8], limits: &ReadLimits) -> Result<Extracted, InputError> {
    let unreadable = |reason: String| InputError::Unreadable {
        path: path.to_owned(),
        reason,
        help:
            "open it in a PDF viewer and save or export it as a new PDF, or check the Word original"
                .into(),
    };
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(unreadable(
            "this is not a PDF file (no %PDF- header)".into(),
        ));
    }
    quiet_reader_panics();
    let budget = limits.max_unpacked_size;
    let outcome = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name(THREAD.into())
            .stack_size(STACK)
            .spawn_scoped(scope, || pages(bytes, budget, MAX_GLYPHS))
            .map(|handle| handle.join())
    });
    let pages = match outcome {
        Ok(Ok(Ok(pages))) => pages,
        Ok(Ok(Err(Failure::Encrypted))) => {
            return Err(InputError::Encrypted {
                path: path.to_owned(),
            });
        }
        Ok(Ok(Err(Failure::Unreadable(reason)))) => return Err(unreadable(reason)),
        Ok(Err(_panic)) => return Err(unreadable("the PDF is malformed".into())),
        Err(e) => return Err(unreadable(format!("could not start the PDF reader: {e}"))),
    };
    let extracted = assemble(&pages);
    if extracted.text.trim().is_empty() {
        return Err(InputError::Scanned {
            path: path.to_owned(),
        });
    }
    Ok(extracted)
}

/// The text of each page, separated by form feeds.
fn assemble(pages: &[Page]) -> Extracted {
    let mut lines: Vec<Vec<layout::Line>> = pages.iter().map(layout::lines).collect();
    running::strip(&mut lines);
    let mut lines: Vec<Vec<layout::Line>> =
        lines.into_iter().map(table::merge_wrapped_cells).collect();
    table::join_across_pages(&mut lines);
    let mut out = Extracted::default();
    for (i, page) in lines.iter().enumerate() {
        if i > 0 {
            out.text.push('\x0c');
        }
        out.pages.push(out.text.len());
        out.text.push_str(&layout::text(page));
    }
    out
}

/// Every page's glyphs, refusing a document that draws more than
/// `max_glyphs` characters (the extracted text is bounded by it).
fn pages(bytes: &[u8], budget: u64, max_glyphs: usize) -> Result<Vec<Page>, Failure> {
    let mut doc = Document::load_mem(bytes)
        .map_err(|e| Failure::Unreadable(format!("the PDF is damaged or truncated ({e})")))?;
    if doc.is_encrypted() {
        // A PDF with only an owner password (restricting printing or
        // copying) opens with the empty user password: read it.
        doc.decrypt("").map_err(|_| Failure::Encrypted)?;
    }
    let count = doc.page_iter().take(MAX_PAGES + 1).count();
    if count == 0 {
        return Err(Failure::Unreadable("the PDF has no pages".into()));
    }
    if count > MAX_PAGES {
        return Err(Failure::Unreadable(format!(
            "the PDF has more than {MAX_PAGES} pages"
        )));
    }
    guard::unpacked_size_within(&doc, budget).map_err(Failure::Unreadable)?;
    guard::forms_are_acyclic(&doc).map_err(Failure::Unreadable)?;
    let mut collector = Collector::new(max_glyphs);
    let mut failed = 0;
    for number in 1..=count as u32 {
        let before = collector.pages.len();
        let drawn = catch_unwind(AssertUnwindSafe(|| {
            pdf_extract::output_doc_page(&doc, &mut collector, number)
        }));
        match drawn {
            Ok(Ok(())) => {}
            Ok(Err(e)) if e.to_string().contains(glyphs::TOO_MANY_GLYPHS) => {
                return Err(Failure::Unreadable(format!(
                    "the PDF draws more than {max_glyphs} characters"
                )));
            }
            // A page that cannot be drawn loses its text, not the document's.
            Ok(Err(_)) | Err(_) => failed += 1,
        }
        // Exactly one page per page number, whatever happened.
        collector.pages.truncate(before + 1);
        collector.pages.resize_with(before + 1, Page::default);
    }
    if failed == count {
        return Err(Failure::Unreadable(
            "no page of the PDF could be read".into(),
        ));
    }
    Ok(collector.pages)
}

/// Keeps panics on the reader thread (caught, and reported as an unreadable
/// file) off the terminal; other threads' panics print as before.
fn quiet_reader_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(THREAD) {
                previous(info);
            }
        }));
    });
}
