//! Automatic numbering (word/numbering.xml): the "4.8" Word shows before a
//! paragraph but the text does not hold.
//!
//! A `w:num` points at an abstract definition (`w:abstractNum`) whose
//! levels say how to count and what to show (`w:lvlText` "%1.%2"). Lists
//! that share an abstract definition count together, as in Word: a second
//! `w:num` carries on where the first stopped unless it overrides a
//! level's start, which restarts that level when it is first used.
//! Advancing a level resets the deeper ones (unless `w:lvlRestart` says
//! otherwise).

use super::styles::{NumRef, Styles};
use super::xml::{self, BytesStart, Event};
use crate::source::InputError;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

const LEVELS: usize = 9;
/// Longest level text kept: a label is a few characters, and a hostile
/// file must not make every paragraph carry a megabyte.
const MAX_LEVEL_TEXT: usize = 64;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum NumFormat {
    #[default]
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Bullet,
    None,
}

impl NumFormat {
    fn of(name: &str) -> NumFormat {
        match name {
            "decimalZero" => NumFormat::DecimalZero,
            "lowerLetter" => NumFormat::LowerLetter,
            "upperLetter" => NumFormat::UpperLetter,
            "lowerRoman" => NumFormat::LowerRoman,
            "upperRoman" => NumFormat::UpperRoman,
            "bullet" => NumFormat::Bullet,
            "none" => NumFormat::None,
            // Ordinals, words and other scripts are shown as digits.
            _ => NumFormat::Decimal,
        }
    }

    fn show(self, n: u32) -> String {
        match self {
            NumFormat::Decimal | NumFormat::Bullet => n.to_string(),
            NumFormat::DecimalZero => format!("{n:02}"),
            NumFormat::LowerLetter => letters(n).unwrap_or_else(|| n.to_string()),
            NumFormat::UpperLetter => {
                letters(n).map_or_else(|| n.to_string(), |s| s.to_uppercase())
            }
            NumFormat::LowerRoman => roman(n).unwrap_or_else(|| n.to_string()),
            NumFormat::UpperRoman => roman(n).map_or_else(|| n.to_string(), |s| s.to_uppercase()),
            NumFormat::None => String::new(),
        }
    }
}

/// Word's letters: a … z, then aa … zz, aaa …; past a few rounds, digits.
fn letters(n: u32) -> Option<String> {
    let n = n.checked_sub(1)?;
    let times = n / 26 + 1;
    (times <= 8).then(|| {
        let c = char::from(b'a' + (n % 26) as u8);
        std::iter::repeat_n(c, times as usize).collect()
    })
}

fn roman(mut n: u32) -> Option<String> {
    if n == 0 || n >= 4000 {
        return None;
    }
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}

/// One level of a list definition (`w:lvl`).
#[derive(Clone, Debug, Default)]
struct Level {
    start: Option<u32>,
    format: NumFormat,
    text: Option<String>,
    /// `w:lvlRestart`: restart after this level (from 1) is used; 0 never.
    restart: Option<u32>,
    /// `w:isLgl`: show every level's number as digits.
    legal: bool,
    /// `w:pStyle`: the paragraph style this level is tied to.
    style: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels are those of a numbering style's list.
    style_link: Option<String>,
}

#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: u32,
    /// Per level: `w:startOverride` and a replacement `w:lvl`.
    overrides: [(Option<u32>, Option<Level>); LEVELS],
}

/// The label Word shows before a numbered paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Label {
    /// As shown: "4.8", "(b)", "7.".
    pub text: String,
    /// The number in it, from the first level's number to the last:
    /// "4.8" in "4.8", "b" in "(b)", "7" in "7.".
    pub number: Range<usize>,
    /// A bullet, not a number.
    pub bullet: bool,
}

impl Label {
    pub fn number(&self) -> &str {
        &self.text[self.number.clone()]
    }
}

/// The numbering definitions and the counters as the body is read.
#[derive(Clone, Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<u32, Abstract>,
    nums: HashMap<u32, Num>,
    /// Per abstract definition, the last number given at each level.
    counters: HashMap<u32, [Option<u32>; LEVELS]>,
    /// The `w:num`s seen so far, whose start overrides have been applied.
    started: HashSet<u32>,
}

