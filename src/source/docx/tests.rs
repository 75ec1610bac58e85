//! The Word reader on documents built here, part by part.

use super::*;
use crate::source::outline::OutlineKind;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

pub(super) const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A zip holding these parts, deflated.
pub(super) fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        w.start_file(*name, options).expect("zip entry");
        w.write_all(text.as_bytes()).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// A .docx with this body and, when given, styles and numbering.
fn docx(body: &str, styles: &str, numbering: &str, footnotes: &str) -> Vec<u8> {
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    let mut rels = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts = vec![("word/document.xml", document.as_str())];
    let styles = format!("<w:styles {W}>{styles}</w:styles>");
    let numbering = format!("<w:numbering {W}>{numbering}</w:numbering>");
    let footnotes = format!("<w:footnotes {W}>{footnotes}</w:footnotes>");
    for (kind, name, text) in [
        ("styles", "styles.xml", &styles),
        ("numbering", "numbering.xml", &numbering),
        ("footnotes", "footnotes.xml", &footnotes),
    ] {
        rels.push_str(&format!(
            r#"<Relationship Id="r{kind}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{name}"/>"#
        ));
        parts.push((
            match kind {
                "styles" => "word/styles.xml",
                "numbering" => "word/numbering.xml",
                _ => "word/footnotes.xml",
            },
            text.as_str(),
        ));
    }
    rels.push_str("</Relationships>");
    parts.push(("word/_rels/document.xml.rels", &rels));
    zip(&parts)
}

fn read_body(body: &str) -> Extracted {
    read_full(body, "", "", "")
}

fn read_full(body: &str, styles: &str, numbering: &str, footnotes: &str) -> Extracted {
    match read(
        "t.docx",
        &docx(body, styles, numbering, footnotes),
        &ReadLimits::default(),
    ) {
        Ok(doc) => doc,
        Err(e) => panic!("reads: {e}"),
    }
}

/// Each block's kind, text and generated number.
fn blocks(doc: &Extracted) -> Vec<(OutlineKind, &str, Option<&str>)> {
    doc.outline
        .iter()
        .map(|b| {
            (
                b.kind,
                &doc.text[b.range.clone()],
                b.number.clone().map(|n| &doc.text[n]),
            )
        })
        .collect()
}

