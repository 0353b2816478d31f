//! Monte Carlo propagation and sensitivity analysis.
//!
//! **Reproducibility.** Every uncertain input draws from its own ChaCha8 stream, keyed by the
//! seed and the input's key, and split into chunks of [`CHUNK`] draws, chunk `c` using stream
//! `c`. Results therefore depend only on the seed, the sample count and the inputs — not on the
//! number of threads (chunks are computed in parallel, each writing its own part of a column) —
//! and an input with the same key gets the same draws in every variant of a scenario (common
//! random numbers, so differences between variants are not sampling noise).
//!
//! **Memory.** The inputs' draws are kept (one column each); the indicators are computed one
//! period at a time into one column per indicator, each summarised (ranked, kept for a
//! histogram) before the next period: memory grows with inputs × draws plus one period's
//! indicators × draws, not with the number of periods.
//!
//! **Quantiles** are Hyndman & Fan type 7, the definition of Excel's and LibreOffice's
//! `PERCENTILE.INC` and of R's default: for sorted draws x₀ … xₙ₋₁, the p-quantile is
//! x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋) with h = (n − 1)p.
//!
//! **Sensitivity.** One-at-a-time swings (tornado): each uncertain input in turn is set to its
//! own 5th and then 95th percentile, all others at their central values. Spearman rank
//! correlation of each input's draws with each indicator's draws.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rayon::prelude::*;

use crate::model::{Indicator, N_INDICATORS, Plan};

/// Draws per chunk (and per RNG stream).
pub const CHUNK: usize = 1024;
/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20_251_013;
/// The sample count used when none is given: enough for p5/p95 stable to about 1 %.
pub const DEFAULT_SAMPLES: usize = 10_000;
/// The largest sample count accepted from users: every input's draws and one period's
/// indicators are kept in memory (`benches/speed.sh` measures the peak at a million), so a
/// mistyped sample count must not ask for more memory than a machine has.
pub const MAX_SAMPLES: usize = 1_000_000;

/// A sample count the engine refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SampleCountError {
    /// Fewer than 2 draws give no spread.
    #[error("needs at least 2 draws")]
    TooFew,
    /// More than [`MAX_SAMPLES`] draws.
    #[error("{0} draws is more than the {MAX_SAMPLES} allowed")]
    TooMany(usize),
}

impl SampleCountError {
    /// What to try instead.
    pub fn hint(self) -> Option<String> {
        match self {
            SampleCountError::TooFew => None,
            SampleCountError::TooMany(_) => Some(format!(
                "the default {DEFAULT_SAMPLES} gives percentiles stable to about 1 %"
            )),
        }
    }
}

/// Checks a sample count: at least 2 draws (for a spread), at most [`MAX_SAMPLES`].
pub fn check_samples(samples: usize) -> Result<(), SampleCountError> {
    if samples < 2 {
        return Err(SampleCountError::TooFew);
    }
    if samples > MAX_SAMPLES {
        return Err(SampleCountError::TooMany(samples));
    }
    Ok(())
}

/// Monte Carlo settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct McConfig {
    /// Number of draws.
    pub samples: usize,
    /// Seed of every random stream.
    pub seed: u64,
}

impl Default for McConfig {
    fn default() -> Self {
        McConfig {
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
        }
    }
}

/// Summary of one indicator in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Value with every input at its central value.
    pub central: f64,
    /// Mean of the draws.
    pub mean: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Smallest draw.
    pub min: f64,
    /// Largest draw.
    pub max: f64,
}

impl Stats {
    /// Stats of a value known exactly.
    pub fn exact(value: f64) -> Stats {
        Stats {
            central: value,
            mean: value,
            p5: value,
            p50: value,
            p95: value,
            min: value,
            max: value,
        }
    }

    /// True if the draws spread (p5 < p95).
    pub fn is_uncertain(&self) -> bool {
        self.p95 > self.p5
    }
}

/// One bar of a tornado: an input swung from its p5 to its p95.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    /// Index of the input in the plan.
    pub input: usize,
    /// The period.
    pub year: Option<i32>,
    /// The indicator.
    pub indicator: Indicator,
    /// The input's 5th percentile (base units; NaN for a path level, shown as 5 %).
    pub input_low: f64,
    /// The input's 95th percentile.
    pub input_high: f64,
    /// The indicator with the input at its p5.
    pub output_low: f64,
    /// The indicator with the input at its p95.
    pub output_high: f64,
    /// The indicator with every input central.
    pub central: f64,
}

