//! The validated scenario and its results: what the parser builds, the builder turns into plans
//! and the output layer reads (a file of its own, so that the parser's files import these types
//! without importing the module that declares them).

use crate::model::{Indicator, Plan};
use crate::uncertainty::mc::{McConfig, Outcome};

pub use crate::model::{SeriesSpec, ValueSpec};

/// The schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

pub use crate::lang::Text;

/// How the energy of a variant is obtained, with its quantities read from the file.
pub type EnergySpec = crate::model::Energy<SeriesSpec>;

/// The factors of a variant.
#[derive(Debug, Clone, Default)]
pub struct FactorSpec {
    /// PUE.
    pub pue: Option<SeriesSpec>,
    /// On-site WUE.
    pub wue: Option<SeriesSpec>,
    /// Whether the WUE is a withdrawal figure.
    pub wue_withdrawal: bool,
    /// EWIF.
    pub ewif: Option<SeriesSpec>,
    /// Carbon intensity.
    pub carbon_intensity: Option<SeriesSpec>,
    /// Water withdrawn by power generation per kWh (from a mix, or given).
    pub ewif_withdrawal: Option<SeriesSpec>,
    /// Notes about defaults taken from the datasets.
    pub notes: Vec<Text>,
}

/// The reference consumption of the share indicator.
#[derive(Debug, Clone)]
pub struct ShareOf {
    /// What it is ("world electricity consumption").
    pub label: Text,
    /// Its value per period.
    pub value: SeriesSpec,
}

/// One variant of a scenario.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Slug.
    pub id: String,
    /// Label in charts and tables.
    pub label: Text,
    /// The energy.
    pub energy: EnergySpec,
    /// The factors.
    pub factors: FactorSpec,
    /// The share reference, if any.
    pub share_of: Option<ShareOf>,
    /// Embodied impacts, if the file asks for them (`[embodied]`).
    pub embodied: Option<crate::model::EmbodiedPlan<SeriesSpec>>,
    /// Notes for the reader (boundary conversions, defaults).
    pub notes: Vec<Text>,
    /// Byte span, in the scenario file, of the variant's `[[variant]]` table (of the
    /// `[energy]` table for a scenario without variants): where errors about its results point.
    pub span: std::ops::Range<usize>,
    /// Its components, baseline, adjustments and rebound.
    pub parts: VariantParts,
}

/// Published points overlaid on a time-series chart.
#[derive(Debug, Clone)]
pub struct Published {
    /// Legend label.
    pub label: Text,
    /// The indicator they compare with.
    pub indicator: Indicator,
    /// The dataset rows.
    pub rows: Vec<String>,
}

/// Published estimates compared side by side (a "ranges" chart).
#[derive(Debug, Clone)]
pub struct Compare {
    /// Slug (chart file name).
    pub id: String,
    /// Chart title.
    pub title: Text,
    /// Display unit label (`Wh`, `mL` …).
    pub unit: String,
    /// Logarithmic axis.
    pub log_scale: bool,
    /// (dataset row, label).
    pub rows: Vec<(String, Text)>,
}

/// Published series drawn together (e.g. an operator's water next to its electricity).
#[derive(Debug, Clone)]
pub struct Trend {
    /// Slug (chart file name).
    pub id: String,
    /// Chart title.
    pub title: Text,
    /// Show each line as an index (100 at its first point) to compare growth.
    pub index: bool,
    /// (label, dataset rows in year order).
    pub lines: Vec<(Text, Vec<String>)>,
}

/// An equivalence: an indicator expressed in a familiar reference.
#[derive(Debug, Clone)]
pub struct Equivalence {
    /// The reference row.
    pub reference: String,
    /// The indicator.
    pub indicator: Indicator,
}

/// How strong the evidence behind a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Measured or consistently estimated by independent sources.
    Strong,
    /// Reasonable estimates with known gaps.
    Moderate,
    /// Few sources, unverified figures or wide ranges.
    Weak,
    /// Sources disagree substantially.
    Disputed,
}

impl Evidence {
    /// The spelling in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Strong => "strong",
            Evidence::Moderate => "moderate",
            Evidence::Weak => "weak",
            Evidence::Disputed => "disputed",
        }
    }
}

