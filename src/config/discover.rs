//! Finding `govlint.toml`: in the folder a run starts in, or the nearest
//! folder above it that has one.

use std::path::{Path, PathBuf};

/// The configuration file's name.
pub const FILE_NAME: &str = "govlint.toml";

/// The nearest `govlint.toml` in `start` or a folder above it, as a path
/// (absolute when `start` is), and the name to show for it: relative to
/// `start` (`govlint.toml`, `../govlint.toml`) when it is above it.
pub fn discover(start: &Path) -> Option<(PathBuf, String)> {
    for (depth, dir) in start.ancestors().enumerate() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            let shown = if depth <= 3 {
                format!("{}{FILE_NAME}", "../".repeat(depth))
            } else {
                candidate.display().to_string()
            };
            return Some((candidate, shown));
        }
    }
    None
}
