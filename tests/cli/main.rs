//! Integration tests: run the `dcfoot` binary like a user would.

mod ai_share;
mod bad_input;
mod components;
mod datasets;
mod editions;
mod estimate;
mod interfaces;
mod properties;
mod reader;
mod reliability;
mod report;
mod scenarios;
mod util;