impl Swing {
    /// Width of the swing.
    pub fn width(&self) -> f64 {
        (self.output_high - self.output_low).abs()
    }
}

/// Spearman rank correlation of an input with an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    /// Index of the input in the plan.
    pub input: usize,
    /// The period.
    pub year: Option<i32>,
    /// The indicator.
    pub indicator: Indicator,
    /// Spearman's ρ in [−1, 1] (NaN when the indicator does not vary).
    pub rho: f64,
}

/// The outcome of propagating a plan.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The periods (a single None for a one-off plan).
    pub periods: Vec<Option<i32>>,
    /// Indicators the plan can compute.
    pub available: Vec<Indicator>,
    /// `stats[period][indicator index]`, None where unavailable.
    pub stats: Vec<[Option<Stats>; N_INDICATORS]>,
    /// Tornado swings for the sensitivity periods.
    pub swings: Vec<Swing>,
    /// Rank correlations for the sensitivity periods.
    pub correlations: Vec<Correlation>,
    /// Draws kept on request: (indicator, period, sorted draws).
    pub kept: Vec<(Indicator, Option<i32>, Vec<f64>)>,
    /// Number of draws (1 when nothing is uncertain).
    pub samples: usize,
}

impl Outcome {
    /// Stats of an indicator in a period.
    pub fn get(&self, indicator: Indicator, year: Option<i32>) -> Option<&Stats> {
        let period = self.periods.iter().position(|p| *p == year)?;
        self.stats[period][indicator.index()].as_ref()
    }

    /// The first computed indicator (and its period) whose summary is not a finite number:
    /// inputs so large that a product overflows, or a division by a reference of zero. Such a
    /// result must be reported, never written as an empty cell or "∞".
    pub fn first_non_finite(&self) -> Option<(Indicator, Option<i32>)> {
        for (period, stats) in self.periods.iter().zip(&self.stats) {
            for (index, summary) in stats.iter().enumerate() {
                let Some(summary) = summary else { continue };
                let values = [
                    summary.central,
                    summary.mean,
                    summary.p5,
                    summary.p50,
                    summary.p95,
                    summary.min,
                    summary.max,
                ];
                if values.iter().any(|value| !value.is_finite()) {
                    return Some((Indicator::ALL[index], *period));
                }
            }
        }
        None
    }
}

/// 64-bit FNV-1a hash of a key.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// SplitMix64 step (Steele, Lea & Flood 2014), used to expand a 64-bit seed.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The random stream of one input for one chunk.
pub fn stream(seed: u64, key: &str, chunk: usize) -> ChaCha8Rng {
    let mut state = seed ^ fnv1a(key);
    let mut bytes = [0u8; 32];
    for word in bytes.chunks_exact_mut(8) {
        word.copy_from_slice(&splitmix(&mut state).to_le_bytes());
    }
    let mut rng = ChaCha8Rng::from_seed(bytes);
    rng.set_stream(chunk as u64);
    rng
}

/// The Monte Carlo engine could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum McError {
    /// A buffer of draws could not be allocated.
    #[error("not enough memory for {samples} draws: try --samples {}", smaller_samples(*samples))]
    OutOfMemory {
        /// The sample count asked for.
        samples: usize,
    },
}

/// A sample count ten times smaller (at least 2), to suggest after an allocation failure.
fn smaller_samples(samples: usize) -> usize {
    (samples / 10).max(2)
}

impl From<McError> for crate::error::Error {
    fn from(error: McError) -> Self {
        crate::error::Error::Other(error.to_string())
    }
}

/// A column of `len` zeros, or an error if the memory cannot be had.
fn column(len: usize, samples: usize) -> Result<Vec<f64>, McError> {
    let mut values = Vec::new();
    values
        .try_reserve_exact(len)
        .map_err(|_| McError::OutOfMemory { samples })?;
    values.resize(len, 0.0);
    Ok(values)
}

