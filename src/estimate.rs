//! One footprint from command-line values: the library side of `dcfoot estimate`.
//!
//! An [`EstimateRequest`] holds the raw text of each value together with the flag it came
//! from, so every parsing or validation error names the flag. [`estimate`] turns it into a
//! [`Plan`] (taking missing factors from the datasets with `--region` and `--operator`; an
//! explicit flag always wins), runs it and returns the inputs with their provenance, the
//! indicators, and the notes a reader needs (boundary conversions, unconfirmed figures, what
//! was left out and why).

use crate::data::{Datasets, Row, Verification};
use crate::dist::{Dist, spec};
use crate::error::{InputError, Result};
use crate::model::{Boundary, EnergyPlan, Indicator, Input, Plan, Role, Series, WaterBasis};
use crate::uncertainty::mc::{self, Extras, McConfig, Outcome};
use crate::units::Dimension;

/// A value as typed by the user, with the flag it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagValue {
    /// The flag, e.g. `--pue`.
    pub flag: &'static str,
    /// The text given.
    pub text: String,
}

impl FlagValue {
    /// A value of a flag.
    pub fn new(flag: &'static str, text: impl Into<String>) -> Self {
        FlagValue {
            flag,
            text: text.into(),
        }
    }
}

/// The energy source of an estimate: exactly one way of DESIGN.md §1.
#[derive(Debug, Clone, PartialEq)]
pub enum EnergySource {
    /// An energy at a boundary (`--it-energy` / `--facility-energy`).
    Energy {
        /// The energy.
        energy: FlagValue,
        /// Its boundary.
        boundary: Boundary,
    },
    /// `--it-power P --hours H`.
    Power {
        /// IT power.
        power: FlagValue,
        /// Hours.
        hours: FlagValue,
    },
    /// `--accelerators N --accelerator-power P --hours H [...]`.
    Hardware {
        /// Number of accelerators.
        accelerators: FlagValue,
        /// Rated power per accelerator.
        power: FlagValue,
        /// Hours.
        hours: FlagValue,
        /// Mean utilisation (fraction of rated power); 1 if not given.
        utilization: Option<FlagValue>,
        /// Host overhead factor; 1 if not given.
        host_overhead: Option<FlagValue>,
        /// Idle share of IT energy; 0 if not given.
        idle_share: Option<FlagValue>,
    },
    /// `--queries N --energy-per-query Q [--query-boundary it|facility]`.
    Usage {
        /// Number of queries.
        queries: FlagValue,
        /// Energy per query.
        per_query: FlagValue,
        /// Boundary of the per-query figure.
        boundary: Boundary,
    },
}

impl EnergySource {
    /// The flag that chose this energy source (`--it-energy`, `--queries` …).
    pub fn flag(&self) -> &'static str {
        match self {
            EnergySource::Energy { energy, .. } => energy.flag,
            EnergySource::Power { power, .. } => power.flag,
            EnergySource::Hardware { accelerators, .. } => accelerators.flag,
            EnergySource::Usage { queries, .. } => queries.flag,
        }
    }
}

/// The flags that each choose an energy source, for the message when none is given.
pub const ENERGY_FLAGS: &str = "--it-energy/--facility-energy/--it-power/--accelerators/--queries";

/// Everything `estimate` needs, clap-free.
#[derive(Debug, Clone, Default)]
pub struct EstimateRequest {
    /// The energy source (None is an error, reported with the list of ways).
    pub energy: Option<EnergySource>,
    /// `--pue`.
    pub pue: Option<FlagValue>,
    /// `--wue`.
    pub wue: Option<FlagValue>,
    /// `--ewif`.
    pub ewif: Option<FlagValue>,
    /// `--carbon-intensity`.
    pub carbon_intensity: Option<FlagValue>,
    /// `--region`: EWIF and carbon intensity defaults.
    pub region: Option<String>,
    /// `--operator`: PUE and WUE defaults.
    pub operator: Option<String>,
    /// `--site`: a site of the operator (default `fleet`).
    pub site: Option<String>,
    /// `--year`: the latest data not after this year.
    pub year: Option<i32>,
    /// Monte Carlo settings.
    pub config: McConfig,
}

