//! Rendering tests: every chart kind with realistic data, French number formatting, byte-for-byte
//! determinism, escaping, and edge cases (empty, NaN, infinite, huge, tiny, long texts).
//!
//! One ignored test helps by hand: `write_previews` writes every example to
//! `$DCFOOT_CHART_PREVIEW` (default `/tmp/charts-preview`) to look at them. Rendering times
//! are measured by `cargo bench --bench report` (`render_png_each`, `render_svg_each`).

use super::*;
use crate::lang::Lang;
use crate::number::NNBSP;

fn footer() -> Footer {
    Footer {
        sources: "Source: IEA-EAI-2025; LBNL-2024; Masanet et al. 2020 (Science); dcfoot model"
            .into(),
        note: Some("Values marked * are unconfirmed (press reports, not peer reviewed).".into()),
        tool: "dcfoot 0.1.0 · seed 20251013 · 10 000 draws".into(),
    }
}

fn chart(id: &str, title: &str, subtitle: &str, kind: ChartKind) -> Chart {
    Chart {
        id: id.into(),
        title: title.into(),
        subtitle: subtitle.into(),
        x_label: String::new(),
        y_label: String::new(),
        footer: footer(),
        lang: Lang::En,
        kind,
    }
}

/// A deterministic stream of standard normal draws (xorshift and Box–Muller).
fn normals(count: usize, mut state: u64) -> Vec<f64> {
    let mut uniform = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    (0..count)
        .map(|_| {
            let (u, v) = (uniform(), uniform());
            (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
        })
        .collect()
}

fn band(label: &str, start: f64, growth: f64, spread: f64) -> BandSeries {
    BandSeries {
        label: label.into(),
        points: (2020..=2035)
            .map(|year| {
                let t = f64::from(year - 2020);
                let p50 = start * (1.0 + growth).powf(t);
                let width = spread * t / 15.0 + 0.04;
                BandPoint {
                    year,
                    p5: p50 * (1.0 - width),
                    p50,
                    p95: p50 * (1.0 + width * 1.4),
                }
            })
            .collect(),
    }
}

fn time_series() -> Chart {
    let mut chart = chart(
        "facility-energy",
        "Data centres could use twice as much electricity by 2030",
        "Facility electricity, world, TWh per year; bands: 90 % range of 10 000 simulations",
        ChartKind::TimeSeries {
            series: vec![
                band("dcfoot base case", 240.0, 0.085, 0.35),
                band("dcfoot high AI adoption", 240.0, 0.115, 0.45),
            ],
            markers: vec![
                MarkerSet {
                    label: "IEA 2025 (published)".into(),
                    points: vec![
                        MarkerPoint {
                            year: 2024,
                            value: Some(415.0),
                            range: None,
                            unconfirmed: false,
                        },
                        MarkerPoint {
                            year: 2030,
                            value: Some(945.0),
                            range: Some((700.0, 1260.0)),
                            unconfirmed: false,
                        },
                    ],
                },
                MarkerSet {
                    label: "Masanet 2020".into(),
                    points: vec![MarkerPoint {
                        year: 2020,
                        value: Some(205.0),
                        range: Some((190.0, 250.0)),
                        unconfirmed: false,
                    }],
                },
                MarkerSet {
                    label: "Press reports".into(),
                    points: vec![MarkerPoint {
                        year: 2026,
                        value: Some(650.0),
                        range: None,
                        unconfirmed: true,
                    }],
                },
                MarkerSet {
                    label: "LBNL 2024 scenarios (US ×3.3)".into(),
                    points: vec![MarkerPoint {
                        year: 2028,
                        value: None,
                        range: Some((560.0, 1000.0)),
                        unconfirmed: false,
                    }],
                },
            ],
            y_from_zero: true,
        },
    );
    chart.y_label = "TWh per year".into();
    chart
}

fn stacked_bars() -> Chart {
    let mut chart = chart(
        "water-by-site",
        "Cooling dominates the water footprint in hot, dry places",
        "Water consumed by a 100 MW campus in 2030, million litres per year; error bars: 90 % range",
        ChartKind::StackedBars {
            categories: vec![
                "Ireland".into(),
                "Arizona (United States)".into(),
                "Singapore".into(),
                "Northern Sweden".into(),
                "Île-de-France".into(),
            ],
            segments: vec![
                Segment {
                    label: "Onsite (cooling)".into(),
                    values: vec![180.0, 1150.0, 640.0, 60.0, 260.0],
                },
                Segment {
                    label: "Offsite (electricity generation)".into(),
                    values: vec![520.0, 1380.0, 910.0, 140.0, 1480.0],
                },
            ],
            totals_range: Some(vec![
                (480.0, 1020.0),
                (1900.0, 3300.0),
                (1150.0, 2100.0),
                (120.0, 330.0),
                (1200.0, 2400.0),
            ]),
        },
    );
    chart.y_label = "Million litres per year".into();
    chart
}

fn tornado() -> Chart {
    let mut chart = chart(
        "tornado-total-water-2030",
        "What drives the 2030 water estimate",
        "Total water, billion litres per year, with each input at its 5th and 95th percentile",
        ChartKind::Tornado {
            central: 564.0,
            bars: vec![
                TornadoBar {
                    label: "Grid water intensity (L/kWh)".into(),
                    at_low: 312.0,
                    at_high: 905.0,
                    input_low: "1.1".into(),
                    input_high: "3.9".into(),
                },
                TornadoBar {
                    label: "Water usage effectiveness (L/kWh)".into(),
                    at_low: 420.0,
                    at_high: 741.0,
                    input_low: "0.2".into(),
                    input_high: "1.8".into(),
                },
                TornadoBar {
                    label: "AI share of the load".into(),
                    at_low: 471.0,
                    at_high: 688.0,
                    input_low: "15 %".into(),
                    input_high: "45 %".into(),
                },
                TornadoBar {
                    label: "PUE".into(),
                    at_low: 522.0,
                    at_high: 630.0,
                    input_low: "1.1".into(),
                    input_high: "1.5".into(),
                },
                TornadoBar {
                    label: "Server utilisation".into(),
                    at_low: 601.0,
                    at_high: 540.0,
                    input_low: "30 %".into(),
                    input_high: "70 %".into(),
                },
            ],
        },
    );
    chart.x_label = "Billion litres per year".into();
    chart
}

fn histogram() -> Chart {
    let draws: Vec<f64> = normals(10_000, 0x9E37_79B9_7F4A_7C15)
        .into_iter()
        .map(|z| 945.0 * (0.22 * z).exp())
        .collect();
    let mut sorted = draws.clone();
    sorted.sort_by(f64::total_cmp);
    let quantile = |p: f64| sorted[(p * (sorted.len() - 1) as f64) as usize];
    let mut chart = chart(
        "histogram-energy-2030",
        "Data centre electricity in 2030: the spread of outcomes",
        "Facility electricity, TWh in 2030; 10 000 Monte Carlo draws",
        ChartKind::Histogram {
            lines: vec![
                RefLine {
                    value: quantile(0.05),
                    label: "p5".into(),
                },
                RefLine {
                    value: quantile(0.5),
                    label: "median".into(),
                },
                RefLine {
                    value: 960.0,
                    label: "central".into(),
                },
                RefLine {
                    value: quantile(0.95),
                    label: "p95".into(),
                },
            ],
            draws,
        },
    );
    chart.x_label = "TWh in 2030".into();
    chart.y_label = "Share of draws".into();
    chart
}

fn range_row(
    label: &str,
    group: usize,
    central: Option<f64>,
    range: Option<(f64, f64)>,
) -> RangeRow {
    RangeRow {
        label: label.into(),
        group,
        central,
        low: range.map(|range| range.0),
        high: range.map(|range| range.1),
        unconfirmed: false,
    }
}

fn ranges() -> Chart {
    let mut altman = range_row("Altman 2025 (blog), ChatGPT average", 2, Some(0.34), None);
    altman.unconfirmed = true;
    let mut chart = chart(
        "energy-per-prompt",
        "Published estimates of the energy of one AI text prompt",
        "Watt-hours per prompt, logarithmic scale; dots: central value, bars: published range",
        ChartKind::Ranges {
            rows: vec![
                range_row("Google 2025, Gemini median prompt", 2, Some(0.24), None),
                altman,
                range_row(
                    "Epoch AI 2025, GPT-4o typical query",
                    1,
                    Some(0.3),
                    Some((0.1, 2.5)),
                ),
                range_row(
                    "Luccioni et al. 2024, text generation",
                    0,
                    Some(0.047),
                    Some((0.006, 0.2)),
                ),
                range_row(
                    "Jegham et al. 2025, GPT-4o long prompt",
                    2,
                    Some(1.8),
                    Some((0.9, 4.3)),
                ),
                range_row("de Vries 2023, ChatGPT request", 1, Some(2.9), None),
                range_row("Wilkins 2024, Llama 65B", 0, None, Some((0.6, 4.0))),
            ],
            log_scale: true,
            groups: vec![
                "GPU only".into(),
                "Server (GPU, CPU, memory)".into(),
                "Whole facility (cooling included)".into(),
            ],
        },
    );
    chart.x_label = "Wh per prompt".into();
    chart
}

fn bars() -> Chart {
    let rows = [
        (
            "Nuclear reactors (1 GW, all year)",
            11.2,
            Some((8.9, 14.1)),
            "11.2 reactors",
        ),
        (
            "Households in France",
            21.4,
            Some((17.0, 27.0)),
            "21.4 million",
        ),
        ("Electric cars driven 15 000 km", 36.0, None, "36 million"),
        ("Share of French consumption", 2.3, None, "2.3 %"),
    ];
    chart(
        "equivalences-2030",
        "What 100 TWh of data centre electricity compares to",
        "Equivalents of the 2030 central estimate; error bars: 90 % range",
        ChartKind::Bars {
            rows: rows
                .into_iter()
                .map(|(label, value, range, value_label)| BarRow {
                    label: label.into(),
                    value,
                    range,
                    value_label: value_label.into(),
                })
                .collect(),
        },
    )
}

fn french(mut chart: Chart) -> Chart {
    chart.lang = Lang::Fr;
    chart.id.push_str("-fr");
    chart.title = "Les centres de données pourraient doubler leur consommation d'ici 2030".into();
    chart.subtitle =
        "Électricité des installations, monde, TWh par an ; bandes : intervalle à 90 %".into();
    chart.y_label = "TWh par an".into();
    chart.footer = Footer {
        sources: "Sources : AIE 2025 ; LBNL 2024 ; Masanet et al. 2020 (Science)".into(),
        note: Some("Les valeurs marquées * ne sont pas confirmées.".into()),
        tool: "dcfoot 0.1.0 · graine 20251013 · 10 000 tirages".into(),
    };
    chart
}

/// A French chart whose ticks need a decimal comma and a thousands separator.
fn french_ticks() -> Chart {
    let mut chart = french(histogram());
    if let ChartKind::Histogram { draws, lines } = &mut chart.kind {
        for draw in draws.iter_mut() {
            *draw *= 12.0;
        }
        for line in lines.iter_mut() {
            line.value *= 12.0;
        }
    }
    chart.title = "Électricité en 2030 : la dispersion des résultats".into();
    chart.subtitle =
        "Électricité des installations, TWh en 2030 ; 10 000 tirages Monte-Carlo".into();
    chart.x_label = "TWh en 2030".into();
    chart.y_label = "Part des tirages".into();
    if let ChartKind::Histogram { lines, .. } = &mut chart.kind {
        for (line, label) in lines.iter_mut().zip(["p5", "médiane", "centrale", "p95"]) {
            line.label = label.into();
        }
    }
    chart
}

/// A series that does not start at zero (PUE), with a gap in its data.
fn pue_series() -> Chart {
    let mut series = band("Fleet average PUE (dcfoot)", 1.58, -0.012, 0.06);
    series.points[6].p50 = f64::NAN;
    let mut chart = chart(
        "pue",
        "Data centres are getting more efficient, slowly",
        "Power usage effectiveness (total facility energy / IT energy); band: 90 % range",
        ChartKind::TimeSeries {
            series: vec![series],
            markers: vec![MarkerSet {
                label: "Uptime Institute survey".into(),
                points: [
                    (2020, 1.59),
                    (2021, 1.57),
                    (2022, 1.55),
                    (2023, 1.58),
                    (2024, 1.56),
                ]
                .into_iter()
                .map(|(year, value)| MarkerPoint {
                    year,
                    value: Some(value),
                    range: None,
                    unconfirmed: false,
                })
                .collect(),
            }],
            y_from_zero: false,
        },
    );
    chart.y_label = "PUE".into();
    chart
}

/// Many categories with long names.
fn many_categories() -> Chart {
    let names = [
        "United States",
        "China",
        "European Union (27 member states)",
        "Japan",
        "India",
        "United Kingdom",
        "Rest of Asia-Pacific",
        "Latin America and the Caribbean",
        "Middle East and North Africa",
        "Sub-Saharan Africa",
    ];
    chart(
        "energy-by-region",
        "Where data centre electricity is used in 2030",
        "TWh per year, central estimate, by region and by use",
        ChartKind::StackedBars {
            categories: names.iter().map(|name| name.to_string()).collect(),
            segments: [
                "AI servers",
                "Conventional servers",
                "Storage and network",
                "Cooling and other",
            ]
            .iter()
            .enumerate()
            .map(|(index, label)| Segment {
                label: label.to_string(),
                values: (0..names.len())
                    .map(|region| 240.0 / (region as f64 + 1.0) * [0.4, 0.3, 0.1, 0.2][index])
                    .collect(),
            })
            .collect(),
            totals_range: None,
        },
    )
}

/// Published ranges on a linear axis, some without a central value.
fn linear_ranges() -> Chart {
    let mut chart = chart(
        "water-per-prompt",
        "How much water does an AI prompt use?",
        "Millilitres per prompt, onsite and offsite; dots: central value, bars: published range",
        ChartKind::Ranges {
            rows: vec![
                range_row("Google 2025, Gemini median prompt", 0, Some(0.26), None),
                range_row(
                    "Li et al. 2023, GPT-3 (US average)",
                    1,
                    Some(16.9),
                    Some((10.0, 50.0)),
                ),
                range_row("Jegham et al. 2025, GPT-4o", 1, None, Some((1.0, 24.0))),
                range_row("Mistral 2025, Large 2 (400 tokens)", 1, Some(45.0), None),
            ],
            log_scale: false,
            groups: vec!["Onsite only".into(), "Onsite and offsite".into()],
        },
    );
    chart.x_label = "mL per prompt".into();
    chart
}

/// One realistic chart of each kind, variants, and French versions.
fn examples() -> Vec<Chart> {
    vec![
        time_series(),
        stacked_bars(),
        tornado(),
        histogram(),
        ranges(),
        bars(),
        pue_series(),
        many_categories(),
        linear_ranges(),
        french(time_series()),
        french_ticks(),
    ]
}

/// Charts that stress the renderer: nothing in them may panic.
fn edge_cases() -> Vec<Chart> {
    let point = |year, value: f64| BandPoint {
        year,
        p5: value,
        p50: value,
        p95: value,
    };
    let series = |points: Vec<BandPoint>| ChartKind::TimeSeries {
        series: vec![BandSeries {
            label: "s".into(),
            points,
        }],
        markers: vec![],
        y_from_zero: false,
    };
    let histogram = |draws: Vec<f64>| ChartKind::Histogram {
        draws,
        lines: vec![RefLine {
            value: f64::NAN,
            label: "nan".into(),
        }],
    };
    let long = "A very long title that keeps going and going well past the width of any chart, \
                with more words than anyone should put in a headline, and then some more words";
    let kinds = vec![
        series(vec![]),
        series(vec![point(2030, 5.0)]),
        series(vec![point(2020, f64::NAN), point(2021, f64::INFINITY)]),
        series(vec![point(2020, 3.0), point(2030, 3.0)]),
        series(vec![point(2020, -5.0), point(2030, -50.0)]),
        series(vec![point(2020, 1e15), point(2030, 3e15)]),
        series(vec![point(2020, 1e-6), point(2030, 3e-6)]),
        series(vec![point(i32::MIN, 1.0), point(i32::MAX, 2.0)]),
        ChartKind::TimeSeries {
            series: vec![],
            markers: vec![MarkerSet {
                label: "only a range".into(),
                points: vec![MarkerPoint {
                    year: 2025,
                    value: None,
                    range: Some((f64::NAN, 3.0)),
                    unconfirmed: true,
                }],
            }],
            y_from_zero: true,
        },
        ChartKind::StackedBars {
            categories: vec![],
            segments: vec![],
            totals_range: None,
        },
        ChartKind::StackedBars {
            categories: vec!["a".into(), long.into()],
            segments: vec![Segment {
                label: "short values".into(),
                values: vec![f64::NAN],
            }],
            totals_range: Some(vec![(1.0, f64::INFINITY)]),
        },
        ChartKind::StackedBars {
            categories: vec!["up".into(), "down".into()],
            segments: vec![
                Segment {
                    label: "p".into(),
                    values: vec![3.0, -2.0],
                },
                Segment {
                    label: "q".into(),
                    values: vec![-1.0, -1e15],
                },
            ],
            totals_range: None,
        },
        ChartKind::Tornado {
            central: f64::NAN,
            bars: vec![],
        },
        ChartKind::Tornado {
            central: 5.0,
            bars: vec![TornadoBar {
                label: long.into(),
                at_low: 5.0,
                at_high: 5.0,
                input_low: String::new(),
                input_high: long.into(),
            }],
        },
        ChartKind::Tornado {
            central: f64::NAN,
            bars: vec![TornadoBar {
                label: "nan".into(),
                at_low: f64::NAN,
                at_high: 2.0,
                input_low: "a".into(),
                input_high: "b".into(),
            }],
        },
        histogram(vec![]),
        histogram(vec![f64::NAN; 10]),
        histogram(vec![7.0; 1000]),
        histogram(vec![0.0]),
        histogram(vec![-1e15, 1e15, 3.0]),
        histogram(vec![1e-6, 2e-6, 1.5e-6]),
        ChartKind::Ranges {
            rows: vec![],
            log_scale: true,
            groups: vec![],
        },
        ChartKind::Ranges {
            rows: vec![
                range_row("negative on a log axis", 0, Some(-1.0), Some((-2.0, 0.0))),
                range_row("unknown group", 9, Some(1.0), Some((f64::NAN, 2.0))),
                range_row("nothing", 0, None, None),
            ],
            log_scale: true,
            groups: vec!["g".into()],
        },
        ChartKind::Ranges {
            rows: (0..60)
                .map(|index| range_row(long, index % 3, Some(index as f64), None))
                .collect(),
            log_scale: false,
            groups: vec!["a".into(), "b".into(), "c".into()],
        },
        ChartKind::Bars { rows: vec![] },
        ChartKind::Bars {
            rows: vec![
                BarRow {
                    label: "negative".into(),
                    value: -3.0,
                    range: Some((-4.0, -1.0)),
                    value_label: "−3".into(),
                },
                BarRow {
                    label: "nan".into(),
                    value: f64::NAN,
                    range: None,
                    value_label: "?".into(),
                },
                BarRow {
                    label: "huge".into(),
                    value: 1e15,
                    range: Some((f64::NEG_INFINITY, 2e15)),
                    value_label: "1e15".into(),
                },
                BarRow {
                    label: String::new(),
                    value: 0.0,
                    range: None,
                    value_label: String::new(),
                },
            ],
        },
    ];
    let mut charts: Vec<Chart> = kinds
        .into_iter()
        .enumerate()
        .map(|(index, kind)| chart(&format!("edge-{index}"), long, long, kind))
        .collect();
    let mut empty_texts = chart("empty-texts", "", "", ChartKind::Bars { rows: vec![] });
    empty_texts.footer = Footer::default();
    charts.push(empty_texts);
    charts
}

fn decode(png_bytes: &[u8]) -> (png::OutputInfo, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("PNG header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut pixels).expect("PNG frame");
    pixels.truncate(info.buffer_size());
    (info, pixels)
}

fn pixel(pixels: &[u8], x: usize, y: usize) -> (u8, u8, u8) {
    let index = (y * (WIDTH * PNG_SCALE) as usize + x) * 3;
    (pixels[index], pixels[index + 1], pixels[index + 2])
}

/// Checks that a document is well-formed XML as far as a chart needs: balanced tags, quoted
/// attributes, and only the five predefined or numeric entities.
fn assert_well_formed(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(['<', '&']) {
        let text = &rest[..start];
        assert!(!text.contains('>'), "stray '>' in text: {text:?}");
        rest = &rest[start..];
        if rest.starts_with('&') {
            let end = rest.find(';').expect("entity ends with ';'");
            let entity = &rest[1..end];
            assert!(
                matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
                    || entity.starts_with('#') && entity.len() > 1,
                "unknown entity &{entity};"
            );
            rest = &rest[end + 1..];
            continue;
        }
        let end = rest.find('>').expect("tag ends with '>'");
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        assert!(!tag.contains('<'), "'<' inside a tag: {tag:?}");
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes: {tag:?}"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().expect("tag name");
            stack.push(name.to_string());
        }
    }
    assert!(stack.is_empty(), "unclosed tags: {stack:?}");
}

/// Checks that no tag of the SVG holds `NaN` or `inf` (a coordinate gone wrong); texts, which
/// may say "inférieur", are not looked at.
fn assert_finite_markup(svg: &str) {
    for tag in svg.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        assert!(!tag.contains("NaN") && !tag.contains("inf"), "{tag}");
    }
}

