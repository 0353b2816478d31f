//! The one-line distribution syntax accepted by `estimate` flags (and by string values in
//! scenario files).
//!
//! | form | meaning |
//! |---|---|
//! | `1.2`, `1287MWh` | a fixed value |
//! | `1.1..1.6` | uniform between the two values |
//! | `uniform:1.1,1.6` or `uniform:min=1.1,max=1.6` | the same |
//! | `tri:1.1,1.2,1.6` or `tri:min=1.1,mode=1.2,max=1.6` | triangular (min, mode, max) |
//! | `pert:0.24,0.34,2.9` | PERT (min, mode, max) |
//! | `normal:1.2,0.1` or `normal:mean=1.2,sd=0.1[,min=..,max=..]` | normal, truncated at the input's physical bounds |
//! | `lognormal:0.24..2.9` or `lognormal:p5=0.24,p95=2.9` | lognormal with that 90 % interval |
//! | `lognormal:median=0.3,gsd=2` | lognormal by median and geometric standard deviation |
//!
//! Numbers may carry a unit of the input's dimension (`tri:1GWh,2GWh,3GWh`); a unit written only
//! after the last number applies to all of them (`0.24..2.9Wh`).

use super::{Dist, DistError};
use crate::units::{Dimension, QuantityError, parse_number, split_number, unit_factor};

/// The help text shown for distribution flags.
pub const SYNTAX_HELP: &str = "a number (`1.2`), a range `LOW..HIGH` (uniform), \
`tri:MIN,MODE,MAX`, `pert:MIN,MODE,MAX`, `normal:MEAN,SD` or \
`lognormal:P5..P95` / `lognormal:median=M,gsd=G`";

struct Arg<'a> {
    name: Option<&'a str>,
    number: f64,
    unit: &'a str,
}

/// Parses a distribution written in the one-line syntax, for an input of `dimension` whose
/// bare numbers are in `default_unit`. Returns the distribution in base units.
pub fn parse_dist(text: &str, dimension: Dimension, default_unit: &str) -> Result<Dist, DistError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DistError::new("no value given"));
    }
    let (kind, body) = match text.split_once(':') {
        Some((kind, body)) if kind.chars().all(|c| c.is_ascii_alphabetic()) => {
            (kind.to_ascii_lowercase(), body)
        }
        _ => (String::new(), text),
    };
    match kind.as_str() {
        "" => {
            if let Some((low, high)) = body.split_once("..") {
                let args = parse_args(&[low, high], dimension, default_unit, &[])?;
                Dist::uniform(args[0], args[1])
            } else {
                let args = parse_args(&[body], dimension, default_unit, &[])?;
                Dist::fixed(args[0])
            }
        }
        "uniform" | "u" => {
            let values = named_or_positional(body, &["min", "max"], dimension, default_unit)?;
            Dist::uniform(values[0], values[1])
        }
        "tri" | "triangular" => {
            let values =
                named_or_positional(body, &["min", "mode", "max"], dimension, default_unit)?;
            Dist::triangular(values[0], values[1], values[2])
        }
        "pert" => {
            let values =
                named_or_positional(body, &["min", "mode", "max"], dimension, default_unit)?;
            Dist::pert(values[0], values[1], values[2])
        }
        "normal" | "n" => parse_normal(body, dimension, default_unit),
        "lognormal" | "logn" => parse_lognormal(body, dimension, default_unit),
        other => Err(
            match crate::text::closest(
                other,
                [
                    "uniform",
                    "tri",
                    "triangular",
                    "pert",
                    "normal",
                    "lognormal",
                ],
            ) {
                Some(suggestion) => DistError::new(format!(
                    "unknown distribution `{other}`; did you mean `{suggestion}`? Use {SYNTAX_HELP}"
                )),
                None => {
                    DistError::new(format!("unknown distribution `{other}`; use {SYNTAX_HELP}"))
                }
            },
        ),
    }
}

fn parse_normal(body: &str, dimension: Dimension, default_unit: &str) -> Result<Dist, DistError> {
    let pieces: Vec<&str> = body.split(',').map(str::trim).collect();
    if pieces.iter().any(|piece| piece.contains('=')) {
        let args = split_named(&pieces)?;
        let known = ["mean", "sd", "min", "max"];
        check_names(&args, &known)?;
        let values = convert(&args, dimension, default_unit, &[])?;
        let get = |name: &str| {
            args.iter()
                .position(|arg| arg.name == Some(name))
                .map(|index| values[index])
        };
        let mean = get("mean").ok_or_else(|| DistError::new("normal needs `mean=`"))?;
        let sd = get("sd").ok_or_else(|| DistError::new("normal needs `sd=`"))?;
        Dist::normal(
            mean,
            sd,
            get("min").unwrap_or(f64::NEG_INFINITY),
            get("max").unwrap_or(f64::INFINITY),
        )
    } else {
        if pieces.len() != 2 {
            return Err(DistError::new(format!(
                "normal takes 2 values (MEAN,SD), got {}: `{body}`",
                pieces.len()
            )));
        }
        let values = parse_args(&pieces, dimension, default_unit, &[])?;
        Dist::normal(values[0], values[1], f64::NEG_INFINITY, f64::INFINITY)
    }
}

