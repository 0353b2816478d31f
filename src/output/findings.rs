//! The words of `[[finding]]` texts: each placeholder, filled with a value by
//! [`crate::scenario::template::fill`], written in a language ("945 TWh", "620–1,250 TWh",
//! "2.3", "15%/yr", "1,2 million").

use crate::data::{Datasets, Row};
use crate::display_unit::{DisplayUnit, best_unit, display_units};
use crate::lang::{Lang, Text};
use crate::model::Indicator;
use crate::number::{NNBSP, big_count, human, human_percent, per_year, space, times};
use crate::scenario::template::{FillError, Filled, fill};
use crate::scenario::{Finding, ScenarioResult};
use crate::units::Dimension;

/// A finding's template, filled and written in a language.
pub fn render(
    template: &str,
    result: &ScenarioResult,
    datasets: &Datasets,
    lang: Lang,
) -> Result<String, FillError> {
    Ok(fill(template, result, datasets)?
        .iter()
        .map(|piece| words(piece, lang))
        .collect())
}

/// A finding's text and why, in words; a placeholder that cannot be filled (which
/// `scenario::template::check` rules out for a run's results) shows its reason in brackets.
pub fn finding_words(
    finding: &Finding,
    result: &ScenarioResult,
    datasets: &Datasets,
    lang: Lang,
) -> (String, String) {
    let words = |template: &Text| {
        render(template.get(lang), result, datasets, lang)
            .unwrap_or_else(|error| format!("({error})"))
    };
    (words(&finding.text), words(&finding.why))
}

/// One filled piece in words.
fn words(piece: &Filled<'_>, lang: Lang) -> String {
    match *piece {
        Filled::Literal(text) => text.to_string(),
        // Prose picks the most readable unit for each number (tables and charts keep the
        // scenario's display unit so rows compare).
        Filled::Quantity { indicator, value } => {
            let unit = best_unit(indicator.dimension(), value.abs());
            quantity(indicator, value, unit, lang)
        }
        Filled::Range {
            indicator,
            central,
            bounds,
        } => match bounds {
            None => lang
                .pick(
                    "single published values, no range",
                    "valeurs publiées uniques, sans fourchette",
                )
                .to_string(),
            Some((p5, p95)) if indicator == Indicator::Share => format!(
                "{}–{}",
                human_percent(p5, 2, lang),
                human_percent(p95, 2, lang)
            ),
            Some((p5, p95)) => {
                let unit = best_unit(indicator.dimension(), central);
                format!(
                    "{}–{}{}{}",
                    human(unit.of(p5), 3, lang),
                    human(unit.of(p95), 3, lang),
                    space(lang),
                    unit.label_for(unit.of(p95), lang)
                )
            }
        },
        Filled::Ratio(ratio) => times(ratio, lang),
        Filled::Rate(rate) => per_year(rate, lang),
        Filled::Count(count) => big_count(count, lang),
        Filled::Row(row) => row_text(row, lang),
        Filled::Year(year) => year.to_string(),
    }
}

/// A value of an indicator with its unit, in a language (3 significant digits).
pub fn quantity(indicator: Indicator, value: f64, unit: DisplayUnit, lang: Lang) -> String {
    if indicator == Indicator::Share {
        return human_percent(value, 2, lang);
    }
    format!(
        "{}{}{}",
        human(unit.of(value), 3, lang),
        space(lang),
        unit.label_for(unit.of(value), lang)
    )
}

/// A dataset row's value with its unit ("415 TWh", or "325–580 TWh" for a range).
pub fn row_text(row: &Row, lang: Lang) -> String {
    let (number, unit) = row_number_and_unit(row, lang);
    match row.unit.symbol {
        // A multiple (6.5, read with "-fold" or "fois") and a ratio (a PUE) are bare numbers.
        "x" | "ratio" => number,
        "count" | "queries/day" if !row.range_only && row.value >= 1e6 => {
            let count = big_count(row.value, lang);
            if row.unit.symbol == "count" {
                count
            } else {
                format!(
                    "{count}{}{}",
                    space(lang),
                    lang.pick("queries a day", "de requêtes par jour")
                )
            }
        }
        // Percentages follow each language's typography: "4.4%", « 4,4 % ».
        "%" | "%/yr" => match lang {
            Lang::En => format!("{number}{unit}"),
            Lang::Fr => format!("{number}{NNBSP}{unit}"),
        },
        _ => format!("{number}{}{unit}", space(lang)),
    }
}

fn row_number_and_unit(row: &Row, lang: Lang) -> (String, String) {
    let dimension = row.unit.dimension;
    let units = display_units(dimension);
    let base = |value: f64| row.unit.to_base(value);
    let (unit_label, scale): (String, Box<dyn Fn(f64) -> f64>) =
        if units.is_empty() || dimension == Dimension::Percent {
            let label = match row.unit.symbol {
                "%" => "%".to_string(),
                "%/yr" => lang.pick("%/yr", "%/an").to_string(),
                "ratio" | "x" => String::new(),
                other => other.to_string(),
            };
            (label, Box::new(|value| value))
        } else {
            let unit = best_unit(dimension, base(row.value));
            (
                unit.label_for(unit.of(base(row.high.unwrap_or(row.value))), lang)
                    .to_string(),
                Box::new(move |value| unit.of(base(value))),
            )
        };
    let number = if row.range_only {
        format!(
            "{}–{}",
            human(scale(row.low.unwrap_or(row.value)), 3, lang),
            human(scale(row.high.unwrap_or(row.value)), 3, lang)
        )
    } else {
        human(scale(row.value), 3, lang)
    };
    (number, unit_label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_values_in_words() {
        let share = Filled::Quantity {
            indicator: Indicator::Share,
            value: 0.044,
        };
        assert_eq!(words(&share, Lang::Fr), "4,4\u{202F}%");
        let energy = Filled::Quantity {
            indicator: Indicator::FacilityEnergy,
            value: 415e9,
        };
        assert_eq!(words(&energy, Lang::En), "415\u{a0}TWh");
        let range = Filled::Range {
            indicator: Indicator::FacilityEnergy,
            central: 945e9,
            bounds: Some((620e9, 1250e9)),
        };
        assert_eq!(words(&range, Lang::En), "620–1,250\u{a0}TWh");
        let fixed = Filled::Range {
            indicator: Indicator::FacilityEnergy,
            central: 945e9,
            bounds: None,
        };
        assert!(words(&fixed, Lang::En).starts_with("single published values"));
        assert_eq!(
            words(&Filled::Count(1.234e6), Lang::Fr),
            "1,2\u{202F}million"
        );
        assert_eq!(words(&Filled::Ratio(2.345), Lang::En), "2.3");
        assert_eq!(words(&Filled::Rate(0.15), Lang::Fr), "15\u{202F}%/an");
        assert_eq!(words(&Filled::Year(2030), Lang::Fr), "2030");
    }
}
