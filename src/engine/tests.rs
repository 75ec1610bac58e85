//! How the engine gives names their values, where rule examples do not
//! reach: built-in names shadowed or missing, and fallbacks to captures.

use crate::model::{ParseOptions, Statement};
use crate::rules::{RuleSet, RuleSource};
use crate::source::{Format, SourceFile};

/// The messages of the findings of one rule (whose checks are `checks`)
/// on `text`.
fn messages(checks: &str, text: &str) -> Vec<String> {
    let rule = format!(
        "id = \"probe\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\n\
         [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n\
         [params]\nlimit = 3\n{checks}"
    );
    let source = RuleSource {
        name: "probe.toml".into(),
        text: rule.into(),
    };
    let rules = RuleSet::from_sources(&[source]).expect("the probe rule loads");
    let doc = SourceFile::from_text("doc.md", text.to_owned(), Format::Markdown);
    let options = ParseOptions {
        period: Some(crate::values::FinancialYear { start_year: 2023 }),
        ..ParseOptions::default()
    };
    let st = Statement::parse(&doc, &options);
    super::run(&st, &rules)
        .findings
        .into_iter()
        .map(|f| format!("{} @{:?}", f.message, f.span))
        .collect()
}

#[test]
fn built_in_names_of_other_kinds_are_captures() {
    let found = messages(
        "[[check]]\nkind = \"forbid\"\npatterns = ['see (?P<target>\\w+) by (?P<problem>\\w+)']\nmessage = \"{target}/{problem} {params.limit} {period}\"\n",
        "Please see this by Friday.\n",
    );
    assert_eq!(found, vec!["this/Friday 3 2023/24 @7..25".to_owned()]);
}

#[test]
fn a_resolve_condition_cannot_see_the_target() {
    // `target` is typed for the condition but given only to the message,
    // so a condition over it is unknown and the reference is skipped.
    let checks = "[[check]]\nkind = \"resolve\"\npatterns = ['see section (?P<section>\\d+)']\nmessage = \"no {target}\"\n";
    let text = "# 1 Intro\n\nAs we see section 9 says.\n";
    assert_eq!(messages(checks, text), vec!["no 9 @17..30".to_owned()]);
    let with_condition = format!("{checks}condition = 'target == \"9\"'\n");
    assert_eq!(messages(&with_condition, text), Vec::<String>::new());
}

#[test]
fn numbering_problems_are_named() {
    let found = messages(
        "[[check]]\nkind = \"numbering\"\nmessage = \"{number} {problem} after {previous}, expected {expected}\"\n",
        "1.1 One.\n\n1.2 Two.\n\n1.4 Four.\n\n1.4 Again.\n",
    );
    assert_eq!(
        found,
        vec![
            "1.4 skips a number after 1.2, expected 1.3 @20..23".to_owned(),
            "1.4 is a duplicate after 1.4, expected 1.5 @31..34".to_owned(),
        ]
    );
}

#[test]
fn signatory_facts_and_when() {
    let found = messages(
        "[[check]]\nkind = \"forbid\"\nscope = \"signatory\"\npatterns = ['(?i)leader|chief']\nwhen = 'params.limit > 2'\nmessage = \"{signer_role}: {signer_name}\"\n",
        "# Annual Governance Statement 2023/24\n\n## Signed\n\n| Role | Name | Date |\n|---|---|---|\n| Leader | Cllr Jane Doe | 24 September 2024 |\n| Chief Executive | ........ | ........ |\n",
    );
    assert_eq!(
        found,
        vec![
            "Leader: Cllr Jane Doe @89..95".to_owned(),
            "Chief Executive: ? @136..141".to_owned(),
        ]
    );
}

#[test]
fn draft_severity_applies_only_to_drafts() {
    use crate::model::Stage;
    use crate::rules::Severity;
    let rule = "id = \"probe\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\n\
        [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n\
        [[check]]\nkind = \"forbid\"\npatterns = ['(?i)to be dated']\ndraft_severity = \"info\"\n";
    let rules = RuleSet::from_sources(&[RuleSource {
        name: "probe.toml".into(),
        text: rule.into(),
    }])
    .expect("the probe rule loads");
    let doc = SourceFile::from_text("doc.md", "Signed: to be dated.", Format::Markdown);
    let severity = |stage| {
        let options = ParseOptions {
            stage,
            ..ParseOptions::default()
        };
        let st = Statement::parse(&doc, &options);
        let found = super::run(&st, &rules).findings;
        found.iter().map(|f| f.severity).collect::<Vec<_>>()
    };
    assert_eq!(severity(Stage::Draft), vec![Severity::Info]);
    assert_eq!(severity(Stage::Final), vec![Severity::Error]);
}

#[test]
fn regexes_compile_on_first_use_and_only_where_the_literals_are() {
    // Texts of their own, so no other test shares (and compiles) them.
    let checks = "[[check]]\nkind = \"forbid\"\npatterns = ['(?i)\\bwarmed zebra\\b']\nmessage = \"z\"\n\
                  [[check]]\nkind = \"forbid\"\npatterns = ['(?i)\\bcold yak\\b']\nmessage = \"y\"\n";
    let rule = format!(
        "id = \"probe\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\n\
         [docs]\nwhat = \"w\"\nwhy = \"y\"\nexample = \"e\"\n{checks}"
    );
    let source = RuleSource {
        name: "probe.toml".into(),
        text: rule.into(),
    };
    let rules = RuleSet::from_sources(&[source]).expect("the probe rule loads");
    let regexes: Vec<_> = rules.rules[0]
        .checks
        .iter()
        .filter_map(|c| c.kind.matcher())
        .map(|m| m.patterns[0].regex.clone())
        .collect();
    assert!(
        regexes.iter().all(|r| !r.is_compiled()),
        "nothing compiles at load"
    );
    let doc = SourceFile::from_text("doc.md", "A warmed zebra.\n".to_owned(), Format::Markdown);
    let st = Statement::parse(&doc, &ParseOptions::default());
    // On two threads the engine compiles what the document may reach ahead.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build();
    let found = pool.map(|p| p.install(|| super::run(&st, &rules).findings.len()));
    assert_eq!(found.ok(), Some(1));
    assert!(regexes[0].is_compiled());
    assert!(
        !regexes[1].is_compiled(),
        "no \"yak\" in the text: never compiled"
    );
}

#[test]
fn a_finding_inside_a_longer_one_of_the_same_rule_is_dropped() {
    let checks = "[[check]]\nkind = \"forbid\"\npatterns = ['\\[date TBC\\]']\nmessage = \"outer\"\n\
                  [[check]]\nkind = \"forbid\"\npatterns = ['TBC']\nmessage = \"inner\"\n\
                  [[check]]\nkind = \"forbid\"\npatterns = ['\\[date TBC\\]']\nmessage = \"same words\"\n";
    let text = "It went to Council on [date TBC]. The cost is TBC.\n";
    assert_eq!(
        messages(checks, text),
        vec![
            "outer @22..32".to_owned(),
            "same words @22..32".to_owned(),
            "inner @46..49".to_owned(),
        ]
    );
}
