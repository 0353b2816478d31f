//! The exports of `estimate`, one file per format behind one trait (render to bytes first,
//! print last): the terminal [`table`], tidy [`csv`] and [`json`] (whose shape is a contract,
//! DESIGN.md §3).

pub mod csv;
mod export;
pub mod json;
pub mod table;

pub use csv::CsvExport;
pub use export::Export;
pub use json::JsonExport;
pub use table::TableExport;

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
