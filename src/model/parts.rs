//! The parts a statement contains, for resolving its internal references.
//!
//! "See section 4", "paragraph 4.2", "Appendix A" and "Annex 1" resolve when
//! the statement has such a part. Sections are numbered in many ways ("4.",
//! "4 Review", "Section 4 –", "Part 4:"), and numbered paragraphs imply their
//! section ("4.2" means there is a section 4). Appendices, annexes and
//! schedules are one kind of part — the material attached at the end — and
//! are found by their headings, or by a short line that starts with the
//! word where a converted document lost its heading styles.

use super::{BlockKind, Statement};
use regex::Regex;
use std::sync::LazyLock;

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PartKind {
    /// A section or a numbered paragraph: "section 4", "paragraph 4.2".
    Numbered,
    /// An appendix, annex or schedule.
    Attachment,
}

impl PartKind {
    /// The kind a reference word names ("section", "Annex", "para.").
    pub fn of_word(word: &str) -> PartKind {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        match w.as_str() {
            "appendix" | "appendices" | "annex" | "annexe" | "annexes" | "schedule" => {
                PartKind::Attachment
            }
            _ => PartKind::Numbered,
        }
    }
}

/// A part the statement contains, with its label as written in upper case
/// ("4", "4.2", "A", "1").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Part {
    pub kind: PartKind,
    pub label: String,
    /// The heading or block that introduces it.
    pub block: usize,
}

/// "4", "4.2.1", "Section 4", "Part 4", "Appendix A", "Annex 1", "Schedule 2"
/// at the start of a heading or line.
static PART_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[*_\s]*(?:(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})\b\.?|(?P<word>section|part|appendix|annexe?|schedule)\s+(?P<label>[A-Z]{1,2}|\d{1,2}(?:\.\d{1,2})?)\b)")
        .expect("part start pattern is valid")
});

/// Finds the parts of a statement, sorted and without repeats.
pub(super) fn find(st: &Statement) -> Vec<Part> {
    let mut parts = Vec::new();
    for (i, block) in st.blocks.iter().enumerate() {
        let text = st.slice(&block.range);
        let standalone = match block.kind {
            BlockKind::Heading { .. } => true,
            // A short line that is not a sentence: a heading that lost its style.
            BlockKind::Paragraph => {
                text.len() <= 100 && !text.trim_end().ends_with(['.', ';', ','])
            }
            _ => false,
        };
        if !standalone {
            continue;
        }
        let Some(caps) = PART_START.captures(text) else {
            continue;
        };
        if let Some(num) = caps.name("num") {
            // A bare number starts a part only in a heading.
            if matches!(block.kind, BlockKind::Heading { .. }) {
                push_numbered(&mut parts, num.as_str(), i);
            }
        } else if let (Some(word), Some(label)) = (caps.name("word"), caps.name("label")) {
            match PartKind::of_word(word.as_str()) {
                PartKind::Numbered => push_numbered(&mut parts, label.as_str(), i),
                kind => parts.push(Part {
                    kind,
                    label: label.as_str().to_ascii_uppercase(),
                    block: i,
                }),
            }
        }
    }
    for p in &st.paragraphs {
        push_numbered(&mut parts, st.slice(&p.number), p.block);
    }
    parts.sort();
    parts.dedup_by(|a, b| a.kind == b.kind && a.label == b.label);
    parts
}

/// A number and the numbers it implies: "4.2.1" means 4.2 and 4 exist too.
fn push_numbered(parts: &mut Vec<Part>, number: &str, block: usize) {
    let number = number.trim_end_matches('.');
    let mut end = number.len();
    loop {
        parts.push(Part {
            kind: PartKind::Numbered,
            label: number[..end].to_ascii_uppercase(),
            block,
        });
        match number[..end].rfind('.') {
            Some(dot) => end = dot,
            None => break,
        }
    }
}

impl Statement {
    /// Whether the statement contains the part a reference names: `word` is
    /// the reference's word ("section", "Annex"), `label` its number or
    /// letter ("4.2", "A").
    pub fn has_part(&self, word: &str, label: &str) -> bool {
        let kind = PartKind::of_word(word);
        let label = label.trim().trim_end_matches('.').to_ascii_uppercase();
        // `parts` is sorted by kind, then label: a binary search keeps a
        // statement with thousands of references linear.
        let at = self
            .parts
            .partition_point(|p| (p.kind, p.label.as_str()) < (kind, label.as_str()));
        self.parts
            .get(at)
            .is_some_and(|p| p.kind == kind && p.label == label)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::parse_text as parse;
    use crate::source::Format;

    #[test]
    fn sections_in_every_usual_heading_form() {
        let st = parse(
            "# AGS 2024/25\n\n## Section 2 – Scope\n\nText.\n\n## 3. Framework\n\nText.\n\n## Part 5: Issues\n\n6.1 A numbered paragraph.\n",
            Format::Markdown,
        );
        for n in ["2", "3", "5", "6", "6.1"] {
            assert!(st.has_part("section", n), "section {n}");
        }
        assert!(st.has_part("paragraph", "6.1"));
        assert!(!st.has_part("section", "4"));
        assert!(!st.has_part("paragraph", "6.2"));
    }

    #[test]
    fn appendices_and_annexes_are_one_kind() {
        let st = parse(
            "# AGS 2024/25\n\nSee Annex 1.\n\n## Annex 1 – Action plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n**Appendix B: Sources of assurance**\n\nThe sources are listed below in full.\n",
            Format::Markdown,
        );
        assert!(st.has_part("Annex", "1"));
        assert!(st.has_part("appendix", "1"));
        assert!(st.has_part("Appendix", "b"));
        assert!(!st.has_part("annex", "2"));
        // A sentence that mentions an annex does not make one.
        let st = parse(
            "# AGS\n\nThe plan is in Annex 3 of the Budget Book.\n",
            Format::Markdown,
        );
        assert!(!st.has_part("annex", "3"));
    }

    #[test]
    fn plain_text_headings() {
        let st = parse(
            "Annual Governance Statement 2023/24\n\n7 Significant governance issues\n\nText of the section.\n\nAnnex A  Progress on last year's issues\n\nText.\n",
            Format::PlainText,
        );
        assert!(st.has_part("section", "7"));
        assert!(st.has_part("annex", "A"));
    }
}
