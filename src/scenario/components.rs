//! A variant's components → the [`Parts`] of its plan, and the components pass of the Monte
//! Carlo run: every indicator of every component (and of the total) per period, with their
//! summaries, and each component's share of the total (DESIGN.md §6).
//!
//! Inputs get stable keys (`component.ID.share`, `component.ID.energy.FIELD`,
//! `component.ID.factors.pue`, `adjust.ID.scale`, `rebound.share`): the Monte Carlo engine
//! keys every input's random stream by its key, so the same input draws the same numbers in
//! every variant (common random numbers).
//!
//! **Memory.** One period at a time: the draws of every input (as the engine keeps them) and
//! one period's indicators of every component.

use rayon::prelude::*;

use super::types::{ComponentHow, PartsOutcome, Scenario, Text, Variant, VariantParts};
use crate::error::{Error, InputError, Result};
use crate::model::components::{NegativeRest, Part, PartAdjust, PartHow, PartRebound, Parts};
use crate::model::vocab::{self, CARBON, EWIF, PUE, WUE};
use crate::model::{Boundary, Builder, N_INDICATORS, Plan, Series, WaterBasis};
use crate::uncertainty::mc::{self, McConfig, Stats};

/// The factors of the whole plan, inherited by components that do not override them.
pub(super) struct TopFactors<'a> {
    pub(super) pue: &'a Option<Series>,
    pub(super) wue: &'a Option<Series>,
    pub(super) ewif: &'a Option<Series>,
    pub(super) carbon_intensity: &'a Option<Series>,
    pub(super) reference: &'a Option<Series>,
    /// The water withdrawn per kWh at power plants (not overridden by components).
    pub(super) ewif_withdrawal: &'a Option<Series>,
    pub(super) basis: WaterBasis,
}

/// Names the inputs added since `first`: a component's are prefixed with its label
/// ("Generative AI: share of its parent"); with `whole`, `label` replaces the share's name
/// ("Rebound (share of the freed energy taken up)"). With an assumption, their origin says so.
fn name_inputs(
    builder: &mut Builder,
    first: usize,
    label: &Text,
    whole: bool,
    assumption: Option<&Text>,
) {
    let (share_en, share_fr) = (vocab::SHARE.en, vocab::SHARE.fr);
    for input in &mut builder.inputs[first..] {
        if whole {
            input.label = input.label.replace(share_en, &label.en);
            input.label_fr = input.label_fr.replace(share_fr, &label.fr);
        } else {
            let en = input.label.replace(share_en, "share of its parent");
            let fr = input.label_fr.replace(share_fr, "part de son parent");
            input.label = format!("{}: {en}", label.en);
            input.label_fr = format!("{} : {fr}", label.fr);
        }
        if let Some(text) = assumption {
            input.origin = format!("assumption: {}", text.en);
        }
    }
}

