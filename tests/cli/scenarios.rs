//! `dcfoot run`: the built-in scenarios reproduce the published figures they are built from,
//! runs are reproducible, and bad scenario files fail cleanly.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::util::{bad_input, ok};

/// One row of results.csv: (variant, year, indicator) → (unit, central, p5, p50, p95).
type Results = BTreeMap<(String, String, String), (String, f64, f64, f64, f64)>;

fn read_results(path: &Path) -> Results {
    read_results_checked(path, true)
}

/// Reads results.csv; with `sourced`, checks every row names its sources (built-in scenarios).
fn read_results_checked(path: &Path, sourced: bool) -> Results {
    let mut reader = csv::Reader::from_path(path).expect("results.csv");
    let header = reader.headers().expect("header").clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        vec![
            "scenario",
            "variant",
            "variant_label",
            "year",
            "indicator",
            "unit",
            "central",
            "mean",
            "p5",
            "p50",
            "p95",
            "source_ids"
        ]
    );
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
            (
                record[5].to_string(),
                number(6),
                number(8),
                number(9),
                number(10),
            ),
        );
        assert!(
            !sourced || !record[11].is_empty(),
            "no source ids for {record:?}"
        );
    }
    results
}

/// Runs built-in scenarios into a temporary folder and returns (folder, results by scenario).
fn run(names: &[&str], extra: &[&str]) -> (tempfile::TempDir, BTreeMap<String, Results>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let mut args = vec!["run"];
    args.extend_from_slice(names);
    args.extend(["--out", out.to_str().expect("utf-8 path")]);
    args.extend_from_slice(extra);
    ok(&args);
    let results = names
        .iter()
        .map(|name| {
            (
                name.to_string(),
                read_results(&out.join(name).join("results.csv")),
            )
        })
        .collect();
    (dir, results)
}

fn get<'a>(
    results: &'a Results,
    variant: &str,
    year: &str,
    indicator: &str,
) -> &'a (String, f64, f64, f64, f64) {
    results
        .get(&(variant.to_string(), year.to_string(), indicator.to_string()))
        .unwrap_or_else(|| panic!("no {variant}/{year}/{indicator}"))
}

fn close(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want} ± {tolerance}"
    );
}

#[test]
fn world_reproduces_the_iea_figures() {
    let (_dir, all) = run(&["world-datacenters"], &["--samples", "2000"]);
    let results = &all["world-datacenters"];
    // The newest edition (IEA Key Questions, 2026): 485 TWh in 2025, about 950 TWh in 2030.
    let (unit, central, ..) = get(results, "base", "2025", "facility_energy");
    assert_eq!(unit, "TWh");
    close(*central, 485.0, 1e-6, "IEA 2025");
    close(
        get(results, "base", "2030", "facility_energy").1,
        950.0,
        1e-6,
        "IEA 2030 base",
    );
    // Between the two points the path grows at a constant rate.
    close(
        get(results, "base", "2028", "facility_energy").1,
        485.0 * (950.0f64 / 485.0).powf(0.6),
        1e-3,
        "IEA 2028 (interpolated)",
    );
    // The previous edition's 415 TWh (2024) is drawn beside the path, not chained into it.
    assert!(!results.contains_key(&("base".into(), "2024".into(), "facility_energy".into())));
    // Share of world demand (Ember 2025, a larger denominator than the IEA's 1.5 % basis).
    close(
        get(results, "base", "2025", "share").1,
        485.0 / 31_772.35 * 100.0,
        1e-3,
        "share 2025",
    );
}

