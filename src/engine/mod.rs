//! Stage 4: evaluating rules against a statement.
//!
//! Each check's first pattern runs once over the whole clean text; only the
//! units (sentences, paragraphs, …) it hits are examined further. That keeps
//! the cost per document close to one regex pass per check.

use crate::diagnostic::{Finding, Label, StatementError};
use crate::model::{BlockKind, Signatory, Statement};
use crate::rules::expr::{Env, Val};
use crate::rules::pattern::CaptureDef;
use crate::rules::{Check, CheckKind, Found, ParamValue, REFERENCE_KINDS, Rule, RuleSet, Scope};
use crate::values::{self as value, ValueData};
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;

/// The result of linting one statement.
#[derive(Debug, Default)]
pub struct Outcome {
    pub findings: Vec<Finding>,
    /// Rules that could not run, e.g. for want of the statement period.
    pub errors: Vec<StatementError>,
}

/// Runs every rule of `rules` against `statement`.
pub fn run(statement: &Statement, rules: &RuleSet) -> Outcome {
    let mut out = Outcome::default();
    let units = Units::new(statement);
    let mut scans = Scans {
        literal_hits: rules.literal_hits(statement.text()),
        ..Scans::default()
    };
    let mut missing_period = Vec::new();
    let mut missing_date = Vec::new();
    let checks = rules
        .rules
        .iter()
        .flat_map(|r| r.checks.iter().map(move |c| (r, c)));
    for (index, (rule, check)) in checks.enumerate() {
        {
            scans.slot = rules.slot(index).unwrap_or(usize::MAX);
            // A check that needs a fact the statement lacks cannot run; the
            // rule's other checks still do.
            if check.needs_period && statement.period.is_none() {
                note(&mut missing_period, &rule.id);
            } else if check.needs_date && statement.date.is_none() {
                note(&mut missing_date, &rule.id);
            } else {
                evaluate(
                    statement,
                    &units,
                    &mut scans,
                    rule,
                    check,
                    &mut out.findings,
                );
            }
        }
    }
    if !missing_period.is_empty() {
        out.errors.push(StatementError::PeriodUnknown {
            rules: missing_period.join(", "),
        });
    }
    if !missing_date.is_empty() {
        out.errors.push(StatementError::DateUnknown {
            rules: missing_date.join(", "),
        });
    }
    out.findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
    out.findings.dedup();
    out
}

fn note<'a>(list: &mut Vec<&'a str>, id: &'a str) {
    if list.last() != Some(&id) {
        list.push(id);
    }
}

/// Match ranges of each distinct first pattern over the document, so checks
/// that start from the same pattern scan the text once.
#[derive(Default)]
struct Scans {
    /// Per pattern slot (see `RuleSet::slot`), where its literals occur.
    literal_hits: Option<Vec<Vec<usize>>>,
    /// The first pattern slot of the check being evaluated.
    slot: usize,
    by_pattern: std::collections::HashMap<String, Vec<Range<usize>>>,
    /// Clean-text ranges of the sections whose heading matches a `within`.
    sections_within: std::collections::HashMap<String, Vec<Range<usize>>>,
}

