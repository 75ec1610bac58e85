//! Stage 2: the statement model.
//!
//! A [`Statement`] is built once per document: clean text with a map back to
//! the source, blocks (headings, paragraphs, list items, table rows),
//! sections, numbered paragraphs, sentences, tables, the signature block,
//! typed values, the statement period and the statement date. Every element
//! is a byte range into the clean text; [`Statement::to_source`] turns it
//! into a range of the original file.

pub mod blocks;
mod heading_extent;
mod html;
mod location;
mod markdown;
pub mod negation;
mod outline;
mod parts;
mod plain;
mod sentences;
mod signatures;
pub mod text;

use crate::source::{Format, SourceFile};
use crate::values::{self as value, Date, FinancialYear, Value, ValueData, ValueKind};
pub use blocks::{Block, BlockKind};
pub use parts::{Part, PartKind};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use text::CleanText;

/// Facts the user supplies when the document does not state them.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// `--period 2023/24`: overrides the period inferred from the title.
    pub period: Option<FinancialYear>,
    /// `--date`: used when the signature block carries no date.
    pub date: Option<chrono::NaiveDate>,
    /// Whether the statement is a draft (the default) or final.
    pub stage: Stage,
    /// The day of the run: the date of a draft that is neither dated nor
    /// given a `--date`, so that an unsigned draft is still checked fully.
    /// The library never reads the clock; the caller passes it.
    pub today: Option<chrono::NaiveDate>,
    /// Most findings one document may have (`--max-findings`): past it the
    /// rules stop, and the document gets an error saying so. `None`: no
    /// limit.
    pub max_findings: Option<usize>,
}

/// How far along the statement is (`--stage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Being written: blanks still to be filled (a signature date) are
    /// reminders, not errors.
    #[default]
    Draft,
    /// Ready to publish: every blank is a defect.
    Final,
}

impl Stage {
    pub fn is_draft(&self) -> bool {
        *self == Stage::Draft
    }
}

/// Where a statement fact came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Read from the document, at this clean-text range.
    Document,
    /// Given on the command line.
    Option,
    /// Assumed: nothing in the document or on the command line gave it.
    Assumed,
}

/// The financial year the statement reports on.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub year: FinancialYear,
    pub origin: Origin,
    /// Where it was read, for documents.
    pub range: Option<Range<usize>>,
}

/// The date of the statement: the latest signature date.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementDate {
    pub date: chrono::NaiveDate,
    pub origin: Origin,
    pub range: Option<Range<usize>>,
}

/// A section: a heading and everything up to the next heading of the same
/// or a higher level.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Index of the heading block.
    pub heading: usize,
    pub level: u8,
    /// The section number as written ("4", "4.2", "Appendix A"), if any.
    pub number: Option<Range<usize>>,
    /// The blocks after the heading that belong to this section.
    pub blocks: Range<usize>,
    /// Clean text from the heading to the section's end.
    pub range: Range<usize>,
    /// The section this one is inside (an index into `sections`).
    pub parent: Option<usize>,
}

/// A paragraph (or list item or table row) that carries a number.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberedParagraph {
    pub block: usize,
    /// The number as written: "4.8", "PA.1", "A2".
    pub number: Range<usize>,
}

/// A sentence inside a block.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub block: usize,
    pub range: Range<usize>,
}

/// One signatory in the signature block.
#[derive(Clone, Debug, PartialEq)]
pub struct Signatory {
    /// The row or block the signatory is in.
    pub block: usize,
    /// The signatory's own lines or cell: the unit `signatory` checks read.
    pub range: Range<usize>,
    /// The role as written ("Leader of the Council").
    pub role: Range<usize>,
    /// The name, when filled in.
    pub name: Option<Range<usize>>,
    /// The date, when filled in.
    pub date: Option<(Date, Range<usize>)>,
}

