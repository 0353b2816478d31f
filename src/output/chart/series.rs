//! Time series: for each modelled series a translucent p5–p95 band and its median line; published
//! points as markers (one shape and colour per set, hollow when unconfirmed) with their published
//! range as an error bar, or a bare range bar when only a range was published.

use std::collections::BTreeMap;

use plotters::prelude::DrawingBackend;

use super::canvas::{Canvas, Shape};
use super::fonts::Weight;
use super::layout::{LegendItem, Swatch, X_TICK_ROW, frame, no_data, range_bar, vertical_plot};
use super::scale::{Axis, Extent, TickFormat};
use super::spec::{BandPoint, BandSeries, Chart, MarkerSet};
use super::theme::*;
use crate::error::Result;

/// Draws a time series chart.
pub fn draw<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    series: &[BandSeries],
    markers: &[MarkerSet],
    y_from_zero: bool,
) -> Result<()> {
    let series_colour = |index: usize| LINE_PALETTE[index % LINE_PALETTE.len()];
    let marker_colour = |index: usize| LINE_PALETTE[(series.len() + index) % LINE_PALETTE.len()];
    let marker_shape = |index: usize| Shape::ALL[index % Shape::ALL.len()];

    let mut legend = LegendItem::list(series.iter().map(|series| &series.label), |index| {
        Swatch::Band(series_colour(index))
    });
    for (index, set) in markers.iter().enumerate() {
        let only_ranges =
            !set.points.is_empty() && set.points.iter().all(|point| point.value.is_none());
        let swatch = if only_ranges {
            Swatch::RangeBar(marker_colour(index))
        } else {
            Swatch::Marker(marker_shape(index), marker_colour(index), true)
        };
        legend.push(LegendItem {
            swatch,
            label: set.label.clone(),
        });
    }
    let any_unconfirmed = markers
        .iter()
        .flat_map(|set| &set.points)
        .any(|point| point.unconfirmed && point.value.is_some_and(f64::is_finite));
    if any_unconfirmed {
        legend.push(LegendItem {
            swatch: Swatch::Marker(Shape::Circle, TEXT, false),
            label: chart.lang.pick("unconfirmed", "non confirmé").to_string(),
        });
    }
    let body = frame(canvas, chart, &legend)?;

    let mut extent = Extent::new();
    let mut years: Option<(i32, i32)> = None;
    let mut see_year = |year: i32| {
        years = Some(match years {
            None => (year, year),
            Some((first, last)) => (first.min(year), last.max(year)),
        });
    };
    for point in series.iter().flat_map(|series| &series.points) {
        let values = [point.p5, point.p50, point.p95];
        if values.iter().any(|value| value.is_finite()) {
            extent.add_all(values);
            see_year(point.year);
        }
    }
    for point in markers.iter().flat_map(|set| &set.points) {
        let (low, high) = point.range.unwrap_or((f64::NAN, f64::NAN));
        let values = [point.value.unwrap_or(f64::NAN), low, high];
        if values.iter().any(|value| value.is_finite()) {
            extent.add_all(values);
            see_year(point.year);
        }
    }
    let Some((first, last)) = years else {
        return no_data(canvas, body, chart.lang);
    };
    if y_from_zero {
        extent.add(0.0);
    }

    let (layout, x_axis) = year_plot(canvas, body, chart, extent, (first, last))?;
    let plot = layout.plot;
    let x_of = |year: f64| plot.x0 + x_axis.fraction(year) * plot.width();

    // Bands first, then lines on top of every band, then markers on top of everything.
    let sorted: Vec<Vec<BandPoint>> = series
        .iter()
        .map(|series| {
            let mut points = series.points.clone();
            points.sort_by_key(|point| point.year);
            points
        })
        .collect();
    for (index, points) in sorted.iter().enumerate() {
        let colour = series_colour(index);
        for run in runs(points, |point| {
            point.p5.is_finite() && point.p95.is_finite()
        }) {
            if let [point] = run {
                let x = x_of(f64::from(point.year));
                canvas.rect_alpha(
                    (
                        x - 6.0,
                        layout.y_of(point.p5),
                        x + 6.0,
                        layout.y_of(point.p95),
                    ),
                    colour,
                    BAND_ALPHA,
                )?;
                continue;
            }
            let upper = run
                .iter()
                .map(|point| (x_of(f64::from(point.year)), layout.y_of(point.p95)));
            let lower = run
                .iter()
                .rev()
                .map(|point| (x_of(f64::from(point.year)), layout.y_of(point.p5)));
            let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
            canvas.polygon(&outline, colour, BAND_ALPHA)?;
        }
    }
    for (index, points) in sorted.iter().enumerate() {
        let colour = series_colour(index);
        for run in runs(points, |point| point.p50.is_finite()) {
            let line: Vec<(f64, f64)> = run
                .iter()
                .map(|point| (x_of(f64::from(point.year)), layout.y_of(point.p50)))
                .collect();
            if let [(x, y)] = line[..] {
                canvas.disc(x, y, 4.0, colour)?;
            } else {
                canvas.polyline(&line, LINE_WIDTH, colour)?;
            }
        }
    }

    // Sets with a point in the same year are spread sideways so that none hides another.
    let mut sets_by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (index, set) in markers.iter().enumerate() {
        for point in &set.points {
            let sets = sets_by_year.entry(point.year).or_default();
            if !sets.contains(&index) {
                sets.push(index);
            }
        }
    }
    let offset_of = |index: usize, year: i32| {
        let sets = sets_by_year.get(&year).map_or(&[][..], Vec::as_slice);
        let rank = sets.iter().position(|set| *set == index).unwrap_or(0);
        (rank as f64 - (sets.len() as f64 - 1.0).max(0.0) / 2.0) * MARKER_RADIUS * 2.2
    };
    // With no modelled series the chart shows published series only: a thin line joins each
    // set's points so that its trend reads at a glance.
    if series.is_empty() {
        for (index, set) in markers.iter().enumerate() {
            let mut points: Vec<(i32, f64)> = set
                .points
                .iter()
                .filter_map(|point| {
                    point
                        .value
                        .filter(|v| v.is_finite())
                        .map(|v| (point.year, v))
                })
                .collect();
            points.sort_by_key(|(year, _)| *year);
            if points.len() >= 2 {
                let line: Vec<(f64, f64)> = points
                    .iter()
                    .map(|(year, value)| {
                        (
                            x_of(f64::from(*year)) + offset_of(index, *year),
                            layout.y_of(*value),
                        )
                    })
                    .collect();
                canvas.polyline(&line, LINE_WIDTH * 0.6, marker_colour(index))?;
            }
        }
    }
    for (index, set) in markers.iter().enumerate() {
        let colour = marker_colour(index);
        let shape = marker_shape(index);
        for point in &set.points {
            let x = x_of(f64::from(point.year)) + offset_of(index, point.year);
            let range = point
                .range
                .filter(|(low, high)| low.is_finite() && high.is_finite());
            let value = point.value.filter(|value| value.is_finite());
            if let Some((low, high)) = range {
                let (low, high) = (low.min(high), low.max(high));
                range_bar(canvas, x, layout.y_of(high), layout.y_of(low), colour)?;
            }
            if let Some(value) = value {
                canvas.marker(
                    shape,
                    (x, layout.y_of(value)),
                    MARKER_RADIUS,
                    colour,
                    !point.unconfirmed,
                )?;
            }
        }
    }
    Ok(())
}