/// The parts of a variant's plan (None without components). Adds their inputs to `builder`.
pub(super) fn parts(
    scenario: &Scenario,
    variant: &Variant,
    builder: &mut Builder,
    top: &TopFactors<'_>,
) -> Result<Option<std::sync::Arc<dyn crate::model::plan::Decomposition>>> {
    let list = &variant.parts.components;
    if list.is_empty() {
        return Ok(None);
    }
    let boundary = variant.energy.boundary;
    let index_of = |id: &str| list.iter().position(|c| c.id == id);
    let mut parts: Vec<Part> = Vec::with_capacity(list.len());
    // Effective factors per part: its own, or its parent's.
    let mut factors: Vec<[Option<Series>; 4]> = Vec::with_capacity(list.len());
    let mut bases: Vec<WaterBasis> = Vec::with_capacity(list.len());
    for component in list {
        let parent = component.parent.as_deref().and_then(index_of);
        let (inherited, inherited_basis) = match parent {
            None => (
                [
                    top.pue.clone(),
                    top.wue.clone(),
                    top.ewif.clone(),
                    top.carbon_intensity.clone(),
                ],
                top.basis,
            ),
            Some(parent) => (factors[parent].clone(), bases[parent]),
        };
        let key = format!("component.{}", component.id);
        let first = builder.inputs.len();
        let how = match &component.how {
            ComponentHow::Share(spec) => PartHow::Share {
                share: builder.series(
                    spec,
                    &format!("{key}.share"),
                    &vocab::SHARE,
                    vocab::Role::Energy,
                ),
                of_facility_it: component.share_of_facility_it,
            },
            ComponentHow::Energy(energy) => PartHow::Own {
                energy: Box::new(builder.way(&energy.way, |field| {
                    (format!("{key}.energy.{}", field.name), field.def)
                })),
                boundary: energy.boundary,
            },
            ComponentHow::Rest => PartHow::Rest,
        };
        let spec = &component.factors;
        let mut own = |spec: &Option<crate::model::SeriesSpec>, def: &'static vocab::InputDef| {
            spec.as_ref().map(|spec| {
                builder.series(spec, &format!("{key}.factors.{}", def.key), def, def.role)
            })
        };
        let overrides = [
            own(&spec.pue, &PUE),
            own(&spec.wue, &WUE),
            own(&spec.ewif, &EWIF),
            own(&spec.carbon_intensity, &CARBON),
        ];
        name_inputs(
            builder,
            first,
            &component.label,
            false,
            component.assumption.as_ref(),
        );
        let mut effective = inherited;
        for (slot, value) in effective.iter_mut().zip(overrides) {
            if value.is_some() {
                *slot = value;
            }
        }
        let basis = if spec.wue.is_some() {
            if spec.wue_withdrawal {
                WaterBasis::Withdrawal
            } else {
                WaterBasis::Consumption
            }
        } else {
            inherited_basis
        };
        let needs_pue = match &how {
            PartHow::Share {
                of_facility_it: true,
                ..
            } => true,
            PartHow::Own { boundary: own, .. } => *own != boundary,
            _ => false,
        };
        let parent_pue_missing = match parent {
            None => top.pue.is_none(),
            Some(parent) => factors[parent][0].is_none(),
        };
        let share_it_needs_parent = matches!(
            how,
            PartHow::Share {
                of_facility_it: true,
                ..
            }
        ) && boundary == Boundary::It
            && parent_pue_missing;
        if (needs_pue && effective[0].is_none()) || share_it_needs_parent {
            return Err(InputError::new(format!(
                "component `{}` needs a PUE to convert between IT and facility energy",
                component.id
            ))
            .in_text(
                &scenario.path,
                &scenario.source_text,
                component.span.clone(),
                Some(&component.path),
            )
            .hint("give `pue` in [factors] or in the component's [component.factors]")
            .into());
        }
        parts.push(Part {
            id: component.id.clone(),
            parent,
            how,
            pue: effective[0].clone(),
            leaf: None,
            subtree: Vec::new(),
        });
        factors.push(effective);
        bases.push(basis);
    }
    // Subtrees (a leaf's is itself).
    let count = parts.len();
    for index in 0..count {
        let mut subtree = Vec::new();
        for other in 0..count {
            let mut current = Some(other);
            while let Some(at) = current {
                if at == index {
                    subtree.push(other);
                    break;
                }
                current = parts[at].parent;
            }
        }
        parts[index].subtree = subtree;
    }
    let adjust: Vec<PartAdjust> = variant
        .parts
        .adjust
        .iter()
        .map(|adjust| {
            let first = builder.inputs.len();
            let scale = builder.series(
                &adjust.scale,
                &format!("adjust.{}.scale", adjust.component),
                &vocab::SHARE,
                vocab::Role::Energy,
            );
            let part = index_of(&adjust.component).unwrap_or(0);
            let label = Text {
                en: format!("{} (share kept)", list[part].label.en),
                fr: format!("{} (part conservée)", list[part].label.fr),
            };
            name_inputs(builder, first, &label, true, adjust.assumption.as_ref());
            PartAdjust {
                part,
                from: adjust.from,
                scale,
            }
        })
        .collect();
    let rebound = match &variant.parts.rebound {
        None => None,
        Some(rebound) => {
            let first = builder.inputs.len();
            let share = builder.series(
                &rebound.share,
                "rebound.share",
                &vocab::SHARE,
                vocab::Role::Energy,
            );
            let label = Text {
                en: "Rebound (share of the freed energy taken up)".to_string(),
                fr: "Rebond (part de l'énergie libérée reprise)".to_string(),
            };
            name_inputs(builder, first, &label, true, rebound.assumption.as_ref());
            let to = match &rebound.to {
                Some(id) => id.clone(),
                None => default_rebound_target(&variant.parts, &variant.parts.adjust[0].component)
                    .unwrap_or_default(),
            };
            Some(PartRebound {
                share,
                to: index_of(&to).unwrap_or(0),
            })
        }
    };
    // The leaves' plans read their energy from one more value after the inputs.
    let slot = builder.inputs.len();
    let years = scenario.years.map(|(from, to)| (from..=to).collect());
    for index in 0..count {
        if parts[index].subtree.len() != 1 {
            continue;
        }
        let [pue, wue, ewif, carbon_intensity] = factors[index].clone();
        parts[index].leaf = Some(Plan {
            inputs: Vec::new(),
            energy: crate::model::EnergyPlan::Direct {
                energy: Series::Constant(slot),
            },
            boundary,
            pue,
            wue,
            ewif,
            carbon_intensity,
            reference: top.reference.clone(),
            ewif_withdrawal: top.ewif_withdrawal.clone(),
            onsite_basis: bases[index],
            years: years.clone(),
            parts: None,
            embodied: None,
        });
    }
    Ok(Some(std::sync::Arc::new(Parts {
        parts,
        adjust,
        rebound,
        slot,
    })))
}

