//! Properties of every document, not only of the samples: statements are
//! generated from pieces a council might write (headings, numbered
//! paragraphs, tables, signature blocks, typed values, curly quotes,
//! mojibake, footnote markers, ligatures, stray tags, broken lines) in
//! Markdown, text and HTML, and for each one:
//! - the model's map from clean text to the file lands on char boundaries
//!   inside the file;
//! - every finding's span and label lies inside the file;
//! - CRLF and LF line endings, and a byte order mark or none, give the same
//!   findings;
//! - the reports are the same bytes whatever order the files are created
//!   or given in.

use govlint::diagnostic::{FileOutcome, FileReport, Run, Summary};
use govlint::model::{ParseOptions, Statement};
use govlint::report::{JsonReporter, LineIndex, Reporter};
use govlint::rules::RuleSet;
use govlint::source::{self, Format, ReadLimits, SourceFile};
use govlint::testing::fuzz::{byte_map_problem, span_problem};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::LazyLock;

static PACK: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(true, &[]).expect("pack loads"));

fn options() -> ParseOptions {
    ParseOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        ..ParseOptions::default()
    }
}

/// Pieces of sentences, plain and awkward.
const PIECES: &[&str] = &[
    "The Council",
    "the Audit and Governance Committee",
    "approved the Medium Term Financial Strategy",
    "for 2024/25 to 2027/28",
    "on 30 September 2023",
    "in 2023/24",
    "for 2021/22",
    "£2.4m",
    "£350,000",
    "15%",
    "met quarterly",
    "the Monitoring Officer",
    "the Chief Finance Officer (s151 Officer)",
    "under section 151 of the Local Government Act 1972",
    "used £1.2 million of general reserves",
    "did not",
    "no significant governance issues",
    "see paragraph 4.2",
    "[insert date]",
    "TBC",
    "the café’s “annual” review",
    "didnâ€™t",
    "the review¹",
    "ﬁnance and ﬂow",
    "x<br>y",
    "A &amp; B",
    "—",
    "govern-\nance",
    "\t",
    "  ",
    "é",
    "🙂",
];

const TITLES: &[&str] = &[
    "Annual Governance Statement 2023/24",
    "Introduction",
    "Scope of responsibility",
    "The purpose of the governance framework",
    "Review of effectiveness",
    "Significant governance issues",
    "Certification",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..8).prop_map(|p| p.join(" ") + ".")
}

fn paragraph() -> impl Strategy<Value = String> {
    // Several sentences, sometimes wrapped over lines as pdftotext does.
    (prop::collection::vec(sentence(), 1..4), any::<bool>())
        .prop_map(|(s, wrap)| s.join(if wrap { "\n" } else { " " }))
}

/// One block as written in `format`.
fn block(format: Format) -> impl Strategy<Value = String> {
    let heading = (1u8..4, prop::sample::select(TITLES), 0u8..9);
    prop_oneof![
        heading.prop_map(move |(level, title, n)| match format {
            Format::Markdown => format!("{} {n}. {title}", "#".repeat(level.into())),
            Format::Html => format!("<h{level}>{n}. {title}</h{level}>"),
            _ => format!("{n}. {}", title.to_uppercase()),
        }),
        paragraph().prop_map(move |p| match format {
            Format::Html => format!("<p>{p}</p>"),
            _ => p,
        }),
        (1u8..9, 1u8..12, paragraph()).prop_map(move |(a, b, p)| match format {
            Format::Html => format!("<p>{a}.{b} {p}</p>"),
            _ => format!("{a}.{b} {p}"),
        }),
        (prop::sample::select(PIECES), prop::sample::select(PIECES)).prop_map(move |(a, b)| {
            match format {
                Format::Markdown => format!("| Post | Holder |\n|---|---|\n| {a} | {b} |"),
                Format::Html => format!(
                    "<table><tr><th>Post</th><th>Holder</th></tr><tr><td>{a}</td><td>{b}</td></tr></table>"
                ),
                _ => format!("Post          Holder\n{a}          {b}"),
            }
        }),
        sentence().prop_map(move |s| match format {
            Format::Html => format!("<ul><li>{s}</li></ul>"),
            _ => format!("- {s}"),
        }),
        prop::sample::select(&["Leader of the Council", "Chief Executive"][..]).prop_map(
            move |post| match format {
                Format::Html => format!("<p>Signed: ……<br>{post}<br>Date:</p>"),
                _ => format!("Signed: ……………\n{post}\nDate:"),
            }
        ),
    ]
}

