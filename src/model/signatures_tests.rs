//! Reading signatories from the layouts statements use.

use crate::model::parse_text;
use crate::source::Format;

/// (role, name, date) of each signatory.
fn signatories(text: &str, format: Format) -> Vec<(String, Option<String>, Option<String>)> {
    let st = parse_text(text, format);
    st.signatories
        .iter()
        .map(|s| {
            (
                st.slice(&s.role).to_owned(),
                s.name.as_ref().map(|n| st.slice(n).to_owned()),
                s.date.as_ref().map(|(d, _)| d.start.to_string()),
            )
        })
        .collect()
}

fn sig(
    role: &str,
    name: Option<&str>,
    date: Option<&str>,
) -> (String, Option<String>, Option<String>) {
    (role.into(), name.map(Into::into), date.map(Into::into))
}

const BODY: &str = "# Annual Governance Statement 2023/24\n\n## Conclusion\n\nThe Chief Executive and the Leader of the Council are satisfied with the arrangements described in this statement, which the Audit Committee reviewed.\n\n";

#[test]
fn labelled_lines_after_the_conclusion() {
    let text = format!(
        "{BODY}Signed: (signature on file)\nName: Councillor Wyn Ellery\nPosition: Leader of the Council\nDate: 2 December 2024\n\nSigned: (signature on file)\nName: Ola Brandt-Cole\nPosition: Chief Executive\nDate:\n"
    );
    assert_eq!(
        signatories(&text, Format::Markdown),
        vec![
            sig(
                "Leader of the Council",
                Some("Councillor Wyn Ellery"),
                Some("2024-12-02")
            ),
            sig("Chief Executive", Some("Ola Brandt-Cole"), None),
        ]
    );
}

#[test]
fn a_post_and_its_statutory_designation_are_one_signatory() {
    let text = format!(
        "{BODY}Signed: (signature on file)\nName: Ola Brandt-Cole\nPosition: Chief Executive and Head of Paid Service\nDate: 2 December 2024\n\nSigned: (signature on file)\nName: Dev Anand\nPosition: Director of Finance (Section 151 Officer)\nDate: 2 December 2024\n"
    );
    assert_eq!(
        signatories(&text, Format::Markdown),
        vec![
            sig(
                "Chief Executive",
                Some("Ola Brandt-Cole"),
                Some("2024-12-02")
            ),
            sig("Director of Finance", Some("Dev Anand"), Some("2024-12-02")),
        ]
    );
}

#[test]
fn side_by_side_with_name_post_and_date_in_one_cell() {
    let text = format!(
        "{BODY}## Signatures\n\n| | |\n|---|---|\n| **Cllr Rhian Moss**<br>Leader of the Council<br>3 October 2024 | **Tom Aske**<br>Chief Executive<br>3 October 2024 |\n"
    );
    assert_eq!(
        signatories(&text, Format::Markdown),
        vec![
            sig(
                "Leader of the Council",
                Some("Cllr Rhian Moss"),
                Some("2024-10-03")
            ),
            sig("Chief Executive", Some("Tom Aske"), Some("2024-10-03")),
        ]
    );
}

#[test]
fn side_by_side_in_a_table_with_an_empty_header() {
    let text = format!(
        "{BODY}Signed on behalf of the council:\n\n| | |\n|---|---|\n| **Cllr Rhian Moss** | **Tom Aske** |\n| Leader of the Council | Chief Executive |\n| Date: 3 October 2024 | Date: |\n"
    );
    assert_eq!(
        signatories(&text, Format::Markdown),
        vec![
            sig(
                "Leader of the Council",
                Some("Cllr Rhian Moss"),
                Some("2024-10-03")
            ),
            sig("Chief Executive", Some("Tom Aske"), None),
        ]
    );
}

