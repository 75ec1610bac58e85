//! Applying directives: the stretch of the document each one covers, the
//! findings it keeps out of the results, and findings about the
//! directives themselves.

use super::directive::{Directive, DirectiveKind, Found};
use super::meta;
use crate::diagnostic::{Finding, SNIPPET_CHARS, Suppressed, SuppressedBy};
use crate::model::{BlockKind, Statement};
use crate::rules::RuleSet;
use crate::rules::vocabulary::suggest::closest;
use std::ops::Range;

/// The blocks of a statement as source byte ranges, in source order.
pub(super) struct Blocks {
    blocks: Vec<(Range<usize>, Range<usize>, BlockKind)>,
}

impl Blocks {
    pub fn of(statement: &Statement) -> Blocks {
        let mut blocks: Vec<_> = statement
            .blocks
            .iter()
            .map(|b| (statement.to_source(&b.range), b.range.clone(), b.kind))
            .filter(|(source, _, _)| !source.is_empty())
            .collect();
        blocks.sort_by_key(|(source, clean, _)| (source.start, clean.start));
        Blocks { blocks }
    }

    /// The first block that starts at or after `at`.
    fn next(&self, at: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|(s, _, _)| s.start < at);
        (i < self.blocks.len()).then_some(i)
    }

    /// The block that holds source offset `at`, or the last before it.
    pub fn at(&self, at: usize) -> Option<usize> {
        self.blocks
            .partition_point(|(s, _, _)| s.start <= at)
            .checked_sub(1)
    }

    /// Whether blocks `a` and `b` belong to one table or one list: a
    /// directive before a table or list covers all of it.
    fn together(&self, a: usize, b: usize) -> bool {
        match (self.blocks[a].2, self.blocks[b].2) {
            (BlockKind::TableRow { table: x, .. }, BlockKind::TableRow { table: y, .. }) => x == y,
            (BlockKind::ListItem, BlockKind::ListItem) => true,
            _ => false,
        }
    }

    /// The run of blocks from `i`: the block, or the rest of its table or
    /// list, as block indices.
    fn run_from(&self, i: usize) -> Range<usize> {
        let mut end = i + 1;
        while end < self.blocks.len() && self.together(end - 1, end) {
            end += 1;
        }
        i..end
    }

    /// The table or list `i` is in, from its first block; or the block.
    pub fn run_around(&self, i: usize) -> Range<usize> {
        let mut start = i;
        while start > 0 && self.together(start - 1, start) {
            start -= 1;
        }
        start..self.run_from(i).end
    }

    /// The source bytes of blocks `run`.
    pub fn source(&self, run: &Range<usize>) -> Range<usize> {
        self.blocks[run.start].0.start..self.blocks[run.end - 1].0.end
    }

    /// The clean-text range of block `i`.
    pub fn clean(&self, i: usize) -> Range<usize> {
        self.blocks[i].1.clone()
    }
}

/// A stretch of the document where one rule (or every rule) is
/// suppressed by one directive.
struct Scope {
    directive: usize,
    /// `None`: every rule.
    rule: Option<String>,
    /// Source bytes a finding must start in.
    range: Range<usize>,
    /// What the stretch is, for messages: "the next block".
    what: &'static str,
    used: bool,
}

/// Findings kept and suppressed, and the findings about the directives.
pub(super) fn apply(
    found: Found,
    statement: &Statement,
    rules: &RuleSet,
    text_len: usize,
    findings: Vec<Finding>,
) -> (Vec<Finding>, Vec<Suppressed>) {
    let blocks = Blocks::of(statement);
    let about = |span: &Range<usize>, text: &str, message: String, help: String, id| {
        meta_finding(statement, &blocks, span, text, id, message, help)
    };
    let mut meta_findings: Vec<Finding> = found
        .invalid
        .iter()
        .map(|i| {
            about(
                &i.span,
                &i.text,
                i.problem.clone(),
                i.help.clone(),
                meta::INVALID,
            )
        })
        .collect();
    let directives = found.directives;
    let mut scopes: Vec<Scope> = Vec::new();
    // Open `govlint-disable` scopes, as indices into `scopes`.
    let mut open: Vec<usize> = Vec::new();
    // Unknown ids already reported at their govlint-disable.
    let mut unknown: Vec<String> = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        if d.kind == DirectiveKind::Enable {
            close(
                d,
                &mut open,
                &mut scopes,
                &unknown,
                &mut |message, help, id| {
                    meta_findings.push(about(&d.span, &d.text, message, help, id));
                },
            );
            continue;
        }
        let names = known_rules(d, rules, &mut |id, message, help| {
            meta_findings.push(about(&d.span, &d.text, message, help, id));
        });
        unknown.extend(d.rules.iter().filter(|id| rules.get(id).is_none()).cloned());
        if d.reason.is_empty() {
            meta_findings.push(about(
                &d.span,
                &d.text,
                "this suppression gives no reason".into(),
                format!(
                    "say why after ` -- `: `{} -- agreed with the external auditor, minute 14/24`",
                    without_reason(d)
                ),
                meta::WITHOUT_REASON,
            ));
        }
        let (range, what) = match d.kind {
            DirectiveKind::NextLine => match blocks.next(d.span.end) {
                Some(b) => (blocks.source(&blocks.run_from(b)), "in the next block"),
                None => (d.span.end..d.span.end, "after it: nothing follows"),
            },
            DirectiveKind::Comment => (d.span.clone(), "in the paragraphs this comment is on"),
            DirectiveKind::Disable | DirectiveKind::Enable => {
                (d.span.end..text_len, "before its govlint-enable")
            }
        };
        for rule in names {
            if d.kind == DirectiveKind::Disable {
                open.push(scopes.len());
            }
            scopes.push(Scope {
                directive: i,
                rule,
                range: range.clone(),
                what,
                used: false,
            });
        }
    }
    for &s in &open {
        scopes[s].what = "to the end of the document";
    }
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    for f in findings {
        let mut by: Option<usize> = None;
        for (s, scope) in scopes.iter_mut().enumerate() {
            if scope.range.contains(&f.span.start)
                && scope.rule.as_ref().is_none_or(|r| *r == f.rule)
                && !meta::is_meta(&f.rule)
            {
                scope.used = true;
                // The nearest directive above the finding is the one it
                // answers to.
                by = Some(s);
            }
        }
        match by {
            Some(s) => {
                let d = &directives[scopes[s].directive];
                suppressed.push(Suppressed {
                    finding: f,
                    by: SuppressedBy::Directive {
                        span: d.span.clone(),
                    },
                    reason: d.reason.clone(),
                });
            }
            None => kept.push(f),
        }
    }
    for scope in scopes.iter().filter(|s| !s.used) {
        let d = &directives[scope.directive];
        let message = match &scope.rule {
            Some(rule) => format!(
                "`{rule}` is suppressed here but reports nothing {}",
                scope.what
            ),
            None => format!(
                "every rule is suppressed here but none reports anything {}",
                scope.what
            ),
        };
        let help = match (&scope.rule, d.rules.len()) {
            (Some(rule), 2..) => format!("remove `{rule}` from the directive"),
            _ => "remove the directive: it would hide the next problem written here".into(),
        };
        meta_findings.push(about(&d.span, &d.text, message, help, meta::UNUSED));
    }
    kept.extend(meta_findings);
    kept.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    kept.dedup();
    (kept, suppressed)
}

