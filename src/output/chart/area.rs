//! Stacked areas over the years: one layer per part (bottom first), stacked from zero, and the
//! total's p5–p95 range as an error bar at each year.

use plotters::prelude::DrawingBackend;

use super::canvas::Canvas;
use super::layout::{LegendItem, Swatch, frame, no_data, range_bar};
use super::scale::Extent;
use super::spec::{Chart, Segment};
use super::theme::*;
use crate::error::Result;

/// The layers of a stacked area: the years, the layers bottom first, the total's p5–p95 per
/// year.
pub type Layers<'a> = (&'a [i32], &'a [Segment], Option<&'a [(f64, f64)]>);

/// Draws a stacked area chart.
pub fn draw<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    (years, segments, total_band): Layers<'_>,
) -> Result<()> {
    let colours = || FILL_PALETTE.iter().copied().cycle();
    let mut legend = LegendItem::list(segments.iter().map(|segment| &segment.label), |index| {
        Swatch::Fill(FILL_PALETTE[index % FILL_PALETTE.len()])
    });
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
        legend.push(LegendItem::total_range(chart.lang));
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
    let (layout, x_axis) = super::series::year_plot(canvas, body, chart, extent, (first, last))?;
    let plot = layout.plot;
    let x_of = |year: i32| plot.x0 + x_axis.fraction(f64::from(year)) * plot.width();
    let zero = vec![0.0; years.len()];
    for ((index, top), colour) in tops.iter().enumerate().zip(colours()) {
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
        canvas.polygon(&outline, colour, 1.0)?;
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
