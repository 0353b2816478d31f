//! Grid factors from a generation mix (`estimate --mix`), pinned to the medians of
//! `generation.csv`.

use dcfoot::data::Datasets;

use crate::util::{bad_input, ok};

fn indicators(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&ok(&all)).unwrap();
    document["indicators"].clone()
}

fn central(indicators: &serde_json::Value, key: &str) -> f64 {
    indicators[key]["central"]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {indicators}"))
}

fn median(datasets: &Datasets, technology: &str, metric: &str) -> f64 {
    datasets
        .generation(technology, metric, "gross")
        .unwrap()
        .base_value()
}

#[test]
fn one_gas_plant_gives_its_medians_beside_each_other() {
    let datasets = Datasets::builtin().unwrap();
    let base = [
        "estimate",
        "--it-energy",
        "1000kWh",
        "--pue",
        "1",
        "--wue",
        "0",
    ];
    let mut args = base.to_vec();
    args.extend(["--mix", "gas-cc-tower=1"]);
    let out = indicators(&args);
    let co2e = central(&out, "co2e_kg");
    let consumed = central(&out, "offsite_water_l");
    let withdrawn = central(&out, "offsite_withdrawal_l");
    assert_eq!(co2e, median(&datasets, "gas-cc-tower", "carbon_intensity"));
    assert_eq!(
        consumed,
        1000.0 * median(&datasets, "gas-cc-tower", "water_consumption")
    );
    assert_eq!(
        withdrawn,
        1000.0 * median(&datasets, "gas-cc-tower", "water_withdrawal")
    );
    // About 490 kg, 750 L consumed, 960 L withdrawn; withdrawal is not in total water.
    assert!((co2e - 490.0).abs() < 1.0 && (consumed - 750.0).abs() < 5.0);
    assert!((withdrawn - 960.0).abs() < 5.0);
    assert_eq!(central(&out, "total_water_l"), consumed);

    let mut args = base.to_vec();
    args.extend(["--mix", "nuclear-tower=0.5,wind-onshore=0.5"]);
    let out = indicators(&args);
    let half = |metric| {
        0.5 * median(&datasets, "nuclear-tower", metric)
            + 0.5 * median(&datasets, "wind-onshore", metric)
    };
    let co2e = central(&out, "co2e_kg");
    assert!((co2e - half("carbon_intensity")).abs() < 1e-9);
    let consumed = central(&out, "offsite_water_l");
    assert!((consumed - 1000.0 * half("water_consumption")).abs() < 1e-9);
    assert!((co2e - 12.0).abs() < 1.0 && (consumed - 1270.0).abs() < 10.0);
}

#[test]
fn a_factor_given_directly_wins_over_the_mix() {
    let out = indicators(&[
        "estimate",
        "--facility-energy",
        "1MWh",
        "--mix",
        "gas-cc-tower=1",
        "--carbon-intensity",
        "100",
        "--region",
        "FR",
    ]);
    assert_eq!(central(&out, "co2e_kg"), 100.0);
    // The EWIF comes from the mix, not from the region.
    assert_eq!(central(&out, "offsite_water_l"), 750.0);
    // Reservoir evaporation: none charged to hydropower leaves only the other technologies.
    let none = indicators(&[
        "estimate",
        "--facility-energy",
        "1MWh",
        "--mix",
        "hydro-reservoir=0.5,nuclear-tower=0.5",
        "--hydro-allocation",
        "none",
    ]);
    assert!((central(&none, "offsite_water_l") - 1270.0).abs() < 1e-6);
}

#[test]
fn a_bad_mix_is_refused_with_the_sum_or_a_suggestion() {
    let error = bad_input(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--mix",
        "gas-cc-tower=0.5,solar-pv=0.3",
    ]);
    assert!(
        error.contains("--mix") && error.contains("add up to 0.8"),
        "{error}"
    );
    let error = bad_input(&["estimate", "--it-energy", "1MWh", "--mix", "wind-onshor=1"]);
    assert!(error.contains("did you mean `wind-onshore`?"), "{error}");
    let error = bad_input(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--mix",
        "wind-onshore=1",
        "--hydro-allocation",
        "half",
    ]);
    assert!(error.contains("--hydro-allocation"), "{error}");
}

