//! The CSV tables of a scenario run (contract: DESIGN.md §4).
//!
//! - `results.csv`: tidy, one row per variant × year × indicator, in display units, with the
//!   central value, mean, p5, p50, p95 and the source ids behind that indicator.
//! - `sensitivity.csv`: tornado swings and Spearman rank correlations.
//! - `inputs.csv`: every input of every variant with its distribution and provenance.
//! - `published.csv`: the dataset rows the scenario puts next to its results.

use super::csv::{Cell, CsvTable};
use crate::data::schema::VALUE_COLUMNS;
use crate::data::{Datasets, Row};
use crate::display_unit::{DisplayUnit, best_unit, unit_by_label};
use crate::lang::{Lang, Text};
use crate::model::{Indicator, Input};
use crate::scenario::{Scenario, ScenarioResult};
use crate::units::Dimension;

/// The display unit of each indicator of a scenario result: the scenario's override, else the
/// unit that suits the largest central value across variants and years.
#[derive(Debug, Clone)]
pub struct Units {
    units: Vec<(Indicator, DisplayUnit)>,
}

impl Units {
    /// Picks the units for a result.
    pub fn of(result: &ScenarioResult) -> Units {
        let units = Indicator::ALL
            .into_iter()
            .map(|indicator| {
                let largest = result
                    .variants
                    .iter()
                    .flat_map(|variant| {
                        variant
                            .outcome
                            .stats
                            .iter()
                            .filter_map(move |stats| stats[indicator.index()])
                    })
                    .map(|stats| stats.central.abs())
                    .filter(|value| value.is_finite())
                    .fold(0.0, f64::max);
                let unit = display_unit(&result.scenario, indicator, largest);
                (indicator, unit)
            })
            .collect();
        Units { units }
    }

    /// The display unit of an indicator.
    pub fn get(&self, indicator: Indicator) -> DisplayUnit {
        self.units
            .iter()
            .find(|(candidate, _)| *candidate == indicator)
            .map_or_else(|| best_unit(indicator.dimension(), 1.0), |(_, unit)| *unit)
    }

    /// The unit label for CSV cells (ASCII CO2e so any tool reads it).
    pub fn csv_label(&self, indicator: Indicator) -> String {
        if indicator == Indicator::Share {
            return "%".into();
        }
        self.get(indicator).english().replace('₂', "2")
    }

    /// A base value of an indicator in its display unit (shares in %).
    pub fn show(&self, indicator: Indicator, base: f64) -> f64 {
        if indicator == Indicator::Share {
            base * 100.0
        } else {
            self.get(indicator).of(base)
        }
    }
}

/// The indicator's name in a language.
pub fn indicator_label(indicator: Indicator, lang: Lang) -> &'static str {
    indicator_name(indicator).pick(lang)
}

/// The indicator's name in both languages.
pub fn indicator_name(indicator: Indicator) -> Text<&'static str> {
    match indicator {
        Indicator::ItEnergy => Text::new("IT energy", "énergie des équipements informatiques"),
        Indicator::FacilityEnergy => Text::new(
            "electricity used (facility)",
            "électricité consommée (site)",
        ),
        Indicator::OverheadEnergy => Text::new(
            "overhead energy (cooling, power losses)",
            "énergie hors informatique (refroidissement, pertes)",
        ),
        Indicator::OnsiteWater => {
            Text::new("on-site water (cooling)", "eau sur site (refroidissement)")
        }
        Indicator::OffsiteWater => Text::new(
            "off-site water (power generation)",
            "eau hors site (production d'électricité)",
        ),
        Indicator::TotalWater => Text::new("total water consumed", "eau consommée au total"),
        Indicator::Co2e => Text::new("operational CO₂e", "CO₂e d'exploitation"),
        Indicator::Share => Text::new(
            "share of the reference consumption",
            "part de la consommation de référence",
        ),
        Indicator::OffsiteWithdrawal => Text::new(
            "off-site water withdrawn (power generation)",
            "eau prélevée hors site (production d'électricité)",
        ),
        Indicator::EmbodiedCo2e => {
            Text::new("embodied CO₂e (manufacturing)", "CO₂e de fabrication")
        }
        Indicator::EmbodiedWater => Text::new("embodied water (chip making)", "eau de fabrication"),
        Indicator::LifecycleCo2e => Text::new("life-cycle CO₂e", "CO₂e du cycle de vie"),
    }
}

