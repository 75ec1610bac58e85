//! `resolve`: each captured reference must name a part of the document
//! that exists.

use super::CheckCtx;
use super::findings;
use super::matches::each_match;
use crate::diagnostic::Finding;
use crate::model::Statement;
use crate::rules::expr::Val;
use crate::rules::{Matching, REFERENCE_KINDS};

pub(super) fn run(cx: &CheckCtx<'_>, resolve: &Matching, out: &mut Vec<Finding>) {
    let defs = &resolve.matcher.captures;
    each_match(cx, &resolve.matcher, true, |env| {
        // Only references that pass the condition (if any) count.
        if let Some(condition) = &resolve.condition
            && matches!(condition.eval(&env), None | Some(Val::Bool(false)))
        {
            return 0;
        }
        let before = out.len();
        for (def, captured) in defs.iter().zip(env.captures()) {
            let Some(captured) = captured else {
                continue;
            };
            if !REFERENCE_KINDS.contains(&def.name.as_str())
                || resolves(cx.doc.st, &def.name, captured.text)
            {
                continue;
            }
            let env = env.with_target(captured.text);
            out.push(findings::on_match(cx, &resolve.marks, &env));
        }
        out.len() - before
    });
}

/// Whether a reference of kind `kind` ("section", "paragraph", "appendix",
/// "annex") to `target` ("5", "4.12", "B") names something in the document.
fn resolves(st: &Statement, kind: &str, target: &str) -> bool {
    st.has_part(kind, target)
}