#[test]
fn a_region_follows_its_trajectory_then_is_held_at_its_last_point() {
    let ci = |year: &str| -> (f64, String) {
        let out = ok(&[
            "estimate",
            "--facility-energy",
            "1MWh",
            "--region",
            "WORLD",
            "--year",
            year,
            "--format",
            "json",
        ]);
        let document: serde_json::Value = serde_json::from_str(&out).unwrap();
        (
            document["inputs"]["carbon_intensity"]["central"]
                .as_f64()
                .unwrap(),
            out,
        )
    };
    let (now, _) = ci("2024");
    let (later, json) = ci("2030");
    assert!(later < now, "{later} >= {now}");
    assert!(json.contains("IEA-ELEC-2025"), "{json}");
    let (beyond, json) = ci("2040");
    assert_eq!(beyond, later);
    assert!(json.contains("held at 2027"), "{json}");
}

#[test]
fn a_region_code_takes_its_published_mix_calibrated_to_its_intensity() {
    let out = ok(&[
        "estimate",
        "--facility-energy",
        "1MWh",
        "--mix",
        "FR",
        "--year",
        "2024",
        "--format",
        "json",
    ]);
    let document: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Calibrated to Ember's published 2024 intensity of France.
    let datasets = Datasets::builtin().unwrap();
    let published = datasets.get("owid-ci-fr-2024").unwrap().value;
    let ci = document["inputs"]["carbon_intensity"]["central"]
        .as_f64()
        .unwrap();
    assert!((ci - published).abs() < 1e-9, "{ci}");
    assert!(out.contains("calibration factor k = 0.848"), "{out}");
    assert!(out.contains("lower bound"), "{out}");
    let withdrawn = document["indicators"]["offsite_withdrawal_l"]["central"]
        .as_f64()
        .unwrap();
    assert!(withdrawn > 0.0);
    let error = bad_input(&["estimate", "--facility-energy", "1MWh", "--mix", "FRA"]);
    assert!(error.contains("did you mean `FR`?"), "{error}");
}

#[test]
fn a_scenario_mix_that_does_not_add_up_names_its_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mix.toml");
    std::fs::write(
        &path,
        "schema = 1\nid = \"mix\"\ntitle = { en = \"Mix\", fr = \"Mix\" }\ndescription = { en = \"Mix\", fr = \"Mix\" }\n\
         headline = { indicator = \"offsite_withdrawal\" }\n\
         [energy]\nway = \"direct\"\nboundary = \"facility\"\nenergy = \"1GWh\"\n\
         [factors]\nmix = { \"gas-cc-tower\" = 0.5, \"solar-pv\" = 0.2 }\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let error = bad_input(&[
        "run",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(error.contains("mix.toml:"), "{error}");
    assert!(error.contains("add up to 0.7"), "{error}");
    assert!(!out.exists());
}

/// Variants that differ only in the grid share one electricity line (labelled as such) instead
/// of hiding two lines under a third, while the carbon chart keeps one line per variant.
#[test]
fn variants_with_the_same_values_share_one_line() {
    let charts = crate::report::full_report().join("world-datacenters/charts");
    let energy = std::fs::read_to_string(charts.join("facility-energy.svg")).unwrap();
    assert!(energy.contains("Every variant (same values)"), "{energy}");
    assert!(!energy.contains("Grid held at its 2025"), "{energy}");
    let carbon = std::fs::read_to_string(charts.join("co2e.svg")).unwrap();
    assert!(carbon.contains("Grid held at its 2025"), "{carbon}");
    assert!(!carbon.contains("Every variant"), "{carbon}");
    let french =
        crate::report::full_report().join("fr/world-datacenters/charts/facility-energy.svg");
    let french = std::fs::read_to_string(french).unwrap();
    assert!(
        french.contains("Toutes les variantes (mêmes valeurs)"),
        "{french}"
    );
}
