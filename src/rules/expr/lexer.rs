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
    let bytes = src.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let start = i;
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                while at(i).is_some_and(|b| b.is_ascii_digit()) {
                    i += 1;
                }
                if at(i) == Some(b'.') && at(i + 1).is_some_and(|b| b.is_ascii_digit()) {
                    i += 1;
                    while at(i).is_some_and(|b| b.is_ascii_digit()) {
                        i += 1;
                    }
                }
                let text = &src[start..i];
                match text.parse::<f64>() {
                    Ok(n) if n.is_finite() => Tok::Num(n),
                    _ => return Err(ExprError::new(start..i, "number is too large")),
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while at(i).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    i += 1;
                }
                let word = &src[start..i];
                if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    return Err(ExprError::new(start..i, "names are written in lower case")
                        .help(format!("write `{}`", word.to_ascii_lowercase())));
                }
                match word {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    "in" => Tok::In,
                    "true" => Tok::True,
                    "false" => Tok::False,
                    _ => Tok::Ident(word),
                }
            }
            b'@' => {
                i += 1;
                while at(i).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    i += 1;
                }
                let name = &src[start + 1..i];
                if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                    return Err(ExprError::new(
                        start..i.max(start + 1),
                        "expected a word list's name after `@`",
                    )
                    .help("write a word list as @name, e.g. @role_word"));
                }
                if name.bytes().any(|b| b.is_ascii_uppercase()) {
                    return Err(ExprError::new(start..i, "names are written in lower case")
                        .help(format!("write `@{}`", name.to_ascii_lowercase())));
                }
                Tok::ListName(name)
            }
            b'"' => {
                i += 1;
                let mut text = String::new();
                loop {
                    let rest = &src[i..];
                    let Some(stop) = rest.find(['"', '\\']) else {
                        return Err(ExprError::new(start..src.len(), "unterminated string")
                            .help("add a closing `\"`"));
                    };
                    text.push_str(&rest[..stop]);
                    i += stop;
                    if at(i) == Some(b'"') {
                        i += 1;
                        break;
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
                        None => {
                            return Err(ExprError::new(start..src.len(), "unterminated string")
                                .help("add a closing `\"`"));
                        }
                    }
                    i += 2;
                }
                Tok::Str(text)
            }
            _ => {
                let next = at(i + 1);
                let (tok, len) = match (c, next) {
                    (b'.', _) => (Tok::Dot, 1),
                    (b',', _) => (Tok::Comma, 1),
                    (b'(', _) => (Tok::LParen, 1),
                    (b')', _) => (Tok::RParen, 1),
                    (b'[', _) => (Tok::LBracket, 1),
                    (b']', _) => (Tok::RBracket, 1),
                    (b'+', _) => (Tok::Plus, 1),
                    (b'-', _) => (Tok::Minus, 1),
                    (b'*', _) => (Tok::Star, 1),
                    (b'/', _) => (Tok::Slash, 1),
                    (b'=', Some(b'=')) => (Tok::EqEq, 2),
                    (b'!', Some(b'=')) => (Tok::NotEq, 2),
                    (b'<', Some(b'=')) => (Tok::Le, 2),
                    (b'>', Some(b'=')) => (Tok::Ge, 2),
                    (b'<', _) => (Tok::Lt, 1),
                    (b'>', _) => (Tok::Gt, 1),
                    _ => return Err(unexpected_char(src, i)),
                };
                i += len;
                tok
            }
        };
        tokens.push(Token {
            tok,
            span: start..i,
        });
    }
    Ok(tokens)
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
