//! Every number dcfoot writes, in one place.
//!
//! - [`csv_number`]: plain decimal, `.` or `,` as decimal separator, no exponent, no grouping,
//!   7 significant digits (more than any published input carries); NaN/inf become an empty cell.
//! - [`human`], [`human_percent`]: rounded to a few significant digits with thousands grouping:
//!   `,` in English, U+202F (narrow no-break space) in French, with a decimal comma in French.
//! - [`big_count`], [`times`], [`per_year`]: counts in words, ratios and growth rates for prose.
//! - [`short_number`], [`trim_float`]: numbers inside error messages and distribution names.
//!
//! Display units (MWh, million litres …) are in [`crate::display_unit`].

use crate::lang::{Lang, Plural};

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
        // Every value from 1,000 up is grouped, four digits included ("2,370", "2 370"), so
        // that numbers side by side read alike; years and ids never come through here.
        if index > 0 && (length - index) % 3 == 0 {
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

/// The space between a number and its unit: a no-break space (narrow in French).
pub fn space(lang: Lang) -> char {
    match lang {
        Lang::En => '\u{a0}',
        Lang::Fr => NNBSP,
    }
}

/// A count in words for large numbers ("1.2 million", French "1,2 million", "2,5 millions").
pub fn big_count(count: f64, lang: Lang) -> String {
    const MILLION: Plural = Plural::french("million", "million", "millions");
    const BILLION: Plural = Plural::french("billion", "milliard", "milliards");
    let (scale, word) = if count >= 1e9 {
        (1e9, BILLION)
    } else if count >= 1e6 {
        (1e6, MILLION)
    } else {
        return human(count, 2, lang);
    };
    let shown = round_significant(count / scale, 2);
    format!(
        "{}{}{}",
        human(shown, 2, lang),
        space(lang),
        word.for_count(shown, lang)
    )
}

/// A ratio as a bare number ("2.3"): the prose around it says "times", "-fold" or "fois".
pub fn times(ratio: f64, lang: Lang) -> String {
    human(ratio, 2, lang)
}

/// A growth rate per year ("15%/yr", "15 %/an").
pub fn per_year(rate: f64, lang: Lang) -> String {
    format!(
        "{}{}",
        human_percent(rate, 2, lang),
        lang.pick("/yr", "/an")
    )
}

/// A number for an error message: plain when it reads well, in exponent notation when it is
/// huge or tiny (`1.000e308`), so a runaway value does not print as 300 digits.
pub fn short_number(value: f64) -> String {
    if value != 0.0 && value.is_finite() && !(1e-6..1e9).contains(&value.abs()) {
        format!("{value:.3e}")
    } else {
        format!("{}", (value * 1e6).round() / 1e6)
    }
}

/// Shortest readable decimal form of a float for messages (`1.2`, `1287000`, `0.00024`).
pub fn trim_float(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    if !value.is_finite() {
        return value.to_string();
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (9 - magnitude).clamp(0, 15) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
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
        assert_eq!(human(16.904, 3, Lang::Fr), "16,9");
        assert_eq!(human(0.24, 2, Lang::En), "0.24");
        assert_eq!(human(-3.5, 2, Lang::En), "−3.5");
        assert_eq!(human_percent(0.044, 2, Lang::Fr), "4,4\u{202F}%");
        assert_eq!(human_percent(0.044, 2, Lang::En), "4.4%");
    }

    #[test]
    fn thousands_are_grouped_from_one_thousand() {
        // Regression: four-digit values were left ungrouped, so "2370 TWh" stood next to
        // "11,500 billion litres" in the same sentence.
        let cases = [
            (999.0, "999", "999"),
            (1_000.0, "1,000", "1\u{202F}000"),
            (2_370.0, "2,370", "2\u{202F}370"),
            (12_345.6, "12,345.6", "12\u{202F}345,6"),
            (-1_650.0, "−1,650", "−1\u{202F}650"),
            (-999.5, "−999.5", "−999,5"),
            (1_234_567.0, "1,234,567", "1\u{202F}234\u{202F}567"),
        ];
        for (value, english, french) in cases {
            assert_eq!(human(value, 7, Lang::En), english, "{value}");
            assert_eq!(human(value, 7, Lang::Fr), french, "{value}");
        }
        // Rounding that reaches a thousand is grouped too.
        assert_eq!(human(999.6, 3, Lang::En), "1,000");
        assert_eq!(human(1287.0, 4, Lang::En), "1,287");
        // Both ends of a range follow the rule ("1,650–3,160").
        assert_eq!(
            format!(
                "{}–{}",
                human(1_650.0, 3, Lang::En),
                human(3_160.0, 3, Lang::En)
            ),
            "1,650–3,160"
        );
        // CSV cells and message numbers are never grouped; years in prose are written as
        // integers, not through `human`.
        assert_eq!(csv_number(2_370.0, false), "2370");
        assert_eq!(csv_number(12_345.6, true), "12345,6");
        assert_eq!(trim_float(2_030.0), "2030");
        assert_eq!(short_number(2_030.0), "2030");
    }

    #[test]
    fn counts_in_words() {
        assert_eq!(big_count(1_234_567.0, Lang::En), "1.2\u{a0}million");
        // Regression: French wrote "1,2 millions"; the plural starts at 2.
        assert_eq!(big_count(1_234_567.0, Lang::Fr), "1,2\u{202F}million");
        assert_eq!(big_count(2_500_000.0, Lang::Fr), "2,5\u{202F}millions");
        assert_eq!(big_count(1_960_000.0, Lang::Fr), "2\u{202F}millions");
        assert_eq!(big_count(1_500_000_000.0, Lang::Fr), "1,5\u{202F}milliard");
        assert_eq!(big_count(2_500_000_000.0, Lang::Fr), "2,5\u{202F}milliards");
        assert_eq!(big_count(2_500_000_000.0, Lang::En), "2.5\u{a0}billion");
        assert_eq!(big_count(3_400.0, Lang::En), "3,400");
        assert_eq!(big_count(3_400.0, Lang::Fr), "3\u{202F}400");
    }

    #[test]
    fn ratios_and_rates() {
        assert_eq!(times(2.345, Lang::Fr), "2,3");
        assert_eq!(per_year(0.15, Lang::En), "15%/yr");
        assert_eq!(per_year(0.15, Lang::Fr), "15\u{202F}%/an");
    }

    #[test]
    fn message_numbers() {
        assert_eq!(short_number(1e308), "1.000e308");
        assert_eq!(short_number(1.17), "1.17");
        assert_eq!(short_number(0.0), "0");
        assert_eq!(short_number(2.5e-9), "2.500e-9");
        assert_eq!(trim_float(1.17), "1.17");
        assert_eq!(trim_float(1_287_000.0), "1287000");
        assert_eq!(trim_float(0.00024), "0.00024");
        assert_eq!(trim_float(0.1 + 0.2), "0.3");
    }
}
