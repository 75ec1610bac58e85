//! Where a range of the statement is, in words a reader of the original
//! can find: the headings above it and its paragraph number, and its page.

use super::{BlockKind, Statement};
use std::ops::Range;

/// Longest heading shown in a location, in characters.
const HEADING_CHARS: usize = 60;

impl Statement {
    /// "4. Review of effectiveness › 4.8": the headings above the start of
    /// `range` (outermost first; the title is left out) and the number of
    /// the paragraph it is in. Empty before the first heading of an
    /// unnumbered paragraph.
    pub fn location_of(&self, range: &Range<usize>) -> String {
        let Some(block) = self.block_at(range.start) else {
            return String::new();
        };
        // Sections are in heading order and nest: the last one to start at
        // or before the block holds it, and its parents hold that.
        let innermost = self
            .sections
            .partition_point(|s| s.heading <= block)
            .checked_sub(1);
        let mut chain: Vec<usize> =
            std::iter::successors(innermost, |&s| self.sections[s].parent).collect();
        chain.reverse();
        let mut parts: Vec<String> = chain
            .iter()
            .map(|&s| shorten(self.slice(&self.blocks[self.sections[s].heading].range)))
            .collect();
        let is_heading = matches!(self.blocks[block].kind, BlockKind::Heading { .. });
        // One numbered paragraph per block at most, in block order.
        let numbered = self.paragraphs.partition_point(|p| p.block < block);
        if !is_heading && let Some(p) = self.paragraphs.get(numbered).filter(|p| p.block == block) {
            parts.push(self.slice(&p.number).to_owned());
        }
        parts.join(" › ")
    }

    /// The page (from 1) a clean-text range starts on, for paged documents.
    pub fn page_of(&self, range: &Range<usize>) -> Option<usize> {
        if self.pages.is_empty() {
            return None;
        }
        crate::source::page_at(&self.pages, self.to_source(range).start)
    }

    /// The text of `range`, white space collapsed, as a reader would quote
    /// it; long text is cut at `max` characters with an ellipsis.
    pub fn snippet(&self, range: &Range<usize>, max: usize) -> String {
        let words: Vec<&str> = self.slice(range).split_whitespace().collect();
        cut(&words.join(" "), max)
    }

    /// The block that contains clean-text offset `at`, or the last one that
    /// starts before it.
    fn block_at(&self, at: usize) -> Option<usize> {
        self.blocks
            .partition_point(|b| b.range.start <= at)
            .checked_sub(1)
    }
}

fn shorten(heading: &str) -> String {
    let words: Vec<&str> = heading.split_whitespace().collect();
    cut(&words.join(" "), HEADING_CHARS)
}

fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::parse_text;
    use crate::source::Format;

    const DOC: &str = "# Annual Governance Statement 2023/24\n\n\
        ## 4. Review of effectiveness\n\n\
        4.1 The audit committee met six times.\n\n\
        ### Internal audit\n\n\
        4.2 The Head of Internal Audit gave   a reasonable opinion.\n";

    #[test]
    fn location_names_the_headings_and_the_paragraph_number() {
        let st = parse_text(DOC, Format::Markdown);
        let at = |needle: &str| {
            let i = st.text().find(needle).expect("in the text");
            i..i + needle.len()
        };
        assert_eq!(
            st.location_of(&at("six times")),
            "4. Review of effectiveness › 4.1"
        );
        assert_eq!(
            st.location_of(&at("reasonable")),
            "4. Review of effectiveness › Internal audit › 4.2"
        );
        assert_eq!(st.location_of(&at("Annual")), "");
        assert_eq!(st.snippet(&at("gave   a"), 100), "gave a");
        assert_eq!(st.snippet(&at("The Head of Internal"), 8), "The Head…");
        assert_eq!(st.page_of(&at("six")), None);
    }

    #[test]
    fn pages_count_from_one() {
        let src = "Statement 2023/24\n\nFirst page text.\n\x0cSecond page text.\n";
        let mut file = crate::source::SourceFile::from_text("a.pdf", src, Format::Pdf);
        file.pages = vec![0, src.find("Second").expect("page two")];
        let st = crate::model::Statement::parse(&file, &Default::default());
        let at = |needle: &str| {
            let i = st.text().find(needle).expect("in the text");
            i..i + needle.len()
        };
        assert_eq!(st.page_of(&at("First")), Some(1));
        assert_eq!(st.page_of(&at("Second")), Some(2));
    }
}