impl Scans {
    fn sections(&mut self, st: &Statement, within: &Regex) -> &[Range<usize>] {
        // Look up by &str first: the key is allocated only on a miss.
        if !self.sections_within.contains_key(within.as_str()) {
            let ranges = st
                .sections
                .iter()
                .filter(|s| within.is_match(st.slice(&st.blocks[s.heading].range)))
                .map(|s| s.range.clone())
                .collect();
            self.sections_within
                .insert(within.as_str().to_owned(), ranges);
        }
        self.sections_within
            .get(within.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// Whether `unit` lies inside a section whose heading matches `within`
    /// (always, when there is no `within`).
    fn allowed(&mut self, st: &Statement, within: Option<&Regex>, unit: &Range<usize>) -> bool {
        match within {
            None => true,
            Some(re) => self
                .sections(st, re)
                .iter()
                .any(|s| s.start <= unit.start && unit.end <= s.end),
        }
    }

    fn matches(&mut self, re: &Regex, text: &str) -> &[Range<usize>] {
        if !self.by_pattern.contains_key(re.as_str()) {
            let ranges = re.find_iter(text).map(|m| m.range()).collect();
            self.by_pattern.insert(re.as_str().to_owned(), ranges);
        }
        self.by_pattern.get(re.as_str()).map_or(&[], Vec::as_slice)
    }
}

/// The units of each scope, in document order (clean-text ranges).
struct Units {
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    rows: Vec<Range<usize>>,
    headings: Vec<Range<usize>>,
    sections: Vec<Range<usize>>,
    signatories: Vec<Range<usize>>,
    document: Vec<Range<usize>>,
}

impl Units {
    fn new(st: &Statement) -> Units {
        let blocks = |f: fn(BlockKind) -> bool| -> Vec<Range<usize>> {
            st.blocks
                .iter()
                .filter(|b| f(b.kind))
                .map(|b| b.range.clone())
                .collect()
        };
        Units {
            sentences: st.sentences.iter().map(|s| s.range.clone()).collect(),
            paragraphs: blocks(|k| !matches!(k, BlockKind::Heading { .. })),
            rows: blocks(|k| matches!(k, BlockKind::TableRow { .. })),
            headings: blocks(|k| matches!(k, BlockKind::Heading { .. })),
            sections: st.sections.iter().map(|s| s.range.clone()).collect(),
            signatories: st
                .signatories
                .iter()
                .map(|s| st.blocks[s.block].range.clone())
                .collect(),
            document: std::iter::once(0..st.text().len()).collect(),
        }
    }

    fn of(&self, scope: Scope) -> &[Range<usize>] {
        match scope {
            Scope::Document => &self.document,
            Scope::Section => &self.sections,
            Scope::Paragraph => &self.paragraphs,
            Scope::Sentence => &self.sentences,
            Scope::Row => &self.rows,
            Scope::Heading => &self.headings,
            Scope::Signatory => &self.signatories,
        }
    }
}

/// A capture's value in one match.
#[derive(Clone, Debug)]
struct Captured<'t> {
    range: Range<usize>,
    text: &'t str,
    data: Option<ValueData>,
}

/// Evaluation environment for one match: captures, parameters, tables and
/// statement facts.
struct MatchEnv<'a> {
    st: &'a Statement,
    rule: &'a Rule,
    defs: &'a [CaptureDef],
    captures: &'a [Option<Captured<'a>>],
    /// The check's built-in names for this match (see `builtin_names`).
    extra: &'a [(&'static str, Option<Val<'a>>)],
}

impl<'a> MatchEnv<'a> {
    fn new(
        st: &'a Statement,
        rule: &'a Rule,
        check: &'a Check,
        captures: &'a [Option<Captured<'a>>],
    ) -> Self {
        MatchEnv {
            st,
            rule,
            defs: &check.captures,
            captures,
            extra: &[],
        }
    }
}

impl Env for MatchEnv<'_> {
    fn get(&self, name: &str) -> Option<Val<'_>> {
        if let Some((_, v)) = self.extra.iter().find(|(n, _)| *n == name) {
            return v.clone();
        }
        if let Some(param) = name.strip_prefix("params.") {
            return self.rule.param(param).map(param_val);
        }
        match name {
            crate::rules::PERIOD => return self.st.period.as_ref().map(|p| Val::Fy(p.year)),
            crate::rules::STATEMENT_DATE => {
                return self.st.date.as_ref().map(|d| {
                    Val::Date(value::Date {
                        start: d.date,
                        precision: value::DatePrecision::Day,
                    })
                });
            }
            _ => {}
        }
        let i = self.defs.iter().position(|c| c.name == name)?;
        let captured = self.captures.get(i)?.as_ref()?;
        Some(match &captured.data {
            Some(data) => Val::from_data(data),
            None => Val::Text(Cow::Borrowed(captured.text)),
        })
    }

    fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>> {
        let table = self.rule.table(table)?;
        table
            .entries
            .iter()
            .find(|(k, _)| param_val(k) == *key)
            .map(|(_, v)| param_val(v))
    }
}

fn param_val(v: &ParamValue) -> Val<'_> {
    match v {
        ParamValue::Number(n) => Val::Number(*n),
        ParamValue::Bool(b) => Val::Bool(*b),
        ParamValue::Text(t) => Val::Text(Cow::Borrowed(t)),
        ParamValue::Value(d) => Val::from_data(d),
    }
}

