//! Savings against a baseline: one bar per variant and year (and one per variant for the
//! policy period), the central saving with its 90 % range computed draw by draw, written in
//! the chart's unit and, when the scenario gives an equivalence of that indicator, in
//! familiar terms.

use super::Builder;
use crate::model::Indicator;
use crate::number::human;
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

    /// The scenario's first equivalence row of `indicator`, with its size in base units.
    fn saving_reference(&self, indicator: Indicator) -> Option<(&crate::data::Row, f64)> {
        self.result
            .scenario
            .equivalences
            .iter()
            .filter(|equivalence| equivalence.indicator == indicator)
            .find_map(|equivalence| self.datasets.get(&equivalence.reference))
            .map(|row| (row, row.base_value()))
            .filter(|(_, per)| per.is_finite() && *per > 0.0)
    }

    /// The subtitle's note on familiar terms: how much one of the reference row is ("1
    /// French reactor ≈ 6.46 TWh a year"), so that the bars, which carry only the saving,
    /// keep their text whole in every layout. References without a short name are named by
    /// their label.
    fn saving_reference_note(&self, indicator: Indicator) -> Option<String> {
        let (row, per) = self.saving_reference(indicator)?;
        let amount = format!(
            "{} {}",
            human(self.show(indicator, per), 3, self.lang),
            self.unit(indicator)
        );
        Some(match (row.key("quantity"), row.scope.as_str()) {
            ("reactor_output", "FR") => format!(
                "{} {amount} {}",
                self.t("1 French reactor ≈", "1 réacteur français ≈"),
                self.t("a year", "par an")
            ),
            _ => format!("{} = {amount}", row.label().pick(self.lang)),
        })
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
        let reference = self.saving_reference(indicator);
        let mut columns = vec![
            self.t("variant", "variante").to_string(),
            self.t("baseline", "référence").to_string(),
            self.t("years", "années").to_string(),
            format!("{} ({unit})", self.t("central", "centrale")),
            format!("p5 ({unit})"),
            format!("p95 ({unit})"),
        ];
        if let Some((row, _)) = reference {
            columns.push(format!(
                "{} ({})",
                self.t("central, in number of", "centrale, en nombre de"),
                lowercase_first(row.label().pick(self.lang))
            ));
        }
        let mut table = CsvTable::new(&columns);
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
                    value_label: format!("{} {unit}", human(show(stats.central), 3, self.lang)),
                });
                let mut cells = vec![
                    variant.variant.label.get(self.lang).into(),
                    baseline.into(),
                    years.into(),
                    show(stats.central).into(),
                    show(stats.p5).into(),
                    show(stats.p95).into(),
                ];
                if let Some((_, per)) = reference {
                    cells.push((stats.central / per).into());
                }
                table.push(cells);
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
                "{} ({unit}) · {}{}",
                indicator_label(indicator, self.lang),
                self.t(
                    "baseline minus variant, draw by draw; bars: 90% range",
                    "référence moins variante, tirage par tirage ; traits : intervalle à 90 %"
                ),
                self.saving_reference_note(indicator)
                    .map_or_else(String::new, |note| format!(" · {note}"))
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
