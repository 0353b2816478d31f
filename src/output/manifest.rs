//! Files shared by every scenario of a job: `manifest.json` (provenance of the run) and
//! `sources.csv` (every source cited by the scenarios).

use serde::Serialize;

use super::csv::{Cell, CsvTable};
use super::meta::ReportMeta;
use super::write::{GENERATOR, OutFile};
use crate::VERSION;
use crate::data::Datasets;
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::scenario::ScenarioResult;

/// Source ids cited by the results (inputs, published points, compared estimates,
/// equivalences), sorted.
pub fn cited_sources(results: &[ScenarioResult], datasets: &Datasets) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for result in results {
        for variant in &result.variants {
            for input in &variant.plan.inputs {
                ids.extend(input.sources.iter().cloned());
            }
        }
        for row in super::tables::referenced_rows(result, datasets) {
            ids.extend(row.sources.iter().cloned());
        }
        for finding in &result.scenario.findings {
            for text in [&finding.text.en, &finding.text.fr] {
                for id in crate::scenario::template::rows_in(text) {
                    if let Some(row) = datasets.get(id) {
                        ids.extend(row.sources.iter().cloned());
                    }
                }
            }
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

/// `sources.csv`: the sources with these ids, in order, in the bibliography's own columns
/// (`superseded_by` names the newer edition of a source that has one).
pub fn sources_table(cited: &[String], datasets: &Datasets) -> CsvTable {
    let mut sources = CsvTable::new(crate::data::schema::SOURCE_COLUMNS);
    for id in cited {
        if let Some(source) = datasets.source(id) {
            sources.push(vec![
                source.id.as_str().into(),
                source.authors.as_str().into(),
                source.title.as_str().into(),
                source.publisher.as_str().into(),
                Cell::Text(source.year.clone()),
                Cell::Text(source.edition.clone()),
                source.url.as_str().into(),
                source.locator.as_str().into(),
                source.accessed.as_str().into(),
                source.superseded_by.as_deref().unwrap_or("").into(),
                source.notes.as_str().into(),
            ]);
        }
    }
    sources
}

/// `manifest.json` and `sources.csv`.
pub fn shared_files(
    results: &[ScenarioResult],
    datasets: &Datasets,
    lang: Lang,
    meta: &ReportMeta,
) -> Result<Vec<OutFile>> {
    let cited = cited_sources(results, datasets);
    let sources = sources_table(&cited, datasets);
    let manifest = Manifest {
        generator: GENERATOR,
        version: VERSION,
        command: meta.command(),
        language: lang.code(),
        seed: meta.seed,
        samples: meta.samples,
        csv_locale: meta.csv_locale.as_str(),
        datasets_checksum: datasets.checksum(),
        datasets: datasets
            .origins()
            .iter()
            .map(|(name, origin)| DatasetFile {
                file: name,
                from: match origin {
                    crate::data::Origin::Builtin => "built-in".to_string(),
                    crate::data::Origin::File(path) => recorded_path(path),
                },
            })
            .collect(),
        quantiles: "Hyndman-Fan type 7 (Excel PERCENTILE.INC)",
        rng: "ChaCha8, one stream per input key and chunk of 1024 draws",
        scenarios: results
            .iter()
            .map(|result| ScenarioEntry {
                id: &result.scenario.id,
                file: recorded_path(&result.scenario.path),
                variants: result
                    .variants
                    .iter()
                    .map(|v| v.variant.id.as_str())
                    .collect(),
            })
            .collect(),
        sources_cited: cited.len(),
    };
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|error| Error::Encode {
        what: "manifest.json",
        source: Box::new(error),
    })?;
    text.push('\n');
    Ok(vec![
        OutFile::text("manifest.json", text),
        OutFile {
            path: "sources.csv".into(),
            bytes: sources.render(meta.csv_locale),
        },
    ])
}

/// A file path as `manifest.json` records it: relative to the working folder, so that the
/// same run from two places writes the same bytes and no home folder leaks into a shared
/// report. A path typed relative is kept (without a leading `./`); an absolute path inside the
/// working folder is made relative to it; an absolute path outside it is recorded by its file
/// name only. Built-in files keep their name (`datasets/scenarios/x.toml (built-in)`).
fn recorded_path(path: &str) -> String {
    use std::path::{Component, Path, PathBuf};
    let given = Path::new(path);
    if !given.is_absolute() {
        let kept: PathBuf = given
            .components()
            .filter(|component| !matches!(component, Component::CurDir))
            .collect();
        return kept.to_string_lossy().into_owned();
    }
    let inside = |base: &Path, path: &Path| {
        path.strip_prefix(base)
            .ok()
            .filter(|rest| !rest.as_os_str().is_empty())
            .map(|rest| rest.to_string_lossy().into_owned())
    };
    let here = std::env::current_dir().ok();
    let relative = here.as_deref().and_then(|here| {
        inside(here, given).or_else(|| {
            // The same folders reached through links (`/tmp` → `/private/tmp`).
            let here = here.canonicalize().ok()?;
            inside(&here, &given.canonicalize().ok()?)
        })
    });
    relative.unwrap_or_else(|| {
        given
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    })
}

/// `manifest.json`: what produced a report, so it can be reproduced.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    version: &'static str,
    command: &'static str,
    language: &'static str,
    seed: u64,
    samples: usize,
    csv_locale: &'static str,
    datasets_checksum: &'a str,
    datasets: Vec<DatasetFile<'a>>,
    quantiles: &'static str,
    rng: &'static str,
    scenarios: Vec<ScenarioEntry<'a>>,
    sources_cited: usize,
}

/// Where a dataset file was read from.
#[derive(Debug, Serialize)]
struct DatasetFile<'a> {
    file: &'a str,
    from: String,
}

/// A scenario of the report.
#[derive(Debug, Serialize)]
struct ScenarioEntry<'a> {
    id: &'a str,
    file: String,
    variants: Vec<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::recorded_path;

    #[test]
    fn recorded_paths_do_not_depend_on_where_the_run_started() {
        assert_eq!(recorded_path("./s.toml"), "s.toml");
        assert_eq!(recorded_path("dir/s.toml"), "dir/s.toml");
        assert_eq!(
            recorded_path("datasets/scenarios/x.toml (built-in)"),
            "datasets/scenarios/x.toml (built-in)"
        );
        let here = std::env::current_dir().expect("working folder");
        let inside = here.join("sub").join("s.toml");
        assert_eq!(
            recorded_path(&inside.display().to_string()),
            format!("sub{}s.toml", std::path::MAIN_SEPARATOR)
        );
        assert_eq!(recorded_path("/somewhere/else/home/s.toml"), "s.toml");
    }
}
