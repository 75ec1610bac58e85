//! Comment anchors written into the body XML (word/document.xml), and
//! nothing else changed: the part is copied byte for byte, except where a
//! comment starts or ends.
//!
//! A comment's range is marked by `w:commentRangeStart` and
//! `w:commentRangeEnd`, followed by a run holding its `w:commentReference`.
//! These may sit in a paragraph or a hyperlink, insertion or content
//! control inside it, but not inside a run. So a point inside a run's text
//! splits the run in two, the second half taking a copy of the run's
//! formatting (`w:rPr`); a point inside something that cannot be split
//! (an equation, a drawing) moves out to just before or after it.

use super::names::Names;
use crate::source::InputError;
use crate::source::docx::xml::{self, Event};

/// One end of a comment's range, at a byte offset in the part's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Point {
    pub at: usize,
    pub id: u32,
    pub end: bool,
}

impl Point {
    /// Points at one offset: ends of earlier comments first, then starts,
    /// then the ends of comments that start here too (a comment on no
    /// words).
    fn order(&self, empty: bool) -> (usize, u8, u32) {
        let rank = match (self.end, empty) {
            (true, false) => 0,
            (false, _) => 1,
            (true, true) => 2,
        };
        (self.at, rank, self.id)
    }
}

/// Sorts points into the order they are written in.
pub fn sort(points: &mut [Point]) {
    let starts: std::collections::BTreeMap<u32, usize> = points
        .iter()
        .filter(|p| !p.end)
        .map(|p| (p.id, p.at))
        .collect();
    points.sort_by_key(|p| p.order(p.end && starts.get(&p.id) == Some(&p.at)));
}

/// Elements a comment's range markers may sit in, between the paragraph
/// and its runs.
const CONTAINERS: [&str; 10] = [
    "p",
    "hyperlink",
    "ins",
    "moveTo",
    "smartTag",
    "customXml",
    "sdtContent",
    "fldSimple",
    "dir",
    "bdo",
];

/// An element open at the point being written.
#[derive(Debug)]
struct Open {
    /// Its name as written ("w:r").
    qname: String,
    local: String,
    /// In the WordprocessingML namespace.
    word: bool,
    /// Where its start tag begins in the output.
    out_at: usize,
    /// Markup to write once it closes.
    after: String,
    /// For a run: its formatting (`w:rPr`, with any tracked change of it
    /// left out), for the second half of a split.
    props: String,
    props_from: Option<usize>,
    /// A tracked formatting change inside the formatting, left out of
    /// the copy.
    change: Option<(usize, usize)>,
    /// For a run: whether anything but its formatting has been written.
    content: bool,
}

/// Writes `points` (sorted by [`sort`]) into the part's XML.
pub fn write(
    path: &str,
    part: &str,
    text: &str,
    points: &[Point],
    names: &Names,
) -> Result<String, InputError> {
    let mut w = Writer {
        text,
        names,
        out: String::with_capacity(text.len() + points.len() * 96),
        stack: Vec::new(),
    };
    let mut next = 0;
    let mut events = xml::Events::new(path, part, text);
    loop {
        let from = events.position();
        let event = events.next()?;
        let to = events.position();
        match &event {
            Event::Eof => break,
            Event::Start(e) if w.is_text_start(e) => {
                // A point at the very start of a run's text is before it.
                while let Some(p) = points.get(next).filter(|p| p.at <= to) {
                    w.place(p);
                    next += 1;
                }
                w.child_starts(e, from, to);
                let content_end = to + text[to..].find('<').unwrap_or(text.len() - to);
                let splits = points
                    .get(next)
                    .is_some_and(|p| p.at > to && p.at < content_end);
                w.copy_start(e, from, to, splits);
            }
            Event::End(_) if w.in_text() => {
                w.copy(from, to);
                w.close();
                // A point at the very end of a run's text is after it.
                while let Some(p) = points.get(next).filter(|p| p.at <= from) {
                    w.place(p);
                    next += 1;
                }
            }
            _ => {
                let mut copied = from;
                while let Some(p) = points.get(next).filter(|p| p.at < to) {
                    if p.at > copied && w.in_text() {
                        w.copy(copied, p.at);
                        copied = p.at;
                    }
                    w.place(p);
                    next += 1;
                }
                match &event {
                    Event::Start(e) => {
                        w.child_starts(e, copied, to);
                        w.copy_start(e, copied, to, false);
                    }
                    Event::Empty(e) => {
                        w.child_starts(e, copied, to);
                        w.copy(copied, to);
                    }
                    Event::End(_) => {
                        w.end_tag(to);
                        w.copy(copied, to);
                        w.close();
                    }
                    _ => w.copy(copied, to),
                }
            }
        }
    }
    if next < points.len() {
        return Err(internal(
            path,
            "a comment's place is past the end of the body",
        ));
    }
    // The result must be well-formed, or no file is written.
    let mut check = xml::Events::new(path, part, &w.out);
    loop {
        match check.next() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(_) => return Err(internal(path, "the commented body is not well-formed")),
        }
    }
    Ok(w.out)
}

fn internal(path: &str, what: &str) -> InputError {
    InputError::Unreadable {
        path: path.into(),
        reason: format!("govlint could not annotate it: {what} (a bug in govlint)"),
        help: "please report it with the document, or a copy with the text changed".into(),
    }
}

struct Writer<'a> {
    text: &'a str,
    names: &'a Names,
    out: String,
    stack: Vec<Open>,
}

