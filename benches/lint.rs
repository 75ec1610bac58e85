//! Throughput of the whole pipeline (parse, extract, all default rules) on
//! a generated 1 MB statement and on a corpus of 100 statements.
//! Run with `cargo bench`; divan prints bytes per second.

use divan::Bencher;
use divan::counter::BytesCount;
use govlint::model::ParseOptions;
use govlint::rules::RuleSet;
use govlint::source::{Format, SourceFile};

fn main() {
    divan::main();
}

const SAMPLES: [(&str, Format); 3] = [
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

fn rules() -> RuleSet {
    RuleSet::load(true, &[]).unwrap_or_default()
}

/// A statement of at least 1 MB: the compliant sample's body repeated, each
/// copy under its own numbered section so the model sees a long document.
fn one_megabyte() -> SourceFile {
    let body = SAMPLES[0].0;
    let mut text = String::with_capacity((1 << 20) + body.len());
    let mut part = 1;
    while text.len() < 1 << 20 {
        text.push_str(&format!("\n# Part {part}\n\n"));
        text.push_str(body);
        part += 1;
    }
    SourceFile::from_text("generated.md", text, Format::Markdown)
}

#[divan::bench(sample_count = 20)]
fn statement_1mb(bencher: Bencher) {
    let rules = rules();
    let source = one_megabyte();
    let options = ParseOptions::default();
    bencher
        .counter(BytesCount::new(source.text.len()))
        .bench(|| govlint::check_source(divan::black_box(source.clone()), &rules, &options));
}

#[divan::bench(sample_count = 20)]
fn corpus_100_files(bencher: Bencher) {
    let rules = rules();
    let corpus: Vec<SourceFile> = (0..100)
        .map(|i| {
            let (text, format) = SAMPLES[i % SAMPLES.len()];
            SourceFile::from_text(format!("doc{i}"), text, format)
        })
        .collect();
    let bytes: usize = corpus.iter().map(|s| s.text.len()).sum();
    let options = ParseOptions::default();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for source in &corpus {
            divan::black_box(govlint::check_source(source.clone(), &rules, &options));
        }
    });
}

/// The typed-value extractor alone, over a 1 MB statement (its own target
/// was 150 MB/s).
#[divan::bench(sample_count = 20)]
fn extract_values_1mb(bencher: Bencher) {
    let source = one_megabyte();
    bencher
        .counter(BytesCount::new(source.text.len()))
        .bench(|| govlint::values::extract_values(divan::black_box(&source.text)));
}

/// Reading the text of a 101-page statement printed to PDF by LibreOffice
/// (tests/fixtures/pdf/make_fixtures.sh); the target is well under 1 s.
#[divan::bench(sample_count = 10)]
fn read_pdf_101_pages(bencher: Bencher) {
    let bytes = include_bytes!("../tests/fixtures/pdf/long-statement.pdf");
    let limits = govlint::source::ReadLimits::default();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| govlint::source::pdf::read("long.pdf", divan::black_box(bytes), &limits));
}
