//! Embodied impacts in `estimate`: the token way's request against the peer's embodied
//! formula, a training run from GPU-hours, life-cycle CO2e as operational plus embodied, and
//! the defaults' range. Bad input is in the corpus (`tests/bad_input/flags.txt`).

use crate::util::{ANSWER_70B, TOKEN_FACTORS, json, ok};

fn estimate(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["estimate", "--format", "json", "--samples", "2000"];
    all.extend_from_slice(args);
    json(&ok(&all))
}

fn stat(document: &serde_json::Value, indicator: &str, stat: &str) -> f64 {
    document["indicators"][indicator][stat]
        .as_f64()
        .unwrap_or_else(|| panic!("no {indicator}.{stat} in {document}"))
}

/// The command with EcoLogits' own lifetime (3 years) and H100 figure (273 kg) gives
/// the peer's embodied CO2e per request: ΔT / (B × ΔL) × (GPUs/8 × 5,700 + GPUs × 273).
#[test]
fn a_request_amortises_the_peer_server_over_its_generation_time() {
    let given = ["--lifetime", "3", "--embodied-accelerator", "273"];
    let document = estimate(&[ANSWER_70B, TOKEN_FACTORS, &given].concat());
    // 70B at 16 bits × 1.2 = 168 GB: 4 GPUs of 80 GB. Generation time 400 × (6.785088e-4 × 70
    // + 3.119310e-4 × 64 + 1.947372e-2) = 34.7732 s; life 3 × 8,760 h.
    let per_token =
        6.785088094353663e-4 * 70.0 + 3.119310311688259e-4 * 64.0 + 1.9473717579473387e-2;
    let seconds = 400.0 * per_token;
    let expected: f64 = seconds / 3600.0 / 64.0 / 26_280.0 * (4.0 / 8.0 * 5700.0 + 4.0 * 273.0);
    assert!((expected - 2.2637e-5).abs() < 1e-8, "{expected}");
    let embodied = stat(&document, "embodied_co2e_kg", "central");
    assert!(
        (embodied - expected).abs() < 1e-12 * expected.max(1.0),
        "{embodied}"
    );
    let co2e = stat(&document, "co2e_kg", "central");
    let lifecycle = stat(&document, "lifecycle_co2e_kg", "central");
    assert!((lifecycle - (co2e + embodied)).abs() < 1e-15, "{lifecycle}");
    // Embodied water: 102.6 L of chip-factory water per GPU over the same share of its life.
    let water = stat(&document, "embodied_water_l", "central");
    let water_expected = seconds / 3600.0 / 64.0 / 26_280.0 * 4.0 * 102.6;
    assert!((water - water_expected).abs() < 1e-12, "{water}");
}

/// A training run's GPU-hours with the default H100 and its 3-to-6-year life: a 90% range
/// inside the extreme amortisations, and the inputs named with their dataset rows.
#[test]
fn a_training_run_carries_the_range_of_the_hardware_defaults() {
    let document = estimate(&[
        "--gpu-hours",
        "1e6",
        "--accelerator-power",
        "700W",
        "--pue",
        "1.1",
        "--region",
        "FR",
    ]);
    let inputs = &document["inputs"];
    assert_eq!(inputs["embodied_accelerator"]["central"], 273.0);
    assert_eq!(inputs["embodied_host"]["central"], 712.5);
    assert_eq!(inputs["lifetime"]["central"], 4.0);
    assert!(
        inputs["lifetime"]["source_ids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "MORRISON-2025")
    );
    // Central: 1e6 GPU-h × 985.5 kg / 35,040 h = 28,125 kg.
    let central = stat(&document, "embodied_co2e_kg", "central");
    assert!((central - 1e6 * 985.5 / 35_040.0).abs() < 1e-6, "{central}");
    let (p5, p95) = (
        stat(&document, "embodied_co2e_kg", "p5"),
        stat(&document, "embodied_co2e_kg", "p95"),
    );
    // Extremes: 164 + 712.5 kg over 6 years, 281 + 712.5 kg over 3 years.
    let lowest = 1e6 * 876.5 / 52_560.0;
    let highest = 1e6 * 993.5 / 26_280.0;
    assert!(
        lowest < p5 && p5 < central && central < p95 && p95 < highest,
        "{p5} {p95}"
    );
    let mean = |indicator| stat(&document, indicator, "mean");
    let sum = mean("co2e_kg") + mean("embodied_co2e_kg");
    assert!((mean("lifecycle_co2e_kg") - sum).abs() < 1e-9 * sum);
}

/// Another hardware type takes its own rows; one without a water source leaves water out and
/// says why.
#[test]
fn a_hardware_type_without_a_water_source_says_so() {
    let table = ok(&[
        "estimate",
        "--accelerators",
        "8",
        "--accelerator-power",
        "1000W",
        "--hours",
        "24",
        "--pue",
        "1.2",
        "--carbon-intensity",
        "50",
        "--hardware",
        "b200",
    ]);
    for expected in [
        "emb-b200-co2e",
        "no sourced embodied water for this hardware",
        "Not included: the building, the network and end of life",
    ] {
        assert!(
            table.contains(expected),
            "missing `{expected}` in:\n{table}"
        );
    }
}
