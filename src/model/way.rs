//! The ways to get the energy (DESIGN.md §1), written once and generic over what each quantity
//! holds: a value as given (`estimate`), a [`SeriesSpec`](super::SeriesSpec) read from a
//! scenario file, or the [`Series`](super::Series) of an evaluation plan. [`Way::map`] turns
//! one into the next, naming each quantity's field and its [`InputDef`].

use super::footprint::Boundary;
use super::vocab::{self, InputDef};

/// How the energy of a period is obtained, with its quantities.
#[derive(Debug, Clone)]
pub enum Way<V> {
    /// A published energy (per year, or per run).
    Direct {
        /// The energy (kWh).
        energy: V,
    },
    /// A power drawn for a number of hours, at a load factor.
    Power {
        /// Power (IT power, or a facility's grid capacity), kW.
        power: V,
        /// Hours per period.
        hours: V,
        /// Mean load as a fraction of the power.
        load_factor: V,
    },
    /// Accelerators × power × utilisation × hours × host overhead / (1 − idle share).
    Hardware {
        /// Number of accelerators (or accelerator-hours, with `hours` fixed at 1).
        accelerators: V,
        /// True when `accelerators` holds accelerator-hours (GPU-h).
        accelerator_hours: bool,
        /// Rated power per accelerator, kW.
        power: V,
        /// Mean utilisation as a fraction of rated power.
        utilization: V,
        /// Hours per period.
        hours: V,
        /// Host overhead factor (>= 1).
        host_overhead: V,
        /// Share of idle capacity in the IT energy (0 <= share < 1).
        idle_share: V,
    },
    /// Queries × energy per query.
    Usage {
        /// Number of queries (per day when `per_day`).
        queries: V,
        /// Whether `queries` is per day.
        per_day: bool,
        /// Days per period for daily queries (365 per year; a one-off gives `days`).
        days: f64,
        /// Energy per query, kWh.
        per_query: V,
    },
    /// A share of a total consumption (e.g. data centres' share of national electricity).
    Share {
        /// The share (fraction).
        share: V,
        /// The total, kWh per period.
        total: V,
    },
    /// Language-model requests × the energy of one request from the model's parameters and
    /// its tokens ([`tokens`](super::tokens): EcoLogits' method with a prefill term).
    Tokens {
        /// Number of requests (per day when `per_day`).
        requests: V,
        /// Whether `requests` is per day.
        per_day: bool,
        /// Days per period for daily requests (365 per year; a one-off gives `days`).
        days: f64,
        /// Active parameters, billions.
        active_params: V,
        /// Total parameters, billions; None for a dense model (the active parameters, draw by
        /// draw).
        total_params: Option<V>,
        /// Output tokens per request.
        output_tokens: V,
        /// Requests served together.
        batch_size: V,
        /// Input tokens per request, when counted.
        input_tokens: Option<V>,
        /// Energy of an input token relative to an output token, when input tokens are
        /// counted.
        prefill_ratio: Option<V>,
        /// Measured generation time, hours (a cap on the modelled one), when given.
        latency: Option<V>,
    },
}

/// A way to get the energy and the boundary of that energy.
#[derive(Debug, Clone)]
pub struct Energy<V> {
    /// The way and its quantities.
    pub way: Way<V>,
    /// The boundary of the energy it gives.
    pub boundary: Boundary,
}

/// A quantity of a way: its field name (`accelerator_power`) and what it is.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The field's name, as written in scenario files.
    pub name: &'static str,
    /// The input it is.
    pub def: &'static InputDef,
}

const fn field(name: &'static str, def: &'static InputDef) -> Field {
    Field { name, def }
}

