//! Paragraph styles (word/styles.xml): which make headings, which carry
//! automatic numbering, which are a table of contents.
//!
//! A style inherits from the style it is `basedOn`, so a council's own
//! "AGS Heading" based on Heading 2 is a level-2 heading too.

use super::xml::{self, Event};
use crate::source::InputError;
use std::collections::HashMap;

/// A reference to a numbering definition: `w:numPr`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct NumRef {
    /// `w:numId`; 0 turns numbering off.
    pub num_id: Option<u32>,
    /// `w:ilvl`, the list level from 0.
    pub ilvl: Option<u8>,
}

#[derive(Clone, Debug, Default)]
struct Style {
    /// `w:name`, lower-cased: "heading 1", "title", "toc 2".
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    num: Option<NumRef>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
    /// The style of a paragraph that names none.
    default_paragraph: Option<String>,
}

/// How far a `basedOn` chain is followed: Word's own chains are short,
/// and a loop must not hang the reader.
const MAX_CHAIN: usize = 32;

impl Styles {
    pub fn parse(path: &str, part: &str, text: &str) -> Result<Styles, InputError> {
        let mut styles = Styles::default();
        let mut events = xml::Events::new(path, part, text);
        // The paragraph style being read: its id and what it says so far.
        let mut current: Option<(String, Style)> = None;
        loop {
            match events.next()? {
                Event::Start(e) if e.local_name().as_ref() == "style" => {
                    let paragraph = xml::attr(&e, "type").is_none_or(|t| t == "paragraph");
                    if let (true, Some(id)) = (paragraph, xml::attr(&e, "styleId")) {
                        if xml::attr(&e, "default").is_some_and(|d| d == "1" || d == "true") {
                            styles.default_paragraph = Some(id.clone());
                        }
                        current = Some((id, Style::default()));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "style" => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                Event::Start(e) | Event::Empty(e) => {
                    let Some((_, style)) = current.as_mut() else {
                        continue;
                    };
                    match e.local_name().as_ref() {
                        "name" => style.name = xml::val(&e).unwrap_or_default().to_lowercase(),
                        "basedOn" => style.based_on = xml::val(&e),
                        "outlineLvl" => {
                            style.outline_level =
                                xml::num_val(&e).and_then(|v| u8::try_from(v).ok());
                        }
                        "numPr" => style.num = Some(style.num.unwrap_or_default()),
                        "numId" => style.num.get_or_insert_default().num_id = xml::num_val(&e),
                        "ilvl" => {
                            style.num.get_or_insert_default().ilvl =
                                xml::num_val(&e).and_then(|v| u8::try_from(v).ok());
                        }
                        _ => {}
                    }
                }
                Event::Eof => return Ok(styles),
                _ => {}
            }
        }
    }

    /// The style and the styles it is based on, nearest first.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = (&'a str, &'a Style)> {
        let mut next = id.or(self.default_paragraph.as_deref());
        std::iter::from_fn(move || {
            let id = next?;
            let style = self.by_id.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
        .take(MAX_CHAIN)
    }

    /// The heading level (1 = title level) a paragraph of this style has,
    /// if the style makes headings: its outline level, or a built-in
    /// heading name, through the `basedOn` chain.
    pub fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        for (style_id, style) in self.chain(id) {
            if let Some(level) = style.outline_level {
                // Outline level 9 is Word's "body text".
                return (level < 9).then_some(level + 1);
            }
            if let Some(level) = heading_name(&style.name).or_else(|| heading_name(style_id)) {
                return Some(level);
            }
        }
        None
    }

    /// The numbering a paragraph of this style gets from the style.
    pub fn numbering(&self, id: Option<&str>) -> Option<NumRef> {
        self.chain(id).find_map(|(_, style)| style.num)
    }

    /// The id of the style a paragraph with `id` (or none) has.
    pub fn resolve<'a>(&'a self, id: Option<&'a str>) -> Option<&'a str> {
        id.or(self.default_paragraph.as_deref())
    }

    /// A table-of-contents entry style ("TOC 1"): navigation, not text.
    pub fn is_contents(&self, id: Option<&str>) -> bool {
        self.chain(id).any(|(style_id, style)| {
            let name = if style.name.is_empty() {
                style_id
            } else {
                &style.name
            };
            let name = name.to_ascii_lowercase();
            name == "toc heading"
                || name
                    .strip_prefix("toc")
                    .is_some_and(|n| n.trim().parse::<u8>().is_ok())
        })
    }

    /// A list style ("List Number", "List Paragraph"): its numbered
    /// paragraphs are list items.
    pub fn is_list(&self, id: Option<&str>) -> bool {
        self.chain(id)
            .any(|(style_id, style)| style.name.starts_with("list") || style_id.starts_with("List"))
    }
}

/// "heading 3" or "Heading3" → 3; "title" → 1; "subtitle" → 2.
fn heading_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "title" => return Some(1),
        "subtitle" => return Some(2),
        _ => {}
    }
    let level: u8 = lower.strip_prefix("heading")?.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
        <w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
      <w:style w:type="paragraph" w:styleId="AGSSection"><w:name w:val="AGS Section"/><w:basedOn w:val="Heading1"/></w:style>
      <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
      <w:style w:type="paragraph" w:styleId="Quiet"><w:name w:val="Quiet"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr><w:basedOn w:val="Heading1"/></w:style>
      <w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/></w:style>
      <w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="Heading 1 Char"/></w:style>
    </w:styles>"#;

    #[test]
    fn headings_come_from_names_outline_levels_and_based_on_chains() {
        let s = Styles::parse("a.docx", "word/styles.xml", STYLES).expect("parses");
        assert_eq!(s.heading_level(Some("Heading1")), Some(1));
        assert_eq!(s.heading_level(Some("berschrift2")), Some(2));
        assert_eq!(s.heading_level(Some("AGSSection")), Some(1));
        assert_eq!(s.heading_level(Some("Title")), Some(1));
        assert_eq!(s.heading_level(Some("Quiet")), None);
        assert_eq!(s.heading_level(Some("Loop")), None);
        assert_eq!(s.heading_level(None), None);
        assert_eq!(s.heading_level(Some("Heading1Char")), None);
        assert!(s.is_contents(Some("TOC2")));
        assert!(!s.is_contents(Some("Heading1")));
        assert_eq!(
            s.numbering(Some("AGSSection")),
            Some(NumRef {
                num_id: Some(3),
                ilvl: None
            })
        );
        assert_eq!(s.numbering(None), None);
    }
}
