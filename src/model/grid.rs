//! Grid factors from a generation mix (DESIGN.md §6, "The grid"): the share-weighted mean of
//! each technology's water consumed, water withdrawn and life-cycle carbon per kWh.
//!
//!   EWIF            = Σ s_k · consumption_k   (L/kWh)
//!   withdrawal      = Σ s_k · withdrawal_k    (L/kWh)
//!   carbon intensity = Σ s_k · LCA_k           (gCO2e/kWh)
//!
//! with the shares `s_k` adding up to 1 (within [`SHARE_TOLERANCE`]; the sum divides the result,
//! so rounded published shares give a proper weighted mean). The per-technology factors come
//! from `generation.csv`; reservoir hydropower's consumption depends on the allocation of
//! reservoir evaporation chosen (see `datasets/README.md`).

use super::build::ValueSpec;
use crate::data::generation::DEFAULT_HYDRO_ALLOCATION;
use crate::data::schema::{HYDRO_ALLOCATIONS, TECHNOLOGIES};
use crate::data::{Datasets, Row};
use crate::lang::Text;
use crate::provenance::Verification;

/// How far from 1 the shares of a mix may add up (published shares are rounded).
pub const SHARE_TOLERANCE: f64 = 0.005;

/// The three grid factors a mix gives, each per kWh generated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixFactors {
    /// Water consumed (the EWIF), L/kWh.
    pub consumption: f64,
    /// Water withdrawn, L/kWh.
    pub withdrawal: f64,
    /// Life-cycle carbon intensity, gCO2e/kWh (None when a technology of the mix has none).
    pub carbon_intensity: Option<f64>,
}

/// The share-weighted mean of per-technology values: Σ sᵢ·vᵢ / Σ sᵢ.
pub fn weighted(shares: &[f64], values: &[f64]) -> f64 {
    let total: f64 = shares.iter().sum();
    let sum: f64 = shares
        .iter()
        .zip(values)
        .map(|(share, value)| share * value)
        .sum();
    sum / total
}

/// A parsed mix: technology ids (as in `generation.csv`) and their shares (fractions).
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    /// (technology, share), in the order given.
    pub shares: Vec<(String, f64)>,
}

/// What is wrong with a mix, worded for any layer (a flag or a key adds where).
#[derive(Debug, Clone, PartialEq)]
pub struct MixError {
    /// The message.
    pub message: String,
    /// A hint (did you mean, the known ids), if any.
    pub hint: Option<String>,
}

fn mix_error(message: String, hint: Option<String>) -> MixError {
    MixError { message, hint }
}

impl Mix {
    /// Parses `ID=SHARE,ID=SHARE…`; a share is a fraction (`0.5`) or a percentage (`50%`).
    pub fn parse(text: &str) -> Result<Mix, MixError> {
        let mut shares: Vec<(String, f64)> = Vec::new();
        for part in text
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let Some((id, share)) = part.split_once('=') else {
                return Err(mix_error(
                    format!("`{part}` is not TECHNOLOGY=SHARE"),
                    Some("write for example `gas-cc-tower=0.6,wind-onshore=0.4`".into()),
                ));
            };
            let id = id.trim().to_lowercase();
            let share_text = share.trim();
            let (number, scale) = match share_text.strip_suffix('%') {
                Some(number) => (number.trim(), 0.01),
                None => (share_text, 1.0),
            };
            let share = number
                .parse::<f64>()
                .ok()
                .filter(|share| share.is_finite() && *share >= 0.0)
                .map(|share| share * scale)
                .ok_or_else(|| {
                    mix_error(
                        format!("the share of `{id}` (`{share_text}`) is not a number >= 0"),
                        Some("a share is a fraction (0.25) or a percentage (25%)".into()),
                    )
                })?;
            if !TECHNOLOGIES.contains(&id.as_str()) {
                let hint = match crate::text::closest(&id, TECHNOLOGIES.iter().copied()) {
                    Some(candidate) => format!("did you mean `{candidate}`?"),
                    None => format!("known technologies: {}", TECHNOLOGIES.join(", ")),
                };
                return Err(mix_error(format!("unknown technology `{id}`"), Some(hint)));
            }
            if shares.iter().any(|(known, _)| *known == id) {
                return Err(mix_error(format!("`{id}` is given twice"), None));
            }
            shares.push((id, share));
        }
        if shares.is_empty() {
            return Err(mix_error(
                "the mix is empty".into(),
                Some("write for example `nuclear-tower=0.7,hydro-reservoir=0.3`".into()),
            ));
        }
        let sum: f64 = shares.iter().map(|(_, share)| share).sum();
        if (sum - 1.0).abs() > SHARE_TOLERANCE {
            return Err(mix_error(
                format!(
                    "the shares add up to {} (they must add up to 1, or 100%, within {SHARE_TOLERANCE})",
                    crate::number::short_number(sum)
                ),
                None,
            ));
        }
        Ok(Mix { shares })
    }

    /// The mix as written back (`gas-cc-tower=0.5,wind-onshore=0.5`).
    pub fn describe(&self) -> String {
        self.shares
            .iter()
            .map(|(id, share)| format!("{id}={}", crate::number::short_number(*share)))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A hydro allocation checked against the known ones.
pub fn hydro_allocation(text: &str) -> Result<String, MixError> {
    let text = text.trim().to_lowercase();
    if HYDRO_ALLOCATIONS.contains(&text.as_str()) {
        Ok(text)
    } else {
        Err(mix_error(
            format!("unknown hydro allocation `{text}`"),
            Some(format!("one of {}", HYDRO_ALLOCATIONS.join(", "))),
        ))
    }
}

/// A mix's factors with the dataset rows behind them.
#[derive(Debug, Clone)]
pub struct Derived<'d> {
    /// The factors.
    pub factors: MixFactors,
    /// Rows used for water (consumption and withdrawal).
    pub water_rows: Vec<&'d Row>,
    /// Rows used for carbon.
    pub carbon_rows: Vec<&'d Row>,
    /// The allocation of reservoir evaporation used.
    pub allocation: String,
    /// Technologies of the mix without a carbon row (carbon intensity is then None).
    pub no_carbon: Vec<String>,
}

