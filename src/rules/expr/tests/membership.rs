//! `x in [...]`, `x not in [...]` and named word lists `x in @name`.

use super::*;

/// The test scope plus two word lists.
struct WithLists {
    names: Vec<(&'static str, Type)>,
    lists: Vec<(&'static str, Vec<String>)>,
}

impl Scope for WithLists {
    fn lookup(&self, name: &str) -> Option<Type> {
        self.names.lookup(name)
    }
    fn names(&self) -> Vec<&str> {
        self.names.names()
    }
    fn word_list(&self, name: &str) -> Option<&[String]> {
        let (_, words) = self.lists.iter().find(|(n, _)| *n == name)?;
        Some(words)
    }
    fn word_lists(&self) -> Vec<&str> {
        self.lists.iter().map(|(n, _)| *n).collect()
    }
}

fn with_lists() -> WithLists {
    let words = |w: &[&str]| w.iter().map(ToString::to_string).collect();
    WithLists {
        names: scope(),
        lists: vec![
            ("role_word", words(&["Chief", "Executive", "Officer"])),
            ("committees", words(&["Audit Committee", "Cabinet"])),
        ],
    }
}

fn check_with_lists(src: &str) -> Result<Expr, ExprError> {
    parse(src)?.check_condition(&with_lists())
}

fn decide(src: &str) -> Option<bool> {
    let expr = check_with_lists(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
    expr.eval_condition(&env())
}

#[test]
fn membership_parses_at_comparison_level() {
    assert_eq!(
        tree(r#"x in ["The", "Our", "Chief"]"#),
        r#"(in x ["The", "Our", "Chief"])"#
    );
    assert_eq!(tree("x not in @role_word"), "(not-in x @role_word)");
    assert_eq!(tree(r#"not x in ["a"]"#), r#"(not (in x ["a"]))"#);
    assert_eq!(tree(r#"x in ["a"] and y"#), r#"(and (in x ["a"]) y)"#);
    assert_eq!(tree(r#"a.title in ["a",]"#), r#"(in a.title ["a"])"#);
    assert_eq!(tree("x in []"), "(in x [])");
    assert_eq!(tree("x in@a_1"), "(in x @a_1)");
}

#[test]
fn membership_syntax_errors() {
    let e = assert_error(
        "name in name",
        "name",
        "expected a list after `in`, found `name`",
    );
    assert!(e.help.is_some_and(|h| h.contains("@role_word")));
    assert_error(
        "name in",
        "",
        "expected a list after `in`, found the end of the condition",
    );
    assert_error(r#"name in [1]"#, "1", "a list holds strings, found `1`");
    assert_error(
        r#"name in ["a", count]"#,
        "count",
        "a list holds strings, found `count`",
    );
    assert_error(r#"name in ["a""#, "[", "unclosed `[`");
    assert_error(r#"name in ["a", "#, "[", "unclosed `[`");
    assert_error(
        r#"name in ["a" "b"]"#,
        r#""b""#,
        r#"expected `]` to close `[`, found `"b"`"#,
    );
    assert_error(
        r#"name in ["a"] in ["b"]"#,
        "in",
        "comparisons cannot be chained",
    );
    assert_error(
        r#"name == name in ["b"]"#,
        "in",
        "comparisons cannot be chained",
    );
    assert_error(
        r#"name in ["a"] not in ["b"]"#,
        "not",
        "comparisons cannot be chained",
    );
    assert_error("name in @", "@", "expected a word list's name after `@`");
    let e = assert_error(
        "name in @Roles",
        "@Roles",
        "names are written in lower case",
    );
    assert_eq!(e.help.as_deref(), Some("write `@roles`"));
    assert_error(
        "name not name",
        "not",
        "unexpected `not` after a complete condition",
    );
    assert_error("in", "in", "expected a value, found `in`");
}

#[test]
fn membership_needs_text_and_a_known_list() {
    let e = assert_error(
        r#"3 in ["The", "Our"]"#,
        "3",
        "`in` needs text on its left, found number",
    );
    assert!(e.help.is_some_and(|h| h.contains("`==`")));
    let e = assert_error(
        r#"act not in ["x"]"#,
        "act",
        "`not in` needs text on its left, found citation",
    );
    assert!(e.help.is_some_and(|h| h.contains("`.title`")));

    let e = check_with_lists("name in @role_wrod").expect_err("unknown list");
    assert_eq!(e.message, "unknown word list `@role_wrod`");
    assert_eq!(&"name in @role_wrod"[e.span], "@role_wrod");
    assert_eq!(
        e.help.as_deref(),
        Some("did you mean `@role_word`? word lists: @committees, @role_word")
    );
    let e = check_with_lists("name in @zzz").expect_err("unknown list");
    assert_eq!(
        e.help.as_deref(),
        Some("word lists: @committees, @role_word")
    );
    // A scope without word lists has none to suggest.
    let e = assert_error(
        "name in @role_word",
        "@role_word",
        "unknown word list `@role_word`",
    );
    assert_eq!(e.help, None);
}

#[test]
fn membership_evaluates_by_exact_text() {
    assert_eq!(
        decide(r#"name in ["Cabinet", "Audit Committee"]"#),
        Some(true)
    );
    assert_eq!(decide(r#"name in ["audit committee"]"#), Some(false));
    assert_eq!(decide(r#"name in ["Audit"]"#), Some(false));
    assert_eq!(decide(r#"name not in ["Audit Committee"]"#), Some(false));
    assert_eq!(decide(r#"name not in ["Cabinet"]"#), Some(true));
    assert_eq!(decide("name in []"), Some(false));
    assert_eq!(decide("name in @committees"), Some(true));
    assert_eq!(decide("name not in @role_word"), Some(true));
    assert_eq!(
        decide(r#"act.title in ["Local Government Act"]"#),
        Some(true)
    );
    assert_eq!(decide(r#"not name in ["Cabinet"] and t"#), Some(true));
}

#[test]
fn membership_of_a_missing_value_is_unknown() {
    let mut names = scope();
    names.push(("missing_text", Type::Text));
    let scope = WithLists {
        names,
        lists: with_lists().lists,
    };
    for src in [
        r#"missing_text in ["a"]"#,
        r#"missing_text not in ["a"]"#,
        "missing_text in @role_word",
        "missing_text not in @role_word",
        "act2.title in []",
    ] {
        let expr = parse(src)
            .and_then(|p| p.check_condition(&scope))
            .expect("checks");
        let expected = if src.starts_with("act2") {
            Some(false)
        } else {
            None
        };
        assert_eq!(expr.eval_condition(&env()), expected, "{src}");
    }
    let expr = parse(r#"missing_text in ["a"] or t"#)
        .and_then(|p| p.check_condition(&scope))
        .expect("checks");
    assert_eq!(expr.eval_condition(&env()), Some(true));
}

#[test]
fn membership_names_and_lists_are_resolved_at_check_time() {
    let expr = check_with_lists("act.title in @committees").expect("checks");
    assert_eq!(expr.names(), ["act"]);
    assert_eq!(
        typed_sx(&expr.root),
        r#"(in (. $act title) ["Audit Committee", "Cabinet"])"#
    );
}
