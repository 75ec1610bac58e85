//! Sentence splitting tuned to governance prose: "£14.2m", "4.8", "s.151",
//! "e.g." and "Cllr. Smith" do not end a sentence. Headings and table rows
//! are one sentence each.

use super::{Block, BlockKind, Sentence};

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 24] = [
    "e.g", "i.e", "etc", "eg", "ie", "no", "nos", "cllr", "mr", "mrs", "ms", "dr", "st", "para",
    "paras", "s", "ss", "ref", "approx", "vs", "cf", "co", "reg", "sec",
];

pub fn split(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Paragraph | BlockKind::ListItem => {
                split_block(text, i, block.range.clone(), &mut out)
            }
            _ => out.push(Sentence {
                block: i,
                range: block.range.clone(),
            }),
        }
    }
    out
}

fn split_block(text: &str, block: usize, range: std::ops::Range<usize>, out: &mut Vec<Sentence>) {
    let Some(body) = text.get(range.clone()) else {
        return;
    };
    let bytes = body.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Closing quotes and brackets belong to the sentence.
            let mut end = i + 1;
            while end < body.len() && body[end..].starts_with(['"', '\'', ')', '’', '”']) {
                end += body[end..].chars().next().map_or(1, char::len_utf8);
            }
            let rest = &body[end..];
            let next = rest.trim_start();
            let has_space = rest.len() > next.len();
            if has_space
                && starts_sentence(next)
                && !(b == b'.' && is_abbreviation(&body[start..i]))
            {
                push(out, block, range.start, body, start..end);
                start = end + (rest.len() - next.len());
                i = start;
                continue;
            }
        }
        i += 1;
    }
    push(out, block, range.start, body, start..body.len());
}

fn push(out: &mut Vec<Sentence>, block: usize, base: usize, body: &str, r: std::ops::Range<usize>) {
    let r = super::blocks::trim(body, r);
    if !r.is_empty() {
        out.push(Sentence {
            block,
            range: base + r.start..base + r.end,
        });
    }
}

fn starts_sentence(next: &str) -> bool {
    next.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '(' | '£')
    })
}

/// Whether the text before a full stop ends in an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    // "J. Smith": a single capital letter is an initial.
    (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
        || ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let blocks = [Block {
            kind: BlockKind::Paragraph,
            range: 0..text.len(),
            cells: Vec::new(),
            number: None,
        }];
        split(text, &blocks)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn splits_on_sentence_ends_only() {
        assert_eq!(
            sentences(
                "The budget was £14.2m. Reserves fell (see para. 4.8). Cllr. J. Smith agreed, e.g. on 3 May. It ended."
            ),
            vec![
                "The budget was £14.2m.",
                "Reserves fell (see para. 4.8).",
                "Cllr. J. Smith agreed, e.g. on 3 May.",
                "It ended."
            ]
        );
    }

    #[test]
    fn quotes_and_lower_case_continuations() {
        assert_eq!(
            sentences("It was rated “reasonable.” The end. and more"),
            vec!["It was rated “reasonable.”", "The end. and more"]
        );
    }
}
