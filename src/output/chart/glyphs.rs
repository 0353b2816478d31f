//! Text for PNG output: glyphs rasterised once per chart with ab_glyph and cached, then blended
//! pixel by pixel where they have coverage.
//!
//! plotters' own bitmap text path rasterises every glyph again for each label, visits every
//! pixel of each glyph's box (coverage zero included) and drops each glyph's side bearing and
//! position. Here each glyph keeps its bearing and kerning on whole-pixel pen positions (at 2x,
//! sub-pixel positions only made the PNG bigger and slower to encode).

use std::collections::HashMap;

use ab_glyph::{Font, GlyphId, PxScale, ScaleFont, point};

use super::fonts::{Faces, Weight};

/// A glyph's coverage, placed relative to its pen position on the baseline.
struct GlyphBitmap {
    /// Offset of the bitmap's left column from the pen position.
    left: i32,
    /// Offset of the bitmap's top row from the baseline (negative: above).
    top: i32,
    /// Width in pixels.
    width: usize,
    /// Coverage (0–1) by row.
    coverage: Vec<f32>,
}

/// Which glyph bitmap: bold or not, glyph, size (f32 bits).
type GlyphKey = (bool, u16, u32);

/// Glyph bitmaps of one chart, drawn at whole-pixel pen positions.
#[derive(Default)]
pub struct GlyphCache {
    /// Bitmaps by glyph; `None` for glyphs with no outline (spaces).
    glyphs: HashMap<GlyphKey, Option<GlyphBitmap>>,
}

/// A pixel to blend: position and coverage.
pub type Coverage = ((i32, i32), f32);

impl GlyphCache {
    /// Lays out `text` with its baseline at `baseline` and its left end at `left` (pixels),
    /// at `size` pixels of line height, and calls `blend` for every covered pixel.
    pub fn draw<E>(
        &mut self,
        faces: &Faces,
        (text, weight): (&str, Weight),
        (left, baseline): (f64, f64),
        size: f64,
        mut blend: impl FnMut(Coverage) -> Result<(), E>,
    ) -> Result<(), E> {
        let font = faces.face(weight);
        let scale = PxScale::from(size as f32);
        let scaled = font.as_scaled(scale);
        // Text placed far off the image (a coordinate from a huge value) stays far off it:
        // positions are kept within ±1e6 pixels so that the sums below cannot overflow.
        let baseline = baseline.round().clamp(-1e6, 1e6) as i32;
        let mut caret = left as f32;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let glyph = font.glyph_id(c);
            if let Some(previous) = previous {
                caret += scaled.kern(previous, glyph);
            }
            previous = Some(glyph);
            let pen = caret.round().clamp(-1e6, 1e6);
            let key = (weight == Weight::Bold, glyph.0, scale.x.to_bits());
            let bitmap = self.glyphs.entry(key).or_insert_with(|| {
                let positioned = glyph.with_scale_and_position(scale, point(0.0, 0.0));
                font.outline_glyph(positioned).map(|outline| {
                    let bounds = outline.px_bounds();
                    let width = bounds.width().max(0.0) as usize;
                    let height = bounds.height().max(0.0) as usize;
                    let mut coverage = vec![0.0f32; width * height];
                    outline.draw(|x, y, value| {
                        let index = y as usize * width + x as usize;
                        if let Some(cell) = coverage.get_mut(index) {
                            *cell = value.min(1.0);
                        }
                    });
                    GlyphBitmap {
                        left: bounds.min.x as i32,
                        top: bounds.min.y as i32,
                        width,
                        coverage,
                    }
                })
            });
            if let Some(bitmap) = bitmap {
                let origin_x = pen as i32 + bitmap.left;
                let origin_y = baseline + bitmap.top;
                for (index, value) in bitmap.coverage.iter().enumerate() {
                    if *value > 0.0 {
                        let x = origin_x + (index % bitmap.width) as i32;
                        let y = origin_y + (index / bitmap.width) as i32;
                        blend(((x, y), *value))?;
                    }
                }
            }
            caret += scaled.h_advance(glyph);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::chart::fonts;

    #[test]
    fn glyphs_sit_on_the_baseline_and_are_cached() {
        let faces = fonts::faces().expect("faces");
        let mut cache = GlyphCache::default();
        let mut pixels = Vec::new();
        cache
            .draw::<()>(
                faces,
                ("HH", Weight::Normal),
                (10.0, 100.0),
                40.0,
                |pixel| {
                    pixels.push(pixel);
                    Ok(())
                },
            )
            .expect("draw");
        let rows: Vec<i32> = pixels.iter().map(|((_, y), _)| *y).collect();
        let (top, bottom) = (rows.iter().min().copied(), rows.iter().max().copied());
        // A capital H of 40 px line height (34.4 px em) is 25 px tall and ends on the baseline.
        assert_eq!(bottom, Some(99));
        assert!(top.is_some_and(|top| (74..=76).contains(&top)), "{top:?}");
        assert!(pixels.iter().all(|((x, _), _)| *x >= 10));
        assert_eq!(cache.glyphs.len(), 1, "one bitmap for both letters");
    }
}
