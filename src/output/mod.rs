//! Everything dcfoot writes: number formatting, terminal tables and the renderings of results.

pub mod chart;
pub mod estimate;
pub mod format;
pub mod table;
