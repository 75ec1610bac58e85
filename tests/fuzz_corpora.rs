//! Replays every committed fuzz input through its target's function, so a
//! regression of anything the fuzzers once found fails `cargo test`, with
//! no nightly compiler. `fuzz/corpus/<target>/` holds the minimised
//! corpora; `fuzz/regressions/<target>/` the inputs that once crashed or
//! hung a target, kept for good.

use govlint::source::Format;
use govlint::testing::fuzz;
use std::path::{Path, PathBuf};

/// What a target runs on one input.
type Target = fn(&[u8]);

/// Every target in `fuzz/fuzz_targets/`, and the function it runs.
const TARGETS: [(&str, Target); 10] = [
    ("markdown", |d| fuzz::document(Format::Markdown, d)),
    ("text", |d| fuzz::document(Format::PlainText, d)),
    ("html", |d| fuzz::document(Format::Html, d)),
    ("docx", |d| fuzz::document(Format::Docx, d)),
    ("docx_xml", fuzz::docx_parts),
    ("pdf", |d| fuzz::document(Format::Pdf, d)),
    ("rule", fuzz::rule_file),
    ("condition", fuzz::condition),
    ("config", fuzz::config_file),
    ("baseline", fuzz::baseline_file),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for kind in ["corpus", "regressions"] {
        let dir = fuzz_dir().join(kind).join(target);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            found.extend(entries.map(|e| e.expect("corpus entry").path()));
        }
    }
    found.sort();
    found
}

fn replay(target: &str) {
    let run = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, run)| run)
        .expect("a known target");
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "fuzz/corpus/{target} has no inputs");
    for input in inputs {
        let data = std::fs::read(&input).expect("read a corpus input");
        // A panic names the input, so it can be replayed on its own with
        // `cargo +nightly fuzz run <target> <input>`.
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panicked", input.display());
    }
}

#[test]
fn every_fuzz_target_is_replayed_here_and_has_a_corpus() {
    let mut targets: Vec<String> = std::fs::read_dir(fuzz_dir().join("fuzz_targets"))
        .expect("fuzz/fuzz_targets")
        .map(|e| {
            let path = e.expect("target file").path();
            let stem = path.file_stem().expect("a file name");
            stem.to_string_lossy().into_owned()
        })
        .collect();
    targets.sort();
    let mut replayed: Vec<&str> = TARGETS.iter().map(|(name, _)| *name).collect();
    replayed.sort();
    assert_eq!(targets, replayed);
    for target in targets {
        let source = std::fs::read_to_string(fuzz_dir().join(format!("fuzz_targets/{target}.rs")))
            .expect("target source");
        assert!(
            source.contains("govlint::testing::fuzz::"),
            "{target} must call govlint::testing::fuzz, as the replay does"
        );
    }
}

macro_rules! replay_tests {
    ($($name:ident),*) => {
        $(
            #[test]
            fn $name() {
                replay(stringify!($name));
            }
        )*
    };
}

replay_tests!(
    markdown, text, html, docx, docx_xml, pdf, rule, condition, config, baseline
);
