//! `way = "tokens"`: language-model requests × the energy of one request from the model's
//! parameters and its tokens (EcoLogits' method with a prefill term, `model::tokens`).
//!
//! ```toml
//! [energy]
//! way = "tokens"
//! model = "llama-3.1-70b"          # or active_params = "70B" (and total_params)
//! output_tokens = 400
//! input_tokens = 1000              # optional, with prefill_ratio (default: its dataset row)
//! batch_size = "32..128"           # optional, default 64
//! latency = "5 s"                  # optional, a measured generation time (with its unit)
//! requests_per_day = 4000          # or requests = 1 (a one-off count)
//! days = 220                       # one-off scenarios with requests_per_day
//! ```

use super::super::types::{EnergySpec, SeriesSpec, Text, ValueSpec};
use super::common::{Context, Section};
use super::count::{CountKeys, count};
use super::value::series;
use crate::error::{Error, Result};
use crate::model::Way;
use crate::model::vocab::{
    ACTIVE_PARAMS, BATCH_SIZE, INPUT_TOKENS, LATENCY, OUTPUT_TOKENS, PREFILL_RATIO, REQUESTS,
    REQUESTS_PER_DAY, TOTAL_PARAMS,
};

/// The keys of `way = "tokens"`.
pub(super) const KEYS: &[&str] = &[
    "way",
    "boundary",
    "model",
    "active_params",
    "total_params",
    "output_tokens",
    "input_tokens",
    "prefill_ratio",
    "batch_size",
    "latency",
    "requests",
    "requests_per_day",
    "days",
];

/// The dataset row of the default prefill ratio (drawn triangular over its range).
const PREFILL_ROW: &str = "q-llm-prefill-ratio";

/// A value of the models dataset as a scenario value.
fn model_value(row: &crate::data::Row, key: &str) -> ValueSpec {
    ValueSpec {
        dist: row.as_dist(),
        sources: row.sources.clone(),
        row: Some(row.id.clone()),
        verification: Some(row.verification),
        origin: format!("dataset row {} (models, from `{key}`)", row.id),
    }
}

/// Parses the `[energy]` of `way = "tokens"`; `one_off` for a scenario without years.
pub(super) fn way(
    context: &Context<'_>,
    energy: &Section<'_, '_>,
    one_off: bool,
    notes: &mut Vec<Text>,
) -> Result<EnergySpec> {
    if let Some(node) = energy.get("boundary")
        && node.str()? != "it"
    {
        return Err(node.error("the token method gives IT energy: the boundary is \"it\""));
    }
    let optional = |key: &str, slot| -> Result<Option<SeriesSpec>> {
        energy
            .get(key)
            .map(|node| series(context, node, slot))
            .transpose()
    };
    let (active_params, total_params) = match energy.get("model") {
        Some(node) => {
            for key in ["active_params", "total_params"] {
                if let Some(other) = energy.get(key) {
                    return Err(other.error_hint(
                        format!("`{key}` and `model` both give the parameters"),
                        "give either `model` or `active_params` (and `total_params`)",
                    ));
                }
            }
            let name = node.str()?;
            let rows = crate::defaults::model(context.datasets, name).map_err(|unknown| {
                node.error_hint(
                    format!("unknown model `{name}`"),
                    format!(
                        "{}models with parameter counts: {}",
                        unknown.did_you_mean(),
                        unknown.known.join(", ")
                    ),
                )
            })?;
            if !rows.published {
                let sources = crate::provenance::source_cell(&rows.active.sources);
                notes.push(Text {
                    en: format!(
                        "{}: the architecture of {name} is not published; its parameter counts \
                         are estimates ({sources}), drawn over their range.",
                        node.path()
                    ),
                    fr: format!(
                        "{} : l'architecture de {name} n'est pas publiée ; ses nombres de \
                         paramètres sont des estimations ({sources}), tirées dans leur \
                         fourchette.",
                        node.path()
                    ),
                });
            }
            (
                SeriesSpec::Value(model_value(rows.active, "model")),
                rows.total
                    .map(|row| SeriesSpec::Value(model_value(row, "model"))),
            )
        }
        None => (
            series(
                context,
                energy.require("active_params", "e.g. \"70B\", or give `model`")?,
                &ACTIVE_PARAMS,
            )?,
            optional("total_params", &TOTAL_PARAMS)?,
        ),
    };
    if let (SeriesSpec::Value(active), Some(SeriesSpec::Value(total))) =
        (&active_params, &total_params)
        && total.dist.central() < active.dist.central()
    {
        let node = energy.get("total_params").or(energy.get("model"));
        let message = "total parameters below the active ones: a model uses at most all of them";
        return Err(match node {
            Some(node) => node.error(message),
            None => Error::Other(message.into()),
        });
    }
    if let Some(node) = energy.get("latency")
        && matches!(
            node.value,
            toml::de::DeValue::Integer(_) | toml::de::DeValue::Float(_)
        )
    {
        return Err(node.error_hint(
            "a latency needs its unit",
            format!(
                "write it as a string with its unit, e.g. latency = \"{} s\"",
                { node.number()? }
            ),
        ));
    }
    let input_tokens = optional("input_tokens", &INPUT_TOKENS)?;
    let prefill_ratio = match (&input_tokens, energy.get("prefill_ratio")) {
        (None, Some(node)) => {
            return Err(node.error("`prefill_ratio` goes with `input_tokens`"));
        }
        (Some(_), Some(node)) => Some(series(context, node, &PREFILL_RATIO)?),
        (Some(_), None) => {
            let row = context.datasets.get(PREFILL_ROW).ok_or_else(|| {
                Error::Other(format!("the dataset row `{PREFILL_ROW}` is missing"))
            })?;
            let base = |value: f64| row.unit.to_base(value);
            let dist = match (row.low, row.high) {
                (Some(low), Some(high)) => crate::dist::Dist::Triangular {
                    min: base(low),
                    mode: row.base_value(),
                    max: base(high),
                },
                _ => crate::dist::Dist::Fixed(row.base_value()),
            };
            Some(SeriesSpec::Value(ValueSpec {
                dist,
                sources: row.sources.clone(),
                row: Some(row.id.clone()),
                verification: Some(row.verification),
                origin: format!("dataset row {} (default prefill ratio)", row.id),
            }))
        }
        (None, None) => None,
    };
    let keys = CountKeys {
        noun: "requests",
        total: "requests",
        daily: "requests_per_day",
        total_def: &REQUESTS,
        daily_def: &REQUESTS_PER_DAY,
    };
    let one_request = SeriesSpec::Value(ValueSpec::fixed(1.0, "one request"));
    let (requests, per_day, days) = count(context, energy, one_off, &keys, Some(one_request))?;
    Ok(EnergySpec {
        way: Way::Tokens {
            requests,
            per_day,
            days,
            active_params,
            total_params,
            output_tokens: series(
                context,
                energy.require("output_tokens", "tokens generated per request, e.g. 400")?,
                &OUTPUT_TOKENS,
            )?,
            batch_size: optional("batch_size", &BATCH_SIZE)?.unwrap_or_else(|| {
                SeriesSpec::Value(ValueSpec::fixed(
                    crate::model::tokens::BATCH_SIZE,
                    "default batch size 64 (EcoLogits)",
                ))
            }),
            input_tokens,
            prefill_ratio,
            latency: optional("latency", &LATENCY)?,
        },
        boundary: crate::model::Boundary::It,
    })
}
