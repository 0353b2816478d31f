//! Arbitrary bytes as a scenario file: parse it against the built-in datasets and, when it
//! is valid, run it (a few Monte Carlo draws), fill its finding texts and build what is
//! written from the results (CSV tables, chart data, the Markdown section; not the PNG and SVG
//! drawings, which are slow). Any panic or hang is a bug; errors are expected.
#![no_main]

use std::sync::OnceLock;

use dcfoot::data::Datasets;
use dcfoot::lang::Lang;
use dcfoot::output::csv::CsvLocale;
use dcfoot::output::{charts, markdown, tables};
use dcfoot::scenario;
use dcfoot::uncertainty::McConfig;
use libfuzzer_sys::fuzz_target;

fn datasets() -> &'static Datasets {
    static DATASETS: OnceLock<Datasets> = OnceLock::new();
    DATASETS.get_or_init(|| Datasets::builtin().expect("the built-in datasets load"))
}

fuzz_target!(|bytes: &[u8]| {
    // The binary refuses non-UTF-8 files before parsing, and strips a byte-order mark.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(parsed) = scenario::parse("fuzz.toml", text, datasets()) else {
        return;
    };
    let config = McConfig {
        samples: 16,
        seed: 1,
    };
    let Ok(result) = scenario::run(&parsed, datasets(), config) else {
        return;
    };
    for (lang, locale) in [(Lang::En, CsvLocale::Default), (Lang::Fr, CsvLocale::Fr)] {
        let _ = tables::results(&result).render(locale);
        let _ = tables::sensitivity(&result).render(locale);
        let _ = tables::inputs(&result).render(locale);
        let _ = tables::published(&result, datasets()).render(locale);
        for (_, wide) in charts::build(&result, datasets(), lang) {
            let _ = wide.render(locale);
        }
        let _ = markdown::scenario_section(&result, datasets(), lang, 1, "", &[]);
    }
});