#[test]
fn us_reproduces_lbnl() {
    let (_dir, all) = run(&["us-datacenters"], &["--samples", "2000"]);
    let results = &all["us-datacenters"];
    // The newest edition (LBNL 2025 Update): 192 TWh in 2024, reference cases 464 TWh (2028)
    // and 649 TWh (2030), its 2030 range 521–843 TWh drawn as a triangle around 649.
    close(
        get(results, "base", "2024", "facility_energy").1,
        192.0,
        1e-6,
        "LBNL 2024",
    );
    close(
        get(results, "base", "2028", "facility_energy").1,
        464.0,
        1e-6,
        "LBNL 2028 reference",
    );
    let (_, central, p5, _, p95) = get(results, "base", "2030", "facility_energy");
    close(*central, 649.0, 1e-6, "LBNL 2030 reference");
    // Triangular(521, 649, 843): p5 = 521 + √(0.05 × 322 × 128), p95 = 843 − √(0.05 × 322 × 194).
    close(
        *p5,
        521.0 + (0.05f64 * 322.0 * 128.0).sqrt(),
        3.0,
        "p5 2030",
    );
    close(
        *p95,
        843.0 - (0.05f64 * 322.0 * 194.0).sqrt(),
        3.0,
        "p95 2030",
    );
    // The previous edition's 2014–2023 estimates are drawn beside the path, not chained into it.
    assert!(!results.contains_key(&("base".into(), "2023".into(), "facility_energy".into())));
    // Water: on-site = IT energy (192 / PUE 1.45) × WUE, the 2024 report's 0.36 L/kWh (2023)
    // growing towards the middle of its 2028 range (0.45–0.48).
    close(
        get(results, "base", "2024", "onsite_water").1,
        192.0 / 1.45 * 0.36 * (0.465f64 / 0.36).powf(0.2),
        1e-3,
        "on-site 2024",
    );
    // Share of Ember's US demand (192 / 4,404.83), below LBNL's own 4.7 % (its denominator).
    close(
        get(results, "base", "2024", "share").1,
        192.0 / 4_404.83 * 100.0,
        1e-3,
        "share 2024",
    );
}

#[test]
fn ireland_reproduces_the_cso_shares() {
    let (_dir, all) = run(&["ireland-datacenters"], &["--samples", "500"]);
    let results = &all["ireland-datacenters"];
    // CSO: 5 % in 2015, 18 % in 2022, 22 % in 2024 (shares published rounded to a point).
    for (year, share) in [("2015", 5.0), ("2022", 18.0), ("2024", 22.0)] {
        let (unit, central, ..) = get(results, "base", year, "share");
        assert_eq!(unit, "%");
        close(*central, share, 0.5, &format!("CSO share {year}"));
    }
    close(
        get(results, "base", "2024", "facility_energy").1,
        6.969,
        1e-6,
        "CSO 2024 GWh",
    );
}

#[test]
fn france_reproduces_rte_and_bounds_the_announcements() {
    let (_dir, all) = run(
        &["france-datacenters", "france-announced-capacity"],
        &["--samples", "2000"],
    );
    let france = &all["france-datacenters"];
    close(
        get(france, "base", "2022", "facility_energy").1,
        10.0,
        1e-6,
        "RTE 2022",
    );
    for (year, low, high) in [("2030", 15.0, 20.0), ("2035", 23.0, 28.0)] {
        let (_, _, p5, _, p95) = get(france, "base", year, "facility_energy");
        assert!(
            *p5 >= low && *p95 <= high,
            "{year}: {p5}–{p95} outside {low}–{high}"
        );
    }
    let capacity = &all["france-announced-capacity"];
    // 1 GW × 8,760 h × a load factor between 0.5 and 0.9.
    let (_, central, p5, _, p95) = get(capacity, "campus", "", "facility_energy");
    close(*central, 8.76 * 0.7, 1e-6, "campus central");
    assert!(*p5 >= 8.76 * 0.5 && *p95 <= 8.76 * 0.9);
}

