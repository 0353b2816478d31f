//! What every chart shares: the frame (title, subtitle, legend above the plot, footer with
//! sources, note and tool), and the two axis scaffolds: a vertical value axis (time series,
//! stacked bars, histograms) and a horizontal one with a label column (tornado, ranges, bars).
//!
//! Everything is in logical units; legends sit above the plot so they never cover data.

use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

use super::canvas::{Align, Canvas, Rect, Shape, fit, fit_shrinking, wrap, wrap_at_spaces};
use super::fonts::{CAP_HEIGHT_EM, Weight, text_width};
use super::scale::{Axis, Extent, TickFormat};
use super::spec::{Chart, Size};
use super::theme::*;
use crate::error::Result;
use crate::lang::Lang;

/// Distance from the top of a line box to the baseline, in em.
const ASCENT: f64 = 0.93;

/// How a legend entry is pictured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Swatch {
    /// A translucent band with its median line.
    Band(RGBColor),
    /// A filled square (bars, segments).
    Fill(RGBColor),
    /// A marker, filled or hollow.
    Marker(Shape, RGBColor, bool),
    /// A vertical range bar with end ticks (a published range without a central value).
    RangeBar(RGBColor),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// Its picture.
    pub swatch: Swatch,
    /// Its text.
    pub label: String,
}

impl LegendItem {
    /// One entry per label, the `index`th drawn with `swatch(index)`.
    pub fn list<'a>(
        labels: impl IntoIterator<Item = &'a String>,
        swatch: impl Fn(usize) -> Swatch,
    ) -> Vec<LegendItem> {
        labels
            .into_iter()
            .enumerate()
            .map(|(index, label)| LegendItem {
                swatch: swatch(index),
                label: label.clone(),
            })
            .collect()
    }

    /// The entry of a total's 90 % range drawn as error bars.
    pub fn total_range(lang: crate::lang::Lang) -> LegendItem {
        LegendItem {
            swatch: Swatch::RangeBar(INK),
            label: lang
                .pick("total, 90% range", "total, intervalle à 90\u{202f}%")
                .to_string(),
        }
    }
}

/// `value` kept between `low` and `high`, or halfway between them when they are crossed (a
/// label wider than its room) or `value` is NaN: `f64::clamp` would panic or pass NaN on.
pub fn clamp_or_centre(value: f64, low: f64, high: f64) -> f64 {
    if low <= high && !value.is_nan() {
        value.clamp(low, high)
    } else {
        (low + high) / 2.0
    }
}

/// The baseline that vertically centres capital letters of size `em` on `y`.
pub fn centred_baseline(y: f64, em: f64) -> f64 {
    y + CAP_HEIGHT_EM * em / 2.0
}

/// How many lines each part of the frame may take in a layout.
struct FrameLines {
    title: usize,
    subtitle: usize,
    legend: usize,
    footer: usize,
}

impl FrameLines {
    fn of(size: Size) -> FrameLines {
        match size {
            Size::Wide => FrameLines {
                title: 2,
                subtitle: 2,
                legend: 3,
                footer: 2,
            },
            Size::Narrow => FrameLines {
                title: 4,
                subtitle: 4,
                legend: 5,
                footer: 4,
            },
        }
    }
}

/// The title's lines and size: on one line, shrunk down to [`MIN_TITLE_EM`] if need be; a
/// title too long for that wraps at full size on up to `max_lines` lines (only a title longer
/// still is shortened with an ellipsis on its last line).
fn title_lines(title: &str, max_width: f64, max_lines: usize) -> (Vec<String>, f64) {
    if title.trim().is_empty() {
        return (Vec::new(), TITLE_EM);
    }
    let one_line = text_width(title, MIN_TITLE_EM, Weight::Bold) <= max_width;
    if one_line || max_lines <= 1 {
        let (line, em) = fit_shrinking(title, TITLE_EM, MIN_TITLE_EM, Weight::Bold, max_width);
        return (vec![line], em);
    }
    (
        wrap(title, TITLE_EM, Weight::Bold, max_width, max_lines),
        TITLE_EM,
    )
}

