//! Probability distributions for uncertain inputs, built on statrs.
//!
//! Every numeric input of dcfoot is a [`Dist`]: a fixed value or one of uniform, triangular,
//! PERT, normal (truncated at physical bounds) and lognormal. Constructors validate their
//! parameters once, so an invalid distribution cannot exist. Values are held in the base unit
//! of the input's dimension (see [`crate::units`]).
//!
//! The *central value* of a distribution is what a reader would call "the published figure":
//! the value itself for a fixed input, the mode for triangular and PERT, the mean for a normal,
//! the median for a lognormal and the midpoint for a uniform range.
//!
//! Distributions sit below the model (which holds them as inputs); the Monte Carlo engine that
//! draws from them sits above it, in [`crate::uncertainty`]. The one-line syntax users write
//! distributions in (`1.1..1.6`, `tri:1.1,1.2,1.6`) is parsed by [`spec`].
//!
//! The PERT distribution follows Vose (2008), *Risk Analysis*, §9.1.3: a Beta(α, β) rescaled to
//! [min, max] with α = 1 + 4 (mode − min)/(max − min) and β = 1 + 4 (max − mode)/(max − min).

pub mod spec;

use rand::Rng;
use rand::distr::Distribution as _;
use statrs::distribution::{Beta, ContinuousCDF, LogNormal, Normal};
use statrs::statistics::Distribution as _;

use crate::number::trim_float;

/// Why a distribution cannot be built or parsed: one sentence, shown after the flag, key or
/// dataset row it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DistError(String);

impl DistError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        DistError(message.into())
    }
}

impl From<String> for DistError {
    fn from(message: String) -> Self {
        DistError(message)
    }
}

/// The message, for callers that word it into their own error.
impl From<DistError> for String {
    fn from(error: DistError) -> Self {
        error.0
    }
}

/// z-score of the 95th percentile of a standard normal (used for p5/p95 parameterisations).
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// An uncertain (or fixed) input value, in base units.
#[derive(Debug, Clone)]
pub enum Dist {
    /// A single known value.
    Fixed(f64),
    /// Uniform on [min, max].
    Uniform {
        /// Lower end.
        min: f64,
        /// Upper end.
        max: f64,
    },
    /// Triangular with the given mode.
    Triangular {
        /// Lower end.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper end.
        max: f64,
    },
    /// PERT (a rescaled Beta with λ = 4).
    Pert {
        /// Lower end.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper end.
        max: f64,
        /// The Beta shape on [0, 1].
        shape: Beta,
    },
    /// Normal, optionally truncated to [lower, upper].
    Normal {
        /// Mean of the untruncated normal.
        mean: f64,
        /// Standard deviation of the untruncated normal.
        sd: f64,
        /// Lower truncation bound.
        lower: f64,
        /// Upper truncation bound.
        upper: f64,
        /// The untruncated normal.
        normal: Normal,
        /// CDF at the lower bound.
        cdf_lower: f64,
        /// CDF at the upper bound.
        cdf_upper: f64,
    },
    /// Lognormal: ln X is normal with mean `mu` and standard deviation `sigma`.
    LogNormal {
        /// Mean of ln X.
        mu: f64,
        /// Standard deviation of ln X.
        sigma: f64,
        /// The statrs distribution.
        lognormal: LogNormal,
    },
}

fn finite(name: &str, value: f64) -> Result<f64, DistError> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(DistError::new(format!(
            "`{name}` must be a finite number, got {value}"
        )))
    }
}

/// Checks that every named parameter is a finite number.
fn finite_all(params: &[(&str, f64)]) -> Result<(), DistError> {
    params
        .iter()
        .try_for_each(|&(name, value)| finite(name, value).map(drop))
}

/// Fails with `message` unless the parameters satisfy a condition.
fn require(holds: bool, message: impl FnOnce() -> String) -> Result<(), DistError> {
    if holds {
        Ok(())
    } else {
        Err(DistError::new(message()))
    }
}