fn parse_lognormal(
    body: &str,
    dimension: Dimension,
    default_unit: &str,
) -> Result<Dist, DistError> {
    if !body.contains('=') {
        let Some((low, high)) = body.split_once("..") else {
            return Err(DistError::new(format!(
                "lognormal takes `P5..P95`, `p5=..,p95=..` or `median=..,gsd=..`, got `{body}`"
            )));
        };
        let values = parse_args(&[low, high], dimension, default_unit, &[])?;
        return Dist::lognormal_p5_p95(values[0], values[1]);
    }
    let pieces: Vec<&str> = body.split(',').map(str::trim).collect();
    let args = split_named(&pieces)?;
    check_names(&args, &["p5", "p95", "median", "gsd"])?;
    let values = convert(&args, dimension, default_unit, &["gsd"])?;
    let get = |name: &str| {
        args.iter()
            .position(|arg| arg.name == Some(name))
            .map(|index| values[index])
    };
    match (get("p5"), get("p95"), get("median"), get("gsd")) {
        (Some(p5), Some(p95), None, None) => Dist::lognormal_p5_p95(p5, p95),
        (None, None, Some(median), Some(gsd)) => Dist::lognormal_median_gsd(median, gsd),
        _ => Err(DistError::new(
            "lognormal takes either `p5=..,p95=..` or `median=..,gsd=..`",
        )),
    }
}

fn named_or_positional(
    body: &str,
    names: &[&str],
    dimension: Dimension,
    default_unit: &str,
) -> Result<Vec<f64>, DistError> {
    let pieces: Vec<&str> = body.split(',').map(str::trim).collect();
    if pieces.len() != names.len() {
        return Err(DistError::new(format!(
            "expected {} values ({}), got {}: `{body}`",
            names.len(),
            names.join(", "),
            pieces.len()
        )));
    }
    if pieces.iter().any(|piece| piece.contains('=')) {
        let args = split_named(&pieces)?;
        check_names(&args, names)?;
        let values = convert(&args, dimension, default_unit, &[])?;
        names
            .iter()
            .map(|name| {
                args.iter()
                    .position(|arg| arg.name == Some(name))
                    .map(|index| values[index])
                    .ok_or_else(|| DistError::new(format!("missing `{name}=`")))
            })
            .collect()
    } else {
        parse_args(&pieces, dimension, default_unit, &[])
    }
}

fn split_named<'a>(pieces: &[&'a str]) -> Result<Vec<Arg<'a>>, DistError> {
    pieces
        .iter()
        .map(|piece| {
            let (name, value) = piece
                .split_once('=')
                .ok_or_else(|| format!("`{piece}` needs a name, like `min={piece}`"))?;
            let (number, unit) = split_number(value).map_err(|error| error.to_string())?;
            Ok(Arg {
                name: Some(name.trim()),
                number: parse_number(&number).map_err(|error| error.to_string())?,
                unit,
            })
        })
        .collect()
}