/// Draws the title, subtitle, legend and footer; returns the rectangle left for the body.
pub fn frame<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    chart: &Chart,
    legend: &[LegendItem],
) -> Result<Rect> {
    let width = canvas.width();
    let height = canvas.height();
    let text_width = width - 2.0 * MARGIN_X;
    let room = FrameLines::of(canvas.size());

    let mut y = MARGIN_TOP;
    let (title, title_em) = title_lines(&chart.title, text_width, room.title);
    for line in &title {
        canvas.text(
            line,
            (MARGIN_X, y + 0.76 * TITLE_EM),
            title_em,
            Weight::Bold,
            INK,
            Align::Left,
        )?;
        y += TITLE_EM * 1.25;
    }
    for line in wrap_at_spaces(
        &chart.subtitle,
        SUBTITLE_EM,
        Weight::Normal,
        text_width,
        room.subtitle,
    ) {
        canvas.text(
            &line,
            (MARGIN_X, y + ASCENT * SUBTITLE_EM),
            SUBTITLE_EM,
            Weight::Normal,
            MUTED,
            Align::Left,
        )?;
        y += SUBTITLE_EM * LEADING;
    }
    y += 10.0;
    if !legend.is_empty() {
        y = draw_legend(canvas, legend, MARGIN_X, y, text_width, room.legend)? + 6.0;
    }

    // Footer, from the bottom up: tool, note, sources.
    let mut bottom = height - MARGIN_BOTTOM;
    let mut lines: Vec<(String, f64)> = Vec::new();
    if !chart.footer.tool.is_empty() {
        lines.push((
            fit(&chart.footer.tool, TOOL_EM, Weight::Normal, text_width),
            TOOL_EM,
        ));
    }
    if let Some(note) = &chart.footer.note {
        for line in wrap_at_spaces(note, FOOTER_EM, Weight::Normal, text_width, room.footer)
            .into_iter()
            .rev()
        {
            lines.push((line, FOOTER_EM));
        }
    }
    for line in wrap_at_spaces(
        &chart.footer.sources,
        FOOTER_EM,
        Weight::Normal,
        text_width,
        room.footer,
    )
    .into_iter()
    .rev()
    {
        lines.push((line, FOOTER_EM));
    }
    for (line, em) in &lines {
        canvas.text(
            line,
            (MARGIN_X, bottom - 0.3 * em),
            *em,
            Weight::Normal,
            FAINT,
            Align::Left,
        )?;
        bottom -= em * LEADING;
    }
    if !lines.is_empty() {
        bottom -= 6.0;
        canvas.hline(MARGIN_X, width - MARGIN_X, bottom, 1.0, GRID)?;
        bottom -= 14.0;
    }

    Ok(Rect {
        x0: MARGIN_X,
        y0: y,
        x1: width - MARGIN_X,
        y1: bottom.max(y + 1.0),
    })
}

/// Width of a swatch in the legend.
const SWATCH_WIDTH: f64 = 30.0;

/// Draws legend entries in rows from `(x, y)`; returns the y below the last row.
fn draw_legend<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    items: &[LegendItem],
    x: f64,
    y: f64,
    max_width: f64,
    max_rows: usize,
) -> Result<f64> {
    const ROW: f64 = LEGEND_EM * 1.55;
    const GAP: f64 = 26.0;
    let label_room = max_width - SWATCH_WIDTH - 8.0;
    let ellipsis = canvas.measure("…", LEGEND_EM, Weight::Normal);
    let mut cursor = x;
    let mut row = 0;
    for (index, item) in items.iter().enumerate() {
        // An entry that may end on the last row, with more after it, leaves room for the "…".
        let room = if row + 2 >= max_rows && index + 1 < items.len() {
            label_room - GAP - ellipsis
        } else {
            label_room
        };
        let label = fit(&item.label, LEGEND_EM, Weight::Normal, room);
        let item_width = SWATCH_WIDTH + 8.0 + canvas.measure(&label, LEGEND_EM, Weight::Normal);
        if cursor > x && cursor + item_width > x + max_width {
            if row + 1 == max_rows {
                // No room for the rest: say that something is left out.
                let middle = y + row as f64 * ROW + ROW / 2.0;
                let baseline = centred_baseline(middle, LEGEND_EM);
                canvas.text(
                    "…",
                    (cursor.min(x + max_width - ellipsis), baseline),
                    LEGEND_EM,
                    Weight::Normal,
                    TEXT,
                    Align::Left,
                )?;
                break;
            }
            row += 1;
            cursor = x;
        }
        let middle = y + row as f64 * ROW + ROW / 2.0;
        draw_swatch(canvas, item.swatch, cursor, middle)?;
        canvas.text(
            &label,
            (
                cursor + SWATCH_WIDTH + 8.0,
                centred_baseline(middle, LEGEND_EM),
            ),
            LEGEND_EM,
            Weight::Normal,
            TEXT,
            Align::Left,
        )?;
        cursor += item_width + GAP;
    }
    Ok(y + (row + 1) as f64 * ROW)
}