/// Where the parser is: the level being read belongs to an abstract
/// definition or to a level override of a `w:num`.
enum Owner {
    Abstract(u32),
    Num(u32),
}

impl Numbering {
    pub fn parse(path: &str, part: &str, text: &str) -> Result<Numbering, InputError> {
        let mut out = Numbering::default();
        let mut events = xml::Events::new(path, part, text);
        let mut owner: Option<Owner> = None;
        // The level being read, with its index.
        let mut level: Option<(usize, Level)> = None;
        // The level index of the `w:lvlOverride` being read.
        let mut override_level: Option<usize> = None;
        loop {
            let event = events.next()?;
            let (e, open) = match &event {
                Event::Start(e) => (e, true),
                Event::Empty(e) => (e, false),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "lvl" => out.store_level(&owner, override_level, level.take()),
                        "lvlOverride" => override_level = None,
                        "abstractNum" | "num" => owner = None,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => return Ok(out),
                _ => continue,
            };
            match e.local_name().as_ref() {
                "abstractNum" if open => {
                    owner = id_attr(e, "abstractNumId").map(|id| {
                        out.abstracts.insert(id, Abstract::default());
                        Owner::Abstract(id)
                    });
                }
                "num" if open => {
                    owner = id_attr(e, "numId").map(|id| {
                        out.nums.insert(id, Num::default());
                        Owner::Num(id)
                    });
                }
                "abstractNumId" => {
                    if let (Some(Owner::Num(id)), Some(a)) = (&owner, xml::num_val(e)) {
                        out.nums.entry(*id).or_default().abstract_id = a;
                    }
                }
                "numStyleLink" => {
                    if let Some(Owner::Abstract(id)) = &owner {
                        out.abstracts.entry(*id).or_default().style_link = xml::val(e);
                    }
                }
                "lvlOverride" if open => override_level = ilvl_attr(e),
                "startOverride" => {
                    if let (Some(Owner::Num(id)), Some(l)) = (&owner, override_level) {
                        out.nums.entry(*id).or_default().overrides[l].0 = xml::num_val(e);
                    }
                }
                "lvl" if open => level = ilvl_attr(e).map(|i| (i, Level::default())),
                name => {
                    if let Some((_, l)) = level.as_mut() {
                        read_level_property(l, name, e);
                    }
                }
            }
        }
    }

    fn store_level(
        &mut self,
        owner: &Option<Owner>,
        over: Option<usize>,
        level: Option<(usize, Level)>,
    ) {
        let Some((i, level)) = level else { return };
        match owner {
            Some(Owner::Abstract(id)) => {
                self.abstracts.entry(*id).or_default().levels[i] = Some(level);
            }
            Some(Owner::Num(id)) => {
                let slot = &mut self.nums.entry(*id).or_default().overrides[over.unwrap_or(i)];
                if level.start.is_some() && slot.0.is_none() {
                    slot.0 = level.start;
                }
                slot.1 = Some(level);
            }
            None => {}
        }
    }

    /// The abstract definition a `w:num` counts with, following a list
    /// style link once.
    fn abstract_of(&self, num_id: u32, styles: &Styles) -> Option<u32> {
        let id = self.nums.get(&num_id)?.abstract_id;
        let Some(link) = &self.abstracts.get(&id)?.style_link else {
            return Some(id);
        };
        let linked = styles.numbering(Some(link))?.num_id?;
        let target = self.nums.get(&linked)?.abstract_id;
        Some(if self.abstracts.contains_key(&target) {
            target
        } else {
            id
        })
    }

    fn level(&self, num_id: u32, abstract_id: u32, ilvl: usize) -> Option<&Level> {
        let overridden = self
            .nums
            .get(&num_id)
            .and_then(|n| n.overrides[ilvl].1.as_ref());
        overridden.or_else(|| self.abstracts.get(&abstract_id)?.levels[ilvl].as_ref())
    }

