//! The condition language of govlint rules.
//!
//! A rule's `condition` is a small expression such as
//! `horizon.years >= params.min_years` or
//! `signed <= audited_by[default(year, period)]`. It is parsed and
//! type-checked once, when the rule is loaded, so a misspelt name or a
//! comparison of a date with a financial year is reported against the rule
//! file and never reaches a document. It is then evaluated once per
//! document (or per match) against the values found there.
//!
//! ```text
//! let parsed = expr::parse("horizon.years >= params.min_years")?; // syntax
//! let expr = parsed.check_condition(&scope)?; // names, fields, types: at load
//! match expr.eval_condition(&env) {           // per match
//!     Some(true) | Some(false) => ...,        // decided
//!     None => ...,                            // unknown: report nothing
//! }
//! ```
//!
//! [`parse`] gives a [`Parsed`] condition, an untyped syntax tree. Checking
//! it against a [`Scope`] (which gives the type of each name at load time;
//! closures `Fn(&str) -> Option<Type>` and maps are scopes) resolves every
//! name and field and gives an [`Expr`], a typed tree. That tree is the
//! only thing evaluated, against an [`Env`] that gives the values at run
//! time. An [`Expr`] is `Send + Sync` and cheap to evaluate: evaluation
//! itself does not allocate.
//!
//! The stages live in their own files: `lexer`, `parser` (building the
//! `syntax` tree), `check` (building the `typed` tree), `eval`; `types`
//! holds [`Type`], [`Val`] and the fields of each kind, `scope` the
//! [`Scope`] and [`Env`] traits, `error` [`ExprError`] and "did you mean".
//!
//! # Grammar
//!
//! From lowest to highest precedence:
//!
//! ```text
//! condition := or
//! or        := and ( "or" and )*
//! and       := not ( "and" not )*
//! not       := "not" not | compare
//! compare   := sum ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum
//!                  | "not"? "in" words )?
//! words     := "[" ( string ( "," string )* ","? )? "]" | "@" ident
//! sum       := product ( ( "+" | "-" ) product )*
//! product   := unary ( ( "*" | "/" ) unary )*
//! unary     := "-" unary | postfix
//! postfix   := primary ( "." ident | "[" condition "]" )*
//! primary   := number | string | "true" | "false"
//!            | ident "(" ( condition ( "," condition )* )? ")"
//!            | ident ( "." ident )*
//!            | "(" condition ")"
//! ident     := [a-z_][a-z0-9_]*     except the keywords and, or, not, in, true, false
//! number    := [0-9]+ ( "." [0-9]+ )?
//! string    := '"' ( any character except '"' and '\' | '\"' | '\\' )* '"'
//! ```
//!
//! Comparisons do not chain: `a < b < c` is an error; write
//! `a < b and b < c`. `not` binds looser than comparisons, so
//! `not a == b` means `not (a == b)`, and `not a and b` means
//! `(not a) and b`. Likewise `not a in ["x"]` means `not (a in ["x"])`,
//! the same as `a not in ["x"]`.
//!
//! # Names and fields
//!
//! A dotted name such as `params.min_years` or `horizon.years` is resolved
//! when the rule loads: the longest dotted prefix that is a name in scope is
//! the name, and any remaining segments are fields of its value. So with
//! `params.min_years` and `horizon` in scope, `params.min_years` is one name
//! and `horizon.years` is the field `years` of `horizon`.
//!
//! | type        | fields |
//! |-------------|--------|
//! | `date`      | `year` number, `end` date (the last day the date can mean) |
//! | `fy`        | `start` date, `end` date, `year` number (the year it starts in), `next` fy, `prev` fy |
//! | `fy_range`  | `from` fy, `to` fy, `years` number (inclusive count) |
//! | `duration`  | `years` number (the lower bound), `max_years` number |
//! | `money`     | `pounds` number |
//! | `percent`   | `value` number (5 for 5%), `fraction` number (0.05) |
//! | `frequency` | `per_year` number |
//! | `citation`  | `title` text, `year` number, `year_text` text |
//!
//! Every value kind also has `valid`: `false` when the value is missing or
//! was written in a malformed way ("202/23"), `true` otherwise.
//! `number`, `text` and `bool` have no fields. A `table<k, v>` (for example
//! `audited_by`, a `table<fy, date>`) has no fields either; it is indexed
//! with a key of type `k` and gives a `v`: `audited_by[period]`.
//!
//! # Types and operators
//!
//! * `==` and `!=` work on two values of the same type (not tables).
//! * `<`, `<=`, `>`, `>=` work on two values of the same type among number,
//!   money, percent, date, fy, duration (by the lower bound, then the upper)
//!   and frequency (by times per year).
//! * Dates compare by their first day: "March 2024" is 1 March 2024, and
//!   "2024" is 1 January 2024. Use `.end` to compare by the last day.
//! * Numbers (and money, percentages, ...) compare equal within a relative
//!   tolerance of 1e-9, so `money("£14.2m").pounds == 14200000`.
//! * Arithmetic:
//!
//!   | expression                      | type   |
//!   |---------------------------------|--------|
//!   | number `+ - * /` number         | number |
//!   | money `+ -` money               | money  |
//!   | money `/` money                 | number (a ratio) |
//!   | money `* /` number, number `*` money | money |
//!   | money `*` percent, percent `*` money | money (`£10m * 5%` is £0.5m) |
//!   | percent `+ -` percent           | percent |
//!   | date `-` date                   | number (days between) |
//!   | date `+ -` number               | date (whole days) |
//!   | fy `+ -` number                 | fy (whole years) |
//!
//! * `x in ["The", "Our"]` is true when the text `x` is exactly (case
//!   and all) one of the strings of the list; `x not in [...]` is its
//!   opposite. `x in @role_word` does the same with a named word list,
//!   which the rule set defines ([`Scope::word_list`]); an unknown list is
//!   an error when the rule loads. Lists hold only strings, and the left
//!   side must be text.
//! * `and`, `or` and `not` need `bool` operands, and a rule's condition must
//!   itself be a `bool` ([`Parsed::check_condition`]).
//!
//! # Functions
//!
//! * `exists(x)`: whether `x` has a value (a malformed value exists but is
//!   not `valid`).
//! * `default(x, y)`: `x` if it has a value (even a malformed one), else
//!   `y`; both of the same type.
//! * `min(a, b)`, `max(a, b)`: two values of the same orderable type.
//! * `abs(n)`: a number, money or percent.
//! * `contains(list, item)`: whether the text `item` is one of the words
//!   (separated by spaces or commas) of the text `list`, e.g.
//!   `contains(known_years[act.title], act.year_text)`.
//! * `date("31 March 2024")` (or `date("2024-03-31")`), `fy("2023/24")`,
//!   `fy_range("2024/25 to 2027/28")`, `money("£5m")`, `percent("5%")`,
//!   `frequency("monthly")`, `duration("three years")`: a typed constant,
//!   written as a string literal and validated when the rule loads.
//!
//! # Unknown values
//!
//! Evaluation is three-valued: [`Expr::eval`] gives `None` ("unknown") when
//! a name has no value in the document (so `x in [...]` is unknown when `x`
//! is missing), a table has no entry for the key, a
//! field of a malformed value is read (other than `valid`), a citation's
//! year is not four digits, a division is by zero, or a result is out of
//! range. A malformed value is unknown to comparisons, arithmetic and
//! indexing, so `audited_by[default(year, period)]` is unknown when `year`
//! was written but malformed. Comparisons and
//! arithmetic with an unknown operand are unknown; `a and b` is false if
//! either side is false, otherwise unknown if either is; `a or b` is true if
//! either side is true, otherwise unknown if either is; `not` of unknown is
//! unknown. `exists(x)` and `x.valid` are never unknown. A caller should
//! treat an unknown condition as "cannot decide" and report nothing.
//!
//! # Limits
//!
//! Brackets, `not`, unary `-`, calls and indexing nest at most
//! [`MAX_NESTING`] levels, and the expression tree is at most [`MAX_DEPTH`]
//! deep; beyond that parsing fails with an error rather than exhausting the
//! stack. Computed dates and financial years stay within the years 1 to 9998;
//! beyond that the result is unknown.

