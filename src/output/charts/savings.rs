//! Savings against a baseline: one bar per variant and year (and one per variant for the
//! policy period), the central saving with its 90 % range computed draw by draw, written in
//! the chart's unit and, when the scenario gives an equivalence of that indicator, in
//! familiar terms.

use super::Builder;
use crate::model::Indicator;
use crate::number::{big_count, human};
use crate::output::chart::{BarRow, Chart, ChartKind};
use crate::output::csv::CsvTable;
use crate::output::tables::indicator_label;
use crate::text::lowercase_first;
use crate::uncertainty::mc::Stats;

impl Builder<'_> {
    /// The years of the yearly savings chart: the sensitivity years (else the headline year)
    /// that some variant has a saving for.
    fn saving_years(&self) -> Vec<i32> {
        let scenario = &self.result.scenario;
        let mut years: Vec<i32> = scenario
            .sensitivity_years
            .iter()
            .flatten()
            .copied()
            .collect();
        if years.is_empty() {
            years.extend(scenario.headline_year);
        }
        years.sort();
        years.dedup();
        years
    }

    /// A saving's bar label: the value, and how many of the scenario's first equivalence row
    /// of that indicator it is.
    fn saving_label(&self, indicator: Indicator, central_base: f64) -> String {
        let unit = self.unit(indicator);
        let mut label = format!(
            "{} {unit}",
            human(self.show(indicator, central_base), 3, self.lang)
        );
        let reference = self
            .result
            .scenario
            .equivalences
            .iter()
            .filter(|equivalence| equivalence.indicator == indicator)
            .find_map(|equivalence| self.datasets.get(&equivalence.reference));
        if let Some(row) = reference {
            let per = row.base_value();
            if per.is_finite() && per > 0.0 {
                label.push_str(&format!(
                    " ≈ {} {}",
                    big_count(central_base / per, self.lang),
                    lowercase_first(row.label().pick(self.lang))
                ));
            }
        }
        label
    }

    /// Savings of every variant that has a baseline: yearly (`cumulative` false) or over the
    /// policy period.
    pub(super) fn savings_bars(&self, cumulative: bool) -> Option<(Chart, CsvTable)> {
        let indicator = match self.result.scenario.headline {
            Indicator::Share => Indicator::FacilityEnergy,
            headline => headline,
        };
        let unit = self.unit(indicator);
        let mut rows = Vec::new();
        let mut table = CsvTable::new(&[
            self.t("variant", "variante").to_string(),
            self.t("baseline", "référence").to_string(),
            self.t("years", "années").to_string(),
            format!("{} ({unit})", self.t("central", "centrale")),
            format!("p5 ({unit})"),
            format!("p95 ({unit})"),
        ]);
        let mut sources = Vec::new();
        let mut unconfirmed = false;
        let mut period_words = String::new();
        for variant in &self.result.variants {
            let Some(savings) = &variant.savings else {
                continue;
            };
            let baseline = self
                .result
                .variant(&savings.baseline)
                .map_or(savings.baseline.as_str(), |base| {
                    base.variant.label.get(self.lang)
                });
            let mut add = |years: String, stats: Stats| {
                let show = |value: f64| self.show(indicator, value);
                rows.push(BarRow {
                    label: format!("{} · {years}", variant.variant.label.get(self.lang)),
                    value: show(stats.central),
                    range: stats
                        .is_uncertain()
                        .then_some((show(stats.p5), show(stats.p95))),
                    value_label: self.saving_label(indicator, stats.central),
                });
                table.push(vec![
                    variant.variant.label.get(self.lang).into(),
                    baseline.into(),
                    years.into(),
                    show(stats.central).into(),
                    show(stats.p5).into(),
                    show(stats.p95).into(),
                ]);
            };
            let total = |row: &[crate::scenario::IndicatorStats]| {
                row.last().and_then(|stats| stats[indicator.index()])
            };
            if cumulative {
                if let Some(((from, to), period_rows)) = &savings.cumulative
                    && from < to
                    && let Some(stats) = total(period_rows)
                {
                    period_words = format!("{from}–{to}");
                    add(period_words.clone(), stats);
                }
            } else {
                for year in self.saving_years() {
                    let found = savings
                        .yearly
                        .iter()
                        .find(|(period, _)| *period == Some(year))
                        .and_then(|(_, period_rows)| total(period_rows));
                    if let Some(stats) = found {
                        add(year.to_string(), stats);
                    }
                }
            }
            sources.extend(self.variant_sources(variant, indicator));
            unconfirmed |= self.any_unconfirmed(variant);
        }
        if rows.is_empty() {
            return None;
        }
        let what = if cumulative {
            format!("{} {period_words}", self.t("savings over", "économies sur"))
        } else {
            self.t("savings per year", "économies par an").to_string()
        };
        let chart = Chart {
            id: if cumulative {
                "savings-cumulative"
            } else {
                "savings"
            }
            .to_string(),
            title: self.title(&what),
            subtitle: format!(
                "{} ({unit}) · {}",
                indicator_label(indicator, self.lang),
                self.t(
                    "baseline minus variant, draw by draw; bars: 90% range",
                    "référence moins variante, tirage par tirage ; traits : intervalle à 90 %"
                )
            ),
            x_label: unit,
            y_label: String::new(),
            footer: self.footer(sources, unconfirmed),
            lang: self.lang,
            kind: ChartKind::Bars { rows },
        };
        Some((chart, table))
    }
}
