//! The signature block, wherever it stands and however it is laid out.
//!
//! Councils sign the statement in many shapes: a "Signed" section with a
//! table of role, name and date; "Signed: … Date: …" lines after the
//! conclusion; "Name: / Position: / Date:" lines; dotted lines with the name
//! and post below; two signatories side by side in a table with an empty
//! header row; a table with a "Signature | Name | Position | Date" header.
//! All of them are read the same way: find the places that are about
//! signing (a signature heading, a line that starts with "Signed", a dotted
//! line, a table that names signatories), then read each signatory's role,
//! name and date from the lines or cells around the role.

use super::{Block, BlockKind, Signatory, Statement};
use crate::values::{DatePrecision, ValueData};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A heading over the signature block.
static SIGNATURE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:signed|signatures?|signatories|certification|sign-off|declaration)\b")
        .expect("signature heading pattern is valid")
});
/// A block that starts the signature block: "Signed:", "Signature ……",
/// "Signed on behalf of …", a dotted or underscored line, a "Name:" line.
static SIGNING_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W{0,3}(?:signed\b|signature\b|name\s*:)|^[.…_]{5,}")
        .expect("signing cue pattern is valid")
});
/// The posts that sign the statement.
static SIGNATORY_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:leader(?: of the (?:council|opposition))?|(?:elected |city |executive )?mayor|chief executive(?: officer)?|head of paid service|managing director|city director|chief finance officer|(?:s\.?|section )151 officer|(?:executive |corporate )?director of (?:finance|resources)(?: and [a-z]+)?|monitoring officer|chair(?:man|person)?(?: of [a-z ]{3,40}committee)?)\b")
        .expect("signatory role pattern is valid")
});
/// A statutory designation that one person holds with a post.
static DESIGNATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:head of paid service|chief finance officer|(?:s\.?|section )151 officer|monitoring officer)$")
        .expect("designation pattern is valid")
});
/// What stands between a post and a designation of the same person:
/// "and", "&", "/", a comma, or an opening bracket.
static JOINS_ONE_PERSONS_POSTS: LazyLock<Regex> = LazyLock::new(|| {
    // Only the words fold case: under `(?i)` the regex crate folds
    // `[^\S\n]` as every character but the spaces, 20 ms to compile.
    Regex::new(r"^[^\S\n]*(?:(?i:and)|&|/|,|\()?[^\S\n]*(?:(?i:the)[^\S\n]+)?$")
        .expect("join pattern is valid")
});
/// What an unfilled name cell holds.
static UNFILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[.…_\-\s]*|signed|signature|name|date|position|role|post|\*?signed\*?|\[.*\]|\(.*\))$")
        .expect("unfilled pattern is valid")
});
/// A person's name: capitalised words, with an optional title and initials.
static PERSON_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Professor|Prof|Sir|Dame)\.?\s+)?\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}\.)*(?:\s+\p{Lu}[\p{L}’'-]*\p{Ll}){1,3}")
        .expect("person name pattern is valid")
});
/// Words that make a capitalised phrase a label or a post, not a name.
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:signed|signature|date|name|position|post|role|leader|council|chief|executive|officer|director|head|mayor|monitoring|finance|section|behalf|statement|committee|chair|annual|governance)\b")
        .expect("not-a-name pattern is valid")
});
/// The heading of a column in a signature table.
static SIGNATURE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:signed|signature|name|position|role|post|job title|title|designation|date|signed on behalf of [\w ]+|on behalf of [\w ]+)?\s*:?$")
        .expect("signature label pattern is valid")
});
/// "Name: Jane Doe" — a labelled name.
static NAME_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bname\s*:\s*").expect("name label pattern is valid"));

