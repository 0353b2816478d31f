//! The components of a plan's energy (DESIGN.md §6): named parts, each a share of its parent,
//! its own energy path, or the rest of its parent, with their own factors; a variant's
//! adjustments (a part scaled from a year on) and rebound (a share of the freed energy taken
//! up by another part).
//!
//! For one period and one vector of input values, [`Parts::evaluate`] gives the energy of
//! every part at the plan's boundary, then every indicator of every leaf from that energy and
//! the leaf's factors (through [`Plan::evaluate`] of a one-input plan per leaf, so a leaf's
//! footprint is computed by exactly the code of a whole plan); a part with parts of its own,
//! and the total, are sums of their leaves. The total therefore adds up in every draw, and a
//! leaf's factor overrides (an AI hall's PUE) move its facility overhead with it.

use super::footprint::Boundary;
use super::plan::{Decomposition, EnergyPlan, Indicator, N_INDICATORS, Plan, Series};

/// How a part gets its energy.
#[derive(Debug, Clone)]
pub enum PartHow {
    /// A share of its parent's energy.
    Share {
        /// The share.
        share: Series,
        /// True when the share is of the part's IT energy in its parent's facility energy.
        of_facility_it: bool,
    },
    /// Its own energy path, at its own boundary.
    Own {
        /// The path.
        energy: Box<EnergyPlan>,
        /// Its boundary.
        boundary: Boundary,
    },
    /// Its parent's energy minus its siblings'.
    Rest,
}

/// One part of a plan's energy.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its id.
    pub id: String,
    /// Index of its parent part (None: the plan's energy).
    pub parent: Option<usize>,
    /// How it gets its energy.
    pub how: PartHow,
    /// Its PUE (its own, or its parent's when it has none), to convert its energy between
    /// the IT and facility boundaries.
    pub pue: Option<Series>,
    /// For a leaf: the plan that turns its energy (input `slot` of [`Parts`]) into indicators
    /// with its factors.
    pub leaf: Option<Plan>,
    /// The indices of every part in its subtree, itself included.
    pub subtree: Vec<usize>,
}

/// A variant's change to one part from a year on.
#[derive(Debug, Clone)]
pub struct PartAdjust {
    /// The part.
    pub part: usize,
    /// First year it applies (None: every period).
    pub from: Option<i32>,
    /// What multiplies the energy of the part and of its parts.
    pub scale: Series,
}

/// The share of the freed energy another part takes up.
#[derive(Debug, Clone)]
pub struct PartRebound {
    /// The share.
    pub share: Series,
    /// The part (a leaf) that takes it.
    pub to: usize,
}

/// The parts of a plan's energy, parents before children and every rest after its siblings.
#[derive(Debug, Clone)]
pub struct Parts {
    /// The parts.
    pub parts: Vec<Part>,
    /// The adjustments, in the file's order.
    pub adjust: Vec<PartAdjust>,
    /// The rebound.
    pub rebound: Option<PartRebound>,
    /// The index, in the values given to a leaf's plan, of the leaf's energy: the number of
    /// inputs of the plan.
    pub slot: usize,
}

/// A rest that came out negative: its siblings take more than their parent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NegativeRest {
    /// The rest part.
    pub part: usize,
    /// Its parent's energy (kWh at the plan's boundary).
    pub parent: f64,
    /// What its siblings take.
    pub siblings: f64,
}

/// Below this fraction of its parent, a negative rest is rounding (shares that add up to 1)
/// and counts as zero.
const ROUNDING: f64 = 1e-9;

