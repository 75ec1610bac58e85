//! Stage 6: everything govlint shows a person or a tool.
//!
//! A run's findings go out through a [`Reporter`], one per output format,
//! each in its own file (`human.rs`, `json.rs`). To add a format, add a
//! file with a type that implements [`Reporter`], export it here and give
//! the CLI's `--format` a value for it. Lines and columns come from the one
//! [`LineIndex`]. The other commands' text lives here too: the rule table
//! ([`rules_table()`]), a rule's documentation ([`explain()`]) and the
//! `govlint test` report ([`test_summary()`]). Nothing here prints: callers
//! pass a writer or take a `String`.

mod explain;
mod human;
mod inspect;
mod json;
mod line_index;
mod rules_table;
mod test_summary;

pub use explain::{explain, explain_meta, unknown_rule};
pub use human::{FindingDiagnostic, HumanReporter, summary_line};
pub use inspect::inspect;
pub use json::JsonReporter;
pub use line_index::LineIndex;
pub use rules_table::rules_table;
pub use test_summary::{explain_failure, test_summary};

use crate::diagnostic::{Run, Summary};
use std::io::{self, Write};

/// Writes a run's reports in one format.
pub trait Reporter {
    fn report(&self, run: &Run, summary: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// "1 file", "2 files".
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