/// A parsed governance statement.
#[derive(Clone, Debug)]
pub struct Statement {
    pub clean: CleanText,
    pub blocks: Vec<Block>,
    /// Index of the title heading block.
    pub title: Option<usize>,
    pub period: Option<Period>,
    pub date: Option<StatementDate>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<NumberedParagraph>,
    pub sentences: Vec<Sentence>,
    pub signatories: Vec<Signatory>,
    /// The sections, numbered paragraphs and appendices it contains.
    pub parts: Vec<Part>,
    /// Where each page starts in the source (PDF); empty when not paged.
    pub pages: Vec<usize>,
    /// Draft or final, as the user said.
    pub stage: Stage,
    /// Typed values of the whole text, found on first use (see `values`).
    values: std::sync::OnceLock<Vec<Value>>,
}

static SECTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}(?:\.\d{1,2})*|(?i:section|part|appendix|annex)\s+[A-Z0-9]{1,3})\b\.?")
        .expect("section number pattern is valid")
});
/// "year ended 31 March 2024", "1 April 2023 to 31 March 2024".
static YEAR_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\byear\s+end(?:ed|ing)\s+31(?:st)?\s+march\s+(?P<end>\d{4})\b|\b1(?:st)?\s+april\s+(?P<from>\d{4})\s*(?:to|until|-|–|—)\s*31(?:st)?\s+march\s+\d{4}\b")
        .expect("year end pattern is valid")
});
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?|[A-Z]{1,3}\.\d{1,3}|[A-G]\d{1,2})\.?(?:\s|$)")
        .expect("paragraph number pattern is valid")
});

impl Statement {
    /// Parses a document into the statement model.
    pub fn parse(source: &SourceFile, options: &ParseOptions) -> Statement {
        let (mut clean, mut blocks) = match source.format {
            Format::Markdown => markdown::parse(&source.text),
            Format::PlainText => plain::parse(&source.text),
            Format::Html => html::parse(&source.text),
            Format::Docx => outline::parse(&source.text, &source.outline),
            Format::Pdf => plain::parse(&source.text),
        };
        // Built by appending, they may hold up to twice their size; the
        // checks that follow run with them all, so give the slack back.
        clean.shrink_to_fit();
        blocks.shrink_to_fit();
        let mut st = Statement {
            clean,
            blocks,
            title: None,
            period: None,
            date: None,
            sections: Vec::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            signatories: Vec::new(),
            parts: Vec::new(),
            pages: source.pages.clone(),
            stage: options.stage,
            values: std::sync::OnceLock::new(),
        };
        st.title = st.find_title();
        st.build_sections();
        st.number_paragraphs();
        st.parts = parts::find(&st);
        st.sentences = sentences::split(st.clean.as_str(), &st.blocks);
        st.sentences.shrink_to_fit();
        st.signatories = signatures::find(&st);
        st.period = match options.period {
            Some(year) => Some(Period {
                year,
                origin: Origin::Option,
                range: None,
            }),
            None => st.infer_period(),
        };
        let given = |date: Option<chrono::NaiveDate>, origin| {
            date.map(|date| StatementDate {
                date,
                origin,
                range: None,
            })
        };
        st.date = st
            .signature_date()
            .or_else(|| given(options.date, Origin::Option))
            .or_else(|| given(options.today, Origin::Assumed));
        st
    }

    pub fn text(&self) -> &str {
        self.clean.as_str()
    }

    /// The clean text of a range.
    pub fn slice(&self, range: &Range<usize>) -> &str {
        self.clean.as_str().get(range.clone()).unwrap_or("")
    }

    /// A clean-text range as a byte range of the source file.
    pub fn to_source(&self, range: &Range<usize>) -> Range<usize> {
        self.clean.to_source(range)
    }

    /// Every typed value in the text, sorted by position (clean-text
    /// ranges). Extracted on first use: rules capture their own typed
    /// values, so a plain `check` never pays for the whole-text pass.
    pub fn values(&self) -> &[Value] {
        self.values
            .get_or_init(|| value::extract_values(self.clean.as_str()))
    }

