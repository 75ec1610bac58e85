//! What the fuzz targets in `fuzz/` run, one function per target.
//!
//! Each takes arbitrary bytes, puts them through one stage of govlint as a
//! user's input would go, renders every output a user could ask for, and
//! panics only when govlint breaks a promise: a panic of its own, a span
//! outside the file or off a character boundary, an error that does not
//! name its file, a machine-readable report that does not parse. The
//! targets are one line each, and `tests/fuzz_corpora.rs` replays the
//! committed corpora through these same functions under `cargo test`, so a
//! regression fails CI without a nightly compiler.

use crate::baseline::Baseline;
use crate::config::{Config, Flags, Settings};
use crate::diagnostic::{FileOutcome, FileReport, Run, Summary};
use crate::model::{ParseOptions, Statement};
use crate::report::{
    ConciseReporter, GithubReporter, GitlabReporter, HtmlReporter, HumanReporter, JsonReporter,
    JunitReporter, Reporter, SarifReporter,
};
use crate::rules::expr::{self, Env, ExprError, Scope, Type, Val};
use crate::rules::template::Template;
use crate::rules::{RuleSet, RuleSource, Severity, load_rule};
use crate::source::{self, Format, ReadLimits, SourceFile};
use crate::values::{FinancialYear, ValueData};
use miette::Diagnostic;
use std::io::{Cursor, Write};
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The name every fuzzed input goes by; errors must carry it.
const NAME: &str = "fuzzed-input";

/// Smaller than the command line's defaults, so a run stays fast, but the
/// same code paths.
const LIMITS: ReadLimits = ReadLimits {
    max_file_size: 1 << 20,
    max_unpacked_size: 8 << 20,
    max_entries: 256,
};

/// The default rule pack, loaded once per process.
static PACK: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::load(true, &[]).expect("the default rule pack loads"));

/// A statement the rule, config and baseline targets run against: a short
/// sample with findings of several rules.
const SAMPLE: &str = include_str!("../../samples/defects/oakhurst-ags-2021-22-thin-draft.md");

/// Loads what the targets share (the default pack, the sample's report),
/// so the first input is not timed with it: a target calls this from its
/// `init` block.
pub fn init() {
    LazyLock::force(&PACK);
    LazyLock::force(&CHECKED);
    LazyLock::force(&CONDITION_ENV);
}

/// The sample, checked by the default pack.
static CHECKED: LazyLock<FileReport> = LazyLock::new(|| {
    let source = SourceFile::from_text("statement.md", SAMPLE, Format::Markdown);
    crate::check_source(source, &PACK, &options())
});

fn options() -> ParseOptions {
    ParseOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        max_findings: Some(10_000),
        ..ParseOptions::default()
    }
}

/// A document in `format` (Markdown, text, HTML, Word or PDF), read from
/// `data` and checked by the default pack.
pub fn document(format: Format, data: &[u8]) {
    match source::from_bytes(NAME.to_owned(), None, data.to_vec(), &LIMITS, Some(format)) {
        Ok(source) => {
            let word = (format == Format::Docx).then(|| source.clone());
            let findings = check_document(source);
            if let Some(source) = word {
                annotate_document(&source, data, &findings);
            }
        }
        Err(e) => {
            let shown = render(&e);
            assert!(shown.contains(NAME), "an input error must name its file");
        }
    }
}

/// A Word document whose parts are `data` split at NUL bytes: the main
/// document, then styles, numbering, comments and footnotes, packed into a
/// valid .docx. Byte mutations of a whole .docx mostly break the zip; this
/// reaches the XML readers behind it.
pub fn docx_parts(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0);
    let mut next = || parts.next().unwrap_or_default();
    let (document, styles, numbering, comments, footnotes) =
        (next(), next(), next(), next(), next());
    let package = docx_package(&[
        ("word/document.xml", document),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
        ("word/comments.xml", comments),
        ("word/footnotes.xml", footnotes),
    ]);
    self::document(Format::Docx, &package);
}