/// Draws of every uncertain input: `draws[input]` is empty for a fixed input. Panics if the
/// memory cannot be had: see [`try_draw_inputs`] for the error instead.
pub fn draw_inputs(plan: &Plan, config: McConfig) -> Vec<Vec<f64>> {
    try_draw_inputs(plan, config).unwrap_or_else(|error| panic!("{error}"))
}

/// Like [`draw_inputs`], with an error when the memory cannot be had. Each input's draws are
/// one preallocated column, filled chunk by chunk in parallel.
pub fn try_draw_inputs(plan: &Plan, config: McConfig) -> Result<Vec<Vec<f64>>, McError> {
    let mut draws = plan
        .inputs
        .iter()
        .map(|input| {
            if input.is_uncertain() {
                column(config.samples, config.samples)
            } else {
                Ok(Vec::new())
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    draws
        .par_iter_mut()
        .zip(&plan.inputs)
        .for_each(|(values, input)| {
            values
                .par_chunks_mut(CHUNK)
                .enumerate()
                .for_each(|(chunk, part)| {
                    let mut rng = stream(config.seed, &input.key, chunk);
                    for value in part {
                        *value = input.dist.sample(&mut rng);
                    }
                });
        });
    Ok(draws)
}

/// Type-7 quantile of unsorted data (reorders `data`).
pub fn quantile_unsorted(data: &mut [f64], p: f64) -> f64 {
    let n = data.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p;
    let lower = h.floor() as usize;
    let (_, &mut low, rest) = data.select_nth_unstable_by(lower, f64::total_cmp);
    if lower + 1 >= n {
        return low;
    }
    let high = rest.iter().copied().fold(f64::INFINITY, f64::min);
    low + (h - lower as f64) * (high - low)
}

/// Type-7 quantile of sorted data.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p;
    let lower = h.floor() as usize;
    if lower + 1 >= n {
        return sorted[n - 1];
    }
    sorted[lower] + (h - lower as f64) * (sorted[lower + 1] - sorted[lower])
}

/// The smallest value (as [`quantile_unsorted`] finds the next order statistic).
fn smallest(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

/// Type-7 p5, p50 and p95 of unsorted data (reorders `data`), from one selection: the median
/// first, then p5 in the part below it and p95 in the part above. Each is exactly what
/// [`quantile_unsorted`] gives.
fn three_quantiles(data: &mut [f64]) -> [f64; 3] {
    let n = data.len();
    if n == 0 {
        return [f64::NAN; 3];
    }
    let position = |p: f64| {
        let h = (n - 1) as f64 * p;
        (h, h.floor() as usize)
    };
    let interpolate = |h: f64, lower: usize, low: f64, high: f64| {
        if lower + 1 >= n {
            low
        } else {
            low + (h - lower as f64) * (high - low)
        }
    };
    let (h5, lower5) = position(0.05);
    let (h50, lower50) = position(0.50);
    let (h95, lower95) = position(0.95);
    let (below, &mut median, above) = data.select_nth_unstable_by(lower50, f64::total_cmp);
    let next_above = smallest(above);
    let p50 = interpolate(h50, lower50, median, next_above);
    let p5 = if lower5 == lower50 {
        interpolate(h5, lower5, median, next_above)
    } else {
        let (_, &mut low, rest) = below.select_nth_unstable_by(lower5, f64::total_cmp);
        let high = if rest.is_empty() {
            median
        } else {
            smallest(rest)
        };
        interpolate(h5, lower5, low, high)
    };
    let p95 = if lower95 == lower50 {
        interpolate(h95, lower95, median, next_above)
    } else {
        let (_, &mut low, rest) =
            above.select_nth_unstable_by(lower95 - lower50 - 1, f64::total_cmp);
        interpolate(h95, lower95, low, smallest(rest))
    };
    [p5, p50, p95]
}

/// Summary of draws (reorders them) with the central value given.
pub fn summarise(central: f64, draws: &mut [f64]) -> Stats {
    let count = draws.len() as f64;
    let mut mean = draws.iter().sum::<f64>() / count;
    if mean.is_infinite() {
        // The sum of huge (but finite) draws can overflow when their mean does not.
        mean = draws.iter().map(|draw| draw / count).sum::<f64>();
    }
    let min = draws.iter().copied().fold(f64::INFINITY, f64::min);
    let max = draws.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let [p5, p50, p95] = three_quantiles(draws);
    Stats {
        central,
        mean,
        p5,
        p50,
        p95,
        min,
        max,
    }
}

/// Average ranks (1-based) of the values, ties sharing their mean rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        let rank = (start + end + 1) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson correlation of two equal-length series (NaN if either is constant).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean_x = x.iter().sum::<f64>() / n;
    let mean_y = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mean_x, b - mean_y);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        f64::NAN
    } else {
        (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0)
    }
}

