//! Glyphs with their positions, as pdf-extract's content-stream interpreter
//! draws them.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One drawn character (or a few, for a ligature), in page space with y
/// growing down the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// Advance width.
    pub width: f32,
    /// Font size as drawn.
    pub size: f32,
    /// Where the glyph's text is in [`Page::chars`].
    pub start: u32,
    pub end: u32,
}

/// The glyphs of one page, in drawing order.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub chars: String,
}

impl Page {
    pub fn text(&self, g: &Glyph) -> &str {
        self.chars
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    }

    /// Adds a glyph (used by the collector and by tests that lay out pages
    /// by hand).
    pub fn push(&mut self, x: f32, y: f32, width: f32, size: f32, text: &str) {
        let start = self.chars.len() as u32;
        self.chars.push_str(text);
        self.glyphs.push(Glyph {
            x,
            y,
            width,
            size,
            start,
            end: self.chars.len() as u32,
        });
    }
}

/// Collects every page's glyphs, refusing to hold more than `max_glyphs`.
pub struct Collector {
    pub pages: Vec<Page>,
    max_glyphs: usize,
    glyphs: usize,
    page_height: f64,
}

impl Collector {
    pub fn new(max_glyphs: usize) -> Self {
        Collector {
            pages: Vec::new(),
            max_glyphs,
            glyphs: 0,
            page_height: 0.0,
        }
    }
}

/// The error that stops a page that draws too many glyphs.
pub const TOO_MANY_GLYPHS: &str = "too many characters";

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page_height = media_box.ury;
        self.pages.push(Page::default());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > self.max_glyphs {
            return Err(OutputError::IoError(std::io::Error::other(TOO_MANY_GLYPHS)));
        }
        // The text rendering matrix maps glyph space (scaled by the font
        // size) to the page; its scale is the size the reader sees.
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let finite = [x, y, size, width].iter().all(|v| v.is_finite());
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        if finite && !text.is_empty() {
            page.push(x as f32, y as f32, (width * size) as f32, size as f32, text);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