pub use crate::model::components::share_basis;

/// The rest component of `component`'s parent, unless `component` is that rest.
pub fn default_rebound_target(parts: &VariantParts, component: &str) -> Option<String> {
    let parent = parts
        .components
        .iter()
        .find(|c| c.id == component)?
        .parent
        .clone();
    parts
        .components
        .iter()
        .find(|c| c.parent == parent && matches!(c.how, ComponentHow::Rest))
        .filter(|rest| rest.id != component)
        .map(|rest| rest.id.clone())
}

/// One vector of input values per draw, on demand: central values with the uncertain inputs
/// replaced by their draws.
pub(super) struct Draws {
    pub(super) central: Vec<f64>,
    pub(super) uncertain: Vec<usize>,
    pub(super) draws: Vec<Vec<f64>>,
    pub(super) samples: usize,
}

impl Draws {
    pub(super) fn new(plan: &Plan, config: McConfig) -> Result<Draws> {
        let central = plan.central_values();
        let uncertain: Vec<usize> = (0..plan.inputs.len())
            .filter(|&index| plan.inputs[index].is_uncertain())
            .collect();
        let (samples, draws) = if uncertain.is_empty() {
            (1, vec![Vec::new(); plan.inputs.len()])
        } else {
            let config = McConfig {
                samples: config.samples.max(2),
                ..config
            };
            (config.samples, mc::try_draw_inputs(plan, config)?)
        };
        Ok(Draws {
            central,
            uncertain,
            draws,
            samples,
        })
    }

    pub(super) fn values(&self, draw: usize, out: &mut Vec<f64>) {
        out.clear();
        out.extend_from_slice(&self.central);
        for &input in &self.uncertain {
            out[input] = self.draws[input][draw];
        }
    }
}

/// Every indicator of every component and of the total, for every draw of one period: a
/// flat buffer, `draw × (parts + 1) × N_INDICATORS`. The first negative rest (lowest draw)
/// is returned with the draw's input values.
pub(super) fn period_rows(
    plan: &Plan,
    parts: &Parts,
    draws: &Draws,
    year: Option<i32>,
) -> std::result::Result<Vec<f64>, (NegativeRest, Vec<f64>)> {
    let stride = (parts.parts.len() + 1) * N_INDICATORS;
    let mut rows = vec![0.0; draws.samples * stride];
    let failure = rows
        .par_chunks_mut(stride)
        .enumerate()
        .filter_map(|(draw, row)| {
            let mut values = Vec::new();
            if draws.uncertain.is_empty() {
                values = draws.central.clone();
            } else {
                draws.values(draw, &mut values);
            }
            match parts.evaluate(plan, year, &values) {
                Ok(result) => {
                    for (slot, part) in row.chunks_exact_mut(N_INDICATORS).zip(&result) {
                        slot.copy_from_slice(part);
                    }
                    None
                }
                Err(error) => Some((draw, error, values)),
            }
        })
        .min_by_key(|(draw, _, _)| *draw);
    match failure {
        Some((_, error, values)) => Err((error, values)),
        None => Ok(rows),
    }
}

