//! Finding the documents under the paths the user gave.

use super::{DOCUMENT_EXTENSIONS, InputError};
use std::path::{Path, PathBuf};

/// Expands the paths the user gave into document paths, in a stable order:
/// files as given, directories walked recursively in file-name order.
/// A path that cannot be used becomes an error in its place.
pub fn discover(paths: &[PathBuf]) -> Vec<Result<PathBuf, InputError>> {
    let mut out = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.push(Err(InputError::Missing { path: shown }))
            }
            Err(source) => out.push(Err(InputError::Io {
                path: shown,
                source,
            })),
            Ok(meta) if meta.is_dir() => {
                let before = out.len();
                let walker = walkdir::WalkDir::new(path).sort_by_file_name();
                for entry in walker {
                    match entry {
                        Ok(entry) if entry.file_type().is_file() && is_document(entry.path()) => {
                            out.push(Ok(entry.into_path()))
                        }
                        Ok(_) => {}
                        Err(e) => out.push(Err(InputError::Io {
                            path: e
                                .path()
                                .map_or_else(|| shown.clone(), |p| p.display().to_string()),
                            source: e.into(),
                        })),
                    }
                }
                if out.len() == before {
                    out.push(Err(InputError::NoDocuments { path: shown }));
                }
            }
            Ok(_) => out.push(Ok(path.clone())),
        }
    }
    out
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| {
            DOCUMENT_EXTENSIONS
                .iter()
                .any(|d| ext.eq_ignore_ascii_case(d))
        })
}