/// Finds the signatories of a statement.
pub(super) fn find(st: &Statement) -> Vec<Signatory> {
    let zone = signature_zone(st);
    let mut out = Vec::new();
    let mut b = 0;
    while b < zone.len() {
        let i = zone[b];
        let block = &st.blocks[i];
        if let BlockKind::TableRow { table, .. } = block.kind {
            let rows: Vec<usize> = zone[b..]
                .iter()
                .copied()
                .take_while(|&j| matches!(st.blocks[j].kind, BlockKind::TableRow { table: t, .. } if t == table))
                .collect();
            b += rows.len();
            read_table(st, &rows, &mut out);
        } else {
            // A run of adjacent blocks that are not table rows.
            let mut run = vec![i];
            while let Some(&j) = zone.get(b + run.len()) {
                let adjacent = run.last().is_some_and(|&last| j == last + 1);
                if !adjacent || matches!(st.blocks[j].kind, BlockKind::TableRow { .. }) {
                    break;
                }
                run.push(j);
            }
            b += run.len();
            read_lines(st, &run, &mut out);
        }
    }
    out
}

/// The blocks that may hold signatures, in order: the last section under a
/// signature heading, and every run of blocks from a signing cue (or a
/// table that names signatories) up to the next heading.
fn signature_zone(st: &Statement) -> Vec<usize> {
    let mut zone = Vec::new();
    if let Some(section) = st
        .sections
        .iter()
        .rev()
        .find(|s| SIGNATURE_HEADING.is_match(st.slice(&st.blocks[s.heading].range)))
    {
        zone.extend(section.blocks.clone());
    }
    // Signatures close the statement, so cues are looked for after its
    // first third (a contents page or a cover may say "signed").
    let third = st.text().len() / 3;
    // Each table's first header row, found once.
    let mut headers: HashMap<usize, &Block> = HashMap::new();
    for block in &st.blocks {
        if let BlockKind::TableRow {
            table,
            header: true,
        } = block.kind
        {
            headers.entry(table).or_insert(block);
        }
    }
    let mut open = false;
    for (i, block) in st.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Heading { .. }) {
            open = false;
            continue;
        }
        if block.range.start >= third && !open {
            open = is_cue(st, block) || names_signatory_in_table(st, block, &headers);
        }
        if open {
            zone.push(i);
        }
    }
    zone.sort_unstable();
    zone.dedup();
    zone
}

fn is_cue(st: &Statement, block: &Block) -> bool {
    let text = st.slice(&block.range);
    match block.kind {
        BlockKind::TableRow { .. } => block
            .cells
            .iter()
            .any(|c| SIGNING_CUE.is_match(st.slice(c).trim())),
        _ => SIGNING_CUE.is_match(text),
    }
}

/// A table row with a signatory's role and a date or a name next to it:
/// a row of a signature table whatever its heading.
fn names_signatory_in_table(
    st: &Statement,
    block: &Block,
    headers: &HashMap<usize, &Block>,
) -> bool {
    let BlockKind::TableRow { table, .. } = block.kind else {
        return false;
    };
    !headers
        .get(&table)
        .is_some_and(|h| headed_as_another_table(st, h))
        && block.cells.len() <= 5
        && block.cells.iter().any(|c| {
            SIGNATORY_ROLE
                .find(st.slice(c))
                .is_some_and(|m| m.start() < 4)
        })
        && block
            .cells
            .iter()
            .any(|c| date_in(st, c).is_some() || st.slice(c).trim().eq_ignore_ascii_case("date:"))
}

/// Whether a table's header row `h` names columns a signature table does
/// not have ("Statutory basis", "Target date" beside "Lead officer"): a
/// table of posts or an action plan, whose rows name posts and dates but
/// are not signatures. A first row that names a post or gives a date is a
/// signatory's row, not a header.
fn headed_as_another_table(st: &Statement, h: &Block) -> bool {
    let cells = || h.cells.iter().map(|c| st.slice(c).trim());
    !cells().any(|c| SIGNATORY_ROLE.is_match(c))
        && !h.cells.iter().any(|c| date_in(st, c).is_some())
        && cells().any(|c| !SIGNATURE_LABEL.is_match(c))
}

