//! Quantities, units and the parsing of user values such as `1287MWh`, `0.3 Wh` or `700W`.
//!
//! Two vocabularies live here:
//! - the strict **dataset unit vocabulary** ([`Unit`]): every dataset row names one of these
//!   symbols exactly (see `datasets/README.md`);
//! - the lenient **user input grammar** ([`parse_quantity`]): a number, optional spaces and an
//!   optional unit, case-insensitive where that is unambiguous (`kwh`, `TWH`), but `mWh` and `mW`
//!   are refused because a lower-case `m` means milli, which nobody uses for data centres.
//!
//! Inside the model every quantity is held in a base unit: kWh for energy, kW for power,
//! litres for water, kg for CO2e. The newtypes [`Kwh`], [`Kw`], [`Litres`] and [`KgCo2e`] carry
//! that base unit in their name across module boundaries.

use std::fmt;

/// What a unit measures. Conversions are only allowed within a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// Energy; base unit kWh.
    Energy,
    /// Power; base unit kW.
    Power,
    /// Water volume; base unit litre.
    Volume,
    /// Mass of CO2-equivalent; base unit kg.
    Co2e,
    /// Grid carbon intensity; base unit gCO2e/kWh.
    CarbonIntensity,
    /// Water per unit of energy (WUE, EWIF); base unit L/kWh.
    WaterIntensity,
    /// A dimensionless ratio such as PUE; base unit 1.
    Ratio,
    /// A percentage; base unit is the fraction (50 % = 0.5).
    Percent,
    /// A growth rate; base unit is the fraction per year (12 %/yr = 0.12).
    GrowthRate,
    /// A plain count (servers, queries); base unit 1.
    Count,
    /// Queries per day; base unit 1/day.
    QueriesPerDay,
    /// Accelerator-hours; base unit GPU-h.
    DeviceHours,
    /// Duration; base unit hour.
    Duration,
    /// Floating-point operations; base unit FLOP.
    Compute,
    /// Energy per household per year; base unit kWh.
    EnergyPerHousehold,
    /// Energy per reactor per year; base unit kWh.
    EnergyPerReactor,
    /// Water per person per day; base unit L.
    WaterPerPersonDay,
    /// Water per person per year; base unit L.
    WaterPerPersonYear,
    /// Water per household per year; base unit L.
    WaterPerHouseholdYear,
    /// Embodied carbon per unit of compute; base unit gCO2e per exaFLOP.
    CarbonPerCompute,
    /// Embodied carbon per unit of capacity (a building); base unit kgCO2e per kW.
    CarbonPerCapacity,
    /// A number of model parameters (weights); base unit a billion parameters (`70B`, `7e10`
    /// parameters), the unit in which published fits take them.
    Parameters,
}

impl Dimension {
    /// The symbol of the base unit, as written in exports.
    pub fn base_symbol(self) -> &'static str {
        match self {
            Dimension::Energy => "kWh",
            Dimension::Power => "kW",
            Dimension::Volume => "L",
            Dimension::Co2e => "kgCO2e",
            Dimension::CarbonIntensity => "gCO2e/kWh",
            Dimension::WaterIntensity => "L/kWh",
            Dimension::Ratio => "ratio",
            Dimension::Percent => "fraction",
            Dimension::GrowthRate => "fraction/yr",
            Dimension::Count => "count",
            Dimension::QueriesPerDay => "queries/day",
            Dimension::DeviceHours => "GPU-h",
            Dimension::Duration => "h",
            Dimension::Compute => "FLOP",
            Dimension::EnergyPerHousehold => "kWh/household/yr",
            Dimension::EnergyPerReactor => "kWh/reactor/yr",
            Dimension::WaterPerPersonDay => "L/person/day",
            Dimension::WaterPerPersonYear => "L/person/yr",
            Dimension::WaterPerHouseholdYear => "L/household/yr",
            Dimension::CarbonPerCompute => "gCO2e/EFLOP",
            Dimension::CarbonPerCapacity => "kgCO2e/kW",
            Dimension::Parameters => "B",
        }
    }

    /// A short human name, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Dimension::Energy => "an energy",
            Dimension::Power => "a power",
            Dimension::Volume => "a water volume",
            Dimension::Co2e => "a CO2e mass",
            Dimension::CarbonIntensity => "a carbon intensity",
            Dimension::WaterIntensity => "a water intensity",
            Dimension::Ratio => "a ratio",
            Dimension::Percent => "a percentage",
            Dimension::GrowthRate => "a growth rate",
            Dimension::Count => "a count",
            Dimension::QueriesPerDay => "a daily query volume",
            Dimension::DeviceHours => "accelerator-hours",
            Dimension::Duration => "a duration",
            Dimension::Compute => "a compute amount",
            Dimension::EnergyPerHousehold => "an energy per household",
            Dimension::EnergyPerReactor => "an energy per reactor",
            Dimension::WaterPerPersonDay => "a water use per person per day",
            Dimension::WaterPerPersonYear => "a water use per person per year",
            Dimension::WaterPerHouseholdYear => "a water use per household per year",
            Dimension::CarbonPerCompute => "a carbon per unit of compute",
            Dimension::CarbonPerCapacity => "a carbon per unit of capacity",
            Dimension::Parameters => "a number of model parameters",
        }
    }
}