/// The contents of the SVG's text elements, in document order.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|text| text.split_once('>'))
        .map(|(_, rest)| rest.split('<').next().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn every_kind_renders_a_png_and_an_svg_of_the_right_size() {
    for chart in examples() {
        let svg = render_svg(&chart).expect("SVG");
        assert!(svg.contains(r#"width="1200""#), "{}", chart.id);
        assert!(svg.contains(r#"height="675""#), "{}", chart.id);
        assert!(svg.contains(r#"viewBox="0 0 1200 675""#), "{}", chart.id);
        let title = chart.title.replace('\'', "&apos;");
        assert!(svg.contains(&title), "{}: title missing", chart.id);
        assert!(svg.contains("dcfoot 0.1.0"), "{}: footer missing", chart.id);
        assert_well_formed(&svg);

        let png_bytes = render_png(&chart).expect("PNG");
        let (info, pixels) = decode(&png_bytes);
        assert_eq!((info.width, info.height), (2400, 1350), "{}", chart.id);
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        // White background, dark title text in the top-left corner.
        assert_eq!(pixel(&pixels, 2, 2), (255, 255, 255), "{}", chart.id);
        let dark_in_title = (40..110)
            .flat_map(|y| (60..600).map(move |x| (x, y)))
            .filter(|&(x, y)| pixel(&pixels, x, y).0 < 80)
            .count();
        assert!(
            dark_in_title > 500,
            "{}: no title drawn ({dark_in_title})",
            chart.id
        );
    }
}

#[test]
fn the_png_shows_the_palette_colours() {
    let (_, pixels) = decode(&render_png(&bars()).expect("PNG"));
    let blue = pixels
        .chunks_exact(3)
        .filter(|rgb| *rgb == [0x00, 0x72, 0xB2])
        .count();
    assert!(
        blue > 50_000,
        "bars should be Okabe–Ito blue ({blue} pixels)"
    );
    let (_, pixels) = decode(&render_png(&tornado()).expect("PNG"));
    let orange = pixels
        .chunks_exact(3)
        .filter(|rgb| *rgb == [0xE6, 0x9F, 0x00])
        .count();
    assert!(
        orange > 20_000,
        "bars above the central value are orange ({orange})"
    );
}

#[test]
fn french_charts_use_french_numbers() {
    let texts = svg_texts(&render_svg(&french_ticks()).expect("SVG"));
    let thousands = texts.iter().any(|text| {
        text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && text.contains(NNBSP)
            && !text.contains(',')
    });
    assert!(thousands, "no tick with a narrow no-break space: {texts:?}");
    let percent = format!("{NNBSP}%");
    assert!(
        texts.iter().any(|text| text.ends_with(&percent)),
        "{texts:?}"
    );

    let log = Chart {
        lang: Lang::Fr,
        ..ranges()
    };
    let texts = svg_texts(&render_svg(&log).expect("SVG"));
    assert!(texts.contains(&"0,01".to_string()), "{texts:?}");
    assert!(texts.contains(&"0,047".to_string()), "{texts:?}");
    assert!(
        !texts.iter().any(|text| text.starts_with("0.")),
        "{texts:?}"
    );

    let svg = render_svg(&time_series()).expect("SVG");
    assert!(svg.contains("2030"));
    assert!(!svg.contains("2,030") && !svg.contains("2,024"));
}

#[test]
fn rendering_is_deterministic() {
    for chart in examples() {
        assert_eq!(
            render_svg(&chart).expect("SVG"),
            render_svg(&chart).expect("SVG")
        );
        assert!(render_png(&chart).expect("PNG") == render_png(&chart).expect("PNG"));
    }
}

#[test]
fn parallel_rendering_gives_the_same_bytes() {
    let charts = examples();
    let serial: Vec<Vec<u8>> = charts.iter().map(|c| render_png(c).expect("PNG")).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = charts
            .iter()
            .map(|chart| scope.spawn(move || render_png(chart).expect("PNG")))
            .collect();
        for (handle, expected) in handles.into_iter().zip(&serial) {
            assert!(handle.join().expect("thread") == *expected);
        }
    });
}

#[test]
fn edge_cases_render_without_panicking() {
    for chart in edge_cases() {
        let svg = render_svg(&chart).unwrap_or_else(|e| panic!("{}: {e}", chart.id));
        assert_well_formed(&svg);
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{}", chart.id);
        let png_bytes = render_png(&chart).unwrap_or_else(|e| panic!("{}: {e}", chart.id));
        let (info, _) = decode(&png_bytes);
        assert_eq!((info.width, info.height), (2400, 1350));
    }
}

#[test]
fn long_titles_wrap_and_only_the_longest_are_shortened() {
    let chart = &edge_cases()[0];
    let texts = svg_texts(&render_svg(chart).expect("SVG"));
    assert!(
        texts[0].starts_with("A very long title") && !texts[0].ends_with('…'),
        "{texts:?}"
    );
    assert!(texts[1].ends_with('…'), "{texts:?}");
    assert!(!texts[1].contains("and then some more words"));
}

#[test]
fn empty_charts_say_so() {
    let chart = &edge_cases()[0];
    assert!(render_svg(chart).expect("SVG").contains("No data to show"));
}

#[test]
fn texts_are_escaped_in_svg() {
    let mut chart = bars();
    chart.title = "Energy <script>alert('x')</script> & water \u{0}".into();
    chart.subtitle = "R&D \"quoted\" <b>".into();
    if let ChartKind::Bars { rows } = &mut chart.kind {
        rows[0].label = "<row> & co".into();
    }
    let svg = render_svg(&chart).expect("SVG");
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<b>") && !svg.contains("<row>"));
    assert!(svg.contains("&lt;script&gt;"));
    assert!(svg.contains("&amp; water"));
    assert!(svg.contains("&lt;row&gt; &amp; co"));
    assert_well_formed(&svg);
}

#[test]
#[ignore = "writes preview images; run by hand"]
fn write_previews() {
    let directory =
        std::env::var("DCFOOT_CHART_PREVIEW").unwrap_or_else(|_| "/tmp/charts-preview".to_string());
    std::fs::create_dir_all(&directory).expect("preview directory");
    let mut charts = examples();
    charts.extend(edge_cases());
    for chart in charts {
        let path = format!("{directory}/{}", chart.id);
        std::fs::write(format!("{path}.png"), render_png(&chart).expect("PNG")).expect("write");
        std::fs::write(format!("{path}.svg"), render_svg(&chart).expect("SVG")).expect("write");
    }
}

/// Property tests: every chart kind with random finite values (`tests/properties.rs`).
mod properties;
/// Both layouts of every kind: sizes, wrapped titles and the reader's check (`tests/sizes.rs`).
mod sizes;
