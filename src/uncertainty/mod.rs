//! Uncertainty: distributions, the one-line distribution syntax, Monte Carlo and sensitivity.

pub mod dist;
pub mod mc;
pub mod spec;

pub use dist::Dist;
pub use mc::{McConfig, Outcome, Stats};
