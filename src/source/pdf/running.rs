//! Running headers and footers: lines at the top or bottom of most pages
//! that say the same thing, page numbers aside ("Page 3 of 12").

use super::layout::Line;
use std::collections::HashMap;

/// How many lines at each edge of a page may be a header or footer.
const EDGE: usize = 2;

/// Removes running headers and footers from every page but the first,
/// where the header often doubles as the title (the plain-text front-end
/// keeps a first occurrence too).
pub fn strip(pages: &mut [Vec<Line>]) {
    if pages.len() < 2 {
        return;
    }
    let mut top: HashMap<String, usize> = HashMap::new();
    let mut bottom: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        for line in lines.iter().take(EDGE) {
            *top.entry(key(&line.text)).or_default() += 1;
        }
        for line in lines.iter().rev().take(EDGE) {
            *bottom.entry(key(&line.text)).or_default() += 1;
        }
    }
    // On more than half the pages, and on two at least.
    let needed = (pages.len() / 2 + 1).max(2);
    let repeated = |counts: &HashMap<String, usize>, line: &Line| {
        counts.get(&key(&line.text)).is_some_and(|&n| n >= needed)
    };
    for (number, lines) in pages.iter_mut().enumerate() {
        let n = lines.len();
        let mut keep = vec![true; n];
        for (i, line) in lines.iter().enumerate() {
            let at_top = i < EDGE && number > 0 && repeated(&top, line);
            let at_bottom = i + EDGE >= n && repeated(&bottom, line);
            keep[i] = !(at_top || at_bottom);
        }
        let mut i = 0;
        lines.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}

/// A line with its digits and spacing evened out, so "Page 3 of 12" and
/// "Page 4 of 12" are the same footer.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}
