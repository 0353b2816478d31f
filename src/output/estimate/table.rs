//! `estimate --format table`: inputs with where they came from, then the indicators in
//! readable units, what was left out and notes.

use super::export::{Export, shown};
use crate::display_unit::best_unit;
use crate::error::Result;
use crate::estimate::{EstimateResult, ReportedInput};
use crate::lang::Lang;
use crate::model::Indicator;
use crate::number::human;
use crate::output::table::TextTable;
use crate::units::{Dimension, unit_factor};

/// The terminal table.
#[derive(Debug, Clone, Copy, Default)]
pub struct TableExport;

impl Export for TableExport {
    fn render(&self, result: &EstimateResult) -> Result<Vec<u8>> {
        Ok(table(result).into_bytes())
    }
}

/// Factor from base units to the input's shown unit.
fn input_scale(input: &ReportedInput) -> f64 {
    unit_factor(input.unit, input.dimension).map_or(1.0, |scale| 1.0 / scale.factor())
}

/// Label of an indicator for the table.
fn label(indicator: Indicator) -> &'static str {
    match indicator {
        Indicator::ItEnergy => "IT energy",
        Indicator::FacilityEnergy => "facility energy",
        Indicator::OverheadEnergy => "overhead energy (facility − IT)",
        Indicator::OnsiteWater => "on-site water (cooling)",
        Indicator::OffsiteWater => "off-site water (electricity)",
        Indicator::TotalWater => "total water",
        Indicator::Co2e => "CO2e (operational)",
        Indicator::Share => "share of the reference consumption",
        Indicator::OffsiteWithdrawal => "off-site water withdrawn (not added)",
        Indicator::EmbodiedCo2e => "CO2e (embodied: hardware manufacturing)",
        Indicator::EmbodiedWater => "water (embodied: chip manufacturing)",
        Indicator::LifecycleCo2e => "CO2e (life cycle: operational + embodied)",
    }
}

fn table(result: &EstimateResult) -> String {
    let mut out = String::new();
    let lang = Lang::En;
    out.push_str("Inputs\n");
    let mut inputs = TextTable::new(&["input", "value", "unit", "from", "sources"]);
    for input in &result.inputs {
        let readable = matches!(input.dimension, Dimension::Energy | Dimension::Power);
        let (number, unit) = if readable {
            // Energies and powers are shown in a readable unit (0.004 kWh reads as 4 Wh).
            let base = input.central / input_scale(input);
            let unit = best_unit(input.dimension, base);
            (human(unit.of(base), 6, lang), unit.english().to_string())
        } else {
            (human(input.central, 6, lang), input.unit.to_string())
        };
        let value = match &input.distribution {
            Some(dist) => format!("{number} ({dist} {})", input.unit),
            None => number,
        };
        let mut sources = crate::provenance::source_list(&input.source_ids);
        if let Some(verification) = input.verification
            && !verification.is_confirmed()
        {
            sources.push_str(&format!(" [{}]", verification.as_str()));
        }
        inputs.row(vec![
            input.label.clone(),
            value,
            unit,
            format!("{} {}", input.source, input.detail),
            sources,
        ]);
    }
    for (name, why) in &result.missing {
        inputs.row(vec![
            name.clone(),
            "–".into(),
            String::new(),
            why.clone(),
            String::new(),
        ]);
    }
    out.push_str(&inputs.render());
    out.push('\n');

    if result.uncertain {
        out.push_str(&format!(
            "Indicators ({} Monte Carlo draws, seed {}; p5–p95 is the 90% range)\n",
            result.config.samples, result.config.seed
        ));
    } else {
        out.push_str("Indicators\n");
    }
    let mut header = vec!["indicator", "central"];
    if result.uncertain {
        header.extend(["mean", "p5", "p50", "p95"]);
    }
    let mut indicators = TextTable::new(&header);
    // One display unit per dimension (the one that suits the largest value), so rows compare.
    let unit_for = |dimension: Dimension| {
        let largest = shown(result)
            .filter(|indicator| indicator.dimension() == dimension)
            .filter_map(|indicator| result.outcome.get(indicator, None))
            .map(|stats| stats.central.abs().max(stats.p95.abs()))
            .fold(0.0, f64::max);
        best_unit(dimension, largest)
    };
    for indicator in shown(result) {
        let Some(stats) = result.outcome.get(indicator, None) else {
            continue;
        };
        let unit = unit_for(indicator.dimension());
        let show = |value: f64| format!("{} {}", human(unit.of(value), 4, lang), unit.english());
        let mut row = vec![label(indicator).to_string(), show(stats.central)];
        if result.uncertain {
            row.extend([
                show(stats.mean),
                show(stats.p5),
                show(stats.p50),
                show(stats.p95),
            ]);
        }
        indicators.row(row);
    }
    out.push_str(&indicators.render());
    if !result.outcome.swings.is_empty() {
        out.push_str(&sensitivity(result));
    }
    if !result.omitted.is_empty() {
        out.push_str("\nLeft out\n");
        for (indicator, why) in &result.omitted {
            out.push_str(&format!("  - {}: {why}\n", label(*indicator)));
        }
    }
    if !result.notes.is_empty() {
        out.push_str("\nNotes\n");
        for note in &result.notes {
            out.push_str(&format!("  - {note}\n"));
        }
    }
    out.replace('\u{a0}', " ")
}

/// The tornado table: for each indicator, each uncertain input from its p5 to its p95 with
/// the others at their central values, the widest swing first.
fn sensitivity(result: &EstimateResult) -> String {
    let lang = Lang::En;
    let mut out = String::from(
        "\nSensitivity (each uncertain input at its p5 and p95, the others central; widest \
         first)\n",
    );
    let mut table = TextTable::new(&[
        "indicator",
        "input",
        "input p5..p95",
        "indicator at p5",
        "indicator at p95",
        "swing",
    ]);
    for indicator in shown(result) {
        let mut swings: Vec<_> = result
            .outcome
            .swings
            .iter()
            .filter(|swing| swing.indicator == indicator && swing.width() > 0.0)
            .collect();
        swings.sort_by(|a, b| b.width().total_cmp(&a.width()));
        let largest = swings
            .iter()
            .map(|swing| swing.output_low.abs().max(swing.output_high.abs()))
            .fold(0.0, f64::max);
        let unit = best_unit(indicator.dimension(), largest);
        let show = |value: f64| format!("{} {}", human(unit.of(value), 4, lang), unit.english());
        for swing in swings {
            let Some(input) = result.inputs.get(swing.input) else {
                continue;
            };
            let scale = input_scale(input);
            let range = format!(
                "{}..{} {}",
                human(swing.input_low * scale, 4, lang),
                human(swing.input_high * scale, 4, lang),
                input.unit
            );
            table.row(vec![
                label(indicator).to_string(),
                input.label.clone(),
                range,
                show(swing.output_low),
                show(swing.output_high),
                show(swing.width()),
            ]);
        }
    }
    out.push_str(&table.render());
    out
}
