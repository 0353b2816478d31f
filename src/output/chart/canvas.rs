//! A thin drawing layer over a plotters drawing area: shapes and text in logical units
//! (the 1200 × 675 canvas), multiplied by the output's scale (1 for SVG, 2 for PNG), and text
//! placed on a baseline the same way in both back-ends.
//!
//! Text is placed on its baseline. For SVG it goes through plotters' text element, whose
//! writer puts the baseline 0.76 em below the anchor and divides the size by 1.24;
//! [`Canvas::text`] corrects for both. For PNG it is rasterised by [`GlyphCache`], which
//! places the baseline and em size exactly, so both outputs match.

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::{Circle, DrawingArea, DrawingBackend, PathElement, Polygon, Rectangle};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, RGBAColor, RGBColor, ShapeStyle, TextStyle};

use super::fonts::{self, FONT, LINE_HEIGHT_EM, Weight};
use super::glyphs::GlyphCache;
use super::spec::Size;
use super::theme::WHITE;
use crate::error::{Error, Result};

/// The output being drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// SVG, in logical units.
    Svg,
    /// PNG, in pixels (`scale` pixels per logical unit).
    Png,
}

/// Horizontal alignment of a text relative to its x position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// The text starts at x.
    Left,
    /// The text is centred on x.
    Center,
    /// The text ends at x.
    Right,
}

/// A marker shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A disc.
    Circle,
    /// A square.
    Square,
    /// A triangle pointing up.
    Triangle,
    /// A diamond.
    Diamond,
}

impl Shape {
    /// Shapes in order of use for successive marker sets.
    pub const ALL: [Shape; 4] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
    ];
}

/// A rectangle in logical units (`x0 <= x1`, `y0 <= y1`, y pointing down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Rect {
    /// Width (never negative).
    pub fn width(&self) -> f64 {
        (self.x1 - self.x0).max(0.0)
    }

    /// Height (never negative).
    pub fn height(&self) -> f64 {
        (self.y1 - self.y0).max(0.0)
    }
}

/// One line of text as drawn: its text and the box it takes (from the ascender of its
/// tallest letters to the bottom of its descenders, across its measured width), in logical
/// units. Tests check that no two overlap and that all stay inside the image.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    /// The text.
    pub text: String,
    /// Its size (em, logical units).
    pub em: f64,
    /// The box it takes.
    pub rect: Rect,
}

/// Height of DejaVu Sans' ascenders (b, d, l) above the baseline, in em.
const ASCENDER_EM: f64 = 0.76;
/// Depth of DejaVu Sans' descenders (g, p, y) below the baseline, in em.
const DESCENDER_EM: f64 = 0.24;

/// Where a drawing goes, and at what scale.
pub struct Canvas<DB: DrawingBackend> {
    /// The whole drawing area, in back-end units.
    area: DrawingArea<DB, Shift>,
    /// SVG or PNG.
    target: Target,
    /// The layout drawn.
    size: Size,
    /// Back-end units per logical unit.
    scale: f64,
    /// Glyph bitmaps for PNG text (unused for SVG).
    glyphs: RefCell<GlyphCache>,
    /// Every text drawn so far.
    boxes: RefCell<Vec<TextBox>>,
}

/// Turns a plotters error into ours.
fn drawing_error(error: impl std::fmt::Display) -> Error {
    Error::Other(format!("drawing a chart failed: {error}"))
}

/// Replaces characters that cannot appear in a one-line text (or in XML) with spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

impl<DB: DrawingBackend> Canvas<DB> {
    /// A canvas over a whole drawing area, for a layout, at a scale.
    pub fn new(area: DrawingArea<DB, Shift>, target: Target, size: Size, scale: f64) -> Canvas<DB> {
        Canvas {
            area,
            target,
            size,
            scale,
            glyphs: RefCell::new(GlyphCache::default()),
            boxes: RefCell::new(Vec::new()),
        }
    }

    /// The layout drawn.
    pub fn size(&self) -> Size {
        self.size
    }

    /// Width of the canvas in logical units.
    pub fn width(&self) -> f64 {
        f64::from(self.size.logical().0)
    }

    /// Height of the canvas in logical units.
    pub fn height(&self) -> f64 {
        f64::from(self.size.logical().1)
    }

