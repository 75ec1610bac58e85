//! The package parts besides the body that annotating touches: the
//! comments part (new, or the reviewers' own with govlint's comments
//! added at its end), the body's relationships (naming a new comments
//! part) and `[Content_Types].xml` (giving its type). Each is edited by
//! inserting before its root element's end tag; nothing in it changes.

use super::names::Names;
use crate::source::docx::xml::attr;
use quick_xml::events::Event;

/// The relationship type of a comments part.
pub const COMMENTS_RELATIONSHIP: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
/// The content type of a comments part.
pub const COMMENTS_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELATIONSHIPS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A comment govlint adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComment {
    pub id: u32,
    /// Its paragraphs, as plain text.
    pub paragraphs: Vec<String>,
}

/// The author of govlint's comments, and its initials.
pub const AUTHOR: &str = "govlint";
const INITIALS: &str = "GL";

/// The `w:comment` elements for `comments`, in the names `names` gives.
/// The first paragraph starts with the comment's own mark, as Word's do.
/// No date: the same draft gives the same bytes.
pub fn comment_elements(names: &Names, comments: &[NewComment]) -> String {
    let (w, decl) = names.qualify();
    let mut out = String::new();
    for c in comments {
        out.push_str(&format!(
            "<{w}comment{decl} {w}id=\"{}\" {w}author=\"{AUTHOR}\" {w}initials=\"{INITIALS}\">",
            c.id
        ));
        for (i, p) in c.paragraphs.iter().enumerate() {
            out.push_str(&format!("<{w}p>"));
            if i == 0 {
                out.push_str(&format!("<{w}r><{w}annotationRef/></{w}r>"));
            }
            out.push_str(&format!(
                "<{w}r><{w}t xml:space=\"preserve\">{}</{w}t></{w}r></{w}p>",
                escape(p)
            ));
        }
        out.push_str(&format!("</{w}comment>"));
    }
    out
}

/// A new comments part holding `elements`, in the body's namespace.
pub fn new_comments_part(namespace: &str, elements: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{namespace}\">{elements}</w:comments>"
    )
}

/// A new relationships part for the body, naming only the comments part.
pub fn new_relationships_part(relationship: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"{RELATIONSHIPS_NS}\">{relationship}</Relationships>"
    )
}

/// The relationship from the body to a comments part named `target`
/// (relative to the body), with an id no other relationship has, for a
/// relationships part whose elements have `prefix`.
pub fn comments_relationship(relationships: &str, target: &str, prefix: &str) -> String {
    let taken = attribute_values(relationships, "Id");
    let id = (0..)
        .map(|n| {
            if n == 0 {
                "rIdGovlintComments".to_owned()
            } else {
                format!("rIdGovlintComments{n}")
            }
        })
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    format!(
        "<{prefix}Relationship Id=\"{id}\" Type=\"{COMMENTS_RELATIONSHIP}\" Target=\"{}\"/>",
        escape(target)
    )
}

/// The content-types override for a new comments part, for a part whose
/// elements have `prefix`; `None` when it has one already.
pub fn comments_override(content_types: &str, part: &str, prefix: &str) -> Option<String> {
    let name = format!("/{part}");
    if attribute_values(content_types, "PartName")
        .iter()
        .any(|p| p.eq_ignore_ascii_case(&name))
    {
        return None;
    }
    Some(format!(
        "<{prefix}Override PartName=\"{}\" ContentType=\"{COMMENTS_TYPE}\"/>",
        escape(&name)
    ))
}

