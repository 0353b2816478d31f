//! What a chart shows, as plain data. Renderers (`render_svg`, `render_png`) turn a [`Chart`]
//! into bytes; nothing here knows about plotters.
//!
//! All values are already in the chart's display unit (the caller scales kWh to TWh, litres to
//! million litres …), and every text is already in the chart's language.

use crate::lang::Lang;

/// Logical width of every chart (SVG user units; PNG pixels are twice this).
pub const WIDTH: u32 = 1200;
/// Logical height of every chart (16:9).
pub const HEIGHT: u32 = 675;
/// PNG pixels per logical unit (PNG is rendered at 2x for sharpness).
pub const PNG_SCALE: u32 = 2;

/// The two layouts every chart is rendered in.
///
/// Both draw in the same logical units (the theme's text sizes, strokes and margins), on a
/// canvas of a different shape: the wide one is 1200 × 675 (16:9), the narrow one 540 × 675
/// (4:5), so that the same text takes more than twice the share of the width and the plot
/// keeps the height the wide layout's tick and row heuristics expect. The narrow SVG is
/// written at 2 user units per logical unit (1080 × 1350) and its PNG at the same 2 pixels
/// per logical unit (1080 × 1350 pixels): the smallest text (the tool line, 14 units) is then
/// 28 pixels tall, 9.3 px when the image is shown 360 px wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// 1200 × 675 (SVG), 2400 × 1350 (PNG): the default everywhere.
    Wide,
    /// 1080 × 1350 (SVG and PNG), for a phone or an article column: `NAME-narrow.png|svg`.
    Narrow,
}

impl Size {
    /// Both sizes, wide first.
    pub const ALL: [Size; 2] = [Size::Wide, Size::Narrow];

    /// The canvas in logical units.
    pub fn logical(self) -> (u32, u32) {
        match self {
            Size::Wide => (WIDTH, HEIGHT),
            Size::Narrow => (540, HEIGHT),
        }
    }

    /// SVG user units per logical unit.
    pub fn svg_scale(self) -> u32 {
        match self {
            Size::Wide => 1,
            Size::Narrow => 2,
        }
    }

    /// PNG pixels per logical unit.
    pub fn png_scale(self) -> u32 {
        PNG_SCALE
    }

    /// What the file stem gets after the chart's id: nothing, or `-narrow`.
    pub fn suffix(self) -> &'static str {
        match self {
            Size::Wide => "",
            Size::Narrow => "-narrow",
        }
    }
}

/// A complete chart: texts, footer and content.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// File stem (`facility-energy`, `tornado-total-water-2030` …).
    pub id: String,
    /// Title (long titles are shrunk a little, then wrapped on up to three lines).
    pub title: String,
    /// Subtitle: what is shown and its unit ("Facility electricity, TWh per year; band: 90 % range").
    pub subtitle: String,
    /// Horizontal axis label (may be empty).
    pub x_label: String,
    /// Vertical axis label (may be empty).
    pub y_label: String,
    /// The footer drawn inside the image (survives copy-paste).
    pub footer: Footer,
    /// Language (number formatting: decimal comma and narrow no-break spaces in French).
    pub lang: Lang,
    /// What to draw.
    pub kind: ChartKind,
}

/// Footer lines of a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Footer {
    /// "Source: IEA-EAI-2025; LBNL-2024 …" (already prefixed and translated).
    pub sources: String,
    /// An optional note ("Values marked * are unconfirmed").
    pub note: Option<String>,
    /// "dcfoot 0.1.0 · seed 20251013 · 10 000 draws".
    pub tool: String,
}