mod check;
mod error;
mod eval;
mod lexer;
mod parser;
mod scope;
mod syntax;
mod typed;
mod types;

#[cfg(test)]
mod tests;

pub use error::ExprError;
pub use parser::parse;
pub use scope::{Env, Scope};
pub use types::{Type, Val};

use check::Checker;
use scope::ScopeRef;

/// Byte offsets into the condition's source text.
pub type Span = std::ops::Range<usize>;

/// How many brackets, `not`s, unary minuses, calls and indexes may nest.
pub const MAX_NESTING: usize = 64;
/// How deep the expression tree may be (long `a and b and c ...` chains).
pub const MAX_DEPTH: usize = 256;

/// A parsed condition: syntax only, with names not yet resolved. Check it
/// with [`Parsed::check`] or [`Parsed::check_condition`] to get an [`Expr`].
#[derive(Clone, Debug)]
pub struct Parsed {
    source: String,
    root: syntax::Node,
}

impl Parsed {
    /// The condition's source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Type-checks against the names in `scope`, resolving each dotted name
    /// into a name and fields. Any type but a table is accepted (message
    /// templates show values of every type).
    pub fn check<S: Scope + ?Sized>(&self, scope: &S) -> Result<Expr, ExprError> {
        let checker = Checker {
            scope: &ScopeRef(scope),
        };
        let (ty, root) = checker.value(&self.root)?;
        Ok(Expr {
            source: self.source.clone(),
            ty,
            root,
        })
    }