/// A statement: its format and text (LF line endings).
fn statement() -> impl Strategy<Value = (Format, String)> {
    prop::sample::select(&[Format::Markdown, Format::PlainText, Format::Html][..]).prop_flat_map(
        |format| {
            prop::collection::vec(block(format), 1..14)
                .prop_map(move |blocks| (format, blocks.join("\n\n") + "\n"))
        },
    )
}

fn check(source: SourceFile) -> FileReport {
    govlint::check_source(source, &PACK, &options())
}

/// What a reader sees of each finding: rule, message, label, line and
/// words. Byte offsets differ between CRLF and LF files; these must not.
fn seen(report: &FileReport) -> Vec<(String, String, Option<String>, usize, String)> {
    let FileOutcome::Checked {
        source, findings, ..
    } = &report.outcome
    else {
        panic!("{}: not checked", report.path);
    };
    let lines = LineIndex::new(&source.text);
    findings
        .iter()
        .map(|f| {
            let words = source.text[f.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let line = lines.line_col(f.span.start).0;
            (
                f.rule.clone(),
                f.message.clone(),
                f.label.clone(),
                line,
                words,
            )
        })
        .collect()
}

fn read(name: &str, bytes: Vec<u8>, format: Format) -> SourceFile {
    source::from_bytes(
        name.into(),
        None,
        bytes,
        &ReadLimits::default(),
        Some(format),
    )
    .expect("a generated statement reads")
}

fn json(files: Vec<FileReport>) -> String {
    let run = Run {
        files,
        skipped: Vec::new(),
        gone_from_baseline: Vec::new(),
    };
    let mut out = Vec::new();
    JsonReporter::default()
        .report(&run, &Summary::of(&run.files), &mut out)
        .expect("JSON to memory");
    String::from_utf8(out).expect("UTF-8 JSON")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn the_byte_map_and_every_span_stay_inside_the_file((format, text) in statement()) {
        let source = SourceFile::from_text("generated", text, format);
        let statement = Statement::parse(&source, &options());
        prop_assert_eq!(byte_map_problem(&statement, &source.text), Ok(()));
        prop_assert_eq!(span_problem(&check(source)), Ok(()));
    }

    #[test]
    fn crlf_and_lf_give_the_same_findings((format, text) in statement()) {
        let lf = check(read("generated", text.clone().into_bytes(), format));
        let crlf_text = text.replace('\n', "\r\n");
        let crlf = check(read("generated", crlf_text.into_bytes(), format));
        prop_assert_eq!(span_problem(&crlf), Ok(()));
        prop_assert_eq!(seen(&lf), seen(&crlf));
    }

    #[test]
    fn a_byte_order_mark_changes_no_finding((format, text) in statement()) {
        let plain = check(read("generated", text.clone().into_bytes(), format));
        let bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        let with_bom = check(read("generated", bom, format));
        prop_assert_eq!(seen(&plain), seen(&with_bom));
    }

    #[test]
    fn reports_do_not_depend_on_the_order_of_files(
        docs in prop::collection::vec(statement(), 2..5),
        order in any::<prop::sample::Index>(),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let ext = |f: Format| match f {
            Format::Markdown => "md",
            Format::Html => "html",
            _ => "txt",
        };
        let paths: Vec<PathBuf> = docs
            .iter()
            .enumerate()
            .map(|(i, (format, _))| dir.path().join(format!("s{i}.{}", ext(*format))))
            .collect();
        // Create the files in a rotated order: a folder lists them as it
        // likes, and the walk must not care.
        let turn = order.index(docs.len());
        for i in (0..docs.len()).map(|i| (i + turn) % docs.len()) {
            std::fs::write(&paths[i], &docs[i].1).expect("write a statement");
        }
        let read = govlint::ReadOptions::default();
        let walked = |dir: PathBuf| json(govlint::check_paths(&[dir], &PACK, &options(), &read).files);
        let first = walked(dir.path().to_owned());
        prop_assert_eq!(&first, &walked(dir.path().to_owned()));
        // Files given in any order: each file's report is the same bytes
        // as when it is checked alone.
        let mut given = paths.clone();
        given.rotate_left(turn);
        let together = govlint::check_paths(&given, &PACK, &options(), &read);
        for (path, report) in given.iter().zip(together.files) {
            let alone = govlint::check_paths(std::slice::from_ref(path), &PACK, &options(), &read);
            prop_assert_eq!(json(vec![report]), json(alone.files));
        }
    }
}
