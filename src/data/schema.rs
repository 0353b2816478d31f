//! The dataset schema (version 1): which tables exist, their columns and vocabularies.
//! `datasets/README.md` is the human version of this file; keep them in step.

use crate::units::Dimension;

/// The value tables, in the order they are listed and loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// Grid carbon intensity and electricity water intensity.
    GridFactors,
    /// PUE and WUE per operator, site and year.
    FacilityEfficiency,
    /// Published data-centre electricity and water totals.
    DcEnergy,
    /// What operators report about themselves.
    OperatorReports,
    /// Per-query AI figures and query volumes.
    AiInference,
    /// AI training runs.
    AiTraining,
    /// Rated power of accelerators and systems.
    Accelerators,
    /// Comparison references for equivalences.
    References,
    /// Manufacturing (embodied) impacts of hardware, their lifetimes and shares.
    Embodied,
    /// Parameter counts of language models (the token method).
    Models,
    /// Water and life-cycle carbon per kWh of each generation technology.
    Generation,
    /// Published generation mixes: each fuel's share of a region's generation in a year.
    Mixes,
    /// Shares of AI in data-centre electricity, splits inside AI, usage shares, and announced
    /// AI capacity.
    AiShare,
}

/// A column of a table that is checked against a vocabulary (or only for being a slug).
#[derive(Debug, Clone, Copy)]
pub struct KeyColumn {
    /// Column name.
    pub name: &'static str,
    /// Allowed values; empty means any lower-case slug.
    pub allowed: &'static [&'static str],
    /// Whether the cell may be empty.
    pub optional: bool,
}

