//! The untyped syntax tree the parser builds: names are not yet resolved
//! and nothing is typed. The checker turns it into a [`super::typed`] tree.

use super::error::ExprError;
use super::{MAX_DEPTH, Span};
use crate::values::ValueKind;

use super::types::Val;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }

    pub(super) fn is_ordering(self) -> bool {
        matches!(self, BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Func {
    Exists,
    Default,
    Min,
    Max,
    Abs,
    Contains,
}

impl Func {
    pub(super) fn name(self) -> &'static str {
        match self {
            Func::Exists => "exists",
            Func::Default => "default",
            Func::Min => "min",
            Func::Max => "max",
            Func::Abs => "abs",
            Func::Contains => "contains",
        }
    }

    pub(super) fn arity(self) -> usize {
        match self {
            Func::Exists | Func::Abs => 1,
            Func::Default | Func::Min | Func::Max | Func::Contains => 2,
        }
    }

    pub(super) fn from_name(name: &str) -> Option<Func> {
        [
            Func::Exists,
            Func::Default,
            Func::Min,
            Func::Max,
            Func::Abs,
            Func::Contains,
        ]
        .into_iter()
        .find(|f| f.name() == name)
    }
}

pub(super) const FUNCTION_NAMES: [&str; 13] = [
    "exists",
    "default",
    "min",
    "max",
    "abs",
    "contains",
    "date",
    "fy",
    "fy_range",
    "money",
    "percent",
    "frequency",
    "duration",
];

/// The value kinds that have a constructor function named after them.
pub(super) fn constructor(name: &str) -> Option<ValueKind> {
    ValueKind::from_name(name).filter(|k| *k != ValueKind::Citation)
}

/// A literal of each kind, for help texts.
pub(super) fn example(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Date => "31 March 2024",
        ValueKind::FinancialYear => "2023/24",
        ValueKind::YearRange => "2024/25 to 2027/28",
        ValueKind::Duration => "three years",
        ValueKind::Money => "£5m",
        ValueKind::Percent => "5%",
        ValueKind::Frequency => "monthly",
        ValueKind::Citation => "Local Government Act 1972",
    }
}

/// A dotted name as written: a name in scope followed by fields, split by
/// the checker at the longest prefix that is a name.
#[derive(Clone, Debug)]
pub(super) struct Path {
    /// The segments joined by '.', whatever whitespace was around the dots.
    pub(super) text: String,
    pub(super) segments: Vec<Segment>,
}

impl Path {
    /// The first `k` segments as one dotted name.
    pub(super) fn prefix(&self, k: usize) -> &str {
        let end = k
            .checked_sub(1)
            .and_then(|last| self.segments.get(last))
            .map_or(0, |seg| seg.text.end);
        &self.text[..end]
    }
}

#[derive(Clone, Debug)]
pub(super) struct Segment {
    /// Where the segment is in the source.
    pub(super) span: Span,
    /// Where the segment is in `Path::text`.
    pub(super) text: Span,
}

/// The right-hand side of `in`.
#[derive(Clone, Debug)]
pub(super) enum WordList {
    /// `["The", "Our"]`.
    Literal(Vec<String>),
    /// `@role_word`, looked up in the scope by the checker.
    Named { name: String, span: Span },
}

#[derive(Clone, Debug)]
pub(super) struct Node {
    pub(super) kind: NodeKind,
    pub(super) span: Span,
    pub(super) depth: usize,
}

#[derive(Clone, Debug)]
pub(super) enum NodeKind {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A typed constant from a constructor such as `fy("2023/24")`.
    Const(Val<'static>),
    /// A name, possibly followed by fields: `horizon.years`.
    Path(Path),
    /// A field of a computed value: `audited_by[period].end`.
    Field {
        base: Box<Node>,
        name: String,
        name_span: Span,
    },
    Index {
        base: Box<Node>,
        key: Box<Node>,
    },
    Call {
        func: Func,
        args: Vec<Node>,
    },
    Neg(Box<Node>),
    Not(Box<Node>),
    Binary {
        op: BinOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    /// `item in list`, or `item not in list` when `negated`.
    In {
        item: Box<Node>,
        list: WordList,
        negated: bool,
    },
}

impl Node {
    pub(super) fn new(kind: NodeKind, span: Span, depth: usize) -> Result<Node, ExprError> {
        if depth > MAX_DEPTH {
            return Err(ExprError::new(
                span,
                format!("condition is too complex (more than {MAX_DEPTH} operations deep)"),
            )
            .help("split it into simpler conditions"));
        }
        Ok(Node { kind, span, depth })
    }

    pub(super) fn leaf(kind: NodeKind, span: Span) -> Node {
        Node {
            kind,
            span,
            depth: 1,
        }
    }
}