impl Parts {
    /// The energy of every part at the plan's boundary, before and after the adjustments and
    /// the rebound (`energy` holds the parts' energies after them on return).
    pub fn energies(
        &self,
        plan: &Plan,
        year: Option<i32>,
        values: &[f64],
        energy: &mut Vec<f64>,
    ) -> Result<(), NegativeRest> {
        energy.clear();
        energy.resize(self.parts.len(), 0.0);
        let top = plan.energy.energy(year, values).0;
        let top_pue = plan.pue.as_ref().map(|series| series.value(year, values));
        let boundary = plan.boundary;
        for (index, part) in self.parts.iter().enumerate() {
            let (parent_energy, parent_pue) = match part.parent {
                None => (top, top_pue),
                Some(parent) => (
                    energy[parent],
                    self.parts[parent]
                        .pue
                        .as_ref()
                        .map(|series| series.value(year, values)),
                ),
            };
            let own_pue = || {
                part.pue
                    .as_ref()
                    .map_or(f64::NAN, |series| series.value(year, values))
            };
            energy[index] = match &part.how {
                PartHow::Share {
                    share,
                    of_facility_it,
                } => {
                    let share = share.value(year, values);
                    if *of_facility_it {
                        let parent_facility = match boundary {
                            Boundary::Facility => parent_energy,
                            Boundary::It => parent_energy * parent_pue.unwrap_or(f64::NAN),
                        };
                        let it = share * parent_facility;
                        match boundary {
                            Boundary::It => it,
                            Boundary::Facility => it * own_pue(),
                        }
                    } else {
                        share * parent_energy
                    }
                }
                PartHow::Own {
                    energy: path,
                    boundary: own,
                } => {
                    let value = path.energy(year, values).0;
                    match (own, boundary) {
                        (Boundary::It, Boundary::Facility) => value * own_pue(),
                        (Boundary::Facility, Boundary::It) => value / own_pue(),
                        _ => value,
                    }
                }
                PartHow::Rest => {
                    let siblings: f64 = self
                        .parts
                        .iter()
                        .enumerate()
                        .filter(|(other, sibling)| *other != index && sibling.parent == part.parent)
                        .map(|(other, _)| energy[other])
                        .sum();
                    let rest = parent_energy - siblings;
                    if rest < 0.0 {
                        if rest >= -ROUNDING * parent_energy.abs() {
                            0.0
                        } else {
                            return Err(NegativeRest {
                                part: index,
                                parent: parent_energy,
                                siblings,
                            });
                        }
                    } else {
                        rest
                    }
                }
            };
        }
        let leaf_sum = |energy: &[f64]| -> f64 {
            self.parts
                .iter()
                .zip(energy)
                .filter(|(part, _)| part.leaf.is_some())
                .map(|(_, value)| value)
                .sum()
        };
        let before = leaf_sum(energy);
        let mut adjusted = false;
        for adjust in &self.adjust {
            if adjust
                .from
                .is_some_and(|from| year.is_some_and(|year| year < from))
            {
                continue;
            }
            adjusted = true;
            let scale = adjust.scale.value(year, values);
            for &index in &self.parts[adjust.part].subtree {
                energy[index] *= scale;
            }
        }
        if adjusted && let Some(rebound) = &self.rebound {
            let freed = before - leaf_sum(energy);
            let taken = rebound.share.value(year, values) * freed;
            energy[rebound.to] += taken;
            let mut parent = self.parts[rebound.to].parent;
            while let Some(index) = parent {
                energy[index] += taken;
                parent = self.parts[index].parent;
            }
        }
        Ok(())
    }

    /// Every indicator of every part, then of the total (the last row): leaves from their
    /// energy and factors, the others as sums of their leaves.
    pub fn evaluate(
        &self,
        plan: &Plan,
        year: Option<i32>,
        values: &[f64],
    ) -> Result<Vec<[f64; N_INDICATORS]>, NegativeRest> {
        let mut energy = Vec::with_capacity(self.parts.len());
        self.energies(plan, year, values, &mut energy)?;
        let mut scratch = Vec::with_capacity(values.len() + 1);
        scratch.extend_from_slice(values);
        scratch.push(0.0);
        let mut rows = vec![[0.0; N_INDICATORS]; self.parts.len() + 1];
        for (index, part) in self.parts.iter().enumerate() {
            if let Some(leaf) = &part.leaf {
                scratch[self.slot] = energy[index];
                rows[index] = leaf.evaluate(year, &scratch);
            }
        }
        let mut total = [0.0; N_INDICATORS];
        for (index, part) in self.parts.iter().enumerate() {
            if part.leaf.is_some() {
                add(&mut total, &rows[index]);
            } else {
                let mut sum = [0.0; N_INDICATORS];
                for &other in &part.subtree {
                    if self.parts[other].leaf.is_some() {
                        add(&mut sum, &rows[other]);
                    }
                }
                rows[index] = sum;
            }
        }
        rows[self.parts.len()] = total;
        Ok(rows)
    }
}

impl Decomposition for Parts {
    /// The total's indicators (NaN everywhere when a rest is negative: the components pass
    /// reports that draw as an error before any result is written).
    fn total(&self, plan: &Plan, year: Option<i32>, values: &[f64]) -> [f64; N_INDICATORS] {
        match self.evaluate(plan, year, values) {
            Ok(rows) => rows[self.parts.len()],
            Err(_) => [f64::NAN; N_INDICATORS],
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The components of a plan, if it has some.
pub fn parts_of(plan: &Plan) -> Option<&Parts> {
    plan.parts.as_ref()?.as_any().downcast_ref::<Parts>()
}

/// The indicator a component's share of the total is taken of: facility energy, or IT energy
/// when the plan cannot compute facility energy.
pub fn share_basis(plan: &Plan) -> Indicator {
    if plan.missing_reason(Indicator::FacilityEnergy).is_none() {
        Indicator::FacilityEnergy
    } else {
        Indicator::ItEnergy
    }
}

fn add(sum: &mut [f64; N_INDICATORS], row: &[f64; N_INDICATORS]) {
    for (total, value) in sum.iter_mut().zip(row) {
        *total += value;
    }
}
