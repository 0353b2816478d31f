//! Both layouts of every chart kind: the narrow one's size, its wrapped title, and the
//! reader's check (texts inside the image, none over another, none too small) on the examples
//! of every kind, in English and French.

use super::*;
use crate::output::chart::reader::{min_em, problems};
use crate::output::chart::theme::MIN_TITLE_EM;
use crate::output::chart::{Size, render_png_sized, render_svg_sized, text_boxes};

#[test]
fn narrow_charts_are_1080_by_1350_in_svg_and_png() {
    for chart in examples() {
        let svg = render_svg_sized(&chart, Size::Narrow).expect("SVG");
        assert!(svg.contains(r#"width="1080""#), "{}", chart.id);
        assert!(svg.contains(r#"height="1350""#), "{}", chart.id);
        assert_well_formed(&svg);
        let (info, _) = decode(&render_png_sized(&chart, Size::Narrow).expect("PNG"));
        assert_eq!((info.width, info.height), (1080, 1350), "{}", chart.id);
        // The wide layout is the one `render_svg` draws.
        assert_eq!(
            render_svg_sized(&chart, Size::Wide).expect("SVG"),
            render_svg(&chart).expect("SVG")
        );
    }
}

#[test]
fn a_title_too_long_for_a_line_wraps_whole_in_both_layouts() {
    let mut chart = bars();
    chart.title = "World data centres: electricity used by the facility, with the published \
                   estimates of the agencies"
        .into();
    for size in Size::ALL {
        let boxes = text_boxes(&chart, size).expect("layout");
        let title: Vec<&str> = boxes
            .iter()
            .filter(|text_box| text_box.em >= MIN_TITLE_EM)
            .map(|text_box| text_box.text.as_str())
            .collect();
        assert!(title.len() >= 2, "{size:?}: {title:?}");
        assert_eq!(title.join(" "), chart.title, "{size:?}");
    }
}

#[test]
fn narrow_text_is_larger_on_the_page() {
    // The same text takes more than twice the share of the width in the narrow layout.
    let chart = time_series();
    let smallest = |size: Size| {
        let boxes = text_boxes(&chart, size).expect("layout");
        let width = f64::from(size.logical().0);
        boxes
            .iter()
            .map(|text_box| text_box.em / width)
            .fold(f64::INFINITY, f64::min)
    };
    assert!(smallest(Size::Narrow) > 2.0 * smallest(Size::Wide));
    // At 1080 px wide, the smallest narrow text is at least 27 px: 9 px shown 360 px wide.
    let boxes = text_boxes(&chart, Size::Narrow).expect("layout");
    let least = boxes.iter().map(|b| b.em).fold(f64::INFINITY, f64::min);
    assert!(
        least * f64::from(Size::Narrow.svg_scale()) >= 27.0,
        "{least}"
    );
    assert!(least >= min_em(Size::Narrow));
}

#[test]
fn every_kind_passes_the_readers_check_in_both_layouts_and_languages() {
    let mut checked = 0;
    for mut chart in examples() {
        for lang in [Lang::En, Lang::Fr] {
            chart.lang = lang;
            for size in Size::ALL {
                let found = problems(&chart, size).expect("layout");
                assert!(
                    found.is_empty(),
                    "{} {size:?} {lang:?}: {found:#?}",
                    chart.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 24, "{checked}");
}

#[test]
fn the_readers_check_reports_rows_squeezed_below_the_smallest_size() {
    // Rows squeezed far below the smallest text size must be reported, not passed.
    let mut chart = bars();
    if let ChartKind::Bars { rows } = &mut chart.kind {
        let row = rows[0].clone();
        rows.extend(std::iter::repeat_n(row, 60));
    }
    let found = problems(&chart, Size::Narrow).expect("layout");
    assert!(
        found.iter().any(|problem| problem.contains("units tall")),
        "{found:#?}"
    );
}
