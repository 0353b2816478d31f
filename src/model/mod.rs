//! The footprint model: formulas ([`footprint()`]) and evaluation plans ([`plan`]).

pub mod footprint;
pub mod plan;

pub use footprint::{Boundary, Factors, Footprint, footprint};
pub use plan::{
    EnergyPlan, Extrapolate, Indicator, Input, N_INDICATORS, PathPoint, Plan, Role, Series,
    WaterBasis,
};
