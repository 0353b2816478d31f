//! Everything dcfoot writes: terminal tables, CSV, charts and reports (numbers are formatted by
//! [`crate::number`], units shown by [`crate::display_unit`]).

pub mod chart;
pub mod charts;
pub mod csv;
pub mod estimate;
pub mod findings;
pub mod manifest;
pub mod markdown;
pub mod meta;
pub mod parts_tables;
pub mod report;
pub mod scenario_files;
pub mod table;
pub mod tables;
pub mod write;
pub mod xlsx;