impl Derived<'_> {
    /// Sorted, deduplicated source ids of some rows.
    pub fn sources(rows: &[&Row]) -> Vec<String> {
        let mut ids: Vec<String> = rows.iter().flat_map(|row| row.sources.clone()).collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The least solid verification of some rows.
    pub fn verification(rows: &[&Row]) -> Option<Verification> {
        rows.iter().map(|row| row.verification).max()
    }
}

/// One of the three factors a mix gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MixFactor {
    /// Water consumed (the EWIF).
    Consumption,
    /// Water withdrawn.
    Withdrawal,
    /// Life-cycle carbon intensity.
    CarbonIntensity,
}

impl Derived<'_> {
    /// A factor of the mix as a sourced value (None for a carbon intensity the mix lacks):
    /// the sources of the rows used, their least solid verification, and where it came from
    /// (`from`: the flag or key that gave the mix).
    pub fn spec(&self, mix: &Mix, which: MixFactor, from: &str) -> Option<ValueSpec> {
        let metric = match which {
            MixFactor::Consumption => "water_consumption",
            MixFactor::Withdrawal => "water_withdrawal",
            MixFactor::CarbonIntensity => "carbon_intensity",
        };
        let value = match which {
            MixFactor::Consumption => self.factors.consumption,
            MixFactor::Withdrawal => self.factors.withdrawal,
            MixFactor::CarbonIntensity => self.factors.carbon_intensity?,
        };
        let rows: Vec<&Row> = self
            .water_rows
            .iter()
            .chain(&self.carbon_rows)
            .copied()
            .filter(|row| {
                row.key("metric") == metric
                    || (which == MixFactor::CarbonIntensity
                        && row.key("factor") == "carbon_intensity")
            })
            .collect();
        Some(ValueSpec {
            dist: crate::dist::Dist::Fixed(value),
            sources: Derived::sources(&rows),
            row: None,
            verification: Derived::verification(&rows),
            origin: format!(
                "mix {} (generation.csv, hydro allocation {}, given by {from})",
                mix.describe(),
                self.allocation
            ),
        })
    }

    /// The note saying where the mix's factors come from, in both languages.
    pub fn note(&self, mix: &Mix) -> Text {
        let mut note = Text {
            en: format!(
                "EWIF, water withdrawn and carbon intensity are the share-weighted means of the \
                 technologies of the mix {} (generation.csv: operational water medians of \
                 Macknick et al. 2012, life-cycle carbon medians of IPCC AR5; reservoir \
                 evaporation allocation `{}`); a factor given directly wins.",
                mix.describe(),
                self.allocation
            ),
            fr: format!(
                "EWIF, eau prélevée et intensité carbone sont les moyennes pondérées des \
                 technologies du mix {} (generation.csv : médianes de l'eau d'exploitation de \
                 Macknick et al. 2012, médianes du carbone en cycle de vie du GIEC AR5 ; \
                 affectation de l'évaporation des retenues `{}`) ; un facteur donné directement \
                 l'emporte.",
                mix.describe(),
                self.allocation
            ),
        };
        if !self.no_carbon.is_empty() {
            let list = self.no_carbon.join(", ");
            note.en.push_str(&format!(
                " generation.csv has no life-cycle carbon for {list}: the mix gives no carbon \
                 intensity (give one)."
            ));
            note.fr.push_str(&format!(
                " generation.csv n'a pas de carbone en cycle de vie pour {list} : le mix ne \
                 donne pas d'intensité carbone (en donner une)."
            ));
        }
        note
    }
}

