//! Integration tests: run the `dcfoot` binary like a user would.

mod datasets;
mod estimate;
mod scenarios;
mod util;
