//! Builds the untyped syntax tree from tokens (see the grammar in the
//! module docs).

use super::error::{ExprError, closest};
use super::lexer::{Tok, Token, lex};
use super::syntax::{
    BinOp, FUNCTION_NAMES, Func, Node, NodeKind, Path, Segment, WordList, constructor, example,
};
use super::types::{Type, Val};
use super::{MAX_NESTING, Parsed, Span};
use crate::values::{Date, ValueData, ValueKind, parse_value};

/// Parses a condition. Names are not resolved until [`Parsed::check`].
pub fn parse(src: &str) -> Result<Parsed, ExprError> {
    let tokens = lex(src)?;
    if tokens.is_empty() {
        return Err(ExprError::new(0..src.len(), "empty condition")
            .help("write a condition such as `horizon.years >= params.min_years`"));
    }
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
        nesting: 0,
    };
    let root = parser.parse_expr()?;
    if *parser.peek() != Tok::Eof {
        let span = parser.peek_span();
        return Err(ExprError::new(
            span.clone(),
            format!(
                "unexpected {} after a complete condition",
                parser.describe(&span)
            ),
        )
        .help("join conditions with `and` or `or`"));
    }
    Ok(Parsed {
        source: src.to_string(),
        root,
    })
}

struct Parser<'s> {
    src: &'s str,
    tokens: Vec<Token<'s>>,
    pos: usize,
    nesting: usize,
}

impl<'s> Parser<'s> {
    fn peek(&self) -> &Tok<'s> {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &Tok<'s> {
        self.tokens
            .get(self.pos + ahead)
            .map_or(&Tok::Eof, |t| &t.tok)
    }

    fn peek_span(&self) -> Span {
        self.tokens
            .get(self.pos)
            .map_or(self.src.len()..self.src.len(), |t| t.span.clone())
    }

    /// Takes the next token (moving its string out).
    fn bump(&mut self) -> (Tok<'s>, Span) {
        let span = self.peek_span();
        let tok = self
            .tokens
            .get_mut(self.pos)
            .map_or(Tok::Eof, |t| std::mem::replace(&mut t.tok, Tok::Eof));
        self.pos += 1;
        (tok, span)
    }

    fn describe(&self, span: &Span) -> String {
        match self.src.get(span.clone()) {
            Some(text) if !text.is_empty() => format!("`{text}`"),
            _ => "the end of the condition".to_string(),
        }
    }