/// The error for a rest that went negative in a draw, naming the inputs of its siblings.
pub(super) fn negative_rest_error(
    scenario: &Scenario,
    variant: &Variant,
    plan: &Plan,
    failure: &NegativeRest,
    values: &[f64],
    year: Option<i32>,
) -> Error {
    let list = &variant.parts.components;
    let rest = &list[failure.part];
    let parent = rest.parent.as_deref().unwrap_or("total");
    let prefixes: Vec<String> = list
        .iter()
        .filter(|c| c.parent == rest.parent && c.id != rest.id)
        .map(|c| format!("component.{}.", c.id))
        .collect();
    let named: Vec<String> = plan
        .inputs
        .iter()
        .enumerate()
        .filter(|(_, input)| {
            prefixes.iter().any(|prefix| input.key.starts_with(prefix))
                || input.key.starts_with("energy.")
                || (rest.parent.is_some() && input.key.starts_with(&format!("component.{parent}.")))
        })
        .map(|(index, input)| {
            let value = values[index];
            let shown = if input.is_level {
                crate::number::short_number(value)
            } else {
                crate::number::short_number(value * input.show_scale)
            };
            format!("{} = {shown} {}", input.key, input.unit)
        })
        .collect();
    let when = year.map_or_else(String::new, |year| format!(" in {year}"));
    let taken = failure.siblings / failure.parent.abs().max(f64::MIN_POSITIVE) * 100.0;
    InputError::new(format!(
        "variant `{}`: the rest `{}` is negative in a draw{when}: its siblings take {taken:.1} % \
         of `{parent}`'s energy",
        variant.id, rest.id,
    ))
    .in_text(
        &scenario.path,
        &scenario.source_text,
        rest.span.clone(),
        Some(&rest.path),
    )
    .hint(format!(
        "the parts of `{parent}` must add up to at most 100 % in every draw (a rest is never \
         clipped); narrow their ranges. That draw: {}",
        named.join("; ")
    ))
    .into()
}

/// Runs the components of one variant (None without components).
pub fn run(
    scenario: &Scenario,
    variant: &Variant,
    plan: &Plan,
    config: McConfig,
) -> Result<Option<PartsOutcome>> {
    let Some(parts) = crate::model::components::parts_of(plan) else {
        return Ok(None);
    };
    let draws = Draws::new(plan, config)?;
    let periods = plan.periods();
    let available = plan.available();
    let basis = share_basis(plan);
    let count = parts.parts.len() + 1;
    let stride = count * N_INDICATORS;
    let central_values = plan.central_values();
    let mut stats = Vec::with_capacity(periods.len());
    let mut shares = Vec::with_capacity(periods.len());
    let mut column = vec![0.0; draws.samples];
    for &year in &periods {
        let central = parts
            .evaluate(plan, year, &central_values)
            .map_err(|failure| {
                negative_rest_error(scenario, variant, plan, &failure, &central_values, year)
            })?;
        let rows = period_rows(plan, parts, &draws, year).map_err(|(failure, values)| {
            negative_rest_error(scenario, variant, plan, &failure, &values, year)
        })?;
        let summary = |column: &mut Vec<f64>, central: f64| {
            if draws.uncertain.is_empty() {
                Stats::exact(central)
            } else {
                mc::summarise(central, column)
            }
        };
        let mut period_stats = vec![[None; N_INDICATORS]; count];
        for (part, row) in period_stats.iter_mut().enumerate() {
            for indicator in &available {
                let offset = part * N_INDICATORS + indicator.index();
                for (draw, value) in column.iter_mut().enumerate() {
                    *value = rows[draw * stride + offset];
                }
                row[indicator.index()] =
                    Some(summary(&mut column, central[part][indicator.index()]));
            }
        }
        let total_offset = (count - 1) * N_INDICATORS + basis.index();
        let mut period_shares = Vec::with_capacity(count - 1);
        for part in 0..count - 1 {
            let offset = part * N_INDICATORS + basis.index();
            for (draw, value) in column.iter_mut().enumerate() {
                *value = ratio(
                    rows[draw * stride + offset],
                    rows[draw * stride + total_offset],
                );
            }
            let central_share = ratio(
                central[part][basis.index()],
                central[count - 1][basis.index()],
            );
            period_shares.push(summary(&mut column, central_share));
        }
        stats.push(period_stats);
        shares.push(period_shares);
    }
    Ok(Some(PartsOutcome {
        ids: parts.parts.iter().map(|part| part.id.clone()).collect(),
        parents: variant
            .parts
            .components
            .iter()
            .map(|c| c.parent.clone())
            .collect(),
        periods,
        stats,
        share: shares,
    }))
}

/// A share, 0 when the total is 0.
fn ratio(part: f64, total: f64) -> f64 {
    if total == 0.0 { 0.0 } else { part / total }
}
