//! `estimate --format json`: the contract of DESIGN.md §3 as derived structs, plus `omitted`,
//! `notes`, `samples`, `seed` and `datasets_checksum`.

use serde::{Serialize, Serializer};

use super::export::{Export, shown};
use crate::error::{Error, Result};
use crate::estimate::EstimateResult;

/// JSON in the contract's shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExport;

impl Export for JsonExport {
    fn render(&self, result: &EstimateResult) -> Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(&EstimateJson::of(result)).map_err(|error| {
            Error::Encode {
                what: "the JSON of an estimate",
                source: Box::new(error),
            }
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// The JSON document of an estimate.
#[derive(Debug, Serialize)]
pub struct EstimateJson<'a> {
    /// Every input by name, with its value and where it came from.
    #[serde(serialize_with = "as_map")]
    pub inputs: Vec<(&'a str, InputJson<'a>)>,
    /// Every computed indicator by key (`facility_energy_kwh` …).
    #[serde(serialize_with = "as_map")]
    pub indicators: Vec<(&'static str, IndicatorJson)>,
    /// Indicators left out, by key, with the reason.
    #[serde(serialize_with = "as_map")]
    pub omitted: Vec<(&'static str, &'a str)>,
    /// Notes for the reader.
    pub notes: &'a [String],
    /// Monte Carlo draws.
    pub samples: usize,
    /// Monte Carlo seed.
    pub seed: u64,
    /// SHA-256 of the datasets used.
    pub datasets_checksum: &'a str,
}

/// One input.
#[derive(Debug, Serialize)]
pub struct InputJson<'a> {
    /// Central value in `unit`.
    pub central: f64,
    /// Unit symbol; empty for a ratio such as the PUE.
    pub unit: &'a str,
    /// `flag`, `dataset` or `default`.
    pub source: &'a str,
    /// The flag or dataset row it came from.
    pub from: &'a str,
    /// The distribution in words, for an uncertain input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distribution: Option<&'a str>,
    /// Ids of the sources in the bibliography.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub source_ids: &'a [String],
    /// Verification status of a dataset value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<&'static str>,
}

/// One indicator, in its base unit; the summary statistics only when an input is uncertain.
#[derive(Debug, Serialize)]
pub struct IndicatorJson {
    /// The value with every input at its central value.
    pub central: f64,
    /// Base unit (`kWh`, `L`, `kg`).
    pub unit: &'static str,
    /// Mean over the draws.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// 5th percentile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p5: Option<f64>,
    /// Median.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p50: Option<f64>,
    /// 95th percentile.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p95: Option<f64>,
}

impl<'a> EstimateJson<'a> {
    /// The document of an estimate.
    pub fn of(result: &'a EstimateResult) -> Self {
        let inputs = result
            .inputs
            .iter()
            .map(|input| {
                let entry = InputJson {
                    central: input.central,
                    unit: if input.unit == "ratio" {
                        ""
                    } else {
                        input.unit
                    },
                    source: &input.source,
                    from: &input.detail,
                    distribution: input.distribution.as_deref(),
                    source_ids: &input.source_ids,
                    verification: input.verification.map(|status| status.as_str()),
                };
                (input.name.as_str(), entry)
            })
            .collect();
        let indicators = shown(result)
            .filter_map(|indicator| {
                let stats = result.outcome.get(indicator, None)?;
                let spread = |value: f64| result.uncertain.then_some(value);
                let entry = IndicatorJson {
                    central: stats.central,
                    unit: indicator.base_unit(),
                    mean: spread(stats.mean),
                    p5: spread(stats.p5),
                    p50: spread(stats.p50),
                    p95: spread(stats.p95),
                };
                Some((indicator.key(), entry))
            })
            .collect();
        EstimateJson {
            inputs,
            indicators,
            omitted: result
                .omitted
                .iter()
                .map(|(indicator, why)| (indicator.key(), why.as_str()))
                .collect(),
            notes: &result.notes,
            samples: result.outcome.samples,
            seed: result.config.seed,
            datasets_checksum: &result.datasets_checksum,
        }
    }
}

/// Writes a list of pairs as a JSON object, keeping their order.
fn as_map<S: Serializer, K: Serialize, V: Serialize>(
    pairs: &[(K, V)],
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(key, value)| (key, value)))
}
