//! One value of a scenario file (a number, a string, a distribution table or a dataset
//! reference) and a series (a value, published points or a growth path), for an input of the
//! vocabulary.

use super::super::read::{Node, TableReader, type_name};
use super::common::{Context, VALUE_KEYS, check_keys, row};
use crate::data::Row;
use crate::dist::{Dist, spec};
use crate::error::Result;
use crate::model::InputDef as Slot;
use crate::model::vocab::RATE;
use crate::model::{Extrapolate, SeriesSpec, ValueSpec};
use crate::units::{Dimension, unit_factor};

/// Parses a single value (fixed, distribution or dataset reference) for a slot.
pub(super) fn value(
    context: &Context<'_>,
    node: &Node<'_, '_>,
    slot: &Slot,
    extra: &[&str],
) -> Result<ValueSpec> {
    let origin = format!("scenario {}", node.path());
    let bounded = |dist: Dist| {
        dist.within(slot.lower, slot.upper).map_err(|message| {
            node.error_hint(format!("`{}`: {message}", slot.key), slot.bounds_hint())
        })
    };
    let scale_of = |unit: &str, unit_node: &Node<'_, '_>| {
        unit_factor(unit, slot.dimension).map_err(|error| unit_node.error(error.to_string()))
    };
    match node.value {
        toml::de::DeValue::Integer(_) | toml::de::DeValue::Float(_) => {
            let number = node.number()?;
            if number < 0.0 && slot.dimension != Dimension::GrowthRate {
                return Err(node.error(format!("`{}` cannot be negative ({number})", slot.key)));
            }
            let scale = scale_of(slot.unit, node)?;
            let dist = Dist::fixed(scale.apply(number)).map_err(|message| node.error(message))?;
            Ok(ValueSpec::given(bounded(dist)?, origin))
        }
        toml::de::DeValue::String(text) => {
            let dist = spec::parse_dist(text, slot.dimension, slot.unit).map_err(|message| {
                node.error_hint(message, format!("write {}", spec::SYNTAX_HELP))
            })?;
            Ok(ValueSpec::given(bounded(dist)?, origin))
        }
        toml::de::DeValue::Table(_) => {
            let table = node.table()?;
            let mut known: Vec<&str> = VALUE_KEYS.to_vec();
            known.extend_from_slice(extra);
            check_keys(&table, &known)?;
            if let Some(ref_node) = table.get("ref") {
                let id = ref_node.str()?;
                let row = row(context, &ref_node, id)?;
                for key in VALUE_KEYS
                    .iter()
                    .filter(|key| !matches!(**key, "ref" | "dist"))
                {
                    if let Some(other) = table.get(key) {
                        return Err(other.error_hint(
                            format!("`{key}` cannot be combined with `ref`"),
                            "the referenced row gives the value, its unit and its range; \
                             `dist` may say how to use that range",
                        ));
                    }
                }
                let dist = dist_from_row(row, &table, &ref_node, slot)?;
                return Ok(ValueSpec {
                    dist: bounded(dist)?,
                    sources: row.sources.clone(),
                    row: Some(row.id.clone()),
                    verification: Some(row.verification),
                    origin: format!("dataset row {} ({})", row.id, row.table.name()),
                });
            }
            let unit = match table.get("unit") {
                Some(unit_node) => unit_node.str()?,
                None => slot.unit,
            };
            let scale = match table.get("unit") {
                Some(unit_node) => scale_of(unit, &unit_node)?,
                None => scale_of(unit, node)?,
            };
            // A parameter is a number in the table's unit, or `{ ref = "row" }` (its value).
            let param_sources = std::cell::RefCell::new(Vec::<String>::new());
            let param_rows = std::cell::RefCell::new(Vec::<crate::provenance::Verification>::new());
            let number = |key: &str| -> Result<f64> {
                let field = table.require(key, &format!("the distribution's `{key}`"))?;
                if field.is_table() {
                    let reference = field.table()?;
                    reference.check_known(&["ref"])?;
                    let ref_node = reference.require("ref", "a dataset row id")?;
                    reference.finish(&["ref"])?;
                    let id = ref_node.str()?;
                    let param_row = row(context, &ref_node, id)?;
                    let compatible = param_row.unit.dimension == slot.dimension || key == "gsd";
                    if !compatible || param_row.range_only {
                        return Err(ref_node.error(format!(
                            "row `{id}` ({} {}) cannot give `{key}` of {}",
                            if param_row.range_only {
                                "a range in"
                            } else {
                                "in"
                            },
                            param_row.unit,
                            slot.dimension.describe()
                        )));
                    }
                    param_sources
                        .borrow_mut()
                        .extend(param_row.sources.iter().cloned());
                    param_rows.borrow_mut().push(param_row.verification);
                    return Ok(param_row.base_value());
                }
                let value = field.number()?;
                if value < 0.0 && slot.dimension != Dimension::GrowthRate && key != "gsd" {
                    return Err(field.error(format!("`{key}` cannot be negative ({value})")));
                }
                if key == "gsd" {
                    return Ok(value);
                }
                let base = scale.apply(value);
                if !base.is_finite() {
                    return Err(field.error(format!(
                        "{} {unit} is too large (it overflows once converted to {})",
                        crate::number::short_number(value),
                        slot.dimension.base_symbol()
                    )));
                }
                Ok(base)
            };
            let kind = match table.get("dist") {
                Some(dist_node) => dist_node.str()?.to_string(),
                None if table.has("value") => "fixed".to_string(),
                None => {
                    return Err(node.error_hint(
                        "a value table needs `value`, `dist` or `ref`",
                        "e.g. { value = 1.2 }, { dist = \"triangular\", min = 1.1, mode = 1.2, \
                         max = 1.6 } or { ref = \"dataset-row-id\" }",
                    ));
                }
            };
            let allowed: &[&str] = match kind.as_str() {
                "fixed" => &["value"],
                "uniform" => &["min", "max"],
                "triangular" | "pert" => &["min", "mode", "max"],
                "normal" => &["mean", "sd", "min", "max"],
                "lognormal" => &["median", "gsd", "p5", "p95"],
                other => {
                    let dist_node = table.get("dist").unwrap_or_else(|| node.clone());
                    let kinds = [
                        "fixed",
                        "uniform",
                        "triangular",
                        "pert",
                        "normal",
                        "lognormal",
                    ];
                    let hint = crate::text::closest(other, kinds)
                        .map(|candidate| format!("did you mean `{candidate}`?"))
                        .unwrap_or_else(|| format!("use one of: {}", kinds.join(", ")));
                    return Err(
                        dist_node.error_hint(format!("unknown distribution `{other}`"), hint)
                    );
                }
            };
            for key in [
                "value", "min", "mode", "max", "mean", "sd", "median", "gsd", "p5", "p95",
            ] {
                if !allowed.contains(&key)
                    && let Some(extra_node) = table.get(key)
                {
                    return Err(extra_node.error_hint(
                        format!("`{key}` does not apply to a {kind} distribution"),
                        format!("a {kind} distribution takes: {}", allowed.join(", ")),
                    ));
                }
            }
            let result = match kind.as_str() {
                "fixed" => Dist::fixed(number("value")?),
                "uniform" => Dist::uniform(number("min")?, number("max")?),
                "triangular" => Dist::triangular(number("min")?, number("mode")?, number("max")?),
                "pert" => Dist::pert(number("min")?, number("mode")?, number("max")?),
                "normal" => {
                    let lower = if table.has("min") {
                        number("min")?
                    } else {
                        f64::NEG_INFINITY
                    };
                    let upper = if table.has("max") {
                        number("max")?
                    } else {
                        f64::INFINITY
                    };
                    Dist::normal(number("mean")?, number("sd")?, lower, upper)
                }
                _ => {
                    if table.has("median") || table.has("gsd") {
                        Dist::lognormal_median_gsd(number("median")?, number("gsd")?)
                    } else {
                        Dist::lognormal_p5_p95(number("p5")?, number("p95")?)
                    }
                }
            };
            let dist = result.map_err(|message| node.error(message))?;
            let mut sources = param_sources.into_inner();
            sources.sort();
            sources.dedup();
            Ok(ValueSpec {
                dist: bounded(dist)?,
                sources,
                row: None,
                verification: param_rows.into_inner().into_iter().max(),
                origin,
            })
        }
        other => Err(node.error_hint(
            format!(
                "expected a number, a string or a table, found {}",
                type_name(other)
            ),
            format!("write {}", spec::SYNTAX_HELP),
        )),
    }
}

