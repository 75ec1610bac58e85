//! Start-up (the default pack on a 5 KB draft), and throughput of the whole
//! pipeline (parse, extract, all default rules) on a generated 1 MB
//! statement and on a corpus of 100 statements. Run with `cargo bench`;
//! divan prints times and bytes per second.

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

/// Start-up: load the default pack and check a 5 KB draft, as a CI gate on
/// one statement does. Each iteration drops its rules, so the regexes the
/// draft reaches compile again (only the built-in vocabulary, built once
/// per process, is not counted again).
#[divan::bench(sample_count = 10)]
fn startup_5kb(bencher: Bencher) {
    let draft = SourceFile::from_text(
        "oakhurst.md",
        include_str!("../samples/defects/oakhurst-ags-2021-22-thin-draft.md"),
        Format::Markdown,
    );
    let options = ParseOptions::default();
    bencher.bench(|| {
        let rules = rules();
        govlint::check_source(divan::black_box(draft.clone()), &rules, &options)
    });
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

/// A Word document of about 100 pages, built in memory: 100 sections,
/// each a numbered heading, twelve numbered paragraphs split across runs
/// and a five-row table, with styles and numbering as council templates
/// have them.
fn hundred_page_docx() -> Vec<u8> {
    use std::io::Write;
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let run = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    let mut body = String::new();
    for section in 1..=100 {
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{}</w:p>"#,
            run(&format!("Review of area {section}"))
        ));
        for _ in 0..12 {
            body.push_str(r#"<w:p><w:pPr><w:pStyle w:val="Para"/></w:pPr>"#);
            body.push_str(&run(
                "The Audit and Governance Committee considered the internal audit report on ",
            ));
            body.push_str(&run(
                "contract management, which gave limited assurance, and asked for an update on ",
            ));
            body.push_str(&run(
                "the agreed actions by 31 March 2025; the Chief Finance Officer reported progress.",
            ));
            body.push_str("</w:p>");
        }
        body.push_str("<w:tbl>");
        for row in 0..5 {
            body.push_str("<w:tr>");
            for cell in ["Issue", "Action", "Lead officer", "Target date"] {
                body.push_str(&format!(
                    "<w:tc><w:p>{}</w:p></w:tc>",
                    run(&format!("{cell} {row}"))
                ));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Para"><w:name w:val="AGS Paragraph"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let rels = format!(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="r2" Type="{REL}/numbering" Target="numbering.xml"/></Relationships>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &numbering),
        ("word/_rels/document.xml.rels", &rels),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

/// Reading a 100-page Word document into text and outline (the reader
/// alone, not the rules); counted in bytes of text extracted.
#[divan::bench(sample_count = 20)]
fn read_docx_100_pages(bencher: Bencher) {
    let bytes = hundred_page_docx();
    let limits = govlint::source::ReadLimits::default();
    let text =
        govlint::source::docx::read("bench.docx", &bytes, &limits).map_or(0, |doc| doc.text.len());
    assert!(text > 250_000, "about 100 pages of text");
    bencher
        .counter(BytesCount::new(text))
        .bench(|| govlint::source::docx::read("bench.docx", divan::black_box(&bytes), &limits));
}