/// `results.csv`.
pub fn results(result: &ScenarioResult) -> CsvTable {
    let units = Units::of(result);
    let mut table = CsvTable::new(&[
        "scenario",
        "variant",
        "variant_label",
        "year",
        "indicator",
        "unit",
        "central",
        "mean",
        "p5",
        "p50",
        "p95",
        "source_ids",
    ]);
    for variant in &result.variants {
        for (period, year) in variant.outcome.periods.iter().enumerate() {
            for indicator in &variant.outcome.available {
                let Some(stats) = variant.outcome.stats[period][indicator.index()] else {
                    continue;
                };
                let show = |value: f64| Cell::Number(units.show(*indicator, value));
                table.push(vec![
                    result.scenario.id.as_str().into(),
                    variant.variant.id.as_str().into(),
                    variant.variant.label.en.as_str().into(),
                    (*year).into(),
                    indicator.short().into(),
                    units.csv_label(*indicator).into(),
                    show(stats.central),
                    show(stats.mean),
                    show(stats.p5),
                    show(stats.p50),
                    show(stats.p95),
                    variant.sources_for(*indicator).join(";").into(),
                ]);
            }
        }
    }
    table
}

/// The unit an input is shown in, and its value in that unit.
pub fn input_display(input: &Input, base: f64) -> (String, f64) {
    if input.is_level {
        return ("quantile".into(), base);
    }
    let dimension = match input.unit {
        "kWh" | "Wh" => Some(Dimension::Energy),
        "kW" | "W" => Some(Dimension::Power),
        _ => None,
    };
    if let Some(dimension) = dimension {
        // Base units are kWh and kW; one readable unit per input (from its central value).
        let unit = best_unit(dimension, input.dist.central().abs());
        return (unit.english().to_string(), unit.of(base));
    }
    match input.unit {
        "fraction" => ("%".into(), base * 100.0),
        "fraction/yr" => ("%/yr".into(), base * 100.0),
        "ratio" => (String::new(), base),
        other => (other.to_string(), base * input.show_scale),
    }
}

/// `sensitivity.csv`.
pub fn sensitivity(result: &ScenarioResult) -> CsvTable {
    let units = Units::of(result);
    let mut table = CsvTable::new(&[
        "scenario",
        "variant",
        "year",
        "indicator",
        "unit",
        "input",
        "input_label",
        "input_unit",
        "input_p5",
        "input_p95",
        "result_at_input_p5",
        "result_at_input_p95",
        "swing",
        "spearman_rho",
    ]);
    for variant in &result.variants {
        for swing in &variant.outcome.swings {
            let input = &variant.plan.inputs[swing.input];
            let rho = variant
                .outcome
                .correlations
                .iter()
                .find(|c| {
                    c.input == swing.input && c.year == swing.year && c.indicator == swing.indicator
                })
                .map(|c| c.rho);
            let (input_unit, input_low) = input_display(input, swing.input_low);
            let (_, input_high) = input_display(input, swing.input_high);
            let show = |value: f64| units.show(swing.indicator, value);
            table.push(vec![
                result.scenario.id.as_str().into(),
                variant.variant.id.as_str().into(),
                swing.year.into(),
                swing.indicator.short().into(),
                units.csv_label(swing.indicator).into(),
                input.key.as_str().into(),
                input.label.as_str().into(),
                input_unit.into(),
                input_low.into(),
                input_high.into(),
                show(swing.output_low).into(),
                show(swing.output_high).into(),
                show(swing.output_high - swing.output_low).abs().into(),
                rho.filter(|rho| rho.is_finite()).into(),
            ]);
        }
    }
    table
}

