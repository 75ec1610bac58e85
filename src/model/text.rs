//! The clean text of a statement and its map back to source bytes.
//!
//! Rules match against clean text: Markdown markup, page headers and footers,
//! footnote markers, stray HTML tags and mojibake are gone, line breaks inside
//! a paragraph are spaces, and blocks are separated by a blank line. Every
//! byte of clean text maps back to a byte range of the original file, so a
//! diagnostic can point at the words the author wrote.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One run of clean text and the source bytes it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Segment {
    clean_start: usize,
    src: Range<usize>,
    /// The clean bytes equal the source bytes, so offsets map one to one.
    verbatim: bool,
}

/// Clean text plus the segments that map it back to the source.
#[derive(Clone, Debug, Default)]
pub struct CleanText {
    text: String,
    segments: Vec<Segment>,
}

/// Mojibake from UTF-8 read as Windows-1252, footnote markers, ligatures and
/// stray HTML tags: all dropped or repaired in one scan.
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"Ã¢â‚¬â„¢|Ã¢â‚¬Å“|Ã¢â‚¬\u{9d}|Ã¢â‚¬â€œ|â€[™˜œ“”\u{9d}]|Â£|Â\u{a0}|Â |Ã©",
        r"|[¹²³⁴⁵⁶⁷⁸⁹⁰]+",
        // Ligatures from PDF text layers: "eﬀective" is "effective".
        r"|[\u{FB00}-\u{FB06}]",
        r"|</?(?i:p|br|span|div|strong|em|b|i|u|td|tr|th|font)(?-u:\b)[^>]{0,200}>",
        r"|<!--.*?-->",
    ))
    .expect("noise pattern is valid")
});

fn repair(noise: &str) -> &'static str {
    match noise {
        "â€™" | "Ã¢â‚¬â„¢" => "’",
        "Ã¢â‚¬Å“" => "“",
        "Ã¢â‚¬\u{9d}" => "”",
        "Ã¢â‚¬â€œ" => "–",
        "â€˜" => "‘",
        "â€œ" => "“",
        "â€\u{9d}" => "”",
        "â€“" => "–",
        "â€”" => "—",
        "Â£" => "£",
        "Â\u{a0}" | "Â " => " ",
        "Ã©" => "é",
        "\u{FB00}" => "ff",
        "\u{FB01}" => "fi",
        "\u{FB02}" => "fl",
        "\u{FB03}" => "ffi",
        "\u{FB04}" => "ffl",
        "\u{FB05}" | "\u{FB06}" => "st",
        _ => "",
    }
}

