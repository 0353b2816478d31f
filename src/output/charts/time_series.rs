//! Time series: one chart per indicator, median line, 90 % band and published points.

use super::Builder;
use crate::data::Row;
use crate::model::Indicator;
use crate::output::chart::{BandPoint, BandSeries, Chart, ChartKind, MarkerPoint, MarkerSet};
use crate::output::csv::{Cell, CsvTable};
use crate::output::tables::indicator_label;

impl Builder<'_> {
    pub(super) fn time_series(&self, indicator: Indicator) -> (Chart, CsvTable) {
        let unit = self.unit(indicator);
        let mut series = Vec::new();
        let mut header = vec![self.t("year", "année").to_string()];
        let mut sources = Vec::new();
        let mut unconfirmed = false;
        let mut same: Vec<(String, String)> = Vec::new();
        for variant in &self.result.variants {
            if !variant.outcome.available.contains(&indicator) {
                continue;
            }
            let label = variant.variant.label.get(self.lang).to_string();
            let points: Vec<BandPoint> = variant
                .outcome
                .periods
                .iter()
                .filter_map(|year| {
                    let stats = variant.outcome.get(indicator, *year)?;
                    Some(BandPoint {
                        year: (*year)?,
                        p5: self.show(indicator, stats.p5),
                        p50: self.show(indicator, stats.p50),
                        p95: self.show(indicator, stats.p95),
                    })
                })
                .collect();
            for column in [
                self.t("median", "médiane"),
                self.t("p5", "p5"),
                self.t("p95", "p95"),
                self.t("central", "centrale"),
            ] {
                header.push(format!("{label} {column} ({unit})"));
            }
            // A variant that changes nothing in this indicator (a grid variant in a chart of
            // electricity) shares the line of the first one it equals, instead of hiding it.
            match series
                .iter_mut()
                .find(|shown: &&mut BandSeries| shown.points == points)
            {
                Some(shown) => same.push((shown.label.clone(), label)),
                None => series.push(BandSeries { label, points }),
            }
            sources.extend(self.variant_sources(variant, indicator));
            unconfirmed |= self.any_unconfirmed(variant);
        }
        if !same.is_empty() {
            if series.len() == 1 {
                series[0].label = self
                    .t(
                        "Every variant (same values)",
                        "Toutes les variantes (mêmes valeurs)",
                    )
                    .to_string();
            } else {
                for shown in &mut series {
                    let others: Vec<&str> = same
                        .iter()
                        .filter(|(first, _)| *first == shown.label)
                        .map(|(_, other)| other.as_str())
                        .collect();
                    if !others.is_empty() {
                        shown.label = format!("{} = {}", shown.label, others.join(" = "));
                    }
                }
            }
        }
        let mut markers = Vec::new();
        for published in &self.result.scenario.published {
            if published.indicator != indicator {
                continue;
            }
            let rows: Vec<&Row> = published
                .rows
                .iter()
                .filter_map(|id| self.datasets.get(id))
                .collect();
            unconfirmed |= Self::rows_unconfirmed(&rows);
            let points = rows
                .iter()
                .filter_map(|row| {
                    let shown = |value: f64| self.row_in(indicator, row, value);
                    Some(MarkerPoint {
                        year: row.year?,
                        value: (!row.range_only).then(|| shown(row.value)),
                        range: row
                            .low
                            .zip(row.high)
                            .map(|(low, high)| (shown(low), shown(high))),
                        unconfirmed: row.verification.is_unconfirmed(),
                    })
                })
                .collect();
            for row in &rows {
                sources.extend(row.sources.iter().cloned());
            }
            let label = published.label.get(self.lang).to_string();
            header.push(format!("{label} ({unit})"));
            markers.push(MarkerSet { label, points });
        }
        // Wide CSV: one row per year.
        let mut table = CsvTable::new(&header);
        for year in self.result.scenario.periods().into_iter().flatten() {
            let mut row = vec![Cell::Int(i64::from(year))];
            for variant in &self.result.variants {
                if !variant.outcome.available.contains(&indicator) {
                    continue;
                }
                match variant.outcome.get(indicator, Some(year)) {
                    Some(stats) => {
                        for value in [stats.p50, stats.p5, stats.p95, stats.central] {
                            row.push(Cell::Number(self.show(indicator, value)));
                        }
                    }
                    None => row.extend(std::iter::repeat_n(Cell::Empty, 4)),
                }
            }
            for set in &markers {
                let point = set.points.iter().find(|point| point.year == year);
                row.push(
                    point
                        .and_then(|p| p.value.or(p.range.map(|(l, h)| (l + h) / 2.0)))
                        .into(),
                );
            }
            table.push(row);
        }
        let what = indicator_label(indicator, self.lang);
        let per_year = self.t("per year", "par an");
        let band = self.t(
            "line: median, band: 90% range",
            "ligne\u{a0}: médiane, bande\u{a0}: intervalle à 90\u{a0}%",
        );
        let subtitle = if indicator == Indicator::Share {
            format!("{} {} · {band}", self.t("% of", "% de"), self.share_label())
        } else {
            format!("{unit} {per_year} · {band}")
        };
        let chart = Chart {
            id: indicator.short().replace('_', "-"),
            title: self.title(what),
            subtitle,
            x_label: String::new(),
            y_label: unit.clone(),
            footer: self.footer(sources, unconfirmed),
            lang: self.lang,
            kind: ChartKind::TimeSeries {
                series,
                markers,
                y_from_zero: true,
            },
        };
        (chart, table)
    }

    pub(super) fn share_label(&self) -> String {
        self.result
            .variants
            .iter()
            .find_map(|variant| variant.variant.share_of.as_ref())
            .map(|share| share.label.get(self.lang).to_string())
            .unwrap_or_default()
    }

    /// A dataset row's value expressed in an indicator's display unit.
    pub(super) fn row_in(&self, indicator: Indicator, row: &Row, value: f64) -> f64 {
        let base = row.unit.to_base(value);
        if indicator == Indicator::Share {
            // Percent rows are stored as fractions in base units.
            return base * 100.0;
        }
        self.show(indicator, base)
    }
}
