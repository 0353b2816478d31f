//! The folder of one scenario: CSV tables, charts (PNG, SVG and a chart-ready CSV each) and a
//! README.md that explains them.

use super::chart::Size;
use super::csv::{CsvLocale, CsvTable};
use super::markdown::{ChartRef, scenario_section};
use super::write::OutFile;
use super::{charts, tables};
use crate::lang::Lang;
use rayon::prelude::*;

use crate::data::Datasets;
use crate::error::Result;
use crate::scenario::ScenarioResult;

/// The CSV tables of a scenario's folder, by file name without `.csv` (`tables.xlsx` has one
/// sheet for each).
pub fn tables(result: &ScenarioResult, datasets: &Datasets) -> Vec<(&'static str, CsvTable)> {
    let mut list = vec![
        ("results", tables::results(result)),
        ("sensitivity", tables::sensitivity(result)),
        ("inputs", tables::inputs(result)),
        ("published", tables::published(result, datasets)),
    ];
    if super::parts_tables::has_components(result) {
        list.push(("components", super::parts_tables::components(result)));
    }
    if super::parts_tables::has_savings(result) {
        list.push(("savings", super::parts_tables::savings(result)));
    }
    list
}

/// A scenario's folder, rendered: its files and the charts among them.
#[derive(Debug)]
pub struct ScenarioFolder {
    /// Every file, with paths relative to the job's output folder.
    pub files: Vec<OutFile>,
    /// The charts, in order, for the report pages to show without building them again.
    pub charts: Vec<ChartRef>,
}

/// Every file of a scenario's folder, in a language.
pub fn render(
    result: &ScenarioResult,
    datasets: &Datasets,
    lang: Lang,
    locale: CsvLocale,
) -> Result<ScenarioFolder> {
    let folder = &result.scenario.id;
    let mut files: Vec<OutFile> = tables(result, datasets)
        .into_iter()
        .map(|(name, table)| OutFile {
            path: format!("{folder}/{name}.csv"),
            bytes: table.render(locale),
        })
        .collect();
    let built = charts::build(result, datasets, lang);
    // Charts render in parallel, each in both layouts (they dominate the run time); files keep
    // the chart order, wide before narrow.
    let rendered: Vec<(Size, Vec<u8>, String)> = built
        .par_iter()
        .flat_map_iter(|(chart, _)| Size::ALL.map(|size| (chart, size)))
        .map(|(chart, size)| {
            Ok((
                size,
                super::chart::render_png_sized(chart, size)?,
                super::chart::render_svg_sized(chart, size)?,
            ))
        })
        .collect::<Result<_>>()?;
    let mut refs = Vec::new();
    let mut rendered = rendered.into_iter();
    for (chart, wide) in &built {
        for (size, png, svg) in rendered.by_ref().take(Size::ALL.len()) {
            let stem = format!("{folder}/charts/{}{}", chart.id, size.suffix());
            files.push(OutFile {
                path: format!("{stem}.png"),
                bytes: png,
            });
            files.push(OutFile {
                path: format!("{stem}.svg"),
                bytes: svg.into_bytes(),
            });
        }
        files.push(OutFile {
            path: format!("{folder}/charts/{}.csv", chart.id),
            bytes: wide.render(locale),
        });
        refs.push(ChartRef {
            id: chart.id.clone(),
            title: chart.title.clone(),
        });
    }
    files.push(OutFile::text(
        format!("{folder}/README.md"),
        scenario_section(result, datasets, lang, 1, "", &refs),
    ));
    Ok(ScenarioFolder {
        files,
        charts: refs,
    })
}
