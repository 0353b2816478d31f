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

/// components.csv as (variant, component, year, indicator) → (central, p5, p95).
type Components = BTreeMap<(String, String, String, String), (f64, f64, f64)>;

fn read_components(path: &Path) -> Components {
    let mut reader = csv::Reader::from_path(path).expect("components.csv");
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (variant, component, year, indicator) = (
        column("variant"),
        column("component"),
        column("year"),
        column("indicator"),
    );
    let (central, p5, p95) = (column("central"), column("p5"), column("p95"));
    let mut components = Components::new();
    for record in reader.records() {
        let record = record.expect("row");
        let number = |index: usize| record[index].parse::<f64>().expect("number");
        components.insert(
            (
                record[variant].to_string(),
                record[component].to_string(),
                record[year].to_string(),
                record[indicator].to_string(),
            ),
            (number(central), number(p5), number(p95)),
        );
    }
    components
}

#[test]
fn world_ai_share_reproduces_the_iea_share_and_carries_the_case_totals() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    ok(&[
        "run",
        "world-ai-share",
        "--out",
        out.to_str().expect("utf-8"),
        "--samples",
        "2000",
    ]);
    let folder = out.join("world-ai-share");
    let results = read(&folder.join("results.csv"));
    // The IEA's case totals (data annex) are the path's points in 2030 and 2035.
    for (variant, year, id) in [
        ("base", "2024", "iea-world-dc-2024"),
        ("base", "2030", "iea-annex-world-dc-2030-base"),
        ("base", "2035", "iea-annex-world-dc-2035-base"),
        ("lift-off", "2030", "iea-world-dc-2030-lift-off"),
        ("lift-off", "2035", "iea-world-dc-2035-lift-off"),
        (
            "high-efficiency",
            "2030",
            "iea-world-dc-2030-high-efficiency",
        ),
        (
            "high-efficiency",
            "2035",
            "iea-annex-world-dc-2035-high-efficiency",
        ),
        ("headwinds", "2030", "iea-world-dc-2030-headwinds"),
        ("headwinds", "2035", "iea-world-dc-2035-headwinds"),
    ] {
        let (want, ..) = row(id);
        let (central, p5, p95) = get(&results, variant, year, "facility_energy");
        let want = want.unwrap();
        assert!(
            (central - want).abs() < 1e-6,
            "{variant} {year}: {central} vs {id} {want}"
        );
        // A single published value: no range around it.
        assert!(
            (p5 - want).abs() < 1e-6 && (p95 - want).abs() < 1e-6,
            "{variant} {year}"
        );
    }
    // The IEA's 15%: accelerated servers' IT electricity over all data-centre electricity in
    // 2024, in every draw (both are single published values in 2024).
    let components = read_components(&folder.join("components.csv"));
    let (share, ..) = row("iea-world-accel-share-2024");
    let (total, ..) = get(&results, "base", "2024", "facility_energy");
    let key = |indicator: &str| {
        (
            "base".to_string(),
            "accelerated".to_string(),
            "2024".to_string(),
            indicator.to_string(),
        )
    };
    let (it, it_p5, it_p95) = components[&key("it_energy")];
    for value in [it, it_p5, it_p95] {
        assert!(
            (value / total - share.unwrap() / 100.0).abs() < 1e-9,
            "accelerated IT {value} of {total}"
        );
    }
    // With its share of the overhead the component's part of the total is larger.
    let (facility, ..) = components[&key("facility_energy")];
    assert!(facility > it);
}

