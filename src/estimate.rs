//! One footprint from given values: the library side of `dcfoot estimate`.
//!
//! An [`EstimateRequest`] holds typed values (distributions in base units), each with where
//! the caller got it (the command line says which flag), and a [`Place`] already checked
//! against the datasets. [`estimate`] turns it into a [`Plan`] (taking missing factors from
//! the datasets; a given value always wins), runs it and returns the inputs with their
//! provenance, the indicators, and the notes a reader needs (boundary conversions, parent
//! regions, unconfirmed figures, what was left out and why).

use crate::data::{Datasets, Row, Verification};
use crate::defaults::Place;
use crate::dist::Dist;
use crate::error::{InputError, Result};
use crate::model::vocab::{self, FactorSet, WUE};
use crate::model::{
    Boundary, Builder, Energy, Field, Indicator, Input, InputDef, Plan, Series, SeriesSpec,
    ValueSpec, WaterBasis, Way,
};
use crate::uncertainty::mc::{self, Extras, McConfig, Outcome};
use crate::units::Dimension;

/// A value given by the caller, in base units, with where it came from (`--pue`).
#[derive(Debug, Clone)]
pub struct Given {
    /// The value.
    pub dist: Dist,
    /// Where it came from, as the caller names it (a flag, a field).
    pub from: String,
    /// The id of the dataset row the value was taken from, when the caller named a row:
    /// its sources, year and verification then follow the value into the output.
    pub row: Option<String>,
}

impl Given {
    /// A given value.
    pub fn new(dist: Dist, from: impl Into<String>) -> Self {
        Given {
            dist,
            from: from.into(),
            row: None,
        }
    }

    /// The value of a dataset row, named by the caller (`--pue google-pue-fleet-2024`).
    pub fn row(row: &Row, from: impl Into<String>) -> Self {
        Given {
            dist: row.as_dist(),
            from: from.into(),
            row: Some(row.id.clone()),
        }
    }
}

/// The energy source of an estimate: exactly one way of DESIGN.md §1, each quantity given or
/// left to its default (utilisation, host overhead and load factor 1, idle share 0).
pub type EnergySource = Energy<Option<Given>>;

