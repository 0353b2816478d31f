//! Histogram of Monte Carlo draws: bins by the Freedman–Diaconis rule (2 IQR / n^⅓), clamped
//! to 20–60 bins; the y axis is the share of draws in each bin. Reference lines (p5, median,
//! p95 …) are dashed, labelled with their value above the plot, in staggered rows when close.

use plotters::prelude::DrawingBackend;

use super::canvas::{Align, Canvas, Rect};
use super::fonts::Weight;
use super::layout::{X_TICK_ROW, clamp_or_centre, frame, no_data, vertical_plot};
use super::scale::{Axis, Extent, TickFormat};
use super::spec::{Chart, RefLine};
use super::theme::*;
use crate::error::Result;
use crate::lang::Lang;
use crate::number::human;

/// Fewest bins.
const MIN_BINS: usize = 20;
/// Most bins.
const MAX_BINS: usize = 60;
/// Most rows of reference line labels.
const MAX_LABEL_ROWS: usize = 3;
/// Height of a row of reference line labels.
const LABEL_ROW: f64 = VALUE_EM * 1.45;

/// Equal-width bins over the draws: the lower edge, the bin width and the share of draws in
/// each bin. `None` when no draw is finite.
pub fn bins(draws: &[f64]) -> Option<(f64, f64, Vec<f64>)> {
    let mut sorted: Vec<f64> = draws.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let count = sorted.len();
    let (low, high) = (sorted[0], sorted[count - 1]);
    let magnitude = low.abs().max(high.abs());
    let (low, high, bins) = if high - low <= magnitude * 1e-12 || high - low == 0.0 {
        // All draws equal: one full bar in the middle of a small window around them.
        let half = if magnitude > 0.0 {
            magnitude * 0.05
        } else {
            0.5
        };
        (low - half, low + half, MIN_BINS + 1)
    } else {
        let quantile = |p: f64| sorted[((count - 1) as f64 * p).round() as usize];
        let iqr = quantile(0.75) - quantile(0.25);
        let width = 2.0 * iqr / (count as f64).cbrt();
        let bins = if width > 0.0 {
            ((high - low) / width).ceil().min(1e6) as usize
        } else {
            (MIN_BINS + MAX_BINS) / 2
        };
        (low, high, bins.clamp(MIN_BINS, MAX_BINS))
    };
    let width = (high - low) / bins as f64;
    let mut shares = vec![0.0; bins];
    let step = 1.0 / count as f64;
    for value in sorted {
        let index = (((value - low) / width).floor().max(0.0) as usize).min(bins - 1);
        shares[index] += step;
    }
    Some((low, width, shares))
}

/// Draws a histogram.
pub fn draw<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    draws: &[f64],
    lines: &[RefLine],
) -> Result<()> {
    let body = frame(canvas, chart, &[])?;
    let Some((low, width, shares)) = bins(draws) else {
        return no_data(canvas, body, chart.lang);
    };
    let high = low + width * shares.len() as f64;
    let lines: Vec<&RefLine> = lines.iter().filter(|line| line.value.is_finite()).collect();
    let mut x_extent = Extent::new();
    x_extent.add(low);
    x_extent.add(high);
    x_extent.add_all(lines.iter().map(|line| line.value));
    let mut y_extent = Extent::new();
    y_extent.add(0.0);
    y_extent.add_all(shares.iter().copied());

    let labels: Vec<(String, f64)> = lines
        .iter()
        .map(|line| {
            let text = line_label(line, chart.lang);
            let width = canvas.measure(&text, VALUE_EM, Weight::Normal);
            (text, width)
        })
        .collect();
    // Lay the labels out once on an approximate plot width to know how many rows they need.
    let approximate = Rect {
        x0: body.x0 + 70.0,
        ..body
    };
    let approximate_axis = x_axis(canvas, x_extent, approximate.width(), chart.lang);
    let rows = label_rows(&labels, &lines, &approximate_axis, approximate);
    let row_count = rows.iter().copied().max().map_or(0, |row| row + 1);
    let top_room = row_count as f64 * LABEL_ROW;

    let layout = vertical_plot(
        canvas,
        body,
        chart,
        y_extent,
        TickFormat::Percent,
        X_TICK_ROW,
        top_room,
    )?;
    let plot = layout.plot;
    let x = x_axis(canvas, x_extent, plot.width(), chart.lang);
    let x_of = |value: f64| plot.x0 + x.fraction(value) * plot.width();
    layout.x_ticks(canvas, &x.ticks, x_of, (body.x0, body.x1))?;

    let bar_colour = tint(BLUE, 0.62);
    let base = layout.y_of(0.0);
    for (index, share) in shares.iter().enumerate() {
        if *share <= 0.0 {
            continue;
        }
        let left = x_of(low + index as f64 * width);
        let right = x_of(low + (index + 1) as f64 * width);
        let gap = if right - left > 4.0 { 1.0 } else { 0.0 };
        canvas.rect(
            left + gap / 2.0,
            layout.y_of(*share),
            right - gap / 2.0,
            base,
            bar_colour,
        )?;
    }

    let rows = label_rows(&labels, &lines, &x, plot);
    for ((line, (text, text_width)), row) in lines.iter().zip(&labels).zip(rows) {
        let position = x_of(line.value);
        let baseline = plot.y0 - 10.0 - row as f64 * LABEL_ROW;
        canvas.dashed_vline(position, plot.y0 - 4.0, plot.y1, 2.0, INK)?;
        let centre = label_centre(position, *text_width, plot);
        canvas.text(
            text,
            (centre, baseline),
            VALUE_EM,
            Weight::Normal,
            INK,
            Align::Center,
        )?;
    }
    Ok(())
}

