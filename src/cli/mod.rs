//! The commands' arguments and bodies, one file per command family; the
//! options several commands share are in `common.rs`.

pub mod annotate;
pub mod check;
pub mod common;
pub mod config;
pub mod inspect;
pub mod output;
pub mod reports;
pub mod rules;
pub mod suppress;
