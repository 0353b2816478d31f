//! Charts with one row per item and a horizontal value axis: tornado (how far each input swings
//! the result), ranges (published estimates as dots on their low–high range, optionally on a
//! log axis) and bars (lengths with their value written at the end).

use plotters::prelude::DrawingBackend;

use super::canvas::{Align, Canvas, Shape, fit};
use super::fonts::Weight;
use super::layout::{
    HorizontalSpec, LegendItem, Swatch, centred_baseline, clamp_or_centre, frame, horizontal_plot,
    no_data, range_bar_horizontal,
};
use super::scale::Extent;
use super::spec::{BarRow, Chart, RangeRow, TornadoBar};
use super::theme::*;
use crate::error::Result;
use crate::number::human;

/// Gap between a bar end and the text written next to it.
const TEXT_GAP: f64 = 8.0;
/// Thickest bar.
const MAX_BAR: f64 = 40.0;

/// Widest of `texts` at the value label size.
fn widest<'a, DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    texts: impl Iterator<Item = &'a str>,
    weight: Weight,
) -> f64 {
    texts
        .map(|text| canvas.measure(text, VALUE_EM, weight))
        .fold(0.0, f64::max)
}

/// The texts of a tornado bar's two ends: the one further left first.
fn ends(bar: &TornadoBar) -> (&str, &str) {
    if bar.at_low <= bar.at_high || bar.at_low.is_nan() {
        (bar.input_low.as_str(), bar.input_high.as_str())
    } else {
        (bar.input_high.as_str(), bar.input_low.as_str())
    }
}

/// Draws a tornado chart.
pub fn draw_tornado<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    central: f64,
    bars: &[TornadoBar],
) -> Result<()> {
    let (below, above) = (BLUE, ORANGE);
    let legend = [
        LegendItem {
            swatch: Swatch::Fill(below),
            label: chart
                .lang
                .pick(
                    "result below the central value",
                    "résultat inférieur à la valeur centrale",
                )
                .to_string(),
        },
        LegendItem {
            swatch: Swatch::Fill(above),
            label: chart
                .lang
                .pick(
                    "result above the central value",
                    "résultat supérieur à la valeur centrale",
                )
                .to_string(),
        },
    ];
    let body = frame(canvas, chart, &legend)?;
    if bars.is_empty() {
        return no_data(canvas, body, chart.lang);
    }

    let mut extent = Extent::new();
    extent.add(central);
    for bar in bars {
        extent.add(bar.at_low);
        extent.add(bar.at_high);
    }
    if extent.is_empty() {
        return no_data(canvas, body, chart.lang);
    }
    let left_room = widest(canvas, bars.iter().map(|bar| ends(bar).0), Weight::Normal);
    let right_room = widest(canvas, bars.iter().map(|bar| ends(bar).1), Weight::Normal);
    let labels: Vec<String> = bars.iter().map(|bar| bar.label.clone()).collect();
    let layout = horizontal_plot(
        canvas,
        body,
        chart,
        HorizontalSpec {
            labels: &labels,
            extent,
            log: false,
            text_room: (left_room + TEXT_GAP * 2.0, right_room + TEXT_GAP * 2.0),
            top_room: VALUE_EM * 1.7,
        },
    )?;
    let thickness = (layout.row_height * 0.62).min(MAX_BAR);
    let centre_x = central.is_finite().then(|| layout.x_of(central));

    for (index, bar) in bars.iter().enumerate() {
        let middle = layout.row_centre(index);
        let (y0, y1) = (middle - thickness / 2.0, middle + thickness / 2.0);
        let mut span = Extent::new();
        span.add_all([central, bar.at_low, bar.at_high]);
        let Some((low, high)) = span.range() else {
            continue;
        };
        let (x_low, x_high) = (layout.x_of(low), layout.x_of(high));
        match centre_x {
            Some(centre) => {
                if x_low < centre {
                    canvas.rect(x_low, y0, centre, y1, below)?;
                }
                if x_high > centre {
                    canvas.rect(centre, y0, x_high, y1, above)?;
                }
            }
            None => canvas.rect(x_low, y0, x_high, y1, below)?,
        }
        let (left_text, right_text) = ends(bar);
        let baseline = centred_baseline(middle, VALUE_EM);
        let plot = layout.plot;
        let left_text = fit(
            left_text,
            VALUE_EM,
            Weight::Normal,
            x_low - TEXT_GAP - plot.x0,
        );
        let right_text = fit(
            right_text,
            VALUE_EM,
            Weight::Normal,
            plot.x1 - x_high - TEXT_GAP,
        );
        canvas.text(
            &left_text,
            (x_low - TEXT_GAP, baseline),
            VALUE_EM,
            Weight::Normal,
            TEXT,
            Align::Right,
        )?;
        canvas.text(
            &right_text,
            (x_high + TEXT_GAP, baseline),
            VALUE_EM,
            Weight::Normal,
            TEXT,
            Align::Left,
        )?;
    }

    if let Some(centre) = centre_x {
        let plot = layout.plot;
        canvas.vline(centre, plot.y0 - 6.0, plot.y1, 2.0, INK)?;
        let text = format!(
            "{} {}",
            chart.lang.pick("central value", "valeur centrale"),
            human(central, 3, chart.lang)
        );
        let width = canvas.measure(&text, VALUE_EM, Weight::Bold);
        // A label wider than the plot (a huge number) is centred on it.
        let x = clamp_or_centre(centre, plot.x0 + width / 2.0, plot.x1 - width / 2.0);
        canvas.text(
            &text,
            (x, plot.y0 - 12.0),
            VALUE_EM,
            Weight::Bold,
            INK,
            Align::Center,
        )?;
    }
    Ok(())
}

