//! `dcfoot estimate`: one footprint from flags.

use clap::{Args, ValueEnum};
use dcfoot::data::Datasets;
use dcfoot::defaults::{self, Place, Unknown};
use dcfoot::dist::spec;
use dcfoot::estimate::{EnergySource, EstimateRequest, Given, estimate, estimate_name};
use dcfoot::model::vocab::{self, FactorSet, InputDef};
use dcfoot::model::{Boundary, Energy, Way};
use dcfoot::output::csv::CsvLocale;
use dcfoot::output::estimate as render;
use dcfoot::uncertainty::McConfig;
use dcfoot::uncertainty::mc::{DEFAULT_SAMPLES, DEFAULT_SEED};
use dcfoot::{InputError, Result};

use super::DataArgs;
use super::tokens::{self, PREFILL_ROW};

/// Options of `estimate`.
#[derive(Debug, Args)]
#[command(
    after_help = "Any value may be a distribution instead of a number: a range `1.1..1.6` \
(uniform), `tri:MIN,MODE,MAX`, `pert:MIN,MODE,MAX`, `normal:MEAN,SD`, `lognormal:P5..P95` or \
`lognormal:median=M,gsd=G`; then mean, p5, p50 and p95 are printed.

Examples:
  # Li et al.'s GPT-3 training water, U.S. average row (5.439 million litres)
  dcfoot estimate --it-energy 1287MWh --pue 1.17 --wue 0.55 --ewif 3.142
  # one billion Gemini-like prompts, Google's fleet factors, US grid
  dcfoot estimate --queries 1e9 --energy-per-query 0.24 --query-boundary facility \\
                  --region US --operator google
  # 10,000 H100 for 30 days at 60% of rated power, uncertain PUE, French grid
  dcfoot estimate --accelerators 10000 --accelerator-power 700W --hours 720 \\
                  --utilization 0.6 --host-overhead 1.8 --pue tri:1.1,1.2,1.5 --region FR
  # a million Gemini prompts a day for a year, from the dataset row and its source
  dcfoot estimate --queries-per-day 1e6 --days 365 \\
                  --energy-per-query q-google-gemini-median-energy-2025 --region US
  # one H100 GPU-hour on the French grid, with its embodied share (default hardware h100)
  dcfoot estimate --gpu-hours 1 --accelerator-power 700W --pue 1.2 --region FR
  # the same with a B200 amortised over 5 years
  dcfoot estimate --gpu-hours 1 --accelerator-power 1000W --pue 1.2 --region FR \\
                  --hardware b200 --lifetime 5
  # GPT-3's training run from Patterson et al.'s published figures
  dcfoot estimate --gpu-hours t-gpt-3-gpu-hours --accelerator-power 330W --pue 1.1
  # 1 GW of data centres for a year as a share of France's electricity
  dcfoot estimate --it-power 1GW --hours 8760 --pue 1.2 --share-of rte-fr-consumption-2024
  # a 10 MW IT load for a year, as JSON
  dcfoot estimate --it-power 10MW --hours 8760 --operator industry --region IE --format json
  # one 400-token answer of a 70B model (EcoLogits' method), US-like factors
  dcfoot estimate --active-params 70B --total-params 70B --output-tokens 400 --pue 1.2 \\
                  --wue 0.5 --ewif 3.1 --carbon-intensity 384
  # 200 employees × 20 requests a day × 220 days, 1,000-token prompts, French grid
  dcfoot estimate --model mistral-large-3 --output-tokens 400 --input-tokens 1000 \\
                  --queries-per-day 4000 --days 220 --pue 1.2 --region FR"
)]
pub struct EstimateArgs {
    /// IT energy (Wh, kWh, MWh, GWh, TWh; a bare number is kWh).
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    it_energy: Option<String>,
    /// Facility energy, what the grid delivers (same units).
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    facility_energy: Option<String>,
    /// IT power (W, kW, MW, GW; a bare number is kW); needs --hours.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    it_power: Option<String>,
    /// Duration in hours (or `30d`, `1yr`).
    #[arg(long, value_name = "H", allow_hyphen_values = true)]
    hours: Option<String>,
    /// Number of accelerators (GPUs, TPUs); needs --accelerator-power and --hours.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    accelerators: Option<String>,
    /// Rated power per accelerator (W, kW; a bare number is W, e.g. 700 for an H100).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    accelerator_power: Option<String>,
    /// Mean draw as a fraction of rated power (default 1).
    #[arg(long, value_name = "U", allow_hyphen_values = true)]
    utilization: Option<String>,
    /// Factor for host CPU, memory and network power on top of the accelerators (default 1).
    #[arg(long, value_name = "F", allow_hyphen_values = true)]
    host_overhead: Option<String>,
    /// Share of IT energy drawn by idle provisioned capacity (default 0).
    #[arg(long, value_name = "S", allow_hyphen_values = true)]
    idle_share: Option<String>,
    /// Number of queries; needs --energy-per-query.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    queries: Option<String>,
    /// Queries per day; needs --energy-per-query (and --days, 365 when not given).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    queries_per_day: Option<String>,
    /// Number of days of --queries-per-day (a plain number, default 365).
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    days: Option<String>,
    /// Mean load as a fraction of --it-power (0 to 1, or a percentage; default 1).
    #[arg(long, value_name = "F", allow_hyphen_values = true)]
    load_factor: Option<String>,
    /// Accelerator-hours as published (GPU-h); needs --accelerator-power.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    gpu_hours: Option<String>,
    /// Energy per query (a bare number is Wh).
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    energy_per_query: Option<String>,
    /// Boundary of the per-query figure: `facility` (it already includes data-centre overhead,
    /// like Google's 0.24 Wh) or `it` (servers only, like Li et al.'s 4 Wh).
    #[arg(long, value_enum, value_name = "B")]
    query_boundary: Option<BoundaryArg>,
    /// Language-model requests: active parameters per token (`70B`, `7e10`, `1.2T`); the
    /// energy of one request (or of --queries requests) then follows EcoLogits' method.
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    active_params: Option<String>,
    /// The share of its parameters a mixture of experts uses per token (`10%..30%`), with
    /// --total-params, instead of --active-params.
    #[arg(long, value_name = "S", allow_hyphen_values = true)]
    active_share: Option<String>,
    /// Total parameters of the model (default: the active ones, a dense model).
    #[arg(long, value_name = "P", allow_hyphen_values = true)]
    total_params: Option<String>,
    /// A model of the models dataset for its parameter counts (`llama-3.1-70b`, `gpt-4o`).
    #[arg(long, value_name = "NAME")]
    model: Option<String>,
    /// Output (generated) tokens per request; with --active-params or --model.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    output_tokens: Option<String>,
    /// Input (prompt) tokens per request, counted by their prefill energy (default: none,
    /// as in EcoLogits, whose fit already holds a typical chat prompt).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    input_tokens: Option<String>,
    /// Energy of an input token relative to an output token (default: dataset row
    /// q-llm-prefill-ratio, 0.05 to 0.5 around 0.15).
    #[arg(long, value_name = "R", allow_hyphen_values = true)]
    prefill_ratio: Option<String>,
    /// Requests served together (default 64, as in EcoLogits).
    #[arg(long, value_name = "B", allow_hyphen_values = true)]
    batch_size: Option<String>,
    /// The measured generation time of a request, with its unit (`3s`): a cap on the
    /// modelled one.
    #[arg(long, value_name = "S", allow_hyphen_values = true)]
    latency: Option<String>,
    /// Power usage effectiveness (facility energy / IT energy, >= 1).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pue: Option<String>,
    /// On-site water usage effectiveness, litres per kWh of IT energy.
    #[arg(long, value_name = "L_PER_KWH", allow_hyphen_values = true)]
    wue: Option<String>,
    /// Electricity water intensity factor, litres per kWh delivered.
    #[arg(long, value_name = "L_PER_KWH", allow_hyphen_values = true)]
    ewif: Option<String>,
    /// Grid carbon intensity, gCO2e per kWh delivered.
    #[arg(long, value_name = "G_PER_KWH", allow_hyphen_values = true)]
    carbon_intensity: Option<String>,
    /// A generation mix, TECHNOLOGY=SHARE,... (shares add up to 1, or 100%), e.g.
    /// `gas-cc-tower=0.6,wind-onshore=0.4`, or a region code (`FR`) for its published mix:
    /// EWIF, water withdrawn and carbon intensity are derived from generation.csv (--ewif and
    /// --carbon-intensity still win).
    #[arg(long, value_name = "ID=SHARE,...")]
    mix: Option<String>,
    /// How much reservoir evaporation a mix charges to hydropower: none, net, gross (default)
    /// or gross-world (see datasets/README.md).
    #[arg(long, value_name = "A", requires = "mix")]
    hydro_allocation: Option<String>,
    /// A reference consumption (a bare number is kWh), e.g. a country's electricity
    /// (`rte-fr-consumption-2024`): the facility energy is also given as a share of it.
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    share_of: Option<String>,
    /// Take EWIF and carbon intensity from the datasets for this region (FR, US, US-AZ, …).
    #[arg(long, value_name = "CODE")]
    region: Option<String>,
    /// Take PUE and WUE from the datasets for this operator (google, microsoft, meta, aws, …).
    #[arg(long, value_name = "NAME")]
    operator: Option<String>,
    /// A site of the operator (default: its fleet average).
    #[arg(long, value_name = "SITE")]
    site: Option<String>,
    /// Use the latest dataset values not after this year.
    #[arg(long, value_name = "Y", allow_negative_numbers = true)]
    year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// CSV flavour: `fr` writes `;` separators and decimal commas (for French Excel).
    #[arg(long, value_enum, default_value = "default")]
    csv_locale: super::CsvLocaleArg,
    /// With uncertain values, print which input moves the result (tornado table).
    #[arg(long)]
    sensitivity: bool,
    /// Monte Carlo draws (used when a value is a distribution).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES, allow_negative_numbers = true)]
    samples: usize,
    /// Seed of the random streams.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED, allow_negative_numbers = true)]
    seed: u64,
    #[command(flatten)]
    embodied: super::embodied::EmbodiedArgs,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum BoundaryArg {
    It,
    Facility,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Csv,
    Json,
}

/// The flags that each choose an energy source, for the message when none is given.
const ENERGY_FLAGS: &str = "--it-energy/--facility-energy/--it-power/--accelerators/--gpu-hours/--queries/--queries-per-day/--output-tokens";

/// A value as typed, with its flag.
#[derive(Debug, Clone)]
struct FlagValue {
    flag: &'static str,
    text: String,
}

impl FlagValue {
    fn new(flag: &'static str, text: impl Into<String>) -> Self {
        FlagValue {
            flag,
            text: text.into(),
        }
    }

