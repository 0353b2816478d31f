//! The one vocabulary of model inputs, shared by `estimate` and scenario files: each input's
//! key, unit of bare numbers (also the unit it is shown in), physical bounds, labels in both
//! languages, what it feeds, and which dataset table and column supplies its default.
//!
//! Layers word their own advice from it: the command line turns `carbon_intensity` into
//! `--carbon-intensity`, a scenario file names the key itself.

use crate::units::Dimension;

/// What an input feeds (the indicators each role feeds are in `plan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The energy (or what it is computed from).
    Energy,
    /// The PUE.
    Pue,
    /// The on-site WUE.
    Wue,
    /// The EWIF.
    Ewif,
    /// The carbon intensity.
    CarbonIntensity,
    /// The reference consumption of the share indicator.
    Reference,
    /// The water withdrawn by power generation per kWh (beside the EWIF, never added to it).
    EwifWithdrawal,
    /// The manufacturing impacts and lifetime of the hardware (embodied indicators).
    Embodied,
}

/// Where a factor's default comes from in the datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetDefault {
    /// `grid_factors.csv`, rows whose `factor` column is this, for a region (`region`).
    Grid(&'static str),
    /// `facility_efficiency.csv`, rows whose `metric` column is this, for an operator and
    /// site (`operator`, `site`).
    Operator(&'static str),
}

impl DatasetDefault {
    /// The key that chooses the default (`region` or `operator`).
    pub fn chosen_by(self) -> &'static str {
        match self {
            DatasetDefault::Grid(_) => "region",
            DatasetDefault::Operator(_) => "operator",
        }
    }
}

/// One input of the model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InputDef {
    /// Key (scenario files, stable input names).
    pub key: &'static str,
    /// English label (tables, tornado charts).
    pub en: &'static str,
    /// French label.
    pub fr: &'static str,
    /// The factor's name inside a sentence, English and French (`EWIF`, `carbon intensity`).
    pub noun: (&'static str, &'static str),
    /// What it measures.
    pub dimension: Dimension,
    /// Unit of bare numbers, and the unit it is shown in.
    pub unit: &'static str,
    /// Physical lower bound (base units).
    pub lower: f64,
    /// Physical upper bound (base units).
    pub upper: f64,
    /// What it feeds.
    pub role: Role,
    /// The dataset column that supplies its default, if any.
    pub default: Option<DatasetDefault>,
}

const INF: f64 = f64::INFINITY;

const fn input(
    key: &'static str,
    (en, fr): (&'static str, &'static str),
    dimension: Dimension,
    unit: &'static str,
    (lower, upper): (f64, f64),
) -> InputDef {
    InputDef {
        key,
        en,
        fr,
        noun: (en, fr),
        dimension,
        unit,
        lower,
        upper,
        role: Role::Energy,
        default: None,
    }
}

impl InputDef {
    /// The same input feeding another role, with a dataset default.
    const fn factor(
        mut self,
        role: Role,
        default: DatasetDefault,
        noun: (&'static str, &'static str),
    ) -> Self {
        self.role = role;
        self.default = Some(default);
        self.noun = noun;
        self
    }

    /// The same input feeding another role.
    const fn feeding(mut self, role: Role) -> Self {
        self.role = role;
        self
    }

    /// The label in a language (`fr` true for French).
    pub fn label(&self, fr: bool) -> &'static str {
        if fr { self.fr } else { self.en }
    }

    /// Scale from base units to the unit it is shown in.
    pub fn show_scale(&self) -> f64 {
        crate::units::unit_factor(self.unit, self.dimension)
            .map_or(1.0, |scale| scale.div / scale.mul)
    }

    /// The value used when none is given, for the inputs that have one (1 for factors that
    /// multiply, 0 for the idle share).
    pub fn default_value(&self) -> Option<f64> {
        match self.key {
            "load_factor" | "utilization" | "host_overhead" => Some(1.0),
            "idle_share" => Some(0.0),
            // EcoLogits' fixed batch (`tokens::BATCH_SIZE`, a test checks they agree).
            "batch_size" => Some(64.0),
            "requests" => Some(1.0),
            _ => None,
        }
    }

    /// What a value out of bounds means, in words.
    pub fn bounds_hint(&self) -> &'static str {
        match self.key {
            "pue" => {
                "PUE is facility energy / IT energy, so it is at least 1 (typical: 1.1 to 1.6)"
            }
            "utilization" => "utilisation is a fraction of rated power, between 0 and 1",
            "host_overhead" => "the host overhead factor multiplies accelerator power: at least 1",
            "idle_share" => "the idle share is a fraction of IT energy, below 1",
            "share" => "a share is between 0 and 1 (or 0% and 100%)",
            "lifetime" => {
                "the lifetime is the hardware's service life, longer than zero (a bare number \
                 is years; published lives are 3 to 6 yr)"
            }
            "embodied_share" => "the embodied share of a life cycle is a fraction below 1",
            "batch_size" => "the batch size counts the requests served together: at least 1",
            "prefill_ratio" => {
                "the prefill ratio is the energy of an input token over that of an output \
                 token (published: 0.05 to 0.5)"
            }
            _ => "values here cannot be negative",
        }
    }
}