/// An input as reported back to the user.
#[derive(Debug, Clone)]
pub struct ReportedInput {
    /// Stable name (`pue`, `it_energy` …), the key of the JSON `inputs` object.
    pub name: String,
    /// Label for tables.
    pub label: String,
    /// Central value in `unit`.
    pub central: f64,
    /// The distribution in words (None when fixed).
    pub distribution: Option<String>,
    /// Unit symbol.
    pub unit: &'static str,
    /// What it measures (to pick a readable display unit).
    pub dimension: Dimension,
    /// `flag`, `dataset` or `default`.
    pub source: String,
    /// The flag or dataset row it came from.
    pub detail: String,
    /// Source ids from the bibliography.
    pub source_ids: Vec<String>,
    /// Verification status of a dataset value.
    pub verification: Option<Verification>,
}

/// The result of an estimate.
#[derive(Debug, Clone)]
pub struct EstimateResult {
    /// Inputs with provenance.
    pub inputs: Vec<ReportedInput>,
    /// Factors that are missing (name, why it matters).
    pub missing: Vec<(String, String)>,
    /// Indicator summaries.
    pub outcome: Outcome,
    /// Indicators left out, with the reason.
    pub omitted: Vec<(Indicator, String)>,
    /// Notes for the reader.
    pub notes: Vec<String>,
    /// Whether any input is uncertain (then mean and percentiles are meaningful).
    pub uncertain: bool,
    /// The Monte Carlo settings used.
    pub config: McConfig,
    /// Checksum of the datasets used.
    pub datasets_checksum: String,
}

/// How an input is parsed and bounded.
struct InputKind {
    role: Role,
    name: &'static str,
    label: &'static str,
    dimension: Dimension,
    default_unit: &'static str,
    show_unit: &'static str,
    lower: f64,
    upper: f64,
}

const fn kind(
    name: &'static str,
    label: &'static str,
    dimension: Dimension,
    default_unit: &'static str,
    show_unit: &'static str,
    lower: f64,
    upper: f64,
) -> InputKind {
    InputKind {
        role: Role::Energy,
        name,
        label,
        dimension,
        default_unit,
        show_unit,
        lower,
        upper,
    }
}

impl InputKind {
    /// The same kind feeding another role.
    const fn feeding(mut self, role: Role) -> Self {
        self.role = role;
        self
    }
}

const INF: f64 = f64::INFINITY;
const PUE: InputKind =
    kind("pue", "PUE", Dimension::Ratio, "ratio", "ratio", 1.0, INF).feeding(Role::Pue);
const WUE: InputKind = kind(
    "wue",
    "on-site WUE",
    Dimension::WaterIntensity,
    "L/kWh",
    "L/kWh",
    0.0,
    INF,
)
.feeding(Role::Wue);
const EWIF: InputKind = kind(
    "ewif",
    "EWIF (off-site)",
    Dimension::WaterIntensity,
    "L/kWh",
    "L/kWh",
    0.0,
    INF,
)
.feeding(Role::Ewif);
const CARBON: InputKind = kind(
    "carbon_intensity",
    "carbon intensity",
    Dimension::CarbonIntensity,
    "gCO2e/kWh",
    "gCO2e/kWh",
    0.0,
    INF,
)
.feeding(Role::CarbonIntensity);

fn show_scale(kind: &InputKind) -> f64 {
    crate::units::unit_factor(kind.show_unit, kind.dimension)
        .map(|scale| 1.0 / scale.factor())
        .unwrap_or(1.0)
}

