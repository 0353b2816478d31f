//! Axes: data extents, "nice" round tick values (1, 2, 5 × 10ⁿ), logarithmic decades and year
//! ticks, with tick labels formatted through [`human`] so French charts get French numbers.

use crate::lang::Lang;

use crate::number::{human, human_percent};

/// Largest magnitude an axis accepts; larger data values are clamped so spans stay finite.
const LIMIT: f64 = 1e300;

/// How tick labels are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickFormat {
    /// A plain number (`1,234.5`, `1 234,5`).
    Number,
    /// A fraction shown as a percentage (`0.12` → `12%`, `12 %`).
    Percent,
}

/// The range of the finite values seen so far.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Extent {
    /// Smallest and largest value so far.
    range: Option<(f64, f64)>,
}

impl Extent {
    /// No values yet.
    pub fn new() -> Extent {
        Extent::default()
    }

    /// Adds a value; NaN and infinities are ignored, magnitudes above 1e300 are clamped.
    pub fn add(&mut self, value: f64) {
        if !value.is_finite() {
            return;
        }
        let value = value.clamp(-LIMIT, LIMIT);
        self.range = Some(match self.range {
            None => (value, value),
            Some((low, high)) => (low.min(value), high.max(value)),
        });
    }

    /// Adds every value of an iterator.
    pub fn add_all(&mut self, values: impl IntoIterator<Item = f64>) {
        for value in values {
            self.add(value);
        }
    }

    /// Adds a value only if it is positive (for logarithmic axes).
    pub fn add_positive(&mut self, value: f64) {
        if value > 0.0 {
            self.add(value);
        }
    }

    /// The smallest and largest value, if any was finite.
    pub fn range(&self) -> Option<(f64, f64)> {
        self.range
    }

    /// Whether no finite value was added.
    pub fn is_empty(&self) -> bool {
        self.range.is_none()
    }
}

/// One tick: its value and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position in data units.
    pub value: f64,
    /// Text under or beside the tick.
    pub label: String,
}

/// A value axis: its domain, whether it is logarithmic, and its ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// Lower end of the domain.
    pub low: f64,
    /// Upper end of the domain.
    pub high: f64,
    /// Log10 axis (domain strictly positive).
    pub log: bool,
    /// Ticks inside the domain, in increasing order.
    pub ticks: Vec<Tick>,
}

impl Axis {
    /// Where `value` falls along the axis: 0 at `low`, 1 at `high` (outside for values beyond
    /// the domain; NaN for values a log axis cannot show).
    pub fn fraction(&self, value: f64) -> f64 {
        if self.log {
            if value <= 0.0 {
                return f64::NAN;
            }
            let (low, high) = (self.low.log10(), self.high.log10());
            (value.log10() - low) / (high - low)
        } else {
            (value - self.low) / (self.high - self.low)
        }
    }

    /// Whether the domain contains zero strictly inside or at an end (a baseline is drawn).
    pub fn contains_zero(&self) -> bool {
        !self.log && self.low <= 0.0 && self.high >= 0.0
    }

    /// A linear axis over the data range with round ticks at both ends, about `target` ticks.
    ///
    /// An empty extent gives 0–1; a single value is padded by 10 % (or 0–1 around zero).
    pub fn linear(extent: Extent, target: usize, format: TickFormat, lang: Lang) -> Axis {
        let (low, high) = padded(extent);
        let step = nice_step((high - low) / target.max(1) as f64);
        let first = (low / step + 1e-9).floor();
        let last = (high / step - 1e-9).ceil();
        let mut ticks = Vec::new();
        let mut index = first;
        while index <= last && ticks.len() < 200 {
            let mut value = index * step;
            if value.abs() < step * 1e-9 {
                value = 0.0;
            }
            ticks.push(Tick {
                value,
                label: tick_label(value, step, format, lang),
            });
            index += 1.0;
        }
        let (low, high) = match (ticks.first(), ticks.last()) {
            (Some(first), Some(last)) if last.value > first.value => (first.value, last.value),
            _ => (low, high),
        };
        Axis {
            low,
            high,
            log: false,
            ticks,
        }
    }

