//! Every rejection of a check's shape, pinned word for word: the messages
//! are part of the rule author's interface.

use super::load_rule;
use crate::rules::RuleSource;

/// A rule with one parameter and one table, whose checks are `checks`.
fn rule_with(checks: &str) -> String {
    format!(
        r#"id = "pinned"
severity = "warning"
summary = "s"
message = "m"

[docs]
what = "w"
why = "y"
example = "e"

[params]
limit = 3

[tables.deadlines]
key = "fy"
value = "date"

[tables.deadlines.entries]
"2022/23" = 2023-09-30

{checks}"#
    )
}

/// The errors of a rule, one line each: message, label, the exact text the
/// label points at, and help.
fn errors(checks: &str) -> String {
    let text = rule_with(checks);
    let source = RuleSource {
        name: "pinned.toml".into(),
        text: text.clone().into(),
    };
    match load_rule(&source) {
        Ok(_) => "ok".into(),
        Err(errors) => errors
            .iter()
            .map(|e| {
                let at = e
                    .span
                    .map(|s| &text[s.offset()..s.offset() + s.len()])
                    .unwrap_or("");
                let help = e.help.as_deref().unwrap_or("-");
                format!("{} [{}] at `{at}` help: {help}\n", e.message, e.label)
            })
            .collect(),
    }
}

#[track_caller]
fn pin(checks: &str, expected: &str) {
    assert_eq!(errors(checks), expected, "for:\n{checks}");
}

#[test]
fn each_belongs_to_require_and_must_hold_the_scope() {
    pin(
        "[[check]]\nkind = \"forbid\"\neach = \"section\"\npatterns = ['x']\n",
        "`each` only applies to `require` checks [here] at `\"section\"` help: -\n",
    );
    pin(
        "[[check]]\nkind = \"require\"\nscope = \"paragraph\"\neach = \"sentence\"\npatterns = ['x']\n",
        "`each = \"sentence\"` cannot hold a paragraph scope [here] at `\"sentence\"` help: `each` is the container (document, section, paragraph or row) and must be at least as wide as `scope`\n",
    );
    pin(
        "[[check]]\nkind = \"require\"\nscope = \"paragraph\"\neach = \"section\"\npatterns = ['x']\n",
        "ok",
    );
}

#[test]
fn patterns_are_needed_except_by_numbering() {
    pin(
        "[[check]]\nkind = \"forbid\"\n",
        "a check needs at least one pattern [here] at `\"forbid\"` help: -\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = []\n",
        "a check needs at least one pattern [here] at `[]` help: -\n",
    );
    pin(
        "[[check]]\nkind = \"numbering\"\npatterns = ['x']\n",
        "a `numbering` check takes no patterns [remove these] at `['x']` help: it checks the document's numbered paragraphs itself\n",
    );
    pin(
        "[[check]]\nkind = \"numbering\"\nlabel = \"{problem} after {previous}, not {expected}\"\n",
        "ok",
    );
}

#[test]
fn capture_names_must_be_free() {
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<a>x)', '(?P<a>y)']\n",
        "capture name `a` is already in use [here] at `a` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['{period:fy}']\n",
        "capture name `period` is already in use [here] at `period` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<statement_date>x)']\n",
        "capture name `statement_date` is already in use [here] at `statement_date` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<params>x)']\n",
        "capture name `params` is already in use [here] at `params` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<deadlines>x)']\n",
        "capture name `deadlines` is already in use [here] at `deadlines` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    pin(
        "[[check]]\nkind = \"resolve\"\npatterns = ['(?P<section>\\d+)(?P<target>x)']\n",
        "capture name `target` is already in use [here] at `target` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\nscope = \"signatory\"\npatterns = ['(?P<signer_name>x)']\n",
        "capture name `signer_name` is already in use [here] at `signer_name` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\n",
    );
    // Outside its kind or scope a built-in name is free.
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<target>x)(?P<signer_name>y)(?P<problem>z)']\nmessage = \"{target} {signer_name} {problem}\"\n",
        "ok",
    );
}

