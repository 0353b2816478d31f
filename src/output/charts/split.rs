//! Splits as stacked bars: energy (IT vs overhead), water (on-site vs off-site), and the
//! variants side by side.

use super::{Builder, VariantBars};
use crate::model::Indicator;
use crate::number::human;
use crate::output::chart::{Chart, ChartKind, Segment};
use crate::output::csv::CsvTable;
use crate::output::tables::indicator_label;
use crate::scenario::VariantResult;

impl Builder<'_> {
    /// Stacked bars of two parts of a whole (IT + overhead energy, on-site + off-site water).
    pub(super) fn split(
        &self,
        bottom: Indicator,
        top: Indicator,
        id: &str,
    ) -> Option<(Chart, CsvTable)> {
        let total = match bottom {
            Indicator::ItEnergy => Indicator::FacilityEnergy,
            Indicator::Co2e => Indicator::LifecycleCo2e,
            _ => Indicator::TotalWater,
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
        let segments: Vec<Segment> = [bottom, top]
            .into_iter()
            .map(|indicator| Segment {
                label: indicator_label(indicator, self.lang).to_string(),
                values: categories
                    .iter()
                    .map(|(_, v, y)| part(v, indicator, *y))
                    .collect(),
            })
            .collect();
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
        let what = match bottom {
            Indicator::ItEnergy => self.t("where the electricity goes", "où va l'électricité"),
            Indicator::Co2e => self.t(
                "carbon of use and manufacture",
                "carbone, usage et fabrication",
            ),
            _ => self.t("where the water is consumed", "où l'eau est consommée"),
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
    pub(super) fn variant_bars(&self, indicator: Indicator) -> (Chart, CsvTable) {
        let unit = self.unit(indicator);
        let mut bars = VariantBars::new(self, &unit, Vec::new(), false);
        bars.add_variants(
            self,
            indicator,
            None,
            |value| self.show(indicator, value),
            |central| format!("{} {unit}", human(central, 3, self.lang)),
        );
        let published = self.published_bars(&mut bars, indicator);
        let what = indicator_label(indicator, self.lang);
        let what = if published {
            format!(
                "{what}{}",
                self.t(", computed and published", ", calculée et publiée")
            )
        } else {
            what.to_string()
        };
        let chart = Chart {
            id: indicator.short().replace('_', "-"),
            title: self.title(&what),
            subtitle: format!(
                "{unit} · {}",
                self.t(
                    "central value; bars: 90% range",
                    "valeur centrale ; traits : intervalle à 90 %"
                )
            ),
            x_label: unit.clone(),
            y_label: String::new(),
            footer: self.footer(bars.sources, bars.unconfirmed),
            lang: self.lang,
            kind: ChartKind::Bars { rows: bars.rows },
        };
        (chart, bars.table)
    }
}

impl Builder<'_> {
    /// The published figures of a one-off scenario's `[[published]]` for `indicator`, as bars
    /// after the variants' (labelled "published"); true if there were any.
    fn published_bars(&self, bars: &mut VariantBars, indicator: Indicator) -> bool {
        let scenario = &self.result.scenario;
        if scenario.years.is_some() {
            return false;
        }
        let mut any = false;
        for published in scenario
            .published
            .iter()
            .filter(|p| p.indicator == indicator)
        {
            for id in &published.rows {
                let Some(row) = self.datasets.get(id) else {
                    continue;
                };
                let shown = |value: f64| self.show(indicator, row.unit.to_base(value));
                let central = shown(row.value);
                let range = row
                    .low
                    .zip(row.high)
                    .map(|(low, high)| (shown(low), shown(high)));
                let label = format!(
                    "{} ({})",
                    published.label.get(self.lang),
                    self.t("published", "publié")
                );
                let unit = self.unit(indicator);
                bars.rows.push(crate::output::chart::BarRow {
                    label: label.clone(),
                    value: central,
                    range,
                    value_label: format!("{} {unit}", human(central, 3, self.lang)),
                });
                let (low, high) = range.unwrap_or((central, central));
                bars.table
                    .push(vec![label.into(), central.into(), low.into(), high.into()]);
                bars.sources.extend(row.sources.iter().cloned());
                bars.unconfirmed |= row.verification.is_unconfirmed();
                any = true;
            }
        }
        any
    }
}