    /// Enters one more level of nesting, opened by the token at `span`.
    fn descend(&mut self, span: Span) -> Result<(), ExprError> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(ExprError::new(
                span,
                format!("condition is nested too deeply (more than {MAX_NESTING} levels)"),
            )
            .help("split it into simpler conditions"));
        }
        Ok(())
    }

    fn ascend(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
    }

    fn parse_expr(&mut self) -> Result<Node, ExprError> {
        self.parse_or()
    }

    fn binary(op: BinOp, lhs: Node, rhs: Node) -> Result<Node, ExprError> {
        let span = lhs.span.start..rhs.span.end;
        let depth = 1 + lhs.depth.max(rhs.depth);
        Node::new(
            NodeKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
            depth,
        )
    }

    fn parse_or(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_and()?;
        while *self.peek() == Tok::Or {
            self.bump();
            let rhs = self.parse_and()?;
            lhs = Self::binary(BinOp::Or, lhs, rhs)?;
        }
        Ok(lhs)
    }

    fn parse_and(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_not()?;
        while *self.peek() == Tok::And {
            self.bump();
            let rhs = self.parse_not()?;
            lhs = Self::binary(BinOp::And, lhs, rhs)?;
        }
        Ok(lhs)
    }

    fn parse_not(&mut self) -> Result<Node, ExprError> {
        if *self.peek() != Tok::Not {
            return self.parse_compare();
        }
        let (_, span) = self.bump();
        self.descend(span.clone())?;
        let operand = self.parse_not()?;
        self.ascend();
        let full = span.start..operand.span.end;
        let depth = operand.depth + 1;
        Node::new(NodeKind::Not(Box::new(operand)), full, depth)
    }

    fn compare_op(tok: &Tok<'_>) -> Option<BinOp> {
        Some(match tok {
            Tok::EqEq => BinOp::Eq,
            Tok::NotEq => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Gt => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            _ => return None,
        })
    }

    fn parse_compare(&mut self) -> Result<Node, ExprError> {
        let lhs = self.parse_sum()?;
        if let Some(op) = Self::compare_op(self.peek()) {
            self.bump();
            let rhs = self.parse_sum()?;
            self.refuse_chain()?;
            return Self::binary(op, lhs, rhs);
        }
        if !self.at_membership() {
            return Ok(lhs);
        }
        let node = self.parse_membership(lhs)?;
        self.refuse_chain()?;
        Ok(node)
    }

    /// Whether `in` or `not in` comes next.
    fn at_membership(&self) -> bool {
        *self.peek() == Tok::In || (*self.peek() == Tok::Not && *self.peek_at(1) == Tok::In)
    }

    /// Fails when another comparison follows a complete one.
    fn refuse_chain(&self) -> Result<(), ExprError> {
        if Self::compare_op(self.peek()).is_some() || self.at_membership() {
            return Err(
                ExprError::new(self.peek_span(), "comparisons cannot be chained")
                    .help("write `a < b and b < c`"),
            );
        }
        Ok(())
    }

    /// `item in list` or `item not in list`, at `in` or `not`.
    fn parse_membership(&mut self, item: Node) -> Result<Node, ExprError> {
        let negated = *self.peek() == Tok::Not;
        if negated {
            self.bump();
        }
        self.bump();
        let (list, end) = self.parse_word_list()?;
        let span = item.span.start..end;
        let depth = item.depth + 1;
        let item = Box::new(item);
        Node::new(
            NodeKind::In {
                item,
                list,
                negated,
            },
            span,
            depth,
        )
    }

    /// `["a", "b"]` or `@name`; gives the list and where it ends.
    fn parse_word_list(&mut self) -> Result<(WordList, usize), ExprError> {
        let (tok, open) = self.bump();
        let usage = "write a list of strings, [\"The\", \"Our\"], or a word list, @role_word";
        match tok {
            Tok::ListName(name) => {
                let list = WordList::Named {
                    name: name.to_string(),
                    span: open.clone(),
                };
                return Ok((list, open.end));
            }
            Tok::LBracket => {}
            _ => {
                let found = self.describe(&open);
                return Err(ExprError::new(
                    open,
                    format!("expected a list after `in`, found {found}"),
                )
                .help(usage));
            }
        }
        let mut words = Vec::new();
        loop {
            if *self.peek() == Tok::RBracket {
                let close = self.bump().1;
                return Ok((WordList::Literal(words), close.end));
            }
            match self.bump() {
                (Tok::Str(word), _) => words.push(word),
                (Tok::Eof, _) => {
                    return Err(ExprError::new(open, "unclosed `[`").help("add `]`"));
                }
                (_, span) => {
                    let found = self.describe(&span);
                    return Err(ExprError::new(
                        span,
                        format!("a list holds strings, found {found}"),
                    )
                    .help(usage));
                }
            }
            if *self.peek() == Tok::Comma {
                self.bump();
            } else {
                let close = self.expect_close(Tok::RBracket, "]", &open)?;
                return Ok((WordList::Literal(words), close.end));
            }
        }
    }

    fn parse_sum(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_product()?;
        loop {
            let op = match self.peek() {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.parse_product()?;
            lhs = Self::binary(op, lhs, rhs)?;
        }
    }

    fn parse_product(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.parse_unary()?;
        loop {
            let op = match self.peek() {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.parse_unary()?;
            lhs = Self::binary(op, lhs, rhs)?;
        }
    }

    fn parse_unary(&mut self) -> Result<Node, ExprError> {
        if *self.peek() != Tok::Minus {
            return self.parse_postfix();
        }
        let (_, span) = self.bump();
        self.descend(span.clone())?;
        let operand = self.parse_unary()?;
        self.ascend();
        let full = span.start..operand.span.end;
        let depth = operand.depth + 1;
        Node::new(NodeKind::Neg(Box::new(operand)), full, depth)
    }

    fn parse_postfix(&mut self) -> Result<Node, ExprError> {
        let mut node = self.parse_primary()?;
        loop {
            match self.peek() {
                Tok::Dot => {
                    self.bump();
                    let (tok, span) = self.bump();
                    let Tok::Ident(name) = tok else {
                        return Err(ExprError::new(
                            span.clone(),
                            format!(
                                "expected a field name after `.`, found {}",
                                self.describe(&span)
                            ),
                        ));
                    };
                    let full = node.span.start..span.end;
                    let depth = node.depth + 1;
                    // A dotted name keeps collecting segments, unless it was
                    // closed by brackets: `(a).b` is the field b of a.
                    let open_path = matches!(&node.kind, NodeKind::Path(path)
                        if path.segments.last().is_some_and(|s| s.span.end == node.span.end));
                    node = match node.kind {
                        NodeKind::Path(mut path) if open_path => {
                            let start = path.text.len() + 1;
                            path.text.push('.');
                            path.text.push_str(name);
                            path.segments.push(Segment {
                                span,
                                text: start..path.text.len(),
                            });
                            Node::new(NodeKind::Path(path), full, depth)?
                        }
                        kind => Node::new(
                            NodeKind::Field {
                                base: Box::new(Node {
                                    kind,
                                    span: node.span,
                                    depth: node.depth,
                                }),
                                name: name.to_string(),
                                name_span: span,
                            },
                            full,
                            depth,
                        )?,
                    };
                }
                Tok::LBracket => {
                    let (_, open) = self.bump();
                    self.descend(open.clone())?;
                    let key = self.parse_expr()?;
                    self.ascend();
                    let close = self.expect_close(Tok::RBracket, "]", &open)?;
                    let full = node.span.start..close.end;
                    let depth = 1 + node.depth.max(key.depth);
                    node = Node::new(
                        NodeKind::Index {
                            base: Box::new(node),
                            key: Box::new(key),
                        },
                        full,
                        depth,
                    )?;
                }
                _ => return Ok(node),
            }
        }
    }

    /// Expects the bracket closing the one at `open`.
    fn expect_close(
        &mut self,
        close: Tok<'_>,
        symbol: &str,
        open: &Span,
    ) -> Result<Span, ExprError> {
        if *self.peek() == close {
            return Ok(self.bump().1);
        }
        let span = self.peek_span();
        let opener = self.src.get(open.clone()).unwrap_or("(");
        if *self.peek() == Tok::Eof {
            return Err(ExprError::new(open.clone(), format!("unclosed `{opener}`"))
                .help(format!("add `{symbol}`")));
        }
        Err(ExprError::new(
            span.clone(),
            format!(
                "expected `{symbol}` to close `{opener}`, found {}",
                self.describe(&span)
            ),
        ))
    }

    fn parse_primary(&mut self) -> Result<Node, ExprError> {
        if matches!(self.peek(), Tok::Ident(_)) && *self.peek_at(1) == Tok::LParen {
            return self.parse_call();
        }
        let (tok, span) = self.bump();
        Ok(match tok {
            Tok::Num(n) => Node::leaf(NodeKind::Number(n), span),
            Tok::Str(s) => Node::leaf(NodeKind::Text(s), span),
            Tok::True => Node::leaf(NodeKind::Bool(true), span),
            Tok::False => Node::leaf(NodeKind::Bool(false), span),
            Tok::Ident(name) => Node::leaf(
                NodeKind::Path(Path {
                    text: name.to_string(),
                    segments: vec![Segment {
                        span: span.clone(),
                        text: 0..name.len(),
                    }],
                }),
                span,
            ),
            Tok::LParen => {
                self.descend(span.clone())?;
                let inner = self.parse_expr()?;
                self.ascend();
                let close = self.expect_close(Tok::RParen, ")", &span)?;
                // The brackets belong to the inner node's span, so errors
                // about it show them.
                Node {
                    span: span.start..close.end,
                    ..inner
                }
            }
            _ => {
                let err = ExprError::new(
                    span.clone(),
                    format!("expected a value, found {}", self.describe(&span)),
                );
                return Err(match tok {
                    Tok::Eof => err.help("the condition ends too early"),
                    _ => err,
                });
            }
        })
    }

    fn parse_call(&mut self) -> Result<Node, ExprError> {
        let (Tok::Ident(name), name_span) = self.bump() else {
            return Err(ExprError::new(self.peek_span(), "expected a function name"));
        };
        let (_, open) = self.bump();
        self.descend(open.clone())?;
        let mut args = Vec::new();
        if *self.peek() != Tok::RParen {
            loop {
                args.push(self.parse_expr()?);
                if *self.peek() == Tok::Comma {
                    self.bump();
                } else {
                    break;
                }
            }
        }
        self.ascend();
        let close = self.expect_close(Tok::RParen, ")", &open)?;
        let span = name_span.start..close.end;

        if let Some(kind) = constructor(name) {
            return construct(kind, name, args, span);
        }
        let Some(func) = Func::from_name(name) else {
            let help = match closest(name, FUNCTION_NAMES) {
                Some(best) => format!(
                    "did you mean `{best}`? functions: {}",
                    FUNCTION_NAMES.join(", ")
                ),
                None => format!("functions: {}", FUNCTION_NAMES.join(", ")),
            };
            return Err(ExprError::new(name_span, format!("unknown function `{name}`")).help(help));
        };
        if args.len() != func.arity() {
            return Err(ExprError::new(
                span,
                format!(
                    "`{}` takes {} argument{}, found {}",
                    func.name(),
                    func.arity(),
                    if func.arity() == 1 { "" } else { "s" },
                    args.len()
                ),
            ));
        }
        let depth = 1 + args.iter().map(|a| a.depth).max().unwrap_or(0);
        Node::new(NodeKind::Call { func, args }, span, depth)
    }
}

/// Builds the constant for `date("...")` and friends, validating the literal.
fn construct(kind: ValueKind, name: &str, args: Vec<Node>, span: Span) -> Result<Node, ExprError> {
    let usage = format!("write {name}(\"{}\")", example(kind));
    let [arg] = <[Node; 1]>::try_from(args).map_err(|args| {
        ExprError::new(
            span.clone(),
            format!("`{name}` takes 1 argument, found {}", args.len()),
        )
        .help(usage.clone())
    })?;
    let NodeKind::Text(text) = &arg.kind else {
        return Err(
            ExprError::new(arg.span, format!("`{name}` takes a string literal")).help(usage),
        );
    };
    let text = text.trim();
    // ISO dates are accepted on top of what documents use.
    let iso = (kind == ValueKind::Date)
        .then(|| text.parse::<Date>().ok())
        .flatten()
        .map(ValueData::Date);
    let not_valid = format!("\"{text}\" is not a valid {}", kind.name());
    let val = match iso.or_else(|| parse_value(kind, text)) {
        Some(ValueData::Malformed { reason, .. }) => {
            return Err(ExprError::new(arg.span, format!("{not_valid}: {reason}")).help(usage));
        }
        Some(data) => owned_val(data),
        None => None,
    };
    let Some(val) = val.filter(|v| v.ty() == Type::of_kind(kind)) else {
        let usage = if kind == ValueKind::Date {
            "write date(\"31 March 2024\") or date(\"2024-03-31\")".to_string()
        } else {
            usage
        };
        return Err(ExprError::new(arg.span, not_valid).help(usage));
    };
    Ok(Node::leaf(NodeKind::Const(val), span))
}

/// A constant that owns its data (citations have no constructor).
fn owned_val(data: ValueData) -> Option<Val<'static>> {
    Some(match data {
        ValueData::Date(d) => Val::Date(d),
        ValueData::FinancialYear(y) => Val::Fy(y),
        ValueData::YearRange(r) => Val::Range(r),
        ValueData::Duration(d) => Val::Duration(d),
        ValueData::Money(m) => Val::Money(m.pounds),
        ValueData::Percent(p) => Val::Percent(p),
        ValueData::Frequency(q) => Val::Frequency(q),
        ValueData::Citation(_) | ValueData::Malformed { .. } => return None,
    })
}