/// How to give a missing factor, in the caller's words (`--wue L_PER_KWH or --operator NAME`).
pub type Advice = fn(&'static InputDef) -> String;

/// Everything `estimate` needs, clap-free.
#[derive(Debug, Clone, Default)]
pub struct EstimateRequest {
    /// The energy source (None is an error).
    pub energy: Option<EnergySource>,
    /// The factors given (the others come from the datasets, or are missing).
    pub factors: FactorSet<Option<Given>>,
    /// Where the factors' defaults come from (region, operator, site, year).
    pub place: Place,
    /// Monte Carlo settings.
    pub config: McConfig,
    /// How to give a missing factor (the keys of [`vocab`] when None).
    pub advice: Option<Advice>,
    /// Whether to compute the tornado swings of the uncertain inputs.
    pub sensitivity: bool,
    /// A reference consumption (a country's electricity): the facility energy is then also
    /// given as a share of it.
    pub reference: Option<Given>,
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

impl ReportedInput {
    fn of(input: &Input, def: &InputDef) -> Self {
        let (source, detail) = input.origin.split_once(' ').unwrap_or((&input.origin, ""));
        ReportedInput {
            name: input.key.clone(),
            label: input.label.clone(),
            central: input.dist.central() * input.show_scale,
            distribution: (!input.dist.is_fixed())
                .then(|| input.dist.scaled(input.show_scale).describe()),
            unit: input.unit,
            dimension: def.dimension,
            source: source.to_string(),
            detail: detail.to_string(),
            source_ids: input.sources.clone(),
            verification: input.verification,
        }
    }
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

/// The input key and definition of a quantity of an estimate's energy way: the energy is
/// named by its boundary, the power is IT power.
pub fn estimate_name(field: Field, boundary: Boundary) -> (String, &'static InputDef) {
    let def = match (field.name, boundary) {
        ("energy", Boundary::It) => &vocab::IT_ENERGY,
        ("energy", Boundary::Facility) => &vocab::FACILITY_ENERGY,
        _ => field.def,
    };
    let key = if field.name == "power" {
        "it_power"
    } else {
        def.key
    };
    (key.to_string(), def)
}

/// A given value checked against its bounds; a named dataset row keeps its sources.
fn given_value(given: &Given, def: &InputDef, datasets: &Datasets) -> Result<ValueSpec> {
    let dist = given
        .dist
        .clone()
        .within(def.lower, def.upper)
        .map_err(|message| InputError::flag(&given.from, message).hint(def.bounds_hint()))?;
    match given.row.as_deref().and_then(|id| datasets.get(id)) {
        Some(row) => {
            let mut value = row_value(row, def)?;
            value.dist = dist;
            value.origin = format!("{}, given by {}", value.origin, given.from);
            Ok(value)
        }
        None => Ok(ValueSpec::given(dist, format!("flag {}", given.from))),
    }
}

/// A factor's value from a dataset row.
fn row_value(row: &Row, def: &InputDef) -> Result<ValueSpec> {
    let dist = row
        .as_dist()
        .within(def.lower, def.upper)
        .map_err(|message| InputError::new(format!("dataset row `{}`: {message}", row.id)))?;
    Ok(ValueSpec {
        dist,
        sources: row.sources.clone(),
        row: Some(row.id.clone()),
        verification: Some(row.verification),
        origin: format!(
            "dataset {}:{} ({}{})",
            row.table.name(),
            row.id,
            row.year.map_or(String::new(), |year| format!("{year}, ")),
            row.scope
        ),
    })
}

/// Builds the plan and runs it.
pub fn estimate(request: &EstimateRequest, datasets: &Datasets) -> Result<EstimateResult> {
    let advice = request.advice.unwrap_or(crate::model::plan::key_advice);
    let source = request.energy.as_ref().ok_or_else(|| {
        InputError::new("no energy source given")
            .hint("give one way to get the energy: an energy, a power, accelerators or queries")
    })?;
    let boundary = source.boundary;
    let values = source.way.map(|field, given| -> Result<SeriesSpec> {
        let (_, def) = estimate_name(field, boundary);
        let value = match (given, def.default_value()) {
            (Some(given), _) => given_value(given, def, datasets)?,
            (None, Some(default)) => ValueSpec::fixed(default, "default default"),
            (None, None) => {
                return Err(InputError::new(format!("no {} given", def.en)).into());
            }
        };
        Ok(SeriesSpec::Value(value))
    })?;
    let mut builder = Builder::default();
    let energy = builder.way(&values, |field| estimate_name(field, boundary));
    let mut defs: Vec<&InputDef> = values
        .fields()
        .into_iter()
        .map(|(field, _)| estimate_name(field, boundary).1)
        .collect();

    let mut notes = Vec::new();
    let mut missing = Vec::new();
    let mut onsite_basis = WaterBasis::Consumption;
    let mut factors: Vec<Option<Series>> = Vec::new();
    for (def, given) in request.factors.each() {
        let value = match given {
            Some(given) => Some(given_value(given, def, datasets)?),
            None => match request.place.defaults(datasets, def, false) {
                None => None,
                Some(defaults) => {
                    let row = defaults.rows[0];
                    if let (Some(year), Some(row_year)) = (request.place.year, row.year)
                        && row_year < year
                    {
                        notes.push(format!(
                            "no {} for {year} in the datasets: the latest before it, {row_year} \
                             ({}), is used.",
                            def.noun.0, row.id
                        ));
                    }
                    if let Some(fallback) = &defaults.fallback {
                        notes.push(fallback.note(def).0);
                    }
                    if def.key == WUE.key && row.key("basis") == "withdrawal" {
                        onsite_basis = WaterBasis::Withdrawal;
                        notes.push(format!(
                            "{}'s WUE ({}) is a withdrawal figure: on-site water is water \
                             withdrawn, and it is not added to off-site water (a consumption \
                             figure).",
                            row.key("operator"),
                            row.id
                        ));
                    }
                    Some(row_value(row, def)?)
                }
            },
        };
        if value.is_none() {
            missing.push((
                def.en.to_string(),
                format!("not given (use {})", advice(def)),
            ));
        }
        factors.push(value.map(|value| {
            defs.push(def);
            builder.series(&SeriesSpec::Value(value), def.key, def, def.role)
        }));
    }
    let [pue, wue, ewif, carbon_intensity]: [Option<Series>; 4] =
        factors.try_into().expect("four factors");

    if boundary == Boundary::Facility
        && let Some(Series::Constant(pue_index)) = &pue
    {
        match &source.way {
            Way::Usage {
                per_query: Some(per_query),
                ..
            } => notes.push(format!(
                "{} is a facility-boundary figure (it already includes the data centre \
                 overhead): it is not multiplied by PUE again; IT energy = facility energy / PUE \
                 ({}) is used only for on-site water.",
                per_query.from,
                builder.inputs[*pue_index].dist.describe()
            )),
            Way::Direct { .. } => notes.push(
                "facility energy is divided by PUE to get IT energy (on-site WUE is per kWh of \
                 IT energy)."
                    .into(),
            ),
            _ => {}
        }
    }

    let reference = match &request.reference {
        Some(given) => {
            let def = &vocab::REFERENCE;
            let value = given_value(given, def, datasets)?;
            defs.push(def);
            Some(builder.series(&SeriesSpec::Value(value), "reference", def, def.role))
        }
        None => None,
    };
    let reported: Vec<ReportedInput> = builder
        .inputs
        .iter()
        .zip(&defs)
        .map(|(input, def)| ReportedInput::of(input, def))
        .collect();
    let plan = Plan {
        inputs: builder.inputs,
        energy,
        boundary,
        pue,
        wue,
        ewif,
        carbon_intensity,
        reference,
        onsite_basis,
        years: None,
        parts: None,
    };
    let omitted: Vec<(Indicator, String)> = Indicator::ALL
        .into_iter()
        .filter(|indicator| *indicator != Indicator::Share || request.reference.is_some())
        .filter_map(|indicator| {
            plan.missing_reason_with(indicator, &advice)
                .map(|why| (indicator, why))
        })
        .collect();
    let uncertain = plan.inputs.iter().any(Input::is_uncertain);
    let extras = Extras {
        sensitivity: if request.sensitivity && uncertain {
            vec![None]
        } else {
            Vec::new()
        },
        keep: Vec::new(),
    };
    let outcome = mc::try_run(&plan, request.config, &extras)?;
    if let Some((indicator, _)) = outcome.first_non_finite() {
        let given: Vec<String> = reported
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
        let first = source.way.values().into_iter().flatten().next();
        return Err(InputError::flag(
            first.map_or("energy", |given| given.from.as_str()),
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
    if reported
        .iter()
        .any(|input| input.verification == Some(Verification::Unconfirmed))
    {
        notes.push(
            "some dataset values are marked unconfirmed (seen only second-hand): check them \
             before publishing (`dcfoot datasets show` lists their notes)."
                .into(),
        );
    }
    // A default value from a source with a newer edition says so (the older edition may still
    // be the only one to publish that figure).
    let cited: Vec<String> = reported
        .iter()
        .flat_map(|input| input.source_ids.iter().cloned())
        .collect();
    for superseded in datasets.superseded_among(&cited) {
        let users: Vec<&str> = reported
            .iter()
            .filter(|input| crate::provenance::cites(&input.source_ids, &superseded.source.id))
            .map(|input| input.detail.as_str())
            .collect();
        notes.push(format!(
            "{} {} citing it: {}.",
            superseded.note().en,
            if users.len() == 1 {
                "Default value"
            } else {
                "Default values"
            },
            users.join("; ")
        ));
    }
    Ok(EstimateResult {
        inputs: reported,
        missing,
        outcome,
        omitted,
        notes,
        uncertain,
        config: request.config,
        datasets_checksum: datasets.checksum().to_string(),
    })
}