/// The distribution of a dataset row used in a slot, checking the dimension.
fn dist_from_row(
    row: &Row,
    table: &TableReader<'_, '_>,
    ref_node: &Node<'_, '_>,
    slot: &Slot,
) -> Result<Dist> {
    let compatible = row.unit.dimension == slot.dimension
        || (slot.dimension == Dimension::Percent && row.unit.dimension == Dimension::Ratio)
        || (slot.dimension == Dimension::Ratio && row.unit.dimension == Dimension::Percent);
    if !compatible {
        return Err(ref_node.error_hint(
            format!(
                "row `{}` is in {} ({}), but `{}` needs {}",
                row.id,
                row.unit.symbol,
                row.unit.dimension.describe(),
                slot.key,
                slot.dimension.describe()
            ),
            "pick a row of the right kind (`dcfoot datasets show ID` shows a row)",
        ));
    }
    let base = |value: f64| row.unit.to_base(value);
    let range = || -> Result<(f64, f64)> {
        match (row.low, row.high) {
            (Some(low), Some(high)) if low < high => Ok((base(low), base(high))),
            _ => Err(ref_node.error(format!(
                "row `{}` has no published range (low/high), so only its value can be used \
                 (remove `dist`)",
                row.id
            ))),
        }
    };
    match table.get("dist") {
        None => {
            if row.range_only {
                let (low, high) = (row.low.unwrap_or(0.0), row.high.unwrap_or(0.0));
                return Err(ref_node.error_hint(
                    format!(
                        "row `{}` publishes only a range ({low}–{high} {}), no central value",
                        row.id, row.unit
                    ),
                    "say how to use the range: add dist = \"uniform\"",
                ));
            }
            Dist::fixed(row.base_value()).map_err(|message| ref_node.error(message))
        }
        Some(dist_node) => {
            let kind = dist_node.str()?;
            let dist = match kind {
                "uniform" => {
                    let (low, high) = range()?;
                    Dist::uniform(low, high)
                }
                "triangular" | "pert" => {
                    if row.range_only {
                        return Err(dist_node.error_hint(
                            format!("row `{}` has no central value to use as the mode", row.id),
                            "use dist = \"uniform\"",
                        ));
                    }
                    let (low, high) = range()?;
                    if kind == "pert" {
                        Dist::pert(low, row.base_value(), high)
                    } else {
                        Dist::triangular(low, row.base_value(), high)
                    }
                }
                other => {
                    return Err(dist_node.error_hint(
                        format!("`{other}` cannot be built from a dataset row"),
                        "with `ref`, `dist` may be \"uniform\" (low–high), \"triangular\" or \
                         \"pert\" (low, value, high)",
                    ));
                }
            };
            dist.map_err(|message| dist_node.error(message))
        }
    }
}

