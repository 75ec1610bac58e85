//! govlint: lint UK council Annual Governance Statements against declarative
//! TOML rules.
//!
//! Data flows one way:
//! [`source`] (read documents) → [`model`] (the statement model) →
//! [`rules`] (the rule language) → [`engine`] (evaluate rules) →
//! [`diagnostic`] (findings) → [`report`] (human and JSON output).
//!
//! The library never prints; the `govlint` binary does.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod model;
pub mod source;