/// Draws a legend swatch whose left edge is `x` and middle `middle`.
fn draw_swatch<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    swatch: Swatch,
    x: f64,
    middle: f64,
) -> Result<()> {
    let centre = x + SWATCH_WIDTH / 2.0;
    match swatch {
        Swatch::Band(colour) => {
            canvas.rect_alpha(
                (x, middle - 9.0, x + SWATCH_WIDTH, middle + 9.0),
                colour,
                BAND_ALPHA,
            )?;
            canvas.hline(x, x + SWATCH_WIDTH, middle, LINE_WIDTH, colour)
        }
        Swatch::Fill(colour) => canvas.rect(
            centre - 8.0,
            middle - 8.0,
            centre + 8.0,
            middle + 8.0,
            colour,
        ),
        Swatch::Marker(shape, colour, filled) => {
            canvas.marker(shape, (centre, middle), MARKER_RADIUS, colour, filled)
        }
        Swatch::RangeBar(colour) => range_bar(canvas, centre, middle - 10.0, middle + 10.0, colour),
    }
}

/// A vertical error bar from `y0` to `y1` with short ticks at both ends.
pub fn range_bar<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    x: f64,
    y0: f64,
    y1: f64,
    colour: RGBColor,
) -> Result<()> {
    const CAP: f64 = 6.0;
    canvas.vline(x, y0, y1, ERROR_BAR_WIDTH, colour)?;
    canvas.hline(x - CAP, x + CAP, y0, ERROR_BAR_WIDTH, colour)?;
    canvas.hline(x - CAP, x + CAP, y1, ERROR_BAR_WIDTH, colour)
}

/// A horizontal error bar from `x0` to `x1` with short ticks at both ends.
pub fn range_bar_horizontal<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    y: f64,
    x0: f64,
    x1: f64,
    colour: RGBColor,
) -> Result<()> {
    const CAP: f64 = 6.0;
    canvas.hline(x0, x1, y, ERROR_BAR_WIDTH, colour)?;
    canvas.vline(x0, y - CAP, y + CAP, ERROR_BAR_WIDTH, colour)?;
    canvas.vline(x1, y - CAP, y + CAP, ERROR_BAR_WIDTH, colour)
}

/// Writes an x tick label centred under `x`, shifted sideways if needed to stay between
/// `left` and `right` (the last label of a wide axis would otherwise leave the image).
pub fn x_tick_label<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    label: &str,
    (x, baseline): (f64, f64),
    (left, right): (f64, f64),
) -> Result<()> {
    let half = canvas.measure(label, TICK_EM, Weight::Normal) / 2.0;
    let x = if right - left <= 2.0 * half {
        (left + right) / 2.0
    } else {
        clamp_or_centre(x, left + half, right - half)
    };
    canvas.text(
        label,
        (x, baseline),
        TICK_EM,
        Weight::Normal,
        MUTED,
        Align::Center,
    )
}

/// Writes "No data" in the middle of `area`.
pub fn no_data<DB: DrawingBackend>(canvas: &Canvas<DB>, area: Rect, lang: Lang) -> Result<()> {
    canvas.text(
        lang.pick("No data to show", "Aucune donnée à afficher"),
        (
            (area.x0 + area.x1) / 2.0,
            centred_baseline((area.y0 + area.y1) / 2.0, LABEL_EM),
        ),
        LABEL_EM,
        Weight::Normal,
        MUTED,
        Align::Center,
    )
}

/// A plot with a vertical value axis, ready for data.
#[derive(Debug, Clone, PartialEq)]
pub struct VerticalPlot {
    /// The data area (gridlines span it; tick labels are outside).
    pub plot: Rect,
    /// The value axis.
    pub y: Axis,
}

impl VerticalPlot {
    /// The y coordinate of a value.
    pub fn y_of(&self, value: f64) -> f64 {
        self.plot.y1 - self.y.fraction(value) * self.plot.height()
    }

    /// Baseline for x tick labels (under the plot).
    pub fn x_tick_baseline(&self) -> f64 {
        self.plot.y1 + 10.0 + 0.76 * TICK_EM
    }

