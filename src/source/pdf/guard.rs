//! Checks made before pdf-extract interprets a document, against input
//! that would exhaust memory or the stack: pdf-extract unpacks streams
//! without a cap and follows form XObjects (`Do`) without a depth limit.

use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::io::Read;

/// Deepest nesting of form XObjects followed.
const MAX_FORM_DEPTH: usize = 16;
/// Most form XObject visits across a document (a DAG can fan out).
const MAX_FORM_VISITS: usize = 100_000;

/// Checks that the document's compressed streams unpack to at most
/// `budget` bytes altogether, decoding each at most that far.
pub fn unpacked_size_within(doc: &Document, budget: u64) -> Result<(), String> {
    let mut total = 0u64;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        // Images are never interpreted as text.
        if stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image")
        {
            continue;
        }
        if !is_flate(&stream.dict) {
            continue;
        }
        let left = budget - total;
        let mut decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(left + 1);
        // A stream that fails to decode is lopdf's and pdf-extract's
        // problem; only its size matters here.
        let n = std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0);
        total += n;
        if total > budget {
            return Err(format!(
                "the PDF's compressed streams unpack to more than {budget} bytes"
            ));
        }
    }
    Ok(())
}

fn is_flate(dict: &Dictionary) -> bool {
    match dict.get(b"Filter") {
        Ok(Object::Name(n)) => n == b"FlateDecode",
        Ok(Object::Array(a)) => a
            .iter()
            .any(|f| f.as_name().is_ok_and(|n| n == b"FlateDecode")),
        _ => false,
    }
}

/// Checks that no page draws a form XObject that draws itself (directly,
/// through others, or through the resources it inherits) and that forms
/// nest at most [`MAX_FORM_DEPTH`] deep.
pub fn forms_are_acyclic(doc: &Document) -> Result<(), String> {
    let mut visits = 0;
    for page in doc.page_iter() {
        let Ok(dict) = doc.get_dictionary(page) else {
            continue;
        };
        if let Some(resources) = page_resources(doc, dict) {
            walk(doc, resources, &mut Vec::new(), &mut visits)?;
        }
    }
    Ok(())
}

/// A page's resources, its own or inherited from the page tree (bounded:
/// a parent chain can loop).
fn page_resources<'a>(doc: &'a Document, mut dict: &'a Dictionary) -> Option<&'a Dictionary> {
    for _ in 0..64 {
        if let Some(r) = resolve_dict(doc, dict.get(b"Resources").ok()) {
            return Some(r);
        }
        dict = resolve_dict(doc, dict.get(b"Parent").ok())?;
    }
    None
}

fn resolve_dict<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    match object? {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => match doc.get_object(*id).ok()? {
            Object::Dictionary(d) => Some(d),
            _ => None,
        },
        _ => None,
    }
}

fn walk(
    doc: &Document,
    resources: &Dictionary,
    stack: &mut Vec<ObjectId>,
    visits: &mut usize,
) -> Result<(), String> {
    let Some(xobjects) = resolve_dict(doc, resources.get(b"XObject").ok()) else {
        return Ok(());
    };
    for (_, entry) in xobjects.iter() {
        let Object::Reference(id) = entry else {
            continue;
        };
        let Ok(Object::Stream(form)) = doc.get_object(*id) else {
            continue;
        };
        if !form
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Form")
        {
            continue;
        }
        *visits += 1;
        if stack.contains(id) {
            return Err("the PDF draws a form that draws itself".into());
        }
        if stack.len() >= MAX_FORM_DEPTH || *visits > MAX_FORM_VISITS {
            return Err("the PDF nests its forms too deeply".into());
        }
        // A form without resources uses those it was drawn with.
        let inner = resolve_dict(doc, form.dict.get(b"Resources").ok()).unwrap_or(resources);
        stack.push(*id);
        walk(doc, inner, stack, visits)?;
        stack.pop();
    }
    Ok(())
}
