//! The placeholders of findings about components and savings (see [`super::template`]):
//!
//! | placeholder | renders |
//! |---|---|
//! | `{saving:VARIANT:INDICATOR:YEAR}` | the central saving (baseline − variant) in YEAR, with its unit |
//! | `{saving_range:VARIANT:INDICATOR:YEAR}` | its 90 % range, computed draw by draw |
//! | `{saving_cum:VARIANT:INDICATOR}` | the central saving cumulated over the policy period |
//! | `{saving_cum_range:VARIANT:INDICATOR}` | its 90 % range |
//! | `{saving_equiv:VARIANT:INDICATOR:YEAR:REF}` | how many of a reference row the central saving is |
//! | `{saving_share:VARIANT:YEAR:REF}` | the central saving of facility energy as a share of an energy row ("0.8%") |
//! | `{saving_share_range:VARIANT:YEAR:REF}` | its 90 % range |
//! | `{component:VARIANT:COMPONENT:INDICATOR:YEAR}` | a component's central value |
//! | `{component_range:VARIANT:COMPONENT:INDICATOR:YEAR}` | its 90 % range |
//! | `{component_share:VARIANT:COMPONENT:YEAR}` | a component's central share of the total ("15%") |
//! | `{component_share_range:VARIANT:COMPONENT:YEAR}` | its 90 % range |
//! | `{component_share_of_growth:VARIANT:COMPONENT:FROM:TO}` | the component's part of the total's growth from FROM to TO (central values) |

use super::types::{Scenario, ScenarioResult};
use crate::data::{Datasets, Row};
use crate::model::Indicator;
use crate::uncertainty::mc::Stats;

/// The value of a placeholder (the template turns it into its own filled piece).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Filled {
    /// An indicator's central value, in base units.
    Value(Indicator, f64),
    /// An indicator's summary, for its 90 % range.
    Range(Indicator, Stats),
    /// How many of a reference row a value is.
    Count(f64),
}

/// The kinds and their arguments.
pub const KINDS: &[(&str, &str)] = &[
    ("saving", "VARIANT:INDICATOR:YEAR"),
    ("saving_range", "VARIANT:INDICATOR:YEAR"),
    ("saving_cum", "VARIANT:INDICATOR"),
    ("saving_cum_range", "VARIANT:INDICATOR"),
    ("saving_equiv", "VARIANT:INDICATOR:YEAR:REF"),
    ("saving_share", "VARIANT:YEAR:REF"),
    ("saving_share_range", "VARIANT:YEAR:REF"),
    ("component", "VARIANT:COMPONENT:INDICATOR:YEAR"),
    ("component_range", "VARIANT:COMPONENT:INDICATOR:YEAR"),
    ("component_share", "VARIANT:COMPONENT:YEAR"),
    ("component_share_range", "VARIANT:COMPONENT:YEAR"),
    ("component_share_of_growth", "VARIANT:COMPONENT:FROM:TO"),
];

/// What each argument of a kind is.
fn shape(kind: &str) -> Option<Vec<&'static str>> {
    let (_, shape) = KINDS.iter().find(|(name, _)| *name == kind)?;
    Some(shape.split(':').collect())
}

/// Checks the arguments of a placeholder of these kinds against the scenario (None for a
/// kind that is not one of them); the error is the message.
pub fn check(
    kind: &str,
    args: &[&str],
    scenario: &Scenario,
    datasets: &Datasets,
) -> Option<Result<(), String>> {
    let shape = shape(kind)?;
    Some(check_args(kind, &shape, args, scenario, datasets))
}

fn check_args(
    kind: &str,
    shape: &[&str],
    args: &[&str],
    scenario: &Scenario,
    datasets: &Datasets,
) -> Result<(), String> {
    if args.len() != shape.len() {
        return Err(format!(
            "`{kind}` takes {} arguments ({}), got {}",
            shape.len(),
            shape.join(":"),
            args.len()
        ));
    }
    let variant = scenario
        .variants
        .iter()
        .find(|variant| variant.id == args[0])
        .ok_or_else(|| {
            let ids: Vec<&str> = scenario.variants.iter().map(|v| v.id.as_str()).collect();
            format!("no variant `{}` (variants: {})", args[0], ids.join(", "))
        })?;
    if kind.starts_with("saving") && variant.parts.baseline.is_none() {
        return Err(format!(
            "variant `{}` has no baseline: give it `baseline = \"…\"` to measure savings",
            variant.id
        ));
    }
    for (arg, what) in args.iter().zip(shape).skip(1) {
        match *what {
            "INDICATOR" => {
                Indicator::from_short(arg).ok_or_else(|| format!("unknown indicator `{arg}`"))?;
            }
            "YEAR" | "FROM" | "TO" => {
                let year: i32 = arg.parse().map_err(|_| format!("`{arg}` is not a year"))?;
                match scenario.years {
                    Some((from, to)) if year >= from && year <= to => {}
                    _ => return Err(format!("{year} is outside the scenario's years")),
                }
            }
            "COMPONENT" => {
                let ids: Vec<&str> = variant
                    .parts
                    .components
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                if !ids.contains(arg) {
                    return Err(format!(
                        "variant `{}` has no component `{arg}` (components: {})",
                        variant.id,
                        ids.join(", ")
                    ));
                }
            }
            _ => {
                let row = datasets
                    .get(arg)
                    .ok_or_else(|| format!("no dataset row `{arg}`"))?;
                if !(row.base_value().is_finite() && row.base_value() > 0.0) {
                    return Err(format!("row `{arg}` is not a positive number"));
                }
                if kind.starts_with("saving_share")
                    && row.unit.dimension != crate::units::Dimension::Energy
                {
                    return Err(format!("row `{arg}` is not an energy"));
                }
            }
        }
    }
    Ok(())
}

