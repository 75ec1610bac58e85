//! TEMPORARY stub; replaced by the expression language module.
use crate::model::value::*;
use std::borrow::Cow;
use std::fmt;
pub type Span = std::ops::Range<usize>;
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type { Number, Money, Percent, Date, FinancialYear, YearRange, Duration, Frequency, Citation, Text, Bool, Table { key: Box<Type>, value: Box<Type> } }
impl Type { pub fn of_kind(_k: ValueKind) -> Type { Type::Number } }
impl fmt::Display for Type { fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{self:?}") } }
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError { pub span: Span, pub message: String, pub help: Option<String> }
#[derive(Clone, Debug)]
pub struct Expr { src: String }
pub fn parse(src: &str) -> Result<Expr, ExprError> { Ok(Expr { src: src.to_owned() }) }
pub trait Env { fn get(&self, name: &str) -> Option<Val<'_>>; fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>>; }
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> { Number(f64), Money(f64), Percent(f64), Date(Date), Fy(FinancialYear), Range(YearRange), Duration(Duration), Frequency(Frequency), Citation(&'a Citation), Text(Cow<'a, str>), Bool(bool), Malformed(ValueKind) }
impl<'a> Val<'a> { pub fn from_data(_d: &'a ValueData) -> Val<'a> { Val::Bool(true) } }
impl fmt::Display for Val<'_> { fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { write!(f, "{self:?}") } }
impl Expr {
    pub fn check(&self, _scope: &dyn Fn(&str) -> Option<Type>) -> Result<Type, ExprError> { Ok(Type::Bool) }
    pub fn names(&self) -> Vec<&str> { vec![self.src.as_str()] }
    pub fn eval(&self, env: &dyn Env) -> Option<Val<'_>> { env.get(&self.src).map(|_| Val::Bool(false)) }
}
pub fn check_condition(e: &Expr, scope: &dyn Fn(&str) -> Option<Type>) -> Result<(), ExprError> { e.check(scope).map(|_| ()) }
