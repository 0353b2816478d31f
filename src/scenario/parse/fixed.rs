//! The fixed-shape tables of the top level (`years`, `headline`, `display`), read with serde
//! into typed structs that keep the span of every value, so later checks point at it.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::super::read::{Doc, Node};
use super::super::types::DisplayUnits;
use crate::error::{Error, Result};
use crate::model::Indicator;
use crate::units::Dimension;

/// `years = { from, to }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Years {
    from: Spanned<i64>,
    to: Spanned<i64>,
}

/// `headline = { indicator, year }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Headline {
    indicator: Spanned<String>,
    year: Option<Spanned<i64>>,
}

/// `display = { energy, water, co2e }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Display {
    energy: Option<Spanned<String>>,
    water: Option<Spanned<String>>,
    co2e: Option<Spanned<String>>,
}

/// A value of a typed table, to point errors at.
struct At<'n, 'a, 'd> {
    node: &'n Node<'a, 'd>,
    span: Range<usize>,
    key: &'static str,
}

impl At<'_, '_, '_> {
    fn of<'n, 'a, 'd, T>(
        node: &'n Node<'a, 'd>,
        value: &Spanned<T>,
        key: &'static str,
    ) -> At<'n, 'a, 'd> {
        At {
            node,
            span: value.span(),
            key,
        }
    }

    fn doc(&self) -> Doc<'_> {
        self.node.doc
    }

    fn path(&self) -> String {
        format!("{}.{}", self.node.path(), self.key)
    }

    fn error(&self, message: impl Into<String>) -> Error {
        self.doc().error(self.span.clone(), &self.path(), message)
    }

    fn error_hint(&self, message: impl Into<String>, hint: impl Into<String>) -> Error {
        self.doc()
            .error_hint(self.span.clone(), &self.path(), message, hint)
    }

    /// An integer between 1900 and 2100.
    fn year(&self, year: i64) -> Result<i32> {
        if !(1900..=2100).contains(&year) {
            return Err(self.error(format!("{year} is not a year between 1900 and 2100")));
        }
        Ok(year as i32)
    }
}

/// The first and last year.
pub(super) fn years(node: &Node<'_, '_>) -> Result<(i32, i32)> {
    let years: Years = node.typed(&[("from", "the first year"), ("to", "the last year")])?;
    let to = At::of(node, &years.to, "to");
    let first = At::of(node, &years.from, "from").year(*years.from.get_ref())?;
    let last = to.year(*years.to.get_ref())?;
    if first > last {
        return Err(to.error(format!("`to` ({last}) is before `from` ({first})")));
    }
    if last - first > 100 {
        return Err(to.error("a scenario covers at most 100 years"));
    }
    Ok((first, last))
}

/// The headline indicator, its year, and the span of the indicator's name.
pub(super) fn headline(
    node: &Node<'_, '_>,
    years: Option<(i32, i32)>,
) -> Result<(Indicator, Option<i32>, Range<usize>)> {
    let headline: Headline = node.typed(&[("indicator", "an indicator name")])?;
    let name = At::of(node, &headline.indicator, "indicator");
    let indicator = Indicator::from_short(headline.indicator.get_ref()).ok_or_else(|| {
        let (message, hint) = super::common::unknown_indicator(headline.indicator.get_ref());
        name.error_hint(message, hint)
    })?;
    let year = match &headline.year {
        None => years.map(|(_, last)| last),
        Some(year) => {
            let at = At::of(node, year, "year");
            let year = at.year(*year.get_ref())?;
            match years {
                None => {
                    return Err(at.error("a one-off scenario (no `years`) has no years to pick"));
                }
                Some((from, to)) if year < from || year > to => {
                    return Err(at.error(format!(
                        "{year} is outside the scenario's years {from}–{to}"
                    )));
                }
                Some(_) => Some(year),
            }
        }
    };
    Ok((indicator, year, name.span))
}

/// The display units.
pub(super) fn display(node: &Node<'_, '_>) -> Result<DisplayUnits> {
    let display: Display = node.typed(&[])?;
    let check = |value: &Option<Spanned<String>>, key: &'static str, dimension: Dimension| {
        let Some(label) = value else {
            return Ok(None);
        };
        if crate::display_unit::unit_by_label(dimension, label.get_ref()).is_none() {
            let known: Vec<&str> = crate::display_unit::display_units(dimension)
                .iter()
                .map(|unit| unit.english())
                .collect();
            return Err(At::of(node, label, key).error_hint(
                format!("unknown display unit `{}`", label.get_ref()),
                format!("use one of: {}", known.join(", ")),
            ));
        }
        Ok(Some(label.get_ref().clone()))
    };
    Ok(DisplayUnits {
        energy: check(&display.energy, "energy", Dimension::Energy)?,
        water: check(&display.water, "water", Dimension::Volume)?,
        co2e: check(&display.co2e, "co2e", Dimension::Co2e)?,
    })
}