/// A unit of the dataset vocabulary: its exact symbol, its dimension and its size in the
/// dimension's base unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    /// The exact symbol, as written in dataset files.
    pub symbol: &'static str,
    /// What it measures.
    pub dimension: Dimension,
    /// How many base units one of this unit is.
    pub scale: Scale,
}

/// A conversion factor to a base unit, kept as a fraction `mul / div` so that decimal
/// prefixes convert exactly (700 W is exactly 0.7 kW).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Multiplier.
    pub mul: f64,
    /// Divisor.
    pub div: f64,
}

impl Scale {
    /// No conversion.
    pub const ONE: Scale = Scale { mul: 1.0, div: 1.0 };

    /// A value in this unit, in base units.
    pub fn apply(self, value: f64) -> f64 {
        value * self.mul / self.div
    }

    /// A value in base units, in this unit.
    pub fn invert(self, base_value: f64) -> f64 {
        base_value * self.div / self.mul
    }

    /// The factor as one number (for scaling distributions).
    pub fn factor(self) -> f64 {
        self.mul / self.div
    }
}

const US_GALLON_L: f64 = 3.785_411_784;

/// Every unit a dataset may use. The order is the order of `datasets/README.md`.
pub const UNITS: &[Unit] = &[
    u("Wh", Dimension::Energy, 1.0, 1e3),
    u("kWh", Dimension::Energy, 1.0, 1.0),
    u("MWh", Dimension::Energy, 1e3, 1.0),
    u("GWh", Dimension::Energy, 1e6, 1.0),
    u("TWh", Dimension::Energy, 1e9, 1.0),
    u("J", Dimension::Energy, 1.0, 3.6e6),
    u("MJ", Dimension::Energy, 1.0, 3.6),
    u("GJ", Dimension::Energy, 1e3, 3.6),
    u("W", Dimension::Power, 1.0, 1e3),
    u("kW", Dimension::Power, 1.0, 1.0),
    u("MW", Dimension::Power, 1e3, 1.0),
    u("GW", Dimension::Power, 1e6, 1.0),
    u("mL", Dimension::Volume, 1.0, 1e3),
    u("L", Dimension::Volume, 1.0, 1.0),
    u("m3", Dimension::Volume, 1e3, 1.0),
    u("ML", Dimension::Volume, 1e6, 1.0),
    u("GL", Dimension::Volume, 1e9, 1.0),
    u("km3", Dimension::Volume, 1e12, 1.0),
    u("gal", Dimension::Volume, US_GALLON_L, 1.0),
    u("Mgal", Dimension::Volume, US_GALLON_L * 1e6, 1.0),
    u("Bgal", Dimension::Volume, US_GALLON_L * 1e9, 1.0),
    u("gCO2e", Dimension::Co2e, 1.0, 1e3),
    u("kgCO2e", Dimension::Co2e, 1.0, 1.0),
    u("tCO2e", Dimension::Co2e, 1e3, 1.0),
    u("ktCO2e", Dimension::Co2e, 1e6, 1.0),
    u("MtCO2e", Dimension::Co2e, 1e9, 1.0),
    u("gCO2e/kWh", Dimension::CarbonIntensity, 1.0, 1.0),
    u("kgCO2e/kWh", Dimension::CarbonIntensity, 1e3, 1.0),
    u("L/kWh", Dimension::WaterIntensity, 1.0, 1.0),
    u("gal/MWh", Dimension::WaterIntensity, US_GALLON_L, 1e3),
    u("ratio", Dimension::Ratio, 1.0, 1.0),
    u("%", Dimension::Percent, 1.0, 100.0),
    u("%/yr", Dimension::GrowthRate, 1.0, 100.0),
    u("x", Dimension::Ratio, 1.0, 1.0),
    u("count", Dimension::Count, 1.0, 1.0),
    u("queries/day", Dimension::QueriesPerDay, 1.0, 1.0),
    u("GPU-h", Dimension::DeviceHours, 1.0, 1.0),
    u("h", Dimension::Duration, 1.0, 1.0),
    u("days", Dimension::Duration, 24.0, 1.0),
    u("yr", Dimension::Duration, 8760.0, 1.0),
    u("FLOP", Dimension::Compute, 1.0, 1.0),
    u("kWh/household/yr", Dimension::EnergyPerHousehold, 1.0, 1.0),
    u("TWh/reactor/yr", Dimension::EnergyPerReactor, 1e9, 1.0),
    u("L/person/day", Dimension::WaterPerPersonDay, 1.0, 1.0),
    u("m3/person/yr", Dimension::WaterPerPersonYear, 1e3, 1.0),
    u(
        "m3/household/yr",
        Dimension::WaterPerHouseholdYear,
        1e3,
        1.0,
    ),
    u("gCO2e/EFLOP", Dimension::CarbonPerCompute, 1.0, 1.0),
    u("tCO2e/MW", Dimension::CarbonPerCapacity, 1.0, 1.0),
    u("B", Dimension::Parameters, 1.0, 1.0),
    u("params", Dimension::Parameters, 1.0, 1e9),
];

