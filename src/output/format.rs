//! Number formatting for people (tables, charts, reports) and for machines (CSV).
//!
//! - [`csv_number`]: plain decimal, `.` or `,` as decimal separator, no exponent, no grouping,
//!   7 significant digits (more than any published input carries); NaN/inf become an empty cell.
//! - [`human`]: rounded to a few significant digits with thousands grouping: `,` in English,
//!   U+202F (narrow no-break space) in French, with a decimal comma in French.
//! - [`best_unit`] and [`scaled`]: pick a display unit (MWh, TWh, million L …) so the number
//!   reads well.

use crate::units::Dimension;

/// Language of people-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// `en` or `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses `en` or `fr`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks the text of this language.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }
}

/// The narrow no-break space French uses to group thousands and before `%`.
pub const NNBSP: char = '\u{202F}';

/// Rounds to `digits` significant digits.
pub fn round_significant(value: f64, digits: u32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = digits as i32 - 1 - magnitude;
    let rounded = if decimals >= 0 {
        let factor = 10f64.powi(decimals);
        (value * factor).round() / factor
    } else {
        let factor = 10f64.powi(-decimals);
        (value / factor).round() * factor
    };
    // Near the ends of the float range the scale factor overflows (1e-320 × 10^326, or
    // f64::MAX rounded up): keep the value rather than turn it into NaN or infinity.
    if rounded.is_finite() { rounded } else { value }
}

/// Decimal places needed to show `value` with `digits` significant digits.
fn decimals_for(value: f64, digits: u32) -> usize {
    if value == 0.0 || !value.is_finite() {
        return 0;
    }
    let magnitude = value.abs().log10().floor() as i32;
    (digits as i32 - 1 - magnitude).clamp(0, 17) as usize
}

/// A number for a CSV cell: no exponent, no grouping, 7 significant digits, trailing zeros
/// trimmed; `decimal_comma` for the French flavour. NaN and infinities give an empty cell.
pub fn csv_number(value: f64, decimal_comma: bool) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded = round_significant(value, 7);
    let decimals = decimals_for(rounded, 7);
    let mut text = format!("{rounded:.decimals$}");
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if text == "-0" {
        text = "0".into();
    }
    if decimal_comma {
        text = text.replace('.', ",");
    }
    text
}

/// A number for people: `digits` significant digits (but never hiding integer digits),
/// thousands grouped, in the language's convention.
pub fn human(value: f64, digits: u32, lang: Lang) -> String {
    if value.is_nan() {
        return "–".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let rounded = round_significant(value, digits);
    let decimals = decimals_for(rounded, digits);
    let text = format!("{:.decimals$}", rounded.abs());
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (group, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Fr => (NNBSP, ','),
    };
    let mut grouped = String::new();
    let length = integer.len();
    for (index, digit) in integer.chars().enumerate() {
        // Four-digit numbers (years, 1287) read better ungrouped.
        if index > 0 && (length - index) % 3 == 0 && length > 4 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let fraction = fraction.trim_end_matches('0');
    let mut result = String::new();
    if rounded < 0.0 {
        result.push('−');
    }
    result.push_str(&grouped);
    if !fraction.is_empty() {
        result.push(decimal);
        result.push_str(fraction);
    }
    result
}

/// A percentage for people: `12.3 %` (English `12.3%`, French `12,3 %` with a narrow space).
pub fn human_percent(fraction: f64, digits: u32, lang: Lang) -> String {
    let number = human(fraction * 100.0, digits, lang);
    match lang {
        Lang::En => format!("{number}%"),
        Lang::Fr => format!("{number}{NNBSP}%"),
    }
}

/// A display unit: its label in each language and how many base units it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DisplayUnit {
    /// Label in English.
    pub en: &'static str,
    /// Label in French.
    pub fr: &'static str,
    /// Size in base units (kWh, L, kg, fraction).
    pub size: f64,
}

impl DisplayUnit {
    /// The label in a language.
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.fr)
    }

    /// The label for a given number of this unit: French writes "1,5 milliard de litres" but
    /// "2 milliards de litres" (the singular below 2).
    pub fn label_for(&self, count: f64, lang: Lang) -> &'static str {
        if lang == Lang::Fr && count.abs() < 2.0 {
            match self.fr {
                "millions de litres" => return "million de litres",
                "milliards de litres" => return "milliard de litres",
                _ => {}
            }
        }
        self.label(lang)
    }

    /// A base value expressed in this unit.
    pub fn of(&self, base: f64) -> f64 {
        base / self.size
    }
}

const fn du(en: &'static str, fr: &'static str, size: f64) -> DisplayUnit {
    DisplayUnit { en, fr, size }
}

