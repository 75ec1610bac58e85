//! Finding the rule files under a `--rules` folder, the way documents are
//! found under a folder: links followed, hidden files and folders (`.git`)
//! passed over, the file name ending matched in any case (`.toml`,
//! `.TOML`). Only files are rule files: a folder named `x.toml` is walked
//! into like any other.

use super::{LoadError, RuleSource};
use std::io::Read;
use std::path::Path;

/// Largest rule file read: fifty times the largest rule in the pack. A
/// bigger file is a mistake (a document or a log saved as `.toml`), and
/// loading it would take seconds and hundreds of megabytes.
pub const MAX_RULE_FILE_SIZE: u64 = 1024 * 1024;

/// The rule files under `dir`, in file-name order; each problem (a
/// missing folder, a link loop, an unreadable file, a file that is not
/// UTF-8) goes to `errors`, and the other files are still read.
pub(super) fn rule_files(dir: &Path, errors: &mut Vec<LoadError>) -> Vec<RuleSource> {
    let path = dir.display().to_string();
    if !dir.is_dir() {
        errors.push(if dir.exists() {
            LoadError::NotADirectory { path }
        } else {
            LoadError::Io {
                path,
                error: std::io::Error::new(std::io::ErrorKind::NotFound, "no such directory"),
            }
        });
        return Vec::new();
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(walk_error(&path, e));
                continue;
            }
        };
        let is_toml = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if !entry.file_type().is_file() || !is_toml {
            continue;
        }
        let name = entry.path().display().to_string();
        match read_bounded(entry.path()) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => out.push(RuleSource {
                    name,
                    text: text.into(),
                }),
                Err(e) => errors.push(not_utf8(name, &e)),
            },
            Err(error) => errors.push(LoadError::Io { path: name, error }),
        }
    }
    out
}

/// A rule file's bytes, refused past [`MAX_RULE_FILE_SIZE`] without
/// reading the rest.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_RULE_FILE_SIZE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RULE_FILE_SIZE {
        return Err(std::io::Error::other(format!(
            "larger than the {} KB limit for a rule file; a rule is a few KB",
            MAX_RULE_FILE_SIZE / 1024
        )));
    }
    Ok(bytes)
}

/// A walk error as a load error naming the path: a link loop says so.
fn walk_error(dir: &str, e: walkdir::Error) -> LoadError {
    let path = e
        .path()
        .map_or_else(|| dir.to_owned(), |p| p.display().to_string());
    let error = match e.loop_ancestor() {
        Some(above) => std::io::Error::other(format!(
            "a link back to {}, a folder above it: not followed",
            above.display()
        )),
        None => e.into(),
    };
    LoadError::Io { path, error }
}

/// A rule file that is not UTF-8: the error points at the first bad byte.
fn not_utf8(name: String, e: &std::string::FromUtf8Error) -> LoadError {
    let at = e.utf8_error().valid_up_to();
    let source = RuleSource {
        text: String::from_utf8_lossy(e.as_bytes()).into(),
        name,
    };
    let error = source.error(
        Some(at..at + 1),
        format!("the file is not UTF-8 text (the first bad byte is at offset {at})"),
        "not UTF-8",
        Some("save the rule file as UTF-8".into()),
    );
    LoadError::Rule(Box::new(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> (Vec<String>, Vec<String>) {
        let mut errors = Vec::new();
        let found = rule_files(dir, &mut errors);
        let names = found
            .iter()
            .map(|s| {
                Path::new(&s.name)
                    .strip_prefix(dir)
                    .map_or_else(|_| s.name.clone(), |p| p.display().to_string())
            })
            .collect();
        (names, errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn rule_files_are_found_like_documents() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = |n: &str| dir.path().join(n);
        std::fs::write(p("a.toml"), "x").expect("write");
        std::fs::write(p("B.TOML"), "x").expect("write");
        std::fs::write(p("notes.md"), "x").expect("write");
        std::fs::create_dir(p("folder.toml")).expect("mkdir");
        std::fs::write(p("folder.toml").join("c.toml"), "x").expect("write");
        std::fs::create_dir(p(".git")).expect("mkdir");
        std::fs::write(p(".git").join("d.toml"), "x").expect("write");
        let (found, errors) = names(dir.path());
        assert_eq!(found, ["B.TOML", "a.toml", "folder.toml/c.toml"]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_and_loops_and_bad_files_reported_without_stopping() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("temp dir");
        let p = |n: &str| dir.path().join(n);
        std::fs::write(elsewhere.path().join("shared.toml"), "x").expect("write");
        std::os::unix::fs::symlink(elsewhere.path().join("shared.toml"), p("linked.toml"))
            .expect("link");
        std::fs::create_dir(p("sub")).expect("mkdir");
        std::os::unix::fs::symlink(dir.path(), p("sub").join("loop")).expect("link");
        std::fs::write(p("latin1.toml"), b"id = \"caf\xe9\"").expect("write");
        std::fs::write(p("z.toml"), "x").expect("write");
        let (found, errors) = names(dir.path());
        assert_eq!(found, ["linked.toml", "z.toml"]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("not UTF-8 text (the first bad byte is at offset 9)"),
            "{errors:?}"
        );
        assert!(errors[1].contains("a link back to"), "{errors:?}");
    }
}