/// Indices of the units where the check's patterns may all match, in
/// order, deduplicated: a superset that `first_matches` and `matches_in`
/// then confirm. Units of one scope do not overlap, except sections.
fn candidates(
    st: &Statement,
    scans: &mut Scans,
    check: &Check,
    units: &[Range<usize>],
    nested: bool,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let Some(first) = check.patterns.first() else {
        return out;
    };
    let all_hits = scans.literal_hits.take();
    let slot = scans.slot;
    let hits_of = |k: usize| -> Option<&Vec<usize>> {
        check.literals.get(k)?.as_ref()?;
        all_hits.as_ref()?.get(slot + k)
    };
    let holds = |u: &Range<usize>, hits: &Vec<usize>| {
        let at = hits.partition_point(|&h| h < u.start);
        hits.get(at).is_some_and(|&h| h < u.end)
    };
    // Any pattern with literals can pick the candidates, since every
    // pattern must match inside the unit.
    let driver = (0..check.patterns.len()).find_map(|k| hits_of(k).map(|h| (k, h)));
    let sparse = check.within.is_some()
        || matches!(check.scope, Scope::Row | Scope::Heading | Scope::Signatory);
    match driver {
        Some((k, hits)) => {
            for &p in hits {
                let upto = units.partition_point(|u| u.start <= p);
                if nested {
                    out.extend((0..upto).filter(|&i| units[i].end > p));
                } else if let Some(i) = upto.checked_sub(1)
                    && p < units[i].end
                {
                    out.push(i);
                }
            }
            // The unit must also hold a literal of every other pattern
            // that has literals.
            for j in (0..check.patterns.len()).filter(|&j| j != k) {
                if let Some(hits) = hits_of(j) {
                    out.retain(|&i| holds(&units[i], hits));
                }
            }
        }
        // Few or restricted units: test them one by one rather than
        // scanning the whole text.
        None if sparse => {
            for (i, u) in units.iter().enumerate() {
                if scans.allowed(st, check.within.as_ref(), u) && first.regex.is_match(st.slice(u))
                {
                    out.push(i);
                }
            }
        }
        None => {
            let inside = |u: &Range<usize>, m: &Range<usize>| u.start <= m.start && m.end <= u.end;
            for m in scans.matches(&first.regex, st.text()).to_vec() {
                let upto = units.partition_point(|u| u.start <= m.start);
                if nested {
                    out.extend((0..upto).filter(|&i| inside(&units[i], &m)));
                } else if let Some(i) = upto.checked_sub(1)
                    && inside(&units[i], &m)
                {
                    out.push(i);
                }
            }
        }
    }
    scans.literal_hits = all_hits;
    out.sort_unstable();
    out.dedup();
    out
}

/// The captures of all patterns in `unit`: `None` if some pattern does not
/// match there. With `every`, yields one set per match of the first
/// pattern (for `forbid`); otherwise only the first.
fn matches_in<'t>(
    st: &'t Statement,
    check: &Check,
    unit: &Range<usize>,
    every: bool,
) -> Vec<Vec<Option<Captured<'t>>>> {
    let text = st.slice(unit);
    let base = unit.start;
    let mut others: Vec<Option<Captured<'t>>> = Vec::new();
    let Some((first, rest)) = check.patterns.split_first() else {
        return Vec::new();
    };
    for p in rest {
        let Some(caps) = p.regex.captures(text) else {
            return Vec::new();
        };
        collect(&caps, p, base, &mut others);
    }
    let mut out = Vec::new();
    for caps in first.regex.captures_iter(text) {
        let mut set = Vec::with_capacity(check.captures.len());
        collect(&caps, first, base, &mut set);
        set.extend(others.iter().cloned());
        // Keep the whole first match as a pseudo-capture at the end.
        if let Some(m) = caps.get(0) {
            set.push(Some(Captured {
                range: base + m.start()..base + m.end(),
                text: m.as_str(),
                data: None,
            }));
        }
        out.push(set);
        if !every {
            break;
        }
    }
    out
}

fn collect<'t>(
    caps: &regex::Captures<'t>,
    p: &crate::rules::pattern::Pattern,
    base: usize,
    out: &mut Vec<Option<Captured<'t>>>,
) {
    for def in &p.captures {
        out.push(caps.name(&def.name).map(|m| Captured {
            range: base + m.start()..base + m.end(),
            text: m.as_str(),
            data: def.kind.and_then(|k| value::parse_value(k, m.as_str())),
        }));
    }
}

/// Whether the check's first pattern matches in `unit`: a fast DFA test
/// before the dearer `unless` patterns and captures.
fn first_matches(st: &Statement, check: &Check, unit: &Range<usize>) -> bool {
    check
        .patterns
        .first()
        .is_none_or(|p| p.regex.is_match(st.slice(unit)))
}

