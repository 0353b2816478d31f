//! Text generated from results: the placeholders of `[[finding]]` texts.
//!
//! A finding's text is prose with placeholders in braces; every number a reader sees comes from
//! a placeholder, so the prose can never drift from the computed results or the datasets.
//!
//! | placeholder | renders |
//! |---|---|
//! | `{central:VARIANT:INDICATOR[:YEAR]}` | the central value with its unit ("945 TWh") |
//! | `{range:VARIANT:INDICATOR[:YEAR]}` | the 90 % range, p5–p95 ("620–1,250 TWh") |
//! | `{times:VARIANT:INDICATOR:YEAR1:YEAR2}` | the ratio of the central values ("×2.3") |
//! | `{cagr:VARIANT:INDICATOR:YEAR1:YEAR2}` | the compound annual growth of the central values ("15%/yr") |
//! | `{equiv:VARIANT:INDICATOR[:YEAR]:REF}` | how many of the reference row the central value is ("1.2 million") |
//! | `{diff:VARIANT1:VARIANT2:INDICATOR[:YEAR]}` | central value of VARIANT1 minus VARIANT2, with its unit |
//! | `{compare:VARIANT:INDICATOR1:INDICATOR2[:YEAR]}` | ratio of two indicators' central values ("×12") |
//! | `{vs:VARIANT1:VARIANT2:INDICATOR[:YEAR]}` | ratio of two variants' central values ("×17") |
//! | `{ref:ROW}` | a dataset value with its unit ("415 TWh", or its range) |
//! | `{refyear:ROW}` | the year of a dataset row |
//! | `{growth:ROW1:ROW2}` | compound annual growth between two dataset rows |
//! | `{ratio:ROW1:ROW2}` | ratio of two dataset rows ("×12") |
//!
//! YEAR is left out for a one-off scenario. `{{` and `}}` write literal braces. Components and
//! savings have placeholders of their own (`saving`, `component_share` …: see
//! [`super::template_parts`]).
//!
//! This module parses and checks placeholders and [`fill`]s them with values; the words
//! ("945 TWh", "×2.3", "1,2 million") are written by `output::findings`.

use super::types::{Scenario, ScenarioResult};
use crate::data::{Datasets, Row, Table};
use crate::error::{Error, InputError, Result};
use crate::model::Indicator;

/// One parsed piece of a template.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'t> {
    Literal(&'t str),
    Brace(char),
    Field {
        kind: &'t str,
        args: Vec<&'t str>,
        start: usize,
        end: usize,
    },
}

fn pieces(text: &str) -> std::result::Result<Vec<Piece<'_>>, (usize, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    let mut literal_start = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'{' if bytes.get(index + 1) == Some(&b'{') => {
                out.push(Piece::Literal(&text[literal_start..index]));
                out.push(Piece::Brace('{'));
                index += 2;
                literal_start = index;
            }
            b'}' if bytes.get(index + 1) == Some(&b'}') => {
                out.push(Piece::Literal(&text[literal_start..index]));
                out.push(Piece::Brace('}'));
                index += 2;
                literal_start = index;
            }
            b'{' => {
                let Some(close) = text[index..].find('}') else {
                    return Err((index, "`{` without a closing `}`".into()));
                };
                out.push(Piece::Literal(&text[literal_start..index]));
                let inner = &text[index + 1..index + close];
                let mut parts = inner.split(':');
                let kind = parts.next().unwrap_or("").trim();
                let args: Vec<&str> = parts.map(str::trim).collect();
                out.push(Piece::Field {
                    kind,
                    args,
                    start: index,
                    end: index + close + 1,
                });
                index += close + 1;
                literal_start = index;
            }
            b'}' => {
                return Err((
                    index,
                    "`}` without an opening `{` (write `}}` for a brace)".into(),
                ));
            }
            _ => index += 1,
        }
    }
    out.push(Piece::Literal(&text[literal_start..]));
    Ok(out)
}

const KINDS: &[(&str, &str)] = &[
    ("central", "VARIANT:INDICATOR[:YEAR]"),
    ("range", "VARIANT:INDICATOR[:YEAR]"),
    ("times", "VARIANT:INDICATOR:YEAR1:YEAR2"),
    ("cagr", "VARIANT:INDICATOR:YEAR1:YEAR2"),
    ("equiv", "VARIANT:INDICATOR:YEAR:REF"),
    ("diff", "VARIANT1:VARIANT2:INDICATOR[:YEAR]"),
    ("compare", "VARIANT:INDICATOR1:INDICATOR2[:YEAR]"),
    ("vs", "VARIANT1:VARIANT2:INDICATOR[:YEAR]"),
    ("ref", "ROW"),
    ("refyear", "ROW"),
    ("growth", "ROW1:ROW2"),
    ("ratio", "ROW1:ROW2"),
];