/// Parses a value or a series (points or growth) for a slot.
pub(super) fn series(
    context: &Context<'_>,
    node: &Node<'_, '_>,
    slot: &Slot,
) -> Result<SeriesSpec> {
    let table = match node.value {
        toml::de::DeValue::Table(_) => node.table()?,
        _ => return Ok(SeriesSpec::Value(value(context, node, slot, &[])?)),
    };
    if table.has("points") {
        check_keys(&table, &["points", "extrapolate"])?;
        let points_node = table.require("points", "published points")?;
        let mut points: Vec<(i32, ValueSpec, std::ops::Range<usize>)> = Vec::new();
        for (index, item) in points_node.array()?.iter().enumerate() {
            let point = Node::new(node.doc, item, format!("{}.points[{index}]", node.path()));
            let point_table = point.table()?;
            let spec = value(context, &point, slot, &["year"])?;
            let year = year_of(
                context,
                point_table.get("year"),
                &spec,
                &point,
                ("year = …", "a point needs `year = …`"),
            )?;
            if let Some((_, _, previous)) = points.iter().find(|(other, _, _)| *other == year) {
                let (line, _) = crate::error::line_column(node.doc.text, previous.start);
                return Err(point.error(format!(
                    "a second point for {year} (the first is on line {line})"
                )));
            }
            points.push((year, spec, point.span.clone()));
        }
        if points.is_empty() {
            return Err(points_node.error("a path needs at least one point"));
        }
        points.sort_by_key(|(year, _, _)| *year);
        let extrapolate = match table.get("extrapolate") {
            None => Extrapolate::None,
            Some(mode) => match mode.str()? {
                "none" => Extrapolate::None,
                "hold" => Extrapolate::Hold,
                "trend" => Extrapolate::Trend,
                other => {
                    return Err(mode.error_hint(
                        format!("unknown extrapolation `{other}`"),
                        "use \"none\", \"hold\" (keep the nearest point) or \"trend\" (continue \
                         the nearest segment's growth)",
                    ));
                }
            },
        };
        let spec = SeriesSpec::Points {
            points: points
                .into_iter()
                .map(|(year, spec, _)| (year, spec))
                .collect(),
            extrapolate,
        };
        check_coverage(context, node, &spec)?;
        return Ok(spec);
    }
    if table.has("base") || table.has("rate") || table.has("rates") {
        check_keys(&table, &["base", "base_year", "rate", "rates"])?;
        let base_node = table.require("base", "the starting value")?;
        let base = value(context, &base_node, slot, &[])?;
        let base_year = year_of(
            context,
            table.get("base_year"),
            &base,
            &base_node,
            ("base_year", "a growth path needs `base_year = …`"),
        )?;
        let last_year = context.years.map_or(base_year, |(_, to)| to);
        let segments = match (table.get("rate"), table.get("rates")) {
            (Some(_), Some(rates)) => {
                return Err(
                    rates.error("give either `rate` (one rate) or `rates` (several), not both")
                );
            }
            (Some(rate), None) => vec![(last_year, value(context, &rate, &RATE, &[])?)],
            (None, Some(rates)) => {
                let mut segments: Vec<(i32, ValueSpec)> = Vec::new();
                let mut previous = base_year;
                for (index, item) in rates.array()?.iter().enumerate() {
                    let entry =
                        Node::new(node.doc, item, format!("{}.rates[{index}]", node.path()));
                    let entry_table = entry.table()?;
                    entry_table.check_known(&["until", "rate"])?;
                    let until = entry_table.require("until", "the last year of this rate")?;
                    let until_year = until.year()?;
                    if until_year <= previous {
                        return Err(until
                            .error(format!("`until` ({until_year}) must come after {previous}")));
                    }
                    let rate = value(
                        context,
                        &entry_table.require("rate", "the annual growth rate")?,
                        &RATE,
                        &[],
                    )?;
                    entry_table.finish(&["until", "rate"])?;
                    segments.push((until_year, rate));
                    previous = until_year;
                }
                if segments.is_empty() {
                    return Err(rates.error("`rates` needs at least one { until, rate }"));
                }
                segments
            }
            (None, None) => {
                return Err(base_node.error_hint(
                    "a growth path needs `rate` or `rates`",
                    "e.g. rate = \"15%\" or rates = [{ until = 2030, rate = \"15%\" }]",
                ));
            }
        };
        let spec = SeriesSpec::Growth {
            base,
            base_year,
            segments,
        };
        check_coverage(context, node, &spec)?;
        return Ok(spec);
    }
    Ok(SeriesSpec::Value(value(context, node, slot, &[])?))
}