/// A finding: text generated from the results, with an evidence grade.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The claim being checked, in our words (for the front page).
    pub claim: Option<Text>,
    /// The text, with placeholders filled from results (see [`template`]).
    pub text: Text,
    /// Evidence grade.
    pub evidence: Evidence,
    /// Why that grade.
    pub why: Text,
}

/// Display unit overrides (English labels of [`crate::display_unit::display_units`]).
#[derive(Debug, Clone, Default)]
pub struct DisplayUnits {
    /// Energy unit (`TWh`).
    pub energy: Option<String>,
    /// Water unit (`billion L`).
    pub water: Option<String>,
    /// CO2e unit (`Mt CO₂e`).
    pub co2e: Option<String>,
}

/// Where, in the scenario file, the values checked after parsing were written: errors found
/// once the variants are built point there without reading the file again.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    /// Byte span of `headline.indicator`, when the file gives it.
    pub headline: Option<std::ops::Range<usize>>,
    /// Byte span of each item of `indicators`.
    pub indicators: Vec<std::ops::Range<usize>>,
}

/// A validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Slug (folder name).
    pub id: String,
    /// Where it was read from.
    pub path: String,
    /// The file's text.
    pub source_text: String,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Text,
    /// Years covered (None for a one-off total).
    pub years: Option<(i32, i32)>,
    /// The key indicator.
    pub headline: Indicator,
    /// The key year (None for a one-off).
    pub headline_year: Option<i32>,
    /// Where the asked indicators were written.
    pub spans: Spans,
    /// Indicators shown in charts (all available ones when empty).
    pub indicators: Vec<Indicator>,
    /// Periods of the sensitivity analysis.
    pub sensitivity_years: Vec<Option<i32>>,
    /// Display units.
    pub display: DisplayUnits,
    /// Variants (at least one).
    pub variants: Vec<Variant>,
    /// Published points.
    pub published: Vec<Published>,
    /// Comparisons of published estimates.
    pub compare: Vec<Compare>,
    /// Published series.
    pub trends: Vec<Trend>,
    /// Equivalences.
    pub equivalences: Vec<Equivalence>,
    /// Findings.
    pub findings: Vec<Finding>,
    /// Order in the report (lower first).
    pub order: i64,
    /// The policy period of cumulative savings (`[savings] from, to`), when given.
    pub savings_period: Option<(i32, i32)>,
}

impl Scenario {
    /// The periods of the scenario.
    pub fn periods(&self) -> Vec<Option<i32>> {
        match self.years {
            None => vec![None],
            Some((from, to)) => (from..=to).map(Some).collect(),
        }
    }
}

/// The result of one variant.
#[derive(Debug, Clone)]
pub struct VariantResult {
    /// The variant.
    pub variant: Variant,
    /// Its plan.
    pub plan: Plan,
    /// Its outcome.
    pub outcome: Outcome,
    /// Its components, when the scenario has some.
    pub parts: Option<PartsOutcome>,
    /// Its savings against its baseline, when it names one.
    pub savings: Option<Savings>,
}

