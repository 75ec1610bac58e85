//! Running the real `govlint` binary, for the command-line tests.

use std::path::Path;
use std::process::{Command, Output};

/// Runs govlint without colour, wide enough that no message wraps.
pub fn govlint(args: &[&str]) -> Output {
    govlint_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs govlint in folder `dir`.
pub fn govlint_in(dir: &Path, args: &[&str]) -> Output {
    run_in(Command::new(env!("CARGO_BIN_EXE_govlint")), dir, args)
}

/// Runs `command` (govlint, or a command that runs it) with `args` in
/// folder `dir`, without colour and wide enough that no message wraps.
pub fn run_in(mut command: Command, dir: &Path, args: &[&str]) -> Output {
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "400")
        .output()
        .expect("govlint runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON report on stdout.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(o), stderr(o)))
}

/// A rules directory holding only the named rules of the default pack, so
/// a test's expectations do not shift as the pack grows.
pub fn only_rules(ids: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for id in ids {
        std::fs::copy(
            pack.join(format!("{id}.toml")),
            dir.path().join(format!("{id}.toml")),
        )
        .expect("rule exists");
    }
    dir
}

/// Path as a string for an argument.
pub fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
