//! `numbering`: numbered paragraphs of the same family ("4.x", "PA.x")
//! must run 1, 2, 3 … in document order, without duplicates, gaps or steps
//! back.

use super::CheckCtx;
use super::env::{MatchEnv, NumberingFacts};
use super::findings;
use crate::diagnostic::Finding;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A numbered paragraph: where its number is, its family, its number in
/// the family, and its text ("4.12" is family "4.", number 12).
type Numbered<'a> = (&'a Range<usize>, &'a str, u32, &'a str);

pub(super) fn run(cx: &CheckCtx<'_>, out: &mut Vec<Finding>) {
    let st = cx.doc.st;
    let mut items: Vec<Numbered<'_>> = Vec::new();
    for p in &st.paragraphs {
        let text = st.slice(&p.number);
        if cx
            .doc
            .within(cx.check.within.as_ref(), &st.blocks[p.block].range)
            && let Some((family, n)) = split_number(text)
        {
            items.push((&p.number, family, n, text));
        }
    }
    // Each item's next of the same family, found once (a long statement
    // has thousands of numbered paragraphs).
    let mut next_in_family = vec![None; items.len()];
    let mut later: HashMap<&str, u32> = HashMap::new();
    for (i, &(_, family, n, _)) in items.iter().enumerate().rev() {
        next_in_family[i] = later.insert(family, n);
    }
    // family → (last number accepted, its text)
    let mut last: HashMap<&str, (u32, &str)> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, &(range, family, n, text)) in items.iter().enumerate() {
        let Some(&(m, prev)) = last.get(family) else {
            // The first of its family starts a sequence wherever it starts.
            last.insert(family, (n, text));
            seen.insert(text);
            continue;
        };
        let problem = if seen.contains(text) {
            "is a duplicate"
        } else if n == m + 1 {
            last.insert(family, (n, text));
            seen.insert(text);
            continue;
        } else if n > m + 1 {
            "skips a number"
        } else {
            "is out of order"
        };
        let facts = NumberingFacts {
            number: text,
            previous: prev,
            expected: format!("{family}{}", m + 1),
            problem,
        };
        let env = MatchEnv::bare(cx).with_numbering(&facts);
        out.push(findings::at(cx, &env, range, Vec::new()));
        if problem != "is a duplicate" {
            seen.insert(text);
            last.insert(family, (n, text));
        } else if next_in_family[i] != Some(m + 1) {
            // A duplicate not followed by the number it repeats was a slip
            // for the expected number: the next paragraph is judged from it.
            last.insert(family, (m + 1, text));
        }
    }
}

/// "4.12" → ("4.", 12); "PA.3" → ("PA.", 3); "A2" → ("A", 2).
fn split_number(text: &str) -> Option<(&str, u32)> {
    let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (family, n) = text.split_at(text.len() - digits);
    Some((family, n.parse().ok()?))
}
