//! The annotated package: the original zip entry by entry, in its order,
//! each part copied as it was stored (compressed bytes, dates and all)
//! except the few that change; a new comments part, and the body's
//! relationships when it had none, go at the end.

use super::names::Names;
use super::parts::{self, NewComment};
use crate::source::InputError;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use zip::result::ZipError;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

const CONTENT_TYPES: &str = "[Content_Types].xml";

/// What changes in the package.
pub struct Edits<'a> {
    /// The body part's name and its new text.
    pub document: (&'a str, String),
    /// The body's names, for a new comments part's namespace.
    pub names: &'a Names,
    pub comments: &'a [NewComment],
    /// The reviewers' comments part (name, text), when there is one.
    pub existing_comments: Option<&'a (String, String)>,
    /// The body's relationships part: its name, and its text if present.
    pub relationships: (&'a str, Option<&'a str>),
}

/// The new package's bytes.
pub fn write(path: &str, bytes: &[u8], edits: Edits<'_>) -> Result<Vec<u8>, InputError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| failed(path, &e))?;
    let (document_name, body) = edits.document;
    let mut replaced: BTreeMap<String, String> = BTreeMap::new();
    let mut added: Vec<(String, String)> = Vec::new();
    replaced.insert(document_name.to_owned(), body);
    if !edits.comments.is_empty() {
        match edits.existing_comments {
            Some((name, text)) => {
                let names = Names::of_part(text);
                let elements = parts::comment_elements(&names, edits.comments);
                let text = parts::insert_in_root(text, "comments", |_| elements)
                    .ok_or_else(|| broken(path, name))?;
                replaced.insert(name.clone(), text);
            }
            None => {
                let (dir, _) = document_name.rsplit_once('/').unwrap_or(("", ""));
                let name = free_name(&archive, dir);
                let target = name.rsplit('/').next().unwrap_or(&name).to_owned();
                let fresh = Names::with_w_prefix(edits.names.namespace());
                let elements = parts::comment_elements(&fresh, edits.comments);
                added.push((
                    name.clone(),
                    parts::new_comments_part(edits.names.namespace(), &elements),
                ));
                let (rels_name, rels) = edits.relationships;
                match rels {
                    Some(rels) => {
                        let text = parts::insert_in_root(rels, "Relationships", |p| {
                            parts::comments_relationship(rels, &target, p)
                        })
                        .ok_or_else(|| broken(path, rels_name))?;
                        replaced.insert(rels_name.to_owned(), text);
                    }
                    None => added.push((
                        rels_name.to_owned(),
                        parts::new_relationships_part(&parts::comments_relationship(
                            "", &target, "",
                        )),
                    )),
                }
                let types = read_text(path, &mut archive, CONTENT_TYPES)?;
                let text = parts::insert_in_root(&types, "Types", |p| {
                    parts::comments_override(&types, &name, p).unwrap_or_default()
                })
                .ok_or_else(|| broken(path, CONTENT_TYPES))?;
                replaced.insert(CONTENT_TYPES.to_owned(), text);
            }
        }
    }
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() + 64 * 1024)));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| failed(path, &e))?;
        let name = entry.name().map_err(|e| failed(path, &e))?.into_owned();
        match replaced.remove(&name) {
            Some(text) => {
                let when = entry.last_modified().unwrap_or_default();
                drop(entry);
                out.start_file(name, options(when))
                    .map_err(|e| failed(path, &e))?;
                out.write_all(text.as_bytes())
                    .map_err(|e| failed(path, &ZipError::Io(e)))?;
            }
            None => out.raw_copy_file(entry).map_err(|e| failed(path, &e))?,
        }
    }
    for (name, text) in added {
        out.start_file(name, options(DateTime::default()))
            .map_err(|e| failed(path, &e))?;
        out.write_all(text.as_bytes())
            .map_err(|e| failed(path, &ZipError::Io(e)))?;
    }
    let cursor = out.finish().map_err(|e| failed(path, &e))?;
    Ok(cursor.into_inner())
}

/// Deflated, dated as given (the original part's date; a fixed date for
/// new parts), so the same draft gives the same bytes.
fn options(when: DateTime) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when)
}

/// `word/comments.xml`, or a name beside it that the zip does not use.
fn free_name(archive: &ZipArchive<Cursor<&[u8]>>, dir: &str) -> String {
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    (0..)
        .map(|n| match n {
            0 => format!("{prefix}comments.xml"),
            n => format!("{prefix}comments{n}.xml"),
        })
        .find(|name| archive.index_for_name(name).is_none())
        .unwrap_or_default()
}

/// A small part's text (the content types), read within a fixed cap.
fn read_text(
    path: &str,
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<String, InputError> {
    const LIMIT: u64 = 4 * 1024 * 1024;
    let entry = archive.by_name(name).map_err(|_| broken(path, name))?;
    let mut text = String::new();
    entry
        .take(LIMIT)
        .read_to_string(&mut text)
        .map_err(|_| broken(path, name))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned())
}

fn failed(path: &str, e: &ZipError) -> InputError {
    InputError::Unreadable {
        path: path.into(),
        reason: format!("cannot write the annotated copy: {e}"),
        help: "open the file in Word, save it again, and annotate the saved copy".into(),
    }
}

fn broken(path: &str, part: &str) -> InputError {
    InputError::Unreadable {
        path: path.into(),
        reason: format!(
            "cannot annotate it: the .docx has no readable {part}, or it is not what its name says"
        ),
        help: "open the file in Word, save it again, and annotate the saved copy".into(),
    }
}
