//! Lints the samples 100 times, for profiling the per-file path:
//! `cargo run --release --example corpus`.
use govlint::model::ParseOptions;
use govlint::rules::RuleSet;
use govlint::source::{Format, SourceFile};
use std::time::Instant;

#[allow(clippy::print_stdout)]
fn main() {
    let samples = [
        (
            include_str!("../samples/compliant/thornbury-vale-ags-2023-24.md"),
            Format::Markdown,
        ),
        (
            include_str!("../samples/defects/castlemoor-ags-2022-23-draft.md"),
            Format::Markdown,
        ),
        (
            include_str!("../samples/defects/castlemoor-ags-2022-23-draft-pdf.txt"),
            Format::PlainText,
        ),
    ];
    let Ok(mut rules) = RuleSet::load(true, &[]) else {
        return;
    };
    // `--only id,id` lints with a subset of the pack.
    let args: Vec<String> = std::env::args().collect();
    if let Some(ids) = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
    {
        let keep: Vec<&str> = ids.split(',').collect();
        rules = RuleSet::new(
            rules
                .rules
                .into_iter()
                .filter(|r| keep.contains(&r.id.as_str()))
                .collect(),
        );
    }
    let options = ParseOptions::default();
    let t = Instant::now();
    let mut bytes = 0;
    for i in 0..300 {
        let (text, format) = samples[i % 3];
        bytes += text.len();
        let report =
            govlint::check_source(SourceFile::from_text("doc", text, format), &rules, &options);
        std::hint::black_box(report);
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{:.1} MB/s", bytes as f64 / secs / 1e6);
    if std::env::args().any(|a| a == "--per-rule") {
        let statements: Vec<_> = samples
            .iter()
            .map(|(text, format)| {
                govlint::model::Statement::parse(
                    &SourceFile::from_text("doc", *text, *format),
                    &options,
                )
            })
            .collect();
        let mut times: Vec<(f64, String)> = Vec::new();
        for rule in &rules.rules {
            let alone = RuleSet::new(vec![rule.clone()]);
            let t = Instant::now();
            for _ in 0..30 {
                for st in &statements {
                    std::hint::black_box(govlint::engine::run(st, &alone));
                }
            }
            times.push((t.elapsed().as_secs_f64() * 1000.0 / 30.0, rule.id.clone()));
        }
        times.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, id) in times.iter().take(12) {
            println!("{ms:7.3} ms per 3 samples  {id}");
        }
    }
}