fn texts(doc: &Extracted) -> Vec<&str> {
    doc.outline
        .iter()
        .map(|b| &doc.text[b.range.clone()])
        .collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn error(bytes: &[u8], limits: &ReadLimits) -> String {
    match read("t.docx", bytes, limits) {
        Ok(doc) => panic!("expected an error, read {:?}", doc.text),
        Err(e) => match e {
            InputError::Unreadable { reason, .. } => reason,
            other => other.to_string(),
        },
    }
}

const P: &str = "Paragraph";
const PARA: OutlineKind = OutlineKind::Paragraph;

#[test]
fn runs_breaks_tabs_and_symbols_read_as_one_line() {
    let body = concat!(
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
        r#"<w:r><w:t>The Audit</w:t></w:r><w:r><w:t xml:space="preserve"> and Gov</w:t></w:r>"#,
        r#"<w:r><w:t>ernance Committee</w:t><w:tab/><w:t>met</w:t><w:br/><w:t>four times;</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> the council’s £2.5m&#160;reserve</w:t><w:noBreakHyphen/><w:t>fund </w:t>"#,
        r#"<w:sym w:font="Wingdings" w:char="F0FC"/><w:softHyphen/><w:t xml:space="preserve"> &amp; more</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>[Guidance: say who chairs the committee.]</w:t></w:r></w:p>"#,
    );
    let doc = read_body(body);
    assert_eq!(
        doc.text,
        "The Audit and Governance Committee met four times; the council’s £2.5m reserve-fund ✓ & more"
    );
    assert_eq!(blocks(&doc), vec![(PARA, doc.text.as_str(), None)]);
}

#[test]
fn fields_show_their_results_and_contents_lists_are_dropped() {
    let body = [
        // A table of contents repeats headings and page numbers.
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4.1 Internal audit 7</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>5.1 Issues 9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        // A cross-reference: its result stays, nested page field too.
        r#"<w:p><w:r><w:t xml:space="preserve">See section </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \r </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> on page </w:t></w:r><w:fldSimple w:instr=" PAGEREF _Ref1 "><w:r><w:t>7</w:t></w:r></w:fldSimple><w:r><w:t>.</w:t></w:r></w:p>"#,
        r#"<w:p><w:hyperlink r:id="rId4" xmlns:r="r"><w:r><w:t>the Local Code</w:t></w:r></w:hyperlink><w:smartTag w:element="place"><w:r><w:t xml:space="preserve"> in Fernbrook</w:t></w:r></w:smartTag><w:sdt><w:sdtPr><w:alias w:val="Date"/></w:sdtPr><w:sdtContent><w:r><w:t xml:space="preserve"> on 3 June 2025</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
    ]
    .concat();
    let doc = read_body(&body);
    assert_eq!(
        texts(&doc),
        vec![
            "See section 4 on page 7.",
            "the Local Code in Fernbrook on 3 June 2025"
        ]
    );
}

#[test]
fn tracked_changes_read_as_accepted_and_comments_are_not_text() {
    let body = [
        r#"<w:p><w:r><w:t xml:space="preserve">The committee met </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>three</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>four</w:t></w:r></w:ins><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> times</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:moveFrom w:id="3"><w:r><w:t> in public</w:t></w:r></w:moveFrom><w:r><w:t>.</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:pPrChange w:id="4"><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange></w:pPr><w:moveTo w:id="5"><w:r><w:t>Review</w:t></w:r></w:moveTo></w:p>"#,
        // A whole paragraph deleted, mark and all.
        r#"<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="A"/></w:rPr></w:pPr><w:del w:id="7"><w:r><w:delText>Gone.</w:delText></w:r></w:del></w:p>"#,
    ]
    .concat();
    let doc = read_full(&body, STYLES, "", "");
    assert_eq!(
        blocks(&doc),
        vec![
            (PARA, "The committee met four times.", None),
            (OutlineKind::Heading { level: 1 }, "Review", None),
        ]
    );
}

const STYLES: &str = r#"
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
    <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
    <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
      <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="AGSHeading"><w:name w:val="AGS Heading"/><w:basedOn w:val="Heading2"/></w:style>
    <w:style w:type="paragraph" w:styleId="Para"><w:name w:val="AGS Paragraph"/>
      <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>
      <w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>"#;

const NUMBERING: &str = r#"
    <w:abstractNum w:abstractNumId="10">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="20">
      <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="30">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2)"/><w:lvlRestart w:val="0"/></w:lvl>
      <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:isLgl/><w:lvlText w:val="%1.%3"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>
    <w:num w:numId="4"><w:abstractNumId w:val="30"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    <w:num w:numId="5"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="7"/></w:lvlOverride></w:num>"#;

fn styled(style: &str, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
    )
}

fn numbered(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
    )
}

#[test]
fn headings_come_from_styles_and_outline_levels() {
    let body = [
        styled("Title", "Fernbrook District Council"),
        styled("AGSHeading", "Annual Governance Statement 2024/25"),
        r#"<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>Run-in heading</w:t></w:r></w:p>"#.into(),
        styled("TOC1", "Scope 3"),
        styled("Normal", "Body text."),
    ]
    .concat();
    let doc = read_full(&body, STYLES, NUMBERING, "");
    assert_eq!(
        blocks(&doc),
        vec![
            (
                OutlineKind::Heading { level: 1 },
                "Fernbrook District Council",
                None
            ),
            (
                OutlineKind::Heading { level: 2 },
                "Annual Governance Statement 2024/25",
                None
            ),
            (OutlineKind::Heading { level: 3 }, "Run-in heading", None),
            (PARA, "Body text.", None),
        ]
    );
}

