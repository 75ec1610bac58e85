//! How far a section's heading speaks for the text under it.
//!
//! A heading lost in drafting leaves its paragraphs under the section
//! before: paragraphs 2.1 and 2.2 under "1. Scope of responsibility" belong
//! to section 2, whatever its heading said. Where the section and its
//! paragraphs are both numbered, the heading speaks only up to the first
//! paragraph numbered for another section.

use super::Statement;
use std::ops::Range;

impl Statement {
    /// The part of section `i` its heading speaks for: the whole section,
    /// or up to its first paragraph whose number ("2.1") starts with another
    /// section number than the heading's ("1.").
    pub fn heading_extent(&self, i: usize) -> Range<usize> {
        let section = &self.sections[i];
        let whole = section.range.clone();
        let Some(own) = section
            .number
            .as_ref()
            .and_then(|n| leading_number(self.slice(n)))
        else {
            return whole;
        };
        let first = self
            .paragraphs
            .partition_point(|p| p.block < section.blocks.start);
        let lost = self.paragraphs[first..]
            .iter()
            .take_while(|p| p.block < section.blocks.end)
            .find(|p| {
                let number = self.slice(&p.number);
                number.trim_end_matches('.').contains('.')
                    && leading_number(number).is_some_and(|n| n != own)
            });
        match lost {
            Some(p) => whole.start..self.blocks[p.block].range.start.max(whole.start),
            None => whole,
        }
    }
}

/// The number a section or paragraph number starts with: 2 in "2.1",
/// "2." and "Section 2"; none in "A2" or "Appendix A".
fn leading_number(number: &str) -> Option<u32> {
    let lower = number.to_ascii_lowercase();
    let digits = ["section", "part"]
        .iter()
        .find_map(|word| lower.strip_prefix(word))
        .map_or(lower.as_str(), str::trim_start);
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParseOptions;
    use crate::source::{Format, SourceFile};

    fn statement(text: &str) -> Statement {
        let source = SourceFile::from_text("t.md", text.to_owned(), Format::Markdown);
        Statement::parse(&source, &ParseOptions::default())
    }

    #[test]
    fn a_heading_stops_at_paragraphs_numbered_for_another_section() {
        let text =
            "# Statement\n\n## 1. Scope\n\n1.1 Ours.\n\n2.1 Lost.\n\n## 3. Review\n\n3.1 Done.\n";
        let st = statement(text);
        let extents: Vec<&str> = (0..st.sections.len())
            .map(|i| st.slice(&st.heading_extent(i)).trim_end())
            .collect();
        assert_eq!(extents, ["1. Scope\n\n1.1 Ours.", "3. Review\n\n3.1 Done."]);
    }

    #[test]
    fn otherwise_a_heading_speaks_for_its_whole_section() {
        let text = "# Statement\n\n## 2. Scope\n\n2.1 Ours.\n\n1. A list.\n\n## Review\n\n4.1 Unnumbered heading.\n";
        let st = statement(text);
        for i in 0..st.sections.len() {
            assert_eq!(st.heading_extent(i), st.sections[i].range);
        }
    }

    #[test]
    fn leading_numbers() {
        assert_eq!(leading_number("2.1"), Some(2));
        assert_eq!(leading_number("12."), Some(12));
        assert_eq!(leading_number("Section 4"), Some(4));
        assert_eq!(leading_number("A2"), None);
        assert_eq!(leading_number("Appendix A"), None);
    }
}