/// Why water withdrawn is shown beside water consumed (the method's sentence), in both
/// languages.
pub fn withdrawal_note() -> Text {
    Text {
        en: "Water withdrawn at power plants is shown beside water consumed and never added to \
             it: withdrawal is taken from a river or lake and mostly returned warmer, so it \
             stresses rivers in heat waves and droughts; consumption is evaporated and lost to \
             the basin."
            .into(),
        fr: "L'eau prélevée par les centrales est montrée à côté de l'eau consommée, jamais \
             ajoutée : le prélèvement est pris à une rivière ou un lac et rendu en grande partie, \
             plus chaud, ce qui pèse sur les cours d'eau en canicule et en sécheresse ; la \
             consommation s'évapore et est perdue pour le bassin."
            .into(),
    }
}

/// Derives a mix's factors from `generation.csv` (`allocation` None: the default). A technology
/// without a water row is an error naming it; one without carbon leaves carbon out.
pub fn derive<'d>(
    mix: &Mix,
    datasets: &'d Datasets,
    allocation: Option<&str>,
) -> Result<Derived<'d>, MixError> {
    let allocation = allocation.unwrap_or(DEFAULT_HYDRO_ALLOCATION).to_string();
    let shares: Vec<f64> = mix.shares.iter().map(|(_, share)| *share).collect();
    let mut water_rows = Vec::new();
    let mut carbon_rows = Vec::new();
    let mut no_carbon = Vec::new();
    let (mut consumption, mut withdrawal, mut carbon) = (Vec::new(), Vec::new(), Vec::new());
    for (id, _) in &mix.shares {
        for (metric, values) in [
            ("water_consumption", &mut consumption),
            ("water_withdrawal", &mut withdrawal),
        ] {
            let row = datasets.generation(id, metric, &allocation).ok_or_else(|| {
                mix_error(
                    format!("generation.csv has no {metric} row for `{id}` (allocation {allocation})"),
                    None,
                )
            })?;
            values.push(row.base_value());
            water_rows.push(row);
        }
        match datasets.generation(id, "carbon_intensity", &allocation) {
            Some(row) => {
                carbon.push(row.base_value());
                carbon_rows.push(row);
            }
            None => no_carbon.push(id.clone()),
        }
    }
    Ok(Derived {
        factors: MixFactors {
            consumption: weighted(&shares, &consumption),
            withdrawal: weighted(&shares, &withdrawal),
            carbon_intensity: no_carbon.is_empty().then(|| weighted(&shares, &carbon)),
        },
        water_rows,
        carbon_rows,
        allocation,
        no_carbon,
    })
}

/// The technology a published fuel share stands for in a region's mix: every thermal plant on
/// cooling towers (the lower bound of withdrawal; once-through plants withdraw 40 to 50 times
/// more), reservoir hydropower, onshore wind, geothermal for Ember's "other renewables".
pub fn fuel_technology(fuel: &str) -> &'static str {
    match fuel {
        "coal" => "coal-tower",
        "gas" => "gas-cc-tower",
        "oil" => "oil",
        "nuclear" => "nuclear-tower",
        "hydro" => "hydro-reservoir",
        "wind" => "wind-onshore",
        "solar" => "solar-pv",
        "bioenergy" => "biomass",
        _ => "geothermal",
    }
}

