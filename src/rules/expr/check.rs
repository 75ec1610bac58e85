//! The type checker: resolves names and fields against a [`Scope`] and
//! turns the untyped syntax tree into the typed tree that is evaluated, so
//! a type error is found when the rule loads, never per document.

use super::Span;
use super::error::{ExprError, closest, list};
use super::scope::Scope;
use super::syntax::{self, BinOp, Func, NodeKind, Path, WordList, constructor, example};
use super::typed::Node;
use super::types::{Field, Type, Val, fields_of};
use std::borrow::Cow;
use std::sync::Arc;

/// A checked node and its type.
type Checked = (Type, Node);

/// Checks nodes against one scope.
pub(super) struct Checker<'s> {
    pub(super) scope: &'s dyn Scope,
}

impl Checker<'_> {
    /// Checks a node whose value is used as a value: tables must be indexed.
    pub(super) fn value(&self, node: &syntax::Node) -> Result<Checked, ExprError> {
        let (ty, checked) = self.node(node)?;
        if matches!(ty, Type::Table { .. }) {
            let name = table_name(&checked).unwrap_or("table");
            return Err(ExprError::new(
                node.span.clone(),
                format!("`{name}` is a {ty} and must be indexed"),
            )
            .help(format!("write {name}[key]")));
        }
        Ok((ty, checked))
    }

    fn node(&self, node: &syntax::Node) -> Result<Checked, ExprError> {
        let span = node.span.clone();
        match &node.kind {
            NodeKind::Number(n) => Ok((Type::Number, Node::Const(Val::Number(*n)))),
            NodeKind::Text(s) => Ok((Type::Text, Node::Const(Val::Text(Cow::Owned(s.clone()))))),
            NodeKind::Bool(b) => Ok((Type::Bool, Node::Const(Val::Bool(*b)))),
            NodeKind::Const(val) => Ok((val.ty(), Node::Const(val.clone()))),
            NodeKind::Path(path) => self.path(path),
            NodeKind::Field {
                base,
                name,
                name_span,
            } => {
                let (base_ty, base) = self.node(base)?;
                let field = resolve_field(&base_ty, table_name(&base), name, name_span)?;
                Ok((field.ty(), Node::Field(Box::new(base), field)))
            }
            NodeKind::Index { base, key } => self.index(base, key),
            NodeKind::Call { func, args } => self.call(*func, args, &span),
            NodeKind::Neg(operand) => match self.value(operand)? {
                (ty @ (Type::Number | Type::Money | Type::Percent), checked) => {
                    Ok((ty, Node::Neg(Box::new(checked))))
                }
                (ty, _) => Err(
                    ExprError::new(operand.span.clone(), format!("cannot negate {ty}"))
                        .help("`-` works on number, money and percent"),
                ),
            },
            NodeKind::Not(operand) => match self.value(operand)? {
                (Type::Bool, checked) => Ok((Type::Bool, Node::Not(Box::new(checked)))),
                (ty, _) => Err(ExprError::new(
                    operand.span.clone(),
                    format!("`not` needs true or false, found {ty}"),
                )),
            },
            NodeKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, span),
            NodeKind::In {
                item,
                list,
                negated,
            } => self.membership(item, list, *negated),
        }
    }

    /// A name and the fields that follow it.
    fn path(&self, path: &Path) -> Result<Checked, ExprError> {
        let (k, mut ty) = resolve(path, self.scope)?;
        let name = path.prefix(k);
        let mut checked = Node::Name(name.into());
        for (i, seg) in path.segments.iter().enumerate().skip(k) {
            // Only the first field can follow a table's name directly.
            let table = (i == k).then_some(name);
            let field = resolve_field(&ty, table, &path.text[seg.text.clone()], &seg.span)?;
            checked = Node::Field(Box::new(checked), field);
            ty = field.ty();
        }
        Ok((ty, checked))
    }

    fn index(&self, base: &syntax::Node, key: &syntax::Node) -> Result<Checked, ExprError> {
        let (base_ty, checked_base) = self.node(base)?;
        let Type::Table {
            key: key_ty,
            value: value_ty,
        } = base_ty
        else {
            return Err(ExprError::new(
                base.span.clone(),
                format!("cannot index {base_ty}: only tables can be indexed"),
            ));
        };
        let Node::Name(table) = checked_base else {
            return Err(ExprError::new(
                base.span.clone(),
                "only a table given by name can be indexed",
            ));
        };
        let (found, checked_key) = self.value(key)?;
        if found != *key_ty {
            return Err(ExprError::new(
                key.span.clone(),
                format!("`{table}` is indexed by {key_ty}, found {found}"),
            )
            .maybe_help(mismatch_help(&key_ty, &found)));
        }
        let key = Box::new(checked_key);
        Ok((*value_ty, Node::Index { table, key }))
    }

    fn call(&self, func: Func, args: &[syntax::Node], span: &Span) -> Result<Checked, ExprError> {
        let name = func.name();
        let mut checked = Vec::with_capacity(args.len());
        let ty = match (func, args) {
            (Func::Exists, [x]) => {
                checked.push(self.value(x)?.1);
                Type::Bool
            }
            (Func::Default | Func::Min | Func::Max, [x, y]) => {
                let (a, x) = self.value(x)?;
                let (b, y_checked) = self.value(y)?;
                checked.extend([x, y_checked]);
                if a != b {
                    return Err(ExprError::new(
                        y.span.clone(),
                        format!("`{name}` needs two values of the same type, found {a} and {b}"),
                    )
                    .maybe_help(mismatch_help(&a, &b)));
                }
                if func != Func::Default && !a.is_orderable() {
                    return Err(ExprError::new(
                        span.clone(),
                        format!("`{name}` cannot order {a} values"),
                    )
                    .help(ORDERABLE_HELP));
                }
                a
            }
            (Func::Contains, [list, item]) => {
                for arg in [list, item] {
                    let (ty, arg_checked) = self.value(arg)?;
                    if ty != Type::Text {
                        return Err(ExprError::new(
                            arg.span.clone(),
                            format!("`contains` needs two texts, found {ty}"),
                        )
                        .help("use a field that is text, e.g. `citation.year_text`"));
                    }
                    checked.push(arg_checked);
                }
                Type::Bool
            }
            (Func::Abs, [x]) => match self.value(x)? {
                (ty @ (Type::Number | Type::Money | Type::Percent), x) => {
                    checked.push(x);
                    ty
                }
                (ty, _) => {
                    return Err(ExprError::new(
                        x.span.clone(),
                        format!("`abs` needs a number, money or percent, found {ty}"),
                    ));
                }
            },
            // The parser checks arity, so this is only reached by a bug.
            (_, args) => {
                return Err(ExprError::new(
                    span.clone(),
                    format!(
                        "`{name}` takes {} arguments, found {}",
                        func.arity(),
                        args.len()
                    ),
                ));
            }
        };
        let args = checked.into_boxed_slice();
        Ok((ty, Node::Call { func, args }))
    }

    fn binary(
        &self,
        op: BinOp,
        lhs: &syntax::Node,
        rhs: &syntax::Node,
        span: Span,
    ) -> Result<Checked, ExprError> {
        let (left, lhs_checked) = self.value(lhs)?;
        if matches!(op, BinOp::And | BinOp::Or) {
            // Each side is reported before the other is checked.
            let not_bool = |side: &syntax::Node, ty: &Type| {
                ExprError::new(
                    side.span.clone(),
                    format!(
                        "`{}` needs true or false on both sides, found {ty}",
                        op.symbol()
                    ),
                )
            };
            if left != Type::Bool {
                return Err(not_bool(lhs, &left));
            }
            let (right, rhs_checked) = self.value(rhs)?;
            if right != Type::Bool {
                return Err(not_bool(rhs, &right));
            }
            return Ok((Type::Bool, binary(op, lhs_checked, rhs_checked)));
        }
        let (right, rhs_checked) = self.value(rhs)?;
        let ty = match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                arith_type(op, &left, &right).ok_or_else(|| arith_error(op, &left, &right, span))?
            }
            _ => check_compare(op, &left, &right, span)?,
        };
        Ok((ty, binary(op, lhs_checked, rhs_checked)))
    }

    /// `item in list` or `item not in list`.
    fn membership(
        &self,
        item: &syntax::Node,
        list: &WordList,
        negated: bool,
    ) -> Result<Checked, ExprError> {
        let (ty, checked_item) = self.value(item)?;
        if ty != Type::Text {
            let op = if negated { "not in" } else { "in" };
            let help = match ty {
                Type::Citation => "use `.title` or `.year_text` to get a citation's text",
                _ => "a list holds text; compare other values with `==`",
            };
            return Err(ExprError::new(
                item.span.clone(),
                format!("`{op}` needs text on its left, found {ty}"),
            )
            .help(help));
        }
        let words: Arc<[String]> = match list {
            WordList::Literal(words) => words.as_slice().into(),
            WordList::Named { name, span } => match self.scope.word_list(name) {
                Some(words) => words.into(),
                None => return Err(unknown_word_list(name, span, self.scope)),
            },
        };
        let item = Box::new(checked_item);
        Ok((
            Type::Bool,
            Node::In {
                item,
                words,
                negated,
            },
        ))
    }
}

