//! Message templates: text with `{expression}` holes, checked at load time.

use super::expr::{self, Env, Expr, ExprError, Scope};
use std::fmt::Write;

#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Expr(Expr),
}

/// A parsed template; `{{` and `}}` stand for literal braces.
#[derive(Clone, Debug)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    /// Parses and type-checks a template; error spans are template offsets.
    pub fn parse(text: &str, scope: &dyn Scope) -> Result<Template, ExprError> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|&(_, c)| c) == Some('{') => {
                    rest.next();
                    literal.push('{');
                }
                '}' if rest.peek().map(|&(_, c)| c) == Some('}') => {
                    rest.next();
                    literal.push('}');
                }
                '{' => {
                    let Some(close) = text[i..].find('}') else {
                        return Err(ExprError {
                            span: i..text.len(),
                            message: "unclosed `{` in template".into(),
                            help: Some("write `{{` for a literal brace".into()),
                        });
                    };
                    let inner = &text[i + 1..i + close];
                    let shift = |mut e: ExprError| {
                        e.span = e.span.start + i + 1..e.span.end + i + 1;
                        e
                    };
                    let checked = expr::parse(inner)
                        .and_then(|parsed| parsed.check(scope))
                        .map_err(shift)?;
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Expr(checked));
                    while rest.peek().is_some_and(|&(j, _)| j <= i + close) {
                        rest.next();
                    }
                }
                '}' => {
                    return Err(ExprError {
                        span: i..i + 1,
                        message: "unmatched `}` in template".into(),
                        help: Some("write `}}` for a literal brace".into()),
                    });
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Template { pieces })
    }

    /// The names the template's expressions use.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().flat_map(|p| match p {
            Piece::Expr(e) => e.names(),
            Piece::Text(_) => Vec::new(),
        })
    }

    /// Fills the holes; an unknown value shows as "?".
    pub fn render(&self, env: &dyn Env) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Expr(e) => match e.eval(env) {
                    Some(v) => {
                        let _ = write!(out, "{v}");
                    }
                    None => out.push('?'),
                },
            }
        }
        out
    }
}
