//! Monte Carlo and sensitivity: draws every input of a plan (see [`crate::dist`] for the
//! distributions), runs the model once per draw and summarises the results.

pub mod mc;

pub use mc::{McConfig, Outcome, Stats};
