//! Stacked areas over the years: one layer per part (bottom first), stacked from zero, and the
//! total's p5–p95 range as an error bar at each year.

use plotters::prelude::DrawingBackend;

use super::canvas::Canvas;
use super::fonts::Weight;
use super::layout::{
    LegendItem, Swatch, X_TICK_ROW, frame, no_data, range_bar, vertical_plot, x_tick_label,
};
use super::scale::{Axis, Extent, TickFormat};
use super::spec::{Chart, Segment};
use super::theme::*;
use crate::error::Result;

/// Draws a stacked area chart.
pub fn draw<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    years: &[i32],
    segments: &[Segment],
    total_band: Option<&[(f64, f64)]>,
) -> Result<()> {
    let colour = |index: usize| FILL_PALETTE[index % FILL_PALETTE.len()];
    let mut legend: Vec<LegendItem> = segments
        .iter()
        .enumerate()
        .map(|(index, segment)| LegendItem {
            swatch: Swatch::Fill(colour(index)),
            label: segment.label.clone(),
        })
        .collect();
    let band: Vec<(f64, f64)> = total_band
        .map(|band| {
            band.iter()
                .map(|&(low, high)| (low.min(high), low.max(high)))
                .collect()
        })
        .unwrap_or_default();
    let banded = band
        .iter()
        .any(|(low, high)| low.is_finite() && high.is_finite() && high > low);
    if banded {
        legend.push(LegendItem {
            swatch: Swatch::RangeBar(INK),
            label: chart
                .lang
                .pick("total, 90% range", "total, intervalle à 90 %")
                .to_string(),
        });
    }
    let body = frame(canvas, chart, &legend)?;
    let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
        return no_data(canvas, body, chart.lang);
    };
    // Cumulative tops of each layer, per year.
    let mut tops: Vec<Vec<f64>> = Vec::with_capacity(segments.len());
    let mut running = vec![0.0; years.len()];
    for segment in segments {
        for (sum, value) in running.iter_mut().zip(&segment.values) {
            if value.is_finite() {
                *sum += value.max(0.0);
            }
        }
        tops.push(running.clone());
    }
    let mut extent = Extent::new();
    extent.add(0.0);
    extent.add_all(running.iter().copied());
    if banded {
        extent.add_all(band.iter().flat_map(|&(low, high)| [low, high]));
    }
    let layout = vertical_plot(
        canvas,
        body,
        chart,
        extent,
        TickFormat::Number,
        X_TICK_ROW,
        0.0,
    )?;
    let plot = layout.plot;
    let label_width = [first, last]
        .iter()
        .map(|year| canvas.measure(&year.to_string(), TICK_EM, Weight::Normal))
        .fold(0.0, f64::max)
        + 28.0;
    let max_ticks = (plot.width() / label_width).floor().max(2.0) as usize;
    let span = f64::from(last) - f64::from(first);
    let x_axis = Axis::years(first, last, (span * 0.03).max(0.3), max_ticks);
    let x_of = |year: i32| plot.x0 + x_axis.fraction(f64::from(year)) * plot.width();
    for tick in &x_axis.ticks {
        let x = plot.x0 + x_axis.fraction(tick.value) * plot.width();
        canvas.vline(x, plot.y1, plot.y1 + 6.0, 1.5, AXIS)?;
        x_tick_label(
            canvas,
            &tick.label,
            (x, layout.x_tick_baseline()),
            (plot.x0 - 8.0, body.x1),
        )?;
    }
    let zero = vec![0.0; years.len()];
    for (index, top) in tops.iter().enumerate() {
        let bottom = if index == 0 { &zero } else { &tops[index - 1] };
        let upper = years
            .iter()
            .zip(top)
            .map(|(year, value)| (x_of(*year), layout.y_of(*value)));
        let lower = years
            .iter()
            .zip(bottom)
            .rev()
            .map(|(year, value)| (x_of(*year), layout.y_of(*value)));
        let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
        canvas.polygon(&outline, colour(index), 1.0)?;
        // A white edge keeps adjacent layers apart.
        let edge: Vec<(f64, f64)> = years
            .iter()
            .zip(top)
            .map(|(year, value)| (x_of(*year), layout.y_of(*value)))
            .collect();
        canvas.polyline(&edge, 1.0, WHITE)?;
    }
    if banded {
        for (year, (low, high)) in years.iter().zip(&band) {
            if low.is_finite() && high.is_finite() && high > low {
                range_bar(
                    canvas,
                    x_of(*year),
                    layout.y_of(*high),
                    layout.y_of(*low),
                    INK,
                )?;
            }
        }
    }
    Ok(())
}
