//! Small helpers over quick-xml's streaming reader: errors that name the
//! part, attributes by local name, and the text of text events.
//!
//! Elements are matched by local name ("p", "t"): Word writes the `w:`
//! prefix, but the prefix is the document's choice, the name is not.

use super::unreadable;
use crate::source::InputError;
pub(crate) use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;

/// A part's XML events, checked: an error names the part and the byte
/// where the XML went wrong, and a part that ends with elements still open
/// (a truncated file) is an error too.
pub(crate) struct Events<'a> {
    reader: quick_xml::Reader<&'a [u8]>,
    path: &'a str,
    part: &'a str,
    open: usize,
}

impl<'a> Events<'a> {
    pub fn new(path: &'a str, part: &'a str, text: &'a str) -> Self {
        // The default configuration checks that end tags match their
        // start tags.
        Events {
            reader: quick_xml::Reader::from_str(text),
            path,
            part,
            open: 0,
        }
    }

    /// The byte offset in the part's text where the next event starts.
    pub fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    pub fn next(&mut self) -> Result<Event<'a>, InputError> {
        let event = self.reader.read_event().map_err(|e| {
            self.corrupt(format!(
                "is not well-formed XML (at byte {}: {e})",
                self.reader.error_position()
            ))
        })?;
        match &event {
            Event::Start(_) => self.open += 1,
            Event::End(_) => self.open = self.open.saturating_sub(1),
            Event::Eof if self.open > 0 => {
                return Err(self.corrupt(format!(
                    "ends early, with {} elements not closed (is the file truncated?)",
                    self.open
                )));
            }
            _ => {}
        }
        Ok(event)
    }

    fn corrupt(&self, what: String) -> InputError {
        unreadable(
            self.path,
            format!("the .docx is corrupt: {} {what}", self.part),
            "open the file in Word (it may offer to repair it) and save it again",
        )
    }
}

/// The value of the attribute with this local name (`w:val` is "val").
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.clone().into_owned(), Cow::into_owned)
        })
}

/// `w:val`.
pub(super) fn val(e: &BytesStart<'_>) -> Option<String> {
    attr(e, "val")
}

/// A number-valued `w:val`.
pub(super) fn num_val(e: &BytesStart<'_>) -> Option<u32> {
    val(e)?.trim().parse().ok()
}

/// An on/off property: present without a value, or "true", "1", "on".
pub(super) fn is_on(e: &BytesStart<'_>) -> bool {
    val(e).is_none_or(|v| matches!(v.as_str(), "true" | "1" | "on"))
}

/// The characters a text, character reference or CDATA event stands for.
pub(crate) fn text<'a>(event: &Event<'a>) -> Option<Cow<'a, str>> {
    match event {
        Event::Text(t) => Some(t.xml10_content()),
        Event::CData(t) => Some(t.xml10_content()),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                return Some(Cow::Owned(c.to_string()));
            }
            let name = r.xml10_content();
            quick_xml::escape::resolve_predefined_entity(&name).map(Cow::Borrowed)
        }
        _ => None,
    }
}
