//! Monte Carlo kernel: a scenario with 8 uncertain inputs over 15 years (2021–2035).
//!
//! `cargo bench --bench monte_carlo` reports, per benchmark, the time for 10,000 samples and the
//! throughput in samples (`draws` counts input draws: samples × 8 uncertain inputs).

use dcfoot::data::Datasets;
use dcfoot::model::Plan;
use dcfoot::scenario;
use dcfoot::uncertainty::McConfig;
use dcfoot::uncertainty::mc::{self, Extras};
use divan::counter::ItemsCount;

const SAMPLES: usize = 10_000;

const SCENARIO: &str = r#"
schema = 1
id = "bench"
title = { en = "Bench", fr = "Banc" }
description = { en = "Eight uncertain inputs over fifteen years.", fr = "Huit entrées incertaines sur quinze ans." }
years = { from = 2021, to = 2035 }

[energy]
way = "hardware"
accelerators = { base = "tri:8000,10000,14000", base_year = 2021, rate = "uniform:0.1,0.3" }
accelerator_power = "700 W"
utilization = "pert:0.3,0.6,0.9"
host_overhead = "1.5..2"

[factors]
pue = "tri:1.1,1.2,1.5"
wue = "lognormal:0.1..1.5"
ewif = "2..5"
carbon_intensity = "normal:400,60"
"#;

fn plan() -> Plan {
    let datasets = Datasets::builtin().expect("built-in datasets");
    let scenario = scenario::parse("bench.toml", SCENARIO, &datasets).expect("scenario");
    let plan = scenario::plan_for(&scenario, &scenario.variants[0]).expect("plan");
    assert_eq!(
        plan.inputs
            .iter()
            .filter(|input| input.is_uncertain())
            .count(),
        8
    );
    plan
}

fn main() {
    divan::main();
}

/// Drawing the inputs only (the random-number part), counted in input draws.
#[divan::bench]
fn draw_inputs(bencher: divan::Bencher) {
    let plan = plan();
    let config = McConfig {
        samples: SAMPLES,
        seed: 1,
    };
    bencher
        .counter(ItemsCount::new(SAMPLES * 8))
        .bench(|| mc::draw_inputs(&plan, config));
}

/// The whole propagation: draws, 15 years × 8 indicators per sample, summaries.
#[divan::bench]
fn propagate(bencher: divan::Bencher) {
    let plan = plan();
    let config = McConfig {
        samples: SAMPLES,
        seed: 1,
    };
    bencher
        .counter(ItemsCount::new(SAMPLES))
        .bench(|| mc::run(&plan, config, &Extras::default()));
}

/// The propagation with the sensitivity analysis of one year (tornado and rank correlations).
#[divan::bench]
fn propagate_with_sensitivity(bencher: divan::Bencher) {
    let plan = plan();
    let config = McConfig {
        samples: SAMPLES,
        seed: 1,
    };
    let extras = Extras {
        sensitivity: vec![Some(2035)],
        keep: Vec::new(),
    };
    bencher
        .counter(ItemsCount::new(SAMPLES))
        .bench(|| mc::run(&plan, config, &extras));
}