/// Where a template lives in the file, for error messages.
fn locate(file_text: &str, template: &str, offset: usize) -> std::ops::Range<usize> {
    // Templates are TOML strings; find the template in the file to point at the placeholder.
    if let Some(start) = file_text.find(template) {
        return start + offset..start + offset + 1;
    }
    // The file spells the text differently (TOML escapes): look for the placeholder itself,
    // then for the text's first line.
    let placeholder = template
        .get(offset..)
        .and_then(|rest| rest.split_inclusive('}').next())
        .filter(|placeholder| placeholder.len() > 1);
    if let Some(start) = placeholder.and_then(|placeholder| file_text.find(placeholder)) {
        return start..start + 1;
    }
    let first_line: &str = template.lines().next().unwrap_or("");
    let start = file_text.find(first_line).unwrap_or(0);
    start..start + 1
}

/// Checks every placeholder of every finding: known kind, argument count, variant ids,
/// indicators, years and dataset rows.
pub fn check_syntax(scenario: &Scenario, file_text: &str, datasets: &Datasets) -> Result<()> {
    for finding in &scenario.findings {
        for template in [
            &finding.text.en,
            &finding.text.fr,
            &finding.why.en,
            &finding.why.fr,
        ] {
            let fail = |offset: usize, message: String, hint: String| -> Error {
                InputError::new(message)
                    .in_text(
                        &scenario.path,
                        file_text,
                        locate(file_text, template, offset),
                        Some("finding.text"),
                    )
                    .hint(hint)
                    .into()
            };
            let parsed = pieces(template).map_err(|(offset, message)| {
                fail(
                    offset,
                    message,
                    "placeholders look like {central:base:facility_energy:2030}".into(),
                )
            })?;
            for piece in parsed {
                let Piece::Field {
                    kind, args, start, ..
                } = piece
                else {
                    continue;
                };
                if let Some(checked) = super::template_parts::check(kind, &args, scenario, datasets)
                {
                    checked.map_err(|message| {
                        fail(
                            start,
                            message,
                            "the placeholders of components and savings are listed in \
                             datasets/scenarios/README.md"
                                .into(),
                        )
                    })?;
                    continue;
                }
                let Some((_, shape)) = KINDS.iter().find(|(name, _)| *name == kind) else {
                    let names: Vec<&str> = KINDS.iter().map(|(name, _)| *name).collect();
                    let hint = crate::text::closest(kind, names.iter().copied())
                        .map(|candidate| format!("did you mean `{candidate}`?"))
                        .unwrap_or_else(|| format!("placeholders: {}", names.join(", ")));
                    return Err(fail(start, format!("unknown placeholder `{kind}`"), hint));
                };
                let wrong =
                    |message: String| fail(start, message, format!("`{kind}` takes {shape}"));
                match kind {
                    "diff" | "compare" | "vs" => {
                        let one_off = scenario.years.is_none();
                        let expected = if one_off { 3 } else { 4 };
                        // A yearly scenario may leave out the year (the headline year).
                        let year_optional = !one_off && args.len() == 3;
                        if args.len() != expected && !year_optional {
                            return Err(wrong(format!(
                                "`{kind}` takes {expected} arguments here, got {}",
                                args.len()
                            )));
                        }
                        let (variants, indicators): (Vec<&str>, Vec<&str>) = if kind != "compare" {
                            (vec![args[0], args[1]], vec![args[2]])
                        } else {
                            (vec![args[0]], vec![args[1], args[2]])
                        };
                        for variant in variants {
                            if !scenario.variants.iter().any(|v| v.id == variant) {
                                return Err(wrong(format!("no variant `{variant}`")));
                            }
                        }
                        for indicator in indicators {
                            if Indicator::from_short(indicator).is_none() {
                                return Err(wrong(format!("unknown indicator `{indicator}`")));
                            }
                        }
                        if let Some(year_text) = args.get(3) {
                            let year: i32 = year_text
                                .parse()
                                .map_err(|_| wrong(format!("`{year_text}` is not a year")))?;
                            match scenario.years {
                                Some((from, to)) if year >= from && year <= to => {}
                                _ => {
                                    return Err(wrong(format!(
                                        "{year} is outside the scenario's years"
                                    )));
                                }
                            }
                        }
                    }
                    "ref" | "refyear" | "growth" | "ratio" => {
                        let expected = if matches!(kind, "ref" | "refyear") {
                            1
                        } else {
                            2
                        };
                        if args.len() != expected {
                            return Err(wrong(format!(
                                "`{kind}` takes {expected} argument(s), got {}",
                                args.len()
                            )));
                        }
                        let rows: Vec<&Row> = args
                            .iter()
                            .map(|id| {
                                datasets.get(id).ok_or_else(|| {
                                    let hint = crate::text::closest(id, datasets.ids())
                                        .map(|candidate| format!("did you mean `{candidate}`?"))
                                        .unwrap_or_else(|| "check the row id".into());
                                    fail(start, format!("no dataset row `{id}`"), hint)
                                })
                            })
                            .collect::<Result<_>>()?;
                        if kind == "refyear" && rows[0].year.is_none() {
                            return Err(wrong(format!("row `{}` has no year", rows[0].id)));
                        }
                        if rows.len() == 2 && rows[0].unit.dimension != rows[1].unit.dimension {
                            return Err(wrong(format!(
                                "rows `{}` and `{}` measure different things",
                                rows[0].id, rows[1].id
                            )));
                        }
                        if kind == "growth"
                            && (rows[0].year.is_none()
                                || rows[1].year.is_none()
                                || rows[0].year == rows[1].year)
                        {
                            return Err(wrong("`growth` needs two rows of different years".into()));
                        }
                    }
                    _ => {
                        let years_expected = match kind {
                            "times" | "cagr" => 2,
                            _ => usize::from(scenario.years.is_some()),
                        };
                        let extra = usize::from(kind == "equiv");
                        let needed = 2 + years_expected + extra;
                        let optional_year = matches!(kind, "central" | "range")
                            && args.len() == 2
                            && scenario.years.is_some();
                        if args.len() != needed && !optional_year {
                            return Err(wrong(format!(
                                "`{kind}` takes {needed} arguments here, got {}",
                                args.len()
                            )));
                        }
                        if !scenario
                            .variants
                            .iter()
                            .any(|variant| variant.id == args[0])
                        {
                            let ids: Vec<&str> =
                                scenario.variants.iter().map(|v| v.id.as_str()).collect();
                            return Err(fail(
                                start,
                                format!("no variant `{}`", args[0]),
                                format!("variants: {}", ids.join(", ")),
                            ));
                        }
                        if Indicator::from_short(args[1]).is_none() {
                            let names: Vec<&str> =
                                Indicator::ALL.iter().map(|i| i.short()).collect();
                            return Err(fail(
                                start,
                                format!("unknown indicator `{}`", args[1]),
                                format!("indicators: {}", names.join(", ")),
                            ));
                        }
                        for year_text in args.iter().skip(2).take(years_expected) {
                            let year: i32 = year_text
                                .parse()
                                .map_err(|_| wrong(format!("`{year_text}` is not a year")))?;
                            let (from, to) = scenario.years.unwrap_or((year, year));
                            if scenario.years.is_none() || year < from || year > to {
                                return Err(wrong(format!(
                                    "{year} is outside the scenario's years"
                                )));
                            }
                        }
                        if kind == "equiv" {
                            let id = args[needed - 1];
                            match datasets.get(id) {
                                Some(row)
                                    if row.table == Table::References
                                        && !(row.base_value().is_finite()
                                            && row.base_value() > 0.0) =>
                                {
                                    return Err(wrong(format!(
                                        "row `{id}` has the value {} {}: nothing can be counted \
                                         in it (a reference must be a positive number)",
                                        row.value, row.unit
                                    )));
                                }
                                Some(row) if row.table == Table::References => {}
                                _ => {
                                    return Err(wrong(format!(
                                        "`{id}` is not a row of references.csv"
                                    )));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// Checks that every placeholder can be filled from the results (e.g. the indicator is
/// available in that variant, nothing it divides by is 0).
pub fn check(result: &ScenarioResult, datasets: &Datasets) -> Result<()> {
    for finding in &result.scenario.findings {
        for template in [
            &finding.text.en,
            &finding.text.fr,
            &finding.why.en,
            &finding.why.fr,
        ] {
            fill(template, result, datasets).map_err(|error| {
                let scenario = &result.scenario;
                Error::from(
                    InputError::new(format!("finding text cannot be filled: {}", error.message))
                        .in_text(
                            &scenario.path,
                            &scenario.source_text,
                            locate(&scenario.source_text, template, error.offset),
                            Some("finding.text"),
                        )
                        .hint(
                            "check that the variant computes that indicator (its factors are \
                             given) and that nothing it divides by is 0",
                        ),
                )
            })?;
        }
    }
    Ok(())
}

/// A placeholder that cannot be filled: where it is in the template and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct FillError {
    /// Byte offset of the placeholder in the template.
    pub offset: usize,
    /// What is missing.
    pub message: String,
}

/// One piece of a filled template: literal text, or the value of a placeholder, computed from
/// the results and the datasets. The output layer words each value in a language.
#[derive(Debug, Clone)]
pub enum Filled<'a> {
    /// Text written as is.
    Literal(&'a str),
    /// An indicator's value, in base units (`central`, `diff`).
    Quantity {
        /// The indicator.
        indicator: Indicator,
        /// Its value.
        value: f64,
    },
    /// An indicator's 90 % range (`range`); `None` when the value is not uncertain.
    Range {
        /// The indicator.
        indicator: Indicator,
        /// Its central value.
        central: f64,
        /// p5 and p95, when the inputs are uncertain.
        bounds: Option<(f64, f64)>,
    },
    /// A ratio, a finite number (`times`, `vs`, `compare`, `ratio`).
    Ratio(f64),
    /// A compound annual growth rate, a finite number (`cagr`, `growth`).
    Rate(f64),
    /// How many of a reference row a value is (`equiv`).
    Count(f64),
    /// A dataset row, shown with its unit (`ref`).
    Row(&'a Row),
    /// A year (`refyear`).
    Year(i32),
}

/// Fills a template with values from the results and the datasets.
pub fn fill<'a>(
    template: &'a str,
    result: &ScenarioResult,
    datasets: &'a Datasets,
) -> std::result::Result<Vec<Filled<'a>>, FillError> {
    let parsed = pieces(template).map_err(|(offset, message)| FillError { offset, message })?;
    parsed
        .into_iter()
        .map(|piece| match piece {
            Piece::Literal(text) => Ok(Filled::Literal(text)),
            Piece::Brace('{') => Ok(Filled::Literal("{")),
            Piece::Brace(_) => Ok(Filled::Literal("}")),
            Piece::Field {
                kind, args, start, ..
            } => field(kind, &args, result, datasets).map_err(|message| FillError {
                offset: start,
                message,
            }),
        })
        .collect()
}

/// Dataset row ids a template refers to.
pub fn rows_in(template: &str) -> Vec<&str> {
    let Ok(parsed) = pieces(template) else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for piece in parsed {
        if let Piece::Field { kind, args, .. } = piece {
            match kind {
                "ref" | "refyear" | "growth" | "ratio" => ids.extend(args),
                "equiv" | "saving_equiv" | "saving_share" | "saving_share_range" => {
                    ids.extend(args.last().copied())
                }
                _ => {}
            }
        }
    }
    ids
}

fn year_arg(text: Option<&&str>) -> std::result::Result<Option<i32>, String> {
    match text {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| format!("`{text}` is not a year")),
    }
}

fn field<'a>(
    kind: &str,
    args: &[&str],
    result: &ScenarioResult,
    datasets: &'a Datasets,
) -> std::result::Result<Filled<'a>, String> {
    let row = |id: &str| {
        datasets
            .get(id)
            .ok_or_else(|| format!("no dataset row `{id}`"))
    };
    if let Some(filled) = super::template_parts::fill(kind, args, result, datasets) {
        use super::template_parts::Filled as Part;
        return filled.map(|value| match value {
            Part::Value(indicator, value) => Filled::Quantity { indicator, value },
            Part::Range(indicator, stats) => Filled::Range {
                indicator,
                central: stats.central,
                bounds: stats.is_uncertain().then_some((stats.p5, stats.p95)),
            },
            Part::Count(count) => Filled::Count(count),
        });
    }
    match kind {
        "ref" => Ok(Filled::Row(row(args[0])?)),
        "refyear" => row(args[0])?
            .year
            .map(Filled::Year)
            .ok_or_else(|| "no year".to_string()),
        "growth" => {
            let (a, b) = (row(args[0])?, row(args[1])?);
            let years = f64::from(b.year.unwrap_or(0) - a.year.unwrap_or(0));
            let rate = (b.base_value() / a.base_value()).powf(1.0 / years) - 1.0;
            Ok(Filled::Rate(finite(rate)?))
        }
        "ratio" => {
            let (a, b) = (row(args[0])?, row(args[1])?);
            Ok(Filled::Ratio(finite(a.base_value() / b.base_value())?))
        }
        "diff" | "compare" | "vs" => {
            let year = year_arg(args.get(3))?.or(result.scenario.headline_year);
            let central = |variant_id: &str,
                           indicator_name: &str|
             -> std::result::Result<(Indicator, f64), String> {
                let variant = result
                    .variant(variant_id)
                    .ok_or_else(|| format!("no variant `{variant_id}`"))?;
                let indicator = Indicator::from_short(indicator_name)
                    .ok_or_else(|| format!("unknown indicator `{indicator_name}`"))?;
                let stats = variant
                    .outcome
                    .get(indicator, year)
                    .ok_or_else(|| format!("variant `{variant_id}` has no {indicator_name}"))?;
                Ok((indicator, stats.central))
            };
            if kind == "diff" {
                let (indicator, a) = central(args[0], args[2])?;
                let (_, b) = central(args[1], args[2])?;
                Ok(Filled::Quantity {
                    indicator,
                    value: a - b,
                })
            } else if kind == "vs" {
                let (_, a) = central(args[0], args[2])?;
                let (_, b) = central(args[1], args[2])?;
                Ok(Filled::Ratio(finite(a / b)?))
            } else {
                let (_, a) = central(args[0], args[1])?;
                let (_, b) = central(args[0], args[2])?;
                Ok(Filled::Ratio(finite(a / b)?))
            }
        }
        _ => {
            let variant = result
                .variant(args[0])
                .ok_or_else(|| format!("no variant `{}`", args[0]))?;
            let indicator = Indicator::from_short(args[1])
                .ok_or_else(|| format!("unknown indicator `{}`", args[1]))?;
            let stats = |year: Option<i32>| {
                variant
                    .outcome
                    .get(indicator, year)
                    .copied()
                    .ok_or_else(|| {
                        format!(
                            "variant `{}` has no {} for {}",
                            args[0],
                            indicator.short(),
                            year.map_or("the total".to_string(), |year| year.to_string())
                        )
                    })
            };
            match kind {
                "central" | "range" => {
                    let year = year_arg(args.get(2))?.or(result.scenario.headline_year);
                    let stats = stats(year)?;
                    if kind == "central" {
                        Ok(Filled::Quantity {
                            indicator,
                            value: stats.central,
                        })
                    } else {
                        Ok(Filled::Range {
                            indicator,
                            central: stats.central,
                            bounds: stats.is_uncertain().then_some((stats.p5, stats.p95)),
                        })
                    }
                }
                "times" | "cagr" => {
                    let (y1, y2) = (year_arg(args.get(2))?, year_arg(args.get(3))?);
                    let (a, b) = (stats(y1)?.central, stats(y2)?.central);
                    if kind == "times" {
                        Ok(Filled::Ratio(finite(b / a)?))
                    } else {
                        let years = f64::from(y2.unwrap_or(0) - y1.unwrap_or(0));
                        Ok(Filled::Rate(finite((b / a).powf(1.0 / years) - 1.0)?))
                    }
                }
                _ => {
                    // {equiv:VARIANT:INDICATOR:YEAR:REF}, or without YEAR in a one-off scenario.
                    let (year, reference) = if args.len() == 3 {
                        (None, row(args[2])?)
                    } else {
                        (year_arg(args.get(2))?, row(args[3])?)
                    };
                    let count = stats(year)?.central / reference.base_value();
                    if !count.is_finite() {
                        return Err(format!(
                            "row `{}` is 0, so nothing can be counted in it",
                            reference.id
                        ));
                    }
                    Ok(Filled::Count(count))
                }
            }
        }
    }
}

/// A ratio or rate must be a number: a zero divisor gives ∞ or NaN, never to be printed.
fn finite(value: f64) -> std::result::Result<f64, String> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err("the ratio cannot be computed: a value it divides by is 0".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_placeholders_and_braces() {
        let parsed = pieces("A {central:base:co2e:2030} b {{x}}").unwrap();
        assert_eq!(parsed.len(), 7);
        assert!(
            matches!(parsed[1], Piece::Field { kind: "central", ref args, .. } if args == &vec!["base", "co2e", "2030"])
        );
        assert!(pieces("broken {central").is_err());
        assert!(pieces("stray } brace").is_err());
    }
}