/// An energy at a boundary not yet known (scenario files say it with `boundary`).
pub const ENERGY: InputDef = input(
    "energy",
    ("energy", "énergie"),
    Dimension::Energy,
    "kWh",
    (0.0, INF),
);
/// An energy at the IT boundary.
pub const IT_ENERGY: InputDef = input(
    "it_energy",
    ("IT energy", "énergie informatique"),
    Dimension::Energy,
    "kWh",
    (0.0, INF),
);
/// An energy at the facility boundary.
pub const FACILITY_ENERGY: InputDef = input(
    "facility_energy",
    ("facility energy", "énergie du site"),
    Dimension::Energy,
    "kWh",
    (0.0, INF),
);
/// A power drawn (a bare number is kW).
pub const POWER: InputDef = input(
    "power",
    ("IT power", "puissance IT"),
    Dimension::Power,
    "kW",
    (0.0, INF),
);
/// Hours per period.
pub const HOURS: InputDef = input(
    "hours",
    ("hours", "heures"),
    Dimension::Duration,
    "h",
    (0.0, INF),
);
/// Mean load as a fraction of the power.
pub const LOAD_FACTOR: InputDef = input(
    "load_factor",
    ("load factor", "facteur de charge"),
    Dimension::Ratio,
    "ratio",
    (0.0, 1.0),
);
/// Number of accelerators.
pub const ACCELERATORS: InputDef = input(
    "accelerators",
    ("accelerators", "accélérateurs"),
    Dimension::Count,
    "count",
    (0.0, INF),
);
/// Accelerator-hours as published (GPU-h).
pub const GPU_HOURS: InputDef = input(
    "gpu_hours",
    ("accelerator-hours", "heures-accélérateur"),
    Dimension::DeviceHours,
    "GPU-h",
    (0.0, INF),
);
/// Rated power per accelerator: a bare number is watts, everywhere.
pub const ACCELERATOR_POWER: InputDef = input(
    "accelerator_power",
    ("power per accelerator", "puissance par accélérateur"),
    Dimension::Power,
    "W",
    (0.0, INF),
);
/// Mean utilisation as a fraction of rated power.
pub const UTILIZATION: InputDef = input(
    "utilization",
    ("mean utilisation", "utilisation moyenne"),
    Dimension::Ratio,
    "ratio",
    (0.0, 1.0),
);
/// Host overhead factor (>= 1).
pub const HOST_OVERHEAD: InputDef = input(
    "host_overhead",
    ("host overhead factor", "facteur de surcoût des serveurs"),
    Dimension::Ratio,
    "ratio",
    (1.0, INF),
);
/// Share of idle capacity in the IT energy.
pub const IDLE_SHARE: InputDef = input(
    "idle_share",
    ("idle share", "part de capacité inactive"),
    Dimension::Ratio,
    "ratio",
    (0.0, 0.99),
);
/// A number of queries.
pub const QUERIES: InputDef = input(
    "queries",
    ("queries", "requêtes"),
    Dimension::Count,
    "count",
    (0.0, INF),
);
/// Queries per day.
pub const QUERIES_PER_DAY: InputDef = input(
    "queries_per_day",
    ("queries per day", "requêtes par jour"),
    Dimension::QueriesPerDay,
    "queries/day",
    (0.0, INF),
);
/// Energy per query (a bare number is Wh).
pub const PER_QUERY: InputDef = input(
    "energy_per_query",
    ("energy per query", "énergie par requête"),
    Dimension::Energy,
    "Wh",
    (0.0, INF),
);
/// A share of a total consumption.
pub const SHARE: InputDef = input(
    "share",
    ("share of the total", "part du total"),
    Dimension::Percent,
    "fraction",
    (0.0, 1.0),
);
/// The total consumption a share applies to.
pub const TOTAL: InputDef = input(
    "total",
    ("total consumption", "consommation totale"),
    Dimension::Energy,
    "kWh",
    (0.0, INF),
);
/// Power usage effectiveness.
pub const PUE: InputDef = input("pue", ("PUE", "PUE"), Dimension::Ratio, "ratio", (1.0, INF))
    .factor(Role::Pue, DatasetDefault::Operator("pue"), ("PUE", "PUE"));
