//! Balances html5gum's tags into properly nested nodes and keeps only the
//! statement's own content.
//!
//! HTML leaves end tags out (`<p>` and `<li>` close when the next one
//! opens) and void elements (`<br>`, `<hr>`) have none; the tokenizer does
//! not build a tree, so the usual implied ends are applied here, enough for
//! the markup statements come in. Chrome (see [`super::chrome`]) and, when
//! the page has a `<main>` (or else an `<article>`), everything outside it
//! is dropped, so later passes see only statement text.

use super::chrome::{is_chrome, is_footnote_marker};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use std::ops::Range;

/// How much of the HTML is statement text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A web page: chrome is dropped, and only `<main>` counts if there is one.
    Document,
    /// HTML inside Markdown: all of it is content except hidden parts.
    Fragment,
}

/// A start tag.
#[derive(Clone, Debug)]
pub(crate) struct Element {
    /// Lower-case tag name.
    pub name: String,
    attrs: Vec<(String, String)>,
    /// The start tag's bytes in the HTML text.
    pub tag: Range<usize>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A node of the balanced content: every `Open` has its `Close`.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Open(Element),
    /// Ends the element opened last; `at` is its end tag, or the empty
    /// range where an implied end falls.
    Close {
        name: String,
        at: Range<usize>,
    },
    /// Text as written in the HTML (entities not yet decoded) and decoded.
    Text {
        span: Range<usize>,
        value: String,
    },
}

/// Elements without an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Start tags that end an open `<p>`.
const CLOSES_P: [&str; 33] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];
/// Elements an implied or stray end does not reach past.
const SCOPE: [&str; 6] = ["html", "table", "td", "th", "caption", "template"];

enum Tok {
    Start(Element),
    End(String, Range<usize>),
    Text(Range<usize>, String),
}

/// One open element while balancing.
struct Open {
    name: String,
    /// Emitted as a node: not chrome and inside the content.
    visible: bool,
    /// Chrome or inside chrome.
    chrome: bool,
    /// Inside the part of the page that counts (`<main>`, or everything).
    in_scope: bool,
    /// Inside `<main>` or an `<article>`.
    in_content: bool,
}

/// The balanced content nodes of `html`.
pub(crate) fn nodes(html: &str, mode: Mode) -> Vec<Node> {
    let toks = tokens(html);
    let scope = match mode {
        Mode::Fragment => None,
        Mode::Document => content_root(&toks),
    };
    let mut b = Balancer {
        out: Vec::new(),
        stack: Vec::new(),
        scope,
    };
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Start(el) => b.start(el, || footnote_follows(&toks[i + 1..])),
            Tok::End(name, span) => b.end(name, span.clone()),
            Tok::Text(span, value) => {
                if b.stack.last().map_or(scope.is_none(), |o| o.visible) {
                    b.out.push(Node::Text {
                        span: span.clone(),
                        value: value.clone(),
                    });
                }
            }
        }
    }
    b.pop_to(0, html.len()..html.len());
    b.out
}

fn tokens(html: &str) -> Vec<Tok> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style bodies are raw text, not markup.
    emitter.naively_switch_states(true);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    Tokenizer::new_with_emitter(html, emitter)
        .flatten()
        .filter_map(|token| match token {
            Token::StartTag(t) => Some(Tok::Start(Element {
                name: text(&t.name).to_ascii_lowercase(),
                attrs: t
                    .attributes
                    .iter()
                    .map(|(k, v)| (text(k).to_ascii_lowercase(), text(&v.value)))
                    .collect(),
                tag: t.span.start..t.span.end,
            })),
            Token::EndTag(t) => Some(Tok::End(
                text(&t.name).to_ascii_lowercase(),
                t.span.start..t.span.end,
            )),
            Token::String(s) => Some(Tok::Text(s.span.start..s.span.end, text(&s.value))),
            _ => None,
        })
        .collect()
}

/// The element that holds the statement on a web page: `<main>` (or
/// `role="main"`), else `<article>`; `None` when the whole body counts.
fn content_root(toks: &[Tok]) -> Option<&'static str> {
    let has =
        |f: &dyn Fn(&Element) -> bool| toks.iter().any(|t| matches!(t, Tok::Start(el) if f(el)));
    if has(&is_main) {
        Some("main")
    } else if has(&|el| el.name == "article") {
        Some("article")
    } else {
        None
    }
}

