//! Components of a scenario's energy: a stacked area of the leaves (they add up to the total)
//! with the total's 90 % band, and each component's share of the total over the years.

use super::Builder;
use crate::model::Indicator;
use crate::output::chart::{BandPoint, BandSeries, Chart, ChartKind, Footer, Segment};
use crate::output::csv::{Cell, CsvTable};
use crate::output::parts_tables::component_sources;
use crate::output::tables::indicator_label;
use crate::scenario::VariantResult;
use crate::text::lowercase_first;

impl Builder<'_> {
    /// The indicator the component charts show: the headline, unless it is a share.
    fn component_indicator(&self) -> Indicator {
        match self.result.scenario.headline {
            Indicator::Share => Indicator::FacilityEnergy,
            headline => headline,
        }
    }

    /// The footer of a component chart: the sources of its parts and its assumptions named.
    fn component_footer(&self, variant: &VariantResult, indicator: Indicator) -> Footer {
        let mut footer = self.footer(
            component_sources(variant, None, indicator),
            self.any_unconfirmed(variant),
        );
        let parts = &variant.variant.parts;
        let mut assumptions: Vec<&str> = parts
            .components
            .iter()
            .filter(|component| component.assumption.is_some())
            .map(|component| component.label.get(self.lang))
            .chain(
                parts
                    .adjust
                    .iter()
                    .filter(|adjust| adjust.assumption.is_some())
                    .map(|adjust| {
                        parts
                            .components
                            .iter()
                            .find(|component| component.id == adjust.component)
                            .map_or(adjust.component.as_str(), |component| {
                                component.label.get(self.lang)
                            })
                    }),
            )
            .chain(
                parts
                    .rebound
                    .iter()
                    .filter(|rebound| rebound.assumption.is_some())
                    .map(|_| self.t("rebound", "rebond")),
            )
            .collect();
        assumptions.dedup();
        if !assumptions.is_empty() {
            let named = format!(
                "{} {}.",
                self.t("Assumptions (not sourced):", "Hypothèses (non sourcées) :"),
                assumptions
                    .iter()
                    .map(|label| lowercase_first(label))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            footer.note = Some(match footer.note {
                Some(note) => format!("{named} {note}"),
                None => named,
            });
        }
        footer
    }

    /// The stacked area of a variant's leaf components.
    pub(super) fn components_area(
        &self,
        variant: &VariantResult,
        id: &str,
    ) -> Option<(Chart, CsvTable)> {
        let parts = variant.parts.as_ref()?;
        let indicator = self.component_indicator();
        let unit = self.unit(indicator);
        let years: Vec<i32> = parts.periods.iter().flatten().copied().collect();
        if years.len() < 2 {
            return None;
        }
        let leaves: Vec<usize> = (0..parts.ids.len())
            .filter(|&index| {
                !parts
                    .parents
                    .iter()
                    .any(|parent| parent.as_deref() == Some(parts.ids[index].as_str()))
            })
            .collect();
        let label = |index: usize| {
            variant.variant.parts.components[index]
                .label
                .get(self.lang)
                .to_string()
        };
        let value = |period: usize, row: usize, pick: fn(&crate::uncertainty::mc::Stats) -> f64| {
            parts.stats[period][row][indicator.index()]
                .map_or(f64::NAN, |stats| self.show(indicator, pick(&stats)))
        };
        let segments: Vec<Segment> = leaves
            .iter()
            .map(|&leaf| Segment {
                label: label(leaf),
                values: (0..years.len())
                    .map(|period| value(period, leaf, |s| s.central))
                    .collect(),
            })
            .collect();
        let total = parts.ids.len();
        let band: Vec<(f64, f64)> = (0..years.len())
            .map(|period| {
                (
                    value(period, total, |s| s.p5),
                    value(period, total, |s| s.p95),
                )
            })
            .collect();
        let uncertain = band.iter().any(|(low, high)| high > low);
        let mut header = vec![self.t("year", "année").to_string()];
        for segment in &segments {
            header.push(format!("{} ({unit})", segment.label));
        }
        header.push(format!("{} p5 ({unit})", self.t("total", "total")));
        header.push(format!("{} p95 ({unit})", self.t("total", "total")));
        let mut table = CsvTable::new(&header);
        for (period, year) in years.iter().enumerate() {
            let mut row = vec![Cell::Int(i64::from(*year))];
            row.extend(
                segments
                    .iter()
                    .map(|segment| Cell::Number(segment.values[period])),
            );
            row.push(band[period].0.into());
            row.push(band[period].1.into());
            table.push(row);
        }
        let ranges = self.t(
            "; bars: 90% range of the total",
            " ; traits : intervalle à 90 % du total",
        );
        // The title names the variant (titles are unique within a scenario); what is stacked
        // goes in the subtitle, so that a narrow chart keeps its room for the plot.
        let subtitle = format!(
            "{} {}, {unit} {} · {}{}",
            indicator_label(indicator, self.lang),
            self.t("by component", "par composante"),
            self.t("per year", "par an"),
            self.t("central values, stacked", "valeurs centrales, empilées"),
            if uncertain { ranges } else { "" }
        );
        let chart = Chart {
            id: id.to_string(),
            title: self.title(&format!(
                "{} · {}",
                self.t("components", "composantes"),
                variant.variant.label.get(self.lang)
            )),
            subtitle,
            footer: self.component_footer(variant, indicator),
            x_label: String::new(),
            y_label: unit,
            lang: self.lang,
            kind: ChartKind::StackedArea {
                years,
                segments,
                total_band: uncertain.then_some(band),
            },
        };
        Some((chart, table))
    }

    /// Each component's share of the total over the years (median line, 90 % band).
    pub(super) fn component_shares(&self, variant: &VariantResult) -> Option<(Chart, CsvTable)> {
        let parts = variant.parts.as_ref()?;
        let years: Vec<i32> = parts.periods.iter().flatten().copied().collect();
        if years.is_empty() {
            return None;
        }
        let mut header = vec![self.t("year", "année").to_string()];
        let mut series = Vec::new();
        for (index, component) in variant.variant.parts.components.iter().enumerate() {
            let label = component.label.get(self.lang).to_string();
            for column in ["p50", "p5", "p95", self.t("central", "centrale")] {
                header.push(format!("{label} {column} (%)"));
            }
            series.push(BandSeries {
                label,
                points: years
                    .iter()
                    .enumerate()
                    .map(|(period, year)| {
                        let stats = parts.share[period][index];
                        BandPoint {
                            year: *year,
                            p5: stats.p5 * 100.0,
                            p50: stats.p50 * 100.0,
                            p95: stats.p95 * 100.0,
                        }
                    })
                    .collect(),
            });
        }
        let mut table = CsvTable::new(&header);
        for (period, year) in years.iter().enumerate() {
            let mut row = vec![Cell::Int(i64::from(*year))];
            for index in 0..parts.ids.len() {
                let stats = parts.share[period][index];
                for value in [stats.p50, stats.p5, stats.p95, stats.central] {
                    row.push(Cell::Number(value * 100.0));
                }
            }
            table.push(row);
        }
        let basis = crate::model::components::share_basis(&variant.plan);
        let chart = Chart {
            id: "component-shares".to_string(),
            title: self.title(self.t("shares of the total", "parts du total")),
            subtitle: format!(
                "{} · % {} {} · {}",
                variant.variant.label.get(self.lang),
                self.t("of", "de l'"),
                indicator_label(basis, self.lang),
                self.t(
                    "line: median, band: 90% range",
                    "ligne\u{a0}: médiane, bande\u{a0}: intervalle à 90\u{a0}%",
                )
            ),
            x_label: String::new(),
            y_label: "%".to_string(),
            footer: self.component_footer(variant, basis),
            lang: self.lang,
            kind: ChartKind::TimeSeries {
                series,
                markers: Vec::new(),
                y_from_zero: true,
            },
        };
        Some((chart, table))
    }
}
