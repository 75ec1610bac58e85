//! Every rule of the default pack carries examples, and they all pass.

mod common;

use govlint::tester::run_examples;

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
        vec!["expected findings [\"mtfs-horizon\"], got []".to_owned()]
    );
    assert!(results[0].passed());
}
