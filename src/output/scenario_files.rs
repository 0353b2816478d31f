//! The folder of one scenario: CSV tables, charts (PNG, SVG and a chart-ready CSV each) and a
//! README.md that explains them.

use super::csv::CsvLocale;
use super::markdown::{ChartRef, scenario_section};
use super::write::OutFile;
use super::{charts, tables};
use crate::lang::Lang;
use rayon::prelude::*;

use crate::data::Datasets;
use crate::error::Result;
use crate::scenario::ScenarioResult;

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
    let mut files = vec![
        OutFile {
            path: format!("{folder}/results.csv"),
            bytes: tables::results(result).render(locale),
        },
        OutFile {
            path: format!("{folder}/sensitivity.csv"),
            bytes: tables::sensitivity(result).render(locale),
        },
        OutFile {
            path: format!("{folder}/inputs.csv"),
            bytes: tables::inputs(result).render(locale),
        },
        OutFile {
            path: format!("{folder}/published.csv"),
            bytes: tables::published(result, datasets).render(locale),
        },
    ];
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
