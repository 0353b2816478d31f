//! The charts of a scenario, as [`Chart`] specifications, each with its chart-ready (wide) CSV:
//! a label column and one column per series, the unit in the header (Datawrapper, Flourish).
//!
//! - series scenarios: one time series per indicator (median line, 90 % band, published points);
//! - the split of energy (IT vs overhead) and of water (on-site vs off-site) as stacked bars;
//! - a tornado of the sensitivity swings and the distribution of the headline result;
//! - published estimates side by side (`[[compare]]`), published series (`[[trend]]`) and
//!   equivalences.

use super::chart::{
    BandPoint, BandSeries, BarRow, Chart, ChartKind, Footer, MarkerPoint, MarkerSet, RangeRow,
    RefLine, Segment, TornadoBar,
};
use super::csv::{Cell, CsvTable};
use super::tables::{Units, indicator_label, input_display};
use crate::VERSION;
use crate::data::{Datasets, Row};
use crate::display_unit::{best_unit, unit_by_label};
use crate::lang::Lang;
use crate::model::Indicator;
use crate::number::{human, human_percent};
use crate::provenance::Verification;
use crate::scenario::{ScenarioResult, VariantResult};
use crate::text::lowercase_first;
use crate::units::Dimension;

/// Every chart of a scenario with its wide CSV.
pub fn build(result: &ScenarioResult, datasets: &Datasets, lang: Lang) -> Vec<(Chart, CsvTable)> {
    let builder = Builder {
        result,
        datasets,
        lang,
        units: Units::of(result),
    };
    let mut charts = Vec::new();
    if result.scenario.years.is_some() {
        for indicator in builder.indicators() {
            charts.push(builder.time_series(indicator));
        }
    }
    if let Some(chart) = builder.split(
        Indicator::ItEnergy,
        Indicator::OverheadEnergy,
        "energy-split",
    ) {
        charts.push(chart);
    }
    if let Some(chart) = builder.split(
        Indicator::OnsiteWater,
        Indicator::OffsiteWater,
        "water-split",
    ) {
        charts.push(chart);
    }
    if result.scenario.years.is_none() && builder.available(Indicator::Co2e) {
        charts.push(builder.variant_bars(Indicator::Co2e));
    }
    for indicator in builder.tornado_indicators() {
        if let Some(chart) = builder.tornado(indicator) {
            charts.push(chart);
        }
    }
    if let Some(chart) = builder.histogram() {
        charts.push(chart);
    }
    for index in 0..result.scenario.compare.len() {
        charts.push(builder.compare(index));
    }
    for index in 0..result.scenario.trends.len() {
        charts.push(builder.trend(index));
    }
    // Equivalence bars compare variants; with a single variant the number is in the text.
    if result.variants.len() > 1 {
        for index in 0..result.scenario.equivalences.len() {
            if let Some(chart) = builder.equivalence(index) {
                charts.push(chart);
            }
        }
    }
    charts
}

struct Builder<'a> {
    result: &'a ScenarioResult,
    datasets: &'a Datasets,
    lang: Lang,
    units: Units,
}