    /// Like [`Axis::linear`], but fewer ticks until their labels fit side by side along
    /// `length` units (labels measured by `width_of`, with `gap` units between them).
    pub fn linear_fitting(
        extent: Extent,
        length: f64,
        gap: f64,
        format: TickFormat,
        lang: Lang,
        width_of: impl Fn(&str) -> f64,
    ) -> Axis {
        let mut target = ((length / 110.0).round() as usize).clamp(2, 10);
        loop {
            let axis = Axis::linear(extent, target, format, lang);
            let widest = axis
                .ticks
                .iter()
                .map(|tick| width_of(&tick.label))
                .fold(0.0, f64::max);
            let room = length / axis.ticks.len().max(1) as f64;
            if widest + gap <= room {
                return axis;
            }
            if target <= 2 {
                // Even the fewest round ticks are too wide: keep every n-th, ending ones first.
                return axis.thinned(((widest + gap) / room).ceil() as usize);
            }
            target -= 1;
        }
    }

    /// Every `every`-th tick, counted from the first (all of them when `every` is 0 or 1),
    /// keeping at least two when there were two.
    pub fn thinned(mut self, every: usize) -> Axis {
        if every > 1 && self.ticks.len() > 2 {
            let kept: Vec<Tick> = self.ticks.iter().step_by(every).cloned().collect();
            if kept.len() >= 2 {
                self.ticks = kept;
            } else if let (Some(first), Some(last)) = (self.ticks.first(), self.ticks.last()) {
                self.ticks = vec![first.clone(), last.clone()];
            }
        }
        self
    }

    /// The same ticks over a domain that ends just beyond the data (by `pad` of its span)
    /// rather than at round ticks: for axes where the ends need no label, such as a
    /// histogram's values. Ticks outside the new domain are dropped.
    pub fn tightened(mut self, extent: Extent, pad: f64) -> Axis {
        if self.log {
            return self;
        }
        if let Some((low, high)) = extent.range().filter(|(low, high)| high > low) {
            let margin = (high - low) * pad;
            self.low = low - margin;
            self.high = high + margin;
            let (low, high) = (self.low, self.high);
            self.ticks.retain(|tick| {
                tick.value >= low - 1e-9 * margin && tick.value <= high + 1e-9 * margin
            });
        }
        self
    }

    /// A log10 axis over the positive data range, from a power of ten to a power of ten.
    /// Ticks at every decade (every second or third one over wide ranges), plus 2 and 5 times
    /// each decade when the range spans two decades or less.
    pub fn log10(extent: Extent, lang: Lang) -> Axis {
        let (low, high) = match extent.range() {
            Some((low, high)) if low > 0.0 => (low, high),
            _ => (1.0, 10.0),
        };
        let mut low_exp = low.log10().floor() as i32;
        let mut high_exp = high.log10().ceil() as i32;
        if high_exp <= low_exp {
            high_exp = low_exp + 1;
        }
        low_exp = low_exp.clamp(-300, 299);
        high_exp = high_exp.clamp(low_exp + 1, 300);
        let decades = high_exp - low_exp;
        let every = match decades {
            0..=8 => 1,
            9..=16 => 2,
            _ => (decades + 7) / 8,
        };
        let mut ticks = Vec::new();
        for exp in low_exp..=high_exp {
            let decade = 10f64.powi(exp);
            if (exp - low_exp) % every == 0 {
                ticks.push(Tick {
                    value: decade,
                    label: human(decade, 1, lang),
                });
            }
            if decades <= 2 && exp < high_exp {
                for factor in [2.0, 5.0] {
                    let value = factor * decade;
                    ticks.push(Tick {
                        value,
                        label: human(value, 1, lang),
                    });
                }
            }
        }
        Axis {
            low: 10f64.powi(low_exp),
            high: 10f64.powi(high_exp),
            log: true,
            ticks,
        }
    }