    /// Draws the x ticks under the plot at `x_of(tick.value)`, each with its label kept
    /// between `bounds` (see [`x_tick_label`]).
    pub fn x_ticks<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        ticks: &[super::scale::Tick],
        x_of: impl Fn(f64) -> f64,
        bounds: (f64, f64),
    ) -> Result<()> {
        for tick in ticks {
            let x = x_of(tick.value);
            canvas.vline(x, self.plot.y1, self.plot.y1 + 6.0, 1.5, AXIS)?;
            x_tick_label(canvas, &tick.label, (x, self.x_tick_baseline()), bounds)?;
        }
        Ok(())
    }
}

/// Space under the plot for one row of x tick labels.
pub const X_TICK_ROW: f64 = TICK_EM * LEADING;

/// Lays out and draws a vertical value axis in `body`: the y label above the tick labels,
/// gridlines with round ticks, the zero line, and the x label under `x_ticks_height` units of x
/// tick labels (drawn by the caller). `top_room` leaves space above the plot (for labels).
pub fn vertical_plot<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    body: Rect,
    chart: &Chart,
    extent: Extent,
    format: TickFormat,
    x_ticks_height: f64,
    top_room: f64,
) -> Result<VerticalPlot> {
    let mut top = body.y0;
    if !chart.y_label.trim().is_empty() {
        let label = fit(&chart.y_label, AXIS_LABEL_EM, Weight::Normal, body.width());
        canvas.text(
            &label,
            (body.x0, top + ASCENT * AXIS_LABEL_EM),
            AXIS_LABEL_EM,
            Weight::Normal,
            TEXT,
            Align::Left,
        )?;
        top += AXIS_LABEL_EM * 1.4;
    }
    // The top tick label is centred on the top gridline: keep its upper half inside the body.
    top += TICK_EM * 0.6 + top_room;
    let mut bottom = body.y1 - 10.0 - x_ticks_height;
    let x_label = fit(&chart.x_label, AXIS_LABEL_EM, Weight::Normal, body.width());
    if !x_label.trim().is_empty() {
        bottom -= AXIS_LABEL_EM * LEADING + 4.0;
    }
    let bottom = bottom.max(top + 20.0);
    let plot_height = bottom - top;
    let target = ((plot_height / 70.0).round() as usize).clamp(3, 8);
    let y = Axis::linear(extent, target, format, chart.lang);
    let widest = y
        .ticks
        .iter()
        .map(|tick| canvas.measure(&tick.label, TICK_EM, Weight::Normal))
        .fold(0.0, f64::max);
    let plot = Rect {
        x0: (body.x0 + widest + 12.0).min(body.x0 + body.width() * 0.5),
        y0: top,
        x1: body.x1 - 12.0,
        y1: bottom,
    };
    let layout = VerticalPlot { plot, y };
    for tick in &layout.y.ticks {
        let y = layout.y_of(tick.value);
        if tick.value != 0.0 {
            canvas.hline(plot.x0, plot.x1, y, GRID_WIDTH, GRID)?;
        }
        canvas.text(
            &tick.label,
            (plot.x0 - 10.0, centred_baseline(y, TICK_EM)),
            TICK_EM,
            Weight::Normal,
            MUTED,
            Align::Right,
        )?;
    }
    let base = if layout.y.contains_zero() {
        layout.y_of(0.0)
    } else {
        plot.y1
    };
    canvas.hline(plot.x0, plot.x1, base, 1.5, AXIS)?;
    if !x_label.trim().is_empty() {
        canvas.text(
            &x_label,
            ((plot.x0 + plot.x1) / 2.0, body.y1 - 0.3 * AXIS_LABEL_EM),
            AXIS_LABEL_EM,
            Weight::Normal,
            TEXT,
            Align::Center,
        )?;
    }
    Ok(layout)
}

/// Draws a horizontal plot's gridlines, tick labels, baseline and x label.
fn draw_horizontal_axis<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    body: Rect,
    layout: &HorizontalPlot,
    x_label: &str,
) -> Result<()> {
    let plot = layout.plot;
    let tick_baseline = plot.y1 + 10.0 + 0.76 * TICK_EM;
    for tick in &layout.x.ticks {
        let x = layout.x_of(tick.value);
        let colour = if tick.value == 0.0 && !layout.x.log {
            AXIS
        } else {
            GRID
        };
        canvas.vline(x, plot.y0, plot.y1, GRID_WIDTH, colour)?;
        x_tick_label(canvas, &tick.label, (x, tick_baseline), (body.x0, body.x1))?;
    }
    canvas.hline(layout.axis_x0, layout.axis_x1, plot.y1, 1.5, AXIS)?;
    if !x_label.trim().is_empty() {
        canvas.text(
            x_label,
            (
                (layout.axis_x0 + layout.axis_x1) / 2.0,
                body.y1 - 0.3 * AXIS_LABEL_EM,
            ),
            AXIS_LABEL_EM,
            Weight::Normal,
            TEXT,
            Align::Center,
        )?;
    }
    Ok(())
}

