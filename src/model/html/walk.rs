//! Turns balanced HTML content into blocks.
//!
//! Headings are headings; `<p>`, `<caption>`, `<dd>` and the like, and text
//! standing directly in a `<div>`, `<blockquote>` or `<section>`, are
//! paragraphs; `<li>` is a list item (a `<p>` or `<div>` inside it carries
//! it on, a nested list starts new items); a `<tr>` is a table row with a
//! cell per `<td>`/`<th>`, a header row in `<thead>` or when all its cells
//! are `<th>`. Inside a cell every block element and `<br>` is just a space,
//! so a cell stays one cell. Inline elements (`<a>`, `<span>`, `<strong>`,
//! `<abbr>`, `<time>` …) do not break blocks.

use super::Chunks;
use super::emit::push_text;
use super::numbering::ListNumber;
use super::tree::{Element, Node, heading_level};
use crate::model::blocks::{BlockBuilder, BlockKind};
use std::collections::HashMap;
use std::ops::Range;

/// Elements that start their own paragraph.
const PARAGRAPHS: [&str; 9] = [
    "p",
    "caption",
    "figcaption",
    "dt",
    "dd",
    "pre",
    "address",
    "summary",
    "legend",
];
/// Elements that hold blocks: they end the open block, and text directly
/// inside them is a paragraph of its own.
const CONTAINERS: [&str; 17] = [
    "div",
    "blockquote",
    "section",
    "article",
    "main",
    "aside",
    "figure",
    "details",
    "center",
    "fieldset",
    "body",
    "html",
    "header",
    "footer",
    "ul",
    "ol",
    "dl",
];
/// Elements that only hold table parts; text in them is inter-tag space.
const TABLE_PARTS: [&str; 6] = ["table", "thead", "tbody", "tfoot", "tr", "colgroup"];

/// An open table.
struct Table {
    index: usize,
    /// Depth of the `<table>` element.
    depth: usize,
    in_head: bool,
    /// Depth of the open `<tr>`, and of the open cell.
    row: Option<usize>,
    cell: Option<usize>,
}

pub(crate) struct Walker<'a, 's> {
    b: &'a mut BlockBuilder<'s>,
    html: &'a str,
    chunks: &'a Chunks,
    numbers: HashMap<usize, ListNumber>,
    /// Names of the open elements.
    stack: Vec<String>,
    /// Depth of the element that began the open block; it ends the block.
    owner: Option<usize>,
    tables: Vec<Table>,
}

impl<'a, 's> Walker<'a, 's> {
    pub fn new(
        b: &'a mut BlockBuilder<'s>,
        html: &'a str,
        chunks: &'a Chunks,
        numbers: HashMap<usize, ListNumber>,
    ) -> Self {
        Walker {
            b,
            html,
            chunks,
            numbers,
            stack: Vec::new(),
            owner: None,
            tables: Vec::new(),
        }
    }

    pub fn run(mut self, nodes: &[Node]) {
        for (i, node) in nodes.iter().enumerate() {
            match node {
                Node::Open(el) => {
                    self.open(i, el, nodes);
                    self.stack.push(el.name.clone());
                }
                Node::Close { name, at } => self.close(name, at),
                Node::Text { span, value } => self.text(span, value),
            }
        }
        self.end_block(self.chunks.src_pos(self.html.len()));
    }

