//! A validated scenario variant → an evaluation [`Plan`].
//!
//! Every value becomes an input with a stable key (`energy.energy`, `factors.pue`,
//! `energy.energy.level` …): the same key in two variants draws the same random numbers, so
//! variants differ only by what the file changes. An uncertain published path gets one *level*
//! input: each draw picks the same quantile of every point's range (the published low and high
//! cases move together).

use super::parse::{
    ACCELERATOR_POWER, ACCELERATORS, CARBON, ENERGY, EWIF, GPU_HOURS, HOST_OVERHEAD, HOURS,
    IDLE_SHARE, LOAD_FACTOR, PER_QUERY, POWER, PUE, QUERIES, QUERIES_PER_DAY, REFERENCE, SHARE,
    Slot, TOTAL, UTILIZATION, WUE,
};
use super::{EnergySpec, Scenario, SeriesSpec, ValueSpec, Variant};
use crate::dist::Dist;
use crate::error::Result;
use crate::model::{Boundary, EnergyPlan, Input, PathPoint, Plan, Role, Series, WaterBasis};
use crate::units::unit_factor;

struct Builder {
    inputs: Vec<Input>,
}

impl Builder {
    fn input(
        &mut self,
        spec: &ValueSpec,
        key: String,
        slot: &Slot,
        role: Role,
        suffix: (&str, &str),
    ) -> usize {
        let show_scale = unit_factor(slot.default_unit, slot.dimension)
            .map_or(1.0, |scale| 1.0 / scale.factor());
        self.inputs.push(Input {
            key,
            label: format!("{}{}", slot.en, suffix.0),
            dist: spec.dist.clone(),
            unit: slot.default_unit,
            show_scale,
            sources: spec.sources.clone(),
            origin: spec.origin.clone(),
            is_level: false,
            label_fr: format!("{}{}", slot.fr, suffix.1),
            role,
            verification: spec.verification,
        });
        self.inputs.len() - 1
    }

    fn series(&mut self, spec: &SeriesSpec, key: &str, slot: &Slot, role: Role) -> Series {
        match spec {
            SeriesSpec::Value(value) => {
                Series::Constant(self.input(value, key.to_string(), slot, role, ("", "")))
            }
            SeriesSpec::Points {
                points,
                extrapolate,
            } => {
                let uncertain = points.iter().any(|(_, value)| !value.dist.is_fixed());
                let mut sources: Vec<String> = points
                    .iter()
                    .flat_map(|(_, value)| value.sources.iter().cloned())
                    .collect();
                sources.sort();
                sources.dedup();
                let verification = points
                    .iter()
                    .filter_map(|(_, value)| value.verification)
                    .max();
                // The level input also carries the points' sources; when every point is fixed it
                // is NaN, which makes the path take each point's value.
                self.inputs.push(Input {
                    key: format!("{key}.level"),
                    label: format!("{} (position in published ranges)", slot.en),
                    dist: if uncertain {
                        Dist::Uniform { min: 0.0, max: 1.0 }
                    } else {
                        Dist::Fixed(f64::NAN)
                    },
                    unit: "quantile",
                    show_scale: 1.0,
                    sources,
                    origin: format!("path of {} points", points.len()),
                    is_level: true,
                    label_fr: format!("{} (position dans les fourchettes publiées)", slot.fr),
                    role,
                    verification,
                });
                Series::Points {
                    points: points
                        .iter()
                        .map(|(year, value)| PathPoint {
                            year: *year,
                            dist: value.dist.clone(),
                        })
                        .collect(),
                    level: Some(self.inputs.len() - 1),
                    extrapolate: *extrapolate,
                }
            }
            SeriesSpec::Growth {
                base,
                base_year,
                segments,
            } => {
                let base_index = self.input(
                    base,
                    format!("{key}.base"),
                    slot,
                    role,
                    (" (base year)", " (année de base)"),
                );
                const RATE: Slot = Slot {
                    key: "rate",
                    en: "growth rate",
                    fr: "taux de croissance",
                    dimension: crate::units::Dimension::GrowthRate,
                    default_unit: "fraction/yr",
                    lower: -1.0,
                    upper: 10.0,
                };
                let segments = segments
                    .iter()
                    .map(|(until, rate)| {
                        let index = self.input(
                            rate,
                            format!("{key}.rate.{until}"),
                            &RATE,
                            role,
                            (
                                &format!(" of {} to {until}", slot.en),
                                &format!(" de {} jusqu'en {until}", slot.fr),
                            ),
                        );
                        (*until, index)
                    })
                    .collect();
                Series::Growth {
                    base_year: *base_year,
                    base: base_index,
                    segments,
                }
            }
        }
    }
}

