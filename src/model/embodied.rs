//! Embodied impacts (DESIGN.md §6): the manufacturing of accelerators and of their host
//! servers, amortised over the hardware's service life by the share of it a workload uses.
//!
//! - per accelerator-hour: `embodied = impact per accelerator × accelerator-hours / lifetime hours`
//! - one request:  accelerator-hours = accelerators × generation time / batch size
//!   ([`request_device_hours`], the allocation EcoLogits uses: ΔT / (B × ΔL))
//! - a training run: accelerator-hours = the run's GPU-hours
//! - a fleet year:  accelerator-hours = installed accelerators × 8,760 h ([`installed_device_hours`])
//! - where only a life-cycle share is published (a fleet, a model's life cycle):
//!   `embodied = operational × share / (1 − share)` ([`from_share`])
//!
//! Included: the accelerator (its board share: GPU die, memory, thermal parts) and its share of
//! the host server (CPUs, memory, storage, chassis). Not included: the data-centre building and
//! its equipment (one sourced upper bound per MW is in the datasets, with no sourced life), the
//! network, end-user devices, and end of life (except inside the BoaviztAPI card figure).
//! Embodied water is the chip factory's water (and rare-earth mining) of the accelerator only.
//!
//! The energy ways that know the accelerator-hours they use (hardware: accelerators × hours or
//! GPU-hours; tokens: GPUs × generation time / batch × requests) feed [`Way::device_hours`]; a
//! way that does not (a published energy, a power, a share of a national total) leaves
//! embodied impacts to an embodied share.

use super::vocab::{self, InputDef};
use super::way::Way;
use crate::data::Row;
use crate::dist::Dist;

/// Hours in a year, as lifetimes are published in years (the `yr` unit).
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// A manufacturing impact amortised over the share of the hardware's life a workload uses:
/// `per_unit × device_hours / lifetime_hours` (per unit: kg CO2e or L per accelerator).
#[inline]
pub fn amortised(per_unit: f64, device_hours: f64, lifetime_hours: f64) -> f64 {
    per_unit * device_hours / lifetime_hours
}

/// The accelerator-hours of one request: `accelerators × generation time / batch size` (the
/// request shares the accelerators with the others of its batch).
pub fn request_device_hours(accelerators: f64, generation_seconds: f64, batch: f64) -> f64 {
    accelerators * generation_seconds / 3600.0 / batch
}

/// The accelerator-hours of installed hardware over some years (a fleet year is 1).
pub fn installed_device_hours(accelerators: f64, years: f64) -> f64 {
    accelerators * years * HOURS_PER_YEAR
}

/// The embodied impact implied by a published life-cycle share:
/// `operational × share / (1 − share)` (share of embodied in operational + embodied).
pub fn from_share(operational: f64, share: f64) -> f64 {
    operational * share / (1.0 - share)
}

/// How a plan gets its embodied impacts, generic over what each quantity holds (a value as
/// given, a scenario's `SeriesSpec` or a plan's `Series`), like [`Way`].
#[derive(Debug, Clone)]
pub enum EmbodiedPlan<S> {
    /// Per-accelerator impacts amortised over the accelerator-hours of the energy way.
    Amortised {
        /// Embodied CO2e of one accelerator, kg.
        accelerator: S,
        /// Its share of the host server's embodied CO2e, kg (None when the accelerator's figure
        /// already includes it).
        host: Option<S>,
        /// Embodied water of one accelerator, L (None where no source exists).
        water: Option<S>,
        /// Service life, hours.
        lifetime: S,
    },
    /// A published share of embodied in the life cycle's CO2e, applied to operational CO2e.
    Share {
        /// The share (fraction, below 1).
        share: S,
    },
}

/// Embodied impacts of one period (None where they cannot be computed).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Embodied {
    /// Embodied CO2e, kg.
    pub co2e: Option<f64>,
    /// Embodied water, L.
    pub water: Option<f64>,
}

