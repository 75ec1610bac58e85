//! Symbols (`w:sym`): characters picked from a symbol font by code, such
//! as the ticks and crosses of an action plan.

use super::xml::{self, BytesStart};

/// The character a `w:sym` shows. Symbol fonts put their glyphs at
/// F000 + code; the few that carry meaning in a statement are mapped.
pub(super) fn symbol(e: &BytesStart<'_>) -> Option<char> {
    let code = u32::from_str_radix(xml::attr(e, "char")?.trim(), 16).ok()?;
    let code = if code >= 0xF000 { code - 0xF000 } else { code };
    let font = xml::attr(e, "font")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mapped = if font.starts_with("wingdings") {
        match code {
            0xFC => Some('✓'),
            0xFB => Some('✗'),
            0xFD => Some('☒'),
            0xFE => Some('☑'),
            0xA8 | 0x6F => Some('☐'),
            0x9F | 0xA7 | 0x6C => Some('•'),
            _ => None,
        }
    } else if font == "symbol" {
        match code {
            0xB7 => Some('•'),
            0xB4 | 0xD7 => Some('×'),
            0xB1 => Some('±'),
            0xA3 => Some('≤'),
            0xB3 => Some('≥'),
            0x2D => Some('−'),
            0x20..=0x7E => char::from_u32(code),
            _ => None,
        }
    } else {
        char::from_u32(code)
    };
    mapped.filter(|c| !c.is_control())
}
