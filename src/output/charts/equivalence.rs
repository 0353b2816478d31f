//! Equivalences: a result counted in a familiar reference (households, swimming pools …).

use super::{Builder, VariantBars};
use crate::output::chart::{Chart, ChartKind};
use crate::output::csv::CsvTable;
use crate::output::tables::indicator_label;
use crate::text::lowercase_first;

impl Builder<'_> {
    pub(super) fn equivalence(&self, index: usize) -> Option<(Chart, CsvTable)> {
        let equivalence = &self.result.scenario.equivalences[index];
        let reference = self.datasets.get(&equivalence.reference)?;
        let indicator = equivalence.indicator;
        let year = self.result.scenario.headline_year;
        let per = reference.base_value();
        let label = lowercase_first(reference.label().pick(self.lang));
        let mut bars = VariantBars::new(
            self,
            &label,
            reference.sources.clone(),
            reference.verification.is_unconfirmed(),
        );
        bars.add_variants(
            self,
            indicator,
            year,
            |value| value / per,
            |central| crate::number::big_count(central, self.lang),
        );
        if bars.rows.is_empty() {
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
            footer: self.footer(bars.sources, bars.unconfirmed),
            lang: self.lang,
            kind: ChartKind::Bars { rows: bars.rows },
        };
        Some((chart, bars.table))
    }
}
