use super::glyphs::Page;
use super::layout::page_text;
use super::*;
use std::io::Write;

/// A PDF of the given objects (numbered from 1, the first the catalog),
/// with a correct cross-reference table.
fn build(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", content.len()).into_bytes();
    s.extend_from_slice(content);
    s.extend_from_slice(b"\nendstream");
    s
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// One page per content stream, Helvetica as /F1.
fn pages_pdf(contents: &[&str]) -> Vec<u8> {
    let n = contents.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        FONT.as_bytes().to_vec(),
    ];
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R \
                 /Resources << /Font << /F1 3 0 R >> >> >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        objects.push(stream("", content.as_bytes()));
    }
    build(&objects)
}

fn read_bytes(bytes: &[u8]) -> Result<Extracted, InputError> {
    read("t.pdf", bytes, &ReadLimits::default())
}

fn unreadable(bytes: &[u8]) -> String {
    match read_bytes(bytes) {
        Err(InputError::Unreadable { reason, .. }) => reason,
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

#[test]
fn reads_text_page_by_page_with_offsets() {
    let pdf = pages_pdf(&[
        "BT /F1 12 Tf 72 720 Td (First page) Tj ET",
        "BT /F1 12 Tf 72 720 Td (Second page) Tj ET",
    ]);
    let got = read_bytes(&pdf).expect("readable");
    assert_eq!(got.text, "First page\n\x0cSecond page\n");
    assert_eq!(got.pages, vec![0, "First page\n\x0c".len()]);
}

#[test]
fn a_page_without_text_is_scanned() {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    let pdf = build(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /XObject << /Im1 5 0 R >> >> >>"
            .to_vec(),
        stream("", b"q 500 0 0 700 50 50 cm /Im1 Do Q"),
        image,
    ]);
    assert!(matches!(read_bytes(&pdf), Err(InputError::Scanned { .. })));
}

#[test]
fn not_a_pdf_truncated_or_garbage_is_unreadable() {
    assert!(unreadable(b"Hello, this is text").contains("not a PDF"));
    let good = pages_pdf(&["BT /F1 12 Tf 72 720 Td (Some text here) Tj ET"]);
    // Cut inside the page's content stream: the cross-reference table and
    // trailer are gone.
    unreadable(&good[..good.len() / 2]);
    let mut garbage = b"%PDF-1.7\n".to_vec();
    garbage.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    unreadable(&garbage);
    unreadable(b"%PDF-1.4\n");
}

#[test]
fn a_broken_cross_reference_table_does_not_panic() {
    let good = pages_pdf(&["BT /F1 12 Tf 72 720 Td (Recovered text) Tj ET"]);
    let text = String::from_utf8_lossy(&good).into_owned();
    let at = text.find("xref").expect("xref");
    let broken = format!(
        "{}{}",
        &text[..at],
        text[at..].replace("00000 n", "99999 n")
    );
    // Either lopdf finds the objects anyway or the file is reported: never
    // a panic, never a clean empty result.
    match read_bytes(broken.as_bytes()) {
        Ok(e) => assert!(e.text.contains("Recovered text")),
        Err(InputError::Unreadable { .. }) => {}
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn objects_that_refer_to_themselves_end() {
    // The page's resources and the content's length are references that
    // lead only to themselves.
    let pdf = build(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 5 0 R >>"
            .to_vec(),
        b"<< /Length 6 0 R >>\nstream\nBT /F1 12 Tf 72 720 Td (Loop) Tj ET\nendstream".to_vec(),
        b"5 0 R".to_vec(),
        b"6 0 R".to_vec(),
    ]);
    assert!(read_bytes(&pdf).is_err());
    // A page tree whose node lists itself as a kid.
    let pdf = build(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", b"BT /F1 12 Tf 72 720 Td (Once) Tj ET"),
        FONT.as_bytes().to_vec(),
    ]);
    match read_bytes(&pdf) {
        Ok(e) => assert_eq!(e.text.matches("Once").count(), 1),
        Err(InputError::Unreadable { .. }) => {}
        Err(other) => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_form_that_draws_itself_is_refused() {
    let pdf = build(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /XObject << /X1 5 0 R >> >> >>"
            .to_vec(),
        stream("", b"/X1 Do"),
        // No resources of its own: it draws with the page's, so /X1 is itself.
        stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", b"/X1 Do"),
    ]);
    assert!(unreadable(&pdf).contains("draws itself"));
}

#[test]
fn a_huge_page_count_is_not_trusted() {
    let pdf = build(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream("", b"BT /F1 12 Tf 72 720 Td (Only page) Tj ET"),
        FONT.as_bytes().to_vec(),
    ]);
    let got = read_bytes(&pdf).expect("one real page");
    assert_eq!(got.pages, vec![0]);
}

#[test]
fn a_document_drawing_more_characters_than_the_limit_is_refused() {
    let line = format!("BT /F1 12 Tf 72 720 Td ({}) Tj ET", "x".repeat(60));
    let pdf = pages_pdf(&[&line, &line]);
    let within = pages(&pdf, u64::MAX, 120).expect("120 characters is within the limit");
    assert_eq!(within.len(), 2);
    match pages(&pdf, u64::MAX, 100) {
        Err(Failure::Unreadable(reason)) => {
            assert_eq!(reason, "the PDF draws more than 100 characters");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_compression_bomb_is_refused() {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![b' '; 4 << 20]).expect("compress");
    let packed = z.finish().expect("compress");
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
    ];
    objects.push(stream("/Filter /FlateDecode", &packed));
    let pdf = build(&objects);
    let limits = ReadLimits {
        max_unpacked_size: 1 << 20,
        ..ReadLimits::default()
    };
    match read("t.pdf", &pdf, &limits) {
        Err(InputError::Unreadable { reason, .. }) => {
            assert!(reason.contains("unpack"), "{reason}")
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

/// A page laid out by hand: (x, baseline, size, word) with a glyph per
/// character, 0.5 em wide.
fn page(words: &[(f32, f32, f32, &str)]) -> Page {
    let mut p = Page::default();
    for &(x, y, size, word) in words {
        for (i, c) in word.chars().enumerate() {
            p.push(
                x + i as f32 * size * 0.5,
                y,
                size * 0.5,
                size,
                &c.to_string(),
            );
        }
    }
    p
}

#[test]
fn a_raised_small_digit_is_a_footnote_marker() {
    // "2015" ends at x = 100 + 4 * 5 = 120; the marker sits right after it.
    let p = page(&[
        (100.0, 100.0, 10.0, "2015"),
        (120.0, 96.0, 6.0, "1"),
        (123.0, 100.0, 10.0, "."),
    ]);
    assert_eq!(page_text(&p), "2015¹.\n");
}

#[test]
fn wide_gaps_are_cells_but_justified_lines_are_not() {
    // Word gaps of 0.2 em and a column gap of 3 em.
    let row = page(&[
        (0.0, 100.0, 10.0, "Helen"),
        (27.0, 100.0, 10.0, "Marsh"),
        (82.0, 100.0, 10.0, "Chief"),
    ]);
    assert_eq!(page_text(&row), "Helen Marsh\tChief\n");
    // Every gap 1.1 em: a stretched line, not a table row.
    let justified = page(&[
        (0.0, 100.0, 10.0, "ab"),
        (21.0, 100.0, 10.0, "cd"),
        (42.0, 100.0, 10.0, "ef"),
    ]);
    assert_eq!(page_text(&justified), "ab cd ef\n");
}

#[test]
fn hyphenated_words_join_but_ranges_stay() {
    let p = page(&[
        (0.0, 100.0, 10.0, "the govern-"),
        (0.0, 112.0, 10.0, "ance of the years 2023-"),
        (0.0, 124.0, 10.0, "24 and short-"),
        (0.0, 136.0, 10.0, "and long-term plans"),
    ]);
    assert_eq!(
        page_text(&p),
        "the governance of the years 2023-\n24 and short-\nand long-term plans\n"
    );
}

#[test]
fn a_larger_step_starts_a_paragraph() {
    let p = page(&[
        (0.0, 100.0, 10.0, "one"),
        (0.0, 112.0, 10.0, "two"),
        (0.0, 124.0, 10.0, "three"),
        (0.0, 142.0, 10.0, "four"),
        (0.0, 154.0, 10.0, "five"),
    ]);
    assert_eq!(page_text(&p), "one\ntwo\nthree\n\nfour\nfive\n");
}

#[test]
fn ligatures_are_spelt_out() {
    let mut p = Page::default();
    p.push(0.0, 100.0, 10.0, 10.0, "\u{fb01}");
    p.push(10.0, 100.0, 5.0, 10.0, "n");
    p.push(15.0, 100.0, 5.0, 10.0, "e");
    assert_eq!(page_text(&p), "fine\n");
}

/// A page's text after table rows are joined, as the reader writes it.
fn page_text_with_tables(p: &Page) -> String {
    layout::text(&table::merge_wrapped_cells(layout::lines(p)))
}

#[test]
fn wrapped_cells_join_their_row_when_rows_are_padded() {
    // Lines 12 apart inside a row, 16 apart between rows.
    let p = page(&[
        (0.0, 100.0, 10.0, "Post"),
        (100.0, 100.0, 10.0, "Holder"),
        (0.0, 116.0, 10.0, "Chief Finance"),
        (100.0, 116.0, 10.0, "Ann Brook-"),
        (0.0, 128.0, 10.0, "Officer"),
        (100.0, 128.0, 10.0, "Tate, Director"),
        (100.0, 140.0, 10.0, "of Resources"),
        (0.0, 156.0, 10.0, "Monitoring"),
        (100.0, 156.0, 10.0, "Ben Ray"),
        (0.0, 168.0, 10.0, "Officer"),
        (0.0, 194.0, 10.0, "The text after the table."),
    ]);
    assert_eq!(
        page_text_with_tables(&p),
        "Post\tHolder\nChief Finance Officer\tAnn Brook-Tate, Director of Resources\n\
         Monitoring Officer\tBen Ray\n\nThe text after the table.\n"
    );
}

#[test]
fn without_padding_a_first_column_cell_starts_a_row() {
    let p = page(&[
        (0.0, 100.0, 10.0, "Risk"),
        (100.0, 100.0, 10.0, "Owner"),
        (0.0, 112.0, 10.0, "Flooding"),
        (100.0, 112.0, 10.0, "Head of"),
        (100.0, 124.0, 10.0, "Highways"),
        (0.0, 136.0, 10.0, "Fraud"),
        (100.0, 136.0, 10.0, "Director of"),
        (100.0, 148.0, 10.0, "Finance"),
    ]);
    assert_eq!(
        page_text_with_tables(&p),
        "Risk\tOwner\nFlooding\tHead of Highways\nFraud\tDirector of Finance\n"
    );
}

#[test]
fn a_bottom_aligned_header_cell_and_an_empty_cell_keep_their_columns() {
    let p = page(&[
        (100.0, 88.0, 10.0, "Evidence seen"),
        (0.0, 100.0, 10.0, "Area"),
        (100.0, 100.0, 10.0, "in 2030/31"),
        (200.0, 100.0, 10.0, "Lead"),
        (0.0, 116.0, 10.0, "Audit"),
        (200.0, 116.0, 10.0, "Head of Audit"),
    ]);
    assert_eq!(
        page_text_with_tables(&p),
        "Area\tEvidence seen in 2030/31\tLead\nAudit\t\tHead of Audit\n"
    );
}

#[test]
fn a_row_split_by_a_page_break_is_joined_and_the_repeated_header_dropped() {
    let first = page(&[
        (0.0, 80.0, 10.0, "Action plan for Brackwater"),
        (0.0, 100.0, 10.0, "No."),
        (100.0, 100.0, 10.0, "Action"),
        (0.0, 116.0, 10.0, "1"),
        (100.0, 116.0, 10.0, "Hire two"),
        (100.0, 128.0, 10.0, "planners"),
    ]);
    let second = page(&[
        (0.0, 100.0, 10.0, "No."),
        (100.0, 100.0, 10.0, "Action"),
        (100.0, 116.0, 10.0, "and a clerk"),
        (0.0, 142.0, 10.0, "The council will report"),
        (0.0, 154.0, 10.0, "on progress in May."),
    ]);
    let text = assemble(&[first, second]).text;
    assert!(
        text.contains("No.\tAction\n1\tHire two planners and a clerk\n"),
        "{text:?}"
    );
    assert_eq!(text.matches("No.\tAction").count(), 1, "{text:?}");
}

#[test]
fn a_bullet_set_off_by_a_tab_stop_is_not_a_cell() {
    let p = page(&[(0.0, 100.0, 10.0, "•"), (25.0, 100.0, 10.0, "Section one")]);
    assert_eq!(page_text(&p), "• Section one\n");
}

#[test]
fn numbered_paragraphs_with_a_hanging_indent_are_not_tables() {
    // Word's "1.1<tab>text", wrapped lines starting under the text.
    let p = page(&[
        (0.0, 100.0, 10.0, "2."),
        (40.0, 100.0, 10.0, "Internal audit"),
        (0.0, 116.0, 10.0, "2.1"),
        (40.0, 116.0, 10.0, "The Audit Panel met four times and"),
        (40.0, 128.0, 10.0, "reviewed the risk register."),
        (0.0, 140.0, 10.0, "2.2"),
        (40.0, 140.0, 10.0, "The counter-fraud plan was"),
        (40.0, 152.0, 10.0, "approved in June."),
    ]);
    let text = page_text_with_tables(&p);
    assert!(text.starts_with("2. Internal audit\n"), "{text}");
    assert!(
        text.contains("2.1 The Audit Panel met four times and\nreviewed"),
        "{text}"
    );
    assert!(
        text.contains("\n2.2 The counter-fraud plan was\napproved in June."),
        "{text}"
    );
}
