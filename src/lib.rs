//! dcfoot estimates the electricity, water and carbon footprint of data centres and of
//! generative AI from published figures, with every number traced to its source and every
//! result given with its uncertainty.
//!
//! The pipeline: sourced datasets ([`data`]) and scenario files ([`scenario`]) describe inputs
//! as distributions ([`dist`]); the footprint model ([`model`]) turns energy into facility
//! energy, on-site and off-site water and CO2e (see DESIGN.md §1); the Monte Carlo engine
//! ([`uncertainty`]) summarises results; [`output`] writes CSV tables, charts and reports.
//!
//! # Layers
//!
//! Modules are layered, top to bottom; a module imports only from layers below its own (a
//! test, `import_graph`, reads every `use` and checks this table and that no files or folders
//! import each other in a loop).
//!
//! | layer | modules | what it holds |
//! |---|---|---|
//! | 1 | `main` | the binary's entry point: exit codes |
//! | 2 | `cli` | clap definitions, command handlers, the progress bar; the only place that knows flag names |
//! | 3 | `pipeline` | the `run` and `report` jobs: load, run, render, write the folder in one step |
//! | 4 | `output` | renderings: terminal tables, CSV, JSON, charts, Markdown and HTML, the output folder |
//! | 5 | `estimate`, `scenario` | the two ways in: one footprint from typed values, scenario files |
//! | 6 | `uncertainty`, `defaults` | Monte Carlo draws and sensitivity over a plan; the defaults a region, operator, site and year give an input |
//! | 7 | `model` | footprint formulas, energy ways, growth paths, evaluation plans |
//! | 8 | `data` | the sourced datasets: schemas, loading, validation, lookups, bibliography |
//! | 9 | `dist`, `display_unit`, `provenance` | distributions and their syntax, display units, verification status and source ids |
//! | 10 | `units`, `number` | quantities and their parsing, every number formatter |
//! | 11 | `fsio` | reading a user's file: regular files only, with a size limit |
//! | 12 | `lang`, `error` | languages and bilingual text, typed errors |
//! | 13 | `text` | text helpers: suggestions, sentence case, terminal-safe and invisible characters |
#![warn(missing_docs)]

pub mod data;
pub mod defaults;
pub mod display_unit;
pub mod dist;
pub mod error;
pub mod estimate;
pub mod fsio;
#[cfg(test)]
mod import_graph;
pub mod lang;
pub mod model;
pub mod number;
pub mod output;
pub mod pipeline;
pub mod provenance;
pub mod scenario;
pub mod text;
pub mod uncertainty;
pub mod units;

/// The tool's version, as written in outputs.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use error::{Error, InputError, Location, Result};