/// On-site water usage effectiveness.
pub const WUE: InputDef = input(
    "wue",
    ("on-site WUE", "WUE sur site"),
    Dimension::WaterIntensity,
    "L/kWh",
    (0.0, INF),
)
.factor(Role::Wue, DatasetDefault::Operator("wue"), ("WUE", "WUE"));
/// Electricity water intensity factor.
pub const EWIF: InputDef = input(
    "ewif",
    (
        "EWIF (water per kWh generated)",
        "EWIF (eau par kWh produit)",
    ),
    Dimension::WaterIntensity,
    "L/kWh",
    (0.0, INF),
)
.factor(Role::Ewif, DatasetDefault::Grid("ewif"), ("EWIF", "EWIF"));
/// Grid carbon intensity.
pub const CARBON: InputDef = input(
    "carbon_intensity",
    ("grid carbon intensity", "intensité carbone du réseau"),
    Dimension::CarbonIntensity,
    "gCO2e/kWh",
    (0.0, INF),
)
.factor(
    Role::CarbonIntensity,
    DatasetDefault::Grid("carbon_intensity"),
    ("carbon intensity", "intensité carbone"),
);
/// Water withdrawn by power generation per kWh delivered (consumption is the EWIF).
pub const EWIF_WITHDRAWAL: InputDef = input(
    "ewif_withdrawal",
    (
        "water withdrawn per kWh generated",
        "eau prélevée par kWh produit",
    ),
    Dimension::WaterIntensity,
    "L/kWh",
    (0.0, INF),
)
.feeding(Role::EwifWithdrawal);
/// The reference consumption of the share indicator.
pub const REFERENCE: InputDef = input(
    "value",
    ("reference consumption", "consommation de référence"),
    Dimension::Energy,
    "kWh",
    (0.0, INF),
)
.feeding(Role::Reference);
/// A number of language-model requests (the token method).
pub const REQUESTS: InputDef = input(
    "requests",
    ("requests", "requêtes"),
    Dimension::Count,
    "count",
    (0.0, INF),
);
/// Language-model requests per day.
pub const REQUESTS_PER_DAY: InputDef = input(
    "requests_per_day",
    ("requests per day", "requêtes par jour"),
    Dimension::QueriesPerDay,
    "queries/day",
    (0.0, INF),
);
/// Parameters a model uses per token (all of a dense model; the active experts of a
/// mixture of experts); a bare number is a count of parameters, `70B` is 70 billion.
pub const ACTIVE_PARAMS: InputDef = input(
    "active_params",
    ("active parameters", "paramètres actifs"),
    Dimension::Parameters,
    "params",
    (0.0, INF),
);
/// The share of its parameters a mixture of experts uses per token (active / total).
pub const ACTIVE_SHARE: InputDef = input(
    "active_share",
    (
        "active share of the parameters",
        "part active des paramètres",
    ),
    Dimension::Percent,
    "fraction",
    (0.0, 1.0),
);
/// Parameters a model holds in memory.
pub const TOTAL_PARAMS: InputDef = input(
    "total_params",
    ("total parameters", "paramètres au total"),
    Dimension::Parameters,
    "params",
    (0.0, INF),
);
/// Output (generated) tokens per request.
pub const OUTPUT_TOKENS: InputDef = input(
    "output_tokens",
    ("output tokens per request", "jetons produits par requête"),
    Dimension::Count,
    "count",
    (0.0, INF),
);
/// Input (prompt) tokens per request.
pub const INPUT_TOKENS: InputDef = input(
    "input_tokens",
    ("input tokens per request", "jetons d'entrée par requête"),
    Dimension::Count,
    "count",
    (0.0, INF),
);
/// Energy of one input token relative to one output token (prefill vs decode).
pub const PREFILL_RATIO: InputDef = input(
    "prefill_ratio",
    (
        "energy of an input token / an output token",
        "énergie d'un jeton d'entrée / d'un jeton produit",
    ),
    Dimension::Ratio,
    "ratio",
    (0.0, 10.0),
);
/// Requests served together by one model instance.
pub const BATCH_SIZE: InputDef = input(
    "batch_size",
    ("batch size", "taille de lot"),
    Dimension::Count,
    "count",
    (1.0, INF),
);
/// The measured generation time of a request (a cap on the modelled one), shown in seconds.
pub const LATENCY: InputDef = input(
    "latency",
    (
        "generation time (measured)",
        "durée de génération (mesurée)",
    ),
    Dimension::Duration,
    "s",
    (0.0, INF),
);
/// An annual growth rate.
pub const RATE: InputDef = input(
    "rate",
    ("growth rate", "taux de croissance"),
    Dimension::GrowthRate,
    "fraction/yr",
    (-1.0, 10.0),
);