/// The terminal summary names the headline indicator once, then one aligned line per variant
/// with the same central value and 90% range as results.csv.
#[test]
fn the_summary_prints_each_variants_headline() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out");
    let stdout = ok(&[
        "run",
        "france-announced-capacity",
        "--out",
        out.to_str().expect("utf-8 path"),
        "--samples",
        "2000",
    ]);
    let results = read_results(&out.join("france-announced-capacity").join("results.csv"));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("France"), "{stdout}");
    assert_eq!(lines[1].trim(), "electricity used (facility)", "{stdout}");
    let variant_lines = &lines[2..4];
    let value_of = |line: &str| line.trim_end().rsplit("  ").next().unwrap().to_string();
    let starts: Vec<usize> = variant_lines
        .iter()
        .map(|line| line.trim_end().len() - value_of(line).len())
        .collect();
    assert_eq!(starts[0], starts[1], "values are not aligned:\n{stdout}");
    for (line, variant) in variant_lines.iter().zip(["campus", "requests"]) {
        let (_, central, p5, _, p95) = get(&results, variant, "", "facility_energy");
        let shown: Vec<f64> = value_of(line)
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|part| !part.is_empty())
            .map(|part| part.parse().unwrap())
            .collect();
        assert_eq!(shown.len(), 3, "{line}");
        for (got, want) in shown.iter().zip([central, p5, p95]) {
            assert!(
                (got - want).abs() <= want * 0.01,
                "{line}: {got} vs {want} in results.csv"
            );
        }
    }
    assert!(stdout.contains("ranges are 90% intervals"), "{stdout}");
}

/// Li et al. (arXiv:2304.03271 v5), Table 1: total water per medium request (4 Wh) in every
/// location. Training water = request water × 1,287 MWh / 4 Wh.
#[test]
fn where_it_runs_reproduces_li_et_al_table_1() {
    let (_dir, all) = run(&["where-it-runs"], &[]);
    let results = &all["where-it-runs"];
    let table = [
        ("us-average", 16.904),
        ("arizona", 29.926),
        ("georgia", 10.585),
        ("illinois", 15.020),
        ("iowa", 14.963),
        ("texas", 7.590),
        ("virginia", 11.435),
        ("washington", 47.506),
        ("wyoming", 11.949),
        ("australia", 19.126),
        ("denmark", 14.794),
        ("finland", 20.390),
        ("india", 19.704),
        ("indonesia", 19.592),
        ("ireland", 7.107),
        ("mexico", 23.966),
        ("netherlands", 15.948),
        ("sweden", 28.287),
    ];
    for (site, millilitres_per_request) in table {
        let (unit, central, ..) = get(results, site, "", "total_water");
        assert_eq!(unit, "million litres");
        let per_request = central * 1e6 / 1_287_000.0 * 0.004 * 1000.0;
        close(per_request, millilitres_per_request, 0.005, site);
    }
    // The training column Li et al. print: 5.439 (U.S. average) and 15.285 (Washington).
    close(
        get(results, "us-average", "", "total_water").1,
        5.439,
        0.0005,
        "U.S. training",
    );
    close(
        get(results, "washington", "", "total_water").1,
        15.285,
        0.0015,
        "Washington training",
    );
}

#[test]
fn training_runs_show_both_readings_of_gpt3() {
    let (dir, all) = run(&["training-runs"], &["--samples", "500"]);
    let results = &all["training-runs"];
    close(
        get(results, "gpt-3-li", "", "total_water").1,
        5.439,
        0.0005,
        "Li reading",
    );
    // Patterson's boundary: IT = 1,287 / 1.10, off-site = 1,287 MWh × 3.142 L/kWh.
    // Li et al.'s U.S. average EWIF (L/kWh), not an approximation of π.
    #[allow(clippy::approx_constant)]
    let us_ewif = 3.142;
    let consistent = (1_287_000.0 / 1.1 * 0.55 + 1_287_000.0 * us_ewif) / 1e6;
    close(
        get(results, "gpt-3-patterson", "", "total_water").1,
        consistent,
        0.0005,
        "Patterson reading",
    );
    // Llama 3.1 405B: 30.84 M GPU-hours × 700 W = 21,588 MWh at the accelerators.
    let (unit, it, ..) = get(results, "llama-3-1-405b", "", "it_energy");
    let mwh = match unit.as_str() {
        "GWh" => it * 1000.0,
        "MWh" => *it,
        other => panic!("unexpected unit {other}"),
    };
    close(mwh, 21_588.0, 0.5, "Llama 3.1 405B");
    // The double count is explained in the notes of the scenario's README.
    let readme = fs::read_to_string(dir.path().join("out/training-runs/README.md")).unwrap();
    assert!(readme.contains("the PUE is counted twice"), "{readme}");
}

