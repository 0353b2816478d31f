//! Scenario files: a documented TOML schema (see `datasets/scenarios/README.md`), parsed with
//! spans so every error points at its line and column, validated against the datasets, turned
//! into evaluation plans (one per variant) and run through the Monte Carlo engine.

mod build;
mod parse;
pub mod read;
pub mod template;

use std::path::Path;

use crate::data::{Datasets, builtin};
use crate::error::{Error, InputError, Location, Result};
use crate::model::{Indicator, Plan};
use crate::uncertainty::mc::{self, Extras, McConfig, Outcome};

pub use crate::model::{SeriesSpec, ValueSpec};
pub use build::plan_for;
pub use parse::{MAX_VARIANTS, is_builtin_chart};

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
    /// Notes for the reader (boundary conversions, defaults).
    pub notes: Vec<Text>,
    /// Byte span, in the scenario file, of the variant's `[[variant]]` table (of the
    /// `[energy]` table for a scenario without variants): where errors about its results point.
    pub span: std::ops::Range<usize>,
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

/// Names of the built-in scenarios (file stems of `datasets/scenarios/*.toml`), in order.
pub fn builtin_names() -> Vec<&'static str> {
    builtin::files_under("scenarios/")
        .map(|(name, _)| {
            name.trim_start_matches("scenarios/")
                .trim_end_matches(".toml")
        })
        .collect()
}

/// Parses and validates a scenario from its text.
pub fn parse(path: &str, text: &str, datasets: &Datasets) -> Result<Scenario> {
    parse::parse(path, text, datasets)
}

/// Loads a scenario from a file path or a built-in name.
pub fn load(name_or_path: &str, datasets: &Datasets) -> Result<Scenario> {
    let path = Path::new(name_or_path);
    // A `.toml` path that is there but not a regular file is refused by `read_text_file`.
    if path.is_file() || (name_or_path.ends_with(".toml") && path.symlink_metadata().is_ok()) {
        let text = crate::fsio::read_text_file(
            path,
            crate::fsio::SCENARIO_LIMIT,
            "save the scenario file as UTF-8",
        )?;
        let display = path.display().to_string();
        return parse(&display, &text, datasets);
    }
    let builtin_path = format!("scenarios/{name_or_path}.toml");
    if let Some(text) = builtin::file(&builtin_path) {
        return parse(
            &format!("datasets/{builtin_path} (built-in)"),
            text,
            datasets,
        );
    }
    let names = builtin_names();
    let looks_like_path = name_or_path.contains('/')
        || name_or_path.contains('\\')
        || name_or_path.ends_with(".toml");
    let suggestion = crate::text::did_you_mean(name_or_path, names.iter().copied());
    let message = if looks_like_path {
        format!("no scenario file `{name_or_path}`")
    } else {
        format!("no built-in scenario `{name_or_path}` and no such file")
    };
    Err(InputError::new(message)
        .at(Location::Path(name_or_path.to_string()))
        .hint(format!(
            "{suggestion}built-in scenarios: {}",
            names.join(", ")
        ))
        .into())
}

/// Refuses a headline (given in the file) that a variant cannot compute, and a listed indicator
/// that no variant computes: either would show as "–" or be left out without a word.
fn check_asked_indicators(scenario: &Scenario, variant: &Variant, plan: &Plan) -> Result<()> {
    let unavailable = |indicator: Indicator,
                       span: Option<&std::ops::Range<usize>>,
                       field: &str|
     -> Option<Error> {
        let span = span?.clone();
        let reason = plan.missing_reason(indicator)?;
        Some(
            InputError::new(format!(
                "variant `{}` cannot compute {}: it {reason}",
                variant.id,
                indicator.short()
            ))
            .in_text(&scenario.path, &scenario.source_text, span, Some(field))
            .hint(
                "give what it needs ([factors], the variant's factors or [share_of]), or pick \
                 another indicator",
            )
            .into(),
        )
    };
    let headline = unavailable(
        scenario.headline,
        scenario.spans.headline.as_ref(),
        "headline.indicator",
    );
    if let Some(error) = headline {
        return Err(error);
    }
    for (index, indicator) in scenario.indicators.iter().enumerate() {
        let computed_somewhere = scenario.variants.iter().any(|other| {
            plan_for(scenario, other).is_ok_and(|plan| plan.missing_reason(*indicator).is_none())
        });
        if !computed_somewhere
            && let Some(error) = unavailable(
                *indicator,
                scenario.spans.indicators.get(index),
                &format!("indicators[{index}]"),
            )
        {
            return Err(error);
        }
    }
    Ok(())
}

