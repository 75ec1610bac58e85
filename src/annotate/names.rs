//! WordprocessingML names as a part spells them. Word writes the `w:`
//! prefix, but a part may bind another, or none (a default namespace); the
//! markup govlint adds uses the part's own prefix, or declares its own.

use super::body::Point;

/// The WordprocessingML namespace (transitional OOXML, what Word writes).
pub const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same namespace in strict OOXML.
const WORD_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Names {
    /// The prefix the root element binds to WordprocessingML ("w").
    prefix: Option<String>,
    /// The root element makes WordprocessingML the default namespace.
    default_word: bool,
    /// The namespace bound (transitional or strict).
    namespace: String,
}

impl Names {
    /// The names of a part govlint writes itself: `w:` bound to
    /// `namespace` on its root.
    pub fn with_w_prefix(namespace: &str) -> Names {
        Names {
            prefix: Some("w".into()),
            default_word: false,
            namespace: namespace.to_owned(),
        }
    }

    /// The names a part's root element declares.
    pub fn of_part(text: &str) -> Names {
        let mut names = Names {
            prefix: None,
            default_word: false,
            namespace: WORD_NS.to_owned(),
        };
        let mut reader = quick_xml::Reader::from_str(text);
        let root = loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    break e;
                }
                Ok(quick_xml::events::Event::Eof) | Err(_) => return names,
                Ok(_) => {}
            }
        };
        for a in root.attributes().flatten() {
            let value: &str = a.value.as_ref();
            if value != WORD_NS && value != WORD_NS_STRICT {
                continue;
            }
            let key: &str = a.key.as_ref();
            if key == "xmlns" {
                names.default_word = true;
                names.namespace = value.to_owned();
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                names.prefix = Some(prefix.to_owned());
                names.namespace = value.to_owned();
            }
        }
        names
    }

    /// The WordprocessingML namespace the part uses.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// Whether an element named `qname` is in WordprocessingML. When the
    /// root binds no prefix to it, every element is taken to be (as the
    /// reader takes them, by local name).
    pub fn is_word(&self, qname: &str) -> bool {
        let prefix = qname.split_once(':').map(|(p, _)| p);
        match (&self.prefix, prefix) {
            (Some(bound), Some(given)) => bound == given,
            (_, None) => self.default_word || self.prefix.is_none(),
            (None, Some(_)) => !self.default_word,
        }
    }

    /// The prefix to write ("w:") and, when the part binds none, the
    /// declaration to put on the outermost element written.
    pub fn qualify(&self) -> (String, String) {
        match &self.prefix {
            Some(p) => (format!("{p}:"), String::new()),
            None => ("w:".into(), format!(" xmlns:w=\"{}\"", self.namespace)),
        }
    }

    /// One end of a comment's range; its end is followed by the run that
    /// holds the comment's reference mark.
    pub fn marker(&self, point: &Point) -> String {
        let (w, decl) = self.qualify();
        let id = point.id;
        if point.end {
            format!(
                "<{w}commentRangeEnd{decl} {w}id=\"{id}\"/><{w}r{decl}><{w}commentReference {w}id=\"{id}\"/></{w}r>"
            )
        } else {
            format!("<{w}commentRangeStart{decl} {w}id=\"{id}\"/>")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_own_prefix_is_used() {
        let names = Names::of_part(&format!(
            r#"<?xml version="1.0"?><x:document xmlns:x="{WORD_NS}"><x:body/></x:document>"#
        ));
        assert!(names.is_word("x:r"));
        assert!(!names.is_word("m:r"));
        let start = Point {
            at: 0,
            id: 7,
            end: false,
        };
        assert_eq!(names.marker(&start), r#"<x:commentRangeStart x:id="7"/>"#);
    }

    #[test]
    fn a_default_namespace_gets_a_declared_prefix() {
        let names = Names::of_part(&format!(
            r#"<document xmlns="{WORD_NS}"><body/></document>"#
        ));
        assert!(names.is_word("r"));
        assert!(!names.is_word("m:r"));
        let end = Point {
            at: 0,
            id: 2,
            end: true,
        };
        assert!(names.marker(&end).starts_with(&format!(
            r#"<w:commentRangeEnd xmlns:w="{WORD_NS}" w:id="2"/>"#
        )));
    }
}
