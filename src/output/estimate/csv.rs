//! `estimate --format csv`: tidy CSV, one row per indicator, base units, full precision
//! (7 significant digits, never an exponent), written with the CSV writer.

use super::export::{Export, shown};
use crate::error::{Error, Result};
use crate::estimate::EstimateResult;
use crate::number::csv_number;

/// Tidy CSV.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExport;

impl Export for CsvExport {
    fn render(&self, result: &EstimateResult) -> Result<Vec<u8>> {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let failed = |error: ::csv::Error| Error::Encode {
            what: "the CSV of an estimate",
            source: Box::new(error),
        };
        writer
            .write_record(["indicator", "unit", "central", "mean", "p5", "p50", "p95"])
            .map_err(failed)?;
        for indicator in shown(result) {
            let Some(stats) = result.outcome.get(indicator, None) else {
                continue;
            };
            let numbers = [stats.central, stats.mean, stats.p5, stats.p50, stats.p95]
                .map(|value| csv_number(value, false));
            writer
                .write_record(
                    [indicator.key(), indicator.base_unit()]
                        .into_iter()
                        .chain(numbers.iter().map(String::as_str)),
                )
                .map_err(failed)?;
        }
        writer.into_inner().map_err(|error| Error::Encode {
            what: "the CSV of an estimate",
            source: Box::new(error.into_error()),
        })
    }
}
