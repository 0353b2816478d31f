//! The token method on the command line: the checks of its values once read, and the note
//! that says how the energy came about (GPUs, generation time), so that a figure can be
//! checked against EcoLogits'.

use dcfoot::data::Datasets;
use dcfoot::dist::{Dist, spec};
use dcfoot::estimate::{EnergySource, Given};
use dcfoot::model::Way;
use dcfoot::model::tokens as method;
use dcfoot::number::short_number;
use dcfoot::units::Dimension;
use dcfoot::{InputError, Result};

/// The dataset row of the default prefill ratio (drawn triangular over its range).
pub(super) const PREFILL_ROW: &str = "q-llm-prefill-ratio";

/// A bare number is refused as `--latency`: seconds and hours are both plausible.
pub(super) fn check_latency(latency: &str) -> Result<()> {
    let unitless = spec::parse_dist(latency, Dimension::Duration, "s").is_ok()
        && spec::parse_dist(latency, Dimension::Duration, "no unit").is_err();
    if unitless {
        return Err(InputError::flag(
            "--latency",
            format!("`{latency}` has no unit: a latency is a duration"),
        )
        .hint(format!("write it with its unit, e.g. --latency {latency}s"))
        .into());
    }
    Ok(())
}

/// Checks of the token method once its values are read: total parameters not below the
/// active ones, the prefill ratio's published range; and the note that says how the
/// energy was computed (GPUs, generation time), so it can be checked against the peer.
pub(super) fn check_values(
    energy: &mut EnergySource,
    datasets: &Datasets,
    notes: &mut Vec<String>,
) -> Result<()> {
    let Way::Tokens {
        active_params: Some(active),
        total_params,
        prefill_ratio,
        input_tokens,
        output_tokens: Some(output),
        batch_size,
        latency,
        ..
    } = &mut energy.way
    else {
        return Ok(());
    };
    let billions = |given: &Given| given.dist.central();
    if let Some(Some(total)) = total_params
        && billions(total) < billions(active)
    {
        return Err(InputError::flag(
            &total.from,
            format!(
                "total parameters ({}B) below the active ones ({}B)",
                short_number(billions(total)),
                short_number(billions(active))
            ),
        )
        .hint("a model uses at most all its parameters: give --total-params >= --active-params")
        .into());
    }
    if let Some(Some(ratio)) = prefill_ratio
        && ratio.row.as_deref() == Some(PREFILL_ROW)
        && let Some(row) = datasets.get(PREFILL_ROW)
        && let (Some(low), Some(high)) = (row.low, row.high)
    {
        ratio.dist = Dist::Triangular {
            min: row.unit.to_base(low),
            mode: row.base_value(),
            max: row.unit.to_base(high),
        };
        ratio.from = "default".into();
    }
    let central = |value: &Option<Option<Given>>| {
        value
            .as_ref()
            .and_then(|given| given.as_ref())
            .map(|given| given.dist.central())
    };
    let request = method::Request {
        active_params: billions(active),
        total_params: central(total_params).unwrap_or(billions(active)),
        output_tokens: output.dist.central(),
        input_tokens: central(input_tokens).unwrap_or(0.0),
        prefill_ratio: central(prefill_ratio).unwrap_or(0.0),
        batch_size: batch_size
            .as_ref()
            .map_or(method::BATCH_SIZE, |given| given.dist.central()),
        latency_cap: central(latency).map(|hours| hours * 3600.0),
    };
    let result = method::request_energy(&request);
    notes.push(format!(
        "token method: EcoLogits' LLM-inference method, release 0.11.3 (ECOLOGITS-LLM): {} \
         GPU(s) of 80 GB hold the model ({} GB of weights and overhead), {} s of generation{} \
         shared by a batch of {} requests, server without GPUs 1.2 kW per 8 GPUs (central \
         values). IT energy per request: {} Wh.",
        short_number(result.gpus),
        short_number(method::required_memory_gb(request.total_params)),
        short_number(result.generation_seconds),
        if request.latency_cap.is_some() {
            " (at most the --latency given)"
        } else {
            " (modelled)"
        },
        short_number(request.batch_size),
        short_number(result.it_energy() * 1000.0)
    ));
    if input_tokens.is_some() {
        notes.push(
            "input tokens are counted by their prefill energy, each as a share of an output \
             token (the prefill ratio). EcoLogits' fitted energy per output token already holds \
             the prefill of a typical chat prompt: leave --input-tokens out for an ordinary \
             chat request, give it for long prompts (documents, retrieval, long conversations)."
                .to_string(),
        );
    }
    Ok(())
}
