//! `dcfoot estimate`: one footprint from flags.

use clap::{Args, ValueEnum};
use dcfoot::defaults::{self, Place, Unknown};
use dcfoot::dist::spec;
use dcfoot::estimate::{EnergySource, EstimateRequest, Given, estimate, estimate_name};
use dcfoot::model::vocab::{self, FactorSet, InputDef};
use dcfoot::model::{Boundary, Energy, Way};
use dcfoot::output::estimate as render;
use dcfoot::uncertainty::McConfig;
use dcfoot::uncertainty::mc::{DEFAULT_SAMPLES, DEFAULT_SEED};
use dcfoot::{InputError, Result};

use super::DataArgs;

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
  # a 10 MW IT load for a year, as JSON
  dcfoot estimate --it-power 10MW --hours 8760 --operator industry --region IE --format json"
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
    /// Energy per query (a bare number is Wh).
    #[arg(long, value_name = "Q", allow_hyphen_values = true)]
    energy_per_query: Option<String>,
    /// Boundary of the per-query figure: `facility` (it already includes data-centre overhead,
    /// like Google's 0.24 Wh) or `it` (servers only, like Li et al.'s 4 Wh).
    #[arg(long, value_enum, value_name = "B")]
    query_boundary: Option<BoundaryArg>,
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
    /// Monte Carlo draws (used when a value is a distribution).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLES, allow_negative_numbers = true)]
    samples: usize,
    /// Seed of the random streams.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED, allow_negative_numbers = true)]
    seed: u64,
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
const ENERGY_FLAGS: &str = "--it-energy/--facility-energy/--it-power/--accelerators/--queries";

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

    /// The value as a distribution of `def`, in base units, within its bounds.
    fn parse(&self, def: &InputDef) -> Result<Given> {
        let dist = spec::parse_dist(&self.text, def.dimension, def.unit)
            .and_then(|dist| dist.within(def.lower, def.upper))
            .map_err(|message| {
                let hint = if def.key == vocab::PUE.key {
                    def.bounds_hint().to_string()
                } else {
                    format!("write {}", spec::SYNTAX_HELP)
                };
                InputError::flag(self.flag, format!("`{}`: {message}", self.text)).hint(hint)
            })?;
        Ok(Given::new(dist, self.flag))
    }
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
fn energy_source(args: &EstimateArgs) -> Result<(Energy<Option<FlagValue>>, Option<String>)> {
    let mut ways: Vec<&str> = Vec::new();
    if args.it_energy.is_some() {
        ways.push("--it-energy");
    }
    if args.facility_energy.is_some() {
        ways.push("--facility-energy");
    }
    if args.it_power.is_some() {
        ways.push("--it-power");
    }
    if args.accelerators.is_some() {
        ways.push("--accelerators");
    }
    if args.queries.is_some() {
        ways.push("--queries");
    }
    let needs = |present: bool, flag: &str, needed: &str| -> Result<()> {
        if present {
            return Err(InputError::flag(flag, format!("{flag} needs {needed}")).into());
        }
        Ok(())
    };
    needs(
        args.hours.is_some() && args.it_power.is_none() && args.accelerators.is_none(),
        "--hours",
        "--it-power or --accelerators",
    )?;
    let hardware_only = [
        ("--accelerator-power", args.accelerator_power.is_some()),
        ("--utilization", args.utilization.is_some()),
        ("--host-overhead", args.host_overhead.is_some()),
        ("--idle-share", args.idle_share.is_some()),
    ];
    for (name, present) in hardware_only {
        needs(
            present && args.accelerators.is_none(),
            name,
            "--accelerators",
        )?;
    }
    needs(
        args.energy_per_query.is_some() && args.queries.is_none(),
        "--energy-per-query",
        "--queries",
    )?;
    needs(
        args.query_boundary.is_some() && args.queries.is_none(),
        "--query-boundary",
        "--queries and --energy-per-query",
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
    let mut note = None;
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
                load_factor: None,
            },
            boundary: Boundary::It,
        },
        Some("--accelerators") => Energy {
            way: Way::Hardware {
                accelerators: given("--accelerators", &args.accelerators),
                accelerator_hours: false,
                power: Some(
                    flag("--accelerator-power", &args.accelerator_power)
                        .ok_or_else(|| missing("--accelerators", "--accelerator-power"))?,
                ),
                hours: Some(
                    flag("--hours", &args.hours)
                        .ok_or_else(|| missing("--accelerators", "--hours"))?,
                ),
                utilization: flag("--utilization", &args.utilization),
                host_overhead: flag("--host-overhead", &args.host_overhead),
                idle_share: flag("--idle-share", &args.idle_share),
            },
            boundary: Boundary::It,
        },
        Some(_) => {
            let boundary = match args.query_boundary {
                Some(BoundaryArg::It) => Boundary::It,
                Some(BoundaryArg::Facility) => Boundary::Facility,
                None => {
                    note = Some(
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
                    queries: given("--queries", &args.queries),
                    per_day: false,
                    days: 1.0,
                    per_query: Some(
                        flag("--energy-per-query", &args.energy_per_query)
                            .ok_or_else(|| missing("--queries", "--energy-per-query"))?,
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
                     --queries N --energy-per-query Q (see `dcfoot estimate --help`)",
                )
                .into());
        }
    };
    Ok((source, note))
}

/// Each value of the energy source as a distribution of its input.
fn parse_energy(source: &Energy<Option<FlagValue>>) -> Result<EnergySource> {
    let boundary = source.boundary;
    let way = source.way.map(|field, value| {
        value
            .as_ref()
            .map(|value| value.parse(estimate_name(field, boundary).1))
            .transpose()
    })?;
    Ok(Energy { way, boundary })
}

/// A factor's flag as a distribution of its input.
fn factor(name: &'static str, value: &Option<String>, def: &InputDef) -> Result<Option<Given>> {
    flag(name, value).map(|value| value.parse(def)).transpose()
}

/// Runs `estimate`.
pub fn run(args: EstimateArgs) -> Result<()> {
    super::check_samples(args.samples)?;
    let (energy, note) = energy_source(&args)?;
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
    let energy = parse_energy(&energy)?;
    let place = place(&args, &datasets)?;
    let request = EstimateRequest {
        energy: Some(energy),
        factors: FactorSet {
            pue: factor("--pue", &args.pue, &vocab::PUE)?,
            wue: factor("--wue", &args.wue, &vocab::WUE)?,
            ewif: factor("--ewif", &args.ewif, &vocab::EWIF)?,
            carbon_intensity: factor("--carbon-intensity", &args.carbon_intensity, &vocab::CARBON)?,
        },
        place,
        config: McConfig {
            samples: args.samples,
            seed: args.seed,
        },
        advice: Some(advice),
    };
    let mut result = estimate(&request, &datasets)?;
    if let Some(note) = note {
        result.notes.insert(0, note);
    }
    let format = match args.format {
        FormatArg::Table => render::Format::Table,
        FormatArg::Csv => render::Format::Csv,
        FormatArg::Json => render::Format::Json,
    };
    super::print_bytes(&format.exporter().render(&result)?)
}