#[test]
fn resolve_needs_a_reference_capture() {
    pin(
        "[[check]]\nkind = \"resolve\"\npatterns = ['(?P<chapter>\\d+)']\n",
        "a `resolve` check needs a capture named `section`, `paragraph`, `appendix` or `annex` [in these patterns] at `['(?P<chapter>\\d+)']` help: e.g. '(?i)\\bsee section (?P<section>\\d+(?:\\.\\d+)*)'\n",
    );
    pin(
        "[[check]]\nkind = \"resolve\"\npatterns = ['see (?P<annex>[A-Z])']\nmessage = \"{annex} {target}\"\n",
        "ok",
    );
}

#[test]
fn require_findings_have_no_match_to_label() {
    pin(
        "[[check]]\nkind = \"require\"\npatterns = ['(?P<a>x)']\nanchor = \"a\"\n",
        "a `require` finding has no match to label [here] at `['(?P<a>x)']` help: remove `anchor` and `labels` from this check\n",
    );
    pin(
        "[[check]]\nkind = \"require\"\npatterns = ['(?P<a>x)']\n[check.labels]\na = \"here\"\n",
        "a `require` finding has no match to label [here] at `['(?P<a>x)']` help: remove `anchor` and `labels` from this check\n",
    );
    pin(
        "[[check]]\nkind = \"require\"\npatterns = ['(?P<a>x)']\nmessage = \"{a}\"\n",
        "unknown name `a` [here] at `a` help: names in scope: deadlines, params.limit, period, statement_date\n",
    );
    pin(
        "[[check]]\nkind = \"require\"\npatterns = ['(?P<a>x)']\ncondition = 'a == \"x\"'\nmessage = \"{params.limit} {period}\"\n",
        "ok",
    );
}

#[test]
fn assert_needs_a_condition() {
    pin(
        "[[check]]\nkind = \"assert\"\npatterns = ['x']\n",
        "an `assert` check needs a `condition` [here] at `['x']` help: -\n",
    );
}

#[test]
fn anchors_and_labels_name_captures() {
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['x']\nanchor = \"a\"\n",
        "no capture named `a` in this check [unknown capture] at `\"a\"` help: this check's patterns define no captures; add `{name:type}` or `(?P<name>…)` to a pattern\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<a>x)', '(?P<b>y)']\nanchor = \"c\"\n[check.labels]\nd = \"no\"\nb = \"{b} {c}\"\n",
        "no capture named `c` in this check [unknown capture] at `\"c\"` help: the captures are: a, b\nunknown name `c` [here] at `c` help: did you mean `a`? names in scope: a, b, deadlines, params.limit, period, statement_date\nno capture named `d` in this check [label for an unknown capture] at `\"no\"` help: the captures are: a, b\n",
    );
}

#[test]
fn names_in_scope_are_listed_in_order() {
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['(?P<a>x)']\ncondition = \"nope == 1\"\n",
        "unknown name `nope` [here] at `nope` help: names in scope: a, deadlines, params.limit, period, statement_date\n",
    );
    pin(
        "[[check]]\nkind = \"numbering\"\nscope = \"signatory\"\nlabel = \"{nope}\"\n",
        "unknown name `nope` [here] at `nope` help: names in scope: deadlines, expected, number, params.limit, period, previous, problem, signer_date, signer_name, signer_role, statement_date\n",
    );
    pin(
        "[[check]]\nkind = \"resolve\"\nscope = \"signatory\"\npatterns = ['(?P<section>\\d)']\ncondition = \"nope\"\n",
        "unknown name `nope` [here] at `nope` help: names in scope: deadlines, params.limit, period, section, signer_date, signer_name, signer_role, statement_date, target\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\nscope = \"signatory\"\npatterns = ['(?P<a>x)']\nwhen = \"a == signer_name\"\n",
        "unknown name `a` [here] at `a` help: names in scope: deadlines, params.limit, period, statement_date\n",
    );
}