    /// Every text drawn so far, in drawing order.
    pub fn text_boxes(&self) -> Vec<TextBox> {
        self.boxes.borrow().clone()
    }

    /// Fills the whole canvas with white.
    pub fn clear(&self) -> Result<()> {
        self.area.fill(&WHITE).map_err(drawing_error)
    }

    /// Writes the drawing out (plotters' `Drop` would swallow this error).
    pub fn present(&self) -> Result<()> {
        self.area.present().map_err(drawing_error)
    }

    /// A logical coordinate in back-end units.
    fn px(&self, value: f64) -> i32 {
        let scaled = (value * self.scale).round();
        if scaled.is_finite() {
            scaled.clamp(-1e6, 1e6) as i32
        } else {
            0
        }
    }

    /// A stroke width in back-end units (at least one).
    fn stroke(&self, width: f64) -> u32 {
        let scaled = (width * self.scale).round();
        if scaled.is_finite() {
            scaled.clamp(1.0, 1000.0) as u32
        } else {
            1
        }
    }

    /// A logical point in back-end units.
    fn point(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    /// A filled rectangle between two corners (in any order).
    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, colour: RGBColor) -> Result<()> {
        self.rect_style(x0, y0, x1, y1, colour.filled())
    }

    /// A filled rectangle with an opacity.
    pub fn rect_alpha(
        &self,
        (x0, y0, x1, y1): (f64, f64, f64, f64),
        colour: RGBColor,
        alpha: f64,
    ) -> Result<()> {
        self.rect_style(x0, y0, x1, y1, colour.mix(alpha).filled())
    }

    /// A rectangle with any style; skipped if a corner is not finite.
    fn rect_style(&self, x0: f64, y0: f64, x1: f64, y1: f64, style: ShapeStyle) -> Result<()> {
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        let (left, right) = (self.px(x0.min(x1)), self.px(x0.max(x1)));
        let (top, bottom) = (self.px(y0.min(y1)), self.px(y0.max(y1)));
        // Keep thin rectangles visible: at least one back-end unit each way.
        let right = right.max(left + 1);
        let bottom = bottom.max(top + 1);
        self.area
            .draw(&Rectangle::new([(left, top), (right, bottom)], style))
            .map_err(drawing_error)
    }

    /// A horizontal line of the given width, centred on `y` (crisp: drawn as a rectangle).
    pub fn hline(&self, x0: f64, x1: f64, y: f64, width: f64, colour: RGBColor) -> Result<()> {
        let half = f64::from(self.stroke(width)) / self.scale / 2.0;
        self.rect(x0, y - half, x1, y + half, colour)
    }

    /// A vertical line of the given width, centred on `x` (crisp: drawn as a rectangle).
    pub fn vline(&self, x: f64, y0: f64, y1: f64, width: f64, colour: RGBColor) -> Result<()> {
        let half = f64::from(self.stroke(width)) / self.scale / 2.0;
        self.rect(x - half, y0, x + half, y1, colour)
    }

    /// A dashed vertical line.
    pub fn dashed_vline(
        &self,
        x: f64,
        y0: f64,
        y1: f64,
        width: f64,
        colour: RGBColor,
    ) -> Result<()> {
        const DASH: f64 = 6.0;
        const GAP: f64 = 4.0;
        let (top, bottom) = (y0.min(y1), y0.max(y1));
        if !(top.is_finite() && bottom.is_finite()) {
            return Ok(());
        }
        let mut y = top;
        while y < bottom {
            self.vline(x, y, (y + DASH).min(bottom), width, colour)?;
            y += DASH + GAP;
        }
        Ok(())
    }

