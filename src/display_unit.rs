//! Display units: the units a number is shown in (MWh, TWh, million litres, t CO₂e …), their
//! labels in both languages and the choice of the unit that reads best.

use crate::lang::{Lang, Plural};
use crate::number::{human, human_percent, space};
use crate::units::Dimension;

/// A display unit: its name in each language (singular and plural) and how many base units it
/// is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DisplayUnit {
    /// The name: "million litres", French "million de litres" / "millions de litres".
    pub name: Plural,
    /// Size in base units (kWh, L, kg, fraction).
    pub size: f64,
}

impl DisplayUnit {
    /// The label in a language, as a column header or axis title uses it (the plural form).
    pub fn label(&self, lang: Lang) -> &'static str {
        self.name.many.pick(lang)
    }

    /// The English label, which scenario files use to name a unit.
    pub fn english(&self) -> &'static str {
        self.name.many.en
    }

    /// The label for a given number of this unit: French writes "1,5 milliard de litres" but
    /// "2 milliards de litres" (see [`Lang::is_plural`]).
    pub fn label_for(&self, count: f64, lang: Lang) -> &'static str {
        self.name.for_count(count, lang)
    }

    /// A base value expressed in this unit.
    pub fn of(&self, base: f64) -> f64 {
        base / self.size
    }
}

/// A unit written the same in both languages and in any number.
const fn symbol(symbol: &'static str, size: f64) -> DisplayUnit {
    DisplayUnit {
        name: Plural::invariant(symbol, symbol),
        size,
    }
}

/// Five units a thousand apart, from a thousandth of the base unit to a billion of it.
const fn ladder(symbols: [&'static str; 5]) -> [DisplayUnit; 5] {
    let [milli, base, kilo, mega, giga] = symbols;
    [
        symbol(milli, 1e-3),
        symbol(base, 1.0),
        symbol(kilo, 1e3),
        symbol(mega, 1e6),
        symbol(giga, 1e9),
    ]
}

const ENERGY: &[DisplayUnit] = &ladder(["Wh", "kWh", "MWh", "GWh", "TWh"]);

const VOLUME: &[DisplayUnit] = &[
    symbol("mL", 1e-3),
    symbol("L", 1.0),
    symbol("m³", 1e3),
    DisplayUnit {
        name: Plural::french("million litres", "million de litres", "millions de litres"),
        size: 1e6,
    },
    DisplayUnit {
        name: Plural::french(
            "billion litres",
            "milliard de litres",
            "milliards de litres",
        ),
        size: 1e9,
    },
];

const CO2E: &[DisplayUnit] = &ladder(["g CO₂e", "kg CO₂e", "t CO₂e", "kt CO₂e", "Mt CO₂e"]);

const POWER: &[DisplayUnit] = &[
    symbol("W", 1e-3),
    symbol("kW", 1.0),
    symbol("MW", 1e3),
    symbol("GW", 1e6),
];

const PERCENT: &[DisplayUnit] = &[symbol("%", 0.01)];

/// The display units of a dimension, smallest first.
pub fn display_units(dimension: Dimension) -> &'static [DisplayUnit] {
    match dimension {
        Dimension::Energy => ENERGY,
        Dimension::Volume => VOLUME,
        Dimension::Co2e => CO2E,
        Dimension::Percent => PERCENT,
        Dimension::Power => POWER,
        _ => &[],
    }
}

/// The display unit in which `value` (base units) reads best: the largest unit in which it is
/// at least 1 — for water, at least 0.1 of a million or billion litres, and never m³ (so that
/// volumes read in litres, like the published figures).
pub fn best_unit(dimension: Dimension, value: f64) -> DisplayUnit {
    let units = display_units(dimension);
    if units.is_empty() {
        return symbol("", 1.0);
    }
    let magnitude = value.abs();
    let threshold = |unit: &DisplayUnit| {
        if dimension == Dimension::Volume && unit.size >= 1e6 {
            0.099_95
        } else {
            0.999_5
        }
    };
    units
        .iter()
        .rev()
        .filter(|unit| !(dimension == Dimension::Volume && unit.english() == "m³"))
        .find(|unit| magnitude >= unit.size * threshold(unit))
        .copied()
        .unwrap_or(units[0])
}

/// The display unit with this English label, if any ("million L" is read as "million litres").
pub fn unit_by_label(dimension: Dimension, label: &str) -> Option<DisplayUnit> {
    let label = match label {
        "million L" => "million litres",
        "billion L" => "billion litres",
        other => other,
    };
    display_units(dimension)
        .iter()
        .find(|unit| unit.english() == label || unit.label(Lang::Fr) == label)
        .copied()
}

/// A base value with its best display unit, e.g. "4.73 million L".
pub fn scaled(dimension: Dimension, value: f64, digits: u32, lang: Lang) -> String {
    if dimension == Dimension::Percent {
        return human_percent(value, digits, lang);
    }
    let unit = best_unit(dimension, value);
    let number = human(unit.of(value), digits, lang);
    if unit.label(lang).is_empty() {
        number
    } else {
        format!(
            "{number}{}{}",
            space(lang),
            unit.label_for(unit.of(value), lang)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_scale_for_reading() {
        assert_eq!(best_unit(Dimension::Energy, 415e9).english(), "TWh");
        assert_eq!(best_unit(Dimension::Energy, 0.000_24).english(), "Wh");
        assert_eq!(
            best_unit(Dimension::Volume, 5_439_042.0).english(),
            "million litres"
        );
        assert_eq!(
            scaled(Dimension::Volume, 1_500_000_000.0, 2, Lang::Fr),
            "1,5\u{202F}milliard de litres"
        );
        assert_eq!(
            scaled(Dimension::Volume, 5_439_042.0, 4, Lang::En),
            "5.439\u{a0}million litres"
        );
        assert_eq!(
            scaled(Dimension::Volume, 0.016_904_56, 3, Lang::Fr),
            "16,9\u{202F}mL"
        );
        assert_eq!(scaled(Dimension::Energy, 999.9, 3, Lang::En), "1\u{a0}MWh");
    }
}
