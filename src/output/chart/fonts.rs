//! The embedded font (DejaVu Sans, regular and bold), registered once with plotters under one
//! family name, and text measurement with its metrics.
//!
//! The family name is a CSS font stack: plotters looks the embedded face up by that exact string
//! for PNG output, and writes the same string into the SVG `font-family`, so a browser without
//! DejaVu Sans falls back to Arial or Helvetica.

use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle, register_font};

use crate::error::{Error, Result};

/// The font family every chart text uses.
pub const FONT: &str = "DejaVu Sans, Arial, Helvetica, sans-serif";

static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Line height of DejaVu Sans ((ascent − descent) / units per em, from its `hhea` table).
///
/// ab_glyph (plotters' font engine for PNG) reads a font size as this line height, not as the
/// em size, so sizes given to plotters are multiplied by it to get the intended em size.
pub const LINE_HEIGHT_EM: f64 = 1.1640625;

/// Height of a capital letter in DejaVu Sans, in em (1493 / 2048).
pub const CAP_HEIGHT_EM: f64 = 0.729;

/// Registers the embedded fonts with plotters (once per process). Every drawing, SVG included,
/// needs them, because layout asks the font for text widths.
pub fn ensure_registered() -> Result<()> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FONT, FontStyle::Normal, REGULAR)
                .map_err(|_| "the embedded regular font could not be loaded".to_string())?;
            register_font(FONT, FontStyle::Bold, BOLD)
                .map_err(|_| "the embedded bold font could not be loaded".to_string())
        })
        .clone()
        .map_err(|message| Error::Other(format!("charts: {message}")))
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

/// Width of `text` set at `em` units per em, in the same units (kerning included).
///
/// Measured at a large size so that plotters' whole-pixel rounding does not matter. The fonts
/// must be registered first ([`ensure_registered`]); an unregistered font measures as zero.
pub fn text_width(text: &str, em: f64, weight: Weight) -> f64 {
    const REFERENCE_EM: f64 = 256.0;
    if text.is_empty() || !em.is_finite() || em <= 0.0 {
        return 0.0;
    }
    let font = FontDesc::new(
        FontFamily::Name(FONT),
        REFERENCE_EM * LINE_HEIGHT_EM,
        weight.style(),
    );
    match font.box_size(text) {
        Ok((width, _)) => f64::from(width) * em / REFERENCE_EM,
        Err(_) => 0.0,
    }
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
        assert!((width - 636.2).abs() < 1.0, "width {width}");
        assert!(text_width("Bold", 20.0, Weight::Bold) > text_width("Bold", 20.0, Weight::Normal));
        assert_eq!(text_width("", 20.0, Weight::Normal), 0.0);
    }
}
