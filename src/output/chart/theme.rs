//! The one look every chart shares: colours (Okabe–Ito, colour-blind safe), text sizes, strokes
//! and margins, all in logical units of the 1200 × 675 canvas.
//!
//! Sizes were chosen so that a chart shown 600 px wide in an article column stays readable:
//! tick labels of 19 units print at about 9.5 px there, the smallest size body text allows.

use plotters::style::RGBColor;

/// Okabe–Ito blue.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito orange.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito bluish green.
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe–Ito vermillion.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe–Ito reddish purple.
pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Okabe–Ito sky blue.
pub const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito yellow (fills only: too pale for lines on white).
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
/// Black.
pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Background.
pub const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Colours for lines and markers, in order of use (no yellow: it vanishes on white).
pub const LINE_PALETTE: [RGBColor; 7] = [BLUE, VERMILLION, GREEN, PURPLE, ORANGE, BLACK, SKY];
/// Colours for filled areas (bars, segments), in order of use.
pub const FILL_PALETTE: [RGBColor; 8] =
    [BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK];

/// Title text.
pub const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Labels (categories, legend).
pub const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Secondary text (subtitle, ticks).
pub const MUTED: RGBColor = RGBColor(0x5C, 0x5C, 0x5C);
/// Footer text.
pub const FAINT: RGBColor = RGBColor(0x6E, 0x6E, 0x6E);
/// Gridlines.
pub const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
/// Axis baseline and the footer rule.
pub const AXIS: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
/// Colour for rows whose group is unknown.
pub const UNKNOWN_GROUP: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// Title size (bold).
pub const TITLE_EM: f64 = 31.0;
/// Smallest title size before a long title is shortened with an ellipsis.
pub const MIN_TITLE_EM: f64 = 26.0;
/// Subtitle size.
pub const SUBTITLE_EM: f64 = 21.0;
/// Legend text size.
pub const LEGEND_EM: f64 = 19.0;
/// Tick label size.
pub const TICK_EM: f64 = 19.0;
/// Axis label size.
pub const AXIS_LABEL_EM: f64 = 19.0;
/// Category and row label size (the largest; shrunk down to [`MIN_LABEL_EM`] when long).
pub const LABEL_EM: f64 = 20.0;
/// Smallest category label size before labels are shortened with an ellipsis.
pub const MIN_LABEL_EM: f64 = 15.0;
/// Value labels written on the chart (bar ends, totals, reference lines).
pub const VALUE_EM: f64 = 18.0;
/// Footer text size.
pub const FOOTER_EM: f64 = 15.5;
/// Footer tool line size.
pub const TOOL_EM: f64 = 14.0;
/// Smallest size of any text, however many rows a chart has (the tool line's): 7 px on a wide
/// chart shown 600 px wide, 9.3 px on a narrow chart shown 360 px wide.
pub const MIN_TEXT_EM: f64 = TOOL_EM;

/// Left and right page margin.
pub const MARGIN_X: f64 = 30.0;
/// Top page margin.
pub const MARGIN_TOP: f64 = 22.0;
/// Bottom page margin.
pub const MARGIN_BOTTOM: f64 = 14.0;
/// Line spacing, as a multiple of the text size.
pub const LEADING: f64 = 1.3;

/// Width of median lines and other data lines.
pub const LINE_WIDTH: f64 = 3.5;
/// Width of gridlines.
pub const GRID_WIDTH: f64 = 1.0;
/// Width of error bars.
pub const ERROR_BAR_WIDTH: f64 = 2.0;
/// Opacity of uncertainty bands.
pub const BAND_ALPHA: f64 = 0.2;
/// Radius of markers and dots.
pub const MARKER_RADIUS: f64 = 8.0;

/// `colour` mixed with white: `amount` 0 gives white, 1 the colour itself. Used instead of
/// transparency where shapes must not blend with each other.
pub fn tint(colour: RGBColor, amount: f64) -> RGBColor {
    let amount = amount.clamp(0.0, 1.0);
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * amount).round() as u8;
    RGBColor(mix(colour.0), mix(colour.1), mix(colour.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tint_goes_from_white_to_the_colour() {
        assert_eq!(tint(BLUE, 0.0), WHITE);
        assert_eq!(tint(BLUE, 1.0), BLUE);
        assert_eq!(tint(BLACK, 0.5), RGBColor(128, 128, 128));
    }
}