/// `text` with markup inserted just before the end tag of its root
/// element, which must be called `root_name` (an empty root element `<x/>` is
/// opened and closed around it). `markup` is given the root's prefix
/// ("w:", or nothing) so children can be in the root's namespace. `None`
/// when the text has no such root element.
pub fn insert_in_root(
    text: &str,
    root_name: &str,
    markup: impl FnOnce(&str) -> String,
) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut root: Option<(usize, usize, String)> = None;
    loop {
        let from = usize::try_from(reader.buffer_position()).ok()?;
        let event = reader.read_event().ok()?;
        let to = usize::try_from(reader.buffer_position()).ok()?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if depth == 0 && e.local_name().as_ref() != root_name =>
            {
                return None;
            }
            Event::Start(e) => {
                if depth == 0 {
                    root = Some((from, to, e.name().as_ref().to_owned()));
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let (_, _, qname) = root?;
                    let markup = markup(&prefix_of(&qname));
                    return Some(format!("{}{markup}{}", &text[..from], &text[from..]));
                }
            }
            Event::Empty(e) if depth == 0 => {
                let qname = e.name().as_ref().to_owned();
                let raw = &text[from..to];
                let open = raw.trim_end_matches('>').trim_end_matches('/').trim_end();
                let markup = markup(&prefix_of(&qname));
                return Some(format!(
                    "{}{open}>{markup}</{qname}>{}",
                    &text[..from],
                    &text[to..]
                ));
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// "w:" for "w:comments", nothing for "Types".
fn prefix_of(qname: &str) -> String {
    qname
        .rsplit_once(':')
        .map_or(String::new(), |(p, _)| format!("{p}:"))
}

/// Every value of attributes with this local name in the text.
fn attribute_values(text: &str, local: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes().flatten() {
                    if a.key.local_name().as_ref() == local {
                        out.push(a.value.clone().into_owned());
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

/// The highest comment id used in these parts (on `w:comment` and the
/// range markers and references in the body), so new ids follow it.
pub fn highest_comment_id(parts: &[&str]) -> Option<u32> {
    let mut highest = None;
    for text in parts {
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    let name = e.local_name();
                    if !matches!(
                        name.as_ref(),
                        "comment" | "commentRangeStart" | "commentRangeEnd" | "commentReference"
                    ) {
                        continue;
                    }
                    let id = attr(&e, "id").and_then(|id| id.trim().parse::<u32>().ok());
                    highest = highest.max(id);
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    highest
}

/// Text as XML character data: markup characters escaped, and characters
/// XML 1.0 does not allow (controls, tabs and line breaks too) as spaces.
pub fn escape(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    quick_xml::escape::escape(&clean).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_before_the_root_end_tag_in_the_roots_namespace() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId1"/></Relationships>"#;
        let out = insert_in_root(rels, "Relationships", |p| {
            format!("<{p}Relationship Id=\"rId2\"/>")
        })
        .unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId1"/><Relationship Id="rId2"/></Relationships>"#
        );
        let empty = r#"<w:comments xmlns:w="x" />"#;
        assert_eq!(
            insert_in_root(empty, "comments", |p| format!("<{p}comment/>")).unwrap(),
            r#"<w:comments xmlns:w="x"><w:comment/></w:comments>"#
        );
        assert_eq!(insert_in_root("no root", "x", |_| "<x/>".into()), None);
        // A part whose root is not what it should be is not written into.
        assert_eq!(
            insert_in_root("<w:p/>", "comments", |_| "<x/>".into()),
            None
        );
    }

    #[test]
    fn new_ids_follow_every_comment_id_in_use() {
        let body = r#"<w:p><w:commentRangeStart w:id="4"/><w:commentReference w:id="11"/><w:bookmarkStart w:id="90"/></w:p>"#;
        let comments = r#"<w:comments><w:comment w:id="3"/></w:comments>"#;
        assert_eq!(highest_comment_id(&[body, comments]), Some(11));
        assert_eq!(highest_comment_id(&["<w:document/>"]), None);
    }

    #[test]
    fn a_relationship_id_is_never_reused() {
        let rels = r#"<Relationships><Relationship Id="rIdGovlintComments"/></Relationships>"#;
        assert!(
            comments_relationship(rels, "comments.xml", "").contains("Id=\"rIdGovlintComments1\"")
        );
    }

    #[test]
    fn text_is_escaped_and_controls_are_spaces() {
        assert_eq!(escape("A & B <c>\t\u{1}d"), "A &amp; B &lt;c&gt;  d");
    }
}