/// Whether the document has a unit matching a `Found` search.
fn found(st: &Statement, units: &Units, scans: &mut Scans, f: &Found) -> bool {
    units.of(f.scope).iter().any(|u| {
        f.patterns.iter().all(|p| p.is_match(st.slice(u)))
            && scans.allowed(st, f.within.as_ref(), u)
    })
}

/// Whether a check applies to this statement at all (its `when`).
fn applies(st: &Statement, rule: &Rule, check: &Check) -> bool {
    check.when.as_ref().is_none_or(|when| {
        let env = MatchEnv::new(st, rule, check, &[]);
        when.eval(&env) == Some(Val::Bool(true))
    })
}

/// Whether a check's findings stand, given its document-wide searches.
/// Only asked once a check has findings, since a search costs a pass.
fn findings_stand(st: &Statement, units: &Units, scans: &mut Scans, check: &Check) -> bool {
    !check
        .unless_found
        .as_ref()
        .is_some_and(|f| found(st, units, scans, f))
        && check
            .only_if_found
            .as_ref()
            .is_none_or(|f| found(st, units, scans, f))
}

/// `signer_name`, `signer_role` and `signer_date` of a signature unit.
fn signer_facts<'a>(
    st: &'a Statement,
    signatory: Option<&Signatory>,
) -> Vec<(&'static str, Option<Val<'a>>)> {
    let Some(s) = signatory else {
        return Vec::new();
    };
    let text = |r: &Range<usize>| Val::Text(Cow::Borrowed(st.slice(r)));
    vec![
        ("signer_name", s.name.as_ref().map(text)),
        ("signer_role", Some(text(&s.role))),
        ("signer_date", s.date.as_ref().map(|(d, _)| Val::Date(*d))),
    ]
}

fn evaluate(
    st: &Statement,
    units: &Units,
    scans: &mut Scans,
    rule: &Rule,
    check: &Check,
    out: &mut Vec<Finding>,
) {
    if !applies(st, rule, check) {
        return;
    }
    let before = out.len();
    check_findings(st, units, scans, rule, check, out);
    if out.len() > before && !findings_stand(st, units, scans, check) {
        out.truncate(before);
    }
}

fn check_findings(
    st: &Statement,
    units: &Units,
    scans: &mut Scans,
    rule: &Rule,
    check: &Check,
    out: &mut Vec<Finding>,
) {
    if check.kind == CheckKind::Numbering {
        return numbering(st, scans, rule, check, out);
    }
    let unit_list = units.of(check.scope);
    let hits = candidates(st, scans, check, unit_list, check.scope == Scope::Section);
    if check.kind == CheckKind::Require {
        return require(st, units, scans, rule, check, &hits, out);
    }
    for &i in &hits {
        let unit = &unit_list[i];
        if !first_matches(st, check, unit)
            || !scans.allowed(st, check.within.as_ref(), unit)
            || check
                .unless
                .as_ref()
                .is_some_and(|u| u.is_match(st.slice(unit)))
        {
            continue;
        }
        let signatory = (check.scope == Scope::Signatory)
            .then(|| st.signatories.get(i))
            .flatten();
        let facts = signer_facts(st, signatory);
        let every = check.kind != CheckKind::Assert;
        for set in matches_in(st, check, unit, every) {
            let mut env = MatchEnv::new(st, rule, check, &set);
            env.extra = &facts;
            let verdict = check.condition.as_ref().map(|c| c.eval(&env));
            match check.kind {
                CheckKind::Resolve => {
                    // Only references that pass the condition (if any) count.
                    if matches!(verdict, Some(None | Some(Val::Bool(false)))) {
                        continue;
                    }
                    resolve(st, rule, check, &set, &facts, out);
                }
                // forbid: fires unless a condition is false or unknown;
                // assert: fires only when the condition is known false.
                kind => {
                    let fire = matches!(
                        (kind, verdict),
                        (CheckKind::Forbid, None | Some(Some(Val::Bool(true))))
                            | (CheckKind::Assert, Some(Some(Val::Bool(false))))
                    );
                    if fire {
                        out.push(finding(st, rule, check, &env, &set));
                    }
                }
            }
        }
    }
}