/// A plot over the years: the value axis laid out for `extent` (see [`vertical_plot`]) and year
/// ticks under it, labelled where there is room and short unlabelled ticks for the other years.
/// Returns the layout and the year axis.
pub(super) fn year_plot<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    body: super::canvas::Rect,
    chart: &Chart,
    extent: Extent,
    (first, last): (i32, i32),
) -> Result<(super::layout::VerticalPlot, Axis)> {
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
    let x_of = |year: f64| plot.x0 + x_axis.fraction(year) * plot.width();
    // Not under the y tick labels, which end 10 units left of the plot.
    layout.x_ticks(canvas, &x_axis.ticks, x_of, (plot.x0 - 8.0, body.x1))?;
    // Short unlabelled ticks for the other years, when there is room for them.
    if x_of(1.0) - x_of(0.0) >= 8.0 && i64::from(last) - i64::from(first) <= 200 {
        for year in first..=last {
            if !x_axis
                .ticks
                .iter()
                .any(|tick| tick.value == f64::from(year))
            {
                canvas.vline(x_of(f64::from(year)), plot.y1, plot.y1 + 3.0, 1.0, AXIS)?;
            }
        }
    }

    Ok((layout, x_axis))
}

/// The maximal runs of consecutive points that satisfy `keep`.
fn runs<T>(points: &[T], keep: impl Fn(&T) -> bool) -> Vec<&[T]> {
    points
        .split(|point| !keep(point))
        .filter(|run| !run.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn runs_split_at_gaps() {
        let values = [1.0, f64::NAN, 2.0, 3.0, f64::NAN, f64::NAN];
        let found = runs(&values, |value| value.is_finite());
        assert_eq!(found, [&[1.0][..], &[2.0, 3.0][..]]);
    }
}