/// What to compute besides the summaries.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Periods for which to compute tornado swings and rank correlations.
    pub sensitivity: Vec<Option<i32>>,
    /// (indicator, period) whose sorted draws to keep (for a histogram).
    pub keep: Vec<(Indicator, Option<i32>)>,
}

/// Propagates the plan's uncertainty: summaries for every period and indicator, plus the
/// requested sensitivity analysis and kept draws. Panics if the memory for the draws cannot be
/// had: see [`try_run`] for the error instead.
pub fn run(plan: &Plan, config: McConfig, extras: &Extras) -> Outcome {
    try_run(plan, config, extras).unwrap_or_else(|error| panic!("{error}"))
}

/// Evaluates every draw of one period into `columns` (one per available indicator, each
/// `samples` long), chunk by chunk in parallel, each chunk writing its own part in place.
fn fill_period(
    plan: &Plan,
    year: Option<i32>,
    draws: &[Vec<f64>],
    uncertain: &[usize],
    central_values: &[f64],
    available: &[Indicator],
    columns: &mut [Vec<f64>],
) {
    let Some(samples) = columns.first().map(Vec::len) else {
        return;
    };
    let mut parts: Vec<Vec<&mut [f64]>> = (0..samples.div_ceil(CHUNK))
        .map(|_| Vec::with_capacity(columns.len()))
        .collect();
    for values in columns.iter_mut() {
        for (chunk, part) in values.chunks_mut(CHUNK).enumerate() {
            parts[chunk].push(part);
        }
    }
    parts
        .into_par_iter()
        .enumerate()
        .for_each(|(chunk, mut parts)| {
            let start = chunk * CHUNK;
            let mut values = central_values.to_vec();
            for offset in 0..parts[0].len() {
                for &input in uncertain {
                    values[input] = draws[input][start + offset];
                }
                let result = plan.evaluate(year, &values);
                for (part, indicator) in parts.iter_mut().zip(available) {
                    part[offset] = result[indicator.index()];
                }
            }
        });
}

