//! An evaluation plan: the uncertain inputs of one workload (or one scenario variant), how
//! they combine into energy per period, and the factors applied to it.
//!
//! A plan is pure data. [`Plan::evaluate`] computes every indicator for one period from one
//! vector of input values (one Monte Carlo draw, or the central values), so the same code
//! serves `estimate`, scenarios, the Monte Carlo engine and the sensitivity analysis.

use super::footprint::{Boundary, Factors, footprint, hardware_it_energy, usage_energy};
use super::vocab::{self, InputDef, Role};
use super::way::Way;
use crate::dist::Dist;
use crate::units::{Kw, Kwh};

/// An output of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// IT energy, kWh.
    ItEnergy,
    /// Facility energy, kWh.
    FacilityEnergy,
    /// Facility minus IT energy (cooling, power conversion), kWh.
    OverheadEnergy,
    /// On-site (cooling) water, L.
    OnsiteWater,
    /// Off-site (power generation) water, L.
    OffsiteWater,
    /// On-site plus off-site water, L.
    TotalWater,
    /// Operational CO2e, kg.
    Co2e,
    /// Facility energy as a share of a reference consumption (fraction).
    Share,
    /// Water withdrawn at power plants, L: shown beside off-site consumption, never added to it.
    OffsiteWithdrawal,
    /// Embodied CO2e: manufacturing of the hardware, amortised over its life, kg.
    EmbodiedCo2e,
    /// Embodied water: the chip factory's water, amortised over the hardware's life, L.
    EmbodiedWater,
    /// Operational plus embodied CO2e, kg.
    LifecycleCo2e,
}

impl Indicator {
    /// Every indicator, in output order.
    pub const ALL: [Indicator; 12] = [
        Indicator::ItEnergy,
        Indicator::FacilityEnergy,
        Indicator::OverheadEnergy,
        Indicator::OnsiteWater,
        Indicator::OffsiteWater,
        Indicator::TotalWater,
        Indicator::Co2e,
        Indicator::Share,
        Indicator::OffsiteWithdrawal,
        Indicator::EmbodiedCo2e,
        Indicator::EmbodiedWater,
        Indicator::LifecycleCo2e,
    ];

    /// The name used in exports and in the JSON contract (with its base unit).
    pub fn key(self) -> &'static str {
        match self {
            Indicator::ItEnergy => "it_energy_kwh",
            Indicator::FacilityEnergy => "facility_energy_kwh",
            Indicator::OverheadEnergy => "overhead_energy_kwh",
            Indicator::OnsiteWater => "onsite_water_l",
            Indicator::OffsiteWater => "offsite_water_l",
            Indicator::TotalWater => "total_water_l",
            Indicator::Co2e => "co2e_kg",
            Indicator::Share => "share_of_reference",
            Indicator::OffsiteWithdrawal => "offsite_withdrawal_l",
            Indicator::EmbodiedCo2e => "embodied_co2e_kg",
            Indicator::EmbodiedWater => "embodied_water_l",
            Indicator::LifecycleCo2e => "lifecycle_co2e_kg",
        }
    }

    /// The short name used in scenario files (`facility_energy`, `total_water` …).
    pub fn short(self) -> &'static str {
        match self {
            Indicator::ItEnergy => "it_energy",
            Indicator::FacilityEnergy => "facility_energy",
            Indicator::OverheadEnergy => "overhead_energy",
            Indicator::OnsiteWater => "onsite_water",
            Indicator::OffsiteWater => "offsite_water",
            Indicator::TotalWater => "total_water",
            Indicator::Co2e => "co2e",
            Indicator::Share => "share",
            Indicator::OffsiteWithdrawal => "offsite_withdrawal",
            Indicator::EmbodiedCo2e => "embodied_co2e",
            Indicator::EmbodiedWater => "embodied_water",
            Indicator::LifecycleCo2e => "lifecycle_co2e",
        }
    }

    /// Parses the short name.
    pub fn from_short(text: &str) -> Option<Indicator> {
        Indicator::ALL
            .into_iter()
            .find(|indicator| indicator.short() == text)
    }

    /// The base unit symbol.
    pub fn base_unit(self) -> &'static str {
        match self {
            Indicator::ItEnergy | Indicator::FacilityEnergy | Indicator::OverheadEnergy => "kWh",
            Indicator::OnsiteWater
            | Indicator::OffsiteWater
            | Indicator::TotalWater
            | Indicator::EmbodiedWater => "L",
            Indicator::Co2e | Indicator::EmbodiedCo2e | Indicator::LifecycleCo2e => "kg",
            Indicator::Share => "fraction",
            Indicator::OffsiteWithdrawal => "L",
        }
    }

    /// What the indicator measures.
    pub fn dimension(self) -> crate::units::Dimension {
        use crate::units::Dimension;
        match self {
            Indicator::ItEnergy | Indicator::FacilityEnergy | Indicator::OverheadEnergy => {
                Dimension::Energy
            }
            Indicator::OnsiteWater
            | Indicator::OffsiteWater
            | Indicator::TotalWater
            | Indicator::EmbodiedWater => Dimension::Volume,
            Indicator::Co2e | Indicator::EmbodiedCo2e | Indicator::LifecycleCo2e => Dimension::Co2e,
            Indicator::Share => Dimension::Percent,
            Indicator::OffsiteWithdrawal => Dimension::Volume,
        }
    }

    /// Position in [`Indicator::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Number of indicators.