/// The value axis under the bins, ending just beyond the draws.
fn x_axis<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    extent: Extent,
    length: f64,
    lang: Lang,
) -> Axis {
    Axis::linear_fitting(extent, length, 28.0, TickFormat::Number, lang, |text| {
        canvas.measure(text, TICK_EM, Weight::Normal)
    })
    .tightened(extent, 0.03)
}

/// "median 12.3".
fn line_label(line: &RefLine, lang: Lang) -> String {
    let value = human(line.value, 3, lang);
    if line.label.trim().is_empty() {
        value
    } else {
        format!("{} {value}", line.label.trim())
    }
}

/// The centre of a label for a line at `position`, kept inside the plot's width.
fn label_centre(position: f64, width: f64, plot: Rect) -> f64 {
    let half = width / 2.0;
    if plot.width() <= width {
        return (plot.x0 + plot.x1) / 2.0;
    }
    clamp_or_centre(position, plot.x0 + half, plot.x1 - half)
}

/// The label row of each line (0 is the lowest row), so that labels in a row do not overlap:
/// lines from left to right, each in the first row with room.
fn label_rows(labels: &[(String, f64)], lines: &[&RefLine], axis: &Axis, plot: Rect) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|a, b| lines[*a].value.total_cmp(&lines[*b].value));
    let mut row_ends: Vec<f64> = Vec::new();
    let mut rows = vec![0; lines.len()];
    for index in order {
        let position = plot.x0 + axis.fraction(lines[index].value) * plot.width();
        let width = labels[index].1;
        let left = label_centre(position, width, plot) - width / 2.0;
        let row = row_ends
            .iter()
            .position(|end| left >= end + 10.0)
            .unwrap_or(row_ends.len())
            .min(MAX_LABEL_ROWS - 1);
        if row == row_ends.len() {
            row_ends.push(f64::NEG_INFINITY);
        }
        row_ends[row] = left + width;
        rows[index] = row;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_cover_all_draws_and_sum_to_one() {
        let draws: Vec<f64> = (0..10_000)
            .map(|i| (f64::from(i) * 0.618).fract() * 10.0)
            .collect();
        let (low, width, shares) = bins(&draws).expect("bins");
        assert!((MIN_BINS..=MAX_BINS).contains(&shares.len()));
        let highest = draws.iter().copied().fold(0.0, f64::max);
        assert!(low <= 0.0 && low + width * shares.len() as f64 >= highest - 1e-9);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn equal_draws_make_one_bar() {
        let (_, width, shares) = bins(&[3.0; 100]).expect("bins");
        assert!(width > 0.0);
        assert_eq!(shares.iter().filter(|share| **share > 0.0).count(), 1);
        assert!(bins(&[f64::NAN, f64::INFINITY]).is_none());
        let (_, width, _) = bins(&[0.0, 0.0]).expect("bins");
        assert!(width > 0.0);
    }
}
