//! `dcfoot estimate`: golden checks against published results, and every bad-input class.

use crate::util::{bad_input, json, ok, run};

fn central(document: &serde_json::Value, indicator: &str) -> f64 {
    document["indicators"][indicator]["central"]
        .as_f64()
        .unwrap_or_else(|| panic!("no {indicator} in {document}"))
}

/// Li et al. (arXiv:2304.03271 v5), Table 1, U.S. Average row: GPT-3 training water on-site
/// 0.708, off-site 4.731, total 5.439 million litres.
#[test]
fn golden_li_gpt3_training_row() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "1287MWh",
        "--pue",
        "1.17",
        "--wue",
        "0.55",
        "--ewif",
        "3.142",
        "--format",
        "json",
    ]));
    let million = |indicator| (central(&document, indicator) / 1e3).round() / 1e3;
    assert_eq!(million("onsite_water_l"), 0.708);
    assert_eq!(million("offsite_water_l"), 4.731);
    assert_eq!(million("total_water_l"), 5.439);
    assert_eq!(central(&document, "it_energy_kwh"), 1_287_000.0);
    assert!((central(&document, "facility_energy_kwh") - 1_505_790.0).abs() < 1e-6);
    // The contract's input shape.
    assert_eq!(document["inputs"]["pue"]["central"], 1.17);
    assert_eq!(document["inputs"]["pue"]["unit"], "");
    assert_eq!(document["inputs"]["pue"]["source"], "flag");
    // No carbon intensity: CO2e is left out, and the output says why.
    assert!(document["indicators"]["co2e_kg"].is_null());
    assert!(
        document["omitted"]["co2e_kg"]
            .as_str()
            .unwrap()
            .contains("carbon intensity")
    );
}

/// Li et al., Table 1, U.S. Average row: 16.904 mL per medium request (4 Wh of server energy).
#[test]
fn golden_li_per_request_row() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "4Wh",
        "--pue",
        "1.17",
        "--wue",
        "0.55",
        "--ewif",
        "3.142",
        "--format",
        "json",
    ]));
    let millilitres = central(&document, "total_water_l") * 1000.0;
    assert_eq!((millilitres * 1000.0).round() / 1000.0, 16.905);
    assert!((millilitres - 16.904).abs() < 0.001, "{millilitres}");
    assert!((central(&document, "onsite_water_l") * 1000.0 - 2.2).abs() < 1e-9);
}

/// Li et al., Table 1, Washington row (PUE 1.15, WUE 0.95, EWIF 9.501): 15.285 million litres
/// for training, 47.506 mL per request (published values).
#[test]
fn golden_li_washington_row_from_the_datasets() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "1287MWh",
        "--operator",
        "microsoft",
        "--site",
        "washington",
        "--region",
        "US-WA",
        "--year",
        "2023",
        "--format",
        "json",
    ]));
    assert_eq!(document["inputs"]["pue"]["central"], 1.15);
    assert_eq!(document["inputs"]["ewif"]["central"], 9.501);
    let total = central(&document, "total_water_l") / 1e6;
    assert!((total - 15.285).abs() < 0.001, "{total}");
}

#[test]
fn usage_with_region_and_operator_prints_a_complete_table() {
    let table = ok(&[
        "estimate",
        "--queries",
        "1e9",
        "--energy-per-query",
        "0.24",
        "--query-boundary",
        "facility",
        "--region",
        "US",
        "--operator",
        "google",
    ]);
    for expected in [
        "IT energy",
        "facility energy",
        "on-site water",
        "off-site water",
        "total water",
        "CO2e",
        "240 MWh",
        "facility_efficiency:google-pue",
        "grid_factors:",
        "OWID-EMBER",
        "not multiplied by PUE again",
    ] {
        assert!(
            table.contains(expected),
            "missing `{expected}` in:\n{table}"
        );
    }
    assert!(!table.contains("Left out"), "{table}");
}

#[test]
fn an_explicit_flag_wins_over_dataset_defaults() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--operator",
        "google",
        "--pue",
        "1.5",
        "--format",
        "json",
    ]));
    assert_eq!(document["inputs"]["pue"]["central"], 1.5);
    assert_eq!(document["inputs"]["pue"]["source"], "flag");
    assert_eq!(document["inputs"]["wue"]["source"], "dataset");
    assert!(document["inputs"]["wue"]["source_ids"].is_array());
}