impl<S> EmbodiedPlan<S> {
    /// The embodied impacts of one period, given the value of each quantity, the
    /// accelerator-hours of the energy way (if it knows them) and the operational CO2e (if
    /// known).
    #[inline]
    pub fn evaluate(
        &self,
        value: impl Fn(&S) -> f64,
        device_hours: Option<f64>,
        operational_co2e: Option<f64>,
    ) -> Embodied {
        match self {
            EmbodiedPlan::Share { share } => Embodied {
                co2e: operational_co2e.map(|co2e| from_share(co2e, value(share))),
                water: None,
            },
            EmbodiedPlan::Amortised {
                accelerator,
                host,
                water,
                lifetime,
            } => {
                let Some(hours) = device_hours else {
                    return Embodied::default();
                };
                let life = value(lifetime);
                let per_unit = value(accelerator) + host.as_ref().map_or(0.0, &value);
                Embodied {
                    co2e: Some(amortised(per_unit, hours, life)),
                    water: water
                        .as_ref()
                        .map(|water| amortised(value(water), hours, life)),
                }
            }
        }
    }

    /// Why embodied CO2e cannot be computed (None if it can), given whether the energy way
    /// knows its accelerator-hours.
    pub fn co2e_missing(&self, has_device_hours: bool) -> Option<&'static str> {
        match self {
            EmbodiedPlan::Amortised { .. } if !has_device_hours => Some(NEEDS_DEVICE_HOURS),
            _ => None,
        }
    }

    /// Why embodied water cannot be computed (None if it can).
    pub fn water_missing(&self, has_device_hours: bool) -> Option<&'static str> {
        match self {
            EmbodiedPlan::Amortised { water: None, .. } => Some(NO_WATER_SOURCE),
            EmbodiedPlan::Amortised { .. } if !has_device_hours => Some(NEEDS_DEVICE_HOURS),
            EmbodiedPlan::Amortised { .. } => None,
            EmbodiedPlan::Share { .. } => Some(NO_WATER_SOURCE),
        }
    }

    /// Every quantity with its input, in order.
    pub fn fields(&self) -> Vec<(&'static InputDef, &S)> {
        match self {
            EmbodiedPlan::Amortised {
                accelerator,
                host,
                water,
                lifetime,
            } => std::iter::once((&vocab::EMBODIED_ACCELERATOR, accelerator))
                .chain(host.iter().map(|host| (&vocab::EMBODIED_HOST, host)))
                .chain(water.iter().map(|water| (&vocab::EMBODIED_WATER, water)))
                .chain(std::iter::once((&vocab::LIFETIME, lifetime)))
                .collect(),
            EmbodiedPlan::Share { share } => vec![(&vocab::EMBODIED_SHARE, share)],
        }
    }

    /// The same plan with every quantity mapped (in the order of [`EmbodiedPlan::fields`]).
    pub fn map<T, E>(
        &self,
        mut f: impl FnMut(&'static InputDef, &S) -> Result<T, E>,
    ) -> Result<EmbodiedPlan<T>, E> {
        Ok(match self {
            EmbodiedPlan::Amortised {
                accelerator,
                host,
                water,
                lifetime,
            } => EmbodiedPlan::Amortised {
                accelerator: f(&vocab::EMBODIED_ACCELERATOR, accelerator)?,
                host: host
                    .as_ref()
                    .map(|host| f(&vocab::EMBODIED_HOST, host))
                    .transpose()?,
                water: water
                    .as_ref()
                    .map(|water| f(&vocab::EMBODIED_WATER, water))
                    .transpose()?,
                lifetime: f(&vocab::LIFETIME, lifetime)?,
            },
            EmbodiedPlan::Share { share } => EmbodiedPlan::Share {
                share: f(&vocab::EMBODIED_SHARE, share)?,
            },
        })
    }
}

/// Why embodied impacts are left out of a plan that has none.
pub const NOT_GIVEN: &str = "needs the hardware way (accelerators or GPU-hours, which the \
                             manufacturing impacts are amortised over) or an embodied share";
const NEEDS_DEVICE_HOURS: &str = "needs accelerator-hours to amortise the hardware over (the \
                                  hardware way: accelerators and hours, or GPU-hours)";
const NO_WATER_SOURCE: &str = "no sourced embodied water for this hardware";

impl<V> Way<V> {
    /// Whether the way knows the accelerator-hours its energy uses (see [`Way::device_hours`]).
    pub fn has_device_hours(&self) -> bool {
        matches!(self, Way::Hardware { .. } | Way::Tokens { .. })
    }
}