/// A table of signatories: one per row, or one per column when a row holds
/// two or more roles (signatories side by side).
fn read_table(st: &Statement, rows: &[usize], out: &mut Vec<Signatory>) {
    let role_in = |c: &Range<usize>| {
        SIGNATORY_ROLE
            .find(st.slice(c))
            .map(|m| c.start + m.start()..c.start + m.end())
    };
    let side_by_side = rows.iter().any(|&r| {
        st.blocks[r]
            .cells
            .iter()
            .filter(|c| role_in(c).is_some())
            .count()
            >= 2
    });
    if !side_by_side {
        for &r in rows {
            let block = &st.blocks[r];
            let Some(role) = block.cells.iter().find_map(role_in) else {
                continue;
            };
            let date = block.cells.iter().find_map(|c| date_in(st, c));
            let name = block
                .cells
                .iter()
                .find(|c| is_name_cell(st, c, &role, date.as_ref().map(|d| &d.1)))
                .map(|c| trimmed(st, c))
                .or_else(|| name_near(st, &block.range, &role));
            out.push(Signatory {
                block: r,
                range: block.range.clone(),
                role,
                name,
                date,
            });
        }
        return;
    }
    let columns = rows
        .iter()
        .map(|&r| st.blocks[r].cells.len())
        .max()
        .unwrap_or(0);
    for col in 0..columns {
        let cells: Vec<(usize, &Range<usize>)> = rows
            .iter()
            .filter_map(|&r| st.blocks[r].cells.get(col).map(|c| (r, c)))
            .collect();
        let Some((row, cell, role)) = cells
            .iter()
            .find_map(|&(r, c)| role_in(c).map(|role| (r, c, role)))
        else {
            continue;
        };
        let date = cells.iter().find_map(|(_, c)| date_in(st, c));
        // A cell of its own, else a name beside the post in its cell
        // ("**Jane Doe**<br>Leader of the Council<br>5 December 2023").
        let name = cells
            .iter()
            .find(|(_, c)| is_name_cell(st, c, &role, date.as_ref().map(|d| &d.1)))
            .map(|(_, c)| trimmed(st, c))
            .or_else(|| name_near(st, cell, &role));
        // The role's cell through the last cell of its column below it
        // ("Date:"), so that a rule can point at a blank date.
        let column_end = cells
            .iter()
            .filter(|(r, _)| *r >= row)
            .map(|(_, c)| c.end)
            .max()
            .unwrap_or(cell.end);
        out.push(Signatory {
            block: row,
            range: cell.start..column_end.max(cell.end),
            role,
            name,
            date,
        });
    }
}

/// Signature lines set out as blocks of their own ("Signed …… Date 1 May",
/// then the name, then the post, then perhaps "Date: …"): each block that
/// names a post is one signatory (or more), and the blocks that name none
/// belong to a signatory too: a "Date" line just after a post belongs to
/// that post, the other blocks to the next post below them.
fn read_lines(st: &Statement, run: &[usize], out: &mut Vec<Signatory>) {
    let roles: Vec<usize> = (0..run.len())
        .filter(|&k| is_post_block(st, run[k]))
        .collect();
    let is_date_line =
        |k: usize| DATE_LINE.is_match(st.slice(&st.blocks[run[k]].range)) && !roles.contains(&k);
    let dates_after = |k: usize| (k + 1..run.len()).take_while(|&j| is_date_line(j)).count();
    for (n, &k) in roles.iter().enumerate() {
        let lo = match n {
            0 => 0,
            _ => roles[n - 1] + 1 + dates_after(roles[n - 1]),
        };
        let hi = (k + 1 + dates_after(k)).min(run.len());
        let group: Vec<usize> = run[lo.min(k)..hi].to_vec();
        read_block(st, run[k], &group, out);
    }
}

/// "Date: 1 May 2025", "Date ……": a date line of a signature.
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W{0,3}dated?\b").expect("date line pattern is valid"));

