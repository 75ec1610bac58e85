//! The typed tree the checker produces and the evaluator walks: names are
//! resolved, fields are known and every operator has operands of the types
//! it accepts. It borrows nothing from the source, so a checked
//! [`super::Expr`] is `Send + Sync` and outlives its scope.

use super::syntax::{BinOp, Func};
use super::types::{Field, Val};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub(super) enum Node {
    /// A literal or typed constant (never a citation).
    Const(Val<'static>),
    /// A name in scope, as the environment knows it: `params.min_years`.
    Name(Box<str>),
    Field(Box<Node>, Field),
    /// An entry of the table `table`.
    Index {
        table: Box<str>,
        key: Box<Node>,
    },
    Call {
        func: Func,
        args: Box<[Node]>,
    },
    Neg(Box<Node>),
    Not(Box<Node>),
    Binary {
        op: BinOp,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    /// `item in words`, or `item not in words` when `negated`.
    In {
        item: Box<Node>,
        words: Arc<[String]>,
        negated: bool,
    },
}

impl Node {
    /// Adds the names this node uses to `out`, each once, in order of
    /// first use.
    pub(super) fn collect_names<'a>(&'a self, out: &mut Vec<&'a str>) {
        let mut push = |name: &'a str| {
            if !out.contains(&name) {
                out.push(name);
            }
        };
        match self {
            Node::Name(name) => push(name),
            Node::Index { table, key } => {
                push(table);
                key.collect_names(out);
            }
            Node::Field(base, _)
            | Node::Neg(base)
            | Node::Not(base)
            | Node::In { item: base, .. } => base.collect_names(out),
            Node::Call { args, .. } => args.iter().for_each(|a| a.collect_names(out)),
            Node::Binary { lhs, rhs, .. } => {
                lhs.collect_names(out);
                rhs.collect_names(out);
            }
            Node::Const(_) => {}
        }
    }
}