/// Builds the plan and runs it.
pub fn estimate(request: &EstimateRequest, datasets: &Datasets) -> Result<EstimateResult> {
    let mut builder = Builder {
        inputs: Vec::new(),
        reported: Vec::new(),
        notes: Vec::new(),
    };
    if let Some(year) = request.year
        && !(1900..=2100).contains(&year)
    {
        return Err(InputError::flag(
            "--year",
            format!("{year} is not a year between 1900 and 2100"),
        )
        .into());
    }
    let energy_source = request.energy.as_ref().ok_or_else(|| {
        InputError::flag(ENERGY_FLAGS, "no energy source given").hint(
            "give exactly one of: --it-energy Q, --facility-energy Q, --it-power P --hours H, \
                 --accelerators N --accelerator-power P --hours H, \
                 --queries N --energy-per-query Q",
        )
    })?;
    let (energy, boundary) = builder.energy(energy_source)?;

    if let Some(region) = &request.region
        && datasets.region(region).is_none()
    {
        let known = datasets.grid_regions();
        let suggestion = crate::text::did_you_mean(&region.to_uppercase(), known.iter().copied());
        return Err(
            InputError::flag("--region", format!("unknown region `{region}`"))
                .hint(format!(
                    "{suggestion}regions with grid factors: {}",
                    known.join(", ")
                ))
                .into(),
        );
    }
    if let Some(operator) = &request.operator {
        let operators = datasets.operators();
        if !operators
            .iter()
            .any(|known| known.eq_ignore_ascii_case(operator))
        {
            let suggestion =
                crate::text::did_you_mean(&operator.to_lowercase(), operators.iter().copied());
            return Err(
                InputError::flag("--operator", format!("unknown operator `{operator}`"))
                    .hint(format!(
                        "{suggestion}known operators: {}",
                        operators.join(", ")
                    ))
                    .into(),
            );
        }
        if let Some(site) = &request.site {
            let sites = datasets.sites(operator);
            if !sites.iter().any(|known| known.eq_ignore_ascii_case(site)) {
                return Err(InputError::flag(
                    "--site",
                    format!("`{operator}` has no site `{site}`"),
                )
                .hint(format!("sites of {operator}: {}", sites.join(", ")))
                .into());
            }
        }
    } else if request.site.is_some() {
        return Err(InputError::flag("--site", "--site needs --operator").into());
    }

    let mut missing = Vec::new();
    let mut onsite_basis = WaterBasis::Consumption;

    let pue = builder.factor(
        &PUE,
        request.pue.as_ref(),
        request.operator.as_ref().and_then(|operator| {
            datasets.efficiency(operator, request.site.as_deref(), "pue", request.year)
        }),
    )?;
    let wue_row = request.operator.as_ref().and_then(|operator| {
        datasets.efficiency(operator, request.site.as_deref(), "wue", request.year)
    });
    if request.wue.is_none()
        && let Some(row) = wue_row
        && row.key("basis") == "withdrawal"
    {
        onsite_basis = WaterBasis::Withdrawal;
        builder.notes.push(format!(
            "{}'s WUE ({}) is a withdrawal figure: on-site water is water withdrawn, and it is \
             not added to off-site water (a consumption figure).",
            row.key("operator"),
            row.id
        ));
    }
    let wue = builder.factor(&WUE, request.wue.as_ref(), wue_row)?;
    let (ewif_row, ewif_fallback) = grid_row(datasets, request, "ewif");
    let ewif = builder.factor(&EWIF, request.ewif.as_ref(), ewif_row)?;
    let (ci_row, ci_fallback) = grid_row(datasets, request, "carbon_intensity");
    let carbon_intensity = builder.factor(&CARBON, request.carbon_intensity.as_ref(), ci_row)?;
    for (used, fallback, what) in [
        (
            ewif.is_some() && request.ewif.is_none(),
            ewif_fallback,
            "EWIF",
        ),
        (
            carbon_intensity.is_some() && request.carbon_intensity.is_none(),
            ci_fallback,
            "carbon intensity",
        ),
    ] {
        if used && let Some((region, parent)) = fallback {
            builder.notes.push(format!(
                "no {what} for {region} in the datasets: the value of {parent} (its parent \
                 region) is used."
            ));
        }
    }

    for (present, kind, hint) in [
        (pue.is_some(), &PUE, "--pue X or --operator NAME"),
        (wue.is_some(), &WUE, "--wue L_PER_KWH or --operator NAME"),
        (ewif.is_some(), &EWIF, "--ewif L_PER_KWH or --region CODE"),
        (
            carbon_intensity.is_some(),
            &CARBON,
            "--carbon-intensity G_PER_KWH or --region CODE",
        ),
    ] {
        if !present {
            missing.push((kind.label.to_string(), format!("not given (use {hint})")));
        }
    }

    if boundary == Boundary::Facility
        && let Some(pue_index) = pue
        && let EnergySource::Usage { per_query, .. } = energy_source
    {
        builder.notes.push(format!(
            "{} is a facility-boundary figure (it already includes the data centre overhead): it \
             is not multiplied by PUE again; IT energy = facility energy / PUE ({}) is used only \
             for on-site water.",
            per_query.flag,
            dist_words(&builder.inputs[pue_index].dist)
        ));
    }
    if boundary == Boundary::Facility
        && pue.is_some()
        && matches!(energy_source, EnergySource::Energy { .. })
    {
        builder.notes.push(
            "facility energy is divided by PUE to get IT energy (on-site WUE is per kWh of IT \
             energy)."
                .into(),
        );
    }

    let plan = Plan {
        inputs: builder.inputs,
        energy,
        boundary,
        pue: pue.map(Series::Constant),
        wue: wue.map(Series::Constant),
        ewif: ewif.map(Series::Constant),
        carbon_intensity: carbon_intensity.map(Series::Constant),
        reference: None,
        onsite_basis,
        years: None,
    };
    let omitted: Vec<(Indicator, String)> = Indicator::ALL
        .into_iter()
        .filter(|indicator| *indicator != Indicator::Share)
        .filter_map(|indicator| plan.missing_reason(indicator).map(|why| (indicator, why)))
        .collect();
    let uncertain = plan.inputs.iter().any(Input::is_uncertain);
    let outcome = mc::run(&plan, request.config, &Extras::default());
    if let Some((indicator, _)) = outcome.first_non_finite() {
        let given: Vec<String> = builder
            .reported
            .iter()
            .filter(|input| input.source == "flag")
            .map(|input| {
                format!(
                    "{} {} {}",
                    input.detail,
                    crate::number::short_number(input.central),
                    input.unit
                )
            })
            .collect();
        return Err(InputError::flag(
            energy_source.flag(),
            format!(
                "{} is too large to compute: the result is not a finite number",
                indicator.short()
            ),
        )
        .hint(format!(
            "check the sizes and units of the values ({})",
            given.join(", ")
        ))
        .into());
    }
    if builder
        .reported
        .iter()
        .any(|input| input.verification == Some(Verification::Unconfirmed))
    {
        builder.notes.push(
            "some dataset values are marked unconfirmed (seen only second-hand): check them \
             before publishing (`dcfoot datasets show` lists their notes)."
                .into(),
        );
    }
    Ok(EstimateResult {
        inputs: builder.reported,
        missing,
        outcome,
        omitted,
        notes: builder.notes,
        uncertain,
        config: request.config,
        datasets_checksum: datasets.checksum().to_string(),
    })
}