#[test]
fn automatic_numbers_are_written_in_and_count_like_word() {
    let body = [
        styled("Heading1", "Scope"),
        styled(P, "x"), // unknown style: plain
        styled("Para", "The council is responsible."),
        styled("Para", "It has a local code."),
        numbered(1, 2, "a sub-point"),
        numbered(1, 2, "another"),
        styled("Para", "Back at level two."),
        // Typed by hand next to automatic numbers: stays as typed.
        p("1.3 A number typed by hand."),
        styled("Heading1", "Review"),
        styled("Para", "Level two restarts under a new heading."),
        styled("ListBullet", "A bullet."),
        // A new list instance on the same definition carries on, unless
        // it overrides the start.
        numbered(5, 1, "Override restarts at seven."),
        numbered(1, 1, "And carries on."),
    ]
    .concat();
    let doc = read_full(&body, STYLES, NUMBERING, "");
    let h1 = OutlineKind::Heading { level: 1 };
    let li = OutlineKind::ListItem;
    assert_eq!(
        blocks(&doc),
        vec![
            (h1, "1. Scope", None),
            (PARA, "x", None),
            (PARA, "1.1 The council is responsible.", Some("1.1")),
            (PARA, "1.2 It has a local code.", Some("1.2")),
            (li, "(a) a sub-point", None),
            (li, "(b) another", None),
            (PARA, "1.3 Back at level two.", Some("1.3")),
            (PARA, "1.3 A number typed by hand.", None),
            (h1, "2. Review", None),
            (
                PARA,
                "2.1 Level two restarts under a new heading.",
                Some("2.1")
            ),
            (li, "A bullet.", None),
            (PARA, "2.7 Override restarts at seven.", Some("2.7")),
            (PARA, "2.8 And carries on.", Some("2.8")),
        ]
    );
}

#[test]
fn plain_lists_that_start_again_are_lists_not_paragraph_numbers() {
    let body = [
        numbered(3, 0, "First"),
        numbered(3, 1, "roman one"),
        numbered(3, 0, "Second"),
        // lvlRestart 0: the roman level does not restart.
        numbered(3, 1, "roman two"),
        numbered(3, 2, "legal"),
        numbered(4, 0, "Restarted list"),
        numbered(4, 0, "goes on"),
        numbered(4, 0, "past the first"),
    ]
    .concat();
    let doc = read_full(&body, STYLES, NUMBERING, "");
    let li = OutlineKind::ListItem;
    assert_eq!(
        blocks(&doc),
        vec![
            (PARA, "1. First", Some("1")),
            (li, "i) roman one", None),
            (PARA, "2. Second", Some("2")),
            (li, "ii) roman two", None),
            (PARA, "2.1 legal", Some("2.1")),
            (PARA, "1. Restarted list", None),
            (PARA, "2. goes on", None),
            (PARA, "3. past the first", Some("3")),
        ]
    );
}

fn cell(text: &str, props: &str) -> String {
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
}

#[test]
fn tables_become_rows_of_cells() {
    let nested = format!(
        "<w:tc><w:tbl><w:tr>{}{}</w:tr></w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p></w:tc>",
        cell("inner one", ""),
        cell("inner two", "")
    );
    let body = [
        p("Before."),
        "<w:tbl><w:tblPr><w:tblLook w:val=\"04A0\"/></w:tblPr><w:tr>".into(),
        cell("Post", ""),
        cell("Name", ""),
        cell("Also holds", ""),
        "</w:tr><w:tr>".into(),
        cell("Monitoring Officer", "<w:vMerge w:val=\"restart\"/>"),
        format!("<w:tc>{}{}</w:tc>", p("Priya Lane"), p("(interim)")),
        cell("Chief Finance Officer", ""),
        "</w:tr><w:tr>".into(),
        cell("", "<w:vMerge/>"),
        cell("Spanning", "<w:gridSpan w:val=\"2\"/>"),
        "</w:tr><w:tr>".into(),
        cell("Nested", ""),
        nested,
        "</w:tr></w:tbl>".into(),
        // No header look: the first row is a data row, unless marked.
        "<w:tbl><w:tblPr><w:tblLook w:firstRow=\"0\"/></w:tblPr><w:tr>".into(),
        cell("Leader", ""),
        "</w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr>".into(),
        cell("Marked", ""),
        "</w:tr></w:tbl>".into(),
    ]
    .concat();
    let doc = read_body(&body);
    let row = |table, header| OutlineKind::TableRow { table, header };
    let got: Vec<(OutlineKind, Vec<&str>)> = doc
        .outline
        .iter()
        .map(|b| {
            (
                b.kind,
                b.cells.iter().map(|c| &doc.text[c.clone()]).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (PARA, vec![]),
            (row(0, true), vec!["Post", "Name", "Also holds"]),
            (
                row(0, false),
                vec![
                    "Monitoring Officer",
                    "Priya Lane (interim)",
                    "Chief Finance Officer"
                ]
            ),
            (row(0, false), vec!["", "Spanning"]),
            (row(0, false), vec!["Nested", "inner one inner two after"]),
            (row(1, false), vec!["Leader"]),
            (row(1, true), vec!["Marked"]),
        ]
    );
    assert!(doc.text.contains("\n\nPost\tName\tAlso holds\n\n"));
}

#[test]
fn notes_come_last_and_text_boxes_after_their_paragraph() {
    let body = [
        r#"<w:p><w:r><w:t>The opinion</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> is reasonable.</w:t></w:r>"#,
        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"#,
        r#"<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed words.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        "<w:p><w:r><w:t>Next.</w:t></w:r></w:p>",
    ]
    .concat();
    let notes = concat!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Internal audit annual report, June 2025.</w:t></w:r></w:p><w:p><w:r><w:t>Second line.</w:t></w:r></w:p></w:footnote>"#,
    );
    let doc = read_full(&body, "", "", notes);
    assert_eq!(
        blocks(&doc),
        vec![
            (PARA, "The opinion is reasonable.", None),
            (PARA, "Boxed words.", None),
            (PARA, "Next.", None),
            (
                OutlineKind::Note,
                "Internal audit annual report, June 2025. Second line.",
                None
            ),
        ]
    );
}

