//! The `run` and `report` jobs: load datasets and scenarios, run them, render every output in
//! memory, then write the output folder in one safe step (see [`crate::output::write`]).

use std::path::PathBuf;

use rayon::prelude::*;

use crate::data::Datasets;
use crate::error::{InputError, Location, Result};
use crate::lang::Lang;
use crate::output::csv::CsvLocale;
use crate::output::markdown::ChartRef;
use crate::output::meta::ReportMeta;
use crate::output::write::{self, OutFile};
use crate::output::{manifest, scenario_files};
use crate::scenario::{self, Scenario, ScenarioResult};
use crate::uncertainty::McConfig;

/// What a `run` or `report` job does.
#[derive(Debug, Clone)]
pub struct JobConfig {
    /// Scenario files or built-in names (`run`); empty means every built-in scenario.
    pub scenarios: Vec<String>,
    /// Output folder.
    pub out: PathBuf,
    /// Languages to write: the first at the folder's root, the others in `<lang>/` sub-folders.
    pub languages: Vec<Lang>,
    /// Monte Carlo settings.
    pub mc: McConfig,
    /// CSV flavour.
    pub csv_locale: CsvLocale,
    /// Replace a folder dcfoot did not create.
    pub force: bool,
    /// A datasets folder replacing built-in files.
    pub datasets_dir: Option<PathBuf>,
    /// Write the full report (index.md, index.html) rather than scenario folders only.
    pub report: bool,
}

impl JobConfig {
    /// What the output files say about this job.
    pub fn report_meta(&self) -> ReportMeta {
        ReportMeta {
            full_report: self.report,
            seed: self.mc.seed,
            samples: self.mc.samples,
            csv_locale: self.csv_locale,
        }
    }
}

/// What a job produced.
#[derive(Debug, Clone)]
pub struct JobSummary {
    /// Results of every scenario, in order.
    pub results: Vec<ScenarioResult>,
    /// Number of files written.
    pub files: usize,
    /// Total bytes written.
    pub bytes: usize,
    /// The output folder.
    pub out: PathBuf,
}

/// Progress events, for a progress bar in the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The total number of steps is known.
    Start(u64),
    /// One step is done.
    Step,
    /// Writing the folder.
    Writing,
}

/// Loads the scenarios of a job (every built-in one when none is named), checking ids are
/// unique. No file is written before everything has loaded.
pub fn load_scenarios(names: &[String], datasets: &Datasets) -> Result<Vec<Scenario>> {
    let scenarios = if names.is_empty() {
        scenario::load_builtins(datasets)?
    } else {
        names
            .iter()
            .map(|name| scenario::load(name, datasets))
            .collect::<Result<Vec<_>>>()?
    };
    for (index, scenario) in scenarios.iter().enumerate() {
        if let Some(other) = scenarios[..index]
            .iter()
            .find(|other| other.id == scenario.id)
        {
            return Err(InputError::new(format!(
                "two scenarios have the id `{}` ({} and {})",
                scenario.id, other.path, scenario.path
            ))
            .at(Location::Path(scenario.path.clone()))
            .hint("each scenario writes a folder named after its id; give them different ids")
            .into());
        }
    }
    Ok(scenarios)
}

/// Runs a job and writes its output folder.
pub fn execute(config: &JobConfig, progress: &(dyn Fn(Progress) + Sync)) -> Result<JobSummary> {
    crate::uncertainty::mc::check_samples(config.mc.samples).map_err(|error| {
        let input = InputError::new(format!("Monte Carlo sample count: {error}"));
        match error.hint() {
            Some(hint) => input.hint(hint),
            None => input,
        }
    })?;
    let target = write::prepare(&config.out, config.force)?;
    let datasets = Datasets::load(config.datasets_dir.as_deref())?;
    let scenarios = load_scenarios(&config.scenarios, &datasets)?;
    progress(Progress::Start(
        (scenarios.len() * (1 + config.languages.len())) as u64,
    ));
    let results: Vec<ScenarioResult> = scenarios
        .par_iter()
        .map(|scenario| {
            let result = scenario::run(scenario, &datasets, config.mc);
            progress(Progress::Step);
            result
        })
        .collect::<Result<Vec<_>>>()?;

    // Files go into the staging folder as soon as they are rendered, from every thread.
    let staging = target.stage()?;
    let written = std::sync::atomic::AtomicUsize::new(0);
    let bytes = std::sync::atomic::AtomicUsize::new(0);
    let write = |file: &OutFile| -> Result<()> {
        staging.write(file)?;
        written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        bytes.fetch_add(file.bytes.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(())
    };
    let prefix = |index: usize, lang: Lang| {
        if index == 0 {
            String::new()
        } else {
            format!("{}/", lang.code())
        }
    };
    // Every (language, scenario) folder in one parallel pass, then the shared files.
    let jobs: Vec<(usize, Lang, &ScenarioResult)> = config
        .languages
        .iter()
        .enumerate()
        .flat_map(|(index, lang)| results.iter().map(move |result| (index, *lang, result)))
        .collect();
    let charts: Vec<Vec<ChartRef>> = jobs
        .par_iter()
        .map(|(index, lang, result)| {
            let folder = scenario_files::render(result, &datasets, *lang, config.csv_locale)?;
            progress(Progress::Step);
            folder.files.into_iter().try_for_each(|file| {
                write(&OutFile {
                    path: format!("{}{}", prefix(*index, *lang), file.path),
                    bytes: file.bytes,
                })
            })?;
            Ok(folder.charts)
        })
        .collect::<Result<_>>()?;
    progress(Progress::Writing);
    let meta = config.report_meta();
    for (index, lang) in config.languages.iter().enumerate() {
        // The jobs ran language by language, every scenario in order.
        let charts = &charts[index * results.len()..(index + 1) * results.len()];
        let prefix = prefix(index, *lang);
        let shared = manifest::shared_files(&results, &datasets, *lang, &meta)?;
        let pages = crate::output::report::render(&results, charts, &datasets, *lang, &meta)?;
        let workbook = crate::output::xlsx::workbook(&results, &datasets, *lang)?;
        for file in shared.into_iter().chain(pages).chain([workbook]) {
            write(&OutFile {
                path: format!("{prefix}{}", file.path),
                bytes: file.bytes,
            })?;
        }
    }
    staging.commit()?;
    Ok(JobSummary {
        files: written.into_inner(),
        bytes: bytes.into_inner(),
        results,
        out: config.out.clone(),
    })
}