    /// Counts a paragraph numbered by `num` (the style `style` may say
    /// the level) and returns the label Word shows for it, if any.
    pub fn next(&mut self, num: NumRef, style: Option<&str>, styles: &Styles) -> Option<Label> {
        let num_id = num.num_id.filter(|&id| id != 0)?;
        let abstract_id = self.abstract_of(num_id, styles)?;
        let ilvl = match num.ilvl {
            Some(l) => usize::from(l).min(LEVELS - 1),
            // A style-numbered heading's level is the one tied to its style.
            None => style
                .and_then(|s| {
                    let a = self.abstracts.get(&abstract_id)?;
                    a.levels
                        .iter()
                        .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(s))
                })
                .unwrap_or(0),
        };
        let level = self.level(num_id, abstract_id, ilvl)?.clone();
        let overrides = self.nums.get(&num_id).map(|n| &n.overrides);
        // A start override holds for its list instance whenever the level
        // starts again.
        let starts: Vec<u32> = (0..LEVELS)
            .map(|i| {
                overrides
                    .and_then(|o| o[i].0)
                    .or_else(|| self.level(num_id, abstract_id, i).and_then(|l| l.start))
                    .unwrap_or(1)
            })
            .collect();
        let restarts: Vec<Option<u32>> = (0..LEVELS)
            .map(|i| self.level(num_id, abstract_id, i).and_then(|l| l.restart))
            .collect();
        let formats: Vec<NumFormat> = (0..LEVELS)
            .map(|i| {
                self.level(num_id, abstract_id, i)
                    .map_or(NumFormat::Decimal, |l| l.format)
            })
            .collect();
        let counters = self.counters.entry(abstract_id).or_insert([None; LEVELS]);
        if self.started.insert(num_id)
            && let Some(num) = self.nums.get(&num_id)
        {
            for (i, (start, _)) in num.overrides.iter().enumerate() {
                if start.is_some() {
                    counters[i] = None;
                }
            }
        }
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => starts[ilvl],
        });
        for deeper in ilvl + 1..LEVELS {
            // lvlRestart counts levels from 1: restart when a level at or
            // above it advances; 0 never restarts.
            let resets = restarts[deeper].is_none_or(|r| (ilvl as u32) < r);
            if resets {
                counters[deeper] = None;
            }
        }
        // A level not used yet shows its start, as Word does.
        let shown = |i: usize| -> u32 { counters[i].unwrap_or(starts[i]) };
        let text = level.text.clone().unwrap_or_default();
        if level.format == NumFormat::Bullet {
            return Some(Label {
                text,
                number: 0..0,
                bullet: true,
            });
        }
        let mut out = String::new();
        let mut number: Option<Range<usize>> = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let place = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match (c, place) {
                ('%', Some(d)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let format = if level.legal {
                        NumFormat::Decimal
                    } else {
                        formats[i]
                    };
                    let start = out.len();
                    out.push_str(&format.show(shown(i)));
                    number = Some(number.map_or(start..out.len(), |n| n.start..out.len()));
                }
                _ => out.push(c),
            }
        }
        if out.trim().is_empty() {
            return None;
        }
        Some(Label {
            number: number.unwrap_or(0..0),
            text: out,
            bullet: false,
        })
    }
}

fn id_attr(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    xml::attr(e, name)?.trim().parse().ok()
}

fn ilvl_attr(e: &BytesStart<'_>) -> Option<usize> {
    id_attr(e, "ilvl")
        .map(|i| i as usize)
        .filter(|&i| i < LEVELS)
}

fn read_level_property(level: &mut Level, name: &str, e: &BytesStart<'_>) {
    match name {
        "start" => level.start = xml::num_val(e),
        "numFmt" => level.format = NumFormat::of(&xml::val(e).unwrap_or_default()),
        "lvlText" => {
            let mut text = xml::val(e).unwrap_or_default();
            if text.len() > MAX_LEVEL_TEXT {
                let cut = (0..=MAX_LEVEL_TEXT)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.truncate(cut);
            }
            level.text = Some(text);
        }
        "lvlRestart" => level.restart = xml::num_val(e),
        "isLgl" => level.legal = xml::is_on(e),
        "pStyle" => level.style = xml::val(e),
        _ => {}
    }
}
