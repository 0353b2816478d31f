//! The footprint model: formulas ([`footprint()`]) and evaluation plans ([`plan`]).

pub mod build;
pub mod components;
pub mod embodied;
#[cfg(test)]
mod embodied_tests;
pub mod footprint;
pub mod grid;
pub mod plan;
#[cfg(test)]
mod plan_tests;
pub mod tokens;
pub mod vocab;
pub mod way;

pub use build::{Builder, SeriesSpec, ValueSpec};
pub use embodied::EmbodiedPlan;
pub use footprint::{Boundary, Factors, Footprint, footprint};
pub use plan::{
    EnergyPlan, Extrapolate, Indicator, Input, N_INDICATORS, PathPoint, Plan, Series, WaterBasis,
};
pub use vocab::{InputDef, Role};
pub use way::{Energy, Field, Way};
