//! `dcfoot estimate`: one footprint from flags.

use clap::{Args, ValueEnum};
use dcfoot::estimate::{ENERGY_FLAGS, EnergySource, EstimateRequest, FlagValue, estimate};
use dcfoot::model::Boundary;
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
    /// Rated power per accelerator (e.g. 700W).
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

fn flag(name: &'static str, value: &Option<String>) -> Option<FlagValue> {
    value
        .as_ref()
        .map(|text| FlagValue::new(name, text.clone()))
}

/// Works out the single energy source from the flags, or says what is wrong.
fn energy_source(args: &EstimateArgs) -> Result<(EnergySource, Option<String>)> {
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
    let source = match ways.first().copied() {
        Some("--it-energy") => EnergySource::Energy {
            energy: FlagValue::new("--it-energy", args.it_energy.clone().unwrap_or_default()),
            boundary: Boundary::It,
        },
        Some("--facility-energy") => EnergySource::Energy {
            energy: FlagValue::new(
                "--facility-energy",
                args.facility_energy.clone().unwrap_or_default(),
            ),
            boundary: Boundary::Facility,
        },
        Some("--it-power") => EnergySource::Power {
            power: FlagValue::new("--it-power", args.it_power.clone().unwrap_or_default()),
            hours: flag("--hours", &args.hours).ok_or_else(|| missing("--it-power", "--hours"))?,
        },
        Some("--accelerators") => EnergySource::Hardware {
            accelerators: FlagValue::new(
                "--accelerators",
                args.accelerators.clone().unwrap_or_default(),
            ),
            power: flag("--accelerator-power", &args.accelerator_power)
                .ok_or_else(|| missing("--accelerators", "--accelerator-power"))?,
            hours: flag("--hours", &args.hours)
                .ok_or_else(|| missing("--accelerators", "--hours"))?,
            utilization: flag("--utilization", &args.utilization),
            host_overhead: flag("--host-overhead", &args.host_overhead),
            idle_share: flag("--idle-share", &args.idle_share),
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
            EnergySource::Usage {
                queries: FlagValue::new("--queries", args.queries.clone().unwrap_or_default()),
                per_query: flag("--energy-per-query", &args.energy_per_query)
                    .ok_or_else(|| missing("--queries", "--energy-per-query"))?,
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

/// Runs `estimate`.
pub fn run(args: EstimateArgs) -> Result<()> {
    super::check_samples(args.samples)?;
    let (energy, note) = energy_source(&args)?;
    let datasets = args.data.load()?;
    let request = EstimateRequest {
        energy: Some(energy),
        pue: flag("--pue", &args.pue),
        wue: flag("--wue", &args.wue),
        ewif: flag("--ewif", &args.ewif),
        carbon_intensity: flag("--carbon-intensity", &args.carbon_intensity),
        region: args.region.clone(),
        operator: args.operator.clone(),
        site: args.site.clone(),
        year: args.year,
        config: McConfig {
            samples: args.samples,
            seed: args.seed,
        },
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
