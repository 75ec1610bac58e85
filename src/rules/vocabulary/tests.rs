use super::*;
use crate::rules::pattern::compile_in;
use crate::values::ValueKind;

fn source(name: &str, text: &str) -> RuleSource {
    RuleSource {
        name: name.into(),
        text: text.into(),
    }
}

/// A vocabulary from a file's text, over an empty one.
fn vocabulary(text: &str) -> Result<Arc<Vocabulary>, Vec<String>> {
    Vocabulary::extend(Arc::default(), &source("vocabulary.toml", text))
        .map_err(|es| es.into_iter().map(|e| e.message).collect())
}

/// The text each error of `text` points at, with its message.
fn errors_at(text: &str) -> Vec<(String, String)> {
    let src = source("vocabulary.toml", text);
    match Vocabulary::extend(Arc::default(), &src) {
        Ok(_) => Vec::new(),
        Err(es) => es
            .into_iter()
            .map(|e| {
                let at = e.span.map_or(String::new(), |s| {
                    text[s.offset()..s.offset() + s.len()].to_owned()
                });
                (at, e.message)
            })
            .collect(),
    }
}

const WORDS: &str = r#"
[lists]
post = ["Chief Executive", "Chief Executive Officer", "s.151 (Officer)"]
title = { case_sensitive = true, words = ["Dr", "Mrs"] }

[fragments]
# A name after a title.
named = '''
  {@title} \s+ (?P<who> \p{Lu}\p{Ll}+ )   # the surname
'''
year_then_post = '''{when:fy} \s+ {@post}'''
"#;

#[test]
fn a_list_is_an_escaped_alternation_longest_first() {
    let words = vocabulary(WORDS).expect("valid");
    let post = words.get("post").expect("defined");
    assert_eq!(
        post.regex,
        r"(?i:Chief\s+Executive\s+Officer|Chief\s+Executive|s\.151\s+\(Officer\))"
    );
    assert_eq!(
        words.get("title").map(|e| e.regex.as_str()),
        Some("(?-i:Mrs|Dr)")
    );
    assert_eq!(
        words.word_list("title"),
        Some(&["Dr".to_owned(), "Mrs".to_owned()][..])
    );
}

#[test]
fn lists_match_any_case_and_spacing_unless_marked() {
    let words = vocabulary(WORDS).expect("valid");
    let p = compile_in(r"\b{@post}", &words).expect("compiles");
    assert!(p.regex.is_match("the chief  executive officer"));
    assert!(p.regex.is_match("the S.151 (officer)"));
    assert!(!p.regex.is_match("s7151 (officer)"), "the dot is escaped");
    let found = p.regex.find("Chief Executive Officer").map(|m| m.as_str());
    assert_eq!(
        found,
        Some("Chief Executive Officer"),
        "the longest entry wins"
    );
    let t = compile_in(r"(?i){@title}\b", &words).expect("compiles");
    assert!(t.regex.is_match("Dr"));
    assert!(
        !t.regex.is_match("DR"),
        "a case-sensitive list keeps its case inside (?i)"
    );
}

#[test]
fn fragments_are_verbose_groups_and_may_nest() {
    let words = vocabulary(WORDS).expect("valid");
    // The fragment's spaces and comment are layout, though the pattern is
    // not verbose; its captures are the pattern's.
    let p = compile_in("Signed: {@named}.", &words).expect("compiles");
    let caps = p.regex.captures("Signed: Mrs Smith.").expect("matches");
    assert_eq!(caps.name("who").map(|m| m.as_str()), Some("Smith"));
    assert_eq!(p.uses, vec!["named".to_owned()]);
    assert_eq!(
        words.get("named").map(|e| e.uses.clone()),
        Some(vec!["title".to_owned()])
    );
    // A typed capture inside a fragment is typed in the pattern.
    let p = compile_in("{@year_then_post}", &words).expect("compiles");
    assert_eq!(
        p.captures.first().map(|c| (c.name.as_str(), c.kind)),
        Some(("when", Some(ValueKind::FinancialYear)))
    );
    assert!(p.regex.is_match("2023/24 chief executive"));
}

