//! Property tests (proptest) of the library's invariants: unit parsing, distributions, the
//! footprint model, the Monte Carlo summaries and the CSV exports. Case counts are modest so
//! the whole suite stays fast.

use dcfoot::data::Datasets;
use dcfoot::dist::Dist;
use dcfoot::dist::spec::parse_dist;
use dcfoot::model::{
    Boundary, EnergyPlan, Factors, Indicator, Input, Plan, Role, Series, WaterBasis, footprint,
};
use dcfoot::number::csv_number;
use dcfoot::output::csv::{Cell, CsvLocale, CsvTable, read_back};
use dcfoot::uncertainty::Stats;
use dcfoot::uncertainty::mc::{self, Extras, McConfig};
use dcfoot::units::{Dimension, Kwh, UNITS, Unit, parse_quantity, split_number, unit_factor};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// `a` and `b` agree to a relative `tolerance` (absolute near zero).
fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1e-300)
}

// ---------------------------------------------------------------------------------------------
// Units

/// Dataset units whose symbol a user may also type for the same dimension.
fn typeable_units() -> Vec<Unit> {
    UNITS
        .iter()
        .copied()
        .filter(|unit| unit_factor(unit.symbol, unit.dimension).is_ok())
        .collect()
}

#[test]
fn user_and_dataset_spellings_of_a_unit_agree() {
    let units = typeable_units();
    assert!(units.len() >= 15, "{units:?}");
    for unit in units {
        let user = unit_factor(unit.symbol, unit.dimension).unwrap().factor();
        assert!(
            close(user, unit.scale.factor(), 1e-15),
            "{}: {user} vs {}",
            unit.symbol,
            unit.scale.factor()
        );
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// A value written with a unit, read back and converted to that unit, is the value.
    #[test]
    fn value_with_unit_round_trips(
        value in prop_oneof![0.0..1.0f64, 0.0..1e6f64, 0.0..1e12f64],
        index in any::<prop::sample::Index>(),
        space in prop::sample::select(vec!["", " ", "  "]),
    ) {
        let units = typeable_units();
        let unit = units[index.index(units.len())];
        let text = format!("{value}{space}{}", unit.symbol);
        let base = parse_quantity(&text, unit.dimension, unit.dimension.base_symbol())
            .map_err(|error| TestCaseError::fail(format!("{text}: {error}")))?;
        prop_assert!(close(unit.from_base(base), value, 1e-12), "{text} → {base}");
    }

    /// A bare number is read in the default unit, exactly.
    #[test]
    fn bare_numbers_take_the_default_unit(value in 0.0..1e15f64) {
        let text = format!("{value}");
        prop_assert_eq!(parse_quantity(&text, Dimension::Energy, "kWh"), Ok(value));
        let wh = parse_quantity(&text, Dimension::Energy, "Wh").unwrap();
        prop_assert!(close(wh * 1000.0, value, 1e-15));
    }

    /// Negative values are refused except for growth rates.
    #[test]
    fn negative_values_are_refused(value in 1e-9..1e9f64) {
        let text = format!("-{value}");
        prop_assert!(parse_quantity(&text, Dimension::Energy, "kWh").is_err());
        let percent = format!("{text}%");
        prop_assert!(parse_quantity(&percent, Dimension::GrowthRate, "%").is_ok());
    }

    /// Whatever the text, parsing returns a value or an error: never a panic, never a value
    /// that is not a finite number.
    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        for dimension in [Dimension::Energy, Dimension::Power, Dimension::Ratio, Dimension::GrowthRate] {
            if let Ok(value) = parse_quantity(&text, dimension, dimension.base_symbol()) {
                prop_assert!(value.is_finite());
            }
            if let Ok(dist) = parse_dist(&text, dimension, dimension.base_symbol()) {
                prop_assert!(dist.central().is_finite());
            }
        }
        let _ = split_number(&text);
    }

    /// Text made of the grammar's own characters reaches deeper: still no panic, and every
    /// distribution it gives has a finite central value inside its support.
    #[test]
    fn grammar_like_text_never_panics(text in "[0-9.eE+\\- ,:=kKmMgGtTwWhHLl%/a-z]{0,24}") {
        if let Ok(dist) = parse_dist(&text, Dimension::Energy, "kWh") {
            let (low, high) = dist.support();
            let central = dist.central();
            prop_assert!(central.is_finite() && low <= central && central <= high, "{text}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Distributions

/// A valid distribution on non-negative values (lognormal included when `unbounded`).
fn dist(unbounded: bool) -> BoxedStrategy<Dist> {
    let bounded = prop_oneof![
        (0.0..1e6f64).prop_map(|value| Dist::fixed(value).unwrap()),
        (0.0..1e6f64, 1e-3..1e6f64)
            .prop_map(|(min, width)| Dist::uniform(min, min + width).unwrap()),
        (0.0..1e6f64, 1e-3..1e6f64, 0.0..=1.0f64).prop_map(|(min, width, at)| {
            Dist::triangular(min, min + at * width, min + width).unwrap()
        }),
        (0.0..1e6f64, 1e-3..1e6f64, 0.0..=1.0f64).prop_map(|(min, width, at)| Dist::pert(
            min,
            min + at * width,
            min + width
        )
        .unwrap()),
        (0.0..1e6f64, 1e-3..1e5f64, 0.0..1e6f64, 1e-3..1e6f64).prop_filter_map(
            "at least 1 % of the normal inside its bounds",
            |(mean, sd, lower, width)| Dist::normal(mean, sd, lower, lower + width).ok()
        ),
    ];
    if unbounded {
        prop_oneof![
            4 => bounded,
            1 => (1e-3..1e3f64, 1.01..5.0f64)
                .prop_map(|(median, gsd)| Dist::lognormal_median_gsd(median, gsd).unwrap()),
        ]
        .boxed()
    } else {
        bounded.boxed()
    }
}

/// Stays inside [low, high] up to rounding.
fn inside(value: f64, (low, high): (f64, f64)) -> bool {
    let slack = 1e-12 * (low.abs().max(high.abs()).min(f64::MAX));
    value >= low - slack && value <= high + slack
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn quantiles_are_monotone(dist in dist(true), a in 0.0..1.0f64, b in 0.0..1.0f64) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let (q_low, q_high) = (dist.quantile(low), dist.quantile(high));
        prop_assert!(q_low <= q_high + 1e-9 * q_high.abs().max(1.0), "{dist:?}: q({low}) = {q_low} > q({high}) = {q_high}");
    }

    #[test]
    fn draws_and_central_value_lie_in_the_support(dist in dist(true), seed in any::<u64>()) {
        let support = dist.support();
        prop_assert!(inside(dist.central(), support), "{dist:?}");
        let mut rng = mc::stream(seed, "property", 0);
        for _ in 0..64 {
            let draw = dist.sample(&mut rng);
            prop_assert!(draw.is_finite() && inside(draw, support), "{dist:?}: {draw}");
        }
    }

    #[test]
    fn truncated_normals_stay_within_their_bounds(
        mean in -1e3..1e3f64,
        sd in 1e-2..1e3f64,
        lower in -1e3..1e3f64,
        width in 1e-2..1e3f64,
        seed in any::<u64>(),
    ) {
        let upper = lower + width;
        let Ok(dist) = Dist::normal(mean, sd, lower, upper) else {
            // Refused: less than 1 % of the normal inside the bounds.
            return Ok(());
        };
        let mut rng = mc::stream(seed, "normal", 0);
        for _ in 0..64 {
            let draw = dist.sample(&mut rng);
            prop_assert!((lower..=upper).contains(&draw), "{draw} outside [{lower}, {upper}]");
        }
        for p in [0.0, 1e-9, 0.05, 0.5, 0.95, 1.0] {
            prop_assert!((lower..=upper).contains(&dist.quantile(p)));
        }
        prop_assert!((lower..=upper).contains(&dist.central()));
    }
}

// ---------------------------------------------------------------------------------------------
// The footprint model

fn factors() -> impl Strategy<Value = Factors> {
    (1.0..3.0f64, 0.0..10.0f64, 0.0..20.0f64, 0.0..1500.0f64).prop_map(
        |(pue, wue, ewif, carbon_intensity)| Factors {
            pue: Some(pue),
            wue: Some(wue),
            ewif: Some(ewif),
            carbon_intensity: Some(carbon_intensity),
        },
    )
}

fn boundary() -> impl Strategy<Value = Boundary> {
    prop_oneof![Just(Boundary::It), Just(Boundary::Facility)]
}

/// Every indicator of a footprint, in the order of [`Indicator::ALL`] (share left out).
fn indicators(energy: f64, boundary: Boundary, factors: &Factors) -> [f64; 6] {
    let result = footprint(Kwh(energy), boundary, factors);
    [
        result.it_energy.unwrap().0,
        result.facility_energy.unwrap().0,
        result.onsite_water.unwrap().0,
        result.offsite_water.unwrap().0,
        result.total_water().unwrap().0,
        result.co2e.unwrap().0,
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn the_footprint_is_linear_in_energy(
        energy in 0.0..1e12f64,
        k in 0.0..1e3f64,
        boundary in boundary(),
        factors in factors(),
    ) {
        let once = indicators(energy, boundary, &factors);
        let scaled = indicators(k * energy, boundary, &factors);
        for (a, b) in once.iter().zip(scaled) {
            prop_assert!(close(k * a, b, 1e-12), "{a} × {k} vs {b}");
        }
    }

    #[test]
    fn total_water_is_on_site_plus_off_site(
        energy in 0.0..1e12f64,
        boundary in boundary(),
        factors in factors(),
    ) {
        let [_, _, onsite, offsite, total, _] = indicators(energy, boundary, &factors);
        prop_assert_eq!(total, onsite + offsite);
    }

    /// More overhead, cooling water, power-plant water or carbon never lowers a footprint.
    #[test]
    fn the_footprint_is_monotone_in_its_factors(
        energy in 0.0..1e12f64,
        factors in factors(),
        step in 0.0..2.0f64,
    ) {
        let base = indicators(energy, Boundary::It, &factors);
        for which in 0..4 {
            let mut more = factors;
            match which {
                0 => more.pue = factors.pue.map(|pue| pue + step),
                1 => more.wue = factors.wue.map(|wue| wue + step),
                2 => more.ewif = factors.ewif.map(|ewif| ewif + step),
                _ => more.carbon_intensity = factors.carbon_intensity.map(|ci| ci + step),
            }
            let after = indicators(energy, Boundary::It, &more);
            for (before, after) in base.iter().zip(after) {
                prop_assert!(after >= *before, "factor {which}: {before} → {after}");
            }
        }
        // At the facility boundary a higher PUE means less IT energy, so less on-site water.
        let facility = indicators(energy, Boundary::Facility, &factors);
        let mut higher = factors;
        higher.pue = factors.pue.map(|pue| pue + step);
        let after = indicators(energy, Boundary::Facility, &higher);
        prop_assert!(after[0] <= facility[0] && after[2] <= facility[2]);
        prop_assert_eq!(after[1], facility[1]);
    }
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo on random plans

fn input(key: &str, role: Role, dist: Dist) -> Input {
    Input {
        key: key.into(),
        label: key.into(),
        dist,
        unit: "",
        show_scale: 1.0,
        sources: Vec::new(),
        origin: "property test".into(),
        is_level: false,
        label_fr: key.into(),
        role,
        verification: None,
    }
}

/// A PUE: fixed, uniform or triangular, at least 1.
fn pue_dist() -> impl Strategy<Value = Dist> {
    prop_oneof![
        (1.0..3.0f64).prop_map(|value| Dist::fixed(value).unwrap()),
        (1.0..2.0f64, 1e-3..1.0f64)
            .prop_map(|(min, width)| Dist::uniform(min, min + width).unwrap()),
        (1.0..2.0f64, 1e-3..1.0f64, 0.0..=1.0f64).prop_map(|(min, width, at)| {
            Dist::triangular(min, min + at * width, min + width).unwrap()
        }),
    ]
}

/// A plan with a direct energy and every factor, each a random distribution.
fn plan(unbounded: bool) -> impl Strategy<Value = Plan> {
    (
        dist(unbounded),
        pue_dist(),
        dist(unbounded),
        dist(unbounded),
        dist(unbounded),
        boundary(),
    )
        .prop_map(|(energy, pue, wue, ewif, carbon, boundary)| Plan {
            inputs: vec![
                input("energy", Role::Energy, energy),
                input("pue", Role::Pue, pue),
                input("wue", Role::Wue, wue),
                input("ewif", Role::Ewif, ewif),
                input("carbon_intensity", Role::CarbonIntensity, carbon),
            ],
            energy: EnergyPlan::Direct {
                energy: Series::Constant(0),
            },
            boundary,
            pue: Some(Series::Constant(1)),
            wue: Some(Series::Constant(2)),
            ewif: Some(Series::Constant(3)),
            carbon_intensity: Some(Series::Constant(4)),
            reference: None,
            ewif_withdrawal: None,
            onsite_basis: WaterBasis::Consumption,
            years: None,
            embodied: None,
            parts: None,
        })
}

fn ordered(stats: &Stats) -> bool {
    let slack = 1e-9 * stats.max.abs().max(1.0);
    stats.min <= stats.p5 + slack
        && stats.p5 <= stats.p50 + slack
        && stats.p50 <= stats.p95 + slack
        && stats.p95 <= stats.max + slack
        && stats.min <= stats.mean + slack
        && stats.mean <= stats.max + slack
}

proptest! {
    #![proptest_config(config(64))]

    /// The engine's own per-draw output (the draws `mc::run` keeps on request) for a plan with
    /// one uncertain input: draw for draw, it is the model evaluated at that input's draws, and
    /// total water is on-site plus off-site water, overhead is facility minus IT energy.
    ///
    /// Kept draws come sorted, so a draw is found by rank: every indicator is monotone in every
    /// input, so the k-th smallest draw of the input gives the k-th smallest value of an
    /// indicator that grows with it and the k-th largest of one that falls with it (a PUE
    /// lowers IT energy at the facility boundary). With several uncertain inputs the ranks no
    /// longer line up; the library has no API that returns the draws in draw order.
    #[test]
    fn every_draw_adds_up(
        plan in plan(true),
        which in 0..5usize,
        samples in 2..300usize,
        seed in any::<u64>(),
    ) {
        let mut plan = plan;
        prop_assume!(plan.inputs[which].is_uncertain());
        for (index, input) in plan.inputs.iter_mut().enumerate() {
            if index != which {
                input.dist = Dist::fixed(input.dist.central()).unwrap();
            }
        }
        let config = McConfig { samples, seed };
        let available = plan.available();
        let extras = Extras {
            sensitivity: Vec::new(),
            keep: available.iter().map(|indicator| (*indicator, None)).collect(),
        };
        let outcome = mc::run(&plan, config, &extras);
        prop_assert_eq!(outcome.samples, samples);
        prop_assert_eq!(outcome.kept.len(), available.len());
        let mut draws = mc::draw_inputs(&plan, config).swap_remove(which);
        prop_assert_eq!(draws.len(), samples);
        draws.sort_by(f64::total_cmp);
        let at = |value: f64| {
            let mut values = plan.central_values();
            values[which] = value;
            plan.evaluate(None, &values)
        };
        let (lowest, highest) = (at(draws[0]), at(draws[samples - 1]));
        // per_draw[indicator][k]: the engine's value for the k-th smallest draw of the input.
        let mut per_draw = vec![Vec::new(); Indicator::ALL.len()];
        for (indicator, year, kept) in &outcome.kept {
            prop_assert_eq!(*year, None);
            prop_assert_eq!(kept.len(), samples);
            let mut values = kept.clone();
            if lowest[indicator.index()] > highest[indicator.index()] {
                values.reverse();
            }
            per_draw[indicator.index()] = values;
        }
        for (k, draw) in draws.iter().enumerate() {
            let model = at(*draw);
            for indicator in &available {
                let engine = per_draw[indicator.index()][k];
                prop_assert_eq!(engine, model[indicator.index()], "{:?}, draw {}", indicator, k);
            }
            let value = |indicator: Indicator| per_draw[indicator.index()][k];
            prop_assert_eq!(
                value(Indicator::TotalWater),
                value(Indicator::OnsiteWater) + value(Indicator::OffsiteWater)
            );
            let overhead = value(Indicator::FacilityEnergy) - value(Indicator::ItEnergy);
            prop_assert!(close(value(Indicator::OverheadEnergy), overhead, 1e-12));
        }
    }

    /// Several uncertain inputs are drawn together: in every draw the engine evaluates the
    /// same draw of each input. Its rank correlations (computed from its outputs in draw
    /// order) show it: at the IT boundary with a fixed energy, facility energy depends on the
    /// PUE alone and on-site water on the WUE alone, so each is a rising function of that
    /// input's draws (ρ = 1), whatever the EWIF and carbon intensity draw.
    #[test]
    fn the_inputs_of_a_draw_belong_together(
        plan in plan(true),
        samples in 20..300usize,
        seed in any::<u64>(),
    ) {
        let mut plan = plan;
        plan.boundary = Boundary::It;
        let energy = plan.inputs[0].dist.central();
        prop_assume!(energy > 1e-3);
        plan.inputs[0].dist = Dist::fixed(energy).unwrap();
        prop_assume!(plan.inputs[1].is_uncertain() && plan.inputs[2].is_uncertain());
        let extras = Extras { sensitivity: vec![None], keep: Vec::new() };
        let outcome = mc::run(&plan, McConfig { samples, seed }, &extras);
        for (input, indicator) in [(1, Indicator::FacilityEnergy), (2, Indicator::OnsiteWater)] {
            let rho = outcome
                .correlations
                .iter()
                .find(|c| c.input == input && c.indicator == indicator && c.year.is_none())
                .map(|c| c.rho);
            prop_assert!(
                rho.is_some_and(|rho| rho > 0.999),
                "{:?} against input {}: ρ = {:?}", indicator, input, rho
            );
        }
    }

    /// Summaries are ordered (min ≤ p5 ≤ p50 ≤ p95 ≤ max, mean inside) and every draw and the
    /// central value lie between the plan's smallest and largest possible results (reached at
    /// corners of the inputs' supports, as every indicator is monotone in every input).
    #[test]
    fn summaries_are_ordered_and_within_the_possible(
        plan in plan(false),
        samples in 2..300usize,
        seed in any::<u64>(),
    ) {
        let outcome = mc::run(&plan, McConfig { samples, seed }, &Extras::default());
        let supports: Vec<(f64, f64)> = plan.inputs.iter().map(|input| input.dist.support()).collect();
        let mut lowest = [f64::INFINITY; dcfoot::model::N_INDICATORS];
        let mut highest = [f64::NEG_INFINITY; dcfoot::model::N_INDICATORS];
        for corner in 0..(1u32 << supports.len()) {
            let values: Vec<f64> = supports
                .iter()
                .enumerate()
                .map(|(index, (low, high))| if corner & (1 << index) == 0 { *low } else { *high })
                .collect();
            for (index, value) in plan.evaluate(None, &values).iter().enumerate() {
                lowest[index] = lowest[index].min(*value);
                highest[index] = highest[index].max(*value);
            }
        }
        prop_assert_eq!(outcome.first_non_finite(), None);
        for indicator in outcome.available.iter() {
            let stats = outcome.get(*indicator, None).unwrap();
            prop_assert!(ordered(stats), "{indicator:?}: {stats:?}");
            let bounds = (lowest[indicator.index()], highest[indicator.index()]);
            for value in [stats.central, stats.min, stats.max] {
                prop_assert!(inside(value, bounds), "{indicator:?}: {value} outside {bounds:?}");
            }
        }
    }
}

/// A yearly scenario file with a random base, growth and factors.
fn scenario_text(base_twh: f64, growth: (f64, f64, f64), pue: (f64, f64, f64), wue: f64) -> String {
    format!(
        r#"schema = 1
id = "property"
title = {{ en = "Property", fr = "Propriété" }}
description = {{ en = "Random.", fr = "Aléatoire." }}
years = {{ from = 2024, to = 2030 }}

[energy]
way = "fleet"
boundary = "it"
energy = {{ base = {{ value = {base_twh}, unit = "TWh" }}, base_year = 2024, rate = "tri:{}%,{}%,{}%" }}

[factors]
pue = "tri:{},{},{}"
wue = {wue}
ewif = 3.1
carbon_intensity = 400
"#,
        growth.0, growth.1, growth.2, pue.0, pue.1, pue.2
    )
}

fn three_sorted(low: f64, high: f64) -> impl Strategy<Value = (f64, f64, f64)> {
    (low..high, low..high, low..high).prop_map(|(a, b, c)| {
        let mut sorted = [a, b, c];
        sorted.sort_by(f64::total_cmp);
        (sorted[0], sorted[1], sorted[2])
    })
}

proptest! {
    #![proptest_config(config(32))]

    /// Random valid scenario files: every year's summaries are ordered, total water adds up at
    /// the central values, and a positive growth rate makes energy grow every year.
    #[test]
    fn random_scenarios_keep_the_invariants(
        base_twh in 1.0..1000.0f64,
        growth in three_sorted(0.5, 30.0),
        pue in three_sorted(1.0, 2.0),
        wue in 0.0..5.0f64,
    ) {
        prop_assume!(growth.0 < growth.2 && pue.0 < pue.2);
        let datasets = Datasets::builtin().unwrap();
        let text = scenario_text(base_twh, growth, pue, wue);
        let scenario = dcfoot::scenario::parse("property.toml", &text, &datasets)
            .map_err(|error| TestCaseError::fail(format!("{error}\n{text}")))?;
        let result = dcfoot::scenario::run(&scenario, &datasets, McConfig { samples: 256, seed: 7 })
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        let outcome = &result.variants[0].outcome;
        let mut previous = 0.0;
        for year in 2024..=2030 {
            for indicator in &outcome.available {
                prop_assert!(ordered(outcome.get(*indicator, Some(year)).unwrap()));
            }
            let central = |indicator: Indicator| outcome.get(indicator, Some(year)).unwrap().central;
            prop_assert!(close(
                central(Indicator::TotalWater),
                central(Indicator::OnsiteWater) + central(Indicator::OffsiteWater),
                1e-12
            ));
            let energy = central(Indicator::FacilityEnergy);
            prop_assert!(energy > previous, "{year}: {energy} after {previous}");
            previous = energy;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CSV exports

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6..1e6f64,
        0.0..1e-3f64,
        -1e15..1e15f64,
        (0u32..20, -1e3..1e3f64)
            .prop_map(|(exponent, mantissa)| mantissa * 10f64.powi(exponent as i32)),
        // Any magnitude a float can hold, subnormal ones included.
        (-323i32..308, -9.99..9.99f64).prop_map(|(exponent, mantissa)| {
            format!("{mantissa}e{exponent}")
                .parse::<f64>()
                .unwrap_or(0.0)
        }),
        Just(0.0),
        Just(-0.0),
        Just(5e-324),
        Just(1e-310),
        Just(f64::MAX),
    ]
}

fn text_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zé ,;\"'=+@\\-]{0,12}",
        any::<String>().prop_map(|text| text.replace('\r', "")),
    ]
}

proptest! {
    #![proptest_config(config(128))]

    /// Numbers never use exponent notation, and both flavours read back to the same numbers
    /// (to 7 significant digits, and at most 17 decimals).
    #[test]
    fn csv_numbers_read_back_in_both_flavours(values in prop::collection::vec(number(), 1..8)) {
        let mut table = CsvTable::new(&["label", "value"]);
        for (index, value) in values.iter().enumerate() {
            table.push(vec![Cell::Text(format!("row {index}")), Cell::Number(*value)]);
        }
        let (_, default_rows) = read_back(&table.render(CsvLocale::Default), CsvLocale::Default);
        let (_, french_rows) = read_back(&table.render(CsvLocale::Fr), CsvLocale::Fr);
        prop_assert_eq!(&default_rows, &french_rows);
        for (value, row) in values.iter().zip(&default_rows) {
            let cell = &row[1];
            prop_assert!(!cell.contains(['e', 'E']), "exponent in {cell}");
            let read: f64 = cell.parse().map_err(|_| TestCaseError::fail(format!("`{cell}`")))?;
            // 7 significant digits, then at most 17 decimals: both roundings add up.
            let tolerance = 5e-7 * value.abs() + 5.01e-18;
            prop_assert!((read - value).abs() <= tolerance, "{value} → {cell}");
        }
    }

    /// Any text survives a round trip, a formula gets a leading `'`, and the French flavour
    /// has its BOM, semicolons and decimal commas.
    #[test]
    fn csv_text_round_trips_and_flavours_differ_as_documented(
        texts in prop::collection::vec(text_cell(), 1..6),
        whole in 1u32..100_000,
    ) {
        // Seven significant digits at most, with a fraction: the decimal separator shows.
        let value = f64::from(whole) + 0.25;
        let mut table = CsvTable::new(&["label", "value"]);
        for text in &texts {
            table.push(vec![Cell::Text(text.clone()), Cell::Number(value)]);
        }
        let french = table.render(CsvLocale::Fr);
        prop_assert!(french.starts_with(b"\xEF\xBB\xBF"));
        let french_text = String::from_utf8(french[3..].to_vec()).unwrap();
        prop_assert!(french_text.starts_with("label;value\r\n"));
        let comma = csv_number(value, true);
        prop_assert!(comma.contains(',') && !comma.contains('.'), "{comma}");
        let cell = format!(";{comma}\r\n");
        prop_assert!(french_text.contains(&cell));
        let default = table.render(CsvLocale::Default);
        prop_assert!(!default.starts_with(b"\xEF\xBB\xBF"));
        for locale in [CsvLocale::Default, CsvLocale::Fr] {
            let (header, rows) = read_back(&table.render(locale), locale);
            prop_assert_eq!(header, vec!["label".to_string(), "value".to_string()]);
            prop_assert_eq!(rows.len(), texts.len());
            for (text, row) in texts.iter().zip(&rows) {
                // read_back turns a French decimal comma back into a point, even in a text.
                let number_like = text.contains(',') && text.replace(',', ".").parse::<f64>().is_ok();
                if locale == CsvLocale::Fr && number_like {
                    continue;
                }
                let expected = if dcfoot::text::looks_like_formula(text) {
                    format!("'{text}")
                } else {
                    text.clone()
                };
                prop_assert_eq!(&row[0], &expected);
            }
        }
    }
}
