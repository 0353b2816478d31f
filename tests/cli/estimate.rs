//! `dcfoot estimate`: golden checks against published results, the output formats and the
//! dataset defaults. Its bad input is in the corpus (`tests/bad_input/flags.txt`).

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
    // The indicator columns come first, as they always did; the provenance columns follow.
    assert_eq!(
        lines.next(),
        Some("indicator,unit,central,mean,p5,p50,p95,kind,distribution,source,from,source_ids")
    );
    assert!(text.contains("facility_energy_kwh,kWh,3750000000,"));
    assert!(text.contains("co2e_kg,kg,187500000,"));
    // One row per input too, with where it came from.
    assert!(
        text.contains("\npue,ratio,1.5,,,,,input,,flag,--pue,\n"),
        "{text}"
    );
    assert!(text.contains("\nit_energy,kWh,2500000000,,,,,input,,flag,--it-energy,\n"));
    // Every number in full: digits, at most one decimal point, an optional minus sign; no
    // exponent (`3.75e9`), no thousands separator, no `inf` or `NaN`.
    let mut numbers = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), 12, "{line}");
        for cell in cells[2..7].iter().filter(|cell| !cell.is_empty()) {
            let digits = cell.strip_prefix('-').unwrap_or(cell);
            let plain = digits.split('.').count() <= 2
                && digits
                    .split('.')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
            assert!(plain, "`{cell}` is not a plain number in `{line}`");
            numbers += 1;
        }
    }
    assert!(numbers >= 4, "only {numbers} numbers in:\n{text}");
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
    // The dataset's WUE for aws is a withdrawal figure: on-site water is still computed (IT
    // energy × WUE), but it is not added to off-site water, a consumption figure.
    assert_eq!(document["inputs"]["wue"]["source"], "dataset", "{document}");
    let wue = document["inputs"]["wue"]["central"].as_f64().unwrap();
    let onsite = central(&document, "onsite_water_l");
    assert!((onsite - 1e6 * wue).abs() < 1e-6, "{onsite} vs {wue}");
    assert!(
        document["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|note| note.as_str().unwrap().contains("withdrawal figure")),
        "{document}"
    );
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

#[test]
fn missing_factors_are_left_out_with_a_reason() {
    let (code, stdout, _) = run(&["estimate", "--it-energy", "1MWh"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("Left out"), "{stdout}");
    assert!(stdout.contains("needs a PUE"), "{stdout}");
    assert!(stdout.contains("IT energy"), "{stdout}");
}

// ---- snapshots: the whole output of representative invocations, in every format ----
//
// The snapshots are in `tests/cli/snapshots/`. After an intended change of the output, run
// `INSTA_UPDATE=always cargo test --test cli estimate::snapshot`, review the diff and commit
// it. Uncertain inputs are uniform or triangular: their draws use only arithmetic and square
// roots, which every machine rounds alike, so the percentiles are the same bytes everywhere.

/// Checks `dcfoot estimate ARGS --format F` against its snapshot `NAME-F` for every format.
fn snapshot_every_format(name: &str, args: &[&str]) {
    for format in ["table", "csv", "json"] {
        let mut all = vec!["estimate"];
        all.extend_from_slice(args);
        all.extend(["--format", format]);
        // The datasets' checksum changes with every dataset edit; it is tested on its own in
        // the manifest tests, so the snapshots hold a placeholder.
        let output = redact_checksum(&ok(&all));
        insta::with_settings!({
            description => format!("dcfoot {}", all.join(" ")),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}-{format}"), output);
        });
    }
}

/// Replaces the 64-hex-digit value of `"datasets_checksum"` with `[checksum]`.
fn redact_checksum(output: &str) -> String {
    let key = "\"datasets_checksum\": \"";
    match output.find(key) {
        Some(at) => {
            let start = at + key.len();
            let end = output[start..]
                .find('"')
                .map_or(output.len(), |i| start + i);
            assert!(
                output[start..end].len() == 64
                    && output[start..end].bytes().all(|b| b.is_ascii_hexdigit()),
                "datasets_checksum is not a SHA-256: {}",
                &output[start..end]
            );
            format!("{}[checksum]{}", &output[..start], &output[end..])
        }
        None => output.to_string(),
    }
}

/// Queries with every factor from the datasets (a region and an operator).
#[test]
fn snapshot_queries_with_dataset_defaults() {
    snapshot_every_format(
        "queries-datasets",
        &[
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
        ],
    );
}

/// Uncertain factors given as flags: percentiles.
#[test]
fn snapshot_uncertain_factors() {
    snapshot_every_format(
        "uncertain-flags",
        &[
            "--it-energy",
            "1GWh",
            "--pue",
            "tri:1.1,1.2,1.6",
            "--wue",
            "0.2..0.6",
            "--ewif",
            "2..6",
            "--carbon-intensity",
            "tri:300,400,500",
            "--samples",
            "2000",
            "--seed",
            "7",
        ],
    );
}

/// Accelerators with only a PUE: what needs a missing factor is left out, with the reason.
#[test]
fn snapshot_accelerators_with_missing_factors() {
    snapshot_every_format(
        "accelerators-missing-factors",
        &[
            "--accelerators",
            "8",
            "--accelerator-power",
            "700W",
            "--hours",
            "24",
            "--utilization",
            "0.6",
            "--pue",
            "1.2",
        ],
    );
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

/// A million queries a day for a year at 0.3 Wh (facility boundary): 109,500 kWh delivered.
#[test]
fn queries_per_day_over_days() {
    let args = [
        "estimate",
        "--queries-per-day",
        "1e6",
        "--days",
        "365",
        "--energy-per-query",
        "0.3",
        "--query-boundary",
        "facility",
        "--pue",
        "1.2",
    ];
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let document = json(&ok(&with_json));
    assert!((central(&document, "facility_energy_kwh") - 109_500.0).abs() < 1e-6);
    assert!((central(&document, "it_energy_kwh") - 91_250.0).abs() < 1e-6);
    assert_eq!(document["inputs"]["queries_per_day"]["central"], 1e6);
    assert_eq!(
        document["inputs"]["queries_per_day"]["from"],
        "--queries-per-day"
    );
    let table = ok(&args);
    assert!(table.contains("109.5 MWh"), "{table}");
    assert!(table.contains("counted over 365 days (--days)"), "{table}");
    // Without --days, a year of 365 days, and the output says so.
    let default = ok(&[
        "estimate",
        "--queries-per-day",
        "1e6",
        "--energy-per-query",
        "0.3",
        "--query-boundary",
        "facility",
        "--format",
        "json",
    ]);
    let default = json(&default);
    assert!((central(&default, "facility_energy_kwh") - 109_500.0).abs() < 1e-6);
    assert!(default["notes"][0].as_str().unwrap().contains("365 days"));
}

/// A dataset row id as a value: its number, its sources and its boundary follow it.
#[test]
fn a_dataset_row_is_a_value_with_its_sources() {
    let document = json(&ok(&[
        "estimate",
        "--queries",
        "1e9",
        "--energy-per-query",
        "q-google-gemini-median-energy-2025",
        "--pue",
        "google-pue-fleet-2024",
        "--format",
        "json",
    ]));
    let per_query = &document["inputs"]["energy_per_query"];
    assert_eq!(per_query["central"], 0.24);
    assert_eq!(per_query["source"], "dataset");
    assert_eq!(per_query["source_ids"][0], "GOOGLE-2025-INF");
    let from = per_query["from"].as_str().unwrap();
    assert!(
        from.contains("q-google-gemini-median-energy-2025"),
        "{from}"
    );
    assert!(from.contains("--energy-per-query"), "{from}");
    assert_eq!(document["inputs"]["pue"]["central"], 1.09);
    assert_eq!(document["inputs"]["pue"]["source_ids"][0], "GOOGLE-ER");
    // 1e9 × 0.24 Wh, a facility-boundary row: no --query-boundary needed, no note about it.
    assert!((central(&document, "facility_energy_kwh") - 240_000.0).abs() < 1e-6);
    let notes = document["notes"].to_string();
    assert!(!notes.contains("--query-boundary not given"), "{notes}");
    // The table and the CSV cite it too.
    let table = ok(&[
        "estimate",
        "--queries",
        "1e9",
        "--energy-per-query",
        "q-google-gemini-median-energy-2025",
    ]);
    assert!(table.contains("GOOGLE-2025-INF"), "{table}");
    let csv = ok(&[
        "estimate",
        "--queries",
        "1e9",
        "--energy-per-query",
        "q-google-gemini-median-energy-2025",
        "--format",
        "csv",
    ]);
    let row = csv
        .lines()
        .find(|line| line.starts_with("energy_per_query,"))
        .unwrap_or_else(|| panic!("no input row in\n{csv}"));
    assert!(
        row.starts_with("energy_per_query,Wh,0.24,,,,,input,,dataset,"),
        "{row}"
    );
    assert!(row.ends_with(",GOOGLE-2025-INF"), "{row}");
    // An IT-boundary row is multiplied by the PUE.
    let it = json(&ok(&[
        "estimate",
        "--queries",
        "1000",
        "--energy-per-query",
        "q-google-gemini-it-energy-2025",
        "--pue",
        "1.5",
        "--format",
        "json",
    ]));
    assert!((central(&it, "facility_energy_kwh") - 0.33).abs() < 1e-9);
}

/// `--pue 1,2` (a French decimal) is refused with the exact form to type.
#[test]
fn a_decimal_comma_gets_the_dot_form() {
    let stderr = bad_input(&["estimate", "--it-energy", "1", "--pue", "1,2"]);
    assert!(
        stderr.starts_with("error: --pue: `1,2`: use a dot for decimals: 1.2"),
        "{stderr}"
    );
    assert!(!stderr.contains("expected one of: )"), "{stderr}");
    // Grouped digits are understood.
    for queries in ["1_000_000", "1 000 000"] {
        let document = json(&ok(&[
            "estimate",
            "--queries",
            queries,
            "--energy-per-query",
            "1",
            "--format",
            "json",
        ]));
        assert_eq!(document["inputs"]["queries"]["central"], 1e6, "{queries}");
    }
    // A percentage wherever a share is.
    let document = json(&ok(&[
        "estimate",
        "--it-power",
        "10MW",
        "--hours",
        "10",
        "--load-factor",
        "60%",
        "--format",
        "json",
    ]));
    assert!((central(&document, "it_energy_kwh") - 60_000.0).abs() < 1e-6);
}

/// `0.3mWh` is milliwatt-hours: the hint never jumps a prefix to `MWh`.
#[test]
fn milli_gets_the_unit_without_prefix() {
    let stderr = bad_input(&["estimate", "--queries", "1", "--energy-per-query", "0.3mWh"]);
    assert!(
        stderr.contains("milliwatt-hours (`mWh`) are not supported; did you mean `Wh`?"),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean `MWh`"), "{stderr}");
    assert!(
        stderr.contains("megawatt-hours are `MWh`, with a capital M"),
        "{stderr}"
    );
}

/// Accelerator-hours as published, and a load factor on a power.
#[test]
fn gpu_hours_and_load_factor() {
    // 3.3 million GPU-h at 400 W: 1,320 MWh of IT energy.
    let document = json(&ok(&[
        "estimate",
        "--gpu-hours",
        "3.3e6",
        "--accelerator-power",
        "400W",
        "--format",
        "json",
    ]));
    assert!((central(&document, "it_energy_kwh") - 1_320_000.0).abs() < 1e-6);
    assert_eq!(document["inputs"]["gpu_hours"]["central"], 3.3e6);
}

/// `--csv-locale fr`: semicolons, decimal commas and a byte-order mark, like the report.
#[test]
fn french_csv_for_estimate() {
    let csv = ok(&[
        "estimate",
        "--it-energy",
        "1.5",
        "--pue",
        "1.25",
        "--format",
        "csv",
        "--csv-locale",
        "fr",
    ]);
    assert!(csv.starts_with("\u{feff}indicator;unit;central;"), "{csv}");
    assert!(csv.contains("\nfacility_energy_kwh;kWh;1,875;"), "{csv}");
    assert!(
        csv.contains("\npue;ratio;1,25;;;;;input;;flag;--pue;\n"),
        "{csv}"
    );
}

/// `--sensitivity` prints which uncertain input moves each indicator most.
#[test]
fn sensitivity_prints_the_tornado_table() {
    let args = [
        "estimate",
        "--it-energy",
        "1GWh",
        "--pue",
        "tri:1.1,1.2,1.6",
        "--wue",
        "0.2..1",
        "--ewif",
        "1..1.1",
        "--samples",
        "2000",
    ];
    let plain = ok(&args);
    assert!(!plain.contains("Sensitivity"), "{plain}");
    let mut with = args.to_vec();
    with.push("--sensitivity");
    let table = ok(&with);
    let section = table
        .split("Sensitivity")
        .nth(1)
        .unwrap_or_else(|| panic!("no sensitivity section in\n{table}"));
    // Total water: the WUE (0.24..0.96 L/kWh from p5 to p95, over 1 GWh: 0.72 million
    // litres) moves it more than the PUE (1.15..1.5 × 1.05 L/kWh: 0.37 million litres).
    let total: Vec<&str> = section
        .lines()
        .filter(|line| line.trim_start().starts_with("total water"))
        .collect();
    assert_eq!(total.len(), 3, "{section}");
    assert!(total[0].contains("on-site WUE"), "{section}");
    // Fixed inputs do not appear; a fixed estimate has no section at all.
    assert!(!section.contains("IT energy  "), "{section}");
    let fixed = ok(&[
        "estimate",
        "--it-energy",
        "1",
        "--pue",
        "1.2",
        "--sensitivity",
    ]);
    assert!(!fixed.contains("Sensitivity"), "{fixed}");
}

/// `--year` beyond the data says which year's value is used.
#[test]
fn a_year_beyond_the_data_is_named() {
    let table = ok(&[
        "estimate",
        "--it-energy",
        "1",
        "--operator",
        "google",
        "--year",
        "2040",
    ]);
    assert!(
        table.contains("no PUE for 2040 in the datasets: the latest before it, 2025"),
        "{table}"
    );
}

/// `--share-of`: the facility energy as a share of a reference consumption, from a dataset row
/// with its source.
#[test]
fn a_share_of_national_electricity() {
    let document = json(&ok(&[
        "estimate",
        "--it-power",
        "1GW",
        "--hours",
        "8760",
        "--pue",
        "1.2",
        "--share-of",
        "rte-fr-consumption-2024",
        "--format",
        "json",
    ]));
    let reference = &document["inputs"]["reference"];
    assert_eq!(reference["central"], 449.2e9);
    assert_eq!(reference["unit"], "kWh");
    assert_eq!(reference["source_ids"][0], "RTE-BE-2024");
    // 1 GW × 8,760 h × 1.2 = 10.512 TWh of 449.2 TWh.
    let share = central(&document, "share_of_reference");
    assert!((share - 10.512 / 449.2).abs() < 1e-12, "{share}");
    assert_eq!(
        document["indicators"]["share_of_reference"]["unit"],
        "fraction"
    );
    // Without a reference, no share and no word about it.
    let plain = ok(&[
        "estimate",
        "--it-energy",
        "1",
        "--pue",
        "1.2",
        "--format",
        "json",
    ]);
    assert!(!plain.contains("share"), "{plain}");
}

/// The token method, the command: a 400-token answer of a dense 70B model with
/// EcoLogits' method (release 0.11.3).
#[test]
fn snapshot_tokens_70b_answer() {
    snapshot_every_format(
        "tokens-70b",
        &[crate::util::ANSWER_70B, crate::util::TOKEN_FACTORS].concat(),
    );
}

/// A generation mix: EWIF, water withdrawn and carbon intensity from generation.csv, with
/// withdrawal beside consumption.
#[test]
fn snapshot_generation_mix() {
    snapshot_every_format(
        "generation-mix",
        &[
            "--it-energy",
            "1000kWh",
            "--pue",
            "1",
            "--wue",
            "0",
            "--mix",
            "nuclear-once-through=0.5,wind-onshore=0.5",
        ],
    );
}