#[test]
fn the_outline_becomes_the_statement_model() {
    use crate::model::{ParseOptions, Statement};
    use crate::source::{Format, SourceFile};
    let body = [
        styled(
            "Title",
            "Fernbrook District Council Annual Governance Statement 2024/25",
        ),
        styled("Heading1", "Scope"),
        styled("Para", "The council is responsible."),
        styled("Para", "It has a local code."),
        p("1.2 Typed again."),
    ]
    .concat();
    let doc = read_full(&body, STYLES, NUMBERING, "");
    let mut src = SourceFile::from_text("t.docx", doc.text, Format::Docx);
    src.outline = doc.outline;
    let st = Statement::parse(&src, &ParseOptions::default());
    let numbers: Vec<&str> = st.paragraphs.iter().map(|p| st.slice(&p.number)).collect();
    assert_eq!(numbers, vec!["1.1", "1.2", "1.2"]);
    let headings: Vec<&str> = st
        .sections
        .iter()
        .map(|s| st.slice(&st.blocks[s.heading].range))
        .collect();
    assert_eq!(headings, vec!["1. Scope"]);
}

#[test]
fn bad_packages_are_named_errors() {
    let limits = ReadLimits::default();
    assert!(error(b"PK\x03\x04 not really a zip", &limits).starts_with("the .docx is corrupt"));
    let good = docx(&p("Text."), "", "", "");
    let truncated = &good[..good.len() / 2];
    assert!(error(truncated, &limits).starts_with("the .docx is corrupt"));
    let workbook = zip(&[
        ("xl/workbook.xml", "<workbook/>"),
        ("[Content_Types].xml", "<Types/>"),
    ]);
    assert_eq!(
        error(&workbook, &limits),
        "not a Word document: the zip has no word/document.xml (it is an Excel workbook)"
    );
    let empty = zip(&[(
        "word/document.xml",
        &format!("<w:document {W}><w:body/></w:document>"),
    )]);
    assert!(matches!(
        read("t.docx", &empty, &limits),
        Err(InputError::Empty { .. })
    ));
}