fn binary(op: BinOp, lhs: Node, rhs: Node) -> Node {
    Node::Binary {
        op,
        lhs: Box::new(lhs),
        rhs: Box::new(rhs),
    }
}

/// The table a checked node names: a bare name (tables have no fields).
fn table_name(node: &Node) -> Option<&str> {
    match node {
        Node::Name(name) => Some(name),
        _ => None,
    }
}

/// Splits a dotted path at the longest prefix that is a name in scope,
/// giving the number of segments in the name and its type.
fn resolve(path: &Path, scope: &dyn Scope) -> Result<(usize, Type), ExprError> {
    for (k, seg) in path.segments.iter().enumerate().rev() {
        if let Some(ty) = scope.lookup(&path.text[..seg.text.end]) {
            return Ok((k + 1, ty));
        }
    }
    Err(unknown_name(path, scope))
}

fn unknown_name(path: &Path, scope: &dyn Scope) -> ExprError {
    let mut names = scope.names();
    names.sort_unstable();
    names.dedup();
    // Take segments while they are a namespace of known names ("params" in
    // "params.min_yeras"), plus one: that is what was meant to be a name.
    let is_namespace = |prefix: &str| {
        names.iter().any(|n| {
            n.strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('.'))
        })
    };
    let mut last = 0;
    while last + 1 < path.segments.len()
        && path
            .segments
            .get(last)
            .is_some_and(|s| is_namespace(&path.text[..s.text.end]))
    {
        last += 1;
    }
    let (start, end, text_end) = match (path.segments.first(), path.segments.get(last)) {
        (Some(first), Some(seg)) => (first.span.start, seg.span.end, seg.text.end),
        _ => (0, 0, path.text.len()),
    };
    let wrong = &path.text[..text_end];
    let help = match closest(wrong, names.iter().copied()) {
        _ if names.is_empty() => None,
        Some(best) => Some(format!(
            "did you mean `{best}`? names in scope: {}",
            list(&names)
        )),
        None => Some(format!("names in scope: {}", list(&names))),
    };
    ExprError::new(start..end, format!("unknown name `{wrong}`")).maybe_help(help)
}

