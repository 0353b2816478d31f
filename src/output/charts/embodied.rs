//! Operational and embodied carbon side by side: where the hardware's manufacturing weighs,
//! variant by variant (a request, a GPU-hour or a training run on several grids).

use super::Builder;
use crate::model::Indicator;
use crate::number::human;
use crate::output::chart::{Chart, ChartKind};
use crate::output::csv::CsvTable;

impl Builder<'_> {
    /// Stacked bars of operational and embodied CO2e for the variants that have both, each
    /// labelled with the embodied share of its life-cycle CO2e (central values).
    pub(super) fn carbon_split(&self) -> Option<(Chart, CsvTable)> {
        let (mut chart, table) =
            self.split(Indicator::Co2e, Indicator::EmbodiedCo2e, "carbon-split")?;
        if let ChartKind::StackedBars {
            categories,
            segments,
            ..
        } = &mut chart.kind
        {
            // The share leads the label, so that a narrow chart that shortens labels keeps it.
            for (index, category) in categories.iter_mut().enumerate() {
                let share = embodied_share(segments[0].values[index], segments[1].values[index]);
                if let Some(share) = share {
                    *category = format!(
                        "{}{} · {category}",
                        human(100.0 * share, 2, self.lang),
                        self.t("%", "\u{a0}%")
                    );
                }
            }
            chart.subtitle.push_str(self.t(
                "; % before a label: embodied share of the life-cycle CO₂e",
                " ; % avant l'étiquette : part intrinsèque du CO₂e du cycle de vie",
            ));
        }
        Some((chart, table))
    }
}

/// Embodied CO2e as a share of operational + embodied (None when both are 0).
fn embodied_share(operational: f64, embodied: f64) -> Option<f64> {
    let total = operational + embodied;
    (total > 0.0).then(|| embodied / total)
}

#[cfg(test)]
mod tests {
    use super::embodied_share;

    #[test]
    fn the_share_is_embodied_over_the_life_cycle() {
        // France, one H100 GPU-hour: 34.8 g operational, 28.1 g embodied → 44.7 %.
        let share = embodied_share(34.81, 28.13).unwrap();
        assert!((share - 28.13 / 62.94).abs() < 1e-12);
        assert_eq!(embodied_share(0.0, 0.0), None);
    }
}