/// A `resolve` check: each captured reference must name a part of the
/// document that exists.
fn resolve(
    st: &Statement,
    rule: &Rule,
    check: &Check,
    set: &[Option<Captured<'_>>],
    facts: &[(&'static str, Option<Val<'_>>)],
    out: &mut Vec<Finding>,
) {
    for (i, def) in check.captures.iter().enumerate() {
        let Some(Some(captured)) = set.get(i) else {
            continue;
        };
        if !REFERENCE_KINDS.contains(&def.name.as_str()) || resolves(st, &def.name, captured.text) {
            continue;
        }
        let mut extra: Vec<(&'static str, Option<Val<'_>>)> = facts.to_vec();
        extra.push(("target", Some(Val::Text(Cow::Borrowed(captured.text)))));
        let mut env = MatchEnv::new(st, rule, check, set);
        env.extra = &extra;
        out.push(finding(st, rule, check, &env, set));
    }
}

/// Whether a reference of kind `kind` ("section", "paragraph", "appendix",
/// "annex") to `target` ("5", "4.12", "B") names something in the document.
fn resolves(st: &Statement, kind: &str, target: &str) -> bool {
    let target = target.trim().trim_end_matches('.');
    let section_numbered = || {
        st.sections.iter().any(|s| {
            s.number
                .as_ref()
                .is_some_and(|n| st.slice(n).eq_ignore_ascii_case(target))
        })
    };
    let paragraph_numbered = || st.paragraphs.iter().any(|p| st.slice(&p.number) == target);
    match kind {
        "section" | "paragraph" => section_numbered() || paragraph_numbered(),
        _ => st.sections.iter().any(|s| {
            let heading = st.slice(&st.blocks[s.heading].range);
            let mut words = heading.split_whitespace();
            words.any(|w| w.eq_ignore_ascii_case(kind))
                && heading
                    .split(|c: char| {
                        c.is_whitespace() || c == ':' || c == '.' || c == '–' || c == '-'
                    })
                    .any(|w| w.eq_ignore_ascii_case(target))
        }),
    }
}

/// A `numbering` check: numbered paragraphs of the same family ("4.x",
/// "PA.x") must run 1, 2, 3 … in document order, without duplicates,
/// gaps or steps back.
fn numbering(
    st: &Statement,
    scans: &mut Scans,
    rule: &Rule,
    check: &Check,
    out: &mut Vec<Finding>,
) {
    let mut items: Vec<(&Range<usize>, &str, u32, &str)> = Vec::new();
    for p in &st.paragraphs {
        let text = st.slice(&p.number);
        if scans.allowed(st, check.within.as_ref(), &st.blocks[p.block].range)
            && let Some((family, n)) = split_number(text)
        {
            items.push((&p.number, family, n, text));
        }
    }
    // family → (last number accepted, its text)
    let mut last: Vec<(&str, u32, &str)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, &(range, family, n, text)) in items.iter().enumerate() {
        let Some(&(_, m, prev)) = last.iter().find(|(f, _, _)| *f == family) else {
            // The first of its family starts a sequence wherever it starts.
            last.push((family, n, text));
            seen.push(text);
            continue;
        };
        let problem = if seen.contains(&text) {
            "is a duplicate"
        } else if n == m + 1 {
            update(&mut last, family, n, text);
            seen.push(text);
            continue;
        } else if n > m + 1 {
            "skips a number"
        } else {
            "is out of order"
        };
        let extra: Vec<(&'static str, Option<Val<'_>>)> = vec![
            ("number", Some(Val::Text(Cow::Borrowed(text)))),
            ("previous", Some(Val::Text(Cow::Borrowed(prev)))),
            (
                "expected",
                Some(Val::Text(Cow::Owned(format!("{family}{}", m + 1)))),
            ),
            ("problem", Some(Val::Text(Cow::Borrowed(problem)))),
        ];
        let mut env = MatchEnv::new(st, rule, check, &[]);
        env.extra = &extra;
        out.push(make_finding(
            rule,
            check,
            &env,
            st.to_source(range),
            Vec::new(),
        ));
        let next_in_family = items[i + 1..].iter().find(|x| x.1 == family).map(|x| x.2);
        if problem != "is a duplicate" {
            seen.push(text);
            update(&mut last, family, n, text);
        } else if next_in_family != Some(m + 1) {
            // A duplicate not followed by the number it repeats was a slip
            // for the expected number: the next paragraph is judged from it.
            update(&mut last, family, m + 1, text);
        }
    }
}