pub const N_INDICATORS: usize = Indicator::ALL.len();

/// One uncertain (or fixed) input of a plan.
#[derive(Debug, Clone)]
pub struct Input {
    /// Stable key, unique in the plan (`pue`, `energy_per_query`, `energy.level` …).
    pub key: String,
    /// Short label for tables and charts.
    pub label: String,
    /// Its distribution, in base units. For a path level it is uniform on (0, 1).
    pub dist: Dist,
    /// Symbol of the unit used to show it.
    pub unit: &'static str,
    /// Scale from base units to `unit` (value shown = base value × show_scale).
    pub show_scale: f64,
    /// Source ids behind it.
    pub sources: Vec<String>,
    /// Where it came from (`flag --pue`, `dataset row google-pue-2024`, `file`, `default`).
    pub origin: String,
    /// True for the quantile level shared by the points of an uncertain path.
    pub is_level: bool,
    /// Label in French.
    pub label_fr: String,
    /// What the input feeds (decides which indicators cite its sources).
    pub role: Role,
    /// Verification status, for a value taken from a dataset row.
    pub verification: Option<crate::provenance::Verification>,
}

impl Role {
    /// The roles whose inputs an indicator depends on, given the energy boundary.
    pub fn feeding(indicator: Indicator, boundary: Boundary) -> &'static [Role] {
        use Role::*;
        let it = boundary == Boundary::It;
        match indicator {
            Indicator::ItEnergy if it => &[Energy],
            Indicator::ItEnergy => &[Energy, Pue],
            Indicator::FacilityEnergy if it => &[Energy, Pue],
            Indicator::FacilityEnergy => &[Energy],
            Indicator::OverheadEnergy => &[Energy, Pue],
            Indicator::OnsiteWater if it => &[Energy, Wue],
            Indicator::OnsiteWater => &[Energy, Pue, Wue],
            Indicator::OffsiteWater if it => &[Energy, Pue, Ewif],
            Indicator::OffsiteWater => &[Energy, Ewif],
            Indicator::TotalWater => &[Energy, Pue, Wue, Ewif],
            Indicator::Co2e if it => &[Energy, Pue, CarbonIntensity],
            Indicator::Co2e => &[Energy, CarbonIntensity],
            Indicator::Share if it => &[Energy, Pue, Reference],
            Indicator::Share => &[Energy, Reference],
            Indicator::OffsiteWithdrawal if it => &[Energy, Pue, EwifWithdrawal],
            Indicator::OffsiteWithdrawal => &[Energy, EwifWithdrawal],
            Indicator::EmbodiedCo2e | Indicator::EmbodiedWater => &[Energy, Embodied],
            Indicator::LifecycleCo2e if it => &[Energy, Pue, CarbonIntensity, Embodied],
            Indicator::LifecycleCo2e => &[Energy, CarbonIntensity, Embodied],
        }
    }
}

