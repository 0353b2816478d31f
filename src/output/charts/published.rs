//! Published figures: estimates side by side (`[[compare]]`) and published series (`[[trend]]`).

use super::Builder;
use crate::data::Row;
use crate::display_unit::{best_unit, unit_by_label};
use crate::lang::Text;
use crate::output::chart::{Chart, ChartKind, MarkerPoint, MarkerSet, RangeRow};
use crate::output::csv::{Cell, CsvTable};
use crate::units::Dimension;

impl Builder<'_> {
    pub(super) fn boundary_group(&self, row: &Row) -> String {
        let boundary = match row.key("basis") {
            basis @ ("location" | "market") => basis,
            _ => row.key("boundary"),
        };
        let label = match boundary {
            "location" => Text::new("location-based (local grid)", "selon le réseau local"),
            "market" => Text::new("market-based (contracts)", "selon les contrats"),
            "facility" => Text::new("whole facility (PUE included)", "site entier (PUE inclus)"),
            "it" | "server" => Text::new("servers only", "serveurs seuls"),
            "accelerator" => Text::new("accelerators only", "accélérateurs seuls"),
            "onsite" => Text::new("on-site water only", "eau sur site seulement"),
            "onsite+offsite" => Text::new("on-site + off-site water", "eau sur site + hors site"),
            "lifecycle" => Text::new("life cycle", "cycle de vie"),
            _ => Text::new("boundary not stated", "périmètre non précisé"),
        };
        label.pick(self.lang).to_string()
    }

    pub(super) fn compare(&self, index: usize) -> (Chart, CsvTable) {
        let compare = &self.result.scenario.compare[index];
        let rows: Vec<(&Row, &crate::scenario::Text)> = compare
            .rows
            .iter()
            .filter_map(|(id, label)| self.datasets.get(id).map(|row| (row, label)))
            .collect();
        let dimension = rows
            .first()
            .map_or(Dimension::Energy, |(row, _)| row.unit.dimension);
        let unit =
            unit_by_label(dimension, &compare.unit).unwrap_or_else(|| best_unit(dimension, 1.0));
        let unit_label = unit.label(self.lang).to_string();
        let mut groups: Vec<String> = Vec::new();
        let mut range_rows = Vec::new();
        let mut table = CsvTable::new(&[
            self.t("estimate", "estimation").to_string(),
            self.t("boundary", "périmètre").to_string(),
            format!("{} ({unit_label})", self.t("central", "centrale")),
            format!("{} ({unit_label})", self.t("low", "bas")),
            format!("{} ({unit_label})", self.t("high", "haut")),
            self.t("year", "année").to_string(),
            self.t("sources", "sources").to_string(),
            self.t("status", "statut").to_string(),
        ]);
        let mut sources = Vec::new();
        let mut unconfirmed = false;
        for (row, label) in &rows {
            let group = self.boundary_group(row);
            let group_index = match groups.iter().position(|g| *g == group) {
                Some(position) => position,
                None => {
                    groups.push(group.clone());
                    groups.len() - 1
                }
            };
            let shown = |value: f64| unit.of(row.unit.to_base(value));
            let central = (!row.range_only).then(|| shown(row.value));
            let low = row.low.map(shown);
            let high = row.high.map(shown);
            let is_unconfirmed = row.verification.is_unconfirmed();
            unconfirmed |= is_unconfirmed;
            let mut text = label.get(self.lang).to_string();
            if is_unconfirmed {
                text.push_str(" *");
            }
            range_rows.push(RangeRow {
                label: text.clone(),
                group: group_index,
                central,
                low,
                high,
                unconfirmed: is_unconfirmed,
            });
            table.push(vec![
                label.get(self.lang).into(),
                group.as_str().into(),
                central.into(),
                low.into(),
                high.into(),
                row.year.into(),
                row.source_ids().into(),
                row.verification.as_str().into(),
            ]);
            sources.extend(row.sources.iter().cloned());
        }
        let chart = Chart {
            id: compare.id.clone(),
            title: compare.title.get(self.lang).to_string(),
            subtitle: format!(
                "{unit_label}{} · {}{}",
                if rows
                    .iter()
                    .all(|(row, _)| row.table == crate::data::Table::AiInference)
                {
                    self.t(" per query", " par requête")
                } else {
                    ""
                },
                self.t(
                    "colour: what the figure covers",
                    "couleur : ce que couvre le chiffre"
                ),
                if compare.log_scale {
                    self.t(" · logarithmic scale", " · échelle logarithmique")
                } else {
                    ""
                }
            ),
            x_label: unit_label,
            y_label: String::new(),
            footer: {
                let mut footer = self.footer_for(sources, false, false);
                if unconfirmed {
                    footer.note = Some(
                        self.t(
                            "* not confirmed in its primary source.",
                            "* non confirmé dans sa source primaire.",
                        )
                        .into(),
                    );
                }
                footer
            },
            lang: self.lang,
            kind: ChartKind::Ranges {
                rows: range_rows,
                log_scale: compare.log_scale,
                groups,
            },
        };
        (chart, table)
    }

    pub(super) fn trend(&self, index: usize) -> (Chart, CsvTable) {
        let trend = &self.result.scenario.trends[index];
        let lines: Vec<(String, Vec<&Row>)> = trend
            .lines
            .iter()
            .map(|(label, ids)| {
                (
                    label.get(self.lang).to_string(),
                    ids.iter().filter_map(|id| self.datasets.get(id)).collect(),
                )
            })
            .collect();
        let dimension = lines
            .iter()
            .find_map(|(_, rows)| rows.first().map(|row| row.unit.dimension))
            .unwrap_or(Dimension::Energy);
        let largest = lines
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|row| row.base_value()))
            .fold(0.0, f64::max);
        let unit = best_unit(dimension, largest);
        let unit_label = if trend.index {
            self.t("index", "indice").to_string()
        } else {
            unit.label(self.lang).to_string()
        };
        let mut markers = Vec::new();
        let mut sources = Vec::new();
        let mut unconfirmed = false;
        let mut years: Vec<i32> = Vec::new();
        for (label, rows) in &lines {
            let first = rows.first().map_or(1.0, |row| row.base_value());
            let value = |row: &Row| {
                if trend.index {
                    100.0 * row.base_value() / first
                } else {
                    unit.of(row.base_value())
                }
            };
            let points = rows
                .iter()
                .filter_map(|row| {
                    Some(MarkerPoint {
                        year: row.year?,
                        value: Some(value(row)),
                        range: None,
                        unconfirmed: row.verification.is_unconfirmed(),
                    })
                })
                .collect();
            for row in rows {
                sources.extend(row.sources.iter().cloned());
                unconfirmed |= row.verification.is_unconfirmed();
                years.extend(row.year);
            }
            markers.push(MarkerSet {
                label: label.clone(),
                points,
            });
        }
        years.sort_unstable();
        years.dedup();
        let mut header = vec![self.t("year", "année").to_string()];
        header.extend(
            lines
                .iter()
                .map(|(label, _)| format!("{label} ({unit_label})")),
        );
        let mut table = CsvTable::new(&header);
        for year in &years {
            let mut row = vec![Cell::Int(i64::from(*year))];
            for set in &markers {
                row.push(
                    set.points
                        .iter()
                        .find(|point| point.year == *year)
                        .and_then(|point| point.value)
                        .into(),
                );
            }
            table.push(row);
        }
        let chart = Chart {
            id: trend.id.clone(),
            title: trend.title.get(self.lang).to_string(),
            subtitle: if trend.index {
                self.t(
                    "published figures; each line is 100 in its first reported year",
                    "chiffres publiés ; chaque courbe vaut 100 sa première année déclarée",
                )
                .to_string()
            } else if unit_label.is_empty() {
                self.t("published figures", "chiffres publiés").to_string()
            } else {
                format!(
                    "{unit_label} · {}",
                    self.t("published figures", "chiffres publiés")
                )
            },
            x_label: String::new(),
            y_label: unit_label,
            footer: self.footer_for(sources, unconfirmed, false),
            lang: self.lang,
            kind: ChartKind::TimeSeries {
                series: Vec::new(),
                markers,
                // A ratio such as a PUE reads better zoomed in; quantities start at zero.
                y_from_zero: trend.index || dimension != Dimension::Ratio,
            },
        };
        (chart, table)
    }
}