/// The field `name` of a value of type `base_ty`, or an error at `name_span`.
fn resolve_field(
    base_ty: &Type,
    table: Option<&str>,
    name: &str,
    name_span: &Span,
) -> Result<Field, ExprError> {
    let Some(kind) = base_ty.kind() else {
        let err = ExprError::new(name_span.clone(), format!("{base_ty} has no fields"));
        return Err(match (base_ty, table) {
            (Type::Table { .. }, Some(table)) => {
                err.help(format!("index it first: {table}[key].{name}"))
            }
            _ => err,
        });
    };
    let fields = fields_of(kind);
    if let Some(&(_, found)) = fields.iter().find(|(n, _)| *n == name) {
        return Ok(found);
    }
    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
    let help = match closest(name, names.iter().copied()) {
        Some(best) => format!(
            "did you mean `{best}`? fields of {base_ty}: {}",
            names.join(", ")
        ),
        None => format!("fields of {base_ty}: {}", names.join(", ")),
    };
    Err(ExprError::new(
        name_span.clone(),
        format!("{base_ty} has no field `{name}`"),
    )
    .help(help))
}

fn unknown_word_list(name: &str, span: &Span, scope: &dyn Scope) -> ExprError {
    let mut names = scope.word_lists();
    names.sort_unstable();
    names.dedup();
    let shown: Vec<String> = names.iter().map(|n| format!("@{n}")).collect();
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    let help = match closest(name, names.iter().copied()) {
        _ if names.is_empty() => None,
        Some(best) => Some(format!(
            "did you mean `@{best}`? word lists: {}",
            list(&shown)
        )),
        None => Some(format!("word lists: {}", list(&shown))),
    };
    ExprError::new(span.clone(), format!("unknown word list `@{name}`")).maybe_help(help)
}

const ORDERABLE_HELP: &str = "`<`, `<=`, `>`, `>=`, min and max work on number, money, percent, date, fy, duration and frequency";