#[test]
fn every_regex_of_a_check_is_checked_in_order() {
    pin(
        "[[check]]\nkind = \"forbid\"\neach = \"row\"\npatterns = ['(x', '(?P<period>y)']\nwithin = '(w'\nunless = ['(u']\n",
        "`each` only applies to `require` checks [here] at `\"row\"` help: -\ninvalid regex: unclosed group [here] at `(` help: -\ncapture name `period` is already in use [here] at `period` help: each capture of a check needs its own name, distinct from `period`, `statement_date`, `params`, table names and the check's built-in names\ninvalid regex: unclosed group [here] at `(` help: -\n",
    );
    pin(
        "[[check]]\nkind = \"forbid\"\npatterns = ['x']\nwithin = '(w'\nunless = ['(u', 'ok', '(v']\ncondition = \"(\"\nwhen = \"1\"\nmessage = \"{\"\nlabel = \"}\"\n[check.unless_found]\npatterns = ['(a', '(b']\nwithin = '(c'\n[check.only_if_found]\npatterns = ['a']\nwithin = '(d'\n",
        "invalid regex: unclosed group [here] at `(` help: -\ninvalid regex: unclosed group [here] at `(` help: -\ninvalid regex: unclosed group [here] at `(` help: -\ninvalid regex: unclosed group [here] at `(` help: -\ninvalid regex: unclosed group [here] at `(` help: -\nexpected a value, found the end of the condition [here] at `` help: the condition ends too early\ncondition must be true or false, found number [here] at `1` help: compare it with something, e.g. `x >= params.minimum`\nunclosed `{` in template [here] at `{` help: write `{{` for a literal brace\nunmatched `}` in template [here] at `}` help: write `}}` for a literal brace\n",
    );
}

#[test]
fn the_rule_message_errs_once_per_run_of_checks() {
    let text = rule_with(
        "[[check]]\nkind = \"forbid\"\npatterns = ['x']\n[[check]]\nkind = \"assert\"\npatterns = ['y']\ncondition = \"true\"\n",
    );
    let text = text.replace("message = \"m\"", "message = \"{oops}\"");
    let source = RuleSource {
        name: "pinned.toml".into(),
        text: text.into(),
    };
    let n = load_rule(&source).err().map_or(0, |e| e.len());
    assert_eq!(n, 1);
}

#[test]
fn good_checks_of_every_kind_load() {
    pin(
        "[[check]]\nkind = \"require\"\neach = \"section\"\nscope = \"paragraph\"\npatterns = ['x']\nwhen = 'period >= fy(\"2020/21\") and params.limit > 1'\n\
         [[check]]\nkind = \"forbid\"\npatterns = ['{d:date}']\ncondition = \"d > statement_date\"\nanchor = \"d\"\n[check.labels]\nd = \"{d}\"\n\
         [[check]]\nkind = \"assert\"\npatterns = ['{y:fy}']\ncondition = \"deadlines[y] > statement_date\"\n\
         [[check]]\nkind = \"numbering\"\ncondition = 'problem == \"x\"'\nunless = ['z']\nlabel = \"{problem}\"\n\
         [[check]]\nkind = \"resolve\"\nscope = \"signatory\"\npatterns = ['(?P<section>\\d)']\nmessage = \"{target} {signer_name} {signer_date}\"\n",
        "ok",
    );
}

#[test]
fn every_builtin_rule_loads_with_its_fragments_checked() {
    // At start-up the pack's own fragments are not checked again: this is
    // the check.
    let mut loaded = 0;
    for file in crate::rules::DEFAULT_RULES.files() {
        let name = file.path().display().to_string();
        if !name.ends_with(".toml") || crate::rules::vocabulary::is_vocabulary_file(file.path()) {
            continue;
        }
        let source = RuleSource {
            name: name.clone(),
            text: file.contents_utf8().unwrap_or_default().into(),
        };
        let errors: Vec<String> = load_rule(&source)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|e| e.message.clone())
            .collect();
        assert_eq!(errors, Vec::<String>::new(), "{name}");
        loaded += 1;
    }
    assert!(loaded >= 30, "the pack has its rules: {loaded}");
}
