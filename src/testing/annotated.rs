//! Checks on an annotated Word document (`govlint annotate`), for the
//! tests and the fuzz targets: it reads back as the same text, each
//! finding's comment is on the finding's words, and the parts govlint
//! wrote keep to the WordprocessingML content models for what it writes
//! (ECMA-376 Part 1, §17.13.4 comments, §17.3.2 runs, and the package's
//! relationships and content types).

use crate::annotate::AUTHOR;
use crate::source::{Format, ReadLimits, SourceFile, docx, from_bytes};
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;

/// Elements a comment's range markers may be children of (the paragraph
/// and run-level containers, and the block-level ones).
const MARKER_PARENTS: [&str; 14] = [
    "body",
    "p",
    "hyperlink",
    "ins",
    "del",
    "moveTo",
    "moveFrom",
    "smartTag",
    "customXml",
    "sdtContent",
    "fldSimple",
    "tc",
    "dir",
    "bdo",
];

/// The first broken promise of an annotated copy of `original`, which
/// govlint read as `source`; `comments` is how many govlint said it added.
pub fn annotation_problem(
    source: &SourceFile,
    original: &[u8],
    annotated: &[u8],
    comments: usize,
) -> Result<(), String> {
    let read = |name: &str, bytes: &[u8]| {
        from_bytes(
            name.into(),
            None,
            bytes.to_vec(),
            &ReadLimits::default(),
            Some(Format::Docx),
        )
        .map_err(|e| format!("{name} cannot be read: {e}"))
    };
    let again = read("the annotated copy", annotated)?;
    if again.text != source.text {
        return Err("the annotated copy reads as different text".into());
    }
    let before = read("the original", original)?;
    let kept = before.comments.iter().all(|c| again.comments.contains(c));
    if !kept {
        return Err("a reviewer's comment was lost or moved".into());
    }
    let parts = docx::package::open("annotated.docx", annotated, &ReadLimits::default())
        .map_err(|e| format!("the annotated package cannot be opened: {e}"))?;
    let ids = body_problem(&parts.document.1)?;
    let Some((_, comments_part)) = &parts.comments else {
        return if comments == 0 {
            Ok(())
        } else {
            Err("comments were added, but no comments part is related to the body".into())
        };
    };
    let authors = comments_problem(comments_part)?;
    let ours = authors.values().filter(|a| a.as_str() == AUTHOR).count();
    if ours < comments {
        return Err(format!(
            "{comments} comments were added, the comments part has {ours} by {AUTHOR}"
        ));
    }
    for (id, author) in &authors {
        if author == AUTHOR && !ids.contains_key(id) {
            return Err(format!("comment {id} is not anchored in the body"));
        }
    }
    content_types_problem(annotated)
}

/// Checks the body's comment markup: markers only where the content
/// model allows them, each govlint id started, ended and referenced once
/// in that order, runs' formatting first, text holding only text. Returns
/// each id's anchor count.
fn body_problem(text: &str) -> Result<BTreeMap<String, [usize; 3]>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<String> = Vec::new();
    // Per id: starts, ends, references met.
    let mut ids: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    // Per open run: whether a child has been seen.
    let mut run_children: Vec<usize> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("the body is not well-formed XML: {e}"))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if stack.pop().as_deref() == Some("r") {
                    run_children.pop();
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let local = e.local_name().as_ref().to_owned();
        let parent = stack.last().map(String::as_str).unwrap_or_default();
        if parent == "t" {
            return Err(format!("a run's text holds an element, {local}"));
        }
        if parent == "r"
            && let Some(children) = run_children.last_mut()
        {
            if local == "rPr" && *children > 0 {
                return Err("a run's formatting is not its first child".into());
            }
            *children += 1;
        }
        match local.as_str() {
            "commentRangeStart" | "commentRangeEnd" => {
                if !MARKER_PARENTS.contains(&parent) {
                    return Err(format!("{local} is inside {parent}, where it may not be"));
                }
                let id = id_of(e)?;
                let counts = ids.entry(id.clone()).or_default();
                if local == "commentRangeStart" {
                    counts[0] += 1;
                } else {
                    if counts[0] == 0 {
                        return Err(format!("comment {id} ends before it starts"));
                    }
                    counts[1] += 1;
                }
            }
            "commentReference" => {
                if parent != "r" {
                    return Err(format!("a comment reference is inside {parent}, not a run"));
                }
                ids.entry(id_of(e)?).or_default()[2] += 1;
            }
            _ => {}
        }
        if !empty {
            if local == "r" {
                run_children.push(0);
            }
            stack.push(local);
        }
    }
    for (id, [starts, ends, references]) in &ids {
        if *starts > 1 || *ends > 1 || *references > 1 || starts != ends {
            return Err(format!(
                "comment {id} has {starts} starts, {ends} ends and {references} references"
            ));
        }
    }
    Ok(ids)
}

