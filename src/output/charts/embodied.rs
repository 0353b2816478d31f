//! Operational and embodied carbon side by side: where the hardware's manufacturing weighs,
//! variant by variant (a request, a GPU-hour or a training run on several grids).

use super::Builder;
use crate::model::Indicator;
use crate::output::chart::Chart;
use crate::output::csv::CsvTable;

impl Builder<'_> {
    /// Stacked bars of operational and embodied CO2e for the variants that have both (the
    /// total is the life-cycle CO2e, with its 90% range).
    pub(super) fn carbon_split(&self) -> Option<(Chart, CsvTable)> {
        self.split(Indicator::Co2e, Indicator::EmbodiedCo2e, "carbon-split")
    }
}
