//! The names a check may use besides its captures, parameters and tables.
//!
//! One table, read by the loader (to type conditions and templates) and by
//! the engine (whose `MatchEnv` gives each fact its value), so a name is
//! spelled once.

use super::expr::Type;
use super::schema::{KindName, Scope};

/// A fact the engine provides to a check's expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// The financial year the statement covers.
    Period,
    /// The date the statement was signed.
    StatementDate,
    /// `numbering`: the paragraph number that is wrong ("4.7").
    Number,
    /// `numbering`: the last number accepted before it.
    Previous,
    /// `numbering`: the number that should have come.
    Expected,
    /// `numbering`: "is a duplicate", "skips a number" or "is out of order".
    Problem,
    /// `resolve`: the reference that names nothing ("5.2").
    Target,
    /// `scope = "signatory"`: who signed.
    SignerName,
    /// `scope = "signatory"`: the role on the signature line.
    SignerRole,
    /// `scope = "signatory"`: the date on the signature line.
    SignerDate,
}

/// Which checks have a fact, and so where the engine finds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProvidedBy {
    /// Every check, its `when` included: facts of the statement.
    Statement,
    /// `numbering` checks: the numbering problem found.
    Numbering,
    /// `resolve` checks: the reference that does not resolve.
    Resolve,
    /// Checks with `scope = "signatory"`: the signatory of the unit.
    Signatory,
}

impl Fact {
    /// Every fact, statement facts first.
    pub const ALL: [Fact; 10] = [
        Fact::Period,
        Fact::StatementDate,
        Fact::Number,
        Fact::Previous,
        Fact::Expected,
        Fact::Problem,
        Fact::Target,
        Fact::SignerName,
        Fact::SignerRole,
        Fact::SignerDate,
    ];

    /// The table: each fact's name, type, and which checks have it.
    fn row(self) -> (&'static str, Type, ProvidedBy) {
        match self {
            Fact::Period => ("period", Type::FinancialYear, ProvidedBy::Statement),
            Fact::StatementDate => ("statement_date", Type::Date, ProvidedBy::Statement),
            Fact::Number => ("number", Type::Text, ProvidedBy::Numbering),
            Fact::Previous => ("previous", Type::Text, ProvidedBy::Numbering),
            Fact::Expected => ("expected", Type::Text, ProvidedBy::Numbering),
            Fact::Problem => ("problem", Type::Text, ProvidedBy::Numbering),
            Fact::Target => ("target", Type::Text, ProvidedBy::Resolve),
            Fact::SignerName => ("signer_name", Type::Text, ProvidedBy::Signatory),
            Fact::SignerRole => ("signer_role", Type::Text, ProvidedBy::Signatory),
            Fact::SignerDate => ("signer_date", Type::Date, ProvidedBy::Signatory),
        }
    }

    /// The name expressions use.
    pub fn name(self) -> &'static str {
        self.row().0
    }

    pub fn ty(self) -> Type {
        self.row().1
    }

    pub fn provided_by(self) -> ProvidedBy {
        self.row().2
    }

    /// The fact called `name`, if any.
    pub fn from_name(name: &str) -> Option<Fact> {
        Fact::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether a check of `kind` over units of `scope` has this fact.
    pub fn provided(self, kind: KindName, scope: Scope) -> bool {
        match self.provided_by() {
            ProvidedBy::Statement => true,
            ProvidedBy::Numbering => kind == KindName::Numbering,
            ProvidedBy::Resolve => kind == KindName::Resolve,
            ProvidedBy::Signatory => scope == Scope::Signatory,
        }
    }

    /// The facts of the statement, which every expression may use.
    pub fn of_statement() -> impl Iterator<Item = Fact> {
        Fact::ALL
            .into_iter()
            .filter(|f| f.provided_by() == ProvidedBy::Statement)
    }

    /// The facts a check of `kind` over `scope` adds to the statement's
    /// (its built-in names), for its conditions, messages and labels.
    pub fn of_check(kind: KindName, scope: Scope) -> impl Iterator<Item = Fact> {
        Fact::ALL
            .into_iter()
            .filter(move |f| f.provided_by() != ProvidedBy::Statement && f.provided(kind, scope))
    }
}
