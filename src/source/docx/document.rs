//! The walk over the body (word/document.xml) and the notes
//! (footnotes.xml, endnotes.xml): one pass over the XML events, keeping
//! only counters and the paragraph, row and cell being read, so deep
//! nesting costs memory in proportion to the file and never stack.
//!
//! What a reader of the final document sees is kept: tracked insertions
//! and moved-to text, field results, hyperlink and content-control text,
//! text boxes (as paragraphs after the paragraph they sit in). What they
//! do not see is dropped: deletions and moved-from text, hidden text, field
//! instructions, the table of contents (a field result that repeats the
//! headings), comments (another part, with only markers in the body; the
//! markers are passed to [`super::comments`]).

use super::comments;
use super::numbering::{Label, Numbering};
use super::output::Output;
use super::styles::{NumRef, Styles};
use super::symbols::symbol;
use super::trace::Traced;
use super::xml::{self, BytesStart, Event};
use crate::source::InputError;
use crate::source::outline::OutlineKind;
use std::ops::Range;

/// Which part is walked: the body, or footnotes and endnotes (each note
/// one block, kept apart from the body text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    Body,
    Notes,
}

/// Elements whose content a reader of the final document does not see.
const UNSEEN: [&str; 14] = [
    "del",
    "moveFrom",
    "delText",
    "delInstrText",
    "pPrChange",
    "rPrChange",
    "sectPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
    // Markup compatibility: the fallback repeats the chosen content.
    "Fallback",
    "tblPrEx",
];

/// Notes Word writes as the separator line above the real notes.
const SEPARATOR_NOTES: [&str; 3] = ["separator", "continuationSeparator", "continuationNotice"];

/// The longest field instruction kept: only its first word matters.
const MAX_INSTRUCTION: usize = 64;

#[derive(Debug, Default)]
struct Paragraph {
    style: Option<String>,
    /// `w:numPr` written on the paragraph itself.
    num: Option<NumRef>,
    /// `w:outlineLvl` written on the paragraph itself.
    outline_level: Option<u8>,
    text: Traced,
    /// Its paragraph mark is a tracked deletion.
    mark_deleted: bool,
}

/// A paragraph ready to be placed: in the body, a cell or a note.
#[derive(Debug)]
struct Finished {
    kind: OutlineKind,
    /// The generated label and the number's range in it.
    label: Option<(String, Option<Range<usize>>)>,
    text: Traced,
}

/// A field being read (`w:fldChar` begin … separate … end).
#[derive(Debug)]
struct Field {
    instruction: String,
    /// Past `separate`: what follows is the field's shown result.
    in_result: bool,
    /// Text here is not shown: the instruction, or a contents field.
    hides: bool,
}

#[derive(Debug)]
struct Table {
    index: usize,
    rows: usize,
    /// The first row is a header unless the table's look says not.
    first_row_header: bool,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Traced>,
    header: bool,
}

#[derive(Debug, Default)]
struct Cell {
    text: Traced,
    /// A vertically merged cell continuing the one above: shown empty.
    continued: bool,
}

pub(super) struct Walker<'a> {
    path: &'a str,
    part: Part,
    styles: &'a Styles,
    numbering: &'a mut Numbering,
    out: &'a mut Output,
    /// Depth inside an element whose content is not seen (0: not inside).
    unseen: usize,
    paragraphs: Vec<Paragraph>,
    in_text: bool,
    in_instruction: bool,
    runs: usize,
    /// The run depth of a run whose text is hidden (`w:vanish`).
    hidden_run: Option<usize>,
    paragraph_properties: usize,
    fields: Vec<Field>,
    /// How many open fields hide their text.
    hiding_fields: usize,
    text_boxes: usize,
    /// Table nesting depth; only the outermost table makes rows, nested
    /// tables' text joins the outer cell.
    tables: usize,
    table: Option<Table>,
    row: Option<Row>,
    cell: Option<Cell>,
    /// Text-box paragraphs waiting for the paragraph holding them to end.
    pending: Vec<Finished>,
    note: Option<Traced>,
    /// The highest plain list number ("7") kept as a block number: a list
    /// that starts again from 1 is a list, not paragraph numbering.
    highest_plain_number: u32,
}