impl<V> Way<V> {
    /// The accelerator-hours of the period, given the value of each quantity: accelerators ×
    /// hours for the hardware way (GPU-hours as given, with hours fixed at 1); for the token
    /// way, GPUs × generation time / batch size × requests (see [`request_device_hours`] and
    /// the token method's `accelerator_hours`). A way that does not count accelerators gives None;
    /// a new way that knows its accelerators and time adds its arm here and in
    /// [`Way::has_device_hours`].
    #[inline]
    pub fn device_hours(&self, value: impl Fn(&V) -> f64) -> Option<f64> {
        match self {
            Way::Hardware {
                accelerators,
                hours,
                ..
            } => Some(value(accelerators) * value(hours)),
            Way::Tokens { .. } => self.token_accelerator_hours(value),
            _ => None,
        }
    }
}

/// A hardware type whose embodied defaults the datasets hold (`estimate --hardware NAME`,
/// `hardware = "NAME"` in a scenario's `[embodied]` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hardware {
    /// Its name (`h100`).
    pub name: &'static str,
    /// What it is, for notes.
    pub label: &'static str,
    /// Row of `embodied.csv`: kg CO2e per accelerator.
    pub accelerator: &'static str,
    /// Row: the host server's share per accelerator (None when `accelerator` includes it).
    pub host: Option<&'static str>,
    /// Row: water per accelerator (None where no source exists).
    pub water: Option<&'static str>,
    /// Row: service life.
    pub lifetime: &'static str,
}

/// The hardware types, the default first.
pub const HARDWARE: [Hardware; 3] = [
    Hardware {
        name: "h100",
        label: "NVIDIA H100 SXM with its share of an 8-GPU host server",
        accelerator: "emb-h100-sxm-co2e",
        host: Some("emb-p5-host-per-gpu"),
        water: Some("emb-olmo-gpu-water"),
        lifetime: "emb-lifetime-range",
    },
    Hardware {
        name: "b200",
        label: "NVIDIA B200 with its share of an 8-GPU host server (the H100 host's figure)",
        accelerator: "emb-b200-co2e",
        host: Some("emb-p5-host-per-gpu"),
        water: None,
        lifetime: "emb-lifetime-range",
    },
    Hardware {
        name: "a100",
        label: "NVIDIA A100 80 GB with its share of the server (BLOOM's node)",
        accelerator: "emb-bloom-per-gpu",
        host: None,
        water: None,
        lifetime: "emb-lifetime-range",
    },
];

/// The default hardware type.
pub const DEFAULT_HARDWARE: Hardware = HARDWARE[0];

/// Looks a hardware type up by name.
pub fn hardware(name: &str) -> Option<Hardware> {
    HARDWARE.into_iter().find(|hardware| hardware.name == name)
}

/// The names of the hardware types, for messages.
pub fn hardware_names() -> Vec<&'static str> {
    HARDWARE.iter().map(|hardware| hardware.name).collect()
}