/// The text written right of a range row: the central value, or "low–high".
fn range_text(row: &RangeRow, chart: &Chart) -> String {
    let finite = |value: Option<f64>| value.filter(|value| value.is_finite());
    match (finite(row.central), finite(row.low), finite(row.high)) {
        (Some(central), _, _) => human(central, 2, chart.lang),
        (None, Some(low), Some(high)) => format!(
            "{}–{}",
            human(low.min(high), 2, chart.lang),
            human(low.max(high), 2, chart.lang)
        ),
        (None, Some(value), None) | (None, None, Some(value)) => human(value, 2, chart.lang),
        (None, None, None) => String::new(),
    }
}

/// Draws published estimates with their ranges.
pub fn draw_ranges<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    rows: &[RangeRow],
    log_scale: bool,
    groups: &[String],
) -> Result<()> {
    let colour_of = |group: usize| {
        if group < groups.len() {
            LINE_PALETTE[group % LINE_PALETTE.len()]
        } else {
            UNKNOWN_GROUP
        }
    };
    let mut legend = LegendItem::list(groups, |index| {
        Swatch::Marker(Shape::Circle, colour_of(index), true)
    });
    if rows.iter().any(|row| row.unconfirmed) {
        legend.push(LegendItem {
            swatch: Swatch::Marker(Shape::Circle, TEXT, false),
            label: chart
                .lang
                .pick("* unconfirmed", "* non confirmé")
                .to_string(),
        });
    }
    let body = frame(canvas, chart, &legend)?;
    if rows.is_empty() {
        return no_data(canvas, body, chart.lang);
    }

    let mut extent = Extent::new();
    for row in rows {
        for value in [row.central, row.low, row.high].into_iter().flatten() {
            if log_scale {
                extent.add_positive(value);
            } else {
                extent.add(value);
            }
        }
    }
    if !log_scale && !extent.is_empty() {
        extent.add(0.0);
    }
    let texts: Vec<String> = rows.iter().map(|row| range_text(row, chart)).collect();
    let right_room = widest(canvas, texts.iter().map(String::as_str), Weight::Normal);
    let labels: Vec<String> = rows
        .iter()
        .map(|row| {
            if row.unconfirmed && !row.label.trim_end().ends_with('*') {
                format!("{} *", row.label.trim_end())
            } else {
                row.label.clone()
            }
        })
        .collect();
    let layout = horizontal_plot(
        canvas,
        body,
        chart,
        HorizontalSpec {
            labels: &labels,
            extent,
            log: log_scale,
            text_room: (TEXT_GAP, right_room + TEXT_GAP * 2.0),
            top_room: 0.0,
        },
    )?;
    let usable = |value: Option<f64>| {
        value.filter(|value| value.is_finite() && (!log_scale || *value > 0.0))
    };
    let radius = MARKER_RADIUS.min(layout.row_height * 0.3).max(2.0);
    for (index, (row, text)) in rows.iter().zip(&texts).enumerate() {
        let middle = layout.row_centre(index);
        let colour = colour_of(row.group);
        canvas.hline(layout.axis_x0, layout.axis_x1, middle, 1.0, GRID)?;
        let central = usable(row.central);
        let (low, high) = (usable(row.low), usable(row.high));
        let mut right_end = None;
        match (low, high) {
            (Some(low), Some(high)) => {
                let (low, high) = (low.min(high), low.max(high));
                let (x0, x1) = (layout.x_of(low), layout.x_of(high));
                if central.is_some() {
                    let half = radius * 0.75;
                    canvas.rect(x0, middle - half, x1, middle + half, tint(colour, 0.45))?;
                } else {
                    range_bar_horizontal(canvas, middle, x0, x1, colour)?;
                }
                right_end = Some(x1);
            }
            (Some(end), None) | (None, Some(end)) => {
                if let Some(central) = central {
                    let half = radius * 0.75;
                    let (x0, x1) = (layout.x_of(end), layout.x_of(central));
                    canvas.rect(x0, middle - half, x1, middle + half, tint(colour, 0.45))?;
                    right_end = Some(x0.max(x1));
                } else {
                    canvas.vline(layout.x_of(end), middle - 6.0, middle + 6.0, 3.0, colour)?;
                    right_end = Some(layout.x_of(end));
                }
            }
            (None, None) => {}
        }
        if let Some(central) = central {
            let x = layout.x_of(central);
            canvas.marker(Shape::Circle, (x, middle), radius, colour, !row.unconfirmed)?;
            right_end = Some(right_end.map_or(x, |end: f64| end.max(x)));
        }
        if let Some(end) = right_end {
            let em = VALUE_EM
                .min(layout.row_height * 0.7)
                .max(MIN_TEXT_EM.min(layout.row_height * 0.95));
            let x = end + radius + TEXT_GAP;
            let text = fit(text, em, Weight::Normal, layout.plot.x1 - x);
            canvas.text(
                &text,
                (x, centred_baseline(middle, em)),
                em,
                Weight::Normal,
                MUTED,
                Align::Left,
            )?;
        }
    }
    Ok(())
}

