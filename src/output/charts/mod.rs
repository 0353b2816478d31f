//! The charts of a scenario, as [`Chart`] specifications, each with its chart-ready (wide) CSV:
//! a label column and one column per series, the unit in the header (Datawrapper, Flourish).
//!
//! - series scenarios: one time series per indicator (median line, 90 % band, published points);
//! - the split of energy (IT vs overhead), of water (on-site vs off-site) and of carbon
//!   (operational vs embodied) as stacked bars;
//! - a tornado of the sensitivity swings and the distribution of the headline result;
//! - published estimates side by side (`[[compare]]`), published series (`[[trend]]`) and
//!   equivalences.

mod components;
mod embodied;
mod equivalence;
mod published;
mod savings;
mod sensitivity;
mod split;
mod time_series;

use super::chart::{BarRow, Chart, Footer};
use super::csv::CsvTable;
use super::tables::Units;
use crate::VERSION;
use crate::data::{Datasets, Row};
use crate::lang::Lang;
use crate::model::Indicator;
use crate::number::human;
use crate::provenance::Verification;
use crate::scenario::{ScenarioResult, VariantResult};

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
    if let Some(chart) = builder.carbon_split() {
        charts.push(chart);
    }
    if result.scenario.years.is_none() && builder.available(Indicator::Co2e) {
        charts.push(builder.variant_bars(Indicator::Co2e));
    }
    // A one-off scenario's published figures stand beside its results, indicator by indicator,
    // and water withdrawn beside water consumed, each in its own chart (never stacked:
    // withdrawal is not added to consumption).
    if result.scenario.years.is_none() {
        let mut shown = vec![Indicator::Co2e];
        let withdrawal = if builder.available(Indicator::OffsiteWithdrawal) {
            vec![Indicator::OffsiteWater, Indicator::OffsiteWithdrawal]
        } else {
            Vec::new()
        };
        let published = result.scenario.published.iter().map(|row| row.indicator);
        for indicator in published.chain(withdrawal) {
            if !shown.contains(&indicator) && builder.available(indicator) {
                shown.push(indicator);
                charts.push(builder.variant_bars(indicator));
            }
        }
    }
    if let Some(first) = result.variants.iter().find(|v| v.parts.is_some()) {
        charts.extend(builder.components_area(first, "components"));
        charts.extend(builder.component_shares(first));
        for variant in &result.variants {
            if !variant.variant.parts.adjust.is_empty() {
                let id = format!("components-{}", variant.variant.id);
                charts.extend(builder.components_area(variant, &id));
            }
        }
    }
    charts.extend(builder.savings_bars(false));
    charts.extend(builder.savings_bars(true));
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
        // Sources with a newer edition are named with it, then the unconfirmed figures.
        let mut notes: Vec<String> = self
            .datasets
            .superseded_among(&ids)
            .iter()
            .map(|superseded| superseded.note().get(self.lang).to_string())
            .collect();
        if unconfirmed {
            notes.push(
                self.t(
                    "Includes figures not confirmed in their primary source (see the report).",
                    "Comprend des chiffres non confirmés dans leur source primaire (voir le rapport).",
                )
                .to_string(),
            );
        }
        Footer {
            sources,
            note: (!notes.is_empty()).then(|| notes.join(" ")),
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
}

/// A chart with one bar per variant and its wide CSV (the variant, the central value and its
/// 90 % range, in the chart's unit), with the sources the bars cite.
struct VariantBars {
    rows: Vec<BarRow>,
    table: CsvTable,
    sources: Vec<String>,
    unconfirmed: bool,
}

impl VariantBars {
    /// No bars yet; `unit` heads the CSV columns, `sources` are cited whatever the bars.
    fn new(builder: &Builder<'_>, unit: &str, sources: Vec<String>, unconfirmed: bool) -> Self {
        let table = CsvTable::new(&[
            builder.t("variant", "variante").to_string(),
            format!("{} ({unit})", builder.t("central", "centrale")),
            format!("p5 ({unit})"),
            format!("p95 ({unit})"),
        ]);
        VariantBars {
            rows: Vec::new(),
            table,
            sources,
            unconfirmed,
        }
    }

    /// Adds a bar for every variant that has the indicator in `year`: its central value and
    /// 90 % range converted by `scale` to the chart's unit (the range drawn when the result is
    /// uncertain), labelled by `value_label`.
    fn add_variants(
        &mut self,
        builder: &Builder<'_>,
        indicator: Indicator,
        year: Option<i32>,
        scale: impl Fn(f64) -> f64,
        value_label: impl Fn(f64) -> String,
    ) {
        for variant in &builder.result.variants {
            let Some(stats) = variant.outcome.get(indicator, year) else {
                continue;
            };
            let (central, p5, p95) = (scale(stats.central), scale(stats.p5), scale(stats.p95));
            let label = variant.variant.label.get(builder.lang);
            self.rows.push(BarRow {
                label: label.to_string(),
                value: central,
                range: stats.is_uncertain().then_some((p5, p95)),
                value_label: value_label(central),
            });
            self.table
                .push(vec![label.into(), central.into(), p5.into(), p95.into()]);
            self.sources
                .extend(builder.variant_sources(variant, indicator));
            self.unconfirmed |= builder.any_unconfirmed(variant);
        }
    }
}