#[test]
fn genai_restriction_saves_in_every_draw_and_carries_the_iea_cases() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    ok(&[
        "run",
        "genai-restriction",
        "--out",
        out.to_str().expect("utf-8"),
        "--samples",
        "2000",
    ]);
    // The savings charts write every text whole, the familiar terms in the subtitle; the
    // component charts name their assumptions by label.
    let charts = out.join("genai-restriction").join("charts");
    let svg = |name: &str| std::fs::read_to_string(charts.join(name)).expect("svg");
    for name in ["savings.svg", "savings-cumulative.svg"] {
        let text = svg(name);
        assert!(!text.contains('…'), "{name}: a text is cut");
        assert!(text.contains("1 French reactor"), "{name}");
    }
    for name in [
        "components.svg",
        "components-no-genai.svg",
        "component-shares.svg",
    ] {
        let text = svg(name);
        assert!(!text.contains('…'), "{name}: a text is cut");
        assert!(
            text.contains("Assumptions (not sourced): accelerated servers (AI), generative AI"),
            "{name}"
        );
    }
    let mut reader = csv::Reader::from_path(out.join("genai-restriction").join("savings.csv"))
        .expect("savings.csv");
    // (variant, from, to) → (central, p5, p95) of the total's facility energy.
    let mut savings: BTreeMap<(String, String, String), (f64, f64, f64)> = BTreeMap::new();
    // A share has yearly savings only: a sum of yearly percentages means nothing.
    let (mut yearly_shares, mut summed_shares) = (0, 0);
    for record in reader.records() {
        let record = record.expect("row");
        if &record[4] == "share" {
            if record[6] == record[7] {
                yearly_shares += 1;
            } else {
                summed_shares += 1;
            }
        }
        if !record[3].is_empty() || &record[4] != "facility_energy" {
            continue;
        }
        let number = |index: usize| record[index].parse::<f64>().expect("number");
        savings.insert(
            (
                record[1].to_string(),
                record[6].to_string(),
                record[7].to_string(),
            ),
            (number(8), number(10), number(12)),
        );
    }
    assert!(yearly_shares > 0, "no yearly saving of the share");
    assert_eq!(summed_shares, 0, "cumulative savings of the share");
    let saving = |variant: &str, from: &str, to: &str| {
        *savings
            .get(&(variant.to_string(), from.to_string(), to.to_string()))
            .unwrap_or_else(|| panic!("no saving {variant} {from}–{to}"))
    };
    // Removing a positive load saves in every draw, every year of the policy period.
    for year in 2026..=2035 {
        let year = year.to_string();
        for variant in ["no-genai", "no-genai-rebound", "essential-only"] {
            let (_, p5, _) = saving(variant, &year, &year);
            assert!(p5 > 0.0, "{variant} {year}: p5 {p5}");
        }
    }
    let (cumulated, p5, p95) = saving("no-genai", "2026", "2035");
    assert!(p5 > 0.0 && p5 < cumulated && cumulated < p95);
    // The rebound and the essential uses keep part of the load: they save less.
    let (removed, ..) = saving("no-genai", "2030", "2030");
    assert!(saving("no-genai-rebound", "2030", "2030").0 < removed);
    assert!(saving("essential-only", "2030", "2030").0 < removed);
    // The IEA's cases: their saving is the published difference of case totals, exactly.
    for (variant, year, case, base) in [
        (
            "iea-high-efficiency",
            "2030",
            "iea-world-dc-2030-high-efficiency",
            "iea-annex-world-dc-2030-base",
        ),
        (
            "iea-high-efficiency",
            "2035",
            "iea-annex-world-dc-2035-high-efficiency",
            "iea-annex-world-dc-2035-base",
        ),
        (
            "iea-headwinds",
            "2030",
            "iea-world-dc-2030-headwinds",
            "iea-annex-world-dc-2030-base",
        ),
        (
            "iea-headwinds",
            "2035",
            "iea-world-dc-2035-headwinds",
            "iea-annex-world-dc-2035-base",
        ),
    ] {
        let want = row(base).0.unwrap() - row(case).0.unwrap();
        let (central, p5, p95) = saving(variant, year, year);
        for value in [central, p5, p95] {
            assert!(
                (value - want).abs() < 1e-6,
                "{variant} {year}: {value} vs {want}"
            );
        }
    }
}
