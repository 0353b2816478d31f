//! Charts: a [`Chart`] (plain data, see [`spec`]) rendered to SVG and PNG with plotters and an
//! embedded font (DejaVu Sans, see `fonts/LICENSE`), so charts look the same on every machine
//! and need no system font.
//!
//! One drawing function, generic over the plotters back-end, draws every chart in logical units
//! of the 1200 × 675 canvas; the SVG is written at scale 1 and the PNG at scale 2 (2400 × 1350
//! pixels), so fonts, strokes and margins keep their proportions. Every chart has the same frame
//! (title, subtitle, legend above the plot, footer with sources and the tool line) and theme
//! (Okabe–Ito colours, light gridlines); see [`theme`].
//!
//! What the renderer adds to the [`Chart`] it is given, so callers need not:
//! - every number it writes (ticks, totals, reference line values, range values) goes through
//!   [`human`](crate::output::format::human), so French charts get French numbers;
//! - histograms show the share of draws in each bin (a percentage axis), and each reference
//!   line's label is followed by its value ("median 942");
//! - unconfirmed range rows get " *" after their label and a hollow dot; unconfirmed markers are
//!   hollow; either adds an "unconfirmed" legend entry;
//! - a tornado chart gets a two-entry legend (below / above the central value) and the central
//!   value written over its line; stacked bars get their total written above each bar;
//! - non-finite values are skipped, a chart with nothing to draw says so, and long texts are
//!   shrunk or shortened with an ellipsis; drawing errors are returned, never swallowed.
//!
//! Rendering is thread-safe: a report can render its charts in parallel.

mod canvas;
mod fonts;
mod glyphs;
mod histogram;
mod horizontal;
mod layout;
mod scale;
mod series;
pub mod spec;
mod stacked;
pub mod theme;

#[cfg(test)]
mod tests;

pub use spec::*;

use plotters::prelude::{BitMapBackend, DrawingBackend, IntoDrawingArea, SVGBackend};

use self::canvas::{Canvas, Target};
use crate::error::{Error, Result};

/// Renders a chart as an SVG document (1200 × 675 user units).
pub fn render_svg(chart: &Chart) -> Result<String> {
    fonts::ensure_registered()?;
    let mut svg = String::with_capacity(32 * 1024);
    {
        let backend = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT));
        let canvas = Canvas::new(backend.into_drawing_area(), Target::Svg, 1.0);
        canvas.clear()?;
        draw(&canvas, chart)?;
        canvas.present()?;
    }
    Ok(svg)
}

/// Renders a chart as a PNG image (2400 × 1350 pixels, 8-bit RGB).
pub fn render_png(chart: &Chart) -> Result<Vec<u8>> {
    fonts::ensure_registered()?;
    let (width, height) = (WIDTH * PNG_SCALE, HEIGHT * PNG_SCALE);
    // The buffer starts white, which is the background: no need to fill it again.
    let mut pixels = vec![255u8; width as usize * height as usize * 3];
    {
        let backend = BitMapBackend::with_buffer(&mut pixels, (width, height));
        let canvas = Canvas::new(
            backend.into_drawing_area(),
            Target::Png,
            f64::from(PNG_SCALE),
        );
        draw(&canvas, chart)?;
        canvas.present()?;
    }
    encode_png(&pixels, width, height)
}

/// Draws a chart of any kind on any back-end.
fn draw<DB: DrawingBackend>(canvas: &Canvas<DB>, chart: &Chart) -> Result<()> {
    match &chart.kind {
        ChartKind::TimeSeries {
            series,
            markers,
            y_from_zero,
        } => series::draw(canvas, chart, series, markers, *y_from_zero),
        ChartKind::StackedBars {
            categories,
            segments,
            totals_range,
        } => stacked::draw(canvas, chart, categories, segments, totals_range.as_deref()),
        ChartKind::Tornado { central, bars } => {
            horizontal::draw_tornado(canvas, chart, *central, bars)
        }
        ChartKind::Histogram { draws, lines } => histogram::draw(canvas, chart, draws, lines),
        ChartKind::Ranges {
            rows,
            log_scale,
            groups,
        } => horizontal::draw_ranges(canvas, chart, rows, *log_scale, groups),
        ChartKind::Bars { rows } => horizontal::draw_bars(canvas, chart, rows),
    }
}

/// Encodes 8-bit RGB pixels as PNG.
///
/// DEFLATE level 1 (miniz_oxide: pure Rust, the same bytes on every machine) with the Up filter,
/// which turns the rows a chart repeats (background, gridlines, bars) into zeros. Measured on
/// the test examples (release, one core, per 2400 × 1350 chart):
///
/// | setting                          | time   | size   |
/// |----------------------------------|--------|--------|
/// | `Compression::Fastest` (Up)      | 2.8 ms | 448 KB |
/// | `Compression::Fast` (Sub)        | 4.4 ms | 454 KB |
/// | `Compression::Fast` (adaptive)   | 8.0 ms | 297 KB |
/// | **level 1, Up**                  | 5.7 ms | 194 KB |
/// | level 1, adaptive                | 6.9 ms | 182 KB |
/// | `Compression::Balanced`          | 31 ms  | 122 KB |
fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>> {
    let failed =
        |error: png::EncodingError| Error::Other(format!("encoding a PNG chart failed: {error}"));
    let mut bytes = Vec::with_capacity(256 * 1024);
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::Level(1));
    encoder.set_filter(png::Filter::Up);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}
