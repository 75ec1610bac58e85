//! `numbering`: numbered paragraphs of the same family ("4.x", "PA.x")
//! must run 1, 2, 3 … in document order, without duplicates, gaps or steps
//! back.

use super::CheckCtx;
use super::env::{MatchEnv, NumberingFacts};
use super::findings;
use crate::diagnostic::Finding;
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
    // family → (last number accepted, its text)
    let mut last: Vec<(&str, u32, &str)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, &(range, family, n, text)) in items.iter().enumerate() {
        let Some(&(_, m, prev)) = last.iter().find(|(f, _, _)| *f == family) else {
            // The first of its family starts a sequence wherever it starts.
            last.push((family, n, text));
            seen.push(text);
            continue;
        };
        let problem = if seen.contains(&text) {
            "is a duplicate"
        } else if n == m + 1 {
            update(&mut last, family, n, text);
            seen.push(text);
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
        let next_in_family = items[i + 1..].iter().find(|x| x.1 == family).map(|x| x.2);
        if problem != "is a duplicate" {
            seen.push(text);
            update(&mut last, family, n, text);
        } else if next_in_family != Some(m + 1) {
            // A duplicate not followed by the number it repeats was a slip
            // for the expected number: the next paragraph is judged from it.
            update(&mut last, family, m + 1, text);
        }
    }
}

fn update<'a>(last: &mut Vec<(&'a str, u32, &'a str)>, family: &'a str, n: u32, text: &'a str) {
    match last.iter_mut().find(|(f, _, _)| *f == family) {
        Some(entry) => *entry = (family, n, text),
        None => last.push((family, n, text)),
    }
}

/// "4.12" → ("4.", 12); "PA.3" → ("PA.", 3); "A2" → ("A", 2).
fn split_number(text: &str) -> Option<(&str, u32)> {
    let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (family, n) = text.split_at(text.len() - digits);
    Some((family, n.parse().ok()?))
}
