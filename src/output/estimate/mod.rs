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
    /// Tidy CSV, one row per indicator and per input.
    Csv,
    /// The same in the French flavour (`;`, decimal comma, BOM).
    CsvFr,
    /// JSON in the contract's shape.
    Json,
}

impl Format {
    /// The exporter of this format.
    pub fn exporter(self) -> &'static dyn Export {
        match self {
            Format::Table => &TableExport,
            Format::Csv => &CsvExport { french: false },
            Format::CsvFr => &CsvExport { french: true },
            Format::Json => &JsonExport,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::{EstimateResult, ReportedInput};
    use crate::model::Indicator;
    use crate::provenance::Verification;
    use crate::uncertainty::{McConfig, Outcome, Stats};
    use crate::units::Dimension;

    /// An estimate of 1,287 MWh of IT energy at a PUE of 1.2, fixed or with a spread.
    fn estimate(uncertain: bool) -> EstimateResult {
        let mut stats: [Option<Stats>; crate::model::N_INDICATORS] = Default::default();
        let spread = |central: f64| Stats {
            central,
            mean: central * 1.01,
            p5: central * 0.9,
            p50: central,
            p95: central * 1.1,
            min: central * 0.8,
            max: central * 1.2,
        };
        let stat = |central: f64| {
            if uncertain {
                spread(central)
            } else {
                Stats::exact(central)
            }
        };
        stats[Indicator::ItEnergy.index()] = Some(stat(1_287_000.0));
        stats[Indicator::FacilityEnergy.index()] = Some(stat(1_544_400.0));
        let pue = ReportedInput {
            name: "pue".into(),
            label: "PUE".into(),
            central: 1.2,
            distribution: uncertain.then(|| "uniform(1.1..1.3)".to_string()),
            unit: "ratio",
            dimension: Dimension::Ratio,
            source: "dataset".into(),
            detail: "pue:google-2024".into(),
            source_ids: vec!["GOOGLE2024".into()],
            verification: Some(Verification::Unconfirmed),
        };
        EstimateResult {
            inputs: vec![pue],
            missing: Vec::new(),
            outcome: Outcome {
                periods: vec![None],
                available: vec![Indicator::ItEnergy, Indicator::FacilityEnergy],
                stats: vec![stats],
                swings: Vec::new(),
                correlations: Vec::new(),
                kept: Vec::new(),
                samples: if uncertain { 10_000 } else { 1 },
            },
            omitted: vec![(Indicator::Co2e, "no carbon intensity".into())],
            notes: vec!["a note".into()],
            uncertain,
            config: McConfig::default(),
            datasets_checksum: "abc".into(),
        }
    }

    fn text(format: Format, result: &EstimateResult) -> String {
        String::from_utf8(format.exporter().render(result).unwrap()).unwrap()
    }

    #[test]
    fn json_is_the_contract() {
        let fixed: serde_json::Value =
            serde_json::from_str(&text(Format::Json, &estimate(false))).unwrap();
        let pue = &fixed["inputs"]["pue"];
        assert_eq!(pue["central"], 1.2);
        assert_eq!(pue["unit"], "", "a ratio has an empty unit");
        assert_eq!(pue["source"], "dataset");
        assert_eq!(pue["source_ids"][0], "GOOGLE2024");
        assert_eq!(pue["verification"], "unconfirmed");
        assert!(pue.get("distribution").is_none());
        let it = &fixed["indicators"]["it_energy_kwh"];
        assert_eq!(it["central"], 1_287_000.0);
        assert_eq!(it["unit"], "kWh");
        assert!(it.get("p5").is_none(), "no percentiles without uncertainty");
        assert_eq!(fixed["omitted"]["co2e_kg"], "no carbon intensity");
        let keys: Vec<&str> = fixed
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "inputs",
                "indicators",
                "omitted",
                "notes",
                "samples",
                "seed",
                "datasets_checksum"
            ]
        );
        let uncertain: serde_json::Value =
            serde_json::from_str(&text(Format::Json, &estimate(true))).unwrap();
        let facility = &uncertain["indicators"]["facility_energy_kwh"];
        for key in ["mean", "p5", "p50", "p95"] {
            assert!(facility[key].is_number(), "{key}");
        }
        assert_eq!(
            uncertain["inputs"]["pue"]["distribution"],
            "uniform(1.1..1.3)"
        );
    }

    #[test]
    fn csv_is_tidy_and_plain() {
        let csv = text(Format::Csv, &estimate(true));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "indicator,unit,central,mean,p5,p50,p95,kind,distribution,source,from,source_ids"
        );
        assert_eq!(
            lines[1],
            "it_energy_kwh,kWh,1287000,1299870,1158300,1287000,1415700,indicator,,,,"
        );
        assert_eq!(
            lines[3],
            "pue,ratio,1.2,,,,,input,uniform(1.1..1.3),dataset,pue:google-2024,GOOGLE2024"
        );
        assert_eq!(lines.len(), 4);
        assert!(csv.ends_with('\n') && !csv.contains('\r'));
        let french = text(Format::CsvFr, &estimate(true));
        assert!(french.starts_with('\u{feff}'));
        let lines: Vec<&str> = french.lines().collect();
        assert!(
            lines[3].starts_with("pue;ratio;1,2;;;;;input;"),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn table_shows_inputs_indicators_and_what_is_left_out() {
        let table = text(Format::Table, &estimate(false));
        assert!(table.starts_with("Inputs\n"));
        assert!(table.contains("GOOGLE2024 [unconfirmed]"));
        assert!(table.contains("1.287 GWh"), "{table}");
        assert!(table.contains("Left out\n  - CO2e (operational): no carbon intensity"));
        assert!(table.contains("Notes\n  - a note"));
    }
}
