//! `govlint explain`: the lists and fragments a rule uses, and one entry.

use super::{Entry, EntryKind, Vocabulary, unknown};
use crate::rules::Rule;

/// The "Vocabulary" section of `govlint explain` for a rule: the lists and
/// fragments its patterns use. Empty when it uses none.
pub fn explain_uses(rule: &Rule) -> String {
    if rule.uses.is_empty() {
        return String::new();
    }
    let mut s = String::from("\n## Vocabulary it uses\n");
    // The names used, then the names those use, once each.
    let mut names = rule.uses.clone();
    let mut i = 0;
    while let Some(name) = names.get(i) {
        let more = rule
            .vocabulary
            .get(name)
            .map(|e| e.uses.clone())
            .unwrap_or_default();
        for m in more {
            if !names.contains(&m) {
                names.push(m);
            }
        }
        i += 1;
    }
    for name in &names {
        let Some(entry) = rule.vocabulary.get(name) else {
            continue;
        };
        let whose = if rule.vocabulary.defines(name) {
            "of this rule".to_owned()
        } else {
            format!("from {}", entry.file)
        };
        s.push_str(&format!(
            "- @{name} ({} {whose}): {}\n",
            kind_name(entry),
            summary(entry)
        ));
    }
    s
}

fn kind_name(entry: &Entry) -> &'static str {
    match entry.kind {
        EntryKind::List { .. } => "list",
        EntryKind::Fragment { .. } => "fragment",
    }
}

/// A list's words, or a fragment's first line.
fn summary(entry: &Entry) -> String {
    match &entry.kind {
        EntryKind::List { words, .. } => {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            quoted.join(", ")
        }
        EntryKind::Fragment { pattern } => {
            let first = pattern
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'));
            let mut line = first.unwrap_or("").to_owned();
            if pattern.trim().lines().count() > 1 {
                line.push_str(" …");
            }
            format!("`{line}`")
        }
    }
}

/// `govlint explain @name`: a list's words or a fragment's text.
pub fn explain_entry(vocabulary: &Vocabulary, name: &str) -> Result<String, String> {
    let Some(entry) = vocabulary.get(name) else {
        let u = unknown(name, &vocabulary.names());
        return Err(format!(
            "error: {}\n  {}",
            u.message,
            u.help.unwrap_or_default()
        ));
    };
    let mut s = format!("@{name} ({}, {})\n\n", kind_name(entry), entry.file);
    match &entry.kind {
        EntryKind::List {
            words,
            case_sensitive,
        } => {
            s.push_str(if *case_sensitive {
                "Matches any of these, with the same capitals:\n"
            } else {
                "Matches any of these, in any case:\n"
            });
            for w in words {
                s.push_str(&format!("- {w}\n"));
            }
        }
        EntryKind::Fragment { pattern } => {
            s.push_str("Matches this regex (verbose mode):\n");
            s.push_str(pattern.trim_end());
            s.push('\n');
        }
    }
    let users: Vec<&str> = vocabulary
        .entries()
        .into_iter()
        .filter(|e| e.uses.iter().any(|u| u == name))
        .map(|e| e.name.as_str())
        .collect();
    if !users.is_empty() {
        s.push_str(&format!(
            "\nUsed by the fragments: @{}\n",
            users.join(", @")
        ));
    }
    Ok(s)
}