    fn open(&mut self, i: usize, el: &Element, nodes: &[Node]) {
        let depth = self.stack.len();
        let at = self.chunks.src_pos(el.tag.start);
        let name = el.name.as_str();
        if self.in_cell() {
            // Inside a cell, structure is only a gap between words.
            if name == "br" || is_block(name) {
                self.b.space(at);
            }
            return;
        }
        match name {
            "br" if self.b.is_open() => self.b.space(at),
            "hr" => self.end_block(at),
            "table" => {
                self.end_block(at);
                let index = self.b.new_table();
                self.tables.push(Table {
                    index,
                    depth,
                    in_head: false,
                    row: None,
                    cell: None,
                });
            }
            "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_head = name == "thead";
                }
            }
            "tr" => self.begin_row(depth, at, all_header_cells(nodes, i)),
            "td" | "th" if !self.tables.is_empty() => {
                if self.tables.last().is_some_and(|t| t.row.is_none()) {
                    self.begin_row(depth, at, false);
                }
                self.b.begin_cell(at);
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(depth);
                }
            }
            "li" => {
                self.begin(BlockKind::ListItem, depth, at);
                if let Some(n) = self.numbers.get(&i) {
                    self.b.generated_number(&n.label, &n.number, at);
                }
            }
            _ if heading_level(name).is_some() => {
                let level = heading_level(name).unwrap_or(2);
                self.begin(BlockKind::Heading { level }, depth, at);
            }
            _ if PARAGRAPHS.contains(&name) || CONTAINERS.contains(&name) => {
                let is_list = matches!(name, "ul" | "ol" | "dl");
                if self.continues_item() && !is_list {
                    self.b.space(at);
                } else if PARAGRAPHS.contains(&name) {
                    self.begin(BlockKind::Paragraph, depth, at);
                } else {
                    self.end_block(at);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str, at: &Range<usize>) {
        self.stack.pop();
        let depth = self.stack.len();
        let at = self.chunks.src_pos(at.end);
        let in_cell = self.in_cell();
        if let Some(t) = self.tables.last_mut() {
            if t.cell == Some(depth) {
                self.b.end_cell();
                t.cell = None;
            } else if t.row == Some(depth) {
                t.row = None;
            } else if name == "thead" && !in_cell {
                t.in_head = false;
            } else if t.depth == depth {
                self.tables.pop();
            }
        }
        if self.owner == Some(depth) {
            self.b.end(at);
            self.owner = None;
        }
    }

    fn text(&mut self, span: &Range<usize>, value: &str) {
        let top = self.stack.last().map_or("", String::as_str);
        let between_cells = self
            .tables
            .last()
            .is_some_and(|t| t.row.is_some() && t.cell.is_none());
        if TABLE_PARTS.contains(&top) || matches!(top, "ul" | "ol" | "dl") || between_cells {
            return;
        }
        if value.trim().is_empty() && !self.b.is_open() {
            return;
        }
        if !self.b.is_open() {
            self.begin_implicit(self.chunks.src_pos(span.start));
        }
        push_text(self.b, self.html, self.chunks, span.clone());
    }

    /// Text with no block open: it belongs to the nearest element that
    /// makes blocks (a list item carries on after a nested list).
    fn begin_implicit(&mut self, at: usize) {
        let found = self.stack.iter().enumerate().rev().find_map(|(d, name)| {
            let kind = match name.as_str() {
                "li" => BlockKind::ListItem,
                n if heading_level(n).is_some() => BlockKind::Heading {
                    level: heading_level(n).unwrap_or(2),
                },
                n if PARAGRAPHS.contains(&n) || CONTAINERS.contains(&n) => BlockKind::Paragraph,
                _ => return None,
            };
            Some((kind, d))
        });
        match found {
            Some((kind, depth)) => self.begin(kind, depth, at),
            None => {
                self.b.begin(BlockKind::Paragraph, at);
                self.owner = None;
            }
        }
    }

    fn begin(&mut self, kind: BlockKind, depth: usize, at: usize) {
        self.b.begin(kind, at);
        self.owner = Some(depth);
    }

    fn begin_row(&mut self, depth: usize, at: usize, all_header: bool) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let kind = BlockKind::TableRow {
            table: t.index,
            header: t.in_head || all_header,
        };
        t.row = Some(depth);
        t.cell = None;
        self.begin(kind, depth, at);
    }

    fn end_block(&mut self, at: usize) {
        if self.b.is_open() {
            self.b.end(at);
        }
        self.owner = None;
    }

    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.cell.is_some())
    }

    /// Whether the open block is a list item (or description) that a
    /// `<p>` or `<div>` inside it carries on.
    fn continues_item(&self) -> bool {
        self.owner
            .and_then(|d| self.stack.get(d))
            .is_some_and(|n| n == "li" || n == "dd")
    }
}

fn is_block(name: &str) -> bool {
    PARAGRAPHS.contains(&name)
        || CONTAINERS.contains(&name)
        || TABLE_PARTS.contains(&name)
        || heading_level(name).is_some()
        || matches!(name, "li" | "td" | "th" | "hr")
}

/// Whether the row opened at node `i` has cells and all are `<th>`.
fn all_header_cells(nodes: &[Node], i: usize) -> bool {
    let mut depth = 0;
    let mut cells = 0;
    let mut headers = 0;
    for node in &nodes[i + 1..] {
        match node {
            Node::Open(el) => {
                if depth == 0 {
                    cells += usize::from(matches!(el.name.as_str(), "td" | "th"));
                    headers += usize::from(el.name == "th");
                }
                depth += 1;
            }
            Node::Close { .. } if depth == 0 => break,
            Node::Close { .. } => depth -= 1,
            Node::Text { .. } => {}
        }
    }
    cells > 0 && cells == headers
}