    /// Points in pixels, those with a non-finite coordinate left out.
    fn finite_points(&self, points: &[(f64, f64)]) -> Vec<(i32, i32)> {
        points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&point| self.point(point))
            .collect()
    }

    /// A polyline; points with a non-finite coordinate are skipped.
    pub fn polyline(&self, points: &[(f64, f64)], width: f64, colour: RGBColor) -> Result<()> {
        let points = self.finite_points(points);
        if points.len() < 2 {
            return Ok(());
        }
        let style = colour.stroke_width(self.stroke(width));
        self.area
            .draw(&PathElement::new(points, style))
            .map_err(drawing_error)
    }

    /// A filled polygon with an opacity; points with a non-finite coordinate are skipped.
    pub fn polygon(&self, points: &[(f64, f64)], colour: RGBColor, alpha: f64) -> Result<()> {
        let points = self.finite_points(points);
        if points.len() < 3 {
            return Ok(());
        }
        self.area
            .draw(&Polygon::new(points, colour.mix(alpha).filled()))
            .map_err(drawing_error)
    }

    /// A filled disc.
    pub fn disc(&self, x: f64, y: f64, radius: f64, colour: RGBColor) -> Result<()> {
        if !(x.is_finite() && y.is_finite()) {
            return Ok(());
        }
        let radius = self.stroke(radius);
        self.area
            .draw(&Circle::new(self.point((x, y)), radius, colour.filled()))
            .map_err(drawing_error)
    }

    /// A marker: filled, or hollow (a coloured outline around white).
    pub fn marker(
        &self,
        shape: Shape,
        (x, y): (f64, f64),
        radius: f64,
        colour: RGBColor,
        filled: bool,
    ) -> Result<()> {
        self.solid_shape(shape, x, y, radius, colour)?;
        if !filled {
            let ring = (radius * 0.32).clamp(1.5, 3.0);
            self.solid_shape(shape, x, y, radius - ring * shape_ring_factor(shape), WHITE)?;
        }
        Ok(())
    }

    /// A marker shape filled with one colour.
    fn solid_shape(
        &self,
        shape: Shape,
        x: f64,
        y: f64,
        radius: f64,
        colour: RGBColor,
    ) -> Result<()> {
        match shape {
            Shape::Circle => self.disc(x, y, radius, colour),
            Shape::Square => {
                let half = radius * 0.88;
                self.rect(x - half, y - half, x + half, y + half, colour)
            }
            Shape::Triangle => {
                let r = radius * 1.25;
                let points = [
                    (x, y - r),
                    (x + r * 0.866, y + r * 0.5),
                    (x - r * 0.866, y + r * 0.5),
                ];
                self.polygon(&points, colour, 1.0)
            }
            Shape::Diamond => {
                let r = radius * 1.2;
                let points = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
                self.polygon(&points, colour, 1.0)
            }
        }
    }

    /// Writes one line of text with its baseline at `baseline`, aligned on `x`.
    pub fn text(
        &self,
        text: &str,
        (x, baseline): (f64, f64),
        em: f64,
        weight: Weight,
        colour: RGBColor,
        align: Align,
    ) -> Result<()> {
        if text.is_empty() || !(x.is_finite() && baseline.is_finite() && em > 0.0) {
            return Ok(());
        }
        let text = clean(text);
        let width = self.measure(&text, em, weight);
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        self.boxes.borrow_mut().push(TextBox {
            text: text.clone(),
            em,
            rect: Rect {
                x0: left,
                y0: baseline - ASCENDER_EM * em,
                x1: left + width,
                y1: baseline + DESCENDER_EM * em,
            },
        });
        match self.target {
            Target::Svg => self.svg_text(&text, (x, baseline), em, weight, colour, align),
            Target::Png => self.png_text(&text, (x, baseline), em, weight, colour, align),
        }
    }

    /// Text through plotters' SVG text element.
    fn svg_text(
        &self,
        text: &str,
        (x, baseline): (f64, f64),
        em: f64,
        weight: Weight,
        colour: RGBColor,
        align: Align,
    ) -> Result<()> {
        // plotters' SVG writer divides the size by 1.24 and puts the baseline 0.76 em below y.
        let (scaled_em, size) = svg_font_size(em * self.scale);
        let top = baseline - 0.76 * scaled_em / self.scale;
        let h_pos = match align {
            Align::Left => HPos::Left,
            Align::Center => HPos::Center,
            Align::Right => HPos::Right,
        };
        // `FontDesc::new` picks the face of the weight; `.style()` on a font would not.
        let style = TextStyle::from(FontDesc::new(FontFamily::Name(FONT), size, weight.style()))
            .color(&colour)
            .pos(Pos::new(h_pos, VPos::Top));
        self.area
            .draw_text(text, &style, (self.px(x), self.px(top)))
            .map_err(drawing_error)
    }

    /// Text rasterised through the glyph cache.
    fn png_text(
        &self,
        text: &str,
        (x, baseline): (f64, f64),
        em: f64,
        weight: Weight,
        colour: RGBColor,
        align: Align,
    ) -> Result<()> {
        let faces = fonts::faces()?;
        let width = self.measure(text, em, weight);
        let left = match align {
            Align::Left => x,
            Align::Center => x - width / 2.0,
            Align::Right => x - width,
        };
        let RGBColor(r, g, b) = colour;
        let mut glyphs = self
            .glyphs
            .try_borrow_mut()
            .map_err(|_| Error::Other("drawing a chart failed: text cache in use".into()))?;
        glyphs
            .draw(
                faces,
                (text, weight),
                (left * self.scale, baseline * self.scale),
                em * self.scale * LINE_HEIGHT_EM,
                |(point, coverage)| {
                    self.area
                        .draw_pixel(point, &RGBAColor(r, g, b, f64::from(coverage)))
                },
            )
            .map_err(drawing_error)
    }

    /// Width of a text in logical units.
    pub fn measure(&self, text: &str, em: f64, weight: Weight) -> f64 {
        fonts::text_width(text, em, weight)
    }
}

