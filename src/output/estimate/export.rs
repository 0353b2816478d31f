//! The trait every export of an estimate implements, and what they share.

use crate::error::Result;
use crate::estimate::EstimateResult;
use crate::model::Indicator;

/// An export format of an estimate.
pub trait Export {
    /// The estimate rendered in this format, as the bytes to print.
    fn render(&self, result: &EstimateResult) -> Result<Vec<u8>>;
}

/// The indicators an estimate shows (the share of a reference only when one is given).
pub(super) fn shown(result: &EstimateResult) -> impl Iterator<Item = Indicator> + '_ {
    result.outcome.available.iter().copied()
}