/// The chart types the scenarios need.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    /// Yearly series with an uncertainty band (p5–p95) and a median line, plus published
    /// points as markers (with their published range as error bars).
    TimeSeries {
        /// Modelled series, each drawn as a band and a line.
        series: Vec<BandSeries>,
        /// Published points.
        markers: Vec<MarkerSet>,
        /// Start the y axis at zero (true for quantities; false for e.g. a PUE).
        y_from_zero: bool,
    },
    /// Vertical stacked bars, one per category, with optional p5–p95 error bars on the total.
    StackedBars {
        /// Category labels (x axis).
        categories: Vec<String>,
        /// Stacked segments, bottom first; each has one value per category.
        segments: Vec<Segment>,
        /// p5–p95 of each category's total, if uncertain.
        totals_range: Option<Vec<(f64, f64)>>,
    },
    /// Horizontal bars around a central value: how far each input swings the result.
    Tornado {
        /// The result with every input central.
        central: f64,
        /// One bar per input, widest first.
        bars: Vec<TornadoBar>,
    },
    /// Distribution of Monte Carlo draws of one outcome.
    Histogram {
        /// The draws (any order).
        draws: Vec<f64>,
        /// Vertical reference lines (p5, median, p95, central …).
        lines: Vec<RefLine>,
    },
    /// Several published estimates side by side, each with its range (horizontal).
    Ranges {
        /// One row per estimate, in display order (top first).
        rows: Vec<RangeRow>,
        /// Use a logarithmic value axis (for estimates spanning orders of magnitude).
        log_scale: bool,
        /// Names of the groups used in `RangeRow::group`, in legend order.
        groups: Vec<String>,
    },
    /// Horizontal bars with optional error bars (equivalences, comparisons).
    Bars {
        /// One bar per row, top first.
        rows: Vec<BarRow>,
    },
    /// Stacked areas over the years (the parts of a whole), with the total's p5–p95 band.
    StackedArea {
        /// The years (x axis), in order.
        years: Vec<i32>,
        /// Layers, bottom first; each has one value per year.
        segments: Vec<Segment>,
        /// p5–p95 of the total in each year, if uncertain.
        total_band: Option<Vec<(f64, f64)>>,
    },
}

/// A modelled yearly series.
#[derive(Debug, Clone, PartialEq)]
pub struct BandSeries {
    /// Legend label.
    pub label: String,
    /// Points in year order.
    pub points: Vec<BandPoint>,
}

/// One year of a modelled series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandPoint {
    /// The year.
    pub year: i32,
    /// 5th percentile (the band's lower edge).
    pub p5: f64,
    /// Median (the line).
    pub p50: f64,
    /// 95th percentile (the band's upper edge).
    pub p95: f64,
}

/// Published points drawn as markers.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkerSet {
    /// Legend label ("LBNL 2024 (published)").
    pub label: String,
    /// The points.
    pub points: Vec<MarkerPoint>,
}

/// One published point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MarkerPoint {
    /// The year.
    pub year: i32,
    /// The published central value (None when only a range was published).
    pub value: Option<f64>,
    /// The published range, if any.
    pub range: Option<(f64, f64)>,
    /// Whether the figure is unconfirmed (drawn hollow).
    pub unconfirmed: bool,
}

/// A segment of stacked bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Legend label.
    pub label: String,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A tornado bar.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// The input ("PUE", "EWIF (L/kWh)").
    pub label: String,
    /// The result with the input at its 5th percentile.
    pub at_low: f64,
    /// The result with the input at its 95th percentile.
    pub at_high: f64,
    /// The input's p5 and p95 as text, shown at the bar ends ("1.1", "1.5").
    pub input_low: String,
    /// See `input_low`.
    pub input_high: String,
}

/// A vertical reference line on a histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct RefLine {
    /// Its position.
    pub value: f64,
    /// Its label ("p5", "median" …).
    pub label: String,
}

/// One published estimate with its range.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeRow {
    /// What it is ("Google 2025, Gemini median prompt").
    pub label: String,
    /// Index into the chart's `groups` (colour and legend, e.g. the boundary).
    pub group: usize,
    /// Central value, if published.
    pub central: Option<f64>,
    /// Low end, if published.
    pub low: Option<f64>,
    /// High end, if published.
    pub high: Option<f64>,
    /// Drawn hollow and marked when unconfirmed.
    pub unconfirmed: bool,
}

/// One horizontal bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    /// Its label.
    pub label: String,
    /// Its length.
    pub value: f64,
    /// p5–p95 (or a published range), if any.
    pub range: Option<(f64, f64)>,
    /// The value as text, written at the end of the bar ("12.3 reactors").
    pub value_label: String,
}