#[test]
fn a_capture_wanted_twice_goes_around_the_reference() {
    let words = vocabulary(WORDS).expect("valid");
    let twice = compile_in("{@named} and {@named}", &words).err();
    let at = twice.as_ref().map(|e| e.range.clone());
    assert_eq!(at, Some(13..21), "the second reference");
    assert!(twice.is_some_and(|e| e.message.contains("`{@named}`")));
    let p = compile_in("(?P<a>{@title}) and (?P<b>{@title})", &words).expect("compiles");
    assert_eq!(p.captures.len(), 2);
}

#[test]
fn unknown_names_point_at_the_reference_with_a_suggestion() {
    let words = vocabulary(WORDS).expect("valid");
    let text = r"(?i)\b{@posts}\b";
    let e = compile_in(text, &words).expect_err("an error");
    assert_eq!(&text[e.range.clone()], "{@posts}");
    assert_eq!(e.message, "no list or fragment named `@posts`");
    assert!(
        e.help
            .is_some_and(|h| h.starts_with("did you mean `@post`?"))
    );
    let e = compile_in("{@statutory-post}", &words).expect_err("an error");
    assert!(e.message.contains("not a vocabulary name"), "{}", e.message);
}

#[test]
fn regex_errors_outside_references_keep_their_offsets() {
    let words = vocabulary(WORDS).expect("valid");
    let text = "{@post} {@named} (unclosed";
    let e = compile_in(text, &words).expect_err("an error");
    assert_eq!(e.range.start, 17);
    assert!(e.message.contains("unclosed"));
}

#[test]
fn fragment_errors_point_into_the_definition() {
    let bad = r#"
[fragments]
good = 'a'
broken = '''a ( b'''
"#;
    let errors = errors_at(bad);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "(");
    let typo = "[fragments]\nx = '{@missing}'\n";
    assert_eq!(errors_at(typo)[0].0, "{@missing}");
    let slip = "[fragments]\nx = '''\n  a\n| b\n|\n'''\n";
    let errors = errors_at(slip);
    assert_eq!(errors[0].0, "|");
    assert!(errors[0].1.contains("empty alternative"));
}

#[test]
fn cycles_are_refused() {
    let cycle = "[fragments]\na = 'x{@b}'\nb = 'y{@c}'\nc = 'z{@a}'\n";
    let errors = errors_at(cycle);
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .any(|(at, m)| at == "{@a}" && m.contains("@a → @b → @c → @a")),
        "{errors:?}"
    );
    let itself = "[fragments]\na = 'x{@a}'\n";
    assert_eq!(errors_at(itself)[0].0, "{@a}");
}

#[test]
fn names_are_defined_once() {
    let shared = vocabulary(WORDS).expect("valid");
    let folder = "[lists]\npost = [\"Leader\"]\nnew_one = [\"Leader\"]\n";
    let errors = Vocabulary::extend(shared, &source("mine/vocabulary.toml", folder))
        .err()
        .unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message,
        "`@post` is already defined in vocabulary.toml"
    );
    let both = "[lists]\nx = [\"a\"]\n[fragments]\nx = 'a'\n";
    assert!(errors_at(both)[0].1.contains("both a list and a fragment"));
    let empty = "[lists]\nx = []\ny = [\"a\", \" A \"]\n";
    let messages: Vec<String> = errors_at(empty).into_iter().map(|(_, m)| m).collect();
    assert_eq!(
        messages,
        vec!["the list `x` is empty", "the list `y` has \" A \" twice"]
    );
}

#[test]
fn the_builtin_vocabulary_checks_clean() {
    // At run time its fragments are not checked again: this is the check.
    let checked = Vocabulary::build_builtin(true).map_err(|es| {
        let messages: Vec<String> = es.iter().map(|e| e.message.clone()).collect();
        messages
    });
    assert_eq!(checked.err(), None);
}