/// The rules a directive suppresses (`None`: every rule), reporting the
/// ids that name no rule through `report(id, message, help)`.
fn known_rules(
    d: &Directive,
    rules: &RuleSet,
    report: &mut dyn FnMut(&'static str, String, String),
) -> Vec<Option<String>> {
    if d.rules.is_empty() {
        return vec![None];
    }
    let mut names = Vec::new();
    for id in &d.rules {
        if rules.get(id).is_some() {
            if !names.contains(&Some(id.clone())) {
                names.push(Some(id.clone()));
            }
        } else if meta::is_meta(id) {
            report(
                meta::UNKNOWN_RULE,
                format!(
                    "`{id}` is govlint's own check of suppressions and cannot be suppressed in the document"
                ),
                "fix what it points at, or accept it in a baseline (--write-baseline)".into(),
            );
        } else {
            report(
                meta::UNKNOWN_RULE,
                format!("no rule `{id}` to suppress"),
                did_you_mean(id, rules),
            );
        }
    }
    names
}

/// The directive as written, up to its (empty) reason.
fn without_reason(d: &Directive) -> String {
    let keyword = match d.kind {
        DirectiveKind::NextLine => "govlint-disable-next-line",
        _ => "govlint-disable",
    };
    if d.rules.is_empty() {
        keyword.to_owned()
    } else {
        format!("{keyword} {}", d.rules.join(", "))
    }
}

fn did_you_mean(id: &str, rules: &RuleSet) -> String {
    let ids = rules.rules.iter().map(|r| r.id.as_str());
    match closest(id, ids) {
        Some(near) => format!("did you mean `{near}`? `govlint rules` lists the rules"),
        None => "`govlint rules` lists the rules".into(),
    }
}

/// Ends the `govlint-disable` scopes an enable names (every open one
/// when it names none) at the enable. `unknown`: ids a disable named
/// that are no rule (already reported there).
fn close(
    d: &Directive,
    open: &mut Vec<usize>,
    scopes: &mut [Scope],
    unknown: &[String],
    report: &mut dyn FnMut(String, String, &'static str),
) {
    let end = |scopes: &mut [Scope], s: usize| {
        scopes[s].range.end = d.span.start.max(scopes[s].range.start);
    };
    if d.rules.is_empty() {
        if open.is_empty() {
            report(
                "`govlint-enable` with no `govlint-disable` open above it".into(),
                "remove it, or check the spelling of the govlint-disable it ends".into(),
                meta::INVALID,
            );
        }
        for s in open.drain(..) {
            end(scopes, s);
        }
        return;
    }
    for id in &d.rules {
        match open
            .iter()
            .rposition(|&s| scopes[s].rule.as_deref() == Some(id.as_str()))
        {
            Some(at) => end(scopes, open.remove(at)),
            None if unknown.contains(id) => {}
            None => report(
                format!("`govlint-enable {id}` with no `govlint-disable {id}` open above it"),
                "remove it, or check the spelling of the govlint-disable it ends".into(),
                meta::INVALID,
            ),
        }
    }
}

/// A finding about a directive at source bytes `span`.
fn meta_finding(
    statement: &Statement,
    blocks: &Blocks,
    span: &Range<usize>,
    text: &str,
    id: &'static str,
    message: String,
    help: String,
) -> Finding {
    // Named by the place of the block it stands before (or in).
    let near = blocks
        .next(span.start)
        .or_else(|| blocks.at(span.start))
        .map(|b| blocks.clean(b));
    let rule = meta::meta_rule(id).map(|m| m.severity);
    let snippet = match text.char_indices().nth(SNIPPET_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    };
    Finding {
        rule: id.to_owned(),
        severity: rule.unwrap_or(crate::rules::Severity::Warning),
        message,
        span: span.clone(),
        label: None,
        labels: Vec::new(),
        help: Some(help),
        url: None,
        snippet,
        location: near
            .as_ref()
            .map(|r| statement.location_of(r))
            .unwrap_or_default(),
        page: near.as_ref().and_then(|r| statement.page_of(r)),
        references: std::sync::Arc::from(Vec::new()),
    }
}
