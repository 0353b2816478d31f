//! The exports of `estimate`, one file per format behind one trait (render to bytes first,
//! print last): the terminal [`table`], tidy [`csv`] and [`json`] (whose shape is a contract,
//! DESIGN.md §3).

pub mod csv;
pub mod json;
pub mod table;

use crate::error::Result;
use crate::estimate::EstimateResult;
use crate::model::Indicator;

pub use csv::CsvExport;
pub use json::JsonExport;
pub use table::TableExport;

/// An export format of an estimate.
pub trait Export {
    /// The estimate rendered in this format, as the bytes to print.
    fn render(&self, result: &EstimateResult) -> Result<Vec<u8>>;
}

/// The formats of `estimate --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned text for a terminal.
    #[default]
    Table,
    /// Tidy CSV, one row per indicator.
    Csv,
    /// JSON in the contract's shape.
    Json,
}

impl Format {
    /// The exporter of this format.
    pub fn exporter(self) -> &'static dyn Export {
        match self {
            Format::Table => &TableExport,
            Format::Csv => &CsvExport,
            Format::Json => &JsonExport,
        }
    }
}

/// The indicators an estimate shows (all but the share of a reference).
fn shown(result: &EstimateResult) -> impl Iterator<Item = Indicator> + '_ {
    result
        .outcome
        .available
        .iter()
        .copied()
        .filter(|indicator| *indicator != Indicator::Share)
}
