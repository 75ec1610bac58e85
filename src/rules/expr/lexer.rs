//! Turns a condition's text into tokens.

use super::Span;
use super::error::ExprError;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok<'s> {
    Num(f64),
    Str(String),
    Ident(&'s str),
    /// `@name`, a word list; the text is the name without `@`.
    ListName(&'s str),
    And,
    Or,
    Not,
    In,
    True,
    False,
    Dot,
    Comma,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Plus,
    Minus,
    Star,
    Slash,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Eof,
}

#[derive(Debug)]
pub(super) struct Token<'s> {
    pub(super) tok: Tok<'s>,
    pub(super) span: Span,
}

pub(super) fn char_len_at(src: &str, i: usize) -> usize {
    src.get(i..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8)
}

pub(super) fn lex(src: &str) -> Result<Vec<Token<'_>>, ExprError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = src.as_bytes().get(i) {
        let start = i;
        let (tok, end) = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => number(src, start)?,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => word(src, start)?,
            b'@' => list_name(src, start)?,
            b'"' => string(src, start)?,
            _ => symbol(src, start)?,
        };
        i = end;
        tokens.push(Token {
            tok,
            span: start..end,
        });
    }
    Ok(tokens)
}

/// The end of the run of bytes from `i` that satisfy `keep`.
fn run_end(src: &str, mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while src.as_bytes().get(i).copied().is_some_and(&keep) {
        i += 1;
    }
    i
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A token and where it ends.
type Lexed<'s> = Result<(Tok<'s>, usize), ExprError>;

fn number(src: &str, start: usize) -> Lexed<'_> {
    let at = |i: usize| src.as_bytes().get(i).copied();
    let mut i = run_end(src, start, |b| b.is_ascii_digit());
    if at(i) == Some(b'.') && at(i + 1).is_some_and(|b| b.is_ascii_digit()) {
        i = run_end(src, i + 1, |b| b.is_ascii_digit());
    }
    match src[start..i].parse::<f64>() {
        Ok(n) if n.is_finite() => Ok((Tok::Num(n), i)),
        _ => Err(ExprError::new(start..i, "number is too large")),
    }
}

fn word(src: &str, start: usize) -> Lexed<'_> {
    let end = run_end(src, start, is_name_byte);
    let word = &src[start..end];
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(
            ExprError::new(start..end, "names are written in lower case")
                .help(format!("write `{}`", word.to_ascii_lowercase())),
        );
    }
    let tok = match word {
        "and" => Tok::And,
        "or" => Tok::Or,
        "not" => Tok::Not,
        "in" => Tok::In,
        "true" => Tok::True,
        "false" => Tok::False,
        _ => Tok::Ident(word),
    };
    Ok((tok, end))
}

/// `@name`, at the `@`.
fn list_name(src: &str, start: usize) -> Lexed<'_> {
    let end = run_end(src, start + 1, is_name_byte);
    let name = &src[start + 1..end];
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(ExprError::new(
            start..end.max(start + 1),
            "expected a word list's name after `@`",
        )
        .help("write a word list as @name, e.g. @role_word"));
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(
            ExprError::new(start..end, "names are written in lower case")
                .help(format!("write `@{}`", name.to_ascii_lowercase())),
        );
    }
    Ok((Tok::ListName(name), end))
}

/// A string literal, at its opening quote.
fn string(src: &str, start: usize) -> Lexed<'_> {
    let at = |i: usize| src.as_bytes().get(i).copied();
    let unterminated =
        || ExprError::new(start..src.len(), "unterminated string").help("add a closing `\"`");
    let mut i = start + 1;
    let mut text = String::new();
    loop {
        let rest = &src[i..];
        let stop = rest.find(['"', '\\']).ok_or_else(unterminated)?;
        text.push_str(&rest[..stop]);
        i += stop;
        if at(i) == Some(b'"') {
            return Ok((Tok::Str(text), i + 1));
        }
        // A backslash: only \" and \\ are escapes.
        match at(i + 1) {
            Some(b'"') => text.push('"'),
            Some(b'\\') => text.push('\\'),
            Some(_) => {
                let end = i + 1 + char_len_at(src, i + 1);
                return Err(ExprError::new(i..end, "unknown escape in string")
                    .help("only `\\\"` and `\\\\` are escapes"));
            }
            None => return Err(unterminated()),
        }
        i += 2;
    }
}

fn symbol(src: &str, i: usize) -> Lexed<'_> {
    let at = |i: usize| src.as_bytes().get(i).copied();
    let (tok, len) = match (at(i), at(i + 1)) {
        (Some(b'.'), _) => (Tok::Dot, 1),
        (Some(b','), _) => (Tok::Comma, 1),
        (Some(b'('), _) => (Tok::LParen, 1),
        (Some(b')'), _) => (Tok::RParen, 1),
        (Some(b'['), _) => (Tok::LBracket, 1),
        (Some(b']'), _) => (Tok::RBracket, 1),
        (Some(b'+'), _) => (Tok::Plus, 1),
        (Some(b'-'), _) => (Tok::Minus, 1),
        (Some(b'*'), _) => (Tok::Star, 1),
        (Some(b'/'), _) => (Tok::Slash, 1),
        (Some(b'='), Some(b'=')) => (Tok::EqEq, 2),
        (Some(b'!'), Some(b'=')) => (Tok::NotEq, 2),
        (Some(b'<'), Some(b'=')) => (Tok::Le, 2),
        (Some(b'>'), Some(b'=')) => (Tok::Ge, 2),
        (Some(b'<'), _) => (Tok::Lt, 1),
        (Some(b'>'), _) => (Tok::Gt, 1),
        _ => return Err(unexpected_char(src, i)),
    };
    Ok((tok, i + len))
}

fn unexpected_char(src: &str, i: usize) -> ExprError {
    let end = i + char_len_at(src, i);
    let text = src.get(i..end).unwrap_or("?");
    let doubled = |c: u8| src.as_bytes().get(i + 1) == Some(&c);
    let (span, message, help) = match text {
        "=" => (i..end, "unexpected `=`".to_string(), "use `==` to compare"),
        "!" => (
            i..end,
            "unexpected `!`".to_string(),
            "use `not` to negate, or `!=` for \"not equal\"",
        ),
        "&" => {
            let end = if doubled(b'&') { end + 1 } else { end };
            (
                i..end,
                format!("unexpected `{}`", &src[i..end]),
                "use `and`",
            )
        }
        "|" => {
            let end = if doubled(b'|') { end + 1 } else { end };
            (i..end, format!("unexpected `{}`", &src[i..end]), "use `or`")
        }
        "'" => (
            i..end,
            "unexpected `'`".to_string(),
            "strings are written in double quotes: \"monthly\"",
        ),
        "£" => (
            i..end,
            "unexpected `£`".to_string(),
            "write an amount of money as money(\"£5m\")",
        ),
        "%" => (
            i..end,
            "unexpected `%`".to_string(),
            "write a percentage as percent(\"5%\")",
        ),
        _ => (i..end, format!("unexpected character `{text}`"), ""),
    };
    let err = ExprError::new(span, message);
    if help.is_empty() { err } else { err.help(help) }
}
