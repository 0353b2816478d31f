//! Everything dcfoot writes: number formatting, terminal tables and the renderings of results.

pub mod chart;
pub mod charts;
pub mod csv;
pub mod estimate;
pub mod format;
pub mod manifest;
pub mod markdown;
pub mod report;
pub mod scenario_files;
pub mod table;
pub mod tables;
pub mod write;
pub mod xlsx;
