//! Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 (with a
//! byte order mark or without one), and Windows-1252, which Word's "Save as plain text" and
//! many PDF tools write. Only real binary is refused.

use super::InputError;

/// A text document's bytes as text, and how they were read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252".
    pub encoding: &'static str,
    /// Bytes of the byte order mark removed before `text` (0, 2 or 3).
    pub bom_len: usize,
}

/// How much of the file is looked at to tell text from binary.
const SNIFF_BYTES: usize = 8192;

/// Checks that bytes are a usable text document and returns them as text.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<Decoded, InputError> {
    let path = path.to_owned();
    let mut bom_len = 0;
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bom_len = 3;
        (utf8(&path, rest.to_vec())?, "UTF-8")
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (encoding, label) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        bom_len = 2;
        let (text, malformed) = encoding.decode_with_bom_removal(&bytes);
        if malformed {
            return Err(InputError::Binary { path });
        }
        (text.into_owned(), label)
    } else if let Some((encoding, label)) = utf16_without_bom(&bytes) {
        // Notepad and some exporters write UTF-16 without a mark; its
        // ASCII shows as every other byte zero.
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes);
        if malformed {
            return Err(InputError::Binary { path });
        }
        (text.into_owned(), label)
    } else if looks_binary(&bytes) {
        return Err(InputError::Binary { path });
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => (text, "UTF-8"),
            // Not UTF-8 and not binary: a Windows code page, which decodes
            // every byte (the bytes Windows-1252 leaves undefined become
            // the C1 controls, as browsers read them).
            Err(e) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
                (text.into_owned(), "Windows-1252")
            }
        }
    };
    if text.trim().is_empty() {
        return Err(InputError::Empty { path });
    }
    Ok(Decoded {
        text,
        encoding,
        bom_len,
    })
}

fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to() + 3,
    })
}

/// UTF-16 without a byte order mark, told by where its zero bytes fall:
/// text that is mostly ASCII has the high byte of nearly every unit zero
/// (the second byte of each pair little-endian, the first big-endian) and
/// the low byte almost never.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str)> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros = |at: usize| head.iter().skip(at).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some((encoding_rs::UTF_16LE, "UTF-16LE"))
    } else if mostly(even) && rarely(odd) {
        Some((encoding_rs::UTF_16BE, "UTF-16BE"))
    } else {
        None
    }
}

/// A NUL byte never occurs in text, and control characters other than
/// tab, line breaks and form feeds are rare in it; images, archives and
/// office files have both early.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    head.contains(&0) || controls * 100 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<Decoded, InputError> {
        decode("a.txt", bytes.to_vec())
    }

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        let plain = read("Café".as_bytes()).expect("text");
        assert_eq!((plain.text.as_str(), plain.encoding), ("Café", "UTF-8"));
        let marked = read(b"\xEF\xBB\xBFHello").expect("text");
        assert_eq!((marked.text.as_str(), marked.encoding), ("Hello", "UTF-8"));
    }

    #[test]
    fn a_utf8_byte_order_mark_before_bad_bytes_is_an_encoding_error() {
        match read(b"\xEF\xBB\xBFcaf\xe9") {
            Err(InputError::NotUtf8 { offset, .. }) => assert_eq!(offset, 6),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("£5m “ok”".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = read(&le).expect("text");
        assert_eq!((d.text.as_str(), d.encoding), ("£5m “ok”", "UTF-16LE"));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Audit".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = read(&be).expect("text");
        assert_eq!((d.text.as_str(), d.encoding), ("Audit", "UTF-16BE"));
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_told_by_its_zero_bytes() {
        let text = "Annual Governance Statement 2023/24\n£5m";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = read(&le).expect("text");
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom_len),
            (text, "UTF-16LE", 0)
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = read(&be).expect("text");
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16BE"));
        // Binary with scattered zeros is still binary.
        assert!(matches!(
            read(b"\x00\x00\x01\x00\x10\x00\x10\x00\x00\x00"),
            Err(InputError::Binary { .. })
        ));
    }

    #[test]
    fn windows_1252_is_read_when_the_text_is_not_utf8() {
        // "£2.4m – the council’s reserves" as Word's plain-text export writes it.
        let d = read(b"\xa32.4m \x96 the council\x92s reserves").expect("text");
        assert_eq!(d.encoding, "Windows-1252");
        assert_eq!(d.text, "£2.4m – the council’s reserves");
    }

    #[test]
    fn binary_and_empty_files_are_refused() {
        assert!(matches!(
            read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(InputError::Binary { .. })
        ));
        assert!(matches!(
            read(b"\x01\x02\x03\x04\x05 abc"),
            Err(InputError::Binary { .. })
        ));
        assert!(matches!(read(b" \n\t"), Err(InputError::Empty { .. })));
        assert!(matches!(
            read(b"\xFF\xFE\x20\x00"),
            Err(InputError::Empty { .. })
        ));
    }
}