/// Like [`run`], with an error when the memory for the draws cannot be had. The periods are
/// computed one after another, each summarised (ranked, kept) before the next, so memory grows
/// with the inputs' draws and one period's columns, not with every period's.
pub fn try_run(plan: &Plan, config: McConfig, extras: &Extras) -> Result<Outcome, McError> {
    let periods = plan.periods();
    let available = plan.available();
    let central_values = plan.central_values();
    let uncertain: Vec<usize> = (0..plan.inputs.len())
        .filter(|&index| plan.inputs[index].is_uncertain())
        .collect();
    let central_out: Vec<[f64; N_INDICATORS]> = periods
        .iter()
        .map(|&year| plan.evaluate(year, &central_values))
        .collect();

    let samples = if uncertain.is_empty() {
        1
    } else {
        config.samples.max(2)
    };
    let config = McConfig { samples, ..config };
    let draws = if uncertain.is_empty() {
        vec![Vec::new(); plan.inputs.len()]
    } else {
        try_draw_inputs(plan, config)?
    };
    let position = |year: Option<i32>| periods.iter().position(|p| *p == year);
    let sensitivity: Vec<Option<usize>> = extras.sensitivity.iter().map(|&y| position(y)).collect();
    let keep: Vec<Option<(usize, usize)>> = extras
        .keep
        .iter()
        .map(|&(indicator, year)| {
            let slot = available.iter().position(|a| *a == indicator)?;
            Some((position(year)?, slot))
        })
        .collect();

    let mut columns = (0..available.len())
        .map(|_| column(samples, samples))
        .collect::<Result<Vec<_>, _>>()?;
    // Ranks of each input's draws, computed once, when the first sensitivity period needs them.
    let mut input_ranks: Option<Vec<Vec<f64>>> = None;
    let mut period_correlations: Vec<Vec<Correlation>> = vec![Vec::new(); periods.len()];
    let mut kept_draws: Vec<Option<Vec<f64>>> = vec![None; keep.len()];
    let mut stats = Vec::with_capacity(periods.len());
    for (period, &year) in periods.iter().enumerate() {
        fill_period(
            plan,
            year,
            &draws,
            &uncertain,
            &central_values,
            &available,
            &mut columns,
        );
        // Rank correlations need the draws in sample order, so they come before the
        // summaries (which reorder the draws).
        if !uncertain.is_empty() && sensitivity.contains(&Some(period)) {
            let input_ranks = input_ranks.get_or_insert_with(|| {
                uncertain
                    .par_iter()
                    .map(|&input| ranks(&draws[input]))
                    .collect()
            });
            period_correlations[period] = columns
                .par_iter()
                .zip(&available)
                .map(|(values, indicator)| {
                    let output_ranks = ranks(values);
                    uncertain
                        .iter()
                        .zip(input_ranks.iter())
                        .map(|(&input, input_rank)| Correlation {
                            input,
                            year,
                            indicator: *indicator,
                            rho: pearson(input_rank, &output_ranks),
                        })
                        .collect::<Vec<_>>()
                })
                .flatten_iter()
                .collect();
        }
        for (kept, wanted) in kept_draws.iter_mut().zip(&keep) {
            if let Some((kept_period, slot)) = *wanted
                && kept_period == period
            {
                let mut sorted = Vec::new();
                sorted
                    .try_reserve_exact(samples)
                    .map_err(|_| McError::OutOfMemory { samples })?;
                sorted.extend_from_slice(&columns[slot]);
                sorted.sort_by(f64::total_cmp);
                *kept = Some(sorted);
            }
        }
        let summaries: Vec<Stats> = columns
            .par_iter_mut()
            .zip(&available)
            .map(|(values, indicator)| {
                let central = central_out[period][indicator.index()];
                if uncertain.is_empty() {
                    Stats::exact(central)
                } else {
                    summarise(central, values)
                }
            })
            .collect();
        let mut row = [None; N_INDICATORS];
        for (summary, indicator) in summaries.into_iter().zip(&available) {
            row[indicator.index()] = Some(summary);
        }
        stats.push(row);
    }
    drop(columns);

    let correlations = sensitivity
        .iter()
        .flatten()
        .flat_map(|&period| period_correlations[period].iter().cloned())
        .collect();

    let mut swings = Vec::new();
    for &year in &extras.sensitivity {
        let Some(period) = position(year) else {
            continue;
        };
        for &input in &uncertain {
            let at = |p: f64| {
                let mut values = central_values.clone();
                values[input] = if plan.inputs[input].is_level {
                    p
                } else {
                    plan.inputs[input].dist.quantile(p)
                };
                (values[input], plan.evaluate(year, &values))
            };
            let (input_low, low) = at(0.05);
            let (input_high, high) = at(0.95);
            for indicator in &available {
                swings.push(Swing {
                    input,
                    year,
                    indicator: *indicator,
                    input_low,
                    input_high,
                    output_low: low[indicator.index()],
                    output_high: high[indicator.index()],
                    central: central_out[period][indicator.index()],
                });
            }
        }
    }

    let kept = extras
        .keep
        .iter()
        .zip(kept_draws)
        .filter_map(|(&(indicator, year), sorted)| Some((indicator, year, sorted?)))
        .collect();

    Ok(Outcome {
        periods,
        available,
        stats,
        swings,
        correlations,
        kept,
        samples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::Dist;
    use crate::model::{Boundary, EnergyPlan, Input, Series, WaterBasis};

    fn input(key: &str, dist: Dist) -> Input {
        Input {
            key: key.into(),
            label: key.into(),
            dist,
            unit: "",
            show_scale: 1.0,
            sources: vec![],
            origin: "test".into(),
            is_level: false,
            label_fr: key.into(),
            role: crate::model::Role::Energy,
            verification: None,
        }
    }

    fn plan() -> Plan {
        Plan {
            inputs: vec![
                input("energy", Dist::uniform(900.0, 1100.0).unwrap()),
                input("pue", Dist::triangular(1.1, 1.2, 1.6).unwrap()),
                input("wue", Dist::fixed(0.5).unwrap()),
                input("ewif", Dist::uniform(2.0, 4.0).unwrap()),
            ],
            energy: EnergyPlan::Direct {
                energy: Series::Constant(0),
            },
            boundary: Boundary::It,
            pue: Some(Series::Constant(1)),
            wue: Some(Series::Constant(2)),
            ewif: Some(Series::Constant(3)),
            carbon_intensity: None,
            reference: None,
            ewif_withdrawal: None,
            onsite_basis: WaterBasis::Consumption,
            years: None,
            embodied: None,
            parts: None,
        }
    }

    #[test]
    fn quantiles_are_type_7() {
        // Excel: PERCENTILE.INC({1,2,3,4,5,6,7,8,9,10}, 0.05) = 1.45, 0.95 → 9.55, 0.5 → 5.5
        let data: Vec<f64> = (1..=10).map(f64::from).collect();
        assert!((quantile_sorted(&data, 0.05) - 1.45).abs() < 1e-12);
        assert!((quantile_sorted(&data, 0.95) - 9.55).abs() < 1e-12);
        let mut shuffled = vec![7.0, 3.0, 10.0, 1.0, 5.0, 2.0, 9.0, 4.0, 8.0, 6.0];
        assert!((quantile_unsorted(&mut shuffled, 0.5) - 5.5).abs() < 1e-12);
        assert!((quantile_unsorted(&mut shuffled, 0.95) - 9.55).abs() < 1e-12);
        assert_eq!(quantile_unsorted(&mut [3.0], 0.95), 3.0);
    }

    #[test]
    fn same_seed_same_results_and_order_independent_of_threads() {
        let plan = plan();
        let config = McConfig {
            samples: 5000,
            seed: 42,
        };
        let a = run(&plan, config, &Extras::default());
        let single = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let b = single.install(|| run(&plan, config, &Extras::default()));
        assert_eq!(a.stats, b.stats);
        let other = run(
            &plan,
            McConfig {
                samples: 5000,
                seed: 43,
            },
            &Extras::default(),
        );
        assert_ne!(a.stats, other.stats);
    }

    #[test]
    fn summaries_are_ordered_and_totals_add_up() {
        let outcome = run(&plan(), McConfig::default(), &Extras::default());
        for index in outcome.available.iter().map(|i| i.index()) {
            let stats = outcome.stats[0][index].unwrap();
            assert!(stats.min <= stats.p5 && stats.p5 <= stats.p50 && stats.p50 <= stats.p95);
            assert!(stats.p95 <= stats.max);
            assert!(stats.central >= stats.min && stats.central <= stats.max);
        }
        let total = outcome.get(Indicator::TotalWater, None).unwrap();
        let onsite = outcome.get(Indicator::OnsiteWater, None).unwrap();
        let offsite = outcome.get(Indicator::OffsiteWater, None).unwrap();
        assert!((total.mean - onsite.mean - offsite.mean).abs() < 1e-6 * total.mean);
        assert!((total.central - onsite.central - offsite.central).abs() < 1e-9);
    }

    #[test]
    fn monte_carlo_mean_matches_the_analytic_mean() {
        // E[E × PUE] = E[E] × E[PUE] for independent inputs: 1000 × 1.3.
        let outcome = run(&plan(), McConfig::default(), &Extras::default());
        let facility = outcome.get(Indicator::FacilityEnergy, None).unwrap();
        assert!((facility.mean - 1300.0).abs() < 3.0, "{}", facility.mean);
        assert!((facility.central - 1200.0).abs() < 1e-9);
    }

    #[test]
    fn sensitivity_ranks_the_inputs() {
        let extras = Extras {
            sensitivity: vec![None],
            keep: vec![(Indicator::OffsiteWater, None)],
        };
        let outcome = run(&plan(), McConfig::default(), &extras);
        let swing = |input: usize| {
            outcome
                .swings
                .iter()
                .find(|s| s.input == input && s.indicator == Indicator::OffsiteWater)
                .unwrap()
                .width()
        };
        // Off-site water = E × PUE × EWIF: EWIF (2–4) swings far more than E (±10 %).
        assert!(swing(3) > swing(1) && swing(1) > swing(0));
        // The fixed WUE has no swing row at all.
        assert!(outcome.swings.iter().all(|s| s.input != 2));
        let rho = |input: usize, indicator: Indicator| {
            outcome
                .correlations
                .iter()
                .find(|c| c.input == input && c.indicator == indicator)
                .unwrap()
                .rho
        };
        assert!(rho(3, Indicator::OffsiteWater) > 0.7);
        assert!(rho(3, Indicator::OnsiteWater).abs() < 0.05);
        let kept = &outcome.kept[0].2;
        assert_eq!(kept.len(), DEFAULT_SAMPLES);
        assert!(kept.windows(2).all(|pair| pair[0] <= pair[1]));
    }

    #[test]
    fn overflowing_results_are_flagged() {
        let mut huge = plan();
        huge.inputs[0] = input("energy", Dist::uniform(1e306, 1e307).unwrap());
        huge.inputs[3] = input("ewif", Dist::fixed(1e3).unwrap());
        let config = McConfig {
            samples: 64,
            seed: 1,
        };
        let outcome = run(&huge, config, &Extras::default());
        // IT energy, at most 1e307, is finite, and so is its mean.
        assert_eq!(
            outcome.first_non_finite(),
            Some((Indicator::OffsiteWater, None))
        );
        assert!(
            outcome
                .get(Indicator::ItEnergy, None)
                .unwrap()
                .mean
                .is_finite()
        );
        assert_eq!(
            run(&plan(), config, &Extras::default()).first_non_finite(),
            None
        );
    }

    #[test]
    fn sample_counts_are_bounded() {
        assert!(check_samples(1).is_err());
        assert!(check_samples(2).is_ok());
        assert!(check_samples(MAX_SAMPLES).is_ok());
        let error = check_samples(usize::MAX).unwrap_err();
        assert_eq!(error, SampleCountError::TooMany(usize::MAX));
        assert!(error.hint().is_some_and(|hint| hint.contains("10000")));
        assert_eq!(check_samples(0), Err(SampleCountError::TooFew));
    }

    #[test]
    fn fixed_plans_skip_sampling() {
        let mut fixed = plan();
        for input in &mut fixed.inputs {
            input.dist = Dist::fixed(input.dist.central()).unwrap();
        }
        let outcome = run(&fixed, McConfig::default(), &Extras::default());
        assert_eq!(outcome.samples, 1);
        let stats = outcome.get(Indicator::FacilityEnergy, None).unwrap();
        assert_eq!(stats.p5, stats.p95);
        assert!(!stats.is_uncertain());
    }

    #[test]
    fn one_selection_gives_the_three_quantiles_of_three() {
        use rand::Rng;
        let mut rng = stream(7, "quantiles", 0);
        for n in (1..=64).chain([100, 1000, 1001, 4097]) {
            for levels in [3, 1000, usize::MAX] {
                // Few levels give many ties; usize::MAX gives (almost) none.
                let data: Vec<f64> = (0..n)
                    .map(|_| (rng.next_u64() % levels.min(1 << 40) as u64) as f64 - 1.5)
                    .collect();
                let expected: Vec<u64> = [0.05, 0.50, 0.95]
                    .map(|p| quantile_unsorted(&mut data.clone(), p).to_bits())
                    .to_vec();
                let got: Vec<u64> = three_quantiles(&mut data.clone())
                    .map(f64::to_bits)
                    .to_vec();
                assert_eq!(got, expected, "n = {n}, levels = {levels}");
            }
        }
        assert!(three_quantiles(&mut []).iter().all(|q| q.is_nan()));
    }

    #[test]
    fn draws_that_cannot_fit_in_memory_are_an_error() {
        let samples = usize::MAX / 4;
        let error =
            try_run(&plan(), McConfig { samples, seed: 1 }, &Extras::default()).unwrap_err();
        assert_eq!(error, McError::OutOfMemory { samples });
        let message = crate::error::Error::from(error);
        assert_eq!(message.exit_code(), 1);
        assert_eq!(
            message.to_string(),
            format!(
                "not enough memory for {samples} draws: try --samples {}",
                samples / 10
            )
        );
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 30.0]), vec![1.5, 3.0, 1.5, 4.0]);
        assert!((pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]) - 1.0).abs() < 1e-12);
        assert!(pearson(&[1.0, 1.0], &[1.0, 2.0]).is_nan());
    }
}
