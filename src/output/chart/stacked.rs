//! Stacked bars: one bar per category, segments stacked bottom first (negative values stack
//! downwards from zero), the total written at the end of each bar and, when given, its p5–p95
//! range as an error bar. Up to eight categories stand as vertical bars; more (Li et al.'s
//! eighteen locations) lie as horizontal bars, so every label stays readable.

use plotters::prelude::DrawingBackend;

use super::canvas::{Align, Canvas, fit, wrap, wrap_checked};
use super::fonts::Weight;
use super::layout::{
    HorizontalSpec, LegendItem, Swatch, centred_baseline, frame, horizontal_plot, no_data,
    range_bar, range_bar_horizontal, vertical_plot,
};
use super::scale::{Extent, TickFormat};
use super::spec::{Chart, Segment};
use super::theme::*;
use crate::error::Result;
use crate::number::human;

/// Most categories drawn as vertical bars.
const MAX_VERTICAL: usize = 8;

/// Draws a stacked bar chart.
pub fn draw<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    categories: &[String],
    segments: &[Segment],
    totals_range: Option<&[(f64, f64)]>,
) -> Result<()> {
    let colour = |index: usize| FILL_PALETTE[index % FILL_PALETTE.len()];
    let mut legend = LegendItem::list(segments.iter().map(|segment| &segment.label), |index| {
        Swatch::Fill(colour(index))
    });
    let range_of = |category: usize| {
        totals_range
            .and_then(|ranges| ranges.get(category))
            .filter(|(low, high)| low.is_finite() && high.is_finite())
            .map(|&(low, high)| (low.min(high), low.max(high)))
    };
    if (0..categories.len()).any(|category| range_of(category).is_some()) {
        legend.push(LegendItem::total_range(chart.lang));
    }
    let body = frame(canvas, chart, &legend)?;
    if categories.is_empty() {
        return no_data(canvas, body, chart.lang);
    }
    if categories.len() > MAX_VERTICAL {
        return draw_horizontal(canvas, chart, body, categories, segments, &range_of);
    }

    let stacks = stacks(categories.len(), segments);
    let extent = stack_extent(&stacks, &range_of);

    // Category labels wrap within their slot on two lines at the largest size that needs no
    // ellipsis, else on three lines at the smallest size.
    let approximate_slot = (body.width() - 80.0) / categories.len() as f64 - 10.0;
    let fits = |em: f64, lines: usize| {
        categories
            .iter()
            .all(|label| wrap_checked(label, em, Weight::Normal, approximate_slot, lines).1)
    };
    let (label_em, max_lines) = (0..=(LABEL_EM - MIN_LABEL_EM) as usize)
        .map(|step| LABEL_EM - step as f64)
        .find(|em| fits(*em, 2))
        .map_or((MIN_LABEL_EM, 3), |em| (em, 2));
    let label_rows = categories
        .iter()
        .map(|label| wrap(label, label_em, Weight::Normal, approximate_slot, max_lines).len())
        .max()
        .unwrap_or(1)
        .max(1);
    let layout = vertical_plot(
        canvas,
        body,
        chart,
        extent,
        TickFormat::Number,
        label_rows as f64 * label_em * LEADING,
        VALUE_EM * 1.5,
    )?;
    let plot = layout.plot;
    let slot = plot.width() / categories.len() as f64;
    let bar_width = (slot * 0.62).min(120.0);

    for (category, label) in categories.iter().enumerate() {
        let centre = plot.x0 + (category as f64 + 0.5) * slot;
        let (x0, x1) = (centre - bar_width / 2.0, centre + bar_width / 2.0);
        let (spans, up) = stack_spans(segments, category);
        for (index, from, to) in spans {
            canvas.rect(x0, layout.y_of(from), x1, layout.y_of(to), colour(index))?;
            // A hairline of white between segments keeps adjacent colours apart.
            if (layout.y_of(from) - layout.y_of(to)).abs() > 3.0 {
                canvas.hline(x0, x1, layout.y_of(to), 1.0, WHITE)?;
            }
        }

        let (_, _, net) = stacks[category];
        let mut label_top = layout.y_of(up.max(0.0));
        if let Some((low, high)) = range_of(category) {
            let x = centre;
            range_bar(canvas, x, layout.y_of(high), layout.y_of(low), INK)?;
            label_top = label_top.min(layout.y_of(high));
        }
        let total = human(net, 3, chart.lang);
        if canvas.measure(&total, VALUE_EM, Weight::Bold) <= slot - 4.0 && !segments.is_empty() {
            canvas.text(
                &total,
                (centre, label_top - 8.0),
                VALUE_EM,
                Weight::Bold,
                INK,
                Align::Center,
            )?;
        }

        let lines = wrap(label, label_em, Weight::Normal, slot - 10.0, label_rows);
        for (row, line) in lines.iter().enumerate() {
            canvas.text(
                line,
                (
                    centre,
                    layout.x_tick_baseline() + row as f64 * label_em * LEADING,
                ),
                label_em,
                Weight::Normal,
                TEXT,
                Align::Center,
            )?;
        }
    }
    Ok(())
}

