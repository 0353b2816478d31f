//! `estimate --format csv`: tidy CSV, one row per indicator (base units) then one row per
//! input (in the unit it is shown in) with where it came from, full precision (7 significant
//! digits, never an exponent), written with the CSV writer. The French flavour writes `;`
//! separators, decimal commas and a byte-order mark, like the report's CSV files.

use super::export::{Export, shown};
use crate::error::{Error, Result};
use crate::estimate::EstimateResult;
use crate::number::csv_number;

/// The header: the indicator columns first (as they always were), then the provenance
/// columns that input rows fill.
pub const HEADER: &str =
    "indicator,unit,central,mean,p5,p50,p95,kind,distribution,source,from,source_ids";

/// Tidy CSV.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExport {
    /// The French flavour (`;`, decimal comma, BOM).
    pub french: bool,
}

impl Export for CsvExport {
    fn render(&self, result: &EstimateResult) -> Result<Vec<u8>> {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .delimiter(if self.french { b';' } else { b',' })
            .from_writer(Vec::new());
        let failed = |error: ::csv::Error| Error::Encode {
            what: "the CSV of an estimate",
            source: Box::new(error),
        };
        let number = |value: f64| csv_number(value, self.french);
        writer.write_record(HEADER.split(',')).map_err(failed)?;
        for indicator in shown(result) {
            let Some(stats) = result.outcome.get(indicator, None) else {
                continue;
            };
            let numbers = [stats.central, stats.mean, stats.p5, stats.p50, stats.p95].map(number);
            writer
                .write_record(
                    [indicator.key(), indicator.base_unit()]
                        .into_iter()
                        .chain(numbers.iter().map(String::as_str))
                        .chain(["indicator", "", "", "", ""]),
                )
                .map_err(failed)?;
        }
        for input in &result.inputs {
            let central = number(input.central);
            let sources = input.source_ids.join(" ");
            writer
                .write_record([
                    input.name.as_str(),
                    input.unit,
                    &central,
                    "",
                    "",
                    "",
                    "",
                    "input",
                    input.distribution.as_deref().unwrap_or(""),
                    &input.source,
                    &input.detail,
                    &sources,
                ])
                .map_err(failed)?;
        }
        let mut bytes = writer.into_inner().map_err(|error| Error::Encode {
            what: "the CSV of an estimate",
            source: Box::new(error.into_error()),
        })?;
        if self.french {
            bytes.splice(0..0, "\u{feff}".bytes());
        }
        Ok(bytes)
    }
}
