//! Copies HTML text into the clean text: runs of white space become one
//! space, entities are decoded, and every piece maps back to its bytes.

use super::Chunks;
use crate::model::blocks::BlockBuilder;
use html5gum::{Token, Tokenizer};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// HTML white space, or a character reference.
static PIECE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[ \t\n\r\x0C]+|&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)",
    )
    .expect("HTML text piece pattern is valid")
});

/// Appends the text at `span` of `html` to the open block.
pub(super) fn push_text(b: &mut BlockBuilder<'_>, html: &str, chunks: &Chunks, span: Range<usize>) {
    let Some(text) = html.get(span.clone()) else {
        return;
    };
    let mut last = 0;
    for m in PIECE.find_iter(text) {
        verbatim(b, chunks, span.start + last..span.start + m.start());
        let range = span.start + m.start()..span.start + m.end();
        let piece = m.as_str();
        if piece.starts_with('&') {
            entity(b, chunks, piece, range);
        } else if piece == " " && !ends_in_space(b) {
            verbatim(b, chunks, range);
        } else {
            b.space(chunks.src_pos(range.start));
        }
        last = m.end();
    }
    verbatim(b, chunks, span.start + last..span.end);
}

fn verbatim(b: &mut BlockBuilder<'_>, chunks: &Chunks, range: Range<usize>) {
    for src in chunks.src_ranges(range) {
        b.text(src);
    }
}

fn entity(b: &mut BlockBuilder<'_>, chunks: &Chunks, piece: &str, range: Range<usize>) {
    let decoded = decode(piece);
    if decoded == piece {
        verbatim(b, chunks, range);
        return;
    }
    let src = chunks.src_pos(range.start)..chunks.src_pos(range.end - 1) + 1;
    // `&nbsp;` and friends are a space to a reader, and to the rules.
    if decoded.trim().is_empty() {
        if !ends_in_space(b) {
            b.replacement(" ", src);
        }
    } else {
        b.replacement(&decoded, src);
    }
}

/// What a character reference stands for, as the HTML tokenizer reads it.
pub(super) fn decode(reference: &str) -> String {
    let mut out = String::new();
    for token in Tokenizer::new(reference).flatten() {
        if let Token::String(s) = token {
            out.push_str(&String::from_utf8_lossy(&s.value));
        }
    }
    out
}

fn ends_in_space(b: &BlockBuilder<'_>) -> bool {
    let s = b.clean.as_str();
    s.is_empty() || s.ends_with([' ', '\n'])
}
