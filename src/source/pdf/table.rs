//! Table rows whose cells wrap onto more lines.
//!
//! A cell too long for its column goes on under itself, so one row of a
//! table is drawn as several lines: the first with every cell, the next
//! ones with only the cells still running. Each line after the first starts
//! its pieces at the x of a column already seen. Rows are parted by more
//! space than the lines inside a cell (the cell padding and the border), so
//! a line that follows at the page's line pitch carries on the row above.
//! When a table has no such padding, a line with text in the first column
//! starts a row. A header cell aligned to the bottom shows its first lines
//! above the row, in a column other than the first.

use super::layout::{Line, usual_pitch};
use regex::Regex;
use std::sync::LazyLock;

/// A paragraph number or list label set off by a tab: "4.", "4.8",
/// "(a)", "b)", "iv.". Word sets a numbered paragraph with a hanging indent,
/// so its wrapped lines start where its text does, like a table cell's.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?|[A-Z]{1,3}\.\d{1,3}|\(?[a-z]\)|\(?[ivx]{1,4}[.)]|[a-z]\.)$")
        .expect("list label pattern is valid")
});

/// A numbered paragraph or list item, not a table row: two cells, the
/// first a label.
fn is_labelled_paragraph(line: &Line) -> bool {
    line.cells.len() == 2
        && line
            .text
            .split('\t')
            .next()
            .is_some_and(|label| LABEL.is_match(label.trim()))
}

/// Cells whose left edges are this close (in ems) are in one column.
const SAME_COLUMN: f32 = 0.6;
/// A step this much over the line pitch parts two rows.
const ROW_STEP: f32 = 1.15;
/// Lines further apart than this (in ems) are not one table.
const TABLE_GAP: f32 = 4.0;
/// How many lines of a bottom-aligned header cell are looked for above it.
const HEADER_LINES_ABOVE: usize = 3;

/// The page's lines with each table row on one line, its cells' wrapped
/// lines joined, a tab between cells (an empty cell where a row has none).
pub fn merge_wrapped_cells(lines: Vec<Line>) -> Vec<Line> {
    let Some(pitch) = usual_pitch(&lines) else {
        return lines;
    };
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if is_labelled_paragraph(&lines[i]) {
            // The tab after the label is a hanging indent, not a cell.
            let mut line = lines[i].clone();
            line.text = line.text.replacen('\t', " ", 1);
            line.cells.truncate(1);
            out.push(line);
            i += 1;
            continue;
        }
        if lines[i].cells.len() < 2 {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let mut columns = lines[i].cells.clone();
        let end = table_end(&lines, i, &mut columns, pitch);
        // The upper lines of a bottom-aligned cell of the first row.
        let mut run: Vec<Line> = Vec::new();
        while run.len() < HEADER_LINES_ABOVE {
            let below = run.first().unwrap_or(&lines[i]);
            let Some(above) = out.last() else { break };
            let column = match above.cells.as_slice() {
                [x] => column_of(&columns, *x, above.size),
                _ => None,
            };
            // It stays inside its column, as a cell's text does.
            let inside = column.is_some_and(|c| {
                columns
                    .get(c + 1)
                    .is_none_or(|&next| above.right < next - 0.5 * above.size)
            });
            let close = below.top - above.baseline <= ROW_STEP * pitch;
            if !inside || !close || above.size != below.size {
                break;
            }
            if let Some(above) = out.pop() {
                run.insert(0, above);
            }
        }
        let above = run.len();
        run.extend_from_slice(&lines[i..end]);
        out.extend(rows(&run, above, &columns, pitch));
        i = end;
    }
    out
}

/// Where the table starting at `start` ends, collecting its columns: it
/// runs on while lines follow closely and every piece of a line without
/// cells of its own starts at a known column.
fn table_end(lines: &[Line], start: usize, columns: &mut Vec<f32>, pitch: f32) -> usize {
    let mut end = start + 1;
    while let Some(line) = lines.get(end) {
        let prev = &lines[end - 1];
        let step = line.top - prev.baseline;
        if step > TABLE_GAP * line.size || (line.size - prev.size).abs() > 0.15 * line.size {
            break;
        }
        // A numbered paragraph after the table: its text starts at its
        // indent, not at a column of the table ("1<tab>Hire two planners"
        // under "No.<tab>Action" is a row).
        if is_labelled_paragraph(line)
            && line
                .cells
                .get(1)
                .is_some_and(|&x| column_of(columns, x, line.size).is_none())
        {
            break;
        }
        if line.cells.len() >= 2 {
            for &x in &line.cells {
                if column_of(columns, x, line.size).is_none() {
                    let at = columns.partition_point(|&c| c < x);
                    columns.insert(at, x);
                }
            }
        } else {
            // A line at the margin after a gap is the text after the table.
            match column_of(
                columns,
                line.cells.first().copied().unwrap_or(0.0),
                line.size,
            ) {
                Some(0) if step > ROW_STEP * pitch => break,
                Some(_) => {}
                None => break,
            }
        }
        end += 1;
    }
    end
}

