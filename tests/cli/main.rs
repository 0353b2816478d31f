//! Integration tests: run the `dcfoot` binary like a user would.

mod datasets;
mod estimate;
mod report;
mod scenarios;
mod util;
