//! Finding the documents under the paths the user gave.

use super::{DOCUMENT_EXTENSIONS, InputError};
use std::path::{Path, PathBuf};

/// The documents found under the paths the user gave, and the files a
/// directory walk passed over.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Document paths in a stable order, each unusable path as an error in
    /// its place.
    pub documents: Vec<Result<PathBuf, InputError>>,
    /// Files in walked directories that are not documents govlint reads.
    pub skipped: Vec<Skipped>,
}

/// A file a directory walk did not check, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// Expands the paths the user gave into document paths, in a stable order:
/// files as given, directories walked recursively in file-name order.
/// Links are followed. Hidden files and folders (`.git`) are not walked;
/// other files that are not documents, links that loop or lead nowhere,
/// and devices are listed as skipped. `-` (standard input) is passed on
/// as it is.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.as_os_str() == super::STDIN_PATH {
            found.documents.push(Ok(path.clone()));
            continue;
        }
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => found
                .documents
                .push(Err(InputError::Missing { path: shown })),
            Err(source) => found.documents.push(Err(InputError::Io {
                path: shown,
                error: source,
            })),
            Ok(meta) if meta.is_dir() => walk(path, &mut found),
            Ok(_) => found.documents.push(Ok(path.clone())),
        }
    }
    found
}

fn walk(dir: &Path, found: &mut Discovery) {
    let shown = dir.display().to_string();
    let before = found.documents.len();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => match skip_reason(entry.path()) {
                None => found.documents.push(Ok(entry.into_path())),
                Some(reason) => found.skipped.push(Skipped {
                    path: entry.path().display().to_string(),
                    reason,
                }),
            },
            Ok(entry) if entry.file_type().is_dir() => {}
            // A device, a named pipe or a socket: never a statement.
            Ok(entry) => found.skipped.push(Skipped {
                path: entry.path().display().to_string(),
                reason: "not a regular file (a device, pipe or socket)".to_owned(),
            }),
            Err(e) => match link_problem(&e) {
                Some(reason) => found.skipped.push(Skipped {
                    path: e
                        .path()
                        .map_or_else(|| shown.clone(), |p| p.display().to_string()),
                    reason,
                }),
                None => found.documents.push(Err(InputError::Io {
                    path: e
                        .path()
                        .map_or_else(|| shown.clone(), |p| p.display().to_string()),
                    error: e.into(),
                })),
            },
        }
    }
    if found.documents.len() == before {
        found
            .documents
            .push(Err(InputError::NoDocuments { path: shown }));
    }
}

/// Why a link in a walked folder was not followed: it leads back to a
/// folder above it (a loop), or to nothing. Other walk errors are errors.
fn link_problem(e: &walkdir::Error) -> Option<String> {
    if let Some(above) = e.loop_ancestor() {
        return Some(format!(
            "a link back to {}, a folder above it: not followed",
            above.display()
        ));
    }
    let dangling = e
        .io_error()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
        && e.path().is_some_and(|p| p.is_symlink());
    dangling.then(|| "a link to a file or folder that does not exist".to_owned())
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Why a file in a walked directory is not checked, or `None` when it is a
/// document.
fn skip_reason(path: &Path) -> Option<String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") {
        return Some("a Word lock file, not a document".to_owned());
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if DOCUMENT_EXTENSIONS
        .iter()
        .any(|d| ext.eq_ignore_ascii_case(d))
    {
        return None;
    }
    Some(match ext.to_ascii_lowercase().as_str() {
        "" => "no file name ending to tell its format (name it .md, .txt, .html, .docx or .pdf, or pass it by name)".to_owned(),
        "doc" => "a Word 97-2003 document: save it as .docx".to_owned(),
        "odt" | "rtf" => format!(".{ext} is not read: save it as .docx or PDF"),
        _ => format!(".{ext} is not a format govlint reads"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_walks_find_documents_and_name_what_they_skip() {
        let dir = tempfile::tempdir().expect("temp dir");
        for name in [
            "a.html", "b.HTM", "c.css", "d.md", "e.docx", "f.pdf", "~$e.docx", "g.doc",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join(".git")).expect("mkdir");
        std::fs::write(dir.path().join(".git").join("HEAD"), "x").expect("write");
        let found = discover(&[dir.path().to_path_buf()]);
        let names: Vec<String> = found
            .documents
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, vec!["a.html", "b.HTM", "d.md", "e.docx", "f.pdf"]);
        let skipped: Vec<(String, &str)> = found
            .skipped
            .iter()
            .map(|s| {
                let name = Path::new(&s.path).file_name().expect("a file");
                (name.to_string_lossy().into_owned(), s.reason.as_str())
            })
            .collect();
        assert_eq!(
            skipped,
            vec![
                ("c.css".to_owned(), ".css is not a format govlint reads"),
                (
                    "g.doc".to_owned(),
                    "a Word 97-2003 document: save it as .docx"
                ),
                ("~$e.docx".to_owned(), "a Word lock file, not a document"),
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_loops_and_dangling_links_are_skipped_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("temp dir");
        let p = |n: &str| dir.path().join(n);
        std::fs::write(elsewhere.path().join("ags.md"), "x").expect("write");
        std::os::unix::fs::symlink(elsewhere.path().join("ags.md"), p("a-link.md")).expect("link");
        std::os::unix::fs::symlink(p("gone.md"), p("b-dangling.md")).expect("link");
        std::fs::create_dir(p("c")).expect("mkdir");
        std::os::unix::fs::symlink(dir.path(), p("c").join("loop")).expect("link");
        let found = discover(&[dir.path().to_path_buf()]);
        let documents: Vec<PathBuf> = found.documents.into_iter().filter_map(Result::ok).collect();
        assert_eq!(documents, vec![p("a-link.md")]);
        let skipped: Vec<(String, String)> = found
            .skipped
            .into_iter()
            .map(|s| (s.path, s.reason))
            .collect();
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert_eq!(skipped[0].0, p("b-dangling.md").display().to_string());
        assert_eq!(
            skipped[0].1,
            "a link to a file or folder that does not exist"
        );
        assert_eq!(skipped[1].0, p("c").join("loop").display().to_string());
        assert!(skipped[1].1.starts_with("a link back to"), "{skipped:?}");
    }
}
