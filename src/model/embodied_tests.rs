//! Tests of embodied impacts inside an evaluation plan: life-cycle CO2e is operational plus
//! embodied in every draw, and a plan without accelerator-hours says why embodied is missing.
//! (A file of its own: the plan imports the embodied module.)

use super::embodied::EmbodiedPlan;
use super::vocab;
use super::{Boundary, Builder, EnergyPlan, Indicator, Plan, Series, ValueSpec, WaterBasis};
use crate::dist::Dist;

/// A GPU-hour plan: 8 uncertain accelerators × 700 W for uncertain hours, uncertain PUE and
/// carbon intensity, uncertain embodied CO2e and lifetime.
fn hardware_plan() -> Plan {
    let constant = Series::Constant;
    // Inputs in order: accelerators, power (kW), utilisation, hours, host overhead, idle
    // share, PUE, carbon intensity, embodied CO2e per accelerator, lifetime (h).
    let mut builder = Builder::default();
    let dists = [
        Dist::uniform(4.0, 16.0),
        Dist::fixed(0.7),
        Dist::fixed(1.0),
        Dist::uniform(1.0, 100.0),
        Dist::fixed(1.0),
        Dist::fixed(0.0),
        Dist::triangular(1.1, 1.2, 1.6),
        Dist::uniform(30.0, 500.0),
        Dist::triangular(164.0, 164.0, 281.0),
        Dist::uniform(26_280.0, 52_560.0),
    ];
    let defs = [
        &vocab::ACCELERATORS,
        &vocab::ACCELERATOR_POWER,
        &vocab::UTILIZATION,
        &vocab::HOURS,
        &vocab::HOST_OVERHEAD,
        &vocab::IDLE_SHARE,
        &vocab::PUE,
        &vocab::CARBON,
        &vocab::EMBODIED_ACCELERATOR,
        &vocab::LIFETIME,
    ];
    for (dist, def) in dists.into_iter().zip(defs) {
        let spec = ValueSpec::given(dist.unwrap(), "test");
        builder.input(&spec, def.key.into(), def, def.role, ("", ""));
    }
    Plan {
        inputs: builder.inputs,
        energy: EnergyPlan::Hardware {
            accelerators: constant(0),
            accelerator_hours: false,
            power: constant(1),
            utilization: constant(2),
            hours: constant(3),
            host_overhead: constant(4),
            idle_share: constant(5),
        },
        boundary: Boundary::It,
        pue: Some(constant(6)),
        wue: None,
        ewif: None,
        carbon_intensity: Some(constant(7)),
        reference: None,
        ewif_withdrawal: None,
        onsite_basis: WaterBasis::Consumption,
        years: None,
        parts: None,
        embodied: Some(EmbodiedPlan::Amortised {
            accelerator: constant(8),
            host: None,
            water: None,
            lifetime: constant(9),
        }),
    }
}

#[test]
fn lifecycle_is_operational_plus_embodied_in_every_draw() {
    let plan = hardware_plan();
    // Draws at spread quantiles of every input (a deterministic grid of levels).
    for draw in 0..500 {
        let values: Vec<f64> = plan
            .inputs
            .iter()
            .enumerate()
            .map(|(index, input)| {
                let level = ((draw * 7 + index * 13) % 499) as f64 / 499.0 + 0.001;
                input.dist.quantile(level)
            })
            .collect();
        let out = plan.evaluate(None, &values);
        let co2e = out[Indicator::Co2e.index()];
        let embodied = out[Indicator::EmbodiedCo2e.index()];
        assert!(co2e > 0.0 && embodied > 0.0);
        assert_eq!(out[Indicator::LifecycleCo2e.index()], co2e + embodied);
        // Hand formula for the embodied part: N × h × per unit / life.
        let expected = values[0] * values[3] * values[8] / values[9];
        assert!((embodied - expected).abs() <= 1e-12 * expected);
        assert!(out[Indicator::EmbodiedWater.index()].is_nan());
    }
    assert!(plan.missing_reason(Indicator::EmbodiedWater).is_some());
    assert!(plan.missing_reason(Indicator::LifecycleCo2e).is_none());
}

#[test]
fn a_plan_without_device_hours_says_why_embodied_is_missing() {
    let mut plan = hardware_plan();
    plan.energy = EnergyPlan::Direct {
        energy: Series::Constant(3),
    };
    let why = plan.missing_reason(Indicator::EmbodiedCo2e).unwrap();
    assert!(why.contains("accelerator-hours"), "{why}");
    assert!(plan.missing_reason(Indicator::LifecycleCo2e).is_some());
    assert!(plan.evaluate(None, &plan.central_values())[Indicator::LifecycleCo2e.index()].is_nan());
    plan.embodied = None;
    assert!(
        plan.missing_reason(Indicator::EmbodiedCo2e)
            .unwrap()
            .contains("hardware way")
    );
}