impl Builder<'_> {
    fn t<'s>(&self, en: &'s str, fr: &'s str) -> &'s str {
        self.lang.pick(en, fr)
    }

    fn available(&self, indicator: Indicator) -> bool {
        self.result
            .variants
            .iter()
            .any(|variant| variant.outcome.available.contains(&indicator))
    }

    /// Indicators to chart as time series.
    fn indicators(&self) -> Vec<Indicator> {
        let chosen = if self.result.scenario.indicators.is_empty() {
            vec![
                Indicator::FacilityEnergy,
                Indicator::TotalWater,
                Indicator::Co2e,
                Indicator::Share,
            ]
        } else {
            self.result.scenario.indicators.clone()
        };
        chosen
            .into_iter()
            .filter(|indicator| self.available(*indicator))
            .collect()
    }

    /// The unit label of an indicator in this language.
    fn unit(&self, indicator: Indicator) -> String {
        if indicator == Indicator::Share {
            return "%".into();
        }
        self.units.get(indicator).label(self.lang).to_string()
    }

    fn show(&self, indicator: Indicator, base: f64) -> f64 {
        self.units.show(indicator, base)
    }

    fn title(&self, what: &str) -> String {
        let scenario_title = self.result.scenario.title.get(self.lang);
        let short = scenario_title
            .split([':', '—'])
            .next()
            .unwrap_or(scenario_title)
            .trim();
        // French puts a no-break space before a colon.
        format!("{short}{} {what}", self.t(":", "\u{a0}:"))
    }

    /// Footer with the sources of the given ids (plus the model note).
    fn footer(&self, ids: Vec<String>, unconfirmed: bool) -> Footer {
        self.footer_for(ids, unconfirmed, true)
    }

    /// Footer of a chart; `computed` says whether dcfoot computed what it shows (rather than
    /// only compiling published figures).
    fn footer_for(&self, mut ids: Vec<String>, unconfirmed: bool, computed: bool) -> Footer {
        ids.sort();
        ids.dedup();
        let mut sources = format!(
            "{} {}",
            self.t("Sources:", "Sources :"),
            if ids.is_empty() {
                self.t("see the report", "voir le rapport").to_string()
            } else {
                ids.join(", ")
            }
        );
        sources.push_str(if computed {
            self.t(" — computed with dcfoot", " — calcul dcfoot")
        } else {
            self.t(
                " — published figures compiled by dcfoot",
                " — chiffres publiés, compilés par dcfoot",
            )
        });
        let config = self.result.config;
        let draws = human(config.samples as f64, 6, self.lang);
        Footer {
            sources,
            note: unconfirmed.then(|| {
                self.t(
                    "Includes figures not confirmed in their primary source (see the report).",
                    "Comprend des chiffres non confirmés dans leur source primaire (voir le rapport).",
                )
                .to_string()
            }),
            tool: format!(
                "dcfoot {VERSION} · {} {} · {draws} {}",
                self.t("seed", "graine"),
                config.seed,
                self.t("draws", "tirages")
            ),
        }
    }

    fn variant_sources(&self, variant: &VariantResult, indicator: Indicator) -> Vec<String> {
        variant.sources_for(indicator)
    }

    fn any_unconfirmed(&self, variant: &VariantResult) -> bool {
        variant
            .plan
            .inputs
            .iter()
            .any(|input| input.verification.is_some_and(Verification::is_unconfirmed))
    }

    fn rows_unconfirmed(rows: &[&Row]) -> bool {
        rows.iter().any(|row| row.verification.is_unconfirmed())
    }

    fn time_series(&self, indicator: Indicator) -> (Chart, CsvTable) {
        let unit = self.unit(indicator);
        let mut series = Vec::new();
        let mut header = vec![self.t("year", "année").to_string()];
        let mut sources = Vec::new();
        let mut unconfirmed = false;
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
            series.push(BandSeries { label, points });
            sources.extend(self.variant_sources(variant, indicator));
            unconfirmed |= self.any_unconfirmed(variant);
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

    fn share_label(&self) -> String {
        self.result
            .variants
            .iter()
            .find_map(|variant| variant.variant.share_of.as_ref())
            .map(|share| share.label.get(self.lang).to_string())
            .unwrap_or_default()
    }

    /// A dataset row's value expressed in an indicator's display unit.
    fn row_in(&self, indicator: Indicator, row: &Row, value: f64) -> f64 {
        let base = row.unit.to_base(value);
        if indicator == Indicator::Share {
            // Percent rows are stored as fractions in base units.
            return base * 100.0;
        }
        self.show(indicator, base)
    }

    /// Stacked bars of two parts of a whole (IT + overhead energy, on-site + off-site water).
    fn split(&self, bottom: Indicator, top: Indicator, id: &str) -> Option<(Chart, CsvTable)> {
        let total = if bottom == Indicator::ItEnergy {
            Indicator::FacilityEnergy
        } else {
            Indicator::TotalWater
        };
        let variants: Vec<&VariantResult> = self
            .result
            .variants
            .iter()
            .filter(|v| v.outcome.available.contains(&bottom) && v.outcome.available.contains(&top))
            .collect();
        if variants.is_empty() {
            return None;
        }
        // Categories: variants at the headline year, or (one variant) a few years.
        let scenario = &self.result.scenario;
        let mut categories: Vec<(String, &VariantResult, Option<i32>)> = Vec::new();
        if variants.len() > 1 || scenario.years.is_none() {
            for variant in &variants {
                categories.push((
                    variant.variant.label.get(self.lang).to_string(),
                    variant,
                    scenario.headline_year,
                ));
            }
        } else {
            let years: Vec<i32> = scenario.periods().into_iter().flatten().collect();
            let step = years.len().div_ceil(6).max(1);
            let mut picked: Vec<i32> = years.iter().copied().step_by(step).collect();
            if let Some(last) = years.last()
                && picked.last() != Some(last)
            {
                picked.push(*last);
            }
            for year in picked {
                categories.push((year.to_string(), variants[0], Some(year)));
            }
        }
        // Both parts in the unit of the total.
        let unit_indicator = total;
        let unit = self.unit(unit_indicator);
        let in_unit = |value: f64| self.show(unit_indicator, value);
        let part = |variant: &VariantResult, indicator: Indicator, year: Option<i32>| {
            variant
                .outcome
                .get(indicator, year)
                .map_or(0.0, |stats| in_unit(stats.central))
        };
        let segments = vec![
            Segment {
                label: indicator_label(bottom, self.lang).to_string(),
                values: categories
                    .iter()
                    .map(|(_, v, y)| part(v, bottom, *y))
                    .collect(),
            },
            Segment {
                label: indicator_label(top, self.lang).to_string(),
                values: categories
                    .iter()
                    .map(|(_, v, y)| part(v, top, *y))
                    .collect(),
            },
        ];
        let totals_range: Vec<(f64, f64)> = categories
            .iter()
            .map(|(_, variant, year)| {
                variant
                    .outcome
                    .get(total, *year)
                    .map_or((0.0, 0.0), |stats| (in_unit(stats.p5), in_unit(stats.p95)))
            })
            .collect();
        let uncertain = totals_range.iter().any(|(low, high)| high > low);
        let mut table = CsvTable::new(&[
            self.t("category", "catégorie").to_string(),
            format!("{} ({unit})", indicator_label(bottom, self.lang)),
            format!("{} ({unit})", indicator_label(top, self.lang)),
            format!("{} p5 ({unit})", indicator_label(total, self.lang)),
            format!("{} p95 ({unit})", indicator_label(total, self.lang)),
        ]);
        for (index, (label, _, _)) in categories.iter().enumerate() {
            table.push(vec![
                label.as_str().into(),
                segments[0].values[index].into(),
                segments[1].values[index].into(),
                totals_range[index].0.into(),
                totals_range[index].1.into(),
            ]);
        }
        let mut sources = Vec::new();
        let mut unconfirmed = false;
        for variant in &variants {
            sources.extend(self.variant_sources(variant, total));
            unconfirmed |= self.any_unconfirmed(variant);
        }
        let what = if bottom == Indicator::ItEnergy {
            self.t("where the electricity goes", "où va l'électricité")
        } else {
            self.t("where the water is consumed", "où l'eau est consommée")
        };
        let when = match (scenario.years, scenario.headline_year, variants.len()) {
            (Some(_), Some(year), n) if n > 1 => format!(" · {year}"),
            _ => String::new(),
        };
        let per = if scenario.years.is_some() {
            self.t(" per year", " par an")
        } else {
            ""
        };
        let chart = Chart {
            id: id.to_string(),
            title: self.title(what),
            subtitle: format!(
                "{unit}{per}{when} · {}{}",
                self.t("central values", "valeurs centrales"),
                if uncertain {
                    self.t(
                        "; bars: 90% range of the total",
                        " ; traits : intervalle à 90 % du total",
                    )
                } else {
                    ""
                }
            ),
            x_label: String::new(),
            y_label: unit,
            footer: self.footer(sources, unconfirmed),
            lang: self.lang,
            kind: ChartKind::StackedBars {
                categories: categories.into_iter().map(|(label, _, _)| label).collect(),
                segments,
                totals_range: uncertain.then_some(totals_range),
            },
        };
        Some((chart, table))
    }

    /// One bar per variant (one-off scenarios).
    fn variant_bars(&self, indicator: Indicator) -> (Chart, CsvTable) {
        let unit = self.unit(indicator);
        let mut rows = Vec::new();
        let mut table = CsvTable::new(&[
            self.t("variant", "variante").to_string(),
            format!("{} ({unit})", self.t("central", "centrale")),
            format!("p5 ({unit})"),
            format!("p95 ({unit})"),
        ]);
        let mut sources = Vec::new();
        let mut unconfirmed = false;
        for variant in &self.result.variants {
            let Some(stats) = variant.outcome.get(indicator, None) else {
                continue;
            };
            let (central, p5, p95) = (
                self.show(indicator, stats.central),
                self.show(indicator, stats.p5),
                self.show(indicator, stats.p95),
            );
            rows.push(BarRow {
                label: variant.variant.label.get(self.lang).to_string(),
                value: central,
                range: stats.is_uncertain().then_some((p5, p95)),
                value_label: format!("{} {unit}", human(central, 3, self.lang)),
            });
            table.push(vec![
                variant.variant.label.get(self.lang).into(),
                central.into(),
                p5.into(),
                p95.into(),
            ]);
            sources.extend(self.variant_sources(variant, indicator));
            unconfirmed |= self.any_unconfirmed(variant);
        }
        let what = indicator_label(indicator, self.lang);
        let chart = Chart {
            id: indicator.short().replace('_', "-"),
            title: self.title(what),
            subtitle: format!(
                "{unit} · {}",
                self.t(
                    "central value; bars: 90% range",
                    "valeur centrale ; traits : intervalle à 90 %"
                )
            ),
            x_label: unit.clone(),
            y_label: String::new(),
            footer: self.footer(sources, unconfirmed),
            lang: self.lang,
            kind: ChartKind::Bars { rows },
        };
        (chart, table)
    }

    /// The indicators that get a tornado: the headline, and total water (or CO₂e) when more
    /// than one input moves it.
    fn tornado_indicators(&self) -> Vec<Indicator> {
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

    fn tornado(&self, indicator: Indicator) -> Option<(Chart, CsvTable)> {
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

    fn histogram(&self) -> Option<(Chart, CsvTable)> {
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

    fn boundary_group(&self, row: &Row) -> String {
        let boundary = row.key("boundary");
        let label = match (boundary, self.lang) {
            ("facility", Lang::En) => "whole facility (PUE included)",
            ("facility", Lang::Fr) => "site entier (PUE inclus)",
            ("it" | "server", Lang::En) => "servers only",
            ("it" | "server", Lang::Fr) => "serveurs seuls",
            ("accelerator", Lang::En) => "accelerators only",
            ("accelerator", Lang::Fr) => "accélérateurs seuls",
            ("onsite", Lang::En) => "on-site water only",
            ("onsite", Lang::Fr) => "eau sur site seulement",
            ("onsite+offsite", Lang::En) => "on-site + off-site water",
            ("onsite+offsite", Lang::Fr) => "eau sur site + hors site",
            ("lifecycle", Lang::En) => "life cycle",
            ("lifecycle", Lang::Fr) => "cycle de vie",
            (_, Lang::En) => "boundary not stated",
            (_, Lang::Fr) => "périmètre non précisé",
        };
        label.to_string()
    }

    fn compare(&self, index: usize) -> (Chart, CsvTable) {
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
                "{unit_label} {} · {}{}",
                self.t("per query", "par requête"),
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

    fn trend(&self, index: usize) -> (Chart, CsvTable) {
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

    fn equivalence(&self, index: usize) -> Option<(Chart, CsvTable)> {
        let equivalence = &self.result.scenario.equivalences[index];
        let reference = self.datasets.get(&equivalence.reference)?;
        let indicator = equivalence.indicator;
        let year = self.result.scenario.headline_year;
        let per = reference.base_value();
        let label = lowercase_first(
            self.lang
                .pick(reference.key("label_en"), reference.key("label_fr")),
        );
        let mut rows = Vec::new();
        let mut table = CsvTable::new(&[
            self.t("variant", "variante").to_string(),
            format!("{} ({label})", self.t("central", "centrale")),
            format!("p5 ({label})"),
            format!("p95 ({label})"),
        ]);
        let mut sources = reference.sources.clone();
        let mut unconfirmed = reference.verification.is_unconfirmed();
        for variant in &self.result.variants {
            let Some(stats) = variant.outcome.get(indicator, year) else {
                continue;
            };
            let (central, p5, p95) = (stats.central / per, stats.p5 / per, stats.p95 / per);
            rows.push(BarRow {
                label: variant.variant.label.get(self.lang).to_string(),
                value: central,
                range: stats.is_uncertain().then_some((p5, p95)),
                value_label: crate::number::big_count(central, self.lang),
            });
            table.push(vec![
                variant.variant.label.get(self.lang).into(),
                central.into(),
                p5.into(),
                p95.into(),
            ]);
            sources.extend(self.variant_sources(variant, indicator));
            unconfirmed |= self.any_unconfirmed(variant);
        }
        if rows.is_empty() {
            return None;
        }
        let when = year.map_or_else(String::new, |year| format!(" ({year})"));
        let chart = Chart {
            id: format!("equivalent-{}", equivalence.reference),
            title: self.title(&format!(
                "{}{when}",
                self.t("in familiar terms", "en termes parlants")
            )),
            subtitle: format!(
                "{} {} {label}",
                indicator_label(indicator, self.lang),
                self.t("expressed as a number of", "exprimée en nombre de :"),
            ),
            x_label: String::new(),
            y_label: String::new(),
            footer: self.footer(sources, unconfirmed),
            lang: self.lang,
            kind: ChartKind::Bars { rows },
        };
        Some((chart, table))
    }
}
