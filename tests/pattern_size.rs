//! The default pack keeps its patterns short and writes each once: a long or
//! repeated regex belongs in the vocabulary (`rules/vocabulary.toml`) or in
//! the rule's own `[fragments]`, referred to as `{@name}`. Measured on the
//! TOML source, as the author writes it.

use std::collections::BTreeMap;
use std::path::Path;

/// The longest pattern a rule may spell out.
const LONGEST: usize = 400;
/// Strings this short (a reference such as `{@earlier_year}`, a typed
/// capture such as `{year:fy}`) may appear in several checks.
const REPEATABLE: usize = 40;

/// Every pattern-like string of every check: (where, text).
fn patterns() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
        .expect("rules folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !p.ends_with("vocabulary.toml"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let doc: toml::Table = toml::from_str(&text).expect("valid TOML");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let checks = doc
            .get("check")
            .and_then(|c| c.as_array())
            .cloned()
            .unwrap_or_default();
        for (i, check) in checks.iter().enumerate() {
            let mut add = |key: &str, v: Option<&toml::Value>| {
                let strings: Vec<&str> = match v {
                    Some(toml::Value::String(s)) => vec![s.as_str()],
                    Some(toml::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
                    _ => Vec::new(),
                };
                for s in strings {
                    out.push((format!("{name} check {} {key}", i + 1), s.to_owned()));
                }
            };
            add("patterns", check.get("patterns"));
            add("unless", check.get("unless"));
            add("within", check.get("within"));
            for found in ["unless_found", "only_if_found"] {
                if let Some(f) = check.get(found) {
                    add(&format!("{found}.patterns"), f.get("patterns"));
                    add(&format!("{found}.within"), f.get("within"));
                }
            }
        }
    }
    out
}

#[test]
fn no_pattern_is_longer_than_the_limit() {
    let long: Vec<String> = patterns()
        .into_iter()
        .filter(|(_, p)| p.chars().count() > LONGEST)
        .map(|(at, p)| format!("{at}: {} characters", p.chars().count()))
        .collect();
    assert!(
        long.is_empty(),
        "name parts of these as fragments:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_pattern_is_pasted_into_two_checks() {
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (at, p) in patterns() {
        if p.chars().count() > REPEATABLE {
            seen.entry(p).or_default().push(at);
        }
    }
    let pasted: Vec<String> = seen
        .into_values()
        .filter(|places| places.len() > 1)
        .map(|places| places.join(", "))
        .collect();
    assert!(
        pasted.is_empty(),
        "name these once as a fragment:\n{}",
        pasted.join("\n")
    );
}

#[test]
fn the_pack_loads_with_its_vocabulary() {
    let vocabulary = match govlint::rules::Vocabulary::builtin() {
        Ok(v) => v,
        Err(errors) => panic!("{errors:?}"),
    };
    let roles = vocabulary.word_list("role_word").unwrap_or_default();
    assert!(roles.iter().any(|w| w == "Vacant"), "{roles:?}");
    assert!(
        vocabulary.word_list("statutory_post").is_none(),
        "a fragment, not a list"
    );
}