/// `inputs.csv`.
pub fn inputs(result: &ScenarioResult) -> CsvTable {
    let mut table = CsvTable::new(&[
        "scenario",
        "variant",
        "input",
        "label",
        "unit",
        "central",
        "distribution",
        "source_ids",
        "verification",
        "origin",
    ]);
    for variant in &result.variants {
        for input in &variant.plan.inputs {
            let central = input.central();
            let (unit, shown) = if input.is_level {
                ("quantile".to_string(), f64::NAN)
            } else {
                input_display(input, central)
            };
            let distribution = if input.is_level {
                if input.is_uncertain() {
                    "uniform(0..1): one quantile for every point of the path".to_string()
                } else {
                    "fixed points".to_string()
                }
            } else if input.is_uncertain() {
                input.dist.scaled(input.show_scale).describe() + &format!(" {}", input.unit)
            } else {
                "fixed".to_string()
            };
            table.push(vec![
                result.scenario.id.as_str().into(),
                variant.variant.id.as_str().into(),
                input.key.as_str().into(),
                input.label.as_str().into(),
                unit.into(),
                shown.into(),
                distribution.into(),
                crate::provenance::source_cell(&input.sources).into(),
                input
                    .verification
                    .map_or(String::new(), |v| v.as_str().to_string())
                    .into(),
                input.origin.as_str().into(),
            ]);
        }
    }
    table
}

/// Every dataset row a scenario refers to, in first-use order.
pub fn referenced_rows<'d>(result: &ScenarioResult, datasets: &'d Datasets) -> Vec<&'d Row> {
    let scenario = &result.scenario;
    let mut ids: Vec<&str> = Vec::new();
    let all = scenario
        .published
        .iter()
        .flat_map(|published| published.rows.iter().map(String::as_str))
        .chain(
            scenario
                .compare
                .iter()
                .flat_map(|compare| compare.rows.iter().map(|(id, _)| id.as_str())),
        )
        .chain(scenario.trends.iter().flat_map(|trend| {
            trend
                .lines
                .iter()
                .flat_map(|(_, ids)| ids.iter().map(String::as_str))
        }))
        .chain(scenario.equivalences.iter().map(|e| e.reference.as_str()));
    for id in all {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.iter().filter_map(|id| datasets.get(id)).collect()
}

/// `published.csv`: the dataset rows the scenario compares its results with.
pub fn published(result: &ScenarioResult, datasets: &Datasets) -> CsvTable {
    // A dataset row's value columns, after its id and table (`source_id` named `source_ids`
    // like in the other tables).
    let header: Vec<&str> = ["id", "table"]
        .into_iter()
        .chain(VALUE_COLUMNS.iter().map(|column| match *column {
            "source_id" => "source_ids",
            other => other,
        }))
        .collect();
    let mut table = CsvTable::new(&header);
    for row in referenced_rows(result, datasets) {
        table.push(vec![
            row.id.as_str().into(),
            row.table.name().into(),
            if row.range_only {
                Cell::Empty
            } else {
                Cell::Number(row.value)
            },
            row.unit.symbol.into(),
            row.low.into(),
            row.high.into(),
            row.year.into(),
            row.scope.as_str().into(),
            row.kind.as_str().into(),
            row.source_ids().into(),
            row.verification.as_str().into(),
            row.notes.as_str().into(),
        ]);
    }
    table
}
/// The display unit of an indicator in a scenario (its override, or the best for `value`).
pub fn display_unit(scenario: &Scenario, indicator: Indicator, value: f64) -> DisplayUnit {
    let dimension = indicator.dimension();
    let chosen = match dimension {
        Dimension::Energy => scenario.display.energy.as_deref(),
        Dimension::Volume => scenario.display.water.as_deref(),
        Dimension::Co2e => scenario.display.co2e.as_deref(),
        _ => None,
    };
    chosen
        .and_then(|label| unit_by_label(dimension, label))
        .unwrap_or_else(|| best_unit(dimension, value))
}
