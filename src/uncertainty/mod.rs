//! Uncertainty: distributions, the one-line distribution syntax, Monte Carlo and sensitivity.

pub mod dist;
pub mod spec;

pub use dist::Dist;