/// The em size (in tenths, within half a unit of `em`) and the size to give plotters' SVG
/// writer so that it writes that em as `font-size` without rounding noise: it divides by 1.24,
/// and `em * 1.24 / 1.24` can be off by one unit in the last place.
fn svg_font_size(em: f64) -> (f64, f64) {
    let em = (em * 10.0).round() / 10.0;
    for offset in [0.0, -0.1, 0.1, -0.2, 0.2, -0.3, 0.3, -0.4, 0.4] {
        let wanted = ((em + offset) * 10.0).round() / 10.0;
        let mut size = wanted * 1.24;
        for _ in 0..4 {
            let written = size / 1.24;
            if written == wanted {
                return (wanted, size);
            }
            size = if written < wanted {
                size.next_up()
            } else {
                size.next_down()
            };
        }
    }
    (em, em * 1.24)
}

/// How much thicker a hollow shape's outline must be drawn for its ring to look as thick as a
/// circle's (pointed shapes lose width at their corners).
fn shape_ring_factor(shape: Shape) -> f64 {
    match shape {
        Shape::Circle | Shape::Square => 1.0,
        Shape::Triangle => 1.9,
        Shape::Diamond => 1.4,
    }
}

/// `text`, shortened with an ellipsis to fit `max_width` at `em`.
pub fn fit(text: &str, em: f64, weight: Weight, max_width: f64) -> String {
    let text = clean(text);
    if fonts::text_width(&text, em, weight) <= max_width {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the number of characters kept.
    let (mut low, mut high) = (0, chars.len());
    while low < high {
        let middle = (low + high).div_ceil(2);
        let candidate: String = chars[..middle].iter().collect::<String>() + "…";
        if fonts::text_width(&candidate, em, weight) <= max_width {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    let kept: String = chars[..low].iter().collect();
    format!("{}…", kept.trim_end())
}

/// `text` at the largest size from `em` down to `min_em` at which it fits `max_width`, or at
/// `min_em` shortened with an ellipsis; returns the text and its size.
pub fn fit_shrinking(
    text: &str,
    em: f64,
    min_em: f64,
    weight: Weight,
    max_width: f64,
) -> (String, f64) {
    let width = fonts::text_width(text, em, weight);
    if width <= max_width || width <= 0.0 {
        return (clean(text), em);
    }
    let em = (em * max_width / width).max(min_em.min(em));
    (fit(text, em, weight, max_width), em)
}

/// `text` broken into at most `max_lines` lines of at most `max_width` (the last line
/// shortened with an ellipsis when the text does not fit). Lines break at spaces and after
/// hyphens.
pub fn wrap(text: &str, em: f64, weight: Weight, max_width: f64, max_lines: usize) -> Vec<String> {
    wrap_checked(text, em, weight, max_width, max_lines).0
}

/// Like [`wrap`], but lines break only at spaces: for footers and subtitles, whose source ids
/// (`SEMIANALYSIS-2023`) must never be split.
pub fn wrap_at_spaces(
    text: &str,
    em: f64,
    weight: Weight,
    max_width: f64,
    max_lines: usize,
) -> Vec<String> {
    wrap_pieces(text, em, weight, max_width, max_lines, false).0
}

/// Like [`wrap`], and whether the text fitted without being shortened.
pub fn wrap_checked(
    text: &str,
    em: f64,
    weight: Weight,
    max_width: f64,
    max_lines: usize,
) -> (Vec<String>, bool) {
    wrap_pieces(text, em, weight, max_width, max_lines, true)
}

fn wrap_pieces(
    text: &str,
    em: f64,
    weight: Weight,
    max_width: f64,
    max_lines: usize,
    at_hyphens: bool,
) -> (Vec<String>, bool) {
    let text = clean(text);
    // Pieces with the separator that goes before them: a space, or nothing after a hyphen.
    let mut pieces: Vec<(&str, &str)> = Vec::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        if !at_hyphens {
            pieces.push((" ", word));
            continue;
        }
        let mut separator = " ";
        for piece in word.split_inclusive('-') {
            pieces.push((separator, piece));
            separator = "";
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (index, (separator, piece)) in pieces.iter().enumerate() {
        let candidate = if current.is_empty() {
            (*piece).to_string()
        } else {
            format!("{current}{separator}{piece}")
        };
        if current.is_empty() || fonts::text_width(&candidate, em, weight) <= max_width {
            current = candidate;
            continue;
        }
        if lines.len() + 1 == max_lines.max(1) {
            // Last allowed line: put the rest on it and shorten.
            for (separator, piece) in &pieces[index..] {
                current.push_str(separator);
                current.push_str(piece);
            }
            break;
        }
        lines.push(std::mem::take(&mut current));
        current = (*piece).to_string();
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let mut fitted = true;
    let lines = lines
        .into_iter()
        .map(|line| {
            let shortened = fit(&line, em, weight, max_width);
            fitted &= shortened == line;
            shortened
        })
        .collect();
    (lines, fitted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::chart::theme::*;

    #[test]
    fn fit_and_wrap_respect_the_width() {
        fonts::ensure_registered().expect("fonts");
        let long =
            "International Energy Agency, Energy and AI (2025), base case with high uncertainty";
        let short = fit(long, 20.0, Weight::Normal, 300.0);
        assert!(short.ends_with('…'));
        assert!(fonts::text_width(&short, 20.0, Weight::Normal) <= 300.0);
        assert_eq!(fit("PUE", 20.0, Weight::Normal, 300.0), "PUE");
        assert_eq!(fit("PUE", 20.0, Weight::Normal, 0.0), "…");

        let lines = wrap(long, 20.0, Weight::Normal, 400.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("International"));
        assert!(lines[1].ends_with('…'));
        for line in &lines {
            assert!(fonts::text_width(line, 20.0, Weight::Normal) <= 400.0);
        }
        assert_eq!(wrap("a b", 20.0, Weight::Normal, 400.0, 3), ["a b"]);
        let (lines, fitted) = wrap_checked("Sub-Saharan Africa", 20.0, Weight::Normal, 120.0, 3);
        assert_eq!(lines, ["Sub-", "Saharan", "Africa"]);
        assert!(fitted);
        let (_, fitted) = wrap_checked(long, 20.0, Weight::Normal, 120.0, 2);
        assert!(!fitted);
        assert!(wrap("", 20.0, Weight::Normal, 400.0, 3).is_empty());
    }

    #[test]
    fn svg_font_sizes_are_written_exactly() {
        for tenths in 50..400 {
            let wanted = f64::from(tenths) / 10.0;
            let (em, size) = svg_font_size(wanted);
            let written = format!("{}", size / 1.24);
            assert_eq!(written, format!("{em}"));
            assert!(
                written.len() <= 4 && (em - wanted).abs() < 0.5,
                "{wanted}: {written}"
            );
        }
        for theme_size in [
            TITLE_EM,
            SUBTITLE_EM,
            TICK_EM,
            LABEL_EM,
            VALUE_EM,
            FOOTER_EM,
            TOOL_EM,
        ] {
            assert_eq!(svg_font_size(theme_size).0, theme_size);
        }
    }

    #[test]
    fn clean_removes_control_characters() {
        assert_eq!(clean("a\nb\u{0}c"), "a b c");
    }
}