const fn u(symbol: &'static str, dimension: Dimension, mul: f64, div: f64) -> Unit {
    Unit {
        symbol,
        dimension,
        scale: Scale { mul, div },
    }
}

impl Unit {
    /// Looks up a dataset unit by its exact symbol.
    pub fn from_symbol(symbol: &str) -> Option<Unit> {
        UNITS.iter().copied().find(|unit| unit.symbol == symbol)
    }

    /// Converts a value in this unit to the dimension's base unit.
    pub fn to_base(self, value: f64) -> f64 {
        self.scale.apply(value)
    }

    /// Converts a value in the base unit to this unit.
    pub fn from_base(self, base_value: f64) -> f64 {
        self.scale.invert(base_value)
    }

    /// Every symbol of the vocabulary, for "expected one of" messages.
    pub fn all_symbols() -> Vec<&'static str> {
        UNITS.iter().map(|unit| unit.symbol).collect()
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol)
    }
}

/// Energy in kilowatt-hours.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Kwh(pub f64);

/// Power in kilowatts.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Kw(pub f64);

/// Water volume in litres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Litres(pub f64);

/// Mass of CO2-equivalent in kilograms.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct KgCo2e(pub f64);

impl Kw {
    /// Energy drawn at this power for `hours` hours.
    pub fn over_hours(self, hours: f64) -> Kwh {
        Kwh(self.0 * hours)
    }
}

