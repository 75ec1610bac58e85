//! `forbid`: every match is a finding, where the condition (if any) holds.

use super::CheckCtx;
use super::findings;
use super::matches::{each_match, each_match_pairing};
use crate::diagnostic::Finding;
use crate::rules::Matching;
use crate::rules::expr::Val;

pub(super) fn run(cx: &CheckCtx<'_>, forbid: &Matching, out: &mut Vec<Finding>) {
    if let Some(condition) = &forbid.condition
        && forbid.matcher.patterns.len() == 2
    {
        // A condition over two patterns' captures: any pairing that meets it.
        each_match_pairing(
            cx,
            &forbid.matcher,
            |env| condition.eval(env) == Some(Val::Bool(true)),
            |env| out.push(findings::on_match(cx, &forbid.marks, &env)),
        );
        return;
    }
    each_match(cx, &forbid.matcher, true, |env| {
        // A false or unknown condition spares the match.
        let fires = forbid
            .condition
            .as_ref()
            .is_none_or(|c| c.eval(&env) == Some(Val::Bool(true)));
        if fires {
            out.push(findings::on_match(cx, &forbid.marks, &env));
        }
        usize::from(fires)
    });
}