#[test]
fn the_builtin_vocabulary_loads() {
    let words = Vocabulary::builtin().map_err(|es| es.len());
    let words = words.expect("the built-in vocabulary has no errors");
    let p = compile_in(r"(?i)\b{@statutory_post}\b", &words).expect("compiles");
    for post in ["Head of Paid Service", "s151 Officer", "monitoring officer"] {
        assert!(p.regex.is_match(post), "{post}");
    }
}

const RULE: &str = r#"id = "named-once"
severity = "info"
summary = "s"
message = "m"

[docs]
what = "w"
why = "y"
example = "e"

[lists]
committee = ["Audit Committee", "Standards Committee"]

[fragments]
# "approved by the Audit Committee"
approved = '''approved \s+ by \s+ (?:the\s+)? {@committee}'''

[[check]]
kind = "require"
patterns = ['(?i){@approved}']

[[check]]
kind = "forbid"
patterns = ['(?i)\b{@monitoring_officer}\b', '(?i)not {@approved}']
"#;

#[test]
fn a_rule_names_its_own_pieces_and_explain_lists_them() {
    let rule = crate::rules::load_rule(&source("rules/named-once.toml", RULE));
    let rule = rule.map_err(|es| es.into_iter().map(|e| e.message).collect::<Vec<_>>());
    let rule = rule.expect("loads");
    assert_eq!(rule.uses, vec!["approved", "monitoring_officer"]);
    assert!(
        rule.checks[0]
            .kind
            .matcher()
            .expect("a matching check")
            .patterns[0]
            .regex
            .is_match("Approved by the standards  committee")
    );
    let text = explain_uses(&rule);
    assert!(
        text.contains("- @approved (fragment of this rule): `approved"),
        "{text}"
    );
    assert!(
        text.contains(
            "- @monitoring_officer (list from rules/vocabulary.toml): \"Monitoring Officer\""
        ),
        "{text}"
    );
    let entry = explain_entry(&rule.vocabulary, "committee").expect("known");
    assert!(entry.contains("- Standards Committee"), "{entry}");
    assert!(
        entry.contains("Used by the fragments: @approved"),
        "{entry}"
    );
    let unknown = explain_entry(&rule.vocabulary, "comittee")
        .err()
        .unwrap_or_default();
    assert!(unknown.contains("did you mean `@committee`?"), "{unknown}");
}

#[test]
fn a_rule_cannot_redefine_a_shared_name() {
    let text = RULE.replace(
        "committee = [",
        "monitoring_officer = [\"x\"]\ncommittee = [",
    );
    let errors = crate::rules::load_rule(&source("rules/named-once.toml", &text))
        .err()
        .unwrap_or_default();
    assert!(
        errors
            .iter()
            .any(|e| e.message
                == "`@monitoring_officer` is already defined in rules/vocabulary.toml"),
        "{errors:?}"
    );
}

#[test]
fn conditions_look_words_up_in_vocabulary_lists() {
    let rule = |condition: &str| {
        format!(
            "id = \"list-probe\"\nseverity = \"info\"\nsummary = \"s\"\nmessage = \"m\"\n[docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n[[check]]\nkind = \"forbid\"\npatterns = ['(?P<w>\\p{{Lu}}\\w+) Smith']\ncondition = '{condition}'\n"
        )
    };
    let loaded = crate::rules::load_rule(&source("list-probe.toml", &rule("w not in @role_word")));
    assert!(loaded.is_ok(), "{:?}", loaded.err());
    let errors = crate::rules::load_rule(&source("list-probe.toml", &rule("w in @role_words")))
        .expect_err("an unknown list is an error");
    assert!(
        errors.iter().any(|e| e.message.contains("role_words")),
        "{:?}",
        errors.iter().map(|e| &e.message).collect::<Vec<_>>()
    );
}