fn update<'a>(last: &mut Vec<(&'a str, u32, &'a str)>, family: &'a str, n: u32, text: &'a str) {
    match last.iter_mut().find(|(f, _, _)| *f == family) {
        Some(entry) => *entry = (family, n, text),
        None => last.push((family, n, text)),
    }
}

/// "4.12" → ("4.", 12); "PA.3" → ("PA.", 3); "A2" → ("A", 2).
fn split_number(text: &str) -> Option<(&str, u32)> {
    let digits = text.len() - text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (family, n) = text.split_at(text.len() - digits);
    Some((family, n.parse().ok()?))
}

fn require(
    st: &Statement,
    units: &Units,
    scans: &mut Scans,
    rule: &Rule,
    check: &Check,
    hits: &[usize],
    out: &mut Vec<Finding>,
) {
    let unit_list = units.of(check.scope);
    let mut is_satisfied = |i: usize| {
        let unit = &unit_list[i];
        let signatory = (check.scope == Scope::Signatory)
            .then(|| st.signatories.get(i))
            .flatten();
        let facts = signer_facts(st, signatory);
        first_matches(st, check, unit)
            && scans.allowed(st, check.within.as_ref(), unit)
            && !check
                .unless
                .as_ref()
                .is_some_and(|u| u.is_match(st.slice(unit)))
            && matches_in(st, check, unit, false).iter().any(|set| {
                let mut env = MatchEnv::new(st, rule, check, set);
                env.extra = &facts;
                // An undecidable condition counts as met: no false alarms.
                !matches!(
                    check.condition.as_ref().map(|c| c.eval(&env)),
                    Some(Some(Val::Bool(false)))
                )
            })
    };
    // For the whole document one satisfying unit is enough: stop there.
    let satisfied: Vec<&Range<usize>> = if check.each == Scope::Document {
        hits.iter()
            .find(|&&i| is_satisfied(i))
            .map(|&i| &unit_list[i])
            .into_iter()
            .collect()
    } else {
        hits.iter()
            .filter(|&&i| is_satisfied(i))
            .map(|&i| &unit_list[i])
            .collect()
    };
    let containers: Vec<Range<usize>> = match check.each {
        Scope::Document => std::iter::once(0..st.text().len()).collect(),
        other => units
            .of(other)
            .iter()
            .filter(|u| scans.allowed(st, check.within.as_ref(), u))
            .cloned()
            .collect(),
    };
    let env = MatchEnv::new(st, rule, check, &[]);
    for container in containers {
        if satisfied
            .iter()
            .any(|u| container.start <= u.start && u.end <= container.end)
        {
            continue;
        }
        let anchor = match check.each {
            Scope::Document => st.anchor(),
            Scope::Section => st
                .sections
                .iter()
                .find(|s| s.range == container)
                .map_or(container.clone(), |s| st.blocks[s.heading].range.clone()),
            _ => container.clone(),
        };
        out.push(make_finding(
            rule,
            check,
            &env,
            st.to_source(&anchor),
            Vec::new(),
        ));
    }
}

fn finding(
    st: &Statement,
    rule: &Rule,
    check: &Check,
    env: &MatchEnv<'_>,
    set: &[Option<Captured<'_>>],
) -> Finding {
    let whole = set.last().and_then(|c| c.as_ref()).map(|c| c.range.clone());
    let anchor = check
        .anchor
        .and_then(|i| set.get(i)?.as_ref().map(|c| c.range.clone()))
        .or(whole)
        .unwrap_or(0..0);
    let labels = check
        .labels
        .iter()
        .filter_map(|(i, t)| {
            let c = set.get(*i)?.as_ref()?;
            Some(Label {
                span: st.to_source(&c.range),
                message: t.render(env),
            })
        })
        .collect();
    make_finding(rule, check, env, st.to_source(&anchor), labels)
}

/// A finding of `check` at `span`, its message and label filled from `env`.
fn make_finding(
    rule: &Rule,
    check: &Check,
    env: &MatchEnv<'_>,
    span: Range<usize>,
    labels: Vec<Label>,
) -> Finding {
    Finding {
        rule: rule.id.clone(),
        severity: rule.severity,
        message: check.message.render(env),
        span,
        label: check.label.as_ref().map(|l| l.render(env)),
        labels,
        help: rule.help.clone(),
        url: rule.url.clone(),
    }
}

#[cfg(test)]
mod tests;
