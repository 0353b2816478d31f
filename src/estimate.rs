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
use crate::model::embodied::{self, EmbodiedPlan, Hardware};
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
    /// A generation mix and where it was given (`--mix`): it gives the EWIF and the carbon
    /// intensity where they are not given, and the water withdrawn per kWh.
    pub mix: Option<(crate::model::grid::Mix, String)>,
    /// The allocation of reservoir evaporation for the mix (None: the default).
    pub hydro_allocation: Option<String>,
    /// A region whose published mix (`mixes.csv`, latest not after the place's year) stands for
    /// the mix, and where it was given; its carbon intensity is calibrated to the region's
    /// published intensity of that year.
    pub mix_region: Option<(String, String)>,
    /// Embodied impacts: the hardware type and any value given instead of its defaults.
    pub embodied: EmbodiedRequest,
}

/// The embodied impacts asked for: computed whenever the energy way counts accelerator-hours,
/// from the hardware type's dataset rows unless a value is given.
#[derive(Debug, Clone, Default)]
pub struct EmbodiedRequest {
    /// The hardware type (the default, H100, when None).
    pub hardware: Option<Hardware>,
    /// The values given instead of the hardware type's defaults, each with its input
    /// (`vocab::EMBODIED_ACCELERATOR`, `EMBODIED_HOST`, `EMBODIED_WATER`, `LIFETIME`).
    pub values: Vec<(&'static InputDef, Given)>,
}

impl EmbodiedRequest {
    /// The values given (not from the datasets).
    fn given(&self) -> impl Iterator<Item = &Given> {
        self.values.iter().map(|(_, given)| given)
    }

