//! Integration tests: run the `dcfoot` binary like a user would.

mod ai_share;
mod bad_input;
mod components;
mod datasets;
mod editions;
mod embodied;
mod estimate;
mod grid;
mod interfaces;
mod properties;
mod reader;
mod reliability;
mod report;
mod scenarios;
mod tokens;
mod util;