    /// Checks the expression as a rule condition, which must be a `bool`.
    pub fn check_condition<S: Scope + ?Sized>(&self, scope: &S) -> Result<Expr, ExprError> {
        let expr = self.check(scope)?;
        match expr.ty {
            Type::Bool => Ok(expr),
            other => Err(ExprError::new(
                self.root.span.clone(),
                format!("condition must be true or false, found {other}"),
            )
            .help("compare it with something, e.g. `x >= params.minimum`")),
        }
    }
}

/// A checked expression: a typed tree with every name and field resolved,
/// ready to evaluate.
#[derive(Clone, Debug)]
pub struct Expr {
    source: String,
    ty: Type,
    root: typed::Node,
}

impl Expr {
    /// The condition's source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The type of the whole expression.
    pub fn ty(&self) -> &Type {
        &self.ty
    }

    /// The names the expression refers to (resolved: `params.min_years`,
    /// `horizon`), each once, in order of first use.
    pub fn names(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.root.collect_names(&mut out);
        out
    }

    /// Evaluates against `env`; `None` means unknown (see the module docs).
    pub fn eval<'a>(&'a self, env: &'a dyn Env) -> Option<Val<'a>> {
        eval::eval(&self.root, env)
    }

    /// Evaluates a condition: `Some(true)`/`Some(false)`, or `None` when it
    /// cannot be decided.
    pub fn eval_condition(&self, env: &dyn Env) -> Option<bool> {
        self.eval(env)?.as_bool()
    }
}

/// Checks `parsed` as a rule condition, which must be a `bool`
/// (the same as [`Parsed::check_condition`]).
pub fn check_condition<S: Scope + ?Sized>(parsed: &Parsed, scope: &S) -> Result<Expr, ExprError> {
    parsed.check_condition(scope)
}

/// Parses `src` and checks it as a rule condition against `scope`.
pub fn parse_condition<S: Scope + ?Sized>(src: &str, scope: &S) -> Result<Expr, ExprError> {
    parse(src)?.check_condition(scope)
}
