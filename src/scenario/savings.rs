//! Savings against a baseline (DESIGN.md §6): baseline − variant computed draw by draw, so
//! that the range of a saving is the range of the difference (common random numbers: the
//! same input key draws the same numbers in both), never the difference of two ranges.
//!
//! **Memory.** One period at a time (both variants' indicators for every draw), plus one
//! running sum per component, indicator and draw for the cumulative savings.

use super::components::{Draws, negative_rest_error, period_rows};
use super::types::{Savings, Scenario, Variant};
use crate::error::Result;
use crate::model::{Indicator, N_INDICATORS, Plan};
use crate::uncertainty::mc::{self, McConfig, Stats};

/// The policy period of a variant's cumulative savings: `[savings]`, or from its first
/// adjustment (the scenario's first year without one) to the scenario's last year.
pub fn policy_period(scenario: &Scenario, variant: &Variant) -> Option<(i32, i32)> {
    let (first, last) = scenario.years?;
    if let Some(period) = scenario.savings_period {
        return Some(period);
    }
    let from = variant
        .parts
        .adjust
        .iter()
        .filter_map(|adjust| adjust.from)
        .min()
        .unwrap_or(first);
    Some((from, last))
}

/// Every indicator of every component and of the total (or of the total alone, for a plan
/// without components), for every draw of one period: `draw × rows × N_INDICATORS`.
fn table(
    scenario: &Scenario,
    variant: &Variant,
    plan: &Plan,
    draws: &Draws,
    year: Option<i32>,
) -> Result<Vec<f64>> {
    match crate::model::components::parts_of(plan) {
        Some(parts) => period_rows(plan, parts, draws, year).map_err(|(failure, values)| {
            negative_rest_error(scenario, variant, plan, &failure, &values, year)
        }),
        None => {
            let mut rows = Vec::with_capacity(draws.samples * N_INDICATORS);
            let mut values = Vec::new();
            for draw in 0..draws.samples {
                draws.values(draw, &mut values);
                rows.extend_from_slice(&plan.evaluate(year, &values));
            }
            Ok(rows)
        }
    }
}

/// The central rows (every component, then the total).
fn central_rows(
    scenario: &Scenario,
    variant: &Variant,
    plan: &Plan,
    year: Option<i32>,
) -> Result<Vec<[f64; N_INDICATORS]>> {
    let values = plan.central_values();
    match crate::model::components::parts_of(plan) {
        Some(parts) => parts.evaluate(plan, year, &values).map_err(|failure| {
            negative_rest_error(scenario, variant, plan, &failure, &values, year)
        }),
        None => Ok(vec![plan.evaluate(year, &values)]),
    }
}

/// The row of each component in a plan's rows (the total is the last row).
fn ids_of(plan: &Plan) -> Vec<String> {
    crate::model::components::parts_of(plan)
        .map(|parts| parts.parts.iter().map(|part| part.id.clone()).collect())
        .unwrap_or_default()
}

/// Baseline − variant, draw by draw, for every period, component and indicator.
pub fn run(
    scenario: &Scenario,
    (variant, plan): (&Variant, &Plan),
    (baseline, baseline_plan): (&Variant, &Plan),
    config: McConfig,
) -> Result<Savings> {
    let own_ids = ids_of(plan);
    let base_ids = ids_of(baseline_plan);
    // (row in the variant, row in the baseline) of each shared component, then the totals.
    let mut pairs: Vec<(usize, usize)> = own_ids
        .iter()
        .enumerate()
        .filter_map(|(row, id)| Some((row, base_ids.iter().position(|other| other == id)?)))
        .collect();
    let mut ids: Vec<Option<String>> = pairs
        .iter()
        .map(|&(row, _)| Some(own_ids[row].clone()))
        .collect();
    pairs.push((own_ids.len(), base_ids.len()));
    ids.push(None);
    let own_stride = (own_ids.len() + 1) * N_INDICATORS;
    let base_stride = (base_ids.len() + 1) * N_INDICATORS;

    let own_draws = Draws::new(plan, config)?;
    let base_draws = Draws::new(baseline_plan, config)?;
    let samples = own_draws.samples.max(base_draws.samples);
    let exact = own_draws.uncertain.is_empty() && base_draws.uncertain.is_empty();
    let own_available = plan.available();
    let available: Vec<Indicator> = baseline_plan
        .available()
        .into_iter()
        .filter(|indicator| own_available.contains(indicator))
        .collect();
    let period = policy_period(scenario, variant);
    let in_period = |year: Option<i32>| {
        period.is_some_and(|(from, to)| year.is_some_and(|year| year >= from && year <= to))
    };
    let mut cumulative = vec![0.0; pairs.len() * N_INDICATORS * samples];
    let mut cumulative_central = vec![[0.0; N_INDICATORS]; pairs.len()];
    let mut column = vec![0.0; samples];
    let summary = |column: &mut Vec<f64>, central: f64| {
        if exact {
            Stats::exact(central)
        } else {
            mc::summarise(central, column)
        }
    };
    let mut yearly = Vec::new();
    for year in plan.periods() {
        let own = table(scenario, variant, plan, &own_draws, year)?;
        let base = table(scenario, baseline, baseline_plan, &base_draws, year)?;
        let own_central = central_rows(scenario, variant, plan, year)?;
        let base_central = central_rows(scenario, baseline, baseline_plan, year)?;
        let own_draw = |draw: usize| if own_draws.samples == 1 { 0 } else { draw };
        let base_draw = |draw: usize| if base_draws.samples == 1 { 0 } else { draw };
        let counted = in_period(year);
        let mut rows = vec![[None; N_INDICATORS]; pairs.len()];
        for (pair, &(own_row, base_row)) in pairs.iter().enumerate() {
            for indicator in &available {
                let index = indicator.index();
                let own_offset = own_row * N_INDICATORS + index;
                let base_offset = base_row * N_INDICATORS + index;
                let sums = &mut cumulative[(pair * N_INDICATORS + index) * samples..][..samples];
                for (draw, value) in column.iter_mut().enumerate() {
                    *value = base[base_draw(draw) * base_stride + base_offset]
                        - own[own_draw(draw) * own_stride + own_offset];
                    if counted {
                        sums[draw] += *value;
                    }
                }
                let central = base_central[base_row][index] - own_central[own_row][index];
                if counted {
                    cumulative_central[pair][index] += central;
                }
                rows[pair][index] = Some(summary(&mut column, central));
            }
        }
        yearly.push((year, rows));
    }
    let cumulative = period.map(|period| {
        let rows = (0..pairs.len())
            .map(|pair| {
                let mut row = [None; N_INDICATORS];
                // A share is a ratio to a yearly reference: a sum of yearly shares means
                // nothing, so it has yearly savings only.
                let summed = available
                    .iter()
                    .filter(|indicator| **indicator != Indicator::Share);
                for indicator in summed {
                    let index = indicator.index();
                    let sums = &cumulative[(pair * N_INDICATORS + index) * samples..][..samples];
                    column.copy_from_slice(sums);
                    row[index] = Some(summary(&mut column, cumulative_central[pair][index]));
                }
                row
            })
            .collect();
        (period, rows)
    });
    Ok(Savings {
        baseline: baseline.id.clone(),
        ids,
        yearly,
        cumulative,
    })
}
