//! What drives the result: the tornado of one-at-a-time swings and the distribution of the
//! headline result.

use super::Builder;
use crate::model::Indicator;
use crate::number::{human, human_percent};
use crate::output::chart::{Chart, ChartKind, RefLine, TornadoBar};
use crate::output::csv::{Cell, CsvTable};
use crate::output::tables::{indicator_label, input_display};
use crate::text::lowercase_first;

impl Builder<'_> {
    /// The indicators that get a tornado: the headline, and total water (or CO₂e) when more
    /// than one input moves it.
    pub(super) fn tornado_indicators(&self) -> Vec<Indicator> {
        let scenario = &self.result.scenario;
        let Some(variant) = self.result.variants.first() else {
            return Vec::new();
        };
        let movers = |indicator: Indicator| {
            variant
                .outcome
                .swings
                .iter()
                .filter(|swing| {
                    swing.indicator == indicator
                        && swing.year == scenario.headline_year
                        && swing.width() > 0.0
                })
                .count()
        };
        let mut chosen = vec![scenario.headline];
        if let Some(second) = [Indicator::TotalWater, Indicator::Co2e]
            .into_iter()
            .find(|indicator| *indicator != scenario.headline && movers(*indicator) > 1)
        {
            chosen.push(second);
        }
        chosen
    }

    pub(super) fn tornado(&self, indicator: Indicator) -> Option<(Chart, CsvTable)> {
        let scenario = &self.result.scenario;
        let year = scenario.headline_year;
        let variant = self.result.variants.first()?;
        let stats = variant.outcome.get(indicator, year)?;
        let mut swings: Vec<_> = variant
            .outcome
            .swings
            .iter()
            .filter(|swing| swing.indicator == indicator && swing.year == year)
            .filter(|swing| swing.width() > 0.0)
            .collect();
        if swings.is_empty() {
            return None;
        }
        swings.sort_by(|a, b| b.width().total_cmp(&a.width()).then(a.input.cmp(&b.input)));
        swings.truncate(8);
        let unit = self.unit(indicator);
        let mut table = CsvTable::new(&[
            self.t("input", "donnée").to_string(),
            self.t("input p5", "donnée p5").to_string(),
            self.t("input p95", "donnée p95").to_string(),
            format!("{} ({unit})", self.t("result at input p5", "résultat à p5")),
            format!(
                "{} ({unit})",
                self.t("result at input p95", "résultat à p95")
            ),
        ]);
        let mut bars = Vec::new();
        let mut sources = Vec::new();
        for swing in &swings {
            let input = &variant.plan.inputs[swing.input];
            let label = self.lang.pick(&input.label, &input.label_fr).to_string();
            let describe = |base: f64| {
                if input.is_level {
                    return human_percent(base, 2, self.lang);
                }
                let (unit, value) = input_display(input, base);
                let unit = match unit.as_str() {
                    "%/yr" => self.t("%/yr", "%/an").to_string(),
                    other => other.to_string(),
                };
                if unit.is_empty() {
                    human(value, 3, self.lang)
                } else {
                    format!("{} {unit}", human(value, 3, self.lang))
                }
            };
            let (input_low, input_high) = (describe(swing.input_low), describe(swing.input_high));
            let (at_low, at_high) = (
                self.show(indicator, swing.output_low),
                self.show(indicator, swing.output_high),
            );
            table.push(vec![
                label.as_str().into(),
                input_low.as_str().into(),
                input_high.as_str().into(),
                at_low.into(),
                at_high.into(),
            ]);
            bars.push(TornadoBar {
                label,
                at_low,
                at_high,
                input_low,
                input_high,
            });
            sources.extend(input.sources.iter().cloned());
        }
        let when = year.map_or_else(String::new, |year| format!("{year}, "));
        let chart = Chart {
            id: format!("tornado-{}", indicator.short().replace('_', "-")),
            title: self.title(&format!(
                "{} {}",
                self.t("what moves", "ce qui fait varier"),
                lowercase_first(indicator_label(indicator, self.lang))
            )),
            subtitle: format!(
                "{when}{unit} · {}",
                self.t(
                    "each input moved from its 5th to its 95th percentile, the others central",
                    "chaque donnée de son 5e à son 95e centile, les autres à leur valeur centrale"
                ),
            ),
            x_label: unit,
            y_label: String::new(),
            footer: self.footer(sources, self.any_unconfirmed(variant)),
            lang: self.lang,
            kind: ChartKind::Tornado {
                central: self.show(indicator, stats.central),
                bars,
            },
        };
        Some((chart, table))
    }

    pub(super) fn histogram(&self) -> Option<(Chart, CsvTable)> {
        let scenario = &self.result.scenario;
        let indicator = scenario.headline;
        let year = scenario.headline_year;
        let variant = self.result.variants.first()?;
        let stats = variant.outcome.get(indicator, year)?;
        if !stats.is_uncertain() {
            return None;
        }
        let (_, _, draws) = variant
            .outcome
            .kept
            .iter()
            .find(|(kept, kept_year, _)| *kept == indicator && *kept_year == year)?;
        let draws: Vec<f64> = draws
            .iter()
            .map(|value| self.show(indicator, *value))
            .collect();
        let unit = self.unit(indicator);
        let lines = vec![
            RefLine {
                value: self.show(indicator, stats.p5),
                label: "p5".into(),
            },
            RefLine {
                value: self.show(indicator, stats.p50),
                label: self.t("median", "médiane").into(),
            },
            RefLine {
                value: self.show(indicator, stats.p95),
                label: "p95".into(),
            },
        ];
        let mut table = CsvTable::new(&[
            self.t("percentile", "centile").to_string(),
            format!("{} ({unit})", indicator_label(indicator, self.lang)),
        ]);
        for percentile in 1..=99 {
            let p = f64::from(percentile) / 100.0;
            table.push(vec![
                Cell::Int(i64::from(percentile)),
                crate::uncertainty::mc::quantile_sorted(&draws, p).into(),
            ]);
        }
        let when = year.map_or_else(String::new, |year| format!(" {year}"));
        let what = indicator_label(indicator, self.lang);
        let chart = Chart {
            id: format!("distribution-{}", indicator.short().replace('_', "-")),
            title: self.title(self.t("how sure we are", "quelle certitude")),
            subtitle: format!(
                "{what}{when}, {unit} · {} {}",
                human(draws.len() as f64, 6, self.lang),
                self.t("Monte Carlo draws", "tirages Monte-Carlo"),
            ),
            x_label: unit,
            y_label: self.t("share of draws", "part des tirages").into(),
            footer: self.footer(
                self.variant_sources(variant, indicator),
                self.any_unconfirmed(variant),
            ),
            lang: self.lang,
            kind: ChartKind::Histogram { draws, lines },
        };
        Some((chart, table))
    }
}
