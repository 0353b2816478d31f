//! Values with their provenance ([`ValueSpec`]), quantities over time ([`SeriesSpec`]) and the
//! one [`Builder`] that turns them into the inputs and series of a [`Plan`](super::Plan), for
//! `estimate` and scenario files alike.
//!
//! An uncertain published path gets one *level* input: each draw picks the same quantile of
//! every point's range (the published low and high cases move together).

use super::plan::{Input, PathPoint, Series};
use super::vocab::{self, InputDef, Role};
use super::way::{Field, Way};
use crate::dist::Dist;

/// The bibliography id of the token method (EcoLogits' LLM-inference methodology).
pub const TOKEN_METHOD_SOURCE: &str = "ECOLOGITS-LLM";

/// How a published figure is used (the value and where it came from).
#[derive(Debug, Clone)]
pub struct ValueSpec {
    /// The distribution, in base units.
    pub dist: Dist,
    /// Source ids.
    pub sources: Vec<String>,
    /// The dataset row it came from, if any.
    pub row: Option<String>,
    /// The row's verification status.
    pub verification: Option<crate::provenance::Verification>,
    /// Where it was written (`scenario energy.energy`, `dataset row …`).
    pub origin: String,
}

/// A quantity over time.
#[derive(Debug, Clone)]
pub enum SeriesSpec {
    /// The same value every period.
    Value(ValueSpec),
    /// Published points interpolated per year.
    Points {
        /// (year, value), sorted by year.
        points: Vec<(i32, ValueSpec)>,
        /// What happens outside the points.
        extrapolate: super::plan::Extrapolate,
    },
    /// A base value and annual growth rates.
    Growth {
        /// The base value.
        base: ValueSpec,
        /// Its year.
        base_year: i32,
        /// (last year, annual rate).
        segments: Vec<(i32, ValueSpec)>,
    },
}

impl ValueSpec {
    /// A value given as such (no source, no dataset row), with where it came from.
    pub fn given(dist: Dist, origin: impl Into<String>) -> ValueSpec {
        ValueSpec {
            dist,
            sources: Vec::new(),
            row: None,
            verification: None,
            origin: origin.into(),
        }
    }

    /// A fixed value, with where it came from.
    pub fn fixed(value: f64, origin: &str) -> ValueSpec {
        ValueSpec::given(Dist::Fixed(value), origin)
    }
}

/// Builds the inputs of a plan from values and series.
#[derive(Debug, Default)]
pub struct Builder {
    /// The inputs so far.
    pub inputs: Vec<Input>,
}

impl Builder {
    /// Adds one input (its label followed by `suffix`, English and French); returns its index.
    pub fn input(
        &mut self,
        spec: &ValueSpec,
        key: String,
        def: &InputDef,
        role: Role,
        suffix: (&str, &str),
    ) -> usize {
        self.inputs.push(Input {
            key,
            label: format!("{}{}", def.en, suffix.0),
            dist: spec.dist.clone(),
            unit: def.unit,
            show_scale: def.show_scale(),
            sources: spec.sources.clone(),
            origin: spec.origin.clone(),
            is_level: false,
            label_fr: format!("{}{}", def.fr, suffix.1),
            role,
            verification: spec.verification,
        });
        self.inputs.len() - 1
    }

    /// Adds the inputs of a series and returns the series.
    pub fn series(&mut self, spec: &SeriesSpec, key: &str, def: &InputDef, role: Role) -> Series {
        match spec {
            SeriesSpec::Value(value) => {
                Series::Constant(self.input(value, key.to_string(), def, role, ("", "")))
            }
            SeriesSpec::Points {
                points,
                extrapolate,
            } => {
                let uncertain = points.iter().any(|(_, value)| !value.dist.is_fixed());
                let mut sources: Vec<String> = points
                    .iter()
                    .flat_map(|(_, value)| value.sources.iter().cloned())
                    .collect();
                sources.sort();
                sources.dedup();
                let verification = points
                    .iter()
                    .filter_map(|(_, value)| value.verification)
                    .max();
                // The level input also carries the points' sources; when every point is fixed it
                // is NaN, which makes the path take each point's value.
                self.inputs.push(Input {
                    key: format!("{key}.level"),
                    label: format!("{} (position in published ranges)", def.en),
                    dist: if uncertain {
                        Dist::Uniform { min: 0.0, max: 1.0 }
                    } else {
                        Dist::Fixed(f64::NAN)
                    },
                    unit: "quantile",
                    show_scale: 1.0,
                    sources,
                    origin: format!("path of {} points", points.len()),
                    is_level: true,
                    label_fr: format!("{} (position dans les fourchettes publiées)", def.fr),
                    role,
                    verification,
                });
                Series::Points {
                    points: points
                        .iter()
                        .map(|(year, value)| PathPoint {
                            year: *year,
                            dist: value.dist.clone(),
                        })
                        .collect(),
                    level: Some(self.inputs.len() - 1),
                    extrapolate: *extrapolate,
                }
            }
            SeriesSpec::Growth {
                base,
                base_year,
                segments,
            } => {
                let base_index = self.input(
                    base,
                    format!("{key}.base"),
                    def,
                    role,
                    (" (base year)", " (année de base)"),
                );
                let segments = segments
                    .iter()
                    .map(|(until, rate)| {
                        let index = self.input(
                            rate,
                            format!("{key}.rate.{until}"),
                            &vocab::RATE,
                            role,
                            (
                                &format!(" of {} to {until}", def.en),
                                &format!(" de {} jusqu'en {until}", def.fr),
                            ),
                        );
                        (*until, index)
                    })
                    .collect();
                Series::Growth {
                    base_year: *base_year,
                    base: base_index,
                    segments,
                }
            }
        }
    }

    /// Adds the inputs of embodied impacts, each keyed `prefix` + its input key.
    pub fn embodied(
        &mut self,
        spec: &super::embodied::EmbodiedPlan<SeriesSpec>,
        prefix: &str,
    ) -> super::embodied::EmbodiedPlan<Series> {
        let mapped: Result<_, std::convert::Infallible> = spec
            .map(|def, spec| Ok(self.series(spec, &format!("{prefix}{}", def.key), def, def.role)));
        match mapped {
            Ok(plan) => plan,
            Err(never) => match never {},
        }
    }

    /// Adds the inputs of every quantity of a way; `name` gives each field's input key and
    /// what it is.
    pub fn way(
        &mut self,
        way: &Way<SeriesSpec>,
        name: impl Fn(Field) -> (String, &'static InputDef),
    ) -> Way<Series> {
        let first = self.inputs.len();
        let mapped: Result<Way<Series>, std::convert::Infallible> = way.map(|field, spec| {
            let (key, def) = name(field);
            Ok(self.series(spec, &key, def, def.role))
        });
        // The token method's formulas are the peer's: every input they use cites it.
        if matches!(way, Way::Tokens { .. }) {
            for input in &mut self.inputs[first..] {
                if !input.sources.iter().any(|id| id == TOKEN_METHOD_SOURCE) {
                    input.sources.push(TOKEN_METHOD_SOURCE.to_string());
                }
            }
        }
        match mapped {
            Ok(way) => way,
            Err(never) => match never {},
        }
    }
}