    /// The values within `range`, extracted from that range alone.
    pub fn values_in(&self, range: &Range<usize>) -> Vec<Value> {
        let mut values = value::extract_values(self.slice(range));
        for v in &mut values {
            v.range = v.range.start + range.start..v.range.end + range.start;
        }
        values
    }

    /// Where a document-level finding points: the title, else the first block.
    pub fn anchor(&self) -> Range<usize> {
        self.title
            .or(if self.blocks.is_empty() {
                None
            } else {
                Some(0)
            })
            .map_or(0..0, |b| self.blocks[b].range.clone())
    }

    fn find_title(&self) -> Option<usize> {
        let first_heading = self
            .blocks
            .iter()
            .take(5)
            .position(|b| matches!(b.kind, BlockKind::Heading { level: 1 }));
        first_heading.or_else(|| {
            self.blocks.iter().take(3).position(|b| {
                self.slice(&b.range)
                    .to_ascii_lowercase()
                    .contains("governance statement")
            })
        })
    }

    fn build_sections(&mut self) {
        let headings: Vec<(usize, u8)> = self
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b.kind {
                BlockKind::Heading { level } if Some(i) != self.title => Some((i, level)),
                _ => None,
            })
            .collect();
        // A section ends at the next heading of its level or higher, and
        // lies inside the nearest open section of a higher level: one pass
        // with a stack of the sections still open.
        let mut end_block = vec![self.blocks.len(); headings.len()];
        let mut parent = vec![None; headings.len()];
        let mut open: Vec<usize> = Vec::new();
        for (n, &(i, level)) in headings.iter().enumerate() {
            while let Some(&top) = open.last().filter(|&&top| headings[top].1 >= level) {
                end_block[top] = i;
                open.pop();
            }
            parent[n] = open.last().copied();
            open.push(n);
        }
        for (n, &(i, level)) in headings.iter().enumerate() {
            let end_block = end_block[n];
            let text = self.slice(&self.blocks[i].range);
            let number = SECTION_NUMBER.find(text).map(|m| {
                let start = self.blocks[i].range.start;
                let s = m.as_str().trim_end_matches('.');
                start..start + s.len()
            });
            let end = end_block
                .checked_sub(1)
                .map_or(self.blocks[i].range.end, |j| self.blocks[j].range.end);
            self.sections.push(Section {
                heading: i,
                level,
                number,
                blocks: i + 1..end_block,
                range: self.blocks[i].range.start..end.max(self.blocks[i].range.end),
                parent: parent[n],
            });
        }
    }

    fn number_paragraphs(&mut self) {
        for (i, block) in self.blocks.iter().enumerate() {
            // A number the front-end wrote in from markup is the number
            // (a heading's is its section's number, not a paragraph's).
            if let Some(number) = &block.number {
                if matches!(block.kind, BlockKind::Heading { .. }) {
                    continue;
                }
                self.paragraphs.push(NumberedParagraph {
                    block: i,
                    number: number.clone(),
                });
                continue;
            }
            // In a table, the number is the first cell ("PA.1").
            let target = match block.kind {
                BlockKind::Paragraph | BlockKind::ListItem => &block.range,
                BlockKind::TableRow { header: false, .. } => match block.cells.first() {
                    Some(cell) => cell,
                    None => continue,
                },
                _ => continue,
            };
            if let Some(m) = PARAGRAPH_NUMBER.find(self.slice(target)) {
                let number = m.as_str().trim_end().trim_end_matches('.');
                self.paragraphs.push(NumberedParagraph {
                    block: i,
                    number: target.start..target.start + number.len(),
                });
            }
        }
    }

    /// Why the statement date was assumed, for the report: `None` when the
    /// document or the command line gave it.
    pub fn date_assumed_because(&self) -> Option<&'static str> {
        match self.date.as_ref()?.origin {
            Origin::Assumed if self.signatories.is_empty() => Some("no signature block was found"),
            Origin::Assumed => Some("the signatures are not dated"),
            _ => None,
        }
    }

    fn signature_date(&self) -> Option<StatementDate> {
        self.signatories
            .iter()
            .filter_map(|s| s.date.as_ref())
            .max_by_key(|(d, _)| d.start)
            .map(|(d, r)| StatementDate {
                date: d.start,
                origin: Origin::Document,
                range: Some(r.clone()),
            })
    }

    /// The period from the title or the opening lines: a financial year
    /// ("2023/24"), else the year's end ("for the year ended 31 March
    /// 2024"), else its span ("1 April 2023 to 31 March 2024").
    fn infer_period(&self) -> Option<Period> {
        let title = self.title.map(|t| self.blocks[t].range.clone());
        // A cover page may spend a few lines on the council's name and logo
        // text before the title, but later lines are the statement's own.
        let opening: Vec<Range<usize>> = title
            .into_iter()
            .chain(self.blocks.iter().take(3).map(|b| b.range.clone()))
            .collect();
        let from_value = |range: &Range<usize>| {
            self.values_in(range).iter().find_map(|v| match v.data {
                ValueData::FinancialYear(year) => Some((year, v.range.clone())),
                _ => None,
            })
        };
        let from_year_end = |range: &Range<usize>| {
            let caps = YEAR_END.captures(self.slice(range))?;
            let whole = caps.get(0)?;
            let start_year = match (caps.name("end"), caps.name("from")) {
                (Some(end), _) => end.as_str().parse::<i32>().ok()? - 1,
                (None, Some(from)) => from.as_str().parse::<i32>().ok()?,
                (None, None) => return None,
            };
            Some((
                FinancialYear { start_year },
                range.start + whole.start()..range.start + whole.end(),
            ))
        };
        opening
            .iter()
            .find_map(from_value)
            .or_else(|| opening.iter().find_map(from_year_end))
            .map(|(year, range)| Period {
                year,
                origin: Origin::Document,
                range: Some(range),
            })
    }

    /// The values of one kind, malformed ones included.
    pub fn values_of(&self, kind: ValueKind) -> impl Iterator<Item = &Value> {
        self.values().iter().filter(move |v| v.data.kind() == kind)
    }
}