#[test]
fn dotted_lines_with_the_date_before_the_name() {
    let text = "Annual Governance Statement 2023/24\n\nConclusion\n\nWe are satisfied with the arrangements set out above and will monitor them.\n\nSigned ..................  Date 30 September 2024\nCllr Ann Hale, Leader of the Council\n\nSigned ..................  Date\nDr Ben Ostrow, Chief Executive\n";
    assert_eq!(
        signatories(text, Format::PlainText),
        vec![
            sig(
                "Leader of the Council",
                Some("Cllr Ann Hale"),
                Some("2024-09-30")
            ),
            sig("Chief Executive", Some("Dr Ben Ostrow"), None),
        ]
    );
}

#[test]
fn a_signature_table_under_no_heading() {
    let text = format!(
        "{BODY}| Signature | Name | Position | Date |\n|---|---|---|---|\n| (signed) | Councillor Joan Tate | Leader of the Council | 5 November 2024 |\n| (signed) | Sam Ruddock | Chief Executive | 5 November 2024 |\n"
    );
    assert_eq!(
        signatories(&text, Format::Markdown),
        vec![
            sig(
                "Leader of the Council",
                Some("Councillor Joan Tate"),
                Some("2024-11-05")
            ),
            sig("Chief Executive", Some("Sam Ruddock"), Some("2024-11-05")),
        ]
    );
}

#[test]
fn a_sentence_about_posts_is_not_a_signature() {
    // The conclusion names both posts but nobody signs.
    assert_eq!(signatories(BODY, Format::Markdown), vec![]);
}

#[test]
fn a_table_of_posts_or_actions_is_not_a_signature_table() {
    let text = "# Annual Governance Statement 2030/31\n\n## Statutory posts\n\nSome text about the posts of Fenmouth Council.\n\nMore text about how they work together.\n\n| Post | Statutory basis | Holder |\n|---|---|---|\n| Monitoring Officer | Act 1989, s5 | Ana Reyes, since 4 May 2030 |\n\n## Action plan\n\n| Issue | Lead officer | Target date |\n|---|---|---|\n| Pay review | Chief Executive | 31 March 2032 |\n";
    assert_eq!(signatories(text, Format::Markdown), vec![]);
    // The same rows under a signature table's header are signatures.
    let signed = text.replace(
        "| Issue | Lead officer | Target date |",
        "| Signed | Position | Date |",
    );
    assert_eq!(
        signatories(&signed, Format::Markdown),
        vec![sig(
            "Chief Executive",
            Some("Pay review"),
            Some("2032-03-31")
        )]
    );
}

#[test]
fn a_blank_date_line_is_undated_whatever_the_approval_says() {
    let text = "ANNUAL GOVERNANCE STATEMENT 2022/23\n\n8. APPROVAL\n\n8.1 The statement was approved by the Audit Committee on 20 September 2023.\n\nSigned:\n\nCllr Anwen Price\nLeader of the Council\nDate:\n\nSigned:\n\nLeo Marsh\nChief Executive\nDate: 21 September 2023\n";
    assert_eq!(
        signatories(text, Format::PlainText),
        vec![
            sig("Leader of the Council", Some("Cllr Anwen Price"), None),
            sig("Chief Executive", Some("Leo Marsh"), Some("2023-09-21")),
        ]
    );
}

#[test]
fn a_sentence_about_who_signs_is_not_a_signature() {
    let text = format!(
        "{BODY}This statement was approved by the Audit Committee on 24 July 2024. It is signed on behalf of the council by the Leader of the Council and the Chief Executive.\n\n| Role | Name | Date |\n|---|---|---|\n| Leader of the Council | Cllr Ros Tait | 25 July 2024 |\n| Chief Executive | Ade Bello | 25 July 2024 |\n"
    );
    assert_eq!(
        signatories(&text, Format::Markdown),
        vec![
            sig(
                "Leader of the Council",
                Some("Cllr Ros Tait"),
                Some("2024-07-25")
            ),
            sig("Chief Executive", Some("Ade Bello"), Some("2024-07-25")),
        ]
    );
}
