//! Annotating Word documents built here: the comment lands on the words,
//! the copy reads back as the same text, and the markup keeps to Word's
//! content models (checked by `testing::annotated`).

use super::*;
use crate::diagnostic::Finding;
use crate::rules::Severity;
use crate::source::{Format, SourceFile, from_bytes};
use crate::testing::annotated::{anchored_texts, annotation_problem};
use std::io::{Cursor, Read, Write};
use std::sync::Arc;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;
const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A .docx with this document part, and a comments part when given
/// (with its relationship and content type).
fn package(document: &str, comments: Option<&str>) -> Vec<u8> {
    let mut types = String::from(
        r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts = vec![
        (
            "_rels/.rels".to_owned(),
            format!(
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="word/document.xml"/></Relationships>"#
            ),
        ),
        ("word/document.xml".to_owned(), document.to_owned()),
    ];
    if let Some(comments) = comments {
        types.push_str(&format!(
            r#"<Override PartName="/word/comments.xml" ContentType="{}"/>"#,
            parts::COMMENTS_TYPE
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId9" Type="{RELS}/comments" Target="comments.xml"/>"#
        ));
        parts.push(("word/comments.xml".to_owned(), comments.to_owned()));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    parts.insert(0, ("[Content_Types].xml".to_owned(), types));
    parts.push(("word/_rels/document.xml.rels".to_owned(), rels));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in &parts {
        zip.start_file(name.as_str(), options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn body(paragraphs: &str) -> String {
    format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>"#)
}

fn read(bytes: &[u8]) -> SourceFile {
    match from_bytes(
        "t.docx".into(),
        None,
        bytes.to_vec(),
        &ReadLimits::default(),
        Some(Format::Docx),
    ) {
        Ok(source) => source,
        Err(e) => panic!("reads: {e}"),
    }
}

/// A finding on the first occurrence of `words` in the text.
fn finding_on(source: &SourceFile, words: &str) -> Finding {
    let start = source
        .text
        .find(words)
        .unwrap_or_else(|| panic!("{words:?} not in {:?}", source.text));
    Finding {
        rule: "test-rule".into(),
        severity: Severity::Warning,
        message: "the words are wrong".into(),
        span: start..start + words.len(),
        label: Some("these words".into()),
        labels: Vec::new(),
        help: Some("write them again".into()),
        url: None,
        references: Arc::from(Vec::new()),
        snippet: words.into(),
        location: String::new(),
        page: None,
    }
}

/// Annotates a finding on each of `words`; checks the copy and that each
/// comment covers its words; returns the new body part.
fn annotate_words(docx: &[u8], words: &[&str]) -> String {
    let source = read(docx);
    let findings: Vec<Finding> = words.iter().map(|w| finding_on(&source, w)).collect();
    let out = annotate("t.docx", docx, &findings, &ReadLimits::default()).expect("annotates");
    assert_eq!(out.comments, words.len());
    if let Err(problem) = annotation_problem(&source, docx, &out.bytes, out.comments) {
        panic!("{problem}");
    }
    let anchored = anchored_texts(&out.bytes).expect("anchors read");
    for w in words {
        assert!(
            anchored.values().any(|a| a == w),
            "no comment on {w:?}: {anchored:?}"
        );
    }
    part(&out.bytes, "word/document.xml")
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[test]
fn a_comment_inside_a_run_splits_it_keeping_its_formatting() {
    let docx = package(
        &body(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>The Audit Committee met four times.</w:t></w:r></w:p>"#,
        ),
        None,
    );
    let xml = annotate_words(&docx, &["Committee met"]);
    assert!(xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">The Audit </w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Committee met</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> four times.</w:t></w:r>"#), "{xml}");
}

#[test]
fn whole_runs_are_not_split() {
    let docx = package(
        &body(
            r#"<w:p><w:r><w:t xml:space="preserve">The council </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>approved</w:t></w:r><w:r><w:t xml:space="preserve"> the plan.</w:t></w:r></w:p>"#,
        ),
        None,
    );
    let xml = annotate_words(&docx, &["approved"]);
    assert!(xml.contains(r#"<w:commentRangeStart w:id="0"/><w:r><w:rPr><w:i/></w:rPr><w:t>approved</w:t></w:r><w:commentRangeEnd w:id="0"/>"#), "{xml}");
}

#[test]
fn comments_may_span_runs_paragraphs_and_references() {
    let docx = package(
        &body(concat!(
            r#"<w:p><w:r><w:t>Audit &amp; Risk</w:t></w:r><w:r><w:t xml:space="preserve"> Committee</w:t></w:r></w:p>"#,
            r#"<w:p><w:hyperlink w:anchor="x"><w:r><w:t>Local Code of Governance</w:t></w:r></w:hyperlink></w:p>"#,
        )),
        None,
    );
    annotate_words(&docx, &["& Risk Committee", "Code of", "Risk"]);
}

#[test]
fn words_in_an_equation_are_commented_around_it() {
    let docx = package(
        &body(
            r#"<w:p><w:r><w:t xml:space="preserve">Reserves of </w:t></w:r><m:oMath><m:r><m:t>x</m:t></m:r></m:oMath><w:r><w:t xml:space="preserve"> million.</w:t></w:r></w:p>"#,
        ),
        None,
    );
    let source = read(&docx);
    let f = finding_on(&source, "x");
    let out = annotate("t.docx", &docx, &[f], &ReadLimits::default()).expect("annotates");
    if let Err(problem) = annotation_problem(&source, &docx, &out.bytes, 1) {
        panic!("{problem}");
    }
    let xml = part(&out.bytes, "word/document.xml");
    assert!(
        xml.contains(r#"<w:commentRangeStart w:id="0"/><m:oMath>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"</m:oMath><w:commentRangeEnd w:id="0"/>"#),
        "{xml}"
    );
}

#[test]
fn a_tracked_formatting_change_is_not_copied_into_the_split() {
    let docx = package(
        &body(
            r#"<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t>one two three</w:t></w:r></w:p>"#,
        ),
        None,
    );
    let xml = annotate_words(&docx, &["two"]);
    assert_eq!(xml.matches("rPrChange").count(), 2, "{xml}");
    assert!(
        xml.contains(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">two</w:t>"#),
        "{xml}"
    );
}

#[test]
fn a_default_namespace_body_gets_declared_markers() {
    let document = r#"<?xml version="1.0"?><document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>The council met.</t></r></p></body></document>"#;
    let xml = annotate_words(&package(document, None), &["council"]);
    assert!(xml.contains(r#"<w:commentRangeStart xmlns:w="#), "{xml}");
    assert!(
        xml.contains(r#"<r><t xml:space="preserve">The </t></r>"#),
        "{xml}"
    );
}

#[test]
fn reviewers_comments_stay_and_new_ids_follow_theirs() {
    let comments = format!(
        r#"<?xml version="1.0"?><w:comments {W}><w:comment w:id="7" w:author="Reviewer"><w:p><w:r><w:t>Check the date.</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let docx = package(
        &body(
            r#"<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>Approved on 3 June 2025 by the committee.</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>"#,
        ),
        Some(&comments),
    );
    let xml = annotate_words(&docx, &["3 June 2025"]);
    assert!(xml.contains(r#"<w:commentRangeStart w:id="8"/>"#), "{xml}");
    let out = part(&annotate_bytes(&docx, "3 June 2025"), "word/comments.xml");
    assert!(
        out.contains("Check the date.") && out.contains(r#"w:id="8" w:author="govlint""#),
        "{out}"
    );
}

fn annotate_bytes(docx: &[u8], words: &str) -> Vec<u8> {
    let source = read(docx);
    let f = finding_on(&source, words);
    annotate("t.docx", docx, &[f], &ReadLimits::default())
        .expect("annotates")
        .bytes
}

#[test]
fn a_new_comments_part_is_related_and_typed() {
    let docx = package(
        &body(r#"<w:p><w:r><w:t>The council met.</w:t></w:r></w:p>"#),
        None,
    );
    let out = annotate_bytes(&docx, "met");
    assert!(part(&out, "word/_rels/document.xml.rels").contains(r#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml""#));
    assert!(part(&out, "[Content_Types].xml").contains(&format!(
        r#"<Override PartName="/word/comments.xml" ContentType="{}"/>"#,
        parts::COMMENTS_TYPE
    )));
    let comments = part(&out, "word/comments.xml");
    assert!(
        comments.contains("The words are wrong [warning test-rule]"),
        "{comments}"
    );
    assert!(
        comments.contains("How to fix: write them again"),
        "{comments}"
    );
    // The same draft and findings give the same bytes.
    assert_eq!(out, annotate_bytes(&docx, "met"));
}

#[test]
fn without_findings_the_body_is_copied_byte_for_byte() {
    let document = body(r#"<w:p><w:r><w:t>The council met.</w:t></w:r></w:p>"#);
    let docx = package(&document, None);
    let out = annotate("t.docx", &docx, &[], &ReadLimits::default()).expect("annotates");
    assert_eq!(out.comments, 0);
    assert_eq!(part(&out.bytes, "word/document.xml"), document);
}

#[test]
fn words_govlint_made_up_are_commented_on_their_paragraph() {
    // A span on text not in the XML (a generated "4.8", or here the line
    // break between two paragraphs) is put on its whole paragraph.
    let docx = package(
        &body(
            r#"<w:p><w:r><w:t>The council met.</w:t></w:r></w:p><w:p><w:r><w:t>It agreed.</w:t></w:r></w:p>"#,
        ),
        None,
    );
    let source = read(&docx);
    let mut f = finding_on(&source, "\n\n");
    f.snippet = String::new();
    let out = annotate("t.docx", &docx, &[f], &ReadLimits::default()).expect("annotates");
    assert_eq!((out.comments, out.beside), (1, 0));
    let anchored = anchored_texts(&out.bytes).expect("anchors");
    assert_eq!(
        anchored.values().collect::<Vec<_>>(),
        vec!["The council met."]
    );
}

#[test]
fn traced_words_are_the_words_in_the_xml() {
    let document = body(concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">  The  Audit&#160;and </w:t><w:tab/><w:t>Governance</w:t></w:r><w:r><w:t xml:space="preserve"> Committee &amp; its chair&#8217;s report</w:t></w:r></w:p>"#,
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Post</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Monitoring</w:t></w:r></w:p><w:p><w:r><w:t>Officer</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
    ));
    let docx = package(&document, None);
    let doc = docx::read("t.docx", &docx, &ReadLimits::default()).expect("reads");
    let mut checked = 0;
    for (at, word) in doc
        .text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - doc.text.as_ptr() as usize, w))
    {
        let Some(xml) = doc.origins.xml_range(at..at + word.len()) else {
            continue;
        };
        let raw = &document[xml];
        let text = quick_xml::escape::unescape(raw).expect("text");
        assert_eq!(text, word, "{raw:?}");
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}