/// Why a user value could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum QuantityError {
    /// Nothing was given.
    Empty,
    /// The text does not start with a number.
    NotANumber(String),
    /// The number is NaN or infinite (or too large to be finite).
    NotFinite(String),
    /// The number is negative where only non-negative values make sense.
    Negative(f64),
    /// The unit is not one we know for this dimension.
    UnknownUnit {
        /// What the user wrote.
        unit: String,
        /// Units accepted here.
        expected: Vec<&'static str>,
        /// A likely intended unit, if any.
        suggestion: Option<&'static str>,
    },
    /// A decimal comma (`1,2`), a comma between thousands (`1,000,000`) or commas between
    /// values without a distribution: the exact form to type is given.
    Comma {
        /// What the user wrote.
        text: String,
        /// Why it is refused and what to type.
        advice: String,
    },
    /// A non-zero number too small to be held (`1e-400`), which would silently become 0.
    Underflow(String),
    /// A lower-case `m` (milli) before a unit whose megas are common (`mWh`, `mW`, `mJ`).
    Milli {
        /// What the user wrote.
        unit: String,
        /// The milli-unit's name (`milliwatt-hours`).
        name: &'static str,
        /// The unit without the prefix (`Wh`).
        base: &'static str,
        /// The mega-unit (`MWh`).
        mega: &'static str,
        /// The mega-unit's name (`megawatt-hours`).
        mega_name: &'static str,
    },
    /// The unit is known but measures something else.
    WrongDimension {
        /// What the user wrote.
        unit: String,
        /// What was expected.
        expected: Dimension,
    },
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::Empty => write!(f, "no value given"),
            QuantityError::NotANumber(text) => write!(f, "`{text}` is not a number"),
            QuantityError::NotFinite(text) => write!(f, "`{text}` is not a finite number"),
            QuantityError::Negative(value) => {
                write!(f, "{value} is negative; only values >= 0 make sense here")
            }
            QuantityError::Comma { advice, .. } => f.write_str(advice),
            QuantityError::Underflow(text) => write!(
                f,
                "`{text}` is too small to be held as a number (it would silently become 0); \
                 write 0 if zero is meant"
            ),
            QuantityError::Milli {
                unit,
                name,
                base,
                mega,
                mega_name,
            } => write!(
                f,
                "{name} (`{unit}`) are not supported; did you mean `{base}`? ({mega_name} \
                 are `{mega}`, with a capital M: a lower-case m means milli, a thousandth)"
            ),
            QuantityError::UnknownUnit {
                unit,
                expected,
                suggestion,
            } => {
                if expected.is_empty() {
                    write!(
                        f,
                        "unknown unit `{unit}`: this value is a plain number, with no unit"
                    )?;
                } else {
                    write!(
                        f,
                        "unknown unit `{unit}` (expected one of: {})",
                        expected.join(", ")
                    )?;
                }
                if let Some(suggestion) = suggestion {
                    write!(f, "; did you mean `{suggestion}`?")?;
                }
                Ok(())
            }
            QuantityError::WrongDimension { unit, expected } => write!(
                f,
                "`{unit}` is not a unit of {} (use {})",
                expected.describe(),
                user_units(*expected)
                    .iter()
                    .map(|entry| entry.1)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for QuantityError {}

/// Units a user may type for each dimension: (lower-case spelling, canonical symbol, size in
/// base units, whether the first letter's case matters).
fn user_units(dimension: Dimension) -> &'static [(&'static str, &'static str, Scale, bool)] {
    // Sizes written short so that each unit stays on one line.
    const J: f64 = 3.6e6;
    const KJ: f64 = 3.6e3;
    const GAL: f64 = US_GALLON_L;
    const DAY: f64 = 24.0;
    const YR: f64 = 8760.0;
    const PCT: f64 = 100.0;
    match dimension {
        Dimension::Energy => &[
            ("wh", "Wh", Scale { mul: 1.0, div: 1e3 }, false),
            ("kwh", "kWh", Scale { mul: 1.0, div: 1.0 }, false),
            ("mwh", "MWh", Scale { mul: 1e3, div: 1.0 }, true),
            ("gwh", "GWh", Scale { mul: 1e6, div: 1.0 }, false),
            ("twh", "TWh", Scale { mul: 1e9, div: 1.0 }, false),
            ("j", "J", Scale { mul: 1.0, div: J }, false),
            ("kj", "kJ", Scale { mul: 1.0, div: KJ }, false),
            ("mj", "MJ", Scale { mul: 1.0, div: 3.6 }, true),
            ("gj", "GJ", Scale { mul: 1e3, div: 3.6 }, false),
        ],
        Dimension::Power => &[
            ("w", "W", Scale { mul: 1.0, div: 1e3 }, false),
            ("kw", "kW", Scale { mul: 1.0, div: 1.0 }, false),
            ("mw", "MW", Scale { mul: 1e3, div: 1.0 }, true),
            ("gw", "GW", Scale { mul: 1e6, div: 1.0 }, false),
        ],
        Dimension::Volume => &[
            ("ml", "mL", Scale { mul: 1.0, div: 1e3 }, true),
            ("l", "L", Scale { mul: 1.0, div: 1.0 }, false),
            ("m3", "m3", Scale { mul: 1e3, div: 1.0 }, false),
            ("gal", "gal", Scale { mul: GAL, div: 1.0 }, false),
        ],
        Dimension::Co2e => &[
            ("g", "g", Scale { mul: 1.0, div: 1e3 }, false),
            ("gco2e", "gCO2e", Scale { mul: 1.0, div: 1e3 }, false),
            ("kg", "kg", Scale { mul: 1.0, div: 1.0 }, false),
            ("kgco2e", "kgCO2e", Scale { mul: 1.0, div: 1.0 }, false),
            ("t", "t", Scale { mul: 1e3, div: 1.0 }, false),
            ("tco2e", "tCO2e", Scale { mul: 1e3, div: 1.0 }, false),
        ],
        Dimension::CarbonIntensity => &[
            ("g/kwh", "g/kWh", Scale { mul: 1.0, div: 1.0 }, false),
            (
                "gco2e/kwh",
                "gCO2e/kWh",
                Scale { mul: 1.0, div: 1.0 },
                false,
            ),
            ("gco2/kwh", "gCO2/kWh", Scale { mul: 1.0, div: 1.0 }, false),
            ("kg/kwh", "kg/kWh", Scale { mul: 1e3, div: 1.0 }, false),
            (
                "kgco2e/kwh",
                "kgCO2e/kWh",
                Scale { mul: 1e3, div: 1.0 },
                false,
            ),
        ],
        Dimension::WaterIntensity => &[("l/kwh", "L/kWh", Scale { mul: 1.0, div: 1.0 }, false)],
        Dimension::Duration => &[
            (
                "s",
                "s",
                Scale {
                    mul: 1.0,
                    div: 3600.0,
                },
                false,
            ),
            (
                "min",
                "min",
                Scale {
                    mul: 1.0,
                    div: 60.0,
                },
                false,
            ),
            ("h", "h", Scale { mul: 1.0, div: 1.0 }, false),
            ("d", "d", Scale { mul: DAY, div: 1.0 }, false),
            ("days", "days", Scale { mul: DAY, div: 1.0 }, false),
            ("yr", "yr", Scale { mul: YR, div: 1.0 }, false),
        ],
        Dimension::Percent => &[("%", "%", Scale { mul: 1.0, div: PCT }, false)],
        Dimension::Ratio => &[
            ("%", "%", Scale { mul: 1.0, div: PCT }, false),
            ("x", "x", Scale { mul: 1.0, div: 1.0 }, false),
        ],
        Dimension::GrowthRate => &[
            ("%", "%", Scale { mul: 1.0, div: PCT }, false),
            ("%/yr", "%/yr", Scale { mul: 1.0, div: PCT }, false),
        ],
        // Parameter counts as model cards write them: `8B`, `1.2T`, `560M`.
        Dimension::Parameters => &[
            ("m", "M", Scale { mul: 1.0, div: 1e3 }, true),
            ("b", "B", Scale { mul: 1.0, div: 1.0 }, false),
            ("t", "T", Scale { mul: 1e3, div: 1.0 }, false),
            ("params", "params", Scale { mul: 1.0, div: 1e9 }, false),
        ],
        _ => &[],
    }
}

