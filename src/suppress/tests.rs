//! Directives applied to findings of the default pack.

use crate::diagnostic::{FileOutcome, Finding, Suppressed, SuppressedBy};
use crate::model::ParseOptions;
use crate::rules::RuleSet;
use crate::source::{Format, SourceFile};

fn rules() -> RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES
        .get_or_init(|| RuleSet::load(true, &[]).expect("the default pack loads"))
        .clone()
}

/// A finding as a test sees it: rule, line, and message or reason.
type Seen = (String, usize, String);

/// The findings and suppressed findings of `text`, each as (rule, line,
/// message or reason), leaving out the findings on line 1 (the title,
/// where findings about what a short example lacks point).
fn check(text: &str, format: Format) -> (Vec<Seen>, Vec<Seen>) {
    let source = SourceFile::from_text("t", text, format);
    let report = crate::check_source(source, &rules(), &ParseOptions::default());
    let FileOutcome::Checked {
        findings,
        suppressed,
        ..
    } = report.outcome
    else {
        panic!("checked");
    };
    let line = |f: &Finding| text[..f.span.start].matches('\n').count() + 1;
    // Statement-level findings point at the title, on line 1.
    let local = |f: &&Finding| line(f) > 1;
    (
        findings
            .iter()
            .filter(local)
            .map(|f| (f.rule.clone(), line(f), f.message.clone()))
            .collect(),
        suppressed
            .iter()
            .map(|s: &Suppressed| (s.finding.rule.clone(), line(&s.finding), s.reason.clone()))
            .collect(),
    )
}

fn rules_of(list: &[Seen]) -> Vec<(&str, usize)> {
    list.iter().map(|(r, l, _)| (r.as_str(), *l)).collect()
}

const HEAD: &str = "# Annual Governance Statement 2023/24\n\n## 1. Review\n\n";

