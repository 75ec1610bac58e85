//! What a condition can refer to: names and their types at check time
//! ([`Scope`]), values at run time ([`Env`]).

use super::types::{Type, Val};
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// The names a condition may use, with their types, at check time.
///
/// Implemented for closures `Fn(&str) -> Option<Type>` (which cannot list
/// their names, so errors then carry no "did you mean"), for arrays and
/// vectors of `(name, Type)` pairs, and for maps from names to types.
pub trait Scope {
    /// The type of `name`, if it is in scope.
    fn lookup(&self, name: &str) -> Option<Type>;
    /// Every name in scope, for "did you mean" and listing in errors; empty
    /// when they cannot be listed.
    fn names(&self) -> Vec<&str> {
        Vec::new()
    }
    /// The words of the word list `name` (written `@name`), if there is one.
    fn word_list(&self, _name: &str) -> Option<&[String]> {
        None
    }
    /// Every word list's name, for "did you mean"; empty when they cannot
    /// be listed.
    fn word_lists(&self) -> Vec<&str> {
        Vec::new()
    }
}

impl<F: Fn(&str) -> Option<Type> + ?Sized> Scope for F {
    fn lookup(&self, name: &str) -> Option<Type> {
        self(name)
    }
}

/// Lets a `&S` with `S: ?Sized` (such as `&dyn Fn`) be used as `&dyn Scope`.
pub(super) struct ScopeRef<'a, S: ?Sized>(pub(super) &'a S);

impl<S: Scope + ?Sized> Scope for ScopeRef<'_, S> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.0.lookup(name)
    }
    fn names(&self) -> Vec<&str> {
        self.0.names()
    }
    fn word_list(&self, name: &str) -> Option<&[String]> {
        self.0.word_list(name)
    }
    fn word_lists(&self) -> Vec<&str> {
        self.0.word_lists()
    }
}

impl<K: AsRef<str>, const N: usize> Scope for [(K, Type); N] {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.as_slice().lookup(name)
    }
    fn names(&self) -> Vec<&str> {
        self.as_slice().names()
    }
}

impl<K: AsRef<str>> Scope for Vec<(K, Type)> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.as_slice().lookup(name)
    }
    fn names(&self) -> Vec<&str> {
        self.as_slice().names()
    }
}

impl<K: AsRef<str>> Scope for [(K, Type)] {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.iter()
            .find(|(k, _)| k.as_ref() == name)
            .map(|(_, t)| t.clone())
    }
    fn names(&self) -> Vec<&str> {
        self.iter().map(|(k, _)| k.as_ref()).collect()
    }
}

impl<K: Borrow<str> + Hash + Eq, S: BuildHasher> Scope for HashMap<K, Type, S> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.get(name).cloned()
    }
    fn names(&self) -> Vec<&str> {
        self.keys().map(Borrow::borrow).collect()
    }
}

impl<K: Borrow<str> + Ord> Scope for BTreeMap<K, Type> {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.get(name).cloned()
    }
    fn names(&self) -> Vec<&str> {
        self.keys().map(Borrow::borrow).collect()
    }
}

/// The values a condition is evaluated against.
pub trait Env {
    /// The value of `name`, or `None` when the document does not have it.
    fn get(&self, name: &str) -> Option<Val<'_>>;
    /// The entry of table `table` for `key`, or `None` when there is none.
    fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>>;
}
