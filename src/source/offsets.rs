//! Offsets into the text govlint read back to offsets into the file it
//! came from: past a byte order mark, and counted in the file's own
//! encoding (one byte a character in Windows-1252, two or four in UTF-16).

use super::SourceFile;

/// How far apart, in bytes of text, the remembered places are: a lookup
/// counts at most this far.
const STRIDE: usize = 1024;

/// Byte offsets of a document's text mapped to byte offsets in its file.
/// For a Word or PDF file there is no such map: offsets stay in the text
/// govlint extracted.
pub struct FileOffsets<'a> {
    text: &'a str,
    bom_len: usize,
    /// Bytes a character takes in the file, by encoding; `None` for UTF-8
    /// (the same bytes) and extracted text.
    width: Option<fn(char) -> usize>,
    /// (text offset, file offset) every `STRIDE` bytes of text, at
    /// character boundaries; the first is (0, `bom_len`).
    marks: Vec<(usize, usize)>,
}

impl<'a> FileOffsets<'a> {
    pub fn new(source: &'a SourceFile) -> Self {
        let width: Option<fn(char) -> usize> = match source.encoding {
            "Windows-1252" => Some(|_| 1),
            "UTF-16LE" | "UTF-16BE" => Some(|c| 2 * c.len_utf16()),
            _ => None,
        };
        let mut marks = vec![(0, source.bom_len)];
        if let Some(width) = width {
            let mut file = source.bom_len;
            let mut next = STRIDE;
            for (at, c) in source.text.char_indices() {
                if at >= next {
                    marks.push((at, file));
                    next = at + STRIDE;
                }
                file += width(c);
            }
        }
        FileOffsets {
            text: &source.text,
            bom_len: source.bom_len,
            width,
            marks,
        }
    }

    /// The file offset of byte `offset` of the text. An offset inside a
    /// character, or past the end, counts from the character boundary
    /// before it.
    pub fn of(&self, offset: usize) -> usize {
        let Some(width) = self.width else {
            return self.bom_len + offset;
        };
        let mark = self.marks.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, file) = self.marks[mark];
        let end = offset.min(self.text.len());
        let counted: usize = self.text[at..]
            .char_indices()
            .take_while(|&(i, _)| at + i < end)
            .map(|(_, c)| width(c))
            .sum();
        file + counted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn source(text: &str, encoding: &'static str, bom_len: usize) -> SourceFile {
        let mut s = SourceFile::from_text("a.txt", text, Format::PlainText);
        s.encoding = encoding;
        s.bom_len = bom_len;
        s
    }

    #[test]
    fn utf8_offsets_move_past_the_byte_order_mark() {
        let s = source("£5m", "UTF-8", 3);
        assert_eq!(FileOffsets::new(&s).of(2), 5);
        let s = source("£5m", "UTF-8", 0);
        assert_eq!(FileOffsets::new(&s).of(2), 2);
    }

    #[test]
    fn other_encodings_count_their_own_bytes() {
        // "£" is two bytes of UTF-8, one of Windows-1252, two of UTF-16.
        let text = format!("{}£5m 😀x", "a".repeat(3000));
        let at_x = text.find('x').expect("x");
        let s = source(&text, "Windows-1252", 0);
        assert_eq!(FileOffsets::new(&s).of(at_x), text[..at_x].chars().count());
        let s = source(&text, "UTF-16LE", 2);
        let units = text[..at_x].encode_utf16().count();
        assert_eq!(FileOffsets::new(&s).of(at_x), 2 + 2 * units);
        assert_eq!(FileOffsets::new(&s).of(0), 2);
        assert_eq!(
            FileOffsets::new(&s).of(text.len()),
            2 + 2 * text.encode_utf16().count()
        );
    }
}