    /// The value as a distribution of `def`, in base units, within its bounds; the id of a
    /// dataset row stands for that row's value (and brings its sources).
    fn parse(&self, def: &InputDef, datasets: &Datasets) -> Result<Given> {
        if let Some(row) = datasets.get(self.text.trim()) {
            if row.unit.dimension != def.dimension {
                return Err(InputError::flag(
                    self.flag,
                    format!(
                        "dataset row `{}` is {} ({} {}), not {}",
                        row.id,
                        row.unit.dimension.describe(),
                        dcfoot::number::short_number(row.value),
                        row.unit,
                        def.dimension.describe()
                    ),
                )
                .hint(format!(
                    "give a row of {} or a number",
                    def.dimension.describe()
                ))
                .into());
            }
            return Ok(Given::row(row, self.flag));
        }
        let text = self.text.trim();
        if looks_like_row_id(text) {
            let suggestion = dcfoot::text::closest(text, datasets.ids())
                .map(|id| format!("did you mean `{id}`? "))
                .unwrap_or_default();
            return Err(InputError::flag(
                self.flag,
                format!("`{text}` is neither a number nor a dataset row id"),
            )
            .hint(format!(
                "{suggestion}`dcfoot datasets show TABLE` lists the row ids; or write {}",
                spec::SYNTAX_HELP
            ))
            .into());
        }
        let flag_error = |message: String, hint: String| {
            InputError::flag(self.flag, format!("`{}`: {message}", self.text)).hint(hint)
        };
        let dist = spec::parse_dist(&self.text, def.dimension, def.unit).map_err(|message| {
            let message = message.to_string();
            // A message that already says what to type needs no grammar lesson.
            let precise = ["did you mean", "use a dot", "write ", "commas"]
                .iter()
                .any(|words| message.contains(words));
            let error = InputError::flag(self.flag, format!("`{}`: {message}", self.text));
            if precise {
                error
            } else {
                error.hint(format!("write {}", spec::SYNTAX_HELP))
            }
        })?;
        let dist = dist.within(def.lower, def.upper).map_err(|message| {
            let hint = if def.key == vocab::PUE.key || def.key == vocab::LIFETIME.key {
                def.bounds_hint().to_string()
            } else {
                format!("write {}", spec::SYNTAX_HELP)
            };
            let message = if def.key == vocab::LIFETIME.key {
                "a lifetime must be longer than zero (at least one hour)".to_string()
            } else {
                message.to_string()
            };
            flag_error(message, hint)
        })?;
        Ok(Given::new(dist, self.flag))
    }
}

/// Whether a value that is not a row id was meant as one (`q-google-gemini-…`): letters,
/// digits and dashes, starting with a letter, with a dash (no distribution kind or unit has one).
fn looks_like_row_id(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.contains('-')
        && !text.contains(':')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn flag(name: &'static str, value: &Option<String>) -> Option<FlagValue> {
    value
        .as_ref()
        .map(|text| FlagValue::new(name, text.clone()))
}

/// How to give a missing factor on the command line.
fn advice(def: &'static InputDef) -> String {
    let value = match def.dimension {
        dcfoot::units::Dimension::WaterIntensity => "L_PER_KWH",
        dcfoot::units::Dimension::CarbonIntensity => "G_PER_KWH",
        _ => "X",
    };
    let by = match def.default {
        Some(vocab::DatasetDefault::Grid(_)) => " or --region CODE",
        Some(vocab::DatasetDefault::Operator(_)) => " or --operator NAME",
        None => "",
    };
    format!("--{} {value}{by}", def.key.replace('_', "-"))
}

/// The flag error for a name the datasets do not know.
fn unknown_name(
    flag: &str,
    what: &str,
    name: &str,
    unknown: Unknown,
    known: &str,
) -> dcfoot::Error {
    InputError::flag(flag, format!("unknown {what} `{name}`"))
        .hint(format!(
            "{}{known}: {}",
            unknown.did_you_mean(),
            unknown.known.join(", ")
        ))
        .into()
}

/// Region, operator, site and year, checked against the datasets.
fn place(args: &EstimateArgs, datasets: &dcfoot::data::Datasets) -> Result<Place> {
    let region = match &args.region {
        Some(code) => Some(defaults::region(datasets, code).map_err(|unknown| {
            unknown_name(
                "--region",
                "region",
                code,
                unknown,
                "regions with grid factors",
            )
        })?),
        None => None,
    };
    let operator = match &args.operator {
        Some(name) => Some(defaults::operator(datasets, name).map_err(|unknown| {
            unknown_name("--operator", "operator", name, unknown, "known operators")
        })?),
        None => None,
    };
    let site = match (&args.site, &args.operator) {
        (Some(site), Some(operator)) => {
            Some(defaults::site(datasets, operator, site).map_err(|unknown| {
                dcfoot::Error::from(
                    InputError::flag("--site", format!("`{operator}` has no site `{site}`"))
                        .hint(format!("sites of {operator}: {}", unknown.known.join(", "))),
                )
            })?)
        }
        (Some(_), None) => {
            return Err(InputError::flag("--site", "--site needs --operator").into());
        }
        (None, _) => None,
    };
    Ok(Place {
        region,
        operator,
        site,
        year: args.year,
    })
}

/// Works out the single energy source from the flags, or says what is wrong.
fn energy_source(args: &EstimateArgs) -> Result<(Energy<Option<FlagValue>>, Vec<String>)> {
    // The token method counts --queries (or --queries-per-day) as its requests.
    let tokens = token_flags(args);
    let chosen = if tokens { TOKENS } else { None };
    let ways: Vec<&str> = [
        ("--it-energy", &args.it_energy),
        ("--facility-energy", &args.facility_energy),
        ("--it-power", &args.it_power),
        ("--accelerators", &args.accelerators),
        ("--gpu-hours", &args.gpu_hours),
        ("--queries", if tokens { &None } else { &args.queries }),
        (
            "--queries-per-day",
            if tokens { &None } else { &args.queries_per_day },
        ),
        ("--output-tokens", &chosen),
    ]
    .into_iter()
    .filter(|(_, value)| value.is_some())
    .map(|(name, _)| name)
    .collect();
    check_token_flags(args, tokens)?;
    let needs = |present: bool, flag: &str, needed: &str| -> Result<()> {
        if present {
            return Err(InputError::flag(flag, format!("{flag} needs {needed}")).into());
        }
        Ok(())
    };
    needs(
        args.hours.is_some() && args.gpu_hours.is_some(),
        "--hours",
        "--accelerators (--gpu-hours already counts the hours)",
    )?;
    needs(
        args.hours.is_some() && args.it_power.is_none() && args.accelerators.is_none(),
        "--hours",
        "--it-power or --accelerators",
    )?;
    needs(
        args.load_factor.is_some() && args.it_power.is_none(),
        "--load-factor",
        "--it-power",
    )?;
    let hardware = args.accelerators.is_some() || args.gpu_hours.is_some();
    let hardware_only = [
        ("--accelerator-power", args.accelerator_power.is_some()),
        ("--utilization", args.utilization.is_some()),
        ("--host-overhead", args.host_overhead.is_some()),
        ("--idle-share", args.idle_share.is_some()),
    ];
    for (name, present) in hardware_only {
        needs(present && !hardware, name, "--accelerators or --gpu-hours")?;
    }
    let usage = args.queries.is_some() || args.queries_per_day.is_some();
    needs(
        args.energy_per_query.is_some() && !usage,
        "--energy-per-query",
        "--queries or --queries-per-day",
    )?;
    needs(
        args.query_boundary.is_some() && !usage,
        "--query-boundary",
        "--queries (or --queries-per-day) and --energy-per-query",
    )?;
    needs(
        args.days.is_some() && args.queries_per_day.is_none(),
        "--days",
        "--queries-per-day",
    )?;
    if ways.len() > 1 {
        return Err(InputError::flag(
            ways[1],
            format!("conflicting energy sources: {}", ways.join(" and ")),
        )
        .hint("give exactly one way to get the energy")
        .into());
    }
    let missing = |flag: &'static str, what: &'static str| -> dcfoot::Error {
        InputError::flag(flag, format!("{flag} needs {what}")).into()
    };
    let mut notes = Vec::new();
    let given = |name: &'static str, value: &Option<String>| {
        Some(FlagValue::new(name, value.clone().unwrap_or_default()))
    };
    let source = match ways.first().copied() {
        Some("--it-energy") => Energy {
            way: Way::Direct {
                energy: given("--it-energy", &args.it_energy),
            },
            boundary: Boundary::It,
        },
        Some("--facility-energy") => Energy {
            way: Way::Direct {
                energy: given("--facility-energy", &args.facility_energy),
            },
            boundary: Boundary::Facility,
        },
        Some("--it-power") => Energy {
            way: Way::Power {
                power: given("--it-power", &args.it_power),
                hours: Some(
                    flag("--hours", &args.hours).ok_or_else(|| missing("--it-power", "--hours"))?,
                ),
                load_factor: flag("--load-factor", &args.load_factor),
            },
            boundary: Boundary::It,
        },
        Some(way @ ("--accelerators" | "--gpu-hours")) => Energy {
            way: Way::Hardware {
                accelerators: if way == "--gpu-hours" {
                    given("--gpu-hours", &args.gpu_hours)
                } else {
                    given("--accelerators", &args.accelerators)
                },
                accelerator_hours: way == "--gpu-hours",
                power: Some(
                    flag("--accelerator-power", &args.accelerator_power)
                        .ok_or_else(|| missing(way, "--accelerator-power"))?,
                ),
                hours: Some(if way == "--gpu-hours" {
                    FlagValue::new("--gpu-hours (which counts the hours)", "1")
                } else {
                    flag("--hours", &args.hours)
                        .ok_or_else(|| missing("--accelerators", "--hours"))?
                }),
                utilization: flag("--utilization", &args.utilization),
                host_overhead: flag("--host-overhead", &args.host_overhead),
                idle_share: flag("--idle-share", &args.idle_share),
            },
            boundary: Boundary::It,
        },
        Some("--output-tokens") => token_source(args, &mut notes)?,
        Some(way) => {
            let per_day = way == "--queries-per-day";
            let days = days_of(args, per_day, "queries", &mut notes)?;
            let boundary = match args.query_boundary {
                Some(BoundaryArg::It) => Boundary::It,
                Some(BoundaryArg::Facility) => Boundary::Facility,
                None => {
                    notes.push(
                        "--query-boundary not given: the energy per query is taken as a \
                         facility-boundary figure (data-centre overhead included, as in most \
                         recent published estimates); use --query-boundary it for a \
                         servers-only figure."
                            .to_string(),
                    );
                    Boundary::Facility
                }
            };
            Energy {
                way: Way::Usage {
                    queries: if per_day {
                        given("--queries-per-day", &args.queries_per_day)
                    } else {
                        given("--queries", &args.queries)
                    },
                    per_day,
                    days,
                    per_query: Some(
                        flag("--energy-per-query", &args.energy_per_query)
                            .ok_or_else(|| missing(way, "--energy-per-query"))?,
                    ),
                },
                boundary,
            }
        }
        None => {
            return Err(InputError::flag(ENERGY_FLAGS, "no energy source given")
                .hint(
                    "give exactly one of: --it-energy Q, --facility-energy Q, \
                     --it-power P --hours H, --accelerators N --accelerator-power P --hours H, \
                     --gpu-hours N --accelerator-power P, --queries N --energy-per-query Q, \
                     --queries-per-day N --days D --energy-per-query Q, \
                     --active-params P --output-tokens N, --model NAME --output-tokens N (see \
                     `dcfoot estimate --help`)",
                )
                .into());
        }
    };
    Ok((source, notes))
}

/// The days over which daily `noun` (queries, requests) are counted: `--days`, else a year
/// for a daily count, else 1; the notes say which.
fn days_of(args: &EstimateArgs, per_day: bool, noun: &str, notes: &mut Vec<String>) -> Result<f64> {
    Ok(match (&args.days, per_day) {
        (Some(days), _) => {
            let days = parse_days(days)?;
            notes.push(format!(
                "the {noun} per day are counted over {} days (--days).",
                dcfoot::number::short_number(days)
            ));
            days
        }
        (None, true) => {
            notes.push(format!(
                "--days not given: the daily {noun} are counted over one year of 365 days."
            ));
            365.0
        }
        (None, false) => 1.0,
    })
}

/// The number of days of `--days`: a plain number of days (or a duration, `1yr`).
fn parse_days(text: &str) -> Result<f64> {
    let hours = dcfoot::units::parse_quantity(text, dcfoot::units::Dimension::Duration, "days")
        .map_err(|error| {
            InputError::flag("--days", format!("`{text}`: {error}"))
                .hint("a number of days, e.g. --days 365")
        })?;
    Ok(hours / 24.0)
}

/// Each value of the energy source as a distribution of its input.
fn parse_energy(source: &Energy<Option<FlagValue>>, datasets: &Datasets) -> Result<EnergySource> {
    let boundary = source.boundary;
    let way = source.way.map(|field, value| {
        value
            .as_ref()
            .map(|value| value.parse(estimate_name(field, boundary).1, datasets))
            .transpose()
    })?;
    Ok(Energy { way, boundary })
}

/// A factor's flag as a distribution of its input.
fn factor(
    name: &'static str,
    value: &Option<String>,
    def: &InputDef,
    datasets: &Datasets,
) -> Result<Option<Given>> {
    flag(name, value)
        .map(|value| value.parse(def, datasets))
        .transpose()
}

/// A per-query figure taken from a dataset row has the row's boundary: it replaces the
/// default (and its note), and a `--query-boundary` that contradicts it is refused.
fn row_boundary(
    energy: &mut EnergySource,
    explicit: bool,
    datasets: &Datasets,
    notes: &mut Vec<String>,
) -> Result<()> {
    let Way::Usage {
        per_query: Some(per_query),
        ..
    } = &energy.way
    else {
        return Ok(());
    };
    let Some(row) = per_query.row.as_deref().and_then(|id| datasets.get(id)) else {
        return Ok(());
    };
    let row_boundary = match row.key("boundary") {
        "it" => Boundary::It,
        "facility" => Boundary::Facility,
        _ => return Ok(()),
    };
    if explicit && row_boundary != energy.boundary {
        return Err(InputError::flag(
            "--query-boundary",
            format!(
                "`{}` is {} figure, but --query-boundary says otherwise",
                row.id,
                match row_boundary {
                    Boundary::It => "an IT-boundary (servers only)",
                    Boundary::Facility => "a facility-boundary (overhead included)",
                }
            ),
        )
        .hint("leave --query-boundary out: the row's boundary is used")
        .into());
    }
    if !explicit {
        notes.retain(|text| !text.starts_with("--query-boundary"));
    }
    energy.boundary = row_boundary;
    Ok(())
}

fn flag_error(flag: &str, error: dcfoot::model::grid::MixError) -> dcfoot::Error {
    let input = InputError::flag(flag, error.message);
    match error.hint {
        Some(hint) => input.hint(hint),
        None => input,
    }
    .into()
}

/// `--mix`, parsed.
fn mix_flag(text: &str) -> Result<(dcfoot::model::grid::Mix, String)> {
    dcfoot::model::grid::Mix::parse(text)
        .map(|mix| (mix, "--mix".to_string()))
        .map_err(|error| flag_error("--mix", error))
}

/// Runs `estimate`.
pub fn run(args: EstimateArgs) -> Result<()> {
    super::check_samples(args.samples)?;
    let (energy, notes) = energy_source(&args)?;
    let datasets = args.data.load()?;
    if let Some(year) = args.year
        && !(1900..=2100).contains(&year)
    {
        return Err(InputError::flag(
            "--year",
            format!("{year} is not a year between 1900 and 2100"),
        )
        .into());
    }
    let mut notes = notes;
    let energy = with_model(energy, &args, &datasets, &mut notes)?;
    let mut energy = parse_energy(&energy, &datasets)?;
    tokens::check_values(&mut energy, &datasets, &mut notes)?;
    row_boundary(
        &mut energy,
        args.query_boundary.is_some(),
        &datasets,
        &mut notes,
    )?;
    let place = place(&args, &datasets)?;
    let request = EstimateRequest {
        energy: Some(energy),
        factors: FactorSet {
            pue: factor("--pue", &args.pue, &vocab::PUE, &datasets)?,
            wue: factor("--wue", &args.wue, &vocab::WUE, &datasets)?,
            ewif: factor("--ewif", &args.ewif, &vocab::EWIF, &datasets)?,
            carbon_intensity: factor(
                "--carbon-intensity",
                &args.carbon_intensity,
                &vocab::CARBON,
                &datasets,
            )?,
        },
        place,
        config: McConfig {
            samples: args.samples,
            seed: args.seed,
        },
        advice: Some(advice),
        sensitivity: args.sensitivity,
        reference: factor("--share-of", &args.share_of, &vocab::REFERENCE, &datasets)?,
        mix: args
            .mix
            .as_deref()
            .filter(|text| text.contains('='))
            .map(mix_flag)
            .transpose()?,
        mix_region: args
            .mix
            .as_deref()
            .filter(|text| !text.contains('='))
            .map(|code| (code.trim().to_string(), "--mix".to_string())),
        hydro_allocation: args
            .hydro_allocation
            .as_deref()
            .map(|text| {
                dcfoot::model::grid::hydro_allocation(text)
                    .map_err(|error| flag_error("--hydro-allocation", error))
            })
            .transpose()?,
        embodied: args.embodied.request(
            args.accelerators.is_some() || args.gpu_hours.is_some() || args.output_tokens.is_some(),
            |name, text, def| factor(name, text, def, &datasets),
        )?,
    };
    let mut result = estimate(&request, &datasets)?;
    result.notes.splice(0..0, notes);
    let format = match args.format {
        FormatArg::Table => render::Format::Table,
        FormatArg::Csv => match CsvLocale::from(args.csv_locale) {
            CsvLocale::Default => render::Format::Csv,
            CsvLocale::Fr => render::Format::CsvFr,
        },
        FormatArg::Json => render::Format::Json,
    };
    super::print_bytes(&format.exporter().render(&result)?)
}

/// A stand-in for "given" in the list of energy sources.
const TOKENS: Option<String> = Some(String::new());

/// Whether a flag of the token method chooses it.
fn token_flags(args: &EstimateArgs) -> bool {
    args.output_tokens.is_some()
        || args.active_params.is_some()
        || args.active_share.is_some()
        || args.total_params.is_some()
        || args.model.is_some()
}

/// The flags that only the token method takes, and the ones it cannot take.
fn check_token_flags(args: &EstimateArgs, tokens: bool) -> Result<()> {
    if !tokens {
        let only = [
            (&args.input_tokens, "--input-tokens"),
            (&args.prefill_ratio, "--prefill-ratio"),
            (&args.batch_size, "--batch-size"),
            (&args.latency, "--latency"),
        ];
        if let Some((_, name)) = only.iter().find(|(value, _)| value.is_some()) {
            return Err(InputError::flag(
                name,
                format!("{name} needs --output-tokens and --active-params (or --model)"),
            )
            .into());
        }
    }
    if !tokens {
        return Ok(());
    }
    // (refused when, flag, message, hint), in the order they are checked.
    let refusals = [
        (
            args.energy_per_query.is_some(),
            "--energy-per-query",
            "conflicting energy sources: --energy-per-query and the token method \
             (--output-tokens, --active-params, --model)",
            "the token method computes the energy per request: leave --energy-per-query out",
        ),
        (
            args.query_boundary.is_some(),
            "--query-boundary",
            "--query-boundary needs --energy-per-query (the token method gives IT energy)",
            "leave --query-boundary out",
        ),
        (
            args.model.is_some()
                && (args.active_params.is_some()
                    || args.total_params.is_some()
                    || args.active_share.is_some()),
            "--model",
            "--model and --active-params/--active-share/--total-params both give the parameters",
            "give either --model NAME or --active-params P [--total-params P]",
        ),
        (
            args.active_share.is_some() && args.active_params.is_some(),
            "--active-share",
            "--active-share and --active-params both give the active parameters",
            "give either --active-params P, or --active-share S with --total-params P",
        ),
        (
            args.active_share.is_some() && args.total_params.is_none(),
            "--active-share",
            "--active-share needs --total-params (the share is of the total)",
            "e.g. --total-params 440B --active-share 10%..30%",
        ),
        (
            args.output_tokens.is_none(),
            "--output-tokens",
            "the token method needs --output-tokens (tokens generated per request)",
            "e.g. --output-tokens 400 for a one-page answer",
        ),
        (
            args.active_params.is_none() && args.model.is_none() && args.active_share.is_none(),
            "--active-params",
            "the token method needs --active-params (or --model NAME)",
            "e.g. --active-params 70B, or --model llama-3.1-70b (`dcfoot datasets show models`)",
        ),
    ];
    if let Some((_, flag, message, hint)) = refusals.iter().find(|refusal| refusal.0) {
        return Err(InputError::flag(flag, *message).hint(*hint).into());
    }
    if let Some(latency) = &args.latency {
        tokens::check_latency(latency)?;
    }
    Ok(())
}

/// The token method's energy source (the model's parameters are filled in by
/// [`with_model`] once the datasets are loaded).
fn token_source(args: &EstimateArgs, notes: &mut Vec<String>) -> Result<Energy<Option<FlagValue>>> {
    let per_day = args.queries_per_day.is_some();
    if args.queries.is_some() && per_day {
        return Err(InputError::flag(
            "--queries-per-day",
            "conflicting request counts: --queries and --queries-per-day",
        )
        .into());
    }
    let days = days_of(args, per_day, "requests", notes)?;
    let input_tokens = flag("--input-tokens", &args.input_tokens);
    let prefill_ratio = match (&input_tokens, &args.prefill_ratio) {
        (Some(_), Some(_)) => flag("--prefill-ratio", &args.prefill_ratio),
        // The default is the dataset row; its range is set by `tokens::check_values`.
        (Some(_), None) => Some(FlagValue::new("--prefill-ratio", PREFILL_ROW)),
        (None, Some(_)) => {
            return Err(InputError::flag(
                "--prefill-ratio",
                "--prefill-ratio needs --input-tokens",
            )
            .into());
        }
        (None, None) => None,
    };
    Ok(Energy {
        way: Way::Tokens {
            // The requests are counted by --queries (or --queries-per-day); one by default.
            requests: [
                flag("--queries", &args.queries),
                flag("--queries-per-day", &args.queries_per_day),
            ]
            .into_iter()
            .flatten()
            .next(),
            per_day,
            days,
            active_params: args
                .active_params
                .as_ref()
                .map(|text| Some(FlagValue::new("--active-params", text.clone()))),
            active_share: args
                .active_share
                .as_ref()
                .map(|text| Some(FlagValue::new("--active-share", text.clone()))),
            total_params: args
                .total_params
                .as_ref()
                .map(|text| Some(FlagValue::new("--total-params", text.clone()))),
            output_tokens: flag("--output-tokens", &args.output_tokens),
            batch_size: flag("--batch-size", &args.batch_size),
            input_tokens: input_tokens.map(Some),
            prefill_ratio: prefill_ratio.map(Some),
            latency: args
                .latency
                .as_ref()
                .map(|text| Some(FlagValue::new("--latency", text.clone()))),
        },
        boundary: Boundary::It,
    })
}

/// `--model NAME`: its dataset rows stand for the parameters; an unknown name is refused
/// with the closest one, an unpublished architecture is said.
fn with_model(
    mut energy: Energy<Option<FlagValue>>,
    args: &EstimateArgs,
    datasets: &Datasets,
    notes: &mut Vec<String>,
) -> Result<Energy<Option<FlagValue>>> {
    let (
        Some(name),
        Way::Tokens {
            active_params,
            total_params,
            ..
        },
    ) = (&args.model, &mut energy.way)
    else {
        return Ok(energy);
    };
    let rows = defaults::model(datasets, name).map_err(|unknown| {
        unknown_name(
            "--model",
            "model",
            name,
            unknown,
            "models with parameter counts",
        )
    })?;
    *active_params = Some(Some(FlagValue::new("--model", rows.active.id.clone())));
    *total_params = rows
        .total
        .map(|row| Some(FlagValue::new("--model", row.id.clone())));
    if !rows.published {
        notes.push(format!(
            "warning: the architecture of {name} is not published: its parameter counts are \
             estimates ({}), drawn over their range.",
            dcfoot::provenance::source_cell(&rows.active.sources)
        ));
    }
    Ok(energy)
}