impl Input {
    /// The central value, in base units. A path level has no central value of its own
    /// (NaN): the path then takes each point's central value.
    pub fn central(&self) -> f64 {
        if self.is_level {
            f64::NAN
        } else {
            self.dist.central()
        }
    }

    /// True if it varies between draws.
    pub fn is_uncertain(&self) -> bool {
        !self.dist.is_fixed()
    }
}

/// A published point of a path.
#[derive(Debug, Clone)]
pub struct PathPoint {
    /// Its year.
    pub year: i32,
    /// Its value (fixed, or a range such as a published low/high), in base units.
    pub dist: Dist,
}

/// What a path does outside its points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extrapolate {
    /// Years outside the points are an error (checked when the plan is built).
    None,
    /// Keep the nearest point's value.
    Hold,
    /// Continue the growth rate of the nearest segment.
    Trend,
}

/// A quantity that may change from year to year.
#[derive(Debug, Clone)]
pub enum Series {
    /// The same input every year.
    Constant(usize),
    /// Published points, interpolated linearly in log space (linearly where a value is 0).
    /// Uncertain points move together: one level per draw picks the same quantile of each.
    Points {
        /// Points sorted by year, at least one.
        points: Vec<PathPoint>,
        /// Index of the level input (None when every point is fixed).
        level: Option<usize>,
        /// What to do outside the points.
        extrapolate: Extrapolate,
    },
    /// A base value grown at annual rates: `base × Π (1 + rate)` from `base_year`.
    Growth {
        /// Year of the base value.
        base_year: i32,
        /// Input index of the base value.
        base: usize,
        /// (last year of the segment, input index of its annual rate), in order.
        segments: Vec<(i32, usize)>,
    },
}

impl Series {
    /// The years this series can give a value for (inclusive bounds; None = unbounded).
    pub fn year_range(&self) -> (Option<i32>, Option<i32>) {
        match self {
            Series::Constant(_) => (None, None),
            Series::Points {
                points,
                extrapolate,
                ..
            } => match extrapolate {
                Extrapolate::None => (
                    points.first().map(|point| point.year),
                    points.last().map(|point| point.year),
                ),
                _ => (None, None),
            },
            Series::Growth {
                base_year,
                segments,
                ..
            } => (Some(*base_year), segments.last().map(|segment| segment.0)),
        }
    }

    /// The value in `year` (None for a one-off plan) given one vector of input values.
    #[inline]
    pub fn value(&self, year: Option<i32>, values: &[f64]) -> f64 {
        match self {
            Series::Constant(input) => values[*input],
            Series::Points {
                points,
                level,
                extrapolate,
            } => {
                let level = level.map_or(f64::NAN, |index| values[index]);
                let at = |point: &PathPoint| {
                    if level.is_nan() {
                        point.dist.central()
                    } else {
                        point.dist.quantile(level)
                    }
                };
                let year = year.unwrap_or(points[0].year);
                let after = points.partition_point(|point| point.year <= year);
                if after == 0 || after == points.len() {
                    // Before the first point or at/after the last one.
                    let edge = if after == 0 { 0 } else { points.len() - 1 };
                    if points[edge].year == year
                        || *extrapolate != Extrapolate::Trend
                        || points.len() < 2
                    {
                        return at(&points[edge]);
                    }
                    let (a, b) = if after == 0 {
                        (&points[0], &points[1])
                    } else {
                        (&points[points.len() - 2], &points[points.len() - 1])
                    };
                    return interpolate(a.year, at(a), b.year, at(b), year);
                }
                let (a, b) = (&points[after - 1], &points[after]);
                interpolate(a.year, at(a), b.year, at(b), year)
            }
            Series::Growth {
                base_year,
                base,
                segments,
            } => {
                let mut value = values[*base];
                let year = year.unwrap_or(*base_year);
                let mut current = *base_year;
                for (until, rate) in segments {
                    while current < year && current < *until {
                        value *= 1.0 + values[*rate];
                        current += 1;
                    }
                }
                value
            }
        }
    }