/// A .docx package holding `parts` (each `word/<kind>.xml`), with the
/// relationships that make Word read them, stored without compression.
pub fn docx_package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (name, _) in parts.iter().filter(|(n, _)| *n != "word/document.xml") {
        let file = name.trim_start_matches("word/");
        let kind = file.trim_end_matches(".xml");
        rels.push_str(&format!(
            r#"<Relationship Id="r{kind}" Type="{RELS}/{kind}" Target="{file}"/>"#
        ));
    }
    rels.push_str("</Relationships>");
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let rels_part = ("word/_rels/document.xml.rels", rels.as_bytes());
    for (name, bytes) in parts.iter().chain([&rels_part]) {
        zip.start_file(*name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// A rule file: loaded, and when it loads, run on a sample statement.
pub fn rule_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = RuleSource {
        name: "fuzzed-rule.toml".to_owned(),
        text: Arc::from(text),
    };
    match load_rule(&source) {
        Ok(rule) => run_rules(RuleSet::new(vec![rule])),
        Err(errors) => {
            assert!(!errors.is_empty(), "a rule that fails to load says why");
            for e in &errors {
                rendered_within_bounds(e, text.len());
            }
        }
    }
}

/// A condition and a message template (`data` split at the first NUL),
/// parsed and type-checked against names of every type, then evaluated and
/// rendered with a value for each (some malformed, some absent). This is
/// the condition language alone, without compiling a rule's patterns, so
/// it runs fast.
pub fn condition(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (condition, message) = text.split_once('\0').unwrap_or((text, "{w}"));
    let env = &*CONDITION_ENV;
    match expr::parse_condition(condition, &ConditionScope) {
        Ok(expr) => {
            let _ = expr.eval_condition(env);
        }
        Err(e) => assert_span_inside(&e, condition),
    }
    match Template::parse(message, &ConditionScope) {
        Ok(template) => {
            let _ = template.render(env);
        }
        Err(e) => assert_span_inside(&e, message),
    }
}

/// An error's span must point into the text it is about, on char
/// boundaries: the rule loader shows it inside the TOML.
fn assert_span_inside(e: &ExprError, text: &str) {
    assert!(
        e.span.start <= e.span.end && text.get(e.span.clone()).is_some(),
        "error span {:?} is not inside the {}-byte text: {}",
        e.span,
        text.len(),
        e.message
    );
}

/// The names a fuzzed condition may use, one of every type: `d` (date),
/// `y` (financial year, with `bad_y` malformed and `no_y` absent), `r`
/// (year range), `term` (duration), `m` (money), `p` (percent), `q`
/// (frequency), `act` (citation), `n` (number), `w` (text), `t` (bool),
/// `params.n`, and the table `due` from years to dates; `@posts` is a word
/// list.
struct ConditionScope;

const CONDITION_NAMES: [(&str, Type); 13] = [
    ("d", Type::Date),
    ("y", Type::FinancialYear),
    ("bad_y", Type::FinancialYear),
    ("no_y", Type::FinancialYear),
    ("r", Type::YearRange),
    ("term", Type::Duration),
    ("m", Type::Money),
    ("p", Type::Percent),
    ("q", Type::Frequency),
    ("act", Type::Citation),
    ("n", Type::Number),
    ("w", Type::Text),
    ("t", Type::Bool),
];

impl Scope for ConditionScope {
    fn lookup(&self, name: &str) -> Option<Type> {
        match name {
            "params.n" => Some(Type::Number),
            "due" => Some(Type::table(Type::FinancialYear, Type::Date)),
            _ => CONDITION_NAMES.lookup(name),
        }
    }
    fn names(&self) -> Vec<&str> {
        let mut names = CONDITION_NAMES.names();
        names.extend(["params.n", "due"]);
        names
    }
    fn word_list(&self, name: &str) -> Option<&[String]> {
        static POSTS: LazyLock<Vec<String>> =
            LazyLock::new(|| vec!["Chief Executive".into(), "Monitoring Officer".into()]);
        (name == "posts").then_some(POSTS.as_slice())
    }
    fn word_lists(&self) -> Vec<&str> {
        vec!["posts"]
    }
}

/// A value for each name of [`ConditionScope`], read from a sentence by
/// the same extraction the model uses.
struct ConditionEnv {
    values: Vec<(&'static str, ValueData)>,
}

static CONDITION_ENV: LazyLock<ConditionEnv> = LazyLock::new(|| {
    let sentence = "On 30 September 2023 the 2022/23 accounts, the 2023/25 plan and the \
        2024/25 to 2027/28 strategy over three years at 2.5% met quarterly with £2.4m \
        under the Local Government Act 1972.";
    let mut values = Vec::new();
    for value in crate::values::extract_values(sentence) {
        let name = match &value.data {
            ValueData::Date(_) => "d",
            ValueData::FinancialYear(_) => "y",
            ValueData::Malformed { .. } => "bad_y",
            ValueData::YearRange(_) => "r",
            ValueData::Duration(_) => "term",
            ValueData::Money(_) => "m",
            ValueData::Percent(_) => "p",
            ValueData::Frequency(_) => "q",
            ValueData::Citation(_) => "act",
        };
        if !values.iter().any(|(n, _)| *n == name) {
            values.push((name, value.data));
        }
    }
    ConditionEnv { values }
});

impl Env for ConditionEnv {
    fn get(&self, name: &str) -> Option<Val<'_>> {
        match name {
            "n" | "params.n" => Some(Val::Number(3.0)),
            "w" => Some(Val::Text("reserves".into())),
            "t" => Some(Val::Bool(true)),
            _ => self
                .values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, data)| Val::from_data(data)),
        }
    }
    fn index(&self, table: &str, key: &Val<'_>) -> Option<Val<'_>> {
        let due = Val::Fy(FinancialYear { start_year: 2022 });
        (table == "due" && *key == due)
            .then(|| self.get("d"))
            .flatten()
    }
}

