//! Times each rule of the default pack on a generated 1 MB statement:
//! `cargo run --release --example profile`.
use govlint::engine::prefilter::required_literals_in;
use govlint::model::{ParseOptions, Statement};
use govlint::rules::RuleSet;
use govlint::source::{Format, SourceFile};
use std::time::Instant;

#[allow(clippy::print_stdout)]
fn main() {
    let body = include_str!("../samples/compliant/thornbury-vale-ags-2023-24.md");
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(body);
    }
    let source = SourceFile::from_text("generated.md", text, Format::Markdown);
    let t = Instant::now();
    let _first = Statement::parse(&source, &ParseOptions::default());
    println!(
        "parse (first, with one-time regex compilation) {:?}",
        t.elapsed()
    );
    let t = Instant::now();
    let st = Statement::parse(&source, &ParseOptions::default());
    println!("parse {:?}", t.elapsed());
    let Ok(rules) = RuleSet::load(true, &[]) else {
        return;
    };
    let plan = govlint::engine::Plan::of(&rules);
    let t = Instant::now();
    let _ = plan.literal_hits(st.text());
    println!("literal scan {:?}", t.elapsed());
    let t = Instant::now();
    let all = govlint::engine::run(&st, &rules);
    println!(
        "all rules together {:?} ({} findings)",
        t.elapsed(),
        all.findings.len()
    );
    for rule in &rules.rules {
        let alone = RuleSet::new(vec![rule.clone()]);
        let t = Instant::now();
        let out = govlint::engine::run(&st, &alone);
        println!(
            "{:40} {:?} ({} findings)",
            rule.id,
            t.elapsed(),
            out.findings.len()
        );
        for (i, check) in rule.checks.iter().enumerate() {
            let patterns = check.kind.matcher().map_or(&[][..], |m| &m.patterns);
            if let Some(p) = patterns.first() {
                let literals: Vec<_> = patterns
                    .iter()
                    .map(|p| required_literals_in(p.regex.hir()))
                    .collect();
                let t = Instant::now();
                let n = p.regex.find_iter(st.text()).count();
                println!(
                    "    check {i}: {n} matches in {:?}; literals {:?}",
                    t.elapsed(),
                    literals
                );
            }
        }
    }
}