/// The value axis of a horizontal plot `length` units long, with tick labels that fit.
fn horizontal_axis(chart: &Chart, spec: &HorizontalSpec<'_>, length: f64) -> Axis {
    let width_of = |text: &str| text_width(text, TICK_EM, Weight::Normal);
    if !spec.log {
        return Axis::linear_fitting(
            spec.extent,
            length,
            24.0,
            TickFormat::Number,
            chart.lang,
            width_of,
        );
    }
    // Powers of ten, every other one (or fewer) when their labels would touch.
    let axis = Axis::log10(spec.extent, chart.lang);
    let widest = axis.ticks.iter().map(|tick| width_of(&tick.label));
    let room = length / axis.ticks.len().saturating_sub(1).max(1) as f64;
    let every = ((widest.fold(0.0, f64::max) + 24.0) / room.max(1.0)).ceil() as usize;
    axis.thinned(every)
}

/// [`horizontal_plot`] with each row's label on a line of its own above the row's data, and
/// the value axis across the whole width (for narrow layouts).
fn rows_with_labels_above<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    body: Rect,
    chart: &Chart,
    spec: &HorizontalSpec<'_>,
    (top, bottom): (f64, f64),
    em: f64,
) -> Result<HorizontalPlot> {
    let rows = spec.labels.len().max(1);
    let pitch = (bottom - top) / rows as f64;
    let band = em * 1.3;
    let plot = Rect {
        x0: body.x0,
        y0: top,
        x1: body.x1 - 8.0,
        y1: bottom,
    };
    let usable = plot.width();
    let left_room = clamp_or_centre(spec.text_room.0, 0.0, (usable * 0.3).max(0.0));
    let right_room = clamp_or_centre(spec.text_room.1, 0.0, (usable * 0.3).max(0.0));
    let axis_x0 = plot.x0 + left_room;
    let axis_x1 = (plot.x1 - right_room).max(axis_x0 + 10.0);
    let x = horizontal_axis(chart, spec, axis_x1 - axis_x0);
    let layout = HorizontalPlot {
        plot,
        axis_x0,
        axis_x1,
        x,
        row_height: pitch - band,
        pitch,
        label_band: band,
    };
    let x_label = fit(&chart.x_label, AXIS_LABEL_EM, Weight::Normal, body.width());
    draw_horizontal_axis(canvas, body, &layout, &x_label)?;
    for (index, label) in spec.labels.iter().enumerate() {
        let label = fit(label, em, Weight::Normal, plot.width());
        let row_top = top + index as f64 * pitch;
        canvas.text(
            &label,
            (plot.x0, row_top + ASCENT * em),
            em,
            Weight::Normal,
            TEXT,
            Align::Left,
        )?;
    }
    Ok(layout)
}

/// A plot with one row per label and a horizontal value axis, ready for data.
#[derive(Debug, Clone, PartialEq)]
pub struct HorizontalPlot {
    /// The data area (rows span it).
    pub plot: Rect,
    /// Left end of the value axis (after room for texts left of the data).
    pub axis_x0: f64,
    /// Right end of the value axis (before room for texts right of the data).
    pub axis_x1: f64,
    /// The value axis.
    pub x: Axis,
    /// Height of a row's data (bars, dots and their value texts).
    pub row_height: f64,
    /// Distance from one row to the next.
    pub pitch: f64,
    /// Height of the row label above a row's data (0 when labels sit in a column on the left).
    pub label_band: f64,
}

impl HorizontalPlot {
    /// The x coordinate of a value.
    pub fn x_of(&self, value: f64) -> f64 {
        self.axis_x0 + self.x.fraction(value) * (self.axis_x1 - self.axis_x0)
    }

    /// The vertical centre of row `index`'s data (0 at the top).
    pub fn row_centre(&self, index: usize) -> f64 {
        if self.label_band == 0.0 {
            self.plot.y0 + (index as f64 + 0.5) * self.row_height
        } else {
            self.plot.y0 + index as f64 * self.pitch + self.label_band + 0.5 * self.row_height
        }
    }
}