/// A `govlint.toml`: read, bound to the default pack, and when it binds,
/// used to check a sample (its profile for a path under `drafts/`).
pub fn config_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let dir = Path::new("/nonexistent/govlint-fuzz");
    let config = match Config::parse("govlint.toml", dir, text) {
        Ok(config) => config,
        Err(errors) => {
            for e in &errors {
                rendered_within_bounds(e, text.len());
            }
            return;
        }
    };
    let flags = Flags {
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        ..Flags::default()
    };
    match Settings::new(Some(config), PACK.clone(), flags, dir) {
        Ok(mut settings) => {
            let _ = crate::config::describe(&settings.effective(None), None);
            let profile = settings.profile(Path::new("drafts/statement.md"));
            let source = SourceFile::from_text(NAME, SAMPLE, Format::Markdown);
            let report = crate::check_source(source, &profile.rules, &profile.options);
            render_run(one_file(report), &profile.rules);
        }
        Err(errors) => {
            for e in &errors {
                rendered_within_bounds(e, text.len());
            }
        }
    }
}

/// A baseline file: read, and when it reads, applied to the findings on a
/// sample.
pub fn baseline_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Baseline::parse("baseline.json", text) {
        Ok(baseline) => {
            let mut run = one_file(copy(&CHECKED));
            baseline.apply(&mut run, Path::new("."), "baseline.json");
            render_run(run, &PACK);
        }
        Err(e) => rendered_within_bounds(e.as_ref(), text.len()),
    }
}

/// Parses, checks and renders a document, asserting that the model's map
/// to the source and every span stay inside the text on char boundaries.
/// A Word document annotated with its findings: the copy must read back
/// as the same text with the comments where they belong (or, when the
/// package cannot take them, an error that names the file).
fn annotate_document(source: &SourceFile, data: &[u8], findings: &[crate::diagnostic::Finding]) {
    match crate::annotate::annotate(NAME, data, findings, &LIMITS) {
        Ok(annotated) => {
            if let Err(problem) = super::annotated::annotation_problem(
                source,
                data,
                &annotated.bytes,
                annotated.comments,
            ) {
                panic!("{problem}");
            }
        }
        Err(e) => assert!(
            render(&e).contains(NAME),
            "an annotate error must name its file"
        ),
    }
}

/// Checks a document, renders every report, and returns its findings.
fn check_document(source: SourceFile) -> Vec<crate::diagnostic::Finding> {
    let options = options();
    let statement = Statement::parse(&source, &options);
    if let Err(problem) = byte_map_problem(&statement, &source.text) {
        panic!("{problem}");
    }
    let report = crate::check_statement(source, &statement, &PACK, &options);
    if let Err(problem) = span_problem(&report) {
        panic!("{problem}");
    }
    let findings = match &report.outcome {
        FileOutcome::Checked { findings, .. } => findings.clone(),
        FileOutcome::Unreadable(_) => Vec::new(),
    };
    render_run(one_file(report), &PACK);
    findings
}

/// Runs `rules` on the sample and renders the result.
fn run_rules(rules: RuleSet) {
    let source = SourceFile::from_text(NAME, SAMPLE, Format::Markdown);
    let report = crate::check_source(source, &rules, &options());
    if let Err(problem) = span_problem(&report) {
        panic!("{problem}");
    }
    render_run(one_file(report), &rules);
}

/// Where the statement's map from clean text to the source goes wrong:
/// every clean offset must map to a char boundary inside `source`, and
/// ranges must map to ranges that do not run backwards.
pub fn byte_map_problem(statement: &Statement, source: &str) -> Result<(), String> {
    let clean = statement.text();
    let boundaries: Vec<usize> = clean
        .char_indices()
        .map(|(i, _)| i)
        .chain([clean.len()])
        .collect();
    for pair in boundaries.windows(2) {
        let range = statement.to_source(&(pair[0]..pair[1]));
        if range.start > range.end || range.end > source.len() {
            return Err(format!(
                "clean bytes {:?} map to {range:?}, outside the {}-byte source",
                pair[0]..pair[1],
                source.len()
            ));
        }
        if !source.is_char_boundary(range.start) || !source.is_char_boundary(range.end) {
            return Err(format!(
                "clean bytes {:?} map to {range:?}, off a char boundary of the source",
                pair[0]..pair[1]
            ));
        }
    }
    Ok(())
}