/// An embodied row as a distribution in base units: triangular over its published range
/// (mode at the value) when it has one, else its value.
pub fn row_dist(row: &Row) -> Dist {
    match (row.low, row.high) {
        (Some(low), Some(high)) if low < high && (low..=high).contains(&row.value) => {
            Dist::triangular(
                row.unit.to_base(low),
                row.base_value(),
                row.unit.to_base(high),
            )
            .unwrap_or_else(|_| row.as_dist())
        }
        _ => row.as_dist(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_gpu_hour_of_an_h100_carries_a_share_of_its_life() {
        // 876.5 kg (164 GPU + 712.5 host share) over 4 years: 876.5 / 35,040 h = 0.025014 kg.
        let kg = amortised(164.0 + 712.5, 1.0, 4.0 * HOURS_PER_YEAR);
        assert!((kg - 0.025_014_269).abs() < 1e-8, "{kg}");
        // Morrison et al.'s 463 kg per GPU over 4 years: 0.013 kg per GPU-hour, as published.
        let olmo = amortised(463.0, 1.0, installed_device_hours(1.0, 4.0));
        assert!((olmo - 0.013).abs() < 0.0005, "{olmo}");
        // and 102.6 L of fab water: 0.003 L per GPU-hour, as published.
        let water = amortised(102.6, 1.0, installed_device_hours(1.0, 4.0));
        assert!((water - 0.003).abs() < 0.0001, "{water}");
    }

    #[test]
    fn a_request_shares_its_accelerators_with_its_batch() {
        // 4 GPUs for 9 s, batch 64: 4 × 9 / 3600 / 64 = 1.5625e-4 GPU-h.
        let hours = request_device_hours(4.0, 9.0, 64.0);
        assert!((hours - 1.5625e-4).abs() < 1e-15);
        // EcoLogits' form ΔT / (B × ΔL) × GPUs × I_GPU, 3-year life, 164 kg per GPU:
        // 9 / (64 × 94,608,000 s) × 4 × 164 = 9.7506e-7 kg.
        let kg = amortised(164.0, hours, 3.0 * HOURS_PER_YEAR);
        let ecologits = 9.0 / (64.0 * 3.0 * 365.0 * 86_400.0) * 4.0 * 164.0;
        assert!((kg - ecologits).abs() < 1e-18, "{kg} vs {ecologits}");
        // Twice the batch halves it.
        let doubled = amortised(164.0, request_device_hours(4.0, 9.0, 128.0), 26_280.0);
        assert!((doubled * 2.0 - kg).abs() < 1e-18);
    }

    #[test]
    fn a_share_of_the_life_cycle_gives_embodied_from_operational() {
        // 10% of the life cycle is embodied: 90 kg operational means 10 kg embodied.
        assert!((from_share(90.0, 0.10) - 10.0).abs() < 1e-12);
        assert_eq!(from_share(90.0, 0.0), 0.0);
    }

    #[test]
    fn a_training_run_amortises_its_gpu_hours() {
        // BLOOM: 1,082,990 A100 GPU-hours at 463 kg per GPU over 6 years (52,560 h):
        // 501,424,370 / 52,560 = 9,540.04 kg (Luccioni et al. publish 11.2 t with their own
        // allocation).
        let kg = amortised(463.0, 1_082_990.0, 6.0 * HOURS_PER_YEAR);
        assert!((kg - 9_540.04).abs() < 0.01, "{kg}");
    }

    #[test]
    fn the_plan_adds_the_host_share_and_skips_ways_without_device_hours() {
        // values: accelerator 164, host 712.5, water 102.6, lifetime 35,040 h
        let plan = EmbodiedPlan::Amortised {
            accelerator: 0,
            host: Some(1),
            water: Some(2),
            lifetime: 3,
        };
        let values = [164.0, 712.5, 102.6, 35_040.0];
        let value = |index: &usize| values[*index];
        let out = plan.evaluate(value, Some(10.0), None);
        assert!((out.co2e.unwrap() - 876.5 * 10.0 / 35_040.0).abs() < 1e-12);
        assert!((out.water.unwrap() - 102.6 * 10.0 / 35_040.0).abs() < 1e-12);
        assert_eq!(plan.evaluate(value, None, Some(5.0)), Embodied::default());
        assert!(plan.co2e_missing(false).is_some());
        assert!(plan.co2e_missing(true).is_none());
        let share = EmbodiedPlan::Share { share: 0.5 };
        let out = share.evaluate(|share: &f64| *share, None, Some(3.0));
        assert_eq!(out.co2e, Some(3.0));
        assert!(share.water_missing(true).is_some());
    }

    #[test]
    fn every_hardware_type_names_rows_of_the_embodied_table() {
        let datasets = crate::data::Datasets::builtin().expect("built-in datasets load");
        for hardware in HARDWARE {
            let ids = [Some(hardware.accelerator), hardware.host, hardware.water]
                .into_iter()
                .flatten()
                .chain([hardware.lifetime]);
            for id in ids {
                let row = datasets.get(id).unwrap_or_else(|| panic!("row {id}"));
                assert_eq!(row.table, crate::data::Table::Embodied, "{id}");
            }
        }
        // The default lifetime is triangular 3, 4, 6 years, in hours.
        let life = row_dist(datasets.get(DEFAULT_HARDWARE.lifetime).unwrap());
        assert!(matches!(life, Dist::Triangular { .. }));
        assert_eq!(life.support(), (3.0 * 8760.0, 6.0 * 8760.0));
        assert_eq!(life.central(), 4.0 * 8760.0);
    }
}