/// Builds the evaluation plan of one variant.
pub fn plan_for(scenario: &Scenario, variant: &Variant) -> Result<Plan> {
    let mut builder = Builder { inputs: Vec::new() };
    let energy_role = Role::Energy;
    let (energy, boundary) = match &variant.energy {
        EnergySpec::Direct { energy, boundary } => (
            EnergyPlan::Direct {
                energy: builder.series(energy, "energy.energy", &ENERGY, energy_role),
            },
            *boundary,
        ),
        EnergySpec::Power {
            power,
            hours,
            load_factor,
            boundary,
        } => (
            EnergyPlan::Power {
                power: builder.series(power, "energy.power", &POWER, energy_role),
                hours: builder.series(hours, "energy.hours", &HOURS, energy_role),
                load_factor: builder.series(
                    load_factor,
                    "energy.load_factor",
                    &LOAD_FACTOR,
                    energy_role,
                ),
            },
            *boundary,
        ),
        EnergySpec::Hardware {
            accelerators,
            accelerator_hours,
            accelerator_power,
            utilization,
            hours,
            host_overhead,
            idle_share,
        } => (
            EnergyPlan::Hardware {
                accelerators: builder.series(
                    accelerators,
                    "energy.accelerators",
                    if *accelerator_hours {
                        &GPU_HOURS
                    } else {
                        &ACCELERATORS
                    },
                    energy_role,
                ),
                power: builder.series(
                    accelerator_power,
                    "energy.accelerator_power",
                    &ACCELERATOR_POWER,
                    energy_role,
                ),
                utilization: builder.series(
                    utilization,
                    "energy.utilization",
                    &UTILIZATION,
                    energy_role,
                ),
                hours: builder.series(hours, "energy.hours", &HOURS, energy_role),
                host_overhead: builder.series(
                    host_overhead,
                    "energy.host_overhead",
                    &HOST_OVERHEAD,
                    energy_role,
                ),
                idle_share: builder.series(
                    idle_share,
                    "energy.idle_share",
                    &IDLE_SHARE,
                    energy_role,
                ),
            },
            Boundary::It,
        ),
        EnergySpec::Usage {
            queries,
            per_day,
            days,
            energy_per_query,
            boundary,
        } => {
            let slot = if *per_day { &QUERIES_PER_DAY } else { &QUERIES };
            (
                EnergyPlan::Usage {
                    queries: builder.series(queries, "energy.queries", slot, energy_role),
                    per_query: builder.series(
                        energy_per_query,
                        "energy.energy_per_query",
                        &PER_QUERY,
                        energy_role,
                    ),
                    multiplier: if *per_day { *days } else { 1.0 },
                },
                *boundary,
            )
        }
        EnergySpec::Share {
            share,
            total,
            boundary,
        } => (
            EnergyPlan::Share {
                share: builder.series(share, "energy.share", &SHARE, energy_role),
                total: builder.series(total, "energy.total", &TOTAL, energy_role),
            },
            *boundary,
        ),
    };
    let factors = &variant.factors;
    let pue = factors
        .pue
        .as_ref()
        .map(|spec| builder.series(spec, "factors.pue", &PUE, Role::Pue));
    let wue = factors
        .wue
        .as_ref()
        .map(|spec| builder.series(spec, "factors.wue", &WUE, Role::Wue));
    let ewif = factors
        .ewif
        .as_ref()
        .map(|spec| builder.series(spec, "factors.ewif", &EWIF, Role::Ewif));
    let carbon_intensity = factors.carbon_intensity.as_ref().map(|spec| {
        builder.series(
            spec,
            "factors.carbon_intensity",
            &CARBON,
            Role::CarbonIntensity,
        )
    });
    let reference = variant
        .share_of
        .as_ref()
        .map(|share| builder.series(&share.value, "share_of.value", &REFERENCE, Role::Reference));
    Ok(Plan {
        inputs: builder.inputs,
        energy,
        boundary,
        pue,
        wue,
        ewif,
        carbon_intensity,
        reference,
        onsite_basis: if factors.wue_withdrawal {
            WaterBasis::Withdrawal
        } else {
            WaterBasis::Consumption
        },
        years: scenario.years.map(|(from, to)| (from..=to).collect()),
    })
}
