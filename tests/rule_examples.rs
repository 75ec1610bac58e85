//! Every rule of the default pack carries examples, and they all pass.

mod common;

use govlint::testing::{self, run_examples};

#[test]
fn every_rule_has_a_failing_and_a_passing_example() {
    let rules = common::default_rules();
    assert!(rules.rules.len() >= 4);
    for rule in &rules.rules {
        let fails = rule.tests.iter().filter(|t| !t.expect.is_empty()).count();
        let passes = rule.tests.iter().filter(|t| t.allow).count();
        assert!(
            fails >= 1 && passes >= 1,
            "{} needs a failing and a passing example",
            rule.id
        );
    }
}

#[test]
fn every_example_of_the_default_pack_passes() {
    let rules = common::default_rules();
    let mut failures = Vec::new();
    for rule in &rules.rules {
        for result in run_examples(rule) {
            if !result.passed() {
                failures.push(format!(
                    "{} example {}: {}",
                    result.rule,
                    result.index,
                    result.failures.join("; ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_failing_example_is_reported() {
    let rules = common::default_rules();
    let mut rule = rules.get("mtfs-horizon").expect("rule exists").clone();
    // Claim a compliant sentence should fire: the example must fail, saying why.
    rule.tests[2].allow = false;
    rule.tests[2].expect = vec!["mtfs-horizon".into()];
    let results = run_examples(&rule);
    assert!(!results[2].passed());
    assert_eq!(
        results[2].failures,
        vec!["expected 1 finding(s), got 0".to_owned()]
    );
    assert_eq!(results[2].expected, vec!["mtfs-horizon".to_owned()]);
    assert!(results[2].actual.is_empty());
    assert!(
        govlint::report::explain_failure(&results[2])
            .contains("expected: mtfs-horizon\n    actual:   nothing")
    );
    assert!(results[0].passed());
}

#[test]
fn wrong_matched_text_and_message_are_reported() {
    let rules = common::default_rules();
    let mut rule = rules.get("mtfs-horizon").expect("rule exists").clone();
    rule.tests[0].matches = vec!["2023/24".into()];
    rule.tests[0].message = Some("covers 9 years".into());
    let result = &run_examples(&rule)[0];
    assert_eq!(
        result.failures,
        vec![
            "the findings point at other words".to_owned(),
            "no finding's message contains \"covers 9 years\"".to_owned()
        ]
    );
    assert_eq!(
        result.actual,
        vec!["mtfs-horizon at 1:43 \"2023/24 to 2024/25\": the MTFS covers 2 years (2023/24 to 2024/25); at least 3 are required".to_owned()]
    );
}

#[test]
fn coverage_catches_a_rule_that_never_fires() {
    let rules = common::default_rules();
    let mut rule = rules
        .get("statutory-officers-meeting")
        .expect("rule exists")
        .clone();
    // Keep only the passing example: nothing makes the rule fire.
    rule.tests.retain(|t| t.allow);
    let set = govlint::rules::RuleSet::new(vec![rule]);
    let (reports, _) = testing::run(&set, &testing::TestOptions::default());
    assert!(reports[0].passed(false));
    assert!(!reports[0].fired);
    assert!(!reports[0].passed(true));
}

#[test]
fn each_rule_matches_its_reviewed_snapshot() {
    let rules = common::default_rules();
    common::snapshot_settings().bind(|| {
        for rule in &rules.rules {
            let rendered = testing::render_examples(rule, &run_examples(rule));
            insta::assert_snapshot!(format!("rules__{}", rule.id), rendered);
        }
    });
}