#[test]
fn malformed_xml_names_the_part_and_where() {
    let limits = ReadLimits::default();
    for (bad, problem) in [
        (
            "<w:p><w:r><w:t>unclosed</w:r></w:p>",
            "is not well-formed XML (at byte 185: ill-formed document: expected `</w:t>`, but `</w:r>` was found)",
        ),
        (
            "<w:p><w:r><w:t>never closed",
            "ends early, with 5 elements not closed (is the file truncated?)",
        ),
        (
            "<w:p/></w:body></w:document></w:extra>",
            "is not well-formed XML",
        ),
    ] {
        let doc = zip(&[(
            "word/document.xml",
            &format!("<w:document {W}><w:body>{bad}"),
        )]);
        let reason = error(&doc, &limits);
        assert!(
            reason.starts_with(&format!(
                "the .docx is corrupt: word/document.xml {problem}"
            )),
            "{reason}"
        );
    }
    let bad_styles = docx(&p("Text."), "<w:style>", "", "");
    assert!(error(&bad_styles, &limits).contains("word/styles.xml is not well-formed"));
}

#[test]
fn zip_bombs_and_crowded_zips_are_refused() {
    let big = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        p("x"),
        " ".repeat(2 << 20)
    );
    let bomb = zip(&[("word/document.xml", &big)]);
    assert!(bomb.len() < 100_000, "deflates well");
    let limits = ReadLimits {
        max_unpacked_size: 1 << 20,
        ..ReadLimits::default()
    };
    assert_eq!(
        error(&bomb, &limits),
        "the .docx unpacks to more than 1048576 bytes (zip bomb guard; raise --max-unpacked-size)"
    );
    assert!(read("t.docx", &bomb, &ReadLimits::default()).is_ok());
    let crowded: Vec<(String, &str)> = (0..20).map(|i| (format!("f{i}.xml"), "<a/>")).collect();
    let crowded: Vec<(&str, &str)> = crowded.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let limits = ReadLimits {
        max_entries: 10,
        ..ReadLimits::default()
    };
    assert!(error(&zip(&crowded), &limits).contains("holds 20 files, more than the limit of 10"));
}

#[test]
fn deep_nesting_and_huge_paragraphs_are_read_without_trouble() {
    let depth = 1_000;
    let mut body = String::from("<w:tbl><w:tr><w:tc>");
    for _ in 1..depth {
        body.push_str("<w:tbl><w:tr><w:tc>");
    }
    body.push_str(&p("deep"));
    for _ in 0..depth {
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let doc = read_body(&body);
    assert_eq!(doc.text, "deep");
    assert_eq!(doc.outline[0].cells.len(), 1);

    let words = "The council met. ".repeat(60_000);
    let doc = read_body(&p(&words));
    assert_eq!(doc.text, words.trim_end());
    assert_eq!(doc.outline.len(), 1);
}

#[test]
fn old_and_encrypted_office_files_are_recognised() {
    let mut file = OLE_SIGNATURE.to_vec();
    file.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(matches!(
        ole_error("a.docx", &file),
        InputError::Encrypted { .. }
    ));
    let mut doc = OLE_SIGNATURE.to_vec();
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    match ole_error("a.doc", &doc) {
        InputError::Unreadable { reason, .. } => {
            assert_eq!(reason, "a Word 97-2003 .doc: save it as .docx");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn mangled_files_are_errors_never_panics() {
    let body = [
        styled("Heading1", "Scope"),
        styled("Para", "The council is responsible."),
        "<w:tbl><w:tr>".into(),
        cell("Post", ""),
        cell("Name", ""),
        "</w:tr></w:tbl>".into(),
    ]
    .concat();
    let good = docx(&body, STYLES, NUMBERING, "");
    let limits = ReadLimits::default();
    assert!(read("t.docx", &good, &limits).is_ok());
    // Every truncation, and bytes flipped all through the file: each read
    // ends in text or an error.
    for len in (0..good.len()).step_by(7) {
        let _ = read("t.docx", &good[..len], &limits);
    }
    let mut state: u32 = 12345;
    for _ in 0..2_000 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let at = (state >> 8) as usize % good.len();
        let mut bad = good.clone();
        bad[at] ^= (state & 0xFF) as u8 | 1;
        let _ = read("t.docx", &bad, &limits);
    }
    // XML broken inside a sound zip.
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    for i in 0..600 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let mut xml = document.clone().into_bytes();
        let at = (state >> 8) as usize % xml.len();
        xml[at] = b"<>/\"&=; x"[i % 9];
        let xml = String::from_utf8_lossy(&xml).into_owned();
        let _ = read("t.docx", &zip(&[("word/document.xml", &xml)]), &limits);
    }
}