/// The display units of a dimension, smallest first.
pub fn display_units(dimension: Dimension) -> &'static [DisplayUnit] {
    match dimension {
        Dimension::Energy => &[
            DisplayUnit {
                en: "Wh",
                fr: "Wh",
                size: 1e-3,
            },
            DisplayUnit {
                en: "kWh",
                fr: "kWh",
                size: 1.0,
            },
            DisplayUnit {
                en: "MWh",
                fr: "MWh",
                size: 1e3,
            },
            DisplayUnit {
                en: "GWh",
                fr: "GWh",
                size: 1e6,
            },
            DisplayUnit {
                en: "TWh",
                fr: "TWh",
                size: 1e9,
            },
        ],
        Dimension::Volume => &[
            DisplayUnit {
                en: "mL",
                fr: "mL",
                size: 1e-3,
            },
            DisplayUnit {
                en: "L",
                fr: "L",
                size: 1.0,
            },
            DisplayUnit {
                en: "m³",
                fr: "m³",
                size: 1e3,
            },
            DisplayUnit {
                en: "million litres",
                fr: "millions de litres",
                size: 1e6,
            },
            DisplayUnit {
                en: "billion litres",
                fr: "milliards de litres",
                size: 1e9,
            },
        ],
        Dimension::Co2e => &[
            DisplayUnit {
                en: "g CO₂e",
                fr: "g CO₂e",
                size: 1e-3,
            },
            DisplayUnit {
                en: "kg CO₂e",
                fr: "kg CO₂e",
                size: 1.0,
            },
            DisplayUnit {
                en: "t CO₂e",
                fr: "t CO₂e",
                size: 1e3,
            },
            DisplayUnit {
                en: "kt CO₂e",
                fr: "kt CO₂e",
                size: 1e6,
            },
            DisplayUnit {
                en: "Mt CO₂e",
                fr: "Mt CO₂e",
                size: 1e9,
            },
        ],
        Dimension::Percent => &[DisplayUnit {
            en: "%",
            fr: "%",
            size: 0.01,
        }],
        Dimension::Power => &[
            DisplayUnit {
                en: "W",
                fr: "W",
                size: 1e-3,
            },
            DisplayUnit {
                en: "kW",
                fr: "kW",
                size: 1.0,
            },
            DisplayUnit {
                en: "MW",
                fr: "MW",
                size: 1e3,
            },
            DisplayUnit {
                en: "GW",
                fr: "GW",
                size: 1e6,
            },
        ],
        _ => &[],
    }
}

/// The display unit in which `value` (base units) reads best: the largest unit in which it is
/// at least 1 — for water, at least 0.1 of a million or billion litres, and never m³ (so that
/// volumes read in litres, like the published figures).
pub fn best_unit(dimension: Dimension, value: f64) -> DisplayUnit {
    let units = display_units(dimension);
    if units.is_empty() {
        return du("", "", 1.0);
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
        .filter(|unit| !(dimension == Dimension::Volume && unit.en == "m³"))
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
        .find(|unit| unit.en == label || unit.fr == label)
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

/// The space between a number and its unit: a no-break space (narrow in French).
pub fn space(lang: Lang) -> char {
    match lang {
        Lang::En => '\u{a0}',
        Lang::Fr => NNBSP,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_magnitudes_stay_numbers() {
        // Regression: the rounding factor overflowed, giving "NaN" cells and "inf" text.
        assert_eq!(csv_number(1e-320, false), "0");
        assert_eq!(csv_number(5e-324, true), "0");
        assert_eq!(human(1e-305, 3, Lang::En), "0");
        assert!(human(f64::MAX, 3, Lang::En).starts_with("179,769,313"));
        assert_eq!(round_significant(f64::MAX, 3), f64::MAX);
    }

    #[test]
    fn csv_numbers_are_plain() {
        assert_eq!(csv_number(415e9, false), "415000000000");
        assert_eq!(csv_number(0.000_24, false), "0.00024");
        assert_eq!(csv_number(5_439_042.18, false), "5439042");
        assert_eq!(csv_number(16.904_56, false), "16.90456");
        assert_eq!(csv_number(0.1 + 0.2, false), "0.3");
        assert_eq!(csv_number(1.5, true), "1,5");
        assert_eq!(csv_number(-0.0, false), "0");
        assert_eq!(csv_number(f64::NAN, false), "");
        assert_eq!(csv_number(1e-12, false), "0.000000000001");
        assert!(!csv_number(3.14e23, false).contains('e'));
    }

    #[test]
    fn human_numbers_follow_the_language() {
        assert_eq!(human(4_731_192.18, 3, Lang::En), "4,730,000");
        assert_eq!(human(4_731_192.18, 3, Lang::Fr), "4\u{202F}730\u{202F}000");
        assert_eq!(human(1287.0, 4, Lang::En), "1287");
        assert_eq!(human(16.904, 3, Lang::Fr), "16,9");
        assert_eq!(human(0.24, 2, Lang::En), "0.24");
        assert_eq!(human(-3.5, 2, Lang::En), "−3.5");
        assert_eq!(human_percent(0.044, 2, Lang::Fr), "4,4\u{202F}%");
        assert_eq!(human_percent(0.044, 2, Lang::En), "4.4%");
    }

    #[test]
    fn units_scale_for_reading() {
        assert_eq!(best_unit(Dimension::Energy, 415e9).en, "TWh");
        assert_eq!(best_unit(Dimension::Energy, 0.000_24).en, "Wh");
        assert_eq!(
            best_unit(Dimension::Volume, 5_439_042.0).en,
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