    /// Indices of the inputs this series reads.
    pub fn inputs(&self) -> Vec<usize> {
        match self {
            Series::Constant(input) => vec![*input],
            Series::Points { level, .. } => level.iter().copied().collect(),
            Series::Growth { base, segments, .. } => std::iter::once(*base)
                .chain(segments.iter().map(|segment| segment.1))
                .collect(),
        }
    }
}

/// Log-linear interpolation between (x0, y0) and (x1, y1), linear when a value is not > 0.
#[inline]
fn interpolate(x0: i32, y0: f64, x1: i32, y1: f64, x: i32) -> f64 {
    if x0 == x1 {
        return y0;
    }
    let t = f64::from(x - x0) / f64::from(x1 - x0);
    if y0 > 0.0 && y1 > 0.0 {
        y0 * (y1 / y0).powf(t)
    } else {
        y0 + (y1 - y0) * t
    }
}

/// How to give a missing factor in a scenario file: its key, or the key that takes it from
/// the datasets (`` `wue` or `operator` ``).
pub fn key_advice(def: &'static InputDef) -> String {
    match def.default {
        Some(default) => format!("`{}` or `{}`", def.key, default.chosen_by()),
        None => format!("`{}`", def.key),
    }
}

/// How the energy of a period is obtained, with the series of each quantity.
pub type EnergyPlan = Way<Series>;

impl Way<Series> {
    /// Energy of the period, kWh, at the plan's boundary.
    #[inline]
    pub fn energy(&self, year: Option<i32>, values: &[f64]) -> Kwh {
        match self {
            Way::Direct { energy } => Kwh(energy.value(year, values)),
            Way::Power {
                power,
                hours,
                load_factor,
            } => Kw(power.value(year, values) * load_factor.value(year, values))
                .over_hours(hours.value(year, values)),
            Way::Hardware {
                accelerators,
                power,
                utilization,
                hours,
                host_overhead,
                idle_share,
                ..
            } => hardware_it_energy(
                accelerators.value(year, values),
                Kw(power.value(year, values)),
                utilization.value(year, values),
                hours.value(year, values),
                host_overhead.value(year, values),
                idle_share.value(year, values),
            ),
            Way::Usage {
                queries,
                per_day,
                days,
                per_query,
            } => usage_energy(
                queries.value(year, values) * if *per_day { *days } else { 1.0 },
                Kwh(per_query.value(year, values)),
            ),
            Way::Share { share, total } => {
                Kwh(share.value(year, values) * total.value(year, values))
            }
            Way::Tokens { .. } => {
                let value = |series: &Series| series.value(year, values);
                let request = self
                    .token_request(value)
                    .expect("a tokens way describes a request");
                let count = self.token_requests(value).unwrap_or(0.0);
                Kwh(super::tokens::request_energy(&request).it_energy() * count)
            }
        }
    }

    /// Every series of the plan.
    pub fn series(&self) -> Vec<&Series> {
        self.values()
    }
}

/// The water basis of the on-site factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaterBasis {
    /// Water evaporated or otherwise not returned.
    Consumption,
    /// Water taken in (part of it is returned).
    Withdrawal,
}