/// "Date:" with its colon, anywhere in a signature's lines.
static DATE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bdate\s*:").expect("date label pattern is valid"));

/// A block that names a signing post and is not a sentence about posts.
fn is_post_block(st: &Statement, i: usize) -> bool {
    let text = st.slice(&st.blocks[i].range);
    SIGNATORY_ROLE.is_match(text) && is_signature_text(text)
}

/// Whether a block naming a post reads as signature lines rather than as
/// a sentence about the posts ("It is signed on behalf of the Council by
/// the Leader and the Chief Executive."): it starts with a signing cue, or
/// it is short and has few words in lower case outside the posts' names.
fn is_signature_text(text: &str) -> bool {
    if SIGNING_CUE.is_match(text) {
        return true;
    }
    if text.len() > 200 {
        return false;
    }
    let outside_posts = SIGNATORY_ROLE.replace_all(text, " ");
    let lower_case_words = outside_posts
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    lower_case_words <= MOST_LOWER_CASE_WORDS
}

/// The most words in lower case a signature line has outside its posts:
/// "Signed on behalf of the council", "Date of signing", "for and on behalf of".
const MOST_LOWER_CASE_WORDS: usize = 10;

/// A paragraph of signature lines (a block that [`is_post_block`]): each
/// role in it is one signatory, with the name and date between it and its
/// neighbours. A role that has no date or name on its own lines takes them
/// from the other blocks of its `group` (see [`read_lines`]).
fn read_block(st: &Statement, i: usize, group: &[usize], out: &mut Vec<Signatory>) {
    let block = &st.blocks[i];
    let text = st.slice(&block.range);
    let mut roles: Vec<Range<usize>> = Vec::new();
    for m in SIGNATORY_ROLE.find_iter(text) {
        let role = block.range.start + m.start()..block.range.start + m.end();
        // "Chief Executive and Head of Paid Service", "Director of Finance
        // (s151 Officer)": one person's post and statutory designation.
        let joined = roles.last().is_some_and(|last: &Range<usize>| {
            DESIGNATION.is_match(m.as_str())
                && JOINS_ONE_PERSONS_POSTS.is_match(st.slice(&(last.end..role.start)))
        });
        if !joined {
            roles.push(role);
        }
    }
    let dates_below = group
        .iter()
        .filter(|&&g| g > i && DATE_LINE.is_match(st.slice(&st.blocks[g].range)))
        .map(|&g| st.blocks[g].range.end)
        .max();
    for (n, role) in roles.iter().enumerate() {
        let start = if n == 0 {
            block.range.start
        } else {
            roles[n - 1].end
        };
        let end = roles.get(n + 1).map_or(block.range.end, |r| r.start);
        // With several signatories in one block, each owns the lines from
        // the previous role to its own role, and its own line.
        let own = if roles.len() == 1 {
            block.range.clone()
        } else {
            start..line_end(st, role.end, end)
        };
        // Its own lines, and the "Date" lines below its block, so that a
        // rule can point at a blank one.
        let own = own.start..dates_below.unwrap_or(own.end).max(own.end);
        // The other blocks of the group speak for the first role, or for
        // every role of a short post line ("Chief Executive and Head of
        // Paid Service").
        let others: Vec<&Range<usize>> = if n == 0 || text.len() <= 80 {
            group
                .iter()
                .filter(|&&g| g != i)
                .map(|&g| &st.blocks[g].range)
                .collect()
        } else {
            Vec::new()
        };
        // A "Date:" of its own left blank says it is undated, whatever date
        // the blocks around it give (the approval, say).
        let date = date_in(st, &own).or_else(|| {
            if DATE_LABEL.is_match(st.slice(&own)) {
                return None;
            }
            others.iter().find_map(|r| date_in(st, r))
        });
        let name = labelled_name(st, &own)
            .or_else(|| name_near(st, &own, role))
            .or_else(|| {
                // The nearest name in the blocks before the post, else after.
                let before = others.iter().rev().filter(|r| r.end <= block.range.start);
                let after = others.iter().filter(|r| r.start >= block.range.end);
                before.chain(after).find_map(|r| {
                    labelled_name(st, r).or_else(|| name_near(st, r, &(r.end..r.end)))
                })
            });
        out.push(Signatory {
            block: i,
            range: own,
            role: role.clone(),
            name,
            date,
        });
    }
}