    /// A year axis from `first` to `last`, padded by `pad` years on each side, with ticks at
    /// whole multiples of 1, 2, 5, 10 … years, at most `max_ticks` of them.
    pub fn years(first: i32, last: i32, pad: f64, max_ticks: usize) -> Axis {
        let (first, last) = (first.min(last), first.max(last));
        let span = i64::from(last) - i64::from(first);
        let max_ticks = max_ticks.clamp(2, 9) as i64;
        let fitting: Vec<i64> = (0..=10u32)
            .flat_map(|exp| [1i64, 2, 5].map(|factor| factor * 10i64.pow(exp)))
            .filter(|step| span / step < max_ticks)
            .take(2)
            .collect();
        // Of the two finest steps that fit, prefer one that puts a tick on the last year.
        let step = fitting
            .iter()
            .copied()
            .find(|step| i64::from(last).rem_euclid(*step) == 0)
            .or(fitting.first().copied())
            .unwrap_or(span / max_ticks + 1);
        let start = i64::from(first).div_euclid(step) * step;
        let ticks = (0..=span / step + 1)
            .map(|index| start + index * step)
            .filter(|year| *year >= i64::from(first) && *year <= i64::from(last))
            .map(|year| Tick {
                value: year as f64,
                label: year.to_string(),
            })
            .collect();
        let pad = if span == 0 { pad.max(1.0) } else { pad };
        Axis {
            low: f64::from(first) - pad,
            high: f64::from(last) + pad,
            log: false,
            ticks,
        }
    }
}

/// The data range, widened when it is empty or a single value.
fn padded(extent: Extent) -> (f64, f64) {
    match extent.range() {
        None => (0.0, 1.0),
        Some((low, high)) => {
            let magnitude = low.abs().max(high.abs());
            if high - low > magnitude * 1e-9 {
                (low, high)
            } else if magnitude == 0.0 {
                (0.0, 1.0)
            } else {
                // 10 % either side never crosses zero, so a lone positive value stays positive.
                let pad = magnitude * 0.1;
                (low - pad, high + pad)
            }
        }
    }
}

/// The round step (1, 2 or 5 × 10ⁿ) closest above `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    let factor = if residual <= 1.0 {
        1.0
    } else if residual <= 2.0 {
        2.0
    } else if residual <= 5.0 {
        5.0
    } else {
        10.0
    };
    factor * magnitude
}