impl CleanText {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Frees the room left over from appending.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.segments.shrink_to_fit();
    }

    /// Appends `source[range]`, repairing mojibake and dropping footnote
    /// markers and HTML tags.
    pub fn push_source(&mut self, source: &str, range: Range<usize>) {
        let Some(slice) = source.get(range.clone()) else {
            return;
        };
        // Every kind of noise starts with a non-ASCII byte or `<`.
        if !slice.bytes().any(|b| b >= 0x80 || b == b'<') {
            self.push_verbatim(range, slice);
            return;
        }
        let mut last = 0;
        for m in NOISE.find_iter(slice) {
            self.push_verbatim(
                range.start + last..range.start + m.start(),
                &slice[last..m.start()],
            );
            let fixed = repair(m.as_str());
            if !fixed.is_empty() {
                self.push_replacement(fixed, range.start + m.start()..range.start + m.end());
            }
            last = m.end();
        }
        self.push_verbatim(range.start + last..range.end, &slice[last..]);
    }

    fn push_verbatim(&mut self, src: Range<usize>, text: &str) {
        if text.is_empty() {
            return;
        }
        // Extend the previous segment when the source is contiguous.
        if let Some(last) = self.segments.last_mut()
            && last.verbatim
            && last.src.end == src.start
            && last.clean_start + (last.src.end - last.src.start) == self.text.len()
        {
            last.src.end = src.end;
        } else {
            self.segments.push(Segment {
                clean_start: self.text.len(),
                src,
                verbatim: true,
            });
        }
        self.text.push_str(text);
    }

    /// Appends text that stands for `src` but differs from it (an entity, a
    /// repaired character, a line break turned into a space).
    pub fn push_replacement(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.segments.push(Segment {
            clean_start: self.text.len(),
            src,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Appends a separator that has no source of its own (between blocks or
    /// table cells); it maps to the source position `at`.
    pub fn push_separator(&mut self, text: &str, at: usize) {
        self.push_replacement(text, at..at);
    }

    /// Drops a trailing `-` that came verbatim from the source: the hyphen
    /// of a word broken at a line end ("govern-" + "ance").
    pub fn drop_trailing_hyphen(&mut self) -> bool {
        let Some(last) = self.segments.last_mut() else {
            return false;
        };
        if !last.verbatim || !self.text.ends_with('-') {
            return false;
        }
        self.text.pop();
        last.src.end -= 1;
        if last.src.is_empty() {
            self.segments.pop();
        }
        true
    }

    /// Ends the current block unless the text already ends with a blank line.
    pub fn end_block(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            let sep = if self.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            self.push_separator(sep, at);
        }
    }

    /// The source offset of a clean offset, as the start of a span.
    pub fn source_start(&self, clean: usize) -> usize {
        self.locate(clean, false)
    }

    /// The source offset of a clean offset, as the end of a span.
    pub fn source_end(&self, clean: usize) -> usize {
        self.locate(clean, true)
    }

    /// The source byte range of a clean byte range.
    pub fn to_source(&self, clean: &Range<usize>) -> Range<usize> {
        let start = self.source_start(clean.start);
        let end = self.source_end(clean.end).max(start);
        start..end
    }

    fn locate(&self, clean: usize, is_end: bool) -> usize {
        // For an end offset, the byte *before* it decides the segment.
        let probe = if is_end {
            clean.saturating_sub(1)
        } else {
            clean
        };
        let idx = self
            .segments
            .partition_point(|s| s.clean_start <= probe)
            .saturating_sub(1);
        let Some(seg) = self.segments.get(idx) else {
            return 0;
        };
        if seg.verbatim {
            let off = clean.saturating_sub(seg.clean_start);
            (seg.src.start + off).min(seg.src.end)
        } else if is_end && clean > seg.clean_start {
            seg.src.end
        } else {
            seg.src.start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_offsets_map_one_to_one() {
        let src = "Hello world. Goodbye.";
        let mut c = CleanText::default();
        c.push_source(src, 0..11);
        c.push_separator("\n\n", 11);
        c.push_source(src, 13..21);
        assert_eq!(c.as_str(), "Hello world\n\nGoodbye.");
        let g = c.as_str().find("Goodbye").unwrap_or(0);
        assert_eq!(c.to_source(&(g..g + 7)), 13..20);
        assert_eq!(&src[c.to_source(&(6..11))], "world");
    }

    #[test]
    fn noise_is_dropped_or_repaired_and_spans_survive() {
        let src = "The council¹ didnâ€™t use <p>reserves</p>; the councilÃ¢â‚¬â„¢s.";
        let mut c = CleanText::default();
        c.push_source(src, 0..src.len());
        assert_eq!(
            c.as_str(),
            "The council didn’t use reserves; the council’s."
        );
        let r = c.as_str().find("reserves").unwrap_or(0);
        assert_eq!(&src[c.to_source(&(r..r + 8))], "reserves");
        let d = c.as_str().find("didn’t").unwrap_or(0);
        assert_eq!(&src[c.to_source(&(d..d + "didn’t".len()))], "didnâ€™t");
    }

    #[test]
    fn ligatures_are_decomposed_and_map_back() {
        let src = "The o\u{FB03}cer con\u{FB01}rmed the e\u{FB00}ect.";
        let mut c = CleanText::default();
        c.push_source(src, 0..src.len());
        assert_eq!(c.as_str(), "The officer confirmed the effect.");
        let o = c.as_str().find("officer").unwrap_or(0);
        assert_eq!(&src[c.to_source(&(o..o + 7))], "o\u{FB03}cer");
    }

    #[test]
    fn a_footnote_marker_after_a_year_is_dropped_not_glued() {
        let src = "the Regulations 2015\u{b9}, which";
        let mut c = CleanText::default();
        c.push_source(src, 0..src.len());
        assert_eq!(c.as_str(), "the Regulations 2015, which");
    }

    #[test]
    fn a_line_end_hyphen_can_be_dropped() {
        let src = "govern-\nance";
        let mut c = CleanText::default();
        c.push_source(src, 0..7);
        assert!(c.drop_trailing_hyphen());
        c.push_source(src, 8..12);
        assert_eq!(c.as_str(), "governance");
        assert_eq!(&src[c.to_source(&(0..10))], "govern-\nance");
    }

    #[test]
    fn html_comments_are_not_text() {
        let src = "<!-- expect: x -->Text";
        let mut c = CleanText::default();
        c.push_source(src, 0..src.len());
        assert_eq!(c.as_str(), "Text");
    }
}
