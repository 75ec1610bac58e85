//! The statement as the engine reads it: the units of each scope, where
//! the prefilter's literals occur, and caches shared by all checks.

use super::plan::{LiteralHits, Plan};
use crate::model::{BlockKind, Statement};
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::{Found, Scope};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

/// One statement during one run.
pub(super) struct Doc<'a> {
    pub st: &'a Statement,
    pub units: Units,
    /// Per prefilter slot, where its literals occur; `None` without a
    /// prefilter.
    pub hits: Option<LiteralHits>,
    searches: RefCell<Searches>,
}

impl<'a> Doc<'a> {
    pub fn new(st: &'a Statement, plan: &Plan) -> Doc<'a> {
        Doc {
            st,
            units: Units::new(st),
            hits: plan.literal_hits(st.text()),
            searches: RefCell::default(),
        }
    }

    /// Whether `unit` lies inside a section whose heading matches `within`
    /// (always, when there is no `within`).
    pub fn within(&self, within: Option<&LazyRegex>, unit: &Range<usize>) -> bool {
        match within {
            None => true,
            Some(re) => {
                // Sections by start, each with the furthest end of those
                // starting at or before it: some section holds the unit
                // when that end reaches the unit's.
                let mut searches = self.searches.borrow_mut();
                let sections = searches.sections(self.st, re);
                let upto = sections.partition_point(|s| s.start <= unit.start);
                upto.checked_sub(1)
                    .is_some_and(|i| sections[i].furthest_end >= unit.end)
            }
        }
    }

    /// Where `re` matches in the whole text; each regex is run once.
    pub fn matches(&self, re: &LazyRegex) -> Vec<Range<usize>> {
        self.searches
            .borrow_mut()
            .matches(re, self.st.text())
            .to_vec()
    }

    /// Whether the document has a unit matching a `Found` search.
    pub fn found(&self, f: &Found) -> bool {
        self.units.of(f.scope).iter().any(|u| {
            f.patterns.iter().all(|p| p.is_match(self.st.slice(u)))
                && self.within(f.within.as_ref(), u)
        })
    }
}

/// Searches of the whole document, kept so that checks sharing a pattern
/// or a `within` run it once.
#[derive(Default)]
struct Searches {
    by_pattern: HashMap<String, Vec<Range<usize>>>,
    /// The sections whose heading matches a `within`.
    sections_within: HashMap<String, Vec<WithinSection>>,
}

/// A section a `within` names: where it starts, and the furthest end of
/// it and of the sections before it.
struct WithinSection {
    start: usize,
    furthest_end: usize,
}

impl Searches {
    fn sections(&mut self, st: &Statement, within: &LazyRegex) -> &[WithinSection] {
        // Look up by &str first: the key is allocated only on a miss.
        if !self.sections_within.contains_key(within.as_str()) {
            // A heading speaks only for the paragraphs numbered as its own.
            let mut ranges: Vec<Range<usize>> = (0..st.sections.len())
                .filter(|&i| within.is_match(st.slice(&st.blocks[st.sections[i].heading].range)))
                .map(|i| st.heading_extent(i))
                .collect();
            ranges.sort_by_key(|r| r.start);
            let mut furthest = 0;
            let sections = ranges
                .iter()
                .map(|r| {
                    furthest = furthest.max(r.end);
                    WithinSection {
                        start: r.start,
                        furthest_end: furthest,
                    }
                })
                .collect();
            self.sections_within
                .insert(within.as_str().to_owned(), sections);
        }
        self.sections_within
            .get(within.as_str())
            .map_or(&[], Vec::as_slice)
    }

    fn matches(&mut self, re: &LazyRegex, text: &str) -> &[Range<usize>] {
        if !self.by_pattern.contains_key(re.as_str()) {
            let ranges = re.find_iter(text).map(|m| m.range()).collect();
            self.by_pattern.insert(re.as_str().to_owned(), ranges);
        }
        self.by_pattern.get(re.as_str()).map_or(&[], Vec::as_slice)
    }
}

/// The units of each scope, in document order (clean-text ranges).
pub(super) struct Units {
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    rows: Vec<Range<usize>>,
    headings: Vec<Range<usize>>,
    sections: Vec<Range<usize>>,
    signatories: Vec<Range<usize>>,
    document: Vec<Range<usize>>,
}

impl Units {
    fn new(st: &Statement) -> Units {
        let blocks = |f: fn(BlockKind) -> bool| -> Vec<Range<usize>> {
            st.blocks
                .iter()
                .filter(|b| f(b.kind))
                .map(|b| b.range.clone())
                .collect()
        };
        Units {
            sentences: st.sentences.iter().map(|s| s.range.clone()).collect(),
            paragraphs: blocks(|k| !matches!(k, BlockKind::Heading { .. })),
            rows: blocks(|k| matches!(k, BlockKind::TableRow { .. })),
            headings: blocks(|k| matches!(k, BlockKind::Heading { .. })),
            sections: st.sections.iter().map(|s| s.range.clone()).collect(),
            signatories: st.signatories.iter().map(|s| s.range.clone()).collect(),
            document: std::iter::once(0..st.text().len()).collect(),
        }
    }

    pub fn of(&self, scope: Scope) -> &[Range<usize>] {
        match scope {
            Scope::Document => &self.document,
            Scope::Section => &self.sections,
            Scope::Paragraph => &self.paragraphs,
            Scope::Sentence => &self.sentences,
            Scope::Row => &self.rows,
            Scope::Heading => &self.headings,
            Scope::Signatory => &self.signatories,
        }
    }
}