/// A complete evaluation plan for one workload or scenario variant.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The inputs, indexed by the series.
    pub inputs: Vec<Input>,
    /// How energy is obtained.
    pub energy: EnergyPlan,
    /// The boundary of that energy.
    pub boundary: Boundary,
    /// PUE per period.
    pub pue: Option<Series>,
    /// On-site WUE per period, L per kWh of IT energy.
    pub wue: Option<Series>,
    /// EWIF per period, L per kWh delivered.
    pub ewif: Option<Series>,
    /// Carbon intensity per period, gCO2e per kWh delivered.
    pub carbon_intensity: Option<Series>,
    /// Reference consumption (kWh per period) for the share indicator.
    pub reference: Option<Series>,
    /// Water withdrawn by power generation per period, L per kWh delivered (None: not known).
    pub ewif_withdrawal: Option<Series>,
    /// Basis of the on-site water factor.
    pub onsite_basis: WaterBasis,
    /// The periods: None for a one-off total, or the years of a series.
    pub years: Option<Vec<i32>>,
    /// Embodied impacts (None: not computed, see [`super::embodied::NOT_GIVEN`]).
    pub embodied: Option<super::embodied::EmbodiedPlan<Series>>,
    /// The components of the energy, if any: then every indicator is the sum of the leaves'.
    pub parts: Option<std::sync::Arc<dyn Decomposition>>,
}

/// A plan's energy split into components: the plan's indicators are then the sum of the
/// components' (the implementation is `model::components`).
pub trait Decomposition: std::fmt::Debug + Send + Sync {
    /// Every indicator of the total for one period and one vector of input values.
    fn total(&self, plan: &Plan, year: Option<i32>, values: &[f64]) -> [f64; N_INDICATORS];
    /// The concrete value, for the code that reads the components.
    fn as_any(&self) -> &dyn std::any::Any;
}

impl Plan {
    /// The central value of every input (see [`Input::central`]).
    pub fn central_values(&self) -> Vec<f64> {
        self.inputs.iter().map(Input::central).collect()
    }

    /// The periods as `Option<i32>` (a single None for a one-off plan).
    pub fn periods(&self) -> Vec<Option<i32>> {
        match &self.years {
            None => vec![None],
            Some(years) => years.iter().copied().map(Some).collect(),
        }
    }

    /// Why an indicator cannot be computed, or None if it can; a missing factor is advised
    /// in the words of scenario files (`` `wue` or `operator` ``).
    pub fn missing_reason(&self, indicator: Indicator) -> Option<String> {
        self.missing_reason_with(indicator, &key_advice)
    }