/// A region's published mix (`mixes.csv`) in one year, as technology shares.
#[derive(Debug, Clone)]
pub struct RegionMix<'d> {
    /// The region code.
    pub region: String,
    /// The year of the mix.
    pub year: i32,
    /// The mix, shares normalised to add up to 1.
    pub mix: Mix,
    /// The rows read.
    pub rows: Vec<&'d Row>,
}

/// The latest published mix of a region not after `year` (any year if None).
pub fn region_mix<'d>(
    datasets: &'d Datasets,
    region: &str,
    year: Option<i32>,
) -> Option<RegionMix<'d>> {
    let rows: Vec<&Row> = datasets
        .table(crate::data::Table::Mixes)
        .filter(|row| row.scope.eq_ignore_ascii_case(region))
        .collect();
    let chosen = rows
        .iter()
        .filter_map(|row| row.year)
        .filter(|row_year| year.is_none_or(|limit| *row_year <= limit))
        .max()?;
    let rows: Vec<&Row> = rows
        .into_iter()
        .filter(|row| row.year == Some(chosen) && row.value > 0.0)
        .collect();
    let total: f64 = rows.iter().map(|row| row.value).sum();
    let mut shares: Vec<(String, f64)> = Vec::new();
    for row in &rows {
        let technology = fuel_technology(row.key("fuel")).to_string();
        match shares.iter_mut().find(|(id, _)| *id == technology) {
            Some((_, share)) => *share += row.value / total,
            None => shares.push((technology, row.value / total)),
        }
    }
    Some(RegionMix {
        region: rows.first()?.scope.clone(),
        year: chosen,
        mix: Mix { shares },
        rows,
    })
}

