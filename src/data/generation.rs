//! The generation table (`generation.csv`): water consumed and withdrawn and life-cycle
//! carbon per kWh of each technology of DESIGN.md §6, and the rule that keeps it usable by
//! the mix formulas: one row per technology, metric and (for reservoir hydropower's water
//! consumption only) allocation of reservoir evaporation.

use std::collections::HashMap;

use super::{Datasets, Row, Table};

/// The hydro allocation used when none is chosen: gross evaporation of US reservoirs, all
/// allocated to power (Macknick et al. 2012), the convention of the other water factors.
pub const DEFAULT_HYDRO_ALLOCATION: &str = "gross";

/// Whether a technology and metric take an `allocation` cell.
pub fn takes_allocation(technology: &str, metric: &str) -> bool {
    technology == "hydro-reservoir" && metric == "water_consumption"
}

/// What is wrong with a generation row given the rows already read (keyed by technology,
/// metric and allocation, with where each was): the column and the message, or None.
pub(super) fn problem(
    row: &Row,
    seen: &mut HashMap<(String, String, String), usize>,
) -> Option<(&'static str, String)> {
    let (technology, metric, allocation) = (
        row.key("technology"),
        row.key("metric"),
        row.key("allocation"),
    );
    if takes_allocation(technology, metric) && allocation.is_empty() {
        return Some((
            "allocation",
            format!(
                "a water_consumption row of hydro-reservoir needs an allocation of reservoir \
                 evaporation ({})",
                super::schema::HYDRO_ALLOCATIONS.join(", ")
            ),
        ));
    }
    if !takes_allocation(technology, metric) && !allocation.is_empty() {
        return Some((
            "allocation",
            "only the water_consumption rows of hydro-reservoir take an allocation (leave it \
             empty)"
                .to_string(),
        ));
    }
    let key = (
        technology.to_string(),
        metric.to_string(),
        allocation.to_string(),
    );
    if let Some(line) = seen.get(&key) {
        return Some((
            "technology",
            format!(
                "{technology} already has a {metric} row{} (line {line}): one row per \
                 technology and metric",
                if allocation.is_empty() {
                    String::new()
                } else {
                    format!(" with allocation {allocation}")
                }
            ),
        ));
    }
    seen.insert(key, row.line);
    None
}

impl Datasets {
    /// The generation row of a technology and metric (`water_consumption`,
    /// `water_withdrawal`, `carbon_intensity`); `allocation` chooses among reservoir
    /// hydropower's consumption rows (and is ignored elsewhere).
    pub fn generation(&self, technology: &str, metric: &str, allocation: &str) -> Option<&Row> {
        let allocation = if takes_allocation(technology, metric) {
            allocation
        } else {
            ""
        };
        self.table(Table::Generation).find(|row| {
            row.key("technology") == technology
                && row.key("metric") == metric
                && row.key("allocation") == allocation
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::schema::TECHNOLOGIES;

    const HEADER: &str = "id,technology,metric,allocation,value,unit,low,high,year,scope,kind,source_id,verification,notes\n";

    #[test]
    fn every_technology_has_water_and_hydro_has_each_allocation() {
        let datasets = Datasets::builtin().unwrap();
        for technology in TECHNOLOGIES {
            for metric in ["water_consumption", "water_withdrawal"] {
                let row = datasets.generation(technology, metric, DEFAULT_HYDRO_ALLOCATION);
                assert!(row.is_some(), "{technology} {metric}");
            }
        }
        let consumption = |allocation| {
            datasets
                .generation("hydro-reservoir", "water_consumption", allocation)
                .map(|row| row.value)
        };
        assert_eq!(consumption("none"), Some(0.0));
        assert_eq!(consumption("gross"), Some(17.0));
        assert!(consumption("gross-world").unwrap() > 200.0);
        // The allocation is ignored where it does not apply.
        assert_eq!(
            datasets
                .generation("nuclear-tower", "water_consumption", "none")
                .map(|row| row.value),
            Some(2.54)
        );
    }

    #[test]
    fn a_duplicate_or_misplaced_allocation_is_refused_with_its_line() {
        let row = "gen-x,nuclear-tower,water_consumption,,2.54,L/kWh,,,2012,US,estimate,MACKNICK-2012,unconfirmed,\n";
        let twice = format!("{HEADER}{row}{}", row.replace("gen-x", "gen-y"));
        let error = Datasets::from_texts(&[("generation.csv", &twice)]).unwrap_err();
        assert_eq!(error.exit_code(), 2);
        let text = error.to_string();
        assert!(text.starts_with("generation.csv:3:"), "{text}");
        assert!(
            text.contains("already has a water_consumption row"),
            "{text}"
        );

        let misplaced = format!("{HEADER}{}", row.replace(",,2.54", ",gross,2.54"));
        let text = Datasets::from_texts(&[("generation.csv", &misplaced)])
            .unwrap_err()
            .to_string();
        assert!(
            text.contains("only the water_consumption rows of hydro-reservoir"),
            "{text}"
        );

        let hydro = "gen-h,hydro-reservoir,water_consumption,,17,L/kWh,,,2012,US,estimate,MACKNICK-2012,unconfirmed,\n";
        let text = Datasets::from_texts(&[("generation.csv", &format!("{HEADER}{hydro}"))])
            .unwrap_err()
            .to_string();
        assert!(text.contains("needs an allocation"), "{text}");
    }
}
