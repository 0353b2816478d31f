//! What the output says about the run that produced it (the manifest, the report's header and
//! method section): a small struct the job fills in, so the output layer never sees the job's
//! own configuration.

use super::csv::CsvLocale;

/// The run behind a set of output files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportMeta {
    /// True for the full report (`dcfoot report`), false for `dcfoot run`.
    pub full_report: bool,
    /// Monte Carlo seed.
    pub seed: u64,
    /// Monte Carlo draws per input.
    pub samples: usize,
    /// CSV flavour of the tables.
    pub csv_locale: CsvLocale,
}

impl ReportMeta {
    /// The command that wrote the output: `report` or `run`.
    pub fn command(&self) -> &'static str {
        if self.full_report { "report" } else { "run" }
    }
}