/// Parses a user value such as `1287MWh`, `4 Wh`, `1.2e3kWh`, `700W` or `12%`.
///
/// The number comes first (Rust float syntax, so `1e9` works; `inf` and `NaN` do not; digits
/// may be grouped by `_` or by spaces in threes, `1_000_000` or `1 000 000`), then optional
/// spaces, then an optional unit from the dimension's user vocabulary. A bare number is read in
/// `default_unit` (a symbol of that vocabulary). Negative numbers are refused, and so are
/// commas, with the exact form to type: `1,2` may be a French decimal or, like `1,000`, an
/// English thousands separator, and reading it either way would silently be wrong one time in
/// two. Returns the value in the dimension's base unit (kWh, kW, L, kg, gCO2e/kWh, L/kWh, h,
/// fraction).
pub fn parse_quantity(
    text: &str,
    dimension: Dimension,
    default_unit: &str,
) -> Result<f64, QuantityError> {
    let (number, unit_text) = split_number(text)?;
    let value = parse_number(&number)?;
    if value < 0.0 && dimension != Dimension::GrowthRate {
        return Err(QuantityError::Negative(value));
    }
    let scale = if unit_text.is_empty() {
        unit_factor(default_unit, dimension)?
    } else {
        unit_factor(unit_text, dimension)?
    };
    let base = scale.apply(value);
    if !base.is_finite() {
        return Err(QuantityError::NotFinite(text.trim().to_string()));
    }
    if base == 0.0 && value != 0.0 {
        return Err(QuantityError::Underflow(text.trim().to_string()));
    }
    Ok(base)
}

