//! The embedded font (DejaVu Sans, regular and bold): registered once with plotters under one
//! family name, loaded once for our own PNG text rasteriser, and used to measure text.
//!
//! The family name is a CSS font stack: the SVG `font-family` carries it, so a browser without
//! DejaVu Sans falls back to Arial or Helvetica.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::style::{FontStyle, register_font};

use crate::error::{Error, Result};

/// The font family every chart text uses.
pub const FONT: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

/// DejaVu Sans (Bitstream Vera licence, see `fonts/LICENSE`).
static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Line height of DejaVu Sans ((ascent − descent) / units per em, from its `hhea` table).
///
/// ab_glyph reads a font size as this line height, not as the em size, so em sizes are
/// multiplied by it to get ab_glyph's scale.
pub const LINE_HEIGHT_EM: f64 = 1.1640625;

/// Height of a capital letter in DejaVu Sans, in em (1493 / 2048).
pub const CAP_HEIGHT_EM: f64 = 0.729;

/// The two faces, parsed.
pub struct Faces {
    /// DejaVu Sans.
    pub regular: FontRef<'static>,
    /// DejaVu Sans Bold.
    pub bold: FontRef<'static>,
}

impl Faces {
    /// The face of a weight.
    pub fn face(&self, weight: Weight) -> &FontRef<'static> {
        match weight {
            Weight::Normal => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// The parsed faces (parsed once per process).
pub fn faces() -> Result<&'static Faces> {
    static FACES: OnceLock<std::result::Result<Faces, String>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            let parse = |bytes: &'static [u8], name: &str| {
                FontRef::try_from_slice(bytes)
                    .map_err(|_| format!("the embedded {name} font could not be read"))
            };
            Ok(Faces {
                regular: parse(REGULAR, "regular")?,
                bold: parse(BOLD, "bold")?,
            })
        })
        .as_ref()
        .map_err(|message| Error::Other(format!("charts: {message}")))
}

/// Registers the embedded fonts with plotters (once per process) and parses them for our
/// rasteriser. Call before drawing.
pub fn ensure_registered() -> Result<()> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            // plotters' `InvalidFont` has no Debug or Display: say which face failed.
            register_font(FONT, FontStyle::Normal, REGULAR)
                .map_err(|_| "the embedded regular font could not be loaded".to_string())?;
            register_font(FONT, FontStyle::Bold, BOLD)
                .map_err(|_| "the embedded bold font could not be loaded".to_string())
        })
        .clone()
        .map_err(|message| Error::Other(format!("charts: {message}")))?;
    faces().map(|_| ())
}

/// Weight of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Normal,
    /// Bold.
    Bold,
}

impl Weight {
    /// The plotters font style.
    pub fn style(self) -> FontStyle {
        match self {
            Weight::Normal => FontStyle::Normal,
            Weight::Bold => FontStyle::Bold,
        }
    }
}

/// Width of `text` set at `em` units per em, in the same units (advances and kerning).
/// Zero if the fonts cannot be read (drawing then fails with the reason).
pub fn text_width(text: &str, em: f64, weight: Weight) -> f64 {
    let Ok(faces) = faces() else {
        return 0.0;
    };
    let font = faces.face(weight);
    let units_per_em = f64::from(font.units_per_em().unwrap_or(2048.0));
    let mut units = 0.0f64;
    let mut previous = None;
    for c in text.chars() {
        let glyph = font.glyph_id(c);
        if let Some(previous) = previous {
            units += f64::from(font.kern_unscaled(previous, glyph));
        }
        units += f64::from(font.h_advance_unscaled(glyph));
        previous = Some(glyph);
    }
    units * em / units_per_em
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_is_idempotent_and_metrics_match_the_font() {
        ensure_registered().expect("fonts register");
        ensure_registered().expect("fonts register twice");
        // The digit zero advances 1303/2048 em in DejaVu Sans.
        let width = text_width("0000000000", 100.0, Weight::Normal);
        assert!((width - 636.2).abs() < 0.1, "width {width}");
        let font = &faces().expect("faces").regular;
        let height = f64::from(font.height_unscaled() / font.units_per_em().expect("em"));
        assert!((height - LINE_HEIGHT_EM).abs() < 1e-6, "{height}");
        assert!(text_width("Bold", 20.0, Weight::Bold) > text_width("Bold", 20.0, Weight::Normal));
        assert_eq!(text_width("", 20.0, Weight::Normal), 0.0);
    }
}