fn is_main(el: &Element) -> bool {
    el.name == "main"
        || el
            .attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("main"))
}

/// Whether the tokens after a `<sup>` up to its end are a footnote marker.
fn footnote_follows(rest: &[Tok]) -> bool {
    let mut text = String::new();
    for tok in rest.iter().take(12) {
        match tok {
            Tok::End(name, _) if name == "sup" => return is_footnote_marker(&text),
            Tok::Text(_, value) => text.push_str(value),
            _ => {}
        }
    }
    false
}

struct Balancer {
    out: Vec<Node>,
    stack: Vec<Open>,
    scope: Option<&'static str>,
}

impl Balancer {
    fn start(&mut self, el: &Element, footnote: impl FnOnce() -> bool) {
        let at = el.tag.start..el.tag.start;
        self.implied_ends(&el.name, at);
        let parent = self.stack.last();
        let in_content =
            parent.is_some_and(|p| p.in_content) || is_main(el) || el.name == "article";
        let in_scope = parent.map_or(self.scope.is_none(), |p| p.in_scope)
            || self.scope.is_some_and(|root| {
                if root == "main" {
                    is_main(el)
                } else {
                    el.name == root
                }
            });
        let chrome = parent.is_some_and(|p| p.chrome)
            || is_chrome(el, in_content)
            || (el.name == "sup" && footnote());
        let visible = in_scope && !chrome;
        if visible {
            self.out.push(Node::Open(el.clone()));
        }
        if VOID.contains(&el.name.as_str()) {
            if visible {
                self.out.push(Node::Close {
                    name: el.name.clone(),
                    at: el.tag.clone(),
                });
            }
            return;
        }
        self.stack.push(Open {
            name: el.name.clone(),
            visible,
            chrome,
            in_scope,
            in_content,
        });
    }

    /// The ends a start tag implies: a new paragraph, item, row or cell
    /// closes the open one.
    fn implied_ends(&mut self, name: &str, at: Range<usize>) {
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], &[], at.clone());
        }
        match name {
            "li" => self.close_in_scope(&["li"], &["ul", "ol"], at),
            "dd" | "dt" => self.close_in_scope(&["dd", "dt"], &["dl"], at),
            "tr" => self.close_in_scope(&["tr"], &[], at),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr"], at),
            "thead" | "tbody" | "tfoot" => {
                self.close_in_scope(&["thead", "tbody", "tfoot", "caption"], &[], at)
            }
            "body" => self.close_in_scope(&["head"], &[], at),
            // A heading does not nest in a heading.
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.stack.last().is_some_and(|o| is_heading(&o.name)) =>
            {
                self.pop_to(self.stack.len() - 1, at)
            }
            _ => {}
        }
    }

    /// Closes the nearest open `targets` element unless a scope boundary
    /// or one of `stops` comes first.
    fn close_in_scope(&mut self, targets: &[&str], stops: &[&str], at: Range<usize>) {
        for i in (0..self.stack.len()).rev() {
            let name = self.stack[i].name.as_str();
            if targets.contains(&name) {
                self.pop_to(i, at);
                return;
            }
            if stops.contains(&name) || SCOPE.contains(&name) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str, span: Range<usize>) {
        // Content after `</body>` is still content.
        if matches!(name, "body" | "html") {
            return;
        }
        let table_part = matches!(name, "tr" | "td" | "th" | "thead" | "tbody" | "tfoot");
        for i in (0..self.stack.len()).rev() {
            let open = self.stack[i].name.as_str();
            if open == name {
                self.pop_to(i, span);
                return;
            }
            let boundary = if table_part {
                open == "table"
            } else {
                SCOPE.contains(&open)
            };
            if boundary {
                return;
            }
        }
    }

    /// Pops the elements from `depth` up, closing the visible ones; the
    /// element at `depth` ends at `at`, those above it where it starts.
    fn pop_to(&mut self, depth: usize, at: Range<usize>) {
        while self.stack.len() > depth {
            let Some(open) = self.stack.pop() else { break };
            if open.visible {
                let at = if self.stack.len() == depth {
                    at.clone()
                } else {
                    at.start..at.start
                };
                self.out.push(Node::Close {
                    name: open.name,
                    at,
                });
            }
        }
    }
}

pub(crate) fn is_heading(name: &str) -> bool {
    heading_level(name).is_some()
}

/// 1 for `h1` … 6 for `h6`.
pub(crate) fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}
