//! Scenario files: a documented TOML schema (see `datasets/scenarios/README.md`), parsed with
//! spans so every error points at its line and column, validated against the datasets, turned
//! into evaluation plans (one per variant) and run through the Monte Carlo engine.

mod build;
pub mod components;
#[cfg(test)]
mod components_tests;
mod parse;
pub mod read;
pub mod savings;
pub mod template;
pub mod template_parts;
mod types;

use std::path::Path;

use crate::data::{Datasets, builtin};
use crate::error::{Error, InputError, Location, Result};
use crate::model::{Indicator, Plan};
use crate::uncertainty::mc::{self, Extras, McConfig};

pub use crate::model::{SeriesSpec, ValueSpec};
pub use build::plan_for;
pub use parse::{MAX_VARIANTS, is_builtin_chart};
pub use types::*;

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
        // A rest that goes negative in a draw is reported before anything else.
        let parts = components::run(scenario, variant, &plan, config)?;
        let outcome = mc::try_run(&plan, config, &extras)?;
        if let Some((indicator, year)) = outcome.first_non_finite() {
            return Err(non_finite_error(scenario, variant, &plan, indicator, year));
        }
        Ok(VariantResult {
            variant: variant.clone(),
            plan,
            outcome,
            parts,
            savings: None,
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
    let mut variants = variants;
    for index in 0..variants.len() {
        let Some(baseline) = variants[index].variant.parts.baseline.clone() else {
            continue;
        };
        let Some(base) = variants.iter().find(|other| other.variant.id == baseline) else {
            continue;
        };
        let own = &variants[index];
        let saved = savings::run(
            scenario,
            (&own.variant, &own.plan),
            (&base.variant, &base.plan),
            config,
        )?;
        variants[index].savings = Some(saved);
    }
    let result = ScenarioResult {
        scenario: scenario.clone(),
        variants,
        config,
    };
    template::check(&result, datasets)?;
    Ok(result)
}