/// The column a cell starting at `x` is in.
fn column_of(columns: &[f32], x: f32, size: f32) -> Option<usize> {
    columns
        .iter()
        .position(|&c| (c - x).abs() <= SAME_COLUMN * size.max(1.0))
}

/// The table's lines grouped into rows, one line each. The first `above`
/// lines belong to the first row whatever their spacing.
fn rows(run: &[Line], above: usize, columns: &[f32], pitch: f32) -> Vec<Line> {
    let padded = run
        .windows(2)
        .skip(above)
        .any(|w| w[1].top - w[0].baseline > ROW_STEP * pitch);
    let mut out: Vec<(Line, Vec<String>)> = Vec::new();
    for (k, line) in run.iter().enumerate() {
        let starts_row = match out.last() {
            None => true,
            Some(_) if k <= above => false,
            Some((prev, _)) if padded => line.top - prev.baseline > ROW_STEP * pitch,
            Some(_) => {
                line.cells
                    .first()
                    .and_then(|&x| column_of(columns, x, line.size))
                    == Some(0)
            }
        };
        if starts_row {
            let mut row = line.clone();
            row.cells = columns.to_vec();
            out.push((row, vec![String::new(); columns.len()]));
        }
        let Some((row, cells)) = out.last_mut() else {
            continue;
        };
        row.baseline = line.baseline;
        for (piece, &x) in line.text.split('\t').zip(&line.cells) {
            if let Some(cell) = column_of(columns, x, line.size).and_then(|c| cells.get_mut(c)) {
                join_piece(cell, piece.trim());
            }
        }
    }
    out.into_iter()
        .map(|(mut row, cells)| {
            row.text = cells.join("\t");
            row
        })
        .collect()
}

/// Adds a wrapped line of a cell to the cell: after a hyphen with no space
/// ("Marsh-" "Quigley", "anti-" "fraud", a soft hyphen dropped), else after
/// a space.
fn join_piece(cell: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if cell.ends_with('\u{ad}') {
        cell.pop();
    } else if !cell.is_empty() && !cell.ends_with('-') {
        cell.push(' ');
    }
    cell.push_str(piece);
}

/// Joins a table row that a page break splits: the next page may repeat
/// the table's header row (dropped) and then go on with the rest of the
/// row, in the table's columns but not its first, because that cell ended
/// on the page before.
pub fn join_across_pages(pages: &mut [Vec<Line>]) {
    for p in 1..pages.len() {
        let (before, after) = pages.split_at_mut(p);
        let (Some(prev), Some(next)) = (before.last_mut(), after.first_mut()) else {
            continue;
        };
        let Some(last) = prev.last() else { continue };
        if last.cells.len() < 2 {
            continue;
        }
        let same_table = |l: &Line| same_columns(&l.cells, &last.cells, last.size);
        let header_at = prev
            .iter()
            .rposition(|l| !same_table(l))
            .map_or(0, |k| k + 1);
        let header = prev[header_at].text.clone();
        let repeats = next.first().is_some_and(|l| l.text == header);
        let carried = usize::from(repeats);
        // The rest of the row: pieces in the table's columns, none in the first.
        let pieces = |l: &Line| -> Option<Vec<(usize, String)>> {
            let mut out = Vec::new();
            for (piece, &x) in l.text.split('\t').zip(&l.cells) {
                let column = column_of(&last.cells, x, l.size)?;
                if !piece.trim().is_empty() {
                    out.push((column, piece.trim().to_owned()));
                }
            }
            (!out.is_empty() && out.iter().all(|&(c, _)| c > 0)).then_some(out)
        };
        let Some(rest) = next
            .get(carried)
            .filter(|_| header_at + 1 < prev.len())
            .and_then(pieces)
        else {
            continue;
        };
        next.remove(carried);
        if repeats {
            next.remove(0);
        }
        let Some(last) = prev.last_mut() else {
            continue;
        };
        let mut cells: Vec<String> = last.text.split('\t').map(str::to_owned).collect();
        for (column, piece) in rest {
            if let Some(cell) = cells.get_mut(column) {
                join_piece(cell, &piece);
            }
        }
        last.text = cells.join("\t");
    }
}

/// Whether two rows have their cells in the same columns.
fn same_columns(a: &[f32], b: &[f32], size: f32) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() <= SAME_COLUMN * size.max(1.0))
}