impl<'a> Walker<'a> {
    pub fn new(
        path: &'a str,
        part: Part,
        styles: &'a Styles,
        numbering: &'a mut Numbering,
        out: &'a mut Output,
    ) -> Self {
        Walker {
            path,
            part,
            styles,
            numbering,
            out,
            unseen: 0,
            paragraphs: Vec::new(),
            in_text: false,
            in_instruction: false,
            runs: 0,
            hidden_run: None,
            paragraph_properties: 0,
            fields: Vec::new(),
            hiding_fields: 0,
            text_boxes: 0,
            tables: 0,
            table: None,
            row: None,
            cell: None,
            pending: Vec::new(),
            note: None,
            highest_plain_number: 0,
        }
    }

    /// Reads one part's XML to the end.
    pub fn walk(&mut self, part_name: &str, text: &str) -> Result<(), InputError> {
        let mut events = xml::Events::new(self.path, part_name, text);
        loop {
            let from = events.position();
            let event = events.next()?;
            match &event {
                Event::Start(e) => self.start(e),
                Event::Empty(e) => self.empty(e),
                Event::End(e) => self.end(e.local_name().as_ref()),
                Event::Eof => break,
                other => {
                    if let Some(t) = xml::text(other) {
                        // Where the text is in the XML, for annotating the
                        // body: a CDATA section's raw text is not its text.
                        let raw = from..events.position();
                        let traced = self.part == Part::Body
                            && self.text_boxes == 0
                            && !matches!(other, Event::CData(_));
                        self.text(&t, traced.then_some(raw));
                    }
                }
            }
        }
        for f in std::mem::take(&mut self.pending) {
            self.place(f);
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        self.comment_marker(e);
        if self.unseen > 0 {
            self.unseen += 1;
            return;
        }
        let name = e.local_name();
        let name = name.as_ref();
        if UNSEEN.contains(&name) {
            self.mark_deletion(name);
            self.unseen = 1;
            return;
        }
        match name {
            "p" => self.paragraphs.push(Paragraph::default()),
            "pPr" => self.paragraph_properties += 1,
            "r" => self.runs += 1,
            "t" => self.in_text = true,
            "instrText" => self.in_instruction = true,
            "txbxContent" => self.text_boxes += 1,
            "fldSimple" => {
                let hides = is_contents_field(&xml::attr(e, "instr").unwrap_or_default());
                self.hiding_fields += usize::from(hides);
                self.fields.push(Field {
                    instruction: String::new(),
                    in_result: true,
                    hides,
                });
            }
            "tbl" => {
                if self.tables == 0 && self.text_boxes == 0 && self.part == Part::Body {
                    self.table = Some(Table {
                        index: self.out.tables,
                        rows: 0,
                        first_row_header: true,
                    });
                    self.out.tables += 1;
                }
                self.tables += 1;
            }
            "tr" if self.in_outer_table() => self.row = Some(Row::default()),
            "tc" if self.in_outer_table() && self.row.is_some() => {
                self.cell = Some(Cell::default())
            }
            "footnote" | "endnote" if self.part == Part::Notes => {
                let kind = xml::attr(e, "type").unwrap_or_default();
                if SEPARATOR_NOTES.contains(&kind.as_str()) {
                    self.unseen = 1;
                } else {
                    self.note = Some(Traced::default());
                }
            }
            _ => self.property(name, e),
        }
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        self.comment_marker(e);
        if self.unseen > 0 {
            return;
        }
        let name = e.local_name();
        let name = name.as_ref();
        match name {
            "del" | "moveFrom" => self.mark_deletion(name),
            "tab" | "ptab" | "br" | "cr" if self.runs > 0 => self.push(" ", None),
            "noBreakHyphen" if self.runs > 0 => self.push("-", None),
            "sym" => {
                if let Some(c) = symbol(e) {
                    self.push(c.encode_utf8(&mut [0; 4]), None);
                }
            }
            "fldChar" => self.field_char(xml::attr(e, "fldCharType").as_deref()),
            _ => self.property(name, e),
        }
    }

    fn end(&mut self, name: &str) {
        if self.unseen > 0 {
            self.unseen -= 1;
            return;
        }
        match name {
            "p" => self.end_paragraph(),
            "pPr" => self.paragraph_properties = self.paragraph_properties.saturating_sub(1),
            "r" => {
                if self.hidden_run == Some(self.runs) {
                    self.hidden_run = None;
                }
                self.runs = self.runs.saturating_sub(1);
            }
            "t" => self.in_text = false,
            "instrText" => self.in_instruction = false,
            "txbxContent" => self.text_boxes = self.text_boxes.saturating_sub(1),
            "fldSimple" => self.end_field(),
            "tbl" => {
                self.tables = self.tables.saturating_sub(1);
                if self.tables == 0 {
                    self.table = None;
                    self.row = None;
                    self.cell = None;
                }
            }
            "tc" if self.in_outer_table() => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.cells.push(if cell.continued {
                        Traced::default()
                    } else {
                        cell.text.clean()
                    });
                }
            }
            "tr" if self.in_outer_table() => self.end_row(),
            "footnote" | "endnote" => {
                if let Some(note) = self.note.take() {
                    let text = note.clean();
                    if !text.is_empty() {
                        self.out.block(OutlineKind::Note, None, &text);
                    }
                }
            }
            _ => {}
        }
    }

    /// A text event's characters, and where they are in the XML when the
    /// text is traced.
    fn text(&mut self, t: &str, xml: Option<Range<usize>>) {
        if self.unseen > 0 {
            return;
        }
        if self.in_instruction {
            if let Some(field) = self.fields.last_mut()
                && field.instruction.len() < MAX_INSTRUCTION
            {
                field.instruction.push_str(t);
            }
            return;
        }
        if self.in_text {
            self.push(t, xml);
        }
    }

    /// Shown text: a run's text, or what a tab, break or symbol shows.
    fn push(&mut self, t: &str, xml: Option<Range<usize>>) {
        if self.unseen > 0 || self.hiding_fields > 0 || self.hidden_run.is_some() {
            return;
        }
        if let Some(p) = self.paragraphs.last_mut() {
            match xml {
                Some(xml) => p.text.push_xml(t, xml),
                None => p.text.push(t),
            }
        }
    }

    /// Properties of the open paragraph, row, cell or table.
    fn property(&mut self, name: &str, e: &BytesStart<'_>) {
        let outer = self.in_outer_table();
        match name {
            "pStyle" | "numId" | "ilvl" | "outlineLvl" if self.paragraph_properties > 0 => {
                let Some(p) = self.paragraphs.last_mut() else {
                    return;
                };
                let small = || xml::num_val(e).and_then(|v| u8::try_from(v).ok());
                match name {
                    "pStyle" => p.style = xml::val(e),
                    "numId" => p.num.get_or_insert_default().num_id = xml::num_val(e),
                    "ilvl" => p.num.get_or_insert_default().ilvl = small(),
                    _ => p.outline_level = small(),
                }
            }
            // Hidden text (a template's guidance, say) is not shown.
            "vanish" | "specVanish"
                if self.runs > 0 && self.paragraph_properties == 0 && xml::is_on(e) =>
            {
                self.hidden_run = Some(self.runs);
            }
            "tblHeader" if outer => {
                if let Some(row) = self.row.as_mut() {
                    row.header = xml::is_on(e);
                }
            }
            "vMerge" if outer => {
                if let Some(cell) = self.cell.as_mut() {
                    cell.continued = xml::val(e).is_none_or(|v| v == "continue");
                }
            }
            "tblLook" if outer && self.row.is_none() => {
                if let Some(table) = self.table.as_mut() {
                    table.first_row_header = match (xml::attr(e, "firstRow"), xml::val(e)) {
                        (Some(first), _) => matches!(first.as_str(), "1" | "true" | "on"),
                        (None, Some(bits)) => {
                            u32::from_str_radix(&bits, 16).is_ok_and(|b| b & 0x20 != 0)
                        }
                        (None, None) => true,
                    };
                }
            }
            _ => {}
        }
    }

    /// Where a comment is anchored, even in deleted text: the comment
    /// still stands beside the paragraph.
    fn comment_marker(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name: &str = name.as_ref();
        if comments::is_marker(name)
            && let Some(id) = xml::attr(e, "id")
        {
            self.out.comments.marker(name, id);
        }
    }

    /// A deleted paragraph mark (`w:del` in the mark's run properties).
    fn mark_deletion(&mut self, name: &str) {
        if matches!(name, "del" | "moveFrom")
            && self.paragraph_properties > 0
            && let Some(p) = self.paragraphs.last_mut()
        {
            p.mark_deleted = true;
        }
    }

    fn in_outer_table(&self) -> bool {
        self.table.is_some() && self.tables == 1
    }

    fn field_char(&mut self, kind: Option<&str>) {
        match kind {
            Some("begin") => {
                self.hiding_fields += 1;
                self.fields.push(Field {
                    instruction: String::new(),
                    in_result: false,
                    hides: true,
                });
            }
            Some("separate") => {
                if let Some(f) = self.fields.last_mut()
                    && !f.in_result
                {
                    f.in_result = true;
                    if !is_contents_field(&f.instruction) {
                        f.hides = false;
                        self.hiding_fields -= 1;
                    }
                }
            }
            Some("end") => self.end_field(),
            _ => {}
        }
    }

    fn end_field(&mut self) {
        if let Some(f) = self.fields.pop()
            && f.hides
        {
            self.hiding_fields -= 1;
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else {
            return;
        };
        let finished = match self.part {
            Part::Notes => Some(Finished {
                kind: OutlineKind::Note,
                label: None,
                text: p.text.clean(),
            }),
            Part::Body => self.classify(p),
        };
        if let Some(f) = finished {
            self.place(f);
        }
        if self.paragraphs.is_empty() && self.text_boxes == 0 {
            for f in std::mem::take(&mut self.pending) {
                self.place(f);
            }
        }
    }

    /// What a body paragraph is, with the number Word shows before it.
    fn classify(&mut self, p: Paragraph) -> Option<Finished> {
        let styles = self.styles;
        let style = styles.resolve(p.style.as_deref());
        if styles.is_contents(style) {
            return None;
        }
        let text = p.text.clean();
        let from_style = styles.numbering(style);
        let num = match (p.num, from_style) {
            (Some(own), Some(inherited)) => Some(NumRef {
                num_id: own.num_id.or(inherited.num_id),
                ilvl: own.ilvl.or(inherited.ilvl),
            }),
            (own, inherited) => own.or(inherited),
        };
        // A deleted paragraph is not counted; an empty one is (Word shows
        // its number), but makes no block.
        let label = match num {
            Some(num) if !(p.mark_deleted && text.is_empty()) => {
                self.numbering.next(num, style, styles)
            }
            _ => None,
        };
        if text.is_empty() {
            return None;
        }
        let heading = match p.outline_level {
            Some(level) => (level < 9).then_some(level + 1),
            None => styles.heading_level(style),
        };
        let Some(label) = label else {
            return Some(Finished {
                kind: heading.map_or(OutlineKind::Paragraph, |level| OutlineKind::Heading {
                    level,
                }),
                label: None,
                text,
            });
        };
        if label.bullet {
            let kind = heading.map_or(OutlineKind::ListItem, |level| OutlineKind::Heading {
                level,
            });
            return Some(Finished {
                kind,
                label: None,
                text,
            });
        }
        if let Some(level) = heading {
            // A heading's number is read from its text, as in a Markdown
            // "## 4. Review", so it is not a paragraph number.
            return Some(Finished {
                kind: OutlineKind::Heading { level },
                label: Some((label.text, None)),
                text,
            });
        }
        let digits = label.number().bytes().any(|b| b.is_ascii_digit());
        let kind = if digits && !styles.is_list(style) {
            OutlineKind::Paragraph
        } else {
            OutlineKind::ListItem
        };
        let number = (digits && self.keeps_number(&label)).then(|| label.number.clone());
        Some(Finished {
            kind,
            label: Some((label.text, number)),
            text,
        })
    }

    /// Whether a generated number is a paragraph number: "4.8" always; a
    /// plain "3" only while plain numbers run on, since lists that start
    /// again at 1 are lists.
    fn keeps_number(&mut self, label: &Label) -> bool {
        let number = label.number();
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        match number.parse::<u32>() {
            Ok(n) if n > self.highest_plain_number => {
                self.highest_plain_number = n;
                true
            }
            _ => false,
        }
    }

    /// Puts a paragraph where it belongs: a note, a text box's queue, the
    /// open table cell, or the body.
    fn place(&mut self, f: Finished) {
        if self.part == Part::Notes {
            if let Some(note) = self.note.as_mut() {
                note.push(" ");
                note.append(&f.text);
            }
        } else if self.text_boxes > 0 {
            self.pending.push(f);
        } else if let (Some(cell), true) = (self.cell.as_mut(), self.table.is_some()) {
            cell.text.push(" ");
            if let Some((label, _)) = &f.label {
                cell.text.push(label);
                cell.text.push(" ");
            }
            cell.text.append(&f.text);
        } else {
            let label = f.label.as_ref().map(|(l, n)| (l.as_str(), n.clone()));
            self.out.block(f.kind, label, &f.text);
        }
    }

    fn end_row(&mut self) {
        let (Some(row), Some(table)) = (self.row.take(), self.table.as_mut()) else {
            return;
        };
        let first = table.rows == 0;
        table.rows += 1;
        if row.cells.iter().all(|c| c.is_empty()) {
            return;
        }
        let header = row.header || (first && table.first_row_header);
        self.out.row(table.index, header, &row.cells);
    }
}

/// A table of contents (`TOC \o "1-3"`): it repeats the headings.
fn is_contents_field(instruction: &str) -> bool {
    instruction
        .split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("TOC"))
}