#[test]
fn every_energy_source_works() {
    let energy = |args: &[&str]| {
        let mut all = vec!["estimate"];
        all.extend_from_slice(args);
        all.extend(["--pue", "1.2", "--format", "json"]);
        central(&json(&ok(&all)), "it_energy_kwh")
    };
    assert_eq!(energy(&["--it-power", "10MW", "--hours", "10"]), 100_000.0);
    assert_eq!(energy(&["--it-power", "500", "--hours", "2"]), 1000.0);
    // Patterson et al. GPT-3: 10,000 V100 × 330 W × 14.8 days = 1,172 MWh before PUE.
    let hardware = energy(&[
        "--accelerators",
        "10000",
        "--accelerator-power",
        "330W",
        "--hours",
        "14.8d",
    ]);
    assert!((hardware - 1_172_160.0).abs() < 1e-3, "{hardware}");
    let with_overhead = energy(&[
        "--accelerators",
        "8",
        "--accelerator-power",
        "700W",
        "--hours",
        "1",
        "--utilization",
        "0.5",
        "--host-overhead",
        "2",
        "--idle-share",
        "0.2",
    ]);
    assert!((with_overhead - 8.0 * 0.7 * 0.5 * 2.0 / 0.8).abs() < 1e-9);
    assert_eq!(
        energy(&[
            "--queries",
            "1000",
            "--energy-per-query",
            "3Wh",
            "--query-boundary",
            "it"
        ]),
        3.0
    );
    let facility = json(&ok(&[
        "estimate",
        "--facility-energy",
        "1.2GWh",
        "--pue",
        "1.2",
        "--format",
        "json",
    ]));
    assert!((central(&facility, "it_energy_kwh") - 1e6).abs() < 1e-6);
    assert_eq!(central(&facility, "facility_energy_kwh"), 1.2e6);
}

#[test]
fn distributions_give_percentiles() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "1GWh",
        "--pue",
        "tri:1.1,1.2,1.6",
        "--wue",
        "0.2..0.6",
        "--ewif",
        "lognormal:2..6",
        "--carbon-intensity",
        "normal:400,50",
        "--format",
        "json",
        "--samples",
        "4000",
        "--seed",
        "7",
    ]));
    for indicator in ["facility_energy_kwh", "total_water_l", "co2e_kg"] {
        let entry = &document["indicators"][indicator];
        let (p5, p50, p95) = (
            entry["p5"].as_f64().unwrap(),
            entry["p50"].as_f64().unwrap(),
            entry["p95"].as_f64().unwrap(),
        );
        assert!(p5 < p50 && p50 < p95, "{indicator}: {entry}");
    }
    assert_eq!(document["samples"], 4000);
    assert_eq!(document["seed"], 7);
    // Same seed, same bytes.
    let again = ok(&[
        "estimate",
        "--it-energy",
        "1GWh",
        "--pue",
        "tri:1.1,1.2,1.6",
        "--wue",
        "0.2..0.6",
        "--ewif",
        "lognormal:2..6",
        "--carbon-intensity",
        "normal:400,50",
        "--format",
        "json",
        "--samples",
        "4000",
        "--seed",
        "7",
    ]);
    assert_eq!(json(&again), document);
}

#[test]
fn csv_format_is_tidy_and_plain() {
    let text = ok(&[
        "estimate",
        "--it-energy",
        "2.5TWh",
        "--pue",
        "1.5",
        "--carbon-intensity",
        "50",
        "--format",
        "csv",
    ]);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("indicator,unit,central,mean,p5,p50,p95"));
    assert!(text.contains("facility_energy_kwh,kWh,3750000000,"));
    assert!(text.contains("co2e_kg,kg,187500000,"));
    assert!(!text.contains('e') || !text.lines().skip(1).any(|l| l.contains("e+")));
}

#[test]
fn withdrawal_wue_is_not_added_to_consumption() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "1GWh",
        "--operator",
        "aws",
        "--region",
        "US",
        "--format",
        "json",
    ]));
    if document["inputs"]["wue"].is_null() {
        return;
    }
    assert!(
        document["indicators"]["total_water_l"].is_null(),
        "{document}"
    );
    assert!(
        document["omitted"]["total_water_l"]
            .as_str()
            .unwrap()
            .contains("withdrawal")
    );
}

#[test]
fn help_has_examples() {
    let help = ok(&["estimate", "--help"]);
    assert!(help.contains("Examples:"));
    assert!(help.contains("--it-energy 1287MWh"));
    for command in ["report", "run", "datasets", "sources"] {
        assert!(ok(&[command, "--help"]).contains("Example"), "{command}");
    }
}

// ---- bad input: exit code 2, one clear message naming the flag ----

#[test]
fn conflicting_energy_sources() {
    let error = bad_input(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--queries",
        "10",
        "--energy-per-query",
        "1",
    ]);
    assert!(error.contains("conflicting energy sources"), "{error}");
    assert!(
        error.contains("--it-energy") && error.contains("--queries"),
        "{error}"
    );
}

#[test]
fn no_energy_source() {
    let error = bad_input(&["estimate", "--pue", "1.2"]);
    assert!(error.contains("no energy source"), "{error}");
    assert!(error.contains("--it-energy"), "{error}");
}