/// The central value, or the range with `range`.
fn pick(range: bool, indicator: Indicator, stats: Stats) -> Filled {
    if range {
        Filled::Range(indicator, stats)
    } else {
        Filled::Value(indicator, stats.central)
    }
}

fn year(text: &str) -> Result<i32, String> {
    text.parse().map_err(|_| format!("`{text}` is not a year"))
}

fn indicator(text: &str) -> Result<Indicator, String> {
    Indicator::from_short(text).ok_or_else(|| format!("unknown indicator `{text}`"))
}

/// Fills a placeholder of these kinds (None for another kind).
pub fn fill(
    kind: &str,
    args: &[&str],
    result: &ScenarioResult,
    datasets: &Datasets,
) -> Option<Result<Filled, String>> {
    shape(kind)?;
    Some(fill_kind(kind, args, result, datasets))
}

fn fill_kind(
    kind: &str,
    args: &[&str],
    result: &ScenarioResult,
    datasets: &Datasets,
) -> Result<Filled, String> {
    let variant = result
        .variant(args[0])
        .ok_or_else(|| format!("no variant `{}`", args[0]))?;
    let row = |id: &str| -> Result<&Row, String> {
        datasets
            .get(id)
            .ok_or_else(|| format!("no dataset row `{id}`"))
    };
    if let Some(rest) = kind.strip_prefix("saving") {
        let savings = variant
            .savings
            .as_ref()
            .ok_or_else(|| format!("variant `{}` has no baseline", args[0]))?;
        let total = |rows: &[super::types::IndicatorStats], indicator: Indicator| {
            rows.last()
                .and_then(|row| row[indicator.index()])
                .ok_or_else(|| {
                    format!(
                        "variant `{}` has no saving of {}",
                        args[0],
                        indicator.short()
                    )
                })
        };
        let yearly = |year: i32, indicator: Indicator| {
            let (_, rows) = savings
                .yearly
                .iter()
                .find(|(period, _)| *period == Some(year))
                .ok_or_else(|| format!("no saving in {year}"))?;
            total(rows, indicator)
        };
        return match rest {
            "" | "_range" | "_equiv" => {
                let indicator = indicator(args[1])?;
                let stats = yearly(year(args[2])?, indicator)?;
                match rest {
                    "_equiv" => Ok(Filled::Count(stats.central / row(args[3])?.base_value())),
                    _ => Ok(pick(rest == "_range", indicator, stats)),
                }
            }
            "_cum" | "_cum_range" => {
                let indicator = indicator(args[1])?;
                let (_, rows) = savings
                    .cumulative
                    .as_ref()
                    .ok_or_else(|| "no policy period (a one-off scenario)".to_string())?;
                Ok(pick(
                    rest == "_cum_range",
                    indicator,
                    total(rows, indicator)?,
                ))
            }
            _ => {
                let stats = yearly(year(args[1])?, Indicator::FacilityEnergy)?;
                let reference = row(args[2])?.base_value();
                let scaled = Stats {
                    central: stats.central / reference,
                    mean: stats.mean / reference,
                    p5: stats.p5 / reference,
                    p50: stats.p50 / reference,
                    p95: stats.p95 / reference,
                    min: stats.min / reference,
                    max: stats.max / reference,
                };
                Ok(pick(rest == "_share_range", Indicator::Share, scaled))
            }
        };
    }
    let parts = variant
        .parts
        .as_ref()
        .ok_or_else(|| format!("variant `{}` has no components", args[0]))?;
    let index = parts
        .ids
        .iter()
        .position(|id| id == args[1])
        .ok_or_else(|| format!("no component `{}`", args[1]))?;
    let period = |text: &str| -> Result<usize, String> {
        let wanted = Some(year(text)?);
        parts
            .periods
            .iter()
            .position(|period| *period == wanted)
            .ok_or_else(|| format!("no period {text}"))
    };
    match kind {
        "component" | "component_range" => {
            let indicator = indicator(args[2])?;
            let stats = parts.stats[period(args[3])?][index][indicator.index()]
                .ok_or_else(|| format!("component `{}` has no {}", args[1], indicator.short()))?;
            Ok(pick(kind == "component_range", indicator, stats))
        }
        "component_share" | "component_share_range" => {
            let stats = parts.share[period(args[2])?][index];
            Ok(pick(
                kind == "component_share_range",
                Indicator::Share,
                stats,
            ))
        }
        _ => {
            let basis = crate::model::components::share_basis(&variant.plan);
            let (from, to) = (period(args[2])?, period(args[3])?);
            let value = |period: usize, row: usize| {
                parts.stats[period][row][basis.index()].map_or(f64::NAN, |stats| stats.central)
            };
            let total = parts.ids.len();
            let growth = value(to, total) - value(from, total);
            let share = (value(to, index) - value(from, index)) / growth;
            if share.is_finite() {
                Ok(Filled::Value(Indicator::Share, share))
            } else {
                Err("the total does not grow between these years".to_string())
            }
        }
    }
}