/// The grid row of the region for a factor, falling back to the parent region; also returns
/// (region, parent) when the fallback was used.
fn grid_row<'a>(
    datasets: &'a Datasets,
    request: &EstimateRequest,
    factor: &str,
) -> (Option<&'a Row>, Option<(String, String)>) {
    let Some(region) = &request.region else {
        return (None, None);
    };
    if let Some(row) = datasets.grid_factor(region, factor, request.year) {
        return (Some(row), None);
    }
    let mut current = datasets.region(region).and_then(|r| r.parent.clone());
    while let Some(parent) = current {
        if let Some(row) = datasets.grid_factor(&parent, factor, request.year) {
            return (Some(row), Some((region.to_uppercase(), parent)));
        }
        current = datasets.region(&parent).and_then(|r| r.parent.clone());
    }
    (None, None)
}

fn dist_words(dist: &Dist) -> String {
    dist.describe()
}

struct Builder {
    inputs: Vec<Input>,
    reported: Vec<ReportedInput>,
    notes: Vec<String>,
}

impl Builder {
    /// Parses a flag value into an input; returns its index.
    fn flag_input(&mut self, kind: &InputKind, value: &FlagValue) -> Result<usize> {
        let dist = spec::parse_dist(&value.text, kind.dimension, kind.default_unit)
            .and_then(|dist| dist.within(kind.lower, kind.upper))
            .map_err(|message| {
                let hint = if kind.name == "pue" {
                    "PUE is facility energy / IT energy, so it is at least 1 (typical: 1.1 to 1.6)"
                        .to_string()
                } else {
                    format!("write {}", spec::SYNTAX_HELP)
                };
                InputError::flag(value.flag, format!("`{}`: {message}", value.text)).hint(hint)
            })?;
        Ok(self.push(kind, dist, "flag", value.flag.to_string(), vec![], None))
    }

