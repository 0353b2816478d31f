//! The charts of a scenario, as [`Chart`] specifications with their chart-ready (wide) CSV.

use super::chart::Chart;
use super::csv::CsvTable;
use super::format::Lang;
use crate::data::Datasets;
use crate::scenario::ScenarioResult;

/// Every chart of a scenario with its wide CSV.
pub fn build(result: &ScenarioResult, datasets: &Datasets, lang: Lang) -> Vec<(Chart, CsvTable)> {
    let _ = (result, datasets, lang);
    Vec::new()
}