    /// Why an indicator cannot be computed, or None if it can; `advice` says how to give a
    /// missing factor (each layer in its own words).
    pub fn missing_reason_with(
        &self,
        indicator: Indicator,
        advice: &dyn Fn(&'static InputDef) -> String,
    ) -> Option<String> {
        let pue_missing = self.pue.is_none();
        let it_needs_pue = self.boundary == Boundary::Facility && pue_missing;
        let facility_needs_pue = self.boundary == Boundary::It && pue_missing;
        let need = |what: &str| Some(format!("needs {what}"));
        match indicator {
            Indicator::ItEnergy if it_needs_pue => {
                need("a PUE to convert facility energy to IT energy")
            }
            Indicator::FacilityEnergy if facility_needs_pue => {
                need("a PUE to convert IT energy to facility energy")
            }
            Indicator::OverheadEnergy if pue_missing => need("a PUE"),
            Indicator::OnsiteWater if self.wue.is_none() => {
                need(&format!("an on-site WUE ({})", advice(&vocab::WUE)))
            }
            Indicator::OnsiteWater if it_needs_pue => need("a PUE to get IT energy"),
            Indicator::OffsiteWater if self.ewif.is_none() => {
                need(&format!("an EWIF ({})", advice(&vocab::EWIF)))
            }
            Indicator::OffsiteWater if facility_needs_pue => need("a PUE to get facility energy"),
            Indicator::TotalWater => self
                .missing_reason_with(Indicator::OnsiteWater, advice)
                .or_else(|| self.missing_reason_with(Indicator::OffsiteWater, advice))
                .or_else(|| self.total_water_reason()),
            Indicator::Co2e if self.carbon_intensity.is_none() => {
                need(&format!("a carbon intensity ({})", advice(&vocab::CARBON)))
            }
            Indicator::Co2e if facility_needs_pue => need("a PUE to get facility energy"),
            Indicator::Share if self.reference.is_none() => need("a reference consumption"),
            Indicator::Share if facility_needs_pue => need("a PUE to get facility energy"),
            Indicator::OffsiteWithdrawal if self.ewif_withdrawal.is_none() => {
                need("a withdrawal factor (a generation mix)")
            }
            Indicator::OffsiteWithdrawal if facility_needs_pue => {
                need("a PUE to get facility energy")
            }
            Indicator::EmbodiedCo2e | Indicator::EmbodiedWater => {
                let has_hours = self.energy.has_device_hours();
                let why = match &self.embodied {
                    None => Some(super::embodied::NOT_GIVEN),
                    Some(plan) if indicator == Indicator::EmbodiedCo2e => {
                        plan.co2e_missing(has_hours)
                    }
                    Some(plan) => plan.water_missing(has_hours),
                };
                match (why, &self.embodied) {
                    (Some(why), _) => Some(why.to_string()),
                    (None, Some(super::embodied::EmbodiedPlan::Share { .. })) => self
                        .missing_reason_with(Indicator::Co2e, advice)
                        .map(|why| format!("{why} (the embodied share applies to it)")),
                    (None, _) => None,
                }
            }
            Indicator::LifecycleCo2e => self
                .missing_reason_with(Indicator::Co2e, advice)
                .or_else(|| self.missing_reason_with(Indicator::EmbodiedCo2e, advice)),
            _ => None,
        }
    }

    /// Why on-site and off-site water are not added up, if they are not.
    pub fn total_water_reason(&self) -> Option<String> {
        (self.onsite_basis == WaterBasis::Withdrawal).then(|| {
            "not added up: the on-site WUE is a withdrawal figure and off-site water is \
             consumption"
                .to_string()
        })
    }

    /// The indicators this plan can compute.
    pub fn available(&self) -> Vec<Indicator> {
        Indicator::ALL
            .into_iter()
            .filter(|indicator| self.missing_reason(*indicator).is_none())
            .collect()
    }

    /// Every indicator for one period and one vector of input values (NaN where unavailable).
    #[inline]
    pub fn evaluate(&self, year: Option<i32>, values: &[f64]) -> [f64; N_INDICATORS] {
        if let Some(parts) = &self.parts {
            return parts.total(self, year, values);
        }
        let energy = self.energy.energy(year, values);
        let value_of = |series: &Option<Series>| series.as_ref().map(|s| s.value(year, values));
        let factors = Factors {
            pue: value_of(&self.pue),
            wue: value_of(&self.wue),
            ewif: value_of(&self.ewif),
            carbon_intensity: value_of(&self.carbon_intensity),
        };
        let result = footprint(energy, self.boundary, &factors);
        let total = if self.onsite_basis == WaterBasis::Consumption {
            result.total_water().map(|litres| litres.0)
        } else {
            None
        };
        let share = result
            .facility_energy
            .zip(value_of(&self.reference))
            .map(|(facility, reference)| facility.0 / reference);
        let withdrawal = result
            .facility_energy
            .zip(value_of(&self.ewif_withdrawal))
            .map(|(facility, factor)| facility.0 * factor);
        let embodied = self
            .embodied
            .as_ref()
            .map_or_else(Default::default, |plan| {
                let value = |series: &Series| series.value(year, values);
                plan.evaluate(
                    value,
                    self.energy.device_hours(value),
                    result.co2e.map(|kg| kg.0),
                )
            });
        let lifecycle = result.co2e.zip(embodied.co2e).map(|(kg, more)| kg.0 + more);
        let nan = f64::NAN;
        [
            result.it_energy.map_or(nan, |kwh| kwh.0),
            result.facility_energy.map_or(nan, |kwh| kwh.0),
            result.overhead_energy().map_or(nan, |kwh| kwh.0),
            result.onsite_water.map_or(nan, |litres| litres.0),
            result.offsite_water.map_or(nan, |litres| litres.0),
            total.unwrap_or(nan),
            result.co2e.map_or(nan, |kg| kg.0),
            share.unwrap_or(nan),
            withdrawal.unwrap_or(nan),
            embodied.co2e.unwrap_or(nan),
            embodied.water.unwrap_or(nan),
            lifecycle.unwrap_or(nan),
        ]
    }
}