#[test]
fn missing_companion_flags() {
    assert!(bad_input(&["estimate", "--it-power", "1MW"]).contains("--hours"));
    assert!(bad_input(&["estimate", "--hours", "3"]).contains("--it-power"));
    assert!(
        bad_input(&["estimate", "--accelerators", "8", "--hours", "3"])
            .contains("--accelerator-power")
    );
    assert!(bad_input(&["estimate", "--energy-per-query", "0.3"]).contains("--queries"));
}

#[test]
fn pue_below_one() {
    let error = bad_input(&["estimate", "--it-energy", "1MWh", "--pue", "0.9"]);
    assert!(error.contains("--pue"), "{error}");
    assert!(error.contains("below"), "{error}");
    assert!(error.contains("hint:"), "{error}");
    let range = bad_input(&["estimate", "--it-energy", "1MWh", "--pue", "0.8..1.2"]);
    assert!(range.contains("--pue"), "{range}");
}

#[test]
fn negative_and_non_finite_values() {
    for (flag, value) in [
        ("--it-energy", "-5kWh"),
        ("--it-energy", "NaN"),
        ("--it-energy", "inf"),
        ("--it-energy", "1e400"),
        ("--it-energy", "1e308TWh"),
    ] {
        let error = bad_input(&["estimate", flag, value]);
        assert!(error.contains(flag), "{flag} {value}: {error}");
    }
    for (flag, value) in [
        ("--wue", "-0.1"),
        ("--carbon-intensity", "abc"),
        ("--ewif", ""),
    ] {
        let error = bad_input(&["estimate", "--it-energy", "1MWh", flag, value]);
        assert!(error.contains(flag), "{flag} {value}: {error}");
    }
}

#[test]
fn unknown_units_and_distributions() {
    let unit = bad_input(&["estimate", "--it-energy", "12 furlongs"]);
    assert!(unit.contains("unknown unit `furlongs`"), "{unit}");
    let milli = bad_input(&["estimate", "--it-energy", "5mWh"]);
    assert!(milli.contains("did you mean `MWh`"), "{milli}");
    let wrong = bad_input(&["estimate", "--it-energy", "5kW"]);
    assert!(wrong.contains("not a unit of an energy"), "{wrong}");
    let dist = bad_input(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--pue",
        "triangle:1.1,1.2,1.3",
    ]);
    assert!(dist.contains("did you mean `triangular`"), "{dist}");
    let order = bad_input(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--pue",
        "tri:1.6,1.2,1.1",
    ]);
    assert!(order.contains("min < max"), "{order}");
}

#[test]
fn unknown_region_operator_and_site() {
    let region = bad_input(&["estimate", "--it-energy", "1MWh", "--region", "FRA"]);
    assert!(
        region.contains("--region") && region.contains("FRA"),
        "{region}"
    );
    assert!(region.contains("FR"), "{region}");
    let operator = bad_input(&["estimate", "--it-energy", "1MWh", "--operator", "gogle"]);
    assert!(operator.contains("did you mean `google`"), "{operator}");
    let site = bad_input(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--operator",
        "microsoft",
        "--site",
        "mars",
    ]);
    assert!(site.contains("--site"), "{site}");
}

#[test]
fn missing_factors_are_left_out_with_a_reason() {
    let (code, stdout, _) = run(&["estimate", "--it-energy", "1MWh"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Left out"), "{stdout}");
    assert!(stdout.contains("needs a PUE"), "{stdout}");
    assert!(stdout.contains("IT energy"), "{stdout}");
}

/// Regression: a bare `--accelerator-power 700` was read as 700 kW, while a scenario's
/// `accelerator_power = 700` is 700 W. A bare accelerator power is watts everywhere.
#[test]
fn a_bare_accelerator_power_is_watts() {
    let energy = |power: &str| {
        let document = json(&ok(&[
            "estimate",
            "--accelerators",
            "10",
            "--accelerator-power",
            power,
            "--hours",
            "100",
            "--format",
            "json",
        ]));
        assert_eq!(document["inputs"]["accelerator_power"]["unit"], "W");
        central(&document, "it_energy_kwh")
    };
    // 10 × 700 W × 100 h = 700 kWh.
    assert!((energy("700") - 700.0).abs() < 1e-9, "{}", energy("700"));
    assert_eq!(energy("700"), energy("700W"));
    assert_eq!(energy("700"), energy("0.7kW"));
    let help = ok(&["estimate", "--help"]);
    assert!(help.contains("a bare number is W"), "{help}");
}

/// A region without its own grid row uses its parent's, and says so.
#[test]
fn a_parent_region_fallback_is_a_note() {
    let document = json(&ok(&[
        "estimate",
        "--it-energy",
        "1MWh",
        "--pue",
        "1.2",
        "--region",
        "US-AZ",
        "--format",
        "json",
    ]));
    let notes = document["notes"].to_string();
    assert!(
        notes.contains("no carbon intensity for US-AZ in the datasets: the value of US"),
        "{notes}"
    );
    // Arizona has its own EWIF row.
    assert!(!notes.contains("no EWIF for US-AZ"), "{notes}");
}