/// Whether `c` groups digits in threes (a space, a no-break space or a narrow no-break space,
/// as French typography writes `1 000 000`).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// The length of the run of ASCII digits at the start of `text`.
fn digit_run(text: &str) -> usize {
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// The number part of `text` with its `_` and space groups removed (`1 000 000` → `1000000`),
/// and the length of text it took; None when `text` has no grouping.
fn grouped_integer(text: &str) -> Option<(String, usize)> {
    let first = digit_run(text);
    if first == 0 {
        return None;
    }
    let mut digits = text[..first].to_string();
    let mut end = first;
    let mut grouped = false;
    loop {
        let rest = &text[end..];
        let Some(separator) = rest.chars().next() else {
            break;
        };
        if separator == '_' {
            let run = digit_run(&rest[1..]);
            if run == 0 {
                break;
            }
            digits.push_str(&rest[1..1 + run]);
            end += 1 + run;
            grouped = true;
        } else if is_group_space(separator) && first <= 3 {
            let width = separator.len_utf8();
            let run = digit_run(&rest[width..]);
            if run != 3 {
                break;
            }
            digits.push_str(&rest[width..width + 3]);
            end += width + 3;
            grouped = true;
        } else {
            break;
        }
    }
    grouped.then_some((digits, end))
}

/// The refusal of a comma in a number, with the exact form to type.
fn comma_error(text: &str) -> QuantityError {
    let groups: Vec<&str> = text.split(',').collect();
    let digits = |piece: &str| !piece.is_empty() && piece.bytes().all(|b| b.is_ascii_digit());
    let lead = groups[0];
    let thousands = groups.len() >= 2
        && digits(lead)
        && lead.len() <= 3
        && groups[1..]
            .iter()
            .all(|group| group.len() == 3 && digits(group));
    let advice = if thousands && groups.len() == 2 {
        format!(
            "a comma is ambiguous in a number (a thousands separator in English, a decimal \
             point in French); write {} for {} thousand, or {}.{} with a dot for a decimal",
            groups.concat(),
            lead,
            lead,
            groups[1]
        )
    } else if thousands {
        format!(
            "write numbers without commas: {} (or {}, with `_` between the groups)",
            groups.concat(),
            groups.join("_")
        )
    } else if groups.len() == 2 {
        format!(
            "use a dot for decimals: {}.{}",
            lead.trim(),
            groups[1].trim()
        )
    } else {
        format!(
            "commas separate the values of a distribution, which needs its kind first, e.g. \
             `tri:{text}` (min, mode, max); for one number use a dot for decimals"
        )
    };
    QuantityError::Comma {
        text: text.to_string(),
        advice,
    }
}

/// Splits `"1.5 TWh"` into `("1.5", "TWh")`, trimming spaces; digit groups (`1_000`,
/// `1 000`) are joined, and a comma after the digits is refused with the form to type.
pub fn split_number(text: &str) -> Result<(String, &str), QuantityError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(QuantityError::Empty);
    }
    let sign = usize::from(text.starts_with(['+', '-']));
    if let Some((digits, taken)) = grouped_integer(&text[sign..]) {
        let end = sign + taken;
        let rest = &text[end..];
        // A decimal part or an exponent may follow the groups (`1_000.5`, `1 000e3`).
        let (tail, rest) = match split_plain(rest) {
            Some(tail_end) if rest.starts_with(['.', 'e', 'E']) => {
                (&rest[..tail_end], &rest[tail_end..])
            }
            _ => ("", rest),
        };
        if rest.starts_with(',') {
            return Err(comma_error(text));
        }
        return Ok((format!("{}{digits}{tail}", &text[..sign]), rest.trim()));
    }
    let end = split_plain(text).ok_or_else(|| QuantityError::NotANumber(text.to_string()))?;
    let rest = &text[end..];
    if rest.starts_with(',') && end > 0 {
        let mut number_end = text.len();
        for (index, c) in text.char_indices() {
            if !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' ')) {
                number_end = index;
                break;
            }
        }
        return Err(comma_error(text[..number_end].trim()));
    }
    Ok((text[..end].to_string(), rest.trim()))
}

/// The length of the number at the start of `text` (Rust float syntax), or None when it has
/// no digit.
fn split_plain(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_exponent = false;
    while end < bytes.len() {
        let c = bytes[end];
        let accept = match c {
            b'0'..=b'9' => {
                seen_digit = true;
                true
            }
            b'.' => !seen_exponent,
            b'+' | b'-' => end == 0 || matches!(bytes[end - 1], b'e' | b'E'),
            b'e' | b'E' => {
                // An exponent only if digits follow (so `1e9` is a number but `1 eggs` is not).
                let next = bytes.get(end + 1).copied();
                let after_sign = if matches!(next, Some(b'+') | Some(b'-')) {
                    bytes.get(end + 2).copied()
                } else {
                    next
                };
                (seen_digit || end == 0)
                    && !seen_exponent
                    && matches!(after_sign, Some(b'0'..=b'9'))
                    && {
                        seen_exponent = true;
                        true
                    }
            }
            _ => false,
        };
        if !accept {
            break;
        }
        end += 1;
    }
    seen_digit.then_some(end)
}

/// Parses a plain number, refusing NaN and infinities, and non-zero numbers too small to be
/// held (`1e-400` would silently be 0).
pub fn parse_number(text: &str) -> Result<f64, QuantityError> {
    let value: f64 = text
        .parse()
        .map_err(|_| QuantityError::NotANumber(text.to_string()))?;
    if !value.is_finite() {
        return Err(QuantityError::NotFinite(text.to_string()));
    }
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    if value == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        return Err(QuantityError::Underflow(text.to_string()));
    }
    Ok(value)
}