/// A statement parsed from text with default options, for the model's tests.
#[cfg(test)]
pub(crate) fn parse_text(text: &str, format: Format) -> Statement {
    Statement::parse(
        &SourceFile::from_text("t", text, format),
        &ParseOptions::default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use parse_text as parse;

    const MD: &str = "# Annual Governance Statement 2023/24\n\n## 4. Review of effectiveness\n\n4.1 The council reviewed its framework.\n\n4.2 It did so twice. See section 5.\n\n### Internal audit\n\nPA.1 An appendix row.\n\n## Signed\n\n| Role | Name | Date |\n|---|---|---|\n| Leader of the Council | Cllr Jane Doe | 24 September 2024 |\n| Chief Executive | ........ | ........ |\n| Monitoring Officer | Sam Lee | 20 September 2024 |\n";

    #[test]
    fn sections_nest_and_carry_numbers() {
        let st = parse(MD, Format::Markdown);
        let headings: Vec<(&str, u8, Option<&str>)> = st
            .sections
            .iter()
            .map(|s| {
                (
                    st.slice(&st.blocks[s.heading].range),
                    s.level,
                    s.number.as_ref().map(|n| st.slice(n)),
                )
            })
            .collect();
        assert_eq!(
            headings,
            vec![
                ("4. Review of effectiveness", 2, Some("4")),
                ("Internal audit", 3, None),
                ("Signed", 2, None),
            ]
        );
        // "Internal audit" sits inside section 4; section 4 ends at "Signed".
        assert!(st.sections[0].range.end >= st.sections[1].range.end);
        assert!(st.sections[0].range.end < st.sections[2].range.start);
    }

    #[test]
    fn numbered_paragraphs_and_sentences() {
        let st = parse(MD, Format::Markdown);
        let numbers: Vec<&str> = st.paragraphs.iter().map(|p| st.slice(&p.number)).collect();
        assert_eq!(numbers, vec!["4.1", "4.2", "PA.1"]);
        let sentences: Vec<&str> = st.sentences.iter().map(|s| st.slice(&s.range)).collect();
        assert!(sentences.contains(&"4.2 It did so twice."));
        assert!(sentences.contains(&"See section 5."));
    }

    #[test]
    fn signature_block_names_dates_and_blanks() {
        let st = parse(MD, Format::Markdown);
        let sigs: Vec<(&str, Option<&str>, Option<String>)> = st
            .signatories
            .iter()
            .map(|s| {
                (
                    st.slice(&s.role),
                    s.name.as_ref().map(|n| st.slice(n)),
                    s.date.as_ref().map(|(d, _)| d.start.to_string()),
                )
            })
            .collect();
        assert_eq!(
            sigs,
            vec![
                (
                    "Leader of the Council",
                    Some("Cllr Jane Doe"),
                    Some("2024-09-24".into())
                ),
                ("Chief Executive", None, None),
                (
                    "Monitoring Officer",
                    Some("Sam Lee"),
                    Some("2024-09-20".into())
                ),
            ]
        );
        // The statement date is the latest signature date.
        assert_eq!(
            st.date.as_ref().map(|d| d.date.to_string()).as_deref(),
            Some("2024-09-24")
        );
        assert_eq!(st.period.as_ref().map(|p| p.year.start_year), Some(2023));
    }

    #[test]
    fn plain_text_signature_lines() {
        let text = "Annual Governance Statement 2022/23\n\nSigned\n\nCouncillor Ann Hill, Leader of the Council, 12 December 2023\n\n...................... Chief Executive\n";
        let st = parse(text, Format::PlainText);
        assert_eq!(st.signatories.len(), 2);
        assert_eq!(
            st.signatories[0].name.as_ref().map(|n| st.slice(n)),
            Some("Councillor Ann Hill")
        );
        assert_eq!(st.signatories[1].name, None);
        assert_eq!(st.signatories[1].date, None);
        assert_eq!(st.period.as_ref().map(|p| p.year.start_year), Some(2022));
    }

    #[test]
    fn period_from_the_year_end_or_span_in_the_title() {
        let st = parse(
            "# Annual Governance Statement for the year ended 31 March 2024\n\nText.\n",
            Format::Markdown,
        );
        assert_eq!(st.period.map(|p| p.year.start_year), Some(2023));
        let st = parse(
            "Cotter Vale Council\n\nGovernance statement\n\nCovering 1 April 2021 to 31 March 2022\n\nText.\n",
            Format::PlainText,
        );
        assert_eq!(st.period.map(|p| p.year.start_year), Some(2021));
    }

    #[test]
    fn typed_values_of_the_whole_text() {
        let st = parse(MD, Format::Markdown);
        let kinds: Vec<ValueKind> = st.values().iter().map(|v| v.data.kind()).collect();
        assert_eq!(kinds.first(), Some(&ValueKind::FinancialYear));
        assert_eq!(st.values_of(ValueKind::Date).count(), 2);
        assert_eq!(st.slice(&st.values()[0].range), "2023/24");
    }

    #[test]
    fn options_override_and_fill_in() {
        let src = SourceFile::from_text("t", "Some text without a year.", Format::Markdown);
        let st = Statement::parse(&src, &ParseOptions::default());
        assert!(st.period.is_none() && st.date.is_none());
        let options = ParseOptions {
            period: Some(FinancialYear { start_year: 2024 }),
            date: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
            ..ParseOptions::default()
        };
        let st = Statement::parse(&src, &options);
        assert_eq!(
            st.period.map(|p| (p.year.start_year, p.origin)),
            Some((2024, Origin::Option))
        );
        assert_eq!(st.date.map(|d| d.origin), Some(Origin::Option));
    }
}