fn check_names(args: &[Arg<'_>], known: &[&str]) -> Result<(), DistError> {
    let mut seen: Vec<&str> = Vec::new();
    for arg in args {
        let name = arg.name.unwrap_or("");
        if !known.contains(&name) {
            let hint = crate::text::closest(name, known.iter().copied())
                .map(|suggestion| format!("; did you mean `{suggestion}`?"))
                .unwrap_or_default();
            return Err(DistError::new(format!(
                "unknown parameter `{name}` (expected {}){hint}",
                known.join(", ")
            )));
        }
        if seen.contains(&name) {
            return Err(DistError::new(format!("parameter `{name}` is given twice")));
        }
        seen.push(name);
    }
    Ok(())
}

fn parse_args(
    pieces: &[&str],
    dimension: Dimension,
    default_unit: &str,
    unitless: &[&str],
) -> Result<Vec<f64>, DistError> {
    let args = pieces
        .iter()
        .map(|piece| {
            let (number, unit) = split_number(piece).map_err(|error| error.to_string())?;
            Ok(Arg {
                name: None,
                number: parse_number(&number).map_err(|error| error.to_string())?,
                unit,
            })
        })
        .collect::<Result<Vec<_>, DistError>>()?;
    convert(&args, dimension, default_unit, unitless)
}

/// Converts parsed numbers to base units. A unit given only on the last number applies to all.
fn convert(
    args: &[Arg<'_>],
    dimension: Dimension,
    default_unit: &str,
    unitless: &[&str],
) -> Result<Vec<f64>, DistError> {
    let with_unit: Vec<&Arg<'_>> = args
        .iter()
        .filter(|arg| !arg.name.is_some_and(|name| unitless.contains(&name)))
        .collect();
    let last_unit = with_unit.last().map(|arg| arg.unit).unwrap_or("");
    let only_last = !last_unit.is_empty()
        && with_unit[..with_unit.len().saturating_sub(1)]
            .iter()
            .all(|arg| arg.unit.is_empty());
    args.iter()
        .map(|arg| {
            if arg.name.is_some_and(|name| unitless.contains(&name)) {
                if !arg.unit.is_empty() {
                    return Err(DistError::new(format!(
                        "`{}` takes a plain number",
                        arg.name.unwrap_or("")
                    )));
                }
                return Ok(arg.number);
            }
            if arg.number < 0.0 && dimension != Dimension::GrowthRate {
                return Err(DistError::new(
                    QuantityError::Negative(arg.number).to_string(),
                ));
            }
            let unit = if !arg.unit.is_empty() {
                arg.unit
            } else if only_last {
                last_unit
            } else {
                default_unit
            };
            let scale = unit_factor(unit, dimension).map_err(|error| error.to_string())?;
            let value = scale.apply(arg.number);
            if value == 0.0 && arg.number != 0.0 {
                Err(DistError::new(
                    QuantityError::Underflow(format!("{} {unit}", arg.number)).to_string(),
                ))
            } else if value.is_finite() {
                Ok(value)
            } else {
                Err(DistError::new(format!(
                    "{} {unit} is too large (it overflows once converted to {})",
                    crate::number::short_number(arg.number),
                    dimension.base_symbol()
                )))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(text: &str) -> Result<Dist, DistError> {
        parse_dist(text, Dimension::Ratio, "ratio")
    }

    #[test]
    fn fixed_and_ranges() {
        assert_eq!(ratio("1.2").unwrap().central(), 1.2);
        let range = ratio("1.1..1.6").unwrap();
        assert_eq!(range.support(), (1.1, 1.6));
        assert!(matches!(range, Dist::Uniform { .. }));
        assert!(matches!(
            ratio("uniform:min=1.1,max=1.6").unwrap(),
            Dist::Uniform { .. }
        ));
    }

    #[test]
    fn triangular_positional_and_named_agree() {
        let positional = ratio("tri:1.1,1.2,1.6").unwrap();
        let named = ratio("tri:max=1.6,min=1.1,mode=1.2").unwrap();
        assert_eq!(positional.support(), named.support());
        assert_eq!(positional.central(), 1.2);
        assert_eq!(named.central(), 1.2);
    }

    #[test]
    fn units_on_the_last_number_apply_to_all() {
        let dist = parse_dist("0.24..2.9Wh", Dimension::Energy, "Wh").unwrap();
        let (low, high) = dist.support();
        assert!((low - 0.00024).abs() < 1e-15 && (high - 0.0029).abs() < 1e-15);
        let mixed = parse_dist("tri:1GWh,1500MWh,2GWh", Dimension::Energy, "kWh").unwrap();
        assert_eq!(mixed.support(), (1e6, 2e6));
        assert_eq!(mixed.central(), 1.5e6);
        // Bare numbers take the default unit when no unit is written at all.
        let bare = parse_dist("0.24..2.9", Dimension::Energy, "Wh").unwrap();
        assert!((bare.support().1 - 0.0029).abs() < 1e-15);
    }

    #[test]
    fn lognormal_forms() {
        let interval = parse_dist("lognormal:0.24..2.9", Dimension::Energy, "Wh").unwrap();
        assert!((interval.quantile(0.05) - 0.00024).abs() < 1e-12);
        let named = parse_dist("lognormal:p5=0.24,p95=2.9", Dimension::Energy, "Wh").unwrap();
        assert!((named.quantile(0.95) - 0.0029).abs() < 1e-12);
        let by_gsd = parse_dist("lognormal:median=0.3Wh,gsd=2", Dimension::Energy, "Wh").unwrap();
        assert!((by_gsd.central() - 0.0003).abs() < 1e-15);
    }

    #[test]
    fn normal_forms() {
        let dist = ratio("normal:1.2,0.1").unwrap();
        assert_eq!(dist.central(), 1.2);
        let truncated = ratio("normal:mean=1.2,sd=0.1,min=1").unwrap();
        assert_eq!(truncated.support().0, 1.0);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(
            ratio("tri:1.6,1.2,1.1")
                .unwrap_err()
                .to_string()
                .contains("min < max")
        );
        assert!(
            ratio("tri:1.1,1.2")
                .unwrap_err()
                .to_string()
                .contains("expected 3 values")
        );
        assert!(
            ratio("triangle:1,2,3")
                .unwrap_err()
                .to_string()
                .contains("did you mean `triangular`")
        );
        assert!(
            ratio("tri:min=1,mode=2,maxx=3")
                .unwrap_err()
                .to_string()
                .contains("did you mean `max`")
        );
        assert!(
            ratio("1.6..1.1")
                .unwrap_err()
                .to_string()
                .contains("min < max")
        );
        assert!(ratio("-1").unwrap_err().to_string().contains("negative"));
        assert!(
            ratio("abc")
                .unwrap_err()
                .to_string()
                .contains("not a number")
        );
        assert!(ratio("lognormal:p5=1").is_err());
        assert!(
            ratio("tri:min=1,min=2,max=3")
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        assert!(parse_dist("1..2 kW", Dimension::Energy, "kWh").is_err());
    }
}