/// The error for a result that is not a finite number, pointing at the variant and listing
/// the inputs that feed the indicator (one of them is far too large, or a divisor is zero).
fn non_finite_error(
    scenario: &Scenario,
    variant: &Variant,
    plan: &Plan,
    indicator: Indicator,
    year: Option<i32>,
) -> Error {
    let roles = crate::model::Role::feeding(indicator, plan.boundary);
    let inputs: Vec<String> = plan
        .inputs
        .iter()
        .filter(|input| roles.contains(&input.role) && !input.is_level)
        .map(|input| {
            let shown = |value: f64| crate::number::short_number(value * input.show_scale);
            let (low, high) = input.dist.support();
            let range = if input.is_uncertain() {
                format!(" ({}–{})", shown(low), shown(high))
            } else {
                String::new()
            };
            format!(
                "{} = {}{range} {}",
                input.key,
                shown(input.central()),
                input.unit
            )
        })
        .collect();
    let when = year.map_or_else(String::new, |year| format!(" in {year}"));
    InputError::new(format!(
        "variant `{}`: {}{when} is too large to compute (or divides by zero): the result is \
         not a finite number",
        variant.id,
        indicator.short()
    ))
    .in_text(
        &scenario.path,
        &scenario.source_text,
        variant.span.clone(),
        None,
    )
    .hint(format!(
        "check the sizes and units of the values feeding it: {}",
        inputs.join("; ")
    ))
    .into()
}

/// Loads every built-in scenario, in report order.
pub fn load_builtins(datasets: &Datasets) -> Result<Vec<Scenario>> {
    let mut scenarios = builtin_names()
        .into_iter()
        .map(|name| load(name, datasets))
        .collect::<Result<Vec<_>>>()?;
    scenarios.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    Ok(scenarios)
}

/// Above this many draws, variants run one after another (each still uses every core), so
/// that the draws of only one variant at a time are in memory.
const PARALLEL_VARIANTS_MAX_SAMPLES: usize = 100_000;

/// Runs every variant of a scenario, in parallel when the draws are few enough. The results
/// keep the scenario's order, and the error reported is the first variant's in that order.
pub fn run(scenario: &Scenario, datasets: &Datasets, config: McConfig) -> Result<ScenarioResult> {
    let run_variant = |variant: &Variant| -> Result<VariantResult> {
        let plan = plan_for(scenario, variant)?;
        check_asked_indicators(scenario, variant, &plan)?;
        let mut keep = vec![(scenario.headline, scenario.headline_year)];
        keep.dedup();
        let extras = Extras {
            sensitivity: scenario.sensitivity_years.clone(),
            keep,
        };
        let outcome = mc::try_run(&plan, config, &extras)?;
        if let Some((indicator, year)) = outcome.first_non_finite() {
            return Err(non_finite_error(scenario, variant, &plan, indicator, year));
        }
        Ok(VariantResult {
            variant: variant.clone(),
            plan,
            outcome,
        })
    };
    let variants = if config.samples <= PARALLEL_VARIANTS_MAX_SAMPLES {
        use rayon::prelude::*;
        let results: Vec<Result<VariantResult>> =
            scenario.variants.par_iter().map(run_variant).collect();
        results.into_iter().collect::<Result<Vec<_>>>()?
    } else {
        scenario
            .variants
            .iter()
            .map(run_variant)
            .collect::<Result<Vec<_>>>()?
    };
    let result = ScenarioResult {
        scenario: scenario.clone(),
        variants,
        config,
    };
    template::check(&result, datasets)?;
    Ok(result)
}
