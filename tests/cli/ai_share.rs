//! The scenarios on AI's share of data-centre electricity (issue 11): they carry the
//! published figures they are built from.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{datasets_dir, ok};

/// results.csv as (variant, year, indicator) → (central, p5, p95).
type Results = BTreeMap<(String, String, String), (f64, f64, f64)>;

fn read(path: &Path) -> Results {
    let mut reader = csv::Reader::from_path(path).expect("results.csv");
    let mut results = Results::new();
    for record in reader.records() {
        let record = record.expect("row");
        let number = |index: usize| record[index].parse::<f64>().expect("number");
        results.insert(
            (
                record[1].to_string(),
                record[3].to_string(),
                record[4].to_string(),
            ),
            (number(6), number(8), number(10)),
        );
    }
    results
}

fn get(results: &Results, variant: &str, year: &str, indicator: &str) -> (f64, f64, f64) {
    *results
        .get(&(variant.to_string(), year.to_string(), indicator.to_string()))
        .unwrap_or_else(|| panic!("no {variant}/{year}/{indicator}"))
}

/// A dataset row's value, low and high, read from the shipped CSV files.
fn row(id: &str) -> (Option<f64>, Option<f64>, Option<f64>) {
    for table in ["ai_share", "dc_energy", "references"] {
        let path = datasets_dir().join(format!("{table}.csv"));
        let mut reader = csv::Reader::from_path(&path).expect("dataset");
        let header = reader.headers().expect("header").clone();
        let column = |name: &str| header.iter().position(|h| h == name).expect(name);
        let (value, low, high) = (column("value"), column("low"), column("high"));
        for record in reader.records() {
            let record = record.expect("row");
            if &record[0] == id {
                let number = |index: usize| record[index].parse::<f64>().ok();
                return (number(value), number(low), number(high));
            }
        }
    }
    panic!("no row {id}");
}

#[test]
fn france_ai_projects_bound_the_announced_capacity_and_carry_rte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    ok(&[
        "run",
        "france-ai-projects",
        "--out",
        out.to_str().expect("utf-8"),
        "--samples",
        "2000",
    ]);
    let results = read(&out.join("france-ai-projects").join("results.csv"));
    // The announced total is the sum of the three projects (GW), run 8,760 h at a load factor
    // between 0.5 and 0.9 (the scenario's assumption), at the grid.
    let (fluidstack, ..) = row("fluidstack-fr-ai-campus-2025");
    let (mgx, ..) = row("mgx-fr-ai-campus-2025");
    let (mistral, _, mistral_high) = row("mistral-fr-compute-2025");
    let (fluidstack, mgx, mistral, mistral_high) = (
        fluidstack.unwrap(),
        mgx.unwrap(),
        mistral.unwrap() / 1000.0,
        mistral_high.unwrap() / 1000.0,
    );
    let (_, total_low, total_high) = row("fr-ai-campuses-announced-total");
    assert!((total_low.unwrap() - (fluidstack + mgx + mistral)).abs() < 1e-9);
    assert!((total_high.unwrap() - (fluidstack + mgx + mistral_high)).abs() < 1e-9);
    let twh = |gw: f64, load: f64| gw * 8.76 * load;
    let (central, p5, p95) = get(&results, "announced", "", "facility_energy");
    assert!(p5 >= twh(fluidstack + mgx + mistral, 0.5), "p5 {p5}");
    assert!(
        p95 <= twh(fluidstack + mgx + mistral_high, 0.9),
        "p95 {p95}"
    );
    assert!(central > p5 && central < p95);
    // The MGX campus alone: 1.4 GW.
    let (central, ..) = get(&results, "mgx-campus", "", "facility_energy");
    assert!(
        (central - twh(mgx, 0.7)).abs() < 1e-6,
        "MGX central {central}"
    );
    // RTE's 2030 range for all data centres and the growth since 2022 are carried as ranges.
    let (_, low, high) = row("rte-fr-dc-2030");
    let (_, p5, p95) = get(&results, "rte-2030", "", "facility_energy");
    assert!(p5 >= low.unwrap() && p95 <= high.unwrap(), "{p5}–{p95}");
    let (_, growth_p5, growth_p95) = get(&results, "rte-growth", "", "facility_energy");
    let (today, ..) = row("rte-fr-dc-2022");
    assert!(
        growth_p5 >= low.unwrap() - today.unwrap() && growth_p95 <= high.unwrap() - today.unwrap()
    );
    // The share is of French consumption in 2024 (RTE, corrected).
    let (consumption, ..) = row("rte-fr-consumption-2024");
    let (energy, ..) = get(&results, "announced", "", "facility_energy");
    let (share, ..) = get(&results, "announced", "", "share");
    assert!(
        (share - energy / consumption.unwrap() * 100.0).abs() < 1e-3,
        "share {share}"
    );
}
