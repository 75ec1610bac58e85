//! HTML front-end: council web pages, and the raw HTML that Markdown
//! exported from Word or a CMS carries (`<p>` paragraphs, centred `<div>`
//! titles, `<br>` in table cells).
//!
//! The page is read in three passes over html5gum's tokens, which carry
//! byte spans: [`tree`] balances the tags (HTML leaves many end tags out) and
//! keeps only statement text, dropping page chrome; [`numbering`] works out
//! the numbers ordered lists show but the text does not carry; [`walk`] turns
//! what is left into blocks. [`emit`] copies text into the clean text,
//! decoding entities and collapsing white space, every piece mapped back to
//! its source bytes.

mod chrome;
mod emit;
mod numbering;
mod tree;
mod walk;

#[cfg(test)]
mod tests;

use super::Block;
use super::blocks::BlockBuilder;
use super::text::CleanText;
use std::ops::Range;

/// Parses a whole HTML document.
pub fn parse(src: &str) -> (CleanText, Vec<Block>) {
    let mut b = BlockBuilder::new(src);
    let chunks = Chunks::whole(src.len());
    push(&mut b, src, &chunks, tree::Mode::Document);
    b.finish()
}

/// Adds an HTML block of a Markdown document to `b`: `lines` are the source
/// ranges of its lines, which need not touch (inside a block quote the `> `
/// prefixes between them are Markdown, not HTML).
pub(crate) fn push_fragment(b: &mut BlockBuilder<'_>, src: &str, lines: &[Range<usize>]) {
    let mut html = String::new();
    let mut runs = Vec::new();
    for line in lines {
        let Some(text) = src.get(line.clone()) else {
            continue;
        };
        runs.push(Run {
            html: html.len(),
            src: line.start,
            len: text.len(),
        });
        html.push_str(text);
    }
    push(b, &html, &Chunks { runs }, tree::Mode::Fragment);
}

fn push(b: &mut BlockBuilder<'_>, html: &str, chunks: &Chunks, mode: tree::Mode) {
    let nodes = tree::nodes(html, mode);
    let numbers = numbering::plan(&nodes);
    walk::Walker::new(b, html, chunks, numbers).run(&nodes);
}

/// One stretch of HTML text that is a verbatim copy of source bytes.
#[derive(Clone, Copy, Debug)]
struct Run {
    html: usize,
    src: usize,
    len: usize,
}

/// Maps offsets in the HTML text being read to offsets in the source file.
#[derive(Clone, Debug)]
pub(super) struct Chunks {
    runs: Vec<Run>,
}

impl Chunks {
    fn whole(len: usize) -> Chunks {
        Chunks {
            runs: vec![Run {
                html: 0,
                src: 0,
                len,
            }],
        }
    }

    /// The source offset of an HTML offset.
    fn src_pos(&self, html: usize) -> usize {
        let i = self
            .runs
            .partition_point(|r| r.html <= html)
            .saturating_sub(1);
        self.runs
            .get(i)
            .map_or(html, |r| r.src + (html - r.html).min(r.len))
    }

    /// The source ranges of an HTML range, split where the runs break.
    fn src_ranges(&self, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        self.runs.iter().filter_map(move |r| {
            let start = range.start.max(r.html);
            let end = range.end.min(r.html + r.len);
            (start < end).then(|| r.src + start - r.html..r.src + end - r.html)
        })
    }
}
