//! dcfoot estimates the electricity, water and carbon footprint of data centres and of
//! generative AI from published figures, with every number traced to its source and every
//! result given with its uncertainty.
//!
//! The pipeline: sourced datasets ([`data`]) and scenario files ([`scenario`]) describe inputs
//! as distributions ([`uncertainty`]); the footprint model ([`model`]) turns energy into
//! facility energy, on-site and off-site water and CO2e (see DESIGN.md §1); the Monte Carlo
//! engine summarises results; [`output`] writes CSV tables, charts and reports.
#![warn(missing_docs)]

pub mod data;
pub mod error;
pub mod estimate;
pub mod fsio;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod scenario;
pub mod text;
pub mod uncertainty;
pub mod units;

pub use error::{Error, InputError, Location, Result};
