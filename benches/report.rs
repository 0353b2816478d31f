//! The parts of `dcfoot report`: running every built-in scenario (model and Monte Carlo),
//! rendering every chart (PNG and SVG, both languages), and writing the tables and pages.
//! `benches/speed.sh` times the whole command from the outside.

use dcfoot::data::Datasets;
use dcfoot::lang::Lang;
use dcfoot::output::chart::{render_png, render_svg};
use dcfoot::output::csv::CsvLocale;
use dcfoot::output::markdown::ChartRef;
use dcfoot::output::meta::ReportMeta;
use dcfoot::output::{charts, report, tables};
use dcfoot::scenario::{self, ScenarioResult};
use dcfoot::uncertainty::McConfig;
use divan::counter::ItemsCount;
use rayon::prelude::*;

fn main() {
    divan::main();
}

fn results(datasets: &Datasets) -> Vec<ScenarioResult> {
    scenario::load_builtins(datasets)
        .expect("scenarios")
        .par_iter()
        .map(|s| scenario::run(s, datasets, McConfig::default()).expect("run"))
        .collect()
}

/// Loading the datasets and the built-in scenario files.
#[divan::bench(sample_count = 20)]
fn load(bencher: divan::Bencher) {
    bencher.bench(|| {
        let datasets = Datasets::builtin().expect("datasets");
        scenario::load_builtins(&datasets).expect("scenarios").len()
    });
}

/// Running every built-in scenario (10,000 draws per variant), in parallel as `report` does.
#[divan::bench(sample_count = 20)]
fn run_scenarios(bencher: divan::Bencher) {
    let datasets = Datasets::builtin().expect("datasets");
    bencher.bench(|| results(&datasets).len());
}

/// Every chart specification of the report (English and French).
fn chart_specs() -> Vec<dcfoot::output::chart::Chart> {
    let datasets = Datasets::builtin().expect("datasets");
    let results = results(&datasets);
    [Lang::En, Lang::Fr]
        .iter()
        .flat_map(|lang| {
            results
                .iter()
                .flat_map(|r| charts::build(r, &datasets, *lang))
        })
        .map(|(chart, _)| chart)
        .collect()
}

/// Rendering every chart of the report to PNG, one thread (the counter gives the time per
/// chart).
#[divan::bench(sample_count = 5)]
fn render_png_each(bencher: divan::Bencher) {
    let specs = chart_specs();
    bencher.counter(ItemsCount::new(specs.len())).bench(|| {
        specs
            .iter()
            .map(|chart| render_png(chart).expect("png").len())
            .sum::<usize>()
    });
}

/// Rendering every chart of the report to SVG, one thread.
#[divan::bench(sample_count = 10)]
fn render_svg_each(bencher: divan::Bencher) {
    let specs = chart_specs();
    bencher.counter(ItemsCount::new(specs.len())).bench(|| {
        specs
            .iter()
            .map(|chart| render_svg(chart).expect("svg").len())
            .sum::<usize>()
    });
}

/// Building and rendering every chart of the report (PNG and SVG, English and French), in
/// parallel as `report` does.
#[divan::bench(sample_count = 10)]
fn render_charts(bencher: divan::Bencher) {
    let specs = chart_specs();
    bencher.counter(ItemsCount::new(specs.len())).bench(|| {
        specs
            .par_iter()
            .map(|chart| {
                render_png(chart).expect("png").len() + render_svg(chart).expect("svg").len()
            })
            .sum::<usize>()
    });
}

/// CSV tables, per-scenario pages and the report pages (both languages).
#[divan::bench(sample_count = 20)]
fn tables_and_pages(bencher: divan::Bencher) {
    let datasets = Datasets::builtin().expect("datasets");
    let results = results(&datasets);
    let meta = ReportMeta {
        full_report: true,
        seed: McConfig::default().seed,
        samples: McConfig::default().samples,
        csv_locale: CsvLocale::Default,
    };
    // The report pages link the charts that the scenario folders built.
    let chart_refs = |lang| -> Vec<Vec<ChartRef>> {
        results
            .iter()
            .map(|result| {
                charts::build(result, &datasets, lang)
                    .into_iter()
                    .map(|(chart, _)| ChartRef {
                        id: chart.id,
                        title: chart.title,
                    })
                    .collect()
            })
            .collect()
    };
    let refs = [chart_refs(Lang::En), chart_refs(Lang::Fr)];
    bencher.bench(|| {
        let mut bytes = 0;
        for (lang, charts) in [Lang::En, Lang::Fr].into_iter().zip(&refs) {
            for result in &results {
                bytes += tables::results(result).render(CsvLocale::Default).len();
                bytes += tables::sensitivity(result).render(CsvLocale::Default).len();
            }
            bytes += report::render(&results, charts, &datasets, lang, &meta)
                .expect("report")
                .iter()
                .map(|file| file.bytes.len())
                .sum::<usize>();
        }
        bytes
    });
}