#[test]
fn operators_model_matches_google_reported_water() {
    let (_dir, all) = run(&["operators-water"], &["--samples", "500"]);
    let results = &all["operators-water"];
    // Google reported 6.1 billion US gallons (23.1 billion L) for its data centres in 2023.
    let (unit, central, ..) = get(results, "google", "2023", "onsite_water");
    assert_eq!(unit, "billion litres");
    let reported = 6.1 * 3.785_411_784;
    assert!(
        (central / reported - 1.0).abs() < 0.15,
        "{central} vs {reported}"
    );
}

#[test]
fn efficiency_counterfactual_keeps_it_energy() {
    let (_dir, all) = run(&["efficiency-vs-growth"], &[]);
    let results = &all["efficiency-vs-growth"];
    close(
        get(results, "actual", "2014", "facility_energy").1,
        58.0,
        1e-6,
        "2014",
    );
    close(
        get(results, "actual", "2023", "facility_energy").1,
        176.0,
        0.1,
        "2023",
    );
    close(
        get(results, "frozen", "2023", "facility_energy").1,
        125.7 * 1.6,
        1e-6,
        "frozen PUE",
    );
    close(
        get(results, "frozen", "2023", "it_energy").1,
        get(results, "actual", "2023", "it_energy").1,
        1e-9,
        "same IT energy",
    );
}

#[test]
fn genai_queries_multiply_volume_by_energy_per_query() {
    let (_dir, all) = run(&["genai-queries"], &["--samples", "4000"]);
    let results = &all["genai-queries"];
    // Central: the lognormal's median, sqrt(0.24 × 1.304) Wh, × 2.5 billion a day × 365.
    let expected = (0.24f64 * 1.304).sqrt() * 2.5e9 * 365.0 / 1e12;
    let (unit, central, p5, _, p95) = get(results, "typical", "", "facility_energy");
    assert_eq!(unit, "TWh");
    close(*central, expected, 1e-6, "typical year");
    // Its 90% range spans the published 0.24–1.304 Wh.
    close(*p5, 0.24 * 2.5e9 * 365.0 / 1e12, 0.02, "p5");
    close(*p95, 1.304 * 2.5e9 * 365.0 / 1e12, 0.08, "p95");
}

// Same seed, same bytes for any thread count, and another seed, other results: see
// `report::replaces_its_own_folder_and_the_same_seed_gives_the_same_bytes`.

/// Finding texts take every number from placeholders: digits typed in the prose are only
/// years and parts of names (GPT-3, Llama 3.1 405B, CO₂).
#[test]
fn finding_texts_have_no_hand_typed_numbers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/scenarios");
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "toml") {
            continue;
        }
        let document: toml::Table = fs::read_to_string(&path).unwrap().parse().unwrap();
        let Some(findings) = document.get("finding").and_then(|f| f.as_array()) else {
            continue;
        };
        for finding in findings {
            for key in ["text", "why"] {
                for lang in ["en", "fr"] {
                    let text = finding[key][lang].as_str().unwrap();
                    let prose = strip_placeholders(text);
                    for token in prose.split(|c: char| c.is_whitespace() || ",;:()«»".contains(c))
                    {
                        let token = token.trim_matches(|c: char| ".'’".contains(c));
                        if !token.chars().any(|c| c.is_ascii_digit()) {
                            continue;
                        }
                        let year = token.len() == 4
                            && token
                                .parse::<u32>()
                                .is_ok_and(|year| (1990..=2100).contains(&year));
                        let name = token.chars().any(|c| c.is_alphabetic());
                        let version = token == "3.1";
                        assert!(
                            year || name || version,
                            "{}: hand-typed number `{token}` in {key}.{lang}: {text}",
                            path.display()
                        );
                    }
                }
            }
        }
    }
}

