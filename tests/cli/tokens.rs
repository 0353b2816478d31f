//! The token method of `estimate` (EcoLogits' LLM-inference method with a prefill term): the
//! issue's command, the peer's figure, models and their estimated sizes, request counts and
//! uncertainty. Its bad input is in the corpus (`tests/bad_input/flags.txt`).

use crate::util::{ANSWER_70B, TOKEN_FACTORS, json, ok};

fn central(document: &serde_json::Value, indicator: &str) -> f64 {
    document["indicators"][indicator]["central"]
        .as_f64()
        .unwrap_or_else(|| panic!("no {indicator} in {document}"))
}

fn estimate(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["estimate"];
    all.extend_from_slice(args);
    all.extend_from_slice(TOKEN_FACTORS);
    all.extend_from_slice(&["--format", "json"]);
    json(&ok(&all))
}

/// The command: a 400-token answer of a dense 70B model. By hand with EcoLogits
/// 0.11.3's constants: 4 GPUs × 400 × 8.03888e-5 Wh = 0.128621 Wh, server 34.773 s × 1.2 kW
/// × 4/8 / 64 = 0.0905551 Wh: IT energy 0.219176 Wh.
#[test]
fn a_70b_answer_of_400_tokens() {
    let document = estimate(ANSWER_70B);
    let it = central(&document, "it_energy_kwh");
    assert!((it * 1000.0 - 0.219_176_3).abs() < 1e-6, "{it}");
    assert!((central(&document, "facility_energy_kwh") - it * 1.2).abs() < 1e-15);
    assert!((central(&document, "onsite_water_l") - it * 0.5).abs() < 1e-15);
    assert!((central(&document, "offsite_water_l") - it * 1.2 * 3.1).abs() < 1e-15);
    assert!(central(&document, "total_water_l") > 0.0);
    assert!((central(&document, "co2e_kg") - it * 1.2 * 0.384).abs() < 1e-15);
    // The method is cited by its inputs, and the note says how the energy came about.
    assert_eq!(
        document["inputs"]["output_tokens"]["source_ids"][0],
        "ECOLOGITS-LLM"
    );
    let notes = document["notes"].to_string();
    assert!(notes.contains("4 GPU(s)"), "{notes}");
    assert!(notes.contains("release 0.11.3"), "{notes}");
    // Dense by default: the total is the active count.
    let dense = estimate(&["--active-params", "7e10", "--output-tokens", "400"]);
    assert_eq!(central(&dense, "it_energy_kwh"), it);
}

/// Without input tokens, or with 0, and the default batch the figure is the peer's; input
/// tokens add their prefill; a count of requests multiplies.
#[test]
fn input_tokens_batch_and_requests() {
    let base = ["--active-params", "70B", "--output-tokens", "400"];
    let none = central(&estimate(&base), "it_energy_kwh");
    let mut zero = base.to_vec();
    zero.extend(["--input-tokens", "0"]);
    assert_eq!(central(&estimate(&zero), "it_energy_kwh"), none);
    let mut batch = base.to_vec();
    batch.extend(["--batch-size", "64"]);
    assert_eq!(central(&estimate(&batch), "it_energy_kwh"), none);
    // 2,000 input tokens at the default ratio 0.15: 300 more equivalent output tokens.
    let mut prompt = base.to_vec();
    prompt.extend(["--input-tokens", "2000"]);
    let document = estimate(&prompt);
    let longer = central(
        &estimate(&["--active-params", "70B", "--output-tokens", "700"]),
        "it_energy_kwh",
    );
    assert!((central(&document, "it_energy_kwh") - longer).abs() < 1e-15);
    // The ratio is uncertain (0.05 to 0.5): a range, from its dataset row.
    let p5 = document["indicators"]["it_energy_kwh"]["p5"]
        .as_f64()
        .unwrap();
    let p95 = document["indicators"]["it_energy_kwh"]["p95"]
        .as_f64()
        .unwrap();
    assert!(p5 < longer && longer < p95, "{p5} {longer} {p95}");
    assert!(
        document["inputs"]["prefill_ratio"]["source_ids"]
            .to_string()
            .contains("MLENERGY-2025")
    );
    let mut thousand = base.to_vec();
    thousand.extend(["--queries", "1000"]);
    let total = central(&estimate(&thousand), "it_energy_kwh");
    assert!((total - 1000.0 * none).abs() < 1e-12);
}

/// A measured latency caps the generation time (the server's share), not the GPU energy.
#[test]
fn the_latency_caps_the_server_time() {
    let base = ["--active-params", "70B", "--output-tokens", "400"];
    let modelled = central(&estimate(&base), "it_energy_kwh");
    let mut capped = base.to_vec();
    capped.extend(["--latency", "3s"]);
    let short = central(&estimate(&capped), "it_energy_kwh");
    // Server energy 3 s × 1.2 kW × 4/8 / 64 = 7.8125e-6 kWh instead of 9.0555e-5 kWh.
    assert!((modelled - short - (9.055_512_5e-5 - 7.8125e-6)).abs() < 1e-10);
    let mut loose = base.to_vec();
    loose.extend(["--latency", "2 min"]);
    assert_eq!(central(&estimate(&loose), "it_energy_kwh"), modelled);
}

/// A model of the dataset: a published one gives fixed counts; an unpublished one its
/// estimated range, a 90% range, a tornado and a warning.
#[test]
fn models_and_their_estimated_sizes() {
    let llama = estimate(&["--model", "llama-3.1-70b", "--output-tokens", "400"]);
    assert_eq!(llama["inputs"]["active_params"]["central"], 70.55e9);
    // Published counts: no spread in the energy (the embodied defaults alone are uncertain).
    let energy = &llama["indicators"]["it_energy_kwh"];
    assert_eq!(energy["p5"], energy["central"]);
    assert_eq!(energy["p95"], energy["central"]);
    let gpt = estimate(&[
        "--model",
        "gpt-4o",
        "--output-tokens",
        "400",
        "--samples",
        "2000",
    ]);
    let indicator = &gpt["indicators"]["it_energy_kwh"];
    assert!(indicator["p5"].as_f64() < indicator["p95"].as_f64());
    assert!(gpt["notes"].to_string().contains("not published"));
    // The tornado names the uncertain inputs: the active parameters, and the batch size.
    let table = ok(&[
        "estimate",
        "--model",
        "gpt-4o",
        "--output-tokens",
        "400",
        "--batch-size",
        "32..128",
        "--pue",
        "1.2",
        "--sensitivity",
        "--samples",
        "2000",
    ]);
    assert!(table.contains("active parameters"), "{table}");
    assert!(table.contains("batch size"), "{table}");
}

/// A mixture of experts by its total and the share it uses per token: the central value is
/// that of the active count at the central share, and the share's range gives a range.
#[test]
fn an_active_share_of_the_total() {
    let shared = estimate(&[
        "--total-params",
        "440B",
        "--active-share",
        "10%..30%",
        "--output-tokens",
        "400",
        "--samples",
        "2000",
    ]);
    let counted = estimate(&[
        "--total-params",
        "440B",
        "--active-params",
        "88B",
        "--output-tokens",
        "400",
    ]);
    let (a, b) = (
        central(&shared, "it_energy_kwh"),
        central(&counted, "it_energy_kwh"),
    );
    assert!((a - b).abs() < 1e-15 * b.max(1.0), "{a} {b}");
    let indicator = &shared["indicators"]["it_energy_kwh"];
    assert!(indicator["p5"].as_f64() < indicator["p95"].as_f64());
    assert_eq!(shared["inputs"]["active_share"]["central"], 0.2);
}