fn check_compare(op: BinOp, left: &Type, right: &Type, span: Span) -> Result<Type, ExprError> {
    if left != right {
        return Err(
            ExprError::new(span, format!("cannot compare {left} with {right}"))
                .maybe_help(mismatch_help(left, right)),
        );
    }
    if op.is_ordering() && !left.is_orderable() {
        let extra = match left {
            Type::YearRange => "; compare its `.from`, `.to` or `.years`",
            Type::Citation => "; compare its `.year`",
            _ => "",
        };
        return Err(ExprError::new(
            span,
            format!("cannot order {left} values with `{}`", op.symbol()),
        )
        .help(format!("{ORDERABLE_HELP}{extra}")));
    }
    Ok(Type::Bool)
}

fn arith_type(op: BinOp, left: &Type, right: &Type) -> Option<Type> {
    use BinOp::{Add, Div, Mul, Sub};
    use Type as T;
    Some(match (op, left, right) {
        (Add | Sub | Mul | Div, T::Number, T::Number) => T::Number,
        (Add | Sub, T::Money, T::Money) => T::Money,
        (Div, T::Money, T::Money) => T::Number,
        (Mul | Div, T::Money, T::Number) | (Mul, T::Number, T::Money) => T::Money,
        (Mul, T::Money, T::Percent) | (Mul, T::Percent, T::Money) => T::Money,
        (Add | Sub, T::Percent, T::Percent) => T::Percent,
        (Sub, T::Date, T::Date) => T::Number,
        (Add | Sub, T::Date, T::Number) => T::Date,
        (Add | Sub, T::FinancialYear, T::Number) => T::FinancialYear,
        _ => return None,
    })
}

fn arith_error(op: BinOp, left: &Type, right: &Type, span: Span) -> ExprError {
    let (message, help) = match op {
        BinOp::Add => (
            format!("cannot add {left} and {right}"),
            "`+` works on number + number, money + money, percent + percent, date + number (days) and fy + number (years)",
        ),
        BinOp::Sub => (
            format!("cannot subtract {right} from {left}"),
            "`-` works on number - number, money - money, percent - percent, date - date (days), date - number (days) and fy - number (years)",
        ),
        BinOp::Mul => (
            format!("cannot multiply {left} by {right}"),
            "`*` works on number * number, money * number, number * money and money * percent",
        ),
        _ => (
            format!("cannot divide {left} by {right}"),
            "`/` works on number / number, money / number and money / money (a ratio)",
        ),
    };
    let help = match mismatch_help(left, right) {
        Some(specific) => format!("{help}; {specific}"),
        None => help.to_string(),
    };
    ExprError::new(span, message).help(help)
}

/// A hint for using two types together, when there is an obvious one.
fn mismatch_help(a: &Type, b: &Type) -> Option<String> {
    fn one_way(x: &Type, y: &Type) -> Option<String> {
        use Type as T;
        let text = match (x, y) {
            (T::FinancialYear, T::Date) => {
                "use fy.end to compare a financial year's last day with a date (or fy.start for its first day)"
            }
            (T::YearRange, T::FinancialYear) => {
                "use `.from` or `.to` to get a range's first or last financial year"
            }
            (T::Percent, T::Number) => {
                "use `.value` (5 for 5%) or `.fraction` (0.05) to get a number from a percentage, or write a percentage as percent(\"5%\")"
            }
            (T::Money, T::Number) => {
                "use `.pounds` to get a number from money, or write an amount as money(\"£5m\")"
            }
            (T::Duration, T::Number) => {
                "use `.years` to get a number from a duration, or write one as duration(\"three years\")"
            }
            (T::Frequency, T::Number) => {
                "use `.per_year` to get a number from a frequency, or write one as frequency(\"monthly\")"
            }
            (T::Date, T::Number) => "use `.year` to get a date's year as a number",
            (T::FinancialYear, T::Number) => {
                "use `.year` to get the year a financial year starts in as a number"
            }
            (T::YearRange, T::Number) => "use `.years` to get the number of years in a range",
            (T::Citation, T::Number) => "use `.year` to get a citation's year as a number",
            (T::Citation, T::Text) => "use `.title` or `.year_text` to get a citation's text",
            (ty, T::Text) => {
                let kind = ty.kind()?;
                constructor(kind.name())?;
                return Some(format!(
                    "write a {0} as {0}(\"{1}\")",
                    kind.name(),
                    example(kind)
                ));
            }
            _ => return None,
        };
        Some(text.to_string())
    }
    one_way(a, b).or_else(|| one_way(b, a))
}