    fn push(
        &mut self,
        kind: &InputKind,
        dist: Dist,
        source: &str,
        detail: String,
        source_ids: Vec<String>,
        verification: Option<Verification>,
    ) -> usize {
        let scale = show_scale(kind);
        self.reported.push(ReportedInput {
            name: kind.name.to_string(),
            label: kind.label.to_string(),
            central: dist.central() * scale,
            distribution: (!dist.is_fixed()).then(|| dist.scaled(scale).describe()),
            unit: kind.show_unit,
            dimension: kind.dimension,
            source: source.to_string(),
            detail: detail.clone(),
            source_ids: source_ids.clone(),
            verification,
        });
        self.inputs.push(Input {
            key: kind.name.to_string(),
            label: kind.label.to_string(),
            dist,
            unit: kind.show_unit,
            show_scale: scale,
            sources: source_ids,
            origin: format!("{source} {detail}"),
            is_level: false,
            label_fr: kind.label.to_string(),
            role: kind.role,
            verification,
        });
        self.inputs.len() - 1
    }

    fn fixed(&mut self, kind: &InputKind, value: f64) -> usize {
        // Constructing a fixed finite value cannot fail.
        let dist = Dist::Fixed(value);
        self.push(kind, dist, "default", "default".into(), vec![], None)
    }

    /// A factor from its flag, else from a dataset row; None when neither exists.
    fn factor(
        &mut self,
        kind: &InputKind,
        flag: Option<&FlagValue>,
        row: Option<&Row>,
    ) -> Result<Option<usize>> {
        if let Some(value) = flag {
            return self.flag_input(kind, value).map(Some);
        }
        let Some(row) = row else {
            return Ok(None);
        };
        let dist = row
            .as_dist()
            .within(kind.lower, kind.upper)
            .map_err(|message| InputError::new(format!("dataset row `{}`: {message}", row.id)))?;
        let detail = format!(
            "{}:{} ({}{})",
            row.table.name(),
            row.id,
            row.year.map_or(String::new(), |year| format!("{year}, ")),
            row.scope
        );
        Ok(Some(self.push(
            kind,
            dist,
            "dataset",
            detail,
            row.sources.clone(),
            Some(row.verification),
        )))
    }