/// What a horizontal plot needs to know before drawing its axis.
pub struct HorizontalSpec<'a> {
    /// Row labels, top first.
    pub labels: &'a [String],
    /// Range of the values to show.
    pub extent: Extent,
    /// Logarithmic value axis.
    pub log: bool,
    /// Room kept left and right of the axis for texts next to the data.
    pub text_room: (f64, f64),
    /// Room kept above the rows (for a label over the plot).
    pub top_room: f64,
}

/// Lays out and draws a horizontal value axis in `body`: row labels in a column sized to the
/// longest (shrunk, then shortened with an ellipsis, when too long), vertical gridlines,
/// tick labels and the x label under the rows.
pub fn horizontal_plot<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    body: Rect,
    chart: &Chart,
    spec: HorizontalSpec<'_>,
) -> Result<HorizontalPlot> {
    let mut top = body.y0 + spec.top_room + 8.0;
    if !chart.y_label.trim().is_empty() {
        let label = fit(&chart.y_label, AXIS_LABEL_EM, Weight::Normal, body.width());
        canvas.text(
            &label,
            (body.x0, body.y0 + ASCENT * AXIS_LABEL_EM),
            AXIS_LABEL_EM,
            Weight::Normal,
            TEXT,
            Align::Left,
        )?;
        top = top.max(body.y0 + AXIS_LABEL_EM * 1.6 + 8.0);
    }
    let rows = spec.labels.len().max(1);
    let mut bottom = body.y1 - 10.0 - X_TICK_ROW;
    let mut x_label = fit(&chart.x_label, AXIS_LABEL_EM, Weight::Normal, body.width());
    let label_line = AXIS_LABEL_EM * LEADING + 4.0;
    // A narrow chart with many rows gives its x label's line to the rows when they would
    // otherwise be too short for text of the smallest size (the subtitle gives the unit).
    let tight = (bottom - label_line - top) / (rows as f64) < MIN_TEXT_EM / 0.95;
    if canvas.size() == Size::Narrow && tight {
        x_label.clear();
    }
    if !x_label.trim().is_empty() {
        bottom -= label_line;
    }
    let bottom = bottom.max(top + 20.0);
    let pitch = (bottom - top) / rows as f64;
    // In a narrow layout each label goes on a line of its own above its row, when the rows
    // are tall enough to keep room for the data under it.
    let band_em = LABEL_EM.min(MIN_LABEL_EM.max(pitch * 0.3));
    let band = band_em * 1.3;
    let above = canvas.size() == Size::Narrow
        && pitch - band >= band
        && spec.labels.iter().any(|label| !label.trim().is_empty());
    if above {
        return rows_with_labels_above(canvas, body, chart, &spec, (top, bottom), band_em);
    }
    let row_height = pitch;

    // The label column: as wide as the longest label, at most 40 % of the width.
    let max_column = body.width() * 0.4;
    let mut em = LABEL_EM
        .min(row_height * 0.62)
        .max(MIN_TEXT_EM.min(row_height * 0.95));
    let widest_at = |em: f64| {
        spec.labels
            .iter()
            .map(|label| canvas.measure(label, em, Weight::Normal))
            .fold(0.0, f64::max)
    };
    let widest = widest_at(em);
    if widest > max_column {
        em = (em * max_column / widest).max(MIN_LABEL_EM.min(em));
    }
    let column = widest_at(em).min(max_column);
    let plot = Rect {
        x0: body.x0 + column + if column > 0.0 { 14.0 } else { 0.0 },
        y0: top,
        x1: body.x1 - 8.0,
        y1: bottom,
    };
    let (left_room, right_room) = spec.text_room;
    let usable = plot.width();
    let left_room = clamp_or_centre(left_room, 0.0, (usable * 0.3).max(0.0));
    let right_room = clamp_or_centre(right_room, 0.0, (usable * 0.3).max(0.0));
    let axis_x0 = plot.x0 + left_room;
    let axis_x1 = (plot.x1 - right_room).max(axis_x0 + 10.0);
    let x = horizontal_axis(chart, &spec, axis_x1 - axis_x0);
    let layout = HorizontalPlot {
        plot,
        axis_x0,
        axis_x1,
        x,
        row_height,
        pitch,
        label_band: 0.0,
    };

    draw_horizontal_axis(canvas, body, &layout, &x_label)?;
    for (index, label) in spec.labels.iter().enumerate() {
        let label = fit(label, em, Weight::Normal, column);
        canvas.text(
            &label,
            (
                plot.x0 - 14.0,
                centred_baseline(layout.row_centre(index), em),
            ),
            em,
            Weight::Normal,
            TEXT,
            Align::Right,
        )?;
    }
    Ok(layout)
}
