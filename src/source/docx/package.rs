//! The .docx container: a zip of XML parts, found through its
//! relationships, and read within the safety limits.
//!
//! Sizes in a zip's directory can lie, so every part is read through
//! `Read::take` and the bytes actually unpacked count against the cap.

use super::unreadable;
use super::xml::{self, Event};
use crate::source::{InputError, ReadLimits};
use std::io::{Cursor, Read};
use zip::ZipArchive;
use zip::result::ZipError;

/// The parts of a Word document govlint reads.
pub(crate) struct Parts {
    pub document: (String, String),
    /// The main document's relationships part: its name, and its text
    /// when the zip has it.
    pub relationships: (String, Option<String>),
    pub styles: Option<(String, String)>,
    pub numbering: Option<(String, String)>,
    pub footnotes: Option<(String, String)>,
    pub endnotes: Option<(String, String)>,
    /// Reviewers' comments (word/comments.xml).
    pub comments: Option<(String, String)>,
}

const MAIN_DOCUMENT: &str = "word/document.xml";

/// Opens the zip and reads the parts text comes from.
pub(crate) fn open(path: &str, bytes: &[u8], limits: &ReadLimits) -> Result<Parts, InputError> {
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(path, &e))?;
    if archive.len() > limits.max_entries {
        return Err(unreadable(
            path,
            format!(
                "the .docx holds {} files, more than the limit of {} (zip bomb guard)",
                archive.len(),
                limits.max_entries
            ),
            "a Word document holds a few dozen parts; if this one is genuine, raise the limit",
        ));
    }
    let mut pkg = Package {
        path,
        archive,
        left: limits.max_unpacked_size,
        limit: limits.max_unpacked_size,
    };
    let main = pkg
        .main_document()?
        .filter(|name| pkg.archive.index_for_name(name).is_some())
        .unwrap_or_else(|| MAIN_DOCUMENT.to_owned());
    let Some(document) = pkg.part(&main)? else {
        return Err(unreadable(
            path,
            format!(
                "not a Word document: the zip has no {MAIN_DOCUMENT}{}",
                pkg.looks_like()
            ),
            "open it in Word and save it as a Word document (.docx)",
        ));
    };
    let rels_name = rels_path_of(&main);
    let rels = pkg.part(&rels_name)?;
    let targets = relationships(path, &rels_name, rels.as_deref().unwrap_or_default(), &main)?;
    let mut related = |kind: &str| -> Result<Option<(String, String)>, InputError> {
        let Some(name) = targets.iter().find(|(k, _)| k == kind).map(|(_, t)| t) else {
            return Ok(None);
        };
        Ok(pkg.part(name)?.map(|text| (name.clone(), text)))
    };
    Ok(Parts {
        styles: related("styles")?,
        numbering: related("numbering")?,
        footnotes: related("footnotes")?,
        endnotes: related("endnotes")?,
        comments: related("comments")?,
        document: (main, document),
        relationships: (rels_name, rels),
    })
}

struct Package<'a> {
    path: &'a str,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes still allowed to be unpacked.
    left: u64,
    limit: u64,
}

impl Package<'_> {
    /// A part's text, or `None` when the zip has no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, InputError> {
        let path = self.path;
        let entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => {
                return Err(InputError::Encrypted { path: path.into() });
            }
            Err(e) => return Err(corrupt(path, &e)),
        };
        let mut bytes = Vec::new();
        entry
            .take(self.left.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(path, format!("the .docx is corrupt: {name}: {e}"), REPAIR))?;
        if bytes.len() as u64 > self.left {
            return Err(unreadable(
                path,
                format!(
                    "the .docx unpacks to more than {} bytes (zip bomb guard; raise --max-unpacked-size)",
                    self.limit
                ),
                "a statement unpacks to a few megabytes; raise --max-unpacked-size if this one is genuine",
            ));
        }
        self.left -= bytes.len() as u64;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                return Err(unreadable(
                    path,
                    format!(
                        "the .docx is corrupt: {name} is not UTF-8 (byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                    REPAIR,
                ));
            }
        };
        Ok(Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }))
    }

    /// The main document part named by the package relationships.
    fn main_document(&mut self) -> Result<Option<String>, InputError> {
        let Some(rels) = self.part("_rels/.rels")? else {
            return Ok(None);
        };
        let targets = relationships(self.path, "_rels/.rels", &rels, "")?;
        Ok(targets
            .into_iter()
            .find(|(kind, _)| kind == "officeDocument")
            .map(|(_, target)| target))
    }

    /// What another Office file is, to say so when it is not Word.
    fn looks_like(&self) -> &'static str {
        let has = |name: &str| self.archive.index_for_name(name).is_some();
        if has("xl/workbook.xml") {
            " (it is an Excel workbook)"
        } else if has("ppt/presentation.xml") {
            " (it is a PowerPoint presentation)"
        } else {
            ""
        }
    }
}

const REPAIR: &str = "open the file in Word (it may offer to repair it) and save it again";

fn corrupt(path: &str, e: &ZipError) -> InputError {
    unreadable(path, format!("the .docx is corrupt: {e}"), REPAIR)
}

/// `word/_rels/document.xml.rels` for `word/document.xml`.
fn rels_path_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// The relationships of a part, as (last word of the type, target part
/// name resolved against `source`'s folder); external targets are left out.
fn relationships(
    path: &str,
    part: &str,
    rels: &str,
    source: &str,
) -> Result<Vec<(String, String)>, InputError> {
    let base = source.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut out = Vec::new();
    let mut events = xml::Events::new(path, part, rels);
    loop {
        match events.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if xml::attr(&e, "TargetMode").as_deref() == Some("External") {
                    continue;
                }
                let (Some(kind), Some(target)) = (xml::attr(&e, "Type"), xml::attr(&e, "Target"))
                else {
                    continue;
                };
                let kind = kind.rsplit('/').next().unwrap_or_default().to_owned();
                out.push((kind, resolve(base, &target)));
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A relationship target as a zip entry name: "styles.xml" from "word" is
/// "word/styles.xml"; "/word/x.xml" is absolute; ".." steps up.
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_part() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(
            resolve("word/sub", "../numbering.xml"),
            "word/numbering.xml"
        );
        assert_eq!(
            rels_path_of("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }
}
