//! A reader's check of a chart's layout: every text inside the image, no two texts on top of
//! each other, and no text smaller than a reader can read at the size the layout is shown.

use super::canvas::TextBox;
use super::spec::{Chart, Size};
use crate::error::Result;

/// How far (logical units) two boxes may run into each other before they count as overlapping:
/// the ascender-to-descender boxes of neighbouring lines touch by design.
const TOLERANCE: f64 = 0.5;

/// The smallest text size (logical units) allowed in a layout: 9.5 px on a wide chart shown
/// 600 px wide, 9 px on a narrow chart shown 360 px wide (27 px at its 1080 px).
pub fn min_em(size: Size) -> f64 {
    match size {
        Size::Wide => 14.0,
        Size::Narrow => 27.0 / 2.0,
    }
}

/// What a reader would find wrong in a chart's layout, one sentence per problem (empty when
/// nothing is).
pub fn problems(chart: &Chart, size: Size) -> Result<Vec<String>> {
    let boxes = super::text_boxes(chart, size)?;
    let (width, height) = size.logical();
    let (width, height) = (f64::from(width), f64::from(height));
    let mut found = Vec::new();
    let name = |text_box: &TextBox| {
        format!(
            "{:?} at {:.0},{:.0}",
            text_box.text, text_box.rect.x0, text_box.rect.y0
        )
    };
    for text_box in &boxes {
        let rect = text_box.rect;
        if rect.x0 < -TOLERANCE
            || rect.y0 < -TOLERANCE
            || rect.x1 > width + TOLERANCE
            || rect.y1 > height + TOLERANCE
        {
            found.push(format!("{} leaves the image", name(text_box)));
        }
        if text_box.em < min_em(size) {
            found.push(format!("{} is {} units tall", name(text_box), text_box.em));
        }
    }
    for (index, a) in boxes.iter().enumerate() {
        for b in &boxes[index + 1..] {
            let across = a.rect.x1.min(b.rect.x1) - a.rect.x0.max(b.rect.x0);
            let down = a.rect.y1.min(b.rect.y1) - a.rect.y0.max(b.rect.y0);
            if across > TOLERANCE && down > TOLERANCE {
                found.push(format!("{} overlaps {}", name(a), name(b)));
            }
        }
    }
    Ok(found)
}