/// Draws horizontal bars with their value at the end.
pub fn draw_bars<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    rows: &[BarRow],
) -> Result<()> {
    let body = frame(canvas, chart, &[])?;
    if rows.is_empty() {
        return no_data(canvas, body, chart.lang);
    }
    let range_of = |row: &BarRow| {
        row.range
            .filter(|(low, high)| low.is_finite() && high.is_finite())
            .map(|(low, high)| (low.min(high), low.max(high)))
    };
    let mut extent = Extent::new();
    extent.add(0.0);
    for row in rows {
        extent.add(row.value);
        if let Some((low, high)) = range_of(row) {
            extent.add(low);
            extent.add(high);
        }
    }
    let negative = |row: &&BarRow| row.value < 0.0;
    let left_room = widest(
        canvas,
        rows.iter()
            .filter(negative)
            .map(|row| row.value_label.as_str()),
        Weight::Bold,
    );
    let right_room = widest(
        canvas,
        rows.iter()
            .filter(|row| !negative(row))
            .map(|row| row.value_label.as_str()),
        Weight::Bold,
    );
    let room = |width: f64| {
        if width > 0.0 {
            width + TEXT_GAP * 2.0
        } else {
            0.0
        }
    };
    let labels: Vec<String> = rows.iter().map(|row| row.label.clone()).collect();
    let layout = horizontal_plot(
        canvas,
        body,
        chart,
        HorizontalSpec {
            labels: &labels,
            extent,
            log: false,
            text_room: (room(left_room), room(right_room)),
            top_room: 0.0,
        },
    )?;
    let thickness = (layout.row_height * 0.62).min(MAX_BAR);
    let zero = layout.x_of(0.0);
    for (index, row) in rows.iter().enumerate() {
        let middle = layout.row_centre(index);
        let mut end = zero;
        if row.value.is_finite() && row.value != 0.0 {
            end = layout.x_of(row.value);
            canvas.rect(
                zero,
                middle - thickness / 2.0,
                end,
                middle + thickness / 2.0,
                BLUE,
            )?;
        }
        let mut outer = end;
        if let Some((low, high)) = range_of(row) {
            let (x0, x1) = (layout.x_of(low), layout.x_of(high));
            range_bar_horizontal(canvas, middle, x0, x1, INK)?;
            outer = if row.value < 0.0 {
                outer.min(x0)
            } else {
                outer.max(x1)
            };
        }
        let em = VALUE_EM
            .min(layout.row_height * 0.7)
            .max(MIN_TEXT_EM.min(layout.row_height * 0.95));
        let plot = layout.plot;
        let (x, align, room) = if row.value < 0.0 {
            (outer - TEXT_GAP, Align::Right, outer - TEXT_GAP - plot.x0)
        } else {
            (outer + TEXT_GAP, Align::Left, plot.x1 - outer - TEXT_GAP)
        };
        let label = fit(&row.value_label, em, Weight::Bold, room);
        canvas.text(
            &label,
            (x, centred_baseline(middle, em)),
            em,
            Weight::Bold,
            INK,
            align,
        )?;
    }
    Ok(())
}