impl Writer<'_> {
    fn copy(&mut self, from: usize, to: usize) {
        self.out.push_str(&self.text[from..to]);
    }

    /// Whether the element open `depth` levels below the innermost (0:
    /// the innermost) is the WordprocessingML element `local`.
    fn open_is(&self, depth: usize, local: &str) -> bool {
        let n = self.stack.len();
        n > depth && {
            let o = &self.stack[n - 1 - depth];
            o.word && o.local == local
        }
    }

    /// Whether `e` is a run's text, `w:t` directly in a `w:r`.
    fn is_text_start(&self, e: &xml::BytesStart<'_>) -> bool {
        self.names.is_word(e.name().as_ref())
            && e.local_name().as_ref() == "t"
            && self.open_is(0, "r")
    }

    fn in_text(&self) -> bool {
        self.open_is(0, "t") && self.open_is(1, "r")
    }

    /// A start tag, opened on the stack; `preserve` adds
    /// `xml:space="preserve"` to a run's text that is to be split, so the
    /// spaces at the split are kept.
    fn copy_start(&mut self, e: &xml::BytesStart<'_>, from: usize, to: usize, preserve: bool) {
        let out_at = self.out.len();
        let raw = &self.text[from..to];
        if preserve && xml::attr(e, "space").is_none() {
            let close = raw.rfind('>').unwrap_or(raw.len());
            self.out.push_str(&raw[..close]);
            self.out.push_str(" xml:space=\"preserve\"");
            self.out.push_str(&raw[close..]);
        } else {
            self.out.push_str(raw);
        }
        let qname = e.name().as_ref().to_owned();
        let local = e.local_name().as_ref().to_owned();
        let word = self.names.is_word(e.name().as_ref());
        let n = self.stack.len();
        if word && local == "rPr" && self.open_is(0, "r") {
            self.stack[n - 1].props_from = Some(from);
        } else if word && local == "rPrChange" && self.open_is(0, "rPr") && self.open_is(1, "r") {
            self.stack[n - 2].change = Some((from, from));
        }
        self.stack.push(Open {
            qname,
            local,
            word,
            out_at,
            after: String::new(),
            props: String::new(),
            props_from: None,
            change: None,
            content: false,
        });
    }

    /// An end tag, before it is copied and closed: ends a run's
    /// formatting (whose copy leaves out a tracked change of it), or such
    /// a tracked change.
    fn end_tag(&mut self, to: usize) {
        let n = self.stack.len();
        if self.open_is(0, "rPrChange") && self.open_is(1, "rPr") && self.open_is(2, "r") {
            if let Some(change) = self.stack[n - 3].change.as_mut() {
                change.1 = to;
            }
        } else if self.open_is(0, "rPr") && self.open_is(1, "r") {
            let run = &mut self.stack[n - 2];
            if let Some(start) = run.props_from {
                run.props = match run.change {
                    Some((a, b)) if b > a => {
                        format!("{}{}", &self.text[start..a], &self.text[b..to])
                    }
                    _ => self.text[start..to].to_owned(),
                };
            }
        }
    }

    /// An element has closed: anything waiting for it is written.
    fn close(&mut self) {
        if let Some(open) = self.stack.pop() {
            self.out.push_str(&open.after);
        }
    }

    /// An element begins: if it is a child of a run other than its
    /// formatting, a point waiting in the run splits the run here. An
    /// empty `<w:rPr/>` is a run's whole formatting.
    fn child_starts(&mut self, e: &xml::BytesStart<'_>, from: usize, to: usize) {
        if !self.open_is(0, "r") {
            return;
        }
        let Some(run) = self.stack.last_mut() else {
            return;
        };
        if self.names.is_word(e.name().as_ref()) && e.local_name().as_ref() == "rPr" {
            if matches!(self.text.as_bytes().get(to.wrapping_sub(2)), Some(b'/')) {
                run.props = self.text[from..to].to_owned();
            }
            return;
        }
        if !run.after.is_empty() {
            let waiting = std::mem::take(&mut run.after);
            let (qname, props) = (run.qname.clone(), run.props.clone());
            self.out
                .push_str(&format!("</{qname}>{waiting}<{qname}>{props}"));
        }
        if let Some(run) = self.stack.last_mut() {
            run.content = true;
        }
    }

    /// Writes one point where it is, or at the nearest place a comment's
    /// markers may sit.
    fn place(&mut self, point: &Point) {
        let markup = self.names.marker(point);
        let n = self.stack.len();
        let Some(p) = self.stack.iter().rposition(|o| o.word && o.local == "p") else {
            self.out.push_str(&markup);
            return;
        };
        let mut k = p;
        while k + 1 < n
            && self.stack[k + 1].word
            && CONTAINERS.contains(&self.stack[k + 1].local.as_str())
        {
            k += 1;
        }
        if k + 1 == n {
            self.out.push_str(&markup);
            return;
        }
        let inner = &self.stack[k + 1];
        let in_run = inner.word && inner.local == "r";
        if in_run && k + 3 == n && self.in_text() {
            // Inside a run's text: split the run there.
            let run = &self.stack[k + 1];
            let t = &self.stack[k + 2].qname;
            self.out.push_str(&format!(
                "</{t}></{r}>{markup}<{r}>{props}<{t} xml:space=\"preserve\">",
                r = run.qname,
                props = run.props,
            ));
        } else if in_run && k + 2 == n && self.stack[k + 1].content {
            // Between a run's children: at the run's next child, or after it.
            self.stack[k + 1].after.push_str(&markup);
        } else if in_run && k + 2 == n || !point.end {
            // Before the element the point is in.
            self.insert_before(k + 1, &markup);
        } else {
            self.stack[k + 1].after.push_str(&markup);
        }
    }

    /// Inserts markup before the start tag of the open element `i`.
    fn insert_before(&mut self, i: usize, markup: &str) {
        let at = self.stack[i].out_at;
        self.out.insert_str(at, markup);
        for open in &mut self.stack[i..] {
            open.out_at += markup.len();
        }
    }
}