impl Dist {
    /// A fixed value.
    pub fn fixed(value: f64) -> Result<Dist, DistError> {
        Ok(Dist::Fixed(finite("value", value)?))
    }

    /// Uniform on [min, max]; `min < max` is required.
    pub fn uniform(min: f64, max: f64) -> Result<Dist, DistError> {
        finite_all(&[("min", min), ("max", max)])?;
        require(min < max, || {
            format!("uniform needs min < max, got min = {min} and max = {max}")
        })?;
        Ok(Dist::Uniform { min, max })
    }

    /// Triangular with `min <= mode <= max` and `min < max`.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        check_three("triangular", min, mode, max)?;
        Ok(Dist::Triangular { min, mode, max })
    }

    /// PERT with `min <= mode <= max` and `min < max`.
    pub fn pert(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        check_three("pert", min, mode, max)?;
        let range = max - min;
        let alpha = 1.0 + 4.0 * (mode - min) / range;
        let beta = 1.0 + 4.0 * (max - mode) / range;
        let shape = Beta::new(alpha, beta).map_err(|error| format!("pert: {error}"))?;
        Ok(Dist::Pert {
            min,
            mode,
            max,
            shape,
        })
    }

    /// Normal with mean and standard deviation, truncated to [lower, upper] (use infinities for
    /// no truncation). At least 1 % of the probability must lie inside the bounds.
    pub fn normal(mean: f64, sd: f64, lower: f64, upper: f64) -> Result<Dist, DistError> {
        finite_all(&[("mean", mean), ("sd", sd)])?;
        require(sd > 0.0, || format!("normal needs sd > 0, got sd = {sd}"))?;
        // NaN bounds fail the comparison too.
        require(lower < upper, || {
            format!("normal truncation needs min < max, got {lower} and {upper}")
        })?;
        let normal = Normal::new(mean, sd).map_err(|error| format!("normal: {error}"))?;
        let cdf_lower = if lower == f64::NEG_INFINITY {
            0.0
        } else {
            normal.cdf(lower)
        };
        let cdf_upper = if upper == f64::INFINITY {
            1.0
        } else {
            normal.cdf(upper)
        };
        if cdf_upper - cdf_lower < 0.01 {
            return Err(DistError::new(format!(
                "normal(mean = {mean}, sd = {sd}) puts less than 1% of its probability inside \
                 the allowed range [{lower}, {upper}]"
            )));
        }
        Ok(Dist::Normal {
            mean,
            sd,
            lower,
            upper,
            normal,
            cdf_lower,
            cdf_upper,
        })
    }

    /// Lognormal from the mean and standard deviation of ln X.
    pub fn lognormal(mu: f64, sigma: f64) -> Result<Dist, DistError> {
        finite_all(&[("mu", mu), ("sigma", sigma)])?;
        require(sigma > 0.0, || {
            format!("lognormal needs a spread > 0, got sigma = {sigma}")
        })?;
        let lognormal = LogNormal::new(mu, sigma).map_err(|error| format!("lognormal: {error}"))?;
        Ok(Dist::LogNormal {
            mu,
            sigma,
            lognormal,
        })
    }

    /// Lognormal from its median and geometric standard deviation (GSD > 1).
    pub fn lognormal_median_gsd(median: f64, gsd: f64) -> Result<Dist, DistError> {
        finite_all(&[("median", median), ("gsd", gsd)])?;
        require(median > 0.0, || {
            format!("lognormal needs median > 0, got {median}")
        })?;
        require(gsd > 1.0, || {
            format!("lognormal needs a geometric standard deviation gsd > 1, got {gsd}")
        })?;
        Dist::lognormal(median.ln(), gsd.ln())
    }

    /// Lognormal whose 5th and 95th percentiles are `p5` and `p95` (0 < p5 < p95).
    pub fn lognormal_p5_p95(p5: f64, p95: f64) -> Result<Dist, DistError> {
        finite_all(&[("p5", p5), ("p95", p95)])?;
        require(p5 > 0.0 && p5 < p95, || {
            format!("lognormal needs 0 < p5 < p95, got p5 = {p5} and p95 = {p95}")
        })?;
        let mu = (p5.ln() + p95.ln()) / 2.0;
        let sigma = (p95.ln() - p5.ln()) / (2.0 * Z95);
        Dist::lognormal(mu, sigma)
    }

    /// The value a reader would call "the published figure" (see the module docs).
    pub fn central(&self) -> f64 {
        match self {
            Dist::Fixed(value) => *value,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { mode, .. } | Dist::Pert { mode, .. } => *mode,
            Dist::Normal {
                mean, lower, upper, ..
            } => mean.clamp(*lower, *upper),
            Dist::LogNormal { mu, .. } => mu.exp(),
        }
    }

    /// True for a fixed value.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Dist::Fixed(_))
    }

    /// Draws one value.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Dist::Fixed(value) => *value,
            Dist::Uniform { min, max } => min + (max - min) * unit_open(rng),
            Dist::Triangular { .. } => self.quantile(unit_open(rng)),
            Dist::Pert {
                min, max, shape, ..
            } => min + (max - min) * shape.sample(rng),
            Dist::Normal {
                normal,
                lower,
                upper,
                cdf_lower,
                cdf_upper,
                ..
            } => {
                // Rejection is exact and fast while most of the mass is inside the bounds;
                // otherwise fall back to the inverse CDF.
                if cdf_upper - cdf_lower > 0.5 {
                    loop {
                        let draw = normal.sample(rng);
                        if draw >= *lower && draw <= *upper {
                            return draw;
                        }
                    }
                }
                self.quantile(unit_open(rng))
            }
            Dist::LogNormal { lognormal, .. } => lognormal.sample(rng),
        }
    }

    /// The value below which a fraction `p` of the distribution lies (inverse CDF), for p in
    /// (0, 1). Values of `p` outside are clamped.
    pub fn quantile(&self, p: f64) -> f64 {
        let p = p.clamp(1e-12, 1.0 - 1e-12);
        match self {
            Dist::Fixed(value) => *value,
            Dist::Uniform { min, max } => min + (max - min) * p,
            Dist::Triangular { min, mode, max } => {
                let range = max - min;
                let cut = (mode - min) / range;
                if p < cut {
                    min + (p * range * (mode - min)).sqrt()
                } else {
                    max - ((1.0 - p) * range * (max - mode)).sqrt()
                }
            }
            Dist::Pert {
                min, max, shape, ..
            } => min + (max - min) * shape.inverse_cdf(p),
            Dist::Normal {
                normal,
                lower,
                upper,
                cdf_lower,
                cdf_upper,
                ..
            } => normal
                .inverse_cdf(cdf_lower + p * (cdf_upper - cdf_lower))
                .clamp(*lower, *upper),
            Dist::LogNormal { lognormal, .. } => lognormal.inverse_cdf(p),
        }
    }

    /// The analytic mean (used as a test oracle and in reports).
    pub fn mean(&self) -> f64 {
        match self {
            Dist::Fixed(value) => *value,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert { min, mode, max, .. } => (min + 4.0 * mode + max) / 6.0,
            Dist::Normal {
                mean,
                sd,
                lower,
                upper,
                cdf_lower,
                cdf_upper,
                ..
            } => {
                // Mean of a truncated normal: μ + σ (φ(a) − φ(b)) / (Φ(b) − Φ(a)).
                let density = |x: f64| {
                    if x.is_infinite() {
                        0.0
                    } else {
                        let z = (x - mean) / sd;
                        (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
                    }
                };
                mean + sd * (density(*lower) - density(*upper)) / (cdf_upper - cdf_lower)
            }
            Dist::LogNormal { lognormal, .. } => lognormal.mean().unwrap_or(f64::NAN),
        }
    }

    /// The smallest and largest values the distribution can take (infinite if unbounded).
    pub fn support(&self) -> (f64, f64) {
        match self {
            Dist::Fixed(value) => (*value, *value),
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Pert { min, max, .. } => (*min, *max),
            Dist::Normal { lower, upper, .. } => (*lower, *upper),
            Dist::LogNormal { .. } => (0.0, f64::INFINITY),
        }
    }

    /// The same distribution with every value multiplied by `factor` (> 0), e.g. for a unit
    /// conversion.
    pub fn scaled(&self, factor: f64) -> Dist {
        debug_assert!(factor > 0.0 && factor.is_finite());
        // The constructors cannot fail on a valid distribution scaled by a positive factor.
        let rebuilt = match self {
            Dist::Fixed(value) => Dist::fixed(value * factor),
            Dist::Uniform { min, max } => Dist::uniform(min * factor, max * factor),
            Dist::Triangular { min, mode, max } => {
                Dist::triangular(min * factor, mode * factor, max * factor)
            }
            Dist::Pert { min, mode, max, .. } => {
                Dist::pert(min * factor, mode * factor, max * factor)
            }
            Dist::Normal {
                mean,
                sd,
                lower,
                upper,
                ..
            } => Dist::normal(mean * factor, sd * factor, lower * factor, upper * factor),
            Dist::LogNormal { mu, sigma, .. } => Dist::lognormal(mu + factor.ln(), *sigma),
        };
        rebuilt.unwrap_or_else(|_| self.clone())
    }

    /// Checks the distribution stays within physical bounds [lower, upper]; a normal is
    /// truncated to them instead. Returns the (possibly truncated) distribution.
    pub fn within(self, lower: f64, upper: f64) -> Result<Dist, DistError> {
        let (min, max) = self.support();
        match &self {
            Dist::Normal {
                mean,
                sd,
                lower: own_lower,
                upper: own_upper,
                ..
            } => {
                let new_lower = own_lower.max(lower);
                let new_upper = own_upper.min(upper);
                if new_lower == *own_lower && new_upper == *own_upper {
                    Ok(self)
                } else {
                    Dist::normal(*mean, *sd, new_lower, new_upper)
                }
            }
            Dist::LogNormal { .. } if lower > 0.0 => Err(DistError::new(format!(
                "a lognormal can take any value above 0, but this input cannot be below \
                 {lower}; use a triangular, PERT or (truncated) normal distribution"
            ))),
            _ if min < lower => Err(DistError::new(format!(
                "{} is below the smallest possible value {lower}",
                trim_float(min)
            ))),
            _ if max > upper => Err(DistError::new(format!(
                "{} is above the largest possible value {upper}",
                trim_float(max)
            ))),
            _ => Ok(self),
        }
    }

    /// A one-line description in the flag syntax (in base units), for tables and notes.
    pub fn describe(&self) -> String {
        match self {
            Dist::Fixed(value) => trim_float(*value),
            Dist::Uniform { min, max } => {
                format!("uniform({}..{})", trim_float(*min), trim_float(*max))
            }
            Dist::Triangular { min, mode, max } => format!(
                "triangular(min {}, mode {}, max {})",
                trim_float(*min),
                trim_float(*mode),
                trim_float(*max)
            ),
            Dist::Pert { min, mode, max, .. } => format!(
                "PERT(min {}, mode {}, max {})",
                trim_float(*min),
                trim_float(*mode),
                trim_float(*max)
            ),
            Dist::Normal {
                mean,
                sd,
                lower,
                upper,
                ..
            } => {
                let mut text = format!("normal(mean {}, sd {}", trim_float(*mean), trim_float(*sd));
                if lower.is_finite() {
                    text.push_str(&format!(", min {}", trim_float(*lower)));
                }
                if upper.is_finite() {
                    text.push_str(&format!(", max {}", trim_float(*upper)));
                }
                text.push(')');
                text
            }
            Dist::LogNormal { mu, sigma, .. } => format!(
                "lognormal(median {}, gsd {})",
                trim_float(mu.exp()),
                trim_float(sigma.exp())
            ),
        }
    }
}