    /// The value given for an input, if any.
    fn value_of(&self, def: &InputDef) -> Option<&Given> {
        self.values
            .iter()
            .find(|(known, _)| known.key == def.key)
            .map(|(_, given)| given)
    }
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

/// A region's published mix, with the note saying which.
fn region_mix_for(
    datasets: &Datasets,
    code: &str,
    from: &str,
    year: Option<i32>,
    notes: &mut Vec<String>,
) -> Result<crate::model::grid::Mix> {
    use crate::model::grid;
    let found = grid::region_mix(datasets, code, year).ok_or_else(|| {
        let known = grid::mix_regions(datasets);
        let hint = match crate::text::closest(&code.to_uppercase(), known.iter().copied()) {
            Some(candidate) => format!("did you mean `{candidate}`?"),
            None => format!(
                "regions with a published mix: {}; or give TECHNOLOGY=SHARE,...",
                known.join(", ")
            ),
        };
        InputError::flag(
            from,
            format!("no published generation mix for `{code}` (mixes.csv)"),
        )
        .hint(hint)
    })?;
    notes.push(format!(
        "the mix is {}'s published mix of {} (mixes.csv, Ember), with every coal, gas and nuclear \
         plant on cooling towers: water withdrawn is then a lower bound (once-through plants \
         withdraw 40 to 50 times more per kWh).",
        found.region, found.year
    ));
    Ok(found.mix)
}

/// Scales a region mix's carbon intensity by the region's calibration factor (its published
/// intensity over the mix's, in the mix's year), and says the factor.
fn calibrate<'d>(
    datasets: &'d Datasets,
    code: &str,
    year: Option<i32>,
    derived: &mut crate::model::grid::Derived<'d>,
    notes: &mut Vec<String>,
) {
    let Some(found) = crate::model::grid::region_mix(datasets, code, year) else {
        return;
    };
    let (Some(ci), Some(published)) = (
        derived.factors.carbon_intensity,
        datasets
            .grid_factor(&found.region, "carbon_intensity", Some(found.year))
            .filter(|row| row.year == Some(found.year)),
    ) else {
        return;
    };
    let k = published.base_value() / ci;
    notes.push(format!(
        "calibration factor k = {k:.3} for {} {}: the published intensity ({}, {} gCO2e/kWh) \
         over the mix's with IPCC medians ({ci:.1} gCO2e/kWh); the mix's carbon intensity is \
         multiplied by k.",
        found.region,
        found.year,
        published.id,
        crate::number::short_number(published.value),
    ));
    derived.factors.carbon_intensity = Some(ci * k);
    derived.carbon_rows.push(published);
}

/// Whether `row_year` is the last year of the grid rows of the place's region (a region's
/// trajectory ends there; operators' rows are not trajectories).
fn trajectory_end(datasets: &Datasets, place: &Place, def: &InputDef, row_year: i32) -> bool {
    let Some(crate::model::vocab::DatasetDefault::Grid(factor)) = def.default else {
        return false;
    };
    let Some(region) = place.region.as_deref() else {
        return false;
    };
    let rows = datasets.grid_rows(region, factor);
    !rows.is_empty()
        && rows
            .iter()
            .all(|row| row.year.is_none_or(|year| year <= row_year))
}

/// The embodied impacts of an energy way that counts accelerator-hours (None for another
/// way; a value given for one is refused, as nothing would use it).
fn embodied_plan(
    request: &EmbodiedRequest,
    way: &Way<Option<Given>>,
    datasets: &Datasets,
    builder: &mut Builder,
    defs: &mut Vec<&'static InputDef>,
    notes: &mut Vec<String>,
) -> Result<Option<EmbodiedPlan<Series>>> {
    if !way.has_device_hours() {
        return match request.given().next() {
            Some(given) => Err(InputError::flag(
                &given.from,
                "embodied impacts are amortised over accelerator-hours, which this energy \
                 source does not count",
            )
            .hint("give the energy as accelerators and hours, as GPU-hours, or as a model's tokens")
            .into()),
            None => Ok(None),
        };
    }
    let hardware = request.hardware.unwrap_or(embodied::DEFAULT_HARDWARE);
    let row = |id: &str, def: &InputDef| -> Result<ValueSpec> {
        let row = datasets.get(id).ok_or_else(|| {
            InputError::new(format!(
                "the datasets have no row `{id}` (embodied defaults of `{}`)",
                hardware.name
            ))
            .hint("check embodied.csv in the --datasets folder")
        })?;
        let mut value = row_value(row, def)?;
        value.dist = embodied::row_dist(row)
            .within(def.lower, def.upper)
            .map_err(|message| InputError::new(format!("dataset row `{id}`: {message}")))?;
        Ok(value)
    };
    let value = |id: Option<&str>, def: &InputDef| -> Result<_> {
        match (request.value_of(def), id) {
            (Some(given), _) => given_value(given, def, datasets).map(Some),
            (None, Some(id)) => row(id, def).map(Some),
            (None, None) => Ok(None),
        }
    };
    let accelerator = value(Some(hardware.accelerator), &vocab::EMBODIED_ACCELERATOR)?;
    let host = value(hardware.host, &vocab::EMBODIED_HOST)?;
    let water = value(hardware.water, &vocab::EMBODIED_WATER)?;
    let lifetime = value(Some(hardware.lifetime), &vocab::LIFETIME)?;
    let (Some(accelerator), Some(lifetime)) = (accelerator, lifetime) else {
        unreachable!("a hardware type names its accelerator and lifetime rows");
    };
    let spec = EmbodiedPlan::Amortised {
        accelerator: SeriesSpec::Value(accelerator),
        host: host.map(SeriesSpec::Value),
        water: water.map(SeriesSpec::Value),
        lifetime: SeriesSpec::Value(lifetime),
    };
    defs.extend(spec.fields().into_iter().map(|(def, _)| def));
    let plan = builder.embodied(&spec, "");
    if request.given().count() < spec.fields().len() {
        notes.push(format!(
            "embodied impacts: {} (`{}`; other types: {}), manufacturing amortised over the \
             accelerator-hours used / the hardware's lifetime. Not included: the building, the \
             network and end of life.",
            hardware.label,
            hardware.name,
            embodied::hardware_names()
                .into_iter()
                .filter(|name| *name != hardware.name)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(Some(plan))
}

/// Whether an indicator is one of the embodied ones (left out silently, with one note, when the
/// energy source cannot give them).
fn is_embodied(indicator: Indicator) -> bool {
    matches!(
        indicator,
        Indicator::EmbodiedCo2e | Indicator::EmbodiedWater | Indicator::LifecycleCo2e
    )
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
    let region_mix = match &request.mix_region {
        Some((code, from)) => Some((
            region_mix_for(datasets, code, from, request.place.year, &mut notes)?,
            from.clone(),
        )),
        None => None,
    };
    let mix_given = region_mix.as_ref().or(request.mix.as_ref());
    let mix = match mix_given {
        Some((mix, from)) => {
            let derived =
                crate::model::grid::derive(mix, datasets, request.hydro_allocation.as_deref())
                    .map_err(|error| {
                        let input = InputError::flag(from, error.message);
                        match error.hint {
                            Some(hint) => input.hint(hint),
                            None => input,
                        }
                    })?;
            notes.push(derived.note(mix).en);
            let mut derived = derived;
            if let Some((code, _)) = &request.mix_region {
                calibrate(datasets, code, request.place.year, &mut derived, &mut notes);
            }
            Some((mix, from, derived))
        }
        None => None,
    };
    for (def, given) in request.factors.each() {
        let from_mix = mix
            .as_ref()
            .filter(|_| given.is_none())
            .and_then(|(mix, from, derived)| {
                use crate::model::grid::MixFactor;
                match def.key {
                    "ewif" => Some(derived.spec(mix, MixFactor::Consumption, from)),
                    "carbon_intensity" => Some(derived.spec(mix, MixFactor::CarbonIntensity, from)),
                    _ => None,
                }
            });
        let value = match (given, from_mix) {
            (Some(given), _) => Some(given_value(given, def, datasets)?),
            (None, Some(value)) => value,
            (None, None) => match request.place.defaults(datasets, def, false) {
                None => None,
                Some(defaults) => {
                    let row = defaults.rows[0];
                    if let (Some(year), Some(row_year)) = (request.place.year, row.year)
                        && row_year < year
                    {
                        let last = trajectory_end(datasets, &request.place, def, row_year);
                        notes.push(if last {
                            format!(
                                "no {} for {year} in the datasets: held at {row_year}, the last \
                                 point of its trajectory ({}, {}).",
                                def.noun.0,
                                row.id,
                                row.source_ids()
                            )
                        } else {
                            format!(
                                "no {} for {year} in the datasets: the latest before it, \
                                 {row_year} ({}), is used.",
                                def.noun.0, row.id
                            )
                        });
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
    let ewif_withdrawal = mix.as_ref().and_then(|(mix, from, derived)| {
        let def = &vocab::EWIF_WITHDRAWAL;
        let value = derived.spec(mix, crate::model::grid::MixFactor::Withdrawal, from)?;
        defs.push(def);
        Some(builder.series(&SeriesSpec::Value(value), def.key, def, def.role))
    });
    if ewif_withdrawal.is_some() {
        notes.push(crate::model::grid::withdrawal_note().en);
    }

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
    let embodied = embodied_plan(
        &request.embodied,
        &source.way,
        datasets,
        &mut builder,
        &mut defs,
        &mut notes,
    )?;
    let reported: Vec<ReportedInput> = builder
        .inputs
        .iter()
        .zip(&defs)
        .map(|(input, def)| ReportedInput::of(input, def))
        .collect();
    let ewif_withdrawal_given = ewif_withdrawal.is_some();
    let plan = Plan {
        inputs: builder.inputs,
        energy,
        boundary,
        pue,
        wue,
        ewif,
        ewif_withdrawal,
        carbon_intensity,
        reference,
        onsite_basis,
        years: None,
        embodied,
        parts: None,
    };
    let omitted: Vec<(Indicator, String)> = Indicator::ALL
        .into_iter()
        .filter(|indicator| *indicator != Indicator::Share || request.reference.is_some())
        .filter(|indicator| *indicator != Indicator::OffsiteWithdrawal || ewif_withdrawal_given)
        .filter(|indicator| plan.embodied.is_some() || !is_embodied(*indicator))
        .filter_map(|indicator| {
            plan.missing_reason_with(indicator, &advice)
                .map(|why| (indicator, why))
        })
        .collect();
    if plan.embodied.is_none() {
        notes.push(
            "embodied impacts (hardware manufacturing) are not computed: this energy source does \
             not count accelerator-hours to amortise the hardware over (give accelerators and \
             hours, GPU-hours, or a model and its tokens)."
                .into(),
        );
    }
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