fn strip_placeholders(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn a_user_scenario_file_gets_its_tables_charts_and_page() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    fs::write(
        &file,
        r#"
schema = 1
id = "my-cluster"
title = { en = "My <script>alert(1)</script> cluster", fr = "Ma grappe" }
description = { en = "A test.", fr = "Un essai." }
years = { from = 2025, to = 2030 }

[energy]
way = "hardware"
accelerators = { base = 1000, base_year = 2025, rate = "20%" }
accelerator_power = "700 W"
utilization = "tri:0.4,0.6,0.8"
host_overhead = 1.8

[factors]
region = "FR"
pue = "1.1..1.4"
wue = 0.3

[[finding]]
text = { en = "It uses {central:base:facility_energy:2030} in 2030.", fr = "Elle consomme {central:base:facility_energy:2030} en 2030." }
evidence = "weak"
why = { en = "Made up.", fr = "Inventé." }
"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&[
        "run",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--samples",
        "1000",
    ]);
    for path in [
        "manifest.json",
        "sources.csv",
        "index.md",
        "index.html",
        "my-cluster/results.csv",
        "my-cluster/README.md",
        "my-cluster/charts/facility-energy.png",
        "my-cluster/charts/facility-energy.svg",
        "my-cluster/charts/facility-energy.csv",
        "my-cluster/charts/tornado-facility-energy.png",
    ] {
        assert!(out.join(path).is_file(), "{path} missing");
    }
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.contains("<script>"), "unescaped title");
    assert!(html.contains("&lt;script&gt;"));
    let results = read_results_checked(&out.join("my-cluster/results.csv"), false);
    // 2025: 1000 × 0.7 kW × 0.6 × 8760 h × 1.8 = 6.62 GWh (IT), × PUE 1.25 at the centre.
    let (unit, it, ..) = get(&results, "base", "2025", "it_energy");
    assert_eq!(unit, "GWh");
    close(
        *it,
        1000.0 * 0.7 * 0.6 * 8760.0 * 1.8 / 1e6,
        1e-6,
        "IT energy 2025",
    );
}

// ---- bad scenario files are in the corpus (`tests/bad_input/scenarios/`) ----

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("thesis");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("chapter1.docx"), "precious").unwrap();
    let error = bad_input(&["run", "world-datacenters", "--out", out.to_str().unwrap()]);
    assert!(error.contains("--force"), "{error}");
    assert_eq!(
        fs::read_to_string(out.join("chapter1.docx")).unwrap(),
        "precious"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1, "files added");
}