impl VariantResult {
    /// Source ids behind an indicator of this variant, sorted and unique.
    pub fn sources_for(&self, indicator: Indicator) -> Vec<String> {
        let roles = crate::model::Role::feeding(indicator, self.plan.boundary);
        let mut ids: Vec<String> = self
            .plan
            .inputs
            .iter()
            .filter(|input| roles.contains(&input.role))
            .flat_map(|input| input.sources.iter().cloned())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

/// A scenario with the results of all its variants.
#[derive(Debug, Clone)]
pub struct ScenarioResult {
    /// The scenario.
    pub scenario: Scenario,
    /// One result per variant, in the scenario's order.
    pub variants: Vec<VariantResult>,
    /// The Monte Carlo settings used.
    pub config: McConfig,
}

impl ScenarioResult {
    /// A variant's result by id.
    pub fn variant(&self, id: &str) -> Option<&VariantResult> {
        self.variants.iter().find(|result| result.variant.id == id)
    }
}

/// How a component of a scenario's energy gets its energy (DESIGN.md §6).
#[derive(Debug, Clone)]
pub enum ComponentHow {
    /// A share of its parent's energy.
    Share(SeriesSpec),
    /// Its own energy path.
    Energy(Box<EnergySpec>),
    /// Its parent's energy minus its siblings'.
    Rest,
}

/// One component of a scenario's energy: a named part of its parent (the scenario's energy
/// when it has none).
#[derive(Debug, Clone)]
pub struct Component {
    /// Slug, unique in the scenario.
    pub id: String,
    /// Label in charts and tables.
    pub label: Text,
    /// The parent component's id (None: the scenario's energy).
    pub parent: Option<String>,
    /// How its energy is obtained.
    pub how: ComponentHow,
    /// For a share: true when the share is of the component's IT energy in its parent's
    /// facility energy (how the IEA states "15 % of data-centre electricity").
    pub share_of_facility_it: bool,
    /// Set when its share (or path) is an assumption with no source: what it assumes.
    pub assumption: Option<Text>,
    /// Its factor overrides (an unset factor is its parent's).
    pub factors: FactorSpec,
    /// Byte span of its `[[component]]` table.
    pub span: std::ops::Range<usize>,
    /// Byte span of its `parent` value, when given.
    pub parent_span: Option<std::ops::Range<usize>>,
    /// Its key path in the file (`component[2]`).
    pub path: String,
}

/// A change a variant makes to one component from a year on.
#[derive(Debug, Clone)]
pub struct Adjust {
    /// Byte span of its `component` value.
    pub span: std::ops::Range<usize>,
    /// The component's id.
    pub component: String,
    /// First year it applies (None: every period).
    pub from: Option<i32>,
    /// What multiplies the energy of the component and of its parts from `from` on: 0
    /// removes it, a range keeps an uncertain part of it.
    pub scale: SeriesSpec,
    /// Set when the scale is an assumption.
    pub assumption: Option<Text>,
}

/// The share of the energy freed by a variant's adjustments that other uses take up.
#[derive(Debug, Clone)]
pub struct Rebound {
    /// Byte span of the `[variant.rebound]` table.
    pub span: std::ops::Range<usize>,
    /// The share (fraction of the freed energy).
    pub share: SeriesSpec,
    /// The component that takes it (None: the rest of the first adjusted component's parent).
    pub to: Option<String>,
    /// What the share assumes.
    pub assumption: Option<Text>,
}

/// A variant's components, baseline, adjustments and rebound (all empty for a scenario
/// without components).
#[derive(Debug, Clone, Default)]
pub struct VariantParts {
    /// The components (the scenario's, with the variant's `[[variant.component]]` replacing
    /// those of the same id), parents before children.
    pub components: Vec<Component>,
    /// The variant its savings are measured against.
    pub baseline: Option<String>,
    /// Byte span of the `baseline` value.
    pub baseline_span: Option<std::ops::Range<usize>>,
    /// Changes to components.
    pub adjust: Vec<Adjust>,
    /// Rebound of the freed energy.
    pub rebound: Option<Rebound>,
    /// The variant's key path in the file (`variant[1]`; empty without variants).
    pub path: String,
}

/// The components of one variant, summarised per period.
#[derive(Debug, Clone)]
pub struct PartsOutcome {
    /// The components' ids, parents before children.
    pub ids: Vec<String>,
    /// The parents' ids (None: the total).
    pub parents: Vec<Option<String>>,
    /// The periods.
    pub periods: Vec<Option<i32>>,
    /// `stats[period][part][indicator]`, the total after the parts; None where unavailable.
    pub stats: Vec<Vec<IndicatorStats>>,
    /// `share[period][part]`: the component's share of the total's facility energy (its IT
    /// energy's when the plan has no facility energy).
    pub share: Vec<Vec<crate::uncertainty::mc::Stats>>,
}

/// A variant's savings against its baseline: baseline − variant, draw by draw.
#[derive(Debug, Clone)]
pub struct Savings {
    /// The baseline variant's id.
    pub baseline: String,
    /// The components found in both (None: the total, last).
    pub ids: Vec<Option<String>>,
    /// Yearly savings: (period, `[component][indicator]`).
    pub yearly: Vec<(Option<i32>, Vec<IndicatorStats>)>,
    /// Cumulative savings over the policy period, when it has years.
    pub cumulative: Option<((i32, i32), Vec<IndicatorStats>)>,
}

/// The summary of every indicator (None where unavailable), by [`Indicator::index`].
pub type IndicatorStats = [Option<crate::uncertainty::mc::Stats>; crate::model::N_INDICATORS];