fn id_of(e: &BytesStart<'_>) -> Result<String, String> {
    let id = docx::xml::attr(e, "id").ok_or("a comment marker has no id")?;
    id.parse::<u32>()
        .map_err(|_| format!("a comment id is not a number: {id}"))?;
    Ok(id)
}

/// Checks the comments part: `w:comments` holding `w:comment`s, each with
/// a unique numeric id and an author, holding paragraphs. Returns each
/// id's author.
fn comments_problem(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0usize;
    let mut authors = BTreeMap::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("the comments part is not well-formed XML: {e}"))?;
        let (e, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let local = e.local_name().as_ref().to_owned();
        match depth {
            0 if local != "comments" => return Err(format!("the comments part's root is {local}")),
            1 if local != "comment" => return Err(format!("the comments part holds a {local}")),
            1 => {
                let id = id_of(e)?;
                let author = docx::xml::attr(e, "author").ok_or("a comment has no author")?;
                if authors.insert(id.clone(), author).is_some() {
                    return Err(format!("two comments have the id {id}"));
                }
            }
            2 if !matches!(local.as_str(), "p" | "tbl" | "sdt" | "customXml") => {
                return Err(format!("a comment holds a {local}, not a paragraph"));
            }
            _ => {}
        }
        if !empty {
            depth += 1;
        }
    }
    Ok(authors)
}

/// The comments part has its content type.
fn content_types_problem(package: &[u8]) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(package))
        .map_err(|e| format!("the annotated copy is not a zip: {e}"))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(std::borrow::Cow::into_owned))
        .collect();
    let mut types = String::new();
    {
        use std::io::Read;
        let Ok(mut entry) = archive.by_name("[Content_Types].xml") else {
            return Ok(());
        };
        // A part the draft had broken is copied as it was.
        if entry.read_to_string(&mut types).is_err() {
            return Ok(());
        }
    }
    for name in names.iter().filter(|n| n.ends_with("comments.xml")) {
        let part = format!("PartName=\"/{name}\"");
        if !types.contains(&part) {
            return Err(format!("{name} has no content type"));
        }
    }
    Ok(())
}

/// The text each comment's range covers in an annotated copy, by id:
/// the runs' text between its start and end, paragraphs and cells joined
/// by spaces, white space collapsed.
pub fn anchored_texts(annotated: &[u8]) -> Result<BTreeMap<String, String>, String> {
    let parts = docx::package::open("annotated.docx", annotated, &ReadLimits::default())
        .map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_str(&parts.document.1);
    let mut open: BTreeMap<String, String> = BTreeMap::new();
    let mut done = BTreeMap::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name().as_ref().to_owned();
                match local.as_str() {
                    "commentRangeStart" => {
                        open.insert(id_of(e)?, String::new());
                    }
                    "commentRangeEnd" => {
                        let id = id_of(e)?;
                        if let Some(text) = open.remove(&id) {
                            done.insert(id, text.split_whitespace().collect::<Vec<_>>().join(" "));
                        }
                    }
                    "t" => in_text = matches!(event, Event::Start(_)),
                    "p" | "tc" | "tab" | "br" => open.values_mut().for_each(|t| t.push(' ')),
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Eof => return Ok(done),
            other if in_text => {
                if let Some(t) = docx::xml::text(other) {
                    open.values_mut().for_each(|o| o.push_str(&t));
                }
            }
            _ => {}
        }
    }
}