/// Region codes with a published mix, sorted.
pub fn mix_regions(datasets: &Datasets) -> Vec<&str> {
    let mut codes: Vec<&str> = datasets
        .table(crate::data::Table::Mixes)
        .map(|row| row.scope.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn datasets() -> &'static Datasets {
        static DATASETS: std::sync::OnceLock<Datasets> = std::sync::OnceLock::new();
        DATASETS.get_or_init(|| Datasets::builtin().unwrap())
    }

    fn value(datasets: &Datasets, id: &str, metric: &str) -> f64 {
        datasets
            .generation(id, metric, DEFAULT_HYDRO_ALLOCATION)
            .unwrap()
            .base_value()
    }

    #[test]
    fn gas_combined_cycle_with_towers_is_its_dataset_row() {
        let datasets = datasets();
        let mix = Mix::parse("gas-cc-tower=1").unwrap();
        let derived = derive(&mix, datasets, None).unwrap();
        // Macknick (via GCAM) 0.75 consumed, 0.96 withdrawn; IPCC AR5 490 g.
        assert_eq!(derived.factors.consumption, 0.75);
        assert_eq!(derived.factors.withdrawal, 0.96);
        assert_eq!(derived.factors.carbon_intensity, Some(490.0));
    }

    #[test]
    fn half_nuclear_half_wind_is_the_mean_of_the_rows() {
        let datasets = datasets();
        let mix = Mix::parse("nuclear-tower=50%, wind-onshore=0.5").unwrap();
        let derived = derive(&mix, datasets, None).unwrap();
        let expected = |metric| {
            0.5 * value(datasets, "nuclear-tower", metric)
                + 0.5 * value(datasets, "wind-onshore", metric)
        };
        assert!((derived.factors.consumption - expected("water_consumption")).abs() < 1e-12);
        let carbon = derived.factors.carbon_intensity.unwrap();
        assert!((carbon - expected("carbon_intensity")).abs() < 1e-12);
        // About 12 g and 1.27 L per kWh.
        assert!((carbon - 11.5).abs() < 1e-9 && (derived.factors.consumption - 1.27).abs() < 1e-9);
    }

    #[test]
    fn the_hydro_allocation_changes_only_reservoir_consumption() {
        let datasets = datasets();
        let mix = Mix::parse("hydro-reservoir=0.5,nuclear-once-through=0.5").unwrap();
        let at = |allocation| derive(&mix, datasets, Some(allocation)).unwrap().factors;
        assert_eq!(at("none").consumption, 0.5 * 1.02);
        assert_eq!(at("gross").consumption, 0.5 * 17.0 + 0.5 * 1.02);
        assert_eq!(at("none").withdrawal, at("gross-world").withdrawal);
        assert!(hydro_allocation("gros").is_err());
    }

    #[test]
    fn bad_mixes_say_what_is_wrong() {
        let error = Mix::parse("gas-cc-tower=0.6,wind-onshore=0.3").unwrap_err();
        assert!(error.message.contains("add up to 0.9"), "{error:?}");
        let error = Mix::parse("nuclear-twer=1").unwrap_err();
        assert_eq!(error.hint.as_deref(), Some("did you mean `nuclear-tower`?"));
        assert!(Mix::parse("solar-pv=-1,wind-onshore=2").is_err());
        assert!(Mix::parse("solar-pv=1,solar-pv=0").is_err());
        assert!(Mix::parse("solar-pv").is_err());
        assert!(Mix::parse("").is_err());
        let datasets = datasets();
        let derived = derive(&Mix::parse("gas-ct=1").unwrap(), datasets, None).unwrap();
        assert_eq!(derived.factors.carbon_intensity, None);
        assert_eq!(derived.no_carbon, vec!["gas-ct".to_string()]);
    }

    #[test]
    fn published_mixes_add_up_and_calibrate_to_the_published_intensity() {
        let datasets = datasets();
        for region in mix_regions(datasets) {
            for year in [2023, 2024] {
                let total: f64 = datasets
                    .table(crate::data::Table::Mixes)
                    .filter(|row| row.scope == region && row.year == Some(year))
                    .map(|row| row.value)
                    .sum();
                assert!((total - 100.0).abs() < 0.1, "{region} {year}: {total}");
            }
        }
        let france = region_mix(datasets, "fr", Some(2030)).unwrap();
        assert_eq!(france.year, 2024);
        let derived = derive(&france.mix, datasets, None).unwrap();
        // IPCC medians over Ember's 2024 French shares: 47.7 g/kWh against Ember's 40.48 (the
        // calibration factor is about 0.85).
        let ci = derived.factors.carbon_intensity.unwrap();
        assert!((ci - 47.74).abs() < 0.05, "{ci}");
        let world = region_mix(datasets, "WORLD", Some(2024)).unwrap();
        let ci = derive(&world.mix, datasets, None)
            .unwrap()
            .factors
            .carbon_intensity
            .unwrap();
        assert!((ci - 421.8).abs() < 0.5, "{ci}");
    }

    fn technology_values(datasets: &Datasets, metric: &str) -> Vec<(String, f64)> {
        TECHNOLOGIES
            .iter()
            .filter_map(|id| {
                datasets
                    .generation(id, metric, DEFAULT_HYDRO_ALLOCATION)
                    .map(|row| (id.to_string(), row.base_value()))
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn a_weighted_mean_is_linear_bounded_and_exact_for_one_technology(
            raw_a in proptest::collection::vec(0.0f64..1.0, 15),
            raw_b in proptest::collection::vec(0.0f64..1.0, 15),
            t in 0.0f64..1.0,
            pick in 0usize..15,
        ) {
            let datasets = datasets();
            for metric in ["water_consumption", "water_withdrawal", "carbon_intensity"] {
                let known = technology_values(datasets, metric);
                let values: Vec<f64> = known.iter().map(|(_, value)| *value).collect();
                let n = values.len();
                let normalise = |raw: &[f64]| {
                    let raw = &raw[..n];
                    let total: f64 = raw.iter().sum::<f64>().max(1e-9);
                    raw.iter().map(|share| share / total).collect::<Vec<f64>>()
                };
                let (a, b) = (normalise(&raw_a), normalise(&raw_b));
                let blend: Vec<f64> = a.iter().zip(&b).map(|(x, y)| t * x + (1.0 - t) * y).collect();
                let (fa, fb, fblend) = (weighted(&a, &values), weighted(&b, &values), weighted(&blend, &values));
                let scale = values.iter().fold(1.0f64, |m, v| m.max(v.abs()));
                prop_assert!((fblend - (t * fa + (1.0 - t) * fb)).abs() <= 1e-9 * scale);
                let (low, high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
                prop_assert!(fa >= low - 1e-9 * scale && fa <= high + 1e-9 * scale);
                // One technology: exactly its row, through the parser and the datasets too.
                let (id, expected) = &known[pick % n];
                let derived = derive(&Mix::parse(&format!("{id}=1")).unwrap(), datasets, None).unwrap();
                let got = match metric {
                    "water_consumption" => Some(derived.factors.consumption),
                    "water_withdrawal" => Some(derived.factors.withdrawal),
                    _ => derived.factors.carbon_intensity,
                };
                prop_assert_eq!(got, Some(*expected));
            }
        }
    }
}