/// Embodied CO2e of one accelerator (a bare number is kg).
pub const EMBODIED_ACCELERATOR: InputDef = input(
    "embodied_accelerator",
    (
        "embodied CO2e per accelerator",
        "CO2e intrinsèque par accélérateur",
    ),
    Dimension::Co2e,
    "kg",
    (0.0, INF),
)
.feeding(Role::Embodied);
/// The host server's embodied CO2e per accelerator (a bare number is kg), like
/// [`EMBODIED_ACCELERATOR`].
pub const EMBODIED_HOST: InputDef = InputDef {
    key: "embodied_host",
    en: "host server's embodied CO2e per accelerator",
    fr: "CO2e intrinsèque du serveur hôte par accélérateur",
    noun: (
        "host server's embodied CO2e per accelerator",
        "CO2e intrinsèque du serveur hôte par accélérateur",
    ),
    ..EMBODIED_ACCELERATOR
};
/// Embodied water of one accelerator (a bare number is L): a volume, bounded like
/// [`EMBODIED_ACCELERATOR`].
pub const EMBODIED_WATER: InputDef = InputDef {
    dimension: Dimension::Volume,
    unit: "L",
    key: "embodied_water_accelerator",
    en: "embodied water per accelerator",
    fr: "eau intrinsèque par accélérateur",
    noun: ("embodied water", "eau intrinsèque"),
    ..EMBODIED_ACCELERATOR
};
/// The hardware's service life (a bare number is years; at least an hour, so that nothing is
/// divided by zero), feeding the embodied impacts like [`EMBODIED_ACCELERATOR`].
pub const LIFETIME: InputDef = InputDef {
    lower: 1.0,
    dimension: Dimension::Duration,
    unit: "yr",
    key: "lifetime",
    en: "hardware lifetime",
    fr: "durée de vie du matériel",
    noun: ("hardware lifetime", "durée de vie du matériel"),
    ..EMBODIED_ACCELERATOR
};
/// The share of embodied CO2e in a life cycle's CO2e.
pub const EMBODIED_SHARE: InputDef = input(
    "embodied_share",
    (
        "embodied share of life-cycle CO2e",
        "part intrinsèque du CO2e du cycle de vie",
    ),
    Dimension::Percent,
    "fraction",
    (0.0, 0.99),
)
.feeding(Role::Embodied);

/// The four factors, in output order.
pub const FACTORS: [&InputDef; 4] = [&PUE, &WUE, &EWIF, &CARBON];

/// The four factors of DESIGN.md §1, each holding a `T`: PUE (>= 1), on-site WUE (L per kWh
/// of IT energy), EWIF (L per kWh delivered) and grid carbon intensity (gCO2e per kWh
/// delivered).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FactorSet<T> {
    /// Power usage effectiveness.
    pub pue: T,
    /// On-site water usage effectiveness.
    pub wue: T,
    /// Electricity water intensity factor.
    pub ewif: T,
    /// Grid carbon intensity.
    pub carbon_intensity: T,
}

impl<T> FactorSet<T> {
    /// Each factor with its input, in output order.
    pub fn each(&self) -> [(&'static InputDef, &T); 4] {
        [
            (&PUE, &self.pue),
            (&WUE, &self.wue),
            (&EWIF, &self.ewif),
            (&CARBON, &self.carbon_intensity),
        ]
    }

    /// The same, mutable.
    pub fn each_mut(&mut self) -> [(&'static InputDef, &mut T); 4] {
        [
            (&PUE, &mut self.pue),
            (&WUE, &mut self.wue),
            (&EWIF, &mut self.ewif),
            (&CARBON, &mut self.carbon_intensity),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_accelerator_power_is_watts() {
        let scale = crate::units::unit_factor(ACCELERATOR_POWER.unit, Dimension::Power).unwrap();
        // 700 (W) is 0.7 kW, the base unit of power.
        assert!((scale.apply(700.0) - 0.7).abs() < 1e-12);
        assert!((ACCELERATOR_POWER.show_scale() - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn every_factor_names_its_dataset_column() {
        for def in FACTORS {
            let default = def.default.expect("a factor has a dataset default");
            let column = match default {
                DatasetDefault::Grid(factor) | DatasetDefault::Operator(factor) => factor,
            };
            assert_eq!(column, def.key);
        }
    }
}
