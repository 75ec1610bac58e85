//! Paragraph numbers that only the markup carries.
//!
//! CMS pages often number paragraphs with ordered lists: `<ol start="7">`
//! and `<li value="12">` make the browser show "7." and "12.", but the text
//! holds no number, and the model reads paragraph numbers from the text. So
//! the number is written in at the start of each item (mapped to the
//! `<li>` tag), unless the item's text already starts with one.
//!
//! Which lists: those that say they are paragraph numbering, by a `start`
//! or `value` attribute or a class naming paragraphs (`class="paras"`),
//! and any list such a list continues (`<ol>` of 2 items, then
//! `<ol start="3">`). An ordinary `<ol>` is left alone: its "1. 2. 3." are
//! list markers, as they are in Markdown.
//!
//! How they are written depends on how the document numbers: when each
//! numbered section's paragraph lists start again from 1, the numbers are
//! the section's ("4.3" for the third item under "4. Review …"); when they
//! run on across sections (`<ol start="24">` under section 5), they are the
//! plain list numbers ("24."), which the model takes as given.

use super::tree::{Element, Node, heading_level};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The number to write at the start of a list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListNumber {
    /// As shown: "24." or "4.3".
    pub label: String,
    /// As the model keeps it: "24" or "4.3".
    pub number: String,
}

/// "4. Review of effectiveness", "4.2 Internal audit", "Section 4 – …".
static SECTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?i:section|part)\s+)?(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s|$)")
        .expect("section number pattern is valid")
});
/// Text that already starts with a paragraph number: "4.3 …", "12. …", "PA.1 …".
static NUMBERED_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\d{1,2}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[A-Z]{1,3}\.\d{1,3})(?:\s|$)")
        .expect("numbered text pattern is valid")
});

struct List {
    start: Option<u32>,
    /// Says it is paragraph numbering: item values or a "para" class.
    says_paragraphs: bool,
    /// The number of the section it is in.
    section: Option<String>,
    items: Vec<Item>,
}

impl List {
    /// The number of its first item.
    fn first(&self) -> u32 {
        self.items
            .first()
            .and_then(|i| i.value)
            .or(self.start)
            .unwrap_or(1)
    }
}

struct Item {
    /// Index of the `<li>` node.
    node: usize,
    value: Option<u32>,
    /// Its text begins with a number of its own.
    numbered: bool,
}

/// The numbers to write, by the index of the `<li>` node.
pub(crate) fn plan(nodes: &[Node]) -> HashMap<usize, ListNumber> {
    let lists = collect(nodes);
    let mut counts: Vec<bool> = lists
        .iter()
        .map(|l| l.start.is_some() || l.says_paragraphs)
        .collect();
    // A list that a counting list continues counts too.
    for j in (1..lists.len()).rev() {
        let prev = &lists[j - 1];
        if counts[j] && lists[j].start == Some(prev.first() + prev.items.len() as u32) {
            counts[j - 1] = true;
        }
    }
    let counting = || {
        lists
            .iter()
            .zip(&counts)
            .filter(|(_, c)| **c)
            .map(|(l, _)| l)
    };
    let sectioned = by_section(counting());
    let mut out = HashMap::new();
    for list in counting() {
        let mut n = list.start.unwrap_or(1);
        for item in &list.items {
            n = item.value.unwrap_or(n);
            if !item.numbered {
                let number = match (&list.section, sectioned) {
                    (Some(section), true) => ListNumber {
                        label: format!("{section}.{n}"),
                        number: format!("{section}.{n}"),
                    },
                    _ => ListNumber {
                        label: format!("{n}."),
                        number: n.to_string(),
                    },
                };
                out.insert(item.node, number);
            }
            n += 1;
        }
    }
    out
}

/// Whether paragraphs are numbered by section: every numbered section's
/// first counting list starts at 1.
fn by_section<'a>(lists: impl Iterator<Item = &'a List>) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut any = false;
    for list in lists {
        let Some(section) = list.section.as_deref() else {
            continue;
        };
        if seen.contains(&section) {
            continue;
        }
        seen.push(section);
        any = true;
        if list.first() != 1 {
            return false;
        }
    }
    any
}

/// The ordered lists, with the section each is in and their items.
fn collect(nodes: &[Node]) -> Vec<List> {
    let mut c = Collector::default();
    for (i, node) in nodes.iter().enumerate() {
        match node {
            Node::Open(el) => c.open(i, el),
            Node::Close { .. } => c.close(),
            Node::Text { value, .. } => c.text(value),
        }
    }
    c.finish_item();
    c.lists
}

/// The item whose opening text is being read.
struct OpenItem {
    depth: usize,
    list: usize,
    item: usize,
    text: String,
}

#[derive(Default)]
struct Collector {
    lists: Vec<List>,
    /// For each open list element, its depth and the ordered list it is
    /// (`None` for `<ul>`).
    open_lists: Vec<(usize, Option<usize>)>,
    depth: usize,
    /// The section number of each heading level now in force.
    sections: [Option<String>; 7],
    /// The heading being read: depth, level, text.
    heading: Option<(usize, u8, String)>,
    item: Option<OpenItem>,
}

impl Collector {
    fn open(&mut self, node: usize, el: &Element) {
        let depth = self.depth;
        self.depth += 1;
        if let Some(level) = heading_level(&el.name) {
            self.heading = Some((depth, level, String::new()));
        }
        match el.name.as_str() {
            "ol" | "ul" | "menu" => {
                // A nested list ends the opening text of its item.
                self.finish_item();
                let ordered = el.name == "ol";
                if ordered {
                    let class = el.attr("class").unwrap_or("").to_ascii_lowercase();
                    self.lists.push(List {
                        start: el.attr("start").and_then(|s| s.trim().parse().ok()),
                        says_paragraphs: class.contains("para"),
                        section: self.sections.iter().rev().flatten().next().cloned(),
                        items: Vec::new(),
                    });
                }
                let list = ordered.then(|| self.lists.len() - 1);
                self.open_lists.push((depth, list));
            }
            "li" => {
                let Some(&(_, Some(list))) = self.open_lists.last() else {
                    return;
                };
                self.finish_item();
                let value = el.attr("value").and_then(|v| v.trim().parse().ok());
                let items = &mut self.lists[list].items;
                items.push(Item {
                    node,
                    value,
                    numbered: false,
                });
                self.item = Some(OpenItem {
                    depth,
                    list,
                    item: items.len() - 1,
                    text: String::new(),
                });
                self.lists[list].says_paragraphs |= value.is_some();
            }
            _ => {}
        }
    }

    fn close(&mut self) {
        self.depth -= 1;
        let depth = self.depth;
        if let Some((_, level, text)) = self.heading.take_if(|h| h.0 == depth) {
            let level = usize::from(level);
            self.sections[level..].iter_mut().for_each(|s| *s = None);
            self.sections[level] = SECTION_NUMBER.captures(&text).map(|c| c[1].to_owned());
        }
        if self.item.as_ref().is_some_and(|it| it.depth == depth) {
            self.finish_item();
        }
        if self.open_lists.last().is_some_and(|l| l.0 == depth) {
            self.open_lists.pop();
        }
    }

    fn text(&mut self, value: &str) {
        if let Some((_, _, text)) = self.heading.as_mut() {
            text.push_str(value);
        }
        if let Some(item) = self.item.as_mut()
            && item.text.len() < 40
        {
            item.text.push_str(value);
        }
    }

    fn finish_item(&mut self) {
        if let Some(it) = self.item.take() {
            self.lists[it.list].items[it.item].numbered = NUMBERED_TEXT.is_match(&it.text);
        }
    }
}
