//! Charts: a [`Chart`] (plain data, see [`spec`]) rendered to SVG and PNG with plotters and an
//! embedded font (DejaVu Sans, see `fonts/LICENSE`), so charts look the same on every machine
//! and need no system font.

pub mod spec;

pub use spec::*;

use crate::error::{Error, Result};

/// Renders a chart as an SVG document (1200 × 675 user units).
pub fn render_svg(chart: &Chart) -> Result<String> {
    let _ = chart;
    Err(Error::Other("charts are not implemented yet".into()))
}

/// Renders a chart as a PNG image (2400 × 1350 pixels).
pub fn render_png(chart: &Chart) -> Result<Vec<u8>> {
    let _ = chart;
    Err(Error::Other("charts are not implemented yet".into()))
}