#[test]
fn next_line_covers_the_next_block_however_it_is_wrapped() {
    let text = format!(
        "{HEAD}<!-- govlint-disable-next-line placeholder -- the date is set in July -->\n\n1.1 The committee met\non [insert date] and again on [insert date].\n\n1.2 The council met on [insert date].\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(rules_of(&findings), vec![("placeholder", 10)]);
    assert_eq!(
        suppressed,
        vec![
            ("placeholder".into(), 8, "the date is set in July".into()),
            ("placeholder".into(), 8, "the date is set in July".into()),
        ]
    );
}

#[test]
fn several_rules_unknown_rules_and_rules_with_nothing_to_suppress() {
    let text = format!(
        "{HEAD}<!-- govlint-disable-next-line placeholder, drafting-notes, paragraph-numbering, unused-suppression -- agreed -->\n1.1 TODO: dates. The committee met on [insert date].\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(rules_of(&suppressed), vec![("placeholder", 6)]);
    let messages: Vec<(&str, &str)> = findings
        .iter()
        .map(|(r, _, m)| (r.as_str(), m.as_str()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "unknown-rule-in-suppression",
                "`unused-suppression` is govlint's own check of suppressions and cannot be suppressed in the document"
            ),
            (
                "unknown-rule-in-suppression",
                "no rule `drafting-notes` to suppress"
            ),
            (
                "unused-suppression",
                "`paragraph-numbering` is suppressed here but reports nothing in the next block"
            ),
            (
                "drafting-note",
                "drafting note left in the statement: \"TODO: dates\""
            ),
        ]
    );
}

#[test]
fn did_you_mean_names_the_nearest_rule() {
    let text = format!("{HEAD}<!-- govlint-disable-next-line drafting-notes -- x -->\n1.1 Text.\n");
    let source = SourceFile::from_text("t", text, Format::Markdown);
    let report = crate::check_source(source, &rules(), &ParseOptions::default());
    let FileOutcome::Checked { findings, .. } = report.outcome else {
        panic!("checked");
    };
    let unknown = findings
        .iter()
        .find(|f| f.rule == "unknown-rule-in-suppression")
        .expect("reported");
    assert_eq!(
        unknown.help.as_deref(),
        Some("did you mean `drafting-note`? `govlint rules` lists the rules")
    );
    assert_eq!(unknown.location, "1. Review › 1.1");
    assert_eq!(
        unknown.snippet,
        "govlint-disable-next-line drafting-notes -- x"
    );
}

#[test]
fn a_suppression_without_a_reason_applies_and_is_reported() {
    let text = format!(
        "{HEAD}<!-- govlint-disable-next-line placeholder -->\n1.1 The committee met on [insert date].\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(rules_of(&suppressed), vec![("placeholder", 6)]);
    assert_eq!(suppressed[0].2, "");
    assert_eq!(rules_of(&findings), vec![("suppression-without-reason", 5)]);
    let source = SourceFile::from_text("t", text, Format::Markdown);
    let report = crate::check_source(source, &rules(), &ParseOptions::default());
    let FileOutcome::Checked { findings, .. } = report.outcome else {
        panic!("checked");
    };
    let help = findings
        .iter()
        .find(|f| f.rule == "suppression-without-reason")
        .and_then(|f| f.help.clone());
    assert_eq!(
        help.as_deref(),
        Some(
            "say why after ` -- `: `govlint-disable-next-line placeholder -- agreed with the external auditor, minute 14/24`"
        )
    );
}

#[test]
fn disable_runs_to_its_enable_or_the_end() {
    let text = format!(
        "{HEAD}<!-- govlint-disable placeholder, drafting-note -- template text -->\n\n1.1 The committee met on [insert date].\n\n1.2 TODO: confirm.\n\n<!-- govlint-enable placeholder -->\n\n1.3 The council met on [insert date]. TODO: check.\n\n<!-- govlint-enable drafting-note -->\n<!-- govlint-enable -->\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(
        rules_of(&suppressed),
        vec![
            ("placeholder", 7),
            ("drafting-note", 9),
            ("drafting-note", 13)
        ]
    );
    assert_eq!(
        rules_of(&findings),
        vec![("placeholder", 13), ("invalid-suppression", 16)]
    );
    assert_eq!(
        findings[1].2,
        "`govlint-enable` with no `govlint-disable` open above it"
    );
    // With no enable, to the end of the document; with no id, every rule.
    let text = format!(
        "<!-- govlint-disable -- a template -->\n{HEAD}1.1 [insert date]. TODO: x.\n\n1.5 More.\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(findings, vec![]);
    assert!(suppressed.len() > 10, "{suppressed:?}");
}

#[test]
fn a_directive_before_a_table_or_list_covers_all_of_it() {
    let text = format!(
        "{HEAD}<!-- govlint-disable-next-line placeholder -- names to follow -->\n| Post | Name |\n|---|---|\n| Leader | [name] |\n| Chief Executive | [name] |\n\n<!-- govlint-disable-next-line placeholder -- to follow -->\n- [name] leads\n- [name] follows\n\n- [name] is not covered\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(
        rules_of(&suppressed),
        vec![
            ("placeholder", 8),
            ("placeholder", 9),
            ("placeholder", 12),
            ("placeholder", 13),
            ("placeholder", 15)
        ]
    );
    // A blank line does not end a list in Markdown, so the third item is
    // in the same list, and covered.
    assert_eq!(rules_of(&findings), vec![]);
}

#[test]
fn govlints_own_findings_are_never_suppressed_by_a_directive() {
    let text = format!(
        "<!-- govlint-disable -- a template -->\n{HEAD}<!-- govlint-disable-next-line placeholder -->\n1.1 [insert date].\n"
    );
    let (findings, suppressed) = check(&text, Format::Markdown);
    assert_eq!(rules_of(&findings), vec![("suppression-without-reason", 6)]);
    assert_eq!(
        suppressed.len(),
        suppressed
            .iter()
            .filter(|s| s.0 != "suppression-without-reason")
            .count()
    );
}

#[test]
fn text_and_html_directives() {
    let text = "Annual Governance Statement 2023/24\n\n1. Review\n\ngovlint-disable-next-line placeholder -- set in July\n1.1 The committee met\non [insert date].\n\n1.2 The council met on [insert date].\n";
    let (findings, suppressed) = check(text, Format::PlainText);
    assert_eq!(rules_of(&suppressed), vec![("placeholder", 7)]);
    assert_eq!(rules_of(&findings), vec![("placeholder", 9)]);

    let html = "<!DOCTYPE html><html><body><main><h1>Annual Governance Statement 2023/24</h1>\n<h2>1. Review</h2>\n<!-- govlint-disable-next-line placeholder -- set in July -->\n<p>1.1 The committee met on [insert date].</p>\n<p>1.2 The council met on [insert date].</p></main></body></html>\n";
    let (findings, suppressed) = check(html, Format::Html);
    assert_eq!(rules_of(&suppressed), vec![("placeholder", 4)]);
    assert_eq!(rules_of(&findings), vec![("placeholder", 5)]);
}

#[test]
fn directives_are_not_text_in_the_markdown_model() {
    let plain = format!(
        "{HEAD}1.1 The committee met.\n\n| Post | Name |\n|---|---|\n| Leader | A |\n\n- one\n- two\n"
    );
    let directed = format!(
        "<!-- govlint-disable -- x -->\n{HEAD}<!-- govlint-disable-next-line a -- b -->\n1.1 The committee met.\n\n<!-- govlint-disable-next-line a -- b -->\n| Post | Name |\n|---|---|\n| Leader | A |\n\n<!-- govlint-disable-next-line a -- b -->\n- one\n- two\n<!-- govlint-enable -->\n"
    );
    let blocks = |text: &str| {
        let st = crate::model::parse_text(text, Format::Markdown);
        st.blocks
            .iter()
            .map(|b| (b.kind, st.slice(&b.range).to_owned()))
            .collect::<Vec<_>>()
    };
    assert_eq!(blocks(&directed), blocks(&plain));
}

#[test]
fn a_suppressed_finding_records_the_directive() {
    let text = format!(
        "{HEAD}<!-- govlint-disable-next-line placeholder -- set in July -->\n1.1 [insert date].\n"
    );
    let source = SourceFile::from_text("t", text.clone(), Format::Markdown);
    let report = crate::check_source(source, &rules(), &ParseOptions::default());
    let FileOutcome::Checked { suppressed, .. } = report.outcome else {
        panic!("checked");
    };
    let SuppressedBy::Directive { span } = &suppressed[0].by else {
        panic!("by a directive");
    };
    assert_eq!(
        &text[span.clone()],
        "<!-- govlint-disable-next-line placeholder -- set in July -->"
    );
}