/// A tick label with just enough significant digits to tell ticks `step` apart.
pub fn tick_label(value: f64, step: f64, format: TickFormat, lang: Lang) -> String {
    let (shown, shown_step) = match format {
        TickFormat::Percent => (value * 100.0, step * 100.0),
        TickFormat::Number => (value, step),
    };
    let digits = if shown == 0.0 {
        1
    } else {
        let value_exp = shown.abs().log10().floor();
        let step_exp = (shown_step.abs().log10() + 1e-9).floor();
        (value_exp - step_exp + 1.0).clamp(1.0, 17.0) as u32
    };
    match format {
        TickFormat::Number => human(value, digits, lang),
        TickFormat::Percent => human_percent(value, digits, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::NNBSP;

    fn extent(values: &[f64]) -> Extent {
        let mut extent = Extent::new();
        extent.add_all(values.iter().copied());
        extent
    }

    fn labels(axis: &Axis) -> Vec<&str> {
        axis.ticks.iter().map(|tick| tick.label.as_str()).collect()
    }

    #[test]
    fn linear_ticks_are_round_and_cover_the_data() {
        let axis = Axis::linear(extent(&[0.0, 536.0]), 6, TickFormat::Number, Lang::En);
        assert_eq!(
            labels(&axis),
            ["0", "100", "200", "300", "400", "500", "600"]
        );
        assert_eq!((axis.low, axis.high), (0.0, 600.0));
        let axis = Axis::linear(extent(&[0.1, 0.3]), 4, TickFormat::Number, Lang::En);
        assert_eq!(labels(&axis), ["0.1", "0.15", "0.2", "0.25", "0.3"]);
    }

    #[test]
    fn french_ticks_use_decimal_commas_and_narrow_spaces() {
        let axis = Axis::linear(extent(&[0.0, 2.5]), 5, TickFormat::Number, Lang::Fr);
        assert!(labels(&axis).contains(&"0,5"), "{:?}", labels(&axis));
        let axis = Axis::linear(extent(&[0.0, 25_000.0]), 5, TickFormat::Number, Lang::Fr);
        assert!(labels(&axis).contains(&format!("10{NNBSP}000").as_str()));
        assert_eq!(
            tick_label(0.12, 0.02, TickFormat::Percent, Lang::Fr),
            format!("12{NNBSP}%")
        );
    }

    #[test]
    fn degenerate_extents_are_padded() {
        for values in [
            &[][..],
            &[0.0],
            &[5.0, 5.0],
            &[-3.0],
            &[f64::NAN, f64::INFINITY],
        ] {
            let axis = Axis::linear(extent(values), 5, TickFormat::Number, Lang::En);
            assert!(axis.high > axis.low, "{values:?}: {axis:?}");
            assert!(axis.ticks.len() >= 2, "{values:?}: {axis:?}");
        }
        let axis = Axis::linear(extent(&[5.0]), 5, TickFormat::Number, Lang::En);
        assert!(axis.low >= 0.0, "{axis:?}");
    }

    #[test]
    fn extreme_magnitudes_give_finite_axes() {
        for values in [
            [0.0, 1e15],
            [1e-6, 3e-6],
            [-1e300, 1e300],
            [1e15, 1e15 + 1.0],
        ] {
            let axis = Axis::linear(extent(&values), 5, TickFormat::Number, Lang::En);
            assert!(axis.low.is_finite() && axis.high.is_finite() && axis.high > axis.low);
            assert!(
                (2..=200).contains(&axis.ticks.len()),
                "{values:?}: {axis:?}"
            );
        }
        let axis = Axis::linear(extent(&[1e-6, 3e-6]), 4, TickFormat::Number, Lang::En);
        assert!(labels(&axis).contains(&"0.000002"), "{:?}", labels(&axis));
    }

    #[test]
    fn tightened_axes_end_at_the_data() {
        let data = extent(&[420.0, 2890.0]);
        let axis = Axis::linear(data, 5, TickFormat::Number, Lang::En).tightened(data, 0.02);
        assert!(axis.low > 300.0 && axis.high < 3000.0, "{axis:?}");
        assert_eq!(labels(&axis), ["500", "1,000", "1,500", "2,000", "2,500"]);
        let single = extent(&[3.0]);
        let axis = Axis::linear(single, 5, TickFormat::Number, Lang::En).tightened(single, 0.02);
        assert!(axis.high > axis.low && !axis.ticks.is_empty());
    }

    #[test]
    fn log_axis_has_decade_ticks() {
        let axis = Axis::log10(extent(&[0.03, 33.0]), Lang::En);
        assert_eq!(labels(&axis), ["0.01", "0.1", "1", "10", "100"]);
        let axis = Axis::log10(extent(&[0.3, 3.0]), Lang::Fr);
        assert_eq!(labels(&axis), ["0,1", "0,2", "0,5", "1", "2", "5", "10"]);
        let axis = Axis::log10(Extent::new(), Lang::En);
        assert_eq!((axis.low, axis.high), (1.0, 10.0));
        assert!(axis.fraction(-1.0).is_nan());
    }

    #[test]
    fn year_ticks_are_whole_years() {
        let axis = Axis::years(2020, 2030, 0.4, 8);
        assert_eq!(
            labels(&axis),
            ["2020", "2022", "2024", "2026", "2028", "2030"]
        );
        let axis = Axis::years(2020, 2035, 0.4, 14);
        assert_eq!(labels(&axis), ["2020", "2025", "2030", "2035"]);
        let axis = Axis::years(2019, 2027, 0.4, 14);
        assert_eq!(
            labels(&axis),
            [
                "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027"
            ]
        );
        let axis = Axis::years(i32::MIN, i32::MAX, 0.4, 8);
        assert!((2..=8).contains(&axis.ticks.len()), "{:?}", labels(&axis));
        let axis = Axis::years(2024, 2024, 0.4, 8);
        assert_eq!(labels(&axis), ["2024"]);
        assert!(axis.high > axis.low);
    }
}