/// The example files of datasets/scenarios/examples/ exercise the rest of the schema (piecewise
/// growth, PERT and truncated normal, a withdrawal WUE, share × total with a trend, a one-off
/// total of queries, a lognormal by median and GSD, comparison and trend charts).
#[test]
fn the_example_scenarios_run_and_compute_what_they_say() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/scenarios/examples");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let files: Vec<String> = [
        "ai-campus-what-if",
        "national-share-trend",
        "one-million-prompts",
    ]
    .iter()
    .map(|name| {
        examples
            .join(format!("{name}.toml"))
            .to_str()
            .unwrap()
            .to_string()
    })
    .collect();
    let mut args = vec!["run"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap(), "--samples", "2000"]);
    ok(&args);

    let campus = read_results_checked(&out.join("example-ai-campus/results.csv"), false);
    // 20,000 × 700 W × utilisation 0.6 (PERT mode) × 8,760 h × host 1.8 / (1 − idle 0.1).
    let (unit, it, ..) = get(&campus, "france", "2026", "it_energy");
    assert_eq!(unit, "GWh");
    close(
        *it,
        20_000.0 * 0.7 * 0.6 * 8760.0 * 1.8 / 0.9 / 1e6,
        1e-6,
        "campus IT 2026",
    );
    // 25 %/yr to 2030.
    close(
        get(&campus, "france", "2030", "it_energy").1,
        it * 1.25f64.powi(4),
        1e-3,
        "growth",
    );
    // A withdrawal WUE: on-site water is given, total water is not.
    assert!(campus.contains_key(&("france".into(), "2030".into(), "onsite_water".into())));
    assert!(!campus.contains_key(&("france".into(), "2030".into(), "total_water".into())));
    assert!(campus.contains_key(&("arizona".into(), "2030".into(), "total_water".into())));
    let readme = fs::read_to_string(out.join("example-ai-campus/README.md")).unwrap();
    assert!(readme.contains("withdrawal"), "{readme}");

    let share = read_results_checked(&out.join("example-national-share/results.csv"), false);
    close(
        get(&share, "base", "2015", "facility_energy").1,
        0.05 * 24.6,
        1e-6,
        "2015",
    );
    close(
        get(&share, "base", "2024", "facility_energy").1,
        0.22 * 31.9,
        1e-6,
        "2024",
    );
    let trend = 0.22 * (0.22f64 / 0.21).powi(6) * 31.9;
    close(
        get(&share, "base", "2030", "facility_energy").1,
        trend,
        1e-6,
        "trend 2030",
    );

    let prompts = read_results_checked(&out.join("example-one-million-prompts/results.csv"), false);
    let (unit, co2e, p5, _, p95) = get(&prompts, "france", "", "co2e");
    assert_eq!(unit, "kg CO2e");
    // 1e6 × 0.24 Wh × French grid 2025 (41.44 g/kWh).
    close(*co2e, 240.0 * 41.44 / 1000.0, 1e-6, "France CO2e");
    assert!(p5 < co2e && co2e < p95);
    for chart in ["per-prompt", "french-grid", "co2e", "water-split"] {
        assert!(
            out.join(format!("example-one-million-prompts/charts/{chart}.png"))
                .is_file(),
            "{chart}"
        );
    }
}

/// Regression: a scenario with `region = "US-AZ"` silently used the US carbon intensity. The
/// parent-region fallback is now in `inputs.csv`, on the scenario's page and in its notes.
#[test]
fn a_scenario_records_the_parent_region_it_falls_back_to() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("az.toml");
    fs::write(
        &file,
        r#"schema = 1
id = "az"
title = { en = "Arizona", fr = "Arizona" }
description = { en = "D", fr = "D" }

[energy]
way = "direct"
boundary = "it"
energy = "1 GWh"

[factors]
region = "US-AZ"
pue = 1.2
"#,
    )
    .unwrap();
    let out = dir.path().join("out");
    ok(&[
        "run",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--samples",
        "100",
    ]);
    let inputs = fs::read_to_string(out.join("az/inputs.csv")).unwrap();
    let carbon = inputs
        .lines()
        .find(|line| line.contains("factors.carbon_intensity"))
        .unwrap_or_else(|| panic!("no carbon intensity in {inputs}"));
    assert!(
        carbon.contains("value of US (parent region of US-AZ)"),
        "{carbon}"
    );
    let ewif = inputs
        .lines()
        .find(|line| line.contains("factors.ewif"))
        .unwrap();
    assert!(!ewif.contains("parent region"), "{ewif}");
    let page = fs::read_to_string(out.join("az/README.md")).unwrap();
    assert!(
        page.contains("No carbon intensity for US-AZ in the datasets: the value of US (its parent region) is used."),
        "{page}"
    );
}