/// Horizontal stacked bars, one row per category (top first), for many categories.
fn draw_horizontal<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    body: super::canvas::Rect,
    categories: &[String],
    segments: &[Segment],
    range_of: &dyn Fn(usize) -> Option<(f64, f64)>,
) -> Result<()> {
    let colour = |index: usize| FILL_PALETTE[index % FILL_PALETTE.len()];
    let totals = stacks(categories.len(), segments);
    let extent = stack_extent(&totals, range_of);
    let texts: Vec<String> = totals
        .iter()
        .map(|(_, _, net)| human(*net, 3, chart.lang))
        .collect();
    let widest = texts
        .iter()
        .map(|text| canvas.measure(text, VALUE_EM, Weight::Bold))
        .fold(0.0, f64::max);
    let layout = horizontal_plot(
        canvas,
        body,
        chart,
        HorizontalSpec {
            labels: categories,
            extent,
            log: false,
            text_room: (0.0, widest + 16.0),
            top_room: 0.0,
        },
    )?;
    let thickness = (layout.row_height * 0.62).min(40.0);
    for (category, text) in texts.iter().enumerate() {
        let middle = layout.row_centre(category);
        let (y0, y1) = (middle - thickness / 2.0, middle + thickness / 2.0);
        let (spans, up) = stack_spans(segments, category);
        for (index, from, to) in spans {
            canvas.rect(layout.x_of(from), y0, layout.x_of(to), y1, colour(index))?;
            if (layout.x_of(to) - layout.x_of(from)).abs() > 3.0 {
                canvas.vline(layout.x_of(to), y0, y1, 1.0, WHITE)?;
            }
        }
        let mut end = layout.x_of(up.max(0.0));
        if let Some((low, high)) = range_of(category) {
            range_bar_horizontal(canvas, middle, layout.x_of(low), layout.x_of(high), INK)?;
            end = end.max(layout.x_of(high));
        }
        if !segments.is_empty() {
            let em = VALUE_EM
                .min(layout.row_height * 0.7)
                .max(MIN_TEXT_EM.min(layout.row_height * 0.95));
            let text = fit(text, em, Weight::Bold, layout.plot.x1 - end - 8.0);
            canvas.text(
                &text,
                (end + 8.0, centred_baseline(middle, em)),
                em,
                Weight::Bold,
                INK,
                Align::Left,
            )?;
        }
    }
    Ok(())
}

/// A segment's value in a category (0 where missing or not finite).
/// The stacked span of each non-zero segment of a category, `(segment index, from, to)`:
/// positive values stack up from zero, negative ones down. Also the top of the positive stack.
fn stack_spans(segments: &[Segment], category: usize) -> (Vec<(usize, f64, f64)>, f64) {
    let (mut up, mut down) = (0.0, 0.0);
    let mut spans = Vec::with_capacity(segments.len());
    for (index, segment) in segments.iter().enumerate() {
        let value = segment_value(segment, category);
        if value > 0.0 {
            up += value;
            spans.push((index, up - value, up));
        } else if value < 0.0 {
            down += value;
            spans.push((index, down - value, down));
        }
    }
    (spans, up)
}

fn segment_value(segment: &Segment, category: usize) -> f64 {
    segment
        .values
        .get(category)
        .copied()
        .filter(|value| value.is_finite())
        .unwrap_or(0.0)
}

/// (sum of positive parts, sum of negative parts, net total) per category.
fn stacks(categories: usize, segments: &[Segment]) -> Vec<(f64, f64, f64)> {
    (0..categories)
        .map(|category| {
            segments
                .iter()
                .fold((0.0, 0.0, 0.0), |(up, down, net), segment| {
                    let value = segment_value(segment, category);
                    if value >= 0.0 {
                        (up + value, down, net + value)
                    } else {
                        (up, down + value, net + value)
                    }
                })
        })
        .collect()
}

/// The value extent of the stacks and their ranges, zero included.
fn stack_extent(
    stacks: &[(f64, f64, f64)],
    range_of: &dyn Fn(usize) -> Option<(f64, f64)>,
) -> Extent {
    let mut extent = Extent::new();
    extent.add(0.0);
    for (category, (up, down, _)) in stacks.iter().enumerate() {
        extent.add(*up);
        extent.add(*down);
        if let Some((low, high)) = range_of(category) {
            extent.add(low);
            extent.add(high);
        }
    }
    extent
}
