//! A validated scenario variant → an evaluation [`Plan`].
//!
//! Every value becomes an input with a stable key (`energy.energy`, `factors.pue`,
//! `energy.energy.level` …): the same key in two variants draws the same random numbers, so
//! variants differ only by what the file changes.

use super::types::{Scenario, Variant};
use crate::error::Result;
use crate::model::vocab::{self, CARBON, EWIF, PUE, WUE};
use crate::model::{Builder, Plan, WaterBasis};

/// Builds the evaluation plan of one variant.
pub fn plan_for(scenario: &Scenario, variant: &Variant) -> Result<Plan> {
    let mut builder = Builder::default();
    let energy = builder.way(&variant.energy.way, |field| {
        (format!("energy.{}", field.name), field.def)
    });
    let factors = &variant.factors;
    let mut factor = |spec: &Option<crate::model::SeriesSpec>, def: &'static vocab::InputDef| {
        spec.as_ref()
            .map(|spec| builder.series(spec, &format!("factors.{}", def.key), def, def.role))
    };
    let pue = factor(&factors.pue, &PUE);
    let wue = factor(&factors.wue, &WUE);
    let ewif = factor(&factors.ewif, &EWIF);
    let carbon_intensity = factor(&factors.carbon_intensity, &CARBON);
    let ewif_withdrawal = factor(&factors.ewif_withdrawal, &vocab::EWIF_WITHDRAWAL);
    let reference = variant.share_of.as_ref().map(|share| {
        builder.series(
            &share.value,
            "share_of.value",
            &vocab::REFERENCE,
            vocab::REFERENCE.role,
        )
    });
    let embodied = variant
        .embodied
        .as_ref()
        .map(|spec| builder.embodied(spec, "embodied."));
    let onsite_basis = if factors.wue_withdrawal {
        WaterBasis::Withdrawal
    } else {
        WaterBasis::Consumption
    };
    let top = super::components::TopFactors {
        pue: &pue,
        wue: &wue,
        ewif: &ewif,
        carbon_intensity: &carbon_intensity,
        reference: &reference,
        ewif_withdrawal: &ewif_withdrawal,
        basis: onsite_basis,
    };
    let parts = super::components::parts(scenario, variant, &mut builder, &top)?;
    Ok(Plan {
        inputs: builder.inputs,
        energy,
        boundary: variant.energy.boundary,
        onsite_basis,
        years: scenario.years.map(|(from, to)| (from..=to).collect()),
        parts,
        pue,
        wue,
        ewif,
        carbon_intensity,
        reference,
        ewif_withdrawal,
        embodied,
    })
}
