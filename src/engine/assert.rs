//! `assert`: where the patterns match, the condition must hold.

use super::CheckCtx;
use super::findings;
use super::matches::each_match;
use crate::diagnostic::Finding;
use crate::rules::Assert;
use crate::rules::expr::Val;

/// Judges the first match in each unit; only a condition known to be false
/// is a finding, so an undecidable one raises no false alarm.
pub(super) fn run(cx: &CheckCtx<'_>, assert: &Assert, out: &mut Vec<Finding>) {
    each_match(cx, &assert.matcher, false, |env| {
        let fails = assert.condition.eval(&env) == Some(Val::Bool(false));
        if fails {
            out.push(findings::on_match(cx, &assert.marks, &env));
        }
        usize::from(fails)
    });
}