impl<V> Way<V> {
    /// The way's name in scenario files (`direct`, `hardware` …).
    pub fn name(&self) -> &'static str {
        match self {
            Way::Direct { .. } => "direct",
            Way::Power { .. } => "power",
            Way::Hardware { .. } => "hardware",
            Way::Usage { .. } => "usage",
            Way::Share { .. } => "fleet",
            Way::Tokens { .. } => "tokens",
        }
    }

    /// Every quantity with its field, in order.
    pub fn fields(&self) -> Vec<(Field, &V)> {
        use vocab::*;
        match self {
            Way::Direct { energy } => vec![(field("energy", &ENERGY), energy)],
            Way::Power {
                power,
                hours,
                load_factor,
            } => vec![
                (field("power", &POWER), power),
                (field("hours", &HOURS), hours),
                (field("load_factor", &LOAD_FACTOR), load_factor),
            ],
            Way::Hardware {
                accelerators,
                accelerator_hours,
                power,
                utilization,
                hours,
                host_overhead,
                idle_share,
            } => vec![
                (
                    field(
                        "accelerators",
                        if *accelerator_hours {
                            &GPU_HOURS
                        } else {
                            &ACCELERATORS
                        },
                    ),
                    accelerators,
                ),
                (field("accelerator_power", &ACCELERATOR_POWER), power),
                (field("utilization", &UTILIZATION), utilization),
                (field("hours", &HOURS), hours),
                (field("host_overhead", &HOST_OVERHEAD), host_overhead),
                (field("idle_share", &IDLE_SHARE), idle_share),
            ],
            Way::Usage {
                queries,
                per_day,
                per_query,
                ..
            } => vec![
                (
                    field(
                        "queries",
                        if *per_day { &QUERIES_PER_DAY } else { &QUERIES },
                    ),
                    queries,
                ),
                (field("energy_per_query", &PER_QUERY), per_query),
            ],
            Way::Share { share, total } => vec![
                (field("share", &SHARE), share),
                (field("total", &TOTAL), total),
            ],
            Way::Tokens {
                requests,
                per_day,
                active_params,
                total_params,
                output_tokens,
                batch_size,
                input_tokens,
                prefill_ratio,
                latency,
                ..
            } => {
                let daily = [&REQUESTS, &REQUESTS_PER_DAY][usize::from(*per_day)];
                let mut fields = vec![
                    (field("requests", daily), requests),
                    (field("active_params", &ACTIVE_PARAMS), active_params),
                ];
                if let Some(total_params) = total_params {
                    fields.push((field("total_params", &TOTAL_PARAMS), total_params));
                }
                fields.push((field("output_tokens", &OUTPUT_TOKENS), output_tokens));
                fields.push((field("batch_size", &BATCH_SIZE), batch_size));
                let optional = [
                    (field("input_tokens", &INPUT_TOKENS), input_tokens),
                    (field("prefill_ratio", &PREFILL_RATIO), prefill_ratio),
                    (field("latency", &LATENCY), latency),
                ];
                for (field, value) in optional {
                    if let Some(value) = value {
                        fields.push((field, value));
                    }
                }
                fields
            }
        }
    }

    /// The same way with every quantity mapped (in the order of [`Way::fields`]).
    pub fn map<W, E>(&self, mut f: impl FnMut(Field, &V) -> Result<W, E>) -> Result<Way<W>, E> {
        let mut mapped = self
            .fields()
            .into_iter()
            .map(|(field, value)| f(field, value))
            .collect::<Result<Vec<W>, E>>()?
            .into_iter();
        let mut next = || mapped.next().expect("one mapped value per field");
        Ok(match self {
            Way::Direct { .. } => Way::Direct { energy: next() },
            Way::Power { .. } => Way::Power {
                power: next(),
                hours: next(),
                load_factor: next(),
            },
            Way::Hardware {
                accelerator_hours, ..
            } => Way::Hardware {
                accelerators: next(),
                accelerator_hours: *accelerator_hours,
                power: next(),
                utilization: next(),
                hours: next(),
                host_overhead: next(),
                idle_share: next(),
            },
            Way::Usage { per_day, days, .. } => Way::Usage {
                queries: next(),
                per_day: *per_day,
                days: *days,
                per_query: next(),
            },
            Way::Share { .. } => Way::Share {
                share: next(),
                total: next(),
            },
            Way::Tokens {
                per_day,
                days,
                total_params,
                input_tokens,
                prefill_ratio,
                latency,
                ..
            } => Way::Tokens {
                requests: next(),
                per_day: *per_day,
                days: *days,
                active_params: next(),
                total_params: total_params.as_ref().map(|_| next()),
                output_tokens: next(),
                batch_size: next(),
                input_tokens: input_tokens.as_ref().map(|_| next()),
                prefill_ratio: prefill_ratio.as_ref().map(|_| next()),
                latency: latency.as_ref().map(|_| next()),
            },
        })
    }

    /// Every quantity, in order.
    pub fn values(&self) -> Vec<&V> {
        self.fields().into_iter().map(|(_, value)| value).collect()
    }
}
