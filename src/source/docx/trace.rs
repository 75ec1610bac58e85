//! Text that remembers where it came from in the XML, so a finding on the
//! extracted text can be put back on the same words in the .docx
//! (`govlint annotate`).
//!
//! A [`Traced`] string is cut into segments by [`Mark`]s. A segment read
//! straight from a `w:t` text node maps byte for byte onto the node's raw
//! XML; a character written as a reference (`&amp;`) is a one-character
//! segment covering the whole reference; what the reader made up (the
//! space for a tab, a generated "4.8", the tab between cells) maps nowhere.

use std::ops::Range;

/// Where a segment of text starts, and the XML it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the text where the segment starts; it runs to the
    /// next mark, or to the end of the text.
    pub at: usize,
    /// The raw XML the segment was read from, in the part's text; `None`
    /// for text the reader made up.
    pub xml: Option<Range<usize>>,
}

/// A string and the origin of each of its segments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Traced {
    pub text: String,
    marks: Vec<Mark>,
}

impl Traced {
    /// Text read from the XML at `xml`: byte for byte when the lengths
    /// agree, else (a character reference) as one unit.
    pub fn push_xml(&mut self, text: &str, xml: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let at = self.text.len();
        self.text.push_str(text);
        if let Some(last) = self.marks.last_mut()
            && let Some(prev) = last.xml.as_mut()
            && prev.len() == at - last.at
            && prev.end == xml.start
            && xml.len() == text.len()
        {
            prev.end = xml.end;
            return;
        }
        self.marks.push(Mark { at, xml: Some(xml) });
    }

    /// Text the reader made up.
    pub fn push(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.marks.last().is_some_and(|m| m.xml.is_some()) {
            self.marks.push(Mark {
                at: self.text.len(),
                xml: None,
            });
        }
        self.text.push_str(text);
    }

    /// Appends another traced string.
    pub fn append(&mut self, other: &Traced) {
        let shift = self.text.len();
        if other.marks.first().is_none_or(|m| m.at > 0)
            && self.marks.last().is_some_and(|m| m.xml.is_some())
        {
            self.marks.push(Mark {
                at: shift,
                xml: None,
            });
        }
        self.marks.extend(other.marks.iter().map(|m| Mark {
            at: m.at + shift,
            xml: m.xml.clone(),
        }));
        self.text.push_str(&other.text);
    }

    /// The text cleaned as [`super::output::clean`] cleans it, each kept
    /// character keeping its origin (a collapsed run of white space keeps
    /// the origin of its first character).
    pub fn clean(&self) -> Traced {
        let mut out = Traced::default();
        // The segment the characters are in: its mark and where it ends.
        let mut next = 0;
        let mut current: Option<(&Mark, usize)> = None;
        super::output::clean_with(&self.text, |raw_at, raw, shown| {
            while let Some(m) = self.marks.get(next)
                && m.at <= raw_at
            {
                next += 1;
                let end = self.marks.get(next).map_or(self.text.len(), |n| n.at);
                current = Some((m, end));
            }
            let mut buf = [0; 4];
            let shown_text: &str = shown.encode_utf8(&mut buf);
            let Some((mark, end)) = current else {
                out.push(shown_text);
                return;
            };
            match &mark.xml {
                // Byte for byte: the character's own bytes, if it is shown
                // as itself (a no-break space shown as a space is not).
                Some(xml) if xml.len() == end - mark.at => {
                    if raw == shown {
                        let start = xml.start + (raw_at - mark.at);
                        out.push_xml(shown_text, start..start + raw.len_utf8());
                    } else {
                        out.push(shown_text);
                    }
                }
                Some(xml) => out.push_xml(shown_text, xml.clone()),
                None => out.push(shown_text),
            }
        });
        out
    }

    /// The marks, shifted to start at `offset` in a larger text.
    pub fn marks_at(&self, offset: usize) -> impl Iterator<Item = Mark> + '_ {
        let lead = (self.marks.first().is_none_or(|m| m.at > 0) && !self.text.is_empty())
            .then_some(Mark {
                at: offset,
                xml: None,
            });
        lead.into_iter().chain(self.marks.iter().map(move |m| Mark {
            at: m.at + offset,
            xml: m.xml.clone(),
        }))
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

impl From<&str> for Traced {
    /// Text the reader made up.
    fn from(text: &str) -> Self {
        let mut t = Traced::default();
        t.push(text);
        t
    }
}

/// The origins of a whole extracted text: marks in text order, each
/// segment running to the next mark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    pub marks: Vec<Mark>,
    /// Where the text ends.
    pub len: usize,
}