fn line_end(st: &Statement, from: usize, limit: usize) -> usize {
    st.text()
        .get(from..limit)
        .and_then(|t| t.find('\n'))
        .map_or(limit, |p| from + p)
}

/// The first day-precision date in a range.
fn date_in(st: &Statement, range: &Range<usize>) -> Option<(crate::values::Date, Range<usize>)> {
    st.values_in(range).iter().find_map(|v| match &v.data {
        ValueData::Date(d) if d.precision == DatePrecision::Day => Some((*d, v.range.clone())),
        _ => None,
    })
}

fn trimmed(st: &Statement, range: &Range<usize>) -> Range<usize> {
    let text = st.slice(range);
    let lead = text.len() - text.trim_start().len();
    range.start + lead..range.start + text.trim_end().len()
}

/// A cell that holds a name: not the role, not the date, not blank, dotted
/// or a label, and with letters in it.
fn is_name_cell(
    st: &Statement,
    cell: &Range<usize>,
    role: &Range<usize>,
    date: Option<&Range<usize>>,
) -> bool {
    let inside = |inner: &Range<usize>| cell.start <= inner.start && inner.end <= cell.end;
    let t = st.slice(cell).trim().trim_matches('*').trim();
    !inside(role)
        && !date.is_some_and(inside)
        && !UNFILLED.is_match(t)
        && !t.to_ascii_lowercase().starts_with("date")
        && t.chars().any(char::is_alphabetic)
}

/// "Name: Jane Doe".
fn labelled_name(st: &Statement, range: &Range<usize>) -> Option<Range<usize>> {
    let text = st.slice(range);
    let label = NAME_LABEL.find(text)?;
    let rest = &text[label.end()..];
    let line = rest.split(['\n', '|']).next().unwrap_or("").trim_end();
    let found = PERSON_NAME.find(line).filter(|m| m.start() == 0)?;
    let part = name_part(found.as_str()).filter(|p| p.start == 0)?;
    let start = range.start + label.end();
    Some(start..start + part.end)
}

/// The part of a name-shaped phrase that is the name: label or post words
/// before it are skipped ("Date Dr Jane Doe") and it stops at the next one
/// ("Jane Doe Position"); `None` if fewer than two words remain.
fn name_part(phrase: &str) -> Option<Range<usize>> {
    let mut start = None;
    let mut end = 0;
    let mut words = 0;
    for word in phrase.split_whitespace() {
        let at = word.as_ptr() as usize - phrase.as_ptr() as usize;
        if NOT_A_NAME.is_match(word) {
            if start.is_some() {
                break;
            }
            continue;
        }
        start.get_or_insert(at);
        end = at + word.len();
        words += 1;
    }
    start.filter(|_| words >= 2).map(|s| s..end)
}

/// A name-shaped phrase near the role: the last one before it on the
/// signatory's lines, else the first one after it.
fn name_near(st: &Statement, range: &Range<usize>, role: &Range<usize>) -> Option<Range<usize>> {
    let text = st.slice(range);
    let names: Vec<Range<usize>> = PERSON_NAME
        .find_iter(text)
        .filter_map(|m| {
            let part = name_part(m.as_str())?;
            let at = range.start + m.start();
            Some(at + part.start..at + part.end)
        })
        .filter(|m| m.end <= role.start || m.start >= role.end)
        .collect();
    names
        .iter()
        .rev()
        .find(|m| m.end <= role.start)
        .or_else(|| names.iter().find(|m| m.start >= role.end))
        .cloned()
}

#[cfg(test)]
#[path = "signatures_tests.rs"]
mod tests;