const fn key(name: &'static str, allowed: &'static [&'static str], optional: bool) -> KeyColumn {
    KeyColumn {
        name,
        allowed,
        optional,
    }
}

/// The boundaries a published figure can have (DESIGN.md §1): hardware, IT, facility, water
/// scope, carbon accounting or life cycle.
const BOUNDARIES: &[&str] = &[
    "accelerator",
    "server",
    "it",
    "facility",
    "onsite",
    "onsite+offsite",
    "lifecycle",
    "location",
    "market",
];

/// Columns every value table ends with, after its key columns.
pub const VALUE_COLUMNS: &[&str] = &[
    "value",
    "unit",
    "low",
    "high",
    "year",
    "scope",
    "kind",
    "source_id",
    "verification",
    "notes",
];

/// Columns of `sources.csv`: `edition` names the edition of a document published in
/// editions, `superseded_by` the id of the source that replaces it (a newer edition).
pub const SOURCE_COLUMNS: &[&str] = &[
    "id",
    "authors",
    "title",
    "publisher",
    "year",
    "edition",
    "url",
    "locator",
    "accessed",
    "superseded_by",
    "notes",
];

/// Columns of a `sources.csv` written before editions were recorded: still read, with no
/// edition and nothing superseded.
pub const SOURCE_COLUMNS_WITHOUT_EDITIONS: &[&str] = &[
    "id",
    "authors",
    "title",
    "publisher",
    "year",
    "url",
    "locator",
    "accessed",
    "notes",
];

/// Columns of `regions.csv`.
pub const REGION_COLUMNS: &[&str] = &["code", "name_en", "name_fr", "parent"];

/// Allowed `kind` values.
pub const KINDS: &[&str] = &[
    "measured",
    "estimate",
    "projection",
    "derived",
    "reference",
    "target",
    "assumption",
];

/// Allowed `verification` values.
pub const VERIFICATIONS: &[&str] = &["confirmed", "confirmed-copy", "unconfirmed", "derived"];

const BASES: &[&str] = &["lifecycle", "direct", "consumption", "withdrawal"];

const GRID_FACTORS_KEYS: &[KeyColumn] = &[
    key("factor", &["carbon_intensity", "ewif"], false),
    key("basis", BASES, false),
];

const FACILITY_EFFICIENCY_KEYS: &[KeyColumn] = &[
    key("operator", &[], false),
    key("site", &[], false),
    key("metric", &["pue", "wue"], false),
    key("basis", BASES, true),
];

const DC_ENERGY_KEYS: &[KeyColumn] = &[
    key(
        "indicator",
        &[
            "electricity",
            "share_of_electricity",
            "onsite_water",
            "offsite_water",
            "total_water",
            "co2e",
            "capacity",
            "growth_rate",
            "count",
            "pue",
            "wue",
            "load_factor",
            "compute_ratio",
        ],
        false,
    ),
    key("case", &[], false),
];

/// Bases of operator rows: a water basis, or the scope-2 carbon accounting (`location`- or
/// `market`-based).
const OPERATOR_BASES: &[&str] = &[
    "lifecycle",
    "direct",
    "consumption",
    "withdrawal",
    "location",
    "market",
];

const OPERATOR_REPORTS_KEYS: &[KeyColumn] = &[
    key("operator", &[], false),
    key("perimeter", &[], false),
    key(
        "indicator",
        &["water", "electricity", "growth_rate", "co2e"],
        false,
    ),
    key("basis", OPERATOR_BASES, true),
];

const AI_INFERENCE_KEYS: &[KeyColumn] = &[
    key("system", &[], false),
    key("task", &[], true),
    key(
        "metric",
        &[
            "energy_per_query",
            "water_per_query",
            "co2e_per_query",
            "queries_per_day",
            "queries",
            "share",
            "reduction_factor",
            "prefill_ratio",
        ],
        false,
    ),
    key("boundary", BOUNDARIES, true),
];

const AI_TRAINING_KEYS: &[KeyColumn] = &[
    key("model", &[], false),
    key(
        "metric",
        &[
            "energy",
            "gpu_hours",
            "accelerators",
            "duration",
            "power_per_accelerator",
            "pue",
            "co2e",
            "carbon_intensity",
            "compute",
            "water",
            "growth_rate",
        ],
        false,
    ),
    key("boundary", BOUNDARIES, true),
];

const ACCELERATORS_KEYS: &[KeyColumn] = &[
    key("hardware", &[], false),
    key(
        "metric",
        &["tdp", "system_power", "rack_power", "measured_power"],
        false,
    ),
];

/// The generation technologies of DESIGN.md §6 ("The grid"), in the order listed there.
pub const TECHNOLOGIES: &[&str] = &[
    "coal-tower",
    "coal-once-through",
    "gas-cc-tower",
    "gas-cc-once-through",
    "gas-ct",
    "nuclear-tower",
    "nuclear-once-through",
    "hydro-reservoir",
    "hydro-run-of-river",
    "solar-pv",
    "wind-onshore",
    "wind-offshore",
    "geothermal",
    "biomass",
    "oil",
];

/// How reservoir evaporation is allocated to hydropower (`allocation` of `generation.csv`).
pub const HYDRO_ALLOCATIONS: &[&str] = &["none", "net", "gross", "gross-world"];

const GENERATION_KEYS: &[KeyColumn] = &[
    key("technology", TECHNOLOGIES, false),
    key(
        "metric",
        &["water_consumption", "water_withdrawal", "carbon_intensity"],
        false,
    ),
    key("allocation", HYDRO_ALLOCATIONS, true),
];

/// The fuels of published generation mixes (Ember's categories).
pub const FUELS: &[&str] = &[
    "coal",
    "gas",
    "oil",
    "nuclear",
    "hydro",
    "wind",
    "solar",
    "bioenergy",
    "other-renewables",
];

const MIXES_KEYS: &[KeyColumn] = &[key("fuel", FUELS, false)];

/// What a row of `embodied.csv` gives, and for what unit of hardware.
const EMBODIED_METRICS: &[&str] = &[
    "embodied_co2e",
    "embodied_water",
    "lifetime",
    "embodied_share",
    "embodied_water_share",
    "embodied_materials_share",
    "compute_carbon_intensity",
    "cci_ratio",
    "embodied_co2e_per_capacity",
];
const EMBODIED_PER: &[&str] = &[
    "accelerator",
    "host_share",
    "baseboard",
    "server",
    "node",
    "training_run",
    "model_lifecycle",
    "fleet",
    "building",
];
const EMBODIED_BOUNDARIES: &[&str] = &[
    "cradle-to-gate",
    "cradle-to-grave",
    "manufacturing",
    "lifecycle",
];

const EMBODIED_KEYS: &[KeyColumn] = &[
    key("hardware", &[], false),
    key("metric", EMBODIED_METRICS, false),
    key("per", EMBODIED_PER, false),
    key("boundary", EMBODIED_BOUNDARIES, true),
];

const REFERENCES_KEYS: &[KeyColumn] = &[
    key("quantity", &[], false),
    key("label_en", &[], false),
    key("label_fr", &[], false),
];

const MODELS_KEYS: &[KeyColumn] = &[
    key("model", &[], false),
    key("metric", &["active_params", "total_params"], false),
    key("architecture", &["published", "not-published"], false),
];

/// What a row of `ai_share.csv` is: `part` is what is measured (`accelerated-servers`,
/// `inference`, `health` …), `whole` the denominator of a share (`servers`, `data-centres`,
/// `ml-energy`, `chatgpt-messages` …), `perimeter` whose figure it is (`all-data-centres`,
/// `google`, `meta`, `chatgpt`, a project).
const AI_SHARE_KEYS: &[KeyColumn] = &[
    key("part", &[], false),
    key("whole", &[], true),
    key(
        "metric",
        &[
            "share",
            "share_of_growth",
            "electricity",
            "growth_rate",
            "capacity",
            "water",
            "co2e",
        ],
        false,
    ),
    key("perimeter", &[], false),
];

impl Table {
    /// Every value table.
    pub const ALL: [Table; 13] = [
        Table::GridFactors,
        Table::FacilityEfficiency,
        Table::DcEnergy,
        Table::OperatorReports,
        Table::AiInference,
        Table::AiTraining,
        Table::Accelerators,
        Table::References,
        Table::Embodied,
        Table::Models,
        Table::Generation,
        Table::Mixes,
        Table::AiShare,
    ];

    /// The table's name (its file name without `.csv`).
    pub fn name(self) -> &'static str {
        match self {
            Table::GridFactors => "grid_factors",
            Table::FacilityEfficiency => "facility_efficiency",
            Table::DcEnergy => "dc_energy",
            Table::OperatorReports => "operator_reports",
            Table::AiInference => "ai_inference",
            Table::AiTraining => "ai_training",
            Table::Accelerators => "accelerators",
            Table::References => "references",
            Table::Embodied => "embodied",
            Table::Models => "models",
            Table::Generation => "generation",
            Table::Mixes => "mixes",
            Table::AiShare => "ai_share",
        }
    }

    /// The file name.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// One line saying what the table holds.
    pub fn description(self) -> &'static str {
        match self {
            Table::GridFactors => {
                "grid carbon intensity and electricity water intensity (EWIF) per region and year"
            }
            Table::FacilityEfficiency => "PUE and WUE per operator, site and year",
            Table::DcEnergy => "published data-centre electricity and water totals and projections",
            Table::OperatorReports => "water and electricity reported by operators",
            Table::AiInference => "energy, water and CO2e per AI query, and query volumes",
            Table::AiTraining => "energy, hardware and CO2e of AI training runs",
            Table::Accelerators => "rated power of AI accelerators and systems",
            Table::References => "comparison references for equivalences",
            Table::Embodied => {
                "manufacturing (embodied) carbon and water of accelerators, servers and buildings, \
                 lifetimes and life-cycle shares"
            }
            Table::Models => "active and total parameters of language models",
            Table::Generation => {
                "water consumed and withdrawn and life-cycle carbon per kWh of each generation \
                 technology"
            }
            Table::Mixes => "published generation mixes: each fuel's share of generation",
            Table::AiShare => {
                "AI's share of data-centre electricity, splits inside AI, usage shares, AI capacity"
            }
        }
    }

    /// Looks a table up by name (with or without `.csv`).
    pub fn from_name(name: &str) -> Option<Table> {
        let name = name.strip_suffix(".csv").unwrap_or(name);
        Table::ALL.into_iter().find(|table| table.name() == name)
    }

    /// The key columns that come between `id` and the value columns.
    pub fn key_columns(self) -> &'static [KeyColumn] {
        match self {
            Table::GridFactors => GRID_FACTORS_KEYS,
            Table::FacilityEfficiency => FACILITY_EFFICIENCY_KEYS,
            Table::DcEnergy => DC_ENERGY_KEYS,
            Table::OperatorReports => OPERATOR_REPORTS_KEYS,
            Table::AiInference => AI_INFERENCE_KEYS,
            Table::AiTraining => AI_TRAINING_KEYS,
            Table::Accelerators => ACCELERATORS_KEYS,
            Table::References => REFERENCES_KEYS,
            Table::Embodied => EMBODIED_KEYS,
            Table::Models => MODELS_KEYS,
            Table::Generation => GENERATION_KEYS,
            Table::Mixes => MIXES_KEYS,
            Table::AiShare => AI_SHARE_KEYS,
        }
    }

    /// Every column of the table, in order.
    pub fn columns(self) -> Vec<&'static str> {
        let mut columns = vec!["id"];
        columns.extend(self.key_columns().iter().map(|column| column.name));
        columns.extend_from_slice(VALUE_COLUMNS);
        columns
    }

    /// The dimensions a row's unit may have, given its key cells (`metric`, `factor` …).
    /// `None` means any known unit is accepted.
    pub fn allowed_dimensions(self, key: &dyn Fn(&str) -> String) -> Option<Vec<Dimension>> {
        use Dimension::*;
        let dims = match self {
            Table::GridFactors => match key("factor").as_str() {
                "carbon_intensity" => vec![CarbonIntensity],
                _ => vec![WaterIntensity],
            },
            Table::FacilityEfficiency => match key("metric").as_str() {
                "pue" => vec![Ratio],
                _ => vec![WaterIntensity],
            },
            Table::DcEnergy => match key("indicator").as_str() {
                "electricity" => vec![Energy],
                "share_of_electricity" | "load_factor" => vec![Percent, Ratio],
                "compute_ratio" => vec![Ratio],
                "onsite_water" | "offsite_water" | "total_water" => vec![Volume],
                "co2e" => vec![Co2e],
                "capacity" => vec![Power],
                "growth_rate" => vec![GrowthRate, Ratio],
                "count" => vec![Count],
                "pue" => vec![Ratio],
                _ => vec![WaterIntensity],
            },
            Table::OperatorReports => match key("indicator").as_str() {
                "water" => vec![Volume],
                "electricity" => vec![Energy],
                "co2e" => vec![Co2e],
                _ => vec![GrowthRate, Percent],
            },
            Table::AiInference => match key("metric").as_str() {
                "energy_per_query" => vec![Energy],
                "water_per_query" => vec![Volume],
                "co2e_per_query" => vec![Co2e],
                "queries_per_day" => vec![QueriesPerDay],
                "share" => vec![Percent, Ratio],
                "reduction_factor" | "prefill_ratio" => vec![Ratio],
                _ => vec![Count],
            },
            Table::AiTraining => match key("metric").as_str() {
                "energy" => vec![Energy],
                "gpu_hours" => vec![DeviceHours],
                "accelerators" => vec![Count],
                "duration" => vec![Duration],
                "power_per_accelerator" => vec![Power],
                "pue" => vec![Ratio],
                "co2e" => vec![Co2e],
                "carbon_intensity" => vec![CarbonIntensity],
                "compute" => vec![Compute],
                "water" => vec![Volume],
                _ => vec![GrowthRate, Ratio],
            },
            Table::Accelerators => vec![Power],
            Table::Models => vec![Parameters],
            Table::AiShare => match key("metric").as_str() {
                "share" | "share_of_growth" => vec![Percent, Ratio],
                "electricity" => vec![Energy],
                "growth_rate" => vec![GrowthRate, Ratio],
                "capacity" => vec![Power],
                "water" => vec![Volume],
                _ => vec![Co2e],
            },
            Table::References => return None,
            Table::Mixes => vec![Percent],
            Table::Generation => match key("metric").as_str() {
                "carbon_intensity" => vec![CarbonIntensity],
                _ => vec![WaterIntensity],
            },
            Table::Embodied => {
                // Each metric's dimension; the shares may be a percentage or a ratio.
                const BY_METRIC: &[(&str, Dimension)] = &[
                    ("embodied_co2e", Co2e),
                    ("embodied_water", Volume),
                    ("lifetime", Duration),
                    ("compute_carbon_intensity", CarbonPerCompute),
                    ("embodied_co2e_per_capacity", CarbonPerCapacity),
                    ("cci_ratio", Ratio),
                ];
                let metric = key("metric");
                match BY_METRIC.iter().find(|(name, _)| *name == metric) {
                    Some((_, dimension)) => vec![*dimension],
                    None => vec![Percent, Ratio],
                }
            }
        };
        Some(dims)
    }
}