impl Origins {
    /// The XML range of the traced words in `span`: from the start of the
    /// first traced character to the end of the last; `None` when nothing
    /// in the span came from the XML.
    pub fn xml_range(&self, span: Range<usize>) -> Option<Range<usize>> {
        if span.start >= span.end {
            return None;
        }
        let first = self.marks.partition_point(|m| m.at <= span.start).max(1) - 1;
        let mut start = None;
        let mut end = None;
        for (i, m) in self.marks.iter().enumerate().skip(first) {
            if m.at >= span.end {
                break;
            }
            let seg_end = self.marks.get(i + 1).map_or(self.len, |n| n.at);
            let Some(xml) = &m.xml else { continue };
            let from = span.start.max(m.at);
            let to = span.end.min(seg_end);
            if from >= to {
                continue;
            }
            let exact = xml.len() == seg_end - m.at;
            if start.is_none() {
                start = Some(if exact {
                    xml.start + (from - m.at)
                } else {
                    xml.start
                });
            }
            end = Some(if exact {
                xml.start + (to - m.at)
            } else {
                xml.end
            });
        }
        Some(start?..end?)
    }

    /// The XML just after the last traced character before `offset`, or
    /// else just before the first after it: where to point at text that
    /// was not traced.
    pub fn xml_near(&self, offset: usize) -> Option<usize> {
        let before = self.marks.partition_point(|m| m.at < offset);
        let seg_end = |i: usize| self.marks.get(i + 1).map_or(self.len, |n| n.at);
        let traced = |i: &usize| {
            let m = &self.marks[*i];
            m.xml.is_some() && seg_end(*i) > m.at
        };
        if let Some(i) = (0..before).rev().find(traced) {
            let m = &self.marks[i];
            let end = seg_end(i).min(offset);
            return self.xml_range(m.at..end).map(|r| r.end);
        }
        let i = (before..self.marks.len()).find(traced)?;
        self.xml_range(self.marks[i].at..seg_end(i))
            .map(|r| r.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_read_in_pieces_keeps_one_mark_while_the_xml_runs_on() {
        let mut t = Traced::default();
        t.push_xml("Audit ", 10..16);
        t.push_xml("Committee", 16..25);
        t.push(" ");
        t.push_xml("&", 30..35);
        assert_eq!(t.text, "Audit Committee &");
        assert_eq!(
            t.marks,
            vec![
                Mark {
                    at: 0,
                    xml: Some(10..25)
                },
                Mark { at: 15, xml: None },
                Mark {
                    at: 16,
                    xml: Some(30..35)
                },
            ]
        );
    }

    #[test]
    fn cleaning_keeps_each_word_on_its_xml() {
        let mut t = Traced::default();
        t.push_xml("  The  council", 100..114);
        t.push(" ");
        t.push_xml("met", 200..203);
        let clean = t.clean();
        assert_eq!(clean.text, "The council met");
        let origins = Origins {
            marks: clean.marks_at(0).collect(),
            len: clean.text.len(),
        };
        // "council" is at 4..11 in the clean text, 107..114 in the XML.
        assert_eq!(origins.xml_range(4..11), Some(107..114));
        assert_eq!(origins.xml_range(12..15), Some(200..203));
        // Across the made-up space: from the first word to the last.
        assert_eq!(origins.xml_range(0..15), Some(102..203));
    }

    #[test]
    fn a_reference_is_one_unit_and_made_up_text_maps_nowhere() {
        let mut t = Traced::default();
        t.push("4.8 ");
        t.push_xml("A", 50..51);
        t.push_xml("&", 51..56);
        t.push_xml("B", 56..57);
        let origins = Origins {
            marks: t.marks_at(0).collect(),
            len: t.text.len(),
        };
        assert_eq!(origins.xml_range(0..3), None);
        assert_eq!(origins.xml_range(5..6), Some(51..56));
        assert_eq!(origins.xml_range(0..7), Some(50..57));
    }

    #[test]
    fn appended_text_is_shifted() {
        let mut cell = Traced::default();
        cell.push_xml("Leader", 5..11);
        let mut row = Traced::default();
        row.push("x");
        row.append(&cell);
        let origins = Origins {
            marks: row.marks_at(10).collect(),
            len: 10 + row.text.len(),
        };
        assert_eq!(origins.xml_range(11..17), Some(5..11));
        assert_eq!(origins.xml_range(10..11), None);
    }
}
