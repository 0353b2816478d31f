//! Property tests: every chart kind, drawn with random finite values (tiny, huge, negative,
//! equal), random label lengths and either language, renders a valid SVG and PNG.
use super::*;
use proptest::prelude::*;

/// A finite value from every range that has broken layouts: zero, equal values, tiny and
/// huge magnitudes (the extremes of f64 included), both signs.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        Just(-1.0),
        Just(f64::MAX),
        Just(f64::MIN),
        Just(f64::MIN_POSITIVE),
        Just(f64::EPSILON),
        Just(1e46),
        Just(1e37),
        -1e6..1e6f64,
        1e-300..1e-3f64,
        -1e-3..-1e-300f64,
        1e30..1e300f64,
        -1e300..-1e30f64,
        (-300i32..300).prop_map(|exp| 10f64.powi(exp)),
    ]
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z %()/]{1,12}",
        "[a-zA-Zéèà ]{40,160}",
        "[A-Z]{1,400}",
    ]
}

fn sorted3() -> impl Strategy<Value = (f64, f64, f64)> {
    (value(), value(), value()).prop_map(|(a, b, c)| {
        let mut v = [a, b, c];
        v.sort_by(f64::total_cmp);
        (v[0], v[1], v[2])
    })
}

fn kind() -> impl Strategy<Value = ChartKind> {
    let series = (
        prop::collection::vec(
            (
                label(),
                1800i32..2200,
                prop::collection::vec(sorted3(), 0..12),
            ),
            0..4,
        ),
        prop::collection::vec(
            (
                label(),
                prop::collection::vec(
                    (
                        1800i32..2200,
                        prop::option::of(value()),
                        prop::option::of(sorted3()),
                        any::<bool>(),
                    ),
                    0..5,
                ),
            ),
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(series, markers, y_from_zero)| ChartKind::TimeSeries {
            series: series
                .into_iter()
                .map(|(label, start, points)| BandSeries {
                    label,
                    points: points
                        .into_iter()
                        .enumerate()
                        .map(|(index, (p5, p50, p95))| BandPoint {
                            year: start + index as i32,
                            p5,
                            p50,
                            p95,
                        })
                        .collect(),
                })
                .collect(),
            markers: markers
                .into_iter()
                .map(|(label, points)| MarkerSet {
                    label,
                    points: points
                        .into_iter()
                        .map(|(year, value, range, unconfirmed)| MarkerPoint {
                            year,
                            value,
                            range: range.map(|(low, _, high)| (low, high)),
                            unconfirmed,
                        })
                        .collect(),
                })
                .collect(),
            y_from_zero,
        });
    let stacked = (1usize..14, 1usize..5)
        .prop_flat_map(|(categories, segments)| {
            (
                prop::collection::vec(label(), categories),
                prop::collection::vec(
                    (label(), prop::collection::vec(value(), categories)),
                    segments,
                ),
                prop::option::of(prop::collection::vec(sorted3(), categories)),
            )
        })
        .prop_map(|(categories, segments, totals)| ChartKind::StackedBars {
            categories,
            segments: segments
                .into_iter()
                .map(|(label, values)| Segment { label, values })
                .collect(),
            totals_range: totals.map(|totals| {
                totals
                    .into_iter()
                    .map(|(low, _, high)| (low, high))
                    .collect()
            }),
        });
    let tornado = (
        value(),
        prop::collection::vec((label(), value(), value(), label(), label()), 0..9),
    )
        .prop_map(|(central, bars)| ChartKind::Tornado {
            central,
            bars: bars
                .into_iter()
                .map(
                    |(label, at_low, at_high, input_low, input_high)| TornadoBar {
                        label,
                        at_low,
                        at_high,
                        input_low,
                        input_high,
                    },
                )
                .collect(),
        });
    let histogram = (
        prop::collection::vec(value(), 0..300),
        prop::collection::vec((value(), label()), 0..6),
    )
        .prop_map(|(draws, lines)| ChartKind::Histogram {
            draws,
            lines: lines
                .into_iter()
                .map(|(value, label)| RefLine { value, label })
                .collect(),
        });
    let ranges = (
        prop::collection::vec(label(), 1..4),
        prop::collection::vec(
            (
                label(),
                0usize..4,
                prop::option::of(value()),
                prop::option::of(value()),
                prop::option::of(value()),
                any::<bool>(),
            ),
            0..14,
        ),
        any::<bool>(),
    )
        .prop_map(|(groups, rows, log_scale)| ChartKind::Ranges {
            rows: rows
                .into_iter()
                .map(|(label, group, central, low, high, unconfirmed)| RangeRow {
                    label,
                    group: group % groups.len(),
                    central,
                    low,
                    high,
                    unconfirmed,
                })
                .collect(),
            log_scale,
            groups,
        });
    let bars = prop::collection::vec(
        (label(), value(), prop::option::of(sorted3()), label()),
        0..12,
    )
    .prop_map(|rows| ChartKind::Bars {
        rows: rows
            .into_iter()
            .map(|(label, value, range, value_label)| BarRow {
                label,
                value,
                range: range.map(|(low, _, high)| (low, high)),
                value_label,
            })
            .collect(),
    });
    prop_oneof![series, stacked, tornado, histogram, ranges, bars]
}

fn any_chart() -> impl Strategy<Value = Chart> {
    (kind(), label(), label(), label(), label(), any::<bool>()).prop_map(
        |(kind, title, subtitle, x_label, y_label, french)| Chart {
            id: "property".into(),
            title,
            subtitle,
            x_label,
            y_label,
            footer: footer(),
            lang: if french { Lang::Fr } else { Lang::En },
            kind,
        },
    )
}

proptest! {
    // 32 cases: about five of each of the six chart kinds per run, each drawn in both
    // formats (the PNG at full size is what makes a case cost); each run draws new ones.
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_finite_chart_renders_a_valid_svg_and_png(chart in any_chart()) {
        let svg = render_svg(&chart).expect("SVG");
        assert_well_formed(&svg);
        prop_assert!(svg.contains(r#"viewBox="0 0 1200 675""#));
        assert_finite_markup(&svg);
        let png_bytes = render_png(&chart).expect("PNG");
        let (info, _) = decode(&png_bytes);
        prop_assert_eq!((info.width, info.height), (2400, 1350));
    }
}