fn check_three(name: &str, min: f64, mode: f64, max: f64) -> Result<(), DistError> {
    finite_all(&[("min", min), ("mode", mode), ("max", max)])?;
    require(min < max, || {
        format!("{name} needs min < max, got min = {min} and max = {max}")
    })?;
    require((min..=max).contains(&mode), || {
        format!("{name} needs min <= mode <= max, got min = {min}, mode = {mode}, max = {max}")
    })
}

/// A uniform draw in the open interval (0, 1), from 53 random bits.
#[inline]
pub fn unit_open<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    const N: usize = 200_000;

    /// Sample mean, p5 and p95 of `n` draws.
    fn sample_stats(dist: &Dist) -> (f64, f64, f64) {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut draws: Vec<f64> = (0..N).map(|_| dist.sample(&mut rng)).collect();
        draws.sort_by(f64::total_cmp);
        let mean = draws.iter().sum::<f64>() / N as f64;
        let at = |p: f64| draws[((N - 1) as f64 * p).round() as usize];
        (mean, at(0.05), at(0.95))
    }

    fn assert_close(what: &str, got: f64, want: f64, tolerance: f64) {
        assert!(
            (got - want).abs() <= tolerance,
            "{what}: got {got}, want {want} ± {tolerance}"
        );
    }

    /// Checks the sample mean, p5 and p95 against the analytic values (mean from `mean()`,
    /// quantiles from closed forms given by the caller).
    fn check(dist: Dist, p5: f64, p95: f64, tolerance: f64) {
        let (mean, sample_p5, sample_p95) = sample_stats(&dist);
        assert_close("mean", mean, dist.mean(), tolerance);
        assert_close("p5", sample_p5, p5, tolerance);
        assert_close("p95", sample_p95, p95, tolerance);
        assert_close(
            "quantile(0.05)",
            dist.quantile(0.05),
            p5,
            1e-9 * p5.abs().max(1.0),
        );
        assert_close(
            "quantile(0.95)",
            dist.quantile(0.95),
            p95,
            1e-9 * p95.abs().max(1.0),
        );
    }

    #[test]
    fn uniform_matches_analytic_values() {
        // p5 = 1 + 0.05 * 1, p95 = 1 + 0.95 * 1
        check(Dist::uniform(1.0, 2.0).unwrap(), 1.05, 1.95, 0.005);
    }

    #[test]
    fn triangular_matches_analytic_values() {
        // min 1.1, mode 1.2, max 1.6: F(mode) = 0.1/0.5 = 0.2
        // p5 = 1.1 + sqrt(0.05 * 0.5 * 0.1) = 1.15; p95 = 1.6 - sqrt(0.05 * 0.5 * 0.4) = 1.5
        let dist = Dist::triangular(1.1, 1.2, 1.6).unwrap();
        assert_close("mean", dist.mean(), 1.3, 1e-12);
        check(dist, 1.15, 1.5, 0.003);
    }

    #[test]
    fn pert_matches_analytic_values() {
        // Symmetric PERT(0, 5, 10) is 10 * Beta(3, 3); mean 5. Beta(3,3) p95 = 0.8107
        // (regularised incomplete beta; value from any statistics table).
        let dist = Dist::pert(0.0, 5.0, 10.0).unwrap();
        assert_close("mean", dist.mean(), 5.0, 1e-12);
        check(
            dist,
            10.0 * (1.0 - 0.810_744_622_562_228_9),
            10.0 * 0.810_744_622_562_228_9,
            0.02,
        );
        let skewed = Dist::pert(0.24, 0.34, 2.9).unwrap();
        assert_close(
            "mean",
            skewed.mean(),
            (0.24 + 4.0 * 0.34 + 2.9) / 6.0,
            1e-12,
        );
        let (mean, _, _) = sample_stats(&skewed);
        assert_close("sample mean", mean, skewed.mean(), 0.005);
    }

    #[test]
    fn normal_matches_analytic_values() {
        check(
            Dist::normal(10.0, 2.0, f64::NEG_INFINITY, f64::INFINITY).unwrap(),
            10.0 - 2.0 * Z95,
            10.0 + 2.0 * Z95,
            0.02,
        );
    }

    #[test]
    fn truncated_normal_stays_in_bounds_and_has_the_truncated_mean() {
        // PUE ~ N(1.1, 0.1) truncated at 1: half-normal-like left tail cut.
        let dist = Dist::normal(1.1, 0.1, 1.0, f64::INFINITY).unwrap();
        // Mean of N(μ, σ) truncated below at μ − σ: μ + σ φ(−1)/(1 − Φ(−1)) = 1.1 + 0.1 * 0.2876
        assert_close(
            "analytic mean",
            dist.mean(),
            1.1 + 0.1 * 0.241_970_7 / 0.841_344_7,
            1e-6,
        );
        let (mean, p5, _) = sample_stats(&dist);
        assert_close("sample mean", mean, dist.mean(), 0.002);
        assert!(p5 >= 1.0);
        assert_close("p5", p5, dist.quantile(0.05), 0.002);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert!((0..10_000).all(|_| dist.sample(&mut rng) >= 1.0));
        // Heavily truncated: the inverse-CDF path.
        let tail = Dist::normal(0.0, 1.0, 1.5, f64::INFINITY).unwrap();
        let (tail_mean, _, _) = sample_stats(&tail);
        assert_close("tail mean", tail_mean, tail.mean(), 0.01);
    }

    #[test]
    fn lognormal_matches_analytic_values() {
        let dist = Dist::lognormal_p5_p95(0.24, 2.9).unwrap();
        assert_close(
            "central is the median",
            dist.central(),
            (0.24f64 * 2.9).sqrt(),
            1e-12,
        );
        check(dist, 0.24, 2.9, 0.02);
        let by_gsd = Dist::lognormal_median_gsd(1.0, 2.0).unwrap();
        assert_close("p95", by_gsd.quantile(0.95), 2f64.powf(Z95), 1e-9);
    }

    #[test]
    fn constructors_reject_invalid_parameters() {
        assert!(Dist::uniform(2.0, 1.0).is_err());
        assert!(Dist::uniform(1.0, 1.0).is_err());
        assert!(Dist::triangular(1.0, 3.0, 2.0).is_err());
        assert!(Dist::pert(1.0, 0.5, 2.0).is_err());
        assert!(Dist::normal(1.0, 0.0, f64::NEG_INFINITY, f64::INFINITY).is_err());
        assert!(Dist::normal(0.0, 1.0, 5.0, f64::INFINITY).is_err());
        assert!(Dist::lognormal_p5_p95(2.0, 1.0).is_err());
        assert!(Dist::lognormal_median_gsd(1.0, 1.0).is_err());
        assert!(Dist::fixed(f64::NAN).is_err());
        assert!(Dist::uniform(f64::NEG_INFINITY, 1.0).is_err());
    }

    #[test]
    fn physical_bounds() {
        assert!(
            Dist::fixed(0.9)
                .unwrap()
                .within(1.0, f64::INFINITY)
                .is_err()
        );
        assert!(
            Dist::uniform(1.1, 1.6)
                .unwrap()
                .within(1.0, f64::INFINITY)
                .is_ok()
        );
        let truncated = Dist::normal(1.2, 0.3, f64::NEG_INFINITY, f64::INFINITY)
            .unwrap()
            .within(1.0, f64::INFINITY)
            .unwrap();
        assert_eq!(truncated.support().0, 1.0);
        assert!(
            Dist::lognormal(0.0, 0.1)
                .unwrap()
                .within(1.0, f64::INFINITY)
                .is_err()
        );
        assert!(
            Dist::lognormal(0.0, 0.1)
                .unwrap()
                .within(0.0, f64::INFINITY)
                .is_ok()
        );
    }

    #[test]
    fn scaling_converts_units() {
        let mwh = Dist::triangular(1.0, 2.0, 4.0).unwrap().scaled(1000.0);
        assert_eq!(mwh.support(), (1000.0, 4000.0));
        assert_eq!(mwh.central(), 2000.0);
        let lognormal = Dist::lognormal_median_gsd(3.0, 2.0).unwrap().scaled(10.0);
        assert_close("median", lognormal.central(), 30.0, 1e-9);
    }
}