/// The error for a unit whose prefix has the wrong case. A suggestion never jumps a prefix:
/// `mWh` (milli) gets `Wh`, the unit without the prefix, with `MWh` explained, never `MWh`
/// itself, nine orders of magnitude away.
fn case_error(
    unit_text: &str,
    canonical: &'static str,
    table: &'static [(&'static str, &'static str, Scale, bool)],
) -> QuantityError {
    const MEGAS: &[(&str, &str, &str, &str)] = &[
        ("MWh", "milliwatt-hours", "Wh", "megawatt-hours"),
        ("MW", "milliwatts", "W", "megawatts"),
        ("MJ", "millijoules", "J", "megajoules"),
    ];
    if unit_text.starts_with('m')
        && let Some(&(mega, name, base, mega_name)) =
            MEGAS.iter().find(|entry| entry.0 == canonical)
    {
        return QuantityError::Milli {
            unit: unit_text.to_string(),
            name,
            base,
            mega,
            mega_name,
        };
    }
    QuantityError::UnknownUnit {
        unit: unit_text.to_string(),
        expected: table.iter().map(|entry| entry.1).collect(),
        suggestion: Some(canonical),
    }
}

/// How many base units one `unit_text` is, for a unit typed by a user.
pub fn unit_factor(unit_text: &str, dimension: Dimension) -> Result<Scale, QuantityError> {
    let table = user_units(dimension);
    if unit_text == dimension.base_symbol() {
        return Ok(Scale::ONE);
    }
    let lower = unit_text.to_lowercase();
    for &(spelling, canonical, scale, case_matters) in table {
        if spelling == lower {
            if case_matters && unit_text != canonical {
                return Err(case_error(unit_text, canonical, table));
            }
            return Ok(scale);
        }
    }
    // A unit of the wrong kind gets a more helpful message than "unknown".
    for other in [
        Dimension::Energy,
        Dimension::Power,
        Dimension::Volume,
        Dimension::Duration,
    ] {
        if other != dimension
            && user_units(other)
                .iter()
                .any(|entry| entry.0 == lower && (!entry.3 || unit_text == entry.1))
        {
            return Err(QuantityError::WrongDimension {
                unit: unit_text.to_string(),
                expected: dimension,
            });
        }
    }
    let expected: Vec<&'static str> = table.iter().map(|entry| entry.1).collect();
    let suggestion = crate::text::closest(&lower, table.iter().map(|entry| entry.0))
        .and_then(|spelling| table.iter().find(|entry| entry.0 == spelling))
        .map(|entry| entry.1);
    Err(QuantityError::UnknownUnit {
        unit: unit_text.to_string(),
        expected,
        suggestion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn energy(text: &str) -> Result<f64, QuantityError> {
        parse_quantity(text, Dimension::Energy, "kWh")
    }

    /// (text, dimension, unit of bare numbers, value in base units).
    const PARSED: &[(&str, Dimension, &str, f64)] = &[
        // The examples.
        ("1287MWh", Dimension::Energy, "kWh", 1_287_000.0),
        ("4 Wh", Dimension::Energy, "kWh", 0.004),
        ("2.5TWh", Dimension::Energy, "kWh", 2.5e9),
        ("1.2e3kWh", Dimension::Energy, "kWh", 1200.0),
        ("0.3 Wh", Dimension::Energy, "kWh", 0.0003),
        ("700W", Dimension::Power, "kW", 0.7),
        ("10MW", Dimension::Power, "kW", 10_000.0),
        // Bare numbers use the default unit.
        ("42", Dimension::Energy, "kWh", 42.0),
        ("0.24", Dimension::Energy, "Wh", 0.00024),
        ("700", Dimension::Power, "W", 0.7),
        ("1e9", Dimension::Count, "count", 1e9),
        // Parameter counts and seconds (the token method).
        ("70B", Dimension::Parameters, "params", 70.0),
        ("7e10", Dimension::Parameters, "params", 70.0),
        ("1.2T", Dimension::Parameters, "params", 1200.0),
        ("560M", Dimension::Parameters, "params", 0.56),
        ("3s", Dimension::Duration, "h", 3.0 / 3600.0),
        ("90 min", Dimension::Duration, "h", 1.5),
        ("1.17", Dimension::Ratio, "ratio", 1.17),
    ];

    #[test]
    fn parses_units_and_bare_numbers() {
        for &(text, dimension, unit, want) in PARSED {
            let got = parse_quantity(text, dimension, unit).unwrap();
            assert!(
                (got - want).abs() <= 1e-12 * want.abs(),
                "{text}: {got} != {want}"
            );
        }
    }

    #[test]
    fn case_insensitive_where_unambiguous() {
        assert_eq!(energy("5 twh").unwrap(), 5e9);
        assert_eq!(energy("5 KWH").unwrap(), 5.0);
        assert_eq!(energy("5 gwh").unwrap(), 5e6);
        // `mWh` would be a milliwatt-hour: refused, with the unit without the prefix
        // suggested (never `MWh`, nine orders of magnitude away), and `MWh` explained.
        match energy("0.3mWh") {
            Err(error @ QuantityError::Milli { base: "Wh", .. }) => assert_eq!(
                error.to_string(),
                "milliwatt-hours (`mWh`) are not supported; did you mean `Wh`? (megawatt-hours \
                 are `MWh`, with a capital M: a lower-case m means milli, a thousandth)"
            ),
            other => panic!("expected a milli error, got {other:?}"),
        }
        assert!(matches!(
            parse_quantity("3 mw", Dimension::Power, "kW"),
            Err(QuantityError::Milli { base: "W", .. })
        ));
        assert!(matches!(
            energy("3 mj"),
            Err(QuantityError::Milli { base: "J", .. })
        ));
    }

    #[test]
    fn refuses_bad_values() {
        assert_eq!(energy(""), Err(QuantityError::Empty));
        assert!(matches!(energy("-3 kWh"), Err(QuantityError::Negative(_))));
        assert!(matches!(energy("NaN"), Err(QuantityError::NotANumber(_))));
        assert!(matches!(
            energy("inf kWh"),
            Err(QuantityError::NotANumber(_))
        ));
        assert!(matches!(energy("1e400"), Err(QuantityError::NotFinite(_))));
        assert!(matches!(
            energy("1e308 TWh"),
            Err(QuantityError::NotFinite(_))
        ));
        assert!(matches!(energy("kWh"), Err(QuantityError::NotANumber(_))));
        assert!(matches!(
            energy("12 furlongs"),
            Err(QuantityError::UnknownUnit { .. })
        ));
        assert!(matches!(
            energy("12 kW"),
            Err(QuantityError::WrongDimension { .. })
        ));
    }

    #[test]
    fn commas_get_the_exact_form_to_type() {
        let ratio = |text: &str| parse_quantity(text, Dimension::Ratio, "ratio");
        let message = |text: &str| ratio(text).unwrap_err().to_string();
        assert_eq!(message("1,2"), "use a dot for decimals: 1.2");
        assert!(message("1,000").contains("write 1000 for 1 thousand, or 1.000"));
        assert!(message("1,000,000").contains("without commas: 1000000 (or 1_000_000"));
        assert!(message("1,2,3").contains("`tri:1,2,3`"));
        assert!(energy("0,3 kWh").unwrap_err().to_string().ends_with("0.3"));
    }

    #[test]
    fn digit_groups_are_understood() {
        for text in [
            "1_000_000",
            "1 000 000",
            "1\u{a0}000\u{a0}000",
            "1\u{202f}000\u{202f}000",
        ] {
            assert_eq!(energy(text).unwrap(), 1e6, "{text}");
        }
        assert_eq!(energy("1 000 kWh").unwrap(), 1e3);
        assert_eq!(energy("12_500.5 MWh").unwrap(), 12_500_500.0);
        assert_eq!(energy("1 000e3").unwrap(), 1e6);
        // Groups of other sizes are not a number with spaces.
        assert!(energy("1 0000").is_err());
        assert!(energy("1 2").is_err());
    }

    #[test]
    fn percent_is_a_share_and_ratios_list_their_units() {
        let ratio = |text: &str| parse_quantity(text, Dimension::Ratio, "ratio");
        assert_eq!(ratio("60%").unwrap(), 0.6);
        assert_eq!(ratio("60 %").unwrap(), 0.6);
        assert_eq!(ratio("1.2x").unwrap(), 1.2);
        let message = ratio("3 furlongs").unwrap_err().to_string();
        assert!(message.contains("(expected one of: %, x)"), "{message}");
        let count = parse_quantity("3 zz", Dimension::Count, "count").unwrap_err();
        assert!(count.to_string().contains("plain number"), "{count}");
    }

    #[test]
    fn underflow_is_refused_like_overflow() {
        assert!(matches!(energy("1e-400"), Err(QuantityError::Underflow(_))));
        assert!(matches!(
            energy("1e-322 Wh"),
            Err(QuantityError::Underflow(_))
        ));
        assert_eq!(energy("0e-400").unwrap(), 0.0);
        assert_eq!(energy("0.000").unwrap(), 0.0);
    }

    #[test]
    fn suggests_a_close_unit() {
        match energy("3 kwhh") {
            Err(QuantityError::UnknownUnit { suggestion, .. }) => {
                assert_eq!(suggestion, Some("kWh"))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn dataset_units_are_unique_and_convert() {
        let symbols = Unit::all_symbols();
        let mut sorted = symbols.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), symbols.len());
        let bgal = Unit::from_symbol("Bgal").unwrap();
        assert!((bgal.to_base(6.1) - 23.09e9).abs() < 0.01e9);
        let twh = Unit::from_symbol("TWh").unwrap();
        assert_eq!(twh.from_base(twh.to_base(415.0)), 415.0);
        assert!(Unit::from_symbol("twh").is_none());
    }
}