/// Checks a path covers the scenario's years, and that one-off scenarios take no paths.
fn check_coverage(context: &Context<'_>, node: &Node<'_, '_>, spec: &SeriesSpec) -> Result<()> {
    let Some((from, to)) = context.years else {
        return Err(node.error_hint(
            "a one-off scenario (no `years`) takes single values, not paths",
            "add years = { from = …, to = … } or give a single value",
        ));
    };
    let (first, last) = match spec {
        SeriesSpec::Value(_) => return Ok(()),
        SeriesSpec::Points {
            points,
            extrapolate,
        } => {
            if *extrapolate != Extrapolate::None {
                return Ok(());
            }
            (points[0].0, points[points.len() - 1].0)
        }
        SeriesSpec::Growth {
            base_year,
            segments,
            ..
        } => (
            *base_year,
            segments.last().map_or(*base_year, |segment| segment.0),
        ),
    };
    if first > from || last < to {
        let hint = match spec {
            SeriesSpec::Points { .. } => {
                "add extrapolate = \"hold\" or \"trend\", or change the scenario's years"
            }
            _ => {
                "start the growth path at or before the first year, run its rates to the last \
                  year, or change the scenario's years"
            }
        };
        return Err(node.error_hint(
            format!("this path covers {first}–{last} but the scenario runs {from}–{to}"),
            hint,
        ));
    }
    Ok(())
}

/// The year of a point or a base value: given (`year_node`), else the year of the dataset row
/// it refers to; `(give, missing)` word the errors.
fn year_of(
    context: &Context<'_>,
    year_node: Option<Node<'_, '_>>,
    spec: &ValueSpec,
    at: &Node<'_, '_>,
    (give, missing): (&str, &str),
) -> Result<i32> {
    if let Some(year_node) = year_node {
        return year_node.year();
    }
    match spec.row.as_deref().and_then(|id| context.datasets.get(id)) {
        Some(row) => row
            .year
            .ok_or_else(|| at.error(format!("row `{}` has no year: give `{give}`", row.id))),
        None => Err(at.error(missing)),
    }
}