    fn energy(&mut self, source: &EnergySource) -> Result<(EnergyPlan, Boundary)> {
        const ENERGY_IT: InputKind = kind(
            "it_energy",
            "IT energy",
            Dimension::Energy,
            "kWh",
            "kWh",
            0.0,
            INF,
        );
        const ENERGY_FACILITY: InputKind = kind(
            "facility_energy",
            "facility energy",
            Dimension::Energy,
            "kWh",
            "kWh",
            0.0,
            INF,
        );
        const POWER: InputKind = kind(
            "it_power",
            "IT power",
            Dimension::Power,
            "kW",
            "kW",
            0.0,
            INF,
        );
        const LOAD_FACTOR: InputKind = kind(
            "load_factor",
            "load factor",
            Dimension::Ratio,
            "ratio",
            "ratio",
            0.0,
            1.0,
        );
        const HOURS: InputKind = kind("hours", "hours", Dimension::Duration, "h", "h", 0.0, INF);
        const COUNT: InputKind = kind(
            "accelerators",
            "accelerators",
            Dimension::Count,
            "count",
            "count",
            0.0,
            INF,
        );
        const ACCELERATOR_POWER: InputKind = kind(
            "accelerator_power",
            "power per accelerator",
            Dimension::Power,
            "kW",
            "W",
            0.0,
            INF,
        );
        const UTILIZATION: InputKind = kind(
            "utilization",
            "mean utilisation",
            Dimension::Ratio,
            "ratio",
            "ratio",
            0.0,
            1.0,
        );
        const OVERHEAD: InputKind = kind(
            "host_overhead",
            "host overhead factor",
            Dimension::Ratio,
            "ratio",
            "ratio",
            1.0,
            INF,
        );
        const IDLE: InputKind = kind(
            "idle_share",
            "idle share",
            Dimension::Ratio,
            "ratio",
            "ratio",
            0.0,
            0.99,
        );
        const QUERIES: InputKind = kind(
            "queries",
            "queries",
            Dimension::Count,
            "count",
            "count",
            0.0,
            INF,
        );
        const PER_QUERY: InputKind = kind(
            "energy_per_query",
            "energy per query",
            Dimension::Energy,
            "Wh",
            "Wh",
            0.0,
            INF,
        );
        Ok(match source {
            EnergySource::Energy { energy, boundary } => {
                let kind = match boundary {
                    Boundary::It => &ENERGY_IT,
                    Boundary::Facility => &ENERGY_FACILITY,
                };
                let index = self.flag_input(kind, energy)?;
                (
                    EnergyPlan::Direct {
                        energy: Series::Constant(index),
                    },
                    *boundary,
                )
            }
            EnergySource::Power { power, hours } => {
                let power = self.flag_input(&POWER, power)?;
                let hours = self.flag_input(&HOURS, hours)?;
                let load_factor = self.fixed(&LOAD_FACTOR, 1.0);
                (
                    EnergyPlan::Power {
                        power: Series::Constant(power),
                        hours: Series::Constant(hours),
                        load_factor: Series::Constant(load_factor),
                    },
                    Boundary::It,
                )
            }
            EnergySource::Hardware {
                accelerators,
                power,
                hours,
                utilization,
                host_overhead,
                idle_share,
            } => {
                let accelerators = self.flag_input(&COUNT, accelerators)?;
                let power = self.flag_input(&ACCELERATOR_POWER, power)?;
                let hours = self.flag_input(&HOURS, hours)?;
                let utilization = match utilization {
                    Some(value) => self.flag_input(&UTILIZATION, value)?,
                    None => self.fixed(&UTILIZATION, 1.0),
                };
                let host_overhead = match host_overhead {
                    Some(value) => self.flag_input(&OVERHEAD, value)?,
                    None => self.fixed(&OVERHEAD, 1.0),
                };
                let idle_share = match idle_share {
                    Some(value) => self.flag_input(&IDLE, value)?,
                    None => self.fixed(&IDLE, 0.0),
                };
                (
                    EnergyPlan::Hardware {
                        accelerators: Series::Constant(accelerators),
                        power: Series::Constant(power),
                        utilization: Series::Constant(utilization),
                        hours: Series::Constant(hours),
                        host_overhead: Series::Constant(host_overhead),
                        idle_share: Series::Constant(idle_share),
                    },
                    Boundary::It,
                )
            }
            EnergySource::Usage {
                queries,
                per_query,
                boundary,
            } => {
                let queries = self.flag_input(&QUERIES, queries)?;
                let per_query = self.flag_input(&PER_QUERY, per_query)?;
                (
                    EnergyPlan::Usage {
                        queries: Series::Constant(queries),
                        per_query: Series::Constant(per_query),
                        multiplier: 1.0,
                    },
                    *boundary,
                )
            }
        })
    }
}