/// Where a report's spans go wrong: every finding's span and label must
/// lie inside the file's text, on char boundaries.
pub fn span_problem(report: &FileReport) -> Result<(), String> {
    let FileOutcome::Checked {
        source,
        findings,
        suppressed,
        ..
    } = &report.outcome
    else {
        return Ok(());
    };
    let text = &source.text;
    let all = findings.iter().chain(suppressed.iter().map(|s| &s.finding));
    for f in all {
        let spans = std::iter::once(&f.span).chain(f.labels.iter().map(|l| &l.span));
        for span in spans {
            if span.start > span.end || text.get(span.clone()).is_none() {
                return Err(format!(
                    "{}: span {span:?} of {} is not inside the {}-byte text on char boundaries",
                    report.path,
                    f.rule,
                    text.len()
                ));
            }
        }
    }
    Ok(())
}

/// Renders a run in every format; the JSON and SARIF must parse.
fn render_run(run: Run, rules: &RuleSet) {
    let summary = Summary::of(&run.files);
    let reporters: [(&str, Box<dyn Reporter + '_>); 8] = [
        ("human", Box::new(HumanReporter::new(false, 80))),
        ("concise", Box::new(ConciseReporter::new(false))),
        ("json", Box::new(JsonReporter::default())),
        ("sarif", Box::new(SarifReporter::new(rules))),
        ("github", Box::new(GithubReporter { quiet: false })),
        (
            "junit",
            Box::new(JunitReporter::new(rules, Some(Severity::Error))),
        ),
        ("gitlab", Box::new(GitlabReporter::default())),
        ("html", Box::new(HtmlReporter::new(rules))),
    ];
    for (name, mut reporter) in reporters {
        let mut out = Vec::new();
        reporter
            .report(&run, &summary, &mut out)
            .expect("writing to memory cannot fail");
        let text = String::from_utf8(out).expect("reports are UTF-8");
        if matches!(name, "json" | "sarif" | "gitlab")
            && let Err(e) = serde_json::from_str::<serde_json::Value>(&text)
        {
            panic!("the {name} report does not parse: {e}");
        }
    }
}

/// Renders a diagnostic as the command line does.
fn render(diagnostic: &dyn Diagnostic) -> String {
    HumanReporter::new(false, 80).render(diagnostic)
}

/// Renders an error about a file of `len` bytes, asserting that the
/// message does not echo huge inputs back in full.
fn rendered_within_bounds(diagnostic: &dyn Diagnostic, len: usize) {
    let shown = render(diagnostic);
    assert!(
        shown.len() <= 64 * 1024 + 4 * len.min(4096),
        "an error about a {len}-byte file is {} bytes long",
        shown.len()
    );
}

/// A run of one file.
fn one_file(report: FileReport) -> Run {
    Run {
        files: vec![report],
        skipped: Vec::new(),
        gone_from_baseline: Vec::new(),
    }
}

/// A copy of a checked file's report (an unreadable file's error cannot be
/// copied, and the baseline target never makes one).
fn copy(report: &FileReport) -> FileReport {
    let FileOutcome::Checked {
        source,
        facts,
        findings,
        suppressed,
        errors,
        requirements,
    } = &report.outcome
    else {
        unreachable!("the sample is always read");
    };
    FileReport {
        path: report.path.clone(),
        outcome: FileOutcome::Checked {
            source: source.clone(),
            facts: *facts,
            findings: findings.clone(),
            suppressed: suppressed.clone(),
            errors: errors.clone(),
            requirements: requirements.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_condition_target_has_a_value_of_every_kind_but_the_absent_one() {
        let env = &*CONDITION_ENV;
        for (name, _) in CONDITION_NAMES {
            assert_eq!(env.get(name).is_some(), name != "no_y", "{name}");
        }
        assert!(matches!(env.get("bad_y"), Some(Val::Malformed(_))));
        let expr = expr::parse_condition("d > due[y] and m.pounds > 1000", &ConditionScope)
            .unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(expr.eval_condition(env), Some(false));
        let broken = expr::parse_condition("d > w", &ConditionScope);
        assert!(broken.is_err());
    }
}
