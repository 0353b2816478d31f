//! The folder of one scenario: CSV tables, charts (PNG, SVG and a chart-ready CSV each) and a
//! README.md that explains them.

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
    vec![
        ("results", tables::results(result)),
        ("sensitivity", tables::sensitivity(result)),
        ("inputs", tables::inputs(result)),
        ("published", tables::published(result, datasets)),
    ]
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
    // Charts render in parallel (they dominate the run time); files keep the chart order.
    let rendered: Vec<(Vec<u8>, String)> = built
        .par_iter()
        .map(|(chart, _)| {
            Ok((
                super::chart::render_png(chart)?,
                super::chart::render_svg(chart)?,
            ))
        })
        .collect::<Result<_>>()?;
    let mut refs = Vec::new();
    for ((chart, wide), (png, svg)) in built.iter().zip(rendered) {
        files.push(OutFile {
            path: format!("{folder}/charts/{}.png", chart.id),
            bytes: png,
        });
        files.push(OutFile {
            path: format!("{folder}/charts/{}.svg", chart.id),
            bytes: svg.into_bytes(),
        });
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
