//! The tables of components and savings (contract: DESIGN.md §6).
//!
//! - `components.csv`: one row per variant × component × year × indicator (and the total,
//!   component `total`), in the display units of `results.csv`, plus `component_share`, the
//!   component's share of the scenario total (of facility energy; of IT energy when the plan
//!   has no facility energy), in %.
//! - `savings.csv`: baseline − variant computed draw by draw, per component (empty for the
//!   total) and indicator, yearly (`from_year = to_year`) and cumulated over the policy period.

use super::csv::{Cell, CsvTable};
use super::tables::Units;
use crate::model::Indicator;
use crate::scenario::{ScenarioResult, VariantResult};
use crate::uncertainty::mc::Stats;

/// The id of the total's rows in `components.csv`.
pub const TOTAL: &str = "total";

/// The indicator name of a component's share of the total.
pub const COMPONENT_SHARE: &str = "component_share";

/// Source ids behind an indicator of one component: the variant's own (its energy and
/// factors) with the inputs of other components left out, and those of the component, its
/// ancestors and its parts.
pub fn component_sources(
    variant: &VariantResult,
    component: Option<&str>,
    indicator: Indicator,
) -> Vec<String> {
    let roles = crate::model::Role::feeding(indicator, variant.plan.boundary);
    let parts = &variant.variant.parts.components;
    let related = |id: &str| -> bool {
        let Some(component) = component else {
            return true;
        };
        // `id` is the component, one of its ancestors, or one of its parts.
        let chain = |from: &str, to: &str| {
            let mut current = Some(from.to_string());
            while let Some(name) = current {
                if name == to {
                    return true;
                }
                current = parts
                    .iter()
                    .find(|c| c.id == name)
                    .and_then(|c| c.parent.clone());
            }
            false
        };
        chain(component, id) || chain(id, component)
    };
    let mut ids: Vec<String> = variant
        .plan
        .inputs
        .iter()
        .filter(|input| roles.contains(&input.role))
        .filter(|input| match input.key.strip_prefix("component.") {
            Some(rest) => related(rest.split('.').next().unwrap_or("")),
            None => true,
        })
        .flat_map(|input| input.sources.iter().cloned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The columns of a table, from the names separated by commas.
fn columns(names: &str) -> Vec<&str> {
    names.split(',').collect()
}

fn stats_cells(units: &Units, indicator: Indicator, stats: &Stats) -> Vec<Cell> {
    let show = |value: f64| Cell::Number(units.show(indicator, value));
    vec![
        show(stats.central),
        show(stats.mean),
        show(stats.p5),
        show(stats.p50),
        show(stats.p95),
    ]
}

fn percent_cells(stats: &Stats) -> Vec<Cell> {
    [stats.central, stats.mean, stats.p5, stats.p50, stats.p95]
        .map(|value| Cell::Number(value * 100.0))
        .to_vec()
}

/// True if some variant has components.
pub fn has_components(result: &ScenarioResult) -> bool {
    result
        .variants
        .iter()
        .any(|variant| variant.parts.is_some())
}

/// True if some variant has savings.
pub fn has_savings(result: &ScenarioResult) -> bool {
    result
        .variants
        .iter()
        .any(|variant| variant.savings.is_some())
}

/// `components.csv`.
pub fn components(result: &ScenarioResult) -> CsvTable {
    let units = Units::of(result);
    let mut table = CsvTable::new(&columns(
        "scenario,variant,component,parent,year,indicator,unit,central,mean,p5,p50,p95,source_ids",
    ));
    for variant in &result.variants {
        let Some(parts) = &variant.parts else {
            continue;
        };
        let count = parts.ids.len();
        for (period, year) in parts.periods.iter().enumerate() {
            for row in 0..=count {
                let (id, parent) = if row == count {
                    (TOTAL, String::new())
                } else {
                    (
                        parts.ids[row].as_str(),
                        parts.parents[row]
                            .clone()
                            .unwrap_or_else(|| TOTAL.to_string()),
                    )
                };
                let component = (row < count).then_some(id);
                let lead = || -> Vec<Cell> {
                    vec![
                        result.scenario.id.as_str().into(),
                        variant.variant.id.as_str().into(),
                        id.into(),
                        parent.as_str().into(),
                        (*year).into(),
                    ]
                };
                for indicator in &variant.outcome.available {
                    let Some(stats) = parts.stats[period][row][indicator.index()] else {
                        continue;
                    };
                    let mut cells = lead();
                    cells.push(indicator.short().into());
                    cells.push(units.csv_label(*indicator).into());
                    cells.extend(stats_cells(&units, *indicator, &stats));
                    cells.push(
                        component_sources(variant, component, *indicator)
                            .join(";")
                            .into(),
                    );
                    table.push(cells);
                }
                if row < count {
                    let basis = crate::model::components::share_basis(&variant.plan);
                    let mut cells = lead();
                    cells.push(COMPONENT_SHARE.into());
                    cells.push("%".into());
                    cells.extend(percent_cells(&parts.share[period][row]));
                    cells.push(
                        component_sources(variant, component, basis)
                            .join(";")
                            .into(),
                    );
                    table.push(cells);
                }
            }
        }
    }
    table
}

/// `savings.csv`.
pub fn savings(result: &ScenarioResult) -> CsvTable {
    let units = Units::of(result);
    let mut table = CsvTable::new(&columns(
        "scenario,variant,baseline,component,indicator,unit,from_year,to_year,central,mean,p5,p50,p95",
    ));
    let with_savings = result
        .variants
        .iter()
        .filter_map(|variant| Some((variant, variant.savings.as_ref()?)));
    for (variant, saved) in with_savings {
        let mut push =
            |from: Option<i32>,
             to: Option<i32>,
             rows: &[[Option<Stats>; crate::model::N_INDICATORS]]| {
                for (row, id) in rows.iter().zip(&saved.ids) {
                    for indicator in Indicator::ALL {
                        let Some(stats) = row[indicator.index()] else {
                            continue;
                        };
                        let mut cells: Vec<Cell> = vec![
                            result.scenario.id.as_str().into(),
                            variant.variant.id.as_str().into(),
                            saved.baseline.as_str().into(),
                            id.as_deref().unwrap_or("").into(),
                            indicator.short().into(),
                            units.csv_label(indicator).into(),
                            from.into(),
                            to.into(),
                        ];
                        cells.extend(stats_cells(&units, indicator, &stats));
                        table.push(cells);
                    }
                }
            };
        for (year, rows) in &saved.yearly {
            push(*year, *year, rows);
        }
        if let Some(((from, to), rows)) = &saved.cumulative
            && from < to
        {
            push(Some(*from), Some(*to), rows);
        }
    }
    table
}
